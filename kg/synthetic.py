"""Synthetic actors and events for benchmarks (``synthetic_actors``, ``synthetic_events``).

NOTE (issue 4 session): this file was accidentally overwritten while another
session was writing it; this is a reconstruction of its public API as used by
``bench/ingest_bench.py`` (``synthetic_actors(n)``, ``synthetic_events(n, actors)``),
built on :mod:`kg.synthetic_corpus`. Its owner may replace it freely.

>>> acts = synthetic_actors(100)
>>> len(acts), "USA" in {a.id for a in acts}, "person:synthetic-7" in {a.id for a in acts}
(100, True, True)
>>> len(list(synthetic_events(50, acts)))
50
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Iterator, Sequence

from .model import Actor, Event, Provenance
from .schema import load_schema

__all__ = ["synthetic_actors", "synthetic_events"]

_STATES = ("USA", "TUR", "RUS", "SYR", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "EGY", "SAU", "QAT", "UKR",
           "IND", "JPN", "BRA", "ZAF", "NGA", "MEX")


def synthetic_actors(n: int) -> list[Actor]:
    """`n` actors: up to 20 real states (USA first), then officials ``person:synthetic-<i>``."""
    import pycountry

    out = []
    for code in _STATES[:n]:
        c = pycountry.countries.get(alpha_3=code)
        out.append(Actor(code, getattr(c, "common_name", None) or c.name, "state", code))
    i = 0
    while len(out) < n:
        code = _STATES[i % len(_STATES)]
        out.append(Actor(f"person:synthetic-{i}", f"Synthetic Official {i}", "person", code, role="minister",
                         parent=code))
        i += 1
    return out


def synthetic_events(n: int, actors: Sequence[Actor], seed: int = 0) -> Iterator[Event]:
    """`n` events between `actors`, skewed towards the first ones (states), deterministic for `seed`."""
    rnd = random.Random(seed)
    schema = load_schema()
    types = schema.event_types
    ids = [a.id for a in actors]
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(ids))]
    start = dt.date(2015, 1, 1)
    for i in range(n):
        t = rnd.choice(types)
        a, b = rnd.choices(ids, weights, k=2)
        while b == a:
            b = rnd.choice(ids)
        prov = (Provenance("synthetic", f"art{i // 5:08d}", "synthetic", f"Synthetic sentence {i}."),)
        date = start + dt.timedelta(days=rnd.randrange(3650))
        if schema.relations[t].symmetric:
            yield Event(t, participants=(a, b), date=date, provenance=prov)
        else:
            yield Event(t, a, b, date=date, provenance=prov)
