import datetime as dt

import pytest

from kg.graph import build_graph, rollup
from kg.model import Actor, Event, Provenance, article_id, make_actor_id, slugify

D = dt.date(2023, 1, 3)


def test_multi_party_meeting_is_one_event_with_one_edge_per_pair():
    e = Event("MET", participants=("TUR", "RUS", "SYR"), date=D)
    G = build_graph([e], {"TUR": Actor("TUR", "Turkey", "state", "TUR")})
    assert G.number_of_edges() == 3
    assert {k for _, _, k in G.edges(keys=True)} == {e.id}
    assert G.nodes["TUR"]["name"] == "Turkey" and G.nodes["RUS"]["kind"] == "unknown"


def test_event_id_is_deterministic_and_ignores_participant_order_and_provenance():
    a = Event("MET", participants=("A", "B"), date=D, provenance=(Provenance("r1", "art1"),))
    b = Event("MET", participants=("B", "A"), date=D, provenance=(Provenance("r2", "art2"),))
    assert a.id == b.id
    assert a.id != Event("MET", participants=("A", "B"), date=D, negated=True).id
    assert a.id != Event("AGREED", participants=("A", "B"), date=D).id


def test_undated_events_from_different_articles_stay_apart():
    a = Event("SUPPORTED", "A", "B", provenance=(Provenance("r", "art1"),))
    b = Event("SUPPORTED", "A", "B", provenance=(Provenance("r", "art2"),))
    assert a.id != b.id


def test_merged_keeps_both_sources_once():
    p1, p2 = Provenance("r", "art1", sentence="x"), Provenance("r", "art2", sentence="y")
    e = Event("MET", participants=("A", "B"), date=D, provenance=(p1,))
    m = e.merged(Event("MET", participants=("A", "B"), date=D, provenance=(p2, p1), place="Ankara"))
    assert m.provenance == (p1, p2) and m.place == "Ankara" and m.id == e.id


@pytest.mark.parametrize("kwargs, message", [
    ({"participants": ("A",)}, "at least two"),
    ({"source": "A"}, "source and a target"),
    ({"source": "A", "target": "B", "participants": ("A", "B")}, "not both"),
    ({"source": "A", "target": "B", "confidence": 1.5}, "outside"),
])
def test_invalid_events_are_rejected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Event("X", **kwargs)


def test_ids_and_slugs():
    assert slugify("Mevlüt Çavuşoğlu") == "mevlut-cavusoglu"
    assert make_actor_id("person", "Ned Price", "USA") == "person:ned-price"
    assert make_actor_id("government", "State Department", "USA") == "USA.state-department"
    assert make_actor_id("government", "Mystery Office") == "org:mystery-office"
    assert article_id("abc") == article_id("abc") != article_id("abd")


def test_rollup_collapses_people_onto_codes_and_drops_internal_edges():
    actors = {
        "p:a": Actor("p:a", "A", "person", "TUR"), "p:b": Actor("p:b", "B", "person", "TUR"),
        "p:c": Actor("p:c", "C", "person", "SYR-OPP"), "TUR": Actor("TUR", "Turkey", "state", "TUR"),
    }
    e = Event("MET", participants=("p:a", "p:b", "p:c"), date=D)
    H = rollup(build_graph([e], actors))
    assert sorted(H.edges()) == [("SYR-OPP", "TUR")]
    assert H.number_of_edges() == 1
