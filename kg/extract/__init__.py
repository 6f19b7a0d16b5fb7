"""The spaCy extractor: ``Extractor(registry).extract(Document) -> Extraction(events, actors, warnings)``.

Modules: :mod:`.pipeline` (model loading), :mod:`.actors` (gazetteer component, role
phrases), :mod:`.events` (cues and dependency roles), :mod:`.dates`, :mod:`.language`,
:mod:`.discourse`, :mod:`.extractor`, :mod:`.batch` (``extract_paths``, multiprocessing),
:mod:`.cli` (``kg extract``). Word lists live in ``schema.yaml`` (cues) and ``kg/extract/data/``.
Names are imported lazily so that ``kg --help`` does not load spaCy.
"""

from importlib import import_module

__all__ = ["Extractor", "Extraction", "event_row", "extract_paths", "load_nlp", "ModelNotFound"]

_WHERE = {"Extractor": ".extractor", "Extraction": ".extractor", "event_row": ".extractor",
          "extract_paths": ".batch", "load_nlp": ".pipeline", "ModelNotFound": ".pipeline"}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
