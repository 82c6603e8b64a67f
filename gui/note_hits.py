"""Notes found by a search, as rows of the result list: marked as the user's, never as the data's.

The search panel asks `NoteFinder` for the private notes that match the query (matched in memory by
catalogue.search.notes; a note is never written into the search index, which lives in the shared
cache and describes the data). Their rows come above the data's hits, at most NOTE_ROWS_SHOWN of them
unless the user asks for all, each marked "MY NOTE", tinted, with the record's title, the matching
words of the note and the reminder that it is private. They carry no status and no score, and they
do not change the data's hits, their order or their count: the header counts them apart, and the
results printed are the data's only.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QObject

from catalogue.model import Catalogue
from catalogue.search.notes import NoteMatch, search_notes
from catalogue.userdata import UserData

NOTE_ROWS_SHOWN = 3  # rows of notes above the data's hits, unless the user asks for all


@dataclass(frozen=True, slots=True)
class NoteRow:
    ident: str  # the record the note is on
    html: str  # the row as rich text, in the result list's style classes
    plain: str  # the row as plain text (accessibility)


@dataclass(frozen=True, slots=True)
class NoteRows:
    rows: tuple[NoteRow, ...]  # those to show
    total: int  # how many notes match
    filtered: bool = False  # the query had filters, which are about the data: notes were not searched


class NoteFinder(QObject):
    """The user's notes that match a query, as result rows (see the module docstring)."""

    def __init__(self, cat: Catalogue, userdata: UserData, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cat = cat
        self._userdata = userdata

    def find(self, query: str, *, show_all: bool = False) -> NoteRows:
        found = search_notes(query, self._userdata.notes())
        shown = found.matches if show_all else found.matches[:NOTE_ROWS_SHOWN]
        return NoteRows(tuple(self._row(m) for m in shown), len(found.matches), found.filtered)

    def title(self, ident: str) -> tuple[str, bool]:
        """The record's title, and whether the data holds it."""
        obj = self._cat.get(ident)
        if obj is None or str(getattr(obj, "id", ident)) != ident:
            return ident, False
        from catalogue.present.html import page_title  # Jinja2 on first use, not at start-up

        return page_title(obj), True

    def _row(self, match: NoteMatch) -> NoteRow:
        title, in_data = self.title(match.entry_id)
        tag = self.tr("MY NOTE")
        where = (
            self.tr("private note, on this computer only — not from the data")
            if in_data
            else self.tr("private note on a record this data set does not hold — kept, not from the data")
        )
        lines = [
            f"<span class='mine'><b>✎ {html.escape(tag)}</b></span> <b>{html.escape(title)}</b>",
            f"<small><i>{match.snippet}</i></small>",
            f"<small class='muted'>{html.escape(where)} · {html.escape(match.updated[:10])}</small>",
        ]
        plain = f"{tag}: {title} — {where}"
        return NoteRow(match.entry_id, "<br>".join(lines), plain)
