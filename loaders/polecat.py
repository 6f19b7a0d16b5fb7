"""Read POLECAT (the PLOVER-coded successor of ICEWS, 2018–) event TSV files: a header row and 41
tab-separated columns, plain or ``.zip``; recognised by name (``*polecat*``, ``ngecEvents*``,
``.tsv``/``.txt``/``.tab``) or by ``kg ingest --format polecat``.

The published quirks are tolerated: an extra ``Headline`` header name (with or without a value in
the rows), trailing tabs, ``Event Intensity`` for ``Intensity``. The PLOVER category and mode
map to our type through the PLOVER project's CAMEO→PLOVER table (see :mod:`loaders.eventdata`).
Actors: country (ISO-3 or a name) plus the primary sector (then the others) roll up to our codes;
a named actor with a title (or not named like a body) is kept as a person with that role.
Provenance: rule ``polecat:<Event ID>``, source the publisher (``Source``), sentence the
``Headline`` when the file has one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from kg.errors import LoaderError
from kg.registry import ActorRegistry

from .common import Item
from .eventdata import CHUNK, Coder, Slice, header_index, iso_date, na, open_text

__all__ = ["read_polecat", "COLUMNS"]

COLUMNS = {
    "id": ("Event ID",), "date": ("Event Date",), "type": ("Event Type",), "mode": ("Event Mode",),
    "intensity": ("Intensity", "Event Intensity"), "quad": ("Quad Code",), "contexts": ("Contexts",),
    "a_name": ("Actor Name",), "a_country": ("Actor Country",), "a_sector": ("Primary Actor Sector",),
    "a_sectors": ("Actor Sectors",), "a_title": ("Actor Title",),
    "r_name": ("Recipient Name",), "r_country": ("Recipient Country",), "r_sector": ("Primary Recipient Sector",),
    "r_sectors": ("Recipient Sectors",), "r_title": ("Recipient Title",),
    "place": ("Placename",), "city": ("City",), "country": ("Country",), "source": ("Source",),
}


def _split(text: str) -> list[str]:
    return [s.strip() for s in text.replace(";", ",").split(",") if s.strip()]


def _actor(coder: Coder, name: str, country: str, sector: str, sectors: str, title: str):
    name, country, sector, title = na(name), na(country), na(sector), na(title)
    listed = _split(na(sectors))
    found = coder.table.suffix([sector]) if sector else None
    suffix = found if found is not None else coder.table.suffix(listed)
    state = coder.state(country)
    if name and state is not None and coder.registry.resolve(name) is None:
        parent = coder.group(state, suffix)
        person = bool(title) or not coder.table.is_body(name)
        return coder.body(name, parent, suffix, person=person, role=title or None)
    return coder.named(name, country, [s for s in ([sector] if found is not None else listed)], title=title or None)


def read_polecat(path: str | Path, registry: ActorRegistry | None = None, *, slice_: Slice | None = None,
                 chunk: int = CHUNK) -> Iterator[Item]:
    """Yield :class:`~loaders.eventdata.EventRecords` chunks of `path`, and a LoaderError per bad row."""
    path = Path(path)
    p = str(path)
    coder = Coder("polecat", p, registry, slice_)
    cache = coder.cache
    rows = 0
    try:
        with open_text(path) as (f, tell, total):
            header = [h.strip() for h in f.readline().rstrip("\r\n").lstrip("\ufeff").split("\t")]
            while header and not header[-1]:
                header.pop()
            ix = header_index(header, COLUMNS, p)
            # the "Headline" quirk: a header name whose column the rows may lack
            head = next((i for i, h in enumerate(header) if h.casefold() == "headline"), None)
            short = None
            if head is not None:
                short = {k: (i - 1 if i > head else i) for k, i in ix.items()}
            width = len(header)
            for lineno, line in enumerate(f, 2):
                fields = line.rstrip("\r\n").split("\t")
                while len(fields) > width and not fields[-1].strip():
                    fields.pop()       # trailing tabs
                n = len(fields)
                if n == width:
                    at, headline = ix, (na(fields[head]) if head is not None else "")
                elif short is not None and n == width - 1:
                    at, headline = short, ""
                else:
                    if line.strip():
                        coder.skip("malformed row")
                        yield LoaderError(p, f"{n} columns, the header names {width}", lineno)
                    continue
                rows += 1
                if rows % chunk == 0:
                    yield coder.flush(rows, tell(), total)
                date = iso_date(fields[at["date"]])
                if date is None:
                    coder.skip("malformed row")
                    yield LoaderError(p, f"Event Date {fields[at['date']]!r} is not a date (YYYY-MM-DD)", lineno)
                    continue
                if not coder.in_dates(date):
                    continue
                category, mode = na(fields[at["type"]]).upper(), na(fields[at["mode"]]).lower()
                type_ = coder.codes.plover(category, mode) if category else None
                if type_ is None:
                    coder.skip("event code outside our types", f"{category or '(empty)'}{'/' + mode if mode else ''}")
                    continue
                if coder.slice.types and type_ not in coder.slice.types:
                    coder.skip("filtered: --types")
                    continue
                k1 = tuple(fields[at[k]] for k in ("a_name", "a_country", "a_sector", "a_sectors", "a_title"))
                a = cache.get(k1)
                if a is None:
                    a = cache[k1] = _actor(coder, *k1)
                k2 = tuple(fields[at[k]] for k in ("r_name", "r_country", "r_sector", "r_sectors", "r_title"))
                b = cache.get(k2)
                if b is None:
                    b = cache[k2] = _actor(coder, *k2)
                intensity = na(fields[at["intensity"]])
                try:
                    attrs = {"dataset_id": fields[at["id"]], "plover": category, "plover_mode": mode or None,
                             "intensity": float(intensity) if intensity else None,
                             "quad_code": na(fields[at["quad"]]) or None, "contexts": na(fields[at["contexts"]]) or None,
                             "actor1": na(k1[0]) or None, "actor2": na(k2[0]) or None}
                except ValueError:
                    coder.skip("malformed row")
                    yield LoaderError(p, f"Intensity {intensity!r} is not a number", lineno)
                    continue
                place = na(fields[at["place"]]) or ", ".join(
                    x for x in (na(fields[at["city"]]), na(fields[at["country"]])) if x)
                coder.add(type_, a, b, date, rule=f"polecat:{fields[at['id']]}", source=na(fields[at["source"]]) or None,
                          sentence=headline or None, place=place,
                          mode=mode if type_ == "MET" and mode else None, attrs=attrs)
            yield coder.flush(rows, tell(), total)
    except LoaderError as e:
        yield e
