"""The graph form of events: actors as nodes, one typed edge per actor pair per event.

Every store's ``graph()`` returns what :func:`build_graph` makes, so views,
exports and the Cypher layer see the same shape whatever the backend:

- node id = actor id; attributes ``name``, ``kind``, ``code`` and, when known,
  ``role`` and ``parent``;
- edge key = event id; attributes ``type``, ``event_id``, ``date`` (ISO string or
  None), ``date_text``, ``place``, ``negated``, ``confidence``, ``mode``,
  ``symmetric``, ``participants`` (all actor ids of the event), ``goldstein``,
  ``polarity``, ``sentence``, ``source``, ``article``, ``rule`` (from the first
  provenance), ``n_sources`` and ``origin`` (the event dataset, e.g. ``gdelt``, or None for
  events read from articles and statements).

Symmetric events (a meeting) are stored once per unordered pair, from the
smaller actor id to the larger; ``symmetric=True`` says the direction carries
no meaning.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import networkx as nx

from .model import Actor, Event
from .schema import Schema, load_schema

__all__ = ["build_graph", "rollup", "edge_attributes", "node_attributes"]


def node_attributes(actor: Actor) -> dict:
    attrs = {"name": actor.name, "kind": actor.kind, "code": actor.code}
    if actor.role:
        attrs["role"] = actor.role
    if actor.parent:
        attrs["parent"] = actor.parent
    return attrs


def edge_attributes(event: Event, schema: Schema) -> dict:
    rel = schema.relations.get(event.type)
    first = event.provenance[0] if event.provenance else None
    return {
        "type": event.type, "event_id": event.id,
        "date": event.date.isoformat() if event.date else None, "date_text": event.date_text,
        "place": event.place, "negated": event.negated, "confidence": event.confidence, "mode": event.mode,
        "symmetric": event.symmetric, "participants": list(event.actors),
        "goldstein": rel.goldstein if rel else 0.0, "polarity": rel.polarity if rel else "neutral",
        "sentence": first.sentence if first else None, "source": first.source if first else None,
        "article": first.article if first else None, "rule": first.rule if first else None,
        "n_sources": len(event.provenance), "origin": event.origin,
    }


def build_graph(events: Iterable[Event], actors: Mapping[str, Actor], schema: Schema | None = None) -> nx.MultiDiGraph:
    """Build the MultiDiGraph of `events`; `actors` maps ids to :class:`Actor`.

    An actor id missing from `actors` becomes a node with ``kind="unknown"``.

    >>> e = Event("MET", participants=("TUR", "RUS", "SYR"))
    >>> G = build_graph([e], {})
    >>> sorted(G.edges(keys=False)), G.number_of_edges()
    ([('RUS', 'SYR'), ('RUS', 'TUR'), ('SYR', 'TUR')], 3)
    """
    schema = schema or load_schema()
    G = nx.MultiDiGraph()
    for event in events:
        attrs = edge_attributes(event, schema)
        for actor_id in event.actors:
            if actor_id not in G:
                actor = actors.get(actor_id)
                G.add_node(actor_id, **(node_attributes(actor) if actor else
                                        {"name": actor_id, "kind": "unknown", "code": None}))
        for u, v in event.pairs():
            G.add_edge(u, v, key=event.id, **attrs)
    return G


def rollup(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Collapse actors onto their roll-up codes (unresolved actors keep their id).

    Edges keep their event-id keys; a multi-party event whose actors fall onto
    the same codes keeps one edge per distinct code pair, and edges that fall
    inside one code (an official meeting their own ministry) are dropped.
    """
    H = nx.MultiDiGraph()
    code_of = {n: (d.get("code") or n) for n, d in G.nodes(data=True)}
    for n, d in G.nodes(data=True):
        c = code_of[n]
        if c not in H:
            H.add_node(c, name=c if d.get("code") else d.get("name", n), kind=d.get("kind"), code=d.get("code"))
        if d.get("kind") in ("state", "igo", "world", "armed_group") and d.get("code") == n:
            H.nodes[c]["name"] = d.get("name", c)
            H.nodes[c]["kind"] = d.get("kind")
    for u, v, k, d in G.edges(keys=True, data=True):
        cu, cv = code_of[u], code_of[v]
        if cu == cv:
            continue
        if d.get("symmetric") and cu > cv:
            cu, cv = cv, cu
        if not H.has_edge(cu, cv, key=k):
            H.add_edge(cu, cv, key=k, **{**d, "participants": sorted({code_of.get(p, p) for p in d["participants"]})})
    return H
