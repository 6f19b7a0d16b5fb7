import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.ingest import expand_paths, ingest
from kg.store import EventFilter
from kg.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]


def statements(i: int) -> str:
    day = f"2023-01-{(i % 28) + 1:02d}"
    return (f"source: https://example.org/{i}\nstatements:\n"
            f"  - {{type: MET, participants: [Turkey, Syria], date: {day}, quote: 'story {i}'}}\n"
            f"  - {{type: CRITICIZED, from: France, to: Iran, date: {day}, quote: 'story {i}'}}\n"
            f"  - {{type: AIDED, from: Japan, to: Ukraine, date: {day}, quote: 'story {i}'}}\n")


def test_seed_twice_changes_nothing(tmp_path):
    with SqliteStore(tmp_path / "kg.db") as s:
        first = ingest(s, [ROOT / "seeds"])
        assert not first.errors and first.counts.articles == 2 and first.counts.events >= 13
        before = s.stats()
        report = ingest(s, [ROOT / "seeds"])
        assert report.counts.to_dict() == {"actors": 0, "articles": 0, "events": 0, "sources": 0}
        assert report.skipped == 2
        assert s.stats() == before


def test_one_bad_file_does_not_abort_the_batch(tmp_path):
    (tmp_path / "a.yaml").write_text(statements(1))
    (tmp_path / "b.yaml").write_text("statements: [unclosed")
    (tmp_path / "c.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "d.yaml").write_text(statements(2))
    with SqliteStore(tmp_path / "kg.db") as s:
        report = ingest(s, [tmp_path])
        assert report.files == 4 and report.counts.events == 6
        assert [e.split(":")[0] for e in report.errors] == [str(tmp_path / "b.yaml"), str(tmp_path / "c.md")]


def test_expand_paths_files_folders_globs(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.md", "sub/b.jsonl", "sub/c.yaml", "sub/ignored.png", ".hidden.md"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.md", "b.jsonl", "c.yaml"]
    assert [p.name for p in expand_paths([str(tmp_path / "sub" / "*.yaml")])] == ["c.yaml"]
    with pytest.raises(Exception, match="no such file"):
        expand_paths([tmp_path / "missing*.md"])


def test_sigkill_mid_ingest_leaves_a_readable_store_with_whole_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    n = 400
    for i in range(n):
        (corpus / f"{i:04d}.yaml").write_text(statements(i))
    db = tmp_path / "kg.db"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(db), "ingest", str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    stored = c.execute("SELECT count(*) FROM provenance").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 30:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with SqliteStore(db) as s:
        st = s.stats()
        assert s._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # whole files only: every stored story has its three events and their sources
        by_story = s._db.execute("SELECT sentence, count(*) FROM provenance GROUP BY sentence").fetchall()
        assert by_story and all(count == 3 for _, count in by_story)
        assert 0 < st["sources"] < 3 * n
        report = ingest(s, [corpus])         # rerun completes the job
        assert not report.errors
        assert s.stats()["sources"] == 3 * n


def test_a_person_learned_in_one_ingest_resolves_in_the_next(tmp_path):
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_text("---\ndate: 2024-03-05\n---\nKenyan Foreign Minister Wekesa Mbuvi met Ugandan officials "
                     "in Kampala on Monday.\n")
    second.write_text("---\ndate: 2024-03-08\n---\nMbuvi criticised Tanzania on Thursday over the border "
                      "closure.\n")
    with SqliteStore(tmp_path / "kg.db") as s:
        ingest(s, [first])
        person = s.find_actors("Wekesa Mbuvi")
        assert [(a.code, a.kind) for a in person] == [("KEN", "person")]
    with SqliteStore(tmp_path / "kg.db") as s:   # a new process would build its registry from the store
        ingest(s, [second])
        (crit,) = s.events(EventFilter(types=("CRITICIZED",)))
        assert (crit.source, crit.target, str(crit.date)) == (person[0].id, "TZA", "2024-03-07")
