import pytest

from kg.errors import LoaderError, UnknownActor
from kg.registry import ActorRegistry, load_actor_file, normalize_name


@pytest.fixture(scope="module")
def reg():
    return ActorRegistry.builtin()


@pytest.mark.parametrize("name, expected", [
    ("Turkey", "TUR"), ("turkey", "TUR"), ("Türkiye", "TUR"), ("TUR", "TUR"),        # names, case, codes
    ("Turkish", "TUR"), ("Syrian", "SYR"), ("Kosovar", "XKX"), ("Chinese", "CHN"),    # demonyms
    ("Ankara", "TUR"), ("Moscow", "RUS"), ("Kyiv", "UKR"), ("Washington", "USA"),     # capitals as metonyms
    ("the United States", "USA"), ("U.S.", "USA"), ("Syrian Arab Republic", "SYR"),   # official / short forms
    ("Democratic Republic of the Congo", "COD"), ("Congolese", "COD"), ("Brazzaville", "COG"),
    ("the Kremlin", "RUS"), ("State Department", "USA"), ("Pentagon", "USA"),        # institutions
    ("United Nations", "UN"), ("UN Security Council", "UN"), ("NATO", "NATO"), ("African Union", "AU"),
    ("the countries of the world", "WORLD"), ("international community", "WORLD"),
    ("the Syrian regime", "SYR"), ("Assad regime", "SYR"), ("Russian authorities", "RUS"),
    ("the Syrian opposition", "SYR-OPP"), ("Sudanese rebels", "SDN-REB"), ("Syrian civilians", "SYR-CIV"),
    ("Houthi rebels", "HOUTHIS"), ("Rapid Support Forces", "RSF"), ("Syrian National Coalition", "SYR-OPP"),
])
def test_resolves_to_code(reg, name, expected):
    actor = reg.resolve(name)
    assert actor is not None, name
    assert actor.code == expected


@pytest.mark.parametrize("name, actor_id", [
    ("Turkish Foreign Ministry", "TUR.foreign-ministry"),
    ("Foreign Ministry of Russia", "RUS.foreign-ministry"),
    ("Russia's Defence Ministry", "RUS.defense-ministry"),
    ("Turkish presidency", "TUR.presidency"),
])
def test_composite_institutions(reg, name, actor_id):
    assert reg.resolve(name).id == actor_id


def test_bare_institution_needs_a_country_context(reg):
    assert reg.resolve("Foreign Ministry") is None
    a = reg.resolve("Foreign Ministry", context="TUR")
    assert (a.id, a.code, a.kind, a.parent) == ("TUR.foreign-ministry", "TUR", "government", "TUR")


def test_common_words_and_unknowns_do_not_resolve(reg):
    for name in ("the", "Victoria", "", "Blorfistan"):
        assert reg.resolve(name) is None
    with pytest.raises(UnknownActor, match="did you mean: Turkey"):
        reg.require("Turky")


def test_every_un_member_state_resolves_by_name_and_code(reg):
    import pycountry

    for c in pycountry.countries:
        assert reg.resolve(c.name).code == c.alpha_3, c.name
        assert reg.resolve(c.alpha_3).id == c.alpha_3


def test_overlay_adds_and_overrides(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("actors:\n"
                 "  - {name: Jane Doughty, kind: person, code: GBR, role: envoy, aliases: [J. Doughty]}\n"
                 "  - {id: TUR, name: Türkiye, kind: state, code: TUR, aliases: [Turkiye Cumhuriyeti]}\n")
    reg = ActorRegistry.builtin(p)
    assert reg.resolve("Jane Doughty").code == "GBR" and reg.resolve("j. doughty").id == "person:jane-doughty"
    assert reg.resolve("Doughty").id == "person:jane-doughty"          # a person's surname alone
    assert reg.resolve("Turkiye Cumhuriyeti").id == "TUR" and reg.get("TUR").name == "Türkiye"
    assert reg.resolve("Ankara").id == "TUR"                   # old aliases survive an override
    assert ActorRegistry.builtin().resolve("Jane Doughty") is None  # overlays do not leak into the built-in


@pytest.mark.parametrize("text, message", [
    ("actors: [{kind: person}]", r"actors\[0\]: each actor needs at least a name"),
    ("actors: [{name: X, kind: wizard}]", r"actors\[0\]\.kind: 'wizard'"),
    ("actors: [{name: X, colour: red}]", r"unknown key\(s\) colour"),
    ("people: []", "expected a mapping with an 'actors:' list"),
    ("actors: [unclosed", r"mine.yaml:1: malformed YAML"),
])
def test_bad_overlay_names_file_and_problem(tmp_path, text, message):
    p = tmp_path / "mine.yaml"
    p.write_text(text)
    with pytest.raises(LoaderError, match=message):
        load_actor_file(p)


def test_normalize_name():
    assert normalize_name("The  Kremlin's") == "kremlin"
    assert normalize_name("Al-Muslat") == "al muslat"
