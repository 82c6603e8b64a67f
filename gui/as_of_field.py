"""The as-of date field in the toolbar: a lawyer types or pastes a date the way they write it.

2025-06-01, 2025-6-1, 2025/6/1, 2025.6.1 and 2025年6月1日 are all read by the one parser the command
line uses (catalogue.dates). The date is applied when the user presses Enter, leaves the field or
picks a day in the calendar — not on every keystroke, which rebuilt the tree and re-ran the search
for half-typed years. The field and the warning beside it keep a fixed width, so the toolbar never
moves when the warning appears.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from catalogue.dates import accepted_forms, parse_day

MIN_DAY = dt.date(1990, 1, 1)
MAX_DAY = dt.date(2100, 12, 31)


class _DateLine(QLineEdit):
    """Selects everything when focused, so typing replaces the whole date."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A click that did not drag a selection selects the whole date, so typed digits replace it.
        super().mouseReleaseEvent(event)
        if not self.hasSelectedText():
            self.selectAll()


class AsOfField(QWidget):
    """A date line edit with a calendar button; emits `date_applied` when a new valid date is applied."""

    date_applied = Signal(object)  # dt.date

    def __init__(self, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("as_of_field")
        self._day = day
        self.line = _DateLine(day.isoformat())
        self.line.setObjectName("as_of_edit")
        self.line.setAccessibleName(self.tr("As-of date"))
        self.line.setToolTip(
            self.tr("The date statuses are shown for. Type it as {forms}.").format(forms=accepted_forms())
        )
        # Wide enough for the longest form a user may type (2025年12月31日), fixed so nothing moves.
        self.line.setFixedWidth(self.line.fontMetrics().horizontalAdvance("2025年12月31日") + 24)
        self.line.returnPressed.connect(self.apply_text)
        self.line.editingFinished.connect(self.apply_text)
        self.line.textEdited.connect(self._clear_error)

        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("as_of_calendar")
        self.calendar.setMinimumDate(QDate(MIN_DAY.year, MIN_DAY.month, MIN_DAY.day))
        self.calendar.setMaximumDate(QDate(MAX_DAY.year, MAX_DAY.month, MAX_DAY.day))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.button = QToolButton()
        self.button.setObjectName("as_of_calendar_button")
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Pick the date in a calendar"))
        self.button.setAccessibleName(self.tr("Calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        self.menu.aboutToShow.connect(self._sync_calendar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.line)
        layout.addWidget(self.button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _tip(self) -> str:
        return self.tr("The date statuses are shown for. Type it as {forms}.").format(forms=accepted_forms())

    @property
    def day(self) -> dt.date:
        return self._day

    def set_day(self, day: dt.date) -> None:
        """Show and apply `day` (from code: Go → Today, a restored setting)."""
        self.line.setText(day.isoformat())
        self._apply(day)

    @Slot()
    def apply_text(self) -> None:
        text = self.line.text()
        try:
            day = parse_day(text)
        except ValueError as exc:
            self._show_error(str(exc))
            return
        if not MIN_DAY <= day <= MAX_DAY:
            self._show_error(self.tr("Choose a date between {a} and {b}.").format(a=MIN_DAY, b=MAX_DAY))
            return
        self.line.setText(day.isoformat())
        self._apply(day)

    def _apply(self, day: dt.date) -> None:
        self._clear_error()
        if day != self._day:
            self._day = day
            self.date_applied.emit(day)

    @Slot(QDate)
    def _picked(self, qdate: QDate) -> None:
        self.menu.close()
        self.set_day(dt.date(qdate.year(), qdate.month(), qdate.day()))

    @Slot()
    def _sync_calendar(self) -> None:
        self.calendar.setSelectedDate(QDate(self._day.year, self._day.month, self._day.day))

    def _show_error(self, message: str) -> None:
        self.line.setStyleSheet("QLineEdit { border: 1px solid #b3261e; }")
        self.line.setToolTip(message)
        self.line.setProperty("invalid", True)

    @Slot()
    def _clear_error(self) -> None:
        if self.line.property("invalid"):
            self.line.setStyleSheet("")
            self.line.setProperty("invalid", False)
            self.line.setToolTip(
                self.tr("The date statuses are shown for. Type it as {forms}.").format(forms=accepted_forms())
            )

    @property
    def error(self) -> str | None:
        """The message shown for text that is not a date, or None."""
        return self.line.toolTip() if self.line.property("invalid") else None


class WarningLabel(QLabel):
    """A label with the width of its longest text reserved, so showing it never reflows the toolbar."""

    def __init__(self, longest: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(longest) + 12)
        self.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
