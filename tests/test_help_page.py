"""Help → ExportRef Help (F1), in the real window: the query language, every status word, every
keyboard shortcut of the window's actions, and what the data holds of each edition — each taken from
where the app keeps it, which these tests read too, so that the help cannot fall behind the app."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.present.help import render_help, status_word_rows
from catalogue.search.query import _FILTER_NAMES
from catalogue.search.vocabulary import KINDS, STATIC_STATUSES, TIME_STATUSES
from catalogue.time import VOCABULARY
from catalogue.time.coverage import coverage_lines, headline
from gui.help_window import HelpWindow
from gui.main_window import MainWindow

AS_OF = dt.date(2026, 1, 15)


@pytest.fixture
def window(qtbot: QtBot, minimal_data: Path) -> MainWindow:
    w = MainWindow(load_catalogue(minimal_data), as_of=AS_OF)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def open_help(qtbot: QtBot, window: MainWindow) -> tuple[HelpWindow, str]:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    help_window = window.help.help_window
    assert help_window is not None
    qtbot.waitUntil(help_window.isVisible)
    return help_window, help_window.text.toPlainText()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_f1_opens_the_help_from_the_help_menu(qtbot: QtBot, window: MainWindow) -> None:
    help_window, text = open_help(qtbot, window)
    assert help_window.windowTitle() == "ExportRef Help"
    assert text.startswith("ExportRef Help")
    help_menu = next(m.menu() for m in window.menuBar().actions() if m.text() == "&Help")
    assert help_menu.actions()[0] is window.actions_table.help  # type: ignore[union-attr]
    assert window.actions_table.help.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    help_window.close()
    again, _ = open_help(qtbot, window)
    assert again is help_window  # one help window, shown again


def test_every_action_with_keys_is_listed_with_its_keys(qtbot: QtBot, window: MainWindow) -> None:
    _, text = open_help(qtbot, window)
    lines = [line.strip() for line in text.split("Keyboard shortcuts")[-1].splitlines()]
    with_keys = [a for a in window.actions() if any(not k.isEmpty() for k in a.shortcuts())]
    assert len(with_keys) >= 15
    for action in with_keys:
        what = action.text().replace("&", "").rstrip("…")
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        assert what in lines, what
        row = lines[lines.index(what) + 1]  # a table's cells are lines of the plain text
        assert all(k in row.split(" or ") for k in keys), (what, row)
    keys_listed = {k for line in lines for k in line.split(" or ")}
    for key in ("Ctrl+F", "Ctrl+Shift+F", "F3", "Shift+F3", "F1", "Esc", "/"):
        assert key in keys_listed, key


def test_every_status_word_is_explained(qtbot: QtBot, window: MainWindow) -> None:
    _, text = open_help(qtbot, window)
    text = flat(text)
    assert len(VOCABULARY) == len(status_word_rows()) == 10
    for state, example, meaning in VOCABULARY:
        assert example in text and meaning in text, state
    for row in status_word_rows():
        assert row["badge"]["word"] in text
    # the same rows as Help → Status words…
    words = window.dialogs.show_status_words()
    from PySide6.QtWidgets import QTextBrowser

    shown = flat(words.findChild(QTextBrowser, "status_words_text").toPlainText())  # type: ignore[union-attr]
    table = shown.split("Means", 1)[1].split("In the tree", 1)[0]
    assert table in text
    words.close()


def test_the_query_language_and_its_filter_values(qtbot: QtBot, window: MainWindow) -> None:
    _, text = open_help(qtbot, window)
    words = set(re.split(r"[\s,()·]+", text))
    for name in _FILTER_NAMES:
        assert f"{name}:" in words, name
    for value in (*KINDS, *STATIC_STATUSES, *TIME_STATUSES, *window.cat.topics):
        assert value in words, value
    for example in ('"rare earth"', "OR", "NOT", "-germanium", "magnet*", "083201X", "2023年第23号", "镓"):
        assert example in text, example


def test_coverage_is_the_engine_s_own_figure(qtbot: QtBot, window: MainWindow) -> None:
    _, text = open_help(qtbot, window)
    text = flat(text)
    lines = coverage_lines(window.cat)
    assert lines
    for line in lines:
        assert line.removeprefix("coverage: ") in text
    assert headline(window.cat, AS_OF) in text


def test_the_help_window_finds_in_itself(qtbot: QtBot, window: MainWindow) -> None:
    help_window, _ = open_help(qtbot, window)
    help_window.activateWindow()
    qtbot.waitUntil(help_window.isActiveWindow)
    qtbot.keyClick(help_window.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = help_window.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "suspended")
    assert bar.match_count >= 3 and bar.status.text().startswith("1 of ")


def test_rendered_without_qt(minimal_data: Path) -> None:
    """The page is catalogue.present's, so the command line or a test can render it without a window."""
    cat = load_catalogue(minimal_data).catalogue
    page = render_help(cat, [("Back", "Alt+Left")], as_of=AS_OF)
    assert "<td>Back</td><td>Alt+Left</td>" in page and "Status words" in page
