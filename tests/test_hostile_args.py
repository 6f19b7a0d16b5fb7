"""No tracebacks, ever: every command, given hostile arguments, fails with one error line (issue 9, item 10)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
BAD_BYTES = "Turkey\udcff"          # what Python makes of the bytes b"Turkey\xff" in argv
HOSTILE_STORES = ["bolt://u:p@[bad", "bolt:/127.0.0.1:7699", "neo4j://host:99999999", "x\x00.db", "ftp://host/kg"]
# per command: argument lists with X where a hostile value goes (positional arguments and option values)
SHAPES = {
    "ingest": [["X"]],
    "who-met-whom": [["X"], ["Turkey", "--with", "X"], ["Turkey", "--since", "X"]],
    "relations": [["X"], ["Turkey", "--type", "X"], ["Turkey", "--until", "X"]],
    "actors": [["X"]],
    "stats": [["--json", "X"]],
    "query": [["X"], ["who_met_whom", "-p", "X"], ["--cypher", "X"]],
    "sync": [["--to", "X"], ["--from", "X", "--to", "{tmp}/copy.db"]],
    "view": [["--actor", "X", "-o", "{tmp}/g.html"], ["-o", "X"], ["--since", "X", "-o", "{tmp}/g.html"]],
    "export": [["--format", "X", "-o", "{tmp}/g.json"], ["--format", "json", "--actor", "X", "-o", "{tmp}/g.json"]],
    "extract": [["X"], ["{seed}", "--format", "X"]],
}
VALUES = [BAD_BYTES, "\udcff", "Narnia\x00"]


# per command: valid arguments, to run with a hostile --store (kg extract uses no store)
STORE_ARGS = {"ingest": ["{seed}/statements.yaml"], "who-met-whom": ["Turkey"], "relations": ["Turkey"],
              "actors": [], "stats": [], "query": ["stance_matrix"], "sync": ["--to", "{tmp}/copy.db"],
              "view": ["-o", "{tmp}/g.html"], "export": ["--format", "json", "-o", "{tmp}/g.json"]}


def _cases():
    for name, shapes in SHAPES.items():
        for shape in shapes:
            for value in VALUES:
                yield pytest.param(name, shape, value, id=f"{name}-{'-'.join(shape)}-{value.encode('unicode_escape')}")


def test_every_command_is_covered():
    assert set(SHAPES) == set(cli.commands) == set(STORE_ARGS) | {"extract"}


def _one_error(r) -> None:
    assert r.exit_code not in (0, None), r.output
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output and "internal error" not in r.output, r.output
    errors = [line for line in r.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, r.output


def _fill(args, tmp_path):
    return [a.format(tmp=tmp_path, seed=ROOT / "seeds") for a in args]


@pytest.mark.parametrize("name, shape, value", list(_cases()))
def test_hostile_arguments_give_one_error_line(name, shape, value, seed_db, tmp_path):
    args = [value if a == "X" else a for a in _fill(shape, tmp_path)]
    _one_error(CliRunner().invoke(cli, ["--store", str(seed_db), name, *args]))


@pytest.mark.parametrize("store", HOSTILE_STORES)
@pytest.mark.parametrize("name", sorted(STORE_ARGS))
def test_a_hostile_store_gives_one_error_line_and_creates_nothing(name, store, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _one_error(CliRunner().invoke(cli, ["--store", store, name, *_fill(STORE_ARGS[name], tmp_path)]))
    assert list(tmp_path.iterdir()) == []


def test_undecodable_bytes_from_a_real_shell(seed_db):
    r = subprocess.run([sys.executable, "-m", "kg", "--store", str(seed_db), "who-met-whom", b"Turkey\xff"],
                       capture_output=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2 and b"Traceback" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] == b"Error: argument \"Turkey\\xff\" is not valid UTF-8 text"
