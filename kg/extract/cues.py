"""Cues: which tokens trigger which relation type, from the cue words of ``schema.yaml``.

A step of :class:`kg.extract.events.SentenceReader` (a mixin): a head word matched with its required
dependents ("hold talks", "call on"), the cue constraints of ``data/lexicon.yaml`` ("strike a deal" is no
attack) and two cue-level properties: mutual acts and telephone meetings.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .syntax import ADJ_CUE, NOUN, VERB, dated_prep, governing_verb

__all__ = ["Cues"]


class Cues:
    """Match cue words (``_matches``) and check their constraints (``_constraints_ok``)."""

    def _matches(self, tok: Token):
        lex = self.lex
        keys = dict.fromkeys((tok.lemma_.lower(), tok.lower_))
        best: list[tuple[str, str, tuple, list[Token]]] = []
        for key in keys:
            for etype, kind, extra in lex.cues.get(key, ()):
                if kind == "verb" and tok.pos_ not in VERB + ADJ_CUE:
                    continue
                if kind == "noun" and tok.pos_ not in NOUN:
                    continue
                got = self._extra(tok, extra, kind)
                if got is None:
                    continue
                best.append((etype, kind, extra, got))
        if not best:
            return []
        top = max(len(b[2]) for b in best)
        return [b for b in best if len(b[2]) == top]

    def _extra(self, tok: Token, extra: tuple[str, ...], kind: str):
        if not extra:
            return []
        found: list[Token] = []
        if kind == "noun":
            if "of" in extra:
                i = extra.index("of")
                need_mod, need_obj = extra[:i], extra[i + 1:]
                objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]
                if not any(o.lemma_.lower() in need_obj or o.lower_ in need_obj for o in objs):
                    return None
                extra = need_mod
            mods = {c.lemma_.lower() for c in tok.children} | {c.lower_ for c in tok.children}
            if tok.i > 0:
                mods.add(tok.doc[tok.i - 1].lower_)
            return found if all(w in mods for w in extra) else None
        near = list(tok.children) + [g for c in tok.children for g in c.children]
        for w in extra:
            if w == "not":
                if not any(c.dep_ == "neg" for c in tok.children):
                    return None
                continue
            hit = next((t for t in near if (t.lemma_.lower() == w or t.lower_ == w) and not dated_prep(t)), None)
            if hit is None:
                return None
            found.append(hit)
        return found

    def _constraints_ok(self, tok: Token, etype: str, extra: tuple, kind: str = "verb") -> bool:
        spec = self.lex.constraints.get(tok.lemma_.lower())
        if not spec or extra:
            return True
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
        objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if tok.dep_ in ("amod", "acl", "relcl") and tok.head.pos_ in NOUN:
            objs.append(tok.head)
        lemmas = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
        if spec["not_objects"] & lemmas:
            return False
        if spec["requires_objects"] and not (spec["requires_objects"] & lemmas):
            return False
        if spec["requires_object"] and not objs:
            return False
        if spec.get("not_act_objects") and any(self._names_act(o) for o in objs):
            return False
        if spec.get("requires_deps") and kind == "verb" and not any(c.dep_ in spec["requires_deps"] for c in tok.children):
            return False
        if spec.get("not_with_deps") and kind == "verb" and any(c.dep_ in spec["not_with_deps"] for c in tok.children):
            return False        # "called the move unjustified", "called X to say": not a phone call
        preps = spec.get("requires_preps") if kind == "verb" else spec.get("noun_requires_preps")
        if preps and not any(c.dep_ in ("prep", "agent", "prt") and c.lower_ in preps for c in tok.children):
            return False
        return True

    def _names_act(self, tok: Token) -> bool:
        """True if a noun names an act or a decision rather than an actor ("the statement", "the deal")."""
        w = self.lex.words
        lemma = tok.lemma_.lower()
        return tok.pos_ in NOUN and self._mention_map.get(tok.i) is None and (
            lemma in w["act_nouns"] or lemma in w["generic_act_nouns"] or lemma in w["proposal_nouns"]
            or any(k == "noun" for _e, k, _x in self.lex.cues.get(lemma, ())))

    def _reciprocal(self, trig: Token) -> bool:
        """A mutual act of its coordinated subjects: "accused each other", "exchanged fire", "clashed"."""
        text = trig.doc[trig.i:min(trig.i + 5, trig.sent.end)].text.lower()
        gov = governing_verb(trig) if trig.pos_ in NOUN else None
        heads = {trig.lemma_.lower(), gov.lemma_.lower() if gov is not None else ""}
        return any(r in text for r in self.lex.words["reciprocals"]) or bool(heads & self.lex.words["reciprocal_heads"])

    def _by_phone(self, trig: Token) -> bool:
        """A conversation by telephone: "phoned", "held a phone call", "spoke by telephone"."""
        words = self.lex.words["phone_words"]
        if trig.pos_ == "VERB" and trig.lemma_.lower() in self.lex.words["phone_verbs"]:
            return True
        near = [trig, *trig.children, *(g for c in trig.children for g in c.children)]
        return any(t.lower_ in words or t.lemma_.lower() in words for t in near)

    def _phrase_cues(self, sent: Span) -> list[tuple[str, Span, Token]]:
        """The multi-word ``phrases`` cues in a sentence ("hit out at", "ready to take further steps"):
        (type, the phrase's tokens, its syntactic head)."""
        matcher = self.lex.phrase_matcher(sent.doc.vocab)
        out = []
        for key, start, end in matcher(sent):
            span = sent[start:end]
            out.append((sent.doc.vocab.strings[key], span, span.root))
        return out
