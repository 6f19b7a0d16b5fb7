"""Small helpers over spaCy's dependency tree, shared by the reader's steps."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["NOUN", "VERB", "ADJ_CUE", "REL_PRONOUNS", "dated_prep", "clause_verb", "governing_verb"]

NOUN = ("NOUN", "PROPN")
VERB = ("VERB", "AUX")
ADJ_CUE = ("ADJ",)
REL_PRONOUNS = ("who", "which", "that", "whom")


def dated_prep(t: Token) -> bool:
    """A preposition introducing a date or time ("on Thursday"): not the particle of a phrasal cue."""
    return t.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in t.children)


def clause_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.pos_ in VERB and cur.i != tok.i:
            return cur
        if cur.head.i == cur.i:
            return cur if cur.pos_ in VERB else None
        cur = cur.head
    return None


def governing_verb(noun: Token) -> Token | None:
    """The verb a cue noun is the object of ("held talks", "emerged from their meeting")."""
    h = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass", "nsubj", "oprd") and h.pos_ in VERB:
        return h
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in VERB:
        return h.head
    if noun.dep_ == "conj":
        return governing_verb(h)
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in NOUN and h.head.dep_ in ("dobj", "pobj"):
        return governing_verb(h.head)
    return None
