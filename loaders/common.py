"""What loaders yield, and the checks they share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from kg.errors import LoaderError
from kg.model import Actor, Article, Event

__all__ = ["Document", "Batch", "Item", "parse_date", "read_text_file", "yaml_load"]


class _TextDates(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so an impossible date is our error, not a crash."""


_TextDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def yaml_load(text: str) -> Any:
    """Parse YAML safely, keeping dates as text (``parse_date`` checks them)."""
    return yaml.load(text, Loader=_TextDates)  # noqa: S506 - a SafeLoader subclass


@dataclass(frozen=True)
class Document:
    """An article's text and metadata, for the extractor.

    ``ref`` is how output names the article: the file path, or a ``.jsonl``
    record's ``id``. ``body_offset`` is where ``text`` starts in the file (after
    the front matter), so spans can point into the original.
    """

    article: Article
    text: str
    ref: str
    body_offset: int = 0
    warnings: tuple[str, ...] = ()


@dataclass
class Batch:
    """Ready-made actors and events (curated statements), plus the article they cite."""

    source: str
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)


Item = Union[Document, Batch, LoaderError, "EventRecords"]  # noqa: F821 - loaders.eventdata


def parse_date(value: Any, path: str, line: int | None, what: str = "date") -> dt.date:
    """A date from YAML/JSON (date, datetime or 'YYYY-MM-DD' string) or a LoaderError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or value == "":
        raise LoaderError(path, f"missing {what}", line)
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise LoaderError(path, f"impossible {what} {text!r} (expected YYYY-MM-DD)", line) from None


def read_text_file(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of `path`, or a LoaderError for empty, binary, huge or non-UTF-8 files."""
    p = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise LoaderError(p, f"cannot read ({e.strerror})") from None
    if size > max_bytes:
        raise LoaderError(p, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one file")
    data = path.read_bytes()
    if not data.strip():
        raise LoaderError(p, "empty file")
    if b"\x00" in data[:8192]:
        raise LoaderError(p, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise LoaderError(p, f"not UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", line) from None
    return text.replace("\r\n", "\n")
