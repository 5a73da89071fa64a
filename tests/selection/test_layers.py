"""The selection sits on plans: it imports only directory, history, plans, the notice reader and
the top-level helper modules, and nothing beneath it imports it."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parents[2] / "shishi"
BENEATH = {"directory", "history", "plans", "notice"}
HELPERS = {"formulas", "bounds", "uploads", "gbt9704", "pii"}


def shishi_imports(path: Path) -> set[str]:
    """The shishi modules a file imports (the part after `shishi.`), relative imports left out."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name.split(".")[1] for name in names if name.startswith("shishi.") and name.count(".") >= 1}
    return found


def test_the_selection_imports_only_what_lies_beneath():
    for path in (ROOT / "selection").rglob("*.py"):
        assert shishi_imports(path) - BENEATH - HELPERS - {"selection"} == set(), path


def test_nothing_beneath_imports_the_selection():
    for app in BENEATH:
        for path in (ROOT / app).rglob("*.py"):
            assert "selection" not in shishi_imports(path), path
