"""The window's commands: the table of actions, and the menus and toolbar that show them.

`WindowActions` makes every QAction once — text, shortcut, icon, whether it is checkable — and adds it
to the window, so its shortcut works even when no menu or toolbar shows it. What each command does
is wired by MainWindow; where each appears is `build_menus` and `NavigationBar`. The print, preview
and export commands, for the page and in the File menu's Search results and Bookmarks submenus, all
emit `output_requested(kind, scope)`.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolBar, QToolButton, QWidget

from catalogue.resources import MissingResource, resource_path
from gui.as_of_field import AsOfField, WarningLabel
from gui.search_panel import SearchField

log = logging.getLogger(__name__)


def icon(name: str) -> QIcon:
    try:
        return QIcon(str(resource_path("icons", f"{name}.svg")))
    except MissingResource:
        log.warning("icon %s is missing from resources/icons", name)
        return QIcon()


class WindowActions(QObject):
    """Every command of the main window, by name."""

    output_requested = Signal(str, str)  # kind ("print", "preview", "pdf"), scope ("page", "results", "bookmarks")
    cite_requested = Signal(str)  # the citation's language: "zh", "en", or "" for the window's

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        key = QKeySequence.StandardKey
        self.back = self._make(self.tr("Back"), key.Back, "back")
        self.forward = self._make(self.tr("Forward"), key.Forward, "forward")
        self.find = self._make(self.tr("Find…"), key.Find, "search")
        # Find in the page: Ctrl+F is the search field's, as the toolbar shows (gui.find_bar).
        self.find_in_page = self._make(self.tr("Find in page…"), "Ctrl+Shift+F")
        self.find_next = self._make(self.tr("Find next"))
        self.find_next.setShortcuts(key.FindNext)
        self.find_previous = self._make(self.tr("Find previous"))
        self.find_previous.setShortcuts(key.FindPrevious)
        self.bookmark = self._make(self.tr("Bookmark"), "Ctrl+D", "bookmark", checkable=True)
        self.cite = self._make(self.tr("Copy citation"), "Ctrl+Shift+C", "cite")
        # The citation in each profession's form, whatever the window's language.
        self.cite_zh = self._make(self.tr("Copy citation in Chinese"))
        self.cite_en = self._make(self.tr("Copy citation in English"))
        self.print_page = self._make(self.tr("Print…"), key.Print, "print")
        self.preview_page = self._make(self.tr("Print preview…"))
        self.export_page = self._make(self.tr("Export PDF…"), "Ctrl+Shift+E", "pdf")
        self.quit = self._make(self.tr("Quit"), key.Quit)
        self.data_sets = self._make(self.tr("Data sets…"))
        self.group_by_topic = self._make(self.tr("Group by topic"), checkable=True)
        self.show_historical = self._make(self.tr("Show historical entries"), checkable=True)
        self.show_english = self._make(self.tr("Show our English translations"), checkable=True)
        self.show_english.setStatusTip(
            self.tr("Beside the official Chinese, show ExportRef's own (unofficial) English translations.")
        )
        self.as_of_today = self._make(self.tr("As of today"), "Ctrl+T")
        self.help = self._make(self.tr("ExportRef Help"), key.HelpContents)
        self.about = self._make(self.tr("About ExportRef"))
        self.coverage_notice = self._make(self.tr("Coverage and disclaimer"))
        self.status_words = self._make(self.tr("Status words…"))
        self.edit_note = self._make(self.tr("Edit note"), "Ctrl+Shift+N")
        self.go_to_contents = self._make(self.tr("Go to contents"), "Ctrl+L")
        self.changes = self._make(self.tr("Changes between dates…"), "Ctrl+Shift+D")
        self.timeline = self._make(self.tr("Timeline…"), "Ctrl+Shift+T")
        self.new_window = self._make(self.tr("Open in New Window"), "Ctrl+N")
        self.my_notes = self._make(self.tr("My notes and bookmarks…"), "Ctrl+Shift+M")
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        for action, kind in ((self.print_page, "print"), (self.preview_page, "preview"), (self.export_page, "pdf")):
            action.triggered.connect(lambda _=False, k=kind: self.output_requested.emit(k, "page"))
        for action, lang in ((self.cite, ""), (self.cite_zh, "zh"), (self.cite_en, "en")):
            action.triggered.connect(lambda _=False, la=lang: self.cite_requested.emit(la))
        for action in window.actions():
            if not action.shortcut().isEmpty():
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(
                    self.tr("{action} ({shortcut})").format(action=action.text().rstrip("…"), shortcut=shortcut)
                )

    def record_shown(self, shown: bool) -> None:
        """Copy citation (in either language) and Open in New Window need a record on the page."""
        for action in (self.cite, self.cite_zh, self.cite_en, self.new_window):
            action.setEnabled(shown)

    def _make(
        self,
        text: str,
        shortcut: QKeySequence.StandardKey | str | None = None,
        icon_name: str = "",
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setCheckable(checkable)
        self._window.addAction(action)  # shortcuts work even when the toolbar or menu is hidden
        return action


class Menus(NamedTuple):
    view: QMenu
    bookmarks: QMenu  # its rows, below a separator, are the bookmarks (gui.bookmarks fills them)


def build_menus(
    window: QMainWindow, actions: WindowActions, bookmarks_list_toggle: QAction, language: QMenu | None = None
) -> Menus:
    """The menu bar: File, Edit, View (with Language), Go, Bookmarks, Help."""
    a, translate = actions, QCoreApplication.translate
    bar = window.menuBar()
    file_menu = bar.addMenu(translate("WindowActions", "&File"))
    file_menu.addAction(a.new_window)
    file_menu.addSeparator()
    file_menu.addActions([a.print_page, a.preview_page, a.export_page])
    file_menu.addSeparator()
    scopes = (
        ("results", translate("WindowActions", "Search results")),
        ("bookmarks", translate("WindowActions", "Bookmarks")),
    )
    kinds = (
        ("print", translate("WindowActions", "Print…")),
        ("preview", translate("WindowActions", "Print preview…")),
        ("pdf", translate("WindowActions", "Export PDF…")),
    )
    for scope, label in scopes:
        sub = file_menu.addMenu(label)
        for kind, text in kinds:
            action = sub.addAction(text)
            action.triggered.connect(lambda _=False, k=kind, sc=scope: a.output_requested.emit(k, sc))
    file_menu.addSeparator()
    file_menu.addAction(a.data_sets)
    file_menu.addSeparator()
    file_menu.addAction(a.quit)
    edit = bar.addMenu(translate("WindowActions", "&Edit"))
    edit.addActions([a.find, a.find_in_page, a.find_next, a.find_previous])
    edit.addSeparator()
    edit.addActions([a.cite, a.cite_zh, a.cite_en, a.edit_note])
    view = bar.addMenu(translate("WindowActions", "&View"))
    view.addActions([a.go_to_contents, a.group_by_topic, a.show_historical])
    view.addSeparator()
    view.addActions([bookmarks_list_toggle, a.my_notes, a.changes, a.timeline])
    view.addSeparator()
    view.addAction(a.show_english)
    if language is not None:
        view.addMenu(language)
    bar.addMenu(translate("WindowActions", "&Go")).addActions([a.back, a.forward, a.as_of_today])
    bookmarks = bar.addMenu(translate("WindowActions", "&Bookmarks"))
    bookmarks.addActions([a.bookmark, bookmarks_list_toggle, a.my_notes])
    bookmarks.addSeparator()
    bar.addMenu(translate("WindowActions", "&Help")).addActions([a.help, a.status_words, a.coverage_notice, a.about])
    return Menus(view, bookmarks)


class NavigationBar(QToolBar):
    """The toolbar: Back and Forward, the search field, the as-of date with its warning, and Bookmark,
    Copy citation and Print with their words beside the icons."""

    def __init__(self, actions: WindowActions, as_of: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Navigation"))
        self.setObjectName("main_toolbar")
        self.setMovable(False)
        self.addAction(actions.back)
        self.addAction(actions.forward)
        self.addSeparator()
        self.search_field = SearchField()
        self.search_field.setMinimumWidth(280)
        self.addWidget(self.search_field)
        self.addSeparator()
        as_of_label = QLabel(" " + self.tr("As of") + " ")
        self.addWidget(as_of_label)
        self.as_of_field = AsOfField(as_of)
        as_of_label.setBuddy(self.as_of_field.line)
        self.addWidget(self.as_of_field)
        self.as_of_warning = WarningLabel(" ⚠ " + self.tr("after verified-to date"))
        self.as_of_warning.setObjectName("as_of_warning")
        self.addWidget(self.as_of_warning)
        self.addSeparator()
        for action in (actions.bookmark, actions.cite, actions.print_page):
            self.addAction(action)
            # Words beside these icons: a quotation mark alone does not say "copy citation".
            button = self.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # Copy citation: a click copies it in the window's language; the arrow offers both forms.
        cite_button = self.widgetForAction(actions.cite)
        if isinstance(cite_button, QToolButton):
            both = QMenu(cite_button)
            both.addActions([actions.cite_zh, actions.cite_en])
            cite_button.setMenu(both)
            cite_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def focus_search(self) -> None:
        """Find (Ctrl+F): into the search field, with what it holds selected to type over."""
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()
