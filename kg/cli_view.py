"""``kg view`` and ``kg export``: thin shells over :func:`kg.view.view` and :func:`kg.export.export`.

Registered on the ``kg`` group at the end of :mod:`kg.cli`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import click

from .cli_common import DATE, Context, handle_errors, pass_ctx, store_option
from .lookups import LEVELS

__all__ = ["view_cmd", "export_cmd"]


def _filter_options(fn: Callable) -> Callable:
    """The options that pick the subgraph (see :func:`kg.view.view_graph`)."""
    opts = [
        click.option("--actor", metavar="ACTOR", help="Only actors within --depth hops of ACTOR (name, alias, id "
                     "or code; a state includes everyone who rolls up to it)."),
        click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
                     help="Hops from --actor (a meeting links all its parties in one hop)."),
        click.option("--type", "types", multiple=True, metavar="TYPE", help="Only this relation type (repeatable)."),
        click.option("--since", type=DATE, help="Only events on or after this date."),
        click.option("--until", type=DATE, help="Only events on or before this date."),
        click.option("--level", type=click.Choice(LEVELS), default="person", show_default=True,
                     help="Draw actors as recorded (persons, bodies) or rolled up to codes (TUR, SYR-OPP)."),
        click.option("--min-events", type=click.IntRange(1), default=1, show_default=True,
                     help="Only actor pairs linked by at least this many events."),
        click.option("--origin", "origins", multiple=True, metavar="ORIGIN",
                     help="Only events from this event dataset (gdelt, icews, polecat) or `own` (your articles "
                          "and statements); repeatable. Default: all."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _filters(kw: dict[str, Any]) -> dict[str, Any]:
    return {k: kw[k] for k in ("actor", "depth", "types", "since", "until", "level", "min_events", "origins")}


@click.command(name="view")
@_filter_options
@click.option("--collapse", is_flag=True, help="One edge per actor pair and type (both directions), labelled "
              "with its number of events.")
@click.option("--title", help="Page heading (default: diplomatic-kg: who did what to whom).")
@click.option("--max-nodes", type=click.IntRange(1), default=2500, show_default=True,
              help="Refuse to draw more nodes than this (the page would not be usable); filter instead.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="graph.html",
              show_default=True, help="The HTML file to write.")
@store_option
@pass_ctx
@handle_errors
def view_cmd(ctx: Context, output: str, collapse: bool, title: str | None, max_nodes: int, **kw: Any) -> None:
    """Write an interactive graph view: one HTML file that opens offline in any browser.

    Nodes are actors (shape and colour by kind), edges are events (colour by type,
    width by number, dashed when negated); a meeting of three or more parties is one
    hub. Hover an edge for its evidence sentences; filter by type in the page, and drag
    the window of the timeline under the graph (or press play) to step through the months.

    \b
    Example:
      kg view -o graph.html
      kg view --actor Turkey --depth 1 --since 2023-01-01 -o turkey.html
      kg view --level code --collapse --min-events 2 -o overview.html

    \b
    From Python (a notebook, a script), the same view as a pyvis Network to adjust:
      from kg import view
      net = view.to_pyvis(store.graph())     # any pyvis method works on it
      view.write_html(net, "graph.html")     # one offline file, like kg view
      view.show(store, actor="Turkey")       # in JupyterLab, Notebook, VS Code, Colab
    """
    from .view import view

    r = view(ctx.store, output, collapse=collapse, title=title, max_nodes=max_nodes, **_filters(kw))
    click.echo(f"Wrote {Path(r['path']).resolve()} ({r['actors']} actors, {r['events']} events; "
               f"{r['nodes']} nodes and {r['edges']} edges drawn)")


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(("graphml", "gexf", "json", "csv", "cypher")), required=True,
              help="graphml/gexf (Gephi, Cytoscape), json (node-link), csv (a folder: nodes.csv + "
                   "edges.csv), cypher (a script that rebuilds the graph in Neo4j).")
@click.option("-o", "--output", required=True, type=click.Path(writable=True),
              help="The file (a folder for csv) to write.")
@_filter_options
@store_option
@pass_ctx
@handle_errors
def export_cmd(ctx: Context, fmt: str, output: str, **kw: Any) -> None:
    """Export the graph (or the part the filters pick) for Gephi, Cytoscape, spreadsheets or Neo4j.

    \b
    Example:
      kg export --format graphml -o graph.graphml
      kg export --format csv -o out/ --since 2023-01-01
      kg export --format cypher -o graph.cypher && cypher-shell -f graph.cypher
    """
    from .export import export

    r = export(ctx.store, fmt, output, **_filters(kw))
    click.echo(f"Wrote {Path(r['path']).resolve()} ({fmt}: {r['nodes']} nodes, {r['edges']} edges)")
