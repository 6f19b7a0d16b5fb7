"""Render rows for the terminal or for scripts: one place for every output format."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Sequence

import click

__all__ = ["FORMATS", "output_options", "emit", "render"]

FORMATS = ("table", "json", "jsonl", "csv")


def output_options(default: str = "table") -> Callable:
    """Add ``--format`` and its ``--json`` shorthand to a command."""

    def deco(fn: Callable) -> Callable:
        fn = click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")(fn)
        fn = click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                          help="Output format: a table for people, json/jsonl/csv for scripts.")(fn)
        return fn

    return deco


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return str(v.get("name") or v.get("code") or v.get("id") or json.dumps(v, ensure_ascii=False))
    return str(v)


def render(rows: Sequence[dict[str, Any]] | Any, fmt: str, columns: Sequence[str] | None = None) -> str:
    """`rows` as text in `fmt`; `columns` picks and orders table/csv columns."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n"
    if not isinstance(rows, list):
        rows = [rows]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows)
    cols = list(columns or (list(rows[0]) if rows else []))
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return buf.getvalue()
    if not rows:
        return ""
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    cells = [[c if len(c) <= 100 else c[:99] + "…" for c in row] for row in cells]
    widths = [max(len(h), *(len(row[i]) for row in cells)) for i, h in enumerate(cols)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    return "\n".join([line(cols), line(["-" * w for w in widths]), *map(line, cells)]) + "\n"


def emit(rows: Iterable[dict[str, Any]] | dict, fmt: str, columns: Sequence[str] | None = None,
         as_json: bool = False) -> None:
    """Print `rows` in `fmt` (``as_json`` wins, for the ``--json`` flag)."""
    rows = rows if isinstance(rows, dict) else list(rows)
    click.echo(render(rows, "json" if as_json else fmt, columns), nl=False)
