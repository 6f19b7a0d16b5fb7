"""The seed view in a real headless Chromium (Debian's `chromium`, driven by playwright by path).

Without Chromium these tests skip with one line saying how to enable them; in CI
(``CI=true``) they fail instead. Screenshots go to tests/artifacts/ (gitignored);
``KG_UPDATE_DOCS=1`` also refreshes docs/seed-view.png for the README.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from _viewkit import (CHROMIUM, CHROMIUM_ARGS, ENABLE_BROWSER, ROOT, XSS_IMG, XSS_MIX, XSS_SCRIPT,
                      chromium_problem, hostile_graph, seed_store)
from kg import view as kv

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
if chromium_problem() and not IN_CI:
    pytest.skip(ENABLE_BROWSER, allow_module_level=True)     # one line in the summary, not one per test


@pytest.fixture(scope="module")
def browser():
    problem = chromium_problem()
    if problem:
        if IN_CI:
            pytest.fail(f"browser tests must run in CI but {problem}: run scripts/install-chromium")
        pytest.skip(ENABLE_BROWSER)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A page opened on a local file, recording console errors and every request it tries."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False, width: int = 1400, height: int = 820):
        self.ctx = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
        self.page = self.ctx.new_page()
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.ctx.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready]", state="attached", timeout=20_000)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url == self.url:
            route.continue_()
        else:
            route.abort()

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def close(self):
        self.ctx.close()


@pytest.fixture(scope="module")
def seed_html(tmp_path_factory):
    d = tmp_path_factory.mktemp("view")
    store = seed_store(d / "kg.db")
    try:
        kv.view(store, d / "seed.html", title="Seed: US, Turkey and Syria, Dec 2022 – Jan 2023")
    finally:
        store.close()
    return d / "seed.html"


@pytest.fixture
def seed_page(browser, seed_html):
    p = Page(browser, seed_html)
    yield p
    p.close()


def _edge_ids(p: Page, type_: str) -> list[int]:
    return p.js("t => kgView.data.edges.filter(e => e.type === t).map(e => e.id)", type_)


def _hidden(p: Page, ids: list[int]) -> list[bool]:
    return p.js("ids => ids.map(i => !!kgView.edges.get(i).hidden)", ids)


def test_seed_view_loads_offline_with_no_errors(seed_page):
    p = seed_page
    assert p.errors == []
    assert p.requests == [p.url]                               # nothing but the file itself
    assert p.js("typeof vis") == "object"
    assert p.page.title() == "Seed: US, Turkey and Syria, Dec 2022 – Jan 2023"
    names = set(p.js("kgView.data.nodes.filter(n => !n.hub).map(n => n.name)"))
    assert {"Turkey", "Syria", "Russia", "United States", "Ned Price", "Mevlut Cavusoglu", "Salem Al-Muslat",
            "Syrian opposition", "the countries of the world"} <= names
    assert p.js("kgView.nodes.length") == 15 and p.js("kgView.edges.length") == 20
    drawn = p.js("""() => kgView.data.edges.map(e => [kgView.data.nodes[e.from].name,
                                                      kgView.data.nodes[e.to].name, e.type])""")
    assert ["Ned Price", "Syria", "CRITICIZED"] in drawn and ["United States", "the countries of the world",
                                                              "CALLED_ON"] in drawn
    hubs = p.js("kgView.data.nodes.filter(n => n.hub).map(n => n.name)")
    assert "Ankara · 2023-01-03" in hubs
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "seed-view.png"))


def test_hover_shows_the_evidence_sentence(seed_page):
    p = seed_page
    syria = p.js("kgView.data.nodes.find(n => n.name === 'Syria').id")
    at = p.js("i => kgView.nodeClientPoint(i)", syria)
    p.page.mouse.click(at["x"], at["y"])                    # select Syria: its events in the side panel
    [edge] = _edge_ids(p, "CRITICIZED")
    pt = p.js("i => kgView.edgeClientPoint(i)", edge)
    p.page.mouse.move(pt["x"] - 40, pt["y"] - 40)
    p.page.mouse.move(pt["x"], pt["y"], steps=4)
    tip = p.page.locator("#kg-tip")
    tip.wait_for(state="visible", timeout=5_000)
    text = tip.inner_text()
    assert "Ned Price → Syria" in text
    assert "the brutal dictator" in text and "2023-01-03" in text
    assert "seeds/2023-01-04-us-turkey-syria-normalization.md" in text
    ARTIFACTS.mkdir(exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "seed-view-hover.png"))
    if os.environ.get("KG_UPDATE_DOCS") == "1":
        shutil.copy(ARTIFACTS / "seed-view-hover.png", ROOT / "docs" / "seed-view.png")


def test_type_filter_hides_edges(seed_page):
    p = seed_page
    met, crit = _edge_ids(p, "MET"), _edge_ids(p, "CRITICIZED")
    assert met and not any(_hidden(p, met))
    p.page.locator('#kg-types input[data-type="MET"]').uncheck()
    assert all(_hidden(p, met)) and not any(_hidden(p, crit))
    hubs = p.js("kgView.data.nodes.filter(n => n.hub && n.type === 'MET').map(n => n.id)")
    assert p.js("ids => ids.map(i => !!kgView.nodes.get(i).hidden)", hubs) == [True] * len(hubs)
    p.page.locator('#kg-types input[data-type="MET"]').check()
    assert not any(_hidden(p, met))
    p.page.get_by_role("button", name="none").click()
    assert all(p.js("kgView.edges.get().map(e => !!e.hidden)"))


def test_date_filter_hides_older_events(seed_page):
    p = seed_page
    older = p.js("""kgView.data.edges.filter(e => e.events.every(i => kgView.data.events[i].date < '2023-01-01'))
                    .map(e => e.id)""")
    newer = p.js("""kgView.data.edges.filter(e => e.events.some(i => kgView.data.events[i].date >= '2023-01-01'))
                    .map(e => e.id)""")
    assert older and newer
    p.page.fill("#kg-since", "2023-01-01")
    p.page.dispatch_event("#kg-since", "change")
    assert all(_hidden(p, older)) and not any(_hidden(p, newer))


def test_selecting_a_node_highlights_its_neighbourhood(seed_page):
    p = seed_page
    ids = p.js("Object.fromEntries(kgView.data.nodes.map(n => [n.name, n.id]))")
    pt = p.js("i => kgView.nodeClientPoint(i)", ids["Ned Price"])
    p.page.mouse.click(pt["x"], pt["y"])
    assert p.js("kgView.state.selected") == ids["Ned Price"]
    assert "Ned Price" in p.page.locator("#kg-details").inner_text()
    bg = p.js("i => kgView.nodes.get(i).color.background", ids["Syria"])
    far = p.js("i => kgView.nodes.get(i).color.background", ids["United States"])
    assert bg != "#eeeeee" and far == "#eeeeee"
    p.page.select_option("#kg-find", str(ids["United States"]))
    assert p.js("kgView.state.selected") == ids["United States"]
    assert p.js("i => kgView.nodes.get(i).color.background", ids["Ned Price"]) == "#eeeeee"


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_xss_payloads_do_not_run(browser, tmp_path, bypass_csp):
    """Payloads in an actor name and id, a quote, a place, a source and the heading stay text.

    Run twice: as shipped (with the page's Content-Security-Policy) and with the CSP
    bypassed, to prove the escaping alone is enough.
    """
    heading = "Report " + XSS_IMG + " " + XSS_SCRIPT
    path = kv.write_html(hostile_graph(), tmp_path / "xss.html", title=heading)
    p = Page(browser, path, bypass_csp=bypass_csp)
    try:
        page = p.page
        assert page.locator("#kg-title").inner_text() == heading
        assert page.title() == heading
        # hover every edge and every node so each tooltip is built, click each node for its details
        for e in p.js("kgView.data.edges.map(e => e.id)"):
            pt = p.js("i => kgView.edgeClientPoint(i)", e)
            page.mouse.move(pt["x"] + 30, pt["y"] + 30)
            page.mouse.move(pt["x"], pt["y"], steps=3)
        for n in p.js("kgView.data.nodes.map(n => n.id)"):
            pt = p.js("i => kgView.nodeClientPoint(i)", n)
            page.mouse.click(pt["x"], pt["y"])
        evil = p.js("kgView.data.nodes.find(n => n.name.startsWith('Evil')).id")
        pt = p.js("i => kgView.nodeClientPoint(i)", evil)
        page.mouse.click(pt["x"], pt["y"])
        details = page.locator("#kg-details").inner_text()
        assert "Evil " + XSS_IMG + " " + XSS_SCRIPT in details        # shown as text
        assert "He said " + XSS_IMG in details
        assert XSS_MIX.split(" ")[0] in details
        options = page.locator("#kg-find option").all_inner_texts()
        assert any(XSS_IMG in o for o in options)
        page.wait_for_timeout(300)                                  # give an onerror a chance to fire
        assert p.js("typeof window.__xss") == "undefined"
        assert p.js("document.querySelectorAll('img, svg script, iframe, object, embed').length") == 0
        assert p.js("document.scripts.length") == 3
        assert p.requests == [p.url]                                # <img src=x> never loaded
        assert not [e for e in p.errors if "Content Security Policy" not in e], p.errors
    finally:
        p.close()


def test_large_view_uses_the_precomputed_layout(browser, tmp_path):
    import networkx as nx

    G = nx.MultiDiGraph()
    for i in range(400):
        G.add_node(f"a{i}", name=f"Actor {i}", kind="state", code=f"A{i}")
    for i in range(1200):
        u, v = f"a{i % 400}", f"a{(i * 37 + 11) % 400}"
        if u != v:
            G.add_edge(u, v, key=f"e{i}", type="CRITICIZED", date="2023-01-01", participants=[u, v])
    path = kv.write_html(G, tmp_path / "large.html")
    p = Page(browser, path)
    try:
        assert p.errors == [] and p.js("kgView.data.meta.large") is True
        assert p.js("kgView.network.physics.options.enabled") is False
        pos = p.js("kgView.network.getPositions([0])")                      # node 0 is where Python put it
        assert round(pos["0"]["x"]) == round(p.js("kgView.data.nodes[0].x"))
    finally:
        p.close()


# --------------------------------------------------------------------------------------------- the timeline

def _play(p: Page) -> list[int]:
    """Press play and record the number of visible edges until playing stops at the last month.

    The page steps every 800 ms; reading every 50 ms in the page sees every step. Repeats are dropped.
    """
    return p.page.evaluate("""() => new Promise((resolve, reject) => {
        document.getElementById("kg-play").click();
        const seen = [kgView.visibleEdges], start = performance.now();
        const t = setInterval(() => {
          if (seen[seen.length - 1] !== kgView.visibleEdges) seen.push(kgView.visibleEdges);
          if (!kgView.timeline.playing()) { clearInterval(t); resolve(seen); }
          if (performance.now() - start > 15000) { clearInterval(t); reject(new Error("still playing")); }
        }, 50);
      })""")


def _until(p: Page, condition: str, timeout_ms: int = 5000) -> None:
    """Wait until the JS expression `condition` holds, polling in the page (playwright's wait_for_function
    compiles its predicate with eval, which the page's CSP forbids)."""
    p.page.evaluate("""ms => new Promise((resolve, reject) => {
        const start = performance.now(), t = setInterval(() => {
          if (%s) { clearInterval(t); resolve(); }
          else if (performance.now() - start > ms) { clearInterval(t); reject(new Error("timed out")); }
        }, 20);
      })""" % condition, timeout_ms)


def test_timeline_play_steps_the_window_month_by_month(seed_page):
    p = seed_page
    assert p.js("kgView.timeline.months") == 2 and p.js("kgView.visibleEdges") == 20
    bars = p.page.locator(".kg-tl-hist")
    assert bars.bounding_box()["width"] > 300
    assert _play(p) == [6, 14]                    # Dec 2022 only (the Moscow meeting and what it brought), Jan 2023
    assert p.page.locator(".kg-tl-range").inner_text() == "2023-01"
    assert p.js("kgView.timeline.playing()") is False          # stopped at the last month
    old = p.js("kgView.data.edges.filter(e => e.events.every(i => kgView.data.events[i].date < '2023-01-01'))"
               ".map(e => e.id)")
    assert all(_hidden(p, old))
    p.page.get_by_role("button", name="all dates").click()
    assert p.js("kgView.visibleEdges") == 20 and not any(_hidden(p, old))
    assert p.errors == []


def test_timeline_window_drags_and_fades_while_playing(browser, tmp_path):
    """Three months of events: dragging the right handle narrows the window; playing fades older edges."""
    import networkx as nx

    G = nx.MultiDiGraph()
    for a in "ABCD":
        G.add_node(a, name=f"Actor {a}", kind="state", code=a)
    for i, (u, v, date) in enumerate([("A", "B", "2023-01-10"), ("B", "C", "2023-02-10"), ("C", "D", "2023-03-10"),
                                      ("D", "A", None)]):
        G.add_edge(u, v, key=f"e{i}", type="CRITICIZED", date=date, participants=[u, v])
    p = Page(browser, kv.write_html(G, tmp_path / "months.html"))
    try:
        assert p.js("kgView.timeline.months") == 3 and p.js("kgView.visibleEdges") == 4
        handle = p.page.locator(".kg-tl-right").bounding_box()
        track = p.page.locator(".kg-tl-track").bounding_box()
        p.page.mouse.move(handle["x"] + 2, handle["y"] + 10)
        p.page.mouse.down()
        p.page.mouse.move(track["x"] + track["width"] * 0.2, handle["y"] + 10, steps=5)
        p.page.mouse.up()
        assert p.js("[kgView.state.since, kgView.state.until]") == ["2023-01-01", "2023-01-31"]
        assert p.page.input_value("#kg-until") == "2023-01-31"
        assert p.js("kgView.visibleEdges") == 2                     # January's edge and the undated one
        p.page.locator("#kg-undated").uncheck()
        assert p.js("kgView.visibleEdges") == 1
        p.page.locator("#kg-undated").check()
        p.js("kgView.timeline.setWindow(0, 1)")                       # Jan-Feb, then play: Feb-Mar
        p.page.locator("#kg-play").click()
        assert p.js("kgView.timeline.playing()") is True
        _until(p, "kgView.timeline.window().a === 1")
        faded = p.js("""() => [kgView.timeline.playing(), [0, 1, 2].map(i => !!kgView.edges.get(i).hidden),
                               [1, 2].map(i => kgView.edges.get(i).color.opacity)]""")
        assert faded[0] is True and faded[1] == [True, False, False]
        assert faded[2][1] > faded[2][0]                             # March full, February fading
        _until(p, "!kgView.timeline.playing()")
        assert p.js("[1, 2].map(i => kgView.edges.get(i).color.opacity)") == [0.9, 0.9]
        assert p.errors == []
    finally:
        p.close()


# --------------------------------------------------------------------------------------------- pyvis pages

def _hand_made_network():
    from pyvis.network import Network

    net = Network(heading="Hand-made")
    net.add_node("ank", label="Ankara", color="#ff8800", title="<b>capital</b> of Turkey")
    net.add_node("dam", label="Damascus", shape="box", title="Damascus " + XSS_IMG + XSS_SCRIPT)
    net.add_node("mos", label="Moscow")
    net.add_node("alone", label="No edges")
    net.add_edge("ank", "dam", title="talks\nin November", date="2022-11-05", color="#aa0000")
    net.add_edge("dam", "mos", title=XSS_MIX, dates=["2023-01-09"])
    net.add_edge("ank", "mos", title="undated", width=4)
    net.toggle_physics(False)
    return net


def test_page_of_a_hand_made_network_renders_offline(browser, tmp_path):
    path = kv.write_html(_hand_made_network(), tmp_path / "hand.html")
    p = Page(browser, path)
    try:
        assert p.errors == [] and p.requests == [p.url]
        assert p.page.title() == "Hand-made"
        assert p.js("kgView.nodes.length") == 4 and p.js("kgView.edges.length") == 3
        assert p.js("kgView.edges.get().map(e => e.color)")[0] == "#aa0000"   # the user's styling is kept
        assert p.js("kgView.timeline.months") == 3                          # Nov 2022 .. Jan 2023
        pt = p.js("i => kgView.nodeClientPoint(i)", "ank")
        p.page.mouse.move(pt["x"] + 30, pt["y"] + 30)
        p.page.mouse.move(pt["x"], pt["y"], steps=4)
        tip = p.page.locator("#kg-tip")
        tip.wait_for(state="visible", timeout=5_000)
        assert tip.inner_text() == "capital of Turkey"
        assert p.page.locator("#kg-tip b").inner_text() == "capital"         # markup titles keep their format
        assert p.js("document.querySelector('.vis-tooltip') === null || "
                    "getComputedStyle(document.querySelector('.vis-tooltip')).visibility !== 'visible'")
        assert _play(p) == [2, 1, 2]           # Nov: talks + undated; Dec: undated; Jan: visit + undated
        ARTIFACTS.mkdir(exist_ok=True)
        p.page.screenshot(path=str(ARTIFACTS / "pyvis-hand-made.png"))
    finally:
        p.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_pyvis_titles_with_payloads_do_not_run(browser, tmp_path, bypass_csp):
    """to_pyvis titles (escaped) and a hand-made Network's raw markup titles stay inert on our page, and the
    to_pyvis titles are inert even where pyvis puts them: into innerHTML."""
    net = kv.to_pyvis(hostile_graph(), title="Report " + XSS_IMG)
    titles = [x["title"] for x in net.nodes + net.edges]
    p = Page(browser, kv.write_html(net, tmp_path / "xss-pyvis.html"), bypass_csp=bypass_csp)
    try:
        page = p.page
        assert page.title() == "Report " + XSS_IMG
        texts = []
        for e in p.js("kgView.edges.getIds()"):
            pt = p.js("i => kgView.edgeClientPoint(i)", e)
            page.mouse.move(pt["x"] + 30, pt["y"] + 30)
            page.mouse.move(pt["x"], pt["y"], steps=3)
            if page.locator("#kg-tip").is_visible():
                texts.append(page.locator("#kg-tip").inner_text())
        for n in p.js("kgView.nodes.getIds()"):
            pt = p.js("i => kgView.nodeClientPoint(i)", n)
            page.mouse.move(pt["x"] + 30, pt["y"] + 30)
            page.mouse.move(pt["x"], pt["y"], steps=3)
            if page.locator("#kg-tip").is_visible():
                texts.append(page.locator("#kg-tip").inner_text())
        assert any("Evil " + XSS_IMG in t for t in texts) and any("He said " + XSS_IMG in t for t in texts)
        # the way pyvis' own template shows titles: innerHTML (bypassing our page script on purpose)
        inserted = p.js("""ts => ts.map(t => { const d = document.createElement('div'); d.innerHTML = t;
                                                document.body.appendChild(d); return d.textContent; })""", titles)
        assert any(XSS_IMG in t for t in inserted) and any(XSS_SCRIPT in t for t in inserted)
        # raw markup from a hand-made Network goes through the page's sanitizer, never the DOM
        raw = p.js("""ts => ts.map(t => { const e = kgView.titleElement(t); document.body.appendChild(e);
                                          return [e.textContent, e.querySelectorAll('*').length]; })""",
                   [XSS_IMG, XSS_SCRIPT + "<b>bold</b>", XSS_MIX, "<svg onload=window.__xss=5><b>x</b></svg>"])
        assert raw[1] == ["bold", 1] and raw[0] == ["", 0]
        page.wait_for_timeout(300)
        assert p.js("typeof window.__xss") == "undefined"
        assert p.js("document.querySelectorAll('img, svg script, iframe, object, embed').length") == 0
        assert p.js("document.scripts.length") == 3
        assert p.requests == [p.url]
        assert not [e for e in p.errors if "Content Security Policy" not in e], p.errors
    finally:
        p.close()
