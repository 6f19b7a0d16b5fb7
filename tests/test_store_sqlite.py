import datetime as dt
import sqlite3

import pytest

from kg.errors import StoreError
from kg.model import Actor, Article, Event, Provenance
from kg.store import EventFilter, open_store
from kg.store.sqlite import SqliteStore

D1, D2 = dt.date(2022, 12, 28), dt.date(2023, 1, 3)
ACTORS = [Actor("TUR", "Turkey", "state", "TUR", ("Ankara",)), Actor("SYR", "Syria", "state", "SYR"),
          Actor("RUS", "Russia", "state", "RUS"),
          Actor("person:mc", "Mevlut Cavusoglu", "person", "TUR", role="Foreign Minister", parent="TUR"),
          Actor("person:x", "Someone", "person", None)]
P1 = Provenance("rule-a", "art1", "https://a.example", "Russia, Turkey and Syria met in Moscow.", (0, 40))
P2 = Provenance("rule-b", "art2", "https://b.example", "The Moscow meeting of the three.", (10, 42))
MET = Event("MET", participants=("TUR", "SYR", "RUS"), date=D1, place="Moscow", provenance=(P1,))
CRIT = Event("CRITICIZED", "person:mc", "SYR", date=D2, provenance=(P1,))
UNDATED = Event("SUPPORTED", "person:x", "TUR", confidence=0.6, provenance=(P2,))
NEG = Event("MET", participants=("person:mc", "SYR"), date=D2, negated=True, provenance=(P2,))


@pytest.fixture
def store(tmp_path):
    s = SqliteStore(tmp_path / "kg.db")
    s.write(actors=ACTORS, articles=[Article("art1", "A", D2, "https://a.example")], events=[MET, CRIT, UNDATED, NEG])
    yield s
    s.close()


def test_round_trip(store):
    assert [e.to_dict() for e in store.events()] == [e.to_dict() for e in (MET, CRIT, NEG, UNDATED)]
    assert store.actor("person:mc") == ACTORS[3]
    assert store.has_article("art1") and not store.has_article("nope")
    assert [a.title for a in store.articles()] == ["A"]


def test_rewrite_is_idempotent_and_a_second_source_merges(store):
    before = store.stats()
    again = store.write(actors=ACTORS, events=[MET, CRIT, UNDATED, NEG])
    assert again.to_dict() == {"actors": 0, "articles": 0, "events": 0, "sources": 0}
    assert store.stats() == before
    counts = store.write(events=[Event("MET", participants=("RUS", "SYR", "TUR"), date=D1, provenance=(P2,),
                                       confidence=0.5)])
    assert (counts.events, counts.sources) == (0, 1)
    (met,) = store.events(EventFilter(types=("MET",), negated=False))
    assert met.provenance == (P1, P2) and met.id == MET.id and met.confidence == 1.0


@pytest.mark.parametrize("flt, expected", [
    (EventFilter(types=("met",)), [MET, NEG]),
    (EventFilter(codes=("TUR",)), [MET, CRIT, NEG, UNDATED]),        # Turkey and its foreign minister
    (EventFilter(actors=("TUR",)), [MET, UNDATED]),                   # only the state itself
    (EventFilter(actors=("person:mc",), types=("CRITICIZED",)), [CRIT]),
    (EventFilter(since=D2), [CRIT, NEG]),
    (EventFilter(until=D1), [MET]),
    (EventFilter(negated=True), [NEG]),
    (EventFilter(article="art2"), [NEG, UNDATED]),
    (EventFilter(codes=("NOPE",)), []),
    (EventFilter(limit=2), [MET, CRIT]),
])
def test_filters(store, flt, expected):
    assert [e.id for e in store.events(flt)] == [e.id for e in expected]


def test_actor_upsert_keeps_what_is_known_and_adds_aliases(store):
    store.write(actors=[Actor("person:x", "Someone", "person", "GBR", ("S. One",), role="envoy")])
    store.write(actors=[Actor("person:x", "Someone", "person", None, ("Mr One",))])
    a = store.actor("person:x")
    assert (a.code, a.role, a.aliases) == ("GBR", "envoy", ("S. One", "Mr One"))
    assert [x.id for x in store.find_actors("mr one")] == ["person:x"]
    assert [x.id for x in store.find_actors("ANKARA")] == ["TUR"]


def test_actor_search_and_unresolved(store):
    assert [a.id for a in store.actors("cavus")] == ["person:mc"]
    assert [a.id for a in store.actors(unresolved=True)] == ["person:x"]


def test_graph_has_one_edge_per_pair_and_event_properties(store):
    G = store.graph(EventFilter(types=("MET",), negated=False))
    assert sorted(G.edges()) == [("RUS", "SYR"), ("RUS", "TUR"), ("SYR", "TUR")]
    d = G.get_edge_data("RUS", "TUR")[MET.id]
    assert d["type"] == "MET" and d["date"] == "2022-12-28" and d["place"] == "Moscow" and d["symmetric"]
    assert d["sentence"] == P1.sentence and d["goldstein"] == 1.0 and d["participants"] == ["RUS", "SYR", "TUR"]
    assert G.nodes["TUR"] == {"name": "Turkey", "kind": "state", "code": "TUR"}


def test_failed_write_leaves_nothing_behind(store):
    before = store.stats()

    def events():
        yield Event("AGREED", participants=("TUR", "SYR"), date=D2)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.write(events=events())
    assert store.stats() == before


def test_reopening_sees_the_data_and_stats(tmp_path):
    with SqliteStore(tmp_path / "kg.db") as s:
        s.write(actors=ACTORS, events=[MET])
    with open_store(tmp_path / "kg.db") as s:
        st = s.stats()
    assert (st["events"], st["actors"], st["events_by_type"], st["first_date"]) == (1, 5, {"MET": 1}, "2022-12-28")


def test_not_a_store_file(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("hello")
    with pytest.raises(StoreError, match="not a diplomatic-kg store"):
        SqliteStore(p)
    with pytest.raises(StoreError, match="is a folder"):
        SqliteStore(tmp_path)


def test_event_records_are_the_events_as_records(tmp_path):
    """The bulk read of `kg sync` gives exactly what event_record() makes of events()."""
    from kg.store.neo4j import event_record
    from kg.synthetic import populate

    s = SqliteStore(tmp_path / "r.db")
    populate(s, 700, seed=3, batch=250)
    batches = list(s.event_records(batch=100))
    assert all(len(b) <= 100 for b in batches)
    records = sorted((r for b in batches for r in b), key=lambda r: r["id"])
    expected = sorted((event_record(e) for e in s.events()), key=lambda r: r["id"])
    assert records == expected and len(records) == s.stats()["events"]


def test_anchored_events_walk_the_actor_index(store):
    """An actor filter is answered from event_actors (no scan of every event of a type)."""
    import datetime as dt

    for flt in (EventFilter(types=("MET",), actors=("TUR",), negated=False),
                EventFilter(types=("MET",), codes=("TUR",), since=dt.date(2019, 1, 1), until=dt.date(2019, 12, 31))):
        sql = []
        store._db.set_trace_callback(sql.append)
        list(store.events(flt))
        store._db.set_trace_callback(None)
        main = next(q for q in sql if "CROSS JOIN" in q)
        plan = " ".join(str(r) for r in store._db.execute("EXPLAIN QUERY PLAN " + main).fetchall())
        assert "event_actors_actor" in plan and "sqlite_autoindex_events_1 (id=?)" in plan, plan
        assert "events_type_date" not in plan and "events_date" not in plan and "SCAN e" not in plan, plan


def test_data_version_changes_on_writes_here_and_elsewhere(tmp_path):
    a, b = SqliteStore(tmp_path / "v.db"), SqliteStore(tmp_path / "v.db")
    v0 = a.data_version()
    a.write(actors=[Actor("TUR", "Turkey", "state", "TUR")])
    v1 = a.data_version()
    b.write(actors=[Actor("SYR", "Syria", "state", "SYR")])
    v2 = a.data_version()
    assert v0 != v1 != v2 and a.data_version() == v2


def test_a_new_store_has_16k_pages_and_checkpoints_by_bytes(tmp_path):
    with SqliteStore(tmp_path / "new.db") as s:
        pragma = lambda name: s._db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert (pragma("page_size"), pragma("wal_autocheckpoint")) == (16384, 2560)   # ~40 MiB of WAL


def _v2_store(path):
    """A store as schema v2 made it: 4 KiB pages, events_id_type, provenance_article on every row."""
    from kg.store.sqlite import _DDL

    con = sqlite3.connect(path)
    con.execute("PRAGMA page_size=4096")
    con.executescript(_DDL + """
        DROP INDEX provenance_article;
        CREATE INDEX provenance_article ON provenance(article);
        CREATE INDEX events_id_type ON events(id, type, negated);
        INSERT INTO meta VALUES ('schema_version', '2');
        INSERT INTO events VALUES ('e1', 'CRITICIZED', 'USA', 'SYR', '2023-01-03', NULL, NULL, NULL, 0, 1.0, NULL,
                                   NULL, NULL);
        INSERT INTO event_actors VALUES ('e1', 'USA', 'source'), ('e1', 'SYR', 'target');
        INSERT INTO provenance VALUES ('k1', 'e1', 'art9', NULL, 'The US criticised Syria.', 0, 9, 'rule-a');
    """)
    con.close()


def test_a_v2_store_is_upgraded_to_v3_and_keeps_its_page_size(tmp_path):
    db = tmp_path / "v2.db"
    _v2_store(db)
    with SqliteStore(db) as s:
        one = lambda sql: s._db.execute(sql).fetchone()  # noqa: E731
        assert one("SELECT value FROM meta WHERE key='schema_version'") == ("3",)
        assert one("PRAGMA page_size") == (4096,) and one("PRAGMA wal_autocheckpoint") == (10240,)
        indexes = dict(s._db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"))
        assert "events_id_type" not in indexes
        assert indexes["provenance_article"].endswith("WHERE article IS NOT NULL"), indexes
        assert [e.id for e in s.events(EventFilter(article="art9"))] == ["e1"]
        assert [e.id for e in s.events(EventFilter(types=("CRITICIZED",), actors=("SYR",)))] == ["e1"]
        s.write(actors=ACTORS, events=[MET])
        assert s.stats()["events"] == 2


def test_dataset_rows_stay_out_of_the_article_index_which_article_lookups_use(store):
    from kg.store.neo4j import event_record

    rec = event_record(Event("MET", participants=("TUR", "RUS"), date=D2, origin="gdelt",
                             provenance=(Provenance("gdelt:1", None, "https://c.example"),)))
    store.write_event_records([rec])
    one = lambda sql: store._db.execute(sql).fetchone()[0]  # noqa: E731
    assert one("SELECT count(*) FROM provenance") == 5
    assert one("SELECT count(*) FROM provenance INDEXED BY provenance_article WHERE article IS NOT NULL") == 4
    for sql in ("SELECT event_id FROM provenance WHERE article = ?", "DELETE FROM provenance WHERE article IN (?, ?)"):
        plan = str(store._db.execute("EXPLAIN QUERY PLAN " + sql, ("art1",) * sql.count("?")).fetchall())
        assert "USING INDEX provenance_article" in plan, plan
    assert [e.id for e in store.events(EventFilter(article="art1"))] == [MET.id, CRIT.id]


def test_date_and_type_filters_use_their_indexes(store):
    """events_date and events_type_date are kept because these plans need them."""
    for flt, index in ((EventFilter(since=D2), "events_date"), (EventFilter(types=("MET",), since=D2), "events_type_date")):
        sql = []
        store._db.set_trace_callback(sql.append)
        found = list(store.events(flt))
        store._db.set_trace_callback(None)
        plan = str(store._db.execute("EXPLAIN QUERY PLAN " + sql[0]).fetchall())
        assert f"USING INDEX {index} " in plan, plan
        assert found and all(e.date >= D2 for e in found)
