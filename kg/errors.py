"""The exceptions diplomatic-kg raises. The CLI turns each into a one-line error."""

from __future__ import annotations

__all__ = [
    "KgError",
    "SchemaError",
    "LoaderError",
    "UnknownActor",
    "UnknownRelation",
    "StoreError",
    "StoreBusy",
    "QueryError",
    "yaml_problem",
]


def yaml_problem(error: Exception, first_line: int = 1) -> tuple[str, int | None]:
    """What a PyYAML error says, and the file line it points at (`first_line` is the file line of the
    YAML text's first line: 2 for front matter after its ``---``); the line is None when unknown."""
    mark = getattr(error, "problem_mark", None)
    return str(getattr(error, "problem", None) or error), (mark.line + first_line if mark else None)


class KgError(Exception):
    """Base class of every error this package raises on purpose."""


class SchemaError(KgError):
    """schema.yaml (or an actor overlay) is malformed; the message names the key path."""


class LoaderError(KgError):
    """A source file or record could not be loaded.

    ``str(err)`` reads ``path:line: reason`` (or ``path: reason`` when no line applies).
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")

    @classmethod
    def from_yaml(cls, path: str, error: Exception, first_line: int = 1, what: str = "malformed YAML",
                  hint: str = "") -> "LoaderError":
        """The LoaderError for a PyYAML `error` in `path` (see :func:`yaml_problem`)."""
        problem, line = yaml_problem(error, first_line)
        return cls(path, f"{what} ({problem}){hint}", line)


class UnknownActor(KgError):
    """No actor matches a name; ``suggestions`` holds the closest known names."""

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.name = name
        self.suggestions = list(suggestions)
        msg = f"unknown actor {name!r}"
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)


class UnknownRelation(KgError):
    """A relation type is not defined in schema.yaml."""

    def __init__(self, name: str, known: list[str] | tuple[str, ...] = ()):
        self.name = name
        msg = f"unknown relation type {name!r}"
        if known:
            msg += " (known: " + ", ".join(known) + ")"
        super().__init__(msg)


class StoreError(KgError):
    """A store could not be opened, read or written."""


class StoreBusy(StoreError):
    """Another process held the store's write lock for longer than the busy timeout."""


class QueryError(KgError):
    """A named or ad-hoc query is unknown, malformed or unsupported by the store."""
