"""Load files into a store: loaders → (extractor) → one transaction per article or file.

One bad file or record never aborts the batch: it is reported and the rest
goes on. Each article is written in its own transaction, so an ingest killed
half-way leaves every earlier article intact and the store readable.

Event datasets (GDELT, ICEWS, POLECAT; :mod:`loaders.eventdata`) are streamed in chunks of
20,000 rows, one transaction each, through the store's bulk path
(``write_event_records``): memory stays flat whatever the file size, and rows skipped are
counted by reason and by event code.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from loaders import DATASETS, Batch, Document, EventRecords, Slice, expand_paths, loader_for

from .errors import KgError, LoaderError, StoreError
from .model import Article
from .registry import ActorRegistry, load_actor_file
from .store.base import Store, WriteCounts

__all__ = ["ingest", "IngestReport", "expand_paths", "registry_for", "make_slice"]

log = logging.getLogger(__name__)
MAX_ROW_ERRORS = 20   # malformed rows reported one by one per file; the rest are counted
NOTHING_TO_LOAD = "nothing to load (no .md, .markdown, .txt, .jsonl, .yaml or .yml files, or event datasets)"


@dataclass
class IngestReport:
    """What :func:`ingest` did: files read, rows added, articles skipped as already stored, problems."""

    files: int = 0
    counts: WriteCounts = field(default_factory=WriteCounts)
    skipped: int = 0
    ignored: int = 0      # read but not stored: the extractor skipped them (not English, no text)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0                                                  # event-dataset rows read
    skipped_rows: Counter = field(default_factory=Counter)         # ... not loaded, by reason
    skipped_codes: Counter = field(default_factory=Counter)        # ... by event code outside our types
    failed: list[str] = field(default_factory=list)   # read, but not stored (the store refused the write)

    @property
    def loaded_anything(self) -> bool:
        return bool(self.counts.articles or self.counts.events or self.counts.actors or self.skipped
                    or self.rows or self.ignored)

    def to_dict(self) -> dict:
        out = {"files": self.files, **self.counts.to_dict(), "skipped": self.skipped, "ignored": self.ignored,
               "errors": self.errors, "warnings": self.warnings, "failed": self.failed}
        if self.rows:
            out.update(rows=self.rows, skipped_by_reason=dict(self.skipped_rows.most_common()),
                       skipped_by_code=dict(self.skipped_codes.most_common()))
        return out

    def store(self, store: Store, ref: str, **rows) -> None:
        """``store.write(**rows)``, counted; a refused write is listed in ``failed`` and ``errors``."""
        try:
            self.counts += store.write(**rows)
        except StoreError as e:
            self.failed.append(ref)
            self.errors.append(f"{ref}: not stored: {e}")


def registry_for(store: Store | None = None, overlay: str | os.PathLike | None = None) -> ActorRegistry:
    """The built-in registry + the user's overlay + every actor the store already knows."""
    reg = ActorRegistry.builtin(overlay)
    if store is not None:
        for actor in store.actors():
            if actor.id not in reg or actor.kind == "person":
                reg.add(actor)
    return reg


def make_slice(*, since=None, until=None, actors: str | Iterable[str] | None = None,
               types: str | Iterable[str] | None = None, registry: ActorRegistry | None = None) -> Slice:
    """A :class:`loaders.Slice` from user input: dates, actor codes or names (``"TUR,SYR"``,
    ``"Turkey"``), relation types (``"MET,CRITICIZED"``). An unknown actor or type raises KgError.

    >>> sorted(make_slice(actors="TUR, Syria", types="met").codes), make_slice(types="met").types
    (['SYR', 'TUR'], frozenset({'MET'}))
    """
    from .errors import UnknownActor
    from .schema import load_schema

    def items(v) -> list[str]:
        if v is None:
            return []
        parts = v.split(",") if isinstance(v, str) else list(v)
        return [p.strip() for p in parts if p.strip()]

    codes = set()
    for name in items(actors):
        if name.upper() in ("UN", "EU", "NATO") or (len(name) == 3 and name.isupper()):
            codes.add(name.upper())
            continue
        reg = registry or ActorRegistry.builtin()
        actor = reg.resolve(name)
        if actor is None:
            raise UnknownActor(name, reg.suggest(name))
        codes.add(actor.code or actor.id)
    schema = load_schema()
    kinds = {schema.relation(t).name for t in items(types)}
    return Slice(since.isoformat() if since else None, until.isoformat() if until else None,
                 frozenset(codes), frozenset(kinds))


def _older(store: Store, articles: Iterable[Article]) -> list[str]:
    """Stored versions of the same source files (same path, other content): a new version replaces them."""
    new = {a.id for a in articles}
    return [old for a in articles if a.path for old in store.article_ids(a.path) if old not in new]


def ingest(store: Store, paths: Iterable[str | os.PathLike], *, actors: str | os.PathLike | None = None,
           on_file: Callable[[Path], None] | None = None, extractor=None, fmt: str | None = None,
           slice_: Slice | None = None, on_rows: Callable[[Path, int, int, int], None] | None = None) -> IngestReport:
    """Load `paths` into `store` and return an :class:`IngestReport`.

    A source already stored with the same content is skipped. A source whose path is stored
    with other content (an edited article or statements file) replaces that version in the
    same transaction: its old provenance goes, and so do the events nothing else supports.
    A write the store refuses (busy, unreachable) is listed in ``report.failed``.

    Parameters
    ----------
    store : Store
    paths : files, folders or globs (``.md``, ``.txt``, ``.jsonl`` articles; ``.yaml`` statements;
        GDELT/ICEWS/POLECAT event files, told by name or by `fmt`)
    actors : optional overlay file of actors that adds to or overrides the built-in gazetteer
    on_file : called with each file before it is read (progress bars)
    extractor : an object with ``extract(Document) -> Extraction``; default: :class:`kg.extract.Extractor`
    fmt : read every file as this event dataset (``gdelt``, ``icews``, ``polecat``)
    slice_ : the part of event datasets to load (dates, actor codes, types); see :class:`loaders.Slice`
    on_rows : called after each chunk of an event dataset with (file, rows in the chunk, bytes read so far,
        bytes in all)
    """
    report = IngestReport()
    paths = list(paths)
    files = expand_paths(paths, fmt)
    if not files:
        raise LoaderError(", ".join(map(str, paths)), NOTHING_TO_LOAD)
    registry = registry_for(store, actors)
    if actors:
        report.store(store, str(actors), actors=load_actor_file(actors))
    for path in files:
        if on_file:
            on_file(path)
        report.files += 1
        read = loader_for(path, fmt)
        if read is None:
            report.errors.append(f"{path}: unsupported file type (use .md, .txt, .jsonl, .yaml, or --format "
                                 "gdelt|icews|polecat for event datasets)")
            continue
        row_errors = 0
        dataset = read in DATASETS.values()
        try:
            items = read(path, registry, slice_=slice_) if dataset else read(path, registry)
            for item in items:
                if isinstance(item, EventRecords):
                    _write_records(store, item, report, path)
                    if on_rows:
                        on_rows(path, item.rows, item.done, item.total)
                elif isinstance(item, LoaderError) and item.line is not None and dataset:
                    row_errors += 1     # a malformed row: reported (the first few), counted, never stops the file
                    if row_errors <= MAX_ROW_ERRORS:
                        report.errors.append(str(item))
                elif isinstance(item, LoaderError):
                    report.errors.append(str(item))
                elif isinstance(item, Batch):
                    registry.add_all(item.actors)
                    if all(store.has_article(a.id) for a in item.articles) and item.articles:
                        report.skipped += 1
                        continue
                    report.store(store, str(path), actors=item.actors, articles=item.articles, events=item.events,
                                 replaces=_older(store, item.articles))
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
                    if getattr(result, "skipped", False):   # not English, no text: nothing to store
                        report.ignored += 1
                        continue
                    report.store(store, item.article.path or item.ref, actors=result.actors,
                                 articles=[item.article], events=result.events + result.held,
                                 replaces=_older(store, [item.article]))
                    registry.add_all(a for a in result.actors if a.kind == "person" and a.code)
            if row_errors > MAX_ROW_ERRORS:
                report.errors.append(f"{path}: {row_errors - MAX_ROW_ERRORS} more malformed row(s) not listed")
        except KgError as e:
            report.errors.append(str(e) if str(path) in str(e) else f"{path}: {e}")
        except Exception as e:  # a bug must not lose the rest of the batch
            log.exception("failed on %s", path)
            report.errors.append(f"{path}: internal error ({type(e).__name__}: {e})")
    return report



def _write_records(store: Store, item: EventRecords, report: IngestReport, path: Path) -> None:
    """One chunk of an event dataset: its new actors, then its events through the bulk path."""
    try:
        if item.actors:
            report.counts += store.write(actors=item.actors)
        if item.records:
            report.counts += store.write_event_records(item.records)
    except StoreError as e:
        ref = f"{path} (rows up to byte {item.done})"
        report.failed.append(ref)
        report.errors.append(f"{ref}: not stored: {e}")
    report.rows += item.rows
    report.skipped_rows.update(item.skipped)
    report.skipped_codes.update(item.skipped_codes)
