import copy

import pytest
import yaml

from kg.errors import SchemaError, UnknownRelation
from kg.schema import DEFAULT_SCHEMA, load_schema, parse_schema

REQUIRED = ["MET", "PLANS_TO_MEET", "MEDIATED", "CALLED_ON", "SUPPORTED", "PROMISED", "CRITICIZED", "ACCUSED",
            "OPPOSED", "NORMALIZED", "AGREED", "SANCTIONED", "THREATENED", "AIDED", "ATTACKED", "AFFILIATED_WITH"]


@pytest.fixture
def raw():
    return yaml.safe_load(DEFAULT_SCHEMA.read_text())


def test_bundled_schema_has_every_type_with_its_fields():
    s = load_schema()
    assert set(REQUIRED) <= set(s.relations)
    assert s.symmetric_types == {"MET", "PLANS_TO_MEET", "NORMALIZED", "AGREED"}
    for name, rel in s.relations.items():
        assert rel.color.startswith("#") and len(rel.color) == 7, name
        assert -10 <= rel.goldstein <= 10
        if not rel.static:
            assert rel.cameo and rel.plover, f"{name} needs CAMEO and PLOVER codes"
            assert rel.cues.verbs or rel.cues.nouns or rel.cues.phrases, f"{name} has no cue words"
    assert "mode" in s.relation("MET").properties
    assert s.relation("AFFILIATED_WITH").static and "role" in s.relation("AFFILIATED_WITH").properties
    assert {"state", "government", "person", "opposition", "armed_group", "igo", "civil_society", "world"} \
        <= set(s.actor_kinds)


def test_cameo_codes_exist():
    import csv
    from pathlib import Path

    table = Path(__file__).resolve().parents[2] / "shared" / "external" / "cameo_event_codes.tsv"
    if not table.exists():
        pytest.skip("shared/external CAMEO table not beside the repo")
    codes = {r["code"] for r in csv.DictReader(table.open(), delimiter="\t")}
    for rel in load_schema().relations.values():
        for c in rel.cameo:
            assert c in codes, f"{rel.name}: {c} is not a CAMEO code"


def test_lookup_is_case_insensitive_and_unknown_type_names_the_known_ones():
    s = load_schema()
    assert s.relation("met").name == "MET"
    with pytest.raises(UnknownRelation, match="MEETS.*known: ACCUSED"):
        s.relation("MEETS")


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["relations"]["MET"].update(colour="#000000"), r"relations\.MET\.colour: unknown key"),
    (lambda d: d["relations"]["MET"].pop("polarity"), r"relations\.MET\.polarity: missing"),
    (lambda d: d["relations"]["MET"].update(color="blue"), r"relations\.MET\.color: bad colour 'blue'"),
    (lambda d: d["relations"]["CRITICIZED"].update(polarity="hostile"), r"relations\.CRITICIZED\.polarity"),
    (lambda d: d["relations"]["MET"].update(goldstein=42), r"relations\.MET\.goldstein: 42.0 is outside"),
    (lambda d: d["actor_kinds"]["state"].update(color="#12345"), r"actor_kinds\.state\.color: bad colour"),
    (lambda d: d["relations"]["MET"]["cues"].update(adverbs=["x"]), r"relations\.MET\.cues\.adverbs: unknown"),
    (lambda d: d.update(extra=1), r"schema\.extra: unknown key"),
    (lambda d: d["relations"].update({"bad name": d["relations"]["MET"]}), r"relations\.bad name: relation names"),
])
def test_validation_names_the_key_path(raw, mutate, message):
    data = copy.deepcopy(raw)
    mutate(data)
    with pytest.raises(SchemaError, match=message):
        parse_schema(data)


def test_malformed_schema_file_names_file_and_line(tmp_path):
    p = tmp_path / "schema.yaml"
    p.write_text("version: 1\nrelations: [unclosed\n")
    with pytest.raises(SchemaError, match=r"schema.yaml:\d+: malformed YAML"):
        load_schema(p)
