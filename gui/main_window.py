"""The main window: the contents tree or search results on the left, the page and the user's note on
the right.

MainWindow is assembled from named parts, and it is the only place that wires them together:

- the commands, menus and toolbar — gui.actions (WindowActions, build_menus, NavigationBar)
- the left pane: contents tree and search results — gui.left_pane, gui.contents_tree, gui.search_panel
- the page and the note below it — gui.reading_pane, gui.note_panel
- back and forward — gui.history (BackForward over NavigationHistory)
- bookmarks — gui.bookmarks; the Changes and Timeline docks — gui.docked_views
- notes found by a search — gui.note_hits
- the windows beside this one (Open in New Window; My notes and bookmarks) — gui.other_windows
- the search index built in the background — gui.index_build
- print, preview, PDF and citations — gui.output; dialogs and notices — gui.dialogs; help — gui.help_window
- what the window says about the data (banner, status bar, as-of warning) — gui.data_notices
- where the window was — gui.window_state

What stays here is what ties them: which page is shown (by stable id, never a QModelIndex kept across
a model swap), the as-of date, and the window's own start and close.

How the window is put together, started and closed is gui.window_assembly (WindowAssembly, its base):
at start-up it is drawn first from the last run's picture of it, and its parts take the picture's
place once the data is loaded. This module imports the parts only where it uses them, for that.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QCloseEvent

from gui.window_assembly import WindowAssembly

if TYPE_CHECKING:
    from gui.tree_model import TreeNode

log = logging.getLogger(__name__)


class MainWindow(WindowAssembly):
    """One window on one data set; see the module docstring for its parts."""

    entry_shown = Signal(str)
    index_ready = Signal()

    def _connect_parts(self) -> None:
        """What each command does, and how the parts tell the window what happened."""
        a = self.actions_table
        for action, slot in (
            (a.find, self.toolbar.focus_search),
            (a.bookmark, self.bookmarks.toggle),
            (a.quit, self.close),
            (a.data_sets, self.dialogs.show_data_sets),
            (a.group_by_topic, self._on_group_by_topic),
            (a.show_historical, self._on_show_historical),
            (a.as_of_today, lambda: self.set_as_of(dt.date.today())),
            (a.about, lambda: self.dialogs.show_about(self.as_of)),
            (a.coverage_notice, self.dialogs.show_first_run_notice),
            (a.status_words, self.dialogs.show_status_words),
            (a.edit_note, self.notes.focus_editor),
            (a.go_to_contents, self.left.focus_tree),
            (a.changes, lambda: self.docked_views.show_view("changes")),
            (a.timeline, lambda: self.docked_views.show_view("timeline")),
        ):
            action.triggered.connect(slot)
        a.output_requested.connect(self.output.run)
        a.cite_requested.connect(self.output.copy_citation)
        self.as_of_field.date_applied.connect(self._on_as_of_changed)
        self.navigation.go_to.connect(lambda ident: self.open_id(ident, record=False))
        self.left.open_requested.connect(lambda ident, record: self.open_id(ident, record=record))
        self.tree.branch_chosen.connect(self.show_branch)
        self.left.results_wanted.connect(self.start_index_build)
        self.search_panel.results_empty.connect(self.show_no_results)
        self.left.returned_to_tree.connect(self._after_search)
        self.detail.entry_link_activated.connect(self.navigate_link)
        self.detail.link_refused.connect(
            lambda url: self.statusBar().showMessage(self.tr("Link not followed: {url}").format(url=url), 6000)
        )
        self.notes.saved.connect(self._redraw_if_shown)  # the page shows the note too
        self.notes.status_message.connect(self.statusBar().showMessage)
        self.bookmarks.open_requested.connect(self.open_id)
        self.bookmarks.changed.connect(self._redraw_if_shown)  # the page says whether it is bookmarked
        self.docked_views.entry_selected.connect(self.open_id)
        self.banner.details_requested.connect(self.dialogs.show_load_problems)
        self.index_build.ready.connect(self._on_index_ready)
        self.index_build.failed.connect(self.search_panel.set_unavailable)
        self.userdata_watcher.changed.connect(self._on_userdata_changed_on_disk)
        self.other_windows.wire()

    # -- start and close ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: the page's accent colours follow.
        if event.type() == QEvent.Type.PaletteChange and self.assembled and self.current_id:
            self.rerender()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.assembled:  # closed while starting: nothing to save yet
            super().closeEvent(event)
            return
        self.other_windows.close_all()  # each saves its note; none outlives the window it reads for
        self.notes.save()
        self.save_settings()
        self.navigation.stop()
        self._remember_start_picture(closing=True)
        super().closeEvent(event)

    # -- the search index -------------------------------------------------------------------------------
    def start_index_build(self) -> None:
        """Start opening/building the search index in the background (once); the window stays usable."""
        self.index_build.start()

    @Slot(object)
    def _on_index_ready(self, engine: Any) -> None:
        self.engine = engine
        self.search_panel.set_as_of(self.as_of)
        self.search_panel.set_engine(engine)
        self.index_ready.emit()

    # -- the tree and the as-of date ------------------------------------------------------------------
    def rebuild_tree(self) -> None:
        """Swap in a new tree for the current date and switches, keeping what was open and selected."""
        self.tree.rebuild(
            self.cat,
            self.as_of,
            by_topic=self.actions_table.group_by_topic.isChecked(),
            show_historical=self.actions_table.show_historical.isChecked(),
            current_id=self.current_id,
        )

    @Slot(bool)
    def _on_group_by_topic(self, _checked: bool = False) -> None:
        self.settings.group_by_topic = self.actions_table.group_by_topic.isChecked()
        self.rebuild_tree()

    @Slot(bool)
    def _on_show_historical(self, _checked: bool = False) -> None:
        self.settings.show_historical = self.actions_table.show_historical.isChecked()
        self.rebuild_tree()

    @Slot(object)
    def _on_as_of_changed(self, day: dt.date) -> None:
        self.as_of = day
        self.data_status.show_as_of(day)
        self.rebuild_tree()
        self.rerender()
        self.search_panel.set_as_of(self.as_of)
        self.other_windows.set_as_of(day)

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_field.set_day(day)

    # -- the page shown -------------------------------------------------------------------------------
    def open_id(self, ident: str, *, record: bool = True) -> bool:
        """Show an object by id (or item number); False if the data has no such thing. `record` is
        False when the page is shown by going back or forward, or is not the user's choice."""
        obj = self.cat.get(ident)
        if obj is None:
            self.statusBar().showMessage(self.tr("Not in the data: {id}").format(id=ident), 8000)
            return False
        from catalogue.present.html import page_title  # Jinja2 on first use, not at start-up

        ident = str(getattr(obj, "id", ident))
        self.branch = None
        self.reading.show_record(ident, self.as_of)
        self.setWindowTitle(self.tr("{title} — ExportRef").format(title=page_title(obj)))
        self.navigation.visited(ident, record=record)
        self._page_changed(ident)
        self.settings.last_entry = ident
        self.entry_shown.emit(ident)
        return True

    def show_branch(self, node: TreeNode) -> None:
        """A branch (Prohibited, a sector, a topic) shows the list of what it holds."""
        from gui.reading_pane import Branch, Listed

        objs = [self.cat.get(child.ident) for child in node.walk() if child is not node and child.ident]
        self.branch = Branch(node.label, tuple(o for o in objs if isinstance(o, Listed)))
        self.reading.show_branch(self.branch, self.as_of)
        self._page_changed(None)

    @Slot(str)
    def show_no_results(self, query: str) -> None:
        """No results: the page is cleared rather than left showing what the last search found."""
        self.branch = None
        self.reading.show_no_results(query)
        self.setWindowTitle("ExportRef")
        self._page_changed(None)

    @Slot()
    def _after_search(self) -> None:
        """The "No results" message belongs to the search: once it is left, the page read before it
        (the history's current page; the first page if there is none) takes its place."""
        if self.current_id is None and self.branch is None:
            last = self.navigation.history.current or self._first_page(None)
            if last is not None:
                self.open_id(last, record=False)

    def _page_changed(self, ident: str | None) -> None:
        """The parts that follow the page shown (`ident` None: a list or a message, not a record)."""
        self.left.page_shown(ident)
        self.bookmarks.show_state_for(ident)
        self.actions_table.record_shown(ident is not None)

    def rerender(self) -> None:
        self.reading.rerender(self.as_of)

    @Slot(str)
    def _redraw_if_shown(self, ident: str) -> None:
        if ident == self.current_id:
            self.rerender()

    @Slot(str)
    def navigate_link(self, ident: str) -> None:
        if not self.open_id(ident):
            self.dialogs.show_missing_link(ident)

    # -- notes and bookmarks saved elsewhere; other data sets -------------------------------------------
    @Slot()
    def _on_userdata_changed_on_disk(self) -> None:
        """Another window (or process) saved notes or bookmarks: show them here."""
        try:
            changed = self.userdata.reload()
        except OSError as exc:
            log.warning("notes could not be re-read: %s", exc)
            return
        self.dialogs.report_userdata_problems(self.userdata)
        if not changed:
            return
        self.notes.take_saved_elsewhere()
        self.bookmarks.reloaded()
        self.rerender()
        self.other_windows.reloaded()
