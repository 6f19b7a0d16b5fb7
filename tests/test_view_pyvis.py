"""kg.view's pyvis face without a browser: to_pyvis, the page of a pyvis Network, and show() for notebooks."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from html import unescape

import networkx as nx
import pytest
from pyvis.network import Network

from _viewkit import XSS_IMG, XSS_MIX, XSS_SCRIPT, hostile_graph, seed_store
from kg import view as kv
from kg.schema import load_schema

SCHEMA = load_schema()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = seed_store(tmp_path_factory.mktemp("seed") / "kg.db")
    yield s
    s.close()


@pytest.fixture(scope="module")
def seed_net(store):
    return kv.to_pyvis(store.graph(), title="Seed")


def _data_of(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def _edges(net: Network, a: str, b: str, type_: str) -> list[dict]:
    return [e for e in net.edges if (e["from"], e["to"]) == (a, b) and e["type"] == type_]


# --------------------------------------------------------------------------------------------- to_pyvis

def test_to_pyvis_draws_what_kg_view_draws(store, seed_net):
    data = kv.view_data(store.graph())
    net = seed_net
    assert isinstance(net, Network)
    assert net.num_nodes() == len(data["nodes"]) == 15 and net.num_edges() == len(data["edges"]) == 20
    hubs = [n for n in net.nodes if n["id"].startswith("hub:")]
    assert len(hubs) == 3 and {n["shape"] for n in hubs} == {"hexagon"}
    assert {n["label"] for n in hubs} >= {"Ankara · 2023-01-03", "Moscow · 2022-12-28"}
    for n in net.nodes:                                        # the layout computed in Python, physics off
        assert isinstance(n["x"], float) and isinstance(n["y"], float)
    assert net.options.physics.enabled is False


def test_to_pyvis_colours_shapes_and_arrows_follow_the_schema(seed_net):
    net = seed_net
    turkey, price = net.get_node("TUR"), net.get_node("person:ned-price")
    assert turkey["color"]["background"] == SCHEMA.actor_kinds["state"].color and turkey["shape"] == "dot"
    assert price["color"]["background"] == SCHEMA.actor_kinds["person"].color
    assert net.get_node("SYR-OPP")["shape"] == SCHEMA.actor_kinds["opposition"].shape == "triangle"
    [crit] = _edges(net, "person:ned-price", "SYR", "CRITICIZED")
    assert crit["color"] == SCHEMA.relations["CRITICIZED"].color and crit["arrows"] == "to"
    [norm] = _edges(net, "TUR", "SYR", "NORMALIZED")                  # symmetric: no arrow
    assert norm["arrows"] == "" and norm["color"] == SCHEMA.relations["NORMALIZED"].color
    for e in net.edges:
        assert (e["arrows"] == "") == SCHEMA.relations[e["type"]].symmetric
    assert crit["dates"] == ["2023-01-03"] and "negated" not in crit and "dashes" not in crit


def test_to_pyvis_titles_hold_type_date_and_sentence(seed_net):
    [crit] = _edges(seed_net, "person:ned-price", "SYR", "CRITICIZED")
    text = unescape(re.sub(r"<[^>]+>", " ", crit["title"]))
    assert "Ned Price → Syria" in text and "CRITICIZED" in text and "2023-01-03" in text
    assert '"We do not support countries' in text and "the brutal dictator" in text
    assert "&quot;We do not support" in crit["title"]                 # quotes from the article are escaped
    hub = next(n for n in seed_net.nodes if n["label"] == "Moscow · 2022-12-28")
    assert "MET · 2022-12-28" in unescape(hub["title"]) and "parties: " in hub["title"]


def test_to_pyvis_escapes_every_title_and_the_heading():
    net = kv.to_pyvis(hostile_graph(), title="Report " + XSS_IMG)
    titles = [x["title"] for x in net.nodes + net.edges]
    for t in titles:
        for raw in ("<img", "<script", "<svg", "</script", "<!--", 'onerror="'):
            assert raw not in t
    shown = " ".join(unescape(t) for t in titles)
    assert "Evil " + XSS_IMG + " " + XSS_SCRIPT in shown and "He said " + XSS_IMG in shown and XSS_MIX in shown
    assert "<img" not in net.heading and unescape(net.heading) == "Report " + XSS_IMG
    [negated] = [e for e in net.edges if e["type"] == "SUPPORTED"]
    assert negated["dashes"] is True and negated["negated"] is True and negated["dates"] == [None]
    assert unescape(negated["title"]).split("\n")[1].startswith("NOT SUPPORTED · undated")
    evil = next(n for n in net.nodes if n["label"].startswith("Evil"))
    assert evil["label"] == "Evil " + XSS_IMG + " " + XSS_SCRIPT     # labels are drawn on the canvas as text


def test_to_pyvis_result_takes_any_pyvis_method(tmp_path, store):
    net = kv.to_pyvis(store.graph())
    net.toggle_physics(True)
    net.add_node("extra", label="Added", color="#ff0000")
    net.add_edge("extra", "TUR", title="by hand", date="2023-02")
    out = kv.write_html(net, tmp_path / "adjusted.html")
    data = _data_of(out.read_text())
    assert data["options"]["physics"]["enabled"] is True
    assert any(n["id"] == "extra" for n in data["nodes"])
    assert data["times"][-1] == ["2023-02-01"] and data["meta"]["max_date"] == "2023-02-01"
    other = kv.to_pyvis(store.graph())
    other.set_options('var options = {"physics": {"enabled": true, "solver": "forceAtlas2Based"}}')
    assert _data_of(kv.generate_network_html(other))["options"] == {"physics": {"enabled": True,
                                                                                "solver": "forceAtlas2Based"}}


def test_to_pyvis_collapse_and_limit(store):
    G = kv.view_graph(store, level="code")
    net = kv.to_pyvis(G, collapse=True)
    assert net.num_edges() == 16 and any(e.get("label", "").startswith("×") for e in net.edges)
    with pytest.raises(kv.ViewTooLarge):
        kv.to_pyvis(store.graph(), max_nodes=5)
    with pytest.raises(TypeError, match="title="):
        kv.to_pyvis(store.graph(), heading="x")
    assert kv.to_pyvis(store.graph(), height="300px", bgcolor="#000000").bgcolor == "#000000"


# --------------------------------------------------------------------------------------------- the page

def _hand_made() -> Network:
    net = Network(heading="Hand <b>made</b>")
    net.add_node(1, label="Ankara", color="#ff8800", title="<b>capital</b><br>of Turkey")
    net.add_node(2, label="Damascus", title=XSS_IMG)
    net.add_node(3, label="Moscow")
    net.add_edge(1, 2, title="talks", date="2022-11-05")
    net.add_edge(2, 3, title="visit", dates=[dt.date(2023, 1, 9), "2023-03"])
    net.add_edge(1, 3, title="undated")
    return net


def test_network_page_is_self_contained_with_the_same_csp(tmp_path):
    out = kv.write_html(_hand_made(), tmp_path / "net.html")
    html = out.read_text()
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"https?://(?!www\.w3\.org/)", html.split('id="kg-data">')[0])   # no CDN, no Bootstrap
    assert "<link" not in html.lower() and "bootstrap" not in html.lower()
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert csp == kv.page_csp(*re.findall(r"<script>(.*?)</script>", html, re.S))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    for body in re.findall(r"<script>(.*?)</script>", html, re.S):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "<title>Hand made</title>" in html                 # pyvis headings are markup: their text is the title


def test_network_page_data_moves_dates_to_times(tmp_path):
    data = _data_of(kv.generate_network_html(_hand_made()))
    assert data["times"] == [["2022-11-05"], ["2023-01-09", "2023-03-01"], []]
    assert "date" not in data["edges"][0] and "dates" not in data["edges"][1]
    assert data["meta"]["min_date"] == "2022-11-05" and data["meta"]["max_date"] == "2023-03-01"
    assert data["meta"]["undated"] == 1 and data["edges"][0]["title"] == "talks"


def test_network_page_escapes_titles_and_heading():
    net = _hand_made()
    html = kv.generate_network_html(net, title="T " + XSS_SCRIPT)
    for raw in (XSS_IMG, XSS_SCRIPT, "<img"):
        assert raw not in html
    assert "<title>T &lt;script&gt;window.__xss=2&lt;/script&gt;</title>" in html
    assert _data_of(html)["nodes"][1]["title"] == XSS_IMG        # kept for the page's safe tooltip


def test_network_page_bad_date_names_the_edge():
    net = Network()
    net.add_node("a")
    net.add_node("b")
    net.add_edge("a", "b", date="last Tuesday")
    with pytest.raises(ValueError, match=r"edge 0 \(a -> b\): date 'last Tuesday' is not an ISO date"):
        kv.generate_network_html(net)


# --------------------------------------------------------------------------------------------- show()

def test_show_puts_the_whole_page_in_srcdoc(store):
    v = kv.show(store, title="Seed " + XSS_SCRIPT, since=dt.date(2023, 1, 1))
    frame = v._repr_html_()
    m = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" [^<>]*></iframe>', frame)
    assert m, frame[:300]
    assert "<" not in m.group(1) and ">" not in m.group(1)        # nothing in the attribute is markup
    page = unescape(m.group(1))
    assert page == v.html and page.startswith("<!DOCTYPE html>")
    assert "Seed &lt;script&gt;" in page and XSS_SCRIPT not in page
    data = _data_of(page)
    assert data["meta"]["min_date"] >= "2023-01-01" and "2023-01-01" in data["meta"]["subtitle"]


def test_show_takes_a_graph_or_a_network(store, tmp_path):
    assert "kg-data" in kv.show(store.graph()).html
    net_view = kv.show(_hand_made(), height=300)
    assert "height:300px" in net_view._repr_html_() and _data_of(net_view.html)["meta"]["nodes"] == 3
    assert net_view.save(tmp_path / "n.html").read_text() == net_view.html
    with pytest.raises(TypeError, match="filters"):
        kv.show(store.graph(), actor="Turkey")
    with pytest.raises(TypeError, match="not int"):
        kv.show(42)


def test_empty_network_page():
    data = _data_of(kv.generate_network_html(Network()))
    assert data["nodes"] == [] and data["meta"]["dated"] is False


def test_to_pyvis_of_an_empty_graph():
    assert kv.to_pyvis(nx.MultiDiGraph()).num_nodes() == 0
