"""Neo4jStore against a real Neo4j server: same answers as SqliteStore, idempotent, injection-proof."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from kg.errors import StoreError, UnknownRelation
from kg.ingest import ingest
from kg.model import Actor, Article, Event, Provenance
from kg.store.base import EventFilter
from kg.store.neo4j import Neo4jStore, rel_type
from kg.store.sqlite import SqliteStore
from kg.synthetic import corpus

pytestmark = pytest.mark.neo4j
SEEDS = "seeds/statements.yaml"
NASTY = ['"}) DETACH DELETE n //', "O'Brien \\ \"quoted\"", "Çavuşoğlu 🙂 \u2028 back\\slash", "') MATCH (x) DETACH DELETE x //"]


def counts(store: Neo4jStore) -> tuple[int, int]:
    rows = store.run_cypher("MATCH (n) RETURN count(n) AS n")
    rels = store.run_cypher("MATCH ()-[r]->() RETURN count(r) AS n")
    return rows[0]["n"], rels[0]["n"]


def both(neo4j_store, rootdir):
    sqlite = SqliteStore(":memory:")
    for s in (sqlite, neo4j_store):
        report = ingest(s, [rootdir / SEEDS])
        assert not report.errors
    return sqlite, neo4j_store


@pytest.fixture
def rootdir(pytestconfig):
    return pytestconfig.rootpath


def test_seed_reads_like_sqlite(neo4j_store, rootdir):
    sqlite, neo = both(neo4j_store, rootdir)
    assert neo.actors() == sqlite.actors()
    assert neo.actors("syr") == sqlite.actors("syr")
    assert neo.actors(unresolved=True) == sqlite.actors(unresolved=True)
    assert neo.find_actors("Mevlüt Çavuşoğlu") == sqlite.find_actors("Mevlüt Çavuşoğlu")
    assert neo.actor("TUR") == sqlite.actor("TUR") and neo.actor("nobody") is None
    assert list(neo.articles()) == list(sqlite.articles())
    for flt in (EventFilter(), EventFilter(codes=("TUR",)), EventFilter(actors=("person:ned-price",)),
                EventFilter(types=("met", "PLANS_TO_MEET"), since=dt.date(2023, 1, 1)),
                EventFilter(until=dt.date(2022, 12, 31), negated=False, limit=2)):
        ev_s, ev_n = list(sqlite.events(flt)), list(neo.events(flt))
        assert ev_n == ev_s, flt
        assert [e.provenance for e in ev_n] == [e.provenance for e in ev_s]
        assert nx.utils.graphs_equal(neo.graph(flt), sqlite.graph(flt))
        assert sorted(neo.graph(flt).edges(keys=True, data=True), key=str) == sorted(sqlite.graph(flt).edges(keys=True, data=True), key=str)
    assert {**neo.stats(), "store": None} == {**sqlite.stats(), "store": None}


def test_ingest_twice_leaves_counts_unchanged(neo4j_store, rootdir):
    first = ingest(neo4j_store, [rootdir / SEEDS])
    before = counts(neo4j_store)
    second = ingest(neo4j_store, [rootdir / SEEDS])
    assert first.counts.events == 13 and second.counts.events == 0 and second.counts.actors == 0
    assert counts(neo4j_store) == before


def test_merge_semantics_match_sqlite(neo4j_store):
    sqlite = SqliteStore(":memory:")
    p1 = Provenance("r1", "art1", "Reuters", "They met.", (0, 9))
    p2 = Provenance("r2", "art2", "AP", "They met again.", None)
    e1 = Event("MET", participants=("TUR", "RUS", "person:x"), date=dt.date(2023, 1, 2), confidence=0.5,
               provenance=(p1,))
    e2 = Event("MET", participants=("TUR", "RUS", "person:x"), date=dt.date(2023, 1, 2), confidence=0.9,
               place="Moscow", provenance=(p2, p1))
    for s in (sqlite, neo4j_store):
        a = s.write(actors=[Actor("TUR", "Turkey", "state", "TUR", ("Ankara",))], articles=[Article("art1")],
                    events=[e1])
        b = s.write(actors=[Actor("TUR", "Türkiye", "state", None, ("Türkiye",), role="x")], events=[e2, e1])
        assert (a.to_dict(), b.to_dict()) == ({"actors": 1, "articles": 1, "events": 1, "sources": 1},
                                              {"actors": 0, "articles": 0, "events": 0, "sources": 1})
    assert list(neo4j_store.events()) == list(sqlite.events())
    assert [e.provenance for e in neo4j_store.events()] == [e.provenance for e in sqlite.events()]
    assert neo4j_store.actors() == sqlite.actors()          # person:x is a stub in Neo4j, absent in SQLite
    assert neo4j_store.find_actors("ankara") == sqlite.find_actors("ankara")
    assert nx.utils.graphs_equal(neo4j_store.graph(), sqlite.graph())
    assert neo4j_store.stats()["sources"] == sqlite.stats()["sources"] == 2


def test_injection_strings_are_stored_and_matched_literally(neo4j_store):
    sqlite = SqliteStore(":memory:")
    actors = [Actor(f"org:nasty-{i}", name, "civil_society", None, (name + " alias",)) for i, name in enumerate(NASTY)]
    events = [Event("CRITICIZED", actors[i].id, actors[(i + 1) % len(actors)].id, date=dt.date(2023, 1, i + 1),
                    place=name, provenance=(Provenance("r", None, name, name),)) for i, name in enumerate(NASTY)]
    for s in (sqlite, neo4j_store):
        s.write(actors=actors, events=events)
    assert counts(neo4j_store)[0] == len(NASTY)             # nothing was deleted
    for name in NASTY:
        assert [a.name for a in neo4j_store.find_actors(name)] == [name]
        assert neo4j_store.find_actors(name) == sqlite.find_actors(name)
        assert neo4j_store.actors(name) == sqlite.actors(name)
    assert list(neo4j_store.events()) == list(sqlite.events())
    assert [e.place for e in neo4j_store.events()] == NASTY


def test_unknown_relation_type_is_refused_before_writing(neo4j_store):
    with pytest.raises(UnknownRelation):
        neo4j_store.write(actors=[Actor("TUR", "Turkey", "state", "TUR")],
                          events=[Event("MET`]->() DETACH DELETE n //", "TUR", "SYR")])
    assert counts(neo4j_store) == (0, 0)
    with pytest.raises(UnknownRelation):
        rel_type("KNOWS")
    assert rel_type("met") == "MET"


def test_wrong_password_is_a_store_error_that_does_not_leak_it(neo4j_env, monkeypatch):
    uri = neo4j_env[0]
    secret = "wrong-Secret-12345"
    monkeypatch.setenv("NEO4J_PASSWORD", secret)
    store = Neo4jStore(uri)
    try:
        with pytest.raises(StoreError) as err:
            store.stats()
    finally:
        store.close()
    assert "NEO4J_PASSWORD" in str(err.value) and secret not in str(err.value) and secret not in repr(store)


def test_unreachable_server_is_a_store_error():
    store = Neo4jStore("bolt://127.0.0.1:1")
    try:
        with pytest.raises(StoreError, match="cannot reach Neo4j"):
            store.actors()
    finally:
        store.close()


def test_synthetic_batches_match_sqlite(neo4j_store):
    c = corpus(600, seed=11)
    sqlite = SqliteStore(":memory:")
    for s in (sqlite, neo4j_store):
        s.write(actors=c.actors, articles=c.articles)
        for i in range(0, len(c.events), 250):
            s.write(events=c.events[i:i + 250])
    assert list(neo4j_store.events()) == list(sqlite.events())
    assert [e.provenance for e in neo4j_store.events()] == [e.provenance for e in sqlite.events()]
    flt = EventFilter(article=c.articles[3].id)
    assert list(neo4j_store.events(flt)) == list(sqlite.events(flt))
    assert {**neo4j_store.stats(), "store": None} == {**sqlite.stats(), "store": None}


def test_the_test_server_refuses_load_csv_from_local_files(neo4j_store):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="Cannot load from URL 'file:///etc/passwd'"):
        neo4j_store.run_cypher("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row LIMIT 1")
