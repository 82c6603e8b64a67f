"""The windows beside the main one — reading windows (Open in New Window) and My notes and bookmarks —
and what keeps the user's notes and bookmarks the same in all of them.

Every window edits the one `UserData` of the main window. A note saved or a bookmark changed in the main
window is passed to the reading windows and the list; one changed in a reading window, to the main
window (its note panel, its bookmarks, its page) and the list; and after the notes are read again from
disk (another process saved), to all. "Open in New Window" is offered on the rows of the tree, the search
results and the bookmarks list, and on the page's links. The reading windows close with the main window.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot

from gui.my_notes import MyNotes
from gui.reading_window import ReadingWindow, ReadingWindows, offer_new_window, offer_new_window_on_links
from gui.search_panel import ID_ROLE as RESULT_ID_ROLE
from gui.tree_model import ID_ROLE as TREE_ID_ROLE

if TYPE_CHECKING:
    from gui.main_window import MainWindow


class OtherWindows(QObject):
    """The main window's reading windows and its list of notes and bookmarks (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.reading_windows = ReadingWindows(window, window.cat, window.userdata, window.search_panel)
        self.my_notes = MyNotes(window, window.cat, window.userdata)

    def wire(self) -> None:
        """Wire the main window's parts to the other windows (once the parts are all made)."""
        w = self._window
        w.actions_table.new_window.triggered.connect(self.open_shown_in_new_window)
        w.actions_table.my_notes.triggered.connect(self.show_list)
        w.notes.saved.connect(self._changed_in_main_window)
        w.bookmarks.changed.connect(self._changed_in_main_window)
        self.reading_windows.note_saved.connect(self._changed_in_reading_window)
        self.reading_windows.bookmark_changed.connect(self._changed_in_reading_window)
        self.my_notes.open_requested.connect(self._open_from_list)
        self.my_notes.new_window_requested.connect(self.open_in_new_window)
        for view, role in ((w.tree, TREE_ID_ROLE), (w.search_panel.view, RESULT_ID_ROLE)):
            offer_new_window(view, role, w.open_id, self.open_in_new_window)
        offer_new_window(w.bookmarks.list, Qt.ItemDataRole.UserRole, w.open_id, self.open_in_new_window)
        offer_new_window_on_links(w.detail, w.navigate_link, self.open_in_new_window)

    def open_in_new_window(self, ident: str) -> ReadingWindow | None:
        """`ident` in a reading window beside the main one, on its date; None (and a word in the status
        bar) if the data has no such record."""
        w = self._window
        w.notes.save()  # the new window starts from the note as typed in the main one
        opened = self.reading_windows.open(ident, w.as_of)
        if opened is None:
            w.statusBar().showMessage(self.tr("Not in the data: {id}").format(id=ident), 8000)
        return opened

    @Slot()
    def open_shown_in_new_window(self) -> None:
        if self._window.current_id:
            self.open_in_new_window(self._window.current_id)

    def show_list(self) -> None:
        self.my_notes.show(self._window.as_of)

    def set_as_of(self, day: dt.date) -> None:
        self.reading_windows.set_as_of(day)
        self.my_notes.set_day(day)

    def reloaded(self) -> None:
        """The notes and bookmarks were read again from disk: every other window shows them."""
        self.reading_windows.take_changes()
        self.my_notes.refresh()

    def close_all(self) -> None:
        self.reading_windows.close_all()

    @Slot(str)
    def _changed_in_main_window(self, ident: str) -> None:
        self.reading_windows.take_changes(ident)
        self.my_notes.refresh()

    @Slot(str)
    def _changed_in_reading_window(self, ident: str) -> None:
        w = self._window
        w.notes.take_saved_elsewhere()
        w.bookmarks.reloaded()
        if ident == w.current_id:
            w.rerender()
        self.my_notes.refresh()

    @Slot(str, bool)
    def _open_from_list(self, ident: str, bring_forward: bool) -> None:
        """A row chosen in My notes and bookmarks: its page in the main window; Enter or a double-click
        also brings the main window forward."""
        w = self._window
        w.open_id(ident)
        if bring_forward:
            w.raise_()
            w.activateWindow()
