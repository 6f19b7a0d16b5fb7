"""The README tells the truth: its tour is the real output of its commands, and every `$ kg …` line runs."""

import contextlib
import io
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LINES = [m.group(1).split(" | ")[0] for m in re.finditer(r"^\$ kg (.+?)(?:\s+#.*)?$", README, re.M)]


def test_the_readme_starts_with_the_two_commands():
    block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make run", "make test"]


def test_every_command_is_in_the_readme():
    mentioned = {shlex.split(line)[0] for line in LINES}
    assert set(cli.commands) - {"sync"} <= mentioned | {"export", "view"}, set(cli.commands) - mentioned


@pytest.fixture(scope="module")
def tour_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("tour") / "kg.db"
    r = CliRunner().invoke(cli, ["--store", str(path), "ingest", str(ROOT / "seeds")])
    assert r.exit_code == 0, r.output
    return path


@pytest.mark.parametrize("line", [line for line in LINES if "bolt://" not in line and not line.startswith("ingest")])
def test_tour_line_runs(line, tour_store, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    args = shlex.split(line)
    args = [str(tmp_path / Path(a).name) if i and args[i - 1] == "-o" else a for i, a in enumerate(args)]
    r = CliRunner().invoke(cli, ["--store", str(tour_store), *args])
    assert r.exit_code == 0, f"kg {line}\n{r.output}"
    assert r.output.strip()


def test_the_tour_blocks_are_the_real_output_of_their_commands():
    from cogapp import Cog

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = Cog().main(["cog", "--check", "--diff", "-I", str(ROOT / "tools"), str(ROOT / "README.md")])
    assert status == 0, ("README.md differs from what its commands print; regenerate it with "
                         "`python -m cogapp -r -I tools README.md`:\n" + out.getvalue())


def test_the_tour_has_generated_blocks():
    assert README.count("[[[cog") >= 5 and README.count("[[[end]]]") == README.count("[[[cog")


def test_make_targets_name_files_that_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:bench|scripts|tools|tests)/[\w./-]+\.(?:py|sh))\b", makefile))
    named |= set(re.findall(r"\b(scripts/[\w-]+)\b", makefile))
    assert named, "expected the Makefile to name scripts"
    assert all((ROOT / n).exists() for n in named), [n for n in named if not (ROOT / n).exists()]


@pytest.mark.parametrize("path", ["tests/artifacts/shot.png", "graph.html", "turkey.html", "seed.gexf", "kg.db",
                                  "kg.db-wal", "dev.jsonl"])
def test_what_the_tour_and_tests_write_is_ignored_by_git(path):
    r = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT)
    assert r.returncode == 0, f"{path} is not in .gitignore"
