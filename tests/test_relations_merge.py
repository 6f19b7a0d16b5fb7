"""`kg relations` lists one act once at the code level (issue 9, item 3)."""

from __future__ import annotations

import datetime as dt
import json

from kg import lookups
from kg.model import Actor, Article, Event, Provenance
from kg.store.sqlite import SqliteStore

ASSAD = Actor("person:bashar-al-assad", "Bashar al-Assad", "person", "SYR", ("Assad",), "President", "SYR")
PRICE = Actor("person:ned-price", "Ned Price", "person", "USA")
DAY = dt.date(2023, 1, 3)


def _store(tmp_path):
    s = SqliteStore(tmp_path / "kg.db")
    s.write(actors=[Actor("SYR", "Syria", "state", "SYR"), Actor("USA", "United States", "state", "USA"), ASSAD,
                    PRICE], articles=[Article("a1", path="a.md")],
            events=[Event("CRITICIZED", PRICE.id, ASSAD.id, date=DAY,
                          provenance=(Provenance("verb:criticize", "a1", "a.md", "Price criticised Assad."),)),
                    Event("CRITICIZED", PRICE.id, "SYR", date=DAY,
                          provenance=(Provenance("statements:s.yaml:3", None, "s.yaml", "Price criticised Syria."),))])
    return s


def test_the_extractors_person_and_the_curated_state_are_one_row_at_code_level(tmp_path):
    with _store(tmp_path) as s:
        rows = lookups.relations(s, "Ned Price")
        assert [(r["type"], r["direction"], r["other"]["code"]) for r in rows] == [("CRITICIZED", "out", "SYR")]
        assert [e["sentence"] for e in rows[0]["evidence"]] == ["Price criticised Assad.", "Price criticised Syria."]
        assert len(rows[0]["event_ids"]) == 2


def test_at_person_level_each_recorded_party_is_its_own_row(tmp_path):
    with _store(tmp_path) as s:
        rows = lookups.relations(s, "Ned Price", level="person")
        assert sorted(r["other"]["id"] for r in rows) == ["SYR", ASSAD.id]


def test_the_cli_shows_the_act_once(tmp_path, run):
    _store(tmp_path).close()
    r = run("relations", "Ned Price", "--json", store=tmp_path / "kg.db")
    assert r.exit_code == 0 and len(json.loads(r.output)) == 1
    r = run("relations", "Ned Price", "--level", "person", "--json", store=tmp_path / "kg.db")
    assert r.exit_code == 0 and len(json.loads(r.output)) == 2
