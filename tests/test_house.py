"""The house's rules (docs/architecture.md), checked on the sources of catalogue/, bench/ and tests/
(test_house_gui.py checks gui/ the same way).

`lint-imports` checks the import contracts in CI with the dev tools; these tests keep the same rules
for anyone who only runs the test suite, plus the ones import-linter cannot see: module and class
sizes, and comments that point at things a reader of the repository cannot open."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("catalogue", "gui")  # the import rules look at both; sizes and comments at catalogue/ here
MAX_FILE_LINES = 600
MAX_CLASS_LINES = 300


def sources(*packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (REPO / pkg).rglob("*.py"))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def offenders(top_level: str, allowed_under: str) -> list[str]:
    allowed = REPO / allowed_under
    return [
        f"{path.relative_to(REPO)}:{line} imports {module}"
        for path in sources(*PACKAGES)
        if allowed not in path.parents
        for line, module in imported_modules(path)
        if module.split(".")[0] == top_level
    ]


def test_no_module_is_over_600_lines_and_no_class_over_300() -> None:
    too_big = []
    for path in sources("catalogue", "bench"):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MAX_FILE_LINES:
            too_big.append(f"{path.relative_to(REPO)}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                size = node.end_lineno - node.lineno + 1
                if size > MAX_CLASS_LINES:
                    too_big.append(f"{path.relative_to(REPO)}: class {node.name} {size} lines")
    assert too_big == []


def test_only_the_search_package_imports_whoosh() -> None:
    assert offenders("whoosh", "catalogue/search") == []


def test_only_the_presentation_package_imports_jinja2() -> None:
    assert offenders("jinja2", "catalogue/present") == []


def test_time_and_load_know_nothing_of_search_or_presentation() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line} imports {module}"
        for path in [*sources("catalogue/time", "catalogue/load"), REPO / "catalogue" / "model.py"]
        for line, module in imported_modules(path)
        if module.startswith(("catalogue.search", "catalogue.present"))
    ]
    assert found == []


# What a comment must not point at: a ticket number, the shared research folder beside the repository,
# or a path on one machine. Documents in docs/ cite the research; the code says why in its own words.
POINTERS = re.compile(r"\bissues? \d+\b|\bresearch/|/work/|/home/\w|/Users/\w|C:\\\\Users", re.IGNORECASE)


def comments_and_docstrings(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    found = [
        (number, line[line.index("#") :])
        for number, line in enumerate(text.splitlines(), 1)
        if line.lstrip().startswith("#") or re.search(r"\s#\s", line)
    ]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc and node.body:
                found.append((node.body[0].lineno, doc))
    return found


def test_comments_do_not_cite_tickets_or_files_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}: {POINTERS.search(text)}"
        for path in sources("catalogue", "bench", "tests")
        for line, text in comments_and_docstrings(path)
        if POINTERS.search(text)
    ]
    assert found == []


def test_the_import_contracts_are_declared_and_run_in_ci() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    forbidden = {c["name"]: set(c["forbidden_modules"]) for c in contracts if c["type"] == "forbidden"}
    assert any({"gui", "PySide6"} <= mods for mods in forbidden.values())
    assert any("whoosh" in mods for mods in forbidden.values())
    assert any("jinja2" in mods for mods in forbidden.values())
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^\S*lint-imports\b", ci, re.M), "CI must run lint-imports"


def test_one_application_name() -> None:
    """The folder names all come from catalogue.paths, so the app cannot look in two places."""
    defining = [
        p.relative_to(REPO).as_posix() for p in sources(*PACKAGES) if "APP_NAME = " in p.read_text(encoding="utf-8")
    ]
    assert defining == ["catalogue/paths.py"]


def test_test_files_share_helpers_through_helper_modules_not_each_other() -> None:
    """A test file importing another runs that file's module code and ties the two together: shared
    helpers live in conftest.py or a helper module (tests/helpers.py, tests/hostile_data.py, ...)."""
    tests = sorted((REPO / "tests").glob("*.py"))
    test_modules = {p.stem for p in tests if p.stem.startswith("test_")}
    found = [
        f"{path.name}:{line} imports {module}"
        for path in tests
        for line, module in imported_modules(path)
        if module.removeprefix("tests.").split(".")[0] in test_modules
    ]
    assert found == []
