r"""Write the graph for other tools, and read it back: GraphML, GEXF, node-link JSON, CSV, Cypher.

``kg export`` is :func:`export`. Each format has a writer and, where the format
can carry our graph, a reader that returns the same graph (same nodes, edge keys
and attributes, in the shape of :func:`kg.graph.build_graph`):

- ``graphml``: :func:`write_graphml` / :func:`read_graphml` (Gephi, Cytoscape, yEd);
- ``gexf``: :func:`write_gexf` / :func:`read_gexf` (Gephi; a dated edge gets
  ``start``/``end`` so the timeline can play the events);
- ``json``: :func:`write_json` / :func:`read_json` (networkx node-link);
- ``csv``: :func:`write_csv` / :func:`read_csv` (a folder: ``nodes.csv`` + ``edges.csv``);
- ``cypher``: :func:`write_cypher` (a script that rebuilds the graph in Neo4j; no reader).

In every file the edge attributes ``type`` and ``source`` are named ``relation``
and ``source_url`` (GEXF, Gephi, node-link JSON and CSV use ``type``/``source``
for the edge itself); the readers rename them back.

GraphML, GEXF and CSV cannot hold lists or None: lists (``participants``) are
written as JSON text and None is left out (an empty cell in CSV); the readers
restore both. Dates stay ISO text (``2022-12-28``), which Gephi and Cytoscape
read as dates or strings.

The Cypher script is parameter-free but injection-safe: every value is written by
:func:`cypher_literal` (quotes, backslashes and control characters escaped) and
every label, relationship type and key by :func:`cypher_name` (backtick-quoted
when it is not a plain identifier).

>>> print(cypher_literal("it's \\ here"))
'it\'s \\ here'
>>> cypher_name("MET"), cypher_name("a`b c")
('MET', '`a``b c`')
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Callable, Iterator

import networkx as nx

from .atomic import atomic_path, atomic_write_text
from .errors import KgError

__all__ = ["FORMATS", "export", "export_graph", "import_graph", "write_graphml", "read_graphml", "write_gexf",
           "read_gexf", "write_json", "read_json", "write_csv", "read_csv", "write_cypher", "generate_cypher",
           "cypher_literal", "cypher_name", "NODE_FIELDS", "EDGE_FIELDS"]

NODE_FIELDS = ("name", "kind", "code")
"""Node attributes every node has (None when unknown); ``role`` and ``parent`` only when known."""
NODE_OPTIONAL = ("role", "parent")
EDGE_FIELDS = ("type", "event_id", "date", "date_text", "place", "negated", "confidence", "mode", "symmetric",
               "participants", "goldstein", "polarity", "sentence", "source", "article", "rule", "n_sources",
               "origin")
"""Edge attributes every edge has (see :mod:`kg.graph`)."""
_BOOL = {"negated", "symmetric"}
_FLOAT = {"confidence", "goldstein"}
_INT = {"n_sources"}
_LIST = {"participants"}
_GEXF_LABEL = "label"
FILE_NAMES = {"type": "relation", "source": "source_url"}
"""Edge attributes renamed in files: GEXF, Gephi, node-link JSON and CSV use ``type`` and
``source`` for the edge's own kind and its start node."""
_FROM_FILE = {v: k for k, v in FILE_NAMES.items()}


# ---------------------------------------------------------------------------------------------------------
# flattening for formats without lists or None, and restoring

def _flat_value(k: str, v: Any) -> Any:
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False)
    if k in _FLOAT and isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return v


def _flat(d: dict[str, Any], names: dict[str, str] | None = None) -> dict[str, Any]:
    names = names or {}
    return {names.get(k, k): _flat_value(k, v) for k, v in d.items() if v is not None}


def _flat_graph(G: nx.MultiDiGraph, unique_keys: bool = False) -> nx.MultiDiGraph:
    """A copy of `G` whose attributes are plain scalars (and, with `unique_keys`, whose edge
    keys are unique in the file: an event's key is shared by all its actor pairs)."""
    H = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in _flat(G.graph).items() if isinstance(v, (str, int, float, bool))})
    for n, d in G.nodes(data=True):
        H.add_node(str(n), **_flat(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        key = f"{k}|{u}|{v}" if unique_keys else k
        H.add_edge(str(u), str(v), key=key, **_flat({**d, "event_id": d.get("event_id", k)}, FILE_NAMES))
    return H


def _typed(k: str, v: Any) -> Any:
    if v is None:
        return None
    if k in _LIST:
        if isinstance(v, str):
            return json.loads(v) if v else None
        return list(v)
    if k in _BOOL:
        if isinstance(v, str):
            return {"true": True, "false": False, "1": True, "0": False}.get(v.strip().lower(), bool(v))
        return bool(v)
    if k in _FLOAT:
        return float(v)
    if k in _INT:
        return int(float(v))
    return v


def _restore(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Undo :func:`_flat_graph`: typed values, lists, the always-present fields, event-id keys."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for n, d in G.nodes(data=True):
        d = {k: _typed(k, v) for k, v in d.items()}
        H.add_node(n, **{**dict.fromkeys(NODE_FIELDS), **{k: v for k, v in d.items() if v is not None}})
    for u, v, k, d in G.edges(keys=True, data=True):
        d = {_FROM_FILE.get(k2, k2): v2 for k2, v2 in d.items()}
        d = {k2: _typed(k2, v2) for k2, v2 in d.items()}
        key = d.get("event_id") or k
        H.add_edge(u, v, key=key, **{**dict.fromkeys(EDGE_FIELDS),
                                      **{k2: v2 for k2, v2 in d.items() if v2 is not None}})
    return H


# ---------------------------------------------------------------------------------------------------------
# GraphML, GEXF, JSON, CSV

def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """GraphML with typed attributes (string, boolean, double, int); edge ids are unique."""
    path = Path(path)
    with atomic_path(path) as tmp:
        nx.write_graphml(_flat_graph(G, unique_keys=True), tmp, encoding="utf-8", named_key_ids=True)
    return path


def read_graphml(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read what :func:`write_graphml` wrote back into the graph shape."""
    try:
        G = nx.read_graphml(path, node_type=str, edge_key_type=str, force_multigraph=True)
    except (nx.NetworkXError, OSError, ValueError, ET.ParseError) as e:
        raise ExportError(f"{path}: not a GraphML graph ({e})") from None
    for _u, _v, d in G.edges(data=True):
        d.pop("id", None)
    return _restore(G)


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """GEXF 1.2 for Gephi: node labels are names; a dated edge has ``start``/``end`` = its date,
    so Gephi's timeline can play the events."""
    path = Path(path)
    H = _flat_graph(G)
    for _n, d in H.nodes(data=True):
        d[_GEXF_LABEL] = d.get("name") or _n
    for _u, _v, d in H.edges(data=True):
        if d.get("date"):
            d["start"] = d["end"] = d["date"]
    with atomic_path(path) as tmp:
        nx.write_gexf(H, tmp, encoding="utf-8")
    return path


def read_gexf(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read what :func:`write_gexf` wrote back into the graph shape."""
    try:
        G = nx.read_gexf(path, node_type=str)
    except (nx.NetworkXError, OSError, ValueError, ET.ParseError) as e:
        raise ExportError(f"{path}: not a GEXF graph ({e})") from None
    if not G.is_multigraph():
        G = nx.MultiDiGraph(G)
    for _n, d in G.nodes(data=True):
        d.pop(_GEXF_LABEL, None)
    for _u, _v, d in G.edges(data=True):
        for k in ("start", "end", "id", "key", "label"):
            d.pop(k, None)
    return _restore(G)


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """networkx node-link JSON (``nodes``, ``edges`` with ``source``, ``target``, ``key``)."""
    path = Path(path)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, k, {FILE_NAMES.get(a, a): x for a, x in d.items()})
                     for u, v, k, d in G.edges(keys=True, data=True))
    data = nx.node_link_data(H, edges="edges")
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")
    return path


def read_json(path: str | os.PathLike) -> nx.MultiDiGraph:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ExportError(f"{path}: not a node-link JSON graph ({e})") from None
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, k, {_FROM_FILE.get(a, a): x for a, x in d.items()})
                     for u, v, k, d in G.edges(keys=True, data=True))
    return H


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def write_csv(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """A folder with ``nodes.csv`` (id + node attributes) and ``edges.csv`` (source, target,
    key + edge attributes): lists as JSON, None as an empty cell, booleans as true/false."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    node_cols = list(NODE_FIELDS) + list(NODE_OPTIONAL)
    node_cols += sorted({k for _n, d in G.nodes(data=True) for k in d} - set(node_cols))
    with atomic_path(folder / "nodes.csv") as tmp, open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", *node_cols])
        for n, d in G.nodes(data=True):
            w.writerow([n, *(_cell(d.get(c)) for c in node_cols)])
    edge_cols = list(EDGE_FIELDS)
    edge_cols += sorted({k for *_x, d in G.edges(keys=True, data=True) for k in d} - set(edge_cols))
    with atomic_path(folder / "edges.csv") as tmp, open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "key", *(FILE_NAMES.get(c, c) for c in edge_cols)])
        for u, v, k, d in G.edges(keys=True, data=True):
            w.writerow([u, v, k, *(_cell(d.get(c)) for c in edge_cols)])
    return folder


def read_csv(path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a :func:`write_csv` folder (empty cells are None)."""
    folder = Path(path)
    G = nx.MultiDiGraph()
    try:
        with open(folder / "nodes.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                n = row.pop("id")
                G.add_node(n, **{k: (v if v != "" else None) for k, v in row.items()})
        with open(folder / "edges.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                u, v, k = row.pop("source"), row.pop("target"), row.pop("key")
                G.add_edge(u, v, key=k, **{c: (x if x != "" else None) for c, x in row.items()})
    except (OSError, KeyError, csv.Error) as e:
        raise ExportError(f"{folder}: not a CSV export folder ({e})") from None
    return _restore(G)


# ---------------------------------------------------------------------------------------------------------
# Cypher

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r"[\\'\"\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]")


def _escape_char(m: re.Match) -> str:
    c = m.group(0)
    return _ESCAPES.get(c) or f"\\u{ord(c):04x}"


def cypher_name(name: str) -> str:
    """A label, relationship type or property key as Cypher source: plain when it is an
    identifier, else backtick-quoted with backticks doubled."""
    name = str(name)
    if _IDENT.match(name):
        return name
    if not name or "\x00" in name:
        raise ExportError(f"{name!r} cannot be a Cypher name")
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """`value` as a Cypher literal: strings single-quoted with every quote, backslash and
    control character escaped; lists and maps recursively; None as ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "toFloat('NaN')"
        if math.isinf(value):
            return "toFloat('Infinity')" if value > 0 else "toFloat('-Infinity')"
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_name(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    return "'" + _NEEDS_ESCAPE.sub(_escape_char, str(value)) + "'"


def _cypher_props(d: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, (list, tuple)) and not all(isinstance(x, str) for x in v):
            v = json.dumps(v, ensure_ascii=False)   # Neo4j lists must be homogeneous
        elif isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False)
        out[k] = v
    return out


def generate_cypher(G: nx.MultiDiGraph, *, label: str = "Actor", batch: int = 500) -> Iterator[str]:
    """Yield the lines of a Cypher script that rebuilds `G` in Neo4j.

    Actors become ``(:Actor {id, name, kind, code, …})`` merged by id; each edge becomes
    ``(a)-[:TYPE {key: event_id, …}]->(b)`` merged by key. Rows go in ``UNWIND`` batches
    of literal maps, so a large graph is a few hundred statements, each ending in ``;``.
    """
    lab = cypher_name(label)
    yield f"// diplomatic-kg graph: {G.number_of_nodes()} actors, {G.number_of_edges()} edges " \
          "(one per actor pair per event; edge key = event id)."
    yield "// Run: cypher-shell -a bolt://localhost:7687 -u neo4j -f graph.cypher (or paste into Neo4j Browser)."
    yield "// Every value below is a literal escaped by kg.export.cypher_literal; nothing is interpolated raw."
    yield f"CREATE CONSTRAINT {cypher_name('kg_' + label.lower() + '_id')} IF NOT EXISTS " \
          f"FOR (a:{lab}) REQUIRE a.id IS UNIQUE;"
    nodes = [{"id": str(n), "props": _cypher_props(d)} for n, d in G.nodes(data=True)]
    for i in range(0, len(nodes), batch):
        yield "UNWIND " + cypher_literal(nodes[i:i + batch]) + " AS row"
        yield f"MERGE (a:{lab} {{id: row.id}}) SET a += row.props;"
    by_type: dict[str, list[dict[str, Any]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        by_type.setdefault(str(d.get("type") or "RELATED"), []).append(
            {"u": str(u), "v": str(v), "key": str(k), "props": _cypher_props(d)})
    for t in sorted(by_type):
        rows = by_type[t]
        for i in range(0, len(rows), batch):
            yield "UNWIND " + cypher_literal(rows[i:i + batch]) + " AS row"
            yield f"MATCH (a:{lab} {{id: row.u}}), (b:{lab} {{id: row.v}})"
            yield f"MERGE (a)-[r:{cypher_name(t)} {{key: row.key}}]->(b) SET r += row.props;"


def write_cypher(G: nx.MultiDiGraph, path: str | os.PathLike, *, label: str = "Actor") -> Path:
    """Write :func:`generate_cypher` of `G` to `path`."""
    path = Path(path)
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for line in generate_cypher(G, label=label):
            f.write(line + "\n")
    return path


# ---------------------------------------------------------------------------------------------------------
# the registry of formats

class ExportError(KgError):
    """A graph could not be written or read in the asked format."""


FORMATS: dict[str, tuple[Callable[..., Path], Callable[..., nx.MultiDiGraph] | None]] = {
    "graphml": (write_graphml, read_graphml),
    "gexf": (write_gexf, read_gexf),
    "json": (write_json, read_json),
    "csv": (write_csv, read_csv),
    "cypher": (write_cypher, None),
}


def export_graph(G: nx.MultiDiGraph, fmt: str, path: str | os.PathLike) -> Path:
    """Write `G` to `path` in format `fmt` (a key of :data:`FORMATS`)."""
    try:
        writer = FORMATS[fmt][0]
    except KeyError:
        raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})") from None
    path = Path(path)
    if fmt != "csv" and path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    return writer(G, path)


def import_graph(fmt: str, path: str | os.PathLike) -> nx.MultiDiGraph:
    """Read a graph that :func:`export_graph` wrote in `fmt`."""
    reader = FORMATS.get(fmt, (None, None))[1]
    if reader is None:
        raise ExportError(f"cannot read format {fmt!r} back (readable: "
                          + ", ".join(f for f, (_w, r) in FORMATS.items() if r) + ")")
    return reader(path)


def export(store, fmt: str, path: str | os.PathLike, **filters: Any) -> dict[str, Any]:
    """Export the graph of `store` (filtered as :func:`kg.view.view_graph`) to `path` in `fmt`.

    Returns
    -------
    dict: ``path``, ``format``, ``nodes``, ``edges``.
    """
    from .view import view_graph

    G = view_graph(store, **filters)
    out = export_graph(G, fmt, path)
    return {"path": str(out), "format": fmt, "nodes": G.number_of_nodes(), "edges": G.number_of_edges()}

