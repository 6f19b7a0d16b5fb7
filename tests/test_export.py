"""kg.export: every readable format round-trips to the same graph; the Cypher script is injection-safe."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from click.testing import CliRunner

from _viewkit import XSS_IMG, XSS_MIX, seed_store
from kg import export as ex
from kg.cli import cli
from kg.graph import build_graph
from kg.model import Actor, Event, Provenance

READABLE = ["graphml", "gexf", "json", "csv"]
NASTY = [
    "it's", 'say "no"', "back\\slash", "\\'", "\\u0027", "new\nline", "cr\rlf\r\n", "tab\t", "nul\x00bell\x07",
    "\u2028\u2029", "emoji 😀 Çavuşoğlu", "`tick`", "'}) MATCH (n) DETACH DELETE n //", "/* c */ ; -- x",
    "${x} {{y}}", "", " ", "a,b;c|d", XSS_IMG, XSS_MIX,
]


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    s = seed_store(tmp_path_factory.mktemp("seed") / "kg.db")
    yield s
    s.close()


def _nasty_graph() -> nx.MultiDiGraph:
    actors = {"TUR": Actor("TUR", "Turkey", "state", "TUR"),
              "org:x": Actor("org:x", NASTY[0] + NASTY[5], "civil_society", None, role=NASTY[12])}
    events = [Event("CRITICIZED", source="org:x", target="TUR", date=dt.date(2023, 1, i + 1) if i % 3 else None,
                    place=text, negated=bool(i % 2), confidence=0.5,
                    provenance=(Provenance("r", source=text, sentence=text),))
              for i, text in enumerate(NASTY)]
    events.append(Event("MET", participants=("TUR", "org:x", "SYR"), place="a\nb"))
    G = build_graph(events, actors)
    G.add_node("weird id, with \"quotes\"; and\nnewline", name=None, kind=None, code=None)
    return G


def _canon(G: nx.MultiDiGraph):
    nodes = sorted((n, sorted(d.items())) for n, d in G.nodes(data=True))
    edges = sorted((u, v, k, sorted((a, json.dumps(x)) for a, x in d.items()))
                   for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


# --------------------------------------------------------------------------------------------- round trips

@pytest.mark.parametrize("fmt", READABLE)
def test_seed_round_trip(seed, tmp_path, fmt):
    G = seed.graph()
    path = ex.export_graph(G, fmt, tmp_path / f"seed.{fmt}")
    H = ex.import_graph(fmt, path)
    assert _canon(H) == _canon(G)
    assert H.number_of_edges() == 22 and all(isinstance(d["participants"], list) for *_x, d in H.edges(data=True))


@pytest.mark.parametrize("fmt", READABLE)
def test_nasty_round_trip(tmp_path, fmt):
    G = _nasty_graph()
    if fmt in ("graphml", "gexf"):   # XML 1.0 cannot carry NUL or BEL at all
        for _u, _v, d in G.edges(data=True):
            for k, v in d.items():
                if isinstance(v, str):
                    d[k] = v.replace("\x00", "").replace("\x07", "")
    if fmt == "csv":                 # CSV has one text type: "" and a missing value are the same empty cell
        for _u, _v, d in G.edges(data=True):
            for k, v in d.items():
                if v == "":
                    d[k] = None
    H = ex.import_graph(fmt, ex.export_graph(G, fmt, tmp_path / f"nasty.{fmt}"))
    if fmt == "graphml":             # XML parsers normalise CR and CRLF in text to LF
        for _u, _v, d in G.edges(data=True):
            for k, v in d.items():
                if isinstance(v, str):
                    d[k] = v.replace("\r\n", "\n").replace("\r", "\n")
    assert _canon(H) == _canon(G)


def test_graphml_has_typed_attributes_and_unique_edge_ids(seed, tmp_path):
    path = ex.write_graphml(seed.graph(), tmp_path / "g.graphml")
    root = ET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.findall("g:key", ns)}
    assert keys[("edge", "relation")] == "string" and keys[("edge", "date")] == "string"
    assert keys[("edge", "negated")] == "boolean" and keys[("edge", "confidence")] == "double"
    assert keys[("edge", "n_sources")] in ("int", "long") and keys[("node", "kind")] == "string"
    ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == 22 == len(set(ids))


def test_gexf_is_dynamic_with_dated_edges(seed, tmp_path):
    text = ex.write_gexf(seed.graph(), tmp_path / "g.gexf").read_text()
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'start="2022-12-28"' in text and 'label="Ned Price"' in text and 'title="relation"' in text


def test_csv_files(seed, tmp_path):
    folder = ex.write_csv(seed.graph(), tmp_path / "out")
    nodes = (folder / "nodes.csv").read_text().splitlines()
    edges = (folder / "edges.csv").read_text().splitlines()
    assert nodes[0] == "id,name,kind,code,role,parent" and len(nodes) == 13
    assert edges[0].startswith("source,target,key,relation,event_id,date,") and "source_url" in edges[0]
    assert len(edges) == 23


def test_json_is_node_link(seed, tmp_path):
    data = json.loads(ex.write_json(seed.graph(), tmp_path / "g.json").read_text())
    assert {"nodes", "edges", "directed", "multigraph"} <= set(data) and data["multigraph"] is True
    e = data["edges"][0]
    assert {"source", "target", "key", "relation", "source_url"} <= set(e)
    assert nx.node_link_graph(data, edges="edges").number_of_edges() == 22


def test_unknown_and_unreadable_formats(tmp_path):
    with pytest.raises(ex.ExportError, match="unknown export format 'dot'"):
        ex.export_graph(nx.MultiDiGraph(), "dot", tmp_path / "x")
    with pytest.raises(ex.ExportError, match="cannot read format 'cypher' back"):
        ex.import_graph("cypher", tmp_path / "x")
    (tmp_path / "bad.graphml").write_text("not xml")
    with pytest.raises(ex.ExportError, match="not a GraphML graph"):
        ex.read_graphml(tmp_path / "bad.graphml")


# --------------------------------------------------------------------------------------------- Cypher

_ESC = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def _read_string(src: str, i: int) -> tuple[str, int]:
    """Decode the Cypher string literal starting at src[i] (a quote) the way Neo4j's lexer does."""
    quote, out, i = src[i], [], i + 1
    while True:
        c = src[i]
        if c == quote:
            return "".join(out), i + 1
        assert c not in "\n\r", "raw line break inside a literal"
        if c == "\\":
            n = src[i + 1]
            if n == "u":
                out.append(chr(int(src[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append(_ESC[n])
            i += 2
            continue
        out.append(c)
        i += 1


def _strip_literals(src: str) -> tuple[str, list[str]]:
    """The script with every string literal replaced by ``$``, and the decoded literals."""
    out, values, i = [], [], 0
    while i < len(src):
        if src[i] == "'":
            v, i = _read_string(src, i)
            values.append(v)
            out.append("$")
        elif src[i] == "`":
            j = i + 1
            while not (src[j] == "`" and src[j + 1:j + 2] != "`"):
                j += 2 if src[j:j + 2] == "``" else 1
            out.append("`" + "N" * (j - i - 1) + "`")
            i = j + 1
        else:
            out.append(src[i])
            i += 1
    return "".join(out), values


@pytest.mark.parametrize("text", NASTY)
def test_cypher_literal_decodes_to_the_same_string(text):
    lit = ex.cypher_literal(text)
    assert "\n" not in lit and "\r" not in lit and "\x00" not in lit
    assert _read_string(lit, 0) == (text, len(lit))


def test_cypher_literal_values():
    assert ex.cypher_literal(None) == "null"
    assert ex.cypher_literal(True) == "true" and ex.cypher_literal(3) == "3" and ex.cypher_literal(0.5) == "0.5"
    assert ex.cypher_literal(float("nan")) == "toFloat('NaN')"
    assert ex.cypher_literal(["a", 1]) == "['a', 1]"
    assert ex.cypher_literal({"a b": "x'"}) == "{`a b`: 'x\\''}"
    assert ex.cypher_name("MET") == "MET" and ex.cypher_name("x` DETACH DELETE n //") == "`x`` DETACH DELETE n //`"


def test_cypher_script_has_only_our_statements():
    G = _nasty_graph()
    script = "\n".join(ex.generate_cypher(G, batch=3))
    code, values = _strip_literals(script)
    statements = [s.strip() for s in re.sub(r"^//.*$", "", code, flags=re.M).split(";") if s.strip()]
    rows = [m.group(1) for s in statements for m in re.finditer(r"UNWIND (.*?) AS row", s, re.S)]
    for r in rows:   # outside the (stripped) literals: only list/map punctuation, keys and plain values
        assert re.fullmatch(r"[\[\]{},:\s$\w.`-]*", r)
        assert set(re.findall(r"\b([A-Za-z_]\w*)\b(?!\s*:)", r)) <= {"true", "false", "null"}
    shapes = {re.sub(r"UNWIND .*? AS row", "UNWIND [ROWS] AS row", s, flags=re.S) for s in statements}
    assert shapes == {
        "CREATE CONSTRAINT kg_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
        "UNWIND [ROWS] AS row\nMERGE (a:Actor {id: row.id}) SET a += row.props",
        "UNWIND [ROWS] AS row\nMATCH (a:Actor {id: row.u}), (b:Actor {id: row.v})\n"
        "MERGE (a)-[r:CRITICIZED {key: row.key}]->(b) SET r += row.props",
        "UNWIND [ROWS] AS row\nMATCH (a:Actor {id: row.u}), (b:Actor {id: row.v})\n"
        "MERGE (a)-[r:MET {key: row.key}]->(b) SET r += row.props",
    }
    for text in NASTY:
        assert text in values
    assert "weird id, with \"quotes\"; and\nnewline" in values


def test_write_cypher_file(seed, tmp_path):
    text = ex.write_cypher(seed.graph(), tmp_path / "g.cypher").read_text()
    assert text.startswith("// diplomatic-kg graph: 12 actors, 22 edges")
    assert "MERGE (a)-[r:MET {key: row.key}]->(b)" in text and "brutal dictator,\\\" State" in text


@pytest.mark.neo4j
def test_cypher_script_rebuilds_the_graph_in_neo4j(neo4j_env):
    """Run the script on the Neo4j test server under a label of its own, read the graph back."""
    from neo4j import GraphDatabase

    from conftest_neo4j import neo4j_lock

    uri, user, password = neo4j_env
    G = _nasty_graph()
    for _u, _v, d in G.edges(data=True):   # Neo4j strings are fine with any of these; drop NUL for the driver
        for k, v in d.items():
            if isinstance(v, str):
                d[k] = v.replace("\x00", "")
    label = "KgExportTest" + uuid.uuid4().hex[:8]
    script = "\n".join(line for line in ex.generate_cypher(G, label=label, batch=7) if not line.startswith("//"))
    statements = [st.strip().rstrip(";") for st in script.split(";\n") if st.strip()]   # no literal holds a newline
    driver = GraphDatabase.driver(uri, auth=(user, password))
    with neo4j_lock(uri):
        try:
            _rebuild(driver, statements, label)
            H = _read_back(driver, label)
        finally:
            with driver.session() as s:
                s.run(f"MATCH (a:{label}) DETACH DELETE a").consume()
                s.run(f"DROP CONSTRAINT kg_{label.lower()}_id IF EXISTS").consume()
            driver.close()
    assert _canon(H) == _canon(G)


def _rebuild(driver, statements: list[str], label: str) -> None:
    with driver.session() as s:
        for st in statements:
            s.run(st).consume()


def _read_back(driver, label: str) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    with driver.session() as s:
        for rec in s.run(f"MATCH (a:{label}) RETURN a.id AS id, properties(a) AS p"):
            p = dict(rec["p"])
            p.pop("id")
            H.add_node(rec["id"], **{**dict.fromkeys(ex.NODE_FIELDS), **p})
        for rec in s.run(f"MATCH (a:{label})-[r]->(b:{label}) RETURN a.id AS u, b.id AS v, properties(r) AS p"):
            p = dict(rec["p"])
            key = p.pop("key")
            H.add_edge(rec["u"], rec["v"], key=key, **{**dict.fromkeys(ex.EDGE_FIELDS), **p, "event_id": key})
    return H


# --------------------------------------------------------------------------------------------- the CLI

@pytest.mark.parametrize("fmt", READABLE + ["cypher"])
def test_cli_export(seed, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    r = CliRunner().invoke(cli, ["--store", seed.url, "export", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output == f"Wrote {out} ({fmt}: 12 nodes, 22 edges)\n"
    if fmt != "cypher":
        assert ex.import_graph(fmt, out).number_of_edges() == 22


def test_cli_export_filters(seed, tmp_path):
    out = tmp_path / "g.json"
    r = CliRunner().invoke(cli, ["--store", seed.url, "export", "--format", "json", "-o", str(out),
                                 "--level", "code", "--type", "MET"])
    assert r.exit_code == 0, r.output
    G = ex.read_json(out)
    assert {d["type"] for *_x, d in G.edges(data=True)} == {"MET"} and "person:ned-price" not in G


def test_cli_export_needs_a_format(seed, tmp_path):
    r = CliRunner().invoke(cli, ["--store", seed.url, "export", "-o", str(tmp_path / "x")])
    assert r.exit_code == 2 and "--format" in r.output
