"""`kg extract` and extract_paths on bad input and with two processes (files written here)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import cli
from kg.extract import extract_paths

GOOD = "---\ndate: 2024-03-06\n---\nChile and Peru held talks in Lima on Tuesday.\n"


def _corpus(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.md").write_text("---\ndate: 2024-03-06\n---\n\n", encoding="utf-8")
    (tmp_path / "nodate.md").write_text("Uruguay and Paraguay held talks on Monday.\n", encoding="utf-8")
    (tmp_path / "french.md").write_text(
        "---\ndate: 2024-03-06\n---\nLe président a rencontré son homologue à Paris et les deux pays ont signé un "
        "accord sur la défense, selon un communiqué publié dans la soirée par les services du gouvernement.\n",
        encoding="utf-8")
    return tmp_path


def test_bad_inputs_do_not_abort_the_batch(tmp_path):
    results = {r.ref.rsplit("/", 1)[-1]: r for r in extract_paths([_corpus(tmp_path)])}
    assert results["empty.md"].error and "no text" in results["empty.md"].error
    assert any("not English" in w for w in results["french.md"].warnings)
    assert results["french.md"].rows == []
    nodate = results["nodate.md"]
    assert nodate.rows and all(r["date"] is None for r in nodate.rows)
    assert any("no publication date" in w for w in nodate.warnings)
    good = results["good.md"].rows
    assert [(r["type"], r["date"]) for r in good] == [("MET", "2024-03-05")]


def test_two_processes_give_the_same_events(tmp_path):
    _corpus(tmp_path)
    one = [(r.ref, r.rows) for r in extract_paths([tmp_path], jobs=1)]
    two = [(r.ref, r.rows) for r in extract_paths([tmp_path], jobs=2)]
    assert one == two


def test_a_five_megabyte_article(tmp_path):
    filler = "The weather in the region was mild and the markets were calm throughout the day. "
    body = filler * (5_000_000 // len(filler)) + "Chile and Peru held talks in Lima on Tuesday.\n"
    (tmp_path / "big.md").write_text("---\ndate: 2024-03-06\n---\n" + body, encoding="utf-8")
    [result] = list(extract_paths([tmp_path / "big.md"]))
    assert result.error is None
    assert [r["type"] for r in result.rows] == ["MET"]


def test_cli_jsonl(tmp_path):
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(tmp_path / "good.md"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout.splitlines()[0])
    assert row["article"] == str(tmp_path / "good.md")
    assert row["type"] == "MET" and sorted(p["code"] for p in row["participants"]) == ["CHL", "PER"]
    assert row["place"] == "Lima" and row["date_text"] == "on Tuesday"
