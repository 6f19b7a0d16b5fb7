"""Events in a parsed sentence: cue words from the schema, roles from the dependency parse.

:class:`SentenceReader` turns one sentence (a spaCy ``Span`` after the full pipeline)
into :class:`Reading` objects — a relation type with its actors, negation, modality,
the trigger token and the rule that fired. Dates and provenance are added by the
extractor. Every word list it consults is in ``schema.yaml`` (cues) or
``data/lexicon.yaml`` (frames, modality, discourse).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.model import Actor
from kg.registry import ActorRegistry

from .actors import SPANS_KEY, place_person, person_actor, person_name
from .discourse import Discourse, Fact
from .lexicon import Lexicon
from .modality import modality

__all__ = ["Reading", "SentenceReader", "Mention"]

_NOUN = ("NOUN", "PROPN")
_VERB = ("VERB", "AUX")
_ADJ_CUE = ("ADJ",)
_CLAUSE_STOP = ("relcl", "acl", "parataxis")
_REL_PRONOUNS = ("who", "which", "that", "whom")


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


class SentenceReader:
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
        self._visiting: set[int] = set()
        self._orphans: list = []
        self._mention_map: dict = {}

    # == mentions ======================================================================
    def _mentions(self, sent: Span) -> dict[int, Mention]:
        doc = sent.doc
        out: dict[int, Mention] = {}

        def put(m: Mention) -> None:
            for i in range(m.start, m.end):
                out[i] = m

        for sp in doc.spans.get(SPANS_KEY, []):
            if sp.start >= sent.start and sp.end <= sent.end:
                actor = self.reg.get(sp.kb_id_)
                if actor is not None:
                    put(Mention(sp.start, sp.end, (actor,), "person" if actor.kind == "person" else "name"))
        self._mention_map = out
        for ent in sent.ents:
            if ent.start in out:
                continue
            if ent.label_ == "PERSON" or (ent.label_ in ("ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART")
                                          and ent[0].pos_ == "PROPN"):
                name = person_name(ent, self.title_words)
                if not name.text.strip() or name.text.lower() in self.title_words:
                    continue
                known = self.reg.resolve(name.text)
                if known is None and ent.label_ != "PERSON":
                    known = self._local_person(name)
                if ent.label_ != "PERSON":
                    if known is not None:
                        put(Mention(ent.start, ent.end, (known,), "person" if known.kind == "person" else "name"))
                    continue
                if known is not None and known.kind != "person":
                    put(Mention(name.start, name.end, (known,)))
                    continue
                actor = self._place(name, known)
                if actor is not None:
                    put(Mention(name.start, name.end, (actor,), "person"))
        # names the small NER misses: a run of capitalised proper nouns in an argument or apposition
        for tok in sent:
            if tok.i in out or tok.pos_ != "PROPN" or tok.dep_ not in ("appos", "nsubj", "dobj", "pobj") or tok.ent_type_:
                continue
            left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == tok.i - 1]
            if not left or left[0].i in out or not (tok.is_title and left[0].is_title):
                continue
            name = sent.doc[left[0].i:tok.i + 1]
            if name.text.lower() in self.title_words or any(t.lower_ in self.title_words for t in name):
                continue
            known = self.reg.resolve(name.text)
            actor = known if known is not None else self._place(name, None)
            if actor is not None:
                put(Mention(name.start, name.end, (actor,), "person" if actor.kind == "person" else "name"))
        return out

    def _local_person(self, name: Span) -> Actor | None:
        """A one-word name ("Cho", "Tamim") of a person placed earlier in this article."""
        words = [t for t in name if t.lower_ not in self.title_words]
        if len(words) != 1 or not words[0].is_title:
            return None
        return self.dis.person_named(words[0].text)

    def _name_parts(self, actor: Actor) -> list[str]:
        particles = self.lex.words["name_particles"]
        return [w for w in actor.name.replace("-", " ").split()
                if len(w) >= 3 and w[0].isupper() and w.lower() not in particles and w.lower() not in self.title_words]

    def _actor_at(self, i: int):
        m = self._mention_map.get(i)
        if m is None or len(m.actors) != 1:
            return None
        return (m.actors[0], m.start, m.end)

    def _place(self, name: Span, known: Actor | None) -> Actor | None:
        placement = place_person(name, self._actor_at, self.title_words)
        if placement is not None and placement.parent is not None and not placement.former:
            parent = placement.parent
            actor = person_actor(name.text, parent.code, placement.role, parent)
            if known is not None and known.id != actor.id:
                actor = person_actor(known.name, parent.code, placement.role or known.role, parent)
            self.learn(actor)
            return actor
        if known is not None:
            return known
        local = self._local_person(name)
        if local is not None:
            return local
        role = placement.role if placement is not None else None
        actor = person_actor(name.text, None, role, None)
        self.unplaced[actor.id] = actor
        self._pending_titles = getattr(self, "_pending_titles", [])
        if role:
            self._pending_titles.append((name, actor))
        return actor

    # == the sentence ===================================================================
    def place_people(self, sent: Span) -> list[Reading]:
        """Only learn the people a sentence without events places ("Germany's Chancellor Friedrich Merz")."""
        self._pending_titles = []
        for m in {id(m): m for m in self._mentions(sent).values()}.values():
            if m.kind == "person" and len(m.actors) == 1 and m.actors[0].code:
                self.dis.note_person(m.actors[0], self._name_parts(m.actors[0]))
        return []

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
        readings += self.mediated(sent, readings)
        self._update(sent, readings)
        return readings

    def _note_proposals(self, sent: Span) -> None:
        """Remember who proposed a plan ("X proposed a plan", "X put forward an initiative", "X's proposal")."""
        w = self.lex.words
        n = getattr(self, "sent_no", 0)
        for tok in sent:
            if tok.pos_ not in _NOUN:
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

    # == speakers ========================================================================
    def _speaker(self, sent: Span) -> Actor | None:
        lex = self.lex
        for tok in sent:
            if tok.lemma_.lower() in lex.words["speech_verbs"] and tok.pos_ in _VERB:
                for c in tok.children:
                    if c.dep_ in ("nsubj",):
                        found = self.actors(c)
                        if len(found) == 1:
                            return found[0]
            if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
                for c in tok.nbor().children:
                    if c.dep_ == "pobj":
                        found = self.actors(c)
                        if len(found) == 1:
                            return found[0]
        return None

    # == argument actors ====================================================================
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
                if (c.i < m.start or c.i >= m.end) and c.dep_ in ("amod", "compound", "poss", "nmod"):
                    found += self.actors(c, _depth + 1)
        elif (pair := self._pair_ref(tok)) is not None:
            found += pair
        elif lower in lex.words["reciprocals"] or (lower == "each" and tok.nbor(1).lower_ == "other"):
            pass
        elif tok.pos_ == "PRON" or lower in lex.words["person_pronouns"] | lex.words["thing_pronouns"]:
            found += self._pronoun(tok)
        elif tok.pos_ in _NOUN or tok.pos_ == "ADJ" or tok.pos_ == "NUM":
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
        if lemma in lex.words["organisation_references"] and det & {"the", "this", "that"} and self.dis.last_igo:
            return [self.dis.last_igo]
        described = False
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod", "appos"):
                if c.dep_ == "amod" and c.lower_.endswith("-based"):
                    continue
                mods = self.actors(c, depth + 1)
                found += mods
                described = described or (bool(mods) and c.dep_ == "amod")
        for c in tok.children:
            # "key global players, including Russia and China": the members named
            if c.dep_ == "prep" and c.lower_ in ("including", "like") and tok.tag_ in ("NNS", "NNPS"):
                found += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g, depth + 1)]
        for c in tok.children:
            # "the Turkish and Greek sides of Cyprus": the whole the parts belong to is no party
            if c.dep_ == "prep" and c.lower_ in ("of", "from") and not described:
                for g in c.children:
                    if g.dep_ == "pobj":
                        found += self.actors(g, depth + 1)
        if found:
            return found
        # "this regime", "the opposition": the last actor named with that word
        if lemma in self.group_words or lemma in self.dis.by_word:
            if lemma in self.dis.by_word and (det & {"this", "that", "the", "these", "those"} or lemma == "opposition"
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
        if (lemma in lex.words["group_role_nouns"] or lemma in ("country", "nation", "government", "side"))\
                and tok.tag_ in ("NNS", "NNPS") and ({"the", "both", "two", "their"} & det or tok.dep_ == "nsubj"):
            if self.dis.pair:
                return list(self.dis.pair)
        return []

    def _antecedent(self, head: Token) -> bool:
        """Can the mention ending at `head` be what "it" points back to? Not a place ("strikes in
        Pakistan ... after it attacked") nor the modifier of a thing ("the UN Charter")."""
        if head.dep_ == "compound" and head.head.pos_ in _NOUN and self._mention_map.get(head.head.i) is None:
            return False
        return not (head.dep_ == "pobj" and head.head.lower_ in self.lex.words["place_preps"]
                    and head.head.head.pos_ in _NOUN)

    def _pair_ref(self, tok: Token):
        text = tok.doc[tok.i:tok.i + 4].text.lower()
        for ref in self.lex.phrases["pair_references"]:
            if text.startswith(ref) and self.dis.pair:
                return list(self.dis.pair)
        return None

    def _pronoun(self, tok: Token) -> list[Actor]:
        lex = self.lex
        lower = tok.lower_
        if lower in lex.words["first_person_pronouns"]:
            sp = getattr(self, "speaker", None)
            if sp is not None:
                return [sp]
            return []
        if lower in lex.words["person_pronouns"]:
            # "his country" / "his government": the speaker's state
            if lower in ("his", "her") and tok.head.lemma_.lower() in ("country", "government", "administration"):
                p = getattr(self, "speaker", None) or self.dis.last_person
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
            verb = _clause_verb(tok)
            judged = verb is not None and tok.head.dep_ == "dobj" and any(
                e.lower() in self.lex.words["judging_types"] for e, _k, _x in self.lex.cues.get(verb.lemma_.lower(), ()))
            if judged and self.dis.last_thing is not None:
                return [self.dis.last_thing]   # "Kabul condemned its attack": the attacker named before
            if verb is not None and tok.dep_ == "poss":
                for c in verb.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i:
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
                        and i == m.start and self._antecedent(tok.doc[m.end - 1]):
                    return [m.actors[0]]
            return [self.dis.last_thing] if self.dis.last_thing is not None else []
        if lower in lex.words["plural_pronouns"]:
            # the nearest plural noun phrase before it in the sentence that names actors
            for i in range(tok.i - 1, tok.sent.start - 1, -1):
                t = tok.doc[i]
                if t.tag_ in ("NNS", "NNPS") and t.dep_ not in ("compound", "poss"):
                    return self.actors(t, 1)   # the antecedent, even if it names no actor
            verb = _clause_verb(tok)
            if verb is not None and tok.dep_ == "poss":
                for c in verb.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        subj = self.actors(c, 1)
                        if len({a.code for a in subj}) >= 2:
                            return subj
            return list(self.dis.pair)
        return []

    # == cues ===============================================================================
    def _matches(self, tok: Token):
        lex = self.lex
        keys = dict.fromkeys((tok.lemma_.lower(), tok.lower_))
        best: list[tuple[str, str, tuple, list[Token]]] = []
        for key in keys:
            for etype, kind, extra in lex.cues.get(key, ()):
                if kind == "verb" and tok.pos_ not in _VERB + _ADJ_CUE:
                    continue
                if kind == "noun" and tok.pos_ not in _NOUN:
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
            hit = next((t for t in near if (t.lemma_.lower() == w or t.lower_ == w) and not _dated_prep(t)), None)
            if hit is None:
                return None
            found.append(hit)
        return found

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

    def _constraints_ok(self, tok: Token, etype: str, extra: tuple, kind: str = "verb") -> bool:
        spec = self.lex.constraints.get(tok.lemma_.lower())
        if not spec or extra:
            return True
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
        objs += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        if tok.dep_ in ("amod", "acl", "relcl") and tok.head.pos_ in _NOUN:
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
        if spec.get("requires_preps") and kind == "verb" and not any(
                c.dep_ in ("prep", "agent", "prt") and c.lower_ in spec["requires_preps"] for c in tok.children):
            return False
        return True

    # == verbs ===============================================================================
    def _subjects(self, verb: Token, depth: int = 0) -> list[Actor]:
        if depth > 4:
            return []
        out: list[Actor] = []
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                if c.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
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
            elif verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl") and verb.head.pos_ in _VERB:
                out += self._subjects(verb.head, depth + 1)
            elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
                # "praised X for sending aid to Y": the object of the governing verb does the act
                gov = verb.head.head
                w = self.lex.words
                judging = {e.lower() for e, _k, _x in self.lex.cues.get(gov.lemma_.lower(), ())} \
                    & (w["statement_types"] | w["allegation_types"])
                objs = [a for c in gov.children if c.dep_ == "dobj" for a in self.actors(c)] \
                    if gov.pos_ in _VERB and judging and verb.head.lower_ in w["allegation_preps"] else []
                out += objs or self._subjects(gov, depth + 1)
            elif verb.dep_ == "advcl" and verb.head.pos_ in _NOUN:
                pass
        return out

    def _hostile_complement(self, verb: Token) -> bool:
        """True if a promise verb's complement is a hostile act ("vowed to take it by force")."""
        w = self.lex.words
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in _VERB:
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
            elif g.dep_ in ("xcomp", "conj") and g.pos_ in _VERB and depth < 1:
                out += self._clause_targets(g, depth + 1)
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
        verb = _clause_verb(noun)
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
        if preps is None or noun.pos_ not in _NOUN or self._mention_map.get(noun.i) is not None:
            return []
        found = [a for c in noun.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
        if found:
            return found
        authors = [a for c in noun.children if c.dep_ in ("poss", "compound", "amod") for a in self.actors(c)]
        if authors and self._names_act(noun):
            return authors      # "welcomed Washington's statement", "rejected the Russian proposal"
        det = {c.lower_ for c in noun.children if c.dep_ in ("det", "predet")}
        if not det & {"the", "these", "those", "this", "that", "such"} or authors:
            return []
        w = self.lex.words
        lemma = noun.lemma_.lower()
        if lemma in w["accusation_nouns"] or noun.lower_ in w["accusation_nouns"]:
            # "X denied / rejected the charge": whoever made the accusation just reported
            window = int(next(iter(self.lex.words["act_anaphora_window"]), "3"))
            fact = self.dis.recent_act({"ACCUSED"}, getattr(self, "sent_no", 0), window)
            return [fact.source] if fact is not None and fact.source is not None else []
        if lemma in w["proposal_nouns"] or noun.lower_ in w["proposal_nouns"]:
            # "Y rejected / endorsed the plan": whoever proposed it in the recent sentences
            window = int(next(iter(w["proposal_window"]), "4"))
            prop = self.dis.recent_proposal(getattr(self, "sent_no", 0), window)
            return list(prop.actors) if prop is not None else []
        types = {e for e, kind, _ in self.lex.cues.get(lemma, ()) if kind == "noun"} - {"MEDIATED"}
        if not types and (lemma in w["generic_act_nouns"] or noun.lower_ in w["generic_act_nouns"]):
            # "B denounced the move / the measures": the act just reported
            types = {t.upper() for t in w["generic_act_types"]}
        if not types:
            return []
        window = int(next(iter(self.lex.words["act_anaphora_window"]), "3"))
        fact = self.dis.recent_act(types, getattr(self, "sent_no", 0), window)
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
                if t.i > verb.i and t.lower_ in preps and t.head.i != verb.i and getattr(_clause_verb(t), "i", -1) in (verb.i, t.head.i):
                    nxt = next((n for n in t.doc[t.i + 1:min(t.i + 6, t.sent.end)] if n.pos_ in _NOUN), None)
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
                if t.lemma_.lower() in self.lex.words["participant_adders"] and getattr(_clause_verb(t), "i", -1) == verb.i:
                    out += [a for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
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
        elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in _NOUN and not acts_only \
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
            if len(subj) == 1 and len(obj) > 1 and any(
                    c.dep_ == "advmod" and c.lower_ in self.lex.words["separately"] for c in verb.children):
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

    # == nouns ================================================================================
    def _noun_event(self, noun: Token, etype: str) -> list[Reading]:
        frame = self.lex.frame(etype)
        rel = self.lex.schema.relation(etype)
        own: list[Actor] = []
        others: list[Actor] = []
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and not c.lower_.endswith("-based"):
                own += self.actors(c)
            elif c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "from" and not rel.symmetric)):
                # "a plea by X", "calls from X": the author of a directed act
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
        governor = _governing_verb(noun)
        light = governor is not None and governor.lemma_.lower() in self.lex.words["light_verbs"]
        if light and etype not in ("MET", "PLANS_TO_MEET") and any(
                e == "MEDIATED" for e, _k, _x in self.lex.cues.get(governor.lemma_.lower(), ())):
            light = False       # "X brokered a deal between A and B": X mediated, it is not a party
        w = self.lex.words
        if not own and governor is not None and not light and not rel.symmetric \
                and governor.lemma_.lower() in w["agent_governors"]:
            # "agreed on a set of sanctions against X", "ordered an aid package for X": the deciders act
            own = self._subjects(governor)
        if not others and governor is not None and not rel.symmetric and noun.dep_ == "dobj" \
                and governor.lemma_.lower() in w["reaction_verbs"]:
            # "the strikes drew criticism from X", "Y's visit prompted condemnation": aimed at the cause
            for c in governor.children:
                if c.dep_ == "nsubj":
                    others += self.actors(c) or self._act_targets(c, etype)
                elif c.dep_ == "prep" and c.lower_ == "from" and not own:
                    own += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
        if not own and light:
            own = self._subjects(governor)
            if governor.lemma_.lower() in ("receive", "accept") and rel.symmetric is False:
                own, others = others, own
        # "returned home after talks with X", "arrived in Hanoi for a state visit": the governing
        # verb's subject took part; a verb of arrival adds its destination
        w = self.lex.words
        if governor is not None and not light and rel.symmetric and noun.dep_ == "pobj" \
                and noun.head.dep_ == "prep" and not any(c.dep_ == "neg" for c in governor.children):
            prep = noun.head.lower_
            motion = governor.lemma_.lower() in w["arrival_verbs"]
            if prep in w["event_adjunct_preps"] or (motion and prep in w["arrival_purpose_preps"]):
                if not own:
                    own = self._subjects(governor)
                if motion:
                    others += [a for c in governor.children if c.dep_ == "prep" and c.lower_ in w["destination_preps"]
                               for g in c.children if g.dep_ == "pobj" for a in self.actors(g)
                               if a.kind == "state"]
        if light and governor is not None:
            for c in governor.children:
                if c.dep_ == "prep" and c.lower_ in (frame.verb_preps if rel.symmetric else frame.noun_preps):
                    others += [a for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
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
                            and governor.lemma_.lower() in self.lex.words["event_predicates"])
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
        if not others and not rel.symmetric:
            # "strikes targeting X", "raids aimed at X": the target named by a participle on the noun
            w = self.lex.words
            for c in noun.children:
                if c.dep_ == "acl" and c.lemma_.lower() in w["aiming_verbs"]:
                    others += [a for g in c.children if g.dep_ == "dobj" for a in self.actors(g)]
                    others += [a for g in c.children if g.dep_ == "prep" and g.lower_ in ("at", "against")
                               for x in g.children if x.dep_ == "pobj" for a in self.actors(x)]
        if not others and own:
            others = self._implicit_parties(noun, etype2, own)
        return self._directed(etype2, own, others, noun, negated, mode, rule, 0.75)

    # == assembling ==============================================================================
    def _symmetric(self, etype, parts, trig, negated, mode, rule) -> Reading | None:
        parts = [a for a in dict.fromkeys(parts) if a is not None]
        if len({a.code for a in parts if a.code}) < 2:
            self._note_unresolved(parts)
            return None
        placed = tuple(a for a in parts if a.code)
        self._note_unresolved(parts)
        conf = 0.8 if "anaphora" not in rule else 0.6
        if etype == "MET" and mode is None and self._by_phone(trig):
            mode = "phone"
        return Reading(etype, participants=placed, trigger=trig, negated=negated, mode=mode, rule=rule,
                       confidence=conf, place=self._place_of(trig))

    def _by_phone(self, trig: Token) -> bool:
        """A conversation by telephone: "phoned", "held a phone call", "spoke by telephone"."""
        words = self.lex.words["phone_words"]
        if trig.pos_ == "VERB" and trig.lemma_.lower() in self.lex.words["phone_verbs"]:
            return True
        near = [trig, *trig.children, *(g for c in trig.children for g in c.children)]
        return any(t.lower_ in words or t.lemma_.lower() in words for t in near)

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
        return out

    def _reciprocal(self, trig: Token) -> bool:
        """A mutual act of its coordinated subjects: "accused each other", "exchanged fire", "clashed"."""
        text = trig.doc[trig.i:min(trig.i + 5, trig.sent.end)].text.lower()
        gov = _governing_verb(trig) if trig.pos_ in _NOUN else None
        heads = {trig.lemma_.lower(), gov.lemma_.lower() if gov is not None else ""}
        return any(r in text for r in self.lex.words["reciprocals"]) or bool(heads & self.lex.words["reciprocal_heads"])

    def _note_unresolved(self, actors) -> None:
        for a in actors:
            if a is not None and not a.code:
                self.unplaced[a.id] = a

    def _place_of(self, trig: Token) -> str | None:
        anchors = [trig] + ([trig.head] if trig.pos_ in _NOUN and trig.head.pos_ in _VERB else [])
        for a in anchors:
            for c in a.children:
                if c.dep_ == "prep" and c.lower_ in self.lex.words["place_preps"]:
                    for g in c.children:
                        if g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC") or self._mention_map.get(g.i)):
                            m = self._mention_map.get(g.i)
                            if m is not None and m.actors[0].kind not in ("state",):
                                continue
                            return g.doc[m.start:m.end].text if m is not None else g.text
        return None

    # == constructions without a cue verb ===========================================================
    def _special(self, tok: Token) -> list[Reading]:
        w = self.lex.words
        lemma = tok.lemma_.lower()
        out: list[Reading] = []
        speaker = getattr(self, "speaker", None)
        # "S: X is a strong ally of Y" → S supports X
        if lemma in w["predicative_praise"] and tok.dep_ in ("attr", "appos") and tok.pos_ in _NOUN:
            subj = [a for c in tok.head.children if c.dep_ == "nsubj" for a in self.actors(c)] \
                if tok.dep_ == "attr" else self.actors(tok.head, conj=False)
            if subj:
                if speaker is not None and speaker not in subj:
                    out += self._directed("SUPPORTED", [speaker], subj, tok, False, None, "praise-attribute", 0.6)
                else:
                    of = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj" for a in self.actors(g)]
                    out += self._directed("SUPPORTED", subj, of, tok, False, None, "praise-attribute", 0.6)
        # "S: ... Assad, the brutal dictator" → S criticised Assad
        if lemma in w["pejoratives"] and tok.dep_ in ("appos", "attr") and speaker is not None:
            target = self.actors(tok.head, conj=False) if tok.dep_ == "appos" else \
                [a for c in tok.head.children if c.dep_ == "nsubj" for a in self.actors(c)]
            out += self._directed("CRITICIZED", [speaker], target, tok, False, None, "pejorative-epithet", 0.6)
        # "S said X must withdraw" → S called on X (a demand without a verb of demanding)
        if tok.pos_ in _VERB and tok.dep_ == "ccomp" and any(
                c.dep_ == "aux" and c.lower_ in w["demand_modals"] for c in tok.children) \
                and tok.head.lemma_.lower() in w["speech_verbs"] and not any(c.dep_ == "neg" for c in tok.children):
            sources = self._subjects(tok.head)
            targets = [a for c in tok.children if c.dep_ == "nsubj" and c.lower_ not in w["first_person_pronouns"]
                       for a in self.actors(c)]
            out += self._directed("CALLED_ON", sources, targets, tok, False, None, "demand-modal", 0.6)
        # "X called the raids barbaric", "described the move as a provocation" → X criticised their author
        if tok.pos_ == "VERB" and lemma in w["evaluation_verbs"]:
            preds = [c for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")]
            preds += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                      if g.dep_ == "pobj"]
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if any(p.lemma_.lower() in w["dismissive_evaluations"] for p in preds) and any(
                    o.lemma_.lower() in w["accusation_nouns"] for o in objs):
                accusers = [a for o in objs for a in self._act_targets(o, "OPPOSED")]
                out += self._directed("OPPOSED", self._subjects(tok), accusers, tok, False, None,
                                      "dismissed-accusation", 0.6)
            elif any(self._negative(p) for p in preds):
                # "called it a cowardly Israeli attack": an author named in the judgement comes first
                targets = [a for p in preds if p.pos_ in _NOUN for c in p.children
                           if c.dep_ in ("amod", "poss", "compound") for a in self.actors(c)]
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                targets = targets or [a for o in objs for a in (self.actors(o) or self._act_targets(o, "CRITICIZED"))]
                mod = modality(tok, "CRITICIZED", self.lex)
                if mod is not None:
                    out += self._directed("CRITICIZED", self._subjects(tok), targets, tok, mod[1], None,
                                          "negative-evaluation", 0.6)
        # "S: ... X continues to commit atrocities" → S accused X
        if lemma in w["alleged_verbs"] and tok.pos_ in _VERB:
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            if any(o.lemma_.lower() in w["alleged_nouns"] for o in objs):
                source = speaker or self._statement_source(tok)
                subj = self._subjects(tok)
                if source is not None:
                    out += self._directed("ACCUSED", [source], subj, tok, False, None, "alleged-act", 0.6)
        return out

    def _names_act(self, tok: Token) -> bool:
        """True if a noun names an act or a decision rather than an actor ("the statement", "the deal")."""
        w = self.lex.words
        lemma = tok.lemma_.lower()
        return tok.pos_ in _NOUN and self._mention_map.get(tok.i) is None and (
            lemma in w["act_nouns"] or lemma in w["generic_act_nouns"] or lemma in w["proposal_nouns"]
            or any(k == "noun" for _e, k, _x in self.lex.cues.get(lemma, ())))

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

    # == mediation ===================================================================================
    def mediated(self, sent: Span, readings: list[Reading]) -> list[Reading]:
        """MEDIATED events: a mediator cue with its source, targets from the talks it governs."""
        out: list[Reading] = []
        sym = [r for r in readings if r.participants and r.type in ("MET", "NORMALIZED", "AGREED", "PLANS_TO_MEET")]
        for tok in sent:
            matches = [m for m in self._matches(tok) if m[0] == "MEDIATED"]
            if not matches and not (tok.lower_ in ("led", "brokered", "mediated", "sponsored", "backed")
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
            if len({a.code for a in parties}) < 2 and tok.dep_ == "acl" and tok.head.pos_ in _NOUN:
                # "A and B settled the dispute in an accord brokered by X": the parties of the clause
                verb = _clause_verb(tok.head)
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
            return t.pos_ in _NOUN and any(e in ("MET", "PLANS_TO_MEET") and k == "noun"
                                           for e, k, _x in self.lex.cues.get(t.lemma_.lower(), ()))
        near = [tok.head, *tok.children, *(g for c in tok.children if c.dep_ == "prep" for g in c.children)]
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":       # "talks under the auspices of X"
            near.append(tok.head.head)
        return any(met_noun(t) for t in near if t.i != tok.i)

    # == discourse update =============================================================================
    def _update(self, sent: Span, readings: list[Reading]) -> None:
        dis = self.dis
        for i in sorted({m.start for m in self._mention_map.values()}):
            m = self._mention_map[i]
            if len(m.actors) == 1 and m.actors[0].code:
                head = sent.doc[m.end - 1].lemma_.lower()
                dis.note_actor(m.actors[0], head if head in self.group_words else None)
                if m.actors[0].kind == "person":
                    dis.note_person(m.actors[0], self._name_parts(m.actors[0]))

        # subjects of speech verbs and persons in subject position are "he"/"she"
        if self.speaker is not None and self.speaker.kind == "person":
            dis.last_person = self.speaker
            dis.last_speaker = self.speaker
        for rd in readings:
            if rd.participants and rd.type != "MET" or len(rd.codes()) == 2:
                dis.note_pair(rd.participants)
        for tok in sent:
            if tok.dep_ in ("nsubj", "dobj", "pobj") and any(c.dep_ == "conj" for c in tok.children):
                group = self.actors(tok)
                if len({a.code for a in group if a.code}) == 2:
                    dis.note_pair(group)
            if tok.dep_ == "nsubj":
                subj = self.actors(tok)
                if len(subj) == 1 and subj[0].kind == "person" and subj[0].code:
                    dis.last_person = subj[0]


def _dated_prep(t: Token) -> bool:
    """A preposition introducing a date or time ("on Thursday"): not the particle of a phrasal cue."""
    return t.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in t.children)


def _clause_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.pos_ in _VERB and cur.i != tok.i:
            return cur
        if cur.head.i == cur.i:
            return cur if cur.pos_ in _VERB else None
        cur = cur.head
    return None


def _governing_verb(noun: Token) -> Token | None:
    """The verb a cue noun is the object of ("held talks", "emerged from their meeting")."""
    h = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass", "nsubj", "oprd") and h.pos_ in _VERB:
        return h
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in _VERB:
        return h.head
    if noun.dep_ == "conj":
        return _governing_verb(h)
    if noun.dep_ == "pobj" and h.dep_ == "prep" and h.head.pos_ in _NOUN and h.head.dep_ in ("dobj", "pobj"):
        return _governing_verb(h.head)
    return None
