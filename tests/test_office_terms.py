"""A person who served several states or bodies is one actor per code, so each act rolls up to the
code it was done for (Kaja Kallas: Estonia's prime minister, then the EU's High Representative),
while a lookup by the person's name still finds every act. Both stores; sentences written for this."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kg.registry import ActorRegistry

ARTICLES = {
    "a.md": ("2022-05-02", "Prime Minister Kaja Kallas met Finnish President Sauli Niinisto in Helsinki on Monday."),
    "b.md": ("2025-05-02", "Kaja Kallas met Chinese Foreign Minister Wang Yi in Brussels on Monday."),
    "c.md": ("2023-03-08", "Kallas condemned Russia on Tuesday."),
}


def test_the_office_held_on_the_date_names_the_actor():
    reg = ActorRegistry.builtin()
    then, now = reg.resolve_person("Kallas", None, dt.date(2022, 5, 1)), reg.resolve_person("Kallas", None, 2025)
    assert (then.id, then.code, then.role) == ("person:kaja-kallas@EST", "EST", "Prime Minister")
    assert (now.id, now.code) == ("person:kaja-kallas", "EU")
    # the title names the office even after the date: "Prime Minister" is no minister of anything else
    assert reg.resolve_person("Kaja Kallas", "Estonian Prime Minister", dt.date(2025, 5, 1)).code == "EST"
    assert reg.office_of("Prime Minister") == {"head of government"}


def test_each_act_rolls_up_to_the_code_it_was_done_for(run, store_url, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    for name, (date, text) in ARTICLES.items():
        (news / name).write_text(f"---\ntitle: t\ndate: {date}\n---\n{text}\n")
    assert run("ingest", news, store=store_url).exit_code == 0

    def met(actor, level="code"):
        r = run("who-met-whom", actor, "--level", level, "--json", store=store_url)
        assert r.exit_code == 0, r.output
        return [(row["date"], [w["code"] if level == "code" else w["id"] for w in row["with"]])
                for row in json.loads(r.stdout)]

    assert met("Estonia") == [("2022-05-02", ["FIN"])]
    assert met("EU") == [("2025-04-28", ["CHN"])]
    assert met("Kaja Kallas", "person") == [("2022-05-02", ["person:sauli-niinisto"]),
                                            ("2025-04-28", ["person:wang-yi"])]
    rel = json.loads(run("relations", "Kaja Kallas", "--json", store=store_url).stdout)
    assert sorted((x["date"], x["type"], x["other"]["code"]) for x in rel) == [
        ("2022-05-02", "MET", "FIN"), ("2023-03-07", "CRITICIZED", "RUS"), ("2025-04-28", "MET", "CHN")]
    rel = json.loads(run("relations", "EST", "--type", "CRITICIZED", "--json", store=store_url).stdout)
    assert [x["other"]["code"] for x in rel] == ["RUS"]
