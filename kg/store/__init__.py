"""Stores: where the graph is kept. ``open_store(url)`` picks the backend from the URL.

A path (default ``kg.db``) opens the embedded SQLite store; ``bolt://`` or
``neo4j://`` (and their ``+s``/``+ssc`` forms) opens Neo4j (user and password from
``NEO4J_USER`` / ``NEO4J_PASSWORD``). Anything else that looks like a URL is an
error, not a file name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import StoreError
from .base import EventFilter, Store, WriteCounts

__all__ = ["EventFilter", "Store", "WriteCounts", "open_store", "DEFAULT_STORE", "is_neo4j_url", "store_key",
           "NEO4J_SCHEMES"]

DEFAULT_STORE = "kg.db"
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")   # two letters at least: C:\… is a path


def is_neo4j_url(url: str | os.PathLike) -> bool:
    return str(url).split("://", 1)[0].lower() in NEO4J_SCHEMES and "://" in str(url)


def _check(url: str) -> None:
    """Refuse what is neither a path nor a well-formed Neo4j URL, naming what is wrong."""
    if "\x00" in url or not url.strip():
        raise StoreError(f"{url!r} is not a store path or URL")
    m = _SCHEME.match(url)
    if not m:
        return
    scheme = m.group(1).lower()
    if scheme not in NEO4J_SCHEMES:
        raise StoreError(f"{url}: unknown store scheme {scheme!r} (use a file path, or "
                         f"{', '.join(s + '://' for s in NEO4J_SCHEMES[:2])}…; for a file whose name has a "
                         f"colon write ./{url})")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as e:
        raise StoreError(f"{_hide_password(url)}: malformed store URL ({e})") from None
    if not url[m.end():].startswith("//") or not parts.hostname:
        raise StoreError(f"{_hide_password(url)}: malformed store URL (expected {scheme}://host:port)")


def _hide_password(url: str) -> str:
    return re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", url)


def store_key(url: str | os.PathLike | None) -> str:
    """One spelling per store, to tell whether two names mean the same one: an absolute, resolved
    path, or ``scheme://host:port/path`` without credentials (case-insensitive host, default port 7687)."""
    url = str(url or os.environ.get("KG_STORE") or DEFAULT_STORE)
    if is_neo4j_url(url):
        _check(url)
        p = urlsplit(url)
        scheme = p.scheme.lower().split("+")[0]
        return f"{scheme}://{(p.hostname or '').lower()}:{p.port or 7687}{p.path.rstrip('/')}"
    return url if url == ":memory:" else str(Path(url).expanduser().resolve())


def open_store(url: str | os.PathLike | None = None, *, readonly: bool = False) -> Store:
    """Open the store at `url` (default ``$KG_STORE`` or ``kg.db``).

    A writable SQLite store is created if needed; ``readonly=True`` (what read commands
    use) never creates or changes a file, and a missing store is a
    :class:`~kg.errors.StoreError` ("no store at …").
    """
    url = str(url or os.environ.get("KG_STORE") or DEFAULT_STORE)
    _check(url)
    if is_neo4j_url(url):
        from .neo4j import Neo4jStore

        return Neo4jStore(url)
    from .sqlite import SqliteStore

    return SqliteStore(url, readonly=readonly)
