"""Search as you type: the toolbar's search field and the ranked result list that replaces the tree.

The field debounces typing with a single-shot timer (about 150 ms) so that a query runs once the
user pauses, not on every key. Up/Down in the field move through the results without leaving it,
Enter opens the selected result (the first by default), Esc clears the query and hands focus back.

An empty result is never just an empty list: it says that not being listed does not mean an item
is free to export, and offers the engine's spelling suggestion when there is one.

The user's own notes that match come above the data's hits, marked as theirs (gui.note_hits); they
are found in memory, never through the index, and never change the data's hits.

The panel talks to the search engine only through `catalogue.search.engine` and never touches Whoosh.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QBrush, QColor, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from catalogue.i18n import current_language
from catalogue.time.status import listed_words

if TYPE_CHECKING:  # the types only: importing catalogue.search.engine would load Whoosh at start-up
    from catalogue.search.engine import Hit, SearchResults
    from gui.note_hits import NoteFinder, NoteRow, NoteRows

DEBOUNCE_MS = 150
RESULT_LIMIT = 100
ID_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
MINE_ROLE = Qt.ItemDataRole.UserRole + 3  # True on a row of the user's own note (not one of the data's hits)
# A note row's tint: translucent, so it reads on a light and on a dark palette alike.
MINE_BACKGROUND = QColor(250, 204, 21, 48)

ModelIndex = QModelIndex | QPersistentModelIndex


class Searcher(Protocol):
    """What the panel needs of catalogue.search.SearchEngine (a Protocol, so tests and the window can
    hand over the engine built in a worker thread without this module importing Whoosh)."""

    def search(self, query: str, *, limit: int = ..., as_of: dt.date | None = ...) -> SearchResults: ...


class SearchField(QLineEdit):
    """The toolbar field. Arrow keys and Enter drive the result list; Esc clears."""

    move_requested = Signal(int)  # +1 down, -1 up
    open_requested = Signal()
    escape_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_field")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Search (Ctrl+F) — English or 中文"))
        self.setAccessibleName(self.tr("Search"))
        self.setToolTip(
            self.tr(
                "<b>Search as you type</b> — English or Chinese; traditional characters are folded to simplified, "
                "and curated synonyms are searched too (NdFeB ↔ 钕铁硼).<br>"
                "<code>gallium</code> or <code>镓</code> — a word anywhere<br>"
                "<code>稀土 magnet*</code> — all the words; <code>magnet*</code> for words starting “magnet”<br>"
                '<code>"rare earth"</code> — an exact phrase<br>'
                "<code>gallium OR germanium</code> · <code>graphite NOT battery</code><br>"
                "<code>083201X</code>, <code>1C902</code> — an item number or control code<br>"
                "<code>2023 No. 23</code>, <code>2023年第23号</code> — an announcement<br>"
                "<code>status:prohibited</code> · <code>kind:measure</code> · <code>topic:rare-earths</code><br>"
                "↑/↓ move through results · Enter opens · Esc returns to the tree"
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Down:
            self.move_requested.emit(1)
        elif key == Qt.Key.Key_Up:
            self.move_requested.emit(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)


def kind_word(kind: str) -> str:
    """A hit's kind (catalogue.search's document kinds) in the window's language."""
    words = {
        "entry": QCoreApplication.translate("SearchPanel", "catalogue item"),
        "measure": QCoreApplication.translate("SearchPanel", "measure"),
        "law": QCoreApplication.translate("SearchPanel", "law"),
        "catalogue": QCoreApplication.translate("SearchPanel", "catalogue"),
        "clause": QCoreApplication.translate("SearchPanel", "clause"),
        "item": QCoreApplication.translate("SearchPanel", "controlled item"),
    }
    return words.get(kind, kind)


def _esc(text: str | None) -> str:
    return html.escape(text or "")


# Keyed by the status engine's badge words (catalogue.time.status.BADGE_CLASS has the page's colours).
_STATUS_CLASSES = {"prohibited": "st-prohibited", "restricted": "st-restricted", "suspended": "st-suspended"}
# Colours live in the delegate's stylesheet, not inline, so a selected row can switch them all to the
# palette's highlighted-text colour and stay readable.
_HIT_STYLE = (
    "b.match {{ background-color: #fff1a8; color: #000000; }}"
    ".st-prohibited {{ color: {prohibited}; }} .st-restricted {{ color: {restricted}; }}"
    ".st-suspended {{ color: {suspended}; }} .st-other {{ color: {muted}; }} .muted {{ color: {muted}; }}"
    ".mine {{ color: {mine}; }}"
)
_NORMAL_COLOURS = {
    "prohibited": "#b3261e",
    "restricted": "#a05a00",
    "suspended": "#6a3d9a",
    "muted": "#6b7280",
    "mine": "#1f5fa8",
}


_DOCUMENT_NUMBER = re.compile(r"(\d{4}) No\. (\d+)")


def _number_words(hit: Hit) -> str:
    """A hit's number as the window's language writes it: an announcement's "2023 No. 23" is
    2023年第23号 in Chinese, as the tree and the citations give it; item numbers and codes as they are."""
    match = _DOCUMENT_NUMBER.fullmatch(hit.number or "")
    if match and current_language() == "zh":
        return f"{match.group(1)}年第{match.group(2)}号"
    return hit.number or ""


def hit_html(hit: Hit, tr: Any) -> str:
    """One result as rich text. The snippet is already escaped by the engine, with <b class="match">."""
    if hit.number:
        number = _esc(_number_words(hit))
    elif hit.kind == "entry":
        words = QCoreApplication.translate("SearchPanel", "number not verified")
        number = f"<i>{_esc(words)}</i>"
    else:
        number = _esc(kind_word(hit.kind))
    tags = " ".join(
        f"<span class='{_STATUS_CLASSES.get(key, 'st-other')}'><b>{_esc(word.upper())}</b></span>"
        for key, word in hit.tags()
    )
    lines = [f"<b>{number}</b> {_esc(hit.name_zh)} {tags}".rstrip()]
    # In Chinese our English translation of the name steps back, as on the page.
    if hit.name_en and (current_language() == "en" or not hit.name_zh):
        lines.append(_esc(hit.name_en))
    # The engine's words for the day, as the page says them, unless the badge already says it all.
    listed = listed_words(hit.listing) if hit.listing else None
    if hit.status_label and hit.status_label not in (hit.status_badge, listed):
        lines.append(f"<small class='muted'>{_esc(hit.status_label)}</small>")
    if hit.snippet:
        lines.append(f"<small>{hit.snippet}</small>")
    if hit.matched_via:
        via = QCoreApplication.translate("SearchPanel", "matched via {via}").format(via=hit.matched_via)
        lines.append(f"<small class='muted'>{_esc(via)}</small>")
    return "<br>".join(lines)


class ResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # (id, html, plain text for accessibility, whether the row is the user's note)
        self._rows: list[tuple[str, str, str, bool]] = []

    def set_hits(self, hits: list[Hit], tr: Any, mine: tuple[NoteRow, ...] = ()) -> None:
        """The data's hits, below the rows of the user's notes that match (`mine`)."""
        self.beginResetModel()
        self._rows = [(n.ident, n.html, n.plain, True) for n in mine]
        self._rows += [
            (
                h.id,
                hit_html(h, tr),
                " ".join(filter(None, [h.number, h.name_zh, h.name_en, h.status_label])),
                False,
            )
            for h in hits
        ]
        self.endResetModel()

    def mine_count(self) -> int:
        return sum(1 for row in self._rows if row[3])

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ident, markup, plain, mine = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return plain
        if role == ID_ROLE:
            return ident
        if role == HTML_ROLE:
            return markup
        if role == MINE_ROLE:
            return mine
        if role == Qt.ItemDataRole.BackgroundRole and mine:
            return QBrush(MINE_BACKGROUND)
        return None


class HitDelegate(QStyledItemDelegate):
    """Paints a result's rich text (names, status, highlighted snippet) within the view's palette."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[str, int], QSize] = {}

    def _document(self, option: QStyleOptionViewItem, index: ModelIndex, selected: bool = False) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        if selected:
            on = option.palette.color(QPalette.ColorRole.HighlightedText).name()
            colours = dict.fromkeys(_NORMAL_COLOURS, on)
        else:
            colours = _NORMAL_COLOURS
        doc.setDefaultStyleSheet(_HIT_STYLE.format(**colours))
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc = self._document(option, index, selected)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ctx.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        width = option.widget.viewport().width() if option.widget else 400  # type: ignore[attr-defined]
        key = (index.data(HTML_ROLE) or "", width)
        cached = self._sizes.get(key)
        if cached is not None:
            return cached
        self.initStyleOption(option, index)
        option.rect.setWidth(width)
        doc = self._document(option, index)
        size = QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
        # Laying out rich text is the slow part of showing results; a list is re-measured many times.
        if len(self._sizes) > 2000:
            self._sizes.clear()
        self._sizes[key] = size
        return size


class SearchPanel(QWidget):
    """The ranked result list with its header (count, notice, suggestion)."""

    entry_chosen = Signal(str)  # the user opened a result (Enter, double-click)
    entry_selected = Signal(str, bool)  # a result became the current one; bool: the user chose it
    results_empty = Signal(str)  # a search found nothing: the page should not keep showing old news
    query_changed = Signal(str)

    def __init__(self, field: SearchField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_panel")
        self.field = field
        self._engine: Searcher | None = None
        self._as_of: dt.date | None = None
        self._query = ""
        self._waiting_for_index = False
        self._unavailable: str | None = None  # why the index could not be opened or built
        self.last_results: SearchResults | None = None
        self._note_finder: NoteFinder | None = None
        self._all_notes = False  # the user asked to see every matching note, not only the first few
        self.last_notes: NoteRows | None = None

        self.header = QLabel()
        self.header.setObjectName("search_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setOpenExternalLinks(False)
        self.header.linkActivated.connect(self._on_header_link)
        self.header.setAccessibleName(self.tr("Search summary"))
        self.header.setContentsMargins(6, 4, 6, 4)

        self.model = ResultsModel(self)
        self.view = QListView()
        self.view.setObjectName("search_results")
        self.view.setAccessibleName(self.tr("Search results"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(HitDelegate(self.view))
        self.view.setUniformItemSizes(False)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self._selecting_first = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)

        field.textChanged.connect(self._on_text_changed)
        field.move_requested.connect(self.move_selection)
        field.open_requested.connect(self.open_current)

    # -- wiring ------------------------------------------------------------------------------------
    def set_engine(self, engine: Searcher | None) -> None:
        """Called once the index is ready; runs a query the user typed while it was being built."""
        self._engine = engine
        if engine is not None:
            self._unavailable = None
        if engine is not None and self._waiting_for_index:
            self._waiting_for_index = False
            self.run_now()

    def set_note_finder(self, finder: NoteFinder | None) -> None:
        """Where the user's notes are looked up; without one, notes are not searched."""
        self._note_finder = finder

    def set_unavailable(self, reason: str) -> None:
        """The index could not be built: say so instead of promising results that will never come."""
        self._unavailable = reason
        if self._waiting_for_index:
            self._waiting_for_index = False
            self.run_now()

    def set_as_of(self, day: dt.date) -> None:
        self._as_of = day
        if self._query:
            self.run_now()

    @property
    def query(self) -> str:
        return self._query

    def row_count(self) -> int:
        return self.model.rowCount()

    def result_ids(self) -> list[str]:
        """The ids of the data's hits, in their order (the rows of the user's notes are not results)."""
        rows = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        return [index.data(ID_ROLE) for index in rows if not index.data(MINE_ROLE)]

    def note_ids(self) -> list[str]:
        """The ids of the records whose note matched, as listed above the hits."""
        rows = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        return [index.data(ID_ROLE) for index in rows if index.data(MINE_ROLE)]

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def clear_query(self) -> None:
        """Forget the query and its results: the field was emptied without telling anyone (Esc)."""
        self._on_text_changed("")

    # -- behaviour -------------------------------------------------------------------------------
    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        self._query = text.strip()
        self._all_notes = False
        self.query_changed.emit(self._query)
        if self._query:
            self.timer.start()
        else:
            self.timer.stop()
            self.model.set_hits([], self.tr)
            self.header.clear()

    def _find_notes(self) -> NoteRows | None:
        if self._note_finder is None:
            return None
        self.last_notes = self._note_finder.find(self._query, show_all=self._all_notes)
        return self.last_notes

    @Slot()
    def run_now(self) -> None:
        self.timer.stop()
        if not self._query:
            return
        # The user's notes are matched in memory: they are found even while the index is being built.
        notes = self._find_notes()
        mine = notes.rows if notes is not None else ()
        if self._engine is None and self._unavailable is not None:
            self.model.set_hits([], self.tr, mine)
            self.header.setText(
                "<span style='color:#b3261e'>"
                + _esc(self.tr("Search is unavailable: {why}").format(why=self._unavailable))
                + "</span>"
                + self._notes_summary(notes)
            )
            self.view.setVisible(bool(mine))
            return
        if self._engine is None:
            self._waiting_for_index = True
            self.model.set_hits([], self.tr, mine)
            self.header.setText(
                self.tr("The search index is being built; your search will run as soon as it is ready…")
                + self._notes_summary(notes)
            )
            self.view.setVisible(bool(mine))
            return
        results = self._engine.search(self._query, limit=RESULT_LIMIT, as_of=self._as_of)
        self.last_results = results
        hits = list(results.hits)
        self.model.set_hits(hits, self.tr, mine)
        self.header.setText(self._summary(results, len(hits)) + self._notes_summary(notes))
        self.view.setVisible(bool(hits or mine))  # an empty list under the notice reads as "still loading"
        if hits:
            # The first hit's page is shown (as in Zeal and Qt Assistant), without being added to the
            # history: the user has not chosen it yet. The rows of the user's notes above it are not hits.
            self._selecting_first = True
            try:
                self.view.setCurrentIndex(self.model.index(len(mine), 0))
            finally:
                self._selecting_first = False
        else:
            self.results_empty.emit(self._query)

    def _notes_summary(self, notes: NoteRows | None) -> str:
        """The header's line about the user's notes: how many match, apart from the data's count."""
        if notes is None or not notes.total:
            return ""
        if notes.total == 1:
            text = self.tr("1 of my notes matches — private, on this computer; not from the data.")
        else:
            text = self.tr("{n} of my notes match — private, on this computer; not from the data.").format(
                n=notes.total
            )
        # The palette's link colour: it reads on a light and a dark palette alike.
        colour = self.header.palette().color(QPalette.ColorRole.Link).name()
        line = f"<br><span style='color:{colour}'>✎ {_esc(text)}</span>"
        if len(notes.rows) < notes.total:
            more = self.tr("Show all {n}").format(n=notes.total)
            line += f" <a href='notes:all'>{_esc(more)}</a>"
        return line

    def _summary(self, results: SearchResults, shown: int) -> str:
        parts: list[str] = []
        if results.total == 0:
            parts.append("<b>" + _esc(self.tr("No results for “{q}”.").format(q=self._query)) + "</b>")
        elif results.total > shown:
            parts.append(
                _esc(self.tr("{total} results; the best {shown} are shown.").format(total=results.total, shown=shown))
            )
        else:
            parts.append(_esc(self.tr("%n result(s)", "", results.total)))
        if results.suggestion:
            s = _esc(results.suggestion)
            parts.append(self.tr("Did you mean") + f" <a href='suggest:{s}'>{s}</a>?")
        if results.degraded and not results.notice:
            parts.append(_esc(self.tr("The query syntax was not understood; the words were searched as plain terms.")))
        if results.notice:
            parts.append(f"<span style='color:#8a5a00'>{_esc(results.notice)}</span>")
        for problem in (results.warning, results.error):
            if problem:
                parts.append(f"<span style='color:#b3261e'>{_esc(problem)}</span>")
        return "<br>".join(parts)

    @Slot(str)
    def _on_header_link(self, link: str) -> None:
        if link.startswith("suggest:"):
            self.field.setText(link[len("suggest:") :])
            self.run_now()
        elif link == "notes:all":
            self._all_notes = True
            self.run_now()

    @Slot(int)
    def move_selection(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        row = min(max(current + step, 0), rows - 1)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))

    @Slot()
    def open_current(self) -> None:
        if self.timer.isActive():
            # Enter pressed before the debounce fired: run now so Enter opens what was typed.
            self.run_now()
        ident = self.current_id()
        if ident:
            self.entry_chosen.emit(ident)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ident = current.data(ID_ROLE) if current.isValid() else None
        if ident:
            self.entry_selected.emit(ident, not self._selecting_first)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        ident = index.data(ID_ROLE)
        if ident:
            self.entry_chosen.emit(ident)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.field.escape_pressed.emit()
            return
        super().keyPressEvent(event)
