"""Exit codes and summaries tell the truth (issue 9, item 11)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FRENCH = ("---\ndate: 2023-01-04\n---\nLa Turquie a critiqué la Syrie mardi. Les ministres se sont rencontrés "
          "à Moscou pour discuter de la situation dans le nord du pays.\n")


def _kg(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_extract_says_a_statements_file_is_not_an_article_and_exits_1():
    r = _kg("extract", ROOT / "seeds" / "statements.yaml")
    assert r.exit_code == 1
    assert "statements.yaml: curated statements, not an article" in r.output
    assert "Error: no article in the input" in r.output


def test_extract_exits_1_when_every_input_failed(tmp_path):
    (tmp_path / "a.md").write_bytes(b"\x00\x01")
    (tmp_path / "b.jsonl").write_text("not json\n")
    r = _kg("extract", tmp_path / "a.md", tmp_path / "b.jsonl")
    assert r.exit_code == 1 and "Error: no article could be read (2 failed)" in r.output


def test_extract_succeeds_when_one_article_was_read(tmp_path):
    (tmp_path / "a.md").write_bytes(b"\x00\x01")
    (tmp_path / "b.md").write_text("---\ndate: 2023-01-04\n---\nTurkey criticised Syria on Tuesday.\n")
    r = _kg("extract", tmp_path / "a.md", tmp_path / "b.md", "--format", "jsonl")
    assert r.exit_code == 0 and '"type": "CRITICIZED"' in r.output


def test_ingest_of_a_folder_with_nothing_loadable_says_so_creates_nothing_and_exits_1(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG")
    r = _kg("--store", tmp_path / "kg.db", "ingest", tmp_path / "in")
    assert r.exit_code == 1 and "nothing to load" in r.output
    assert not (tmp_path / "kg.db").exists()


def test_a_skipped_non_english_article_is_not_counted_as_added(tmp_path):
    (tmp_path / "fr.md").write_text(FRENCH, encoding="utf-8")
    r = _kg("--store", tmp_path / "kg.db", "ingest", "--json", tmp_path / "fr.md")
    summary = json.loads(r.output[r.output.index("{"):])
    assert (summary["articles"], summary["ignored"]) == (0, 1)
    assert any("not English" in w for w in summary["warnings"])
    r = _kg("--store", tmp_path / "kg.db", "stats", "--json")
    assert json.loads(r.output)["articles"] == 0


def test_relations_with_no_result_says_so(seed_db):
    r = _kg("--store", seed_db, "relations", "Turkey", "--type", "SANCTIONED")
    assert r.exit_code == 0 and "No relations of Turkey recorded with these filters." in r.output


def test_a_closed_pipe_ends_quietly_not_as_an_internal_error():
    """`kg relations X | head`: when the reader goes away, click's own EPIPE handling ends the
    command (exit 1, nothing on stderr), not our "internal error" line for bugs."""
    from click.testing import CliRunner

    from kg.cli_common import KgGroup

    group = KgGroup()

    @group.command()
    def noisy():
        raise BrokenPipeError(32, "Broken pipe")

    result = CliRunner().invoke(group, ["noisy"])
    assert result.exit_code == 1 and "internal error" not in result.output, result.output
