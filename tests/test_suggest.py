"""Suggestions for a misspelt actor are close matches only (issue 9, item 8)."""

from __future__ import annotations

import pytest

from kg.registry import ActorRegistry


@pytest.mark.parametrize("typo, expected", [("Turky", ["Turkey"]), ("Syrai", ["Syria"]),
                                            ("Untied States", ["United States"]), ("Kremlinn", ["Kremlin"]),
                                            ("Narnia", []), ("Mevlut Cavusolgu", ["Mevlut Cavusoglu"])])  # an office holder
def test_builtin_suggestions_are_close_matches_only(typo, expected):
    got = ActorRegistry.builtin().suggest(typo)
    assert got[:1] == expected[:1]
    assert not {"United States", "French Guiana", "Guam", "Guyana"} & set(got) or expected == ["United States"]
    assert len(got) <= 3


def test_the_cli_suggests_the_stored_person_and_nothing_else(run, seed_db):
    r = run("who-met-whom", "Mevlut Cavusolgu", store=seed_db)
    assert r.exit_code == 1
    assert r.output.strip() == "Error: unknown actor 'Mevlut Cavusolgu'; did you mean: Mevlut Cavusoglu?"
