"""Notes found by a search in the real window: listed above the data's hits, marked as the user's, never
changing the hits, never printed as results, and never written into the search index."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.search.engine import SearchEngine
from catalogue.userdata import UserData
from gui.main_window import MainWindow
from gui.note_hits import NOTE_ROWS_SHOWN
from gui.search_panel import HTML_ROLE, ID_ROLE, MINE_ROLE, RESULT_LIMIT

AS_OF = dt.date(2026, 1, 15)
ENTRY = "non-ferrous-metallurgy"  # 083201X, whose control points mention 镓 (gallium)
MEASURE = "cn-mofcom-2023-23"
ZH_NOTE = "客户询问高纯金属镓的提取工艺，见 2023年第23号。"
SECRET = "quokkazebra"  # a word that is in no data, only in a note
MakeWindow = Callable[..., MainWindow]


@pytest.fixture(scope="module")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("note-hits-index")


@pytest.fixture
def make_window(qtbot: QtBot, minimal_data: Path, index_cache: Path, tmp_path: Path) -> Iterator[MakeWindow]:
    cat = load_catalogue(minimal_data).catalogue

    def make(
        *, notes: dict[str, str], index: bool = True, engine_factory: Callable[[], Any] | None = None
    ) -> MainWindow:
        user = UserData(tmp_path / "user")
        for ident, text in notes.items():
            user.set_note(ident, text)
        window = MainWindow(
            load_catalogue(minimal_data),
            userdata=user,
            as_of=AS_OF,
            engine_factory=engine_factory or (lambda: SearchEngine(cat, cache_dir=index_cache)),
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if index:
            with qtbot.waitSignal(window.index_ready, timeout=60_000):
                window.start_index_build()
        return window

    yield make


def search(qtbot: QtBot, window: MainWindow, query: str) -> None:
    window.search_field.setText(query)
    window.search_panel.run_now()  # as the pause after typing does


def rows(window: MainWindow) -> list[tuple[str, bool, str]]:
    model = window.search_panel.model
    return [
        (model.index(r, 0).data(ID_ROLE), model.index(r, 0).data(MINE_ROLE), model.index(r, 0).data(HTML_ROLE))
        for r in range(model.rowCount())
    ]


def test_a_matching_note_comes_first_marked_mine_and_the_data_hits_are_unchanged(
    qtbot: QtBot, make_window: MakeWindow
) -> None:
    window = make_window(notes={ENTRY: ZH_NOTE, MEASURE: "Client B ships wafers"})
    search(qtbot, window, "镓")
    engine: SearchEngine = window.engine
    expected = [h.id for h in engine.search("镓", limit=RESULT_LIMIT, as_of=AS_OF).hits]
    assert expected  # the data has hits of its own for 镓
    # The data's hits, in the engine's order, exactly as without notes; the note comes first, apart.
    assert window.search_panel.result_ids() == expected
    assert window.search_panel.note_ids() == [ENTRY]
    first_id, first_mine, first_html = rows(window)[0]
    assert (first_id, first_mine) == (ENTRY, True)
    assert not any(mine for _i, mine, _h in rows(window)[1:])
    assert "MY NOTE" in first_html and "not from the data" in first_html
    assert '金属<b class="match">镓</b>的提取' in first_html
    # A note row carries no status: no badge, no status words.
    assert "st-" not in first_html and "IN FORCE" not in first_html and "RESTRICTED" not in first_html
    header = window.search_panel.header.text()
    assert f"{len(expected)} results" in header
    assert "1 of my notes matches" in header
    # The first of the data's hits is shown, not the note.
    assert window.search_panel.current_id() == expected[0]
    assert window.current_id == expected[0]


def test_choosing_a_note_row_opens_its_page(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(notes={MEASURE: f"ask counsel about {SECRET}"})
    search(qtbot, window, SECRET)
    view = window.search_panel.view
    rect = view.visualRect(window.search_panel.model.index(0, 0))
    with qtbot.waitSignal(window.entry_shown) as shown:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args == [MEASURE]


def test_notes_are_never_written_into_the_search_index(
    qtbot: QtBot, make_window: MakeWindow, index_cache: Path
) -> None:
    window = make_window(notes={ENTRY: f"{SECRET} 私密备注甲乙"})
    search(qtbot, window, SECRET)
    assert window.search_panel.note_ids() == [ENTRY]
    assert window.search_panel.result_ids() == []
    files = [p for p in index_cache.rglob("*") if p.is_file()]
    assert files  # the index is there, on disk
    for path in files:
        content = path.read_bytes()
        assert SECRET.encode() not in content, path
        assert "私密备注".encode() not in content, path
    # The index itself does not know the word: only the note does.
    assert window.engine.search(SECRET, as_of=AS_OF).total == 0


def test_no_data_hit_but_a_note_says_both(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(notes={MEASURE: f"ask counsel about {SECRET}"})
    with qtbot.waitSignal(window.search_panel.results_empty):
        search(qtbot, window, SECRET)
    header = window.search_panel.header.text()
    assert "No results for" in header and "1 of my notes matches" in header
    assert window.search_panel.view.isVisible()
    # The page says the data has nothing; the note row stays to be chosen.
    assert window.current_id is None


def test_a_query_with_a_filter_lists_no_notes(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(notes={ENTRY: ZH_NOTE})
    search(qtbot, window, "镓 status:restricted")
    assert window.search_panel.note_ids() == []
    assert "my notes" not in window.search_panel.header.text()


def test_the_first_few_notes_are_listed_and_the_header_offers_all(qtbot: QtBot, make_window: MakeWindow) -> None:
    idents = [f"record-{n}" for n in range(NOTE_ROWS_SHOWN + 2)]
    window = make_window(notes={ident: f"{SECRET} number {n}" for n, ident in enumerate(idents)})
    search(qtbot, window, SECRET)
    assert len(window.search_panel.note_ids()) == NOTE_ROWS_SHOWN
    assert f"Show all {len(idents)}" in window.search_panel.header.text()
    window.search_panel.header.linkActivated.emit("notes:all")
    assert sorted(window.search_panel.note_ids()) == sorted(idents)
    assert "Show all" not in window.search_panel.header.text()
    # A new query starts with the first few again.
    search(qtbot, window, f"{SECRET} number")
    assert len(window.search_panel.note_ids()) == NOTE_ROWS_SHOWN


def test_notes_are_found_while_the_index_is_being_built(
    qtbot: QtBot, make_window: MakeWindow, minimal_data: Path, index_cache: Path
) -> None:
    # The build waits for the test's word, so "while it builds" is a state the test holds, not a race.
    gate = threading.Event()
    cat = load_catalogue(minimal_data).catalogue

    def gated_engine() -> SearchEngine:
        gate.wait(timeout=60)
        return SearchEngine(cat, cache_dir=index_cache)

    window = make_window(notes={ENTRY: ZH_NOTE}, index=False, engine_factory=gated_engine)
    try:
        search(qtbot, window, "镓")  # typing starts the build, which waits
        assert "being built" in window.search_panel.header.text()
        assert window.search_panel.note_ids() == [ENTRY]
        assert window.search_panel.result_ids() == []
    finally:
        gate.set()
    qtbot.waitUntil(lambda: window.search_panel.result_ids() != [], timeout=60_000)
    assert window.search_panel.note_ids() == [ENTRY]  # still first, now above the data's hits


def test_a_note_on_a_record_the_data_lacks_is_listed_and_says_so(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window(notes={"gone-from-this-data": f"{SECRET} from an older pack"})
    search(qtbot, window, SECRET)
    ((ident, mine, markup),) = rows(window)
    assert (ident, mine) == ("gone-from-this-data", True)
    assert "does not hold" in markup
