"""The rules gui/ keeps, checked on its source: sizes, imports, and what comments may cite.

- No file over 600 lines and no class over 300: a file holds one idea, and MainWindow is assembled
  from parts instead of growing.
- Whoosh and Jinja2 are catalogue's business (its search, its presentation): gui asks catalogue,
  never the libraries behind it.
- The command line (gui/cli) imports its command modules by name, without importlib, none of them
  imports the package back, only `sheet` needs Qt, and `import gui.cli` alone loads no command.
- No "issue N" and no file outside the repository (research notes, machine paths) in gui's text.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUI = REPO / "gui"
CLI = GUI / "cli"
MAX_FILE_LINES = 600
MAX_CLASS_LINES = 300


def sources() -> list[Path]:
    return sorted(GUI.rglob("*.py"))


def imported_modules(path: Path) -> list[str]:
    """Every module `path` imports, at the top or inside a function (`from a import b` gives a and a.b)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_the_checks_see_the_whole_package() -> None:
    names = {rel(p) for p in sources()}
    assert {"gui/main_window.py", "gui/cli/entry.py", "gui/cli/sheet.py", "gui/printing.py"} <= names


def test_no_file_over_600_lines() -> None:
    long = {rel(p): n for p in sources() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert long == {}


def test_no_class_over_300_lines() -> None:
    big = {}
    for path in sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_CLASS_LINES:
                    big[f"{rel(path)}:{node.name}"] = lines
    assert big == {}


def test_no_gui_module_imports_whoosh_or_jinja2() -> None:
    offenders = [
        f"{rel(p)}: {name}"
        for p in sources()
        for name in imported_modules(p)
        if name.split(".")[0] in ("whoosh", "jinja2")
    ]
    assert offenders == []


def test_the_command_line_has_no_importlib_and_no_import_back() -> None:
    for path in sorted(CLI.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "importlib" not in text and "__import__" not in text, rel(path)
        if path.stem in ("__init__", "__main__", "entry"):
            continue
        # A command module may use its siblings (common, terminal), never the package or its entry point.
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module is not None:
                assert node.module != "gui.cli" and node.module != "gui.cli.entry", (rel(path), node.module)


def test_only_the_sheet_command_needs_qt() -> None:
    with_qt = {p.stem for p in CLI.glob("*.py") if any(name.split(".")[0] == "PySide6" for name in imported_modules(p))}
    gui_modules = {
        p.stem
        for p in CLI.glob("*.py")
        for name in imported_modules(p)
        if name.startswith("gui.") and not name.startswith("gui.cli")
    }
    assert with_qt == {"sheet"}
    assert gui_modules <= {"sheet", "entry"}  # sheet prints through gui.printing; entry opens gui.app


def test_importing_the_command_line_loads_no_command() -> None:
    """`exportref` with no argument opens the window without building the parser: importing gui.cli
    must not import the command modules, Qt, Whoosh or Jinja2."""
    code = (
        "import sys, gui.cli\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'whoosh', 'jinja2')"
        " or (m.startswith('gui.cli.') and m not in ('gui.cli.entry', 'gui.cli.terminal'))]\n"
        "print(loaded)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def test_no_issue_numbers_or_outside_files_in_gui_text() -> None:
    forbidden = re.compile(r"\bissues? ?#?\d|research/|tech-spike|/home/|/Users/|/work/|/root/", re.IGNORECASE)
    hits = [
        f"{rel(p)}:{number}: {line.strip()}"
        for p in sources()
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
    ]
    assert hits == []
