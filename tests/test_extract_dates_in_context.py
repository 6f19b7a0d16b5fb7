"""Dates in context through the real model: which date expression dates an event, and days
carried from other sentences. One construction per test, in sentences written for these tests."""

from __future__ import annotations

import pytest

from loaders.articles import parse_text_article

PUB = "2024-03-06"   # a Wednesday


@pytest.fixture(scope="module")
def run(extractor):
    counter = iter(range(10_000))

    def _run(text: str, date: str | None = PUB):
        meta = f"date: {date}\n" if date else ""
        doc = parse_text_article(f"---\ntitle: t\n{meta}---\n{text}\n", f"dates-{next(counter)}.md")
        return extractor.extract(doc).rows(doc.ref)

    return _run


def dates(rows, etype, codes):
    """The dates of the events of `etype` between `codes` (source, target or participants)."""
    out = []
    for r in rows:
        got = [p["code"] for p in r["participants"]] if r["participants"] else [r["source"]["code"],
                                                                                r["target"]["code"]]
        if r["type"] == etype and sorted(got) == sorted(codes):
            out.append(r["date"])
    assert out, f"no {etype} {codes} in {[(r['type'], r['date']) for r in rows]}"
    return out


def test_bare_back_reference_with_a_day_dates_the_event(run):
    rows = run("Ecuador and Colombia signed a fishing accord. The accord on Saturday ended a long dispute.")
    assert dates(rows, "AGREED", ["COL", "ECU"]) == ["2024-03-02"]


def test_possessive_day_on_a_later_mention_dates_the_event(run):
    rows = run("Kenya's president met the Ugandan president in Nairobi. "
               "Monday's meeting was their first since the election.")
    assert dates(rows, "MET", ["KEN", "UGA"]) == ["2024-03-04"]


def test_dated_setting_noun_without_an_event_dates_the_meeting_it_names(run):
    rows = run("Chile, Peru and Bolivia on Monday tried to ease the strain at their first joint summit. "
               "In a meeting in Lima, the presidents of Chile, Peru and Bolivia agreed to cooperate.")
    assert dates(rows, "MET", ["BOL", "CHL", "PER"]) == ["2024-03-04"]
    assert dates(rows, "AGREED", ["BOL", "CHL", "PER"]) == ["2024-03-04"]     # the meeting's outcome


def test_statement_sentence_referring_back_dates_the_statement_before(run):
    rows = run("Brazil criticised Argentina over the border dispute. This came in a statement issued yesterday.")
    assert dates(rows, "CRITICIZED", ["ARG", "BRA"]) == ["2024-03-05"]


def test_the_day_before_counts_from_the_day_named_before(run):
    rows = run("Chile met Peru on Monday. The day before, Bolivia had criticised Peru.")
    assert dates(rows, "CRITICIZED", ["BOL", "PER"]) == ["2024-03-03"]


def test_present_progressive_meeting_takes_the_publication_day(run):
    rows = run("The Chilean president is meeting his Peruvian counterpart in Lima.")
    assert dates(rows, "MET", ["CHL", "PER"]) == [PUB]


def test_clause_date_beats_a_date_inside_a_phrase_of_the_trigger(run):
    rows = run("In response to a March 3 raid, Israel struck targets in Syria late Friday.")
    assert dates(rows, "ATTACKED", ["ISR", "SYR"]) == ["2024-03-01"]


def test_date_inside_another_noun_yields_to_the_clause_date(run):
    rows = run("Peru criticised Chile's March 3 decision late on Friday.")
    assert dates(rows, "CRITICIZED", ["CHL", "PER"]) == ["2024-03-01"]


def test_date_of_the_act_responded_to_is_not_the_day_of_the_response(run):
    rows = run("Israel struck targets in Syria in response to a March 3 raid.")
    assert dates(rows, "ATTACKED", ["ISR", "SYR"]) == [None]


def test_date_in_a_reported_clause_is_not_the_day_of_the_statement(run):
    rows = run("Peru praised Chile and said the agreements reached at their meeting on March 3 held firm.")
    assert dates(rows, "SUPPORTED", ["CHL", "PER"]) == [None]


def test_dateline_is_the_reference_day_not_the_event_day(run):
    rows = run("Quito, Mar 4 (Reuters) - Ecuador condemned Peru yesterday over the border incident.")
    assert dates(rows, "CRITICIZED", ["ECU", "PER"]) == ["2024-03-03"]


def test_dateline_stands_for_a_missing_publication_date(run):
    rows = run("Quito, March 4, 2024 (Reuters) - Ecuador condemned Peru on Sunday over the border incident.",
               date=None)
    assert dates(rows, "CRITICIZED", ["ECU", "PER"]) == ["2024-03-03"]


def test_fronted_date_dates_the_coordinated_event(run):
    rows = run("On March 1, the Chilean president met his Peruvian counterpart and criticised Bolivia.")
    assert dates(rows, "CRITICIZED", ["BOL", "CHL"]) == ["2024-03-01"]


@pytest.mark.parametrize("when", ["this week", "earlier this week"])
def test_this_week_is_a_week_not_a_day(run, when):
    rows = run(f"Chile met Peru {when}.")
    met = [r for r in rows if r["type"] == "MET"]
    assert met and met[0]["date"] is None and (met[0]["date_precision"], met[0]["period"]) == ("week", "2024-03-04")


def test_a_day_stated_elsewhere_fills_a_week(run):
    rows = run("Chile met Peru earlier this week. Chile and Peru met on Monday in Lima.")
    assert set(dates(rows, "MET", ["CHL", "PER"])) == {"2024-03-04"}


def test_an_event_of_another_period_takes_no_carried_day(run):
    rows = run("Chile met Peru last month. Chile and Peru met on Monday in Lima.")
    assert sorted(dates(rows, "MET", ["CHL", "PER"]), key=str) == ["2024-03-04", None]


def test_report_clause_parsed_below_its_content_still_dates_it(run):
    rows = run("Chile and Peru have agreed to a permanent truce, the regional envoy announced in a briefing "
               "on Monday night in Quito.")
    assert dates(rows, "AGREED", ["CHL", "PER"]) == ["2024-03-04"]


def test_date_of_the_act_called_for_is_not_the_day_of_the_call(run):
    rows = run("Peru urged Chile to hold a referendum on March 10.")
    assert dates(rows, "CALLED_ON", ["CHL", "PER"]) == [None]


def test_plan_made_at_a_dated_meeting_takes_its_day_not_the_planned_month(run):
    rows = run("Chile and Peru met on Monday in Lima. The two countries agreed to hold further talks in May.")
    plans = [r for r in rows if r["type"] == "PLANS_TO_MEET"]
    assert plans and plans[0]["date"] == "2024-03-04" and plans[0]["date_text"] == "in May"


def test_statements_after_a_dated_round_of_reactions_take_its_day(run):
    rows = run("Leaders across the region on Sunday reacted sharply to the border clash. "
               "Ecuador condemned Peru for the incursion.")
    assert dates(rows, "CRITICIZED", ["ECU", "PER"]) == ["2024-03-03"]


def test_relative_clause_on_the_event_noun_dates_it(run):
    rows = run("Talks between Chile and Peru that took place on Monday were cordial.")
    assert dates(rows, "MET", ["CHL", "PER"]) == ["2024-03-04"]


def test_the_day_of_a_reaction_is_not_the_day_of_the_act_reacted_to(run):
    rows = run("Leaders across the region on Sunday reacted sharply to the Chilean strike on Peru.")
    assert dates(rows, "ATTACKED", ["CHL", "PER"]) == [None]


def test_an_act_announced_on_a_day_takes_that_day(run):
    rows = run("China announced sanctions against Lithuania on Friday.")
    assert dates(rows, "SANCTIONED", ["CHN", "LTU"]) == ["2024-03-01"]


def test_statement_after_an_announced_act_takes_the_announcement_day(run):
    rows = run("China announced sanctions against Lithuania on Friday. "
               "China's foreign ministry accused Lithuania of meddling in its internal affairs.")
    assert dates(rows, "ACCUSED", ["CHN", "LTU"]) == ["2024-03-01"]


def test_a_standing_position_in_the_present_perfect_takes_no_carried_day(run):
    rows = run("China criticised Lithuania on Friday. China has long vowed to punish Lithuania.")
    assert dates(rows, "CRITICIZED", ["CHN", "LTU"]) == ["2024-03-01"]
    assert dates(rows, "THREATENED", ["CHN", "LTU"]) == [None]


def test_an_agreement_told_again_with_fewer_parties_takes_its_day(run):
    rows = run("Chile, Peru and Bolivia signed a trade accord on Monday. "
               "Chile and Peru signed the accord after long talks.")
    assert dates(rows, "AGREED", ["CHL", "PER"]) == ["2024-03-04"]


def test_a_participle_of_the_clause_shares_its_date(run):
    rows = run("Speaking on Tuesday, the Chilean foreign minister condemned Peru.")
    assert dates(rows, "CRITICIZED", ["CHL", "PER"]) == ["2024-03-05"]


def test_a_plan_is_dated_by_its_announcement_not_by_the_planned_day(run):
    rows = run("Chile will meet Peru on Friday, the ministry said on Tuesday.")
    assert dates(rows, "PLANS_TO_MEET", ["CHL", "PER"]) == ["2024-03-05"]


def test_a_date_before_the_reported_subject_is_the_day_of_the_saying(run):
    rows = run("Chile said on Monday it would send aid to Peru.")
    assert dates(rows, "PROMISED", ["CHL", "PER"]) == ["2024-03-04"]


def test_lead_statement_takes_the_day_its_speaker_spoke_later_in_the_article(run):
    rows = run("Chile has criticised Peru over the new fishing rules.\n\n"
               "The measures were adopted quickly.\n\n"
               "\"We are concerned,\" Chilean officials said in a statement late on Tuesday.")
    assert dates(rows, "CRITICIZED", ["CHL", "PER"]) == ["2024-03-05"]


def test_a_statement_far_from_the_lead_takes_no_day_from_a_later_briefing(run):
    rows = run("Ecuador and Colombia met in Quito.\n\nThe talks were long.\n\n"
               "Chile criticised Peru over the new fishing rules.\n\n"
               "\"We are concerned,\" Chilean officials said in a statement late on Tuesday.")
    assert dates(rows, "CRITICIZED", ["CHL", "PER"]) == [None]
