"""One id rule for built-in actors and overlays (issue 9, item 15)."""

from __future__ import annotations

import pytest

from kg.model import make_actor_id
from kg.registry import ActorRegistry, load_actor_file


@pytest.mark.parametrize("kind, name, code, parent, expected", [
    ("state", "Turkey", "TUR", None, "TUR"),
    ("igo", "United Nations", "UN", None, "UN"),
    ("igo", "UNICEF", "UN", "UN", "UN.unicef"),
    ("world", "the countries of the world", "WORLD", None, "WORLD"),
    ("armed_group", "Hamas", "HAMAS", None, "HAMAS"),
    ("government", "State Department", "USA", "USA", "USA.state-department"),
    ("opposition", "Syrian National Coalition", "SYR-OPP", None, "SYR-OPP.syrian-national-coalition"),
    ("person", "Ned Price", "USA", None, "person:ned-price"),
    ("government", "Mystery Office", None, None, "org:mystery-office"),
])
def test_make_actor_id_does_what_its_docstring_says(kind, name, code, parent, expected):
    assert make_actor_id(kind, name, code, parent) == expected


def test_an_overlay_entry_for_a_group_is_the_built_in_actor_not_a_second_one(tmp_path):
    overlay = tmp_path / "actors.yaml"
    overlay.write_text("actors:\n  - {name: Hamas, kind: armed_group, code: HAMAS, aliases: [the Movement]}\n"
                       "  - {name: UN Women, kind: igo, code: UN, parent: UN}\n")
    (hamas, women) = load_actor_file(overlay)
    assert (hamas.id, women.id) == ("HAMAS", "UN.un-women")
    builtin = ActorRegistry.builtin()
    reg = ActorRegistry.builtin(overlay)
    assert "HAMAS" in builtin and len(reg) == len(builtin) + 1      # UN Women is new; Hamas is not
    assert reg.resolve("the Movement").id == "HAMAS" and reg.resolve("United Nations").id == "UN"
