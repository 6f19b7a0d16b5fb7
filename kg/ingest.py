"""Load files into a store: loaders → (extractor) → one transaction per article or file.

One bad file or record never aborts the batch: it is reported and the rest
goes on. Each article is written in its own transaction, so an ingest killed
half-way leaves every earlier article intact and the store readable.
"""

from __future__ import annotations

import glob
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from loaders import Batch, Document, loader_for

from .errors import KgError, LoaderError
from .registry import ActorRegistry, load_actor_file
from .store.base import Store, WriteCounts

__all__ = ["ingest", "IngestReport", "expand_paths", "registry_for"]

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What :func:`ingest` did: files read, rows added, articles skipped as already stored, problems."""

    files: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def loaded_anything(self) -> bool:
        return bool(self.counts.articles or self.counts.events or self.counts.actors or self.skipped)

    def to_dict(self) -> dict:
        return {"files": self.files, **self.counts.to_dict(), "skipped": self.skipped,
                "errors": self.errors, "warnings": self.warnings}


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named by `paths` (files, folders searched recursively, globs), loadable ones only.

    A path that matches nothing raises LoaderError.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and loader_for(f) and not f.name.startswith("."))
        elif p.exists():
            out.append(p)
        else:
            hits = sorted(Path(h) for h in glob.glob(str(raw), recursive=True))
            if not hits:
                raise LoaderError(str(raw), "no such file, folder or glob match")
            out += [h for h in hits if h.is_file()]
    return list(dict.fromkeys(out))


def registry_for(store: Store | None = None, overlay: str | os.PathLike | None = None) -> ActorRegistry:
    """The built-in registry + the user's overlay + every actor the store already knows."""
    reg = ActorRegistry.builtin(overlay)
    if store is not None:
        for actor in store.actors():
            if actor.id not in reg or actor.kind == "person":
                reg.add(actor)
    return reg


def ingest(store: Store, paths: Iterable[str | os.PathLike], *, actors: str | os.PathLike | None = None,
           on_file: Callable[[Path], None] | None = None, extractor=None) -> IngestReport:
    """Load `paths` into `store` and return an :class:`IngestReport`.

    Parameters
    ----------
    store : Store
    paths : files, folders or globs (``.md``, ``.txt``, ``.jsonl`` articles; ``.yaml`` statements)
    actors : optional overlay file of actors that adds to or overrides the built-in gazetteer
    on_file : called with each file before it is read (progress bars)
    extractor : an object with ``extract(Document) -> Extraction``; default: :class:`kg.extract.Extractor`
    """
    report = IngestReport()
    files = expand_paths(paths)
    registry = registry_for(store, actors)
    if actors:
        report.counts += store.write(actors=load_actor_file(actors))
    for path in files:
        if on_file:
            on_file(path)
        report.files += 1
        read = loader_for(path)
        if read is None:
            report.errors.append(f"{path}: unsupported file type (use .md, .txt, .jsonl, .yaml)")
            continue
        try:
            for item in read(path, registry):
                if isinstance(item, LoaderError):
                    report.errors.append(str(item))
                elif isinstance(item, Batch):
                    report.counts += store.write(actors=item.actors, articles=item.articles, events=item.events)
                    registry.add_all(a for a in item.actors)
                elif isinstance(item, Document):
                    report.warnings += item.warnings
                    if store.has_article(item.article.id):
                        report.skipped += 1
                        continue
                    if extractor is None:   # loaded on the first article: statements need no spaCy
                        from .extract import Extractor

                        extractor = Extractor(registry)
                    result = extractor.extract(item)
                    report.warnings += getattr(result, "warnings", [])
                    report.counts += store.write(actors=result.actors, articles=[item.article], events=result.events)
                    registry.add_all(a for a in result.actors if a.kind == "person" and a.code)
        except KgError as e:
            report.errors.append(str(e) if str(path) in str(e) else f"{path}: {e}")
        except Exception as e:  # a bug must not lose the rest of the batch
            log.exception("failed on %s", path)
            report.errors.append(f"{path}: internal error ({type(e).__name__}: {e})")
    return report

