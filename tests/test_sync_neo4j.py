"""kg sync into and out of a real Neo4j, including a server killed in the middle of a sync."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store.neo4j import Neo4jStore
from kg.store.sqlite import SqliteStore
from kg.sync import sync
from kg.synthetic import populate

pytestmark = pytest.mark.neo4j
ROOT = Path(__file__).resolve().parent.parent


def content(store):
    return (store.actors(), list(store.articles()), list(store.events()),
            [e.provenance for e in store.events()], {**store.stats(), "store": None})


def test_sync_both_ways(neo4j_store, tmp_path, run):
    src = SqliteStore(tmp_path / "src.db")
    populate(src, 1500, seed=5, batch=500)
    report = sync(src, neo4j_store, batch=400)
    assert content(neo4j_store) == content(src)
    assert sync(src, neo4j_store, batch=400).added.to_dict() == {"actors": 0, "articles": 0, "events": 0,
                                                                  "sources": 0}
    assert report.events == src.stats()["events"]
    back = SqliteStore(tmp_path / "back.db")
    sync(neo4j_store, back, batch=700)
    assert content(back) == content(src)
    r = run("sync", "--from", neo4j_store._url, "--to", str(tmp_path / "cli.db"))
    assert r.exit_code == 0, r.output
    assert content(SqliteStore(tmp_path / "cli.db")) == content(src)


def _server(state: Path, *args: str, password: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEO4J_STATE_DIR": str(state), "NEO4J_PASSWORD": password}
    return subprocess.run([str(ROOT / "scripts/neo4j-server"), *args], env=env, capture_output=True, text=True,
                          timeout=180)


@pytest.mark.slow
def test_server_killed_mid_sync_then_rerun_gives_exact_content(neo4j_env, tmp_path, monkeypatch):
    """A throwaway server (its own state dir) is SIGKILLed after two batches; a rerun completes the copy."""
    password = "kill-test-" + os.urandom(6).hex()
    state, data = tmp_path / "state", tmp_path / "data"
    started = _server(state, "start", "--dir", str(data), password=password)
    assert started.returncode == 0, started.stderr
    uri = started.stdout.strip()
    port = uri.rsplit(":", 1)[1]
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    try:
        src = SqliteStore(tmp_path / "src.db")
        populate(src, 3000, seed=9, batch=1000)
        dst = Neo4jStore(uri, retry_seconds=1)
        batches = []

        def kill_after_two(kind, n):
            batches.append(kind)
            if batches.count("events") == 2:
                os.kill(int((state / "pid").read_text()), signal.SIGKILL)

        t = time.monotonic()
        with pytest.raises(StoreError, match="cannot reach Neo4j|Neo4j error"):
            sync(src, dst, batch=300, progress=kill_after_two)
        print(f"failure noticed after {time.monotonic() - t:.1f}s")
        dst.close()
        for _ in range(50):           # let the kernel reap the JVM before restarting on the same port
            if _server(state, "status", password=password).returncode:
                break
            time.sleep(0.1)
        t = time.monotonic()
        restarted = _server(state, "start", "--dir", str(data), "--port", port, password=password)
        assert restarted.returncode == 0, restarted.stderr
        print(f"restart took {time.monotonic() - t:.1f}s")
        dst = Neo4jStore(uri)
        partial = dst.stats()["events"]
        assert 0 < partial < src.stats()["events"]
        sync(src, dst, batch=300)
        assert content(dst) == content(src)
        dst.close()
    finally:
        _server(state, "stop", password=password)


def test_bulk_sync_merges_like_write(neo4j_store, tmp_path):
    """The bulk path (SqliteStore.event_records -> Neo4jStore.write_event_records) merges into events the
    destination already holds exactly as write(events=...) does: best confidence, missing fields, new sources."""
    import datetime as dt

    from kg.model import Actor, Event, Provenance

    p1, p2 = Provenance("r1", "art1", "AP", "One."), Provenance("r2", "art2", "AFP", "Two.", (0, 3))
    full = Event("MET", participants=("TUR", "SYR", "RUS"), date=dt.date(2022, 12, 28), place="Moscow",
                 confidence=0.9, provenance=(p1, p2))
    partial = Event("MET", participants=("TUR", "SYR", "RUS"), date=dt.date(2022, 12, 28), confidence=0.4,
                    provenance=(p2,))
    other = Event("CRITICIZED", "TUR", "SYR", date=dt.date(2023, 1, 2), provenance=(p1,))
    src = SqliteStore(tmp_path / "m.db")
    src.write(actors=[Actor(c, c, "state", c) for c in ("TUR", "SYR", "RUS")], events=[full, other])

    def wipe():
        with neo4j_store._session() as s:
            s.run("MATCH (n) DETACH DELETE n").consume()

    results = []
    for bulk in (True, False):
        wipe()
        neo4j_store.write(events=[partial])
        if bulk:
            added = sync(src, neo4j_store, batch=1).added
        else:
            added = neo4j_store.write(actors=src.actors(), events=list(src.events()))
        results.append((added.to_dict(), content(neo4j_store)))
    assert results[0] == results[1]
    (merged,) = [e for e in neo4j_store.events() if e.type == "MET"]
    assert merged.confidence == 0.9 and merged.place == "Moscow" and merged.provenance == (p2, p1)
