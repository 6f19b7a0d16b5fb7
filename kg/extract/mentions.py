"""Mentions: where a sentence names actors and people, and who speaks in it.

A step of :class:`kg.extract.events.SentenceReader` (a mixin sharing its state): gazetteer spans,
named entities and runs of proper nouns become :class:`~kg.extract.reading.Mention` objects; a person
with a role phrase ("Turkey's foreign minister X") is placed and learned for the rest of the article.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from kg.model import Actor, office_actor_id, person_of

from .actors import SPANS_KEY, person_actor, person_name, place_person
from .reading import Mention, Reading
from .syntax import VERB

__all__ = ["Mentions"]


class Mentions:
    """Find the actor mentions of a sentence (``_mentions``) and its speaker (``_speaker``)."""

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
            suffixes = [self.group_words.get(w) for w in (placement.role or "").lower().split()]
            suffix = next((s for s in suffixes if s), None)
            if suffix and parent.kind == "state":
                # "Belarus opposition leader X", "Syrian rebel commander Y": the domestic group's person
                parent = self.reg.domestic_group(parent.code, suffix) or parent
            actor = person_actor(name.text, parent.code, placement.role, parent)
            if known is not None and known.id != actor.id:
                actor = person_actor(known.name, parent.code, placement.role or known.role, parent)
            holder = self.reg.get(person_of(actor.id))
            if holder is not None and holder.code and parent.code != holder.code and self.reg.terms(holder.id):
                # "Estonian Prime Minister Kaja Kallas" in a text that calls her so: that office's actor
                actor = replace(actor, id=office_actor_id(holder.id, parent.code))
            self.learn(actor)
            return actor
        if known is not None:
            return known
        local = self._local_person(name)
        if local is not None:
            return local
        proper = name.doc[next((t.i for t in name if not t.is_lower), name.start):name.end]   # not "broadcaster"
        if any(self.reg.not_actor(n.text) is not None or self.reg.place(n.text) is not None for n in (name, proper)) \
                or any(t.like_num for t in name) or self._names_an_act(name):
            return None     # "Ministers Meeting", "Order 14362", "broadcaster France24", "Renaissance Dam": no one
        role = placement.role if placement is not None else None
        actor = person_actor(name.text, None, role, None)
        self.unplaced[actor.id] = actor
        if role:
            self._pending_titles.append((name, actor))
        return actor

    def _names_an_act(self, name: Span) -> bool:
        """`name` follows "an operation dubbed", "a campaign codenamed" … (the lexicon's
        ``naming_verbs`` after one of its ``named_act_nouns``)."""
        doc, w = name.doc, self.lex.words
        i = name.start - 1
        while i >= 0 and doc[i].is_quote:
            i -= 1
        return i >= 1 and doc[i].lower_ in w["naming_verbs"] and any(
            t.lemma_.lower() in w["named_act_nouns"] for t in doc[max(0, i - 3):i])

    def place_people(self, sent: Span) -> list[Reading]:
        """Only learn the people a sentence without events places ("Germany's Chancellor Friedrich Merz")."""
        self._pending_titles = []
        for m in {id(m): m for m in self._mentions(sent).values()}.values():
            if m.kind == "person" and len(m.actors) == 1 and m.actors[0].code:
                self.dis.note_person(m.actors[0], self._name_parts(m.actors[0]))
        return []

    def _speaker(self, sent: Span) -> Actor | None:
        lex = self.lex
        for tok in sent:
            if tok.lemma_.lower() in lex.words["speech_verbs"] and tok.pos_ in VERB:
                for c in tok.children:
                    if c.dep_ in ("nsubj",):
                        found = self.actors(c)
                        if len(found) == 1:
                            return found[0]
            if tok.lower_ in lex.words["according_to"] and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
                for c in tok.nbor().children:
                    if c.dep_ == "pobj":
                        found = self.actors(c)
                        if len(found) == 1:
                            return found[0]
        return None
