"""The store protocol every backend implements, and the filter it scans by.

Lookups (``kg.lookups``) and views are written once, over this protocol; the
embedded SQLite store and the Neo4j store both implement it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Protocol, runtime_checkable

import networkx as nx

from ..model import Actor, Article, Event

__all__ = ["EventFilter", "OWN", "WriteCounts", "Store", "StoreBase"]


OWN = "own"   # the origin filter's name for events of no dataset: your articles and statements


@dataclass(frozen=True)
class EventFilter:
    """Which events a scan returns. Empty fields do not filter.

    ``actors`` matches actor ids exactly; ``codes`` matches every actor that rolls
    up to one of the codes (``"TUR"`` → Turkey, its ministries and officials).
    An event matches when any of its actors matches either. ``origins`` keeps the
    events of these event datasets (``"gdelt"``, ``"icews"``, ``"polecat"``) and, with
    :data:`OWN`, those read from your own articles and statements (origin None).
    """

    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    negated: bool | None = None
    article: str | None = None
    limit: int | None = None
    origins: tuple[str, ...] = ()

    def origin_sets(self) -> tuple[list[str], bool]:
        """The dataset names asked for, and whether events of no dataset (:data:`OWN`) are too."""
        return [o for o in self.origins if o != OWN], OWN in self.origins


@dataclass
class WriteCounts:
    """What one :meth:`Store.write` added (existing rows are not counted)."""

    actors: int = 0
    articles: int = 0
    events: int = 0
    sources: int = 0

    def __iadd__(self, other: "WriteCounts") -> "WriteCounts":
        self.actors += other.actors
        self.articles += other.articles
        self.events += other.events
        self.sources += other.sources
        return self

    def to_dict(self) -> dict[str, int]:
        return {"actors": self.actors, "articles": self.articles, "events": self.events, "sources": self.sources}


@runtime_checkable
class Store(Protocol):
    """A durable knowledge graph of actors, articles and events."""

    url: str
    backend: str     # "embedded" or "neo4j": which variant of a named query runs (kg.cypher)

    def write(self, *, actors: Iterable[Actor] = (), articles: Iterable[Article] = (),
              events: Iterable[Event] = (), replaces: Iterable[str] = ()) -> WriteCounts:
        """Add (or merge) everything in one transaction: all of it lands or none of it.

        Actors are upserted by id (known fields are not erased by unknown ones);
        an event whose id exists gains the new provenance instead of a duplicate.
        First, in the same transaction, the articles `replaces` (ids) are removed with
        their provenance, and so are the events no other article supports: a new version
        of a source replaces the old one.
        """

    def article_ids(self, path: str) -> list[str]:
        """The ids of the stored articles read from `path` (versions of one source file)."""

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        """The stored actors among `ids`, by id, in one round trip (ids not stored are absent)."""

    def find_actors(self, name: str) -> list[Actor]:
        """Actors whose name or alias equals `name` (case- and accent-insensitive)."""

    def actors(self, search: str | None = None, *, unresolved: bool = False) -> list[Actor]:
        """All actors, or those whose name/alias/id/code contains `search`; with
        ``unresolved=True`` only the actors with no code."""

    def has_article(self, article_id: str) -> bool: ...

    def articles(self) -> Iterator[Article]: ...

    def events(self, flt: EventFilter = EventFilter()) -> Iterator[Event]:
        """Events matching `flt`, ordered by date (undated last), then id."""

    def graph(self, flt: EventFilter = EventFilter()) -> nx.MultiDiGraph:
        """The matching events as a MultiDiGraph (see :func:`kg.graph.build_graph`)."""

    def stats(self) -> dict[str, Any]:
        """Counts of actors, articles, events (total and by type)."""

    def run_cypher(self, query: str, params: dict[str, Any] | None = None, *,
                   scope: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Rows of read-only Cypher `query` with `params` (always passed as values, never as text);
        `scope` (a named query's) lets a store load only the events the query can touch.
        A query the store refuses raises :class:`~kg.errors.QueryError`."""

    def close(self) -> None: ...


class StoreBase:
    """What every backend shares: the context manager, ``repr`` and :meth:`graph` built from
    :meth:`events` and :meth:`actors_by_id`, so both stores return the same graph shape."""

    url: str
    concurrent_writes = False     # True for a server store: several write transactions may run at once

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def graph(self, flt: EventFilter = EventFilter()) -> nx.MultiDiGraph:
        from ..graph import build_graph

        events = list(self.events(flt))
        ids = {a for e in events for a in e.actors}
        return build_graph(events, self.actors_by_id(ids))
