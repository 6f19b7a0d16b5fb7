"""The README's tour is runnable: every `$ kg …` line in it runs and succeeds on the seed."""

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LINES = [m.group(1) for m in re.finditer(r"^\$ kg (.+?)(?:\s+#.*)?$", README, re.M)]


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
