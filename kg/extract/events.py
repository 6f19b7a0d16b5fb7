"""Events in a parsed sentence: the reader that runs the steps, one module each.

:class:`SentenceReader` turns one sentence (a spaCy ``Span`` after the full pipeline) into
:class:`~kg.extract.reading.Reading` objects — a relation type with its actors, negation, modality, the
trigger token and the rule that fired. The steps, in order (``docs/EXTRACTOR.md`` walks through one
sentence):

1. mentions (``mentions.py``): actors, people and the speaker named in the sentence;
2. cues (``cues.py``): tokens that trigger a type, from the cue words of ``schema.yaml``;
3. arguments (``arguments.py`` with ``reference.py``): the sources and targets of each cue;
4. modality (``modality.py``): asserted, denied, planned, promised, threatened, or not asserted;
5. events (here): readings assembled per type; constructions without a cue verb and mediation
   (``constructions.py``); the article's discourse updated for the next sentence.

Dates and provenance are added by the extractor. Every word list consulted is in ``schema.yaml`` (cues)
or ``data/lexicon.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.model import Actor
from kg.registry import ActorRegistry

from .actors import person_actor
from .arguments import Arguments
from .constructions import Constructions
from .cues import Cues
from .discourse import Discourse
from .lexicon import Lexicon
from .mentions import Mentions
from .modality import modality
from .reading import Mention, Reading
from .reference import References
from .syntax import NOUN, VERB, governing_verb

__all__ = ["Reading", "SentenceReader", "Mention"]


class SentenceReader(Mentions, References, Cues, Arguments, Constructions):
    """Reads events from sentences of one article, sharing its :class:`Discourse`."""

    def __init__(self, registry: ActorRegistry, lex: Lexicon, discourse: Discourse, learn=None):
        self.reg = registry
        self.lex = lex
        self.dis = discourse
        self.learn = learn or (lambda actor: None)
        w = lex.words
        self.title_words = frozenset(x for t in w["titles"] for x in t.split()) | w["role_modifiers"]
        self.group_words = {k: v for k, v in registry.group_words().items()}
        self.unplaced: dict[str, Actor] = {}
        # readings one of whose parties has no code ("Secretary Smith met Wang Yi", Smith unknown): no event
        # of the article, but stored, so that `kg actors assign` can place the party later (drained per sentence)
        self.held: list[Reading] = []
        self._visiting: set[int] = set()
        self._orphans: list = []
        self._mention_map: dict[int, Mention] = {}
        self._pending_titles: list = []     # (name span, unplaced person) of this sentence's bare titles
        self.speaker: Actor | None = None   # who speaks in the sentence being read
        self.sent_no = 0                    # the sentence's number in the article (set by the extractor)

    def read(self, sent: Span) -> list[Reading]:
        self._pending_titles = []
        self._orphans = []
        mentions = self._mentions(sent)
        self.speaker = self._speaker(sent)
        # an unqualified title in a speaker's statement takes the speaker's country
        if self.speaker is not None and self.speaker.code:
            for name, actor in self._pending_titles:
                if name.start < sent.start or name.end > sent.end:
                    continue
                parent = self.reg.get(self.speaker.code)
                placed = person_actor(actor.name, self.speaker.code, actor.role, parent)
                self.unplaced.pop(actor.id, None)
                self.learn(placed)
                m = Mention(name.start, name.end, (placed,), "person")
                for i in range(name.start, name.end):
                    mentions[i] = m
        # "this regime" may point back to a name earlier in the same sentence
        for i in sorted({m.start for m in mentions.values()}):
            m = mentions[i]
            if len(m.actors) == 1 and m.actors[0].code and m.actors[0].kind != "person":
                for t in sent.doc[m.start:m.end]:
                    if t.lemma_.lower() in self.group_words:
                        self.dis.by_word[t.lemma_.lower()] = m.actors[0]
        self._note_proposals(sent)
        readings: list[Reading] = []
        for tok in sent:
            readings += self._cue(tok)
            readings += self._special(tok)
        sym = [r for r in readings if r.participants]
        for etype, noun, negated, mode, rule in self._orphans:
            # a bare "talks" takes the parties of a meeting asserted in the same sentence, never those
            # of a planned or denied one ("said they would meet X if ... in peace talks")
            usable = [r for r in sym if not r.negated and not (etype == "MET" and r.type == "PLANS_TO_MEET")]
            if usable and not any(r.type == etype for r in sym):
                near = min(usable, key=lambda r: abs(r.trigger.i - noun.i))
                rd = self._symmetric(etype, list(near.participants), noun, negated, mode, rule + "+same-sentence")
                if rd is not None:
                    rd.confidence = 0.55
                    readings.append(rd)
        for etype, span, head in self._phrase_cues(sent):
            if not any(r.trigger is not None and r.trigger.i == head.i and r.type == etype for r in readings):
                readings += self._phrase_event(etype, span, head)
        readings += self.mediated(sent, readings)
        self._update(sent, readings)
        return readings

    def _cue(self, tok: Token) -> list[Reading]:
        out: list[Reading] = []
        for etype, kind, extra, extra_toks in self._matches(tok):
            if etype == "MEDIATED":   # see mediated()
                continue
            if not self._constraints_ok(tok, etype, extra, kind):
                continue
            if kind == "verb":
                out += self._verb_event(tok, etype, extra_toks, "not" in extra)
            else:
                out += self._noun_event(tok, etype)
        # "Chile welcomed the talks / the agreement between X and Y": support of the act's parties
        if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.words["act_welcoming_verbs"] \
                and not any(r.type == "SUPPORTED" for r in out):
            out += self._verb_event(tok, "SUPPORTED", [], False, acts_only=True)
        return out

    def _verb_event(self, verb: Token, etype: str, extra_toks: list[Token], negated_cue: bool,
                    acts_only: bool = False) -> list[Reading]:
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        subj = self._subjects(verb)
        obj = self._objects(verb, etype, extra_toks, acts_only)
        if acts_only and not obj:
            return []
        if passive:
            agent = [a for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
                     for a in self.actors(g)]
            if not agent and self.lex.matches("stative_passives", verb):
                # "Japan is committed to X's security", "is opposed to the plan": a state of the subject
                agent = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.actors(c)]
                obj = [a for a in obj if a not in agent]
            subj = agent
        elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOUN and not acts_only \
                and any(c.dep_ == "agent" for c in verb.children):
            # a reduced passive on a noun: "X, condemned by Y", "a decision criticised by Y"
            if not obj and not self.lex.schema.relation(etype).symmetric:
                obj = self._reduced_passive_target(verb.head, etype)
        rel = self.lex.schema.relation(etype)
        if subj and obj and not passive and {a.code for a in subj} <= {a.code for a in obj}:
            # "X said Y's strikes killed two and warned Y of consequences": the conjunct hangs on the
            # reported clause but is the speaker's act
            subj = self._speaker_of_conjunct(verb) or subj
        if rel.symmetric and not subj and not obj:
            return []
        mod = modality(verb, etype, self.lex)
        if mod is None:
            return []
        etype2, negated, mode = mod
        if etype2 == "PROMISED" and self._hostile_complement(verb):
            etype2 = "THREATENED"     # "vowed to retaliate", "pledged to crush the rebels": a threat
            if not obj:
                obj = [a for c in verb.children if c.dep_ == "xcomp" for a in self._clause_targets(c)]
        if negated_cue:
            negated = not negated
        if rel.symmetric or self.lex.schema.relation(etype2).symmetric:
            parts = subj + obj
            rule = f"verb:{verb.lemma_.lower()}"
            if len(subj) == 1 and len(obj) > 1 and (self.lex.matches("separate_visits", verb) or any(
                    c.dep_ == "advmod" and c.lower_ in self.lex.words["separately"] for c in verb.children)):
                # "phoned his Russian and Ukrainian counterparts separately": one call each
                return [rd for o in obj if (rd := self._symmetric(etype2, subj + [o], verb, negated, mode, rule))]
            rd = self._symmetric(etype2, parts, verb, negated, mode, rule)
            out = [rd] if rd else []
            if rd and verb.lemma_.lower() in self.lex.words["hosting_verbs"] and len(subj) == 1:
                guests = [a for a in obj if a.code and a.code != subj[0].code]
                if len({a.code for a in guests}) >= 2:
                    for g in guests:
                        out.append(Reading("MEDIATED", subj[0], g, trigger=verb, rule="host-of-two",
                                           confidence=0.6, negated=negated))
            return out
        if not obj and subj:
            obj = self._implicit_parties(verb, etype2, subj)
        return self._directed(etype2, subj, obj, verb, negated, mode, f"verb:{verb.lemma_.lower()}", 0.85)

    def _noun_event(self, noun: Token, etype: str) -> list[Reading]:
        """A cue noun: its own dependents, then its governing verb, give the roles (``arguments.py``)."""
        rel = self.lex.schema.relation(etype)
        own, others = self._noun_roles(noun, etype)
        governor = governing_verb(noun)
        own, others = self._governor_roles(noun, etype, governor, own, others)
        w = self.lex.words
        anchor = governor if governor is not None else noun
        if governor is not None and noun.dep_ in ("nsubj", "nsubjpass") \
                and governor.lemma_.lower() not in w["event_predicates"]:
            anchor = noun   # "her visit does not undermine ...": the visit is not what is denied
        mod = modality(anchor, etype, self.lex, noun=noun)
        if mod is None:
            return []
        etype2, negated, mode = mod
        rule = f"noun:{noun.lemma_.lower()}"
        if rel.symmetric or self.lex.schema.relation(etype2).symmetric:
            parts = own + others
            if len({a.code for a in parts if a.code}) < 2 and etype2 in ("MET", "PLANS_TO_MEET"):
                # "other meetings will follow", "the talks had been held": the last meeting's parties
                asserted = (governor is not None and noun.dep_ in ("nsubj", "nsubjpass")
                            and governor.lemma_.lower() in w["event_predicates"])
                fact = self.dis.last_fact("MET")
                mediation = self.dis.last_mediation() if asserted and etype2 == "MET" and fact is None else ()
                fact = fact or self.dis.last_fact("PLANS_TO_MEET")
                if mediation and not own:
                    # "the talks had been held": held talks are not a planned meeting; those of the
                    # mediated agreement just reported, the mediator taking part
                    parts = list(mediation)
                    rule += "+anaphora"
                elif (asserted or etype2 == "PLANS_TO_MEET") and fact is not None and not own:
                    parts = list(fact.actors)
                    rule += "+anaphora"
            if not parts:
                self._orphans.append((etype2, noun, negated, mode, rule))
            rd = self._symmetric(etype2, parts, noun, negated, mode, rule)
            return [rd] if rd else []
        own, others = self._directed_noun_roles(noun, etype, etype2, governor, own, others)
        return self._directed(etype2, own, others, noun, negated, mode, rule, 0.75)

    def _phrase_event(self, etype: str, span: Span, head: Token) -> list[Reading]:
        """A multi-word cue: subjects from its head (through a copula: "X stands ready to ..."), the target
        after its closing preposition ("hit out at X", "point the finger at X") or among its objects."""
        clause = head.head if head.dep_ in ("acomp", "attr") and head.head.pos_ in VERB else head
        subj = self._subjects(clause)
        last = span[-1]
        obj = [a for g in last.children if g.dep_ == "pobj"
               for a in (self.actors(g) or self._act_targets(g, etype))] if last.pos_ == "ADP" else []
        if not obj:
            obj = self._objects(head, etype, [t for t in span if t.i != head.i])
        if not obj:
            obj = [a for t in span for c in t.children if c.dep_ == "xcomp" for a in self._clause_targets(c)]
        mod = modality(clause, etype, self.lex)
        if mod is None:
            return []
        rule = "phrase:" + "-".join(t.lemma_.lower() for t in span)
        if self.lex.schema.relation(mod.type).symmetric:
            rd = self._symmetric(mod.type, subj + obj, head, mod.negated, mod.mode, rule)
            return [rd] if rd else []
        return self._directed(mod.type, subj, obj, head, mod.negated, mod.mode, rule, 0.7)

    def _symmetric(self, etype, parts, trig, negated, mode, rule) -> Reading | None:
        parts = [a for a in dict.fromkeys(parts) if a is not None]
        conf = 0.8 if "anaphora" not in rule else 0.6
        self._note_unresolved(parts)
        if len({a.code for a in parts if a.code}) < 2:
            if len({a.code or a.id for a in parts}) >= 2 and any(not a.code for a in parts):
                self.held.append(Reading(etype, participants=tuple(parts), trigger=trig, negated=negated, mode=mode,
                                         rule=rule, confidence=conf, place=self._place_of(trig)))
            bodies = [a for a in parts if a.kind == "igo"]
            if etype in ("MET", "PLANS_TO_MEET") and bodies and len({a.code for a in parts if a.code}) == 1:
                self.dis.note_body(bodies[0], self.sent_no)    # "the G7 leaders held a video call"
            return None
        placed = tuple(a for a in parts if a.code)
        if etype == "MET" and mode is None and self._by_phone(trig):
            mode = "phone"
        return Reading(etype, participants=placed, trigger=trig, negated=negated, mode=mode, rule=rule,
                       confidence=conf, place=self._place_of(trig))

    def _directed(self, etype, sources, targets, trig, negated, mode, rule, conf) -> list[Reading]:
        out = []
        sources = list(dict.fromkeys(sources))
        targets = list(dict.fromkeys(targets))
        self._note_unresolved(sources + targets)
        if not targets and sources and len({a.code for a in sources if a.code}) >= 2 \
                and (etype.lower() in self.lex.words["mutual_without_target"] or self._reciprocal(trig)):
            for s in sources:
                for t in sources:
                    if s.code and t.code and s.code != t.code:
                        out.append(Reading(etype, s, t, trigger=trig, negated=negated, mode=mode,
                                           rule=rule + "+mutual", confidence=conf * 0.8))
            return out
        for s in sources:
            for t in targets:
                if s.code and t.code and s.code != t.code:
                    out.append(Reading(etype, s, t, trigger=trig, negated=negated, mode=mode, rule=rule,
                                       confidence=conf))
                elif s is not None and t is not None and (not s.code or not t.code) and s.id != t.id:
                    self.held.append(Reading(etype, s, t, trigger=trig, negated=negated, mode=mode, rule=rule,
                                             confidence=conf))
        return out

    def _note_unresolved(self, actors) -> None:
        for a in actors:
            if a is not None and not a.code:
                self.unplaced[a.id] = a

    def _place_of(self, trig: Token) -> str | None:
        anchors = [trig] + ([trig.head] if trig.pos_ in NOUN and trig.head.pos_ in VERB else [])
        for a in anchors:
            for c in a.children:
                if c.dep_ == "prep" and c.lower_ in self.lex.words["place_preps"]:
                    for g in c.children:
                        if g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC") or self._mention_map.get(g.i)):
                            m = self._mention_map.get(g.i)
                            if m is not None and m.actors[0].kind not in ("state",):
                                continue
                            return g.doc[m.start:m.end].text if m is not None else _entity(g).text
        return None

    def _update(self, sent: Span, readings: list[Reading]) -> None:
        dis = self.dis
        for i in sorted({m.start for m in self._mention_map.values()}):
            m = self._mention_map[i]
            if len(m.actors) == 1 and m.actors[0].code:
                head = sent.doc[m.end - 1].lemma_.lower()
                dis.note_actor(m.actors[0], head if head in self.group_words else None)
            if len(m.actors) == 1 and m.actors[0].kind == "person":   # placed or not: "Quillan" is still Quillan
                dis.note_person(m.actors[0], self._name_parts(m.actors[0]))

        # subjects of speech verbs and persons in subject position are "he"/"she"
        if self.speaker is not None and self.speaker.kind == "person":
            dis.last_person = self.speaker
            dis.last_speaker = self.speaker
        for rd in readings:
            if rd.participants and rd.type != "MET" or len(rd.codes()) == 2:
                dis.note_pair(rd.participants, self.sent_no)
        for tok in sent:
            if tok.dep_ in ("nsubj", "dobj", "pobj") and any(c.dep_ == "conj" for c in tok.children):
                group = self.actors(tok)
                if len({a.code for a in group if a.code}) == 2:
                    dis.note_pair(group, self.sent_no)
            if tok.dep_ == "nsubj":
                subj = self.actors(tok)
                if len(subj) == 1 and subj[0].kind == "person" and subj[0].code:
                    dis.last_person = subj[0]


def _entity(tok: Token) -> Span:
    """The named entity `tok` is the head of ("the Mekong Delta" for "Delta"), or the token alone."""
    doc = tok.doc
    start, end = tok.i, tok.i + 1
    if tok.ent_iob_ in ("B", "I"):
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end]
