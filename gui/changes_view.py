"""The Changes view: pick two dates or editions, see what changed, open one change side by side.

Left, the list of changes grouped as the diff groups them (added, removed, modified, listing not
established, status changes); right, the selected change rendered from resources/templates/
changes.html.j2 with the control points before and after side by side, deletions and additions
marked. Above both, the coverage note: the data holds only some items of each edition, so an empty
list must not read as "nothing changed". The whole comparison prints as a sheet through
gui.printing, the same path as every other sheet.

Standalone: it emits `entry_selected(id)` when the user opens an entry or a measure; the main
window decides what that means.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QDate,
    QModelIndex,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from catalogue.i18n import current_language, day_text
from catalogue.model import Catalogue
from catalogue.present.changes import changes_html
from catalogue.time import catalogue_editions, edition_day
from catalogue.time.diff import (
    ChangeKind,
    Diff,
    DiffPoint,
    EntryChange,
    StatusChange,
    diff,
)
from catalogue.time.wording import entry_label
from gui.grouped_model import GroupedModel, ModelIndex, bold_font
from gui.list_detail import list_and_detail
from gui.tree_model import ID_ROLE

CUSTOM_DATE = "date"  # the picker's value for "a date of my choosing"


# lupdate finds the calls to `translate` with their context; a wrapper would hide them.
translate = QCoreApplication.translate


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())


# -- the list of changes --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One line of the list: a group heading (change is None) or one change."""

    title: str
    detail: str
    ident: str | None  # what a double-click opens
    focus: str | None  # what the detail pane shows
    change: EntryChange | StatusChange | None = None


_DOCNO = re.compile(r"\b(?:19|20)\d\d No\. \d+\b")


def status_change_title(change: StatusChange) -> str:
    """A status change's row title, leading with what tells rows apart — the document number, then
    the clause — so that cutting a long title at the end never makes it name another instrument:
    "2025 No. 72, suspension of 2024 No. 46 para. 2", "2025 No. 55 — MOFCOM & GACC Announcement"."""
    label = change.label
    m = _DOCNO.search(label)
    if m is None:
        return label
    head, rest = label[: m.start()].strip(), label[m.end() :].lstrip(" ,")
    if change.kind == "clause" and rest:
        if current_language() == "zh":
            return f"{m.group(0)}, {rest}"  # the clause's label as the data has it: Chinese has no case
        return f"{m.group(0)}, {rest[:1].lower() + rest[1:] if rest[1:2].islower() else rest}"
    return f"{m.group(0)} — {head}" if head else label


class ChangesModel(GroupedModel[_Row, _Row]):
    """Read-only two-level model: groups of changes, then the changes (a plain adapter over a Diff)."""

    COLUMNS = 2

    def set_diff(self, d: Diff | None) -> None:
        self.set_groups(self._build(d) if d is not None else [])

    @staticmethod
    def _build(d: Diff) -> list[tuple[_Row, list[_Row]]]:
        groups: list[tuple[_Row, list[_Row]]] = []

        def entry_rows(changes: tuple[EntryChange, ...]) -> list[_Row]:
            rows = []
            for c in changes:
                if c.kind is ChangeKind.MODIFIED:
                    detail = c.points.summary()
                elif c.kind is ChangeKind.UNDETERMINED:
                    detail = c.after.text if c.before.text == c.after.text else f"{c.before.text} → {c.after.text}"
                elif current_language() == "zh":
                    # The status engine's words on the later day (列入目录（限制出口）, 已移出…): in
                    # Chinese our English name steps back, as on the page.
                    detail = c.after.label
                else:
                    detail = c.entry.name.en or c.after.label
                rows.append(_Row(entry_label(c.entry), detail, c.entry.id, c.entry.id, c))
            return rows

        for title, changes in (
            (translate("ChangesView", "Entries added"), d.added),
            (translate("ChangesView", "Entries removed"), d.removed),
            (translate("ChangesView", "Entries modified"), d.modified),
        ):
            groups.append((_Row(f"{title} ({len(changes)})", "", None, None), entry_rows(changes)))
        if d.undetermined:
            title = translate("ChangesView", "Listed on one day, not known on the other (not counted as changes)")
            groups.append((_Row(f"{title} ({len(d.undetermined)})", "", None, None), entry_rows(d.undetermined)))
        status_rows = [
            _Row(status_change_title(s), s.summary(), s.instrument_id, s.subject_id, s) for s in d.status_changes
        ]
        title = translate("ChangesView", "Status changes of measures and clauses")
        groups.append((_Row(f"{title} ({len(status_rows)})", "", None, None), status_rows))
        return groups

    def row_at(self, index: ModelIndex) -> _Row | None:
        group = self.group_at(index)
        return group[0] if group is not None else self.row_item(index)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title if index.column() == 0 else row.detail
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.detail}"
        if role == Qt.ItemDataRole.FontRole and self.is_group(index):
            return bold_font()
        if role == ID_ROLE:
            return row.ident
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                (translate("ChangesView", "Change"), translate("ChangesView", "What"))[section]
                if 0 <= section < self.COLUMNS
                else None
            )
        return None


# -- the pickers ----------------------------------------------------------------------------------


class PointPicker(QWidget):
    """An edition (the day it took effect) or a date of the user's choosing."""

    changed = Signal()

    def __init__(self, cat: Catalogue, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cat = cat
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(label)
        layout.addWidget(caption)
        self.combo = QComboBox()
        self.combo.setAccessibleName(label)
        for ed in catalogue_editions(cat):
            day = edition_day(ed)
            what = translate("ChangesView", "edition") if ed.kind == "full" else translate("ChangesView", "adjustment")
            self.combo.addItem(f"{ed.key} {what} ({day_text(day)})", ed.key)
        self.combo.addItem(translate("ChangesView", "Date…"), CUSTOM_DATE)
        caption.setBuddy(self.combo)
        layout.addWidget(self.combo)
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(QDate(1990, 1, 1))
        self.date_edit.setMaximumDate(QDate(2100, 12, 31))
        self.date_edit.setAccessibleName(translate("ChangesView", "{label} date").format(label=label))
        layout.addWidget(self.date_edit)
        self.combo.currentIndexChanged.connect(self._on_combo)
        self.date_edit.dateChanged.connect(self._on_date)
        self._on_combo()

    def set_value(self, text: str) -> None:
        """An edition key or an ISO date."""
        found = self.combo.findData(text)
        if found >= 0:
            self.combo.setCurrentIndex(found)
            return
        self.date_edit.setDate(_qdate(dt.date.fromisoformat(text)))
        self.combo.setCurrentIndex(self.combo.findData(CUSTOM_DATE))

    def value(self) -> str:
        key = self.combo.currentData()
        return _pydate(self.date_edit.date()).isoformat() if key == CUSTOM_DATE else str(key)

    def point(self) -> DiffPoint:
        key = self.combo.currentData()
        day = _pydate(self.date_edit.date())
        for ed in catalogue_editions(self._cat):
            if ed.key == key:
                return DiffPoint(ed.key, edition_day(ed) or day, ed)
        return DiffPoint(day.isoformat(), day)

    @Slot()
    def _on_combo(self) -> None:
        key = self.combo.currentData()
        custom = key == CUSTOM_DATE
        self.date_edit.setEnabled(custom)
        if not custom:
            # Keep the date box showing the edition's day, so switching to "Date…" starts there.
            point = self.point()
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(_qdate(point.day))
            self.date_edit.blockSignals(False)
        self.changed.emit()

    @Slot()
    def _on_date(self) -> None:
        if self.combo.currentData() == CUSTOM_DATE:
            self.changed.emit()


# -- the view -------------------------------------------------------------------------------------


class ChangesView(QWidget):
    """Two pickers, the coverage note, the list of changes and the selected change side by side."""

    entry_selected = Signal(str)

    def __init__(
        self, cat: Catalogue, parent: QWidget | None = None, *, start: str | None = None, end: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changes_view")
        self.cat = cat
        self.diff: Diff | None = None
        self._focus: str | None = None

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.from_picker = PointPicker(cat, self.tr("From"))
        self.to_picker = PointPicker(cat, self.tr("To"))
        self.swap_button = QPushButton(self.tr("Swap"))
        self.swap_button.setToolTip(self.tr("Exchange the two days"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Print preview of the whole comparison as a sheet"))
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        bar.addWidget(self.from_picker)
        bar.addWidget(self.to_picker)
        bar.addWidget(self.swap_button)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.pdf_button)
        layout.addLayout(bar)

        self.coverage_label = QLabel()
        self.coverage_label.setObjectName("changes_coverage")
        self.coverage_label.setWordWrap(True)
        self.coverage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.coverage_label.setStyleSheet("QLabel { background: #fff6dc; color: #4a3b00; padding: 6px; }")
        layout.addWidget(self.coverage_label)

        self.model = ChangesModel(self)
        splitter, self.list, self.detail = list_and_detail(
            Qt.Orientation.Horizontal,
            self.model,
            ("changes_list", "changes_detail"),
            (self.tr("Changes"), self.tr("Selected change")),
            (2, 3),
        )
        layout.addWidget(splitter, 1)

        self.from_picker.changed.connect(self.refresh)
        self.to_picker.changed.connect(self.refresh)
        self.swap_button.clicked.connect(self.swap)
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.list.selectionModel().currentChanged.connect(self._on_current)
        self.list.activated.connect(self._on_activated)
        self.detail.anchorClicked.connect(self._on_anchor)

        keys = [ed.key for ed in catalogue_editions(cat)]
        self.from_picker.set_value(start or (keys[-2] if len(keys) > 1 else keys[-1] if keys else "2023-12-21"))
        self.to_picker.set_value(end or (keys[-1] if keys else dt.date.today().isoformat()))
        self.refresh()

    # -- state --------------------------------------------------------------------------------

    def set_points(self, start: str, end: str) -> None:
        """Compare two edition keys or ISO dates."""
        self.from_picker.blockSignals(True)
        self.from_picker.set_value(start)
        self.from_picker.blockSignals(False)
        self.to_picker.set_value(end)
        self.refresh()

    @Slot()
    def swap(self) -> None:
        self.set_points(self.to_picker.value(), self.from_picker.value())

    @Slot()
    def refresh(self) -> None:
        self.diff = diff(self.cat, self.from_picker.point(), self.to_picker.point())
        self.model.set_diff(self.diff)
        for group in range(self.model.rowCount()):
            self.list.setFirstColumnSpanned(group, QModelIndex(), True)  # headings read across
        self.list.expandAll()
        # Names can be long; keep the second column ("what changed") in sight.
        self.list.resizeColumnToContents(0)
        self.list.setColumnWidth(0, min(self.list.columnWidth(0), max(220, self.list.viewport().width() // 2)))
        self.coverage_label.setText(self.diff.coverage_summary())
        self.coverage_label.setToolTip("\n".join(self.diff.coverage_notes()))
        self._focus = None
        self._show_detail()

    def _show_detail(self) -> None:
        if self.diff is None:
            return
        bar = self.detail.verticalScrollBar()
        self.detail.setHtml(changes_html(self.diff, self.cat, focus=self._focus))
        bar.setValue(0)

    # -- interaction ----------------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current)
        self._focus = row.focus if row is not None else None
        self._show_detail()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None and row.ident:
            self.entry_selected.emit(row.ident)

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        # Only internal links are followed; the page holds no other kind (sources are not linked here).
        if url.scheme() == "entry":
            self.entry_selected.emit(QUrl.fromPercentEncoding(QByteArray(url.path().encode())))

    def select_change(self, ident: str) -> bool:
        """Select the change about `ident` (an entry or a measure/clause id); False if there is none."""
        for group in range(self.model.rowCount()):
            parent = self.model.index(group, 0)
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                found = self.model.row_at(index)
                if found is not None and found.focus == ident:
                    self.list.setCurrentIndex(index)
                    return True
        return False

    # -- printing -------------------------------------------------------------------------------

    def sheet_html(self) -> str:
        assert self.diff is not None
        return changes_html(self.diff, self.cat, mode="print")

    def sheet_title(self) -> str:
        assert self.diff is not None
        start, end = day_text(self.diff.start.day), day_text(self.diff.end.day)
        return self.tr("Changes {start} to {end}").format(start=start, end=end)

    @Slot()
    def print_preview(self) -> None:
        from gui.printing import preview

        assert self.diff is not None
        preview(self, [self.sheet_html()], title=self.sheet_title(), cat=self.cat, as_of=self.diff.end.day)

    @Slot()
    def export_pdf(self) -> None:
        assert self.diff is not None
        suggested = f"exportref-changes-{self.diff.start.day}-{self.diff.end.day}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export changes as PDF"), suggested, self.tr("PDF (*.pdf)"))
        if name:
            self.write_pdf(Path(name))

    def write_pdf(self, path: Path) -> int:
        from gui.printing import write_pdf

        assert self.diff is not None
        try:
            return write_pdf([self.sheet_html()], path, title=self.sheet_title(), cat=self.cat, as_of=self.diff.end.day)
        except OSError as exc:
            QMessageBox.warning(
                self, self.tr("Export PDF"), self.tr("Could not write the PDF: {error}").format(error=exc)
            )
            return 0
