"""Event datasets into a real Neo4j: the loaders stream through the store's batched path, and both
stores answer the same questions with the same results."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import lookups
from kg.ingest import ingest
from kg.store.sqlite import SqliteStore

from test_event_datasets import DATA, SYR, TUR_GOV, UN, gdelt_row, write

pytestmark = pytest.mark.neo4j


def content(store):
    events = list(store.events())
    return (store.actors(), [(e.to_dict(), [p.key for p in e.provenance]) for e in events],
            {**store.stats(), "store": None})


def test_gdelt_into_neo4j_matches_sqlite(neo4j_store, tmp_path):
    own = write(tmp_path / "20230105.export.CSV", [
        gdelt_row(1, a1=TUR_GOV, a2=SYR, code="043"),
        gdelt_row(2, a1=SYR, a2=TUR_GOV, code="042", url="BBC Monitoring"),   # same meeting, second source
        gdelt_row(3, a1=UN, a2=SYR, code="111")])
    files = [own, DATA / "gdelt2-sample.export.CSV", DATA / "gdelt1-sample.export.CSV"]
    sqlite = SqliteStore(tmp_path / "kg.db")
    a = ingest(sqlite, files)
    b = ingest(neo4j_store, files)
    assert b.counts.to_dict() == a.counts.to_dict() and b.counts.events == 21
    assert (b.rows, b.skipped_rows, b.skipped_codes) == (a.rows, a.skipped_rows, a.skipped_codes)
    assert content(neo4j_store) == content(sqlite)
    again = ingest(neo4j_store, files)
    assert again.counts.to_dict() == {"actors": 0, "articles": 0, "events": 0, "sources": 0}
    assert lookups.who_met_whom(neo4j_store, "Turkey") == lookups.who_met_whom(sqlite, "Turkey")
    rows = neo4j_store.run_cypher("MATCH (a:Actor)-[r:CRITICIZED]->(b:Actor) WHERE r.origin = $o "
                                  "RETURN a.id AS a, b.id AS b, r.n_sources AS n", {"o": "gdelt"})
    assert {"a": "UN", "b": "SYR", "n": 1} in rows
    met = [e for e in neo4j_store.events() if e.type == "MET" and e.participants == ("SYR", "TUR")]
    assert [p.source for p in met[0].provenance] == ["https://example.org/story", "BBC Monitoring"]
    assert met[0].origin == "gdelt" and met[0].attrs["cameo"] == "043"
