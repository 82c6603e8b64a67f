"""Open in New Window, with real windows: a second reading window on the same data and date, with its own
history; notes and bookmarks consistent between windows; every such window closed with the main window,
deleted when closed, and the main window's settings left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.userdata import UserData
from gui.main_window import MainWindow
from gui.reading_window import ReadingWindow
from gui.settings import Settings, settings_path
from gui.tree_model import ID_ROLE as TREE_ID_ROLE

from helpers import click_link

AS_OF = dt.date(2026, 1, 15)
ENTRY = "non-ferrous-metallurgy"  # 083201X; its page links to the measure below
MEASURE = "cn-mofcom-2023-23"
OTHER = "traditional-architecture-restricted"


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    return tmp_path / "user"


@pytest.fixture
def window(qtbot: QtBot, minimal_data: Path, user_dir: Path) -> MainWindow:
    window = MainWindow(load_catalogue(minimal_data), userdata=UserData(user_dir), as_of=AS_OF)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def delete_closed_windows() -> None:
    """Run the deletions a closed window asked for (WA_DeleteOnClose), as the event loop would."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def context_menu(widget: QWidget, pos: QPoint, name: str) -> QMenu:
    """Ask `widget` for its context menu at `pos`, as a right-click does, and return the menu it shows."""
    before = set(widget.findChildren(QMenu, name))
    widget.customContextMenuRequested.emit(pos)
    (menu,) = [m for m in widget.findChildren(QMenu, name) if m not in before]
    assert menu.isVisible()
    return menu


def choose(menu: QMenu, text: str) -> None:
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()
    menu.close()


def type_note(panel_editor: QWidget, text: str) -> None:
    editor = panel_editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)  # type: ignore[attr-defined]
    editor.insertPlainText(text)  # type: ignore[attr-defined]


def test_ctrl_n_opens_the_page_in_a_second_window_on_the_same_date_with_its_own_history(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.open_id(OTHER)
    window.open_id(ENTRY)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (second,) = window.other_windows.reading_windows.windows()
    qtbot.waitExposed(second)
    assert second.current_id == ENTRY and second.as_of == AS_OF
    assert "(as in the main window)" in second.as_of_label.text() and AS_OF.isoformat() in second.as_of_label.text()
    assert second.windowTitle().endswith("— ExportRef (second window)")
    # Its links and its Back are its own; the main window's page and history do not move.
    click_link(qtbot, second.detail, f"entry:{MEASURE}")
    assert second.current_id == MEASURE
    assert window.current_id == ENTRY
    second.back.trigger()
    assert second.current_id == ENTRY
    assert not second.back.isEnabled() and second.forward.isEnabled()
    window.actions_table.back.trigger()
    assert window.current_id == OTHER


def test_a_second_window_follows_the_main_windows_date(qtbot: QtBot, window: MainWindow) -> None:
    window.open_id(ENTRY)
    second = window.other_windows.open_in_new_window(MEASURE)
    assert second is not None
    day = dt.date(2023, 9, 1)
    window.set_as_of(day)
    window.as_of_field.date_applied.emit(day)
    assert second.as_of == day
    assert day.isoformat() in second.as_of_label.text()
    assert f"Status on {day.isoformat()}" in second.detail.toPlainText()


def test_nothing_to_open_in_a_new_window_when_the_page_is_no_record(qtbot: QtBot, window: MainWindow) -> None:
    window.show_no_results("nothing")
    assert not window.actions_table.new_window.isEnabled()
    window.open_id(ENTRY)
    assert window.actions_table.new_window.isEnabled()
    assert window.other_windows.open_in_new_window("no-such-record") is None
    assert window.other_windows.reading_windows.windows() == []
    assert "Not in the data: no-such-record" in window.statusBar().currentMessage()


def test_the_tree_the_bookmarks_and_the_pages_links_offer_open_in_new_window(qtbot: QtBot, window: MainWindow) -> None:
    window.open_id(ENTRY)
    # A row of the tree.
    index = window.tree.tree_model.index_for_id(ENTRY)
    assert index.isValid()
    window.tree.scrollTo(index)
    menu = context_menu(window.tree, window.tree.visualRect(index).center(), "open_menu")
    assert [a.text() for a in menu.actions()] == ["Open", "Open in New Window"]
    choose(menu, "Open in New Window")
    assert [w.current_id for w in window.other_windows.reading_windows.windows()] == [ENTRY]
    # A branch (Prohibited, a sector) is no record: no menu.
    model = window.tree.tree_model
    top = model.index(0, 0)
    branch = next(
        model.index(r, 0, top) for r in range(model.rowCount(top)) if not model.index(r, 0, top).data(TREE_ID_ROLE)
    )
    window.tree.scrollTo(branch)
    window.tree.customContextMenuRequested.emit(window.tree.visualRect(branch).center())
    assert not [m for m in window.tree.findChildren(QMenu, "open_menu") if m.isVisible()]
    # A row of the bookmarks list.
    window.userdata.add_bookmark(MEASURE)
    window.bookmarks.refresh()
    window.bookmarks.toggle_view.trigger()
    rect = window.bookmarks.list.visualItemRect(window.bookmarks.list.item(0))
    choose(context_menu(window.bookmarks.list, rect.center(), "open_menu"), "Open in New Window")
    assert [w.current_id for w in window.other_windows.reading_windows.windows()] == [ENTRY, MEASURE]
    # A link on the page: Open and Open in New Window come before the usual Copy and Select All.
    view = window.detail
    href = f"entry:{MEASURE}"
    cursor = view.document().find("2023 No. 23")
    while not cursor.isNull() and cursor.charFormat().anchorHref() != href:
        cursor = view.document().find("2023 No. 23", cursor)
    assert not cursor.isNull(), "the page links to the measure"
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    pos = view.cursorRect(cursor).center() - QPoint(3, 0)
    assert view.anchorAt(pos) == href
    menu = context_menu(view, pos, "page_menu")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["Open", "Open in New Window"]
    assert any("Copy" in t for t in texts[2:])
    choose(menu, "Open in New Window")
    assert [w.current_id for w in window.other_windows.reading_windows.windows()] == [ENTRY, MEASURE, MEASURE]
    # Elsewhere on the page, the menu is the usual one.
    plain = context_menu(view, QPoint(2, 2), "page_menu")
    assert "Open in New Window" not in [a.text() for a in plain.actions()]
    plain.close()
    # Open, from the tree's menu, opens in the main window.
    other = window.tree.tree_model.index_for_id(MEASURE)
    assert other.isValid()
    window.tree.scrollTo(other)
    choose(context_menu(window.tree, window.tree.visualRect(other).center(), "open_menu"), "Open")
    assert window.current_id == MEASURE


def test_a_note_saved_in_one_window_is_shown_in_the_other(qtbot: QtBot, window: MainWindow, user_dir: Path) -> None:
    window.open_id(ENTRY)
    second = window.other_windows.open_in_new_window(ENTRY)
    assert second is not None
    type_note(second.notes.editor, "typed in the second window")
    second.notes.save()
    assert window.notes.editor.toPlainText() == "typed in the second window"
    assert "typed in the second window" in window.detail.toPlainText()  # the page shows the note too
    # And the other way round.
    type_note(window.notes.editor, " — and in the first")
    window.notes.save()
    assert second.notes.editor.toPlainText() == "typed in the second window — and in the first"
    assert UserData(user_dir).note(ENTRY) == "typed in the second window — and in the first"


def test_a_note_typed_in_two_windows_at_once_keeps_both(qtbot: QtBot, window: MainWindow, user_dir: Path) -> None:
    window.userdata.set_note(ENTRY, "base")
    window.open_id(ENTRY)
    second = window.other_windows.open_in_new_window(ENTRY)
    assert second is not None
    type_note(window.notes.editor, " + typed in the first")
    type_note(second.notes.editor, " + typed in the second")
    second.notes.save()  # the first window, which has typed too, merges at once
    saved = UserData(user_dir).note(ENTRY) or ""
    assert "typed in the first" in saved and "typed in the second" in saved, saved
    assert window.notes.editor.toPlainText() == saved
    assert second.notes.editor.toPlainText() == saved


def test_a_note_saved_by_another_process_reaches_the_second_window(
    qtbot: QtBot, window: MainWindow, user_dir: Path
) -> None:
    window.open_id(MEASURE)
    second = window.other_windows.open_in_new_window(ENTRY)
    assert second is not None
    UserData(user_dir).set_note(ENTRY, "saved by another ExportRef")  # another process, same folder
    # The main window watches the folder; what it reads again, it passes on.
    qtbot.waitUntil(lambda: second.notes.editor.toPlainText() == "saved by another ExportRef", timeout=5000)
    assert "saved by another ExportRef" in second.detail.toPlainText()


def test_a_bookmark_set_in_a_second_window_shows_in_the_main_window(qtbot: QtBot, window: MainWindow) -> None:
    window.open_id(ENTRY)
    second = window.other_windows.open_in_new_window(ENTRY)
    assert second is not None
    second.bookmark.trigger()
    assert window.userdata.is_bookmarked(ENTRY)
    assert window.actions_table.bookmark.isChecked()
    assert [
        window.bookmarks.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(window.bookmarks.list.count())
    ] == [ENTRY]
    assert "★ Bookmarked" in window.detail.toPlainText()
    window.actions_table.bookmark.trigger()  # removed in the main window
    assert not second.bookmark.isChecked()
    assert "★ Bookmarked" not in second.detail.toPlainText()


def test_closed_windows_are_deleted_and_the_main_window_closes_the_rest(
    qtbot: QtBot, window: MainWindow, user_dir: Path
) -> None:
    window.open_id(ENTRY)
    opened = [window.other_windows.open_in_new_window(i) for i in (ENTRY, MEASURE, OTHER)]
    assert all(isinstance(w, ReadingWindow) for w in opened)
    first, second, third = opened
    assert first is not None and second is not None and third is not None
    # Each opens a little apart from the one before, not on top of it.
    assert len({w.geometry().topLeft().toTuple() for w in opened if w is not None}) == 3
    first.close()
    second.close()
    delete_closed_windows()
    assert not shiboken6.isValid(first) and not shiboken6.isValid(second)
    assert window.other_windows.reading_windows.windows() == [third]
    assert window.findChildren(ReadingWindow) == [third]
    # A note typed in the last one and not yet saved is saved when the main window closes it.
    type_note(third.notes.editor, "typed just before quitting")
    window.close()
    assert not third.isVisible()
    delete_closed_windows()
    assert not shiboken6.isValid(third)
    assert UserData(user_dir).note(OTHER) == "typed just before quitting"


def test_a_second_window_leaves_the_main_windows_settings_alone(qtbot: QtBot, window: MainWindow) -> None:
    window.open_id(ENTRY)
    window.save_settings()
    before = settings_path().read_bytes()
    second = window.other_windows.open_in_new_window(MEASURE)
    assert second is not None
    second.setGeometry(5, 5, 600, 400)
    click_link(qtbot, second.detail, "entry:non-ferrous-metallurgy")  # a page of its own choosing
    second.open_id(OTHER)
    second.close()
    assert settings_path().read_bytes() == before  # closing it wrote nothing
    window.close()
    saved = Settings()
    assert saved.last_entry == ENTRY  # the main window's page, not the second window's
    assert saved.geometry == window.saveGeometry()


def test_the_second_windows_menus_open_and_their_commands_run(qtbot: QtBot, window: MainWindow) -> None:
    window.open_id(ENTRY)
    second = window.other_windows.open_in_new_window(ENTRY)
    assert second is not None
    shown: dict[str, list[str]] = {}
    for action in second.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        with qtbot.waitSignal(menu.aboutToShow):
            menu.popup(QPoint(0, 0))
        shown[menu.title()] = [a.text() for a in menu.actions() if not a.isSeparator()]
        menu.hide()
    assert shown == {
        "&File": ["Open in New Window", "Print…", "Print preview…", "Export PDF…", "Close window"],
        "&Edit": ["Find in page…", "Find next", "Find previous", "Copy citation", "Edit note"],
        "&Go": ["Back", "Forward"],
        "&Bookmarks": ["Bookmark"],
    }
    # The commands that need no dialog (printing asks first, as in the main window).
    second.cite.trigger()
    citation = QApplication.clipboard().text()
    assert "083201X" in citation and "Status on 2026-01-15" in citation
    second.new_window.trigger()
    assert len(window.other_windows.reading_windows.windows()) == 2
    second.activateWindow()
    qtbot.waitUntil(second.isActiveWindow)
    second.edit_note.trigger()
    assert second.notes.editor.hasFocus()
    second.close_window.trigger()
    assert not second.isVisible()
