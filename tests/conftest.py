"""Shared fixtures: a seed store built from seeds/statements.yaml, a CLI runner, the extractor."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_statements_db(tmp_path_factory) -> Path:
    """A store file holding the curated seed statements (built once; copy before writing)."""
    from kg.ingest import ingest
    from kg.store.sqlite import SqliteStore

    path = tmp_path_factory.mktemp("seed") / "seed.db"
    with SqliteStore(path) as store:
        report = ingest(store, [SEEDS / "statements.yaml"])
        assert not report.errors, report.errors
    return path


@pytest.fixture
def seed_db(seed_statements_db, tmp_path) -> Path:
    """A private, writable copy of the seed statements store."""
    dst = tmp_path / "kg.db"
    shutil.copy(seed_statements_db, dst)
    return dst


@pytest.fixture
def run(tmp_path):
    """Run the real `kg` CLI: run("who-met-whom", "Turkey", store=path) -> click Result."""
    from kg.cli import cli

    def _run(*args: str, store: Path | str | None = None, input: str | None = None):
        argv = (["--store", str(store)] if store else ["--store", str(tmp_path / "kg.db")]) + list(map(str, args))
        return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)

    return _run

pytest_plugins = ["conftest_neo4j"]


@pytest.fixture(scope="module")
def extractor():
    """The extractor over the built-in registry, one per test module (it learns people as it reads, so
    modules do not share one)."""
    from kg.extract import Extractor
    from kg.registry import ActorRegistry

    return Extractor(ActorRegistry.builtin())


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_url(request, tmp_path):
    """A store URL for the CLI's --store, once per backend: a fresh SQLite file, or the test Neo4j server."""
    if request.param == "sqlite":
        return str(tmp_path / "kg.db")
    return request.getfixturevalue("neo4j_store")._url


@pytest.fixture
def v1_store(tmp_path):
    """The path of a store as schema v1 made it (events without origin/attrs), holding event e1."""
    import sqlite3

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript("""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '1');
        CREATE TABLE events (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT, target TEXT, date TEXT, date_text TEXT,
            date_precision TEXT, place TEXT, negated INTEGER NOT NULL, confidence REAL NOT NULL, mode TEXT);
        INSERT INTO events VALUES ('e1', 'CRITICIZED', 'USA', 'SYR', '2023-01-03', NULL, NULL, NULL, 0, 1.0, NULL);
    """)
    con.commit()
    con.close()
    return db

