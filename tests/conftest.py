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
