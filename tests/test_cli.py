import json

import pytest

from kg.cli import cli


def test_every_command_has_help_with_an_example(run):
    for name, cmd in cli.commands.items():
        r = run(name, "--help")
        assert r.exit_code == 0, name
        assert "Example" in r.output and f"kg {name}" in r.output.replace("kg --store kg.db", "kg"), name


def test_who_met_whom_turkey(run, seed_db):
    r = run("who-met-whom", "Turkey", "--json", store=seed_db)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.output)
    assert [(x["date"], x["place"], sorted(w["code"] for w in x["with"])) for x in rows] == [
        ("2022-12-28", "Moscow", ["RUS", "SYR"]),
        ("2023-01-03", "Ankara", ["SYR-OPP"]),
    ]
    assert "brought together the defense ministers" in rows[0]["evidence"][0]["sentence"]


def test_who_met_whom_table_is_readable(run, seed_db):
    r = run("who-met-whom", "Ankara", store=seed_db)
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0].split() == ["date", "place", "with", "evidence", "source"]
    assert lines[2].startswith("2022-12-28  Moscow  Russia, Syria")


def test_who_met_whom_person_and_code_levels(run, seed_db):
    r = run("who-met-whom", "Mevlut Cavusoglu", "--level", "person", "--json", store=seed_db)
    (row,) = json.loads(r.output)
    assert sorted(w["name"] for w in row["with"]) == ["Abdul Rahman Mustafa", "Badr Jamous", "Salem Al-Muslat"]
    assert row["date"] == "2023-01-03" and row["place"] == "Ankara"
    r = run("who-met-whom", "Mevlut Cavusoglu", "--level", "code", "--json", store=seed_db)
    (row,) = json.loads(r.output)
    assert [w["code"] for w in row["with"]] == ["SYR-OPP"]


@pytest.mark.parametrize("args, expected", [
    (["--with", "Russia"], ["2022-12-28"]),
    (["--with", "Syrian opposition"], ["2023-01-03"]),
    (["--since", "2023-01-01"], ["2023-01-03"]),
    (["--until", "2022-12-31"], ["2022-12-28"]),
])
def test_who_met_whom_filters(run, seed_db, args, expected):
    r = run("who-met-whom", "TUR", *args, "--json", store=seed_db)
    assert [x["date"] for x in json.loads(r.output)] == expected


def test_unknown_actor_suggests_close_names(run, seed_db):
    r = run("who-met-whom", "Cavusoglo", store=seed_db)
    assert r.exit_code == 1
    assert r.output.startswith("Error: unknown actor 'Cavusoglo'; did you mean: Mevlut Cavusoglu")


def test_bad_date_is_a_usage_error(run, seed_db):
    r = run("who-met-whom", "Turkey", "--since", "last week", store=seed_db)
    assert r.exit_code == 2 and "'last week' is not a date" in r.output


def test_relations(run, seed_db):
    r = run("relations", "United States", "--json", store=seed_db)
    rows = json.loads(r.output)
    assert sorted((x["type"], x["direction"], x["other"]["code"]) for x in rows) == [
        ("ACCUSED", "out", "SYR"), ("CALLED_ON", "out", "WORLD"), ("CRITICIZED", "out", "SYR")]
    r = run("relations", "Syria", "--type", "accused", "--json", store=seed_db)
    assert sorted((x["direction"], x["other"]["code"]) for x in json.loads(r.output)) == [
        ("in", "SYR-OPP"), ("in", "USA")]
    r = run("relations", "Syria", "--type", "HUGGED", store=seed_db)
    assert r.exit_code == 1 and "unknown relation type 'HUGGED'" in r.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "table"])
def test_relations_formats(run, seed_db, fmt):
    r = run("relations", "Turkey", "--format", fmt, store=seed_db)
    assert r.exit_code == 0 and "SUPPORTED" in r.output


def test_actors_and_stats(run, seed_db):
    r = run("actors", "syrian", "--json", store=seed_db)
    assert {"SYR-OPP.syrian-national-coalition", "SYR-OPP"} <= {a["id"] for a in json.loads(r.output)}
    r = run("actors", "--unresolved", "--json", store=seed_db)
    assert json.loads(r.output) == []
    r = run("stats", "--json", store=seed_db)
    s = json.loads(r.output)
    assert s["events"] == 13 and s["events_by_type"]["MET"] == 2
    assert "events_by_type" not in run("stats", store=seed_db).output


def test_ingest_reports_errors_and_exits_1_only_when_nothing_loaded(run, tmp_path):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("statements:\n  - {type: MET, participants: [Iran, Iraq], date: 2023-05-01}\n")
    bad.write_text("statements:\n  - {type: MET, participants: [Iran, Narnia], date: 2023-05-01}\n")
    r = run("ingest", str(good), str(bad), store=tmp_path / "kg.db")
    assert r.exit_code == 0
    assert f"Error: {bad}:2: unknown actor 'Narnia'" in r.output
    assert "1 event(s)" in r.output and "1 error(s)" in r.output
    r = run("ingest", str(bad), store=tmp_path / "other.db")
    assert r.exit_code == 1
    r = run("ingest", str(tmp_path / "nope.md"), store=tmp_path / "other.db")
    assert r.exit_code == 1 and "no such file" in r.output


def test_ingest_json_summary(run, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("statements:\n  - {type: AGREED, participants: [Iran, Iraq], date: 2023-05-01}\n")
    r = run("ingest", "--json", str(good), store=tmp_path / "kg.db")
    assert json.loads(r.output[r.output.index("{"):]) | {"warnings": []} == {
        "files": 1, "actors": 2, "articles": 1, "events": 1, "sources": 1, "skipped": 0, "ignored": 0, "errors": [],
        "warnings": [], "failed": []}


def test_store_from_environment(run, seed_db, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("KG_STORE", str(seed_db))
    r = CliRunner().invoke(cli, ["stats", "--json"])
    assert json.loads(r.output)["store"] == str(seed_db)


def test_actor_overlay_option(run, tmp_path):
    overlay = tmp_path / "mine.yaml"
    overlay.write_text("actors:\n  - {name: Jane Doughty, kind: person, code: GBR, role: envoy}\n")
    st = tmp_path / "s.yaml"
    st.write_text("statements:\n  - {type: MET, participants: [Jane Doughty, Iran], date: 2023-05-01}\n")
    from click.testing import CliRunner

    r = CliRunner().invoke(cli, ["--store", str(tmp_path / "kg.db"), "--actors", str(overlay), "ingest", str(st)])
    assert r.exit_code == 0 and "1 event(s)" in r.output, r.output
    r = run("who-met-whom", "Jane Doughty", "--json", store=tmp_path / "kg.db")
    assert json.loads(r.output)[0]["with"] == [{"code": "IRN", "name": "Iran"}]


def test_every_kind_of_bad_input_is_one_line_naming_the_file(run, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    bad = {
        "malformed.yaml": b"statements: [unclosed\n",
        "unknown_type.yaml": b"statements:\n  - {type: HUGGED, participants: [Iran, Iraq], date: 2023-05-01}\n",
        "unknown_actor.yaml": b"statements:\n  - {type: MET, participants: [Iran, Narnia], date: 2023-05-01}\n",
        "missing_date.yaml": b"statements:\n  - {type: MET, participants: [Iran, Iraq]}\n",
        "impossible_date.yaml": b"statements:\n  - {type: MET, participants: [Iran, Iraq], date: 2023-02-30}\n",
        "latin1.md": b"---\ntitle: x\n---\nS\xe3o Paulo\n",
        "empty.txt": b"",
        "binary.md": b"\x7fELF\x02\x01\x01\x00\x00\x00",
    }
    for name, data in bad.items():
        (d / name).write_bytes(data)
    with (d / "huge.txt").open("wb") as f:
        f.truncate(50_000_000)
    r = run("ingest", str(d), store=tmp_path / "kg.db")
    errors = [line for line in r.output.splitlines() if line.startswith("Error: ")]
    assert r.exit_code == 1, r.output          # nothing at all could be loaded
    assert len(errors) == len(bad) + 1
    for line in errors:
        assert str(d) in line
    lines = {line.split(str(d) + "/")[1].split(":")[0]: line for line in errors}
    assert set(lines) == set(bad) | {"huge.txt"}
    assert ":2: unknown relation type 'HUGGED'" in lines["unknown_type.yaml"]
    assert ":2: impossible date" in lines["impossible_date.yaml"]
    assert ":4: not UTF-8" in lines["latin1.md"]
    (d / "good.yaml").write_text("statements:\n  - {type: MET, participants: [Iran, Iraq], date: 2023-05-01}\n")
    r = run("ingest", str(d), store=tmp_path / "kg.db")
    assert r.exit_code == 0 and "1 event(s)" in r.output
