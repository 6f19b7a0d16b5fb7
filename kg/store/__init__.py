"""Stores: where the graph is kept. ``open_store(url)`` picks the backend from the URL.

A path (default ``kg.db``) opens the embedded SQLite store; ``bolt://`` or
``neo4j://`` opens Neo4j (user and password from ``NEO4J_USER`` /
``NEO4J_PASSWORD``).
"""

from __future__ import annotations

import os

from .base import EventFilter, Store, WriteCounts

__all__ = ["EventFilter", "Store", "WriteCounts", "open_store", "DEFAULT_STORE", "is_neo4j_url"]

DEFAULT_STORE = "kg.db"
_NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def is_neo4j_url(url: str) -> bool:
    return str(url).startswith(_NEO4J_SCHEMES)


def open_store(url: str | os.PathLike | None = None) -> Store:
    """Open the store at `url` (default ``$KG_STORE`` or ``kg.db``), creating it if needed."""
    url = str(url or os.environ.get("KG_STORE") or DEFAULT_STORE)
    if is_neo4j_url(url):
        from .neo4j import Neo4jStore

        return Neo4jStore(url)
    from .sqlite import SqliteStore

    return SqliteStore(url)
