"""What the window says about the data it shows, where a reader cannot miss it.

Two promises to the reader are kept here. Incomplete data is announced by a banner that cannot be
dismissed (`IncompleteDataBanner`) and in the status bar. A date past the data's verified-to date is
flagged beside the date field (`DataStatus.show_as_of`). The status bar also says how much of the
catalogue the data holds on that date, and which data set it is.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from catalogue.i18n import day_text
from catalogue.load import LoadResult
from catalogue.model import Catalogue
from catalogue.time.coverage import coverage_lines, headline

WARNING_STYLE = "color: #a05a00;"


def data_set_status(cat: Catalogue) -> tuple[str, str, bool]:
    """The status bar's words for the data shown, its tooltip, and whether to draw it as a warning (a
    pack not signed by a trusted key). Short: on a 1366-pixel screen the status bar is nearly full."""
    from catalogue.datapacks import Trust, store

    described = store.describe_data_dir(Path(cat.data_dir))
    untrusted = described.kind == "pack" and described.trust is not Trust.TRUSTED
    translate = QCoreApplication.translate
    if described.kind == "shipped":
        name = translate("DataStatus", "shipped data")
    elif described.kind == "folder":
        name = translate("DataStatus", "folder {name}").format(name=Path(cat.data_dir).name)
    else:
        name = described.name
    verified = day_text(cat.verified_to)
    text = translate("DataStatus", "Data: {name} · verified to {day} · {fingerprint}").format(
        name=("⚠ " if untrusted else "") + name, day=verified, fingerprint=cat.fingerprint
    )
    tip = translate("DataStatus", "{label}\nverified to {day}; fingerprint {fingerprint}\n{folder}").format(
        label=described.label, day=verified, fingerprint=cat.fingerprint, folder=cat.data_dir
    )
    return text, tip, untrusted


class IncompleteDataBanner(QFrame):
    """A red band above the page, shown while data files could not be loaded; Details… lists why."""

    details_requested = Signal()

    def __init__(self, result: LoadResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incomplete_banner")
        self.setStyleSheet("#incomplete_banner { background: #b3261e; } #incomplete_banner QLabel { color: white; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Data incomplete warning"))
        row.addWidget(self.label, 1)
        details = QPushButton(self.tr("Details…"))
        details.clicked.connect(self.details_requested)
        row.addWidget(details)
        self.setVisible(not result.complete)
        if not result.complete:
            files = ", ".join(result.failed_files) or self.tr("(see details)")
            self.label.setText(
                self.tr(
                    "<b>Data incomplete.</b> %n data file(s) could not be loaded: {files}. "
                    "What is shown is only part of the data — an item missing here may still be controlled.",
                    "",
                    len(result.failed_files),
                ).format(files=html.escape(files))
            )


class ElidedLabel(QLabel):
    """A status bar label that, when the window is too narrow for it, ends in "…" instead of being
    cut mid-word; its text stays whole (the tooltip begins with it)."""

    def minimumSizeHint(self) -> QSize:
        # As narrow as a few characters: the status bar may shrink it rather than the window.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().averageCharWidth() * 12), hint.height())

    def shown_text(self) -> str:
        """The text as drawn: whole, or cut at the label's width with "…"."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(
            painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), shown, self.foregroundRole()
        )

    def set_text_and_tip(self, text: str, tip: str) -> None:
        self.setText(text)
        self.setToolTip(f"{text}\n\n{tip}" if tip else text)


class DataStatus(QObject):
    """The status bar's words about the data (coverage on the as-of date; data set, verified-to date
    and fingerprint) and the warning beside the date field."""

    def __init__(self, status_bar: QStatusBar, result: LoadResult, as_of_warning: QLabel) -> None:
        super().__init__(status_bar)
        self._result = result
        self._cat = result.catalogue
        self._warning = as_of_warning
        self.coverage_label = ElidedLabel()
        self.coverage_label.setObjectName("coverage_label")
        self.verified_label = ElidedLabel()
        self.verified_label.setObjectName("verified_label")
        for widget in (self.coverage_label, self.verified_label):
            widget.setContentsMargins(8, 0, 8, 0)
            status_bar.addPermanentWidget(widget)
        text, tip, warn = data_set_status(self._cat)  # which data set, verified to, fingerprint
        self.verified_label.set_text_and_tip(text, tip)
        self.verified_label.setStyleSheet(WARNING_STYLE if warn else "")

    def show_as_of(self, day: dt.date) -> None:
        """The catalogue count for `day` (the same edition and count as the tree), and the warning
        when `day` is past the verified-to date."""
        cat = self._cat
        prefix = "" if self._result.complete else self.tr("DATA INCOMPLETE · ")
        self.coverage_label.set_text_and_tip(
            prefix + self.tr("Catalogue: {headline}").format(headline=headline(cat, day)),
            self.tr("Items held per edition, on the day each took effect:") + "\n" + "\n".join(coverage_lines(cat)),
        )
        if day > cat.verified_to:
            self._warning.setText(" ⚠ " + self.tr("after verified-to date"))
            self._warning.setToolTip(
                self.tr(
                    "The data was verified up to {verified}. For {day}, statuses are shown as last known and "
                    "marked not verified: check the official sources for later changes."
                ).format(verified=day_text(cat.verified_to), day=day_text(day))
            )
            self._warning.setStyleSheet(WARNING_STYLE)
        else:
            self._warning.setText("")
            self._warning.setToolTip("")
