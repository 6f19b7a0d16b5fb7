"""Questions asked of any store: who met whom, an actor's relations, actor search.

Written once over the :class:`~kg.store.base.Store` protocol, so the embedded
store and Neo4j answer them identically. Each function here is one ``kg``
command of the same name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from .errors import UnknownActor
from .model import Actor, Event, person_of
from .registry import ActorRegistry, close_matches, normalize_name
from .store.base import EventFilter, Store

__all__ = ["resolve_actor", "who_met_whom", "relations", "find_actors", "stats", "LEVELS"]

LEVELS = ("person", "code")
_CODE_KINDS = ("state", "igo", "world", "armed_group", "opposition", "civil_society")


def resolve_actor(store: Store, name: str, registry: ActorRegistry | None = None) -> Actor:
    """The actor `name` means: a stored id, a stored name or alias, or a built-in name.

    Raises
    ------
    UnknownActor
        with the closest known names when nothing matches.
    """
    actor = store.actor(name)
    if actor:
        return actor
    found = store.find_actors(name)
    if found:
        return sorted(found, key=lambda a: (a.id != a.code, a.kind != "person", a.id))[0]
    registry = registry or ActorRegistry.builtin()
    actor = registry.resolve(name)
    if actor:
        return store.actor(actor.id) or actor
    stored: dict[str, str] = {}   # lookup key -> name: names, aliases, and a person's last name alone
    for a in store.actors(name[:3]) if len(name) >= 3 else ():
        for key in map(normalize_name, (a.name, *a.aliases)):
            stored.setdefault(key, a.name)
            if a.kind == "person":
                stored.setdefault(key.split(" ")[-1], a.name)
    suggestions = [stored[k] for k in close_matches(name, stored, 3)] + registry.suggest(name)
    raise UnknownActor(name, list(dict.fromkeys(suggestions))[:5])


def _is_code_level(actor: Actor) -> bool:
    return bool(actor.code) and actor.id == actor.code


def _anchor_filter(store: Store, actor: Actor) -> EventFilter:
    """The events of `actor`: of everyone who rolls up to a code; of a person in every office
    (``person:kaja-kallas`` and ``person:kaja-kallas@EST``, see :func:`kg.model.office_actor_id`)."""
    if _is_code_level(actor):
        return EventFilter(codes=(actor.code,))
    me = person_of(actor.id)
    return EventFilter(actors=tuple(dict.fromkeys(
        [actor.id] + [a.id for a in store.find_actors(actor.name) if person_of(a.id) == me])))


def _matches(anchor: Actor, actor_id: str, code: str | None) -> bool:
    return code == anchor.code if _is_code_level(anchor) else person_of(actor_id) == person_of(anchor.id)


class _Actors:
    """Actor lookups for one query: fetched in bulk, then cached."""

    def __init__(self, store: Store, events: list[Event]):
        self.store = store
        ids = {a for e in events for a in e.actors}
        self.cache: dict[str, Actor | None] = dict.fromkeys(ids)
        self.cache.update(store.actors_by_id(ids))
        codes = {a.code for a in self.cache.values() if a and a.code} - set(self.cache)
        self.cache.update(dict.fromkeys(codes))
        self.cache.update(store.actors_by_id(codes))

    def __call__(self, actor_id: str) -> Actor:
        if actor_id not in self.cache:
            self.cache[actor_id] = self.store.actor(actor_id)
        return self.cache[actor_id] or Actor(actor_id, actor_id, "unknown", None)

    def describe(self, actor_id: str, level: str) -> dict[str, Any]:
        a = self(actor_id)
        if level == "code" and a.code:
            if a.code not in self.cache:
                self.cache[a.code] = self.store.actor(a.code)
            named = self.cache[a.code]
            return {"code": a.code, "name": named.name if named else a.code}
        return {"id": a.id, "name": a.name, "code": a.code, **({"role": a.role} if a.role else {})}


def _evidence(e: Event) -> list[dict[str, Any]]:
    return [{"sentence": p.sentence, "source": p.source, "rule": p.rule} for p in e.provenance]


def who_met_whom(store: Store, actor: str, *, with_: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, level: str = "code", origins: Sequence[str] = (),
                 registry: ActorRegistry | None = None) -> list[dict[str, Any]]:
    """Meetings (``MET`` events that took place) of `actor`, oldest first.

    Parameters
    ----------
    actor : a name, alias, id or code. A state or other code-level actor
        (``"Turkey"``) matches everyone who rolls up to it; a person matches only them.
    with_ : only meetings where this actor (same rule) took part too.
    level : ``"code"`` lists the other parties by roll-up code and merges reports of
        the same meeting; ``"person"`` lists them as recorded.
    origins : only events of these datasets (``"gdelt"`` …) and/or ``"own"`` (your
        articles and statements); all when empty.

    Returns
    -------
    list of dict: ``date``, ``date_text``, ``place``, ``with`` (the other parties),
    ``evidence`` (sentence, source, rule per report) and ``event_ids``.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    anchor = resolve_actor(store, actor, registry)
    other = resolve_actor(store, with_, registry) if with_ else None
    flt = _anchor_filter(store, anchor)
    flt = EventFilter(types=("MET",), actors=flt.actors, codes=flt.codes, since=since, until=until, negated=False,
                      origins=tuple(origins))
    events = list(store.events(flt))
    look = _Actors(store, events)
    rows: list[dict[str, Any]] = []
    merged: dict[tuple, dict[str, Any]] = {}
    for e in events:
        mine = [p for p in e.participants if _matches(anchor, p, look(p).code)]
        if not mine:
            continue
        others = [p for p in e.participants if p not in mine]
        if other and not any(_matches(other, p, look(p).code) for p in others):
            continue
        if level == "code":
            by_code: dict[str, dict[str, Any]] = {}
            for p in others:
                if (look(p).code or p) != anchor.code:
                    by_code.setdefault(look(p).code or p, look.describe(p, "code"))
            codes = sorted(by_code)
            if not codes:
                continue
            key = (e.date, tuple(codes)) if e.date else (e.id,)
            if key in merged:
                row = merged[key]
                row["place"] = row["place"] or e.place
                row["evidence"] += [x for x in _evidence(e) if x not in row["evidence"]]
                row["event_ids"].append(e.id)
                continue
            with_list = [by_code[c] for c in codes]
        else:
            with_list = [look.describe(p, "person") for p in others]
        row = {"date": e.date.isoformat() if e.date else None, "date_text": e.date_text, "place": e.place,
               "with": with_list, "evidence": _evidence(e), "event_ids": [e.id]}
        rows.append(row)
        if level == "code":
            merged[key] = row
    return rows


def relations(store: Store, actor: str, *, types: Sequence[str] = (), since: dt.date | None = None,
              until: dt.date | None = None, level: str = "code", origins: Sequence[str] = (),
              registry: ActorRegistry | None = None) -> list[dict[str, Any]]:
    """Every event of `actor`, one row per (event, other party), oldest first.

    ``direction`` is ``out`` (the actor is the source), ``in`` (the target) or
    ``mutual`` (a symmetric type). With ``level="code"`` the other party is its roll-up
    code, and reports of the same act (type, direction, other code, day, negation) are one
    row with every report in ``evidence`` and every event in ``event_ids`` — the act read
    once as "Assad" and once as "Syria" is listed once, as in :func:`who_met_whom`.
    ``origins`` keeps only events of these datasets and/or ``"own"`` (see :func:`who_met_whom`).
    """
    from .schema import load_schema

    schema = load_schema()
    types = tuple(schema.relation(t).name for t in types)
    anchor = resolve_actor(store, actor, registry)
    base = _anchor_filter(store, anchor)
    flt = EventFilter(types=types, actors=base.actors, codes=base.codes, since=since, until=until,
                      origins=tuple(origins))
    events = list(store.events(flt))
    look = _Actors(store, events)
    rows: list[dict[str, Any]] = []
    merged: dict[tuple, dict[str, Any]] = {}
    for e in events:
        if e.symmetric:
            pairs = [("mutual", p) for p in e.participants if not _matches(anchor, p, look(p).code)]
        elif _matches(anchor, e.source, look(e.source).code):
            pairs = [("out", e.target)]
        else:
            pairs = [("in", e.source)]
        seen = set()
        for direction, p in pairs:
            who = look.describe(p, level)
            ident = (direction, who.get("code") if level == "code" else who["id"])
            if ident in seen or (level == "code" and who.get("code") == anchor.code):
                continue
            seen.add(ident)
            # at the code level, reports of one act (the same type, direction, other party and day) are one row
            key = (e.type, e.negated, e.date, *ident) if level == "code" and e.date else (e.id, *ident)
            if key in merged:
                row = merged[key]
                row["place"] = row["place"] or e.place
                row["confidence"] = max(row["confidence"], e.confidence)
                row["evidence"] += [x for x in _evidence(e) if x not in row["evidence"]]
                row["event_ids"].append(e.id)
                continue
            first = e.provenance[0] if e.provenance else None
            row = {"type": e.type, "direction": direction, "other": who,
                   "date": e.date.isoformat() if e.date else None, "place": e.place, "negated": e.negated,
                   "confidence": e.confidence, "goldstein": schema.relations[e.type].goldstein,
                   "sentence": first.sentence if first else None, "source": first.source if first else None,
                   "evidence": _evidence(e), "event_ids": [e.id]}
            merged[key] = row
            rows.append(row)
    return rows


def find_actors(store: Store, search: str | None = None, *, unresolved: bool = False) -> list[dict[str, Any]]:
    """Stored actors whose name, alias, id or code contains `search` (all when None)."""
    return [a.to_dict() for a in store.actors(search, unresolved=unresolved)]


def stats(store: Store) -> dict[str, Any]:
    """Counts of what the store holds."""
    return store.stats()
