"""How long a large `kg view` page takes to become usable in headless Chromium, and how big it is.

    .venv/bin/python bench/view_bench.py [--nodes 2000] [--edges 10000] [--keep out.html]

Builds a synthetic graph (actors of every kind, directed and symmetric events with
dates, places and sentences), writes the page with :func:`kg.view.write_html`, opens it
in Debian's Chromium through playwright and prints:

- python: seconds to lay out and write the page; the file size;
- time-to-interactive: from navigation start until the first frame is drawn with the
  layout in place (``body[data-ready]``; the page sets it on vis-network's first
  ``afterDrawing`` — physics is off for large graphs, so nothing is still settling);
- then, on the ready page: select a node (neighbourhood highlight), hide a relation
  type, and a date-range change, each timed to the next drawn frame.

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=10000)
    ap.add_argument("--keep", help="keep the page at this path")
    ap.add_argument("--runs", type=int, default=3, help="page loads to time (the best and all are printed)")
    a = ap.parse_args(argv)

    G = synthetic_graph(a.nodes, a.edges)
    out = Path(a.keep) if a.keep else Path(tempfile.mkdtemp()) / "bench.html"
    t0 = time.perf_counter()
    data = kv.view_data(G, title=f"bench {a.nodes} nodes / {a.edges} edges", max_nodes=None)
    t1 = time.perf_counter()
    kv.write_html(None, out, data=data, max_nodes=None)
    t2 = time.perf_counter()
    m = data["meta"]
    size = out.stat().st_size
    print(f"graph: {G.number_of_nodes()} actors, {G.number_of_edges()} pair edges, {m['events']} events -> "
          f"{m['nodes']} nodes ({m['hubs']} hubs), {m['edges']} drawn edges")
    print(f"python: view_data+layout {t1 - t0:.2f} s, page write {t2 - t1:.2f} s")
    print(f"file size: {size / 1e6:.2f} MB ({size:,} bytes)")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        times = []
        for run in range(a.runs):
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            start = time.perf_counter()
            page.goto(out.resolve().as_uri())
            page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
            wall = time.perf_counter() - start
            ready_ms = page.evaluate("kgView.readyAt")     # ms since navigation start, measured in the page
            times.append((ready_ms / 1000, wall))
            if errors:
                print("page errors:", errors[:3])
            if run == a.runs - 1:
                timings = page.evaluate("""async () => {
                  const frame = () => new Promise(r => kgView.network.once('afterDrawing', () => r()));
                  const t = async (f) => { const s = performance.now(); const d = frame(); f();
                                           kgView.network.redraw(); await d; return performance.now() - s; };
                  const hub = kgView.data.nodes.reduce((a, n) => n.n > a.n ? n : a, kgView.data.nodes[0]).id;
                  return {
                    select: await t(() => kgView.select(hub)),
                    deselect: await t(() => kgView.select(null)),
                    hideType: await t(() => kgView.setTypes(Object.keys(kgView.data.types).slice(1))),
                    dates: await t(() => kgView.setDates('2020-01-01', '2022-12-31')),
                  };
                }""")
                print("on the ready page (ms to the next frame): "
                      + ", ".join(f"{k} {v:.0f}" for k, v in timings.items()))
            ctx.close()
        browser.close()
    for i, (ready, wall) in enumerate(times, 1):
        print(f"run {i}: time-to-interactive {ready:.2f} s (in-page, from navigation start); wall {wall:.2f} s")
    best = min(r for r, _w in times)
    print(f"time-to-interactive: best {best:.2f} s, worst {max(r for r, _w in times):.2f} s "
          f"({'OK' if max(r for r, _w in times) < 5 else 'OVER'} the 5 s budget)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
