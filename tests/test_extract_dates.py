"""Date expressions resolved against a publication date (no model needed)."""

import datetime as dt

import pytest

from kg.extract.dates import find_dates, resolve_weekday

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
])
def test_resolved(text, day, precision):
    d = find_dates(text, PUB)[0]
    assert (d.date.isoformat(), d.precision) == (day, precision)


@pytest.mark.parametrize("text", ["They met this week.", "They met in September.", "They met last month."])
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
