"""A second writer waits for the first, and says so when it cannot (issue 9, item 2)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from kg.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ROOT / "seeds" / "statements.yaml"


def _locked(db: Path) -> sqlite3.Connection:
    """Another process's view: a connection holding the store's write lock."""
    SqliteStore(db).close()
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_busy_store_fails_loudly_names_the_cause_and_exits_1(tmp_path, monkeypatch):
    db = tmp_path / "kg.db"
    other = _locked(db)
    monkeypatch.setenv("KG_BUSY_TIMEOUT", "0.2")
    r = CliRunner().invoke(cli, ["--store", str(db), "ingest", str(STATEMENTS)])
    other.execute("ROLLBACK")
    assert r.exit_code == 1, r.output
    assert "store is busy: another process is writing" in r.output
    assert "read but not stored: " + str(STATEMENTS) in r.output
    assert "Traceback" not in r.output and "internal error" not in r.output
    with SqliteStore(db) as s:
        assert s.stats()["events"] == 0


def test_a_second_writer_waits_for_the_first(tmp_path, monkeypatch):
    db = tmp_path / "kg.db"
    other = _locked(db)
    threading.Timer(0.5, lambda: other.execute("COMMIT")).start()
    monkeypatch.setenv("KG_BUSY_TIMEOUT", "30")
    r = CliRunner().invoke(cli, ["--store", str(db), "ingest", str(STATEMENTS)])
    assert r.exit_code == 0, r.output
    with SqliteStore(db) as s:
        assert s.stats()["events"] == 13


def test_the_default_busy_timeout_is_generous(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_BUSY_TIMEOUT", raising=False)
    with SqliteStore(tmp_path / "kg.db") as s:
        assert s.timeout >= 30
