"""What the event-dataset loaders (GDELT, ICEWS, POLECAT) share: code and actor mapping, slicing,
and the plain event records they hand to a store's bulk path.

A dataset row becomes one *event record* (:func:`kg.store.neo4j.event_record`'s shape plus
``origin`` and ``attrs``), never an :class:`~kg.model.Event`: a GDELT month is millions of rows.
Readers yield :class:`EventRecords` chunks, each with the actors first seen in it and the rows
skipped since the previous chunk, counted by reason and by event code; a malformed row is a
:class:`~kg.errors.LoaderError` (``file:line: reason``) and the file goes on.

Mapping is data: event codes go to our types through the CAMEO codes of ``schema.yaml``, most
specific first (``1121``, then its base ``112``, then its root ``110``); PLOVER categories through
the PLOVER project's CAMEO→PLOVER table (``kg/data/cameo2plover.tsv``); actors through
``kg/data/event_datasets.yaml``.

>>> m = CodeMap.builtin()
>>> [m.cameo("043"), m.cameo("0441"), m.cameo("1121"), m.cameo("1122"), m.cameo("0841")]
['MET', 'MET', 'ACCUSED', 'ACCUSED', None]
>>> [m.plover("CONSULT", "phone"), m.plover("ACCUSE", "disapprove"), m.plover("ACCUSE", "investigate")]
['MET', 'CRITICIZED', None]
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from hashlib import sha1
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from kg.errors import LoaderError
from kg.model import Actor, event_id, make_actor_id, provenance_key
from kg.registry import ActorRegistry
from kg.schema import Schema, load_schema

__all__ = ["CodeMap", "ActorTable", "Slice", "EventRecords", "Coder", "open_text", "iso_date", "CHUNK"]

DATA = Path(__file__).resolve().parents[1] / "kg" / "data"
CHUNK = 20000                # rows per EventRecords chunk (one store transaction; ~20 MB of records)
_SUFFIX_ORDER = ("", "REB", "OPP", "CIV")
_KIND = {"": "government", "OPP": "opposition", "REB": "armed_group", "CIV": "civil_society"}
_GENERIC = re.compile(r"^(.+?)\s*\(([^()]+)\)$")          # ICEWS "Police (India)"
_PLAIN = re.compile(r'^[\x20\x21\x23-\x5b\x5d-\x7e]*$')   # printable ASCII but " and \\


@dataclass(frozen=True)
class Slice:
    """The part of a dataset to load: dates (ISO, inclusive), roll-up codes, our types. Empty = all."""

    since: str | None = None
    until: str | None = None
    codes: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()


@dataclass
class EventRecords:
    """A chunk of a dataset file: actors first seen in it, event records, the rows read for it and
    what was skipped of them. ``done``/``total`` are bytes of the (uncompressed) file read so far
    and in all, for progress."""

    source: str
    origin: str
    actors: list[Actor] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0
    skipped: Counter = field(default_factory=Counter)
    skipped_codes: Counter = field(default_factory=Counter)
    done: int = 0
    total: int = 0


# -- event codes --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CodeMap:
    """CAMEO codes and PLOVER category/mode → our relation types (from schema.yaml)."""

    by_cameo: dict[str, str]
    plover_modes: dict[tuple[str, str], str | None]
    plover_events: dict[str, str | None]
    cameo_mode: dict[str, str]            # CAMEO code -> PLOVER mode ("041" -> "phone")

    @classmethod
    def builtin(cls, schema: Schema | None = None) -> "CodeMap":
        schema = schema or load_schema()
        return _codemap_at(schema.path) if schema.path else _codemap(schema)

    def cameo(self, code: str) -> str | None:
        """Our type for a CAMEO code: the code, its base (3 digits), then its root (``xx0``)."""
        return (self.by_cameo.get(code) or self.by_cameo.get(code[:3])
                or (self.by_cameo.get(code[:2] + "0") if len(code) >= 2 else None))

    def plover(self, category: str, mode: str | None = None) -> str | None:
        """Our type for a PLOVER category and mode. A (category, mode) pair the table knows maps to
        the type most of its CAMEO codes map to; an unknown mode falls back to the category's."""
        key = (category.upper(), (mode or "").strip().lower())
        if key in self.plover_modes:
            return self.plover_modes[key]
        return self.plover_events.get(key[0])


def _plurality(types: list[str | None], order: list[str]) -> str | None:
    counts = Counter(t for t in types if t)
    if not counts:
        return None
    return max(counts, key=lambda t: (counts[t], -order.index(t)))


@lru_cache(maxsize=4)
def _codemap_at(schema_path: str) -> CodeMap:
    return _codemap(load_schema(schema_path))


def _codemap(schema: Schema) -> CodeMap:
    by_cameo = {c: name for name, rel in schema.relations.items() if not rel.static for c in rel.cameo}
    m = CodeMap(by_cameo, {}, {}, {})
    rows = _cameo2plover()
    order = list(schema.relations)
    pairs: dict[tuple[str, str], list[str | None]] = {}
    cats: dict[str, list[str | None]] = {}
    for code, cat, mode, _context in rows:
        t = m.cameo(code)
        pairs.setdefault((cat, mode), []).append(t)
        cats.setdefault(cat, []).append(t)
        if mode:
            m.cameo_mode[code] = mode
    m.plover_modes.update({k: _plurality(v, order) for k, v in pairs.items()})
    m.plover_events.update({k: _plurality(v, order) for k, v in cats.items()})
    return m


def _cameo2plover() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (DATA / "cameo2plover.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("cameo\t") or not line.strip():
            continue
        code, cat, mode, context = (line.split("\t") + ["", "", ""])[:4]
        rows.append((code, cat.upper(), mode.strip().lower(), context))
    return rows


@lru_cache(maxsize=4096)
def normalize_cameo(code: str) -> str:
    """A CAMEO code with the leading zero a spreadsheet dropped put back (``43`` → ``043``,
    ``841`` → ``0841``); root codes 01–20 and base codes 010–204 are left as they are.

    >>> [normalize_cameo(c) for c in ("043", "43", "841", "0841", "190", "14", " 1121 ")]
    ['043', '043', '0841', '0841', '190', '14', '1121']
    """
    code = code.strip()
    if code.isdigit():
        if len(code) == 2 and int(code) > 20:
            return "0" + code
        if len(code) == 3 and int(code) > 204:
            return "0" + code
        if len(code) == 1:
            return "0" + code
    return code


# -- actors -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ActorTable:
    """``kg/data/event_datasets.yaml``: country-code exceptions, known groups, sectors, body words."""

    countries: dict[str, str]
    groups: dict[str, str]
    sectors: dict[str, str]
    body_words: frozenset[str]

    @classmethod
    def builtin(cls) -> "ActorTable":
        return _actor_table()

    def suffix(self, sectors: list[str], *, ordered: bool = False) -> str | None:
        """The group the sectors name ("" = the state itself): the first one listed when `ordered`
        (GDELT's Type1-3), else by priority "", REB, OPP, CIV; None when no sector is in the table."""
        if ordered:
            return next((self.sectors[s] for s in sectors if s in self.sectors), None)
        found = {self.sectors[s] for s in sectors if s in self.sectors}
        return next((s for s in _SUFFIX_ORDER if s in found), None)

    def is_body(self, name: str) -> bool:
        return any(w in self.body_words for w in re.findall(r"[a-z]+", name.lower()))


@lru_cache(maxsize=1)
def _actor_table() -> ActorTable:
    path = DATA / "event_datasets.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ActorTable({str(k): str(v) for k, v in data["countries"].items()},
                      {str(k): str(v) for k, v in data["groups"].items()},
                      {str(k): str(v or "") for k, v in data["sectors"].items()},
                      frozenset(w.lower() for w in data["body_words"]))


# -- files --------------------------------------------------------------------------------------
@contextmanager
def open_text(path: Path) -> Iterator[tuple[io.TextIOWrapper, Callable[[], int], int]]:
    """`path` (plain or a ``.zip`` of one file) as a text stream read lazily, with a function giving
    the bytes read so far and the total size (uncompressed), for progress. Never reads it whole."""
    p = str(path)
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as z:
                members = [i for i in z.infolist() if not i.is_dir()]
                if not members:
                    raise LoaderError(p, "empty zip archive")
                with z.open(members[0]) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=""), raw.tell, \
                        members[0].file_size
        else:
            with path.open("rb") as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline=""), raw.tell, \
                    path.stat().st_size
    except zipfile.BadZipFile as e:
        raise LoaderError(p, f"not a readable zip archive ({e})") from None
    except OSError as e:
        raise LoaderError(p, f"cannot read ({e.strerror or e})") from None


@lru_cache(maxsize=65536)
def iso_date(text: str) -> str | None:
    """``YYYYMMDD`` or ``YYYY-MM-DD`` (or a longer timestamp starting so) as ISO, or None.

    >>> iso_date("20140218"), iso_date("2018-06-01"), iso_date("20140231"), iso_date("")
    ('2014-02-18', '2018-06-01', None, None)
    """
    t = text.strip()
    try:
        if len(t) >= 10 and t[4] == "-":
            return dt.date.fromisoformat(t[:10]).isoformat()
        if len(t) >= 8 and t[:8].isdigit():
            return dt.date(int(t[:4]), int(t[4:6]), int(t[6:8])).isoformat()
    except ValueError:
        return None
    return None


# -- rows -> records ----------------------------------------------------------------------------
class Coder:
    """Turns a dataset's coded rows into event records and counts what it skips.

    Actor resolution is cached per distinct raw value, so a file costs one lookup per actor
    string, not per row. :meth:`flush` hands over what accumulated since the last call.
    """

    def __init__(self, origin: str, path: str, registry: ActorRegistry | None = None,
                 slice_: Slice | None = None, schema: Schema | None = None):
        self.origin = origin
        self.path = path
        self.registry = registry.copy() if registry is not None else ActorRegistry.builtin()
        schema = schema or load_schema()
        self.codes = CodeMap.builtin(schema)
        self.table = ActorTable.builtin()
        self.slice = slice_ or Slice()
        self.symmetric = schema.symmetric_types
        self.cache: dict[Any, Actor | str] = {}
        self.types: dict[str, str | None] = {}       # CAMEO code -> our type, as looked up
        self.written: set[str] = set()
        self.plain: set[str] = set()        # actor ids that JSON writes as they are
        self.flushed = 0
        self.chunk = EventRecords(path, origin)

    # -- actors
    def state(self, code: str | None) -> Actor | None:
        """The state (or known group) for a country code or name, via the table and the gazetteer."""
        if not code:
            return None
        code = self.table.countries.get(code, code)
        if code in self.table.groups:
            return self.registry.get(self.table.groups[code])
        a = self.registry.get(code) or self.registry.resolve(code)
        return a if a is not None and a.kind in ("state", "igo", "world") else None

    def group(self, state: Actor, suffix: str | None) -> Actor:
        """`state`'s domestic group for `suffix` (OPP, REB, CIV), or the state itself."""
        if suffix and state.kind == "state":
            return self.registry.domestic_group(state.id, suffix) or state
        return state

    def body(self, name: str, parent: Actor, suffix: str | None, *, person: bool, role: str | None = None,
             slug: str | None = None) -> Actor:
        """A person or body named by the dataset, rolling up to `parent` (a state or group)."""
        if person:
            return Actor(make_actor_id("person", name), name, "person", parent.code, role=role, parent=parent.id)
        kind = _KIND.get(suffix or "", "government") if parent.kind != "igo" else "igo"
        return Actor(make_actor_id(kind, slug or name, parent.code), name, kind, parent.code, parent=parent.id)

    def named(self, name: str, country: str | None, sectors: list[str], *, title: str | None = None,
              person: bool | None = None) -> Actor | str:
        """An ICEWS/POLECAT actor: its name, country (code or name) and sectors → an actor or a reason."""
        name = name.strip()
        suffix = self.table.suffix(sectors)
        state = self.state(country)
        known = self.registry.resolve(name) if name else None
        if known is not None and (state is None or known.code in (None, state.id) or known.kind != "state"):
            if known.kind == "state":
                return self.group(known, suffix)
            return known
        if state is None:
            return "actor without a country" if name else "no actor"
        if not name or name.casefold() == state.name.casefold():
            return self.group(state, suffix)
        parent = self.group(state, suffix)
        m = _GENERIC.match(name)
        if m:   # ICEWS generic agent "Police (India)": the group, or a body of the state
            if suffix is None or suffix == "":
                return self.body(name, state, "", person=False, slug=m.group(1)) if suffix == "" else \
                    self.group(state, "CIV")
            return parent
        if person is None:
            person = not self.table.is_body(name)
        return self.body(name, parent, suffix, person=person, role=title)

    # -- records
    def skip(self, reason: str, code: str | None = None) -> None:
        self.chunk.skipped[reason] += 1
        if code is not None:
            self.chunk.skipped_codes[code] += 1

    def add(self, type_: str, a: Actor | str, b: Actor | str, date: str, *, rule: str, source: str | None,
            sentence: str | None = None, place: str | None = None, mode: str | None = None,
            attrs: dict[str, Any] | str | None = None) -> None:
        """One coded row with its type and actors resolved: checks, slicing, then a record."""
        if isinstance(a, str) or isinstance(b, str):
            self.skip(a if isinstance(a, str) else b)   # type: ignore[arg-type]
            return
        sl = self.slice
        if sl.codes and not ({a.code, b.code, a.id, b.id} & sl.codes):
            self.skip("filtered: --actors")
            return
        if a.id == b.id:
            self.skip("same party on both sides")
            return
        for actor in (a, b):
            if actor.id not in self.written:
                self._remember(actor)
        if type_ in self.symmetric:
            src = tgt = None
            parts = [a.id, b.id] if a.id < b.id else [b.id, a.id]
        else:
            src, tgt, parts = a.id, b.id, []
        origin = self.origin
        if a.id in self.plain and b.id in self.plain:   # ids needing no JSON escaping: hash the text directly
            raw = (f'["{type_}", null, null, ["{parts[0]}", "{parts[1]}"], "{date}", false, null, "{origin}"]'
                   if parts else f'["{type_}", "{src}", "{tgt}", [], "{date}", false, null, "{origin}"]')
            eid = sha1(raw.encode()).hexdigest()[:16]
        else:
            eid = event_id(type_, src, tgt, parts, date, False, None, origin)
        self.chunk.records.append({
            "id": eid, "type": type_, "source": src,
            "target": tgt, "participants": parts, "date": date, "date_text": date, "date_precision": "day",
            "place": place or None, "negated": False, "confidence": 1.0, "mode": mode, "origin": origin,
            "attrs": attrs, "prov": [[provenance_key(rule, None, source, sentence, None), rule, None, source,
                                      sentence, None, None]]})

    def _remember(self, actor: Actor) -> None:
        self.written.add(actor.id)
        if _PLAIN.match(actor.id):
            self.plain.add(actor.id)
        if actor.parent and actor.parent not in self.written:
            parent = self.registry.get(actor.parent)
            if parent is not None:
                self._remember(parent)
        self.chunk.actors.append(actor)

    def type_for(self, code: str) -> str | None:
        """Our type for a CAMEO code, counting an unmapped code or a type outside ``--types``."""
        t = self.types.get(code, "")
        if t == "":
            t = self.types[code] = self.codes.cameo(code)
        if t is None:
            self.skip("event code outside our types", code or "(empty)")
        elif self.slice.types and t not in self.slice.types:
            self.skip("filtered: --types")
            return None
        return t

    def in_dates(self, date: str) -> bool:
        sl = self.slice
        if (sl.since and date < sl.since) or (sl.until and date > sl.until):
            self.skip("filtered: --since/--until")
            return False
        return True

    def flush(self, rows: int, done: int, total: int) -> EventRecords:
        """The chunk so far; `rows` is the count of rows read in the file, the chunk keeps the rows
        read since the previous flush."""
        out, self.chunk = self.chunk, EventRecords(self.path, self.origin)
        out.rows, out.done, out.total = rows - self.flushed, done, total
        self.flushed = rows
        return out


def header_index(header: list[str], wanted: dict[str, tuple[str, ...]], path: str) -> dict[str, int]:
    """Column positions of the `wanted` fields (each with its accepted header spellings, compared
    case-insensitively); a LoaderError naming the missing columns if any is absent."""
    names = [h.strip().strip('"').casefold() for h in header]
    while names and not names[-1]:
        names.pop()
    out: dict[str, int] = {}
    missing = []
    for key, spellings in wanted.items():
        pos = next((names.index(s.casefold()) for s in spellings if s.casefold() in names), None)
        if pos is None:
            missing.append(spellings[0])
        else:
            out[key] = pos
    if missing:
        raise LoaderError(path, f"header lacks column(s) {', '.join(map(repr, missing))}", 1)
    return out


def na(text: str) -> str:
    """A field with the datasets' missing-value spellings (``NA``, ``None``) as ``""``."""
    t = text.strip()
    return "" if t in ("NA", "N/A", "None", "null", "NULL") else t
