"""A reproducible synthetic corpus: actors, articles and events shaped like real extractions.

Used by the parity tests (both stores loaded from the same data) and by the
benchmarks (100k / 1M events). The same ``seed`` and ``n_events`` always give
the same corpus, so a test or a benchmark run can be repeated exactly.

Shape: ~60 states (pycountry names, so accents and apostrophes), two ministries
and five officials per state, a few IGOs and unresolved organisations; actors
are drawn with a Zipf-like skew (a few hubs, a long tail), types with a skew
towards MET/CRITICIZED/SUPPORTED; 3% undated, 5% negated, 2% repeats of an
earlier event from another article (exercising the provenance merge).

>>> c = corpus(200, seed=1)
>>> len(c.events) >= 200, len({e.id for e in c.events}) < len(c.events)
(True, True)
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Callable, Iterator

from .model import Actor, Article, Event, Provenance, slugify
from .schema import load_schema
from .store.base import Store, WriteCounts

__all__ = ["Corpus", "corpus", "actors", "populate", "EXTRA_ACTORS"]

_START = dt.date(2015, 1, 1)
_DAYS = 3652
_OUTLETS = ("Reuters", "AP", "AFP", "Al Jazeera", "Anadolu", "TASS", "BBC", "Le Monde")
_PLACES = ("Moscow", "Ankara", "Geneva", "Doha", "Brussels", "New York", "Beijing", "São Paulo", None, None)
_TYPE_WEIGHTS = {"MET": 30, "CRITICIZED": 14, "SUPPORTED": 12, "CALLED_ON": 9, "ACCUSED": 6, "PROMISED": 5,
                 "PLANS_TO_MEET": 5, "OPPOSED": 5, "AGREED": 3, "NORMALIZED": 2, "MEDIATED": 2, "SANCTIONED": 2,
                 "THREATENED": 2, "AIDED": 2, "ATTACKED": 1}
EXTRA_ACTORS = (
    Actor("UN", "United Nations", "igo", "UN", ("UN",)),
    Actor("EU", "European Union", "igo", "EU"),
    Actor("NATO", "NATO", "igo", "NATO", ("North Atlantic Treaty Organization",)),
    Actor("WORLD", "the countries of the world", "world", "WORLD"),
    Actor("org:wagner", "Wagner Group", "armed_group", None),
    Actor("org:free-press-union", "Free Press Union", "civil_society", None),
)


@dataclass
class Corpus:
    """Everything :func:`corpus` generated, in write order."""

    actors: list[Actor] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def actors(n_states: int = 60) -> list[Actor]:
    """The synthetic actor set: states, their ministries and officials, IGOs, unresolved bodies."""
    import pycountry

    countries = sorted(pycountry.countries, key=lambda c: c.alpha_3)[:n_states]
    out: list[Actor] = []
    for c in countries:
        code = c.alpha_3
        name = getattr(c, "common_name", None) or c.name
        out.append(Actor(code, name, "state", code, (c.name,) if c.name != name else ()))
        for body in ("Foreign Ministry", "Presidency"):
            out.append(Actor(f"{code}.{slugify(body)}", f"{name} {body}", "government", code, parent=code))
        for i in range(5):
            pname = f"Official {i} of {name}"
            out.append(Actor(f"person:{slugify(pname)}", pname, "person", code, role="minister" if i else "leader",
                             parent=f"{code}.foreign-ministry"))
    out.extend(EXTRA_ACTORS)
    return out


def corpus(n_events: int, seed: int = 0, n_states: int = 60) -> Corpus:
    """Generate `n_events` events (plus ~2% repeats) over :func:`actors`, deterministically."""
    rnd = random.Random(seed)
    schema = load_schema()
    acts = actors(n_states)
    ids = [a.id for a in acts]
    rnd.shuffle(ids)
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(ids))]
    types = list(_TYPE_WEIGHTS)
    type_w = list(_TYPE_WEIGHTS.values())
    n_articles = max(1, n_events // 5)
    arts = [Article(f"a{seed:x}{i:08x}", f"Synthetic article {i}", _START + dt.timedelta(days=rnd.randrange(_DAYS)),
                    rnd.choice(_OUTLETS), None, "en") for i in range(n_articles)]
    events: list[Event] = []
    for i in range(n_events):
        if events and rnd.random() < 0.02:   # the same event reported again elsewhere
            old = events[rnd.randrange(len(events))]
            if old.date:
                art = rnd.choice(arts)
                prov = Provenance("synthetic", art.id, art.source, f"Repeat report {i} of {old.type}.", (0, 10))
                events.append(Event(old.type, old.source, old.target, old.participants, old.date, old.date_text,
                                    old.date_precision, old.place or rnd.choice(_PLACES), old.negated,
                                    round(rnd.random(), 2), old.mode, (prov,)))
                continue
        t = rnd.choices(types, type_w)[0]
        k = 3 if schema.relations[t].symmetric and rnd.random() < 0.1 else 2
        who: list[str] = []
        while len(who) < k:
            a = rnd.choices(ids, weights)[0]
            if a not in who:
                who.append(a)
        date = None if rnd.random() < 0.03 else _START + dt.timedelta(days=rnd.randrange(_DAYS))
        art = rnd.choice(arts)
        provs = [Provenance("synthetic", art.id, art.source, f"Sentence {i}: {t} between {', '.join(who)}.",
                            (i % 500, i % 500 + 40))]
        if rnd.random() < 0.2:
            art2 = rnd.choice(arts)
            provs.append(Provenance("synthetic-2", art2.id, art2.source, f"Second report {i}.", None))
        common = dict(date=date, date_text=date.strftime("%d %B %Y") if date and rnd.random() < 0.3 else None,
                      date_precision="day" if date else None,
                      place=rnd.choice(_PLACES) if t in ("MET", "AGREED", "PLANS_TO_MEET") else None,
                      negated=rnd.random() < 0.05, confidence=round(0.5 + rnd.random() / 2, 2),
                      mode=rnd.choice(("in_person", "phone", None)) if t == "MET" else None, provenance=tuple(provs))
        if schema.relations[t].symmetric:
            events.append(Event(t, participants=tuple(who), **common))
        else:
            events.append(Event(t, who[0], who[1], **common))
    return Corpus(acts, arts, events)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def populate(store: "Store", n_events: int, seed: int = 0, *, batch: int = 5000,
             progress: Callable[[int], None] | None = None) -> WriteCounts:
    """Write a synthetic corpus of `n_events` into `store` in batches of `batch` events."""
    c = corpus(n_events, seed)
    counts = store.write(actors=c.actors, articles=c.articles)
    for chunk in _chunks(c.events, batch):
        counts += store.write(events=chunk)
        if progress:
            progress(len(chunk))
    return counts
