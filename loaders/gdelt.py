"""Read GDELT event exports: GDELT 2.0 (61 tab-separated columns, no header) and GDELT 1.0
(57-column back files without SOURCEURL, 58-column daily files), plain or ``.zip``.

Recognised by name (``*.export.CSV``, ``*.translation.export.CSV``, ``YYYYMMDD.export.CSV``, each
optionally ``.zip``) or by ``kg ingest --format gdelt``. The layout is told per row by its column
count, so 57- and 58-column rows may be mixed.

A row becomes an event of ours when its ``EventCode`` maps to one of our types (see
:mod:`loaders.eventdata`) and both actors resolve: ``Actor1KnownGroupCode`` (``UNO`` → UN, ``NAT``
→ NATO, ``EEC`` → EU …) or ``Actor1CountryCode`` plus the type codes (``GOV``, ``MIL`` → the
state; ``OPP``, ``REB``, ``CVL`` → ``XXX-OPP``/``-REB``/``-CIV``). GDELT's actor names are generic
nouns as often as names ("PRESIDENT", "POLICE"), so its actors stay at the roll-up level and the
names are kept in the event's ``attrs`` (``actor1``, ``actor2``). Provenance: rule
``gdelt:<GLOBALEVENTID>``, source ``SOURCEURL`` (or the literal text GDELT puts there, e.g.
``BBC Monitoring``). The same act coded several times (same type, parties and day) is one event
with one source per coded row.

GDELT data: The GDELT Project (https://www.gdeltproject.org/), free and open with attribution.
"""

from __future__ import annotations

import re
from operator import itemgetter
from pathlib import Path
from typing import Iterator

from kg.errors import LoaderError
from kg.model import json_str
from kg.registry import ActorRegistry

from .common import Item
from .eventdata import CHUNK, Coder, Slice, iso_date, normalize_cameo, open_text

__all__ = ["read_gdelt", "LAYOUTS"]

# columns count -> (ActionGeo_FullName, SOURCEURL or None): the rest of what we read is shared
LAYOUTS = {61: (52, 60), 58: (50, 57), 57: (50, None)}
_A1 = itemgetter(5, 7, 8, 12, 13, 14)       # Actor1Code, CountryCode, KnownGroupCode, Type1-3Code
_A2 = itemgetter(15, 17, 18, 22, 23, 24)


_NUMS = itemgetter(29, 30, 31, 32, 33, 34)
_NUM_NAMES = ("QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
_JSON_NUMBER = r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?"
_NUMBER = re.compile(_JSON_NUMBER).fullmatch
_NUMBERS = re.compile(rf"(?:(?:{_JSON_NUMBER})?\t){{5}}(?:{_JSON_NUMBER})?").fullmatch   # six, tab-joined, or empty
# the event's attrs as JSON text, written directly (the numbers are GDELT's own text, checked above)
_ATTRS = ('{{"dataset_id": {}, "cameo": {}, "quad_class": {}, "goldstein": {}, "num_mentions": {}, '
          '"num_sources": {}, "num_articles": {}, "avg_tone": {}, "actor1": {}, "actor2": {}}}')


def read_gdelt(path: str | Path, registry: ActorRegistry | None = None, *, slice_: Slice | None = None,
               chunk: int = CHUNK) -> Iterator[Item]:
    """Yield :class:`~loaders.eventdata.EventRecords` chunks of `path`, and a LoaderError per bad row."""
    path = Path(path)
    p = str(path)
    coder = Coder("gdelt", p, registry, slice_)
    cache = coder.cache
    mode_of = coder.codes.cameo_mode
    rows = 0
    try:
        with open_text(path) as (f, tell, total):
            for lineno, line in enumerate(f, 1):
                fields = line.rstrip("\r\n").split("\t")
                layout = LAYOUTS.get(len(fields))
                if layout is None:
                    if line.strip():
                        coder.skip("malformed row")
                        yield LoaderError(p, f"{len(fields)} columns; a GDELT 2.0 row has 61, a GDELT 1.0 row "
                                             "57 or 58", lineno)
                    continue
                rows += 1
                if rows % chunk == 0:
                    yield coder.flush(rows, tell(), total)
                date = iso_date(fields[1])
                if date is None:
                    coder.skip("malformed row")
                    yield LoaderError(p, f"SQLDATE {fields[1]!r} is not a date (YYYYMMDD)", lineno)
                    continue
                if not coder.in_dates(date):
                    continue
                code = normalize_cameo(fields[26])
                type_ = coder.type_for(code)
                if type_ is None:
                    continue
                k1 = _A1(fields)
                a = cache.get(k1)
                if a is None:
                    a = cache[k1] = _actor(coder, *k1)
                k2 = _A2(fields)
                b = cache.get(k2)
                if b is None:
                    b = cache[k2] = _actor(coder, *k2)
                nums = _NUMS(fields)
                if not _NUMBERS("\t".join(nums)):
                    bad = next(i for i, v in enumerate(nums) if v and not _NUMBER(v))
                    coder.skip("malformed row")
                    yield LoaderError(p, f"{_NUM_NAMES[bad]} {nums[bad]!r} is not a number", lineno)
                    continue
                attrs = _ATTRS.format(json_str(fields[0]), json_str(code), *(v or "null" for v in nums),
                                      json_str(fields[6] or None), json_str(fields[16] or None))
                geo, url = layout
                coder.add(type_, a, b, date, rule=f"gdelt:{fields[0]}", source=fields[url] or None if url else None,
                          place=fields[geo], mode=mode_of.get(code) if type_ == "MET" else None, attrs=attrs)
            yield coder.flush(rows, tell(), total)
    except LoaderError as e:
        yield e


def _actor(coder: Coder, code: str, country: str, group: str, t1: str, t2: str, t3: str):
    """A GDELT actor's roll-up (an Actor), or why it has none (a reason string)."""
    if not (code or country or group):
        return "no actor"
    groups = coder.table.groups
    for g in (group, country):
        if g in groups:
            actor = coder.registry.get(groups[g])
            if actor is not None:
                return actor
    if not country:
        return "actor without a country" if not group else "unknown group code"
    state = coder.state(country)
    if state is None:
        return "unknown country code"
    return coder.group(state, coder.table.suffix([t for t in (t1, t2, t3) if t], ordered=True))
