"""The extractor's knowledge as data: cue words (``schema.yaml`` and ``data/cues.yaml``) and
``data/lexicon.yaml``.

>>> lex = load_lexicon()
>>> ("MET", "verb", ()) in lex.cues["meet"]
True
>>> ("SANCTIONED", "verb", ("sanction",)) in lex.cues["widen"]
True
>>> lex.frame("CALLED_ON").verb_preps[:2]
('on', 'upon')
>>> ("THREATENED", ("not", "hesitate", "to", "act")) in lex.cue_phrases
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.schema import Schema, load_schema

__all__ = ["Lexicon", "Frame", "PhraseMatch", "load_lexicon", "inflections", "phrase_matches"]

DATA = Path(__file__).with_name("data") / "lexicon.yaml"
CUES = Path(__file__).with_name("data") / "cues.yaml"
_ARTICLES = ("a", "an", "the")
_NEGATION = ("not", "n't", "never")
_IRREGULAR = {
    "meet": ["met"], "hold": ["held"], "bring": ["brought"], "strike": ["struck", "stricken"],
    "send": ["sent"], "take": ["took", "taken"], "give": ["gave", "given"], "seek": ["sought"],
    "sit": ["sat"], "speak": ["spoke", "spoken"], "shoot": ["shot"], "lead": ["led"], "make": ["made"],
    "stand": ["stood"], "say": ["said"], "tell": ["told"], "fight": ["fought"], "begin": ["began", "begun"],
    "forbid": ["forbade", "forbidden"], "withdraw": ["withdrew", "withdrawn"], "undertake": ["undertook"],
    "shake": ["shook", "shaken"], "sign": [], "ring": ["rang"], "see": ["saw", "seen"], "come": ["came"],
    "keep": ["kept"], "deal": ["dealt"], "win": ["won"], "pay": ["paid"], "lay": ["laid"],
    "break": ["broke", "broken"], "blow": ["blew", "blown"], "throw": ["threw", "thrown"],
    "dispatch": ["dispatches"], "rush": ["rushes"], "clash": ["clashes"], "rally": ["rallied"],
}


def inflections(lemma: str) -> set[str]:
    """Likely surface forms of an English verb or noun lemma (for the pre-filter; over-generates)."""
    w = lemma.lower()
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ers"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing", w[:-1] + "ion", w[:-1] + "ions"}
    if w.endswith("y"):
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    out |= set(_IRREGULAR.get(w, []))
    if w.endswith("ize"):
        out |= inflections(w[:-3] + "ise")
    return out


class PhraseMatch(NamedTuple):
    """A ``phrases`` cue found in a parsed text: tokens ``start:end``, its type, and the
    index of the span's syntactic head (the token a reader takes the arguments from)."""

    start: int
    end: int
    type: str
    head: int


@dataclass(frozen=True)
class Frame:
    verb_preps: tuple[str, ...]
    noun_preps: tuple[str, ...]


@dataclass
class Lexicon:
    """Cues by head word, argument frames and the word lists of ``data/lexicon.yaml``.

    ``cues[head]`` lists ``(type, "verb"|"noun", extra_words)``: a multi-word cue
    ("hold talks", "call on") matches a head whose dependents include the extra words.
    """

    schema: Schema
    cues: dict[str, list[tuple[str, str, tuple[str, ...]]]]
    frames: dict[str, Frame]
    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[str, ...]]
    constraints: dict[str, dict]
    surface: frozenset[str] = field(default=frozenset())
    cue_phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    object_preps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    forms: dict[str, frozenset[str]] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    _matchers: dict[int, Matcher] = field(default_factory=dict, repr=False, compare=False)

    def phrase_matcher(self, vocab: Vocab) -> Matcher:
        """spaCy ``Matcher`` of the ``phrases`` cues (compiled once per vocabulary): one key per type."""
        matcher = self._matchers.get(id(vocab))
        if matcher is None:
            matcher = Matcher(vocab)
            by_type: dict[str, list[list[dict]]] = {}
            for etype, words in self.cue_phrases:
                by_type.setdefault(etype, []).append(phrase_pattern(words))
            for etype, patterns in by_type.items():
                matcher.add(etype, patterns, greedy="LONGEST")
            self._matchers[id(vocab)] = matcher
        return matcher

    def frame(self, etype: str) -> Frame:
        return self.frames.get(etype, Frame((), ()))

    def matches(self, listname: str, tok) -> bool:
        """True if a token's lemma or its surface form is one of the list's words. The small model
        lemmatises some verbs wrongly ("hoped" -> "hop"); the inflected forms catch those."""
        return tok.lemma_.lower() in self.words[listname] or tok.lower_ in self.forms[listname]


def _as_list(v) -> list[str]:
    return [str(x).strip().lower() for x in (v or [])]


def phrase_pattern(words: tuple[str, ...]) -> list[dict]:
    """Matcher token patterns of a phrase cue: lemmas, ``*`` any one token, articles optional,
    ``not`` also ``n't`` / ``never``.

    >>> phrase_pattern(("sound", "the", "alarm"))
    [{'LEMMA': 'sound'}, {'LOWER': {'IN': ['a', 'an', 'the']}, 'OP': '?'}, {'LEMMA': 'alarm'}]
    """
    out: list[dict] = []
    for w in words:
        if w == "*":
            out.append({})
        elif w in _ARTICLES:
            out.append({"LOWER": {"IN": list(_ARTICLES)}, "OP": "?"})
        elif w in _NEGATION:
            out.append({"LOWER": {"IN": list(_NEGATION)}})
        else:
            out.append({"LEMMA": w})
    return out


def phrase_matches(doc: Doc, lex: Lexicon | None = None) -> list[PhraseMatch]:
    """The ``phrases`` cues in a parsed ``doc``, in text order; a phrase never spans two sentences.

    The head is the span's syntactic root ("forced" in "forced their way into"); the reader takes
    the subject and objects of the event from it.
    """
    lex = lex or load_lexicon()
    if not lex.cue_phrases:
        return []
    out = []
    for key, start, end in lex.phrase_matcher(doc.vocab)(doc):
        span = doc[start:end]
        if doc.has_annotation("SENT_START") and span.sent.end < end:
            continue
        out.append(PhraseMatch(start, end, doc.vocab.strings[key], span.root.i))
    return sorted(out)


def _cue_sets(schema: Schema, cues_path: Path = CUES) -> list[tuple[str, str, list[str]]]:
    """(type, kind, cues) from ``schema.yaml`` and then ``data/cues.yaml``, dynamic types only."""
    out = []
    for name, rel in schema.relations.items():
        if not rel.static:
            out += [(name, "verb", rel.cues.verbs), (name, "noun", rel.cues.nouns), (name, "phrase", rel.cues.phrases)]
    extra = yaml.load(cues_path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}
    for name, spec in (extra.get("relations") or {}).items():
        rel = schema.relations.get(name)
        if rel is None:
            raise ValueError(f"{cues_path}: relations.{name}: not a relation type of schema.yaml")
        if not isinstance(spec, dict) or set(spec) - {"verbs", "nouns", "phrases"}:
            raise ValueError(f"{cues_path}: relations.{name}: expected verbs / nouns / phrases lists")
        if rel.static:
            continue
        for kind in ("verb", "noun", "phrase"):
            out.append((name, kind, _as_list(spec.get(kind + "s"))))
    return out


@lru_cache(maxsize=4)
def load_lexicon(schema_path: str | None = None, cues_path: str | None = None) -> Lexicon:
    """Compile the cues of ``schema.yaml`` and ``data/cues.yaml`` (or ``cues_path``) and
    ``data/lexicon.yaml`` (strings only: ``on``/``no`` stay words)."""
    schema = load_schema(schema_path)
    raw = yaml.load(DATA.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    cues: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    phrase_list: list[tuple[str, tuple[str, ...]]] = []
    surface: set[str] = set()
    for name, kind, items in _cue_sets(schema, Path(cues_path) if cues_path else CUES):
        for cue in items:
            if kind == "phrase":
                words = cue.lower().split()
                if words and (name, tuple(words)) not in phrase_list:
                    phrase_list.append((name, tuple(words)))
                    # a match needs every word: the longest (rarest) one suffices for the pre-filter
                    surface |= inflections(max((w for w in words if w != "*"), key=len))
                continue
            words = [w for w in cue.split() if w not in _ARTICLES]
            if not words:
                continue
            if kind == "noun" and "of" in words[1:]:
                i = words.index("of")
                head, extra = words[i - 1], tuple(words[:i - 1]) + ("of",) + tuple(words[i + 1:])
            elif kind == "noun":
                head, extra = words[-1], tuple(words[:-1])
            elif words[0] == "not" and len(words) > 1:   # "not abandon": the negated verb
                head, extra = words[1], ("not",) + tuple(words[2:])
            else:
                head, extra = words[0], tuple(words[1:])
            entry = (name, kind, extra)
            cues.setdefault(head, [])
            if entry not in cues[head]:
                cues[head].append(entry)
            surface |= inflections(head)
    frames = {k: Frame(tuple(_as_list(v.get("verb_preps"))), tuple(_as_list(v.get("noun_preps"))))
              for k, v in raw.get("frames", {}).items()}
    words: dict[str, frozenset[str]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        if isinstance(value, list):
            items = _as_list(value)
            words[key] = frozenset(items)
            phrases[key] = tuple(sorted(items, key=len, reverse=True))
    for key, value in (raw.get("alleged_acts") or {}).items():
        words[f"alleged_{key}"] = frozenset(_as_list(value))
    constraints = {}
    for word, spec in (raw.get("cue_constraints") or {}).items():
        constraints[word] = {
            "not_objects": frozenset(_as_list(spec.get("not_objects"))),
            "requires_objects": frozenset(_as_list(spec.get("requires_objects"))),
            "requires_object": str(spec.get("requires_object", "false")).lower() == "true",
            "requires_preps": frozenset(_as_list(spec.get("requires_preps"))),             # of the verb
            "noun_requires_preps": frozenset(_as_list(spec.get("noun_requires_preps"))),   # of the noun
            "not_with_deps": frozenset(_as_list(spec.get("not_with_deps"))),
            "requires_deps": frozenset(_as_list(spec.get("requires_deps"))),
            "not_act_objects": str(spec.get("not_act_objects", "false")).lower() == "true",
        }
    object_preps = {k: tuple(_as_list(v)) for k, v in (raw.get("object_content") or {}).items()}
    forms = {k: frozenset(f for word in v if " " not in word for f in inflections(word)) for k, v in words.items()}
    numbers = {k: int(v) for k, v in (raw.get("numbers") or {}).items()}
    return Lexicon(schema, cues, frames, words, phrases, constraints, frozenset(surface), tuple(phrase_list),
                   object_preps, forms, numbers)
