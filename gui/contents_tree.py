"""The contents tree in the left pane: the catalogue, the related controls and the laws as of a date.

Each rebuild swaps in a new CatalogueTreeModel (gui.tree_model) and finds again, by stable key and
by id, which rows were open and which was selected: no QModelIndex is kept across a swap.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QTreeView, QWidget

from catalogue.model import Catalogue
from gui.tree_model import ID_ROLE, CatalogueTreeModel, TreeNode, build_tree


class ContentsTree(QTreeView):
    """A read-only tree of what the data holds; selecting a row asks for its page."""

    entry_chosen = Signal(str)  # a row of a record was selected or activated: show it
    branch_chosen = Signal(object)  # a branch row (a TreeNode) was selected: list what it holds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selecting = False  # selecting by program: not the user choosing a row
        self.setObjectName("contents_tree")
        self.setAccessibleName(self.tr("Contents"))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.activated.connect(self._on_activated)

    @property
    def tree_model(self) -> CatalogueTreeModel:
        model = self.model()
        assert isinstance(model, CatalogueTreeModel)
        return model

    def rebuild(
        self, cat: Catalogue, day: dt.date, *, by_topic: bool, show_historical: bool, current_id: str | None
    ) -> None:
        """Swap in a new model for `day` and the switches; keep expansion, and select `current_id`."""
        old = self.model()
        expanded = self._expanded_keys() if isinstance(old, CatalogueTreeModel) else None
        root = build_tree(cat, day, by_topic=by_topic, show_historical=show_historical)
        model = CatalogueTreeModel(root, self)
        self.setModel(model)
        self.selectionModel().selectionChanged.connect(self._on_selection)
        if old is not None:
            old.deleteLater()
        if expanded is None:
            # First build: open the top two levels so the counts are visible at a glance.
            for row in range(model.rowCount()):
                self.expand(model.index(row, 0))
        else:
            self._expand_keys(model, expanded)
        if current_id:
            self.select_id(current_id)

    def select_id(self, ident: str) -> None:
        """Select and show the row of `ident` (or nothing, if the tree has no such row) without
        announcing it as the user's choice."""
        index = self.tree_model.index_for_id(ident)
        self._selecting = True
        try:
            if index.isValid():
                self.setCurrentIndex(index)
                self.scrollTo(index)
            else:
                self.clearSelection()
        finally:
            self._selecting = False

    def _expanded_keys(self) -> set[str]:
        model = self.tree_model
        keys: set[str] = set()

        def visit(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if self.isExpanded(index):
                    keys.add(model.node(index).stable_key())
                    visit(index)

        visit(QModelIndex())
        return keys

    def _expand_keys(self, model: CatalogueTreeModel, keys: set[str]) -> None:
        def visit(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if model.node(index).stable_key() in keys:
                    self.expand(index)
                    visit(index)

        visit(QModelIndex())

    @Slot(QItemSelection, QItemSelection)
    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting:
            return
        indexes = selected.indexes()
        if not indexes:
            return
        node: TreeNode = self.tree_model.node(indexes[0])
        if node.ident:
            self.entry_chosen.emit(node.ident)
        else:
            self.branch_chosen.emit(node)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        ident = index.data(ID_ROLE)
        if ident:
            self.entry_chosen.emit(ident)
        elif self.model() is not None:
            self.setExpanded(index, not self.isExpanded(index))
