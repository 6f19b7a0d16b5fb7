"""Each rule lives in one place, and both stores follow it (issue 9, item 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from kg.errors import LoaderError, QueryError, yaml_problem
from kg.model import Actor, Event, Provenance
from kg.registry import matches_search
from kg.store.base import Store
from kg.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2023, 1, 3)


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    if request.param == "neo4j":
        return request.getfixturevalue("neo4j_store")
    return SqliteStore(":memory:")


def test_both_stores_implement_the_whole_protocol_including_run_cypher(store):
    assert isinstance(store, Store)
    assert store.backend in ("embedded", "neo4j")
    assert store.run_cypher("MATCH (a:Actor) RETURN a.id AS id") == []
    with pytest.raises(QueryError):
        store.run_cypher("MATCH (a:Actor RETURN a")


def test_actor_merge_is_actor_merged_on_both_stores(store):
    old = Actor("person:x", "X", "person", None, ("Mr X",), "envoy", None)
    new = Actor("person:x", "X", "person", "TUR", ("X Y",), None, "TUR.foreign-ministry")
    assert old.merged(new) == Actor("person:x", "X", "person", "TUR", ("Mr X", "X Y"), "envoy",
                                    "TUR.foreign-ministry")
    store.write(actors=[old])
    store.write(actors=[new])
    assert store.actor("person:x") == old.merged(new)
    assert [a.id for a in store.find_actors("X Y")] == ["person:x"]


def test_event_merge_is_event_merged_on_both_stores(store):
    first = Event("CRITICIZED", "TUR", "SYR", date=DAY, confidence=0.6, place=None, date_text="Tuesday",
                  provenance=(Provenance("verb:criticize", None, "a", "Turkey criticised Syria."),))
    second = Event("CRITICIZED", "TUR", "SYR", date=DAY, confidence=0.9, place="Ankara", date_text="yesterday",
                   mode="said", provenance=(Provenance("verb:slam", None, "b", "Turkey slammed Syria."),))
    store.write(actors=[Actor("TUR", "Turkey", "state", "TUR"), Actor("SYR", "Syria", "state", "SYR")],
                events=[first])
    store.write(events=[second])
    (stored,) = store.events()
    expected = first.merged(second)
    assert (stored.confidence, stored.place, stored.date_text, stored.mode) == (0.9, "Ankara", "Tuesday", "said")
    assert (stored.confidence, stored.place, stored.date_text, stored.mode) == (
        expected.confidence, expected.place, expected.date_text, expected.mode)
    assert [p.rule for p in stored.provenance] == [p.rule for p in expected.provenance]


@pytest.mark.parametrize("search", ["syr", "SYR", "Çavuş", "cavus", "ministry", "opp", "x"])
def test_actor_search_is_matches_search_on_both_stores(store, search):
    actors = [Actor("SYR", "Syria", "state", "SYR", ("Damascus",)),
              Actor("person:mevlut-cavusoglu", "Mevlut Cavusoglu", "person", "TUR", ("Mevlüt Çavuşoğlu",)),
              Actor("TUR.foreign-ministry", "Turkish Foreign Ministry", "government", "TUR"),
              Actor("SYR-OPP", "Syrian opposition", "opposition", "SYR-OPP")]
    store.write(actors=actors)
    assert [a.id for a in store.actors(search)] == sorted(
        (a.id for a in actors if matches_search(a, search)), key=lambda i: store.actor(i).name)


def test_one_yaml_error_rule_for_every_yaml_reader(tmp_path):
    bad = "a: 1\nb: [unclosed\n"
    try:
        yaml.safe_load(bad)
    except yaml.YAMLError as e:
        problem, line = yaml_problem(e)
        assert line == 3 and problem
        assert str(LoaderError.from_yaml("f.yaml", e)) == f"f.yaml:3: malformed YAML ({problem})"
    from kg.registry import load_actor_file
    from loaders.statements import parse_statements

    (tmp_path / "actors.yaml").write_text(bad)
    with pytest.raises(LoaderError) as got:
        load_actor_file(tmp_path / "actors.yaml")
    (err,) = list(parse_statements(bad, "s.yaml"))
    assert str(got.value).split(": ", 1)[1] == str(err).split(": ", 1)[1]
    assert str(err).startswith("s.yaml:3: malformed YAML (")


def test_the_grand_cypher_engine_is_its_own_module():
    grand = (ROOT / "kg" / "grand.py").read_text(encoding="utf-8")
    cypher = (ROOT / "kg" / "cypher.py").read_text(encoding="utf-8")
    assert "from grandcypher import GrandCypher" in grand
    assert "grandcypher" not in cypher and "hasattr" not in cypher
