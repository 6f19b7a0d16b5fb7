"""``kg sync``: the CLI shell over :func:`kg.sync.sync` (registered at the end of kg/cli.py)."""

from __future__ import annotations

import sys

import click

from .cli_common import Context, handle_errors, pass_ctx, store_option
from .output import emit

__all__ = ["sync_cmd"]


@click.command(name="sync")
@click.option("--to", "to", required=True, metavar="PATH|bolt://…", help="Destination store (created if needed).")
@click.option("--from", "from_", metavar="PATH|bolt://…",
              help="Source store (default: the --store given to kg, or $KG_STORE, or kg.db).")
@click.option("--batch", type=click.IntRange(1), default=5000, show_default=True,
              help="Rows per transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@store_option
@pass_ctx
@handle_errors
def sync_cmd(ctx: Context, to: str, from_: str | None, batch: int, as_json: bool) -> None:
    """Copy every actor, article and event of one store into another, idempotently.

    Re-running a sync (e.g. after the server went away half-way) completes it:
    actors merge on id, events are keyed on their id, provenance on its key.
    Neo4j credentials come from NEO4J_USER / NEO4J_PASSWORD.

    \b
    Example:
      kg sync --to bolt://127.0.0.1:7687 --from kg.db
      kg sync --from bolt://127.0.0.1:7687 --to copy.db
    """
    from .store import open_store, store_key
    from .sync import sync

    if store_key(from_ or ctx.store_url) == store_key(to):
        raise click.UsageError("--from and --to name the same store")
    src = open_store(from_, readonly=True) if from_ else ctx.store
    dst = open_store(to)
    try:
        total = src.stats()
        with click.progressbar(length=total["actors"] + total["articles"] + total["events"], label="Syncing",
                               file=sys.stderr, show_pos=True) as bar:
            report = sync(src, dst, batch=batch, progress=lambda kind, n: bar.update(n))
    finally:
        dst.close()
        if from_:
            src.close()
    if as_json:
        emit(report.to_dict(), "json")
    else:
        a = report.added
        click.echo(f"Read {report.actors} actor(s), {report.articles} article(s), {report.events} event(s) "
                   f"from {src.url}; added {a.actors} actor(s), {a.articles} article(s), {a.events} event(s), "
                   f"{a.sources} source(s) to {dst.url}.")
