"""Date expressions resolved against a publication date (no model needed)."""

import datetime as dt

import pytest

from kg.extract.dates import find_dateline, find_dates, resolve_weekday

PUB = dt.date(2024, 3, 6)   # a Wednesday


@pytest.mark.parametrize("text,day,precision", [
    ("They met yesterday.", "2024-03-05", "day"),
    ("They met on Tuesday.", "2024-03-05", "day"),
    ("They met on Wednesday.", "2024-03-06", "day"),          # the publication day itself
    ("They met last Wednesday.", "2024-02-28", "day"),        # a week before, not today
    ("They met last Monday.", "2024-03-04", "day"),
    ("Yesterday, Tuesday, they met.", "2024-03-05", "day"),
    ("They met late Saturday.", "2024-03-02", "day"),
    ("They met on February 12, 2024.", "2024-02-12", "day"),
    ("They met on 12 February.", "2024-02-12", "day"),
    ("On December 30 they met.", "2023-12-30", "day"),        # no year: the last one before publication
    ("They met today.", "2024-03-06", "day"),
    ("They met last week.", "2024-02-26", "week"),            # the Monday of that week, week precision
    ("They met earlier this week.", "2024-03-04", "week"),    # a week, not a day
    ("They met two days ago.", "2024-03-04", "day"),
    ("They met 3 days ago.", "2024-03-03", "day"),
    ("They met a week ago.", "2024-02-26", "week"),
])
def test_resolved(text, day, precision):
    d = find_dates(text, PUB)[0]
    assert (d.date.isoformat(), d.precision) == (day, precision)


@pytest.mark.parametrize("text", ["They met in September.", "They met last month.", "They met in recent years."])
def test_periods_name_no_day(text):
    d = find_dates(text, PUB)
    assert d and d[0].date is None


def test_no_date_expression():
    assert find_dates("They met in the capital.", PUB) == []


def test_no_publication_date_leaves_relative_dates_unresolved():
    d = find_dates("They met on Tuesday.", None)[0]
    assert d.date is None and d.text == "on Tuesday"


def test_future_weekday():
    assert resolve_weekday(PUB, 4, "future") == dt.date(2024, 3, 8)
    assert resolve_weekday(PUB, 2, "future_strict") == dt.date(2024, 3, 13)


@pytest.mark.parametrize("text,day", [
    ("The envoys arrived on Monday. The day before, the ministers had spoken.", "2024-03-03"),
    ("The envoys arrived on Monday. The following day, the ministers spoke.", "2024-03-05"),
    ("On February 20 the ministers spoke, and a day later the envoys arrived.", "2024-02-21"),
    ("The day before, the ministers had spoken.", "2024-03-05"),     # no day named: the publication day
    ("The envoys arrived on Monday. Later that day, the ministers spoke.", "2024-03-04"),
])
def test_day_counted_from_the_day_named_before(text, day):
    d = [e for e in find_dates(text, PUB) if e.anchored][0]
    assert (d.date.isoformat(), d.precision) == (day, "day")


def test_the_day_before_an_event_is_not_counted_from_the_previous_day():
    assert not [e for e in find_dates("They met on Monday, the day before the vote.", PUB) if e.anchored]


@pytest.mark.parametrize("text,day", [
    ("Quito, Mar 5 (Reuters) - Ecuador and Peru met.", "2024-03-05"),
    ("A subtitle line\nSan José, March 4, 2024 — Costa Rica and Panama met.", "2024-03-04"),
    ("Updated: 5 March 2024 14:05 GMT\nEcuador and Peru met.", "2024-03-05"),
])
def test_dateline_names_the_day_of_writing(text, day):
    d = find_dateline(text, PUB)
    assert d.date.isoformat() == day and text[d.start:d.end] == d.text


@pytest.mark.parametrize("text", ["On March 4, Ecuador and Peru met.", "Quito: Ecuador and Peru met on Monday.",
                                  "Ecuador and Peru met.\nThe talks ran late.\nA third line.\nLima, Mar 5 (AP) - x"])
def test_no_dateline(text):
    assert find_dateline(text, PUB) is None
