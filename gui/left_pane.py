"""The left pane: the contents tree, or the search results while a query is typed.

Typing in the search field turns the pane to the results; emptying the field turns it back, and Esc
also clears the field and puts the focus in the tree, on the row of the page being read. A row chosen
in either asks for its page (`open_requested`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QStackedWidget, QWidget

from gui.contents_tree import ContentsTree
from gui.search_panel import SearchField, SearchPanel

TREE_PAGE, SEARCH_PAGE = 0, 1


class LeftPane(QStackedWidget):
    """The tree and the search results, one at a time; the tree follows the page shown."""

    results_wanted = Signal()  # a query was typed: results need the search index
    open_requested = Signal(str, bool)  # show this id's page; bool: record it in the history
    returned_to_tree = Signal()  # the search was left (Esc, or the field emptied): the tree is shown again

    def __init__(self, search_field: SearchField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("left_pane")
        self._field = search_field
        self._shown: str | None = None  # the id of the page shown, if it is a record
        self.tree = ContentsTree()
        self.addWidget(self.tree)
        self.search_panel = SearchPanel(search_field)  # connects to the field first: it hears a query first
        self.addWidget(self.search_panel)
        search_field.textChanged.connect(self._on_query_text)
        search_field.escape_pressed.connect(self.leave_search)
        self.tree.entry_chosen.connect(lambda ident: self.open_requested.emit(ident, True))
        self.search_panel.entry_chosen.connect(lambda ident: self.open_requested.emit(ident, True))
        self.search_panel.entry_selected.connect(self._on_result_selected)

    @property
    def showing_results(self) -> bool:
        return self.currentIndex() == SEARCH_PAGE

    def page_shown(self, ident: str | None) -> None:
        """A page was shown (`ident` None: a branch's list or a message): the tree selects its row,
        now if the tree is shown, otherwise when the pane turns back to it."""
        self._shown = ident
        if ident and not self.showing_results:
            self.tree.select_id(ident)

    @Slot()
    def focus_tree(self) -> None:
        if self.showing_results:
            self.leave_search()
        else:
            self.tree.setFocus()

    @Slot()
    def leave_search(self) -> None:
        """Esc: clear the query and return to the tree where it was, on the page being read."""
        self._field.blockSignals(True)
        self._field.clear()
        self._field.blockSignals(False)
        self.search_panel.clear_query()
        self._back_to_tree(focus=True)

    @Slot(str, bool)
    def _on_result_selected(self, ident: str, chosen: bool) -> None:
        """A result became current: its page is shown at once. Only a result the user chose (a click,
        an arrow key) goes into the history; the first hit shown while typing does not."""
        if ident != self._shown or chosen:
            self.open_requested.emit(ident, chosen)

    @Slot(str)
    def _on_query_text(self, text: str) -> None:
        if text.strip():
            if not self.showing_results:
                self.setCurrentIndex(SEARCH_PAGE)
            self.results_wanted.emit()
        elif self.showing_results:
            self._back_to_tree(focus=False)

    def _back_to_tree(self, *, focus: bool) -> None:
        self.setCurrentIndex(TREE_PAGE)
        if self._shown:
            self.tree.select_id(self._shown)
        if focus:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        self.returned_to_tree.emit()
