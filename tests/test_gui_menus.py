"""Every menu of the real main window opens, and every action in it runs, with no exception and no Qt
warning (pytest-qt fails the test on an exception raised in a slot and, by pyproject.toml's
`qt_log_level_fail`, on a Qt warning).

Menus are opened as a user opens them, with `popup()` (offscreen, nothing is drawn), so that
`aboutToShow` fills them first. Actions that ask something in a modal dialog (print, preview, export)
are answered Cancel by a timer, as a user would close the dialog; the test records which ones asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from gui.main_window import MainWindow

AS_OF = dt.date(2026, 1, 15)
ENTRY = "non-ferrous-metallurgy"
OTHER = "cn-mofcom-2023-23"
NO_BOOKMARKS = "(no bookmarks yet — Ctrl+D adds the page you are reading)"


@pytest.fixture
def window(qtbot: QtBot, minimal_data: Path) -> MainWindow:
    window = MainWindow(load_catalogue(minimal_data), as_of=AS_OF)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_menu(qtbot: QtBot, menu: QMenu) -> list[QAction]:
    """Open `menu` as a click on its title does, and return what it shows; then close it."""
    with qtbot.waitSignal(menu.aboutToShow, timeout=2000):
        menu.popup(QPoint(0, 0))
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    shown = list(menu.actions())
    menu.hide()
    return shown


def all_menus(window: MainWindow) -> list[QMenu]:
    """The menu bar's menus and their submenus, depth first."""
    found: list[QMenu] = []

    def visit(actions: list[QAction]) -> None:
        for action in actions:
            sub = action.menu()
            if isinstance(sub, QMenu):
                found.append(sub)
                visit(sub.actions())

    visit(window.menuBar().actions())
    return found


def texts(actions: list[QAction]) -> list[str]:
    return [a.text() for a in actions if not a.isSeparator()]


class DialogCloser:
    """Answers Cancel to every dialog that opens, as a user closing it would, and records each one."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._close_open_dialogs)

    def _close_open_dialogs(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                self.seen.append(type(widget).__name__)
                widget.reject()

    def __enter__(self) -> DialogCloser:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()


@pytest.fixture
def closer() -> Iterator[DialogCloser]:
    with DialogCloser() as c:
        yield c


def test_bookmarks_menu_opens_again_and_again(qtbot: QtBot, window: MainWindow) -> None:
    """Regression: each opening after the first raised "Internal C++ object (QAction) already deleted"
    (QMenu.clear() dropped the dock's own toggle action), on a fresh profile too."""
    menu = window.bookmarks_menu
    for _ in range(3):
        assert texts(open_menu(qtbot, menu)) == ["Bookmark", "Bookmarks list", "My notes and bookmarks…", NO_BOOKMARKS]
    window.open_id(ENTRY)
    window.actions_table.bookmark.trigger()
    for _ in range(2):
        shown = open_menu(qtbot, menu)
        assert texts(shown) == ["Bookmark", "Bookmarks list", "My notes and bookmarks…", "083201X · 有色金属冶金技术"]
    # The shared actions still work after the menu was refilled, and a bookmark row opens its page.
    window.bookmarks.toggle_view.trigger()
    assert window.bookmarks.dock.isVisible()
    window.open_id(OTHER)
    with qtbot.waitSignal(window.entry_shown) as opened:
        shown[-1].trigger()
    assert opened.args == [ENTRY]


def test_every_menu_opens_and_every_action_runs(qtbot: QtBot, window: MainWindow, closer: DialogCloser) -> None:
    # A page with history behind it and a bookmark, so that Back, Forward, Cite, Print and the
    # bookmark rows all have something to act on.
    window.open_id(OTHER)
    window.open_id(ENTRY)
    window.userdata.toggle_bookmark(OTHER)
    menus = all_menus(window)
    assert [m.title() for m in menus] == [
        "&File",
        "Search results",
        "Bookmarks",
        "&Edit",
        "&View",
        "&Language",
        "&Go",
        "&Bookmarks",
        "&Help",
    ]
    asked: dict[str, list[str]] = {}
    triggered: dict[int, QAction] = {}  # holding the actions keeps their ids from being reused
    quit_action = window.actions_table.quit

    def run(action: QAction, where: str) -> None:
        triggered[id(action)] = action
        if action is quit_action:
            return  # last, below: it closes the window
        before = len(closer.seen)
        action.trigger()
        qtbot.waitUntil(
            lambda: not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        )
        if len(closer.seen) > before:
            asked[f"{where} > {action.text()}"] = closer.seen[before:]

    for menu in menus:
        if menu.objectName() == "language_menu":
            continue  # switching language replaces the window (tests/test_gui_chinese.py)
        for action in open_menu(qtbot, menu):
            if not action.isSeparator() and action.menu() is None and id(action) not in triggered:
                run(action, menu.title())
    # Actions reached only by their shortcut are run too.
    for action in window.actions():
        if id(action) not in triggered and not action.objectName().startswith("language_"):
            run(action, "shortcut")
    # The print options come first for every output action; Cancel there ends it quietly.
    outputs = [
        "&File > Print…",
        "&File > Print preview…",
        "&File > Export PDF…",
        *(
            f"{scope} > {kind}"
            for scope in ("Search results", "Bookmarks")
            for kind in ("Print…", "Print preview…", "Export PDF…")
        ),
    ]
    assert {k: v for k, v in asked.items() if k in outputs} == {k: ["MatterDialog"] for k in outputs}
    assert set(asked) - set(outputs) == {
        "&File > Data sets…",
        "&Help > ExportRef Help",
        "&Help > Coverage and disclaimer",
        "&Help > About ExportRef",
        "&Help > Status words…",
        "&View > My notes and bookmarks…",
    }
    # File > Open in New Window opened a second window on the page shown; quitting closes it too.
    assert [w.current_id for w in window.other_windows.reading_windows.windows()] == [ENTRY]
    second = window.other_windows.reading_windows.windows()[0]
    quit_action.trigger()
    assert not window.isVisible()
    assert not second.isVisible()
