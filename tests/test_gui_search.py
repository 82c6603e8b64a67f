"""Search as you type in the real window over the shipped data, with the real index built in the
background; and the issue's end-to-end story: find the gallium rule, follow its link to 083201X, go
back, bookmark, write a note, restart, find both again."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from gui.index_build import default_engine_factory
from gui.left_pane import SEARCH_PAGE, TREE_PAGE
from gui.main_window import MainWindow
from gui.search_panel import DEBOUNCE_MS, ID_ROLE

from helpers import click_link

SHIPPED = Path(__file__).resolve().parent.parent / "catalogue" / "data"
GALLIUM_RULE = "cn-mofcom-2023-23"  # MOFCOM & GACC Announcement 2023 No. 23 (gallium and germanium)
MakeWindow = Callable[..., MainWindow]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index for the module: the first window builds it, later ones open it warm."""
    return tmp_path_factory.mktemp("index-cache")


@pytest.fixture
def make_window(qtbot: QtBot, shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeWindow]:
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(shared_cache))
    result = load_catalogue(SHIPPED)
    assert result.complete, [p.format() for p in result.problems]

    def make(
        *, start_index: bool = True, wait: bool = True, engine_factory: Callable[[], Any] | None = None
    ) -> MainWindow:
        window = MainWindow(result, engine_factory=engine_factory)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        if start_index:
            with qtbot.waitSignal(window.index_ready, timeout=60_000, raising=wait):
                window.start_index_build()
        return window

    yield make


def type_cjk(widget: object, text: str) -> None:
    """Deliver text the way an input method does: as a commit, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def shown_ids(window: MainWindow) -> list[str]:
    return window.search_panel.result_ids()


def wait_for_results(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.search_panel.last_results is not None and not window.search_panel.timer.isActive())


def test_typing_lists_the_engines_hits_and_enter_opens_the_first(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_field
    qtbot.keyClicks(window.search_field, "gallium")
    assert window.left.currentIndex() == SEARCH_PAGE
    wait_for_results(qtbot, window)
    expected = window.engine.search("gallium", limit=100, as_of=window.as_of)
    assert shown_ids(window) == [h.id for h in expected.hits]
    assert "non-ferrous-metallurgy" in shown_ids(window)
    assert window.search_panel.header.text().startswith(f"{expected.total} result")
    first = shown_ids(window)[0]
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_id == first


def test_typing_is_debounced(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.search_field.setFocus()
    qtbot.keyClicks(window.search_field, "germ")
    # Nothing has run yet: the query waits for a pause in typing.
    assert window.search_panel.last_results is None and window.search_panel.timer.isActive()
    assert window.search_panel.timer.interval() == DEBOUNCE_MS
    wait_for_results(qtbot, window)
    assert window.search_panel.last_results is not None
    assert window.search_panel.last_results.query == "germ"


def test_up_down_escape_and_return_to_the_tree(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_id("083201X")
    window.toolbar.focus_search()
    qtbot.keyClicks(window.search_field, "rare earth")
    wait_for_results(qtbot, window)
    ids = shown_ids(window)
    assert len(ids) >= 3
    assert window.search_panel.current_id() == ids[0]
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Up)
    assert window.search_panel.current_id() == ids[1]
    # The current result's page is shown (as in Zeal and Qt Assistant); the keys the user pressed put
    # it in the history, so Back returns through what they looked at.
    assert window.current_id == ids[1]
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    assert window.left.currentIndex() == TREE_PAGE
    assert QApplication.focusWidget() is window.tree
    assert window.tree.currentIndex().data(ID_ROLE) == ids[1]
    for expected in (ids[2], ids[1]):
        window.navigation.back()
        assert window.current_id == expected
    window.navigation.back()
    assert window.current_id == "non-ferrous-metallurgy"  # the first hit, shown while typing, was not recorded


@pytest.mark.parametrize("leave", ["escape", "empty field"])
def test_leaving_a_search_with_no_results_shows_the_page_read_before(
    qtbot: QtBot, make_window: MakeWindow, leave: str
) -> None:
    """The "No results" page belongs to the search: back at the tree, the page read before is shown,
    with its row selected, not a message about a query that is gone."""
    window = make_window()
    window.open_id("083201X")
    window.toolbar.focus_search()
    qtbot.keyClicks(window.search_field, "qqqzzzxx")
    qtbot.waitUntil(lambda: "No results for" in window.detail.toPlainText(), timeout=5000)
    if leave == "escape":
        qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    else:
        window.search_field.clear()
    assert window.left.currentIndex() == TREE_PAGE
    assert "No results for" not in window.detail.toPlainText()
    assert window.current_id == "non-ferrous-metallurgy"
    assert window.tree.currentIndex().data(ID_ROLE) == "non-ferrous-metallurgy"


def test_empty_result_shows_the_notice_and_the_suggestion(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.toolbar.focus_search()
    qtbot.keyClicks(window.search_field, "galium")
    wait_for_results(qtbot, window)
    results = window.search_panel.last_results
    assert results is not None and results.total == 0 and results.suggestion
    header = window.search_panel.header.text()
    assert "No results for “galium”" in header
    assert "does not mean" in header  # not listed does not mean free to export
    assert f"suggest:{results.suggestion}" in header
    window.search_panel.header.linkActivated.emit(f"suggest:{results.suggestion}")
    assert window.search_field.text() == results.suggestion
    assert window.search_panel.row_count() > 0


def test_a_query_typed_while_the_index_builds_runs_when_it_is_ready(qtbot: QtBot, make_window: MakeWindow) -> None:
    # The build waits for the test's word, so "while it builds" is a state the test holds, not a race.
    gate = threading.Event()
    windows: list[MainWindow] = []

    def gated_engine() -> Any:
        gate.wait(timeout=60)
        return default_engine_factory(windows[0].cat)()

    window = make_window(start_index=False, engine_factory=gated_engine)
    windows.append(window)
    try:
        window.toolbar.focus_search()
        qtbot.keyClicks(window.search_field, "antimony")
        # Typing starts the build itself; the panel says it is waiting rather than "no results".
        qtbot.waitUntil(lambda: "being built" in window.search_panel.header.text())
        assert window.index_build.label.text() == "Search index: opening…"
        assert window.engine is None and window.search_panel.row_count() == 0
    finally:
        gate.set()
    qtbot.waitUntil(lambda: window.search_panel.row_count() > 0, timeout=60_000)
    assert window.index_build.label.text() == "Search index: ready"
    results = window.search_panel.last_results
    assert results is not None and results.query == "antimony"  # the query typed during the build


def test_changing_the_as_of_date_reruns_the_search(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.toolbar.focus_search()
    qtbot.keyClicks(window.search_field, "gallium")
    wait_for_results(qtbot, window)
    window.set_as_of(dt.date(2024, 1, 10))
    results = window.search_panel.last_results
    assert results is not None and results.as_of == dt.date(2024, 1, 10)


@pytest.mark.parametrize("typed", ["镓", "gallium"])
def test_story_find_the_gallium_rule_follow_back_bookmark_note_restart(
    qtbot: QtBot, make_window: MakeWindow, typed: str
) -> None:
    window = make_window()
    # Find the rule from the keyboard: Ctrl+F, type, arrow down to it, Enter.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    if typed.isascii():
        qtbot.keyClicks(window.search_field, typed)
    else:
        type_cjk(window.search_field, typed)
    wait_for_results(qtbot, window)
    ids = shown_ids(window)
    assert GALLIUM_RULE in ids
    for _ in range(ids.index(GALLIUM_RULE)):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_id == GALLIUM_RULE
    assert "MOFCOM & GACC Announcement 2023 No. 23" in window.detail.toPlainText()

    # Follow its link to the catalogue's non-ferrous metallurgy entry.
    click_link(qtbot, window.detail, "entry:non-ferrous-metallurgy")
    assert window.current_id == "non-ferrous-metallurgy"
    assert "083201X" in window.detail.toPlainText() and "有色金属冶金技术" in window.detail.toPlainText()

    # Back to the rule, bookmark it, write a note.
    qtbot.keyClick(window.detail, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_id == GALLIUM_RULE
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.notes.editor
    qtbot.keyClicks(window.notes.editor, "Check licence for client GaAs wafers")
    qtbot.waitUntil(lambda: window.userdata.note(GALLIUM_RULE) is not None, timeout=10_000)
    window.close()

    # Restart: a new window over the same folders finds both.
    again = make_window()
    assert again.current_id == GALLIUM_RULE
    assert [
        again.bookmarks.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(again.bookmarks.list.count())
    ] == [GALLIUM_RULE]
    assert again.notes.editor.toPlainText() == "Check licence for client GaAs wafers"
    assert "Check licence for client GaAs wafers" in again.detail.toPlainText()
    again.open_id("083201X")
    again.bookmarks.toggle_view.trigger()
    item = again.bookmarks.list.item(0)
    rect = again.bookmarks.list.visualItemRect(item)
    qtbot.mouseClick(again.bookmarks.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(again.bookmarks.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert again.current_id == GALLIUM_RULE


def test_search_results_export_to_pdf(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, pdftotext: str) -> None:
    import subprocess

    from catalogue.present.html import MatterInfo
    from gui.printing import PrintOptions

    window = make_window()
    window.toolbar.focus_search()
    qtbot.keyClicks(window.search_field, "gallium")
    wait_for_results(qtbot, window)
    options = PrintOptions(MatterInfo("", "", ""), include_notes=False, page_size="A4")
    assert window.output.export_pdf("results", tmp_path / "results.pdf", options) >= 1
    text = subprocess.run([pdftotext, str(tmp_path / "results.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Search results for “gallium”" in text and "083201X" in text


def test_a_click_shows_the_page_and_no_results_clears_it(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_id("083201X")
    window.toolbar.focus_search()
    qtbot.keyClicks(window.search_field, "rare earth")
    wait_for_results(qtbot, window)
    ids = shown_ids(window)
    view = window.search_panel.view
    rect = view.visualRect(window.search_panel.model.index(2, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_id == ids[2]  # one click opens, no double-click needed
    window.search_field.clear()
    qtbot.keyClicks(window.search_field, "qqqzzzxx")
    qtbot.waitUntil(lambda: window.current_id is None, timeout=5000)
    page = window.detail.toPlainText()
    assert "No results for “qqqzzzxx”" in page and ids[2] not in page
    assert not window.actions_table.cite.isEnabled() and not window.actions_table.bookmark.isEnabled()
