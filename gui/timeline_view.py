"""The Timeline view: every dated event in the data, oldest first, grouped by year, filterable by
topic; each event opens what it changed.

Events come from catalogue.events. Those dated after the data's verified-to date are kept — a stated
end of a suspension is a fact the sources announced — but shown in italics and marked "not
verified", and the line under the list says what that means.

Standalone: it emits `entry_selected(id)` when the user activates an event (double-click, Enter, or
the link in the event's description); the main window decides what that means.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from catalogue.i18n import current_language, day_text
from catalogue.model import Catalogue
from catalogue.present.html import internal_href
from catalogue.time.events import Event, all_events
from gui.grouped_model import GroupedModel, ModelIndex, bold_font
from gui.list_detail import list_and_detail
from gui.tree_model import ID_ROLE

UNVERIFIED_COLOUR = QColor("#8a5a00")


# lupdate finds the calls to `translate` with their context; a wrapper would hide them.
translate = QCoreApplication.translate


class TimelineModel(GroupedModel[int, Event]):
    """Read-only two-level model over a list of events: years, then that year's events."""

    COLUMNS = 4  # date, event, what it changed, details

    def __init__(self, verified_to: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verified_to = verified_to

    def set_events(self, events: list[Event]) -> None:
        years: dict[int, list[Event]] = {}
        for ev in events:
            years.setdefault(ev.day.year, []).append(ev)
        self.set_groups(sorted(years.items()))

    def event_count(self) -> int:
        return sum(len(evs) for _, evs in self.groups())

    def event_at(self, index: ModelIndex) -> Event | None:
        return self.row_item(index)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group = self.group_at(index)
        if group is not None:
            year, events = group
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{year} ({len(events)})"
            if role == Qt.ItemDataRole.FontRole:
                return bold_font()
            return None
        ev = self.event_at(index)
        assert ev is not None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return day_text(ev.day)
            if index.column() == 1:
                return (
                    ev.kind.words
                    if ev.verified
                    else translate("TimelineView", "{event} (not verified)").format(event=ev.kind.words)
                )
            if index.column() == 2:
                return ev.subject_label
            return ev.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return ev.text
        if role == ID_ROLE:
            return ev.link_id
        if not ev.verified:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(UNVERIFIED_COLOUR)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = (
                translate("TimelineView", "Date"),
                translate("TimelineView", "Event"),
                translate("TimelineView", "What it changed"),
                translate("TimelineView", "Details"),
            )
            return names[section] if 0 <= section < self.COLUMNS else None
        return None

    def index_of(self, predicate: Any) -> QModelIndex:
        return self.index_where(predicate)


class TimelineView(QWidget):
    """Topic filter and text filter, the events by year, and the selected event's full description."""

    entry_selected = Signal(str)

    def __init__(self, cat: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline_view")
        self.cat = cat
        self._all = all_events(cat)

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        topic_label = QLabel(self.tr("Topic"))
        self.topic_combo = QComboBox()
        self.topic_combo.setObjectName("timeline_topic")
        self.topic_combo.setAccessibleName(self.tr("Topic"))
        self.topic_combo.addItem(self.tr("All topics"), None)
        used = {t for ev in self._all for t in ev.topics}
        chinese = current_language() == "zh"
        for topic in sorted(cat.topics.values(), key=lambda t: (t.name.en or t.id).casefold()):
            if topic.id in used:
                name = topic.name.en or topic.id
                if chinese and topic.name.zh:
                    name = topic.name.zh  # in Chinese the English name steps back, as on pages
                elif topic.name.zh:
                    name += f" · {topic.name.zh}"
                self.topic_combo.addItem(name, topic.id)
        topic_label.setBuddy(self.topic_combo)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("timeline_filter")
        self.filter_edit.setPlaceholderText(self.tr("Filter events (e.g. No. 62, 稀土, suspended)"))
        self.filter_edit.setAccessibleName(self.tr("Filter events"))
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("timeline_count")
        bar.addWidget(topic_label)
        bar.addWidget(self.topic_combo)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        self.model = TimelineModel(cat.verified_to, self)
        splitter, self.list, self.detail = list_and_detail(
            Qt.Orientation.Vertical,
            self.model,
            ("timeline_list", "timeline_detail"),
            (self.tr("Events"), self.tr("Selected event")),
            (4, 1),
        )
        layout.addWidget(splitter, 1)
        self.note_label = QLabel(
            self.tr(
                "Data verified to {day}. Later events are those the sources announced (such as the stated end "
                "of a suspension); they are shown in italics and are not verified."
            ).format(day=day_text(cat.verified_to))
        )
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #6b7280;")
        layout.addWidget(self.note_label)

        self.topic_combo.currentIndexChanged.connect(self.refresh)
        self.filter_edit.textChanged.connect(self.refresh)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.activated.connect(self._on_activated)
        self.detail.anchorClicked.connect(self._on_anchor)
        self.refresh()
        self._first_show = True

    # -- filtering ------------------------------------------------------------------------------

    def set_topic(self, topic_id: str | None) -> bool:
        found = self.topic_combo.findData(topic_id)
        if found < 0:
            return False
        self.topic_combo.setCurrentIndex(found)
        return True

    def topic(self) -> str | None:
        data = self.topic_combo.currentData()
        return str(data) if data is not None else None

    def visible_events(self) -> list[Event]:
        topic = self.topic()
        needle = self.filter_edit.text().strip().casefold()
        out = []
        for ev in self._all:
            if topic is not None and topic not in ev.topics:
                continue
            if needle:
                hay = " ".join((ev.subject_label, ev.text, ev.kind.words, ev.by_label or "", *ev.notes)).casefold()
                if needle not in hay:
                    continue
            out.append(ev)
        return out

    @Slot()
    def refresh(self) -> None:
        current = self.model.event_at(self.list.currentIndex())
        events = self.visible_events()
        self.model.set_events(events)
        for year in range(self.model.rowCount()):
            self.list.setFirstColumnSpanned(year, QModelIndex(), True)
        self.list.expandAll()
        self.list.resizeColumnToContents(0)
        self.list.resizeColumnToContents(1)
        self.list.setColumnWidth(2, max(300, self.list.viewport().width() // 3))
        self.count_label.setText(self.tr("%n event(s)", "", len(events)))
        if current is not None:
            again = self.model.index_of(lambda ev: ev == current)
            if again.isValid():
                self.list.setCurrentIndex(again)
                return
        self._show(None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._first_show:
            self._first_show = False
            # Open on the recent past: the last event the data has verified, the announced ones after
            # it. Deferred until the view has its real height, or "centre" means nothing.
            QTimer.singleShot(0, lambda: self.scroll_to_day(self.cat.verified_to))

    def scroll_to_day(self, day: dt.date) -> None:
        """Bring the last event on or before `day` into view (without selecting it)."""
        last = QModelIndex()
        for y in range(self.model.rowCount()):
            year = self.model.index(y, 0)
            for r in range(self.model.rowCount(year)):
                index = self.model.index(r, 0, year)
                ev = self.model.event_at(index)
                if ev is not None and ev.day <= day:
                    last = index
        if last.isValid():
            self.list.scrollTo(last, QAbstractItemView.ScrollHint.PositionAtCenter)

    # -- the selected event ---------------------------------------------------------------------

    def _show(self, ev: Event | None) -> None:
        if ev is None:
            self.detail.setHtml(
                "<p style='color:#6b7280'>"
                + self.tr("Select an event to read it in full; double-click or press Enter to open what it changed.")
                + "</p>"
            )
            return
        # Escaped by hand: QTextBrowser takes HTML and the text comes from the data.
        parts = [
            f"<p><b>{escape(day_text(ev.day))} · {escape(ev.kind.words)}</b> — "
            f"<a href='{escape(internal_href(ev.link_id), quote=True)}'>{escape(ev.subject_label)}</a></p>",
            f"<p>{escape(ev.text)}</p>",
        ]
        recorded = self.tr("Recorded note: {note}")
        parts += [f"<p style='color:#4b5563'>{escape(recorded.format(note=n))}</p>" for n in ev.notes]
        if not ev.verified:
            parts.append(
                "<p style='color:#8a5a00'>"
                + escape(
                    self.tr("After the data's verified-to date ({day}): as announced, not verified.").format(
                        day=day_text(self.cat.verified_to)
                    )
                )
                + "</p>"
            )
        if ev.sources:
            parts.append(
                "<p style='color:#6b7280; font-size:small'>"
                + escape(self.tr("Sources"))
                + ": "
                + escape(", ".join(ev.sources))
                + "</p>"
            )
        self.detail.setHtml("".join(parts))

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.event_at(current))

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        ev = self.model.event_at(index)
        if ev is not None:
            self.entry_selected.emit(ev.link_id)

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "entry":
            self.entry_selected.emit(QUrl.fromPercentEncoding(QByteArray(url.path().encode())))
