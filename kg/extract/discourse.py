"""What an article has said so far: the state that resolves "he", "this regime", "the two sides".

One :class:`Discourse` lives for one article; the extractor updates it sentence by sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.model import Actor

__all__ = ["Discourse", "Fact"]


@dataclass
class Fact:
    """An event read earlier in the article, for anaphora ("the talks", "other meetings will follow")."""

    type: str
    actors: tuple[Actor, ...]
    date: object = None


@dataclass
class Discourse:
    last_person: Actor | None = None          # he / she
    last_thing: Actor | None = None           # it / its
    last_speaker: Actor | None = None
    last_igo: Actor | None = None
    pair: tuple[Actor, ...] = ()              # "the two sides"
    by_word: dict[str, Actor] = field(default_factory=dict)   # "regime" -> SYR, "opposition" -> SYR-OPP
    facts: list[Fact] = field(default_factory=list)

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

    def note_pair(self, actors) -> None:
        codes = {a.code for a in actors if a.code}
        if len(codes) == 2:
            self.pair = tuple(actors)

    def last_fact(self, *types: str) -> Fact | None:
        for f in reversed(self.facts):
            if f.type in types:
                return f
        return None
