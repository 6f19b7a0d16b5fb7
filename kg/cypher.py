"""The Cypher query library: named queries from ``queries/*.cypher`` and ad-hoc Cypher, on any store.

Every store runs Cypher itself (:meth:`~kg.store.base.Store.run_cypher`). On Neo4j a
query runs natively, its parameters passed as Bolt parameters, in a read transaction.
On the embedded store it runs through ``grand-cypher`` (:mod:`kg.grand`) over the
store's :meth:`~kg.store.base.Store.graph` (one fresh ``GrandCypher`` per query), with
these rules, which the library's queries follow:

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import QueryError
from .grand import PROCEDURES, bind_literals, query_graph
from .store.base import Store

__all__ = ["QUERY_DIR", "NamedQuery", "Param", "load_queries", "get_query", "run_named", "run_cypher",
           "bind_literals", "query_graph", "PROCEDURES"]

QUERY_DIR = Path(__file__).resolve().parent / "queries"   # kg/queries -> ../queries
_TYPES = ("str", "date", "int", "float", "bool", "actor", "type", "level")
_PARAM_LINE = re.compile(r"^(\w+)\s*\(\s*(\w+)\s*(?:,\s*(required|default\s+(.+?)))?\s*\)\s*(?:[—-]+\s*(.*))?$")
_BACKEND_LINE = re.compile(r"^//\s*---\s*backend:\s*(neo4j|embedded)\s*$")


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
              directory: str | Path | None = None) -> list[dict[str, Any]]:
    """Run the named query `name` on `store` with `params` (resolved and coerced to the declared kinds)."""
    q = get_query(name, directory)
    values = _bind_params(q, params or {}, store)
    rows = store.run_cypher(q.text(store.backend), values, scope=q.scope)
    rows = [{k: _clean(v) for k, v in r.items()} for r in rows]
    return _sort(rows, q.sort) if q.sort else rows


def run_cypher(store: Store, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run ad-hoc (read-only) Cypher on `store`; on the embedded store it must fit grand-cypher's subset."""
    return [{k: _clean(v) for k, v in r.items()} for r in store.run_cypher(text, params or {})]
