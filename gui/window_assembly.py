"""How the main window is put together: drawn first from the last run's picture of it, then built on
the data from its named parts (listed in gui.main_window), which take the picture's place.

At start-up the window is drawn before its parts exist (gui.skeleton: the menus, the toolbar's height
and the contents tree as the last run left them, "Loading…" in the status bar), and `assemble` then
puts the parts in, in place of the picture's stand-ins, in one pass with nothing drawn in between.
So the parts, and the data model behind them, are imported only in `assemble`: importing them costs
more than everything Qt does to draw the first window. A window made with its data (the tests, a
second window) is assembled at once.

Also here: what the window restores when it opens and saves when it closes, the first page, and
what happens once that page is drawn (`after_first_page`: the search index, the mouse's side buttons,
the picture for the next start).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from catalogue.load import LoadResult
    from catalogue.userdata import UserData
    from gui.main_window import MainWindow
    from gui.reading_pane import Branch
    from gui.settings import Settings
    from gui.skeleton import Skeleton

log = logging.getLogger(__name__)


class WindowAssembly(QMainWindow):
    """The main window's frame, start and close; gui.main_window.MainWindow is what it does."""

    started = Signal()  # start-up is over: the first page has been drawn (after_first_page)

    def __init__(
        self,
        result: LoadResult | None,
        *,
        settings: Settings | None = None,
        userdata: UserData | None = None,
        engine_factory: Callable[[], Any] | None = None,
        as_of: dt.date | None = None,
        defer_first_page: bool = False,
        picture: dict[str, Any] | None = None,
    ) -> None:
        """The window on `result`'s data; or, with `result` None, the window as `picture` (the last
        run's, gui.skeleton) shows it until `assemble` is given the data."""
        super().__init__()
        self.setObjectName("main_window")
        # Its words are the window's (MainWindow's context), wherever in the class tree they are said.
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "ExportRef — China technology export controls"))
        self.skeleton: Skeleton | None = None
        self._assembled = False
        if result is None:
            from gui.skeleton import Skeleton

            self.skeleton = Skeleton(self, picture)
            return
        self.assemble(
            result,
            settings=settings,
            userdata=userdata,
            engine_factory=engine_factory,
            as_of=as_of,
            defer_first_page=defer_first_page,
        )

    @property
    def assembled(self) -> bool:
        """Whether the window has its parts (it has only the start picture's stand-ins before)."""
        return self._assembled

    def assemble(
        self,
        result: LoadResult,
        *,
        settings: Settings | None = None,
        userdata: UserData | None = None,
        engine_factory: Callable[[], Any] | None = None,
        as_of: dt.date | None = None,
        defer_first_page: bool = False,
    ) -> None:
        """Build the window's parts on the data and wire them, replacing the start picture's stand-ins
        in the same pass (nothing is drawn in between)."""
        from PySide6.QtCore import Qt

        from catalogue.userdata import UserData
        from gui.actions import NavigationBar, WindowActions, build_menus, icon
        from gui.bookmarks import Bookmarks
        from gui.data_notices import DataStatus
        from gui.dialogs import WindowDialogs
        from gui.docked_views import DockedViews
        from gui.help_window import HelpViewer
        from gui.history import BackForward
        from gui.index_build import IndexBuilder, default_engine_factory
        from gui.language import ensure_language, language_menu, reopen_in_language
        from gui.note_editor import UserDataWatcher
        from gui.note_hits import NoteFinder
        from gui.other_windows import OtherWindows
        from gui.output import PageOutput
        from gui.settings import Settings

        assert not self._assembled, "a window is assembled once"
        starting = self.skeleton is not None
        if self.skeleton is not None:
            self.menuBar().clear()
            self.removeToolBar(self.skeleton.toolbar)
            self.skeleton.toolbar.deleteLater()
            self.statusBar().removeWidget(self.skeleton.loading)
            self.statusBar().setMinimumHeight(0)
            self.skeleton.loading.deleteLater()
            self.skeleton = None  # the central widget goes when _build_central sets the real one
        self.result = result
        self.cat = result.catalogue
        self.settings = settings or Settings()
        self.language = ensure_language(self.settings)  # the window's words and the pages': one language
        self.userdata = userdata or UserData()
        self.as_of = as_of or dt.date.today()
        self.engine: Any = None  # the search engine, once the index is ready
        self.branch: Branch | None = None  # the branch of the tree the page lists, when it lists one
        self.setWindowIcon(icon("exportref"))

        self.actions_table = WindowActions(self)
        self.toolbar = NavigationBar(self.actions_table, self.as_of)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.search_field = self.toolbar.search_field
        self.as_of_field = self.toolbar.as_of_field
        self.as_of_warning = self.toolbar.as_of_warning
        self._build_central()
        # At start-up the mouse's side buttons are watched only once the first page is drawn: an
        # application-wide event filter in Python is called for every event of the first paint.
        self.navigation = BackForward(self, self.actions_table.back, self.actions_table.forward, watch=not starting)
        self.bookmarks = Bookmarks(self, self.cat, self.userdata, self.actions_table.bookmark)
        window = self._main
        langs = language_menu(self, self.language, lambda lang: reopen_in_language(window, lang))
        self.view_menu, self.bookmarks_menu = build_menus(self, self.actions_table, self.bookmarks.toggle_view, langs)
        self.bookmarks.attach_menu(self.bookmarks_menu)
        self.statusBar().setObjectName("status_bar")
        self.data_status = DataStatus(self.statusBar(), self.result, self.as_of_warning)
        self.index_build = IndexBuilder(self.statusBar(), engine_factory or default_engine_factory(self.cat))
        self.dialogs = WindowDialogs(self, result, self.settings)
        self.help = HelpViewer(self, self.cat, self.actions_table.help, lambda: self.as_of)
        self.output = PageOutput(self, source=self)  # what it prints is what this window shows
        self.docked_views = DockedViews(self, self.cat)
        self.search_panel.set_note_finder(NoteFinder(self.cat, self.userdata, self))
        self.other_windows = OtherWindows(window)
        self.userdata_watcher = UserDataWatcher(
            self.userdata.folder, [self.userdata.notes_path, self.userdata.bookmarks_path], self
        )
        self._main._connect_parts()

        self.data_status.show_as_of(self.as_of)
        self._main.rebuild_tree()
        self._restore_settings(defer_first_page)
        self.dialogs.report_userdata_problems(self.userdata)
        if starting and self.focusWidget() in (None, self):
            self.search_field.setFocus()  # where a shown window puts it: type to search at once
        self._assembled = True

    def _build_central(self) -> None:
        """The banner above the two panes; the left pane beside the reading pane."""
        from PySide6.QtCore import Qt

        from gui.data_notices import IncompleteDataBanner
        from gui.left_pane import LeftPane
        from gui.reading_pane import ReadingPane

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = IncompleteDataBanner(self.result)
        outer.addWidget(self.banner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.left = LeftPane(self.search_field)
        self.tree = self.left.tree
        self.search_panel = self.left.search_panel
        self.splitter.addWidget(self.left)
        self.reading = ReadingPane(self.cat, self.userdata, find_actions=self.actions_table)
        self.detail = self.reading.detail
        self.notes = self.reading.notes
        self.splitter.addWidget(self.reading)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 900])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        for first, then in itertools.pairwise((self.search_field, self.tree, self.detail, self.notes.editor)):
            self.setTabOrder(first, then)

    def _restore_settings(self, defer_first_page: bool = False) -> None:
        from gui.language import bind_show_english
        from gui.window_state import restore_layout

        s = self.settings
        restore_layout(self, self.splitter, s)
        self.actions_table.group_by_topic.setChecked(s.group_by_topic)
        self.actions_table.show_historical.setChecked(s.show_historical)
        bind_show_english(self.actions_table.show_english, self.reading, s, self.language, self._main.rerender)
        if s.group_by_topic or s.show_historical:
            self._main.rebuild_tree()
        last = s.last_entry
        if defer_first_page:
            QTimer.singleShot(0, lambda: self._open_first_page(last))
        else:
            self._open_first_page(last)

    def _open_first_page(self, last: str) -> None:
        if self.current_id:  # the user got there first (a click or a search during start-up)
            return
        ident = self._first_page(last)
        if ident is not None:
            self._main.open_id(ident)

    def _first_page(self, last: str | None) -> str | None:
        """The page a start opens: the last one read, else the catalogue's."""
        obj = self.cat.get(last) if last else None
        if obj is not None:
            return str(getattr(obj, "id", last))
        return self.cat.catalogue.id if self.cat.catalogue is not None else None

    def save_settings(self) -> None:
        from gui.window_state import save_layout

        s = self.settings
        save_layout(self, self.splitter, s)
        s.group_by_topic = self.actions_table.group_by_topic.isChecked()
        s.show_historical = self.actions_table.show_historical.isChecked()
        if self.current_id:
            s.last_entry = self.current_id
        s.sync()

    def after_first_page(self, *, open_index: bool = True) -> None:
        """Start-up, once the first page has been drawn: what the user does not wait for — the mouse's
        side buttons, the search index (`open_index`), and the picture the next start draws first."""
        self.navigation.watch_side_buttons()
        # How the start laid the window out, for the next start's picture to lay it out the same.
        self._start_layout: dict[str, Any] = {
            "toolbar_height": self.toolbar.height(),
            "status_height": self.statusBar().height(),
            "reading_sizes": self.reading.sizes(),
        }
        if open_index:
            self._main.start_index_build()
        self._remember_start_picture(closing=False)
        self.started.emit()

    def _remember_start_picture(self, *, closing: bool) -> None:
        """What the next start draws before anything is loaded (gui.skeleton): the chrome as it is, and
        the tree as that start will build it — now, or on closing, built afresh for today with the
        page to reopen selected."""
        from pathlib import Path

        from catalogue.datapacks.store import POINTER_FILE, datapacks_dir
        from gui.language import chosen_language
        from gui.skeleton import encode_bytes, tree_picture, write_start_picture
        from gui.tree_model import CatalogueTreeModel, build_tree

        layout = getattr(self, "_start_layout", None)
        if layout is None:
            return  # not started through the picture (a window made with its data at once)
        s = self.settings
        if chosen_language(s) != self.language:
            return  # closing for a window in another language: its words would be the wrong ones
        geometry = s.geometry if s.geometry is not None else self.saveGeometry()  # a first run's size
        day = dt.date.today() if closing else self.as_of
        tree = None
        if self.result.complete:
            if closing:
                root = build_tree(
                    self.cat,
                    day,
                    by_topic=self.actions_table.group_by_topic.isChecked(),
                    show_historical=self.actions_table.show_historical.isChecked(),
                )
                model = CatalogueTreeModel(root)
                first = self._first_page(s.last_entry)
                tree = tree_picture(model, model.index_for_id(first) if first else None)
            else:
                tree = tree_picture(self.tree.model(), self.tree.currentIndex())
        picture = {
            "as_of": day.isoformat(),
            "menus": [action.text() for action in self.menuBar().actions()],
            "loading": QCoreApplication.translate("MainWindow", "Loading…"),
            **layout,
            "geometry": encode_bytes(geometry),
            "state": encode_bytes(s.window_state) if s.window_state is not None else None,
            "splitter": encode_bytes(s.splitter) if s.splitter is not None else None,
            "tree": tree,
        }
        write_start_picture(
            picture, settings_file=s.path, data_dir=Path(self.cat.data_dir), pointer=datapacks_dir() / POINTER_FILE
        )

    @property
    def _main(self) -> MainWindow:
        """This window as the MainWindow it is (the one class built on this one), whose commands the
        assembly calls: connecting the parts, the tree, the page, the index."""
        return cast("MainWindow", self)

    @property
    def current_id(self) -> str | None:
        return self.reading.current_id
