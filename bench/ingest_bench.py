"""Benchmark: embedded-store ingest throughput (article path beside the bulk path of the event
datasets) and cold `kg who-met-whom` latency.

    .venv/bin/python bench/ingest_bench.py [--events 200000]

Writes N synthetic events (kg.synthetic.corpus) into a fresh SQLite store three ways —
batched Event objects (1,000 per transaction), article-sized (5 per transaction, what
`kg ingest` does per article) and the bulk path (`write_event_records`, the same events as
plain records, 20,000 per transaction) — and the bulk path once more with the records the GDELT
loader makes of a generated GDELT 2.0 file of N rows (its chunks as they come; only the store
writes are timed, not the reading). Then it loads that GDELT file, and one of N/4 rows, end
to end (`kg.ingest.ingest`: read, map, resolve, write) in a fresh process, at N/4 and N rows,
reporting rows/s and the process's peak RSS (flat = streaming). Finally times
`kg who-met-whom` as a fresh process (cold) against `python -c pass`, all in the same run.
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

from kg.store.neo4j import event_record  # noqa: E402
from kg.store.sqlite import SqliteStore  # noqa: E402
from kg.synthetic import corpus  # noqa: E402

_GDELT_CODES = ("USA", "TUR", "SYR", "RUS", "IRN", "GBR", "FRA", "DEU", "CHN", "ISR", "EGY", "IRQ", "UKR", "SAU",
                "QAT", "JOR", "LBN", "IND", "PAK", "AFG")
_GDELT_EVENTS = ("040", "042", "043", "036", "051", "111", "112", "163", "190", "193", "057", "020", "0841", "010")
_GDELT_INGEST = """
import re, sys, time
sys.path.insert(0, {root!r})
from kg.ingest import ingest
from kg.store.sqlite import SqliteStore
t, c = time.perf_counter(), time.process_time()
with SqliteStore({db!r}) as s:
    r = ingest(s, [{path!r}])
dt, dc = time.perf_counter() - t, time.process_time() - c
hwm = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024  # this process only
print(r.rows, r.counts.events, r.counts.sources, dt, dc, hwm)
"""


def gdelt_file(path: Path, n: int, seed: int = 7) -> None:
    """`n` GDELT 2.0 rows (61 columns): random dyads of 20 states with type codes, 14 event codes
    (two outside our types), a year of dates, one URL per ~3 rows (stories coded several times)."""
    import random

    rnd = random.Random(seed)
    with path.open("w") as f:
        for i in range(n):
            r = [""] * 61
            a, b = rnd.choice(_GDELT_CODES), rnd.choice(_GDELT_CODES)
            code = rnd.choice(_GDELT_EVENTS)
            r[0], r[1] = str(900_000_000 + i), f"2020{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"
            r[5], r[6], r[7], r[12] = a, a, a, rnd.choice(("GOV", "", "MIL", "OPP", "REB", "CVL"))
            r[15], r[16], r[17], r[22] = b, b, b, rnd.choice(("GOV", "", "CVL", "OPP"))
            r[26], r[27], r[28], r[29], r[30] = code, code[:3], code[:2], "1", "1.9"
            r[31], r[32], r[33], r[34] = str(rnd.randint(1, 30)), "1", "3", f"{rnd.uniform(-9, 9):.6f}"
            r[51], r[52], r[55], r[56] = "4", "Ankara, Ankara, Turkey", "39.93", "32.86"
            r[59], r[60] = "20200101000000", f"https://news.example/{rnd.randint(1, n // 3 + 1)}.html"
            f.write("\t".join(r) + "\n")


def gdelt_ingest(tmp: Path, n: int) -> tuple[float, float, float, int, int]:
    """End-to-end ingest of a generated GDELT file of `n` rows in a fresh process:
    (rows/s wall, rows per CPU second, peak RSS MB of that process, events added, rows)."""
    path = tmp / f"bench{n}.export.CSV"
    if not path.exists():
        gdelt_file(path, n)
    out = subprocess.run([sys.executable, "-c", _GDELT_INGEST.format(root=str(ROOT), db=str(tmp / f"g{n}.db"),
                                                                     path=str(path))],
                         check=True, capture_output=True, text=True).stdout.split()
    rows, events, secs, cpu, rss = int(out[0]), int(out[1]), float(out[3]), float(out[4]), float(out[5])
    return rows / secs, rows / cpu, rss, events, rows


def write_bulk(path: Path, actors, events, per_tx: int) -> tuple[float, float]:
    """Seconds (wall, CPU) to write `events` as plain records through the bulk path."""
    records = [event_record(e) for e in events]    # what a loader hands over (not timed)
    t, c = time.perf_counter(), time.process_time()
    with SqliteStore(path) as s:
        s.write(actors=actors)
        for i in range(0, len(records), per_tx):
            s.write_event_records(records[i:i + per_tx])
    return time.perf_counter() - t, time.process_time() - c


def write_bulk_dataset(path: Path, gdelt: Path) -> tuple[float, float, int]:
    """Seconds (wall, CPU) spent in the store writing the GDELT loader's chunks of `gdelt` through
    the bulk path (reading and mapping the rows is not counted), and the events written."""
    from loaders import EventRecords
    from loaders.gdelt import read_gdelt

    wall = cpu = 0.0
    n = 0
    with SqliteStore(path) as s:
        for item in read_gdelt(gdelt):
            if not isinstance(item, EventRecords):
                continue
            t, c = time.perf_counter(), time.process_time()
            s.write(actors=item.actors)
            s.write_event_records(item.records)
            wall, cpu = wall + time.perf_counter() - t, cpu + time.process_time() - c
            n += len(item.records)
    return wall, cpu, n


def write_all(path: Path, actors, events, per_tx: int) -> tuple[float, float]:
    """Seconds (wall, CPU) to write `events` as Event objects, `per_tx` per transaction."""
    t, c = time.perf_counter(), time.process_time()
    with SqliteStore(path) as s:
        s.write(actors=actors)
        it = iter(events)
        while chunk := list(islice(it, per_tx)):
            s.write(events=chunk)
    return time.perf_counter() - t, time.process_time() - c


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
        bulk = write_bulk(Path(tmp) / "bulk.db", actors, events, 20_000)
        gdelt_file(Path(tmp) / f"bench{args.events}.export.CSV", args.events)
        *bulk_gdelt, n_gdelt = write_bulk_dataset(Path(tmp) / "bulk_gdelt.db",
                                                  Path(tmp) / f"bench{args.events}.export.CSV")
        with SqliteStore(Path(tmp) / "bulk.db") as a, SqliteStore(Path(tmp) / "batched.db") as b:
            assert a.stats()["events"] == b.stats()["events"] and a.stats()["sources"] == b.stats()["sources"]
        g_small = gdelt_ingest(Path(tmp), max(args.events // 4, 1))
        g_full = gdelt_ingest(Path(tmp), args.events)
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
    print(f"{'measure':<48}{'wall':>14}{'per CPU second':>20}")
    for label, (wall, cpu) in (("ingest, 1,000 events per transaction", batched),
                               ("ingest, 5 events per transaction (per article)", per_article),
                               ("bulk path, records, 20,000 per transaction", bulk)):
        print(f"{label:<48}{n / wall:>10,.0f} ev/s{n / cpu:>15,.0f} ev/s")
    label = f"bulk path, GDELT loader records ({n_gdelt:,})"
    print(f"{label:<48}{n_gdelt / bulk_gdelt[0]:>10,.0f} ev/s{n_gdelt / bulk_gdelt[1]:>15,.0f} ev/s")
    print(f"{'bulk / batched (same events, same run)':<48}{batched[0] / bulk[0]:>13.1f}x{batched[1] / bulk[1]:>19.1f}x")
    print(f"{'bulk / per article':<48}{per_article[0] / bulk[0]:>13.1f}x{per_article[1] / bulk[1]:>19.1f}x")
    for g in (g_small, g_full):
        rate, per_cpu, rss, added, rows = g
        print(f"{f'GDELT file, {rows:,} rows, end to end':<48}{rate:>8,.0f} rows/s{per_cpu:>13,.0f} rows/s"
              f"   ({added:,} events; peak RSS {rss:.0f} MB)")
    print(f"{'cold `python -c pass`':<48}{baseline * 1000:>11.0f} ms")
    print(f"{'cold `kg who-met-whom ' + hub_id + '` (' + str(rows) + ' meetings)':<48}{hub * 1000:>11.0f} ms")
    print(f"{'cold `kg who-met-whom <one official>`':<48}{person * 1000:>11.0f} ms")
    print(f"{'who-met-whom hub / python start':<48}{hub / baseline:>13.1f}x")


if __name__ == "__main__":
    main()
