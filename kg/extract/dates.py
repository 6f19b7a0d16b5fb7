"""Find date expressions in a sentence and resolve them against the publication date.

>>> import datetime as dt
>>> pub = dt.date(2023, 1, 4)            # a Wednesday
>>> [(d.text, d.date.isoformat(), d.precision) for d in find_dates("Yesterday, Tuesday, they met.", pub)]
[('Yesterday, Tuesday', '2023-01-03', 'day')]
>>> find_dates("They met last Wednesday.", pub)[0].date.isoformat()
'2022-12-28'
>>> find_dates("On November 1, 2022 they met.", pub)[0].date.isoformat()
'2022-11-01'
>>> d = find_dates("They met last week.", pub)[0]; (d.date.isoformat(), d.precision)
('2022-12-26', 'week')
>>> find_dates("They met on Monday. The day before, they spoke.", pub)[1].date.isoformat()
'2023-01-01'
>>> find_dateline("Lima, Jan 3 (AP) - Chile and Peru met.", pub).date.isoformat()
'2023-01-03'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = ["DateExpr", "date_words", "find_dates", "find_dateline", "resolve_weekday"]

DATA = Path(__file__).with_name("data") / "dates.yaml"
WEEKDAYS = [d.lower() for d in calendar.day_name]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9


_OBJECT_NEXT = re.compile(r"\s+(?:the|a|an|his|her|its|their|our|this|that|these|those|[A-Z0-9])\b")


@dataclass(frozen=True)
class DateExpr:
    """A date expression: its text, character offsets in the sentence, and its resolution.

    ``date`` is None when the expression names no day (``"in September"``) or when no
    publication date is known; ``precision`` is ``"day"`` or ``"week"``; ``relative``
    tells whether it needed the publication date.
    """

    text: str
    start: int
    end: int
    date: dt.date | None
    precision: str | None
    relative: bool = True
    future_sensitive: bool = False   # a bare weekday: past or future depends on the verb
    weekday: int | None = None
    anchored: bool = False           # counted from the day mentioned before ("the day before")


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def date_words() -> dict:
    """The date knowledge of ``data/dates.yaml`` (read-only)."""
    return _data()


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    d = _data()
    wd = _alt(WEEKDAYS)
    mon = _alt(MONTHS)
    mods = _alt(d["weekday_modifiers"])
    suf = _alt(d["weekday_suffixes"])
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    return [
        ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
        ("mdy", re.compile(rf"\b(?:(?P<wd0>{wd}),?\s+)?(?P<mon>{mon})\.?\s+{day}(?:,?\s+{year})?\b", re.I)),
        ("dmy", re.compile(rf"\b(?:(?P<wd0>{wd}),?\s+)?{day}\s+(?P<mon>{mon})\.?(?:,?\s+{year})?\b", re.I)),
        ("relday", re.compile(rf"\b(?P<rel>{_alt(d['relative_days'])})(?:,?\s+(?P<wd>{wd})\b)?", re.I)),
        ("anchored", re.compile(rf"\b(?P<rel>{_alt(d['anchored_days'])})\b", re.I)),
        ("ago", re.compile(rf"\b(?P<n>\d{{1,2}}|{_alt(d['number_words'])})\s+(?P<unit>days?|weeks?)\s+ago\b", re.I)),
        ("relweek", re.compile(rf"\b(?P<rel>{_alt(d['relative_weeks'])})\b", re.I)),
        ("weekday", re.compile(rf"\b(?:(?P<mod>{mods})\s+)?(?P<wd>{wd})(?:\s+(?:{suf}))?\b", re.I)),
        ("month", re.compile(rf"\b(?:in|since|during|until|by)\s+(?:early\s+|late\s+|mid-?)?(?P<mon>{mon})(?:\s+{year})?\b", re.I)),
        ("vague", re.compile(rf"\b(?:{_alt(d['vague'])})\b", re.I)),
    ]


def resolve_weekday(pub: dt.date, weekday: int, mode: str) -> dt.date:
    """The day named by a weekday relative to `pub`.

    mode: ``past`` (on or before pub), ``past_strict`` (before), ``future`` (on or after),
    ``future_strict`` (after).
    """
    back = (pub.weekday() - weekday) % 7
    if mode == "past":
        return pub - dt.timedelta(days=back)
    if mode == "past_strict":
        return pub - dt.timedelta(days=back or 7)
    ahead = (weekday - pub.weekday()) % 7
    if mode == "future":
        return pub + dt.timedelta(days=ahead)
    return pub + dt.timedelta(days=ahead or 7)


def _explicit(pub: dt.date | None, month: int, day: int, year: str | None) -> dt.date | None:
    try:
        if year:
            return dt.date(int(year), month, day)
        if pub is None:
            return None
        d = dt.date(pub.year, month, day)
        if d > pub + dt.timedelta(days=31):   # "December 30" in a January article
            d = dt.date(pub.year - 1, month, day)
        return d
    except ValueError:
        return None


def find_dates(text: str, pub: dt.date | None) -> list[DateExpr]:
    """Every date expression in `text`, left to right, without overlaps.

    Bare weekdays ("on Tuesday") resolve to the past occurrence; callers with a
    future-tense verb re-resolve them with :func:`resolve_weekday` (see ``future_sensitive``).
    A day counted from another ("the day before") resolves against the last day named
    before it in `text`, else against `pub`; pass a whole article to give it that context.
    """
    data = _data()
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, pat in _patterns():
        for m in pat.finditer(text):
            a, b = m.span()
            if not free(a, b):
                continue
            g = m.groupdict()
            expr: DateExpr | None = None
            if kind == "iso":
                try:
                    expr = DateExpr(m.group(), a, b, dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "day", False)
                except ValueError:
                    continue
            elif kind in ("mdy", "dmy"):
                if not text[a].isupper() and kind == "mdy" and not g.get("wd0"):
                    # "may 5" in lower case is a verb more often than a month
                    if g["mon"].lower() == "may":
                        continue
                if g["mon"].lower() == "may" and not g.get("year") and kind == "mdy" and text[a] == "m":
                    continue
                day = _explicit(pub, MONTHS[g["mon"].lower().rstrip(".")], int(g["day"]), g.get("year"))
                if day is None and g.get("year") is None and pub is None:
                    expr = DateExpr(m.group(), a, b, None, None, True)
                elif day is not None:
                    expr = DateExpr(m.group(), a, b, day, "day", not g.get("year"))
            elif kind == "relday":
                off = data["relative_days"][re.sub(r"\s+", " ", g["rel"].lower())]
                day = pub + dt.timedelta(days=off) if pub else None
                expr = DateExpr(m.group(), a, b, day, "day" if day else None)
            elif kind == "anchored":
                if g["rel"].lower().endswith(("before", "after")) and _OBJECT_NEXT.match(text, b):
                    continue    # "the day before the vote": counted from the vote, which has no day here
                off = data["anchored_days"][re.sub(r"\s+", " ", g["rel"].lower())]
                expr = DateExpr(m.group(), a, b, None, None, True, anchored=True, weekday=off)
            elif kind == "ago":
                n = g["n"].lower()
                n = int(n) if n.isdigit() else _number(data, n)
                if pub is None:
                    expr = DateExpr(m.group(), a, b, None, None)
                elif g["unit"].lower().startswith("day"):
                    expr = DateExpr(m.group(), a, b, pub - dt.timedelta(days=n), "day")
                else:
                    then = pub - dt.timedelta(weeks=n)
                    expr = DateExpr(m.group(), a, b, then - dt.timedelta(days=then.weekday()), "week")
            elif kind == "relweek":
                off = data["relative_weeks"][re.sub(r"\s+", " ", g["rel"].lower())]
                if pub:
                    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=off)
                    expr = DateExpr(m.group(), a, b, monday, "week")
                else:
                    expr = DateExpr(m.group(), a, b, None, None)
            elif kind == "weekday":
                if not text[m.start("wd")].isupper():
                    continue
                wd = WEEKDAYS.index(g["wd"].lower())
                mode = data["weekday_modifiers"].get(re.sub(r"\s+", " ", (g.get("mod") or "on").lower()), "tense")
                sensitive = mode == "tense"
                day = resolve_weekday(pub, wd, "past" if sensitive else mode) if pub else None
                expr = DateExpr(m.group(), a, b, day, "day" if day else None, True, sensitive, wd)
            else:   # month or vague: a period, not a day
                expr = DateExpr(m.group(), a, b, None, None)
            if expr is not None:
                taken.append((a, b))
                out.append(expr)
    return _anchor_days(sorted(out, key=lambda e: e.start), pub)


def _number(data: dict, word: str) -> int:
    """The number a number word names ("three" -> 3), from ``number_words``."""
    return data["number_words"][word]


def _anchor_days(exprs: list[DateExpr], pub: dt.date | None) -> list[DateExpr]:
    """Resolve "the day before" and its kin against the day named last before each."""
    out: list[DateExpr] = []
    last = pub
    for e in exprs:
        if e.anchored:   # the offset rides in ``weekday`` until resolved
            day = last + dt.timedelta(days=e.weekday) if last else None
            e = replace(e, date=day, precision="day" if day else None, weekday=None)
        elif e.date is not None and e.precision == "day":
            last = e.date
        out.append(e)
    return out


def find_dateline(text: str, pub: dt.date | None) -> DateExpr | None:
    """The dateline or timestamp line near the top of `text`, if any.

    A dateline is a place followed by a date and a news-agency mark or dash
    ("Islamabad, Jan 17 (EFE).-", "New Delhi, Jan 27 (PTI)", "Caracas, November 1, 2022 -");
    a timestamp line is a date alone on its line, perhaps labelled ("Updated: 17 January 2024
    10:32 GMT"). Its offsets are in `text`; a year-less one takes its year from `pub`.
    """
    conf = _data()["dateline"]
    labels = _alt(conf["timestamp_labels"])
    place = rf"[A-Z][\w.'’-]*(?:[ /,]+[A-Z][\w.'’-]*){{0,{int(conf['max_place_words']) - 1}}}"
    pos, seen = 0, 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > int(conf["lines"]):
            break
        for d in find_dates(line, pub):
            if d.relative and d.anchored or d.precision not in ("day", None) or not re.match(r"\w", d.text):
                continue
            before, after = line[: d.start], line[d.end:]
            is_dateline = re.fullmatch(rf"\s*{place},\s*", before) and re.match(r"\s*(?:\(|[-–—:]|\.-)", after)
            is_stamp = re.fullmatch(rf"\s*(?:(?:{labels})\s*(?:on)?\s*:?\s*)?", before, re.I) and re.fullmatch(
                r"[\s,]*(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|UTC[+-]?\d*)?)?\s*", after, re.I)
            if is_dateline or is_stamp:
                return replace(d, start=start + d.start, end=start + d.end, relative=False)
    return None
