"""The domain package must never depend on Qt or on the GUI package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "catalogue"
FORBIDDEN = ("PySide6", "shiboken6", "gui")


def test_catalogue_sources_import_no_qt() -> None:
    offenders = []
    for path in CATALOGUE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_catalogue_imports_without_qt_loaded() -> None:
    """Importing every catalogue module in a fresh interpreter loads no Qt module."""
    modules = sorted(
        ".".join(p.relative_to(CATALOGUE).with_suffix("").parts)
        for p in CATALOGUE.rglob("*.py")
        if p.stem != "__init__"
    )
    code = (
        "import sys, importlib\n"
        f"for m in {modules!r}: importlib.import_module('catalogue.' + m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'gui')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=CATALOGUE.parent)
    assert run.returncode == 0, run.stdout + run.stderr
