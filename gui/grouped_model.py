"""A read-only two-level item model: groups, each with its rows (the Changes and Timeline lists).

Qt needs index/parent/rowCount bookkeeping for any tree; both lists are just "headings with rows
under them", so the bookkeeping lives here once and the views only say what each cell shows.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

ModelIndex = QModelIndex | QPersistentModelIndex
G = TypeVar("G")
R = TypeVar("R")


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class GroupedModel(QAbstractItemModel, Generic[G, R]):
    """Groups at the top level, their rows beneath. An index's internal id is 0 for a group row and
    the group's position + 1 for a row inside it, so no Python object has to outlive the index."""

    COLUMNS = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups: list[tuple[G, list[R]]] = []

    def set_groups(self, groups: list[tuple[G, list[R]]]) -> None:
        self.beginResetModel()
        self._groups = groups
        self.endResetModel()

    def groups(self) -> list[tuple[G, list[R]]]:
        return self._groups

    @staticmethod
    def is_group(index: ModelIndex) -> bool:
        return index.isValid() and index.internalId() == 0

    def group_at(self, index: ModelIndex) -> tuple[G, list[R]] | None:
        return self._groups[index.row()] if self.is_group(index) else None

    def row_item(self, index: ModelIndex) -> R | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index_where(self, predicate: Any) -> QModelIndex:
        """The first row (column 0) whose item satisfies `predicate`, or an invalid index."""
        for g, (_, rows) in enumerate(self._groups):
            for r, item in enumerate(rows):
                if predicate(item):
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= self.COLUMNS or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0 or row >= len(self._groups[parent.row()][1]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMNS

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
