"""What every ``kg`` command shares: the context (store, actor overlay), error handling, option types.

The command modules (:mod:`kg.cli`, ``kg/cli_*.py``) import this one; it imports none of them.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from typing import Any, Callable

import click

from .errors import KgError

__all__ = ["KgGroup", "Context", "pass_ctx", "handle_errors", "store_option", "DATE", "STORE_HELP"]

log = logging.getLogger("kg.cli")

STORE_HELP = ("Store: an SQLite file, or a Neo4j URL bolt://… / neo4j://… (credentials from NEO4J_USER / "
              "NEO4J_PASSWORD). Env: KG_STORE. Default: kg.db.")


_UNDECODABLE = re.compile("[\udc80-\udcff]")   # bytes the OS could not decode (surrogateescape)


class KgGroup(click.Group):
    """The ``kg`` group: refuses undecodable arguments up front, and turns any error that is
    not one of ours (a bug) into one line instead of a traceback (``-vv`` logs the traceback)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for arg in args:
            if _UNDECODABLE.search(arg):
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                raise click.UsageError(f"argument \"{shown}\" is not valid UTF-8 text", ctx)
            if "\x00" in arg:
                raise click.UsageError(f"argument {arg!r} contains a NUL byte", ctx)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit,
                KeyboardInterrupt, BrokenPipeError):
            raise     # (click ends quietly when the reader of a pipe goes away: `kg relations X | head`)
        except KgError as e:
            raise click.ClickException(str(e)) from None
        except Exception as e:
            log.debug("internal error", exc_info=True)
            raise click.ClickException(f"internal error ({type(e).__name__}: {e}); please report it "
                                       "(kg -vv … shows the traceback)") from None


class Context:
    """What the group passes to every command: the store URL and the actor overlay.

    ``store`` opens the store read-only (a read command never creates or changes a
    file); ``writable_store`` opens it for writing, creating it if needed.
    """

    def __init__(self, store_url: str | None, actors: str | None):
        self.store_url = store_url
        self.actors = actors
        self._store = None

    def _open(self, readonly: bool):
        if self._store is None:
            from .store import open_store

            self._store = open_store(self.store_url, readonly=readonly)
        return self._store

    @property
    def store(self):
        return self._open(readonly=True)

    @property
    def writable_store(self):
        return self._open(readonly=False)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_ctx = click.make_pass_decorator(Context)


def _set_store(ctx: click.Context, _param: Any, value: str | None) -> None:
    if value is not None:   # the group's callback has run: its Context is there to update
        ctx.find_object(Context).store_url = value


def store_option(fn: Callable) -> Callable:
    """``--store`` after the command name too (``kg ingest --store x.db seeds/``); it wins over ``kg --store``."""
    return click.option("--store", metavar="PATH|bolt://…", expose_value=False, is_eager=True,
                        callback=_set_store, help=STORE_HELP)(fn)


def handle_errors(fn: Callable) -> Callable:
    """Turn library errors into ``click.ClickException`` (exit 1)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kw: Any) -> Any:
        try:
            return fn(*args, **kw)
        except KgError as e:
            raise click.ClickException(str(e)) from None

    return wrapper


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


DATE = _Date()
