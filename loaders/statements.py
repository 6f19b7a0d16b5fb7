"""Read hand-curated statements (YAML) into the same events the extractor produces.

::

    source: https://example.org/story        # default citation for every statement
    actors:                                  # people and bodies the statements name
      - {name: Ned Price, kind: person, code: USA, role: State Department spokesman,
         parent: USA.state-department}
    statements:
      - {type: MET, participants: [Turkey, Syria, Russia], date: 2022-12-28, place: Moscow,
         quote: "Moscow witnessed a meeting ..."}
      - {type: CRITICIZED, from: Ned Price, to: Syria, date: 2023-01-03}

Symmetric types (MET, PLANS_TO_MEET, NORMALIZED, AGREED) take ``participants``;
the others ``from`` and ``to``. Optional per statement: ``place``, ``mode``,
``negated``, ``confidence``, ``source`` (URL), ``quote``, ``date_text``.
A bad statement is reported with its line and skipped; the rest load. The file is
recorded as a source document (an :class:`~kg.model.Article` with its path and
content hash): re-ingesting an edited file replaces what the old version stated.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import yaml

from kg.errors import KgError, LoaderError
from kg.model import Actor, Article, Event, Provenance, article_id
from kg.registry import ActorRegistry, parse_actor_rows
from kg.schema import load_schema

from .common import Batch, Item, parse_date, read_text_file, yaml_load

__all__ = ["read_statements", "parse_statements"]

MAX_BYTES = 20_000_000
_KEYS = {"type", "participants", "from", "to", "date", "date_text", "place", "mode", "negated", "confidence",
         "source", "quote"}


def read_statements(path: str | Path, registry: ActorRegistry | None = None) -> Iterator[Item]:
    """Yield one :class:`Batch` with every good statement, and a LoaderError per bad one."""
    path = Path(path)
    try:
        text = read_text_file(path, MAX_BYTES)
    except LoaderError as e:
        yield e
        return
    yield from parse_statements(text, str(path), registry)


def _lines(text: str) -> tuple[dict[int, int], int | None]:
    """Line numbers of each item of the ``statements`` list (or top-level list)."""
    node = yaml.compose(text)
    seq = node
    if isinstance(node, yaml.MappingNode):
        seq = next((v for k, v in node.value if getattr(k, "value", None) == "statements"), None)
    if not isinstance(seq, yaml.SequenceNode):
        return {}, None
    return {i: item.start_mark.line + 1 for i, item in enumerate(seq.value)}, seq.start_mark.line + 1


def parse_statements(text: str, path: str, registry: ActorRegistry | None = None) -> Iterator[Item]:
    try:
        data = yaml_load(text)
        lines, _ = _lines(text)
    except yaml.YAMLError as e:
        yield LoaderError.from_yaml(path, e)
        return
    if isinstance(data, list):
        data = {"statements": data}
    unknown = set(data) - {"statements", "actors", "source"} if isinstance(data, dict) else set()
    if unknown:
        yield LoaderError(path, f"unknown top-level key(s): {', '.join(sorted(map(str, unknown)))} "
                                "(allowed: source, actors, statements)")
        return
    if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
        yield LoaderError(path, "expected a 'statements:' list (or a top-level list of statements)")
        return
    registry = (registry or ActorRegistry.builtin()).copy()
    # the file itself is the source document: a new version of it replaces this one in the store
    document = Article(article_id(text), f"curated statements ({Path(path).name})", None,
                       str(data["source"]) if data.get("source") else None, path)
    batch = Batch(source=path, articles=[document])
    if data.get("actors"):
        try:
            if not isinstance(data["actors"], list):
                raise LoaderError(path, "'actors:' must be a list")
            declared = parse_actor_rows(data["actors"], path)
        except LoaderError as e:
            yield e
            return
        registry.add_all(declared)
        batch.actors.extend(declared)
        for a in declared:   # the bodies people belong to, when the gazetteer knows them
            parent = a.parent and (registry.get(a.parent) or registry.resolve(a.parent) or (
                registry.institution(a.parent.split(".", 1)[1], a.parent.split(".", 1)[0])
                if "." in a.parent else None))
            if parent and parent not in batch.actors:
                batch.actors.append(parent)
    default_source = data.get("source")
    schema = load_schema()
    for i, st in enumerate(data["statements"]):
        line = lines.get(i)
        try:
            event, actors = _statement(st, path, line, registry, schema, default_source, document.id)
        except LoaderError as e:
            yield e
            continue
        except KgError as e:
            yield LoaderError(path, str(e), line)
            continue
        batch.events.append(event)
        batch.actors.extend(a for a in actors if a not in batch.actors)
    if batch.events or batch.actors:
        yield batch


def _actor(name: Any, path: str, line: int | None, registry: ActorRegistry, what: str) -> Actor:
    if not isinstance(name, str) or not name.strip():
        raise LoaderError(path, f"{what}: expected an actor name, got {name!r}", line)
    actor = registry.resolve(name)
    if actor is None:
        hint = registry.suggest(name, 3)
        msg = f"unknown actor {name!r} in {what}"
        msg += f"; did you mean: {', '.join(hint)}?" if hint else "; declare it under 'actors:'"
        raise LoaderError(path, msg, line)
    return actor


def _statement(st: Any, path: str, line: int | None, registry: ActorRegistry, schema, default_source,
               document: str | None = None):
    if not isinstance(st, dict):
        raise LoaderError(path, "each statement must be a mapping", line)
    unknown = set(st) - _KEYS
    if unknown:
        raise LoaderError(path, f"unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(_KEYS))})",
                          line)
    if "type" not in st:
        raise LoaderError(path, "statement has no 'type'", line)
    rel = schema.relation(str(st["type"]))
    if rel.static:
        raise LoaderError(path, f"{rel.name} is a static link; declare it under 'actors:' (parent, role)", line)
    date = parse_date(st.get("date"), path, line)
    prov = Provenance(rule=f"statements:{Path(path).name}:{line or '?'}",
                      article=document, source=str(st.get("source") or default_source or path),
                      sentence=st.get("quote"))
    common = dict(date=date, date_text=st.get("date_text") or date.isoformat(), date_precision="day",
                  place=st.get("place"), negated=bool(st.get("negated", False)),
                  confidence=float(st.get("confidence", 1.0)), mode=st.get("mode"), provenance=(prov,))
    try:
        if rel.symmetric:
            names = st.get("participants")
            if not isinstance(names, list) or len(names) < 2:
                raise LoaderError(path, f"{rel.name} needs 'participants': a list of two or more actors", line)
            actors = [_actor(n, path, line, registry, "participants") for n in names]
            return Event(rel.name, participants=tuple(a.id for a in actors), **common), actors
        if "participants" in st:
            raise LoaderError(path, f"{rel.name} is directed: use 'from' and 'to', not 'participants'", line)
        src = _actor(st.get("from"), path, line, registry, "from")
        dst = _actor(st.get("to"), path, line, registry, "to")
        return Event(rel.name, source=src.id, target=dst.id, **common), [src, dst]
    except ValueError as e:
        raise LoaderError(path, str(e), line) from None
