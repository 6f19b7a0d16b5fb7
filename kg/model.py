"""The data model: actors, articles and events, with deterministic ids.

An :class:`Event` is one typed act between actors. Directed types fill
``source``/``target``; symmetric types (``MET``, ``PLANS_TO_MEET``, ``NORMALIZED``,
``AGREED``) fill ``participants``: a meeting of three parties is *one* event
whose graph form is one edge per pair, all sharing ``event.id``.

>>> e = Event("MET", participants=("TUR", "RUS", "SYR"), date=dt.date(2022, 12, 28))
>>> e.participants, e.pairs()
(('RUS', 'SYR', 'TUR'), [('RUS', 'SYR'), ('RUS', 'TUR'), ('SYR', 'TUR')])
>>> e.id == Event("MET", participants=("SYR", "TUR", "RUS"), date=dt.date(2022, 12, 28)).id
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations
from typing import Any

__all__ = ["Actor", "Article", "Event", "Provenance", "slugify", "make_actor_id", "office_actor_id", "person_of", "article_id", "event_id",
           "provenance_key", "json_str", "ACTOR_KINDS", "CODE_KINDS", "MERGE_RULES", "merge_fields", "date_to_iso",
           "date_from_iso"]

ACTOR_KINDS = ("state", "government", "person", "opposition", "armed_group", "igo", "civil_society", "world")


def slugify(text: str) -> str:
    """ASCII, lower-case, dash-separated: ``"Mevlüt Çavuşoğlu"`` → ``"mevlut-cavusoglu"``."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "x"


CODE_KINDS = ("state", "igo", "world", "armed_group")   # an actor of these kinds is its code, unless it has a parent


def make_actor_id(kind: str, name: str, code: str | None = None, parent: str | None = None) -> str:
    """The stable id of an actor: the one rule for built-in actors, overlays and statements.

    A state, IGO, the world or a named armed group is its code (``TUR``, ``UN``, ``HAMAS``)
    unless it belongs to another actor (`parent`: a UN agency is ``UN.unicef``); a person is
    ``person:<slug>`` (stable when we later learn their country); any other body is
    ``<CODE>.<slug>``, or ``org:<slug>`` when the code is unknown. (Generic domestic groups,
    ``SYR-OPP``, are made by the registry with their code as id.)

    >>> make_actor_id("armed_group", "Hamas", "HAMAS"), make_actor_id("igo", "UNICEF", "UN", parent="UN")
    ('HAMAS', 'UN.unicef')
    """
    if kind == "person":
        return f"person:{slugify(name)}"
    if code and kind in CODE_KINDS and not parent:
        return code
    return f"{code}.{slugify(name)}" if code else f"org:{slugify(name)}"


def office_actor_id(person_id: str, code: str) -> str:
    """The id of a person in an office of `code` other than their latest one: someone who served
    several states or bodies is one actor per code, so that their acts roll up to the code they
    acted for ("Kaja Kallas" is ``person:kaja-kallas`` as the EU's High Representative, her latest
    office, and ``person:kaja-kallas@EST`` as Estonia's prime minister).

    >>> office_actor_id("person:kaja-kallas", "EST"), person_of("person:kaja-kallas@EST")
    ('person:kaja-kallas@EST', 'person:kaja-kallas')
    """
    return f"{person_of(person_id)}@{code}"


def person_of(actor_id: str) -> str:
    """The person an actor id names, whatever office (see :func:`office_actor_id`)."""
    return actor_id.split("@", 1)[0] if actor_id.startswith("person:") else actor_id


def date_to_iso(d: dt.date | None) -> str | None:
    """``YYYY-MM-DD`` or None: how every store keeps a date."""
    return d.isoformat() if d else None


def date_from_iso(s: str | None) -> dt.date | None:
    """The inverse of :func:`date_to_iso`."""
    return dt.date.fromisoformat(s) if s else None


def article_id(text: str) -> str:
    """Content hash of an article's text (16 hex digits of SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_JSON_SPECIAL = re.compile(r'[^\x20-\x7e]|["\\]')


def json_str(s: str | None) -> str:
    """``json.dumps(s)`` for a string or None, without the encoder's overhead for plain ASCII."""
    if s is None:
        return "null"
    return json.dumps(s) if _JSON_SPECIAL.search(s) else f'"{s}"'


def event_id(type_: str, source: str | None, target: str | None, participants: list[str] | tuple[str, ...],
             date: str | None, negated: bool, anchor: str | None = None, origin: str | None = None) -> str:
    """The id of an event from what it asserts (see :attr:`Event.id`); `participants` sorted, `date` ISO.

    The hash of ``json.dumps([type, source, target, participants, date, negated, anchor])`` (plus
    `origin` when set: an event from an event dataset, ``"gdelt"``, never shares an id with one read
    from articles). Built without the JSON encoder: bulk loaders compute one per row.

    >>> event_id("MET", None, None, ["RUS", "TUR"], "2022-12-28", False) == hashlib.sha1(json.dumps(
    ...     ["MET", None, None, ["RUS", "TUR"], "2022-12-28", False, None]).encode()).hexdigest()[:16]
    True
    """
    j = json_str
    raw = (f'[{j(type_)}, {j(source)}, {j(target)}, [{", ".join(map(j, participants))}], {j(date)}, '
           f'{"true" if negated else "false"}, {j(anchor)}{", " + j(origin) if origin else ""}]')
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def provenance_key(rule: str, article: str | None, source: str | None, sentence: str | None,
                   span: tuple[int, int] | list[int] | None) -> str:
    """The key of one report of an event (see :attr:`Provenance.key`): the hash of
    ``json.dumps([rule, article, source, sentence, span])``, built without the JSON encoder."""
    j = json_str
    raw = f'[{j(rule)}, {j(article)}, {j(source)}, {j(sentence)}, {f"[{span[0]}, {span[1]}]" if span else "null"}]'
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Actor:
    """A state, body, person or organisation.

    ``code`` is the roll-up code (ISO alpha-3, ``XXX-OPP``, ``UN`` …) or None when
    the actor could not be placed; ``parent`` is the id of the body or state a
    person or body belongs to (the static ``AFFILIATED_WITH`` link).
    """

    id: str
    name: str
    kind: str
    code: str | None = None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    parent: str | None = None

    def merged(self, newer: "Actor") -> "Actor":
        """This actor updated by `newer` (same id): its known fields win, unknown ones do not erase
        what is known, aliases are the union (old first). What every store does on a write."""
        return Actor(self.id, newer.name or self.name, newer.kind or self.kind, newer.code or self.code,
                     tuple(dict.fromkeys(self.aliases + newer.aliases)), newer.role or self.role,
                     newer.parent or self.parent)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "code": self.code,
                "aliases": list(self.aliases), "role": self.role, "parent": self.parent}


@dataclass(frozen=True)
class Article:
    """A source text. ``id`` is the content hash, so the same text is one article."""

    id: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    path: str | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "date": self.date.isoformat() if self.date else None,
                "source": self.source, "path": self.path, "language": self.language}


@dataclass(frozen=True)
class Provenance:
    """Where an event was read: the article, its sentence and span, and the rule that fired."""

    rule: str
    article: str | None = None
    source: str | None = None
    sentence: str | None = None
    span: tuple[int, int] | None = None

    @cached_property
    def key(self) -> str:
        """A hash of all fields: the same report of the same event is stored once."""
        return provenance_key(self.rule, self.article, self.source, self.sentence, self.span)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "article": self.article, "source": self.source,
                "sentence": self.sentence, "span": list(self.span) if self.span else None}


# How two reports of one event combine (the one home of the rule: Event.merged, and both stores'
# writes, SQL and Cypher, are built from it): the highest confidence, the first known place, date text, mode.
MERGE_RULES = {"confidence": "max", "place": "first", "date_text": "first", "mode": "first"}


def merge_fields(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The :data:`MERGE_RULES` fields of an event already known (`old`) and a new report of it (`new`)."""
    return {f: (max(old[f], new[f]) if rule == "max" else old[f] or new[f]) for f, rule in MERGE_RULES.items()}


@dataclass(frozen=True)
class Event:
    """One typed event between actors (by actor id), with date, place and provenance.

    The id is a hash of what the event asserts (type, actors, day, negation), so
    the same event read from two articles is one event with two provenance
    entries. An undated event cannot be matched across articles, so its id also
    includes the article it came from.

    ``origin`` names the event dataset an event was loaded from (``"gdelt"``,
    ``"icews"``, ``"polecat"``); None for events read from articles and statements.
    ``attrs`` keeps the dataset's own measures beside ours (GDELT ``num_mentions``,
    ``avg_tone``, the dataset's Goldstein or intensity, its code).
    """

    type: str
    source: str | None = None
    target: str | None = None
    participants: tuple[str, ...] = ()
    date: dt.date | None = None
    date_text: str | None = None
    date_precision: str | None = None
    place: str | None = None
    negated: bool = False
    confidence: float = 1.0
    mode: str | None = None
    provenance: tuple[Provenance, ...] = field(default=(), compare=False)
    origin: str | None = None
    attrs: dict[str, Any] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "participants", tuple(sorted(set(self.participants))))
        if self.participants and (self.source or self.target):
            raise ValueError(f"{self.type}: give either source/target or participants, not both")
        if self.participants and len(self.participants) < 2:
            raise ValueError(f"{self.type}: needs at least two distinct participants")
        if not self.participants and not (self.source and self.target):
            raise ValueError(f"{self.type}: needs a source and a target, or participants")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"{self.type}: confidence {self.confidence} is outside [0, 1]")

    @property
    def symmetric(self) -> bool:
        return bool(self.participants)

    @property
    def actors(self) -> tuple[str, ...]:
        return self.participants if self.participants else (self.source, self.target)  # type: ignore[return-value]

    @cached_property
    def id(self) -> str:
        """The event's id (computed once; a store may set the id it keeps, see ``with_id``)."""
        anchor = None if self.date else (self.provenance[0].article or self.provenance[0].source
                                         if self.provenance else None)
        return event_id(self.type, self.source, self.target, list(self.participants),
                        self.date.isoformat() if self.date else None, self.negated, anchor, self.origin)

    def with_id(self, event_id: str) -> "Event":
        """This event, reporting `event_id` as its id without recomputing it (for stores that
        read back the id they stored: it is the same hash, and hashing 10k events costs time)."""
        self.__dict__["id"] = event_id
        return self

    def pairs(self) -> list[tuple[str, str]]:
        """The (u, v) actor-id pairs this event draws as graph edges."""
        if self.participants:
            return list(combinations(self.participants, 2))
        return [(self.source, self.target)]  # type: ignore[list-item]

    def merged(self, *others: "Event") -> "Event":
        """This event with the provenance of `others` (same id) added once each, keeping the
        highest confidence and the first known place, date text, mode and attrs."""
        seen = {p.key for p in self.provenance}
        provenance = list(self.provenance)
        for other in others:
            for p in other.provenance:
                if p.key not in seen:
                    seen.add(p.key)
                    provenance.append(p)
        fields = {f: getattr(self, f) for f in MERGE_RULES}
        for other in others:
            fields = merge_fields(fields, {f: getattr(other, f) for f in MERGE_RULES})
        attrs = self.attrs or next((o.attrs for o in others if o.attrs), None)   # the first known, like place
        return replace(self, provenance=tuple(provenance), attrs=attrs, **fields)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "source": self.source, "target": self.target,
                "participants": list(self.participants) or None,
                "date": self.date.isoformat() if self.date else None, "date_text": self.date_text,
                "date_precision": self.date_precision, "place": self.place, "negated": self.negated,
                "confidence": self.confidence, "mode": self.mode, "origin": self.origin, "attrs": self.attrs,
                "provenance": [p.to_dict() for p in self.provenance]}
