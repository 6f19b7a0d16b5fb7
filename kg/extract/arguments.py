"""Arguments: who does an act and to whom, from the dependency parse.

A step of :class:`kg.extract.events.SentenceReader` (a mixin): subjects (with passives, relative clauses,
coordination and inherited subjects of conjuncts and complements), objects (direct, dative, prepositional
per the frames of ``data/lexicon.yaml``, small clauses), targets inside clauses and act nouns, and the
implicit addressees of appeals for calm.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.model import Actor

from .syntax import NOUN, REL_PRONOUNS, VERB, clause_verb

__all__ = ["Arguments"]


class Arguments:
    """Find the sources (``_subjects``) and targets (``_objects``) of a cue."""

    def _subjects(self, verb: Token, depth: int = 0) -> list[Actor]:
        if depth > 4:
            return []
        out: list[Actor] = []
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in REL_PRONOUNS and verb.dep_ == "relcl":
                    out += self.actors(verb.head)
                else:
                    out += self.actors(c)
            elif c.dep_ == "agent":
                out += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
            elif c.dep_ == "nsubjpass" and depth > 0:   # "X is expected / set to meet Y"
                out += self.actors(c)
        if not out and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "At the NATO summit, X and Y called on Z": the small model hangs the subjects on the
            # fronted setting as conjuncts; they are the subject, the setting never is
            fronted = self._fronted_subjects(verb)
            if fronted:
                return fronted
            # the small model hangs the subject of "have been mediating" on the auxiliary
            for aux in verb.children:
                if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
                    out += [a for c in aux.children if c.dep_ == "nsubj" for a in self.actors(c)]
            if out:
                return out
            if verb.dep_ == "relcl":
                out += self.actors(verb.head)
            elif verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") and verb.head.pos_ in VERB:
                out += self._subjects(verb.head, depth + 1)
            elif verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in VERB:
                # "Iran is ready to hold talks": the subject of the copula the adjective completes
                out += self._subjects(verb.head.head, depth + 1)
            elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
                # "praised X for sending aid to Y": the object of the governing verb does the act
                gov = verb.head.head
                w = self.lex.words
                judging = {e.lower() for e, _k, _x in self.lex.cues.get(gov.lemma_.lower(), ())} \
                    & (w["statement_types"] | w["allegation_types"])
                objs = [a for c in gov.children if c.dep_ == "dobj" for a in self.actors(c)] \
                    if gov.pos_ in VERB and judging and verb.head.lower_ in w["allegation_preps"] else []
                out += objs or self._subjects(gov, depth + 1)
        return out

    def _hostile_complement(self, verb: Token) -> bool:
        """True if a promise verb's complement is a hostile act ("vowed to take it by force")."""
        w = self.lex.words
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in VERB:
                lem = c.lemma_.lower()
                if lem in w["hostile_acts"] or any(e in ("ATTACKED", "SANCTIONED", "THREATENED")
                                                   for e, _k, _x in self.lex.cues.get(lem, ())):
                    return True
            if c.dep_ == "dobj" and c.lemma_.lower() in w["hostile_acts"]:   # "vowed retaliation"
                return True
        return False

    def _clause_targets(self, verb: Token, depth: int = 0) -> list[Actor]:
        """Who a threatened or promised act is aimed at: its objects and the objects of its target
        prepositions, also one level down ("to break off relations with X", "to impose restrictions
        against German goods"), never inside a condition or a reason ("unless", "over their ties with Z")."""
        w = self.lex.words
        out: list[Actor] = []
        for g in verb.children:
            if g.dep_ in ("dobj", "dative") and g.pos_ != "ADP":
                found = self.actors(g, conj=True)
                out += found
                if not found and depth < 1:
                    out += self._clause_targets(g, depth + 1)
            elif g.dep_ in ("prep", "dative") and g.lower_ in w["clausal_target_preps"]:
                out += [a for p in g.children if p.dep_ == "pobj" for a in self.actors(p)]
            elif g.dep_ in ("xcomp", "conj") and g.pos_ in VERB and depth < 1:
                out += self._clause_targets(g, depth + 1)
            elif g.dep_ == "advcl" and self.lex.matches("beneficiary_verbs", g) and depth < 1:
                out += self._clause_targets(g, depth + 1)   # "send material to help defend X"
        return out

    def _implicit_parties(self, trig: Token, etype: str, sources: list[Actor]) -> list[Actor]:
        """The unnamed addressees of an appeal for calm ("urged restraint", "calls for de-escalation"):
        the two sides of the conflict — a coordinated pair in the same sentence, else the last pair."""
        w = self.lex.words
        if etype.lower() not in w["implicit_party_types"]:
            return []
        objs = [c for c in trig.children if c.dep_ == "dobj"]
        objs += [g for c in trig.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                 if g.dep_ == "pobj"]
        # "urged restraint", "calls for an end to the fighting", "calls for fighting to stop"
        near = [t for o in objs for t in o.subtree if t.i - o.i < 6]
        if not any(t.lemma_.lower() in w["calm_nouns"] | w["conflict_nouns"] for t in near):
            return []
        mine = {a.code for a in sources}
        for tok in trig.sent:
            if tok.dep_ in ("nsubj", "dobj") and tok.i not in {o.i for o in objs}:
                group = [a for a in self.actors(tok) if a.code and a.code not in mine]
                if len({a.code for a in group}) == 2:
                    return group
        pair = [a for a in self.dis.pair if a.code and a.code not in mine]
        return pair if len({a.code for a in pair}) == 2 else []

    def _speaker_of_conjunct(self, verb: Token) -> list[Actor]:
        """The subject of the speech verb a subjectless conjunct belongs to ("X said ... and warned Y")."""
        if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return []
        head = verb.head
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in self.lex.words["speech_verbs"]:
            return self._subjects(head.head)
        return []

    def _reduced_passive_target(self, noun: Token, etype: str) -> list[Actor]:
        """Who a noun modified by a reduced passive stands for: the actor it names, the agent of the act it
        names, or, for an act noun summing up its clause ("X announced ..., a decision condemned by Y"),
        the subject of that clause."""
        conjuncts = [c for c in noun.children if c.dep_ == "conj"]
        after_all = bool(conjuncts) and all(c.i < p.i for c in conjuncts for p in noun.children if p.dep_ == "acl")
        found = self.actors(noun, conj=after_all)
        if found:
            return found
        w = self.lex.words
        lemma = noun.lemma_.lower()
        if not (lemma in w["act_nouns"] or lemma in w["generic_act_nouns"] or lemma in w["proposal_nouns"]
                or self.lex.cues.get(lemma)):
            return []
        found = self._act_targets(noun, etype) if etype in self.lex.object_preps else []
        if found:
            return found
        det = {c.lower_ for c in noun.children if c.dep_ == "det"}
        verb = clause_verb(noun)
        if noun.dep_ in ("npadvmod", "appos", "dep") and det & {"a", "an"} and verb is not None:
            return self._subjects(verb)
        return []

    def _fronted_subjects(self, verb: Token) -> list[Actor]:
        """Subjects misparsed as conjuncts inside a fronted setting phrase, after its comma."""
        w = self.lex.words
        for p in verb.children:
            if p.dep_ != "prep" or p.i > verb.i or p.lower_ not in w["setting_preps"]:
                continue
            commas = [t for t in p.subtree if t.text == "," and t.i < verb.i]
            if not commas:
                continue
            comma = commas[-1]
            for t in p.subtree:
                if t.i > comma.i and t.dep_ == "conj" and t.head.i < comma.i:
                    found = self.actors(t)
                    return found if found and all(a.code for a in found) else []
        return []

    def _act_targets(self, noun: Token, etype: str) -> list[Actor]:
        """The target inside an object that names an act: "a ruling by the ICJ", "support to Lebanon",
        "ties between X and Y"; for a definite act noun with none inside ("the strikes"), the agent or
        parties of the same kind of act reported a few sentences before."""
        preps = self.lex.object_preps.get(etype)
        if preps is None or noun.pos_ not in NOUN or self._mention_map.get(noun.i) is not None:
            return []
        found = [a for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
        if not found and "by" in preps:
            # "the comments made by X", "the statement issued by X": the agent of a reduced passive
            found = [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
                     and self.lex.matches("authoring_participles", c) for ag in c.children if ag.dep_ == "agent" for g in ag.children if g.dep_ == "pobj"
                     for a in self.actors(g)]
        if found:
            return found
        authors = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod") for a in self.actors(c)]
        if authors and self._names_act(noun):
            return authors      # "welcomed Washington's statement", "rejected the Russian proposal"
        det = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet")}
        if not det & self.lex.words["demonstratives"] or authors:
            return []
        w = self.lex.words
        lemma = noun.lemma_.lower()
        if lemma in w["accusation_nouns"] or noun.lower_ in w["accusation_nouns"]:
            # "X denied / rejected the charge": whoever made the accusation just reported
            window = self.lex.numbers["act_anaphora_window"]
            fact = self.dis.recent_act({"ACCUSED"}, self.sent_no, window)
            return [fact.source] if fact is not None and fact.source is not None else []
        if lemma in w["proposal_nouns"] or noun.lower_ in w["proposal_nouns"]:
            # "Y rejected / endorsed the plan": whoever proposed it in the recent sentences
            window = self.lex.numbers["proposal_window"]
            prop = self.dis.recent_proposal(self.sent_no, window)
            return list(prop.actors) if prop is not None else []
        types = {e for e, kind, _ in self.lex.cues.get(lemma, ()) if kind == "noun"} - {"MEDIATED"}
        if not types and (lemma in w["generic_act_nouns"] or noun.lower_ in w["generic_act_nouns"]):
            # "B denounced the move / the measures": the act just reported
            types = {t.upper() for t in w["generic_act_types"]}
        if not types:
            return []
        window = self.lex.numbers["act_anaphora_window"]
        fact = self.dis.recent_act(types, self.sent_no, window)
        if fact is None:
            return []
        return [fact.source] if fact.source is not None else list(fact.actors)

    def _objects(self, verb: Token, etype: str, extra_toks: list[Token], acts_only: bool = False) -> list[Actor]:
        if acts_only:
            return [a for c in verb.children if c.dep_ == "dobj" for a in self._act_targets(c, etype)]
        preps = self.lex.frame(etype).verb_preps
        out: list[Actor] = []
        heads = [verb, *extra_toks]
        # "praised Poland for its support of Ukraine": with an actor object, "for" gives the reason
        direct = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass") and self.actors(c)]
        reason = self.lex.words["reason_preps"] if direct else frozenset()
        agents = self.lex.object_preps.get(etype, ())
        for h in heads:
            for c in h.children:
                if c.dep_ == "dative" and c.pos_ == "ADP" and h.i == verb.i:
                    # "sent aid to Y" with "to" read as a dative: its object is the recipient
                    out += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
                elif c.dep_ in ("dobj", "dative", "nsubjpass") and h.i == verb.i:
                    # "condemned the violation of its airspace by Y": the act's agent is the target
                    by = [a for p in c.children if p.dep_ == "prep" and p.lower_ == "by" and "by" in agents
                          for g in p.children if g.dep_ == "pobj" for a in self.actors(g)]
                    out += by or self.actors(c)
                elif c.dep_ == "prep" and c.lower_ in preps and c.lower_ not in reason:
                    out += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
                elif c.dep_ == "prt" and c.lower_ in preps:
                    out += [a for g in verb.children if g.dep_ == "dobj" for a in self.actors(g)]
                elif c.dep_ == "nsubj" and h.i != verb.i:
                    out += self.actors(c)     # "held Iran accountable": a small clause's subject
        # the small model sometimes reads "met with X to do Y" as an absolute clause
        if not out and self.lex.schema.relation(etype).symmetric:
            for t in verb.subtree:
                if t.i > verb.i and t.lower_ in preps and t.head.i != verb.i and getattr(clause_verb(t), "i", -1) in (verb.i, t.head.i):
                    nxt = next((n for n in t.doc[t.i + 1:min(t.i + 6, t.sent.end)] if n.pos_ in NOUN), None)
                    if nxt is not None:
                        out += self.actors(nxt)
                    break
        if not out and not self.lex.schema.relation(etype).symmetric:
            for c in verb.children:
                if c.dep_ in ("dobj", "nsubjpass"):
                    out += self._act_targets(c, etype)
        if not out and etype.lower() in self.lex.words["allegation_types"]:
            # "alleges that X arms the rebels": the one said to act is accused, not those acted upon
            out += [a for c in verb.children if c.dep_ == "ccomp" for g in c.children
                    if g.dep_ in ("nsubj", "nsubjpass") for a in self.actors(g)]
        w = self.lex.words
        if not out and verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            # "called his Greek counterpart, offering help": a participle shares the main clause's object
            out += [a for c in verb.head.children if c.dep_ in ("dobj", "dative") for a in self.actors(c)]
        if not out and etype.lower() in w["beneficiary_types"]:
            # "sent troops to help defend X", "pledged funds to rebuild X": the purpose names the beneficiary
            out += [a for c in verb.children if c.dep_ == "advcl" and self.lex.matches("beneficiary_verbs", c)
                    for a in self._clause_targets(c)]
            # "pledged 50 million euros in aid for X", "sent tonnes of food to X": inside what is given
            out += [a for c in verb.children if c.dep_ == "dobj" for t in c.subtree
                    if t.dep_ == "prep" and t.lower_ in ("to", "for") and t.i - c.i < 8
                    for g in t.children if g.dep_ == "pobj" for a in self.actors(g)] if not out else []
        if not out and etype.lower() in w["clausal_target_types"]:
            for c in verb.children:
                # "demanded that Washington cancel the sale": the subject of the demanded act
                if c.dep_ == "ccomp" and etype == "CALLED_ON":
                    out += [a for g in c.children if g.dep_ in ("nsubj",) for a in self.actors(g)]
                # "threatened to cut off electricity to X", "offered to hand over the suspects to X"
                elif c.dep_ == "xcomp" and etype != "CALLED_ON":
                    out += self._clause_targets(c)
        # "met with X in the presence of Y and Z"
        if self.lex.schema.relation(etype).symmetric:
            for t in verb.subtree:
                if t.lemma_.lower() in self.lex.words["participant_adders"] and getattr(clause_verb(t), "i", -1) == verb.i:
                    out += [a for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
        return out

    # == roles of a cue noun ===========================================================================
    def _noun_roles(self, noun: Token, etype: str) -> tuple[list[Actor], list[Actor]]:
        """(author, addressees) from the noun's own dependents: "Turkey's support for X", "a plea by X",
        "calls for restraint from X", "talks with X"."""
        frame = self.lex.frame(etype)
        rel = self.lex.schema.relation(etype)
        own: list[Actor] = []
        others: list[Actor] = []
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and not c.lower_.endswith("-based"):
                own += self.actors(c)
            elif c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "from" and not rel.symmetric)
                                       or (c.lower_ in self.lex.words["request_author_preps"] and etype == "CALLED_ON")):
                # "a plea by X", "calls from X", "at the request of X": the author of a directed act
                own += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
            elif c.dep_ == "prep" and c.lower_ in frame.noun_preps:
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    authors = [x for p in g.children if p.dep_ == "prep" and p.lower_ == "from"
                               for x in p.children if x.dep_ == "pobj"] if c.lower_ == "for" else []
                    if authors and not rel.symmetric:
                        # "calls for restraint from X": the parser hangs the author on the thing asked for
                        own += [a for x in authors for a in self.actors(x)]
                    else:
                        others += self.actors(g)
        if not others:
            # "Turkey's support and Greece's rejection of the plan": coordinated act nouns share the object
            shared = [c for c in noun.children if c.dep_ == "conj" and c.pos_ in NOUN]
            shared += [noun.head] if noun.dep_ == "conj" and noun.head.pos_ in NOUN else []
            others += [a for n in shared for c in n.children if c.dep_ == "prep" and c.lower_ in frame.noun_preps
                       and c.lower_ != "by" for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
        return own, others

    def _governor_roles(self, noun: Token, etype: str, governor: Token | None, own: list[Actor],
                        others: list[Actor]) -> tuple[list[Actor], list[Actor]]:
        """Roles the verb governing a cue noun adds: the subject of a light verb ("X held talks with Y")
        or of a deciding verb ("agreed on sanctions against Y"), the cause of a reaction ("the strikes
        drew criticism from Y"), the subject of an event adjunct ("left after talks with Y")."""
        if governor is None:
            return own, others
        frame = self.lex.frame(etype)
        rel = self.lex.schema.relation(etype)
        w = self.lex.words
        lemma = governor.lemma_.lower()
        light = lemma in w["light_verbs"] and not (
            noun.dep_ == "pobj" and noun.head.lower_ in w["request_adjunct_preps"])   # "sent troops at the request of"
        if light and etype not in ("MET", "PLANS_TO_MEET") and any(
                e == "MEDIATED" for e, _k, _x in self.lex.cues.get(lemma, ())):
            light = False       # "X brokered a deal between A and B": X mediated, it is not a party
        if lemma in w["act_welcoming_verbs"]:
            light = False       # "Ecuador welcomed the agreement between A and B": no party to it
        deciding = not rel.symmetric and lemma in w["agent_governors"]
        if not own and deciding and not light:
            # "agreed on a set of sanctions against X", "ordered an aid package for X": the deciders act
            own = self._subjects(governor)
        if not others and not rel.symmetric and noun.dep_ == "dobj" and lemma in w["reaction_verbs"]:
            # "the strikes drew criticism from X", "Y's visit prompted condemnation": aimed at the cause
            for c in governor.children:
                if c.dep_ == "nsubj":
                    others += self.actors(c) or self._act_targets(c, etype)
                elif c.dep_ == "prep" and c.lower_ == "from" and not own:
                    own += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
            if not others and governor.dep_ == "advcl" and governor.tag_ == "VBG":
                others = self._subjects(governor)    # "X fired a missile, drawing condemnation from Y"
        if not own and light:
            own = self._subjects(governor)
            if lemma in w["receiving_verbs"] and rel.symmetric is False:
                own, others = others, own
        # "returned home after talks with X", "arrived in Hanoi for a state visit": the governing
        # verb's subject took part; a verb of arrival adds its destination
        if not light and rel.symmetric and noun.dep_ == "pobj" and noun.head.dep_ == "prep" \
                and not any(c.dep_ == "neg" for c in governor.children):
            prep = noun.head.lower_
            motion = lemma in w["arrival_verbs"]
            if prep in w["event_adjunct_preps"] or (motion and prep in w["arrival_purpose_preps"]):
                if not own:
                    own = self._subjects(governor)
                if prep in w["event_adjunct_preps"] and etype == "MET" and len({a.code for a in own + others}) < 2:
                    # "informed the king of the decision during a phone call": the one spoken to takes part
                    others += [a for c in governor.children if c.dep_ == "dobj" for a in self.actors(c)]
                if motion:
                    others += [a for c in governor.children if c.dep_ == "prep" and c.lower_ in w["destination_preps"]
                               for g in c.children if g.dep_ == "pobj" for a in self.actors(g)
                               if a.kind == "state"]
        if light or deciding:
            for c in governor.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in (frame.verb_preps if rel.symmetric else frame.noun_preps):
                    others += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
        return own, others

    def _directed_noun_roles(self, noun: Token, etype: str, etype2: str, governor: Token | None,
                             own: list[Actor], others: list[Actor]) -> tuple[list[Actor], list[Actor]]:
        """What a directed cue noun still lacks, from constructions around it: a gesture ("visited X in a
        show of support"), an aiming participle ("strikes targeting X"), a demand's clause ("its demand
        that X ..."), the unnamed addressees of an appeal for calm."""
        w = self.lex.words
        gesture = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        if not own and gesture is not None and gesture.lemma_.lower() in w["gesture_nouns"]:
            act = clause_verb(gesture)
            if act is not None:
                own = self._subjects(act)
                others = [a for c in gesture.children if c.dep_ == "prep" and c.lower_ in ("with", "for", "to")
                          for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
                if not others:
                    others = [a for c in act.children if c.dep_ in ("dobj", "dative") for a in self.actors(c)]
                    # "visited X", "made a visit to X", "to meet X"
                    met = [t for t in act.subtree if t.i < gesture.i and t.dep_ == "dobj"
                           and any(e == "MET" for e, _k, _x in self.lex.cues.get(t.head.lemma_.lower(), ()))]
                    met += [t for t in act.subtree if t.i < gesture.i and t.dep_ == "pobj" and t.head.lower_ == "to"
                            and any(e == "MET" for e, _k, _x in self.lex.cues.get(t.head.head.lemma_.lower(), ()))]
                    others += [a for t in met for a in self.actors(t)]
                others = [a for a in others if a.code not in {o.code for o in own}]
        if not others:
            # "strikes targeting X", "raids aimed at X": the target named by a participle on the noun
            for c in noun.children:
                if c.dep_ == "acl" and c.lemma_.lower() in w["aiming_verbs"]:
                    others += [a for g in c.children if g.dep_ == "dobj" for a in self.actors(g)]
                    others += [a for g in c.children if g.dep_ == "prep" and g.lower_ in ("at", "against")
                               for x in g.children if x.dep_ == "pobj" for a in self.actors(x)]
        if not others and own and etype == "CALLED_ON" and noun.dep_ == "pobj" \
                and noun.head.lower_ in w["request_adjunct_preps"] and noun.head.head.pos_ in VERB:
            # "X hosted the talks following requests from A and B", "sent troops at the request of A":
            # the request was made to the one who acted on it
            others = self._subjects(noun.head.head)
        if not others and etype == "CALLED_ON":
            # "reiterated its demand that Israel ease restrictions": the one asked to act
            clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
            if governor is not None:     # "renewed its call for Russia to withdraw": hung on the verb
                clauses += [c for c in governor.children if c.dep_ == "advcl" and c.i > noun.i
                            and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)]
            others = [a for c in clauses for g in c.children if g.dep_ == "nsubj" for a in self.actors(g)]
        if not others and own:
            others = self._implicit_parties(noun, etype2, own)
        return own, others
