"""Re-ingesting a changed source replaces the old version (issue 9, item 1), on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import ingest
from kg.store import EventFilter
from kg.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "statements.yaml").read_text(encoding="utf-8")
ARTICLE = "---\ndate: 2023-01-04\n---\nTurkey criticised Syria on Tuesday over the border.\n"


def _content(store) -> tuple:
    """Everything a user can read: stats and every event with its provenance."""
    stats = {k: v for k, v in store.stats().items() if k != "store"}
    events = [(e.id, e.type, e.date, sorted((p.rule, p.sentence, p.span) for p in e.provenance)) for e in store.events()]
    return stats, sorted(events)


def _fresh(tmp_path: Path, name: str, text: str):
    """The content of a store into which only `text` (as `name`) was ever ingested."""
    folder = tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    with SqliteStore(":memory:") as s:
        ingest(s, [folder / name])
        return _content(s)


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "neo4j":
        return request.getfixturevalue("neo4j_store")
    return SqliteStore(tmp_path / "kg.db")


def _ingest_as(store, folder: Path, name: str, text: str):
    (folder / name).write_text(text, encoding="utf-8")
    report = ingest(store, [folder / name])
    assert not report.errors, report.errors
    return report


def test_a_comment_line_on_top_changes_nothing_stored(store, tmp_path):
    work = tmp_path / "w"
    work.mkdir()
    _ingest_as(store, work, "statements.yaml", SEED)
    before = store.stats()["sources"]
    assert before == 13
    _ingest_as(store, work, "statements.yaml", "# a new comment\n" + SEED)
    assert store.stats()["sources"] == before == 13


def test_an_edited_statements_file_replaces_the_old_version(store, tmp_path):
    work = tmp_path / "w"
    work.mkdir()
    _ingest_as(store, work, "statements.yaml", SEED)
    # drop the MEDIATED statement, change the date of the NORMALIZED one
    edited = SEED.replace("  - {type: MEDIATED, from: Russia, to: Turkey, date: 2022-12-28, quote: the recent "
                          "Turkish rapprochement with this regime under Russian auspices}\n", "")
    edited = edited.replace("participants: [Turkey, Syria]\n    date: 2022-12-28", "participants: [Turkey, Syria]\n"
                            "    date: 2022-12-29")
    assert edited.count("\n") == SEED.count("\n") - 1
    _ingest_as(store, work, "statements.yaml", edited)
    assert [(e.source, e.target) for e in store.events(EventFilter(types=("MEDIATED",)))] == [("RUS", "SYR")]
    assert [str(e.date) for e in store.events(EventFilter(types=("NORMALIZED",)))] == ["2022-12-29"]
    assert _content(store) == _fresh(tmp_path, "statements.yaml", edited)


def test_an_unchanged_file_is_a_no_op(store, tmp_path):
    work = tmp_path / "w"
    work.mkdir()
    _ingest_as(store, work, "statements.yaml", SEED)
    before = _content(store)
    report = _ingest_as(store, work, "statements.yaml", SEED)
    assert report.skipped == 1 and report.counts.to_dict() == {"actors": 0, "articles": 0, "events": 0, "sources": 0}
    assert _content(store) == before


def test_an_article_whose_text_changed_replaces_its_events(store, tmp_path):
    work = tmp_path / "w"
    work.mkdir()
    _ingest_as(store, work, "story.md", ARTICLE)
    assert [e.type for e in store.events()] == ["CRITICIZED"]
    changed = ARTICLE.replace("criticised", "threatened")
    _ingest_as(store, work, "story.md", changed)
    assert [e.type for e in store.events()] == ["THREATENED"]
    assert store.stats()["articles"] == 1
    assert _content(store) == _fresh(tmp_path, "story.md", changed)
