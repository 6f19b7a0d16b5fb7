"""Event datasets in: GDELT (real rows and our own), ICEWS and POLECAT (our own rows in their layouts)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from kg.ingest import ingest, make_slice
from kg.model import Event
from kg.store.base import EventFilter
from kg.store.sqlite import SqliteStore
from loaders import dataset_format
from loaders.eventdata import CodeMap

DATA = Path(__file__).parent / "data" / "events"


# -- rows in the datasets' layouts ------------------------------------------------------------------
def gdelt_row(gid, date="20230105", a1=("", "", "", "", ""), a2=("", "", "", "", ""), code="043",
              width=61, url="https://example.org/story", mentions="4", tone="-1.5", place="Ankara, Turkey"):
    """A GDELT row: actor = (code, name, country, known group, type1); width 61 (2.0), 58 or 57 (1.0)."""
    f = [""] * width
    f[0], f[1] = str(gid), date
    for base, (acode, name, country, group, t1) in ((5, a1), (15, a2)):
        f[base], f[base + 1], f[base + 2], f[base + 3], f[base + 7] = acode, name, country, group, t1
    f[26], f[27], f[28], f[29], f[30] = code, code[:3], code[:2], "1", "1.9"
    f[31], f[32], f[33], f[34] = mentions, "1", mentions, tone
    geo = 52 if width == 61 else 50
    f[geo] = place
    f[geo - 1] = "4"
    f[geo + 3], f[geo + 4] = "39", "32"          # whole-number coordinates, as GDELT writes some
    if width == 61:
        f[59], f[60] = "20230105120000", url
    elif width == 58:
        f[56], f[57] = "20230105", url
    else:
        f[56] = "20230105"
    return "\t".join(f)


TUR_GOV = ("TURGOV", "RECEP TAYYIP ERDOGAN", "TUR", "", "GOV")
SYR = ("SYR", "SYRIA", "SYR", "", "")
SYR_OPP = ("SYROPP", "SYRIAN OPPOSITION", "SYR", "", "OPP")
UN = ("IGOUNO", "UNITED NATIONS", "", "UNO", "IGO")
GOV_ONLY = ("GOV", "PRESIDENT", "", "", "GOV")
NONE = ("", "", "", "", "")


@pytest.fixture
def store(tmp_path):
    with SqliteStore(tmp_path / "kg.db") as s:
        yield s


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gdelt_rows_map_types_actors_and_quirks(store, tmp_path):
    f = write(tmp_path / "20230105.export.CSV", [
        gdelt_row(1, a1=TUR_GOV, a2=SYR, code="043"),                       # MET, symmetric
        gdelt_row(2, a1=SYR, a2=TUR_GOV, code="042", url="https://other.example/x"),   # the same meeting, again
        gdelt_row(3, a1=UN, a2=SYR_OPP, code="1121"),                       # ACCUSED: UN -> SYR-OPP
        gdelt_row(4, a1=GOV_ONLY, a2=SYR, code="111"),                      # type-only actor: skipped
        gdelt_row(5, a1=TUR_GOV, a2=NONE, code="190"),                      # one actor: skipped
        gdelt_row(6, a1=TUR_GOV, a2=SYR, code="0841"),                      # RETREAT: outside our types
        gdelt_row(7, a1=TUR_GOV, a2=("TURMIL", "", "TUR", "", "MIL"), code="190"),   # both roll up to TUR
        gdelt_row(8, a1=TUR_GOV, a2=SYR, code="044", width=58, url="BBC Monitoring"),  # 1.0 daily row
        gdelt_row(9, a1=SYR, a2=TUR_GOV, code="193", width=57, date="20230106"),      # 1.0 back-file row
    ])
    report = ingest(store, [f])
    assert report.errors == []
    assert report.rows == 9
    assert report.skipped_rows == {"actor without a country": 1, "no actor": 1,
                                   "event code outside our types": 1, "same party on both sides": 1}
    assert report.skipped_codes == {"0841": 1}
    assert report.counts.events == 3 and report.counts.sources == 5
    events = {e.type: e for e in store.events()}
    met = [e for e in store.events() if e.type == "MET"]
    assert len(met) == 1                                    # rows 1, 2 and 8: one meeting, three sources
    assert met[0].participants == ("SYR", "TUR") and met[0].origin == "gdelt"
    assert [(p.rule, p.source) for p in met[0].provenance] == [
        ("gdelt:1", "https://example.org/story"), ("gdelt:2", "https://other.example/x"),
        ("gdelt:8", "BBC Monitoring")]
    assert met[0].mode == "visit" and met[0].place == "Ankara, Turkey"
    assert met[0].attrs["num_mentions"] == 4 and met[0].attrs["avg_tone"] == -1.5
    acc = events["ACCUSED"]
    assert (acc.source, acc.target, acc.date) == ("UN", "SYR-OPP", dt.date(2023, 1, 5))
    att = events["ATTACKED"]                                # 193 under the schema's root 190
    assert (att.source, att.target, att.date, att.provenance[0].source) == ("SYR", "TUR", dt.date(2023, 1, 6), None)
    assert store.actor("SYR-OPP").kind == "opposition"


def test_reingest_is_a_no_op_and_dataset_events_never_merge_with_ours(store, tmp_path):
    f = write(tmp_path / "x.export.CSV", [gdelt_row(1, a1=TUR_GOV, a2=SYR, code="040")])
    first = ingest(store, [f])
    again = ingest(store, [f])
    assert first.counts.events == 1
    assert again.counts.to_dict() == {"actors": 0, "articles": 0, "events": 0, "sources": 0}
    ours = Event("MET", participants=("TUR", "SYR"), date=dt.date(2023, 1, 5))
    store.write(events=[ours])
    got = sorted(store.events(), key=lambda e: e.origin or "~")
    assert [e.origin for e in got] == ["gdelt", None]
    assert got[0].id != ours.id and got[1].id == ours.id


def test_real_gdelt_rows(store):
    """The real GDELT 2.0 and 1.0 rows (57/58-column mix, BBC Monitoring, type-only codes) load cleanly."""
    report = ingest(store, [DATA / "gdelt2-sample.export.CSV", DATA / "gdelt1-sample.export.CSV"])
    assert report.errors == [] and report.rows == 200
    assert report.skipped_rows["actor without a country"] == 65     # GOV, EDU ... without a country
    assert report.skipped_codes["010"] == 15
    assert (report.counts.events, report.counts.sources) == (19, 37)   # GDELT codes a story many times
    events = list(store.events())
    assert {e.origin for e in events} == {"gdelt"}
    met = [e for e in events if e.type == "MET" and e.participants == ("GBR", "USA")]
    assert met and met[0].date == dt.date(1979, 12, 31) and met[0].provenance[0].rule == "gdelt:230397970"


def test_malformed_rows_are_file_line_errors_and_never_stop_the_file(store, tmp_path):
    f = write(tmp_path / "bad.export.CSV", [
        gdelt_row(1, a1=TUR_GOV, a2=SYR, code="040"),
        "1\t2\t3",
        gdelt_row(3, date="2023013X", a1=TUR_GOV, a2=SYR, code="040"),
        gdelt_row(4, a1=TUR_GOV, a2=SYR, code="111", mentions="many"),
        gdelt_row(5, a1=TUR_GOV, a2=SYR, code="111"),
    ])
    report = ingest(store, [f])
    assert report.errors == [
        f"{f}:2: 3 columns; a GDELT 2.0 row has 61, a GDELT 1.0 row 57 or 58",
        f"{f}:3: SQLDATE '2023013X' is not a date (YYYYMMDD)",
        f"{f}:4: NumMentions 'many' is not a number"]
    assert report.skipped_rows["malformed row"] == 3
    assert sorted(e.type for e in store.events()) == ["CRITICIZED", "MET"]


def test_slicing_on_the_way_in(store, tmp_path):
    f = write(tmp_path / "s.export.CSV", [
        gdelt_row(1, date="20230101", a1=TUR_GOV, a2=SYR, code="040"),
        gdelt_row(2, date="20230110", a1=TUR_GOV, a2=SYR, code="111"),
        gdelt_row(3, date="20230110", a1=UN, a2=("RUS", "", "RUS", "", ""), code="111"),
        gdelt_row(4, date="20230120", a1=TUR_GOV, a2=SYR, code="111"),
    ])
    report = ingest(store, [f], slice_=make_slice(since=dt.date(2023, 1, 5), until=dt.date(2023, 1, 15),
                                                   actors="Turkey,SYR", types="CRITICIZED"))
    assert report.counts.events == 1
    assert report.skipped_rows == {"filtered: --since/--until": 2, "filtered: --actors": 1}
    (e,) = store.events()
    assert (e.type, e.source, e.target, e.date) == ("CRITICIZED", "TUR", "SYR", dt.date(2023, 1, 10))
    report = ingest(store, [f], slice_=make_slice(types="MET"))
    assert report.counts.events == 1 and report.skipped_rows["filtered: --types"] == 3


def test_zip_and_names(store, tmp_path):
    z = tmp_path / "20230105.export.CSV.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("20230105.export.CSV", gdelt_row(1, a1=TUR_GOV, a2=SYR, code="036") + "\n")
    assert ingest(store, [z]).counts.events == 1
    assert [e.type for e in store.events()] == ["PLANS_TO_MEET"]
    assert [dataset_format(n) for n in ("20150218230000.export.CSV", "x.translation.export.CSV.zip",
                                        "events.2018.20200427.tab", "ngecEvents.2023.txt", "a.csv")] == [
        "gdelt", "gdelt", "icews", "polecat", None]


# -- ICEWS: our own rows in the Dataverse layout -----------------------------------------------------
ICEWS_HEADER = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]


def icews_row(eid, src, src_sec, src_c, code, tgt, tgt_sec, tgt_c, date="2021-03-02", intensity="1"):
    return "\t".join([str(eid), date, src, src_sec, src_c, "Consult", code, intensity, tgt, tgt_sec, tgt_c,
                      "9001", "1", "Example Wire", "Ankara", "NA", "Ankara", "Turkey", "39.9", "32.8"])


def test_icews_rows(store, tmp_path):
    f = write(tmp_path / "events.2021.test.tab", ["\t".join(ICEWS_HEADER),
        icews_row(1, "Mevlut Cavusoglu", "Executive,Foreign Ministry,Government", "Turkey", "040",
                  "Faisal Mekdad", "Government,Executive", "Syria"),
        icews_row(2, "Police (Turkey)", "Police,Government", "Turkey", "43",          # leading zero dropped
                  "Citizen (Syria)", "General Population / Civilian / Social", "Syria"),
        icews_row(3, "Syria", "NA", "Syria", "111", "European Union", "NA", "NA", intensity="-2"),
        icews_row(4, "Rebel Group (Syria)", "Insurgents", "Syria", "190", "Turkey", "NA", "Turkey"),
        icews_row(5, "Turkey", "NA", "Turkey", "173", "Syria", "NA", "Syria"),         # arrest: not ours
        icews_row(6, "Someone", "NA", "NA", "040", "Syria", "NA", "Syria"),            # no country
        "7\t2021-03-02\tshort row",
    ])
    report = ingest(store, [f])
    assert report.errors == [f"{f}:8: 3 columns, the header names 20"]
    assert report.skipped_rows == {"event code outside our types": 1, "actor without a country": 1,
                                   "malformed row": 1}
    assert report.skipped_codes == {"173": 1}
    by_type = {e.type: e for e in store.events()}
    met = [e for e in store.events() if e.type == "MET"]
    assert {e.participants for e in met} == {("person:faisal-mekdad", "person:mevlut-cavusoglu"),
                                             ("SYR-CIV", "TUR.police")}
    assert store.actor("person:mevlut-cavusoglu").code == "TUR"
    assert store.actor("TUR.police").name == "Police (Turkey)"
    crit = by_type["CRITICIZED"]
    assert (crit.source, crit.target, crit.origin, crit.attrs["intensity"]) == ("SYR", "EU", "icews", -2.0)
    assert crit.provenance[0].rule == "icews:3"
    assert crit.provenance[0].source == "Example Wire (story 9001, sentence 1)"
    assert (by_type["ATTACKED"].source, by_type["ATTACKED"].target) == ("SYR-REB", "TUR")
    assert ingest(store, [f]).counts.events == 0


# -- POLECAT: our own rows in its 41-column layout, with the published quirks -----------------------
POLECAT_HEADER = ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
                  "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
                  "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country",
                  "Recipient COW", "Primary Recipient Sector", "Recipient Sectors", "Recipient Title",
                  "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City", "District", "Province",
                  "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
                  "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
                  "Version"]


def polecat_row(eid, etype, mode, actor, recipient, intensity="1", headline=None):
    """actor/recipient = (name, country, primary sector, title)."""
    v = dict.fromkeys(POLECAT_HEADER, "")
    v.update({"Event ID": str(eid), "Event Date": "2022-12-28", "Event Type": etype, "Event Mode": mode,
              "Intensity": intensity, "Quad Code": "VERBAL COOPERATION", "Placename": "Moscow",
              "Source": "Example Agency", "Language": "en", "Version": "1.0"})
    for side, (name, country, sector, title) in (("Actor", actor), ("Recipient", recipient)):
        v[f"{side} Name"], v[f"{side} Country"], v[f"Primary {side} Sector"], v[f"{side} Title"] = \
            name, country, sector, title
    cells = [v[h] for h in POLECAT_HEADER]
    if headline is not None:
        cells.append(headline)
    return "\t".join(cells)


def test_polecat_rows_and_quirks(store, tmp_path):
    header = [h if h != "Intensity" else "Event Intensity" for h in POLECAT_HEADER] + ["Headline"]
    f = write(tmp_path / "polecat-test.tsv", ["\t".join(header),
        polecat_row(1, "CONSULT", "visit", ("Kemal Aydin", "TUR", "GOV", "Defense Minister"),
                    ("Sergei Shoigu", "RUS", "GOV", "Defense Minister"), headline="Defence ministers meet"),
        polecat_row(2, "ACCUSE", "disapprove", ("", "USA", "GOV", ""), ("", "SYR", "GOV", "")) + "\t\t",
        polecat_row(3, "ACCUSE", "investigate", ("", "USA", "GOV", ""), ("", "SYR", "GOV", "")),
        polecat_row(4, "PROTEST", "demo", ("", "SYR", "CVL", ""), ("", "SYR", "GOV", "")),
        polecat_row(5, "ASSAULT", "", ("", "SYR", "REB", ""), ("", "TUR", "MIL", ""), intensity="-8"),
    ])
    report = ingest(store, [f])
    assert report.errors == []
    assert report.skipped_codes == {"ACCUSE/investigate": 1, "PROTEST/demo": 1}
    by_type = {e.type: e for e in store.events()}
    met = by_type["MET"]
    assert met.participants == ("person:kemal-aydin", "person:sergei-shoigu") and met.mode == "visit"
    assert met.provenance[0].sentence == "Defence ministers meet" and met.provenance[0].rule == "polecat:1"
    assert store.actor("person:kemal-aydin").role == "Defense Minister"   # a name the registry does not know
    assert (by_type["CRITICIZED"].source, by_type["CRITICIZED"].target) == ("USA", "SYR")
    att = by_type["ATTACKED"]
    assert (att.source, att.target, att.origin, att.attrs["intensity"]) == ("SYR-REB", "TUR", "polecat", -8.0)


def test_plover_and_cameo_mapping_comes_from_schema():
    m = CodeMap.builtin()
    assert [m.cameo(c) for c in ("040", "041", "044", "045", "0311", "1122", "163", "195", "1712")] == [
        "MET", "MET", "MET", "MEDIATED", "PROMISED", "ACCUSED", "SANCTIONED", "ATTACKED", None]
    assert [m.plover(c, mode) for c, mode in (("CONSULT", "third-party"), ("SUPPORT", ""), ("AGREE", ""),
                                              ("ACCUSE", "allege"), ("COERCE", "arrest"))] == [
        "MET", "SUPPORTED", "PROMISED", "ACCUSED", None]


# -- the CLI, the queries and the store ---------------------------------------------------------------
def test_cli_ingest_format_summary_and_queries(run, tmp_path):
    f = write(tmp_path / "any-name.tsv", [
        gdelt_row(1, a1=TUR_GOV, a2=SYR, code="040"), gdelt_row(2, a1=TUR_GOV, a2=SYR, code="111"),
        gdelt_row(3, a1=TUR_GOV, a2=SYR, code="010")])
    db = tmp_path / "kg.db"
    r = run("ingest", "--format", "gdelt", f, store=db)
    assert r.exit_code == 0, r.output
    assert "2 event(s), 2 source(s)" in r.output
    assert "3 dataset row(s) read; skipped: 1 event code outside our types; codes outside our types: 010 ×1." \
        in r.output
    r = run("ingest", "--format", "gdelt", f, "--json", store=db)
    out = json.loads(r.stdout)
    assert (out["events"], out["rows"], out["skipped_by_code"]) == (0, 3, {"010": 1})
    r = run("who-met-whom", "Turkey", "--json", store=db)
    assert [[w["code"] for w in row["with"]] for row in json.loads(r.stdout)] == [["SYR"]]
    r = run("relations", "TUR", "--type", "CRITICIZED", "--json", store=db)
    assert [(x["other"]["code"], x["direction"]) for x in json.loads(r.stdout)] == [("SYR", "out")]
    r = run("query", "stance_matrix", "--json", store=db)
    assert r.exit_code == 0 and json.loads(r.stdout)
    r = run("query", "--cypher", 'MATCH (a:Actor)-[r:CRITICIZED]->(b:Actor) RETURN a.id, r.origin', "--json",
            store=db)
    assert json.loads(r.stdout) == [{"a.id": "TUR", "r.origin": "gdelt"}]
    r = run("view", "-o", tmp_path / "g.html", store=db)
    assert r.exit_code == 0 and (tmp_path / "g.html").exists()
    r = run("ingest", "--types", "NOPE", "--format", "gdelt", f, store=db)
    assert r.exit_code == 1 and "NOPE" in r.output


def test_v1_store_gains_the_origin_columns(v1_store):
    with SqliteStore(v1_store) as s:
        (e,) = s.events(EventFilter())
        assert (e.id, e.origin) == ("e1", None)
        s.write(events=[Event("MET", participants=("TUR", "SYR"), date=dt.date(2023, 1, 5), origin="gdelt")])
        assert {e.origin for e in s.events()} == {None, "gdelt"}


def test_origin_shows_or_hides_dataset_events_in_lookups_and_views(run, store_url, tmp_path):
    """GDELT's meeting of Turkey and Syria beside our own curated one with Iran: `--origin` picks."""
    f = write(tmp_path / "day.export.CSV", [gdelt_row(1, a1=TUR_GOV, a2=SYR, code="040")])
    own = tmp_path / "own.yaml"
    own.write_text("statements:\n  - {type: MET, participants: [Turkey, Iran], date: 2023-01-06}\n")
    assert run("ingest", f, own, store=store_url).exit_code == 0

    def met(*origins):
        r = run("who-met-whom", "Turkey", "--json", *[x for o in origins for x in ("--origin", o)], store=store_url)
        assert r.exit_code == 0, r.output
        return [w["code"] for row in json.loads(r.stdout) for w in row["with"]]

    assert met() == ["SYR", "IRN"]
    assert met("own") == ["IRN"]
    assert met("gdelt") == ["SYR"]
    assert met("gdelt", "own") == ["SYR", "IRN"]
    r = run("relations", "Turkey", "--origin", "gdelt", "--json", store=store_url)
    assert [x["other"]["code"] for x in json.loads(r.stdout)] == ["SYR"]
    out = tmp_path / "own.html"
    r = run("view", "--origin", "own", "--level", "code", "-o", out, store=store_url)
    assert r.exit_code == 0, r.output
    assert "2 actors, 1 event" in r.output and "from own" in out.read_text() and "Iran" in out.read_text()
