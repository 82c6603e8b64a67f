"""My notes and bookmarks: one list of every private note and every bookmark, with a filter field.

A row per record: its title, its status on the window's as-of date (the status engine's words, as the
tree and the page say them), the first line of the note, whether it is bookmarked and when the note
was last changed (or the bookmark added). The filter keeps the rows whose note, title, number or id
holds every word typed — case-insensitive, traditional and simplified Chinese alike, a Chinese word
found inside a sentence (catalogue.search.notes). Selecting a row shows its page in the main window;
Enter or a double-click also brings the main window forward.

A note or bookmark whose record the active data set does not hold (an orphan, catalogue.datapacks.
orphans) is listed too, marked, never hidden: it is kept and returns with data that holds its id.

The window is made on first use and kept; while it is open, it is refilled whenever a note is saved or a
bookmark changes in any window, when the notes are read again from disk, and when the date changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from catalogue.datapacks.orphans import find_orphans
from catalogue.model import Catalogue
from catalogue.search.notes import filter_matches
from catalogue.time import status_of
from catalogue.userdata import UserData
from gui.reading_window import offer_new_window

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # the text the filter looks in
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
COLUMNS = ("record", "status", "note", "bookmarked", "changed")
NOTE_PREVIEW_CHARS = 160
TOOLTIP_CHARS = 600
SHOW_ALL, SHOW_NOTES, SHOW_BOOKMARKS = 0, 1, 2

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    """One record with the user's note on it, or its bookmark, or both."""

    ident: str
    title: str
    names: str  # the record's names in both languages, which the filter also looks in
    status: str  # the status engine's words on the day; for an orphan, that the data lacks it
    status_text: str  # the same with why (e.g. which announcement suspended it), for the tooltip
    note: str | None
    bookmarked: bool
    changed: str  # ISO timestamp (UTC): the note's last change, else when the bookmark was added
    orphan: bool


def local_time(stamp: str) -> str:
    """An ISO timestamp (UTC) as the user's local date and time, to the minute."""
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp.replace("T", " ")[:16]
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= NOTE_PREVIEW_CHARS else line[: NOTE_PREVIEW_CHARS - 1] + "…"


def names_of(obj: object) -> str:
    """A record's names and titles in Chinese and English (its row shows one of them)."""
    parts: list[str] = []
    for attr in ("name", "title"):
        text = getattr(obj, attr, None)
        parts += [getattr(text, "zh", None) or "", getattr(text, "en", None) or ""]
    return " ".join(p for p in parts if p)


def collect_rows(cat: Catalogue, userdata: UserData, day: dt.date, orphan_words: str) -> list[Row]:
    """Every note and bookmark, one row per record, with the words the window shows for it."""
    from catalogue.present.html import page_title  # Jinja2 on first use, not at start-up

    orphans = find_orphans(cat, userdata)
    orphaned = set(orphans.notes) | set(orphans.bookmarks)
    notes = {n.entry_id: n for n in userdata.notes()}
    marks = {b.entry_id: b for b in userdata.bookmarks()}
    rows: list[Row] = []
    for ident in dict.fromkeys([*notes, *marks]):
        note, mark = notes.get(ident), marks.get(ident)
        obj = None if ident in orphaned else cat.get(ident)
        status = status_of(obj, day, cat) if obj is not None else None
        rows.append(
            Row(
                ident=ident,
                title=page_title(obj, cat, day) if obj is not None else ident,
                names=names_of(obj),
                status=status.label if status is not None else ("" if obj is not None else orphan_words),
                status_text=status.text if status is not None else "",
                note=note.text if note else None,
                bookmarked=mark is not None,
                changed=note.updated if note else (mark.added if mark else ""),
                orphan=obj is None,
            )
        )
    return rows


class _Filter(QSortFilterProxyModel):
    """Keeps the rows whose text holds every word of the filter, and of the kind chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.words = ""
        self.show = SHOW_ALL

    def set_filter(self, words: str, show: int) -> None:
        self.words, self.show = words, show
        # invalidate(), not invalidateRowsFilter(): that one is deprecated from Qt 6.10, and its
        # replacement (begin/endFilterChange) is missing before; a re-sort of a short list costs nothing.
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        first = model.index(source_row, 0, source_parent)
        if self.show == SHOW_NOTES and not model.index(source_row, 2, source_parent).data():
            return False
        if self.show == SHOW_BOOKMARKS and not model.index(source_row, 3, source_parent).data():
            return False
        return not self.words or filter_matches(self.words, str(first.data(SEARCH_ROLE) or ""))


class MyNotesDialog(QDialog):
    """The list itself (see the module docstring); it asks the window to open what is chosen."""

    open_requested = Signal(str, bool)  # the id; bool: bring the main window forward (Enter, double-click)
    new_window_requested = Signal(str)

    def __init__(self, cat: Catalogue, userdata: UserData, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("my_notes_dialog")
        self.setWindowTitle(self.tr("My notes and bookmarks — ExportRef"))
        self.setModal(False)
        self._cat = cat
        self._userdata = userdata
        self._day = day
        self._filling = False  # refilling the list: a selection made then is not the user's
        self._rows: list[Row] = []

        self.filter = QLineEdit()
        self.filter.setObjectName("my_notes_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter: words in the note, the title or the number — English or 中文"))
        self.filter.setAccessibleName(self.tr("Filter my notes and bookmarks"))
        self.show_choice = QComboBox()
        self.show_choice.setObjectName("my_notes_show")
        self.show_choice.addItems([self.tr("Notes and bookmarks"), self.tr("Notes only"), self.tr("Bookmarks only")])
        self.show_choice.setAccessibleName(self.tr("Show"))
        top = QHBoxLayout()
        filter_label = QLabel(self.tr("&Filter:"))
        filter_label.setBuddy(self.filter)
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.show_choice)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTreeView()
        self.view.setObjectName("my_notes_list")
        self.view.setAccessibleName(self.tr("My notes and bookmarks"))
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)
        offer_new_window(self.view, ID_ROLE, lambda ident: self.open_requested.emit(ident, True), self._new_window)

        self.summary = QLabel()
        self.summary.setObjectName("my_notes_summary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.new_window_button = QPushButton(self.tr("Open in New Window"))
        buttons.addButton(self.new_window_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.new_window_button.clicked.connect(self._new_window_for_current)
        self.new_window_button.setAutoDefault(False)
        self.new_window_button.setEnabled(False)  # until a row is chosen
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._apply_filter)
        self.show_choice.currentIndexChanged.connect(self._apply_filter)
        # Ctrl+F in this window goes to its filter, as the main window's goes to its search field.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.filter.setFocus)
        self.resize(940, 460)
        self.refresh()
        self.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        for column, width in ((0, 280), (1, 250), (3, 34), (4, 130)):
            self.view.setColumnWidth(column, width)

    # -- filling ---------------------------------------------------------------------------------------------
    def set_day(self, day: dt.date) -> None:
        self._day = day
        self.refresh()

    def refresh(self) -> None:
        """Fill the list again from the notes and bookmarks as they are now, keeping the row chosen."""
        chosen = self.current_id()
        orphan_words = self.tr("not in this data set (kept)")
        rows = self._rows = collect_rows(self._cat, self._userdata, self._day, orphan_words)
        self._filling = True
        try:
            self.model.removeRows(0, self.model.rowCount())
            self.model.setHorizontalHeaderLabels(
                [
                    self.tr("Record"),
                    self.tr("Status on {day}").format(day=self._day.isoformat()),
                    self.tr("My note"),
                    "★",
                    self.tr("Changed"),
                ]
            )
            for row in rows:
                self.model.appendRow(self._items(row))
            if chosen:
                self.select_id(chosen)
        finally:
            self._filling = False
        self._show_summary()

    def _items(self, row: Row) -> list[QStandardItem]:
        note_line = first_line(row.note) if row.note else ""
        changed = local_time(row.changed) if row.changed else ""
        cells = [
            (row.title, row.title),
            (row.status, row.status),
            (note_line, note_line.lower()),
            ("★" if row.bookmarked else "", "1" if row.bookmarked else "0"),
            (changed, row.changed),
        ]
        haystack = " ".join(filter(None, [row.title, row.names, row.ident, row.note or ""]))
        items: list[QStandardItem] = []
        for text, sort_key in cells:
            item = QStandardItem(text)
            item.setData(row.ident, ID_ROLE)
            item.setData(sort_key, SORT_ROLE)
            item.setEditable(False)
            items.append(item)
        items[0].setData(haystack, SEARCH_ROLE)
        items[0].setToolTip(row.ident)
        if row.status_text:
            items[1].setToolTip(row.status_text)
        if row.note:
            items[2].setToolTip(row.note[:TOOLTIP_CHARS] + ("…" if len(row.note) > TOOLTIP_CHARS else ""))
        if row.bookmarked:
            items[3].setToolTip(self.tr("Bookmarked"))
        if row.orphan:
            for item in items[:2]:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            items[1].setForeground(QBrush(QColor("#8a5a00")))
            items[1].setToolTip(
                self.tr(
                    "The active data set has no record {id}. The note and bookmark are kept, and return to their "
                    "page when data holding that id is used again."
                ).format(id=row.ident)
            )
        return items

    def _show_summary(self) -> None:
        rows = self._rows
        notes = sum(1 for r in rows if r.note)
        marks = sum(1 for r in rows if r.bookmarked)
        orphans = sum(1 for r in rows if r.orphan)
        parts = [
            self.tr("{n} notes").format(n=notes) if notes != 1 else self.tr("1 note"),
            self.tr("{n} bookmarks").format(n=marks) if marks != 1 else self.tr("1 bookmark"),
        ]
        if orphans:
            parts.append(self.tr("{n} not in this data set").format(n=orphans))
        shown = self.proxy.rowCount()
        if shown != len(rows):
            parts.append(self.tr("{shown} of {total} shown").format(shown=shown, total=len(rows)))
        text = " · ".join(parts) + " — " + self.tr("private, stored only on this computer")
        if not rows:
            text = self.tr(
                "No notes or bookmarks yet. Write a note below any page, or bookmark it with Ctrl+D; "
                "both are private, stored only on this computer."
            )
        self.summary.setText(text)

    @Slot()
    def _apply_filter(self) -> None:
        self.proxy.set_filter(self.filter.text(), self.show_choice.currentIndex())
        self._show_summary()

    # -- choosing ------------------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        """The ids of the rows shown, in their order."""
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in range(self.proxy.rowCount())]

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        ident = index.data(ID_ROLE) if index.isValid() else None
        return ident if isinstance(ident, str) else None

    def select_id(self, ident: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(ID_ROLE) == ident:
                self.view.setCurrentIndex(index)
                return True
        return False

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ident = current.data(ID_ROLE) if current.isValid() else None
        self.new_window_button.setEnabled(bool(ident))
        if ident and not self._filling:
            self.open_requested.emit(ident, False)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        ident = index.data(ID_ROLE)
        if ident:
            self.open_requested.emit(ident, True)

    def _new_window(self, ident: str) -> None:
        self.new_window_requested.emit(ident)

    @Slot()
    def _new_window_for_current(self) -> None:
        ident = self.current_id()
        if ident:
            self.new_window_requested.emit(ident)


class MyNotes(QObject):
    """The main window's part: makes the list on first use, keeps it current, passes on what is chosen."""

    open_requested = Signal(str, bool)
    new_window_requested = Signal(str)

    def __init__(self, window: QWidget, cat: Catalogue, userdata: UserData) -> None:
        super().__init__(window)
        self._window = window
        self._cat = cat
        self._userdata = userdata
        self._day = dt.date.today()
        self.dialog: MyNotesDialog | None = None

    def show(self, day: dt.date, filter_text: str | None = None) -> MyNotesDialog:
        """Open the list (made on first use), optionally with `filter_text` in its filter."""
        self._day = day
        if self.dialog is None:
            self.dialog = MyNotesDialog(self._cat, self._userdata, day, self._window)
            self.dialog.open_requested.connect(self.open_requested)
            self.dialog.new_window_requested.connect(self.new_window_requested)
        else:
            self.dialog.set_day(day)
        if filter_text is not None:
            self.dialog.filter.setText(filter_text)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        self.dialog.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return self.dialog

    def refresh(self) -> None:
        """A note or bookmark changed somewhere: the list, if it is open, shows it (a closed one is
        refilled when it opens again; a note is saved at every pause in typing)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.refresh()

    def set_day(self, day: dt.date) -> None:
        self._day = day
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.set_day(day)
