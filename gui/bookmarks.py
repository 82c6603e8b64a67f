"""Bookmarks in the window: the Bookmark command's state, the Bookmarks menu and the Bookmarks list.

The bookmarks themselves are kept by catalogue.userdata (on this computer only); this module shows
them and changes them. A bookmark whose id the data no longer has stays, labelled as such.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QMainWindow, QMenu, QMessageBox

from catalogue.model import Catalogue
from catalogue.userdata import UserData, UserDataError


class Bookmarks(QObject):
    """The bookmarks list (a dock, hidden at first), the rows of the Bookmarks menu, and the checkable
    Bookmark action for the page shown."""

    open_requested = Signal(str)  # a bookmark was chosen in the list or the menu
    changed = Signal(str)  # the bookmark of this id was added or removed: its page shows that

    def __init__(self, window: QMainWindow, cat: Catalogue, userdata: UserData, action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._cat = cat
        self._userdata = userdata
        self.action = action  # Bookmark (Ctrl+D): checked when the page shown is bookmarked
        self._shown: str | None = None  # the id of the page shown, if it is a record
        self._menu: QMenu | None = None
        self._menu_rows: list[QAction] = []

        self.dock = QDockWidget(self.tr("Bookmarks"), window)
        self.dock.setObjectName("bookmarks_dock")
        self.list = QListWidget()
        self.list.setObjectName("bookmarks_list")
        self.list.setAccessibleName(self.tr("Bookmarks"))
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.installEventFilter(self)
        self.dock.setWidget(self.list)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self.toggle_view = self.dock.toggleViewAction()
        self.toggle_view.setText(self.tr("Bookmarks list"))
        self.toggle_view.setShortcut(QKeySequence("Ctrl+Shift+B"))
        window.addAction(self.toggle_view)
        self.refresh()

    def label(self, ident: str) -> str:
        obj = self._cat.get(ident)
        if obj is None:
            return self.tr("{id} (no longer in the data)").format(id=ident)
        from catalogue.present.html import page_title  # Jinja2 on first use, not at start-up

        return page_title(obj)

    # -- the page shown ------------------------------------------------------------------------------
    def show_state_for(self, ident: str | None) -> None:
        """The Bookmark action for the page shown: checked if bookmarked; disabled for a page that is no
        record (a branch, no results) or when bookmarks cannot be saved."""
        self._shown = ident
        self.action.setChecked(ident is not None and self._userdata.is_bookmarked(ident))
        self.action.setEnabled(ident is not None and self._userdata.read_only is None)

    def toggle(self) -> None:
        """Bookmark the page shown, or remove its bookmark."""
        ident = self._shown
        if not ident:
            self.action.setChecked(False)
            return
        try:
            marked = self._userdata.toggle_bookmark(ident)
        except UserDataError as exc:
            QMessageBox.warning(self._window, self.tr("Bookmark not saved"), str(exc))
            return
        self.action.setChecked(marked)
        message = self.tr("Bookmarked") if marked else self.tr("Bookmark removed")
        self._window.statusBar().showMessage(message, 2500)
        self.refresh()
        self.changed.emit(ident)

    def remove(self, ident: str) -> None:
        try:
            self._userdata.remove_bookmark(ident)
        except UserDataError as exc:
            QMessageBox.warning(self._window, self.tr("Bookmark not removed"), str(exc))
            return
        if ident == self._shown:
            self.action.setChecked(False)
        self.refresh()
        self.changed.emit(ident)  # its page, if shown anywhere, and the list of notes and bookmarks follow

    def reloaded(self) -> None:
        """The bookmarks were read again from disk (another window saved them)."""
        self.refresh()
        if self._shown:
            self.action.setChecked(self._userdata.is_bookmarked(self._shown))

    # -- the list and the menu ----------------------------------------------------------------------------
    def refresh(self) -> None:
        self.list.clear()
        for mark in self._userdata.bookmarks():
            item = QListWidgetItem(self.label(mark.entry_id))
            item.setData(Qt.ItemDataRole.UserRole, mark.entry_id)
            item.setToolTip(self.tr("Bookmarked {when}").format(when=mark.added.replace("T", " ")))
            self.list.addItem(item)

    def attach_menu(self, menu: QMenu) -> None:
        """List the bookmarks at the end of `menu`, freshly each time it opens."""
        self._menu = menu
        menu.aboutToShow.connect(self._fill_menu)
        self._fill_menu()

    @Slot()
    def _fill_menu(self) -> None:
        # Only the rows below the separator are replaced. QMenu.clear() would also drop the shared
        # actions above it, and PySide6 then invalidates the Python side of the one Qt made itself (the
        # dock's toggleViewAction), so the next fill raised "Internal C++ object already deleted".
        menu = self._menu
        assert menu is not None
        for row in self._menu_rows:
            menu.removeAction(row)
            row.deleteLater()
        self._menu_rows = []
        marks = self._userdata.bookmarks()
        if not marks:
            empty = QAction(self.tr("(no bookmarks yet — Ctrl+D adds the page you are reading)"), menu)
            empty.setEnabled(False)
            self._menu_rows.append(empty)
        for mark in marks:
            action = QAction(self.label(mark.entry_id), menu)
            action.triggered.connect(lambda _=False, i=mark.entry_id: self.open_requested.emit(i))
            self._menu_rows.append(action)
        menu.addActions(self._menu_rows)

    @Slot(QListWidgetItem)
    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Delete or Backspace in the list removes the bookmark under the cursor.
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        ):
            item = self.list.currentItem()
            if item is not None:
                self.remove(item.data(Qt.ItemDataRole.UserRole))
            return True
        return super().eventFilter(watched, event)
