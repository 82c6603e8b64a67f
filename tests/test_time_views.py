"""The Changes and Timeline views: real widgets offscreen over the shipped data, their models under
qtmodeltester, signals, printing to a real PDF read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QFont
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.time.diff import diff_between
from catalogue.time.events import all_events
from catalogue.time.timeline import timeline
from gui.changes_view import ChangesModel, ChangesView
from gui.fonts import load_bundled_fonts
from gui.timeline_view import TimelineModel, TimelineView
from gui.tree_model import ID_ROLE

FIXTURES = Path(__file__).parent / "fixtures"
RADICALS = re.compile("[\u2e80-\u2fdf]")


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(strict=True).catalogue


def _rows(view: ChangesView) -> dict[str, list[str | None]]:
    """Group title (without its count) -> the ids its rows open."""
    out: dict[str, list[str | None]] = {}
    model = view.model
    for g in range(model.rowCount()):
        group = model.index(g, 0)
        title = str(model.data(group)).rsplit(" (", 1)[0]
        out[title] = [model.data(model.index(r, 0, group), ID_ROLE) for r in range(model.rowCount(group))]
    return out


# -- Changes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [("2023", "2025"), ("2025-06-01", "2026-11-28"), ("2008", "2008")])
def test_changes_model_passes_qtmodeltester(qtmodeltester: ModelTester, cat: Catalogue, start: str, end: str) -> None:
    model = ChangesModel()
    model.set_diff(diff_between(cat, start, end))
    qtmodeltester.check(model, force_py=True)


def test_changes_view_defaults_to_the_latest_adjustment(qtbot: QtBot, cat: Catalogue) -> None:
    view = ChangesView(cat)
    qtbot.addWidget(view)
    assert (view.from_picker.value(), view.to_picker.value()) == ("2023", "2025")
    rows = _rows(view)
    assert rows["Entries added"] == ["battery-cathode-material-preparation"]
    assert rows["Entries removed"] == [
        "traditional-architecture-prohibited",
        "traditional-architecture-restricted",
        "building-environment-control",
    ]
    assert rows["Entries modified"] == ["non-ferrous-metallurgy"]
    # Coverage is always on screen, above the list.
    assert "23 of 134 items of the 2023 edition" in view.coverage_label.text()
    assert "changes to items it does not hold cannot be shown" in view.coverage_label.text()
    # The official counts of changes are a hover away, and on the printed sheet.
    assert "3 deleted, 1 added, 1 modified" in view.coverage_label.toolTip()


def test_selecting_a_change_shows_points_side_by_side(qtbot: QtBot, cat: Catalogue) -> None:
    view = ChangesView(cat)
    qtbot.addWidget(view)
    assert view.select_change("non-ferrous-metallurgy")
    text = view.detail.toPlainText()
    assert "Modified · 083201X 有色金属冶金技术" in text
    assert text.count("+ added") == 5
    assert "~ reworded" in text and "shared subject" in text
    assert "通过离子交换法、树脂法等方法从氧化铝母液中提取金属镓的技术和工艺" in text
    assert "Control points on 2023-12-21" in text and "Control points on 2025-07-15" in text
    # Only the selected change: the deleted entries are not on this page.
    assert "085001J" not in text
    html = view.detail.toHtml()
    assert "#cfead6" in html  # additions marked (span.ins)
    assert "#fdeeee" in html  # the old wording's cell marked as gone (its Chinese was never seen)


def test_reworded_chinese_marks_the_changed_characters(qtbot: QtBot, tmp_path: Path) -> None:
    """The shipped old gallium point has no Chinese wording; give the fixture's one a (made-up, test
    only) Chinese wording to see the deleted and inserted characters marked."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "time", data)
    cat_file = data / "instruments" / "cn-tech-export-catalogue.yaml"
    text = cat_file.read_text(encoding="utf-8")
    text = text.replace(
        "      - text: {en: A point on extracting metallic gallium (2023 wording not seen)}",
        "      - text: {zh: 从氧化铝母液中回收金属镓的技术, en: An older gallium point}",
    )
    cat_file.write_text(text, encoding="utf-8")
    cat = load_catalogue(data, strict=True).catalogue
    view = ChangesView(cat, start="2025-07-14", end="2025-07-15")
    qtbot.addWidget(view)
    assert view.select_change("non-ferrous-metallurgy")
    html = view.detail.toHtml()
    # What the new wording added is marked as inserted, what it dropped as deleted (struck through).
    assert re.search(r"background-color:#cfead6;[^>]*>通过离子交换法、树脂法等方法<", html)
    assert re.search(r"line-through[^>]*>回收<", html)
    assert "从氧化铝母液中回收金属镓的技术" in view.detail.toPlainText()


def test_pickers_dates_and_swap(qtbot: QtBot, cat: Catalogue) -> None:
    view = ChangesView(cat)
    qtbot.addWidget(view)
    view.set_points("2025-07-14", "2025-07-15")
    assert view.from_picker.date_edit.isEnabled()
    assert view.diff is not None and view.diff.start.edition is None
    assert [c.entry.number for c in view.diff.added] == ["252604X"]
    view.swap()
    assert view.from_picker.value() == "2025-07-15" and view.to_picker.value() == "2025-07-14"
    rows = _rows(view)
    assert rows["Entries removed"] == ["battery-cathode-material-preparation"]
    assert len(rows["Entries added"]) == 3
    # An edition in the picker disables its date box and shows the edition's day in it.
    view.set_points("2020", "2023")
    assert not view.from_picker.date_edit.isEnabled()
    assert view.from_picker.date_edit.date().toString("yyyy-MM-dd") == "2020-08-28"


def test_no_change_still_says_what_the_data_holds(qtbot: QtBot, cat: Catalogue) -> None:
    view = ChangesView(cat, start="2024-01-01", end="2024-02-01")
    qtbot.addWidget(view)
    assert all(not ids for title, ids in _rows(view).items() if title.startswith("Entries"))
    assert "holds 23 of 134" in view.coverage_label.text()
    assert "No change found in the data between these days" in view.detail.toPlainText()


def test_changes_view_signals(qtbot: QtBot, cat: Catalogue) -> None:
    view = ChangesView(cat)
    qtbot.addWidget(view)
    assert view.select_change("non-ferrous-metallurgy")
    with qtbot.waitSignal(view.entry_selected, timeout=1000) as blocker:
        view.list.activated.emit(view.list.currentIndex())
    assert blocker.args == ["non-ferrous-metallurgy"]
    # A status change opens its measure, even when it is about a clause.
    view.set_points("2025-06-01", "2026-01-01")
    assert view.select_change("cn-mofcom-2024-46-para-2")
    with qtbot.waitSignal(view.entry_selected, timeout=1000) as blocker:
        view.list.activated.emit(view.list.currentIndex())
    assert blocker.args == ["cn-mofcom-2024-46"]
    with qtbot.waitSignal(view.entry_selected, timeout=1000) as blocker:
        view.detail.anchorClicked.emit(QUrl("entry:cn-mofcom-2025-72"))
    assert blocker.args == ["cn-mofcom-2025-72"]
    # Group headings open nothing.
    with qtbot.assertNotEmitted(view.entry_selected):
        view.list.activated.emit(view.model.index(0, 0))


def test_changes_html_escapes_the_data(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "time", data)
    cat_file = data / "instruments" / "cn-tech-export-catalogue.yaml"
    text = cat_file.read_text(encoding="utf-8").replace(
        "{zh: 电池正极材料制备技术, en: Battery cathode material preparation technology",
        '{zh: 电池正极材料制备技术, en: "<img src=http://example.com/x.png>Battery"',
    )
    cat_file.write_text(text, encoding="utf-8")
    cat = load_catalogue(data, strict=True).catalogue
    view = ChangesView(cat, start="2023", end="2025")
    qtbot.addWidget(view)
    html = view.sheet_html()
    assert "<img" not in html and "&lt;img src=http://example.com/x.png&gt;Battery" in html


@pytest.mark.usefixtures("pdftotext")
def test_changes_sheet_pdf(qtbot: QtBot, cat: Catalogue, tmp_path: Path) -> None:
    load_bundled_fonts()
    view = ChangesView(cat)
    qtbot.addWidget(view)
    pdf = tmp_path / "changes.pdf"
    pages = view.write_pdf(pdf)
    assert pages >= 2
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert "Coverage" in text and "23of134itemsofthe2023edition" in flat
    for needle in ("252604X", "085001J", "085001X", "085002X", "083201X", "卤水提锂技术", "~reworded"):
        assert needle in flat, needle
    assert "Statuschangesofmeasuresandclauses" in flat
    assert not RADICALS.search(text)


# -- Timeline -------------------------------------------------------------------------------------


@pytest.mark.parametrize("topic", [None, "rare-earths", "gallium-germanium"])
def test_timeline_model_passes_qtmodeltester(qtmodeltester: ModelTester, cat: Catalogue, topic: str | None) -> None:
    model = TimelineModel(cat.verified_to)
    model.set_events(timeline(cat, topic))
    qtmodeltester.check(model, force_py=True)


def test_timeline_view_lists_everything_by_year(qtbot: QtBot, cat: Catalogue) -> None:
    view = TimelineView(cat)
    qtbot.addWidget(view)
    events = all_events(cat)
    assert view.model.event_count() == len(events)
    assert view.count_label.text() == f"{len(events)} events"
    years = [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())]
    assert years == sorted(years)
    first_year = view.model.index(0, 0)
    first = view.model.index(0, 0, first_year)
    assert view.model.data(first) == events[0].day.isoformat()


def test_timeline_topic_filter(qtbot: QtBot, cat: Catalogue) -> None:
    view = TimelineView(cat)
    qtbot.addWidget(view)
    assert view.set_topic("rare-earths")
    expected = timeline(cat, "rare-earths")
    assert view.model.event_count() == len(expected)
    labels = [
        view.model.data(view.model.index(r, 2, view.model.index(y, 0)))
        for y in range(view.model.rowCount())
        for r in range(view.model.rowCount(view.model.index(y, 0)))
    ]
    assert any("2025 No. 18" in str(label) for label in labels)
    assert not any("2025 No. 58" in str(label) for label in labels)
    view.filter_edit.setText("No. 62")
    assert 0 < view.model.event_count() < len(expected)
    assert view.set_topic(None)
    assert not view.set_topic("no-such-topic")


def test_unverified_events_look_different_and_say_so(qtbot: QtBot, cat: Catalogue) -> None:
    view = TimelineView(cat)
    qtbot.addWidget(view)
    index = view.model.index_of(lambda ev: ev.subject_id == "cn-mofcom-2024-46-para-2" and not ev.verified)
    assert index.isValid()
    font = view.model.data(index, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert "(not verified)" in str(view.model.data(index.siblingAtColumn(1)))
    view.list.setCurrentIndex(index)
    shown = view.detail.toPlainText()
    assert "suspension period ends" in shown and "as announced, not verified" in shown
    verified = view.model.index_of(lambda ev: ev.verified)
    assert view.model.data(verified, Qt.ItemDataRole.FontRole) is None


def test_timeline_view_signals(qtbot: QtBot, cat: Catalogue) -> None:
    view = TimelineView(cat)
    qtbot.addWidget(view)
    index = view.model.index_of(lambda ev: ev.subject_id == "non-ferrous-metallurgy")
    with qtbot.waitSignal(view.entry_selected, timeout=1000) as blocker:
        view.list.activated.emit(index)
    assert blocker.args == ["non-ferrous-metallurgy"]
    with qtbot.waitSignal(view.entry_selected, timeout=1000) as blocker:
        view.detail.anchorClicked.emit(QUrl("entry:cn-mofcom-2025-70"))
    assert blocker.args == ["cn-mofcom-2025-70"]
    with qtbot.assertNotEmitted(view.entry_selected):
        view.list.activated.emit(view.model.index(0, 0, QModelIndex()))  # a year heading
        view.detail.anchorClicked.emit(QUrl("https://example.com/"))


def test_timeline_opens_on_the_recent_past(qtbot: QtBot, cat: Catalogue) -> None:
    view = TimelineView(cat)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    last_verified = max((ev for ev in all_events(cat) if ev.verified), key=lambda ev: ev.sort_key)
    index = view.model.index_of(lambda ev: ev == last_verified)

    def visible() -> bool:
        return view.list.viewport().rect().intersects(view.list.visualRect(index))

    qtbot.waitUntil(visible, timeout=2000)
    first = view.model.index(0, 0, view.model.index(0, 0))
    assert not view.list.viewport().rect().intersects(view.list.visualRect(first))
