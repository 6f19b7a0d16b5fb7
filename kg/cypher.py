"""The Cypher query library: named queries from ``queries/*.cypher`` and ad-hoc Cypher, on any store.

On Neo4j a query runs natively, its parameters passed as Bolt parameters, in a
read transaction. On the embedded store it runs through ``grand-cypher`` over
the store's :meth:`~kg.store.base.Store.graph` (one fresh ``GrandCypher`` per
query), with these rules, which the library's queries follow:

- no ``$parameters`` in grand-cypher: each ``$name`` is bound as a JSON literal
  (``json.dumps``; grand-cypher reads string literals back with Python's string
  syntax, which JSON's escapes are a subset of), so a value is always one
  literal, never query text;
- no ``OPTIONAL MATCH`` / ``WITH`` / ``UNWIND`` / ``CALL``, upper-case aggregates,
  double-quoted strings; ``UNION [ALL]`` between whole queries is done here;
- nodes carry ``__labels__ = {"Actor"}`` and an ``id`` attribute, edges
  ``__labels__ = {TYPE}`` and ``month`` (``YYYY-MM``), the same as Neo4j;
- undirected patterns only match edges stored both ways, so the library
  writes two directed branches joined by ``UNION ALL`` instead;
- an anchored query declares a ``scope`` (the actors/types/dates it can
  touch) so the embedded store builds the graph of those events only, not the
  whole store;
- what grand-cypher cannot express (shortest paths, degree over both
  directions) is a per-backend variant: ``CALL kg.<procedure>(...)``, a small
  NetworkX function registered in :data:`PROCEDURES`.

File format (see ``queries/who_met_whom.cypher``)::

    // name: who_met_whom
    // description: …
    // param: actor (actor, required) — a name, alias, id or code, resolved as `kg who-met-whom` does
    // param: since (date, default null) — …
    // sort: date, other, event_id          (rows are sorted by these, on both stores)
    // scope: actors=$actor types=MET      (embedded store: only these events are loaded)
    MATCH … RETURN …
    // --- backend: neo4j                  (optional per-backend variants)
    // --- backend: embedded

Floats in results are rounded to 6 decimals (sums of Goldstein weights are
added in different orders by the two engines).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import networkx as nx

from .errors import QueryError
from .store.base import EventFilter, Store

__all__ = ["QUERY_DIR", "NamedQuery", "Param", "load_queries", "get_query", "run_named", "run_cypher",
           "bind_literals", "query_graph", "PROCEDURES", "backend_of"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"   # kg/queries -> ../queries
_TYPES = ("str", "date", "int", "float", "bool", "actor", "type", "level")
_PARAM_LINE = re.compile(r"^(\w+)\s*\(\s*(\w+)\s*(?:,\s*(required|default\s+(.+?)))?\s*\)\s*(?:[—-]+\s*(.*))?$")
_BACKEND_LINE = re.compile(r"^//\s*---\s*backend:\s*(neo4j|embedded)\s*$")
_CALL = re.compile(r"^\s*CALL\s+kg\.(\w+)\s*\(([^)]*)\)\s*$", re.S)
_UNION = re.compile(r"^\s*UNION(\s+ALL)?\s*$", re.I)


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    required: bool = False
    default: Any = None
    doc: str = ""


@dataclass
class NamedQuery:
    """One ``queries/*.cypher`` file."""

    name: str
    description: str
    params: dict[str, Param]
    texts: dict[str, str]                     # "neo4j" / "embedded" / "any"
    sort: tuple[str, ...] = ()
    scope: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def text(self, backend: str) -> str:
        return self.texts.get(backend) or self.texts["any"]


def _coerce(p: Param, value: Any, store: Store | None = None) -> Any:
    """`value` as parameter `p`'s kind: ``actor`` a name, alias, id or code resolved as the CLI
    lookups resolve it (to an id; unknown → :class:`~kg.errors.UnknownActor` with suggestions),
    ``type`` a relation type in any case (unknown → :class:`~kg.errors.UnknownRelation`),
    ``level`` ``person`` or ``code``, ``date`` YYYY-MM-DD, ``int``/``float``/``bool``/``str``."""
    if value is None:
        return None
    if p.type == "actor":
        if store is None:
            raise QueryError(f"parameter {p.name}: an actor has no default")
        from .lookups import resolve_actor

        return resolve_actor(store, str(value)).id
    if p.type == "type":
        from .schema import load_schema

        return load_schema().relation(str(value)).name
    if p.type == "level":
        from .lookups import LEVELS

        if str(value) not in LEVELS:
            raise QueryError(f"parameter {p.name}: {value!r} is not one of {', '.join(LEVELS)}")
        return str(value)
    try:
        if p.type == "str":
            return str(value)
        if p.type == "date":
            return (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))).isoformat()
        if p.type == "int":
            return int(value)
        if p.type == "float":
            return float(value)
        if p.type == "bool":
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1", "yes"):
                return True
            if str(value).lower() in ("false", "0", "no"):
                return False
            raise ValueError(value)
    except (TypeError, ValueError):
        raise QueryError(f"parameter {p.name}: {value!r} is not a {p.type}"
                         + (" (YYYY-MM-DD)" if p.type == "date" else "")) from None
    raise QueryError(f"parameter {p.name}: unknown type {p.type}")


def parse_query_file(text: str, path: Path | None = None) -> NamedQuery:
    """Parse one query file (header comments + body, optional per-backend sections)."""
    where = str(path or "<query>")
    meta: dict[str, str] = {}
    params: dict[str, Param] = {}
    texts: dict[str, list[str]] = {"any": []}
    section = "any"
    in_header = True
    last_key: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _BACKEND_LINE.match(line.strip())
        if m:
            section = m.group(1)
            texts[section] = []
            in_header = False
            continue
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            raw = stripped[2:]
            body = raw.strip()
            if raw.startswith("  ") and last_key:      # an indented continuation line
                if last_key in meta:
                    meta[last_key] += " " + body
                continue
            key, sep, value = body.partition(":")
            key = key.strip().lower()
            last_key = key if sep else None
            if sep and key == "param":
                pm = _PARAM_LINE.match(value.strip())
                if not pm or pm.group(2) not in _TYPES:
                    raise QueryError(f"{where}:{lineno}: bad param line (want: name (type[, required|, default X]) "
                                     f"— doc; types {', '.join(_TYPES)})")
                name, type_, req, default = pm.group(1), pm.group(2), pm.group(3), pm.group(4)
                p = Param(name, type_, bool(req and req == "required"), None, (pm.group(5) or "").strip())
                if default is not None and default.strip().lower() != "null":
                    p = Param(name, type_, False, _coerce(p, json.loads(default) if default[:1] == '"' else default),
                              p.doc)
                params[name] = p
            elif sep and key in ("name", "description", "sort", "scope", "why"):
                meta[key] = (meta.get(key, "") + " " + value.strip()).strip()
            continue
        if stripped:
            in_header = False
        texts[section].append(line)
    if "name" not in meta:
        raise QueryError(f"{where}: missing '// name:' header line")
    scope = dict(kv.split("=", 1) for kv in meta.get("scope", "").split()) if meta.get("scope") else {}
    bodies = {k: "\n".join(v).strip() for k, v in texts.items() if "\n".join(v).strip()}
    if "any" not in bodies and not {"neo4j", "embedded"} <= set(bodies):
        raise QueryError(f"{where}: needs a portable body or both '// --- backend: neo4j' and '… embedded' sections")
    return NamedQuery(meta["name"], meta.get("description", ""), params, bodies,
                      tuple(s.strip() for s in meta.get("sort", "").split(",") if s.strip()), scope, path)


def load_queries(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    """All named queries in `directory` (default ``queries/``), by name."""
    out: dict[str, NamedQuery] = {}
    for path in sorted(Path(directory or QUERY_DIR).glob("*.cypher")):
        q = parse_query_file(path.read_text(encoding="utf-8"), path)
        if q.name != path.stem:
            raise QueryError(f"{path}: '// name: {q.name}' does not match the file name")
        out[q.name] = q
    return out


def get_query(name: str, directory: str | Path | None = None) -> NamedQuery:
    queries = load_queries(directory)
    key = name.replace("-", "_")
    if key not in queries:
        raise QueryError(f"unknown query {name!r} (known: {', '.join(sorted(queries))})")
    return queries[key]


def backend_of(store: Store) -> str:
    return "neo4j" if hasattr(store, "run_cypher") else "embedded"


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


def _run_embedded(store: Store, text: str, params: dict[str, Any], scope: dict[str, str] | None,
                  graph: nx.MultiDiGraph | None = None) -> list[dict[str, Any]]:
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
    if graph is None:
        flt = _scope_filter(scope or {}, params)
        G = _cached(store, ("query_graph", flt), lambda: query_graph(store.graph(flt)))
    else:
        G = query_graph(graph)
    rows: list[dict[str, Any]] = []
    for part in parts:
        rows += _grand(G, bind_literals(part, params))
    if not all_:
        rows = list({json.dumps(r, sort_keys=True, default=str): r for r in rows}.values())
    return rows


def _clean(v: Any) -> Any:
    if isinstance(v, float):
        if v in (float("inf"), float("-inf")):
            return None
        return round(v, 6) + 0.0     # + 0.0: a sum that cancels to -1e-17 is 0.0 on both stores, not -0.0
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, (set, frozenset)):
        return sorted(_clean(x) for x in v)
    return v


def _sort(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    def key(r: dict[str, Any]) -> tuple:
        out = []
        for k in keys:
            desc = k.endswith(" desc")
            name = k[:-5].strip() if desc else k
            v = r.get(name)
            if isinstance(v, (int, float)) and desc:
                out.append((v is None, -v))
            else:
                out.append((v is None, json.dumps(v, default=str) if isinstance(v, list) else v))
        return tuple(out)

    return sorted(rows, key=key)


def _bind_params(q: NamedQuery, given: dict[str, Any], store: Store | None = None) -> dict[str, Any]:
    unknown = set(given) - set(q.params)
    if unknown:
        raise QueryError(f"query {q.name} has no parameter {', '.join(sorted(unknown))} "
                         f"(it takes: {', '.join(q.params) or 'none'})")
    out = {}
    for name, p in q.params.items():
        if name in given and given[name] is not None:
            out[name] = _coerce(p, given[name], store)
        elif p.required:
            raise QueryError(f"query {q.name} needs --param {name}=… ({p.doc or p.type})")
        else:
            out[name] = p.default
    return out


def run_named(store: Store, name: str, params: dict[str, Any] | None = None, *,
              directory: str | Path | None = None, graph: nx.MultiDiGraph | None = None) -> list[dict[str, Any]]:
    """Run the named query `name` on `store` with `params` (strings are coerced to the declared types).

    `graph` (embedded store only) reuses an already built store graph instead of building one.
    """
    q = get_query(name, directory)
    values = _bind_params(q, params or {}, store)
    backend = backend_of(store)
    text = q.text(backend)
    if backend == "neo4j":
        rows = _run_neo4j(store, text, values)
    else:
        rows = _run_embedded(store, text, values, q.scope, graph)
    rows = [{k: _clean(v) for k, v in r.items()} for r in rows]
    return _sort(rows, q.sort) if q.sort else rows


def _run_neo4j(store: Store, text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    from neo4j.exceptions import ClientError

    try:
        return store.run_cypher(text, params)   # type: ignore[attr-defined]
    except ClientError as e:
        raise QueryError(f"Neo4j rejected the query: {e.message or e}") from None


def run_cypher(store: Store, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run ad-hoc (read-only) Cypher on `store`; on the embedded store it must fit grand-cypher's subset."""
    params = params or {}
    if backend_of(store) == "neo4j":
        rows = _run_neo4j(store, text, params)
    else:
        rows = _run_embedded(store, text, params, None)
    return [{k: _clean(v) for k, v in r.items()} for r in rows]
