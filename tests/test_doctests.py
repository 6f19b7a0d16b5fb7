"""The examples in docstrings are tests too."""

import datetime as dt
import doctest
import importlib

import pytest

MODULES = ["kg.model", "kg.registry", "kg.schema", "kg.graph", "kg.store.sqlite", "kg.synthetic", "kg.extract.modality",
           "kg.ingest", "loaders", "loaders.eventdata"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    from kg.model import Actor, Event

    mod = importlib.import_module(name)
    result = doctest.testmod(mod, extraglobs={"dt": dt, "Actor": Actor, "Event": Event},
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
