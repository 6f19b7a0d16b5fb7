"""How long a large view page takes to become usable in headless Chromium, and how big it is.

    .venv/bin/python bench/view_bench.py [--nodes 2000] [--edges 10000] [--route both|kg|pyvis] [--keep DIR]

Builds a synthetic graph (actors of every kind, directed and symmetric events with
dates, places and sentences) and writes it two ways, side by side in one run: the
``kg view`` page (:func:`kg.view.write_html` of the graph) and the pyvis route
(:func:`kg.view.to_pyvis`, then :func:`kg.view.write_html` of the Network). Opens each
in Debian's Chromium through playwright and prints:

- python: seconds to lay out and write each page; the file sizes and their ratio
  (budget: the pyvis page at most 1.10 x the kg view page);
- time-to-interactive: from navigation start until the first frame is drawn with the
  layout in place (``body[data-ready]``; the page sets it on vis-network's first
  ``afterDrawing`` — physics is off for large graphs, so nothing is still settling);
  budgets: 5 s for the kg view page, 2 s for the pyvis page; the time after the load
  event is printed too;
- then, on the ready page: select a node (neighbourhood highlight), hide a relation
  type, a date-range change, a timeline step (pyvis page: a timeline window change,
  a step, back to all dates), each timed to the next drawn frame.

Not a test: run it by hand (``make bench`` runs bench/run.py). Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg import view as kv  # noqa: E402
from kg.schema import load_schema  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph with `n_nodes` actors and `n_edges` events (a few of them meetings of 3+)."""
    rnd = random.Random(seed)
    schema = load_schema()
    kinds = list(schema.actor_kinds)
    types = [t for t in schema.event_types]
    G = nx.MultiDiGraph()
    for i in range(n_nodes):
        kind = rnd.choice(kinds)
        G.add_node(f"A{i}", name=f"Actor {i} ({kind})", kind=kind, code=f"C{i % 300}")
    # preferential attachment-ish: a few busy actors, many quiet ones
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_nodes)]
    ids = list(G)
    made = 0
    while made < n_edges:
        t = rnd.choice(types)
        rel = schema.relations[t]
        date = f"20{rnd.randint(18, 24)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        key = f"ev{made}"
        base = dict(type=t, event_id=key, date=date, date_text=None, place=rnd.choice([None, "Geneva", "Ankara"]),
                    negated=rnd.random() < 0.05, confidence=1.0, mode=None, symmetric=rel.symmetric,
                    goldstein=rel.goldstein, polarity=rel.polarity, rule="bench", n_sources=1,
                    sentence=f"Sentence {made}: officials said the {t.lower()} event took place as reported.",
                    source=f"https://news.example/{made}", article=None)
        if rel.symmetric and rnd.random() < 0.03:
            parts = sorted(set(rnd.choices(ids, weights, k=4)))
            if len(parts) < 2:
                continue
            for a in range(len(parts)):
                for b in range(a + 1, len(parts)):
                    G.add_edge(parts[a], parts[b], key=key, participants=parts, **base)
                    made += 1
            continue
        u, v = rnd.choices(ids, weights, k=2)
        if u == v:
            continue
        if rel.symmetric and u > v:
            u, v = v, u
        G.add_edge(u, v, key=key, participants=sorted((u, v)), **base)
        made += 1
    return G


KG_OPS = """async () => {
  const frame = () => new Promise(r => kgView.network.once('afterDrawing', () => r()));
  const t = async (f) => { const s = performance.now(); const d = frame(); f();
                           kgView.network.redraw(); await d; return performance.now() - s; };
  const hub = kgView.data.nodes.reduce((a, n) => n.n > a.n ? n : a, kgView.data.nodes[0]).id;
  return {
    select: await t(() => kgView.select(hub)),
    deselect: await t(() => kgView.select(null)),
    hideType: await t(() => kgView.setTypes(Object.keys(kgView.data.types).slice(1))),
    dates: await t(() => kgView.setDates('2020-01-01', '2022-12-31')),
    timelineStep: await t(() => { kgView.timeline.setWindow(0, 2); kgView.timeline.step(); }),
  };
}"""
PYVIS_OPS = """async () => {
  const frame = () => new Promise(r => kgView.network.once('afterDrawing', () => r()));
  const t = async (f) => { const s = performance.now(); const d = frame(); f();
                           kgView.network.redraw(); await d; return performance.now() - s; };
  return {
    window: await t(() => kgView.timeline.setWindow(24, 59)),
    timelineStep: await t(() => { kgView.timeline.setWindow(0, 2); kgView.timeline.step(); }),
    allDates: await t(() => kgView.timeline.setWindow(0, kgView.timeline.months - 1)),
  };
}"""


def time_page(browser, path: Path, runs: int, ops: str) -> tuple[list[tuple[float, float, float]], dict]:
    """Load `path` `runs` times; per run: (in-page seconds from navigation start to ready, seconds from the
    load event to ready — negative when ready comes first —, wall seconds); then the timings of `ops` (ms to the next frame) on the last page."""
    times, timings = [], {}
    for run in range(runs):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        start = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
        wall = time.perf_counter() - start
        ready_ms = page.evaluate("kgView.readyAt")     # ms since navigation start, measured in the page
        load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart || 0")
        times.append((ready_ms / 1000, (ready_ms - load_ms) / 1000 if load_ms else float("nan"), wall))
        if errors:
            print("page errors:", errors[:3])
        if run == runs - 1:
            timings = page.evaluate(ops)
        ctx.close()
    return times, timings


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=10000)
    ap.add_argument("--keep", help="keep the pages in this folder")
    ap.add_argument("--runs", type=int, default=3, help="page loads to time (the best and all are printed)")
    ap.add_argument("--route", choices=("both", "kg", "pyvis"), default="both",
                    help="kg: the `kg view` page; pyvis: kg.view.to_pyvis + kg.view.write_html(net)")
    a = ap.parse_args(argv)

    G = synthetic_graph(a.nodes, a.edges)
    folder = Path(a.keep) if a.keep else Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    pages: dict[str, Path] = {}
    if a.route in ("both", "kg"):
        out = pages["kg view"] = folder / "bench-kg.html"
        t0 = time.perf_counter()
        data = kv.view_data(G, title=f"bench {a.nodes} nodes / {a.edges} edges", max_nodes=None)
        t1 = time.perf_counter()
        kv.write_html(None, out, data=data, max_nodes=None)
        t2 = time.perf_counter()
        m = data["meta"]
        print(f"graph: {G.number_of_nodes()} actors, {G.number_of_edges()} pair edges, {m['events']} events -> "
              f"{m['nodes']} nodes ({m['hubs']} hubs), {m['edges']} drawn edges")
        print(f"kg view python: view_data+layout {t1 - t0:.2f} s, page write {t2 - t1:.2f} s")
    if a.route in ("both", "pyvis"):
        out = pages["pyvis"] = folder / "bench-pyvis.html"
        t0 = time.perf_counter()
        net = kv.to_pyvis(G, title=f"bench {a.nodes} nodes / {a.edges} edges (pyvis)")
        t1 = time.perf_counter()
        kv.write_html(net, out)
        t2 = time.perf_counter()
        print(f"pyvis network: {net.num_nodes()} nodes, {net.num_edges()} edges")
        print(f"pyvis python: to_pyvis (view_data+layout+Network) {t1 - t0:.2f} s, page write {t2 - t1:.2f} s")
    sizes = {k: p.stat().st_size for k, p in pages.items()}
    for k, size in sizes.items():
        print(f"{k} file size: {size / 1e6:.2f} MB ({size:,} bytes)")
    if len(sizes) == 2:
        r = sizes["pyvis"] / sizes["kg view"]
        print(f"pyvis page / kg view page: {r:.3f} ({'OK' if r <= 1.10 else 'OVER'}: budget <= 1.10)")

    from playwright.sync_api import sync_playwright

    budgets = {"kg view": 5.0, "pyvis": 2.0}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for k, path in pages.items():
            times, timings = time_page(browser, path, a.runs, KG_OPS if k == "kg view" else PYVIS_OPS)
            for i, (ready, after_load, wall) in enumerate(times, 1):
                rel = (f"{after_load:.2f} s after the load event" if after_load >= 0
                       else f"{-after_load:.2f} s before the load event")
                print(f"{k} run {i}: time-to-interactive {ready:.2f} s from navigation start ({rel}); "
                      f"wall {wall:.2f} s")
            worst = max(r for r, _l, _w in times)
            print(f"{k} time-to-interactive: best {min(r for r, _l, _w in times):.2f} s, worst {worst:.2f} s "
                  f"({'OK' if worst < budgets[k] else 'OVER'} the {budgets[k]:g} s budget)")
            print(f"{k} on the ready page (ms to the next frame): "
                  + ", ".join(f"{op} {v:.0f}" for op, v in timings.items()))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
