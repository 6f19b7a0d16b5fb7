"""References: the actors a noun phrase or a pronoun refers to.

A step of :class:`kg.extract.events.SentenceReader` (a mixin sharing its state): names, coordinations,
appositions, modifiers ("the Turkish foreign minister"), group words ("the regime"), pair references
("both sides") and pronouns resolved against the sentence and the article's :class:`Discourse`.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.model import Actor

from .syntax import NOUN, clause_verb

__all__ = ["References"]


class References:
    """Resolve a noun phrase or pronoun to actors (``actors``)."""

    def actors(self, tok: Token, _depth: int = 0, conj: bool = True) -> list[Actor]:
        """The actors a noun phrase headed by `tok` refers to (coordination expanded)."""
        if _depth > 4 or tok.i in self._visiting:
            return []
        self._visiting.add(tok.i)
        try:
            return self._actors(tok, _depth, conj)
        finally:
            self._visiting.discard(tok.i)

    def _actors(self, tok: Token, _depth: int, conj: bool) -> list[Actor]:
        found: list[Actor] = []
        m = self._mention_map.get(tok.i)
        lower = tok.lower_
        lex = self.lex
        if m is not None:
            found += m.actors
            # a composite mention ("Laotian officials") may head modifiers outside it ("Vietnamese and ...")
            for c in tok.children if m.kind != "person" else ():
                if (c.i < m.start or c.i >= m.end) and c.dep_ in ("amod", "compound", "poss", "nmod") \
                        and c.lemma_.lower() not in lex.words["description_nouns"]:
                    mods = self.actors(c, _depth + 1)     # not "NATO-member Norway": a description
                    if m.actors[0].kind in ("armed_group", "opposition"):
                        # "Sudan's RSF", "Lebanon's Hezbollah": the country says where the group is
                        mods = [a for a in mods if a.kind != "state"]
                    found += mods
        elif (pair := self._pair_ref(tok)) is not None:
            found += pair
        elif lower in lex.words["reciprocals"] or (lower == "each" and tok.nbor(1).lower_ == "other"):
            pass
        elif tok.pos_ == "PRON" or lower in lex.words["person_pronouns"] | lex.words["thing_pronouns"]:
            found += self._pronoun(tok)
        elif tok.pos_ in NOUN or tok.pos_ == "ADJ" or tok.pos_ == "NUM":
            found += self._inner(tok, _depth)
        if conj:
            for c in tok.children:
                if c.dep_ == "conj":
                    found += self.actors(c, _depth + 1)
                elif c.dep_ == "appos":
                    # "Pakistan, a key U.S. ally": a description of a named actor adds no one
                    if m is not None and c.pos_ == "NOUN" and self._mention_map.get(c.i) is None:
                        continue
                    found += self.actors(c, _depth + 1)
        return list(dict.fromkeys(found))

    def _inner(self, tok: Token, depth: int) -> list[Actor]:
        lex = self.lex
        found: list[Actor] = []
        det = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss", "nummod", "predet")}
        lemma = tok.lemma_.lower()
        if lemma in lex.words["setting_nouns"] or tok.lower_ in lex.words["setting_nouns"]:
            return []       # "on the sidelines of the UN General Assembly": a setting, not an actor
        if lemma in lex.words["organisation_references"] and det & lex.words["demonstratives"] and self.dis.last_igo:
            return [self.dis.last_igo]
        described = False
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod", "appos"):
                if c.dep_ == "amod" and c.lower_.endswith("-based"):
                    continue
                mods = self.actors(c, depth + 1)
                found += mods
                described = described or (bool(mods) and c.dep_ == "amod")
        if lemma in lex.words["posting_nouns"] and any(a.kind == "state" for a in found):
            # "Iran's UN envoy": the organisation is where the envoy serves, the state whom they speak for
            found = [a for a in found if a.kind != "igo"]
        for c in tok.children:
            # "key global players, including Russia and China": the members named
            if c.dep_ == "prep" and c.lower_ in lex.words["member_preps"] and tok.tag_ in ("NNS", "NNPS"):
                found += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g, depth + 1)]
        suffix = self.group_words.get(lemma) or self.group_words.get(tok.lower_)
        if suffix and not found:
            # "refugees in Liberia", "the people of Gaza", "the opposition in Belarus": the state's group
            states = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in lex.words["group_preps"]
                      for g in c.children if g.dep_ == "pobj" for a in self.actors(g, depth + 1) if a.kind == "state"]
            verb = clause_verb(tok) if not states and tok.dep_ == "pobj" else None
            if verb is not None:    # the parser hangs the place on the verb: "sent aid to refugees in X"
                states = [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and c.i > tok.i
                          for g in c.children if g.dep_ == "pobj" for a in self.actors(g, depth + 1)
                          if a.kind == "state"]
            groups = [grp for a in states if (grp := self.reg.domestic_group(a.code, suffix)) is not None]
            if groups:
                return groups
        for c in tok.children:
            # "the Turkish and Greek sides of Cyprus": the whole the parts belong to is no party
            if c.dep_ == "prep" and c.lower_ in ("of", "from") and not described:
                for g in c.children:
                    if g.dep_ == "pobj":
                        found += self.actors(g, depth + 1)
        if not found:
            # "depots used by Ukrainian forces", "buildings housing Hamas officials": a facility stands for
            # its users — never for the place it is in
            for c in tok.children:
                if c.dep_ == "acl" and self.lex.matches("facility_link_verbs", c):
                    found += [a for g in c.children if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj"
                              for a in self.actors(p, depth + 1)]
                    found += [a for g in c.children if g.dep_ == "dobj" and c.tag_ == "VBG"
                              for a in self.actors(g, depth + 1)]
        if found:
            return found
        # "this regime", "the opposition": the last actor named with that word
        if lemma in self.group_words or lemma in self.dis.by_word:
            if lemma in self.dis.by_word and (det & lex.words["demonstratives"] or lemma == "opposition"
                                              or tok.dep_ == "compound"):
                return [self.dis.by_word[lemma]]
        if tok.dep_ == "compound" and lemma in self.dis.by_word:
            return [self.dis.by_word[lemma]]
        # a bare "the army" / "the government" in an article about one country: that country
        if lemma in lex.words["bare_state_bodies"] and det == {"the"} and tok.tag_ in ("NN", "NNS") \
                and not any(c.dep_ in ("amod", "compound", "prep", "relcl", "acl") for c in tok.children):
            focus = self.dis.focus_state()
            if focus is not None:
                body = self.reg.resolve(tok.lower_, context=focus.code)
                return [body if body is not None and body.code == focus.code else focus]
        for c in tok.children:     # "opposition leaders"
            if c.dep_ == "compound" and c.lemma_.lower() in self.dis.by_word:
                return [self.dis.by_word[c.lemma_.lower()]]
        # "the two leaders", "both nations", "the leaders": the last pair
        if (lemma in lex.words["group_role_nouns"] or lemma in lex.words["pair_nouns"])\
                and tok.tag_ in ("NNS", "NNPS") and ({"the", "both", "two", "their"} & det or tok.dep_ == "nsubj"):
            return self.dis.group() if lemma in lex.words["group_role_nouns"] else list(self.dis.pair)
        return []

    def _antecedent(self, head: Token, pron: Token) -> bool:
        """Can the mention ending at `head` be what the pronoun `pron` points back to? Not a place
        ("strikes in Pakistan ... after it attacked"), nor the modifier of a thing ("the UN Charter"), nor
        the owner of the phrase the pronoun is in ("Iran's strikes on its territory")."""
        if head.dep_ == "compound" and head.head.pos_ in NOUN and self._mention_map.get(head.head.i) is None:
            return False
        if head.dep_ in ("poss", "amod", "compound") and pron in head.head.subtree:
            return False
        return not (head.dep_ == "pobj" and head.head.lower_ in self.lex.words["place_preps"]
                    and head.head.head.pos_ in NOUN)

    def _pair_ref(self, tok: Token):
        text = tok.doc[tok.i:tok.i + 4].text.lower()
        for ref in self.lex.phrases["pair_references"]:
            if text.startswith(ref) and self.dis.pair:
                return list(self.dis.pair)
        for ref in self.lex.phrases["group_references"]:
            if text.startswith(ref) and self.dis.group():
                return self.dis.group()
        return None

    def _pronoun(self, tok: Token) -> list[Actor]:
        lex = self.lex
        lower = tok.lower_
        if lower in lex.words["first_person_pronouns"]:
            sp = self.speaker
            if sp is not None:
                return [sp]
            return []
        if lower in lex.words["person_pronouns"]:
            # "his country" / "his government": the speaker's state
            if f"{lower} {tok.head.lower_}" in lex.words["speaker_country_references"]:
                p = self.speaker or self.dis.last_person
                if p is not None and p.kind != "person":
                    return [p]
                st = self.reg.get(p.code) if p is not None and p.code else None
                return [st] if st is not None else []
            for i in range(tok.i - 1, tok.sent.start - 1, -1):
                m = self._mention_map.get(i)
                if m is not None and len(m.actors) == 1 and m.actors[0].kind == "person" and m.actors[0].code:
                    return [m.actors[0]]
            return [self.dis.last_person] if self.dis.last_person is not None else []
        if lower in lex.words["thing_pronouns"]:
            # the subject of the governing verb ("Ankara renewed its promises"), else the nearest
            # preceding organisation or state in the sentence, else the last one in the article
            verb = clause_verb(tok)
            judged = verb is not None and tok.head.dep_ == "dobj" and any(
                e.lower() in self.lex.words["judging_types"] for e, _k, _x in self.lex.cues.get(verb.lemma_.lower(), ()))
            if judged and self.dis.last_thing is not None:
                return [self.dis.last_thing]   # "Kabul condemned its attack": the attacker named before
            if verb is not None and tok.dep_ == "poss":
                for c in verb.children:
                    # not the subject that contains the pronoun: "Iran's strikes on its territory"
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i and tok not in c.subtree:
                        subj = [a for a in self.actors(c, 1) if a.kind != "person"]
                        if subj:
                            return subj[:1]
                if verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                    # "X has refused ... and has urged its citizens": the subject of the first conjunct
                    subj = [a for a in self._subjects(verb) if a.kind != "person"]
                    if subj:
                        return subj[:1]
            head = tok.head
            if tok.dep_ == "nsubj" and head.lemma_.lower() in lex.words["speech_verbs"] and any(
                    c.dep_ == "ccomp" and c.i < tok.i for c in head.children):
                # '"...," it said': the speaker was named before the quotation, not inside it
                return [self.dis.last_thing] if self.dis.last_thing is not None else []
            for i in range(tok.i - 1, tok.sent.start - 1, -1):
                m = self._mention_map.get(i)
                if m is not None and len(m.actors) == 1 and m.actors[0].kind not in ("person", "world") \
                        and i == m.start and self._antecedent(tok.doc[m.end - 1], tok):
                    return [m.actors[0]]
            return [self.dis.last_thing] if self.dis.last_thing is not None else []
        if lower in lex.words["plural_pronouns"]:
            # the nearest plural noun phrase before it in the sentence that names actors
            for i in range(tok.i - 1, tok.sent.start - 1, -1):
                t = tok.doc[i]
                if t.tag_ in ("NNS", "NNPS") and t.dep_ not in ("compound", "poss"):
                    return self.actors(t, 1)   # the antecedent, even if it names no actor
            verb = clause_verb(tok)
            if verb is not None and tok.dep_ == "poss":
                for c in verb.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        subj = self.actors(c, 1)
                        if len({a.code for a in subj}) >= 2:
                            return subj
            return self.dis.group()
        return []
