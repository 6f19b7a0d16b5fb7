"""The ``kg`` command line: a thin shell over the library.

Each command parses options, calls the library function of the same name
(``kg.lookups.who_met_whom`` for ``kg who-met-whom``) and prints. Library
errors (:class:`kg.errors.KgError`) become one-line ``Error: …`` messages, exit 1.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import lookups
from .cli_common import DATE, STORE_HELP, Context, KgGroup, handle_errors, pass_ctx, store_option
from .cli_extract import extract_cmd
from .cli_query import query_cmd
from .cli_sync import sync_cmd
from .cli_view import export_cmd, view_cmd
from .output import emit, output_options

__all__ = ["cli", "main"]

@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--store", envvar="KG_STORE", default="kg.db", metavar="PATH|bolt://…", help=STORE_HELP)
@click.option("--actors", type=click.Path(dir_okay=False), envvar="KG_ACTORS",
              help="Actor overlay YAML that adds to or overrides the built-in gazetteer (format: docs/ACTORS.md; "
                   "`kg actors assign` creates it if absent). Env: KG_ACTORS.")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
@click.version_option(package_name="diplomatic-kg")
@click.pass_context
def cli(ctx: click.Context, store: str, actors: str | None, verbose: int) -> None:
    """diplomatic-kg: news about international relations → a knowledge graph of who did what to whom.

    \b
    Example:
      kg ingest seeds/
      kg who-met-whom Turkey
      kg relations "Ned Price" --type CRITICIZED --json
    """
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    ctx.obj = Context(store, actors)
    ctx.call_on_close(ctx.obj.close)

# -- event datasets (kg ingest --format gdelt|icews|polecat and slicing) -------------------------------
def _event_dataset_options(fn: Callable) -> Callable:
    """The options of ``kg ingest`` that apply to event datasets (GDELT, ICEWS, POLECAT)."""
    for opt in reversed((
        click.option("--format", "fmt", type=click.Choice(["gdelt", "icews", "polecat"]),
                     help="Read every PATH as this event dataset (default: told by the file name, e.g. "
                          "*.export.CSV[.zip] is GDELT, events.YYYY.*.tab ICEWS)."),
        click.option("--since", "since", type=DATE, help="Event datasets: only events on or after this date."),
        click.option("--until", "until", type=DATE, help="Event datasets: only events on or before this date."),
        click.option("--actors", "actor_codes", metavar="CODES",
                     help="Event datasets: only events with a party rolling up to one of these codes or names "
                          "(comma-separated: TUR,SYR,UN)."),
        click.option("--types", "types", metavar="TYPES",
                     help="Event datasets: only these relation types (comma-separated: MET,CRITICIZED)."),
    )):
        fn = opt(fn)
    return fn


class _RowsProgress:
    """A progress bar per event-dataset file: bytes read, with rows read and rows per second."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.path: Path | None = None

    def __call__(self, path: Path, rows: int, done: int, total: int) -> None:
        import time

        if path != self.path:
            self.close()
            self.path, self.rows, self.t0 = path, 0, time.perf_counter()
            self.bar = click.progressbar(length=max(total, 1), label=path.name[-40:], file=sys.stderr,
                                         item_show_func=lambda s: s)
            self.bar.__enter__()
        self.rows += rows
        rate = self.rows / max(time.perf_counter() - self.t0, 1e-6)
        self.bar.update(max(done - self.bar.pos, 0), f"{self.rows:,} rows, {rate:,.0f} rows/s")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _dataset_summary(report) -> str:
    """One line on what an event-dataset ingest read and skipped (reasons, then the top codes)."""
    line = f"{report.rows:,} dataset row(s) read"
    if report.skipped_rows:
        line += "; skipped: " + ", ".join(f"{n:,} {why}" for why, n in report.skipped_rows.most_common())
    if report.skipped_codes:
        top = report.skipped_codes.most_common(10)
        more = len(report.skipped_codes) - len(top)
        line += "; codes outside our types: " + ", ".join(f"{c} ×{n:,}" for c, n in top) + (
            f" (+{more} more)" if more > 0 else "")
    return line + "."


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_event_dataset_options
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_ctx
@handle_errors
def ingest(ctx: Context, paths: tuple[str, ...], as_json: bool, fmt: str | None = None, since=None, until=None,
           actor_codes: str | None = None, types: str | None = None) -> None:
    """Load articles (.md, .txt, .jsonl), curated statements (.yaml) and event datasets
    (GDELT, ICEWS, POLECAT) into the store.

    PATHS are files, folders (searched recursively) or globs. Articles and dataset
    events already in the store are skipped, so re-running is safe; a file whose content
    changed replaces its old version. Bad files and rows are reported and skipped. The exit
    status is 1 when nothing could be loaded, or when anything read could not be stored
    (e.g. another process kept the store busy longer than KG_BUSY_TIMEOUT, 60 s).

    \b
    Example:
      kg ingest seeds/ news/*.jsonl
      kg ingest 20150218.export.CSV.zip --actors TUR,SYR --since 2015-02-01
      kg ingest --format icews events.2018.tab --types MET,CRITICIZED --json
    """
    from loaders import dataset_format, expand_paths

    from .ingest import NOTHING_TO_LOAD, ingest as run, make_slice

    files = expand_paths(paths, fmt)
    if not files:   # before the store is opened: nothing is created
        raise click.ClickException(f"{', '.join(paths)}: {NOTHING_TO_LOAD}")
    slice_ = make_slice(since=since, until=until, actors=actor_codes, types=types)
    if fmt or (files and all(dataset_format(f) for f in files)):
        progress = _RowsProgress()
        try:
            report = run(ctx.writable_store, files, actors=ctx.actors, fmt=fmt, slice_=slice_, on_rows=progress)
        finally:
            progress.close()
    else:
        with click.progressbar(length=len(files), label="Ingesting", file=sys.stderr,
                               item_show_func=lambda p: str(p)[-40:] if p else None) as bar:
            def step(p: Path) -> None:
                bar.update(1, p)
            report = run(ctx.writable_store, files, actors=ctx.actors, on_file=step, fmt=fmt, slice_=slice_)
    for err in report.errors:
        click.echo(f"Error: {err}", err=True)
    for w in report.warnings:
        click.echo(f"Warning: {w}", err=True)
    if as_json:
        emit(report.to_dict(), "json")
    else:
        c = report.counts
        ignored = f"{report.ignored} not extracted (see warnings); " if report.ignored else ""
        click.echo(f"{report.files} file(s): {c.articles} article(s), {c.events} event(s), {c.sources} source(s), "
                   f"{c.actors} actor(s) added; {report.skipped} already stored; {ignored}"
                   f"{len(report.errors)} error(s).")
        if report.rows:
            click.echo(_dataset_summary(report))
    if report.failed:
        click.echo(f"Error: {len(report.failed)} source(s) were read but not stored: "
                   + ", ".join(report.failed), err=True)
        sys.exit(1)
    if report.errors and not report.loaded_anything:
        sys.exit(1)

_LEVEL = click.option("--level", type=click.Choice(lookups.LEVELS), default="code", show_default=True,
                      help="List other parties by roll-up code (TUR, SYR-OPP) or as recorded (persons, bodies).")
_SINCE = click.option("--since", type=DATE, help="Only events on or after this date.")
_UNTIL = click.option("--until", type=DATE, help="Only events on or before this date.")
_ORIGIN = click.option("--origin", "origins", multiple=True, metavar="ORIGIN",
                       help="Only events from this event dataset (gdelt, icews, polecat) or `own` (your articles "
                            "and statements); repeatable. Default: all.")

@cli.command(name="who-met-whom")
@click.argument("actor")
@store_option
@click.option("--with", "with_", metavar="ACTOR", help="Only meetings this actor also attended.")
@_SINCE
@_UNTIL
@_LEVEL
@_ORIGIN
@output_options()
@pass_ctx
@handle_errors
def who_met_whom(ctx: Context, actor: str, with_: str | None, since, until, level: str, fmt: str,
                 as_json: bool, origins: tuple[str, ...] = ()) -> None:
    """Meetings of ACTOR: date, place, the other parties and the evidence sentence.

    ACTOR is a name, alias, id or code: "Turkey", "Ankara", TUR, "Mevlut Cavusoglu".

    \b
    Example:
      kg who-met-whom Turkey --since 2023-01-01
      kg who-met-whom "Mevlut Cavusoglu" --level person --json
      kg who-met-whom Turkey --origin own      # leave out GDELT/ICEWS/POLECAT events
    """
    rows = lookups.who_met_whom(ctx.store, actor, with_=with_, since=since, until=until, level=level,
                                origins=origins)
    if fmt == "table" and not as_json:
        rows = [{"date": r["date"] or "?", "place": r["place"], "with": r["with"],
                 "evidence": r["evidence"][0]["sentence"] if r["evidence"] else None,
                 "source": r["evidence"][0]["source"] if r["evidence"] else None} for r in rows]
        if not rows:
            click.echo(f"No meetings of {actor} recorded.", err=True)
    emit(rows, fmt, as_json=as_json)

@cli.command()
@click.argument("actor")
@store_option
@click.option("--type", "types", multiple=True, metavar="TYPE", help="Only this relation type (repeatable).")
@_SINCE
@_UNTIL
@_LEVEL
@_ORIGIN
@output_options()
@pass_ctx
@handle_errors
def relations(ctx: Context, actor: str, types: tuple[str, ...], since, until, level: str, fmt: str,
              as_json: bool, origins: tuple[str, ...] = ()) -> None:
    """Every relation of ACTOR: type, direction, the other party, date and evidence.

    \b
    Example:
      kg relations Turkey
      kg relations "United States" --type CRITICIZED --type CALLED_ON --json
      kg relations Turkey --origin gdelt
    """
    rows = lookups.relations(ctx.store, actor, types=types, since=since, until=until, level=level,
                             origins=origins)
    if not rows and fmt == "table" and not as_json:
        click.echo(f"No relations of {actor} recorded" + (" with these filters." if types or since or until or origins
                                                           else "."), err=True)
    cols = ["date", "type", "direction", "other", "place", "negated", "sentence"]
    emit(rows, fmt, columns=None if fmt != "table" else cols, as_json=as_json)

def _existing(path: str | None) -> str | None:
    """The overlay path if the file exists (``kg actors assign`` may be about to create it)."""
    return path if path and Path(path).exists() else None

class _ActorsGroup(click.Group):
    """``kg actors [SEARCH]`` lists; ``kg actors assign NAME CODE`` fixes one (SEARCH is not a command)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] in self.commands:       # the subcommand, not a SEARCH word
            params = self.params
            self.params = [p for p in params if not isinstance(p, click.Argument)]
            try:
                return super().parse_args(ctx, args)
            finally:
                self.params = params
        ctx.allow_interspersed_args = True               # "kg actors syria --json": options after SEARCH
        return super().parse_args(ctx, args)

@cli.group(cls=_ActorsGroup, invoke_without_command=True)
@click.argument("search", required=False)
@store_option
@click.option("--unresolved", is_flag=True,
              help="Only actors the extractor could not place (code is null), with the events each holds "
                   "up (most first) and a suggested code.")
@output_options()
@click.pass_context
@handle_errors
def actors(cctx: click.Context, search: str | None = None, unresolved: bool = False, fmt: str = "table",
           as_json: bool = False) -> None:
    """List stored actors, or those whose name, alias, id or code contains SEARCH.

    \b
    Example:
      kg actors syria
      kg actors --unresolved --json
      kg --actors my-actors.yaml actors assign "Jake Sullivan" USA --role "National Security Adviser"
    """
    if cctx.invoked_subcommand:
        return
    ctx = cctx.find_object(Context)
    if unresolved:
        from .curate import unresolved as list_unresolved
        from .ingest import registry_for

        rows = list_unresolved(ctx.store, registry_for(None, _existing(ctx.actors)))
        if search:
            rows = [r for r in rows if search.casefold() in f"{r['id']} {r['name']}".casefold()]
        cols = ["id", "name", "kind", "role", "events", "suggested", "why"]
    else:
        rows = lookups.find_actors(ctx.store, search)
        cols = ["id", "name", "kind", "code", "role"]
    if not rows and fmt == "table" and not as_json:
        click.echo("No unresolved actors." if unresolved else "No actors match.", err=True)
    emit(rows, fmt, columns=None if fmt != "table" else cols, as_json=as_json)

@actors.command("assign")
@click.argument("name")
@click.argument("code")
@click.option("--role", help='The person\'s role, e.g. "Secretary of State".')
@click.option("--kind", type=click.Choice(["person", "body"]), help="A person, or a body of CODE (default: as stored).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@store_option
@pass_ctx
@handle_errors
def actors_assign(ctx: Context, name: str, code: str, role: str | None, kind: str | None, as_json: bool) -> None:
    """Record that NAME is (a person or body of) CODE, and re-resolve what the store holds.

    The decision is written to the actor overlay (--actors / KG_ACTORS; created if absent), so
    later ingests read it; the stored actor gets CODE now, so every event it took part in rolls up
    to CODE in who-met-whom, relations, query and view, without re-ingesting.

    \b
    Example:
      kg --actors my-actors.yaml actors assign "Jake Sullivan" USA --role "National Security Adviser"
      kg --actors my-actors.yaml actors assign Zhongnanhai CHN --kind body
    """
    from .curate import assign
    from .ingest import registry_for

    result = assign(ctx.writable_store, name, code, role=role, kind=kind, overlay=ctx.actors,
                    registry=registry_for(None, _existing(ctx.actors)))
    if as_json:
        emit(result, "json")
        return
    who = ", ".join(result["actors"]) or "no stored actor (recorded for later ingests)"
    click.echo(f"{name} -> {code}: {who}; {result['events']} event(s) now roll up to {code}; "
               f"recorded in {result['overlay']}.")

@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@store_option
@pass_ctx
@handle_errors
def stats(ctx: Context, as_json: bool) -> None:
    """Counts of actors, articles and events (by type) in the store.

    \b
    Example:
      kg --store kg.db stats --json
    """
    s = lookups.stats(ctx.store)
    if as_json:
        emit(s, "json")
        return
    by_type = s.pop("events_by_type")
    for k, v in s.items():
        click.echo(f"{k:>18}: {v}")
    for k, v in by_type.items():
        click.echo(f"{'  ' + k:>18}: {v}")

def main() -> None:
    cli(prog_name="kg")

for _command in (extract_cmd, query_cmd, sync_cmd, view_cmd, export_cmd):   # commands in kg/cli_*.py
    cli.add_command(_command)
