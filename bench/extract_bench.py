#!/usr/bin/env python
"""Throughput of `kg extract` against bare spaCy on the same texts, one process and --jobs 2.

Generates N synthetic articles (templated sentences written for this benchmark: a few
diplomatic events among many sentences of background), then times, each in its own
subprocess so peak memory (ru_maxrss) is per mode:

  bare        nlp.pipe over the article texts with the same model (the reference)
  extract-1   extract_paths(..., jobs=1)   (what `kg extract` runs)
  extract-2   extract_paths(..., jobs=2)
  extract-1/2 the same on half the corpus, to show memory does not grow with corpus size

Usage:  python bench/extract_bench.py [--articles 2000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STATES = [("Chile", "Chilean"), ("Peru", "Peruvian"), ("Kenya", "Kenyan"), ("Ghana", "Ghanaian"),
          ("Norway", "Norwegian"), ("Poland", "Polish"), ("Japan", "Japanese"), ("Vietnam", "Vietnamese"),
          ("Egypt", "Egyptian"), ("Jordan", "Jordanian"), ("Brazil", "Brazilian"), ("Mexico", "Mexican"),
          ("India", "Indian"), ("Indonesia", "Indonesian"), ("Canada", "Canadian"), ("Spain", "Spanish")]
FIRST = ["Ana", "Tomas", "Leila", "Marek", "Kofi", "Yuki", "Ravi", "Sofia", "Omar", "Ingrid", "Pablo", "Mei"]
LAST = ["Varga", "Okafor", "Lindqvist", "Moreno", "Tanaka", "Haddad", "Kowalski", "Mensah", "Duarte", "Rao"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "yesterday", "last week", "on Saturday"]
EVENTS = [
    "{A} and {B} held talks in {capA} {day} on trade and border security.",
    "The {demA} foreign minister met with his {demB} counterpart {day}.",
    "{demA} Foreign Minister {name} said that {B} is a reliable partner and a close ally.",
    "{A} called on {B} to release the detained journalists.",
    "{A} condemned {B} over the shelling of border villages {day}.",
    "{A} and {B} signed an agreement on energy cooperation {day}.",
    "{A} accused {B} of interfering in its elections.",
    "{A} will host a delegation from {B} next month.",
    "{A} refused to meet with {B} until the dispute is settled.",
    "{A} imposed sanctions on {B} {day}, officials said.",
]
FILLER = [
    "Markets in the region were calm as investors waited for new figures on inflation.",
    "The weather service forecast heavy rain for the coastal provinces over the weekend.",
    "Analysts said the figures pointed to a slow but steady recovery in household spending.",
    "Local media reported long queues at fuel stations in several towns.",
    "The national football team is preparing for a qualifier later this month.",
    "Farmers in the north have complained about the price of fertiliser for two years.",
    "A new bridge across the river is expected to open before the end of the year.",
    "The central bank kept its main interest rate unchanged at its last meeting of directors.",
    "Tourism numbers rose by nine percent compared with the same period last year.",
    "Schools in the capital will reopen after the holiday on schedule, the ministry of education said.",
    "Officials said the census results would be published in the spring.",
    "The festival drew thousands of visitors to the old town on its opening night.",
]


def make_corpus(outdir: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        (a, dem_a), (b, dem_b) = rng.sample(STATES, 2)
        lines = []
        for _ in range(rng.randint(8, 16)):
            if rng.random() < 0.25:
                t = rng.choice(EVENTS)
                lines.append(t.format(A=a, B=b, demA=dem_a, demB=dem_b, capA=a, day=rng.choice(DAYS),
                                      name=f"{rng.choice(FIRST)} {rng.choice(LAST)}"))
            else:
                lines.append(rng.choice(FILLER))
        paras = [" ".join(lines[j:j + 3]) for j in range(0, len(lines), 3)]
        p = outdir / f"a{i:05d}.md"
        p.write_text(f"---\ntitle: bench {i}\ndate: 2024-0{1 + i % 9}-1{i % 9}\n---\n" + "\n\n".join(paras) + "\n",
                     encoding="utf-8")
        paths.append(p)
    return paths


def _texts(paths):
    from loaders.articles import parse_text_article

    for p in paths:
        yield parse_text_article(p.read_text(encoding="utf-8"), str(p)).text


def run_mode(mode: str, corpus: Path, limit: int | None) -> dict:
    paths = sorted(corpus.glob("*.md"))[:limit]
    if mode == "bare":
        from kg.extract.pipeline import load_nlp

        nlp = load_nlp()
        t = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(_texts(paths), batch_size=64))
        events = 0
    else:
        from kg.extract import extract_paths

        jobs = int(mode.split("-")[1])
        t = time.perf_counter()
        n = events = 0
        for r in extract_paths(paths, jobs=jobs):
            n += 1
            events += len(r.rows)
    secs = time.perf_counter() - t
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"mode": mode, "articles": n, "events": events, "seconds": secs,
            "peak_mb": max(self_kb, child_kb) / 1024, "self_mb": self_kb / 1024, "worker_mb": child_kb / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.limit)))
        return
    tmp = tempfile.TemporaryDirectory()
    corpus = args.keep or Path(tmp.name) / "corpus"
    make_corpus(corpus, args.articles)
    rows = []
    for mode, limit in (("bare", None), ("extract-1", None), ("extract-2", None), ("extract-1", args.articles // 2)):
        out = subprocess.run([sys.executable, __file__, "--mode", mode, "--corpus", str(corpus)]
                             + (["--limit", str(limit)] if limit else []), capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    bare = rows[0]["articles"] / rows[0]["seconds"]
    print(f"{'mode':<12}{'articles':>9}{'events':>8}{'seconds':>9}{'art/s':>9}{'vs bare':>9}{'peak MB':>9}")
    for r in rows:
        rate = r["articles"] / r["seconds"]
        print(f"{r['mode']:<12}{r['articles']:>9}{r['events']:>8}{r['seconds']:>9.2f}{rate:>9.1f}"
              f"{rate / bare:>9.2f}{r['peak_mb']:>9.0f}")
    one, two = rows[1]["articles"] / rows[1]["seconds"], rows[2]["articles"] / rows[2]["seconds"]
    print(f"scaling --jobs 2 / --jobs 1: {two / one:.2f}x; peak MB at N/2 vs N (one process): "
          f"{rows[3]['peak_mb']:.0f} vs {rows[1]['peak_mb']:.0f}")


if __name__ == "__main__":
    main()
