"""Modality: is an event asserted, denied, planned, promised, threatened — or not asserted at all?

A pure function of the clause around a trigger and the lexicon (``data/lexicon.yaml``):

>>> from kg.extract.lexicon import load_lexicon
>>> from kg.extract.pipeline import load_nlp
>>> nlp, lex = load_nlp(), load_lexicon()
>>> doc = nlp("Ruritania will impose sanctions on Borduria if the talks fail.")
>>> modality(doc[2], "SANCTIONED", lex)
Modality(type='THREATENED', negated=False, mode='threat')
>>> doc = nlp("Ruritania hoped to restore ties with Borduria.")
>>> modality(doc[3], "NORMALIZED", lex) is None
True
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from .lexicon import Lexicon

__all__ = ["Modality", "modality", "alleged"]

_VERB = ("VERB", "AUX")
_NOUN = ("NOUN", "PROPN")


class Modality(NamedTuple):
    type: str
    negated: bool
    mode: str | None


def modality(anchor: Token, etype: str, lex: Lexicon, noun: Token | None = None) -> Modality | None:
    """The type, negation and mode of an event of type `etype` anchored at `anchor` (its verb, or the
    verb governing its noun `noun`), or None when the clause does not assert it (a wish, a purpose, a
    condition, an allegation).

    - MET in the future or planned is PLANS_TO_MEET;
    - SUPPORTED / AIDED in the future or committed to ("ready to send aid") is PROMISED;
    - SANCTIONED / ATTACKED in the future or under a condition ("will impose sanctions if") is THREATENED;
    - statements in the future ("will demand that") stay what they are;
    - anything else that is future, planned, hoped for or hypothetical is not asserted.
    """
    w = lex.words
    negated = future = planned = committed = irrealis = agreed = False
    if noun is not None and alleged(noun, lex):
        return None         # "condemned X for its strikes on Y": the blamed act is not a reported fact
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in w["negating_preps"]:
        negated = True      # "the talks ended without a deal"
    for t in [anchor] + ([noun] if noun is not None else []):
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in w["negators"]):
                negated = True
            f, i = _auxiliary(c, lex)
            future, irrealis = future or f, irrealis or i
            if c.dep_ == "amod" and noun is not None and t.i == noun.i and c.lower_ in w["future_governors"]:
                future = True
    cur, steps = anchor, 0
    while cur.dep_ != "ROOT" and steps < 6:          # governors up the tree, up to the statement verb
        steps += 1
        head = cur.head
        lem = head.lemma_.lower()
        if alleged(cur, lex):
            return None     # "accused X of attacking Y": the act is alleged, not reported
        if cur.dep_ == "ccomp" and lex.matches("speech_verbs", head):
            break
        if cur.dep_ in ("acl", "advcl") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children) \
                and etype not in ("PROMISED", "THREATENED"):
            if lex.matches("commitment_nouns", head) and etype.lower() in w["commitment_types"]:
                committed = True   # "in a position to ship grain to X"
                cur = head
                continue
            irrealis = True     # "an initiative to normalize relations": a purpose, not a fact
            break
        if cur.dep_ in ("relcl", "acl", "advcl", "parataxis"):
            if any(alleged(a, lex) for a in cur.ancestors):
                return None     # "accused X of harbouring fighters who attack Y": all of it is alleged
            break
        if cur.dep_ == "conj" and head.pos_ in _VERB:
            # a coordinated verb shares its first conjunct's governors and auxiliaries, not its negation:
            # "rejected the claims and warned X" is no negated warning; "would condemn ... and deliver aid"
            # is a future delivery
            for c in head.children:
                f, i = _auxiliary(c, lex)
                future, irrealis = future or f, irrealis or i
            cur = head
            continue
        if cur.dep_ in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "acomp", "dobj", "conj") or head.pos_ == "ADP":
            if lex.matches("negating_governors", head):
                negated = True
            elif lex.matches("commitment_governors", head) and etype.lower() in w["commitment_types"]:
                committed = True
            elif lex.matches("agreement_governors", head):
                agreed = True       # "agreed to restore ties" asserts the restoration; "agreed to meet" plans
            elif lex.matches("future_governors", head) and lem not in w["sequence_words"]:
                planned = True
            elif lex.matches("irrealis_governors", head):
                irrealis = True
            for c in head.children:
                if c.dep_ == "aux" and c.lower_ in w["modal_auxiliaries"] and cur.dep_ == "xcomp":
                    irrealis = True
                if c.dep_ == "neg" and lex.matches("negating_governors", head):
                    negated = not negated
        cur = head
    if etype == "MET" and agreed:
        planned = True
    return _decide(etype, negated, future, planned, committed, irrealis, lex)


def _auxiliary(c: Token, lex: Lexicon) -> tuple[bool, bool]:
    """(future, irrealis) contributed by one dependent: "will", "could", "if"."""
    w = lex.words
    if c.dep_ in ("aux", "auxpass"):
        if c.lower_ in w["future_auxiliaries"] or c.lemma_.lower() in w["future_auxiliaries"]:
            return True, False
        if c.lower_ in w["modal_auxiliaries"]:
            return False, True
    if c.dep_ == "mark" and c.lower_ in w["condition_marks"]:
        return False, True
    return False, False


def _decide(etype, negated, future, planned, committed, irrealis, lex: Lexicon) -> Modality | None:
    w = lex.words
    low = etype.lower()
    if etype == "MET":
        if future or planned:
            return Modality("PLANS_TO_MEET", negated, "planned")
        return None if irrealis else Modality("MET", negated, None)
    if etype in ("PLANS_TO_MEET", "PROMISED", "THREATENED"):
        if irrealis and not (future or planned):
            return None
        return Modality(etype, negated, None)
    if low in w["commitment_types"] and (committed or (future and not irrealis)):
        return Modality("PROMISED", negated, "commitment")
    if low in w["threat_types"] and future:
        return Modality("THREATENED", negated, "threat")   # "will impose sanctions (if ...)"
    if low in w["statement_types"] and future and not irrealis:
        return Modality(etype, negated, "announced")       # "will demand that ..."
    if irrealis or future or planned:
        return None
    return Modality(etype, negated, None)


def alleged(cur: Token, lex: Lexicon) -> bool:
    """True if `cur` is the complement of an allegation or reason: "accused X [of attacking Y]",
    "criticised X [for supplying arms to Y]", "alleged [that X shelled Y]"."""
    w = lex.words
    head = cur.head
    if cur.dep_ in ("pcomp", "pobj") and head.pos_ == "ADP" and head.lower_ in w["allegation_preps"] \
            and head.dep_ == "prep":
        gov = head.head
    elif cur.dep_ == "ccomp":
        gov = head
    else:
        return False
    if cur.dep_ == "pobj" and not (cur.pos_ in _NOUN and lex.cues.get(cur.lemma_.lower())):
        return False
    types = {e for e, _k, _x in lex.cues.get(gov.lemma_.lower(), ())}
    return bool(types & {t.upper() for t in w["allegation_types"]})
