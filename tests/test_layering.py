"""Layering: no import circles in the CLI, path expansion with the loaders, every module mapped (issue 9, item 16)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    """Modules `path` imports (relative imports resolved against kg/)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            else:
                out.add(node.module or "")
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_the_command_modules_share_cli_common_and_never_import_cli():
    for path in sorted((ROOT / "kg").glob("cli_*.py")):
        imported = _imports(path)
        assert "kg.cli" not in imported, path.name
        if path.name != "cli_common.py":
            assert "kg.cli_common" in imported or path.name == "cli_extract.py", path.name
    assert "kg.cli_common" in _imports(ROOT / "kg" / "cli.py")


def test_the_extractor_does_not_import_ingest():
    for path in sorted((ROOT / "kg" / "extract").glob("*.py")):
        assert "kg.ingest" not in _imports(path), path.name
    assert "loaders" in {m.split(".")[0] for m in _imports(ROOT / "kg" / "extract" / "batch.py")}


def test_architecture_covers_every_module():
    doc = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    modules = [p.relative_to(ROOT).as_posix() for d in ("kg", "loaders", "tools") for p in (ROOT / d).rglob("*.py")
               if "target" not in p.parts and p.name != "__init__.py" or p.parent.name == "loaders"]
    rows = [line for line in doc.splitlines() if line.startswith("| `")]
    # a row names a module by its path, or by its file name after a sibling's path (`a/b.py` · `c.py`)
    missing = [m for m in modules if f"`{m}`" not in doc and not any(
        f"`{Path(m).parent.as_posix()}/" in row and f"`{Path(m).name}`" in row for row in rows)]
    assert not missing, f"docs/ARCHITECTURE.md does not mention: {missing}"
