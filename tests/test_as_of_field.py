"""The as-of date field: the forms a lawyer types or pastes, applied on Enter, focus-out or a calendar
pick — never half-typed — and a toolbar that does not move when the warning appears."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from gui.as_of_field import AsOfField
from gui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    w = MainWindow(load_catalogue(), as_of=dt.date(2026, 1, 15))
    qtbot.addWidget(w)
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


@pytest.mark.parametrize("typed", ["2025-06-01", "2025-6-1", "2025/6/1", "2025.6.1", "2025年6月1日"])
def test_typed_forms_apply_on_enter(window: MainWindow, qtbot: QtBot, typed: str) -> None:
    line = window.as_of_field.line
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if typed.isascii():
        qtbot.keyClicks(line, typed)
    else:
        line.insert(typed)  # as an input method or a paste delivers it (QTest cannot type 年)
    assert window.as_of == dt.date(2026, 1, 15)  # not applied while typing
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.as_of == dt.date(2025, 6, 1)
    assert line.text() == "2025-06-01"
    assert "2025-06-01" in window.detail.toPlainText() or window.current_id is None


def test_select_all_and_typing_replaces_the_whole_date(window: MainWindow, qtbot: QtBot) -> None:
    line = window.as_of_field.line
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)  # a click selects the whole date
    qtbot.keyClicks(line, "2025-06-01")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.as_of == dt.date(2025, 6, 1)  # the old year is not kept


def test_every_keystroke_does_not_rebuild_the_tree(window: MainWindow, qtbot: QtBot) -> None:
    builds: list[int] = []
    original = window.rebuild_tree
    window.rebuild_tree = lambda *a, **k: (builds.append(1), original(*a, **k))[1]  # type: ignore[method-assign]
    line = window.as_of_field.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "2025-06-01")
    assert builds == []
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert builds == [1]


def test_focus_out_applies_and_bad_text_is_refused_with_a_message(window: MainWindow, qtbot: QtBot) -> None:
    line = window.as_of_field.line
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "2024/2/30")
    window.search_field.setFocus()  # leaving the field applies what was typed
    QApplication.processEvents()
    assert window.as_of == dt.date(2026, 1, 15)
    assert window.as_of_field.error is not None and "no 2024-02-30" in window.as_of_field.error
    line.setFocus()
    line.selectAll()
    line.insert("2024年3月1日")
    window.search_field.setFocus()
    QApplication.processEvents()
    assert window.as_of == dt.date(2024, 3, 1) and window.as_of_field.error is None


def test_calendar_pick_applies(window: MainWindow) -> None:
    window.as_of_field.calendar.clicked.emit(QDate(2025, 7, 15))
    assert window.as_of == dt.date(2025, 7, 15)


def test_the_toolbar_does_not_move_when_the_warning_appears(window: MainWindow) -> None:
    before = (
        window.as_of_field.geometry(),
        window.as_of_warning.geometry(),
        window.actions_table.print_page.isVisible(),
    )
    window.set_as_of(dt.date(2026, 12, 5))  # after the verified-to date: the warning shows
    QApplication.processEvents()
    assert "after verified-to date" in window.as_of_warning.text()
    after = (
        window.as_of_field.geometry(),
        window.as_of_warning.geometry(),
        window.actions_table.print_page.isVisible(),
    )
    assert before == after


def test_field_alone(qtbot: QtBot) -> None:
    field = AsOfField(dt.date(2026, 1, 1))
    qtbot.addWidget(field)
    seen: list[dt.date] = []
    field.date_applied.connect(seen.append)
    field.line.setText("２０２５／６／１")  # full-width, pasted from a Chinese document
    field.apply_text()
    field.apply_text()  # the same date again is not a change
    assert seen == [dt.date(2025, 6, 1)]
