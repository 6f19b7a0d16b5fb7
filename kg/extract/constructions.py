"""Constructions: events asserted without an ordinary cue verb, and mediation.

A step of :class:`kg.extract.events.SentenceReader` (a mixin): praise and pejorative epithets, reported
demands ("X said Y must ..."), negative judgements ("called the strikes unprovoked"), dismissed
charges, alleged acts, remembered proposals, and MEDIATED events from mediator cues.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import Actor

from .discourse import Fact
from .modality import modality
from .reading import Reading
from .syntax import NOUN, VERB, clause_verb

__all__ = ["Constructions"]


class Constructions:
    """Read the constructions without a cue verb (``_special``) and mediation (``mediated``)."""

    def _note_proposals(self, sent: Span) -> None:
        """Remember who proposed a plan ("X proposed a plan", "X put forward an initiative", "X's proposal")."""
        w = self.lex.words
        n = self.sent_no
        for tok in sent:
            if tok.pos_ not in NOUN:
                continue
            if tok.lemma_.lower() not in w["proposal_nouns"] and not (
                    tok.dep_ == "dobj" and tok.head.lemma_.lower() in w["proposal_verbs"]):
                continue
            if self._mention_map.get(tok.i) is not None:
                continue
            who = [a for c in tok.children if c.dep_ in ("poss", "amod", "compound") for a in self.actors(c)]
            who += [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                    for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
            verb = tok.head
            if not who and tok.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" \
                    and verb.lemma_.lower() in w["proposing_verbs"]:
                who = self._subjects(verb) if tok.dep_ == "dobj" else \
                    [a for c in verb.children if c.dep_ == "agent" for g in c.children for a in self.actors(g)]
            who = [a for a in dict.fromkeys(who) if a.code]
            if who:
                self.dis.proposals.append(Fact("PROPOSAL", tuple(who), None, n, who[0] if len(who) == 1 else None))

    def _special(self, tok: Token) -> list[Reading]:
        """Every construction without a cue verb that `tok` may head, one method each."""
        out: list[Reading] = []
        for construction in (self._praise_attribute, self._pejorative_epithet, self._demand_modal,
                             self._negative_predicate, self._judgement, self._denied_involvement,
                             self._readiness, self._alleged_act, self._reported_wrongdoing):
            out += construction(tok)
        return out

    def _praise_attribute(self, tok: Token) -> list[Reading]:
        """"S: X is a strong ally of Y" → S supports X (without a speaker: X supports Y)."""
        if tok.lemma_.lower() not in self.lex.words["predicative_praise"] or tok.dep_ not in ("attr", "appos") \
                or tok.pos_ not in NOUN:
            return []
        subj = [a for c in tok.head.children if c.dep_ == "nsubj" for a in self.actors(c)] \
            if tok.dep_ == "attr" else self.actors(tok.head, conj=False)
        if not subj:
            return []
        if self.speaker is not None and self.speaker not in subj:
            return self._directed("SUPPORTED", [self.speaker], subj, tok, False, None, "praise-attribute", 0.6)
        of = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
        return self._directed("SUPPORTED", subj, of, tok, False, None, "praise-attribute", 0.6)

    def _pejorative_epithet(self, tok: Token) -> list[Reading]:
        """"S: ... Assad, the brutal dictator" → S criticised Assad."""
        if tok.lemma_.lower() not in self.lex.words["pejoratives"] or tok.dep_ not in ("appos", "attr") \
                or self.speaker is None:
            return []
        target = self.actors(tok.head, conj=False) if tok.dep_ == "appos" else \
            [a for c in tok.head.children if c.dep_ == "nsubj" for a in self.actors(c)]
        return self._directed("CRITICIZED", [self.speaker], target, tok, False, None, "pejorative-epithet", 0.6)

    def _demand_modal(self, tok: Token) -> list[Reading]:
        """"S said X must withdraw" → S called on X (a demand without a verb of demanding)."""
        w = self.lex.words
        if not (tok.pos_ in VERB and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in w["speech_verbs"]
                and any(c.dep_ == "aux" and c.lower_ in w["demand_modals"] for c in tok.children)
                and not any(c.dep_ == "neg" for c in tok.children)):
            return []
        targets = [a for c in tok.children if c.dep_ == "nsubj" and not self._we(c) for a in self.actors(c)]
        return self._directed("CALLED_ON", self._subjects(tok.head), targets, tok, False, None, "demand-modal", 0.6)

    def _negative_predicate(self, tok: Token) -> list[Reading]:
        """"S: the raids on Y were barbaric / a violation of our sovereignty" → S criticised the raiders."""
        if tok.lemma_.lower() != "be" or self.speaker is None or not any(
                c.dep_ in ("attr", "acomp") and self._negative(c) for c in tok.children):
            return []
        acts = [c for c in tok.children if c.dep_ == "nsubj" and self._names_act(c)]
        authors = [a for c in acts for a in self._act_targets(c, "CRITICIZED")]
        if modality(tok, "CRITICIZED", self.lex) is None:
            return []
        return self._directed("CRITICIZED", [self.speaker], authors, tok, False, None, "negative-predicate", 0.6)

    def _judgement(self, tok: Token) -> list[Reading]:
        """"X called the raids barbaric", "described the move as a provocation" → X criticised their author;
        "called the charges false" → X rejected the accusation (OPPOSED its author)."""
        w = self.lex.words
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in w["evaluation_verbs"]:
            return []
        preds = [c for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")]
        preds += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                  if g.dep_ == "pobj"]
        # the judged thing: the object, or the subject of a small clause ("called [the claims absurd]")
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [c for p in preds for c in p.children if c.dep_ == "nsubj"]
        if any(p.lemma_.lower() in w["dismissive_evaluations"] for p in preds) and any(
                o.lemma_.lower() in w["accusation_nouns"] for o in objs):
            accusers = [a for o in objs for a in self._act_targets(o, "OPPOSED")]
            return self._directed("OPPOSED", self._subjects(tok), accusers, tok, False, None,
                                  "dismissed-accusation", 0.6)
        if not any(self._negative(p) for p in preds):
            return []
        # "called it a cowardly Israeli attack": an author named in the judgement comes first
        targets = [a for p in preds if p.pos_ in NOUN for c in p.children
                   if c.dep_ in ("amod", "poss", "compound") for a in self.actors(c)]
        targets = targets or [a for o in objs for a in (self.actors(o) or self._act_targets(o, "CRITICIZED"))]
        mod = modality(tok, "CRITICIZED", self.lex)
        if mod is None:
            return []
        return self._directed("CRITICIZED", self._subjects(tok), targets, tok, mod.negated, None,
                              "negative-evaluation", 0.6)

    def _alleged_act(self, tok: Token) -> list[Reading]:
        """"S: ... X continues to commit atrocities" → S accused X."""
        w = self.lex.words
        if tok.lemma_.lower() not in w["alleged_verbs"] or tok.pos_ not in VERB:
            return []
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in w["alleged_nouns"] for c in tok.children):
            return []
        source = self.speaker or self._statement_source(tok)
        if source is None:
            return []
        return self._directed("ACCUSED", [source], self._subjects(tok), tok, False, None, "alleged-act", 0.6)

    def _reported_wrongdoing(self, tok: Token) -> list[Reading]:
        """"S said X was interfering in its affairs / was responsible for the massacre" → S accused X."""
        w = self.lex.words
        clause = tok
        while clause.dep_ == "conj" and clause.head.pos_ in VERB:
            clause = clause.head      # "said they had directed ... and were responsible for ..."
        if clause.dep_ != "ccomp" or not self.lex.matches("speech_verbs", clause.head) \
                or any(c.dep_ == "neg" for c in tok.children):
            return []
        wrong = self.lex.matches("wrongdoing_verbs", tok) or (tok.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in w["blame_predicates"] for c in tok.children))
        if not wrong:
            return []
        own = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects = own or [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        accused = [a for c in subjects if not self._we(c) for a in self.actors(c)]
        return self._directed("ACCUSED", self._subjects(clause.head), accused, tok, False, None,
                              "reported-wrongdoing", 0.6)

    def _denied_involvement(self, verb: Token) -> list[Reading]:
        """"X denied any role in the strikes on Y" → X's strikes on Y, negated (GUIDELINE: negation)."""
        out: list[Reading] = []
        w = self.lex.words
        if verb.pos_ not in VERB or not self.lex.matches("denial_verbs", verb):
            return out
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in w["involvement_nouns"]):
            for act in (g for p in obj.children if p.dep_ == "prep" and p.lower_ == "in" for g in p.children
                        if g.dep_ == "pobj"):
                for etype, kind, _x in self.lex.cues.get(act.lemma_.lower(), ()):
                    if kind != "noun" or self.lex.schema.relation(etype).symmetric:
                        continue
                    frame = self.lex.frame(etype).noun_preps
                    targets = [a for p in act.children if p.dep_ == "prep" and p.lower_ in frame
                               for g in p.children if g.dep_ == "pobj" for a in self.actors(g)]
                    out += self._directed(etype, self._subjects(verb), targets, act, True, None,
                                          "denied-involvement", 0.6)
                    break
        return out

    def _readiness(self, adj: Token) -> list[Reading]:
        """"X is ready / willing to withdraw its troops from Y": readiness for an act that is no cue of its
        own is a promise to whom the act is aimed at, or a threat when the act is hostile ("ready to
        observe a ceasefire" is aimed at the other side)."""
        out: list[Reading] = []
        if adj.lemma_.lower() not in self.lex.words["readiness_adjectives"] or adj.pos_ != "ADJ" \
                or adj.dep_ != "acomp":
            return out
        for act in (c for c in adj.children if c.dep_ == "xcomp" and c.pos_ in VERB):
            hostile = self._hostile_complement(adj)
            if self._matches(act) and not hostile:
                continue        # a cue of its own ("ready to send aid", "ready to hold talks") reads itself
            mod = modality(adj.head, "PROMISED", self.lex)
            if mod is None or mod.negated:
                continue
            sources = self._subjects(adj.head)
            targets = self._clause_targets(act)
            if not targets and sources:
                targets = [a for a in self._implicit_parties(act, "CALLED_ON", sources)]
            out += self._directed("THREATENED" if hostile else "PROMISED", sources, targets, act, False,
                                  "commitment", "readiness", 0.55)
        return out

    def _we(self, tok: Token) -> bool:
        """A first-person pronoun ("we", not the "US" that lower-cases to "us")."""
        return tok.pos_ == "PRON" and tok.lower_ in self.lex.words["first_person_pronouns"]

    def _negative(self, pred: Token) -> bool:
        """A predicate that condemns what it is said of: "unprovoked", "a gross violation", "barbaric"."""
        w = self.lex.words
        words = {pred.lemma_.lower(), pred.lower_} | {c.lemma_.lower() for c in pred.children if c.dep_ == "amod"}
        return bool(words & (w["negative_evaluations"] | w["pejoratives"] | w["pejorative_adjectives"]))

    def _statement_source(self, tok: Token) -> Actor | None:
        root = tok.sent.root
        if root.lemma_.lower() in self.lex.cues or root.lemma_.lower() in self.lex.words["speech_verbs"]:
            types = {e for e, _k, _x in self.lex.cues.get(root.lemma_.lower(), ())}
            if types & set(self.lex.words["statement_types"]) or root.lemma_.lower() in self.lex.words["speech_verbs"]:
                subj = self._subjects(root)
                if len(subj) == 1:
                    return subj[0]
        return None

    def mediated(self, sent: Span, readings: list[Reading]) -> list[Reading]:
        """MEDIATED events: a mediator cue with its source, targets from the talks it governs."""
        out: list[Reading] = []
        sym = [r for r in readings if r.participants and r.type in ("MET", "NORMALIZED", "AGREED", "PLANS_TO_MEET")]
        for tok in sent:
            matches = [m for m in self._matches(tok) if m[0] == "MEDIATED"]
            if not matches and not (tok.lower_ in self.lex.words["mediation_participles"]
                                    and tok.i > 0 and tok.doc[tok.i - 1].text == "-"):
                continue
            src: list[Actor] = []
            if matches and matches[0][1] == "verb":
                src = self._subjects(tok)
                if any(c.dep_ == "auxpass" for c in tok.children):
                    src = [a for c in tok.children if c.dep_ == "agent" for g in c.children
                           if g.dep_ == "pobj" for a in self.actors(g)]
            elif matches:
                for c in tok.children:
                    if c.dep_ in ("poss", "amod", "compound", "nmod"):
                        src += self.actors(c)
                    elif c.dep_ == "prep" and c.lower_ == "of":
                        src += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
            else:   # "AU-led talks"
                if tok.i >= 2:
                    src = self.actors(tok.doc[tok.i - 2], conj=False)
            mediators = [a for a in dict.fromkeys(src) if a.code]
            if not mediators or len(mediators) != len(src):
                continue
            if matches and matches[0][1] == "verb" and modality(tok, "MEDIATED", self.lex) is None:
                continue    # "will visit X and Y to mediate": a purpose, not a mediation
            mcodes = {m.code for m in mediators}
            talks = self._names_talks(tok)
            parties: list[Actor] = []
            objs = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
            preps = self.lex.frame("MEDIATED").verb_preps if matches and matches[0][1] == "verb" else ()
            objs += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
                     for g in c.children if g.dep_ == "pobj"]
            for o in objs:
                parties += [a for a in self.actors(o) if a.code not in mcodes]
            if len({a.code for a in parties}) < 2 and tok.dep_ == "acl" and tok.head.pos_ in NOUN:
                # "A and B settled the dispute in an accord brokered by X": the parties of the clause
                verb = clause_verb(tok.head)
                if verb is not None:
                    parties = [a for a in self._subjects(verb) if a.code not in mcodes]
            if len({a.code for a in parties}) < 2:
                near = sorted(sym, key=lambda r: abs(r.trigger.i - tok.i)) if sym else []
                if near:
                    parties = [a for a in near[0].participants if a.code not in mcodes]
                    talks = talks or near[0].type in ("MET", "PLANS_TO_MEET")
                else:
                    fact = self.dis.last_fact("AGREED", "NORMALIZED", "MET", "PLANS_TO_MEET")
                    if fact is not None:
                        parties = [a for a in fact.actors if a.code not in mcodes]
            codes = {a.code for a in parties if a.code}
            if len(codes) < 2:
                continue
            for mediator in mediators:
                for p in dict.fromkeys(parties):
                    out.append(Reading("MEDIATED", mediator, p, trigger=tok,
                                       rule=f"mediator:{tok.lemma_.lower()}", confidence=0.65))
            # a mediator of talks takes part in them (not "have been mediating": no one meeting)
            if any(c.dep_ == "aux" and c.lemma_.lower() in ("have", "be") for c in tok.children) \
                    and matches and matches[0][1] == "verb":
                continue
            # ... and only when talks are reported, not for "a deal brokered by X"
            if not talks:
                continue
            out.append(Reading("MET", participants=tuple(dict.fromkeys([*mediators, *parties])), trigger=tok,
                               rule=f"mediator-takes-part:{tok.lemma_.lower()}", confidence=0.55))
        return out

    def _names_talks(self, tok: Token) -> bool:
        """True if a mediation cue is tied to talks or a meeting ("talks brokered by X", "X mediated the
        negotiations", "AU-led negotiations"), not to a deal or a ceasefire alone."""
        def met_noun(t: Token) -> bool:
            return t.pos_ in NOUN and any(e in ("MET", "PLANS_TO_MEET") and k == "noun"
                                           for e, k, _x in self.lex.cues.get(t.lemma_.lower(), ()))
        near = [tok.head, *tok.children, *(g for c in tok.children if c.dep_ == "prep" for g in c.children)]
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":       # "talks under the auspices of X"
            near.append(tok.head.head)
        return any(met_noun(t) for t in near if t.i != tok.i)
