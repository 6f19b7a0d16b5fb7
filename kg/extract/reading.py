"""What the reader finds in a sentence: actor mentions and readings (a typed event before dating)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.model import Actor

__all__ = ["Mention", "Reading"]


@dataclass
class Mention:
    start: int
    end: int
    actors: tuple[Actor, ...]
    kind: str = "name"        # name | person | discourse


@dataclass
class Reading:
    type: str
    source: Actor | None = None
    target: Actor | None = None
    participants: tuple[Actor, ...] = ()
    trigger: Token | None = None
    negated: bool = False
    mode: str | None = None
    rule: str = ""
    confidence: float = 0.8
    place: str | None = None
    extra_tokens: tuple[Token, ...] = field(default=())

    def codes(self) -> tuple:
        if self.participants:
            return tuple(sorted({a.code for a in self.participants}))
        return (self.source.code, self.target.code)
