"""Import ahead what the app's scripts import, so that a fresh server's first visitor does
not wait for it (pandas, Altair, geopandas and the app's own modules: about 2 s here)."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path


def imported_names(scripts: list[Path]) -> dict[str, list[str]]:
    """What the scripts import, in order: module -> the names taken from it
    (`import a.b` gives {"a.b": []}, `from a import b, c` gives {"a": ["b", "c"]})."""
    names: dict[str, list[str]] = {}
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    names.setdefault(alias.name, [])
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                taken = names.setdefault(node.module, [])
                taken.extend(a.name for a in node.names if a.name not in taken)
    return names


def import_app_modules(root: Path) -> list[str]:
    """Import every module app.py and the page scripts under root import; their names.

    A name taken from a package may be a submodule (`from lib.ui import data`): it is
    imported too. A module that is missing or fails raises here, at start, as it would
    on the page.
    """
    scripts = [root / "app.py", *sorted((root / "app_pages").glob("*.py"))]
    imported = []
    for module, taken in imported_names(scripts).items():
        parent = importlib.import_module(module)
        imported.append(module)
        for name in taken:
            if not hasattr(parent, name):
                importlib.import_module(f"{module}.{name}")
            if f"{module}.{name}" in sys.modules:
                imported.append(f"{module}.{name}")
    return imported
