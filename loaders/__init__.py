"""Source adapters: each turns one file into documents to extract or ready-made events.

``LOADERS`` maps a file suffix to a reader ``read(path, registry) -> Iterator[Item]``
where an item is a :class:`Document` (article text for the extractor), a
:class:`Batch` (actors and events, e.g. from curated statements) or a
:class:`~kg.errors.LoaderError` for a bad record (the reader goes on after it).
"""

from __future__ import annotations

from pathlib import Path

from .articles import MAX_BYTES, read_jsonl, read_text_article
from .common import Batch, Document, Item
from .statements import read_statements

__all__ = ["LOADERS", "Batch", "Document", "Item", "loader_for", "MAX_BYTES"]

LOADERS = {
    ".md": read_text_article,
    ".markdown": read_text_article,
    ".txt": read_text_article,
    ".jsonl": read_jsonl,
    ".yaml": read_statements,
    ".yml": read_statements,
}


def loader_for(path: str | Path):
    """The reader for `path`'s suffix, or None."""
    return LOADERS.get(Path(path).suffix.lower())
