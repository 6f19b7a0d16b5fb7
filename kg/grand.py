"""The embedded store's Cypher: ``grand-cypher`` over the store's NetworkX graph.

What :meth:`kg.store.sqlite.SqliteStore.run_cypher` runs (Neo4j runs Cypher natively). The
rules queries follow on this engine are in :mod:`kg.cypher`'s docstring: values bound as JSON
literals (:func:`bind_literals`), no ``OPTIONAL MATCH`` / ``WITH`` / ``UNWIND``, upper-case
aggregates, double-quoted strings, ``UNION [ALL]`` split here, a ``scope`` that limits the events
loaded, and ``CALL kg.<procedure>(…)`` for what grand-cypher cannot say (:data:`PROCEDURES`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import weakref
from collections import OrderedDict
from typing import Any, Callable

import networkx as nx

from .errors import QueryError
from .store.base import EventFilter, Store

__all__ = ["run", "bind_literals", "query_graph", "PROCEDURES"]

_CALL = re.compile(r"^\s*CALL\s+kg\.(\w+)\s*\(([^)]*)\)\s*$", re.S)
_UNION = re.compile(r"^\s*UNION(\s+ALL)?\s*$", re.I)


# -- binding -------------------------------------------------------------------------
def _scan(text: str) -> list[tuple[str, str]]:
    """Split Cypher into ("code", …) / ("string", …) / ("comment", …) pieces."""
    out, i, n = [], 0, len(text)
    start = 0
    while i < n:
        c = text[i]
        if c in "\"'`":
            out.append(("code", text[start:i]))
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(("string", text[i:j + 1]))
            i = start = j + 1
            continue
        if text.startswith("//", i):
            out.append(("code", text[start:i]))
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(("comment", text[i:j]))
            i = start = j
            continue
        i += 1
    out.append(("code", text[start:]))
    return [p for p in out if p[1]]


def _literal(value: Any) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, float) and value != value:
        raise QueryError("NaN is not a Cypher literal")
    return json.dumps(value, ensure_ascii=False)


def bind_literals(text: str, params: dict[str, Any]) -> str:
    """`text` with each ``$name`` outside strings and comments replaced by a JSON literal of its value.

    >>> bind_literals('MATCH (a {name: $n}) WHERE a.x = "$n" RETURN a', {"n": '"}) DETACH DELETE n //'})
    'MATCH (a {name: "\\\\"}) DETACH DELETE n //"}) WHERE a.x = "$n" RETURN a'
    """
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in params:
            raise QueryError(f"parameter ${name} has no value (give --param {name}=…)")
        return _literal(params[name])

    return "".join(re.sub(r"\$(\w+)", sub, piece) if kind == "code" else
                   ("" if kind == "comment" else piece) for kind, piece in _scan(text))


def _split_union(text: str) -> tuple[list[str], bool]:
    """Top-level ``UNION``/``UNION ALL`` parts of `text` (on their own line) and whether all are ALL."""
    parts, cur, all_ = [], [], True
    for line in text.splitlines():
        m = _UNION.match(line)
        if m:
            parts.append("\n".join(cur))
            cur = []
            all_ = all_ and bool(m.group(1))
        else:
            cur.append(line)
    parts.append("\n".join(cur))
    return [p for p in parts if p.strip()], all_


# -- the embedded engine ---------------------------------------------------------------
def query_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The store graph as grand-cypher sees it: ``__labels__``, node ``id``, edge ``month``."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **d, id=n, __labels__={"Actor"})
    for u, v, k, d in G.edges(keys=True, data=True):
        date = d.get("date")
        H.add_edge(u, v, key=k, **d, month=date[:7] if date else None, __labels__={d["type"]})
    return H


_UNSUPPORTED = [
    (re.compile(r"\bOPTIONAL\s+MATCH\b", re.I), "OPTIONAL MATCH"),
    (re.compile(r"(?<!STARTS )(?<!ENDS )(?<!starts )(?<!ends )\bWITH\b", re.I), "WITH"),
    (re.compile(r"\bUNWIND\b", re.I), "UNWIND"),
    (re.compile(r"\bCALL\b", re.I), "CALL / procedures"),
    (re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|FOREACH|LOAD\s+CSV)\b", re.I), "writing clauses"),
    (re.compile(r"\b(shortestPath|allShortestPaths)\s*\(", re.I), "shortest paths"),
    (re.compile(r"\b(count|sum|avg|min|max|collect)\s*\(", re.I), None),   # lower-case aggregates
    (re.compile(r"\bCASE\b", re.I), "CASE expressions"),
    (re.compile(r"\[\s*\w+\s+IN\b", re.I), "list comprehensions"),
]


def _check_subset(text: str) -> None:
    code = " ".join(piece for kind, piece in _scan(text) if kind == "code")
    if any(kind == "string" and piece.startswith("'") for kind, piece in _scan(text)):
        raise QueryError("the embedded store runs Cypher through grand-cypher, which only takes double-quoted "
                         "strings (\"…\", not '…'); or run it on Neo4j: kg --store bolt://… query --cypher …")
    for rx, what in _UNSUPPORTED:
        m = rx.search(code)
        if not m:
            continue
        if what is None:
            word = m.group(1)
            if word == word.upper():
                continue
            raise QueryError(f"grand-cypher (the embedded store's Cypher) only knows upper-case aggregates: "
                             f"write {word.upper()}(…) instead of {word}(…)")
        raise QueryError(f"{what} is not supported by grand-cypher, the embedded store's Cypher subset "
                         "(no OPTIONAL MATCH, WITH, UNWIND, CALL, CASE, list comprehensions, shortest paths or "
                         "writes); run this query on Neo4j: kg --store bolt://… query --cypher …")


def _return_columns(text: str) -> list[str]:
    """The column names of `text`'s RETURN clause (alias, or the expression as written)."""
    code = "".join(piece if kind != "comment" else "" for kind, piece in _scan(text))
    m = list(re.finditer(r"\bRETURN\s+(?:DISTINCT\s+)?", code, re.I))
    if not m:
        return []
    tail = re.split(r"\b(?:ORDER\s+BY|SKIP|LIMIT)\b", code[m[-1].end():], flags=re.I)[0]
    cols, depth, cur = [], 0, ""
    for ch in tail:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            cols.append(cur)
            cur = ""
        else:
            cur += ch
    cols.append(cur)
    out = []
    for c in cols:
        am = re.search(r"\bAS\s+(\w+)\s*$", c.strip(), re.I)
        out.append(am.group(1) if am else c.strip())
    return out


def _grand(G: nx.MultiDiGraph, text: str) -> list[dict[str, Any]]:
    from grandcypher import GrandCypher
    from lark.exceptions import LarkError

    try:
        res = GrandCypher(G).run(text)    # a fresh object per query: reuse returns stale results
    except LarkError as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise QueryError(f"not in the Cypher subset of the embedded store (grand-cypher): {first}; "
                         "run it on Neo4j instead: kg --store bolt://… query --cypher …") from None
    except (NotImplementedError, TypeError, ValueError, KeyError) as e:
        raise QueryError(f"grand-cypher could not run this query ({type(e).__name__}: {e}); "
                         "run it on Neo4j instead: kg --store bolt://… query --cypher …") from None
    cols = list(res)
    wanted = _return_columns(text)
    if sorted(wanted) == sorted(cols):
        cols = wanted
    n = len(res[cols[0]]) if cols else 0
    return [{c: res[c][i] for c in cols} for i in range(n)]


def _scope_filter(scope: dict[str, str], params: dict[str, Any]) -> EventFilter:
    def val(v: str) -> Any:
        return params.get(v[1:]) if v.startswith("$") else v

    kw: dict[str, Any] = {}
    for key, raw in scope.items():
        if key in ("actors", "types", "codes"):
            vals = [val(x) for x in raw.split(",")]
            kw[key] = tuple(v for v in vals if v is not None)
        elif key in ("since", "until"):
            v = val(raw)
            kw[key] = dt.date.fromisoformat(v) if v else None
        elif key == "negated":
            kw[key] = str(val(raw)).lower() == "true"
        else:
            raise QueryError(f"unknown scope key {key!r}")
    return EventFilter(**kw)


# -- derived graphs, cached per store while its content is unchanged -------------------
_CACHE: "weakref.WeakKeyDictionary[Any, OrderedDict[Any, tuple[Any, Any]]]" = weakref.WeakKeyDictionary()
_CACHE_SIZE = 4        # entries per store (a whole-store graph of 1M events is ~1-2 GB)


def _cached(store: Store, key: Any, build: Callable[[], Any]) -> Any:
    """`build()`, remembered per store and `key` for as long as ``store.data_version()`` is unchanged.

    Only stores with a ``data_version()`` (the embedded store) are cached; the value must not be
    mutated by the caller. A whole-graph query then builds the NetworkX graph once, not per query.
    """
    version = getattr(store, "data_version", None)
    if version is None:
        return build()
    token = version()
    try:
        entries = _CACHE.setdefault(store, OrderedDict())
    except TypeError:     # not weak-referenceable
        return build()
    hit = entries.get(key)
    if hit is not None and hit[0] == token:
        entries.move_to_end(key)
        return hit[1]
    value = build()
    entries[key] = (token, value)
    entries.move_to_end(key)
    while len(entries) > _CACHE_SIZE:
        entries.popitem(last=False)
    return value


# -- procedures for what grand-cypher cannot say --------------------------------------
def _proc_shortest_connection(store: Store, source: str, target: str, max_hops: int = 6) -> list[dict[str, Any]]:
    if source == target:
        return []
    G = _cached(store, "undirected", lambda: nx.Graph(store.graph()))
    if source not in G or target not in G:
        return []
    try:
        paths = list(nx.all_shortest_paths(G, source, target))
    except nx.NetworkXNoPath:
        return []
    return [{"path": p, "hops": len(p) - 1} for p in paths if len(p) - 1 <= max_hops]


def _proc_central_actors(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    def ranking() -> list[dict[str, Any]]:
        G = store.graph(EventFilter(negated=False))
        rows = []
        for n, d in G.nodes(data=True):
            partners = (set(G.successors(n)) | set(G.predecessors(n))) - {n}
            rows.append({"id": n, "name": d.get("name") or n, "degree": G.degree(n), "partners": len(partners)})
        rows.sort(key=lambda r: (-r["degree"], -r["partners"], r["id"]))
        return rows

    return [dict(r) for r in _cached(store, "central_actors", ranking)[:limit]]


PROCEDURES: dict[str, Callable[..., list[dict[str, Any]]]] = {
    "shortest_connection": _proc_shortest_connection,
    "central_actors": _proc_central_actors,
}


def run(store: Store, text: str, params: dict[str, Any], scope: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Run read-only Cypher `text` with `params` on `store`'s graph (only the events `scope` names)."""
    m = _CALL.match(text)
    if m:
        proc = PROCEDURES.get(m.group(1))
        if proc is None:
            raise QueryError(f"unknown procedure kg.{m.group(1)} (known: {', '.join(sorted(PROCEDURES))})")
        args = [a.strip() for a in m.group(2).split(",") if a.strip()]
        values = []
        for a in args:
            if not a.startswith("$") or a[1:] not in params:
                raise QueryError(f"kg.{m.group(1)}: arguments must be declared $parameters, got {a!r}")
            values.append(params[a[1:]])
        return proc(store, *values)
    _check_subset(text)
    parts, all_ = _split_union(text)
    flt = _scope_filter(scope or {}, params)
    G = _cached(store, ("query_graph", flt), lambda: query_graph(store.graph(flt)))
    rows: list[dict[str, Any]] = []
    for part in parts:
        rows += _grand(G, bind_literals(part, params))
    if not all_:
        rows = list({json.dumps(r, sort_keys=True, default=str): r for r in rows}.values())
    return rows
