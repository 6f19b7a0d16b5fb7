"""Source adapters: each turns one file into documents to extract or ready-made events.

``LOADERS`` maps a file suffix to a reader ``read(path, registry) -> Iterator[Item]``
where an item is a :class:`Document` (article text for the extractor), a
:class:`Batch` (actors and events, e.g. from curated statements), an
:class:`EventRecords` chunk (an event dataset, for a store's bulk path) or a
:class:`~kg.errors.LoaderError` for a bad record (the reader goes on after it).

``DATASETS`` maps an event-dataset format (``gdelt``, ``icews``, ``polecat``) to its reader,
which also takes ``slice_=`` (:class:`Slice`); :func:`dataset_format` tells the format from a
file name.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path
from typing import Iterable

from kg.errors import LoaderError

from .articles import MAX_BYTES, read_jsonl, read_text_article
from .common import Batch, Document, Item
from .eventdata import EventRecords, Slice
from .gdelt import read_gdelt
from .icews import read_icews
from .polecat import read_polecat
from .statements import read_statements

__all__ = ["LOADERS", "DATASETS", "Batch", "Document", "EventRecords", "Item", "Slice", "dataset_format",
           "loader_for", "expand_paths", "is_statements", "MAX_BYTES"]

LOADERS = {
    ".md": read_text_article,
    ".markdown": read_text_article,
    ".txt": read_text_article,
    ".jsonl": read_jsonl,
    ".yaml": read_statements,
    ".yml": read_statements,
}


DATASETS = {"gdelt": read_gdelt, "icews": read_icews, "polecat": read_polecat}
_DATASET_NAMES = (
    ("gdelt", re.compile(r"\.export\.csv(\.zip)?$", re.I)),     # *.export.CSV, *.translation.export.CSV
    ("icews", re.compile(r"(^|[^a-z])events\.\d{4}\.[^/]*\.(tab|tsv)(\.zip)?$", re.I)),
    ("polecat", re.compile(r"(polecat|ngecevents)[^/]*\.(tsv|txt|tab)(\.zip)?$", re.I)),
)


def dataset_format(path: str | Path) -> str | None:
    """The event-dataset format a file name says (``20150218.export.CSV.zip`` → ``gdelt``), or None.

    >>> [dataset_format(n) for n in ("20150218230000.translation.export.CSV", "events.2018.sample.tab",
    ...                              "polecat-2023.tsv.zip", "story.md")]
    ['gdelt', 'icews', 'polecat', None]
    """
    name = Path(path).name
    return next((fmt for fmt, rx in _DATASET_NAMES if rx.search(name)), None)


def loader_for(path: str | Path, fmt: str | None = None):
    """The reader for `path`: the event dataset `fmt` or the one its name says, else by suffix; or None."""
    fmt = fmt or dataset_format(path)
    if fmt:
        return DATASETS.get(fmt)
    return LOADERS.get(Path(path).suffix.lower())


def is_statements(path: str | Path) -> bool:
    """Whether `path` is a curated statements file (YAML), not an article."""
    return LOADERS.get(Path(path).suffix.lower()) is read_statements


def expand_paths(paths: Iterable[str | os.PathLike], fmt: str | None = None) -> list[Path]:
    """Files named by `paths` (files, folders searched recursively, globs), loadable ones only
    (as `fmt`, an event dataset, when given).

    A path that matches nothing raises LoaderError.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and loader_for(f, fmt) and not f.name.startswith("."))
        elif p.exists():
            out.append(p)
        else:
            hits = sorted(Path(h) for h in glob.glob(str(raw), recursive=True))
            if not hits:
                raise LoaderError(str(raw), "no such file, folder or glob match")
            out += [h for h in hits if h.is_file()]
    return list(dict.fromkeys(out))
