"""Interactive HTML views of the graph: one self-contained file that opens with no network.

``kg view`` is :func:`view`; the library pieces are

- :func:`view_graph` — the subgraph a view draws, picked from a store by actor
  (and depth), relation types, dates, level and a minimum number of events;
- :func:`view_data` — the drawing of a graph as plain data: styled nodes, edges
  that group the events behind them, hub nodes for meetings of three or more,
  positions computed here (so the browser never has to settle a simulation);
- :func:`generate_html` / :func:`write_html` — the page: our own template with
  vis-network (the copy pyvis ships) and the view script inlined, the data as
  JSON inside a ``<script type="application/json">``; a timeline of events per
  month under the graph (a draggable window, a play button);
- :func:`to_pyvis` — the same drawing as a ``pyvis.network.Network`` to adjust with
  pyvis; :func:`write_html` of a Network writes the same kind of page
  (:func:`generate_network_html`, in :mod:`kg.view_pyvis`);
- :func:`show` — any of these inside a notebook: an iframe whose ``srcdoc`` is the page.

Safety: every string that comes from articles or users (names, ids, quotes,
sources, the heading) reaches the page either through Jinja autoescaping or as
JSON that the script puts into the page with ``textContent`` — never as HTML.
No node or edge has a vis ``title``, so vis never builds a popup from content.
A Content-Security-Policy allows only the two inline scripts (by hash) and no
network at all.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("TUR", name="Turkey", kind="state", code="TUR")
>>> G.add_node("SYR", name="Syria", kind="state", code="SYR")
>>> G.add_edge("SYR", "TUR", key="e1", type="MET", date="2022-12-28", symmetric=True, participants=["SYR", "TUR"])
'e1'
>>> d = view_data(G)
>>> [n["name"] for n in d["nodes"]], [(e["type"], len(e["events"])) for e in d["edges"]]
(['Turkey', 'Syria'], [('MET', 1)])
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html as html_lib
import json
import math
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import networkx as nx

from .atomic import atomic_write_text
from .errors import KgError
from .graph import rollup
from .schema import Schema, load_schema
from .store.base import EventFilter, Store

if TYPE_CHECKING:
    from pyvis.network import Network
from .view_pyvis import generate_network_html, to_pyvis

__all__ = ["ViewTooLarge", "view_graph", "view_data", "generate_html", "write_html", "view", "MAX_NODES",
           "LEVELS", "safe_json", "to_pyvis", "generate_network_html", "show", "NotebookView"]

LEVELS = ("person", "code")
MAX_NODES = 2500
"""Default limit of drawn nodes (actors + meeting hubs); ``--max-nodes`` raises it."""
HUB_MIN = 3
"""A symmetric event with at least this many parties is drawn as a hub node."""
_PHYSICS_MAX = 300
"""Graphs up to this many nodes get a short, bounded physics polish in the page."""
_UNKNOWN_KIND = {"label": "Unresolved actor", "color": "#DDDDDD", "shape": "dot"}
_HUB_KIND = {"label": "Meeting of 3+ parties (hub)", "shape": "hexagon"}
_VIS_DIR = "lib/vis-9.1.2"


class ViewTooLarge(KgError):
    """The view would draw more nodes than the limit; the message suggests filters."""

    def __init__(self, nodes: int, edges: int, limit: int):
        self.nodes, self.edges, self.limit = nodes, edges, limit
        super().__init__(
            f"the view would draw {nodes:,} nodes and {edges:,} edges, more than the limit of {limit:,} nodes; "
            "narrow it with --actor NAME --depth 1, --type TYPE, --since/--until, --level code or "
            "--min-events 2 (or raise --max-nodes)")


# ---------------------------------------------------------------------------------------------------------
# choosing what to draw

def view_graph(store: Store, *, actor: str | None = None, depth: int = 1, types: Sequence[str] = (),
               since: dt.date | None = None, until: dt.date | None = None, level: str = "person",
               min_events: int = 1, origins: Sequence[str] = (), registry=None) -> nx.MultiDiGraph:
    """The subgraph of `store` a view (or an export) shows.

    Parameters
    ----------
    actor : name, alias, id or code; keeps the actors within `depth` hops of it.
        A state or other code-level actor (``"Turkey"``) starts from everyone who
        rolls up to it; a person starts from that person only.
    depth : hops from `actor` (a meeting links all its parties in one hop).
    types : relation types to keep (case-insensitive); empty keeps all.
    since, until : keep events dated in this range (undated events are dropped
        when either is given, as the store filter does).
    level : ``"person"`` draws actors as recorded; ``"code"`` rolls them up to
        their codes (``TUR``, ``SYR-OPP``) with :func:`kg.graph.rollup`.
    min_events : keep only actor pairs linked by at least this many events.
    origins : keep only events of these datasets (``"gdelt"`` …) and/or ``"own"`` (your
        articles and statements); empty keeps all.

    Returns
    -------
    networkx.MultiDiGraph in the shape of :func:`kg.graph.build_graph`.

    Raises
    ------
    UnknownActor
        when `actor` matches nothing.
    UnknownRelation
        when a type is not in schema.yaml.
    """
    from .lookups import resolve_actor

    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    if depth < 0 or min_events < 1:
        raise ValueError("depth must be >= 0 and min_events >= 1")
    schema = load_schema()
    types = tuple(schema.relation(t).name for t in types)
    G = store.graph(EventFilter(types=types, since=since, until=until, origins=tuple(origins)))
    if level == "code":
        G = rollup(G)
    keep_nodes: set[str] = set()
    if actor:
        anchor = resolve_actor(store, actor, registry)
        code_level = bool(anchor.code) and anchor.id == anchor.code
        if level == "code":
            seeds = {anchor.code or anchor.id} & set(G)
        elif code_level:
            seeds = {n for n, d in G.nodes(data=True) if d.get("code") == anchor.code}
        else:
            seeds = {anchor.id} & set(G)
        if not seeds:
            H = nx.MultiDiGraph()
            node = anchor.code if level == "code" and anchor.code else anchor.id
            H.add_node(node, name=anchor.name, kind=anchor.kind, code=anchor.code)
            return H
        U = G.to_undirected(as_view=True)
        reached = set(seeds)
        frontier = set(seeds)
        for _ in range(depth):
            frontier = {m for n in frontier for m in U.adj[n]} - reached
            if not frontier:
                break
            reached |= frontier
        G = G.subgraph(reached).copy()
        keep_nodes = seeds
    if min_events > 1:
        pair_events: dict[frozenset, set] = defaultdict(set)
        for u, v, k in G.edges(keys=True):
            pair_events[frozenset((u, v))].add(k)
        weak = [(u, v, k) for u, v, k in G.edges(keys=True) if len(pair_events[frozenset((u, v))]) < min_events]
        G.remove_edges_from(weak)
        G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0 and n not in keep_nodes])
    return G


# ---------------------------------------------------------------------------------------------------------
# the drawing as data

def _event_record(key: str, d: dict, name_of: dict[str, str]) -> dict[str, Any]:
    return {
        "id": d.get("event_id") or key, "type": d.get("type"), "date": d.get("date"),
        "date_text": d.get("date_text"), "place": d.get("place"), "negated": bool(d.get("negated")),
        "mode": d.get("mode"), "confidence": d.get("confidence"), "sentence": d.get("sentence"),
        "source": d.get("source"), "n_sources": d.get("n_sources"),
        "participants": [name_of.get(p, p) for p in (d.get("participants") or [])],
    }


def view_data(G: nx.MultiDiGraph, *, collapse: bool = False, title: str | None = None,
              schema: Schema | None = None, hub_min: int = HUB_MIN, layout: bool = True,
              seed: int = 7, subtitle: str | None = None, max_nodes: int | None = None) -> dict[str, Any]:
    """The drawing of `G` as JSON-ready data (what the page script renders).

    - one node per actor (styled by kind in the page) plus one hub node per
      symmetric event of `hub_min` or more parties, linked to each party, instead
      of an edge between every pair;
    - one edge per (source, target, type, negated) that lists the events behind
      it (so its width can follow their number); a symmetric type has no
      direction; with ``collapse=True`` both directions of a pair merge into one
      edge per type (negated events stay apart: "did not meet" is not a meeting);
    - ``x``/``y`` positions from a force layout computed here, when `layout`.

    Events are listed once in ``events``; edges refer to them by index.

    Raises
    ------
    ViewTooLarge
        when there are more than `max_nodes` nodes to draw (checked before the layout).
    """
    schema = schema or load_schema()
    name_of = {n: (d.get("name") or n) for n, d in G.nodes(data=True)}
    events: list[dict[str, Any]] = []
    event_index: dict[str, int] = {}
    ends: dict[str, set[str]] = defaultdict(set)
    sym: dict[str, bool] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in event_index:
            event_index[k] = len(events)
            events.append(_event_record(k, d, name_of))
        ends[k].update((u, v))
        sym[k] = bool(d.get("symmetric"))
    hubs = {k for k, e in ends.items() if sym[k] and len(e) >= hub_min}

    nodes: list[dict[str, Any]] = []
    node_index: dict[str, int] = {}
    actor_events: dict[str, set[int]] = defaultdict(set)
    for n, d in G.nodes(data=True):
        node_index[n] = len(nodes)
        nodes.append({"id": len(nodes), "actor": str(n), "name": str(d.get("name") or n),
                      "kind": d.get("kind") or "unknown", "code": d.get("code"), "role": d.get("role"),
                      "parent": d.get("parent"), "n": 0})

    edges: list[dict[str, Any]] = []
    groups: dict[tuple, dict[str, Any]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        ei = event_index[k]
        actor_events[u].add(ei)
        actor_events[v].add(ei)
        if k in hubs:
            continue
        t, neg = d.get("type"), bool(d.get("negated"))
        a, b = node_index[u], node_index[v]
        if sym[k] or collapse:
            key = (min(a, b), max(a, b), t, neg)
        else:
            key = (a, b, t, neg)
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"id": len(edges), "from": key[0], "to": key[1], "type": t, "negated": neg,
                               "dirs": set(), "events": []}
            edges.append(g)
        if ei not in g["events"]:
            g["events"].append(ei)
        if not sym[k]:
            g["dirs"].add("to" if (a, b) == (g["from"], g["to"]) else "from")
    for g in edges:
        g["arrows"] = ",".join(sorted(g.pop("dirs"), reverse=True))   # "to", "from" or "to,from"
    for k in sorted(hubs, key=lambda k: event_index[k]):
        ei = event_index[k]
        e = events[ei]
        hub = len(nodes)
        nodes.append({"id": hub, "hub": True, "event": ei, "type": e["type"], "kind": "hub",
                      "name": " · ".join(x for x in (e["place"], e["date"] or e["date_text"]) if x) or e["type"],
                      "n": 1})
        for p in sorted(ends[k], key=lambda p: node_index[p]):
            edges.append({"id": len(edges), "from": node_index[p], "to": hub, "type": e["type"],
                          "negated": e["negated"], "arrows": "", "events": [ei], "hub": True})
    for n, i in node_index.items():
        nodes[i]["n"] = len(actor_events[n])
    for g in edges:
        g["events"].sort(key=lambda i: (events[i]["date"] or "9999", events[i]["id"]))

    if max_nodes is not None and len(nodes) > max_nodes:
        raise ViewTooLarge(len(nodes), len(edges), max_nodes)
    if layout:
        pos = _layout(len(nodes), [(e["from"], e["to"], len(e["events"])) for e in edges], seed=seed)
        for node, (x, y) in zip(nodes, pos):
            node["x"], node["y"] = round(float(x), 1), round(float(y), 1)

    used_kinds = {n["kind"] for n in nodes}
    used_types = {e["type"] for e in events}
    kinds = {k: {"label": s.label, "color": s.color, "shape": s.shape, "description": s.description}
             for k, s in schema.actor_kinds.items() if k in used_kinds}
    if "unknown" in used_kinds or used_kinds - set(schema.actor_kinds) - {"hub"}:
        kinds["unknown"] = dict(_UNKNOWN_KIND, description="An actor whose kind is not in schema.yaml")
    if "hub" in used_kinds:
        kinds["hub"] = dict(_HUB_KIND, color="#777777", description="One meeting (or other symmetric event) of "
                                                                      "three or more parties")
    rels = {t: {"color": r.color, "description": r.description, "symmetric": r.symmetric, "polarity": r.polarity}
            for t, r in schema.relations.items() if t in used_types}
    for t in sorted(used_types - set(rels), key=str):
        rels[str(t)] = {"color": "#777777", "description": "not in schema.yaml", "symmetric": False,
                        "polarity": "neutral"}
    dates = sorted(e["date"] for e in events if e["date"])
    return {
        "meta": {"title": title or "diplomatic-kg view", "subtitle": subtitle, "collapse": collapse,
                 "large": len(nodes) > _PHYSICS_MAX, "nodes": len(nodes), "edges": len(edges),
                 "events": len(events), "actors": G.number_of_nodes(), "hubs": len(hubs),
                 "min_date": dates[0] if dates else None, "max_date": dates[-1] if dates else None},
        "kinds": kinds, "types": rels, "nodes": nodes, "edges": edges, "events": events,
    }


def _layout(n: int, links: Sequence[tuple[int, int, int]], *, seed: int = 7) -> list[tuple[float, float]]:
    """Positions (in page pixels) for `n` nodes joined by `links` (a, b, weight).

    Each connected component gets a force layout of its own, sized by its number of
    nodes, and the components are packed in rows, biggest first: lone actors and small
    groups sit beside the main web instead of being flung to the edge of the page.
    """
    import numpy as np

    if n == 0:
        return []
    H = nx.Graph()
    H.add_nodes_from(range(n))
    for a, b, w in links:
        if a != b:
            H.add_edge(a, b, weight=(H[a][b]["weight"] if H.has_edge(a, b) else 0) + math.log2(1 + w))
    comps = sorted((sorted(c) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0]))
    shapes = []
    for comp in comps:
        m = len(comp)
        if m == 1:
            P = np.zeros((1, 2))
        elif m <= 500:
            raw = nx.spring_layout(H.subgraph(comp), seed=seed, iterations=150, k=1.6 / math.sqrt(m))
            P = np.array([raw[i] for i in comp], dtype=float)
        else:
            index = {v: i for i, v in enumerate(comp)}
            sub = [(index[a], index[b], 1) for a, b in H.subgraph(comp).edges()]
            P = _fast_layout(m, sub, seed=seed)
        P = P - P.mean(axis=0)
        span = float(np.abs(P).max()) or 1.0
        radius = 30.0 if m == 1 else 80.0 * math.sqrt(m)
        shapes.append((comp, P / span * radius, radius))
    gap = 60.0
    width = max(2 * shapes[0][2], 1.1 * math.sqrt(sum((2 * r + gap) ** 2 for *_x, r in shapes)))
    pos: list[tuple[float, float]] = [(0.0, 0.0)] * n
    x = y = row = 0.0
    for comp, P, r in shapes:
        if x > 0 and x + 2 * r > width:
            x, y, row = 0.0, y + row + gap, 0.0
        cx, cy = x + r, y + r
        for i, (px, py) in zip(comp, P):
            pos[i] = (cx + float(px), cy + float(py))
        x += 2 * r + gap
        row = max(row, 2 * r)
    xs, ys = [p[0] for p in pos], [p[1] for p in pos]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return [(px - mx, py - my) for px, py in pos]


def _fast_layout(n: int, links: Sequence[tuple[int, int, int]], *, seed: int = 7,
                 iterations: int = 60) -> "Any":
    """Fruchterman-Reingold in float32 numpy, for graphs where networkx's dense layout is slow."""
    import numpy as np

    rng = np.random.default_rng(seed)
    P = rng.random((n, 2), dtype=np.float32)
    if links:
        ab = np.array([(a, b) for a, b, _ in links if a != b], dtype=np.int64).reshape(-1, 2)
    else:
        ab = np.zeros((0, 2), dtype=np.int64)
    k = np.float32(1.0 / math.sqrt(n))
    t = 0.1
    dt_ = t / (iterations + 1)
    for _ in range(iterations):
        dx = P[:, 0, None] - P[None, :, 0]
        dy = P[:, 1, None] - P[None, :, 1]
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, np.float32(1e-4), out=d2)
        np.divide(k * k, d2, out=d2)             # repulsion / distance
        disp = np.stack([(dx * d2).sum(axis=1), (dy * d2).sum(axis=1)], axis=1)
        if len(ab):
            delta = P[ab[:, 0]] - P[ab[:, 1]]
            dist = np.sqrt((delta * delta).sum(axis=1)).astype(np.float32)
            pull = delta * (dist / k)[:, None]        # attraction: d^2 / k along the edge
            np.add.at(disp, ab[:, 0], -pull)
            np.add.at(disp, ab[:, 1], pull)
        length = np.sqrt((disp * disp).sum(axis=1))
        np.maximum(length, np.float32(0.01), out=length)
        P += disp * (np.float32(t) / length)[:, None]
        t -= dt_
    return P.astype(float)


# ---------------------------------------------------------------------------------------------------------
# the page

def safe_json(obj: Any, default: Any = None) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators.

    `default` is passed to :func:`json.dumps` (how to write values JSON has no form for).

    >>> safe_json({"q": "</script><!--"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=default)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=2)
def _assets(page: str = "view") -> dict[str, str]:
    """The inlined parts of a page: vis-network (the copy pyvis ships), our CSS, and the page script —
    ``timeline.js`` followed by ``view.js`` (a `kg view` page) or ``network.js`` (a pyvis Network page)."""
    vis = resources.files("pyvis") / _VIS_DIR
    here = Path(__file__).with_name("templates")
    js = (vis / "vis-network.min.js").read_text(encoding="utf-8")
    css = (vis / "vis-network.css").read_text(encoding="utf-8")
    app = "\n".join((here / f).read_text(encoding="utf-8") for f in ("timeline.js", f"{page}.js"))
    style = (here / "view.css").read_text(encoding="utf-8")
    for name, text in (("vis-network.min.js", js), (f"{page}.js", app)):
        if "</script" in text.lower() or "<!--" in text:
            raise RuntimeError(f"{name} cannot be inlined: it contains </script or <!--")
    for name, text in (("vis-network.css", css), ("view.css", style)):
        if "</style" in text.lower():
            raise RuntimeError(f"{name} cannot be inlined: it contains </style")
    return {"vis_js": js, "vis_css": css, "app_js": app, "app_css": style}


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def page_csp(*scripts: str) -> str:
    """The Content-Security-Policy of a page: only these inline scripts (by hash), inline styles, data: images
    and fonts, and no network at all."""
    return ("default-src 'none'; script-src " + " ".join(_csp_hash(s) for s in scripts)
            + "; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
            "form-action 'none'; base-uri 'none'")


@lru_cache(maxsize=2)
def _template(name: str = "view.html.j2"):
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
                             autoescape=True, keep_trailing_newline=True)
    return env.get_template(name)


def generate_html(G: nx.MultiDiGraph | None = None, *, data: dict[str, Any] | None = None,
                  title: str | None = None, subtitle: str | None = None, collapse: bool = False,
                  max_nodes: int | None = MAX_NODES, schema: Schema | None = None) -> str:
    """The self-contained HTML page of `G` (or of ready-made `data` from :func:`view_data`).

    Raises
    ------
    ViewTooLarge
        when the drawing has more than `max_nodes` nodes (None: no limit).
    """
    if data is None:
        if G is None:
            raise ValueError("give G or data")
        data = view_data(G, collapse=collapse, title=title, subtitle=subtitle, schema=schema, max_nodes=max_nodes)
    if max_nodes is not None and data["meta"]["nodes"] > max_nodes:
        raise ViewTooLarge(data["meta"]["nodes"], data["meta"]["edges"], max_nodes)
    a = _assets("view")
    csp = page_csp(a["vis_js"], a["app_js"])
    return _template().render(title=data["meta"]["title"], subtitle=data["meta"].get("subtitle"), csp=csp,
                              data_json=safe_json(data), **a)


def write_html(G: "nx.MultiDiGraph | Network | None", path: str | os.PathLike, **kw: Any) -> Path:
    """Write the page of `G` to `path` (UTF-8, atomically) and return the path.

    `G` is a graph (the page is :func:`generate_html`) or a ``pyvis.network.Network`` — one from
    :func:`to_pyvis` or one built by hand (the page is :func:`generate_network_html`: the same
    self-contained kind of page, vis-network inlined, the same CSP and escaping, with a timeline
    when its edges carry dates). Keyword arguments go to that function.
    """
    path = Path(path)
    html = generate_network_html(G, **kw) if _is_network(G) else generate_html(G, **kw)
    return atomic_write_text(path, html)


def _is_network(obj: Any) -> bool:
    from pyvis.network import Network

    return isinstance(obj, Network)


def _describe(*, actor: str | None = None, depth: int = 1, types: Sequence[str] = (), since=None, until=None,
              level: str = "person", min_events: int = 1, collapse: bool = False, origins: Sequence[str] = (),
              **_other: Any) -> str:
    """The subtitle that says which part of the graph a view draws (arguments as :func:`view_graph`)."""
    parts = [f"level {level}"]
    if actor:
        parts.append(f"around {actor} (depth {depth})")
    if types:
        parts.append("types " + ", ".join(types))
    if since or until:
        parts.append(f"{since or '…'} to {until or '…'}")
    if origins:
        parts.append("from " + ", ".join(origins))
    if min_events > 1:
        parts.append(f"pairs with ≥{min_events} events")
    if collapse:
        parts.append("collapsed to one edge per type")
    return "; ".join(parts)


def view(store: Store, path: str | os.PathLike, *, actor: str | None = None, depth: int = 1,
         types: Sequence[str] = (), since: dt.date | None = None, until: dt.date | None = None,
         level: str = "person", min_events: int = 1, collapse: bool = False, title: str | None = None,
         max_nodes: int | None = MAX_NODES, origins: Sequence[str] = (), registry=None) -> dict[str, Any]:
    """Write the view of `store` (filtered as :func:`view_graph`) to `path`; return a summary.

    Returns
    -------
    dict: ``path``, ``nodes`` (drawn, hubs included), ``edges`` (drawn), ``events``, ``actors``.

    Raises
    ------
    ViewTooLarge, UnknownActor, UnknownRelation
    """
    G = view_graph(store, actor=actor, depth=depth, types=types, since=since, until=until, level=level,
                   min_events=min_events, origins=origins, registry=registry)
    subtitle = _describe(actor=actor, depth=depth, types=types, since=since, until=until, level=level,
                         min_events=min_events, collapse=collapse, origins=origins)
    data = view_data(G, collapse=collapse, title=title or "diplomatic-kg: who did what to whom",
                     subtitle=subtitle, max_nodes=max_nodes)
    out = write_html(None, path, data=data, max_nodes=max_nodes)
    m = data["meta"]
    return {"path": str(out), "nodes": m["nodes"], "edges": m["edges"], "events": m["events"],
            "actors": m["actors"]}



# ---------------------------------------------------------------------------------------------------------
# notebooks

@dataclass(frozen=True)
class NotebookView:
    """A page shown in a notebook: an ``<iframe>`` whose ``srcdoc`` holds the whole page, escaped.

    It renders wherever a notebook shows ``text/html`` (JupyterLab, classic Notebook, VS Code, Colab):
    nothing is loaded from a file, a server or the network, so there is no blank frame. The frame is
    sandboxed (scripts only) so the page cannot reach the notebook around it.
    """

    html: str
    height: int = 640

    def _repr_html_(self) -> str:
        doc = html_lib.escape(self.html, quote=True)
        return (f'<iframe srcdoc="{doc}" sandbox="allow-scripts" title="diplomatic-kg view" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
                'loading="eager"></iframe>')

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page to `path` as well (the same file :func:`write_html` writes)."""
        return atomic_write_text(Path(path), self.html)


def show(obj: Any, *, height: int = 640, title: str | None = None, collapse: bool = False,
         max_nodes: int | None = MAX_NODES, **filters: Any) -> NotebookView:
    """The view of `obj` for a notebook cell: a store, a graph or a ``pyvis.network.Network``.

    A store is filtered first with :func:`view_graph` (`filters`: ``actor``, ``depth``, ``types``,
    ``since``, ``until``, ``level``, ``min_events``, ``registry``); a graph or a Network is drawn as it is.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("TUR", name="Turkey <b>", kind="state", code="TUR")
    >>> v = show(G, title="Turkey")
    >>> v._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True

    Raises
    ------
    TypeError
        when `filters` are given for a graph or a Network, or `obj` is none of the three.
    ViewTooLarge, UnknownActor, UnknownRelation
        as :func:`view`.
    """
    if _is_network(obj) or isinstance(obj, nx.Graph):
        if filters:
            raise TypeError(f"filters ({', '.join(sorted(filters))}) apply to a store; filter the graph yourself "
                            "(kg.view.view_graph) or pass the store")
        if _is_network(obj):
            return NotebookView(generate_network_html(obj, title=title), height)
        return NotebookView(generate_html(obj, title=title, collapse=collapse, max_nodes=max_nodes), height)
    if not isinstance(obj, Store):
        raise TypeError(f"show() takes a store, a networkx graph or a pyvis Network, not {type(obj).__name__}")
    G = view_graph(obj, **filters)
    data = view_data(G, collapse=collapse, title=title or "diplomatic-kg: who did what to whom",
                     subtitle=_describe(collapse=collapse, **filters), max_nodes=max_nodes)
    return NotebookView(generate_html(data=data, max_nodes=max_nodes), height)
