"""``kg extract``: run the extractor over files and print events, without touching a store."""

from __future__ import annotations

import json

import click

from loaders import expand_paths, is_statements

from .errors import KgError
from .extract.batch import extract_paths
from .output import render

__all__ = ["extract_cmd"]

TABLE_COLUMNS = ("article", "type", "source", "target", "participants", "date", "negated", "confidence", "rule")


@click.command(name="extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "json"]), default="table", show_default=True,
              help="jsonl: one event per line (what ../shared/eval/score.py reads); table for people.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--no-prefilter", is_flag=True, help="Parse every sentence (slower; for checking the pre-filter).")
@click.pass_context
def extract_cmd(ctx: click.Context, paths: tuple[str, ...], fmt: str, jobs: int, no_prefilter: bool) -> None:
    """Extract typed, dated events from articles (.md, .txt, .jsonl) and print them.

    Warnings and per-file errors go to stderr; one bad file never stops the batch.
    The exit status is 1 when no article could be read.

    \b
    Example:
      kg extract seeds/ --format jsonl > events.jsonl
      kg extract news/*.md --jobs 2
    """
    actors = getattr(ctx.obj, "actors", None)
    table: list[dict] = []
    done = failed = 0
    try:
        files = expand_paths(paths)
        for f in files:
            if is_statements(f):
                click.echo(f"warning: {f}: curated statements, not an article: nothing to extract "
                           "(`kg ingest` loads them)", err=True)
        articles = [f for f in files if not is_statements(f)]
        for result in extract_paths(articles, jobs=jobs, actors=actors, prefilter=not no_prefilter):
            for w in result.warnings:
                click.echo(f"warning: {w}", err=True)
            if result.error:
                click.echo(f"error: {result.error}", err=True)
                failed += 1
            else:
                done += 1
            if fmt == "jsonl":
                for row in result.rows:
                    click.echo(json.dumps(row, ensure_ascii=False, default=str))
            else:
                table += result.rows
    except KgError as e:
        raise click.ClickException(str(e)) from None
    if fmt != "jsonl":
        click.echo(render(table, fmt, TABLE_COLUMNS if fmt == "table" else None), nl=False)
    if not done:
        raise click.ClickException(f"no article could be read ({failed} failed)" if failed
                                   else "no article in the input (.md, .txt or .jsonl)")
