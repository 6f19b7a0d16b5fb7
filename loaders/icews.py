"""Read ICEWS coded event data: the Dataverse ``events.YYYY.*.tab`` / ``.tsv`` layout (a header row,
20 tab-separated columns, ``NA`` for missing, sectors comma-separated inside a field), plain or
``.zip``; recognised by name or by ``kg ingest --format icews``.

Columns used: Event ID, Event Date, Source Name/Sectors/Country, CAMEO Code, Intensity, Target
Name/Sectors/Country, Story ID, Sentence Number, Publisher, City, Province, Country, Event Text.
The CAMEO code maps to our type (see :mod:`loaders.eventdata`; a leading zero a spreadsheet
dropped is put back). Actors: a country itself ("Russia") or a known organisation ("European
Union") is that actor; a generic agent ("Police (India)", "Citizen (India)") is the state's body
or its group (``IND-CIV``) by its sectors; any other name is kept as a person (or a body, when its
name says so: "Toronto Police Service") rolling up to its country and sector group. Provenance:
rule ``icews:<Event ID>``, source ``<Publisher> (story <Story ID>, sentence <n>)``.

ICEWS data are for research and educational use (Lockheed Martin / BBN-Raytheon terms).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from kg.errors import LoaderError
from kg.registry import ActorRegistry

from .common import Item
from .eventdata import CHUNK, Coder, Slice, header_index, iso_date, na, normalize_cameo, open_text

__all__ = ["read_icews", "COLUMNS"]

COLUMNS = {
    "id": ("Event ID",), "date": ("Event Date",), "src": ("Source Name",), "src_sectors": ("Source Sectors",),
    "src_country": ("Source Country",), "text": ("Event Text",), "code": ("CAMEO Code",),
    "intensity": ("Intensity",), "tgt": ("Target Name",), "tgt_sectors": ("Target Sectors",),
    "tgt_country": ("Target Country",), "story": ("Story ID",), "sentence": ("Sentence Number",),
    "publisher": ("Publisher",), "city": ("City",), "province": ("Province",), "country": ("Country",),
}


def _source(publisher: str, story: str, sentence: str) -> str | None:
    where = ", ".join(x for x in (f"story {story}" if story else "", f"sentence {sentence}" if sentence else "") if x)
    return f"{publisher or 'ICEWS'} ({where})" if where else (publisher or None)


def read_icews(path: str | Path, registry: ActorRegistry | None = None, *, slice_: Slice | None = None,
               chunk: int = CHUNK) -> Iterator[Item]:
    """Yield :class:`~loaders.eventdata.EventRecords` chunks of `path`, and a LoaderError per bad row."""
    path = Path(path)
    p = str(path)
    coder = Coder("icews", p, registry, slice_)
    cache = coder.cache
    rows = 0
    try:
        with open_text(path) as (f, tell, total):
            header = f.readline().rstrip("\r\n").lstrip("\ufeff").split("\t")
            ix = header_index(header, COLUMNS, p)
            width = max(ix.values()) + 1
            (i_id, i_date, i_src, i_ss, i_sc, i_text, i_code, i_int, i_tgt, i_ts, i_tc, i_story, i_sent, i_pub,
             i_city, i_prov, i_country) = (ix[k] for k in COLUMNS)
            for lineno, line in enumerate(f, 2):
                fields = line.rstrip("\r\n").split("\t")
                if len(fields) < width:
                    if line.strip():
                        coder.skip("malformed row")
                        yield LoaderError(p, f"{len(fields)} columns, the header names {len(header)}", lineno)
                    continue
                rows += 1
                if rows % chunk == 0:
                    yield coder.flush(rows, tell(), total)
                date = iso_date(fields[i_date])
                if date is None:
                    coder.skip("malformed row")
                    yield LoaderError(p, f"Event Date {fields[i_date]!r} is not a date (YYYY-MM-DD)", lineno)
                    continue
                if not coder.in_dates(date):
                    continue
                code = normalize_cameo(na(fields[i_code]))
                type_ = coder.type_for(code)
                if type_ is None:
                    continue
                k1 = (fields[i_src], fields[i_ss], fields[i_sc])
                a = cache.get(k1)
                if a is None:
                    a = cache[k1] = coder.named(na(k1[0]), na(k1[2]), [s.strip() for s in na(k1[1]).split(",")])
                k2 = (fields[i_tgt], fields[i_ts], fields[i_tc])
                b = cache.get(k2)
                if b is None:
                    b = cache[k2] = coder.named(na(k2[0]), na(k2[2]), [s.strip() for s in na(k2[1]).split(",")])
                intensity = na(fields[i_int])
                try:
                    attrs = {"dataset_id": fields[i_id], "cameo": code, "intensity": float(intensity) if intensity
                             else None, "event_text": na(fields[i_text]) or None, "actor1": na(k1[0]) or None,
                             "actor2": na(k2[0]) or None}
                except ValueError:
                    coder.skip("malformed row")
                    yield LoaderError(p, f"Intensity {intensity!r} is not a number", lineno)
                    continue
                place = ", ".join(x for x in (na(fields[i_city]), na(fields[i_prov]), na(fields[i_country])) if x)
                coder.add(type_, a, b, date, rule=f"icews:{fields[i_id]}",
                          source=_source(na(fields[i_pub]), na(fields[i_story]), na(fields[i_sent])),
                          place=place, attrs=attrs)
            yield coder.flush(rows, tell(), total)
    except LoaderError as e:
        yield e
