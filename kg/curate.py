"""Fixing actors once: list the ones the graph could not place, and assign one a code.

``kg actors --unresolved`` is :func:`unresolved`; ``kg actors assign`` is :func:`assign`. An
assignment is written to the user's actor overlay (so later ingests read it) and applied to what
the store already holds (so no re-ingest is needed): the stored actor gets the code, and every
event it took part in rolls up to that code in every lookup, query and view, on either store.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from .errors import KgError, UnknownActor
from .model import Actor
from .registry import ActorRegistry, write_overlay_entry
from .store.base import EventFilter, Store

__all__ = ["assign", "unresolved", "KINDS"]

KINDS = ("person", "body")
_CODE_KINDS = ("state", "igo", "world", "armed_group", "opposition", "civil_society")


def unresolved(store: Store, registry: ActorRegistry | None = None) -> list[dict[str, Any]]:
    """The stored actors without a code, the events each holds up (most first), and a suggested code.

    The suggestion comes from the registry when it now knows the name (an office holder added
    since the ingest), else from where the actor was read: the state most of the events of its
    article(s) (or curated file, for statements) roll up to, i.e. the focus country, when one
    state leads. ``why`` says which.
    """
    registry = registry or ActorRegistry.builtin()
    found = [(a, list(store.events(EventFilter(actors=(a.id,))))) for a in store.actors(unresolved=True)]
    where = _focus(store, {_origin(p) for _a, events in found for e in events for p in e.provenance} - {None})
    others = store.actors_by_id({a for _a, events in found for e in events for a in e.actors})
    rows = []
    for actor, events in found:
        # the parties it dealt with are not its own country ("X met Japan's minister": X is not Japanese)
        counterparts = {others[a].code for e in events for a in e.actors if a != actor.id and a in others}
        code, why = _suggest(registry, actor, events, where, counterparts - {None})
        rows.append({"id": actor.id, "name": actor.name, "kind": actor.kind, "role": actor.role,
                     "events": len(events), "suggested": code, "why": why})
    return sorted(rows, key=lambda r: (-r["events"], r["name"], r["id"]))


def _origin(p) -> tuple[str, str] | None:
    return ("article", p.article) if p.article else (("source", p.source) if p.source else None)


def _focus(store: Store, origins: set[tuple[str, str]]) -> dict[tuple[str, str], Counter]:
    """State votes per origin: the codes of the states, people and bodies in its events."""
    votes: dict[tuple[str, str], Counter] = {o: Counter() for o in origins}
    events = [e for kind, a in origins if kind == "article" for e in store.events(EventFilter(article=a))]
    if any(kind == "source" for kind, _ in origins):      # curated statements: one pass over the store
        events += [e for e in store.events() if any(_origin(p) in votes and not p.article for p in e.provenance)]
    actors = store.actors_by_id({a for e in events for a in e.actors})
    seen: set[tuple[tuple[str, str], str]] = set()
    for e in events:
        for o in {_origin(p) for p in e.provenance} & set(votes):
            if (o, e.id) in seen:
                continue
            seen.add((o, e.id))
            for a in e.actors:
                x = actors.get(a)
                if x is not None and x.code and x.kind in ("state", "person", "government"):
                    votes[o][x.code] += 1      # a state, or a person or body of one
    return votes


def _suggest(registry: ActorRegistry, actor: Actor, events: list, where: dict[tuple[str, str], Counter],
             counterparts: set[str] = frozenset()) -> tuple[str | None, str | None]:
    known = registry.resolve_person(actor.name, actor.role)
    if known is not None and known.code:
        return known.code, f"the registry knows {known.name}" + (f" ({known.role})" if known.role else "")
    votes: Counter = Counter()
    for o in {_origin(p) for e in events for p in e.provenance} - {None}:
        votes.update(where.get(o, Counter()))
    if not votes:
        return None, None
    (code, n), (_, runner_up) = (votes.most_common(2) + [(None, 0)])[:2]
    if runner_up == n:
        return None, "no clear focus country"
    if code in counterparts:     # "X met Japan's minister": the focus is the other party, not X's own
        return None, f"the focus country of its article(s), {code}, is the other party"
    return code, f"focus country of its article(s) ({n} mention(s))"


def assign(store: Store, name: str, code: str, *, role: str | None = None, kind: str | None = None,
           overlay: str | os.PathLike | None = None, registry: ActorRegistry | None = None) -> dict[str, Any]:
    """Record that `name` is (a person or body of) `code`, in the overlay and in the store.

    Parameters
    ----------
    name : the actor's name as stored (any case; an alias or a stored id works too)
    code : a known code (``USA``, ``UN``, ``HAMAS`` …) or one the store already uses
    role : the person's role ("Secretary of State"), optional
    kind : ``person`` or ``body`` (a government body of `code`); default: as stored, else person
    overlay : the user's actor overlay file (created if absent); required

    Returns a dict: ``code``, ``overlay``, ``actors`` (ids updated) and ``events`` (how many events
    now roll up to `code` through them).

    Raises
    ------
    UnknownActor
        when `code` is not a known code (with the closest names).
    KgError
        when no overlay file is given, or `kind` is not person/body.
    """
    if overlay is None:
        raise KgError("kg actors assign needs the actor overlay file to record the decision in: "
                      "give --actors FILE (or set KG_ACTORS); it is created if absent")
    if kind is not None and kind not in KINDS:
        raise KgError(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")
    registry = registry or ActorRegistry.builtin()
    owner = registry.get(code) or store.actor(code)
    if owner is None or owner.kind not in _CODE_KINDS:
        near = [registry.resolve(n) for n in registry.suggest(code)]
        raise UnknownActor(code, [f"{a.code} ({a.name})" for a in near if a is not None and a.code])
    stored = {a.id: a for a in store.find_actors(name)}
    by_id = store.actor(name)
    if by_id is not None:
        stored[by_id.id] = by_id
    stored = {i: a for i, a in stored.items() if a.id != a.code}     # a state itself is never re-coded
    kinds = {a.kind for a in stored.values()}
    if kind is None:
        actor_kind = "person" if not kinds or kinds == {"person"} else next(k for k in kinds if k != "person")
    else:
        actor_kind = "person" if kind == "person" else ("government" if owner.kind == "state" else owner.kind)
    updated = [Actor(a.id, a.name, actor_kind, code, a.aliases, role or a.role, code) for a in stored.values()]
    entry: dict[str, Any] = {"name": name if not stored else next(iter(stored.values())).name,
                             "kind": actor_kind, "code": code, "parent": code}
    if len(stored) == 1:
        entry = {"id": next(iter(stored)), **entry}
    if role:
        entry["role"] = role
    path = write_overlay_entry(overlay, entry)
    if updated:
        store.write(actors=updated)
    moved = {e.id for a in updated for e in store.events(EventFilter(actors=(a.id,)))}
    return {"name": name, "code": code, "overlay": str(path), "actors": [a.id for a in updated],
            "events": len(moved)}
