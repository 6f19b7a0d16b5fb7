"""Actors in text: the gazetteer component and role phrases that place people.

``kg_actor_gazetteer`` matches every alias of the actor registry (exact case for
names with capitals, case-folded for lower-case aliases such as "the international
community"), extends a country to a composite ("Syrian" + "opposition" → ``SYR-OPP``,
"Turkish" + "Foreign Ministry" → ``TUR.foreign-ministry``) and overrides the
statistical NER where they disagree. :func:`place_person` reads role phrases around a
person's name ("State Department spokesman Ned Price", "the head of the Syrian
National Coalition, Salem Al-Muslat", "Wang Yi, China's top diplomat").

The gazetteer also asks the registry who an office holder is on the article's date
(:attr:`ActorGazetteer.as_of`) given the title before the name, labels places
(GeoNames cities, regions, landmarks) as GPE/LOC/FAC so they are never persons or
parties, and labels what names no actor (documents, honorifics alone, generic phrases)
so the extractor skips them; see :meth:`kg.registry.ActorRegistry.place` and
:meth:`~kg.registry.ActorRegistry.not_actor`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.model import Actor, make_actor_id
from kg.registry import ActorRegistry, normalize_name

__all__ = ["ActorGazetteer", "Placement", "place_person", "person_name", "KIND_LABEL"]

KIND_LABEL = {"state": "GPE", "person": "PERSON"}
SPANS_KEY = "kg_actors"


@Language.factory("kg_actor_gazetteer", default_config={"overwrite_ents": True})
def make_actor_gazetteer(nlp: Language, name: str, overwrite_ents: bool) -> "ActorGazetteer":
    return ActorGazetteer(nlp, name, overwrite_ents=overwrite_ents)


class ActorGazetteer:
    """Registry aliases as phrase patterns ``{"label": kind, "pattern": alias, "id": actor id}``.

    ``add_patterns`` is the only way patterns get in; :meth:`initialize` loads a registry's
    aliases. ``__call__`` writes ``doc.spans["kg_actors"]`` (``kb_id_`` = actor id) and,
    with ``overwrite_ents``, puts them into ``doc.ents`` over conflicting NER spans.
    """

    def __init__(self, nlp: Language, name: str = "kg_actor_gazetteer", *, overwrite_ents: bool = True):
        self.name = name
        self.nlp = nlp
        self.overwrite_ents = overwrite_ents
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._patterns: list[dict] = []
        self._seen: set[tuple[str, str]] = set()
        self.registry: ActorRegistry | None = None
        self._extend: dict[str, int] = {}
        self.as_of: dt.date | None = None    # the article's publication date (office holders)

    # -- patterns --------------------------------------------------------------
    def add_patterns(self, patterns) -> None:
        """Add ``{"label", "pattern", "id"}`` dicts (string patterns only)."""
        for p in patterns:
            text, actor_id = str(p["pattern"]).strip(), str(p["id"])
            if not text or (text, actor_id) in self._seen:
                continue
            self._seen.add((text, actor_id))
            self._patterns.append({"label": p.get("label", "ORG"), "pattern": text, "id": actor_id})
            matcher = self.exact if any(c.isupper() for c in text) else self.folded
            variants = dict.fromkeys([text, text.replace("'", "\u2019")])   # typographic apostrophes
            for variant in variants:
                doc = self.nlp.make_doc(variant)
                matcher.add(actor_id, [doc])
                if variant.lower().startswith("the ") and len(doc) > 1:   # "the Kremlin" also matches "Kremlin"
                    matcher.add(actor_id, [doc[1:].as_doc()])

    @property
    def patterns(self) -> list[dict]:
        return list(self._patterns)

    def __len__(self) -> int:
        return len(self._patterns)

    def initialize(self, get_examples=None, *, nlp=None, registry: ActorRegistry | None = None) -> None:
        """Load every alias of `registry` (default: the built-in gazetteer)."""
        self.registry = registry or ActorRegistry.builtin()
        self.add_patterns(self.registry_patterns(self.registry))
        words = set(self.registry.group_words()) | set(self.registry.institution_words())
        self._extend = {w: len(w.split()) for w in words}

    @staticmethod
    def registry_patterns(registry: ActorRegistry):
        for alias, actor_id in registry.aliases():
            actor = registry.get(actor_id)
            if len(alias) < 2 or (actor and actor.kind == "person" and len(alias) < 4):
                continue
            yield {"label": actor.kind if actor else "ORG", "pattern": alias, "id": actor_id}
            if actor and actor.kind == "person" and alias == actor.name:   # "Michel" for Charles Michel
                last = alias.split()[-1]
                if len(last) > 3 and last[0].isupper() and registry.resolve(last) == actor:
                    yield {"label": "person", "pattern": last, "id": actor_id}

    def learn(self, actor: Actor) -> None:
        """Match a newly learned person by full name and surname from now on."""
        names = [actor.name, *actor.aliases]
        last = actor.name.split()[-1] if actor.name.split() else ""
        if len(last) > 3 and last[0].isupper():
            names.append(last)
        self.add_patterns({"label": "person", "pattern": n, "id": actor.id} for n in names)

    # -- matching ----------------------------------------------------------------
    def find(self, doc: Doc) -> list[Span]:
        """Gazetteer spans (longest first, no overlaps), with composites; works on tokenizer output."""
        found = []
        vocab = doc.vocab.strings
        for rank, matcher in enumerate((self.exact, self.folded)):
            for match_id, s, e in matcher(doc):
                found.append((-(e - s), rank, s, Span(doc, s, e, label="ACTOR", kb_id=vocab[match_id])))
        # longest first; between equally long overlapping names the case-exact one ("World Bank" over "the
        # world" in "The World Bank"), then the earlier
        taken: set[int] = set()
        spans = []
        for _n, _rank, _s, sp in sorted(found, key=lambda f: f[:3]):
            if not taken & set(range(sp.start, sp.end)):
                spans.append(sp)
                taken |= set(range(sp.start, sp.end))
        spans.sort(key=lambda sp: sp.start)
        if not self.registry:
            return spans
        out = []
        for sp in spans:
            found = self.registry.resolve(sp.text)   # the registry's index decides between homonyms
            named = found or self.registry.get(sp.kb_id_)
            if named is not None and named.kind == "person" and self._first_of_another_name(doc, sp, named):
                continue
            if found is not None and found.kind == "person":
                found = self._office_holder(doc, sp) or found
                if len(sp) > 1:
                    self._learn_surname(found)
            if found is not None and found.id != sp.kb_id_:
                sp = Span(doc, sp.start, sp.end, label="ACTOR", kb_id=found.id)
            out.append(self._composite(doc, sp))
        return out

    def _first_of_another_name(self, doc: Doc, span: Span, actor: Actor) -> bool:
        """One word of a known person's name that begins someone else's ("Ibrahim Kalin" is not
        Anwar Ibrahim): the next word is capitalised and names no actor, group or institution."""
        if len(span) != 1 or span.end >= len(doc) or normalize_name(span.text) == normalize_name(actor.name):
            return False
        nxt = doc[span.end]
        return nxt.is_title and normalize_name(nxt.text) not in self._extend \
            and nxt.lower_ not in ("administration", "government", "camp", "team") \
            and self.registry.resolve(nxt.text) is None

    def _learn_surname(self, actor: Actor) -> None:
        """After a full name, the surname alone names the person too, as for a person placed by a
        role phrase ("Ned Price ... Price said") — unless it is a place or another holder's name."""
        last = actor.name.split()[-1]
        if len(last) > 3 and last[0].isupper() and (last, actor.id) not in self._seen \
                and self.registry.place(last) is None and self.registry.resolve(last) in (None, actor) \
                and len(self.registry.resolve_person_ids(last)) <= 1:
            self.add_patterns([{"label": "person", "pattern": last, "id": actor.id}])

    def _office_holder(self, doc: Doc, span: Span) -> Actor | None:
        """The holder `span` names, read with the title before it and :attr:`as_of`; the registry
        learns that term's code and role, so every later lookup of the id agrees."""
        title = doc[max(0, span.start - 5):span.start].text
        actor = self.registry.resolve_person(span.text, title, self.as_of)
        if actor is not None and actor.kind == "person":
            known = self.registry.get(actor.id)
            if known is None:     # an earlier office of another code: its own id; the names stay the person's
                self.registry.add(actor, override=False)
            elif (known.code, known.role) != (actor.code, actor.role):
                self.registry.add(actor)
        return actor

    def _composite(self, doc: Doc, span: Span) -> Span:
        reg = self.registry
        actor = reg.get(span.kb_id_)
        if actor is None or actor.kind != "state":
            return span
        # "Syrian opposition", "Turkish Foreign Ministry": look right for a group/institution word
        # ("China's Coast Guard": the possessive may sit between them)
        gap = 1 if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s") else 0
        for n in (3, 2, 1):
            end = span.end + gap + n
            if end > len(doc):
                continue
            words = normalize_name(doc[span.end + gap:end].text)
            if words in self._extend and self._extend[words] == n:
                found = reg.resolve(f"{span.text} {doc[span.end + gap:end].text}")
                if found is not None:
                    return Span(doc, span.start, end, label="ACTOR", kb_id=found.id)
        # "Foreign Ministry of Turkey", "the Armed Forces of the Philippines"
        of = span.start - 1 - (span.start >= 3 and doc[span.start - 1].lower_ == "the" and span[0].lower_ != "the")
        if of >= 1 and doc[of].lower_ == "of":
            for n in (3, 2, 1):
                start = of - n
                if start < 0:
                    continue
                words = normalize_name(doc[start:of].text)
                if words in self._extend and self._extend[words] == n:
                    found = reg.resolve(f"{doc[start:of].text} of {span.text}")
                    if found is not None and found.id != actor.id:
                        return Span(doc, start, span.end, label="ACTOR", kb_id=found.id)
        return span

    def __call__(self, doc: Doc) -> Doc:
        spans = self.find(doc)
        named: list[Span] = []
        if self.registry is not None:
            spans = [sp for sp in spans if not self._starts_a_name(doc, sp)]
            places = self._places(doc, spans)
            spans = [sp for sp in spans if not any(p.start <= sp.start and sp.end <= p.end for p in places)]
            named = places + self._not_actors(doc, spans)
            spans += self._titled(doc, spans + named)
        for sp in spans:
            actor = self.registry.get(sp.kb_id_) if self.registry else None
            sp.label_ = KIND_LABEL.get(actor.kind, "ORG") if actor else "ORG"
        doc.spans[SPANS_KEY] = spans
        if self.overwrite_ents:
            taken = {i for sp in spans + named for i in range(sp.start, sp.end)}
            rest = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
            doc.ents = filter_spans(list(spans) + named + rest)
        return doc

    # -- people named like places, places, and what is no actor ------------------------
    def _starts_a_name(self, doc: Doc, span: Span) -> bool:
        """A state's name that begins a longer name: "Chad Wolf", "Jordan Bardella" (the NER's
        PERSON), "the Paris Agreement" (a document)."""
        actor = self.registry.get(span.kb_id_)
        if actor is None or actor.kind != "state" or span.end >= len(doc):
            return False
        nxt = doc[span.end]
        if not nxt.is_title or self.registry.resolve(nxt.text) is not None:
            return False
        ent = next((e for e in doc.ents if e.start <= span.start and e.end > span.end), None)
        if ent is not None and ent.label_ in ("PERSON", "LAW"):
            return True
        end = span.end
        while end < len(doc) and doc[end].is_title:
            end += 1
        return self.registry.not_actor(doc[span.start:end].text) == "LAW"

    def _places(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Places as GPE (city), LOC (region) or FAC (landmark) spans, where no actor is matched
        (a longer place beats the actor inside it: "Latin America", "South China Sea"), no longer
        PERSON/ORG name holds them ("Florence Parly") and the word is not the surname of a person
        named in the same text ("Lloyd Austin ... Austin said")."""
        def overlaps_actor(a: int, b: int) -> bool:
            return any(sp.start < b and a < sp.end and not (a <= sp.start and sp.end <= b and b - a > len(sp))
                       for sp in spans)

        surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
        surnames |= {sp[-1].text for sp in spans if len(sp) > 1 and sp.label_ == "PERSON"}
        starts = self.registry.place_starts()
        features = self.registry.place_features()
        out: list[Span] = []
        i = 0
        while i < len(doc):
            hit = None
            if (doc[i].is_title or doc[i].is_upper) and (normalize_name(doc[i].text) in starts or any(
                    t.lower_ in features and t.is_title for t in doc[i + 1:i + 4])):
                for n in (4, 3, 2, 1):
                    if i + n > len(doc) or overlaps_actor(i, i + n):
                        continue
                    place = self.registry.place(doc[i:i + n].text)
                    if place is not None and doc[i + n - 1].is_title:
                        hit = (n, place)
                        break
            if hit is None:
                i += 1
                continue
            n, place = hit
            span = Span(doc, i, i + n, label=place.label)
            outer = next((e for e in doc.ents if e.start <= i and e.end >= i + n and len(e) > n
                          and e.label_ in ("PERSON", "ORG", "FAC", "LAW", "EVENT")), None)
            if outer is None and not (n == 1 and doc[i].text in surnames):
                out.append(span)
            i += n
        return out

    def _not_actors(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """NER names that name no actor, relabelled (LAW, TITLE, EVENT); a name led by honorifics
        ("Dr Mohamed Muizzu") loses them."""
        taken = {i for sp in spans for i in range(sp.start, sp.end)}
        honor = self.registry.honorifics()
        out = []
        for e in doc.ents:
            if e.label_ not in ("PERSON", "ORG", "NORP", "GPE", "WORK_OF_ART", "PRODUCT", "FAC"):
                continue
            if any(i in taken for i in range(e.start, e.end)):
                continue
            why = self.registry.not_actor(e.text)
            if why is not None and self.registry.resolve(e.text) is None:
                out.append(Span(doc, e.start, e.end, label=why))
                continue
            start = e.start
            while start < e.end - 1 and normalize_name(doc[start].text) in honor:
                start += 1
            if start > e.start and e.label_ == "PERSON":
                out.append(Span(doc, e.start, start, label="TITLE"))
                out.append(Span(doc, start, e.end, label="PERSON"))
        # capitalised runs the NER left out ("the Harbourview Accord" may be read as a name later)
        taken |= {i for e in doc.ents for i in range(e.start, e.end)}
        i = 0
        while i < len(doc):
            end = i
            while end < len(doc) and end not in taken and doc[end].is_title:
                end += 1
            if end > i:
                why = self.registry.not_actor(doc[i:end].text)
                if why is not None and self.registry.resolve(doc[i:end].text) is None:
                    out.append(Span(doc, i, end, label=why))
            i = end + 1
        return out

    def _titled(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """A PERSON after a title only one state uses, with no country named before it
        ("Secretary of State Jane Roe" → USA): a person of that state."""
        taken = {i for sp in spans for i in range(sp.start, sp.end)}
        out = []
        for e in doc.ents:
            if e.label_ != "PERSON" or any(i in taken for i in range(e.start, e.end)) or e.start == 0:
                continue
            before = doc[max(0, e.start - 6):e.start]
            code = self.registry.title_country(before.text)
            if code is None or any(i in taken for i in range(before.start, before.end)):
                continue
            title = next(before[k:].text for k in range(len(before))
                         if self.registry.title_country(before[k:].text) == code)
            state = self.registry.get(code)
            actor = person_actor(e.text, code, title, state)
            if self.registry.get(actor.id) is None:
                self.registry.add(actor)
            out.append(Span(doc, e.start, e.end, label="ACTOR", kb_id=actor.id))
        return out


# -- people -------------------------------------------------------------------------
@dataclass(frozen=True)
class Placement:
    """Where a role phrase places a person: their role, the body or state, the code."""

    role: str | None
    parent: Actor | None
    former: bool = False


def person_name(span: Span, title_words: frozenset[str]) -> Span:
    """The name inside a PERSON span, without leading titles ("President Joe Biden" → "Joe Biden")."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in title_words:
        start += 1
    end = span.end
    while end > start + 1 and span.doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1
    return span.doc[start:end]


def place_person(name: Span, actor_at, title_words: frozenset[str]) -> Placement | None:
    """Read the role phrase around `name`.

    `actor_at(i)` returns ``(actor, start, end)`` of the actor mention covering token i,
    or None. Handles "<actor> <titles> NAME", "the <titles> of <actor>, NAME",
    "NAME, <actor>'s <titles>", "NAME, the <titles> of <actor>" and "NAME, <titles> for <actor>".
    """
    doc = name.doc
    sent_start = name.sent.start if doc.has_annotation("SENT_START") else 0
    sent_end = name.sent.end if doc.has_annotation("SENT_START") else len(doc)

    def is_title(t) -> bool:
        return t.lower_ in title_words or t.text in ("-", "most")

    # walk left
    titles: list[str] = []
    i = name.start - 1
    comma = False
    if i >= sent_start and doc[i].text == "," :
        comma, i = True, i - 1
    parent = None
    former = False
    while i >= sent_start:
        tok = doc[i]
        hit = actor_at(i)
        if hit is not None and hit[0].kind != "person":
            actor, s, _ = hit
            if parent is None:
                parent = actor
                titles.insert(0, doc[s:hit[2]].text)
                i = s - 1
                if actor.kind == "igo" and i - 1 >= sent_start and doc[i].lower_ in ("'s", "’s"):
                    owner = actor_at(i - 1)      # "Iran's UN envoy": Iran's, not the UN's
                    if owner is not None and owner[0].kind == "state":
                        parent = owner[0]
                        titles.insert(0, doc[owner[1]:i + 1].text)
                        i = owner[1] - 1
                if i >= sent_start and doc[i].lower_ in ("the", "of"):
                    continue
                while i >= sent_start and doc[i].lower_ in title_words:
                    former = former or doc[i].lower_ == "former"
                    titles.insert(0, doc[i].text)
                    i -= 1
                break
            break
        if is_title(tok) and not comma:
            titles.insert(0, tok.text)
            former = former or tok.lower_ == "former"
            i -= 1
            continue
        if tok.lower_ in ("of", "the") and (comma or parent is not None or titles):
            if tok.lower_ == "of" and comma:
                titles.insert(0, "of")
            i -= 1
            continue
        if comma and is_title(tok):
            titles.insert(0, tok.text)
            i -= 1
            continue
        if tok.lower_ in ("'s", "’s") and i - 1 >= sent_start:
            i -= 1
            continue
        break
    if comma and parent is not None:
        # "the head of the X, NAME": the titles must come right before "of"
        role = " ".join(titles).strip()
        if not any(w.lower() in title_words for w in role.split()[:3]):
            parent = None
    if parent is not None or titles:
        role = " ".join(t for t in titles if t).strip() or None
        if parent is not None or not comma:
            if parent is not None or (role and any(w.lower() in title_words for w in role.split())):
                return Placement(_clean_role(role), parent, former)
    # walk right: "NAME, China's top diplomat" / "NAME, the Secretary of Iran's Council"
    j = name.end
    if j < sent_end and doc[j].text == ",":
        j += 1
        k = j
        found = None
        role_words: list[str] = []
        while k < min(sent_end, j + 12):
            tok = doc[k]
            hit = actor_at(k)
            if hit is not None and hit[0].kind != "person":
                found = hit[0]
                role_words.append(doc[hit[1]:hit[2]].text)
                k = hit[2]
                continue
            if is_title(tok) or tok.lower_ in ("the", "of", "'s", "’s", "a", "an") \
                    or (tok.lower_ == "for" and found is None):     # "NAME, spokesman for the China Coast Guard"
                role_words.append(tok.text)
                k += 1
                continue
            break
        if found is not None and any(w.lower() in title_words for w in role_words):
            role = " ".join(w for w in role_words if w.lower() not in ("the", "a", "an")).replace(" 's", "'s")
            return Placement(_clean_role(role), found, "former" in role.lower().split())
    return None


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    words = role.split()
    while words and words[0].lower() in ("the", "of", ",", "a", "an"):
        words = words[1:]
    return " ".join(words) or None


def person_actor(name: str, code: str | None, role: str | None, parent: Actor | None) -> Actor:
    """The Actor for a placed (or unplaced) person."""
    return Actor(make_actor_id("person", name), name, "person", code, role=role,
                 parent=parent.id if parent is not None else None)
