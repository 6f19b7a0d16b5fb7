"""Store names and files: a typo is an error, a read never writes, --store goes anywhere (issue 9, items 4-6)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import StoreError
from kg.store import open_store, store_key

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS = ROOT / "seeds" / "statements.yaml"
READ_COMMANDS = [["stats"], ["who-met-whom", "Turkey"], ["relations", "Turkey"], ["actors"],
                 ["query", "stance_matrix"], ["view", "-o", "{tmp}/g.html"], ["export", "--format", "json", "-o",
                                                                                "{tmp}/g.json"]]


def _kg(*args: str):
    return CliRunner().invoke(cli, list(args))


def _tree(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("url", ["bolt:/127.0.0.1:7699", "http://localhost:7474", "bolt://", "sqlite:kg.db",
                                 "bolt://u:p@[bad", "bolt://localhost:port"])
def test_a_mistyped_store_url_is_an_error_and_creates_nothing(url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = _kg("--store", url, "stats")
    assert r.exit_code == 1 and r.output.startswith("Error: ") and "store" in r.output and r.output.count("\n") == 1
    assert "p@" not in r.output or "***" in r.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: a[0])
def test_a_read_command_on_a_missing_store_says_so_and_creates_nothing(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = _kg("--store", "kgg.db", *[a.format(tmp=tmp_path) for a in args])
    assert r.exit_code == 1, r.output
    assert "Error: no store at kgg.db (create one with `kg ingest`)" in r.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", READ_COMMANDS[:5], ids=lambda a: a[0])
def test_a_read_command_leaves_the_store_file_byte_for_byte(args, tmp_path, seed_db):
    before = _tree(seed_db.parent)
    r = _kg("--store", str(seed_db), *args)
    assert r.exit_code == 0, r.output
    assert _tree(seed_db.parent) == before


def test_a_foreign_database_is_refused_before_anything_is_written(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, what TEXT)")
        c.execute("INSERT INTO events (what) VALUES ('a party')")
    before = _tree(tmp_path)
    for readonly in (True, False):
        with pytest.raises(StoreError, match="not a diplomatic-kg store"):
            open_store(db, readonly=readonly)
    r = _kg("--store", str(db), "ingest", str(STATEMENTS))
    assert r.exit_code == 1 and "not a diplomatic-kg store" in r.output
    assert _tree(tmp_path) == before
    with sqlite3.connect(db) as c:
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["events"]


def test_store_after_the_command_name(tmp_path):
    db = tmp_path / "x.db"
    r = _kg("ingest", "--store", str(db), str(STATEMENTS))
    assert r.exit_code == 0, r.output
    r = _kg("--store", str(tmp_path / "elsewhere.db"), "stats", "--store", str(db), "--json")
    assert r.exit_code == 0 and '"events": 13' in r.output


@pytest.mark.parametrize("name", sorted(set(cli.commands) - {"extract"}))   # kg extract reads files, no store
def test_every_command_mentions_store_and_kg_store_in_its_help(name):
    r = _kg(name, "--help")
    assert "--store" in r.output and "KG_STORE" in r.output, r.output


def test_sync_refuses_the_same_store_under_two_spellings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _kg("--store", "a.db", "ingest", str(STATEMENTS)).exit_code == 0
    for src, dst in [("a.db", "./a.db"), ("a.db", str(tmp_path / "a.db")), ("a.db", "sub/../a.db")]:
        r = _kg("sync", "--from", src, "--to", dst)
        assert r.exit_code == 2 and "name the same store" in r.output, (src, dst, r.output)
    assert store_key("bolt://neo4j:secret@LocalHost:7687") == store_key("bolt://localhost") == "bolt://localhost:7687"
    assert "secret" not in store_key("bolt://neo4j:secret@localhost")


def test_a_read_command_on_an_older_store_upgrades_it_once_and_reads_it(v1_store):
    db = v1_store
    r = _kg("--store", str(db), "stats", "--json")
    assert r.exit_code == 0 and '"events": 1' in r.output, r.output
    with open_store(db, readonly=True) as s:
        assert [e.id for e in s.events()] == ["e1"]
