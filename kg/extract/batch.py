"""Extract many files: streaming, one process or several, never aborting on one bad input.

>>> for result in extract_paths(["articles/"], jobs=2):     # doctest: +SKIP
...     print(result.ref, len(result.rows))
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from kg.errors import KgError, LoaderError

__all__ = ["ArticleResult", "extract_paths", "iter_documents"]


@dataclass
class ArticleResult:
    """One article's output rows (jsonl records) and warnings, or the error that stopped it."""

    ref: str
    rows: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def iter_documents(paths: Iterable[str | os.PathLike]) -> Iterator:
    """Documents (and LoaderErrors) from files, folders and globs; statement files are skipped."""
    from loaders import Document, expand_paths, loader_for

    for path in expand_paths(paths):
        read = loader_for(path)
        if read is None:
            yield LoaderError(str(path), "unsupported file type (use .md, .txt, .jsonl)")
            continue
        if path.suffix.lower() in (".yaml", ".yml"):
            continue
        try:
            for item in read(path, None):
                if isinstance(item, (Document, LoaderError)):
                    yield item
        except KgError as e:
            yield LoaderError(str(path), str(e))


_WORKER = None


def _init_worker(overlay: str | None, prefilter: bool) -> None:
    global _WORKER
    from kg.registry import ActorRegistry

    from .extractor import Extractor

    _WORKER = Extractor(ActorRegistry.builtin(overlay), prefilter=prefilter)


def _run(extractor, item) -> ArticleResult:
    if isinstance(item, LoaderError):
        return ArticleResult(item.path, error=str(item))
    try:
        result = extractor.extract(item)
    except Exception as e:  # a bug must not lose the rest of the batch
        return ArticleResult(item.ref, warnings=list(item.warnings), error=f"{item.ref}: internal error ({type(e).__name__}: {e})")
    return ArticleResult(item.ref, result.rows(item.ref), list(item.warnings) + list(result.warnings))


class _Done:
    """A result already known, queued in order with the workers' results."""

    def __init__(self, value: ArticleResult):
        self.value = value

    def result(self) -> ArticleResult:
        return self.value


def _work(item) -> ArticleResult:
    return _run(_WORKER, item)


def extract_paths(paths: Iterable[str | os.PathLike], *, jobs: int = 1, actors: str | None = None,
                  prefilter: bool = True, registry=None) -> Iterator[ArticleResult]:
    """Yield an :class:`ArticleResult` per article in `paths`, in input order.

    Parameters
    ----------
    paths : files, folders or globs (``.md``, ``.txt``, ``.jsonl``)
    jobs : worker processes (1 = in this process). At most ``4 * jobs`` articles are in
        flight, so memory stays flat however long the input.
    actors : optional actor overlay file
    prefilter : parse only sentences with a cue and a possible actor
    registry : an ActorRegistry to use (and extend with learned people) when ``jobs == 1``

    Notes
    -----
    With several processes, each worker learns people from the articles it reads; a
    person placed in one worker's article is not known to the other worker.
    """
    docs = iter_documents(paths)
    if jobs <= 1:
        from kg.registry import ActorRegistry

        from .extractor import Extractor

        ex = Extractor(registry if registry is not None else ActorRegistry.builtin(actors), prefilter=prefilter)
        for item in docs:
            yield _run(ex, item)
        return
    # spawn, not fork: forking after spaCy has loaded can deadlock in its thread pools; and an
    # executor, not a Pool: a worker that dies raises BrokenProcessPool instead of hanging forever.
    with ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"), initializer=_init_worker,
                             initargs=(actors, prefilter)) as pool:
        pending: deque = deque()
        for item in docs:
            if isinstance(item, LoaderError):   # answered here: exceptions with extra fields do not pickle
                pending.append(_Done(_run(None, item)))
            else:
                pending.append(pool.submit(_work, item))
            while len(pending) >= 4 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

