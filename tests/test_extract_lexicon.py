"""The cue lexicon (schema.yaml + kg/extract/data/cues.yaml) on sentences written for these tests.

Each sentence rests on one cue of ``data/cues.yaml`` or one light verb / frame preposition of
``data/lexicon.yaml``: without it the asserted event is not read.
"""

from __future__ import annotations

import pytest

from kg.extract.lexicon import inflections, load_lexicon, phrase_matches
from loaders.articles import parse_text_article

PUB = "2024-03-06"


@pytest.fixture(scope="module")
def read(extractor):
    counter = iter(range(10_000))

    def _read(text: str) -> set[tuple]:
        doc = parse_text_article(f"---\ntitle: t\ndate: {PUB}\n---\n{text}\n", f"lex-{next(counter)}.md")
        out = set()
        for r in extractor.extract(doc).rows(doc.ref):
            if r["participants"]:
                out.add((r["type"], tuple(sorted(p["code"] for p in r["participants"]))))
            else:
                out.add((r["type"], r["source"]["code"], r["target"]["code"]))
        return out

    return _read


# one construction per case: (sentence, an event it must give)
CASES = {
    # light verb + event noun
    "opened-a-summit-with": ("Japan opened a summit with India in Tokyo on Monday.", ("MET", ("IND", "JPN"))),
    "ordered-an-aid-package": ("Germany ordered an aid package for Ukraine on Monday.", ("AIDED", "DEU", "UKR")),
    "launched-an-incursion-into": ("Azerbaijan launched an incursion into Armenia on Monday.",
                                   ("ATTACKED", "AZE", "ARM")),
    "laid-the-blame-on": ("Russia laid the blame on Ukraine for the blast on Monday.", ("ACCUSED", "RUS", "UKR")),
    "boosted-aid-to": ("Japan boosted aid to the Philippines on Monday.", ("AIDED", "JPN", "PHL")),
    "stepped-up-strikes-on": ("Israel stepped up strikes on Lebanon on Monday.", ("ATTACKED", "ISR", "LBN")),
    "approved-a-loan-for": ("The IMF approved a loan for Egypt on Monday.", ("AIDED", "IMF", "EGY")),
    # phrasal verbs
    "broke-into": ("Serbian police broke into the embassy of Albania on Monday.", ("ATTACKED", "SRB", "ALB")),
    "collided-with": ("China collided with the Philippines near the shoal on Monday.", ("ATTACKED", "CHN", "PHL")),
    "lashed-out-at": ("Iran lashed out at Israel on Monday.", ("CRITICIZED", "IRN", "ISR")),
    "railed-against": ("Iran railed against Israel on Monday.", ("CRITICIZED", "IRN", "ISR")),
    "spoke-out-against": ("Turkey spoke out against Sweden on Monday.", ("CRITICIZED", "TUR", "SWE")),
    "sought-support-from": ("Ukraine sought support from Poland on Monday.", ("CALLED_ON", "UKR", "POL")),
    "exchanged-fire-with": ("India exchanged fire with Pakistan on Monday.", ("ATTACKED", "IND", "PAK")),
    "fired-missiles-at": ("Houthi rebels fired missiles at Israel on Monday.", ("ATTACKED", "HOUTHIS", "ISR")),
    "fired-rockets-into": ("Hezbollah fired rockets into Israel on Monday.", ("ATTACKED", "HEZBOLLAH", "ISR")),
    "clashed-with": ("India clashed with China on Monday.", ("ATTACKED", "IND", "CHN")),
    "retaliated-against": ("Iran retaliated against Pakistan on Monday.", ("ATTACKED", "IRN", "PAK")),
    "sided-with": ("Hungary sided with Russia on Monday.", ("SUPPORTED", "HUN", "RUS")),
    "threw-its-weight-behind": ("Poland threw its weight behind Ukraine on Monday.", ("SUPPORTED", "POL", "UKR")),
    # threat idioms
    "vowed-revenge-against": ("Iran vowed revenge against Israel on Monday.", ("THREATENED", "IRN", "ISR")),
    "stepped-up-pressure-on": ("The United States stepped up pressure on Venezuela on Monday.",
                               ("THREATENED", "USA", "VEN")),
    # verbs and patterns adapted from PETRARCH2 (reviewed)
    "exchanged-views": ("The foreign ministers of Spain and Morocco exchanged views on migration on Monday.",
                        ("MET", ("ESP", "MAR"))),
    "interceded-between": ("Kenya interceded between Ethiopia and Eritrea on Monday.", ("MEDIATED", "KEN", "ETH")),
    "begged": ("Ukraine begged Germany for tanks on Monday.", ("CALLED_ON", "UKR", "DEU")),
    "saluted": ("The Egyptian president saluted Sudan for its efforts on Monday.", ("SUPPORTED", "EGY", "SDN")),
    "defended": ("Arafat's movement said Palestine defended Iraq against Western criticism.",
                 ("SUPPORTED", "PSE", "IRQ")),
    "berated": ("Iran berated Britain on Monday.", ("CRITICIZED", "IRN", "GBR")),
    "faulted": ("India faulted Pakistan for the attack on Monday.", ("ACCUSED", "IND", "PAK")),
    "repudiated-the-claims-by": ("Iran repudiated the claims by Israel on Monday.", ("OPPOSED", "IRN", "ISR")),
    "established-diplomatic-relations": (
        "Israel and the United Arab Emirates established diplomatic relations on Monday.",
        ("NORMALIZED", ("ARE", "ISR"))),
    "upgraded-ties": ("Albania and Greece upgraded their ties on Monday.", ("NORMALIZED", ("ALB", "GRC"))),
    "inked-a-deal": ("Serbia and Kosovo inked a deal on Monday.", ("AGREED", ("SRB", "XKX"))),
    "hammered-out-an-agreement": ("Armenia and Azerbaijan hammered out an agreement on Monday.",
                                  ("AGREED", ("ARM", "AZE"))),
    "reached-a-consensus": ("Israel and Jordan reached a consensus on water sharing on Monday.",
                            ("AGREED", ("ISR", "JOR"))),
    "imposed-tariffs": ("Washington imposed tariffs on China on Monday.", ("SANCTIONED", "USA", "CHN")),
    "airlifted": ("Canada airlifted food to Haiti on Monday.", ("AIDED", "CAN", "HTI")),
    "dispatched-rescue-teams": ("Japan dispatched rescue teams to Turkey on Monday.", ("AIDED", "JPN", "TUR")),
    "bombarded": ("Israel bombarded Lebanon on Monday.", ("ATTACKED", "ISR", "LBN")),
    "pounded": ("Russian forces pounded Ukraine on Monday.", ("ATTACKED", "RUS", "UKR")),
    "beat-up": ("Israeli soldiers beat up Palestinian detainees, the report said.", ("ATTACKED", "ISR", "PSE")),
    "mounted-an-invasion": ("Israel mounted an invasion of Lebanon on Monday.", ("ATTACKED", "ISR", "LBN")),
    "summoned-the-ambassador": ("France summoned the Iranian ambassador on Monday.", ("CRITICIZED", "FRA", "IRN")),
    "pressured-to": ("The United States pressured Egypt to open the crossing on Monday.", ("CALLED_ON", "USA", "EGY")),
    "encouraged-to": ("Britain encouraged Iran to return to talks on Monday.", ("CALLED_ON", "GBR", "IRN")),
    "lobbied-to": ("Iran lobbied Iraq to expel the foreign troops on Monday.", ("CALLED_ON", "IRN", "IRQ")),
    "petitioned": ("Hungary petitioned the European Union on Monday.", ("CALLED_ON", "HUN", "EU")),
    "defied": ("Venezuela defied the United States on Monday.", ("OPPOSED", "VEN", "USA")),
    "snubbed": ("China snubbed Japan on Monday.", ("OPPOSED", "CHN", "JPN")),
    "disputed-the-claims-by": ("Serbia disputed the claims by Kosovo on Monday.", ("OPPOSED", "SRB", "XKX")),
    "banned-from-airspace": ("The European Union banned Belarus from its airspace on Monday.",
                             ("SANCTIONED", "EU", "BLR")),
    "downed-a-jet": ("Turkey downed a Russian jet on Monday.", ("ATTACKED", "TUR", "RUS")),
}


@pytest.mark.parametrize("key", sorted(CASES))
def test_cue_reads_its_event(read, key):
    text, event = CASES[key]
    assert event in read(text)


def test_exchanged_fire_between_coordinated_sides_is_mutual(read):
    got = read("India and Pakistan exchanged fire across the border on Monday.")
    assert {("ATTACKED", "IND", "PAK"), ("ATTACKED", "PAK", "IND")} <= got


def test_will_not_hesitate_threatens_and_did_not_hesitate_does_not(read):
    assert ("THREATENED", "TUR", "GRC") in read("Turkey will not hesitate to act against Greece, Erdogan said.")
    past = read("Turkey did not hesitate to criticize Greece on Monday.")
    assert ("CRITICIZED", "TUR", "GRC") in past and ("THREATENED", "TUR", "GRC") not in past


def test_encouraged_by_is_no_appeal(read):
    assert ("CALLED_ON", "GBR", "IRN") in read("Britain encouraged Iran to return to talks on Monday.")
    assert not any(e[0] == "CALLED_ON" for e in read("Iran was encouraged by Britain's offer on Monday."))


def test_phrase_cues_are_matched_on_lemmas(extractor):
    doc = extractor.nlp("North Korea said it won't hesitate to act and stands ready to take further steps.")
    found = [(doc[m.start:m.end].text, m.type, doc[m.head].lemma_) for m in phrase_matches(doc)]
    assert ("n't hesitate to act", "THREATENED", "hesitate") in found
    assert ("ready to take further steps", "THREATENED", "ready") in found


def test_phrase_cue_with_optional_article_and_wildcard(extractor):
    doc = extractor.nlp("Germany sounded the alarm about Russia. Iran turned to China for help.")
    types = {(m.type, doc[m.head].lemma_) for m in phrase_matches(doc)}
    assert ("CRITICIZED", "sound") in types
    assert ("CALLED_ON", "turn") in types


def test_surface_forms_cover_new_cues():
    lex = load_lexicon()
    for form in ("broke", "lashed", "airlifted", "bombarded", "hesitate", "inked"):
        assert form in lex.surface, form
    assert {"broke", "broken"} <= inflections("break")


def test_cue_file_with_an_unknown_type_names_the_file(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("relations:\n  HUGGED:\n    verbs: [hug]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cues\.yaml: relations\.HUGGED: not a relation type"):
        load_lexicon(None, str(bad))


def test_cue_file_entries_reach_the_lexicon(tmp_path):
    extra = tmp_path / "cues.yaml"
    extra.write_text("relations:\n  ATTACKED:\n    verbs: [\"torpedo ship\"]\n    phrases: [\"go on the rampage\"]\n",
                     encoding="utf-8")
    lex = load_lexicon(None, str(extra))
    assert ("ATTACKED", "verb", ("ship",)) in lex.cues["torpedo"]
    assert ("ATTACKED", ("go", "on", "the", "rampage")) in lex.cue_phrases
    assert "rampage" in lex.surface


@pytest.mark.parametrize("text,expected", [
    ("Lebanon complained to the United Nations on Tuesday over two Israeli air raids.", ("LBN", "ISR")),
    ("Serbia lodged an official protest with Albania on Monday.", ("SRB", "ALB")),
    ("China lodged a complaint with Japan over the visit on Monday.", ("CHN", "JPN")),
])
def test_complaints_and_protests_are_criticism(extractor, text, expected):
    from loaders.articles import parse_text_article
    doc = parse_text_article(f"---\ntitle: t\ndate: 2024-03-06\n---\n{text}\n", "t.md")
    got = {(e.type, e.source, e.target) for e in extractor.extract(doc).events}
    assert ("CRITICIZED", *expected) in got
