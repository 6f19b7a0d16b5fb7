"""notebooks/explore.ipynb runs top to bottom (nbclient, a local ipykernel, no network)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.mark.slow
def test_explore_notebook_runs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()          # raises CellExecutionError, naming the cell, on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "Moscow" in html                                   # who met whom / the named query
    assert re.search(r"<th>USA</th>.*?[+-]\d+\.\d \(\d+\)", html)    # the stance matrix: USA -> SYR
    assert "<iframe srcdoc=" in html and "vis.Network" in html.replace("&quot;", '"')
    assert any("image/png" in o.get("data", {}) for o in outputs)   # the dyad plot
    assert "dated events between TUR and SYR" in text
