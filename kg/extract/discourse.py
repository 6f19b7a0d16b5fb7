"""What an article has said so far: the state that resolves "he", "this regime", "the two sides".

One :class:`Discourse` lives for one article; the extractor updates it sentence by sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Actor, person_of
from kg.registry import normalize_name

__all__ = ["Discourse", "Fact"]


@dataclass
class Fact:
    """An event read earlier in the article, for anaphora ("the talks", "other meetings will follow")."""

    type: str
    actors: tuple[Actor, ...]
    date: object = None
    n: int = 0                        # the sentence it was read in
    source: Actor | None = None       # the agent of a directed act ("the strikes" -> who struck)


@dataclass
class Discourse:
    last_person: Actor | None = None          # he / she
    last_thing: Actor | None = None           # it / its
    last_speaker: Actor | None = None
    last_igo: Actor | None = None
    pair: tuple[Actor, ...] = ()              # "the two sides"
    pair_n: int = -1                          # the sentence the pair was last seen in
    body: Actor | None = None                 # the organisation whose own meeting was last reported
    body_n: int = -1
    by_word: dict[str, Actor] = field(default_factory=dict)   # "regime" -> SYR, "opposition" -> SYR-OPP
    facts: list[Fact] = field(default_factory=list)
    proposals: list[Fact] = field(default_factory=list)   # "X proposed a plan": a later "the plan" -> X
    names: dict[str, Actor | None] = field(default_factory=dict)   # "cho" -> Cho Tae-yul (None: ambiguous)
    states: dict[str, int] = field(default_factory=dict)           # mentions per state code (focus country)
    last_state: Actor | None = None
    _state_actors: dict[str, Actor] = field(default_factory=dict)

    def note_person(self, actor: Actor, parts) -> None:
        """Remember a person under each part of the name, for a later bare "Cho" or "Tamim" (the
        person once placed, when an unplaced name is placed later in the article)."""
        for part in parts:
            key = normalize_name(part)      # "Lajčák" and "Lajcak" are one name
            known = self.names.get(key)
            if key not in self.names or (known is not None and person_of(known.id) == person_of(actor.id)
                                         and actor.code):
                self.names[key] = actor
            elif known is not None and person_of(known.id) != person_of(actor.id):
                self.names[key] = None      # two people share it: never guess

    def person_named(self, text: str) -> Actor | None:
        """The one person of this article whose name is or contains `text` (one word)."""
        return self.names.get(normalize_name(text))

    def focus_state(self) -> Actor | None:
        """The state this article is about: mentioned at least twice and clearly more than any other."""
        if not self.states:
            return None
        ranked = sorted(self.states.items(), key=lambda kv: -kv[1])
        top = ranked[0][1]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if top < 2 or (second and top < max(second + 2, 1.5 * second)):
            return None     # no clear focus: never guess between two states
        code = ranked[0][0]
        return self._state_actors.get(code)

    def note_state(self, state: Actor) -> None:
        """Count a mention of `state` or of one of its officials or bodies."""
        self.states[state.code] = self.states.get(state.code, 0) + 1
        self._state_actors[state.code] = state
        self.last_state = state

    def note_actor(self, actor: Actor, head_word: str | None = None) -> None:
        if actor.kind == "person":
            self.last_person = actor
            return
        if actor.kind == "igo":
            self.last_igo = actor
        self.last_thing = actor
        if head_word:
            self.by_word[head_word] = actor
        if actor.kind == "opposition":
            self.by_word.setdefault("opposition", actor)
            self.by_word["opposition"] = actor

    def note_pair(self, actors, n: int = -1) -> None:
        codes = {a.code for a in actors if a.code}
        if len(codes) == 2:
            self.pair = tuple(actors)
            self.pair_n = max(n, self.pair_n)

    def note_body(self, body: Actor, n: int) -> None:
        """An organisation met on its own ("the G7 leaders held a video call"): a later "they" or
        "the leaders" is that body."""
        self.body, self.body_n = body, n

    def group(self) -> list[Actor]:
        """What "they" / "the leaders" refers to: the body of the last own meeting, or the last pair,
        whichever was seen last."""
        if self.body is not None and self.body_n >= self.pair_n:
            return [self.body]
        return list(self.pair)

    def last_fact(self, *types: str) -> Fact | None:
        for f in reversed(self.facts):
            if f.type in types and f.source is None:
                return f
        return None

    def last_mediation(self) -> tuple[Actor, ...]:
        """The mediator and parties of the last mediation read ("a deal brokered by X" between A and B)."""
        for f in reversed(self.facts):
            if f.type == "MEDIATED" and f.source is not None:
                same = [g for g in self.facts if g.type == "MEDIATED" and g.n == f.n and g.source is f.source]
                return tuple(dict.fromkeys([f.source, *(g.actors[1] for g in same)]))
        return ()

    def recent_proposal(self, n: int, window: int, same_sentence: bool = False) -> Fact | None:
        """The proposers of the last proposal named at most `window` sentences before sentence `n`."""
        for f in reversed(self.proposals):
            if n - f.n > window:
                return None
            if f.n < n or (same_sentence and f.n == n):
                return f
        return None

    def recent_act(self, types, n: int, window: int) -> Fact | None:
        """The last act of one of `types` read at most `window` sentences before sentence `n`."""
        for f in reversed(self.facts):
            if n - f.n > window:
                return None
            if f.type in types and f.n < n:
                return f
        return None
