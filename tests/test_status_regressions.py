"""Regression tests for the status disagreements a new user met on the default date (after the data's
verified-to date): each names what was seen and checks the view now says what the status engine says."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Entry, EntryStatus
from catalogue.present.html import render_detail, render_list_sheet
from catalogue.search.engine import SearchEngine
from catalogue.time import State, holdings, status_of
from catalogue.time.coverage import headline
from gui.cli import main
from gui.main_window import MainWindow
from gui.tree_model import build_tree

TODAY = dt.date(2026, 12, 5)  # the reviewers' "today", after the data's verified-to date
SUSPENDED_PACKAGE = [
    "cn-mofcom-2025-55",
    "cn-mofcom-2025-56",
    "cn-mofcom-2025-57",
    "cn-mofcom-2025-58",
    "cn-mofcom-2025-61",
    "cn-mofcom-2025-62",
    "cn-mofcom-2024-46-para-2",
]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue().catalogue


@pytest.fixture(scope="module")
def engine(cat: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    eng = SearchEngine(cat, tmp_path_factory.mktemp("regressions-index"))
    eng.ensure_index()
    yield eng
    eng.close()


def _plain(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


# -- 1. search said IN FORCE where the page said the suspension had ended --------------------------------


def test_search_hits_for_the_suspended_package_say_suspension_ended_like_the_page(
    cat: Catalogue, engine: SearchEngine
) -> None:
    res = engine.search("kind:measure OR kind:clause", limit=500, as_of=TODAY)
    by_id = {h.id: h for h in res.hits}
    for ident in SUSPENDED_PACKAGE:
        hit = by_id[ident]
        st = status_of(cat.get(ident), TODAY, cat)
        assert st is not None and st.state is State.SUSPENSION_ENDED, ident
        assert hit.status == "suspension_ended" and hit.status != "in_force", ident
        assert hit.status_text == st.text and hit.verified is False
        assert st.text in _plain(render_detail(cat.get(ident), cat, as_of=TODAY))


def test_cli_search_text_and_json_do_not_say_in_force_for_the_suspended_package(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["search", "kind:measure", "--limit", "200", "--as-of", TODAY.isoformat()]) == 0
    lines = capsys.readouterr().out.splitlines()
    package = [line for line in lines if re.search(r"\] 2025 No\. (5[5-8]|6[12]) ·", line)]
    assert len(package) >= 6, lines
    for line in package:
        assert "[SUSPENSION ENDED]" in line and "IN FORCE" not in line, line
    assert "The data was verified to 2026-06-30" in "\n".join(lines)
    assert main(["search", "kind:measure", "--json", "--limit", "200", "--as-of", TODAY.isoformat()]) == 0
    hits = {h["id"]: h for h in json.loads(capsys.readouterr().out)["hits"]}
    for ident in SUSPENDED_PACKAGE[:6]:
        assert hits[ident]["status"] == "suspension_ended" and hits[ident]["verified"] is False


def test_status_filter_suspended_finds_the_package_on_2026_01_01(engine: SearchEngine) -> None:
    res = engine.search("", limit=500, as_of=dt.date(2026, 1, 1), status="suspended")
    found = {h.id for h in res.hits}
    assert set(SUSPENDED_PACKAGE) <= found
    assert all(h.status == "suspended" for h in res.hits)


# -- 2. FOLDED in results vs IN FORCE (DUAL-USE LIST) on the page; [IN FORCE, HISTORICAL]; unknown badge --


def test_a_folded_measure_reads_the_same_in_results_and_on_its_page(cat: Catalogue, engine: SearchEngine) -> None:
    day = dt.date(2025, 6, 1)
    hit = next(h for h in engine.search("2023 No. 23", as_of=day).hits if h.id == "cn-mofcom-2023-23")
    st = status_of(cat.get("cn-mofcom-2023-23"), day, cat)
    assert st is not None and st.state is State.FOLDED
    assert (hit.status, hit.status_badge, hit.status_label) == ("folded", st.badge, st.label)
    page = _plain(render_detail(cat.get("cn-mofcom-2023-23"), cat, as_of=day))
    assert st.badge.upper() in page.split("Status on")[0] and "FOLDED" not in page.split("Status on")[0]


def test_no_result_line_combines_in_force_with_historical(capsys: pytest.CaptureFixture[str]) -> None:
    for day in ("2020-01-01", "2025-08-01", TODAY.isoformat()):
        assert main(["search", "technology", "--limit", "200", "--as-of", day]) == 0
        out = capsys.readouterr().out
        assert "HISTORICAL" not in out and "[IN FORCE, " not in out


def test_past_verified_to_no_page_shows_unknown_beside_in_force(cat: Catalogue) -> None:
    for inst in cat.instruments:
        header = _plain(render_detail(inst, cat, as_of=TODAY)).split("Status on")[0]
        assert not ("UNKNOWN" in header and "IN FORCE" in header), inst.id
        st = status_of(inst, TODAY, cat)
        assert st is not None
        if st.state is State.NOT_VERIFIED:
            assert "in force as of" not in st.badge and "NOT VERIFIED" in header, inst.id


# -- 3. 2024 No. 46 said "in force" without its suspended para. 2 -------------------------------------------


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 1, 1), "in force; para. 2 suspended until 2026-11-27; paras. 1 and 3 in force"),
        # The US measure was checked for changes to 2026-09-30 (its own check date, later than the dataset's).
        (TODAY, "in force as of 2026-09-30 (not verified after); para. 2 suspension ended 2026-11-27"),
    ],
)
def test_us_measure_headline_rows_and_list_sheet_name_para_2(cat: Catalogue, day: dt.date, words: str) -> None:
    measure = cat.get("cn-mofcom-2024-46")
    st = status_of(measure, day, cat)
    assert st is not None and st.label.startswith(words)
    assert f"Status on {day}: {words}" in _plain(render_detail(measure, cat, as_of=day))
    # the related-controls row on the page of the measure that suspended para. 2
    related = _plain(render_detail(cat.get("cn-mofcom-2025-72"), cat, as_of=day))
    assert words in related
    sheet = _plain(render_list_sheet([measure], cat, as_of=day, title="US measure"))
    assert words in sheet


# -- 4. About said "Data complete: yes" beside 23 of 134; counts that did not add up ------------------------


def test_about_does_not_call_partial_coverage_complete(qtbot: QtBot) -> None:
    window = MainWindow(load_catalogue(), as_of=TODAY)
    qtbot.addWidget(window)
    about = _plain(window.dialogs.about_html(window.as_of))
    assert "Data complete" not in about
    assert "every data file loaded without problems (this says nothing of coverage)" in about
    assert headline(window.cat, TODAY) in about


def test_tree_branch_status_bar_and_list_count_the_same_edition(cat: Catalogue, qtbot: QtBot) -> None:
    for day in (dt.date(2024, 1, 1), dt.date(2025, 8, 1), TODAY):
        held = holdings(cat, day)
        root = build_tree(cat, day)
        restricted = root.children[0].children[1]
        rows = [n for n in restricted.walk() if n.kind.value == "entry"]
        listed = [n for n in rows if n.status is not None and n.status.listing and n.status.state is not State.UNKNOWN]
        unknown = [n for n in rows if n.status is not None and n.status.state is State.UNKNOWN]
        assert len(listed) == held.held_restricted and len(rows) == len(listed) + len(unknown)
        assert restricted.label.startswith(f"Restricted — {held.phrase(EntryStatus.RESTRICTED)}")
        # The list the branch opens counts the same records.
        objs = [cat.get(n.ident) for n in rows if n.ident]
        sheet = _plain(render_list_sheet(objs, cat, as_of=day, title=restricted.label))
        assert f"{len(rows)} records" in sheet
    window = MainWindow(load_catalogue(), as_of=TODAY)
    qtbot.addWidget(window)
    assert headline(cat, TODAY) in window.data_status.coverage_label.text()
    window.set_as_of(dt.date(2024, 1, 1))
    assert headline(cat, dt.date(2024, 1, 1)) in window.data_status.coverage_label.text()
    assert "134" in window.data_status.coverage_label.text()  # the 2023 edition, as the tree counts it on that day


# -- 5. `show` printed raw values and no not-verified warning ----------------------------------------------


def test_show_text_speaks_the_vocabulary_and_warns_past_verified_to(
    cat: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "cn-mofcom-2024-46", "--as-of", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "in_force" not in out and "period_ended" not in out
    assert out.startswith(f"Status on {TODAY}: in force as of 2026-09-30 (not verified after)")
    assert "NOT VERIFIED: the data was checked to 2026-09-30" in out
    assert "Reference aid, not legal advice" in out
    assert "Status history:" not in out or "in_force" not in out
    assert main(["show", "083201X"]) == 0  # no --as-of: today, with the same warning when past
    out = capsys.readouterr().out
    assert out.startswith(f"Status on {dt.date.today()}: ")
    entry = cat.get("083201X")
    assert isinstance(entry, Entry)
    st = status_of(entry, dt.date.today(), cat)
    assert st is not None and st.label in out


def test_show_text_uses_words_for_status_periods(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "cn-mofcom-2023-23", "--as-of", "2025-06-01"]) == 0
    out = capsys.readouterr().out
    assert "Status history: folded into the unified dual-use list from 2024-12-01" in out
    assert "Status: folded" not in out


def test_json_snippets_are_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "镓", "--json", "--as-of", "2025-06-01"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["hits"]
    for hit in out["hits"]:
        assert "<b" not in hit["snippet"] and "&amp;" not in hit["snippet"]
        for a, b in hit["snippet_spans"]:
            assert hit["snippet"][a:b]


# -- the vocabulary, written down once -------------------------------------------------------------------


def test_vocabulary_lists_every_state_once_and_the_help_shows_it(cat: Catalogue, qtbot: QtBot) -> None:
    from catalogue.time import VOCABULARY

    assert [row[0] for row in VOCABULARY] == list(State)
    window = MainWindow(load_catalogue(), as_of=TODAY)
    qtbot.addWidget(window)
    dialog = window.dialogs.show_status_words()
    text = " ".join(dialog.findChild(QTextBrowser, "status_words_text").toPlainText().split())
    for _state, example, meaning in VOCABULARY:
        assert example in text and meaning in text
    dialog.close()
    docs = (Path(__file__).resolve().parent.parent / "docs" / "time.md").read_text(encoding="utf-8")
    for state, example, _meaning in VOCABULARY:
        assert f"`{state.value}`" in docs and example in docs, state


def test_the_page_s_not_verified_warning_follows_the_record_s_own_check_date() -> None:
    """2025 No. 72 was checked to 2026-09-30, later than the data set (2026-06-30). On 2026-08-01 its
    status line said "in force" (verified) while the box below said the day was after the date the
    data was verified to. The box now says what the status engine says, with the record's own date."""
    import re
    from html import unescape

    from catalogue.present.html import render_detail
    from catalogue.time import status_of

    cat = load_catalogue().catalogue
    measure = cat.get("cn-mofcom-2025-72")
    warning = "is after the date this data was verified to"

    def page(day: dt.date) -> str:
        return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", render_detail(measure, cat, as_of=day))))

    inside, after = dt.date(2026, 8, 1), dt.date(2026, 10, 15)
    assert status_of(measure, inside, cat).verified and not status_of(measure, after, cat).verified
    assert warning not in page(inside)
    assert f"{warning} (2026-09-30)" in page(after)
    catalogue = cat.catalogue  # checked to the data set's date: the box on the same day
    assert catalogue is not None and not status_of(catalogue, inside, cat).verified
    assert f"{warning} (2026-06-30)" in re.sub(
        r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", render_detail(catalogue, cat, as_of=inside)))
    )
