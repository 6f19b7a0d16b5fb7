"""kg sync: idempotent copies between stores (SQLite <-> SQLite here, Neo4j in test_sync_neo4j.py)."""

from __future__ import annotations

import networkx as nx

from kg.store.sqlite import SqliteStore
from kg.sync import sync
from kg.synthetic import populate


def content(store):
    return (store.actors(), list(store.articles()), list(store.events()),
            [e.provenance for e in store.events()], {**store.stats(), "store": None})


def test_sync_sqlite_to_sqlite_is_idempotent(tmp_path):
    src, dst = SqliteStore(tmp_path / "a.db"), SqliteStore(tmp_path / "b.db")
    populate(src, 800, seed=2, batch=300)
    seen = []
    first = sync(src, dst, batch=128, progress=lambda kind, n: seen.append((kind, n)))
    assert content(dst) == content(src)
    assert first.added.events == src.stats()["events"] and sum(n for k, n in seen if k == "events") == first.events
    second = sync(src, dst, batch=128)
    assert second.added.to_dict() == {"actors": 0, "articles": 0, "events": 0, "sources": 0}
    assert content(dst) == content(src)
    assert nx.utils.graphs_equal(dst.graph(), src.graph())


def test_cli_sync(run, seed_db, tmp_path):
    r = run("sync", "--to", str(tmp_path / "copy.db"), store=seed_db)
    assert r.exit_code == 0, r.output
    assert "added 19 actor(s), 1 article(s), 13 event(s), 13 source(s)" in r.output
    assert content(SqliteStore(tmp_path / "copy.db"))[2] == content(SqliteStore(seed_db))[2]
    r = run("sync", "--to", str(seed_db), store=seed_db)
    assert r.exit_code == 2
