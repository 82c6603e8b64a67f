"""The reading pane on the right: the page (an entry, a measure, a branch's list, a message) above the
user's note on it.

The pages are HTML from catalogue.present.html, imported on first use: Jinja2 is not needed until the first
page, which is drawn just after the window appears (docs/performance.md, Startup). Before the page
changes, the note being typed is saved; after, the note of the new page is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QSplitter, QVBoxLayout, QWidget

from catalogue.model import Catalogue, Clause, ControlledItem, Entry, Instrument
from catalogue.userdata import UserData
from gui.detail_view import EntryView
from gui.find_bar import FindActions, FindBar
from gui.note_editor import MAX_NOTE_CHARS
from gui.note_panel import NotePanel

Listed = Entry | Instrument | Clause | ControlledItem  # what a list page can hold


@dataclass(frozen=True)
class Branch:
    """A branch of the tree (Prohibited, a sector, a topic) shown as the list of what it holds."""

    title: str
    objects: tuple[Listed, ...]


def dark_palette() -> bool:
    """Whether the window is drawn light-on-dark (system dark mode): the page then uses lighter accents."""
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    return window_colour.lightness() < 128


class ReadingPane(QSplitter):
    """The page view (`detail`) with its find bar (`find_bar`, hidden until asked for), and the note
    panel (`notes`) below them."""

    def __init__(
        self,
        cat: Catalogue,
        userdata: UserData,
        parent: QWidget | None = None,
        *,
        find_actions: FindActions | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("detail_splitter")
        self._cat = cat
        self._userdata = userdata
        # Our English translations beside the official Chinese (always so in the English window).
        self.show_english = True
        self.detail = EntryView()
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.detail, 1)
        self.find_bar = FindBar(self.detail)
        if find_actions is not None:
            self.find_bar.use_actions(find_actions)
        column.addWidget(self.find_bar)
        self.addWidget(page)
        self.notes = NotePanel(userdata)
        self.addWidget(self.notes)
        self.setStretchFactor(0, 5)
        self.setStretchFactor(1, 1)
        self.setSizes([600, 110])

    @property
    def current_id(self) -> str | None:
        """The id of the record shown; None for a branch's list or a message."""
        return self.detail.current_id

    def page_html(self, ident: str, as_of: dt.date) -> str:
        """The page of a record, with the user's note and whether it is bookmarked."""
        from catalogue.present.html import render_detail

        note = self._userdata.note(ident)
        return render_detail(
            self._cat.get(ident),
            self._cat,
            as_of=as_of,
            note=note[:MAX_NOTE_CHARS] if note else note,  # long runs get breaks in the templates
            bookmarked=self._userdata.is_bookmarked(ident),
            dark=dark_palette(),
            show_en=self.show_english,
        )

    def show_record(self, ident: str, as_of: dt.date) -> None:
        self.notes.save()
        self.detail.show_page(ident, self.page_html(ident, as_of))
        self.notes.load(ident)

    def show_branch(self, branch: Branch, as_of: dt.date) -> None:
        from catalogue.present.html import render_list_sheet

        self.notes.save()
        page = render_list_sheet(
            list(branch.objects), self._cat, as_of=as_of, title=branch.title, show_en=self.show_english
        )
        self.detail.show_page(None, page)
        self.notes.load(None)

    def show_no_results(self, query: str) -> None:
        """No results: the page is cleared rather than left showing what the last search found."""
        from catalogue.present.html import render_message

        title = self.tr("No results for “{q}”").format(q=query)
        text = self.tr(
            "Nothing in this data matches. Not being listed here does not mean an item may be exported "
            "freely: the catch-all rules still apply, and the data is incomplete."
        )
        self.notes.save()
        self.detail.show_page(None, render_message(title, text, dark=dark_palette()))
        self.notes.load(None)

    def rerender(self, as_of: dt.date) -> None:
        """Draw the record shown again (another date, a note or bookmark changed, the palette), keeping
        the scroll position."""
        ident = self.current_id
        if ident:
            self.detail.show_page(ident, self.page_html(ident, as_of), keep_scroll=True)
