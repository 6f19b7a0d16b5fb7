"""Benchmark: embedded-store ingest throughput and cold `kg who-met-whom` latency.

    .venv/bin/python bench/ingest_bench.py [--events 200000]

Writes N synthetic events (kg.synthetic.corpus) into a fresh SQLite store two ways —
batched (1,000 events per transaction) and article-sized (5 events per
transaction, what `kg ingest` does per article) — then times `kg who-met-whom`
as a fresh process (cold: interpreter start, imports, store open, query) against
`python -c pass` measured in the same run.
"""

from __future__ import annotations

import argparse
from collections import Counter
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.store.sqlite import SqliteStore  # noqa: E402
from kg.synthetic import corpus  # noqa: E402


def write_all(path: Path, actors, events, per_tx: int) -> float:
    t = time.perf_counter()
    with SqliteStore(path) as s:
        s.write(actors=actors)
        it = iter(events)
        while chunk := list(islice(it, per_tx)):
            s.write(events=chunk)
    return time.perf_counter() - t


def cold(cmd: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=200_000)
    args = ap.parse_args()
    c = corpus(args.events)
    actors, events = c.actors, c.events
    with tempfile.TemporaryDirectory() as tmp:
        batched = write_all(Path(tmp) / "batched.db", actors, events, 1000)
        per_article = write_all(Path(tmp) / "articles.db", actors, events, 5)
        db = Path(tmp) / "batched.db"
        kg = str(Path(sys.executable).with_name("kg"))
        baseline = cold([sys.executable, "-c", "pass"])
        met = Counter(p for e in events if e.type == "MET" for p in e.participants)
        kind = {a.id: a.kind for a in actors}
        hub_id = next(a for a, _ in met.most_common() if kind.get(a) == "state")
        person_id = next(a for a, _ in met.most_common() if kind.get(a) == "person")
        hub = cold([kg, "--store", str(db), "who-met-whom", hub_id, "--json"])
        person = cold([kg, "--store", str(db), "who-met-whom", person_id, "--json"])
        rows = subprocess.run([kg, "--store", str(db), "who-met-whom", hub_id, "--format", "jsonl"],
                              capture_output=True, text=True).stdout.count("\n")
        size = db.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(events)
    print(f"events: {n:,}   store size: {size / 1e6:.1f} MB   peak RSS of the writer: {peak:.0f} MB")
    print(f"{'measure':<48}{'value':>14}")
    print(f"{'ingest, 1,000 events per transaction':<48}{n / batched:>10,.0f} ev/s")
    print(f"{'ingest, 5 events per transaction (per article)':<48}{n / per_article:>10,.0f} ev/s")
    print(f"{'cold `python -c pass`':<48}{baseline * 1000:>11.0f} ms")
    print(f"{'cold `kg who-met-whom ' + hub_id + '` (' + str(rows) + ' meetings)':<48}{hub * 1000:>11.0f} ms")
    print(f"{'cold `kg who-met-whom <one official>`':<48}{person * 1000:>11.0f} ms")
    print(f"{'who-met-whom hub / python start':<48}{hub / baseline:>13.1f}x")


if __name__ == "__main__":
    main()
