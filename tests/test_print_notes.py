"""Private notes on paper: off unless asked for on this print, and said so on every page when printed.

A lawyer's note on an entry is written for themselves ("client X asked about this; check with Y"); a
sheet goes into a client's file. So the print dialog's box starts unticked each time (the command
line's `--notes` is off unless given too), and a sheet that does carry a note says "Includes private
notes" in the footer of every page, from the window and from `exportref sheet --notes` alike.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.present.html import MatterInfo
from catalogue.userdata import UserData
from gui.main_window import MainWindow
from gui.printing import MatterDialog, PrintOptions, save_print_options
from gui.settings import settings_path

pytestmark = pytest.mark.usefixtures("pdftotext")

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 1, 15)
ENTRY = "non-ferrous-metallurgy"
PRIVATE_NOTES_WORDS = "Includes private notes"  # as the footer prints it
NOTE = "私人笔记: client asked about lithium; do not file"


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, read back from the PDF."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def dialog(qtbot: QtBot, **kwargs: object) -> MatterDialog:
    d = MatterDialog(**kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_the_dialog_starts_with_notes_off_whatever_an_older_version_saved(qtbot: QtBot) -> None:
    """Regression: the box was ticked by default, and a settings file that said include_notes=true
    (every profile that ever printed with the old default) kept it ticked."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[printing]\ninclude_notes=true\npage_size=Letter\n", encoding="utf-8")
    d = dialog(qtbot)
    assert d.include_notes.isVisible() and d.include_notes.isEnabled()
    assert "private notes" in d.include_notes.text().replace("&", "")
    assert not d.include_notes.isChecked()
    assert d.options().include_notes is False
    assert d.page_size.currentText() == "Letter"  # what is worth remembering still is


def test_ticking_notes_holds_for_this_print_only(qtbot: QtBot) -> None:
    """Regression: a tick was saved and came back ticked on every later print."""
    save_print_options(PrintOptions(MatterInfo("ACME-7", "", ""), include_notes=True, page_size="A4"))
    first = dialog(qtbot)
    assert not first.include_notes.isChecked()
    first.include_notes.setChecked(True)
    first.all_sources.setChecked(True)
    assert first.options().include_notes and first.options().all_sources
    first.accept()
    second = dialog(qtbot)
    assert second.reference.text() == "ACME-7"  # the matter fields are remembered
    assert not second.include_notes.isChecked() and not second.all_sources.isChecked()
    assert "include_notes" not in settings_path().read_text(encoding="utf-8")


def test_a_list_print_cannot_carry_notes(qtbot: QtBot) -> None:
    d = dialog(qtbot, notes_possible=False)
    d.include_notes.setChecked(True)  # even if something ticks it, a disabled box is not an answer
    assert not d.include_notes.isEnabled() and d.options().include_notes is False


@pytest.fixture
def window(qtbot: QtBot, minimal_data: Path) -> MainWindow:
    w = MainWindow(load_catalogue(minimal_data), as_of=AS_OF)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_a_window_sheet_with_a_note_says_so_on_every_page(window: MainWindow, tmp_path: Path) -> None:
    """Regression: nothing on the paper said that a private note was printed on it."""
    window.userdata.set_note(ENTRY, NOTE)
    window.open_id("cn-mofcom-2023-23")
    window.bookmarks.toggle()
    window.open_id(ENTRY)
    window.bookmarks.toggle()
    for scope in ("page", "bookmarks"):  # the entry with the note; a list and a sheet per bookmark
        with_notes = PrintOptions(MatterInfo("", "", ""), include_notes=True, page_size="A4")
        pdf = tmp_path / f"{scope}-notes.pdf"
        assert window.output.export_pdf(scope, pdf, with_notes) >= 1
        pages = page_texts(pdf)
        assert any("私人笔记" in text for text in pages)
        for number, text in enumerate(pages, start=1):
            assert f"{PRIVATE_NOTES_WORDS} · Page {number} of {len(pages)}" in text, (scope, number)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert PRIVATE_NOTES_WORDS in info  # the PDF's subject says it too

        without = tmp_path / f"{scope}-plain.pdf"
        window.output.export_pdf(scope, without, PrintOptions(MatterInfo("", "", ""), False, "A4"))
        plain = "\n".join(page_texts(without))
        assert "私人笔记" not in plain and PRIVATE_NOTES_WORDS not in plain
    assert window.output.notes_possible("page") and window.output.notes_possible("bookmarks")
    assert not window.output.notes_possible("results")


def test_notes_asked_for_but_none_written_print_no_claim(window: MainWindow, tmp_path: Path) -> None:
    window.open_id(ENTRY)
    pdf = tmp_path / "no-note.pdf"
    window.output.export_pdf("page", pdf, PrintOptions(MatterInfo("", "", ""), include_notes=True, page_size="A4"))
    assert PRIVATE_NOTES_WORDS not in "\n".join(page_texts(pdf))


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXPORTREF_DATA_DIR": str(FIXTURES / "minimal"), "PYTHONPATH": str(REPO)}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "gui.cli", "sheet", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def test_the_command_line_footer_agrees(qapp: QApplication, tmp_path: Path) -> None:
    """Regression: `exportref sheet --notes` printed the note with nothing on the page saying so."""
    UserData().set_note(ENTRY, NOTE)
    noted, plain = tmp_path / "noted.pdf", tmp_path / "plain.pdf"
    run = _cli(ENTRY, "cn-mofcom-2023-23", "--notes", "--as-of", str(AS_OF), "-o", str(noted), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    pages = page_texts(noted)
    assert any("私人笔记" in text for text in pages)
    assert all(f"{PRIVATE_NOTES_WORDS} · Page {n} of {len(pages)}" in t for n, t in enumerate(pages, start=1))
    run = _cli(ENTRY, "--as-of", str(AS_OF), "-o", str(plain), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = "\n".join(page_texts(plain))
    assert "私人笔记" not in text and PRIVATE_NOTES_WORDS not in text
