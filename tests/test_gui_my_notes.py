"""My notes and bookmarks, in the real window: every note and bookmark listed with the status engine's
words for the day, filtered as the user types, orphans marked, a row opening its page, and the list kept
current when a note is saved or a bookmark changes in any window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.time import status_of
from catalogue.userdata import UserData
from gui.main_window import MainWindow
from gui.my_notes import COLUMNS, MyNotesDialog

AS_OF = dt.date(2026, 1, 15)
ENTRY = "non-ferrous-metallurgy"  # 083201X · 有色金属冶金技术
MEASURE = "cn-mofcom-2023-23"
ZH_NOTE = "客户询问高纯金属镓的提取工艺\nSecond line about the process."
EN_NOTE = "Client B ships wafers to Germany: licence needed?"
ORPHAN_NOTE = "gone-from-this-data"
ORPHAN_MARK = "bookmark-from-an-older-pack"


@pytest.fixture
def window(qtbot: QtBot, minimal_data: Path, tmp_path: Path) -> MainWindow:
    user = UserData(tmp_path / "user")
    user.set_note(ENTRY, ZH_NOTE)
    user.set_note(MEASURE, EN_NOTE)
    user.set_note(ORPHAN_NOTE, "kept from an older data pack")
    user.add_bookmark(MEASURE)
    user.add_bookmark(ORPHAN_MARK)
    window = MainWindow(load_catalogue(minimal_data), userdata=user, as_of=AS_OF)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_list(qtbot: QtBot, window: MainWindow) -> MyNotesDialog:
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.other_windows.my_notes.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def cells(dialog: MyNotesDialog) -> dict[str, dict[str, str]]:
    """The rows shown, by id: each column's text."""
    proxy = dialog.proxy
    return {
        ident: {name: proxy.index(r, c).data() for c, name in enumerate(COLUMNS)}
        for r, ident in enumerate(dialog.ids())
    }


def type_cjk(widget: QWidget, text: str) -> None:
    """Deliver text the way an input method does: as a commit, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_every_note_and_bookmark_is_listed_with_the_days_status(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_list(qtbot, window)
    rows = cells(dialog)
    assert set(rows) == {ENTRY, MEASURE, ORPHAN_NOTE, ORPHAN_MARK}
    cat = window.cat
    for ident in (ENTRY, MEASURE):
        status = status_of(cat.get(ident), AS_OF, cat)
        assert status is not None
        assert rows[ident]["status"] == status.label  # the status engine's words, as the page says them
    assert rows[ENTRY]["record"] == "083201X · 有色金属冶金技术"
    assert rows[ENTRY]["note"] == "客户询问高纯金属镓的提取工艺"  # the first line
    assert rows[ENTRY]["bookmarked"] == ""
    assert rows[MEASURE]["bookmarked"] == "★"
    assert rows[MEASURE]["note"] == EN_NOTE
    header = dialog.model.horizontalHeaderItem(1)
    assert header is not None and header.text() == "Status on 2026-01-15"
    # Orphans are listed and marked, not hidden.
    for ident in (ORPHAN_NOTE, ORPHAN_MARK):
        assert rows[ident]["status"] == "not in this data set (kept)"
    assert rows[ORPHAN_MARK]["bookmarked"] == "★" and rows[ORPHAN_MARK]["note"] == ""
    summary = dialog.summary.text()
    assert "3 notes · 2 bookmarks · 2 not in this data set" in summary
    assert "private, stored only on this computer" in summary


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("client", {MEASURE}),  # the note's text, any case
        ("CLIENT germany", {MEASURE}),  # every word, anywhere
        ("083201x", {ENTRY}),  # the record's number
        ("Announcement", {MEASURE}),  # the record's title, in English
        ("second line", {ENTRY}),  # beyond the note's first line
        ("older", {ORPHAN_NOTE, ORPHAN_MARK}),  # a note's text; an orphan's id, its only title
        ("no such words", set()),
    ],
)
def test_the_filter_finds_note_text_and_titles(
    qtbot: QtBot, window: MainWindow, typed: str, expected: set[str]
) -> None:
    dialog = open_list(qtbot, window)
    qtbot.keyClicks(dialog.filter, typed)
    assert set(dialog.ids()) == expected
    assert f"{len(expected)} of 4 shown" in dialog.summary.text()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("镓", {ENTRY, MEASURE}),  # inside a sentence of the note; inside the measure's title 关于对镓、锗…
        ("金属镓 工艺", {ENTRY}),
        ("提取 鎵", {ENTRY}),  # traditional for simplified
        ("有色金属", {ENTRY}),  # the record's title
        ("锗相关", {MEASURE}),  # the measure's Chinese title, though its row shows the short one
    ],
)
def test_the_filter_finds_a_chinese_word_inside_a_sentence(
    qtbot: QtBot, window: MainWindow, typed: str, expected: set[str]
) -> None:
    dialog = open_list(qtbot, window)
    dialog.filter.setFocus()
    type_cjk(dialog.filter, typed)
    assert dialog.filter.text() == typed
    assert set(dialog.ids()) == expected


def test_notes_only_and_bookmarks_only(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_list(qtbot, window)
    dialog.show_choice.setCurrentIndex(1)
    assert set(dialog.ids()) == {ENTRY, MEASURE, ORPHAN_NOTE}
    dialog.show_choice.setCurrentIndex(2)
    assert set(dialog.ids()) == {MEASURE, ORPHAN_MARK}
    dialog.show_choice.setCurrentIndex(0)
    assert len(dialog.ids()) == 4


def test_a_row_chosen_opens_its_page(qtbot: QtBot, window: MainWindow) -> None:
    window.open_id(MEASURE)
    dialog = open_list(qtbot, window)
    row = dialog.ids().index(ENTRY)
    rect = dialog.view.visualRect(dialog.proxy.index(row, 0))
    with qtbot.waitSignal(window.entry_shown) as shown:
        qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args == [ENTRY]
    assert dialog.isVisible()  # the list stays open beside the page
    window.actions_table.back.trigger()
    assert window.current_id == MEASURE  # a row chosen is a page visited
    # Enter opens the row under the cursor too.
    dialog.view.setFocus()
    with qtbot.waitSignal(window.entry_shown) as shown:
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert shown.args == [ENTRY]


def test_choosing_a_row_while_a_note_is_being_typed_saves_it_and_keeps_the_list_whole(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.open_id(MEASURE)
    dialog = open_list(qtbot, window)
    window.notes.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.notes.editor.insertPlainText(" (typed, not saved yet)")
    row = dialog.ids().index(ENTRY)
    rect = dialog.view.visualRect(dialog.proxy.index(row, 0))
    with qtbot.waitSignal(window.entry_shown):
        qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # Leaving the page saved its note, which refilled the list while the row was being chosen.
    assert window.userdata.note(MEASURE) == EN_NOTE + " (typed, not saved yet)"
    assert cells(dialog)[MEASURE]["note"] == EN_NOTE + " (typed, not saved yet)"
    assert dialog.current_id() == ENTRY and window.current_id == ENTRY
    assert len(dialog.ids()) == 4


def test_an_orphan_row_opens_nothing_and_says_why(qtbot: QtBot, window: MainWindow) -> None:
    window.open_id(ENTRY)
    dialog = open_list(qtbot, window)
    assert dialog.select_id(ORPHAN_NOTE)
    assert window.current_id == ENTRY
    assert f"Not in the data: {ORPHAN_NOTE}" in window.statusBar().currentMessage()


def test_a_row_opens_in_a_new_window(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_list(qtbot, window)
    row = dialog.ids().index(MEASURE)
    rect = dialog.view.visualRect(dialog.proxy.index(row, 0))
    dialog.view.customContextMenuRequested.emit(rect.center())
    (menu,) = [m for m in dialog.view.findChildren(QMenu, "open_menu") if m.isVisible()]
    (action,) = [a for a in menu.actions() if a.text() == "Open in New Window"]
    action.trigger()
    menu.close()
    assert [w.current_id for w in window.other_windows.reading_windows.windows()] == [MEASURE]
    dialog.view.setCurrentIndex(dialog.proxy.index(-1, 0))
    assert not dialog.new_window_button.isEnabled()  # nothing chosen, nothing to open
    dialog.select_id(ENTRY)
    dialog.new_window_button.click()
    assert [w.current_id for w in window.other_windows.reading_windows.windows()] == [MEASURE, ENTRY]


def test_the_list_follows_notes_and_bookmarks_changed_in_any_window(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_list(qtbot, window)
    # A note written under a page, in the main window.
    other = "traditional-architecture-restricted"
    window.open_id(other)
    window.notes.editor.setFocus()
    window.notes.editor.insertPlainText("new note, main window")
    window.notes.save()
    assert cells(dialog)[other]["note"] == "new note, main window"
    # A bookmark set with Ctrl+D, and removed again.
    window.actions_table.bookmark.trigger()
    assert cells(dialog)[other]["bookmarked"] == "★"
    window.actions_table.bookmark.trigger()
    assert cells(dialog)[other]["bookmarked"] == ""
    # A note changed and a bookmark set in a second window.
    second = window.other_windows.open_in_new_window(ENTRY)
    assert second is not None
    second.notes.editor.moveCursor(QTextCursor.MoveOperation.Start)
    second.notes.editor.insertPlainText("Changed first line\n")
    second.notes.save()
    second.bookmark.trigger()
    assert cells(dialog)[ENTRY]["note"] == "Changed first line"
    assert cells(dialog)[ENTRY]["bookmarked"] == "★"
    # A bookmark removed from the Bookmarks list (Delete) while another page is shown.
    window.open_id(other)
    window.bookmarks.list.setCurrentRow(0)
    qtbot.keyClick(window.bookmarks.list, Qt.Key.Key_Delete)
    assert cells(dialog)[MEASURE]["bookmarked"] == ""


def test_a_new_date_gives_the_status_of_that_day(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_list(qtbot, window)
    day = dt.date(2023, 9, 1)
    window.set_as_of(day)
    window.as_of_field.date_applied.emit(day)
    header = dialog.model.horizontalHeaderItem(1)
    assert header is not None and header.text() == "Status on 2023-09-01"
    status = status_of(window.cat.get(MEASURE), day, window.cat)
    assert status is not None and cells(dialog)[MEASURE]["status"] == status.label


def test_a_list_closed_meanwhile_shows_what_changed_when_it_opens_again(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_list(qtbot, window)
    dialog.close()
    window.userdata.add_bookmark(ENTRY)
    window.bookmarks.changed.emit(ENTRY)
    window.set_as_of(dt.date(2023, 9, 1))
    window.as_of_field.date_applied.emit(dt.date(2023, 9, 1))
    assert open_list(qtbot, window) is dialog
    assert cells(dialog)[ENTRY]["bookmarked"] == "★"
    header = dialog.model.horizontalHeaderItem(1)
    assert header is not None and header.text() == "Status on 2023-09-01"


def test_ctrl_f_in_the_list_goes_to_its_filter(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_list(qtbot, window)
    dialog.view.setFocus()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert dialog.filter.hasFocus()
