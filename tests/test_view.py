"""kg.view without a browser: what a view draws, the page it writes, and that nothing unescaped gets in."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import math
import re
from html import unescape
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from _viewkit import XSS_IMG, XSS_MIX, XSS_SCRIPT, hostile_graph, seed_store
from kg import view as kv
from kg.cli import cli
from kg.errors import UnknownActor, UnknownRelation
from kg.graph import build_graph
from kg.model import Actor, Event

TEMPLATES = Path(kv.__file__).with_name("templates")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = seed_store(tmp_path_factory.mktemp("seed") / "kg.db")
    yield s
    s.close()


def _data_of(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def _tags(html: str) -> list[str]:
    from html.parser import HTMLParser

    tags: list[str] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    P().feed(html)
    return tags


def _graph(*events: Event, actors=()) -> nx.MultiDiGraph:
    return build_graph(events, {a.id: a for a in actors})


A, B, C, D = (Actor(x, x.title(), "state", x) for x in ("AAA", "BBB", "CCC", "DDD"))


# --------------------------------------------------------------------------------------------- view_data

def test_seed_drawing(store):
    d = kv.view_data(store.graph())
    names = {n["name"] for n in d["nodes"] if not n.get("hub")}
    assert {"Turkey", "Syria", "Russia", "Ned Price", "Mevlut Cavusoglu", "Salem Al-Muslat"} <= names
    hubs = [n for n in d["nodes"] if n.get("hub")]
    assert sorted((n["type"], n["name"]) for n in hubs) == [
        ("MET", "Ankara · 2023-01-03"), ("MET", "Moscow · 2022-12-28"), ("PLANS_TO_MEET", "2023-01-03")]
    assert d["meta"] == {**d["meta"], "actors": 12, "events": 13, "hubs": 3, "nodes": 15, "edges": 20,
                         "min_date": "2022-12-28", "max_date": "2023-01-03"}
    by_name = {n["name"]: n["id"] for n in d["nodes"]}
    crit = [e for e in d["edges"] if e["type"] == "CRITICIZED"]
    assert [(e["from"], e["to"], e["arrows"]) for e in crit] == [(by_name["Ned Price"], by_name["Syria"], "to")]
    assert "brutal dictator" in d["events"][crit[0]["events"][0]]["sentence"]


def test_meeting_of_many_is_a_hub_not_a_clique():
    G = _graph(Event("MET", participants=("AAA", "BBB", "CCC", "DDD"), date=dt.date(2023, 1, 1), place="Rome"),
               actors=(A, B, C, D))
    assert G.number_of_edges() == 6                      # the graph form: one edge per pair
    d = kv.view_data(G)
    hub = [n for n in d["nodes"] if n.get("hub")]
    assert len(hub) == 1 and hub[0]["name"] == "Rome · 2023-01-01"
    assert len(d["edges"]) == 4                          # drawn: one spoke per party
    assert all(e["to"] == hub[0]["id"] and e.get("hub") and e["arrows"] == "" for e in d["edges"])


def test_two_party_meeting_is_one_undirected_edge():
    d = kv.view_data(_graph(Event("MET", participants=("AAA", "BBB")), actors=(A, B)))
    assert [(e["type"], e["arrows"], len(e["events"])) for e in d["edges"]] == [("MET", "", 1)]
    assert not any(n.get("hub") for n in d["nodes"])


def test_edges_group_events_and_collapse_merges_directions():
    G = _graph(Event("CRITICIZED", source="AAA", target="BBB", date=dt.date(2023, 1, 1)),
               Event("CRITICIZED", source="AAA", target="BBB", date=dt.date(2023, 1, 2)),
               Event("CRITICIZED", source="BBB", target="AAA", date=dt.date(2023, 1, 3)),
               Event("CRITICIZED", source="AAA", target="BBB", date=dt.date(2023, 1, 4), negated=True),
               Event("SUPPORTED", source="AAA", target="BBB"), actors=(A, B))
    plain = kv.view_data(G)
    assert sorted((e["type"], e["arrows"], e["negated"], len(e["events"])) for e in plain["edges"]) == [
        ("CRITICIZED", "to", False, 1), ("CRITICIZED", "to", False, 2), ("CRITICIZED", "to", True, 1),
        ("SUPPORTED", "to", False, 1)]
    col = kv.view_data(G, collapse=True)
    assert col["meta"]["collapse"] is True
    assert sorted((e["type"], e["arrows"], e["negated"], len(e["events"])) for e in col["edges"]) == [
        ("CRITICIZED", "to", True, 1),                   # "did not criticise" is not counted with the rest
        ("CRITICIZED", "to,from", False, 3), ("SUPPORTED", "to", False, 1)]
    three = next(e for e in col["edges"] if len(e["events"]) == 3)
    assert [col["events"][i]["date"] for i in three["events"]] == ["2023-01-01", "2023-01-02", "2023-01-03"]


def test_unknown_kind_and_type_still_draw():
    G = nx.MultiDiGraph()
    G.add_node("x", name="X", kind="alien", code=None)
    G.add_node("y", name="Y", kind="state", code="YYY")
    G.add_edge("x", "y", key="k", type="TELEPORTED", participants=["x", "y"])
    d = kv.view_data(G)
    assert "unknown" in d["kinds"] and d["types"]["TELEPORTED"]["color"].startswith("#")


def test_layout_is_deterministic_and_finite(store):
    G = store.graph()
    a, b = kv.view_data(G), kv.view_data(G)
    pos = [(n["x"], n["y"]) for n in a["nodes"]]
    assert pos == [(n["x"], n["y"]) for n in b["nodes"]]
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos)
    assert len(set(pos)) == len(pos)


def test_fast_layout_for_large_graphs_spreads_nodes():
    links = [(i, (i * 7 + 3) % 600, 1) for i in range(600)] + [(i, i + 1, 2) for i in range(599)]
    pos = kv._layout(600, links)
    assert len(pos) == 600 and len({(round(x), round(y)) for x, y in pos}) > 590
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos)


def test_too_large_refuses_with_the_node_count_and_filters():
    G = nx.MultiDiGraph()
    for i in range(40):
        G.add_edge(f"a{i}", f"b{i}", key=f"e{i}", type="MET", symmetric=True, participants=[f"a{i}", f"b{i}"])
    with pytest.raises(kv.ViewTooLarge) as err:
        kv.generate_html(G, max_nodes=50)
    msg = str(err.value)
    assert "80 nodes" in msg and "--actor" in msg and "--min-events" in msg and "--max-nodes" in msg


# --------------------------------------------------------------------------------------------- view_graph

def test_view_graph_filters(store):
    assert kv.view_graph(store).number_of_nodes() == 12
    code = kv.view_graph(store, level="code")
    assert set(code) == {"RUS", "TUR", "SYR", "USA", "SYR-OPP", "WORLD"}
    met = kv.view_graph(store, types=["met"])
    assert {d["type"] for *_x, d in met.edges(data=True)} == {"MET"}
    late = kv.view_graph(store, since=dt.date(2023, 1, 1))
    assert all(d["date"] >= "2023-01-01" for *_x, d in late.edges(data=True))
    with pytest.raises(UnknownRelation):
        kv.view_graph(store, types=["TELEPORTED"])


def test_view_graph_around_an_actor(store):
    price = kv.view_graph(store, actor="Ned Price", depth=1)
    assert set(price) == {"person:ned-price", "SYR"}
    wider = kv.view_graph(store, actor="Ned Price", depth=2)
    assert {"TUR", "RUS", "person:salem-al-muslat"} <= set(wider)
    turkey = kv.view_graph(store, actor="Turkey", depth=0)     # a state: everyone who rolls up to TUR
    assert set(turkey) == {"TUR", "person:ibrahim-kalin", "person:mevlut-cavusoglu"}
    assert kv.view_graph(store, actor="Turkey", level="code", depth=1).has_node("SYR-OPP")
    with pytest.raises(UnknownActor):
        kv.view_graph(store, actor="Atlantis Nowhere")


def test_view_graph_min_events(store):
    G = kv.view_graph(store, level="code", min_events=3)
    pairs = {frozenset((u, v)) for u, v in G.edges()}
    assert pairs and all(len({k for u2, v2, k in G.edges(keys=True) if {u2, v2} == set(p)}) >= 3 for p in pairs)
    assert frozenset(("TUR", "SYR")) in pairs


# --------------------------------------------------------------------------------------------- the page

def test_page_is_self_contained(store):
    html = kv.generate_html(store.graph(), title="Seed")
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "@import" not in html and "<link" not in html.lower() and "<iframe" not in html.lower()
    assert _tags(html).count("script") == 3              # data, vis-network, view.js: nothing else
    assert "vis.Network" in html


def test_csp_allows_exactly_the_inline_scripts(store):
    html = kv.generate_html(store.graph())
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline' " not in csp.split(
        "style-src")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


@pytest.mark.parametrize("script", ["view.js", "timeline.js", "network.js"])
def test_page_scripts_never_write_markup(script):
    js = (TEMPLATES / script).read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                 "setAttribute(\"on", "createContextualFragment"):
        assert sink not in js, sink
    assert not re.search(r"\btitle\s*:", js)            # no vis popups built from content
    # only network.js parses markup (a pyvis title), into an inert document it copies text and bare tags from
    assert ("DOMParser" in js) == (script == "network.js")


def test_safe_json_escapes_script_breakers():
    obj = {"s": "</script><!-- --> & \u2028 \u2029 <b>"}
    text = kv.safe_json(obj)
    assert "</" not in text and "<!--" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text) == obj


def test_payloads_are_escaped_everywhere():
    heading = "Report " + XSS_IMG + XSS_SCRIPT
    html = kv.generate_html(hostile_graph(), title=heading, subtitle=XSS_MIX)
    for raw in (XSS_IMG, XSS_SCRIPT, "<svg", "<img", "window.__xss=2</script>"):
        assert raw not in html
    assert set(_tags(html)) == {"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "main",
                                "aside", "section", "h2", "small", "div", "button", "label", "input", "select",
                                "option", "noscript", "script"}
    assert "<title>Report &lt;img src=x onerror=&#34;window.__xss=1&#34;&gt;&lt;script&gt;" in html
    data = _data_of(html)
    assert data["meta"]["title"] == heading
    names = {n["name"] for n in data["nodes"]}
    assert "Evil " + XSS_IMG + " " + XSS_SCRIPT in names and XSS_MIX in names
    assert any(XSS_SCRIPT in e["sentence"] for e in data["events"])


def test_write_html_and_empty_graph(tmp_path):
    out = kv.write_html(nx.MultiDiGraph(), tmp_path / "sub" / "empty.html")
    assert _data_of(out.read_text())["nodes"] == []


# --------------------------------------------------------------------------------------------- the CLI

def test_cli_view_writes_and_prints_path(store, tmp_path):
    out = tmp_path / "graph.html"
    r = CliRunner().invoke(cli, ["--store", store.url, "view", "--level", "code", "--collapse", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert r.output == f"Wrote {out} (6 actors, 13 events; 8 nodes and 16 edges drawn)\n"
    assert _data_of(out.read_text())["meta"]["collapse"] is True


def test_cli_view_help_names_the_python_route():
    r = CliRunner().invoke(cli, ["view", "--help"])
    assert r.exit_code == 0
    for name in ("view.to_pyvis(", "view.write_html(net", "view.show(", "timeline"):
        assert name in r.output, name


def test_cli_view_too_large_is_exit_1_and_writes_nothing(store, tmp_path):
    out = tmp_path / "graph.html"
    r = CliRunner().invoke(cli, ["--store", store.url, "view", "--max-nodes", "5", "-o", str(out)])
    assert r.exit_code == 1
    assert r.output.startswith("Error: the view would draw 15 nodes and 20 edges, more than the limit of 5 nodes")
    assert not out.exists()


@pytest.mark.parametrize("args,code", [
    (["--depth", "-1"], 2),                  # bad flag: usage error
    (["--level", "country"], 2),
    (["--since", "yesterday"], 2),
    (["--actor", "Atlantis Nowhere"], 1),    # library error
])
def test_cli_view_errors(store, tmp_path, args, code):
    r = CliRunner().invoke(cli, ["--store", store.url, "view", *args, "-o", str(tmp_path / "g.html")])
    assert r.exit_code == code, r.output


@pytest.mark.parametrize("name", ["kg.view", "kg.view_pyvis", "kg.export"])
def test_docstring_examples(name):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
