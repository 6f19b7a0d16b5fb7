"""Named-query parameters are resolved as the CLI lookups resolve them (issue 9, item 7)."""

from __future__ import annotations

import json

import pytest

from kg import lookups
from kg.cypher import run_named
from kg.errors import UnknownActor, UnknownRelation
from kg.store.sqlite import SqliteStore


@pytest.mark.parametrize("actor", ["Turkey", "TUR", "Ankara", "turkey"])
def test_who_met_whom_takes_names_and_aliases(run, seed_db, actor):
    r = run("query", "who_met_whom", "--param", f"actor={actor}", "--json", store=seed_db)
    assert r.exit_code == 0, r.output
    assert {x["other_code"] for x in json.loads(r.output)} == {"RUS", "SYR", "SYR-OPP"}


def test_an_unknown_actor_is_an_error_with_close_suggestions(run, seed_db):
    r = run("query", "who_met_whom", "--param", "actor=Turky", store=seed_db)
    assert r.exit_code == 1
    assert r.output.strip() == "Error: unknown actor 'Turky'; did you mean: Turkey?"


def test_relation_types_are_case_insensitive_and_checked(run, seed_db):
    r = run("query", "relations", "-p", "actor=Ned Price", "-p", "type=criticized", "--json", store=seed_db)
    assert r.exit_code == 0 and {x["type"] for x in json.loads(r.output)} == {"CRITICIZED"}
    r = run("query", "relations", "-p", "actor=USA", "-p", "type=hugged", store=seed_db)
    assert r.exit_code == 1 and "unknown relation type 'hugged'" in r.output


def test_the_named_query_and_kg_who_met_whom_agree(seed_db):
    with SqliteStore(seed_db, readonly=True) as s:
        for actor in ("Turkey", "Syria", "Russia", "Mevlut Cavusoglu"):
            cli = {(row["date"], w["code"]) for row in lookups.who_met_whom(s, actor) for w in row["with"]}
            named = {(r["date"], r["other_code"] or r["other"]) for r in run_named(s, "who_met_whom", {"actor": actor})}
            assert named == cli, actor


def test_library_errors(seed_db):
    with SqliteStore(seed_db, readonly=True) as s:
        with pytest.raises(UnknownActor):
            run_named(s, "dyad_trend", {"a": "Turkey", "b": "Narnia"})
        with pytest.raises(UnknownRelation):
            run_named(s, "relations", {"actor": "TUR", "type": "HUGGED"})
