"""Open in New Window: a second reading window, to compare two records side by side.

A reading window is the page and the note below it (gui.reading_pane), with Back and Forward, Bookmark,
Copy citation and Print for the page it shows. It reads the main window's data on the main window's
as-of date (and follows it when that date changes), so two pages side by side are always about the
same day; its own history is its own. The search, the tree and the settings stay the main window's:
a reading window saves no settings, so closing it never moves the main window's remembered place or
last page.

Notes are kept consistent: every window edits the same `UserData`, and `ReadingWindows` tells each
window when another one saved a note or changed a bookmark, so a page open twice shows the same note
(typed in both, the two are merged by the note panel, never overwritten). Reading windows close with
the main window; each is deleted when it closes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from catalogue.i18n import day_text
from catalogue.model import Catalogue
from catalogue.userdata import UserData, UserDataError
from gui.actions import icon
from gui.detail_view import INTERNAL_SCHEME, EntryView
from gui.history import BackForward
from gui.output import PageOutput
from gui.reading_pane import Branch, ReadingPane
from gui.search_panel import SearchPanel

CASCADE_PX = 32  # each further reading window opens this far below and left of the one before


class ReadingWindow(QMainWindow):
    """The page of one record at a time, with its own Back and Forward; see the module docstring."""

    entry_shown = Signal(str)
    note_saved = Signal(str)  # this window saved the note of this id
    bookmark_changed = Signal(str)  # this window added or removed the bookmark of this id
    new_window_requested = Signal(str)  # open this id in yet another window

    def __init__(
        self,
        cat: Catalogue,
        userdata: UserData,
        as_of: dt.date,
        search_panel: SearchPanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("reading_window")
        self.setWindowIcon(icon("exportref"))
        self.cat = cat
        self.userdata = userdata
        self.as_of = as_of
        self.branch: Branch | None = None  # a reading window shows records only (PageOutput asks)
        self._search_panel = search_panel
        self.reading = ReadingPane(cat, userdata)
        self.detail = self.reading.detail
        self.notes = self.reading.notes
        self.setCentralWidget(self.reading)
        self.statusBar().setObjectName("reading_status_bar")
        self.output = PageOutput(self, source=self)  # it prints and cites what this window shows
        self._make_actions()
        self._make_toolbar()
        self._make_menus()
        self.navigation = BackForward(self, self.back, self.forward)
        self.navigation.go_to.connect(lambda ident: self.open_id(ident, record=False))
        self.detail.entry_link_activated.connect(self._follow_link)
        self.detail.link_refused.connect(
            lambda url: self.statusBar().showMessage(self.tr("Link not followed: {url}").format(url=url), 6000)
        )
        offer_new_window_on_links(self.detail, self._follow_link, self.new_window_requested.emit)
        self.notes.saved.connect(self._on_note_saved)
        self.notes.status_message.connect(self.statusBar().showMessage)

    # -- the parts ------------------------------------------------------------------------------------
    def _action(self, text: str, shortcut: QKeySequence.StandardKey | str | None = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setIcon(icon(name))
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.back = self._action(self.tr("Back"), key.Back, "back")
        self.forward = self._action(self.tr("Forward"), key.Forward, "forward")
        self.bookmark = self._action(self.tr("Bookmark"), "Ctrl+D", "bookmark")
        self.bookmark.setCheckable(True)
        self.cite = self._action(self.tr("Copy citation"), "Ctrl+Shift+C", "cite")
        self.print_page = self._action(self.tr("Print…"), key.Print, "print")
        self.preview_page = self._action(self.tr("Print preview…"))
        self.export_page = self._action(self.tr("Export PDF…"), "Ctrl+Shift+E", "pdf")
        self.new_window = self._action(self.tr("Open in New Window"), "Ctrl+N")
        self.edit_note = self._action(self.tr("Edit note"), "Ctrl+Shift+N")
        # Find in the page, with the main window's keys (gui.find_bar).
        self.find_in_page = self._action(self.tr("Find in page…"), "Ctrl+Shift+F")
        self.find_next = self._action(self.tr("Find next"))
        self.find_next.setShortcuts(key.FindNext)
        self.find_previous = self._action(self.tr("Find previous"))
        self.find_previous.setShortcuts(key.FindPrevious)
        self.close_window = self._action(self.tr("Close window"), key.Close)
        self.bookmark.triggered.connect(self.toggle_bookmark)
        self.cite.triggered.connect(lambda: self.output.copy_citation())
        for action, kind in ((self.print_page, "print"), (self.preview_page, "preview"), (self.export_page, "pdf")):
            action.triggered.connect(lambda _=False, k=kind: self.output.run(k, "page"))
        self.new_window.triggered.connect(self._open_shown_in_new_window)
        self.edit_note.triggered.connect(self.notes.focus_editor)
        self.reading.find_bar.use_actions(self)
        self.close_window.triggered.connect(self.close)

    def _make_toolbar(self) -> None:
        bar = QToolBar(self.tr("Navigation"), self)
        bar.setObjectName("reading_toolbar")
        bar.setMovable(False)
        bar.addActions([self.back, self.forward])
        bar.addSeparator()
        for action in (self.bookmark, self.cite, self.print_page):
            bar.addAction(action)
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("reading_as_of")
        self.as_of_label.setContentsMargins(6, 0, 6, 0)
        bar.addWidget(self.as_of_label)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self._show_as_of()

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_window, self.print_page, self.preview_page, self.export_page])
        file_menu.addSeparator()
        file_menu.addAction(self.close_window)
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([self.find_in_page, self.find_next, self.find_previous])
        edit.addSeparator()
        edit.addActions([self.cite, self.edit_note])
        bar.addMenu(self.tr("&Go")).addActions([self.back, self.forward])
        bar.addMenu(self.tr("&Bookmarks")).addAction(self.bookmark)

    def _show_as_of(self) -> None:
        self.as_of_label.setText(self.tr("As of {day} (as in the main window)").format(day=day_text(self.as_of)))

    # -- what PageOutput asks of the window it prints for ------------------------------------------------
    @property
    def current_id(self) -> str | None:
        return self.reading.current_id

    @property
    def search_panel(self) -> SearchPanel:
        """The main window's results: printing them is the main window's business, never this one's."""
        return self._search_panel

    # -- the page -------------------------------------------------------------------------------------------
    def open_id(self, ident: str, *, record: bool = True) -> bool:
        """Show a record; False (and a word in the status bar) if the data has no such thing."""
        obj = self.cat.get(ident)
        if obj is None:
            self.statusBar().showMessage(self.tr("Not in the data: {id}").format(id=ident), 8000)
            return False
        from catalogue.present.html import page_title  # Jinja2 is loaded already: the main window shows a page

        ident = str(getattr(obj, "id", ident))
        self.reading.show_record(ident, self.as_of)
        self.setWindowTitle(self.tr("{title} — ExportRef (second window)").format(title=page_title(obj)))
        self.navigation.visited(ident, record=record)
        self.bookmark.setChecked(self.userdata.is_bookmarked(ident))
        self.bookmark.setEnabled(self.userdata.read_only is None)
        self.entry_shown.emit(ident)
        return True

    def set_as_of(self, day: dt.date) -> None:
        self.as_of = day
        self._show_as_of()
        self.reading.rerender(day)

    @Slot(str)
    def _follow_link(self, ident: str) -> None:
        if not self.open_id(ident):
            QMessageBox.information(
                self,
                self.tr("Not in this data"),
                self.tr("The page links to {id}, which this data does not hold.").format(id=ident),
            )

    @Slot()
    def _open_shown_in_new_window(self) -> None:
        if self.current_id:
            self.new_window_requested.emit(self.current_id)

    # -- notes and bookmarks ------------------------------------------------------------------------------
    @Slot(str)
    def _on_note_saved(self, ident: str) -> None:
        self.redraw_if_shown(ident)
        self.note_saved.emit(ident)

    def redraw_if_shown(self, ident: str) -> None:
        if ident == self.current_id:
            self.reading.rerender(self.as_of)

    def take_changes(self, ident: str | None = None) -> None:
        """Another window saved a note or changed a bookmark (of `ident`; None: anything, as after the
        notes were read again from disk): show it here."""
        self.notes.take_saved_elsewhere()
        shown = self.current_id
        if shown and ident in (None, shown):
            self.bookmark.setChecked(self.userdata.is_bookmarked(shown))
            self.reading.rerender(self.as_of)

    @Slot()
    def toggle_bookmark(self) -> None:
        ident = self.current_id
        if not ident:
            self.bookmark.setChecked(False)
            return
        try:
            marked = self.userdata.toggle_bookmark(ident)
        except UserDataError as exc:
            QMessageBox.warning(self, self.tr("Bookmark not saved"), str(exc))
            self.bookmark.setChecked(self.userdata.is_bookmarked(ident))
            return
        self.bookmark.setChecked(marked)
        self.statusBar().showMessage(self.tr("Bookmarked") if marked else self.tr("Bookmark removed"), 2500)
        self.reading.rerender(self.as_of)
        self.bookmark_changed.emit(ident)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.save()
        self.navigation.stop()
        super().closeEvent(event)


class ReadingWindows(QObject):
    """The main window's reading windows: opens them, keeps them on the main window's date, passes a
    note saved or a bookmark changed in one to the others, and closes them all with the main window."""

    note_saved = Signal(str)  # a reading window saved the note of this id
    bookmark_changed = Signal(str)  # a reading window added or removed the bookmark of this id

    def __init__(self, owner: QMainWindow, cat: Catalogue, userdata: UserData, search_panel: SearchPanel) -> None:
        super().__init__(owner)
        self._owner = owner
        self._cat = cat
        self._userdata = userdata
        self._search_panel = search_panel
        self._windows: list[ReadingWindow] = []

    def windows(self) -> list[ReadingWindow]:
        return list(self._windows)

    def open(self, ident: str, as_of: dt.date) -> ReadingWindow | None:
        """A new reading window showing `ident` on `as_of`, beside the main window; None if the data has
        no such record (nothing is opened)."""
        if self._cat.get(ident) is None:
            return None
        window = ReadingWindow(self._cat, self._userdata, as_of, self._search_panel, self._owner)
        self._windows.append(window)
        window.destroyed.connect(lambda _=None, w=window: self._forget(w))
        window.note_saved.connect(lambda ident, w=window: self._relay_note(ident, w))
        window.bookmark_changed.connect(lambda ident, w=window: self._relay_bookmark(ident, w))
        window.new_window_requested.connect(lambda ident, w=window: self.open(ident, w.as_of))
        window.setGeometry(self._place(len(self._windows) - 1))
        window.open_id(ident)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _place(self, n: int) -> QRect:
        """The right half of the screen the main window is on (so the two sit side by side), moved down
        and left a little for each window already open."""
        screen = self._owner.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)
        width = max(min(free.width() // 2, 900), 560)
        height = max(free.height() - 40 - CASCADE_PX * n, 420)
        left = max(free.left() + free.width() - width - CASCADE_PX * n, free.left())
        return QRect(left, free.top() + CASCADE_PX * n, width, height)

    def _forget(self, window: ReadingWindow) -> None:
        self._windows = [w for w in self._windows if w is not window]

    def set_as_of(self, day: dt.date) -> None:
        for window in self._windows:
            window.set_as_of(day)

    def _relay_note(self, ident: str, source: ReadingWindow) -> None:
        for window in self.windows():
            if window is not source:
                window.take_changes(ident)
        self.note_saved.emit(ident)

    def _relay_bookmark(self, ident: str, source: ReadingWindow) -> None:
        for window in self.windows():
            if window is not source:
                window.take_changes(ident)
        self.bookmark_changed.emit(ident)

    def take_changes(self, ident: str | None = None) -> None:
        """The main window saved a note, changed a bookmark, or read them again from disk."""
        for window in self.windows():
            window.take_changes(ident)

    def close_all(self) -> None:
        """Close every reading window (each saves its note first)."""
        for window in self.windows():
            window.close()


# -- "Open in New Window" in context menus --------------------------------------------------------------------


# One translation context for the menus' words, whichever view the menu is on; lupdate finds the
# calls to `translate` with their context (a wrapper would hide them).
translate = QCoreApplication.translate


def _popup(
    widget: QWidget, at: QPoint, ident: str, open_here: Callable[[str], object], open_new: Callable[[str], object]
) -> QMenu:
    menu = QMenu(widget)
    menu.setObjectName("open_menu")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.addAction(translate("ReadingWindow", "Open"), lambda: open_here(ident))
    menu.addAction(translate("ReadingWindow", "Open in New Window"), lambda: open_new(ident))
    menu.popup(at)
    return menu


def offer_new_window(
    view: QAbstractItemView, role: int, open_here: Callable[[str], object], open_new: Callable[[str], object]
) -> None:
    """A context menu with Open and Open in New Window on every row of `view` that names a record (its
    id in `role`); other rows (a branch, a heading) have none."""

    def show(pos: QPoint) -> None:
        index = view.indexAt(pos)
        ident = index.data(role) if index.isValid() else None
        if isinstance(ident, str) and ident:
            _popup(view, view.viewport().mapToGlobal(pos), ident, open_here, open_new)

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(show)


def offer_new_window_on_links(
    view: EntryView, open_here: Callable[[str], object], open_new: Callable[[str], object]
) -> None:
    """On a link to another record, the page's context menu also offers Open and Open in New Window;
    elsewhere it is the usual one (Copy, Select All)."""

    def show(pos: QPoint) -> None:
        href = view.anchorAt(pos)
        offset = QPoint(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        menu = view.createStandardContextMenu(pos + offset)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        url = QUrl(href)
        ident = (url.path() or href[len(INTERNAL_SCHEME) + 1 :]) if url.scheme().lower() == INTERNAL_SCHEME else ""
        if ident:
            open_action = QAction(translate("ReadingWindow", "Open"), menu)
            open_action.triggered.connect(lambda: open_here(ident))
            new_action = QAction(translate("ReadingWindow", "Open in New Window"), menu)
            new_action.triggered.connect(lambda: open_new(ident))
            standard = menu.actions()
            if standard:
                menu.insertActions(standard[0], [open_action, new_action])
                menu.insertSeparator(standard[0])
            else:
                menu.addActions([open_action, new_action])
        menu.setObjectName("page_menu")
        menu.popup(view.viewport().mapToGlobal(pos))

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(show)
