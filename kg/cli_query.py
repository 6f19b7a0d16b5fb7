"""``kg query``: run a named query from queries/ or ad-hoc Cypher (registered at the end of kg/cli.py)."""

from __future__ import annotations

import click

from .cli_common import Context, handle_errors, pass_ctx, store_option
from .output import emit, output_options

__all__ = ["query_cmd"]


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


@click.command(name="query")
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable), converted to its declared kind: an actor is a name, alias, "
                   "id or code (resolved as kg who-met-whom does), a type any case, a date YYYY-MM-DD.")
@click.option("--cypher", metavar="QUERY", help="Run this ad-hoc, read-only Cypher instead of a named query.")
@click.option("--list", "list_", is_flag=True, help="List the named queries and their parameters.")
@output_options()
@store_option
@pass_ctx
@handle_errors
def query_cmd(ctx: Context, name: str | None, params: tuple[str, ...], cypher: str | None, list_: bool,
              fmt: str, as_json: bool) -> None:
    """Run a named Cypher query (queries/NAME.cypher) or ad-hoc Cypher on the store.

    On Neo4j queries run natively; on the embedded store through grand-cypher,
    a Cypher subset (no OPTIONAL MATCH/WITH/UNWIND, upper-case aggregates,
    double-quoted strings). Parameters are always passed as values, never text.

    \b
    Example:
      kg query --list
      kg query who_met_whom --param actor=Turkey --param since=2023-01-01 --json
      kg query relations -p actor="Ned Price" -p type=criticized
      kg query stance_matrix --format csv
      kg query --cypher 'MATCH (a:Actor)-[r:MET]->(b:Actor) RETURN a.id, b.id, r.date'
    """
    from . import cypher as lib

    if list_:
        if name or cypher:
            raise click.UsageError("--list takes no NAME or --cypher")
        rows = [{"name": q.name, "params": ", ".join(f"{p.name}{'' if p.required else '?'}:{p.type}"
                                                      for p in q.params.values()),
                 "description": q.description} for q in lib.load_queries().values()]
        emit(rows, fmt, as_json=as_json)
        return
    if bool(name) == bool(cypher):
        raise click.UsageError("give a query NAME or --cypher QUERY (not both); see kg query --list")
    values = _params(params)
    if cypher:
        rows = lib.run_cypher(ctx.store, cypher, values)
    else:
        rows = lib.run_named(ctx.store, name, values)
    if not rows and fmt == "table" and not as_json:
        click.echo("No rows.", err=True)
    emit(rows, fmt, as_json=as_json)
