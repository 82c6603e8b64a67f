"""Find in page, in the real window offscreen: Ctrl+F stays the search field; Ctrl+Shift+F (or "/" in
the page) opens the find bar; matches ignore case, Chinese works, F3 and Shift+F3 step through them
with "n of m", "Not found" says so, Esc closes the bar and clears the highlights."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from gui.find_bar import match_pattern
from gui.main_window import MainWindow

AS_OF = dt.date(2026, 1, 15)
ENTRY = "non-ferrous-metallurgy"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, minimal_data: Path) -> MainWindow:
    w = MainWindow(load_catalogue(minimal_data), as_of=AS_OF)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    # Shortcuts only reach the active window; offscreen, nothing activates it unasked.
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.open_id(ENTRY)
    return w


def occurrences(window: MainWindow, word: str) -> int:
    return window.detail.toPlainText().lower().count(word.lower())


def test_ctrl_f_is_still_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    window.detail.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search_field
    assert not window.reading.find_bar.isVisible()


def test_find_in_page_counts_steps_and_wraps(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.reading.find_bar
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "GALLIUM")  # any case
    total = occurrences(window, "gallium")
    assert total >= 3
    assert bar.match_count == total
    assert len(window.detail.extraSelections()) == total  # every match highlighted
    assert bar.status.text() == f"1 of {total}"
    assert window.detail.textCursor().selectedText().lower() == "gallium"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.status.text() == f"2 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert bar.status.text() == f"{total} of {total}"  # back past the first: the last
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.status.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert bar.status.text() == f"{total} of {total}"


def test_chinese_and_phrases_are_found(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.reading.find_bar
    window.actions_table.find_in_page.trigger()
    bar.field.insert("金属镓")  # as typed through an input method (QTest cannot type Chinese)
    assert bar.match_count == occurrences(window, "金属镓") >= 1
    assert window.detail.textCursor().selectedText() == "金属镓"
    bar.field.clear()
    qtbot.keyClicks(bar.field, "alumina   MOTHER liquor")  # extra spaces match the page's one
    assert bar.match_count == 1
    assert window.detail.textCursor().selectedText() == "alumina mother liquor"


def test_not_found_says_so_and_esc_closes(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.reading.find_bar
    window.actions_table.find_in_page.trigger()
    qtbot.keyClicks(bar.field, "zzqx")
    assert bar.status.text() == "Not found" and bar.match_count == 0
    assert window.detail.extraSelections() == []
    bar.field.clear()
    qtbot.keyClicks(bar.field, "gallium")
    assert window.detail.extraSelections()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.detail.extraSelections() == []
    assert QApplication.focusWidget() is window.detail


def test_slash_in_the_page_and_f3_with_the_bar_closed(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.reading.find_bar
    window.detail.setFocus()
    qtbot.keyClick(window.detail, Qt.Key.Key_Slash)
    assert bar.isVisible() and QApplication.focusWidget() is bar.field
    qtbot.keyClicks(bar.field, "gallium")
    window.detail.setFocus()  # back in the page, as a click there puts it
    qtbot.keyClick(window.detail, Qt.Key.Key_Escape)  # Esc from the page closes it too
    assert not bar.isVisible()
    window.detail.setFocus()
    qtbot.keyClick(window.detail, Qt.Key.Key_F3)  # opens again with the last words
    assert bar.isVisible() and bar.field.text() == "gallium" and bar.match_count >= 1


def test_the_count_follows_the_page(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.reading.find_bar
    window.actions_table.find_in_page.trigger()
    qtbot.keyClicks(bar.field, "gallium")
    before = bar.match_count
    window.open_id("cn-mofcom-2023-23")
    assert bar.isVisible() and bar.match_count == occurrences(window, "gallium") != before
    assert bar.status.text() == f"{bar.match_count} found"
    window.actions_table.find_next.trigger()
    assert bar.status.text() == f"1 of {bar.match_count}"


def test_the_edit_menu_offers_find_in_page_with_its_keys(window: MainWindow) -> None:
    a = window.actions_table
    assert a.find_in_page.shortcut().toString() == "Ctrl+Shift+F"
    assert "F3" in [k.toString() for k in a.find_next.shortcuts()]
    assert "Shift+F3" in [k.toString() for k in a.find_previous.shortcuts()]
    edit = next(m.menu() for m in window.menuBar().actions() if m.text() == "&Edit")
    assert [a.find, a.find_in_page, a.find_next, a.find_previous] == edit.actions()[:4]  # type: ignore[union-attr]


def test_the_pattern_is_literal() -> None:
    pattern = match_pattern("a.b (c)*")
    assert pattern is not None and pattern.isValid()
    assert pattern.match("A.B  (C)*").hasMatch() and not pattern.match("axb (c)").hasMatch()
    assert match_pattern("   ") is None


def test_a_second_window_finds_in_its_own_page(qtbot: QtBot, window: MainWindow) -> None:
    second = window.other_windows.open_in_new_window("cn-mofcom-2023-23")
    assert second is not None  # closed below, and deleted then (WA_DeleteOnClose)
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    qtbot.keyClick(second, Qt.Key.Key_F, CTRL | SHIFT)
    bar = second.reading.find_bar
    assert bar.isVisible() and not window.reading.find_bar.isVisible()
    qtbot.keyClicks(bar.field, "gallium")
    assert bar.match_count == second.detail.toPlainText().lower().count("gallium") >= 1
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.status.text() == f"{min(2, bar.match_count)} of {bar.match_count}"
    edit = next(m.menu() for m in second.menuBar().actions() if m.text() == "&Edit")
    assert [second.find_in_page, second.find_next, second.find_previous] == edit.actions()[:3]  # type: ignore[union-attr]
    second.close()
