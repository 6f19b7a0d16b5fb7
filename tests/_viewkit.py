"""Shared helpers for the view/export tests: the seed graph, a hostile graph, headless Chromium."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import networkx as nx

from kg.graph import build_graph
from kg.model import Actor, Event, Provenance

ROOT = Path(__file__).resolve().parents[1]
SEED_STATEMENTS = ROOT / "seeds" / "statements.yaml"
CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ENABLE_BROWSER = ("!! browser tests SKIPPED: no headless Chromium. Enable: sudo apt-get install -y chromium "
                  "(or scripts/install-chromium, or KG_CHROMIUM=/path) and pip install -e '.[test]' (playwright)")

# payloads that set window.__xss if anything ever runs them
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "<script>window.__xss=2</script>"
XSS_MIX = "</script><!-- <svg onload=window.__xss=3> \" ' ` ${x} &amp; \u2028"


def seed_store(path: Path):
    """A SQLite store at `path` holding the curated seed statements."""
    from kg.ingest import ingest
    from kg.store import open_store

    store = open_store(path)
    report = ingest(store, [SEED_STATEMENTS])
    assert not report.errors, report.errors
    return store


def hostile_graph() -> nx.MultiDiGraph:
    """A small graph whose names, ids, quotes, places and sources carry XSS payloads."""
    evil_person = Actor("person:" + XSS_IMG, "Evil " + XSS_IMG + " " + XSS_SCRIPT, "person", "TUR",
                        role=XSS_MIX, parent="TUR")
    actors = {a.id: a for a in (
        Actor("TUR", "Turkey", "state", "TUR"),
        Actor("SYR", "Syria " + XSS_SCRIPT, "state", "SYR"),
        Actor("RUS", "Russia", "state", "RUS"),
        evil_person,
        Actor("org:" + XSS_MIX, XSS_MIX, "mystery-kind", None),
    )}
    prov = (Provenance("test", source="javascript:window.__xss=4 " + XSS_IMG,
                       sentence="He said " + XSS_IMG + " and " + XSS_SCRIPT + " " + XSS_MIX),)
    events = [
        Event("CRITICIZED", source=evil_person.id, target="SYR", date=dt.date(2023, 1, 3), place=XSS_IMG,
              provenance=prov),
        Event("MET", participants=("TUR", "SYR", "RUS", evil_person.id), date=dt.date(2022, 12, 28),
              place=XSS_SCRIPT, date_text=XSS_MIX, provenance=prov),
        Event("SUPPORTED", source="org:" + XSS_MIX, target="TUR", negated=True, provenance=prov),
    ]
    return build_graph(events, actors)


def chromium_problem() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(CHROMIUM):
        return f"{CHROMIUM} not found"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "python package playwright is not installed"
    return None
