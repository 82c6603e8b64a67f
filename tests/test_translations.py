"""The translation files: complete, compiled from their sources, and up to date with the code.

Two catalogues (see gui/language.py and catalogue/i18n.py): Qt's .ts/.qm for the window, gettext's
.po/.mo for the pages, sheets, status words and citations. Each test here fails when someone adds a
string without translating it, edits a translation without compiling it, or hides a string from the
extraction tools.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS = REPO / "resources" / "translations"
LOCALE = REPO / "resources" / "locale" / "zh_CN" / "LC_MESSAGES"
TS_FILES = {"zh_CN": TRANSLATIONS / "exportref_zh_CN.ts", "en": TRANSLATIONS / "exportref_en.ts"}
PO = LOCALE / "exportref.po"
MO = LOCALE / "exportref.mo"

# Placeholders a translation must keep: {name} and {name:,} (str.format), %(name)s (Jinja's gettext)
# and %n (Qt's plural count).
_PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%\([a-z_]+\)[sd]|%n")


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the environment running the tests (PySide6 ships them)."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: PySide6-Essentials installs it beside python")
    return found


def ts_messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context") for m in ctx.iter("message")]


# -- Qt: the window ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(TS_FILES))
def test_ts_has_no_unfinished_entry(lang: str) -> None:
    messages = ts_messages(TS_FILES[lang])
    assert messages, f"{TS_FILES[lang]} holds no message"
    problems = []
    for context, m in messages:
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None
        kind = tr.get("type")
        forms = [f.text or "" for f in tr.iter("numerusform")] if m.get("numerus") == "yes" else [tr.text or ""]
        if kind in ("unfinished", "vanished", "obsolete") or not all(f.strip() for f in forms):
            problems.append(f"{context}: {source!r} ({kind or 'empty'})")
            continue
        for form in forms:
            if placeholders(form) != placeholders(source):
                problems.append(f"{context}: {source!r} → {form!r} changes the placeholders")
    assert not problems, "\n".join(problems)


def test_english_catalogue_gives_plural_forms() -> None:
    """English needs its own catalogue only for %n: one form and several."""
    messages = ts_messages(TS_FILES["en"])
    assert messages and all(m.get("numerus") == "yes" for _c, m in messages)
    for _context, m in messages:
        one, many = (f.text or "" for f in m.iter("numerusform"))
        assert "%n" in one and "%n" in many and one != many


@pytest.mark.parametrize("lang", sorted(TS_FILES))
def test_qm_says_what_the_ts_says(lang: str) -> None:
    """The committed .qm, loaded as the app loads it, gives every translation of the committed .ts
    (scripts/update-translations compiles it with pyside6-lrelease)."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / f"exportref_{lang}.qm"))
    stale = []
    for context, m in ts_messages(TS_FILES[lang]):
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None
        if m.get("numerus") == "yes":
            forms = [f.text or "" for f in tr.iter("numerusform")]
            counts = (1, 2) if len(forms) == 2 else (1,)
            got = [translator.translate(context, source, None, n) for n in counts]
        else:
            forms, got = [tr.text or ""], [translator.translate(context, source)]
        if got != forms:
            stale.append(f"{context}: {source!r}")
    assert not stale, "the .qm is stale: run scripts/update-translations\n" + "\n".join(stale)


def test_ts_has_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate run on gui/ now finds no source text the committed .ts lacks."""
    copy = tmp_path / "check_zh_CN.ts"
    shutil.copy(TS_FILES["zh_CN"], copy)
    before = {(c, m.findtext("source")) for c, m in ts_messages(copy)}
    sources = sorted(str(p) for p in (REPO / "gui").rglob("*.py"))
    subprocess.run(
        [qt_tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    after = {(c, m.findtext("source")) for c, m in ts_messages(copy)}
    assert after - before == set(), "run scripts/update-translations and translate the new strings"
    assert before - after == set(), "the .ts keeps strings the code no longer has: run scripts/update-translations"


def _tr_calls_inside_fstrings(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute | ast.Name)
                    and (getattr(inner.func, "attr", None) or getattr(inner.func, "id", None)) in ("tr", "translate")
                ):
                    lines.append(inner.lineno)
    return lines


def test_no_string_is_hidden_from_lupdate() -> None:
    """lupdate does not look inside f-strings: a tr() there is never translated."""
    found = {
        str(path.relative_to(REPO)): lines
        for path in (REPO / "gui").rglob("*.py")
        if (lines := _tr_calls_inside_fstrings(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not found, found


def test_the_check_for_hidden_strings_finds_one() -> None:
    assert _tr_calls_inside_fstrings(ast.parse("x = f\"<p>{self.tr('Hello')}</p>\"")) == [1]


# -- gettext: the pages, sheets and status words --------------------------------------------------------


def _read_po() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh)


def test_po_is_complete() -> None:
    catalog = _read_po()
    problems = []
    for msg in catalog:
        if not msg.id:
            assert not msg.fuzzy, "the .po header is marked fuzzy: pybabel compile would skip the file"
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        if msg.fuzzy or not all(s.strip() for s in strings):
            problems.append(f"{ids[0]!r}: untranslated or fuzzy")
            continue
        for s in strings:
            if placeholders(s) != placeholders(ids[0]):
                problems.append(f"{ids[0]!r} → {s!r} changes the placeholders")
    assert not problems, "\n".join(problems)


def test_mo_says_what_the_po_says() -> None:
    """The committed .mo, read by Python's gettext as the app reads it, gives every translation of
    the committed .po (scripts/update-translations compiles it with pybabel)."""
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for msg in _read_po():
        if not msg.id:
            continue
        if isinstance(msg.id, tuple):
            expected = msg.string[0] if isinstance(msg.string, tuple) else msg.string
            got = compiled.ngettext(msg.id[0], msg.id[1], 1)
        else:
            expected, got = msg.string, compiled.gettext(msg.id)
        if got != expected:
            stale.append(repr(msg.id))
    assert not stale, "exportref.mo is stale: run scripts/update-translations\n" + "\n".join(stale)


def test_po_has_every_message_of_the_code() -> None:
    """What Babel extracts from catalogue/, gui/cli/ and the templates (babel.cfg) is all in the .po."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    known = {msg.id[0] if isinstance(msg.id, tuple) else msg.id for msg in _read_po() if msg.id}
    missing = sorted(m for m in found if m and m not in known)
    assert not missing, f"not in the .po (run scripts/update-translations): {missing}"
    assert len(found) > 300  # the extraction really read the code and the templates
