"""notebooks/explore.ipynb runs top to bottom (nbclient, a local ipykernel, no network), and the views it
shows with ``kg.view.show`` hold the whole page — which renders in real Chromium from the notebook output."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
from pathlib import Path

import pytest

from _viewkit import CHROMIUM, CHROMIUM_ARGS, ENABLE_BROWSER, chromium_problem

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
IFRAME = re.compile(r'<iframe srcdoc="([^"]*)"')


@pytest.fixture(scope="module")
def outputs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()          # raises CellExecutionError, naming the cell, on any error
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _html(outputs) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs)


def _pages(outputs) -> list[str]:
    """The pages inside the notebook's iframes (the srcdoc attribute, unescaped as a browser does)."""
    return [html_lib.unescape(m) for m in IFRAME.findall(_html(outputs))]


def _data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1))


@pytest.mark.slow
def test_explore_notebook_runs(outputs):
    html = _html(outputs)
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "Moscow" in html                                   # who met whom / the named query
    assert re.search(r"<th>USA</th>.*?[+-]\d+\.\d \(\d+\)", html)    # the stance matrix: USA -> SYR
    assert any("image/png" in o.get("data", {}) for o in outputs)   # the dyad plot
    assert "dated events between TUR and SYR" in text
    assert re.search(r"\d+ nodes, \d+ edges; physics False", text)  # the pyvis Network, adjusted in Python


@pytest.mark.slow
def test_notebook_views_hold_the_whole_page(outputs):
    view_page, net_page = _pages(outputs)
    for page in (view_page, net_page):
        assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
        assert '<meta name="generator" content="diplomatic-kg">' in page
        assert "vis.Network" in page and "kgTimeline" in page
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<title>Seed: US, Turkey and Syria, Dec 2022 – Jan 2023</title>" in view_page
    names = {n["name"] for n in _data(view_page)["nodes"]}
    assert {"Ned Price", "Turkey", "Syria"} <= names
    net = _data(net_page)
    assert {n["id"] for n in net["nodes"]} >= {"TUR", "SYR", "USA", "note"}
    assert any(d for ts in net["times"] for d in ts)             # dated edges: the timeline has months


@pytest.mark.slow
@pytest.mark.browser
def test_notebook_output_renders_in_chromium(outputs, tmp_path):
    """The notebook's output cell, opened as it is, draws both graphs inside their frames, offline."""
    problem = chromium_problem()
    if problem:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"browser tests must run in CI but {problem}")
        pytest.skip(ENABLE_BROWSER)
    from playwright.sync_api import sync_playwright

    cell = tmp_path / "output.html"
    cell.write_text("<!DOCTYPE html><meta charset='utf-8'><body>" + "".join(
        o["data"]["text/html"] for o in outputs if "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")),
        encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            ctx = browser.new_context(viewport={"width": 1300, "height": 1400})
            requests: list[str] = []
            errors: list[str] = []
            ctx.route("**/*", lambda r: (requests.append(r.request.url),
                                         r.continue_() if r.request.url == cell.as_uri() else r.abort()))
            page = ctx.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(cell.as_uri())
            frames = [f for f in page.frames if f != page.main_frame]
            assert len(frames) == 2
            for f in frames:
                f.wait_for_selector("body[data-ready]", state="attached", timeout=20_000)
                assert f.evaluate("kgView.nodes.length") > 5 and f.evaluate("kgView.visibleEdges || "
                                                                             "kgView.visible.edges.length") > 5
            assert requests == [cell.as_uri()] and errors == []
        finally:
            browser.close()
