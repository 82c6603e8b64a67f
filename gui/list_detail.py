"""A list of rows beside (or above) a pane showing the selected row: the Changes and Timeline views."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTextBrowser, QTreeView


def list_and_detail(
    orientation: Qt.Orientation,
    model: QAbstractItemModel,
    names: tuple[str, str],
    accessible: tuple[str, str],
    stretch: tuple[int, int],
) -> tuple[QSplitter, QTreeView, QTextBrowser]:
    """A read-only, single-selection list of `model` and a text pane that follows no link by itself
    (the view decides what a link does), in a splitter. `names`: the two widgets' object names;
    `accessible`: their accessible names, already translated; `stretch`: the splitter's factors."""
    splitter = QSplitter(orientation)
    rows = QTreeView()
    rows.setObjectName(names[0])
    rows.setAccessibleName(accessible[0])
    rows.setModel(model)
    rows.setUniformRowHeights(True)
    rows.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    rows.setAllColumnsShowFocus(True)
    # Rows are cut at the end, where the tooltip and the pane hold the whole text: the labels lead with
    # what tells them apart (a document number, a date).
    rows.setTextElideMode(Qt.TextElideMode.ElideRight)
    splitter.addWidget(rows)
    detail = QTextBrowser()
    detail.setObjectName(names[1])
    detail.setAccessibleName(accessible[1])
    detail.setOpenLinks(False)
    detail.setOpenExternalLinks(False)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    return splitter, rows, detail
