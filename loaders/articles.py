"""Read news articles: ``.md``/``.txt`` with YAML front matter, and ``.jsonl`` (one per line).

Front matter (all optional)::

    ---
    title: "US urges countries not to normalize ties with Assad"
    date: 2023-01-04
    source: https://example.org/story
    language: en
    ---
    Article text ...

A ``.jsonl`` record is ``{"text": ..., "date": ..., "title": ..., "url": ..., "id": ...}``;
``text`` is required.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator

import yaml

from kg.errors import LoaderError, yaml_problem
from kg.model import Article, article_id

from .common import Document, Item, parse_date, read_text_file, yaml_load

__all__ = ["read_text_article", "parse_text_article", "read_jsonl", "MAX_BYTES"]

MAX_BYTES = 20_000_000        # one article file, or one .jsonl record
MAX_JSONL_BYTES = 2_000_000_000
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_OPEN = re.compile(r"\A---[ \t]*\n")
_PLAIN = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_KEYS = {"title", "date", "source", "url", "language", "lang", "id", "author", "tags"}


def read_text_article(path: str | Path, registry=None) -> Iterator[Item]:
    """Yield the one :class:`Document` in a ``.md``/``.txt`` file, or its LoaderError."""
    path = Path(path)
    try:
        text = read_text_file(path, MAX_BYTES)
        yield parse_text_article(text, str(path))
    except LoaderError as e:
        yield e


def parse_text_article(text: str, path: str) -> Document:
    """A :class:`Document` from file text with optional YAML front matter.

    Front matter that is not valid YAML but reads as ``key: value`` lines (a scraped
    title with a colon: ``title: Erdogan: We will invite Assad``) is read line by line,
    the value being the rest of the line, with a warning. Front matter without its
    closing ``---`` is an error.
    """
    meta: dict = {}
    warnings: list[str] = []
    body, offset = text, 0
    m = _FRONT.match(text)
    if m:
        try:
            meta = yaml_load(m.group(1)) or {}
        except yaml.YAMLError as e:
            meta = _plain_lines(m.group(1), path, e)
            problem, line = yaml_problem(e, first_line=2)
            warnings.append(f"{path}:{line or 2}: front matter is not valid YAML ({problem}); "
                            "read as plain 'key: value' lines")
        if not isinstance(meta, dict):
            raise LoaderError(path, "front matter must be a mapping of keys (title, date, source)", 2)
        body, offset = text[m.end():], m.end()
    elif _OPEN.match(text):
        raise LoaderError(path, "front matter opened with '---' is never closed (add a '---' line after it)", 1)
    if not body.strip():
        raise LoaderError(path, "article has no text")
    date = None
    if meta.get("date") in (None, ""):
        warnings.append(f"{path}: no publication date; relative dates stay unresolved")
    else:
        date = parse_date(meta["date"], path, _key_line(text, "date"))
    article = Article(article_id(body), _str(meta.get("title")), date, _str(meta.get("source") or meta.get("url")),
                      path, _str(meta.get("language") or meta.get("lang")))
    return Document(article, body, path, offset, tuple(warnings))


def _plain_lines(block: str, path: str, error: yaml.YAMLError) -> dict[str, str]:
    """``key: value`` lines, the value being the rest of the line; LoaderError if a line is not one."""
    out: dict[str, str] = {}
    for n, line in enumerate(block.splitlines(), 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kv = _PLAIN.match(line)
        if not kv:
            raise LoaderError.from_yaml(path, error, first_line=2, what="malformed front matter",
                                        hint=f"; line {n} is not 'key: value'")
        out[kv.group(1).lower()] = kv.group(2).strip()
    return out


def _key_line(text: str, key: str) -> int | None:
    m = re.search(rf"^{key}\s*:", text, re.M)
    return text[: m.start()].count("\n") + 1 if m else None


def _str(v) -> str | None:
    return None if v is None else str(v)


def read_jsonl(path: str | Path, registry=None) -> Iterator[Item]:
    """Yield a :class:`Document` per line of a ``.jsonl`` file; a bad line yields its LoaderError."""
    path = Path(path)
    p = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield LoaderError(p, f"cannot read ({e.strerror})")
        return
    if size == 0:
        yield LoaderError(p, "empty file")
        return
    if size > MAX_JSONL_BYTES:
        yield LoaderError(p, f"file is {size / 1e9:.1f} GB, over the {MAX_JSONL_BYTES / 1e9:.0f} GB limit")
        return
    seen_any = False
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            seen_any = True
            try:
                yield _record(raw, p, n)
            except LoaderError as e:
                yield e
    if not seen_any:
        yield LoaderError(p, "empty file")


def _record(raw: bytes, path: str, line: int) -> Document:
    if len(raw) > MAX_BYTES:
        raise LoaderError(path, f"record is {len(raw) / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB limit", line)
    if b"\x00" in raw:
        raise LoaderError(path, "binary data (NUL bytes), not a JSON line", line)
    try:
        rec = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise LoaderError(path, f"not UTF-8 (byte 0x{raw[e.start]:02x})", line) from None
    except json.JSONDecodeError as e:
        raise LoaderError(path, f"malformed JSON ({e.msg} at column {e.colno})", line) from None
    if not isinstance(rec, dict):
        raise LoaderError(path, "expected a JSON object per line", line)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoaderError(path, "record has no 'text'", line)
    warnings = []
    date = None
    if rec.get("date") in (None, ""):
        warnings.append(f"{path}:{line}: no publication date; relative dates stay unresolved")
    else:
        date = parse_date(rec["date"], path, line)
    ref = str(rec.get("id") or f"{path}:{line}")
    article = Article(article_id(text), _str(rec.get("title")), date, _str(rec.get("url") or rec.get("source")),
                      f"{path}:{line}", _str(rec.get("language") or rec.get("lang")))
    return Document(article, text.replace("\r\n", "\n"), ref, 0, tuple(warnings))
