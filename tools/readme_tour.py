"""Generate the README's tour from real output (run by cog: ``python -m cogapp -r -I tools README.md``).

Each ``tour("kg …")`` block in README.md runs the command on a store holding the seeds
(``seeds/``, ingested from the repository root so paths print as they do for a user) and
writes the command and its standard output. ``| head -n N`` keeps the first N lines,
as the shell would. ``tests/test_readme.py`` checks that README.md is what this produces.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def _at_root() -> Iterator[None]:
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(here)


@lru_cache(maxsize=1)
def _store() -> str:
    """A fresh store of the seeds (the tour starts with ``kg ingest seeds/``)."""
    return str(Path(tempfile.mkdtemp(prefix="kg-tour-")) / "kg.db")


def output(command: str) -> str:
    """The standard output of `command` (``kg …`` optionally ``| head -n N``) on the tour store."""
    from click.testing import CliRunner

    from kg.cli import cli

    line, _, pipe = command.partition("|")
    args = shlex.split(line)
    assert args[0] == "kg", command
    with _at_root():
        r = CliRunner().invoke(cli, ["--store", _store(), *args[1:]], catch_exceptions=False)
    if r.exit_code != 0:
        raise RuntimeError(f"{command} exited {r.exit_code}: {r.output}")
    text = r.stdout
    if pipe:
        head = shlex.split(pipe)
        assert head[:2] == ["head", "-n"] and len(head) == 3, command
        text = "".join(text.splitlines(keepends=True)[: int(head[2])])
    return text


def tour(*commands: str) -> None:
    """Write a ``console`` block with each command and its output (for cog)."""
    import cog

    cog.outl("```console")
    for i, command in enumerate(commands):
        if i:
            cog.outl()
        cog.outl(f"$ {command}")
        cog.out(output(command))
    cog.outl("```")
