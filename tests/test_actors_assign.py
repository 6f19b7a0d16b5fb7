"""`kg actors --unresolved` and `kg actors assign`: one decision, recorded in the overlay and applied
to what the store holds, so the events roll up to the new code in every question, on both stores."""

from __future__ import annotations

import json

import pytest
import yaml

STATEMENTS = """\
actors:
  - {name: Jane Roe, kind: person}
statements:
  - {type: MET, participants: [Jane Roe, Japan], date: 2024-03-04, place: Tokyo}
  - {type: CRITICIZED, from: Jane Roe, to: Iran, date: 2024-03-05}
  - {type: MET, participants: [Canada, Japan], date: 2024-03-06}
"""


@pytest.fixture
def loaded(run, store_url, tmp_path):
    path = tmp_path / "roe.yaml"
    path.write_text(STATEMENTS)
    r = run("ingest", str(path), store=store_url)
    assert r.exit_code == 0, r.output
    return store_url


def _usa_meetings(run, store):
    r = run("who-met-whom", "United States", "--json", store=store)
    return json.loads(r.output) if r.exit_code == 0 else []


def test_unresolved_lists_events_held_up_and_a_suggestion(run, loaded):
    r = run("actors", "--unresolved", "--json", store=loaded)
    rows = json.loads(r.output)
    assert [(x["id"], x["events"]) for x in rows] == [("person:jane-roe", 2)]
    # Japan leads the file, but Jane Roe met Japan: the other party is no guess for her own country
    assert rows[0]["suggested"] is None and "other party" in rows[0]["why"]


def test_unresolved_suggests_the_focus_country_she_did_not_deal_with(run, store_url, tmp_path):
    path = tmp_path / "kim.yaml"
    path.write_text("actors:\n  - {name: Kim Doe, kind: person}\nstatements:\n"
                    "  - {type: CRITICIZED, from: Kim Doe, to: Iran, date: 2024-03-05}\n"
                    "  - {type: MET, participants: [Canada, Japan], date: 2024-03-06}\n"
                    "  - {type: SUPPORTED, from: Japan, to: Ukraine, date: 2024-03-07}\n")
    assert run("ingest", str(path), store=store_url).exit_code == 0
    rows = json.loads(run("actors", "--unresolved", "--json", store=store_url).output)
    assert [(x["id"], x["events"], x["suggested"]) for x in rows] == [("person:kim-doe", 1, "JPN")]
    assert "focus" in rows[0]["why"]


def test_assign_moves_stored_events_to_the_code_everywhere(run, loaded, tmp_path):
    overlay = tmp_path / "mine" / "actors.yaml"          # absent: assign creates it
    assert _usa_meetings(run, loaded) == []
    r = run("--actors", str(overlay), "actors", "assign", "jane roe", "USA", "--role", "Secretary of State",
            "--json", store=loaded)
    assert r.exit_code == 0, r.output
    result = json.loads(r.output)
    assert result["actors"] == ["person:jane-roe"] and result["events"] == 2

    # the overlay records the decision in the documented format, and the registry reads it back
    rows = yaml.safe_load(overlay.read_text())["actors"]
    assert rows == [{"id": "person:jane-roe", "name": "Jane Roe", "kind": "person", "code": "USA",
                     "parent": "USA", "role": "Secretary of State"}]

    met = _usa_meetings(run, loaded)
    assert [(m["date"], [w["code"] for w in m["with"]]) for m in met] == [("2024-03-04", ["JPN"])]
    rel = json.loads(run("relations", "USA", "--type", "CRITICIZED", "--json", store=loaded).output)
    assert [(x["direction"], x["other"]["code"]) for x in rel] == [("out", "IRN")]
    q = run("query", "--cypher", 'MATCH (a:Actor)-[r:MET]->(b:Actor) WHERE b.code = "USA" RETURN a.code AS code',
            "--json", store=loaded)
    assert [row["code"] for row in json.loads(q.output)] == ["JPN"], q.output
    out = tmp_path / "usa.html"
    v = run("view", "--actor", "USA", "--level", "code", "-o", str(out), store=loaded)
    assert v.exit_code == 0, v.output
    assert "Japan" in out.read_text() and "Iran" in out.read_text()
    assert json.loads(run("actors", "--unresolved", "--json", store=loaded).output) == []


def test_assign_a_body_and_replace_an_earlier_decision(run, loaded, tmp_path):
    overlay = tmp_path / "actors.yaml"
    overlay.write_text("actors:\n  - {name: Someone Else, kind: person, code: FRA}\n")
    assert run("--actors", str(overlay), "actors", "assign", "Jane Roe", "CAN", store=loaded).exit_code == 0
    r = run("--actors", str(overlay), "actors", "assign", "Jane Roe", "USA", "--kind", "body", store=loaded)
    assert r.exit_code == 0 and "2 event(s) now roll up to USA" in r.output
    rows = yaml.safe_load(overlay.read_text())["actors"]
    assert [(x["name"], x["code"], x["kind"]) for x in rows] == [("Someone Else", "FRA", "person"),
                                                                 ("Jane Roe", "USA", "government")]
    assert [m["date"] for m in _usa_meetings(run, loaded)] == ["2024-03-04"]


def test_assign_refuses_an_unknown_code_and_a_missing_overlay(run, loaded, tmp_path):
    r = run("--actors", str(tmp_path / "a.yaml"), "actors", "assign", "Jane Roe", "Narnia", store=loaded)
    assert r.exit_code == 1 and "Narnia" in r.output
    assert not (tmp_path / "a.yaml").exists()
    r = run("actors", "assign", "Jane Roe", "USA", store=loaded)
    assert r.exit_code == 1 and "--actors" in r.output


def test_actors_search_still_works_beside_the_subcommand(run, loaded):
    r = run("actors", "roe", "--json", store=loaded)
    assert [a["id"] for a in json.loads(r.output)] == ["person:jane-roe"]
    assert "assign" in run("actors", "--help", store=loaded).output


ARTICLE = """\
---
title: Envoy in Tokyo
date: 2024-03-06
source: Test Wire
---
Zorbeth Quillan met Japanese Foreign Minister Yoko Kamikawa in Tokyo on Monday.

On Tuesday, Quillan criticised Iran over its drone exports.
"""


def test_assign_recovers_the_events_an_unknown_person_held_up_in_an_article(run, store_url, tmp_path):
    """The extractor keeps the acts of a person it cannot place (stored, not in `kg extract`), so a
    later assignment brings the article's edges back without re-ingest."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "quillan.md").write_text(ARTICLE)
    assert run("ingest", str(tmp_path / "news"), store=store_url).exit_code == 0
    rows = json.loads(run("actors", "--unresolved", "--json", store=store_url).output)
    assert [(x["id"], x["events"]) for x in rows] == [("person:zorbeth-quillan", 2)]
    assert _usa_meetings(run, store_url) == []

    r = run("--actors", str(tmp_path / "actors.yaml"), "actors", "assign", "Zorbeth Quillan", "USA", "--json",
            store=store_url)
    assert r.exit_code == 0 and json.loads(r.output)["events"] == 2, r.output
    met = _usa_meetings(run, store_url)
    assert [(m["date"], [w["code"] for w in m["with"]]) for m in met] == [("2024-03-04", ["JPN"])]
    rel = json.loads(run("relations", "USA", "--type", "CRITICIZED", "--json", store=store_url).output)
    assert [(x["date"], x["direction"], x["other"]["code"]) for x in rel] == [("2024-03-05", "out", "IRN")]
