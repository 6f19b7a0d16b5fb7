"""Where the Neo4j store writes: a Neo4j 5 server over Bolt, with the official driver.

Graph shape (the design card's)::

    (:Actor {id, name, kind, code, role, parent, aliases, keys})
    (:Actor)-[:MET|CRITICIZED|… {event_id, date, month, date_text, date_precision, place, negated,
                                  confidence, mode, symmetric, participants, goldstein, polarity,
                                  prov, n_sources, articles, origin, attrs}]->(:Actor)
    (:Article {id, title, date, source, path, language})

A directed event is one relationship source → target; a symmetric event (a
meeting of three) is one relationship per unordered pair, smaller id → larger,
all sharing ``event_id`` and its properties — exactly the edges of
:func:`kg.graph.build_graph`. ``month`` (``YYYY-MM``) is derived from ``date``
for the query library (grand-cypher has no string functions). ``origin`` is set on events
loaded from an event dataset (``gdelt``, ``icews``, ``polecat``), ``attrs`` is the dataset's
own measures as JSON (NumMentions, AvgTone, its Goldstein or intensity, its code).

Provenance rows live on the event's relationships: ``prov`` is a JSON list of
``[key, rule, article, source, sentence, span_start, span_end]`` in arrival
order (Neo4j lists cannot hold nulls, and a relationship cannot point at a
node), ``articles`` lists the distinct article ids, which join to
``(:Article {id})`` nodes. One relationship per event instead of one
``(:Source)`` node per report keeps batched writes ~2x faster. An actor id used
by an event but never written as an actor is a *stub* node (no ``name``): it is
not listed by :meth:`Neo4jStore.actors`, just as SQLite has no row for it.

Events are written as plain records (:func:`event_record`); ``kg sync`` reads
them in bulk from SQLite (``SqliteStore.event_records``) and hands them to
:meth:`Neo4jStore.write_event_records`, skipping Event objects. Per batch and
relationship type: one index-backed existence check on ``event_id`` (so a new
event is a plain ``CREATE``, and an event already there is merged in Python and
updated), one ``MERGE`` of the actor nodes involved, one ``UNWIND … CREATE``.
Install ``neo4j-rust-ext`` (a pinned dependency): the driver's pure-Python
packstream otherwise costs more CPU than the server does.

Every value is a query parameter; relationship types are interpolated only
after checking them against ``schema.yaml``. Writes run in one
``execute_write`` transaction per :meth:`Neo4jStore.write` call (the driver
retries transient errors, and each call is idempotent: actors are merged on
id, events keyed on event id, provenance on its key).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import threading
from collections import defaultdict
from itertools import combinations
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit


from ..errors import QueryError, StoreError, UnknownRelation
from ..model import Actor, Article, Event, Provenance, date_from_iso, date_to_iso, merge_fields
from ..registry import lookup_keys, matches_search, normalize_name
from ..schema import load_schema
from .base import EventFilter, StoreBase, WriteCounts

__all__ = ["Neo4jStore", "rel_type", "event_record"]

log = logging.getLogger(__name__)
_TYPE_NAME = re.compile(r"^[A-Z][A-Z_]*$")
_READY: set[str] = set()          # URLs whose constraints/indexes exist (per process)
_READY_LOCK = threading.Lock()
_CHUNK = 1000
_ROWS = 10000     # rows per UNWIND statement when writing


def rel_type(name: str) -> str:
    """`name` as a relationship type safe to interpolate: a schema.yaml relation, else UnknownRelation."""
    schema = load_schema()
    t = str(name).upper()
    if t not in schema.relations or not _TYPE_NAME.match(t):
        raise UnknownRelation(str(name), sorted(schema.relations))
    return t


def _safe_url(url: str) -> str:
    """`url` without any user:password part."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url


def event_record(e: Event) -> dict[str, Any]:
    """`e` as a plain record: ``id``, ``type``, ``source``, ``target``, ``participants`` (sorted list),
    ``date`` (ISO or None), ``date_text``, ``date_precision``, ``place``, ``negated``, ``confidence``,
    ``mode``, ``origin``, ``attrs`` (a dict, its JSON text, or None), ``prov`` (a list of ``[key, rule, article,
    source, sentence, span_start, span_end]`` in arrival order) — what ``write_event_records`` of
    either store takes and :meth:`kg.store.sqlite.SqliteStore.event_records` yields."""
    return {"id": e.id, "type": e.type, "source": e.source, "target": e.target, "participants": list(e.participants),
            "date": date_to_iso(e.date), "date_text": e.date_text, "date_precision": e.date_precision,
            "place": e.place, "negated": e.negated, "confidence": e.confidence, "mode": e.mode, "origin": e.origin, "attrs": e.attrs,
            "prov": [[p.key, p.rule, p.article, p.source, p.sentence, p.span[0] if p.span else None,
                      p.span[1] if p.span else None] for p in e.provenance]}


def _attrs_json(attrs: dict[str, Any] | str | None) -> str | None:
    """A record's ``attrs`` as JSON text (loaders may hand it over already encoded)."""
    if not attrs:
        return None
    return attrs if isinstance(attrs, str) else json.dumps(attrs, ensure_ascii=False)


def _like(pattern: str, text: str) -> bool:
    """SQLite ``text LIKE pattern`` (ASCII case-insensitive, ``%`` and ``_`` wildcards)."""
    rx = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(rx, text, re.DOTALL | re.ASCII | re.IGNORECASE) is not None


def _sqlite_lower(s: str) -> str:
    """SQLite's built-in ``lower()``: ASCII letters only."""
    return s.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}

_CONSTRAINTS = (
    "CREATE CONSTRAINT kg_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT kg_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE INDEX kg_actor_code IF NOT EXISTS FOR (a:Actor) ON (a.code)",
    "CREATE INDEX kg_article_path IF NOT EXISTS FOR (a:Article) ON (a.path)",   # article_ids(path), on re-ingest
)


class Neo4jStore(StoreBase):
    """The store protocol on a Neo4j 5 server.

    Credentials come from ``NEO4J_USER`` (default ``neo4j``) and
    ``NEO4J_PASSWORD``; they are never logged, echoed or put in error messages.
    Transient failures (a lost connection, a deadlock) are retried by the driver
    for up to `retry_seconds` before a write raises :class:`StoreError`.
    """

    backend = "neo4j"

    def __init__(self, url: str, *, database: str | None = None, retry_seconds: float = 30.0):
        from neo4j import GraphDatabase

        self._url = url
        self.url = _safe_url(url)
        parts = urlsplit(url)
        user = parts.username or os.environ.get("NEO4J_USER") or "neo4j"
        self._secret = parts.password or os.environ.get("NEO4J_PASSWORD") or ""
        if parts.username or parts.password:
            url = self.url
        self._user = user
        self._db = database or os.environ.get("NEO4J_DATABASE") or None
        try:
            self._driver = GraphDatabase.driver(url, auth=(user, self._secret), notifications_min_severity="OFF",
                                                max_transaction_retry_time=retry_seconds)
        except Exception as e:  # bad URL etc.
            raise StoreError(f"{self.url}: cannot open Neo4j store ({self._scrub(e)})") from None
        self._schema = load_schema()
        self._types = {t: t for t in self._schema.relations if _TYPE_NAME.match(t)}
        self._ready = False


    def close(self) -> None:
        self._driver.close()

    # -- plumbing --------------------------------------------------------------------
    def _scrub_text(self, msg: str) -> str:
        return msg.replace(self._secret, "***") if self._secret else msg

    def _scrub(self, e: BaseException) -> str:
        msg = f"{type(e).__name__}: {getattr(e, 'message', None) or e}"
        if self._secret:
            msg = msg.replace(self._secret, "***")
        return msg

    def _error(self, e: BaseException, doing: str) -> StoreError:
        from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

        if isinstance(e, AuthError):
            return StoreError(f"{self.url}: Neo4j refused the credentials of user {self._user!r} "
                              "(set NEO4J_USER / NEO4J_PASSWORD)")
        if isinstance(e, (ServiceUnavailable, SessionExpired, OSError)):
            return StoreError(f"{self.url}: cannot reach Neo4j while {doing} ({self._scrub(e)}); "
                              "is the server running? (scripts/neo4j-server start)")
        return StoreError(f"{self.url}: Neo4j error while {doing} ({self._scrub(e)})")

    def _session(self, **kw: Any):
        return self._driver.session(database=self._db, **kw)

    def _ensure_schema(self) -> None:
        if self._ready:
            return
        key = f"{self.url}|{self._db}"
        with _READY_LOCK:
            if key not in _READY:
                from neo4j.exceptions import ClientError, Neo4jError

                stmts = list(_CONSTRAINTS)
                for t in self._schema.relations:
                    t = rel_type(t)
                    low = t.lower()
                    stmts.append(f"CREATE INDEX kg_rel_{low}_event IF NOT EXISTS FOR ()-[r:`{t}`]-() ON (r.event_id)")
                    stmts.append(f"CREATE INDEX kg_rel_{low}_date IF NOT EXISTS FOR ()-[r:`{t}`]-() ON (r.date)")
                try:
                    with self._session() as s:
                        for stmt in stmts:
                            try:
                                s.run(stmt).consume()
                            except ClientError as e:   # a concurrent creator won the race
                                if "AlreadyExists" not in (e.code or ""):
                                    raise
                        s.run("CALL db.awaitIndexes(300)").consume()
                except Neo4jError as e:
                    raise self._error(e, "creating constraints and indexes") from None
                except Exception as e:
                    raise self._error(e, "connecting") from None
                _READY.add(key)
        self._ready = True

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        self._ensure_schema()
        try:
            with self._session() as s:
                return s.execute_read(lambda tx: [r.data() for r in tx.run(query, params)])
        except StoreError:
            raise
        except Exception as e:
            raise self._error(e, "reading") from None

    def run_cypher(self, query: str, params: dict[str, Any] | None = None, *,
                   scope: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Run read-only Cypher with `params` (a read transaction: writes are refused by the server).
        `scope` is not needed here: the server's indexes find the events."""
        from neo4j.exceptions import ClientError

        self._ensure_schema()
        try:
            with self._session() as s:
                return s.execute_read(lambda tx: [dict(r) for r in tx.run(query, params or {})])
        except ClientError as e:
            raise QueryError(f"Neo4j rejected the query: {self._scrub_text(e.message or str(e))}") from None
        except Exception as e:
            raise self._error(e, "running a query") from None

    concurrent_writes = True

    def _rel_type(self, name: str) -> str:
        """:func:`rel_type` against this store's schema, without reloading it per call."""
        t = self._types.get(name)
        return t if t is not None else rel_type(name)

    # -- writing ---------------------------------------------------------------------
    def write(self, *, actors: Iterable[Actor] = (), articles: Iterable[Article] = (),
              events: Iterable[Event] = (), replaces: Iterable[str] = ()) -> WriteCounts:
        return self._write(list(actors), list(articles), [event_record(e) for e in events], list(replaces))

    def write_event_records(self, records: Iterable[dict[str, Any]]) -> WriteCounts:
        """:meth:`write` of events given as records (see :func:`event_record`), e.g. from
        :meth:`kg.store.sqlite.SqliteStore.event_records`: the same merge, without building Events."""
        return self._write([], [], list(records))

    def _write(self, actors: list[Actor], articles: list[Article], records: list[dict[str, Any]],
               replaces: list[str] = ()) -> WriteCounts:
        for r in records:
            self._rel_type(r["type"])    # refuse unknown types before anything is sent
        self._ensure_schema()
        from neo4j.exceptions import Neo4jError

        try:
            with self._session() as s:
                return s.execute_write(self._write_tx, actors, articles, records, replaces)
        except (StoreError, UnknownRelation):
            raise
        except Neo4jError as e:
            raise self._error(e, "writing") from None
        except Exception as e:
            raise self._error(e, "writing") from None

    def _write_tx(self, tx, actors: list[Actor], articles: list[Article], records: list[dict],
                  replaces: list[str] = ()) -> WriteCounts:
        counts = WriteCounts()
        if replaces:
            self._remove_articles(tx, list(replaces))
        if actors:
            counts.actors = self._write_actors(tx, actors)
        if articles:
            counts.articles = self._write_articles(tx, articles)
        if records:
            counts.events, counts.sources = self._write_events(tx, records)
        return counts

    def _remove_articles(self, tx, ids: list[str]) -> None:
        """Delete articles `ids`, their provenance, and the events left with no provenance."""
        gone = set(ids)
        found = tx.run("MATCH ()-[r]->() WHERE r.event_id IS NOT NULL AND any(a IN r.articles WHERE a IN $ids) "
                       "RETURN DISTINCT r.event_id AS id, type(r) AS type, r.prov AS prov", ids=ids).data()
        for rec in found:
            t = self._rel_type(rec["type"])
            prov = [x for x in json.loads(rec["prov"] or "[]") if x[2] not in gone]
            if not prov:
                tx.run(f"MATCH ()-[r:`{t}` {{event_id: $id}}]->() DELETE r", id=rec["id"]).consume()
                continue
            articles = list(dict.fromkeys(x[2] for x in prov if x[2]))
            tx.run(f"MATCH ()-[r:`{t}` {{event_id: $id}}]->() SET r.prov = $prov, r.n_sources = $n, "
                   "r.articles = $articles", id=rec["id"], prov=json.dumps(prov, ensure_ascii=False), n=len(prov),
                   articles=articles or None).consume()
        tx.run("MATCH (a:Article) WHERE a.id IN $ids DETACH DELETE a", ids=ids).consume()

    def _write_actors(self, tx, actors: list[Actor]) -> int:
        ids = list(dict.fromkeys(a.id for a in actors))
        current: dict[str, tuple[Actor | None, list[str]]] = {}
        for r in tx.run("UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a {.*} AS a", ids=ids):
            a = r["a"]
            actor = None if a.get("name") is None else self._actor(a)
            current[a["id"]] = (actor, list(a.get("keys") or []))
        added = 0
        changed: dict[str, tuple[Actor, list[str]]] = {}
        for a in actors:
            old, keys = changed.get(a.id) or current.get(a.id) or (None, [])
            if old is None:
                merged = a
                added += 1
            else:
                merged = old.merged(a)
                if merged == old:
                    continue
            new_keys = lookup_keys(merged)
            changed[a.id] = (merged, keys + sorted(new_keys - set(keys)))
        rows = [{"id": m.id, "name": m.name, "kind": m.kind, "code": m.code, "role": m.role, "parent": m.parent,
                 "aliases": list(m.aliases), "keys": keys} for m, keys in changed.values()]
        for i in range(0, len(rows), _CHUNK):
            tx.run("UNWIND $rows AS row MERGE (a:Actor {id: row.id}) "
                   "SET a.name = row.name, a.kind = row.kind, a.code = row.code, a.role = row.role, "
                   "a.parent = row.parent, a.aliases = row.aliases, a.keys = row.keys",
                   rows=rows[i:i + _CHUNK]).consume()
        return added

    def _write_articles(self, tx, articles: list[Article]) -> int:
        ids = list(dict.fromkeys(a.id for a in articles))
        have = {r["id"] for r in tx.run("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id", ids=ids)}
        rows = []
        for a in articles:
            if a.id in have:
                continue
            have.add(a.id)
            rows.append({"id": a.id, "title": a.title, "date": date_to_iso(a.date), "source": a.source, "path": a.path,
                         "language": a.language})
        for i in range(0, len(rows), _CHUNK):
            tx.run("UNWIND $rows AS row CREATE (a:Article) SET a = row", rows=rows[i:i + _CHUNK]).consume()
        return len(rows)

    def _write_events(self, tx, records: list[dict[str, Any]]) -> tuple[int, int]:
        by_type: dict[str, list[str]] = defaultdict(list)
        for rec in records:
            by_type[rec["type"]].append(rec["id"])
        state: dict[str, dict[str, Any]] = {}
        for t, ids in by_type.items():
            t = self._rel_type(t)
            ids = list(dict.fromkeys(ids))
            for i in range(0, len(ids), _ROWS):
                # which of these events exist already (index seek on event_id); the state of those only
                for r in tx.run(f"UNWIND $ids AS id MATCH ()-[r:`{t}` {{event_id: id}}]->() "
                                "WITH id, head(collect(r)) AS r "
                                "RETURN id, r {.confidence, .place, .date_text, .mode, .prov} AS p",
                                ids=ids[i:i + _ROWS]):
                    p = r["p"]
                    prov = json.loads(p.pop("prov") or "[]")
                    state[r["id"]] = {"new": False, "dirty": False, "type": t, "prov": prov,
                                      "keys": {x[0] for x in prov}, **p}
        new_events = added_sources = 0
        creates: dict[str, list[dict]] = defaultdict(list)
        stubs: set[str] = set()
        relations = self._schema.relations
        for rec in records:
            eid = rec["id"]
            st = state.get(eid)
            prov = rec["prov"]
            if st is None and eid not in state:
                # a new event, not yet seen in this batch: the fast path (no merge needed unless it repeats)
                keys: dict[str, None] = {}
                rows = []
                for x in prov:
                    if x[0] not in keys:
                        keys[x[0]] = None
                        rows.append(list(x))
                state[eid] = {"new": True, "dirty": True, "type": rec["type"], "rec": rec,
                              "confidence": rec["confidence"], "place": rec["place"], "date_text": rec["date_text"],
                              "mode": rec["mode"], "prov": rows, "keys": keys}
                new_events += 1
                added_sources += len(rows)
                continue
            # the same event again: keep the best confidence, fill what was missing
            merged = merge_fields(st, rec)
            if any(st[k] != v for k, v in merged.items()):
                st.update(merged, dirty=True)
            for x in prov:
                if x[0] in st["keys"]:
                    continue
                if isinstance(st["keys"], dict):
                    st["keys"][x[0]] = None
                else:
                    st["keys"].add(x[0])
                st["prov"].append(list(x))
                st["dirty"] = True
                added_sources += 1
        updates: dict[str, list[dict]] = defaultdict(list)
        for eid, st in state.items():
            if not st["dirty"]:
                continue
            prov = st["prov"]
            articles = list(dict.fromkeys(x[2] for x in prov if x[2]))
            props = {"confidence": st["confidence"], "place": st["place"], "date_text": st["date_text"],
                     "mode": st["mode"], "prov": json.dumps(prov, ensure_ascii=False), "n_sources": len(prov),
                     "articles": articles or None}
            if st["new"]:
                rec = st["rec"]
                rel = relations[rec["type"]]
                date = rec["date"]
                parts = rec["participants"]
                props.update(event_id=eid, date=date, month=date[:7] if date else None,
                             date_precision=rec["date_precision"], negated=bool(rec["negated"]),
                             symmetric=bool(parts), participants=list(parts) or None, goldstein=rel.goldstein,
                             polarity=rel.polarity, origin=rec.get("origin"),
                             attrs=_attrs_json(rec.get("attrs")))
                props = {k: v for k, v in props.items() if v is not None}
                rows = creates[st["type"]]
                if parts:
                    stubs.update(parts)
                    rows.extend({"u": u, "v": v, "props": props} for u, v in combinations(parts, 2))
                else:
                    stubs.add(rec["source"])
                    stubs.add(rec["target"])
                    rows.append({"u": rec["source"], "v": rec["target"], "props": props})
            else:
                updates[st["type"]].append({"id": eid, "props": props})
        stub_ids = sorted(stubs)
        for i in range(0, len(stub_ids), _ROWS):
            tx.run("UNWIND $ids AS id MERGE (:Actor {id: id})", ids=stub_ids[i:i + _ROWS]).consume()
        for t, rows in creates.items():
            t = self._rel_type(t)
            for i in range(0, len(rows), _ROWS):
                tx.run(f"UNWIND $rows AS row MATCH (u:Actor {{id: row.u}}) MATCH (v:Actor {{id: row.v}}) "
                       f"CREATE (u)-[r:`{t}`]->(v) SET r = row.props", rows=rows[i:i + _ROWS]).consume()
        for t, rows in updates.items():
            t = self._rel_type(t)
            for i in range(0, len(rows), _ROWS):
                tx.run(f"UNWIND $rows AS row MATCH ()-[r:`{t}` {{event_id: row.id}}]->() SET r += row.props",
                       rows=rows[i:i + _ROWS]).consume()
        return new_events, added_sources

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _actor(a: dict[str, Any]) -> Actor:
        return Actor(a["id"], a["name"], a["kind"], a.get("code"), tuple(a.get("aliases") or ()), a.get("role"),
                     a.get("parent"))

    def actor(self, actor_id: str) -> Actor | None:
        rows = self._read("MATCH (a:Actor {id: $id}) WHERE a.name IS NOT NULL RETURN a {.*} AS a", id=actor_id)
        return self._actor(rows[0]["a"]) if rows else None

    def find_actors(self, name: str) -> list[Actor]:
        rows = self._read("MATCH (a:Actor) WHERE a.name IS NOT NULL AND $key IN a.keys RETURN a {.*} AS a",
                          key=normalize_name(name))
        return sorted((self._actor(r["a"]) for r in rows), key=lambda a: a.id)

    def actors(self, search: str | None = None, *, unresolved: bool = False) -> list[Actor]:
        rows = self._read("MATCH (a:Actor) WHERE a.name IS NOT NULL AND ($unresolved = false OR a.code IS NULL) "
                          "RETURN a {.*} AS a", unresolved=unresolved)
        out = [(self._actor(r["a"]), r["a"].get("keys") or []) for r in rows]
        if search:
            out = [(a, k) for a, k in out if matches_search(a, search, k)]
        return sorted((a for a, _k in out), key=lambda a: (a.name, a.id))

    def article_ids(self, path: str) -> list[str]:
        return sorted(r["id"] for r in self._read("MATCH (a:Article {path: $path}) RETURN a.id AS id", path=path))

    def has_article(self, article_id: str) -> bool:
        return bool(self._read("MATCH (a:Article {id: $id}) RETURN 1 AS one", id=article_id))

    def articles(self) -> Iterator[Article]:
        rows = self._read("MATCH (a:Article) RETURN a {.*} AS a")
        arts = [Article(a["id"], a.get("title"), date_from_iso(a.get("date")), a.get("source"), a.get("path"),
                        a.get("language")) for a in (r["a"] for r in rows)]
        yield from sorted(arts, key=lambda a: (a.date is not None, a.date or dt.date.min, a.id))

    def _event_query(self, flt: EventFilter) -> tuple[str, dict[str, Any]]:
        params: dict[str, Any] = {}
        where = ["r.event_id IS NOT NULL"]
        if flt.types:
            params["types"] = [t.upper() for t in flt.types]
            where.append("type(r) IN $types")
        if flt.since:
            params["since"] = flt.since.isoformat()
            where.append("r.date >= $since")
        if flt.until:
            params["until"] = flt.until.isoformat()
            where.append("r.date <= $until")
        if flt.negated is not None:
            params["negated"] = bool(flt.negated)
            where.append("r.negated = $negated")
        if flt.article:
            params["article"] = flt.article
            where.append("$article IN r.articles")
        if flt.origins:
            params["origins"], own = flt.origin_sets()
            where.append("(r.origin IN $origins" + (" OR r.origin IS NULL)" if own else ")"))
        cond = " AND ".join(where)
        if flt.actors or flt.codes:
            params["ids"], params["codes"] = list(flt.actors), list(flt.codes)
            q = ("MATCH (x:Actor) WHERE x.id IN $ids OR (x.code IN $codes AND x.name IS NOT NULL) "
                 f"MATCH (x)-[r]-(:Actor) WHERE {cond} WITH DISTINCT r MATCH (u)-[r]->(v) ")
        else:
            q = f"MATCH (u:Actor)-[r]->(v:Actor) WHERE {cond} "
        q += ("WITH DISTINCT r.event_id AS id, type(r) AS type, "
              "CASE WHEN r.symmetric THEN null ELSE u.id END AS source, "
              "CASE WHEN r.symmetric THEN null ELSE v.id END AS target, "
              "CASE WHEN r.symmetric THEN r.participants ELSE [] END AS participants, r.date AS date, "
              "r.date_text AS date_text, r.date_precision AS date_precision, r.place AS place, "
              "r.negated AS negated, r.confidence AS confidence, r.mode AS mode, r.prov AS prov, "
              "r.origin AS origin, r.attrs AS attrs ORDER BY date, id ")
        if flt.limit:
            params["limit"] = int(flt.limit)
            q += "LIMIT $limit "
        q += ("RETURN id, type, source, target, participants, date, date_text, date_precision, place, negated, "
              "confidence, mode, prov, origin, attrs")
        return q, params

    def events(self, flt: EventFilter = EventFilter()) -> Iterator[Event]:
        self._ensure_schema()
        q, params = self._event_query(flt)
        try:
            with self._session(fetch_size=2000) as s:
                for r in s.run(q, params):
                    prov = tuple(Provenance(p[1], p[2], p[3], p[4], (p[5], p[6]) if p[5] is not None else None)
                                 for p in json.loads(r["prov"] or "[]"))
                    yield Event(r["type"], r["source"], r["target"], tuple(r["participants"] or ()),
                                date_from_iso(r["date"]), r["date_text"], r["date_precision"], r["place"],
                                bool(r["negated"]), r["confidence"], r["mode"], prov, r["origin"],
                                json.loads(r["attrs"]) if r["attrs"] else None)
        except GeneratorExit:
            raise
        except Exception as e:
            if isinstance(e, StoreError):
                raise
            raise self._error(e, "reading events") from None


    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        ids = list(ids)
        out: dict[str, Actor] = {}
        for i in range(0, len(ids), 10 * _CHUNK):
            for r in self._read("UNWIND $ids AS id MATCH (a:Actor {id: id}) WHERE a.name IS NOT NULL "
                                "RETURN a {.*} AS a", ids=ids[i:i + 10 * _CHUNK]):
                out[r["a"]["id"]] = self._actor(r["a"])
        return out

    def stats(self) -> dict[str, Any]:
        actors = self._read("MATCH (a:Actor) WHERE a.name IS NOT NULL "
                            "RETURN count(a) AS n, count(CASE WHEN a.code IS NULL THEN 1 END) AS unresolved")[0]
        by_type = self._read("MATCH ()-[r]->() WHERE r.event_id IS NOT NULL "
                             "RETURN type(r) AS type, count(DISTINCT r.event_id) AS n, min(r.date) AS first, "
                             "max(r.date) AS last")
        firsts = [r["first"] for r in by_type if r["first"]]
        lasts = [r["last"] for r in by_type if r["last"]]
        return {
            "store": self.url,
            "actors": actors["n"],
            "unresolved_actors": actors["unresolved"],
            "articles": self._read("MATCH (a:Article) RETURN count(a) AS n")[0]["n"],
            "events": sum(r["n"] for r in by_type),
            "sources": self._read("MATCH ()-[r]->() WHERE r.event_id IS NOT NULL WITH DISTINCT r.event_id AS id, "
                                  "r.n_sources AS n RETURN sum(n) AS n")[0]["n"] or 0,
            "events_by_type": {r["type"]: r["n"] for r in sorted(by_type, key=lambda r: r["type"])},
            "first_date": min(firsts) if firsts else None,
            "last_date": max(lasts) if lasts else None,
        }
