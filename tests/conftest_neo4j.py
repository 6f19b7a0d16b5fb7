"""Neo4j test plumbing (registered from tests/conftest.py via ``pytest_plugins``).

Tests marked ``@pytest.mark.neo4j`` use the server named by NEO4J_URI /
NEO4J_USER / NEO4J_PASSWORD (``scripts/run-tests`` starts one and exports them).
Without them the tests are skipped with one loud line, except in CI
(``CI=true``), where they fail. All Neo4j tests share one server, so they run
in one xdist group (``--dist loadgroup``) and each takes an exclusive file lock
and wipes the database before it starts.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ENV = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD")
HOWTO = ("Neo4j tests SKIPPED: run `make test` (starts a Neo4j 5.26 test server; needs Java 17 + Maven) "
         "or export NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD")


def neo4j_configured() -> bool:
    return all(os.environ.get(k) for k in ENV)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def pytest_report_header(config):
    if not neo4j_configured() and not _in_ci():
        return "!! " + HOWTO


def pytest_collection_modifyitems(config, items):
    skip = None if neo4j_configured() or _in_ci() else pytest.mark.skip(reason=HOWTO)
    for item in items:
        if item.get_closest_marker("neo4j"):
            item.add_marker(pytest.mark.xdist_group("neo4j"))
            if skip:
                item.add_marker(skip)


@contextmanager
def neo4j_lock(uri: str) -> Iterator[None]:
    """An exclusive lock on the server at `uri`, across processes (xdist workers, parallel runs)."""
    name = "kg-neo4j-test-" + hashlib.sha1(uri.encode()).hexdigest()[:12] + ".lock"
    with open(Path(tempfile.gettempdir()) / name, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def wipe(uri: str, user: str, password: str) -> None:
    """Delete every relationship and node (batched: hubs can have many relationships)."""
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=(user, password), notifications_min_severity="OFF") as d:
        with d.session() as s:
            s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
            s.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()


@pytest.fixture(scope="session")
def neo4j_env() -> tuple[str, str, str]:
    """(uri, user, password) of the test server; fails in CI and skips elsewhere when unset."""
    if not neo4j_configured():
        if _in_ci():
            pytest.fail("CI=true but NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD are not set: the Neo4j test server "
                        "did not start (see scripts/run-tests and .neo4j/neo4j.log)")
        pytest.skip(HOWTO)
    return os.environ["NEO4J_URI"], os.environ["NEO4J_USER"], os.environ["NEO4J_PASSWORD"]


@pytest.fixture
def neo4j_store(neo4j_env):
    """A Neo4jStore on an empty database, held exclusively for the test."""
    from kg.store.neo4j import Neo4jStore

    with neo4j_lock(neo4j_env[0]):
        wipe(*neo4j_env)
        store = Neo4jStore(neo4j_env[0])
        try:
            yield store
        finally:
            store.close()
