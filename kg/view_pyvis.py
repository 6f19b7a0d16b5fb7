"""pyvis, the Python face of the views: the graph as a ``pyvis.network.Network`` and its page.

- :func:`to_pyvis` — the drawing of :func:`kg.view.view_data` as a pyvis ``Network`` the user can
  change with any pyvis method: the same nodes, shapes and colours (schema.yaml), hub nodes for
  meetings of three or more, edge colours by type, arrows only on directed types, the precomputed
  layout (physics off), and hover titles (type, date, evidence sentence). Titles are text lines
  (``\\n``) escaped for HTML (``&``, ``<``, ``>``, quotes): pyvis users insert titles as HTML, while
  vis-network 9 shows a string title as text — both read them right and neither runs them. Each
  edge carries its event dates (``dates``).
- :func:`generate_network_html` — the page of any ``Network`` (ours or hand-made): the same kind of
  page as ``kg view`` — one self-contained file, vis-network inlined, no http(s) reference, the same
  Content-Security-Policy — plus a timeline when edges carry dates (``date`` or ``dates``: ISO
  ``YYYY-MM-DD`` or ``YYYY-MM`` strings, or ``datetime.date``). pyvis' own ``write_html`` pulls
  Bootstrap (and, by default, vis-network) from CDNs, so offline readers get a blank page.

Titles are shown by the page script as a tooltip built from the title's text and a short list of
formatting tags (``b``, ``i``, ``br``, …; no attributes), never by assigning markup, so a title
from a hand-made Network cannot run script either. :func:`kg.view.write_html` and
:func:`kg.view.show` dispatch here for a ``Network``; import them from :mod:`kg.view`.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("TUR", name="Turkey", kind="state", code="TUR")
>>> G.add_node("SYR", name="Syria <i>", kind="state", code="SYR")
>>> G.add_edge("TUR", "SYR", key="e1", type="CRITICIZED", date="2023-01-03", sentence="A & B")
'e1'
>>> net = to_pyvis(G)
>>> [(e["from"], e["to"], e["arrows"], e["dates"]) for e in net.edges]
[('TUR', 'SYR', 'to', ['2023-01-03'])]
>>> net.get_node("SYR")["title"].splitlines()[0]
'Syria &lt;i&gt;'
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    from pyvis.network import Network

    from .schema import Schema

__all__ = ["to_pyvis", "generate_network_html", "network_data"]

_TITLE_EVENTS = 6
"""Events listed in an edge's hover title; the rest are counted."""
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


# ---------------------------------------------------------------------------------------------------------
# the graph as a Network

def _shade(hex_color: str, f: float = 0.7) -> str:
    """`hex_color` darkened by factor `f` (the node border, as the `kg view` page draws it)."""
    try:
        n = int(hex_color.lstrip("#"), 16)
    except ValueError:
        return hex_color
    rgb = [max(0, min(255, round(((n >> s) & 255) * f))) for s in (16, 8, 0)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _node_size(n: dict[str, Any]) -> float:
    return 9 if n.get("hub") else round(min(12 + 4 * math.sqrt(n.get("n") or 0), 40), 1)


def _edge_width(count: int) -> float:
    return round(min(2.2 + 2.6 * math.log2(max(count, 1)), 11), 1)


def _esc(text: Any) -> str:
    """`text` escaped for HTML (``&``, ``<``, ``>`` and quotes, so it is safe even inside an attribute)."""
    return escape(str(text), quote=True)


def _event_lines(ev: dict[str, Any], *, parties: bool = False) -> list[str]:
    """One event as title lines: type, date, place; the parties; the sentence; the source. Escaped."""
    when = ev["date"] or "undated"
    if ev.get("date_text") and ev["date_text"] != ev["date"]:
        when += f" (“{ev['date_text']}”)"
    head = ("NOT " if ev.get("negated") else "") + str(ev["type"]) + " · " + when
    if ev.get("place"):
        head += " · " + str(ev["place"])
    lines = [head]
    if parties and len(ev.get("participants") or ()) > 2:
        lines.append("parties: " + ", ".join(map(str, ev["participants"])))
    if ev.get("sentence"):
        lines.append(f"“{ev['sentence']}”")
    if ev.get("source"):
        lines.append(f"source: {ev['source']}")
    return [_esc(x) for x in lines]


def _actor_title(n: dict[str, Any], kinds: dict[str, Any]) -> str:
    bits = [kinds.get(n["kind"], {}).get("label") or n["kind"], n.get("role"), n.get("code"), f"id {n['actor']}",
            f"{n['n']} event{'s' if n['n'] != 1 else ''}"]
    return _esc(n["name"]) + "\n" + _esc(" · ".join(str(b) for b in bits if b))


def _edge_title(e: dict[str, Any], events: list[dict[str, Any]], a: str, b: str) -> str:
    arrow = {"to": " → ", "from": " ← ", "to,from": " ↔ "}.get(e["arrows"], " — ")
    lines = [_esc(a + arrow + b)]
    k = len(events)
    if k == 1:
        return "\n".join(lines + _event_lines(events[0]))
    lines.append(_esc(("NOT " if e["negated"] else "") + f"{e['type']} · {k} events"))
    for ev in events[:_TITLE_EVENTS]:
        lines += [""] + _event_lines(ev)
    if k > _TITLE_EVENTS:
        lines += ["", f"+{k - _TITLE_EVENTS} more"]
    return "\n".join(lines)


def to_pyvis(G: "nx.MultiDiGraph", *, collapse: bool = False, title: str | None = None, physics: bool = False,
             max_nodes: int | None = None, schema: "Schema | None" = None, seed: int = 7,
             **network: Any) -> "Network":
    """`G` (from ``store.graph()`` or :func:`kg.view.view_graph`) as a ``pyvis.network.Network``.

    Nodes are keyed by actor id (``net.get_node("TUR")``); a hub is ``"hub:<event id>"``. Each node
    and edge carries its kg fields beside the vis ones: nodes ``kind``; edges ``type`` and ``dates``
    (one ISO date, or None, per event — the page's timeline uses them), and ``negated=True`` (drawn
    dashed) on negated events. Styles every item shares (edge width of one event, fonts) are in
    ``net.options``, which keeps the page as small as the ``kg view`` one.

    Parameters
    ----------
    collapse : one edge per actor pair and type, both directions (as ``kg view --collapse``).
    title : the page heading (stored, escaped, as ``net.heading``).
    physics : start with vis' physics on (off by default: the layout is computed here, and vis'
        default physics never settles on a graph of a few thousand nodes).
    max_nodes : refuse (:class:`kg.view.ViewTooLarge`) beyond this many nodes; None draws any size.
    network : keyword arguments for ``Network()`` (``height``, ``width``, ``bgcolor``, …) except
        ``heading`` (give `title`) and ``directed``: the Network is ``directed=True`` so that pyvis
        keeps parallel edges of different types; each edge says itself whether it has arrows.

    Raises
    ------
    ViewTooLarge
        beyond `max_nodes`.
    TypeError
        when `network` holds ``heading`` or ``directed``.

    Returns
    -------
    pyvis.network.Network
    """
    from pyvis.network import Network

    from .view import _PHYSICS_MAX, view_data

    for taken in ("heading", "directed"):
        if taken in network:
            raise TypeError(f"to_pyvis sets {taken}= itself" + (" (give title=)" if taken == "heading" else ""))
    data = view_data(G, collapse=collapse, title=title, schema=schema, max_nodes=max_nodes, seed=seed)
    net = Network(**{"height": "720px", "width": "100%", "cdn_resources": "in_line", **network,
                     "heading": escape(title or ""), "directed": True})
    nodes, edges, events, kinds, types = data["nodes"], data["edges"], data["events"], data["kinds"], data["types"]
    large = len(nodes) > _PHYSICS_MAX
    ids: list[str] = []
    for n in nodes:
        if n.get("hub"):
            ev = events[n["event"]]
            nid = f"hub:{ev['id']}"
            color = types.get(ev["type"], {}).get("color", "#777777")
            shape = "hexagon"
            what = "Meeting" if ev["type"] == "MET" else str(ev["type"])
            title_text = "\n".join([_esc(f"{what} of {len(ev['participants'])} parties")]
                                    + _event_lines(ev, parties=True))
            extra = {"font": {"size": 10, "color": "#666666"}, "borderWidth": 1}
        else:
            nid = n["actor"]
            k = kinds.get(n["kind"]) or kinds.get("unknown") or {"color": "#DDDDDD", "shape": "dot"}
            color, shape = k["color"], k["shape"]
            title_text = _actor_title(n, kinds)
            extra = {}
        ids.append(nid)
        node = {"label": n["name"], "shape": shape, "color": {"background": color, "border": _shade(color)},
                "size": _node_size(n), "title": title_text, "kind": n["kind"], **extra}
        if "x" in n:
            node.update(x=n["x"], y=n["y"])
        net.add_node(nid, **node)
    pair_rank = _parallel_rank(edges) if not large else {}
    for e in edges:
        evs = [events[i] for i in e["events"]]
        a, b = nodes[e["from"]]["name"], nodes[e["to"]]["name"]
        if e.get("hub"):
            ev = evs[0]
            what = "meeting" if ev["type"] == "MET" else str(ev["type"])
            title_text = "\n".join([_esc(f"{a} at {what}")] + _event_lines(ev))
        else:
            title_text = _edge_title(e, evs, a, b)
        edge = {"color": types.get(e["type"], {}).get("color", "#777777"), "arrows": e["arrows"],
                "title": title_text, "type": e["type"], "dates": [ev["date"] for ev in evs]}
        if len(evs) > 1:
            edge["width"] = _edge_width(len(evs))       # one event: the default width, in net.options
        if e["negated"]:
            edge.update(dashes=True, negated=True)
        if collapse and not e.get("hub") and len(evs) > 1:
            edge["label"] = f"×{len(evs)}"
        if e["id"] in pair_rank:
            edge["smooth"] = pair_rank[e["id"]]
        net.add_edge(ids[e["from"]], ids[e["to"]], **edge)
    net.toggle_physics(physics)
    net.options.interaction.hover = True
    net.options.interaction.tooltipDelay = 80
    net.options.interaction.hideEdgesOnDrag = large
    net.options.edges.smooth.enabled = False
    net.options.edges.color.inherit = False
    net.options.edges.width = _edge_width(1)
    net.options.layout = {"improvedLayout": False, "randomSeed": seed}
    net.options.nodes = {"borderWidth": 1.5, "font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff"},
                         "scaling": {"label": {"drawThreshold": 9 if large else 5}}}
    return net


def _parallel_rank(edges: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Curves that keep the parallel edges of one pair apart (as the `kg view` page draws them)."""
    pairs: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in edges:
        pairs.setdefault((min(e["from"], e["to"]), max(e["from"], e["to"])), []).append(e)
    out: dict[int, dict[str, Any]] = {}
    for group in pairs.values():
        if len(group) < 2:
            continue
        for i, e in enumerate(group):
            r = (i - (len(group) - 1) / 2) * 0.22
            if abs(r) < 1e-9:
                continue
            if e["from"] > e["to"]:
                r = -r
            out[e["id"]] = {"enabled": True, "type": "curvedCW" if r > 0 else "curvedCCW", "roundness": abs(r)}
    return out


# ---------------------------------------------------------------------------------------------------------
# the page of a Network

class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text_of(markup: str) -> str:
    """The text of an HTML fragment (``net.heading`` is markup to pyvis): tags dropped, entities decoded."""
    p = _Text()
    p.feed(str(markup))
    p.close()
    return unescape("".join(p.parts)).strip()


def _iso(value: Any, where: str) -> str | None:
    """`value` as ``YYYY-MM-DD`` (a month ``YYYY-MM`` counts from its first day); None when undated."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    m = _ISO.match(str(value))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD or YYYY-MM)")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3) or '01'}"


def _json_default(o: Any) -> Any:
    if hasattr(o, "item"):          # numpy scalars
        return o.item()
    if isinstance(o, (dt.date, dt.datetime)):
        return o.isoformat()
    if isinstance(o, (set, frozenset, tuple)):
        return list(o)
    return str(o)


def network_data(net: "Network", *, title: str | None = None) -> dict[str, Any]:
    """What the page of `net` renders: its nodes, edges and options, and each edge's dates apart.

    The ``date``/``dates`` of each edge move to ``times`` (a list per edge, ``YYYY-MM-DD`` or None).

    Raises
    ------
    ValueError
        naming the edge, when a date is not an ISO date, or when an item has no id / ends.
    """
    nodes, edges, heading, _height, _width, options = net.get_network_data()
    options = json.loads(options) if isinstance(options, str) else dict(options or {})
    out_nodes = []
    for i, n in enumerate(nodes):
        if "id" not in n:
            raise ValueError(f"node {i}: no id")
        out_nodes.append(dict(n))
    out_edges, times = [], []
    for i, e in enumerate(edges):
        if "from" not in e or "to" not in e:
            raise ValueError(f"edge {i}: no 'from' or 'to'")
        e = dict(e)
        where = f"edge {i} ({e['from']} -> {e['to']})"
        raw = e.pop("dates", None)
        single = e.pop("date", None)
        values = list(raw) if isinstance(raw, (list, tuple)) else ([] if raw is None else [raw])
        if single is not None:
            values.append(single)
        times.append([_iso(v, where) for v in values])
        out_edges.append(e)
    dated = sorted(d for ts in times for d in ts if d)
    heading_text = title if title is not None else _text_of(heading or "")
    return {
        "meta": {"title": heading_text or "diplomatic-kg view", "nodes": len(out_nodes), "edges": len(out_edges),
                 "min_date": dated[0] if dated else None, "max_date": dated[-1] if dated else None,
                 "undated": sum(1 for ts in times if not ts or None in ts), "dated": bool(dated)},
        "nodes": out_nodes, "edges": out_edges, "times": times, "options": options,
    }


def generate_network_html(net: "Network", *, title: str | None = None) -> str:
    """The self-contained page of a pyvis `net` (see the module docstring). `title` overrides the
    heading (which is otherwise the text of ``net.heading``)."""
    from .view import _assets, _template, page_csp, safe_json

    data = network_data(net, title=title)
    a = _assets("network")
    return _template("network.html.j2").render(title=data["meta"]["title"], csp=page_csp(a["vis_js"], a["app_js"]),
                                               data_json=safe_json(data, default=_json_default), **a)
