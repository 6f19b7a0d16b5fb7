"""Where the embedded store writes: one SQLite file (WAL, one transaction per write).

SQLite is the durable record; :meth:`SqliteStore.graph` materialises the
matching events as a NetworkX ``MultiDiGraph`` for graph work. Nothing here
unpickles: a store file from a colleague cannot execute code.

Settings, and why (figures: ``bench/ingest_bench.py``, ``bench/RESULTS.md``):

- ``page_size=16384`` for a new store (SQLite's default is 4096; it is fixed when the first table
  is made, so a store made before schema v3 keeps its 4 KiB pages). The bulk path writes ~25% more
  events per second with 16 KiB pages; 32 KiB pages bulk-write a little faster still on wide rows
  but make the 5-event transaction of one article ~30% slower (every page it touches goes whole
  into the WAL); at 16 KiB, with the checkpoint interval below, it is within ~7% of 4 KiB.
- ``journal_mode=WAL``, ``synchronous=NORMAL``: a crash never corrupts the file or leaves half a
  transaction, and readers never block the writer. A commit survives a crash of the process at once
  and a power loss once the WAL is synced at the next checkpoint (see below: a power loss can take
  back the commits of the last <= 40 MiB of WAL, whole). ``synchronous=OFF`` would be faster and is
  not used: it gives up durability.
- ``wal_autocheckpoint``: the WAL is copied into the file when it holds ~40 MiB, set in bytes and
  turned into pages of the store's own size (SQLite's default, 1000 pages, is 4 MiB at 4 KiB):
  fewer, larger checkpoints (each one fsyncs). With 16 KiB pages and a 4 MiB WAL a store
  checkpoints every few article transactions, and article ingest ran 30–40% slower.
- ``cache_size``: 16 MiB of page cache during bulk writes (SQLite's default is 2 MB), a bound that
  keeps a loader's memory flat whatever the file size; 64 MiB measured no faster.
- ``foreign_keys=OFF``: the schema declares none; events may name actors written later.

Indexes, each used by a query (plans checked in tests/test_store_sqlite.py): ``events_date`` (date-only
filters, first/last date), ``events_type_date`` (type and date filters), ``event_actors_actor``
(everything anchored on an actor: who met whom, dyads), ``provenance_article`` (the events of an
article, replacing an article) — partial, ``WHERE article IS NOT NULL``, so the event datasets'
rows, which have no article, never enter it — and ``actors_code``, ``articles_path``. Events are
found by id through their primary key; schema v2's covering ``events_id_type`` was dropped in v3
(one more random-key insert per event for no query that needed it).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import urllib.parse
from collections import defaultdict
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable, Iterator


from ..errors import StoreBusy, StoreError
from ..model import MERGE_RULES, Actor, Article, Event, Provenance, date_from_iso, date_to_iso
from ..registry import lookup_keys, matches_search, normalize_name
from .base import EventFilter, StoreBase, WriteCounts

__all__ = ["SqliteStore"]

log = logging.getLogger(__name__)
SCHEMA_VERSION = 3   # 2: events.origin, events.attrs (event datasets); 3: bulk-write indexes (see _migrate)
_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, code TEXT,
    role TEXT, parent TEXT, aliases TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);
CREATE TABLE IF NOT EXISTS actor_keys (key TEXT NOT NULL, actor_id TEXT NOT NULL, PRIMARY KEY (key, actor_id));
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT, date TEXT, source TEXT, path TEXT, language TEXT);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, source TEXT, target TEXT, date TEXT, date_text TEXT,
    date_precision TEXT, place TEXT, negated INTEGER NOT NULL, confidence REAL NOT NULL, mode TEXT,
    origin TEXT, attrs TEXT);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_type_date ON events(type, date);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL, actor_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (event_id, actor_id, role))
    WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors(actor_id, event_id);
CREATE TABLE IF NOT EXISTS provenance (
    key TEXT NOT NULL, event_id TEXT NOT NULL, article TEXT, source TEXT, sentence TEXT,
    span_start INTEGER, span_end INTEGER, rule TEXT NOT NULL, PRIMARY KEY (event_id, key));
CREATE INDEX IF NOT EXISTS provenance_article ON provenance(article) WHERE article IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_path ON articles(path);
"""
_CHUNK = 500   # SQLite host-parameter batches
PAGE_SIZE = 16384   # bytes per page of a NEW store (an existing file keeps the size it was made with)
_WAL_BYTES = 40 << 20   # checkpoint the WAL into the file when it holds ~40 MiB: fewer, larger flushes
_BULK_CACHE = -16384   # KiB of page cache during bulk writes (64 MiB measured no faster at 200k events)
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
_ATTRS_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode   # built once: dumps() per row is slow
_MERGE_SQL = "UPDATE events SET " + ", ".join(   # kg.model.MERGE_RULES: max, or the first known value
    f"{f}=max({f}, ?)" if rule == "max" else f"{f}=coalesce({f}, ?)" for f, rule in MERGE_RULES.items()) + " WHERE id=?"
DEFAULT_TIMEOUT = 60.0   # seconds a writer waits for another to finish (KG_BUSY_TIMEOUT)


def _header(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(16)


class SqliteStore(StoreBase):
    """The embedded default store: one SQLite file.

    >>> s = SqliteStore(":memory:")
    >>> s.write(actors=[Actor("TUR", "Turkey", "state", "TUR")]).actors
    1
    >>> s.actor("TUR").name
    'Turkey'
    """

    backend = "embedded"

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float | None = None):
        self.url = str(path)
        self.readonly = readonly and self.url != ":memory:"
        self.timeout = float(os.environ.get("KG_BUSY_TIMEOUT", DEFAULT_TIMEOUT)) if timeout is None else timeout
        self._writes = 0
        if self.url != ":memory:":
            p = Path(self.url)
            if p.exists() and p.is_dir():
                raise StoreError(f"{p}: is a folder, not a store file")
            if self.readonly and not p.exists():
                raise StoreError(f"no store at {p} (create one with `kg ingest`)")
            if p.exists() and p.stat().st_size and not _header(p).startswith(b"SQLite format 3"):
                raise StoreError(f"{p}: not a diplomatic-kg store (not an SQLite file)")
            if not self.readonly:
                p.parent.mkdir(parents=True, exist_ok=True)
        try:
            if self.readonly:
                # query_only, on a connection that cannot create the file: nothing is written, and the
                # last reader still tidies a WAL store's -wal/-shm files (mode=ro if we may not write)
                self._connect_readonly()
                if self._check_kind() < SCHEMA_VERSION:   # an older store: upgraded once (columns added)
                    self._db.close()
                    SqliteStore(self.url, timeout=self.timeout).close()
                    self._connect_readonly()
                return
            self._db = sqlite3.connect(self.url, isolation_level=None, check_same_thread=False,
                                       timeout=self.timeout)
            if self._check_kind() == 0:   # a new store; the page size is fixed by the first table
                self._db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=OFF")
            self._db.executescript(_DDL)
            page = self._db.execute("PRAGMA page_size").fetchone()[0]
            self._db.execute(f"PRAGMA wal_autocheckpoint={_WAL_BYTES // page}")   # the PRAGMA counts pages
            self._migrate()
            version = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if version is None:
                self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise StoreBusy(f"{self.url}: store is busy: another process is writing") from None
            raise StoreError(f"{self.url}: cannot open store ({e})") from None
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.url}: cannot open store ({e})") from None

    def _migrate(self) -> None:
        """Bring an older store up to date, in one transaction. v1 -> v2: add the event-dataset columns
        (``origin``, ``attrs``). v2 -> v3: drop ``events_id_type`` (a covering index the bulk path paid
        for on every insert; reads go through the primary key) and make ``provenance_article`` partial
        (dataset rows have no article, so they no longer enter it). The page size stays as it was
        (changing it means rewriting the file: ``VACUUM`` with a new ``page_size``, outside WAL)."""
        cols = {r[1] for r in self._db.execute("PRAGMA table_info(events)")}
        missing = [col for col in ("origin", "attrs") if col not in cols]
        version = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if not missing and (version is None or int(version[0]) >= SCHEMA_VERSION):
            return   # up to date: no write, so opening never waits for another writer's lock
        self._begin()
        try:
            for col in missing:
                self._db.execute(f"ALTER TABLE events ADD COLUMN {col} TEXT")
            self._db.execute("DROP INDEX IF EXISTS events_id_type")
            self._db.execute("DROP INDEX IF EXISTS provenance_article")
            self._db.execute("CREATE INDEX provenance_article ON provenance(article) WHERE article IS NOT NULL")
            self._db.execute("UPDATE meta SET value=? WHERE key='schema_version' AND CAST(value AS INTEGER) < ?",
                             (str(SCHEMA_VERSION), SCHEMA_VERSION))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _connect_readonly(self) -> None:
        """query_only, on a connection that cannot create the file: nothing is written, and the
        last reader still tidies a WAL store's -wal/-shm files (mode=ro if we may not write)."""
        path = Path(self.url).resolve()
        mode = "rw" if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) else "ro"
        self._db = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode={mode}", uri=True,
                                   isolation_level=None, check_same_thread=False, timeout=self.timeout)
        self._db.execute("PRAGMA query_only=1")

    def _check_kind(self) -> int:
        """Refuse, before anything is written, an SQLite file that is not a kg store (or a newer one);
        the store's schema version (0 for a new, empty file)."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = None
        if "meta" in tables:
            row = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = row[0] if row else None
        if version is None and (tables or self.readonly):
            self._db.close()
            raise StoreError(f"{self.url}: not a diplomatic-kg store (an SQLite database with other tables)"
                             if tables else f"no store at {self.url} (create one with `kg ingest`)")
        if version is not None and int(version) > SCHEMA_VERSION:
            self._db.close()
            raise StoreError(f"{self.url}: store schema v{version} is newer than this kg (v{SCHEMA_VERSION})")
        return int(version or 0)

    def close(self) -> None:
        self._db.close()

    # -- writing ---------------------------------------------------------------------
    def write(self, *, actors: Iterable[Actor] = (), articles: Iterable[Article] = (),
              events: Iterable[Event] = (), replaces: Iterable[str] = ()) -> WriteCounts:
        if self.readonly:
            raise StoreError(f"{self.url}: opened read-only")
        counts = WriteCounts()
        db = self._db
        self._writes += 1
        self._begin()
        try:
            self._remove_articles(list(replaces))
            for a in actors:
                counts.actors += self._upsert_actor(a)
            for art in articles:
                cur = db.execute("INSERT OR IGNORE INTO articles VALUES (?,?,?,?,?,?)",
                                 (art.id, art.title, date_to_iso(art.date), art.source, art.path, art.language))
                counts.articles += cur.rowcount
            self._write_events(list(events), counts)
            db.execute("COMMIT")
        except BaseException as e:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error):
                raise StoreError(f"{self.url}: write failed, nothing was stored ({e})") from None
            raise
        return counts

    def _begin(self) -> None:
        """Take the write lock, waiting up to the busy timeout for another writer to finish."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise StoreBusy(f"{self.url}: store is busy: another process is writing "
                                f"(waited {self.timeout:g} s; set KG_BUSY_TIMEOUT to wait longer)") from None
            raise StoreError(f"{self.url}: cannot write ({e})") from None

    def _remove_articles(self, ids: list[str]) -> None:
        """Delete articles `ids`, their provenance, and the events left with no provenance."""
        if not ids:
            return
        db, marks = self._db, ",".join("?" * len(ids))
        touched = [r[0] for r in db.execute(
            f"SELECT DISTINCT event_id FROM provenance WHERE article IN ({marks})", ids)]
        db.execute(f"DELETE FROM provenance WHERE article IN ({marks})", ids)
        db.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)
        for i in range(0, len(touched), _CHUNK):
            chunk = touched[i:i + _CHUNK]
            m = ",".join("?" * len(chunk))
            gone = [r[0] for r in db.execute(
                f"SELECT id FROM events WHERE id IN ({m}) AND id NOT IN (SELECT event_id FROM provenance"
                f" WHERE event_id IN ({m}))", chunk + chunk)]
            if gone:
                g = ",".join("?" * len(gone))
                db.execute(f"DELETE FROM event_actors WHERE event_id IN ({g})", gone)
                db.execute(f"DELETE FROM events WHERE id IN ({g})", gone)

    def _write_events(self, events: list[Event], counts: WriteCounts) -> None:
        """Insert new events, merge known ones (best confidence, missing fields filled) and add
        provenance, in a few executemany calls; the order of provenance rows is the input order."""
        db = self._db
        existing: set[str] = set()
        ids = list(dict.fromkeys(e.id for e in events))
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            existing.update(r[0] for r in db.execute(
                f"SELECT id FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        new, roles, merges, prov = [], [], [], []
        for e in events:
            eid = e.id
            if eid in existing:
                merges.append((*(getattr(e, f) for f in MERGE_RULES), eid))
            else:
                existing.add(eid)
                new.append((eid, e.type, e.source, e.target, date_to_iso(e.date), e.date_text, e.date_precision,
                            e.place, int(e.negated), e.confidence, e.mode, e.origin,
                            json.dumps(e.attrs, ensure_ascii=False) if e.attrs else None))
                roles += [(eid, p, "participant") for p in e.participants] or \
                    [(eid, e.source, "source"), (eid, e.target, "target")]
            prov += [(p.key, eid, p.article, p.source, p.sentence, p.span[0] if p.span else None,
                      p.span[1] if p.span else None, p.rule) for p in e.provenance]
        db.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", new)
        db.executemany("INSERT OR IGNORE INTO event_actors VALUES (?,?,?)", roles)
        db.executemany(_MERGE_SQL, merges)
        counts.events += len(new)
        counts.sources += db.executemany("INSERT OR IGNORE INTO provenance VALUES (?,?,?,?,?,?,?,?)", prov).rowcount

    # -- bulk writing (event datasets) ------------------------------------------------
    def write_event_records(self, records: Iterable[dict[str, Any]]) -> WriteCounts:
        """Write events given as plain records (:func:`kg.store.neo4j.event_record`'s shape, plus
        ``origin`` and ``attrs``, a dict or its JSON text) in one transaction: the bulk path of the event-dataset loaders
        (``kg ingest --format gdelt``) and of ``kg sync`` into SQLite.

        An event already stored keeps its fields and gains the provenance rows it lacks (keyed, so
        writing the same records again adds nothing). Three prepared ``INSERT OR IGNORE`` statements
        run over the whole chunk (``executemany``), rows sorted by event id so the id-keyed b-trees
        are walked in order; no :class:`Event` objects, no per-event query. From the first bulk write
        on, the connection's page cache is 16 MiB (``cache_size``), bounded whatever the file size.
        """
        events, roles, prov = [], [], []
        ev, ro, pr = events.append, roles.append, prov.append
        dumps = _ATTRS_JSON
        for r in records:   # (an itemgetter over the keys measured slower than this loop)
            eid = r["id"]
            parts = r["participants"]
            attrs = r.get("attrs")
            ev((eid, r["type"], r["source"], r["target"], r["date"], r["date_text"], r["date_precision"], r["place"],
                int(r["negated"]), r["confidence"], r["mode"], r.get("origin"),
                (attrs if isinstance(attrs, str) else dumps(attrs)) if attrs else None))
            if parts:
                for p in parts:
                    ro((eid, p, "participant"))
            else:
                ro((eid, r["source"], "source"))
                ro((eid, r["target"], "target"))
            for x in r["prov"]:
                pr((x[0], eid, x[2], x[3], x[4], x[5], x[6], x[1]))
        # in key order: each b-tree page keyed by event id is visited once per chunk (stable sorts, so
        # an event's provenance keeps its arrival order)
        events.sort(key=_FIRST)
        roles.sort(key=_FIRST)
        prov.sort(key=_SECOND)
        counts = WriteCounts()
        db = self._db
        self._writes += 1
        db.execute(f"PRAGMA cache_size={_BULK_CACHE}")
        try:
            db.execute("BEGIN IMMEDIATE")
            counts.events = db.executemany("INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                           events).rowcount
            db.executemany("INSERT OR IGNORE INTO event_actors VALUES (?,?,?)", roles)
            counts.sources = db.executemany("INSERT OR IGNORE INTO provenance VALUES (?,?,?,?,?,?,?,?)",
                                            prov).rowcount
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return counts

    def _upsert_actor(self, a: Actor) -> int:
        old = self.actor(a.id)
        if old is None:
            merged, added = a, 1
        else:
            merged, added = old.merged(a), 0
            if merged == old:
                return 0
        self._db.execute("INSERT OR REPLACE INTO actors VALUES (?,?,?,?,?,?,?)",
                         (merged.id, merged.name, merged.kind, merged.code, merged.role, merged.parent,
                          json.dumps(list(merged.aliases))))
        self._db.executemany("INSERT OR IGNORE INTO actor_keys VALUES (?,?)",
                             [(k, merged.id) for k in lookup_keys(merged)])
        return added

    def run_cypher(self, query: str, params: dict[str, Any] | None = None, *,
                   scope: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Cypher through grand-cypher (:mod:`kg.grand`) over this store's graph."""
        from ..grand import run

        return run(self, query, params or {}, scope)

    def data_version(self) -> tuple[int, int]:
        """Changes whenever the store's content may have changed: writes through this object, and
        commits by any other connection (SQLite's ``PRAGMA data_version``). Keys caches of derived
        graphs (:mod:`kg.cypher`)."""
        return self._writes, self._db.execute("PRAGMA data_version").fetchone()[0]

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _actor(row: tuple) -> Actor:
        return Actor(row[0], row[1], row[2], row[3], tuple(json.loads(row[6])), row[4], row[5])

    def actor(self, actor_id: str) -> Actor | None:
        row = self._db.execute("SELECT * FROM actors WHERE id=?", (actor_id,)).fetchone()
        return self._actor(row) if row else None

    def find_actors(self, name: str) -> list[Actor]:
        rows = self._db.execute("SELECT a.* FROM actor_keys k JOIN actors a ON a.id=k.actor_id WHERE k.key=?"
                                " ORDER BY a.id", (normalize_name(name),)).fetchall()
        return [self._actor(r) for r in rows]

    def actors(self, search: str | None = None, *, unresolved: bool = False) -> list[Actor]:
        sql = "SELECT * FROM actors" + (" WHERE code IS NULL" if unresolved else "") + " ORDER BY name, id"
        found = (self._actor(r) for r in self._db.execute(sql))
        return [a for a in found if matches_search(a, search)] if search else list(found)

    def article_ids(self, path: str) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles WHERE path=? ORDER BY id", (path,))]

    def has_article(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def articles(self) -> Iterator[Article]:
        for r in self._db.execute("SELECT * FROM articles ORDER BY date, id"):
            yield Article(r[0], r[1], date_from_iso(r[2]), r[3], r[4], r[5])

    def events(self, flt: EventFilter = EventFilter()) -> Iterator[Event]:
        sql, args = ["SELECT * FROM events e WHERE 1=1"], []
        # anchored on actors: `+` keeps SQLite from driving the query by the type/date indexes
        # (a nested scan of every MET event of a year per event of the actor) — the actor's events
        # are walked by id instead (primary key), type/date/negated checked on each row found
        e = "+e." if flt.actors or flt.codes else "e."
        if flt.types:
            sql.append(f"AND {e}type IN ({','.join('?' * len(flt.types))})")
            args += [t.upper() for t in flt.types]
        if flt.since:
            sql.append(f"AND {e}date >= ?")
            args.append(flt.since.isoformat())
        if flt.until:
            sql.append(f"AND {e}date <= ?")
            args.append(flt.until.isoformat())
        if flt.negated is not None:
            sql.append(f"AND {e}negated = ?")
            args.append(int(flt.negated))
        if flt.article:
            sql.append("AND e.id IN (SELECT event_id FROM provenance WHERE article = ?)")
            args.append(flt.article)
        if flt.origins:
            names, own = flt.origin_sets()
            cond = [f"{e}origin IN ({','.join('?' * len(names))})"] if names else []
            sql.append(f"AND ({' OR '.join(cond + ([f'{e}origin IS NULL'] if own else []))})")
            args += names
        if flt.actors or flt.codes:
            ids = list(flt.actors)
            if flt.codes:
                ids += [r[0] for r in self._db.execute(
                    f"SELECT id FROM actors WHERE code IN ({','.join('?' * len(flt.codes))})", flt.codes)]
            ids = list(dict.fromkeys(ids))
            if not ids:
                return
            # anchored: walk the actors' events (index event_actors_actor), never a scan of all events
            # of a type (CROSS JOIN keeps SQLite from putting `events` in the outer loop)
            sql[0] = (f"SELECT e.* FROM (SELECT DISTINCT event_id FROM event_actors"
                      f" WHERE actor_id IN ({','.join('?' * len(ids))})) x"
                      " CROSS JOIN events e ON e.id = x.event_id WHERE 1=1")
            args = ids + args
        sql.append("ORDER BY e.date IS NULL, e.date, e.id")
        if flt.limit:
            sql.append("LIMIT ?")
            args.append(flt.limit)
        cur = self._db.execute(" ".join(sql), args)
        while rows := cur.fetchmany(_CHUNK):
            yield from self._hydrate(rows)

    def _hydrate(self, rows: list[tuple]) -> Iterator[Event]:
        ids = [r[0] for r in rows]
        marks = ",".join("?" * len(ids))
        parts: dict[str, list[str]] = defaultdict(list)
        for eid, actor_id, role in self._db.execute(
                f"SELECT event_id, actor_id, role FROM event_actors WHERE event_id IN ({marks}) AND role='participant'",
                ids):
            parts[eid].append(actor_id)
        prov: dict[str, list[Provenance]] = defaultdict(list)
        for r in self._db.execute(f"SELECT * FROM provenance WHERE event_id IN ({marks}) ORDER BY rowid", ids):
            span = (r[5], r[6]) if r[5] is not None else None
            prov[r[1]].append(Provenance(r[7], r[2], r[3], r[4], span))
        for r in rows:
            (eid, type_, source, target, date, date_text, precision, place, negated, confidence, mode, origin,
             attrs) = r
            yield Event(type_, source, target, tuple(parts.get(eid, ())), date_from_iso(date), date_text,
                        precision, place, bool(negated), confidence, mode, tuple(prov.get(eid, ())), origin,
                        json.loads(attrs) if attrs else None).with_id(eid)

    def event_records(self, batch: int = 5000) -> Iterator[list[dict[str, Any]]]:
        """Every event as a plain record (``kg.store.neo4j.event_record``'s shape), `batch` per list,
        in write order: the bulk read of ``kg sync``, without building :class:`Event` objects
        (participants and provenance are gathered by SQLite, the ids are the stored ones)."""
        cur = self._db.execute(
            "SELECT e.id, e.type, e.source, e.target, e.date, e.date_text, e.date_precision, e.place, e.negated,"
            " e.confidence, e.mode, e.origin, e.attrs,"
            " (SELECT json_group_array(actor_id) FROM event_actors WHERE event_id = e.id AND role = 'participant'),"
            " (SELECT json_group_array(json_array(key, rule, article, source, sentence, span_start, span_end))"
            "  FROM (SELECT * FROM provenance p WHERE p.event_id = e.id ORDER BY p.rowid))"
            " FROM events e ORDER BY e.rowid")
        loads = json.loads
        while rows := cur.fetchmany(batch):
            yield [{"id": r[0], "type": r[1], "source": r[2], "target": r[3], "participants": sorted(loads(r[13])),
                    "date": r[4], "date_text": r[5], "date_precision": r[6], "place": r[7], "negated": bool(r[8]),
                    "confidence": r[9], "mode": r[10], "origin": r[11], "attrs": loads(r[12]) if r[12] else None,
                    "prov": loads(r[14])} for r in rows]


    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        ids = list(ids)
        out: dict[str, Actor] = {}
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            for r in self._db.execute(f"SELECT * FROM actors WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                out[r[0]] = self._actor(r)
        return out

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "store": self.url,
            "actors": one("SELECT count(*) FROM actors"),
            "unresolved_actors": one("SELECT count(*) FROM actors WHERE code IS NULL"),
            "articles": one("SELECT count(*) FROM articles"),
            "events": one("SELECT count(*) FROM events"),
            "sources": one("SELECT count(*) FROM provenance"),
            "events_by_type": dict(self._db.execute("SELECT type, count(*) FROM events GROUP BY type ORDER BY type")),
            "first_date": one("SELECT min(date) FROM events"),
            "last_date": one("SELECT max(date) FROM events"),
        }

