"""The main window: tree or search results on the left, the detail page and the user's note on the right.

Only this class wires the widgets together. It owns navigation (back/forward history by id), the
as-of date, bookmarks and notes, and the background build of the search index. It never keeps a
QModelIndex across a model swap: everything is found again by stable id.

Two promises to the reader are kept here. Incomplete data is announced by a banner that cannot be
dismissed and by the status bar. Dates past the data's verified-to date are flagged where the date
is chosen.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QEvent,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from catalogue.citation import cite_with_status
from catalogue.coverage import coverage_lines, headline
from catalogue.loader import LoadResult
from catalogue.model import Clause, ControlledItem, Entry, Instrument
from catalogue.userdata import UserData
from gui.actions import NavigationBar, WindowActions, build_menus, icon
from gui.bookmarks import Bookmarks
from gui.contents_tree import ContentsTree
from gui.detail_view import EntryView
from gui.dialogs import WindowDialogs
from gui.history import NavigationHistory
from gui.index_build import IndexBuilder, default_engine_factory
from gui.note_editor import MAX_NOTE_CHARS, UserDataWatcher, breakable
from gui.note_panel import NotePanel
from gui.output import Branch, PageOutput
from gui.search_panel import SearchPanel
from gui.settings import Settings
from gui.tree_model import TreeNode

if TYPE_CHECKING:  # printing (QtPrintSupport) is imported on first use, not at start-up
    pass


def _renderer() -> Any:
    """catalogue.render, imported on first use: Jinja2 is not needed until the first page, which is
    drawn just after the window appears (see docs/performance.md, Startup)."""
    import catalogue.render

    return catalogue.render


def page_title(obj: object) -> str:
    title: str = _renderer().page_title(obj)
    return title


log = logging.getLogger(__name__)

TREE_PAGE, SEARCH_PAGE = 0, 1


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


# -- the window -----------------------------------------------------------------------------------------


class MainWindow(QMainWindow):
    entry_shown = Signal(str)
    index_ready = Signal()

    def __init__(
        self,
        result: LoadResult,
        *,
        settings: Settings | None = None,
        userdata: UserData | None = None,
        engine_factory: Callable[[], Any] | None = None,
        as_of: dt.date | None = None,
        defer_first_page: bool = False,
    ) -> None:
        super().__init__()
        self.result = result
        self.cat = result.catalogue
        self.settings = settings or Settings()
        self.userdata = userdata or UserData()
        self.as_of = as_of or dt.date.today()
        self.history = NavigationHistory()
        self.engine: Any = None
        self._engine_factory = engine_factory or default_engine_factory(self.cat)
        self._panels: dict[str, QDockWidget] = {}
        self.branch: Branch | None = None  # the branch of the tree the page lists, when it lists one

        self.dialogs = WindowDialogs(self, result, self.settings)
        self.output = PageOutput(self, self)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("ExportRef — China technology export controls"))
        self.setWindowIcon(icon("exportref"))
        self.actions_table = WindowActions(self)
        self.toolbar = NavigationBar(self.actions_table, self.as_of)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.search_field = self.toolbar.search_field
        self.as_of_field = self.toolbar.as_of_field
        self.as_of_warning = self.toolbar.as_of_warning
        self._build_central()
        self.bookmarks = Bookmarks(self, self.cat, self.userdata, self.actions_table.bookmark)
        menus = build_menus(self, self.actions_table, self.bookmarks.toggle_view)
        self.view_menu, self.bookmarks_menu = menus.view, menus.bookmarks
        self.bookmarks.attach_menu(self.bookmarks_menu)
        self._build_status_bar()
        self._connect_parts()
        self.rebuild_tree()
        self._restore_settings(defer_first_page)
        self._watch_userdata()
        self.dialogs.report_userdata_problems(self.userdata)
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    # -- construction ----------------------------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.banner = QFrame()
        self.banner.setObjectName("incomplete_banner")
        self.banner.setStyleSheet(
            "#incomplete_banner { background: #b3261e; } #incomplete_banner QLabel { color: white; }"
        )
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 6, 10, 6)
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setAccessibleName(self.tr("Data incomplete warning"))
        row.addWidget(self.banner_label, 1)
        details = QPushButton(self.tr("Details…"))
        details.clicked.connect(self.dialogs.show_load_problems)
        row.addWidget(details)
        outer.addWidget(self.banner)
        self.banner.setVisible(not self.result.complete)
        if not self.result.complete:
            files = ", ".join(self.result.failed_files) or self.tr("(see details)")
            self.banner_label.setText(
                self.tr(
                    "<b>Data incomplete.</b> {n} data file(s) could not be loaded: {files}. "
                    "What is shown is only part of the data — an item missing here may still be controlled."
                ).format(n=len(self.result.failed_files), files=html.escape(files))
            )

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.left = QStackedWidget()
        self.left.setObjectName("left_pane")
        self.tree = ContentsTree()
        self.left.addWidget(self.tree)
        self.search_panel = SearchPanel(self.search_field)
        self.left.addWidget(self.search_panel)
        self.search_field.textChanged.connect(self._on_query_text)
        self.search_field.escape_pressed.connect(self.leave_search)
        self.search_panel.entry_chosen.connect(self.open_from_search)
        self.search_panel.entry_selected.connect(self.show_from_search)
        self.search_panel.results_empty.connect(self.show_no_results)
        self.splitter.addWidget(self.left)

        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("detail_splitter")
        self.detail = EntryView()
        self.detail.entry_link_activated.connect(self.navigate_link)
        self.detail.link_refused.connect(
            lambda url: self.statusBar().showMessage(self.tr("Link not followed: {url}").format(url=url), 6000)
        )
        right.addWidget(self.detail)
        self.notes = NotePanel(self.userdata)
        right.addWidget(self.notes)
        right.setStretchFactor(0, 5)
        right.setStretchFactor(1, 1)
        right.setSizes([600, 110])
        self.detail_splitter = right
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 900])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.setTabOrder(self.search_field, self.tree)
        self.setTabOrder(self.tree, self.detail)
        self.setTabOrder(self.detail, self.notes.editor)

    def _connect_parts(self) -> None:
        """What each command does, and how the parts tell the window what happened."""
        a = self.actions_table
        for action, slot in (
            (a.back, self.go_back),
            (a.forward, self.go_forward),
            (a.find, self.focus_search),
            (a.bookmark, self.bookmarks.toggle),
            (a.cite, self.copy_citation),
            (a.quit, self.close),
            (a.data_sets, self.show_data_sets),
            (a.group_by_topic, self._on_grouping_changed),
            (a.show_historical, self._on_historical_changed),
            (a.as_of_today, self.set_as_of_today),
            (a.about, lambda: self.dialogs.show_about(self.as_of)),
            (a.coverage_notice, self.dialogs.show_first_run_notice),
            (a.status_words, self.dialogs.show_status_words),
            (a.edit_note, self.notes.focus_editor),
            (a.go_to_contents, self.focus_tree),
            (a.changes, lambda: self.show_panel("changes")),
            (a.timeline, lambda: self.show_panel("timeline")),
        ):
            action.triggered.connect(slot)
        a.output_requested.connect(self.output.run)
        self.as_of_field.date_applied.connect(self._on_as_of_changed)
        self.bookmarks.open_requested.connect(self.open_id)
        self.tree.entry_chosen.connect(self.open_id)
        self.tree.branch_chosen.connect(self.show_branch)
        self.bookmarks.changed.connect(self._on_bookmark_changed)
        self.notes.saved.connect(self._on_note_saved)
        self.notes.status_message.connect(self.statusBar().showMessage)
        self.index_build.ready.connect(self._on_index_ready)
        self.index_build.failed.connect(self._on_index_failed)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("status_bar")
        self.coverage_label = QLabel()
        self.coverage_label.setObjectName("coverage_label")
        self.verified_label = QLabel()
        self.verified_label.setObjectName("verified_label")
        for widget in (self.coverage_label, self.verified_label):
            widget.setContentsMargins(8, 0, 8, 0)
            status.addPermanentWidget(widget)
        self.index_build = IndexBuilder(status, self._engine_factory)
        from gui.data_sets_dialog import data_set_status

        text, tip, warn = data_set_status(self.cat)  # which data set, verified to, fingerprint
        self.verified_label.setText(text)
        self.verified_label.setToolTip(tip)
        self.verified_label.setStyleSheet("color: #a05a00;" if warn else "")
        self._update_as_of_warning()

    def _update_coverage_label(self) -> None:
        """The catalogue count for the as-of date: the same edition and the same count as the tree."""
        prefix = "" if self.result.complete else self.tr("DATA INCOMPLETE · ")
        self.coverage_label.setText(
            prefix + self.tr("Catalogue: {headline}").format(headline=headline(self.cat, self.as_of))
        )
        self.coverage_label.setToolTip(
            self.tr("Items held per edition, on the day each took effect:") + "\n" + "\n".join(coverage_lines(self.cat))
        )

    # -- settings ----------------------------------------------------------------------------------------
    def _first_run_size(self) -> QSize:
        """1320×820, or 90% of the screen's free area where that is smaller (a 1366×768 laptop)."""
        wanted = QSize(1320, 820)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return wanted
        free = screen.availableGeometry().size()
        return wanted.boundedTo(QSize(int(free.width() * 0.9), int(free.height() * 0.9)))

    def _restore_settings(self, defer_first_page: bool = False) -> None:
        s = self.settings
        if s.geometry is not None:
            self.restoreGeometry(s.geometry)
        else:
            self.resize(self._first_run_size())
        if s.window_state is not None:
            self.restoreState(s.window_state)
        if s.splitter is not None:
            self.splitter.restoreState(s.splitter)
        self.actions_table.group_by_topic.setChecked(s.group_by_topic)
        self.actions_table.show_historical.setChecked(s.show_historical)
        if s.group_by_topic or s.show_historical:
            self.rebuild_tree()
        last = s.last_entry
        if defer_first_page:
            QTimer.singleShot(0, lambda: self._open_first_page(last))
        else:
            self._open_first_page(last)

    def _open_first_page(self, last: str) -> None:
        if self.current_id:  # the user got there first (a click or a search during start-up)
            return
        if last and self.cat.get(last) is not None:
            self.open_id(last)
        else:
            self._show_start_page()

    def save_settings(self) -> None:
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.splitter = self.splitter.saveState()
        s.group_by_topic = self.actions_table.group_by_topic.isChecked()
        s.show_historical = self.actions_table.show_historical.isChecked()
        if self.current_id:
            s.last_entry = self.current_id
        s.sync()

    def changeEvent(self, event: QEvent) -> None:
        # The system switched between light and dark: the page's accent colours follow.
        if event.type() == QEvent.Type.PaletteChange and self.current_id:
            self.rerender()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.notes.save()
        self.save_settings()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)

    # -- the search index --------------------------------------------------------------------------------
    def start_index_build(self) -> None:
        """Start opening/building the search index in the background; the window stays usable."""
        self.index_build.start()

    @Slot(object)
    def _on_index_ready(self, engine: Any) -> None:
        self.engine = engine
        self.search_panel.set_as_of(self.as_of)
        self.search_panel.set_engine(engine)
        self.index_ready.emit()

    @Slot(str)
    def _on_index_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Search is unavailable: {msg}").format(msg=message), 15000)
        self.search_panel.set_unavailable(message)

    # -- tree ----------------------------------------------------------------------------------------------
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
    def _on_grouping_changed(self, _checked: bool = False) -> None:
        self.settings.group_by_topic = self.actions_table.group_by_topic.isChecked()
        self.rebuild_tree()

    @Slot(bool)
    def _on_historical_changed(self, _checked: bool = False) -> None:
        self.settings.show_historical = self.actions_table.show_historical.isChecked()
        self.rebuild_tree()

    # -- showing things ----------------------------------------------------------------------------------
    @property
    def current_id(self) -> str | None:
        return self.detail.current_id

    def _render(self, ident: str) -> str:
        obj = self.cat.get(ident)
        note = self.userdata.note(ident)
        page: str = _renderer().render_detail(
            obj,
            self.cat,
            as_of=self.as_of,
            note=breakable(note[:MAX_NOTE_CHARS]) if note else note,
            bookmarked=self.userdata.is_bookmarked(ident),
            dark=self.dark_palette(),
        )
        return page

    @staticmethod
    def dark_palette() -> bool:
        """Whether the window is drawn light-on-dark (system dark mode): the page then uses lighter accents."""
        window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
        return window_colour.lightness() < 128

    def open_id(self, ident: str, *, record: bool = True) -> bool:
        """Show an object by id (or item number); False if the data has no such thing."""
        obj = self.cat.get(ident)
        if obj is None:
            self.statusBar().showMessage(self.tr("Not in the data: {id}").format(id=ident), 8000)
            return False
        ident = str(getattr(obj, "id", ident))
        self.notes.save()
        self.branch = None
        self.detail.show_page(ident, self._render(ident))
        self.setWindowTitle(self.tr("{title} — ExportRef").format(title=page_title(obj)))
        if record:
            self.history.visit(ident)
        self._update_history_actions()
        if self.left.currentIndex() == TREE_PAGE:
            self.tree.select_id(ident)
        self.notes.load(ident)
        self.bookmarks.show_state_for(ident)
        self.actions_table.cite.setEnabled(True)
        self.settings.last_entry = ident
        self.entry_shown.emit(ident)
        return True

    def show_branch(self, node: TreeNode) -> None:
        """A branch (Prohibited, a sector, a topic) shows the list of what it holds."""
        objs = [self.cat.get(child.ident) for child in node.walk() if child is not node and child.ident]
        listed = [o for o in objs if isinstance(o, Entry | Instrument | Clause | ControlledItem)]
        self.notes.save()
        title = node.label
        self.detail.show_page(None, _renderer().render_list_sheet(listed, self.cat, as_of=self.as_of, title=title))
        self.branch = Branch(title, tuple(listed))
        self.notes.load(None)
        self.bookmarks.show_state_for(None)
        self.actions_table.cite.setEnabled(False)

    def _show_start_page(self) -> None:
        cat_inst = self.cat.catalogue
        if cat_inst is not None:
            self.open_id(cat_inst.id)

    def rerender(self) -> None:
        if self.current_id:
            self.detail.show_page(self.current_id, self._render(self.current_id), keep_scroll=True)

    # -- navigation ----------------------------------------------------------------------------------------
    @Slot(str)
    def navigate_link(self, ident: str) -> None:
        if not self.open_id(ident):
            self.dialogs.show_missing_link(ident)

    def _update_history_actions(self) -> None:
        self.actions_table.back.setEnabled(self.history.can_go_back)
        self.actions_table.forward.setEnabled(self.history.can_go_forward)

    @Slot()
    def go_back(self) -> None:
        ident = self.history.back()
        if ident is not None:
            self.open_id(ident, record=False)

    @Slot()
    def go_forward(self) -> None:
        ident = self.history.forward()
        if ident is not None:
            self.open_id(ident, record=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Mouse side buttons navigate wherever the pointer is in this window (as in a web browser).
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget) and watched.window() is self:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

    # -- search -------------------------------------------------------------------------------------------
    @Slot()
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    @Slot()
    def focus_tree(self) -> None:
        self.leave_search() if self.left.currentIndex() == SEARCH_PAGE else self.tree.setFocus()

    @Slot(str)
    def _on_query_text(self, text: str) -> None:
        if text.strip():
            if self.left.currentIndex() != SEARCH_PAGE:
                self.left.setCurrentIndex(SEARCH_PAGE)
            if self.engine is None:
                self.start_index_build()  # at most once: a build started or finished is not repeated
        elif self.left.currentIndex() == SEARCH_PAGE:
            self._back_to_tree(focus=False)

    @Slot(str)
    def open_from_search(self, ident: str) -> None:
        self.open_id(ident)

    @Slot(str, bool)
    def show_from_search(self, ident: str, chosen: bool) -> None:
        """A result became current: its page is shown at once. Only a result the user chose (a click,
        an arrow key) goes into the history; the first hit shown while typing does not."""
        if ident != self.current_id or chosen:
            self.open_id(ident, record=chosen)

    @Slot(str)
    def show_no_results(self, query: str) -> None:
        """No results: the page is cleared rather than left showing what the last search found."""
        self.notes.save()
        self.branch = None
        self.detail.show_page(
            None,
            _renderer().render_message(
                self.tr("No results for “{q}”").format(q=query),
                self.tr(
                    "Nothing in this data matches. Not being listed here does not mean an item may be exported "
                    "freely: the catch-all rules still apply, and the data is incomplete."
                ),
            ),
        )
        self.setWindowTitle("ExportRef")
        self.notes.load(None)
        self.bookmarks.show_state_for(None)
        self.actions_table.cite.setEnabled(False)

    @Slot()
    def leave_search(self) -> None:
        """Esc: clear the query and return to the tree where it was, on the page being read."""
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self.search_panel._on_text_changed("")
        self._back_to_tree(focus=True)

    def _back_to_tree(self, *, focus: bool) -> None:
        self.left.setCurrentIndex(TREE_PAGE)
        if self.current_id:
            self.tree.select_id(self.current_id)
        if focus:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- as-of date ---------------------------------------------------------------------------------------
    @Slot(object)
    def _on_as_of_changed(self, day: dt.date) -> None:
        self.as_of = day
        self._update_as_of_warning()
        self.rebuild_tree()
        self.rerender()
        self.search_panel.set_as_of(self.as_of)

    def set_as_of(self, day: dt.date) -> None:
        self.as_of_field.set_day(day)

    @Slot()
    def set_as_of_today(self) -> None:
        self.set_as_of(dt.date.today())

    def _update_as_of_warning(self) -> None:
        self._update_coverage_label()
        if self.as_of > self.cat.verified_to:
            self.as_of_warning.setText(" ⚠ " + self.tr("after verified-to date"))
            self.as_of_warning.setToolTip(
                self.tr(
                    "The data was verified up to {verified}. For {day}, statuses are shown as last known and "
                    "marked not verified: check the official sources for later changes."
                ).format(verified=self.cat.verified_to.isoformat(), day=self.as_of.isoformat())
            )
            self.as_of_warning.setStyleSheet("color: #a05a00;")
        else:
            self.as_of_warning.setText("")
            self.as_of_warning.setToolTip("")

    # -- notes and bookmarks saved here or elsewhere ---------------------------------------------------------
    @Slot(str)
    def _on_note_saved(self, ident: str) -> None:
        if self.current_id == ident:
            self.rerender()  # the page shows the note too

    def _watch_userdata(self) -> None:
        self.userdata_watcher = UserDataWatcher(
            self.userdata.folder, [self.userdata.notes_path, self.userdata.bookmarks_path], self
        )
        self.userdata_watcher.changed.connect(self._on_userdata_changed_on_disk)

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
        if self.current_id:
            self.rerender()

    # -- bookmarks -------------------------------------------------------------------------------------------
    @Slot(str)
    def _on_bookmark_changed(self, ident: str) -> None:
        if ident == self.current_id:
            self.rerender()  # the page says whether it is bookmarked

    # -- changes and timeline (issue 6's views, docked below the page) ---------------------------------
    def show_panel(self, name: str) -> QDockWidget:
        """Open (creating on first use) the changes or timeline view; its entries navigate here."""
        dock = self._panels.get(name)
        if dock is None:
            if name == "changes":
                from gui.changes_view import ChangesView

                widget: QWidget = ChangesView(self.cat)
                title = self.tr("Changes between dates")
            else:
                from gui.timeline_view import TimelineView

                widget = TimelineView(self.cat)
                title = self.tr("Timeline")
            widget.entry_selected.connect(self.open_id)  # type: ignore[attr-defined]
            dock = QDockWidget(title, self)
            dock.setObjectName(f"{name}_dock")
            dock.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            others = [d for d in self._panels.values() if d.isVisible()]
            if others:
                self.tabifyDockWidget(others[0], dock)
            self._panels[name] = dock
        dock.show()
        dock.raise_()
        # The page stays the main thing: the panel takes a third of the window's height
        # (on a 1366×768 laptop the page kept only 130–190 px when the panel took what it asked for).
        self.resizeDocks([dock], [max(200, int(self.height() * 0.33))], Qt.Orientation.Vertical)
        dock.widget().setFocus(Qt.FocusReason.ShortcutFocusReason)
        return dock

    # -- citation, printing --------------------------------------------------------------------------------
    def citation(self) -> str | None:
        obj = self.cat.get(self.current_id) if self.current_id else None
        return cite_with_status(obj, self.cat, self.as_of) if obj is not None else None

    @Slot()
    def copy_citation(self) -> None:
        text = self.citation()
        if text is None:
            self.statusBar().showMessage(self.tr("Open an entry or measure to cite it."), 4000)
            return
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("Citation copied: {text}").format(text=text), 8000)

    # -- dialogs ---------------------------------------------------------------------------------------------
    def show_data_sets(self) -> QDialog:
        """File → Data sets…: install a pack, switch, revert (gui/data_sets_dialog.py)."""
        from gui.data_sets_dialog import DataSetsDialog

        dialog = DataSetsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
