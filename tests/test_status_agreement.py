"""Every view says the same thing about every object on every day that matters.

The grid: every object in the shipped data, on every boundary day in the data (each `from`/`to`, the
day before and after), quarterly days 2008–2027, and each check date ±1 day. For the whole grid each
view's status function is asked directly — the search engine's hit status, `show --json`, the tree's
row and the detail view's status block — and they must agree with one another. For a sample of days
the real search, the real command line and the real widgets (the tree, the page, the list of notes and
bookmarks) are driven end to end.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Clause, ControlledItem, Edition, Entry, Instrument, Interval, StatusPeriod
from catalogue.present.fragments import obj_status
from catalogue.present.html import render_detail
from catalogue.present.labels import badge_css
from catalogue.present.to_json import to_json
from catalogue.present.to_text import to_text
from catalogue.search.engine import SearchEngine
from catalogue.time import Status, item_has_own_status, status_of
from catalogue.time.status import ITEM_OWN_STATES
from gui.cli import main
from gui.main_window import MainWindow
from gui.tree_model import CatalogueTreeModel, TreeNode, build_tree, tree_tag

ONE = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    result = load_catalogue()
    assert result.complete, [p.format() for p in result.problems]
    return result.catalogue


@pytest.fixture(scope="module")
def engine(cat: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchEngine]:
    eng = SearchEngine(cat, tmp_path_factory.mktemp("agreement-index"))
    eng.ensure_index()
    yield eng
    eng.close()


def _intervals(cat: Catalogue) -> Iterator[Interval]:
    def periods(ps: tuple[StatusPeriod, ...]) -> Iterator[Interval]:
        yield from (p.valid for p in ps)

    for inst in cat.instruments:
        yield inst.effective
        yield from periods(inst.status)
        for e in inst.entries:
            yield e.listed
            yield from (cp.valid for cp in e.control_points)
        for c in inst.clauses:
            yield c.valid
            yield from periods(c.status)
        yield from (it.valid for it in inst.items)


def grid_days(cat: Catalogue) -> list[dt.date]:
    days: set[dt.date] = set()
    for iv in _intervals(cat):
        for d in (iv.start, iv.end, iv.unknown_from):
            if d is not None:
                days |= {d - ONE, d, d + ONE}
    for inst in cat.instruments:
        for d in (inst.published, inst.verified_to, *(e.effective for e in inst.editions)):
            if d is not None:
                days |= {d - ONE, d, d + ONE}
    days |= {cat.verified_to - ONE, cat.verified_to, cat.verified_to + ONE}
    days |= {dt.date(y, m, 1) for y in range(2008, 2028) for m in (1, 4, 7, 10)}
    return sorted(days)


def _plain(page: str) -> str:
    """The text of a rendered page, tags dropped, entities decoded, white space squeezed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _objects(cat: Catalogue) -> list[object]:
    return [
        o
        for o in (cat.get(i) for i in cat.all_ids())
        if isinstance(o, Entry | Instrument | Clause | ControlledItem | Edition)
    ]


def _tree_nodes(cat: Catalogue, day: dt.date) -> dict[str, TreeNode]:
    out: dict[str, TreeNode] = {}
    for node in build_tree(cat, day, show_historical=True).walk():
        if node.ident and node.ident not in out:
            out[node.ident] = node
    return out


def _agree(
    obj: object,
    day: dt.date,
    engine: Status,
    search: Status | None,
    shown: dict[str, object],
    page: dict[str, object] | None,
    node: TreeNode | None,
) -> None:
    ident = getattr(obj, "id", "?")
    where = f"{ident} on {day}"
    # search (editions are not search documents; their edition's catalogue is)
    assert search is not None or isinstance(obj, Edition), where
    assert search is None or (search.state, search.label, search.text, search.verified) == (
        engine.state,
        engine.label,
        engine.text,
        engine.verified,
    ), where
    # show --json
    assert shown["status_as_of"] == engine.state.value, where
    assert shown["status_text"] == engine.text and shown["status_label"] == engine.label, where
    assert shown["in_force"] == engine.applies and shown["verified"] == engine.verified, where
    # the detail view's status block
    assert page is not None, where
    assert page["text"] == engine.text and page["label"] == engine.label and page["state"] == engine.state.value, where
    assert page["badge"] == {"word": engine.badge, "css": badge_css(engine.badge)}, where
    # the tree's row (editions have none)
    if isinstance(obj, Edition):
        return
    assert node is not None and node.status is not None, where
    assert node.status.text == engine.text, where
    assert engine.text in node.tooltip, where
    tag = tree_tag(engine)
    if isinstance(obj, ControlledItem):
        # Items follow their measure's row; an item's own row is tagged exactly when its status is its
        # own (catalogue.time.item_has_own_status), as the page and `show` say it beside the item.
        assert node.label.startswith(f"[{engine.badge}] ") == item_has_own_status(obj, engine), where
    else:
        assert node.label.startswith(f"[{tag}] ") if tag else not node.label.startswith("["), where
    assert node.historical == (
        engine.historical if not isinstance(obj, Instrument | Clause) else engine.state.value == "repealed"
    ), where


def test_every_view_agrees_on_every_object_and_boundary_day(cat: Catalogue, engine: SearchEngine) -> None:
    objs = _objects(cat)
    days = grid_days(cat)
    assert len(objs) > 200 and len(days) > 150  # the grid is the whole data, not a sample
    checked = 0
    for day in days:
        nodes = _tree_nodes(cat, day)
        for obj in objs:
            st = status_of(obj, day, cat)
            assert st is not None
            ident = obj.id  # type: ignore[attr-defined]
            _agree(
                obj,
                day,
                st,
                engine.hit_status(ident, day),
                to_json(obj, cat, day),
                obj_status(obj, day, cat),
                nodes.get(ident),
            )
            checked += 1
    assert checked == len(objs) * len(days)


def _own_state_labels(cat: Catalogue, inst: Instrument, day: dt.date) -> set[str]:
    """The words any of the measure's items would have beside it on `day` if its status were its own."""
    statuses = [status_of(it, day, cat) for it in inst.items]
    return {st.label for st in statuses if st is not None and st.state in ITEM_OWN_STATES}


def test_an_item_s_own_status_is_said_where_the_tree_tags_it(cat: Catalogue) -> None:
    """On the measure's page and in `exportref show`, an item's status is said beside it exactly when
    the tree tags the item's row (its status is its own, not its measure's): one rule for all three."""
    measures = [i for i in cat.instruments if i.items]
    said_any = 0
    for day in (dt.date.fromisoformat(d) for d in (*SAMPLE_DAYS, "2024-06-01", "2025-02-01")):
        nodes = _tree_nodes(cat, day)
        for inst in measures:
            page = _plain(render_detail(inst, cat, as_of=day))
            text = to_text(inst, cat, day)
            beside: dict[str, int] = {}  # the words said beside items on the page, and how often
            for item in inst.items:
                st = status_of(item, day, cat)
                assert st is not None
                own = item_has_own_status(item, st)
                assert nodes[item.id].label.startswith("[") == own, f"{item.id} on {day}"
                if own:
                    words = _plain(f"{st.label} on {day.isoformat()}")
                    beside[words] = beside.get(words, 0) + 1
                said_any += own
            for own_state_label in {_plain(f"{lab} on {day.isoformat()}") for lab in _own_state_labels(cat, inst, day)}:
                assert page.count(own_state_label) == beside.get(own_state_label, 0), (inst.id, day, own_state_label)
            # `show`: a status line under an item only for the items the tree tags
            owned = sum(item_has_own_status(it, status_of(it, day, cat)) for it in inst.items)  # type: ignore[arg-type]
            lines = text.splitlines()
            said = sum(a.startswith("Item ") and b.startswith("    Status on ") for a, b in itertools.pairwise(lines))
            assert said == owned, (inst.id, day)
    assert said_any > 0  # some day has an item whose status is its own


SAMPLE_DAYS = ("2023-08-01", "2025-11-09", "2026-06-30", "2026-07-01", "2026-11-28", "2026-12-05")


@pytest.mark.parametrize("day", SAMPLE_DAYS)
def test_real_search_and_show_say_what_the_page_says(
    cat: Catalogue, day: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(tmp_path / "cache"))
    d = dt.date.fromisoformat(day)
    seen: dict[str, dict[str, object]] = {}
    for kind in ("entry", "catalogue", "measure", "law", "clause", "item"):
        assert main(["search", f"kind:{kind}", "--json", "--limit", "1000", "--as-of", day]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["as_of"] == day and out["verified_to"] == cat.verified_to.isoformat()
        assert out["total"] == len(out["hits"])
        for hit in out["hits"]:
            seen[hit["id"]] = hit
    objs = [o for o in _objects(cat) if not isinstance(o, Edition)]
    assert {o.id for o in objs} <= set(seen)  # type: ignore[attr-defined]
    for obj in objs:
        st = status_of(obj, d, cat)
        assert st is not None
        hit = seen[obj.id]  # type: ignore[attr-defined]
        assert (hit["status"], hit["status_text"], hit["verified"]) == (st.state.value, st.text, st.verified), obj
        page = _plain(render_detail(obj, cat, as_of=d))
        assert f"Status on {day}: {' '.join(st.text.split())}" in page, obj
    for ident in ("cn-mofcom-2024-46", "cn-mofcom-2024-46-para-2", "083201X", "cn-mofcom-2025-55"):
        assert main(["show", ident, "--json", "--as-of", day]) == 0
        doc = json.loads(capsys.readouterr().out)
        st = status_of(cat.get(ident), d, cat)
        assert st is not None and doc["status_text"] == st.text and doc["verified"] == st.verified


@pytest.mark.parametrize("day", ("2025-11-09", "2026-07-01", "2026-11-28"))
def test_real_widgets_say_what_the_engine_says(cat: Catalogue, day: str, qtbot: QtBot) -> None:
    d = dt.date.fromisoformat(day)
    window = MainWindow(load_catalogue(), as_of=d)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.tree.model()
    assert isinstance(model, CatalogueTreeModel)
    idents = ("cn-mofcom-2024-46", "cn-mofcom-2024-46-para-2", "cn-mofcom-2025-55", "cn-mofcom-2023-23")
    for ident in idents:  # bookmarked, so that My notes and bookmarks lists them too
        window.userdata.add_bookmark(ident)
    listed = window.other_windows.my_notes.show(d)
    for ident in idents:
        st = status_of(cat.get(ident), d, cat)
        assert st is not None
        index = model.index_for_id(ident)
        assert index.isValid(), ident
        assert st.text in index.data(Qt.ItemDataRole.ToolTipRole)
        tag = tree_tag(st)
        label = index.data(Qt.ItemDataRole.DisplayRole)
        assert label.startswith(f"[{tag}] ") if tag else not label.startswith("["), (ident, label)
        assert window.open_id(ident)
        text = " ".join(window.detail.toPlainText().split())
        assert " ".join(f"Status on {day}: {st.text}".split()) in text, ident
        assert st.badge.upper() in text
        listed.select_id(ident)
        status_cell = listed.view.currentIndex().siblingAtColumn(1)
        assert (status_cell.data(), status_cell.data(Qt.ItemDataRole.ToolTipRole)) == (st.label, st.text), ident


@pytest.mark.parametrize("case", ["measure's start unknown", "item's start unknown"])
def test_page_show_and_tree_agree_where_an_item_s_and_its_measure_s_dates_differ(case: str) -> None:
    """The three views used three rules for saying an item's status beside it. They disagreed when a
    measure's start was unknown but its item's was known: the page said "unknown" beside the item,
    the tree and `show` did not. Now one rule (catalogue.time.item_has_own_status) decides for all."""
    import dataclasses

    base = load_catalogue(Path(__file__).parent / "fixtures" / "minimal").catalogue
    measure = base.get("cn-mofcom-2023-23")
    assert isinstance(measure, Instrument) and len(measure.items) == 1
    if case == "measure's start unknown":
        changed = dataclasses.replace(measure, effective=Interval(None))
        expected = False  # the measure's own line says "unknown"; the item is on its list
    else:
        changed = dataclasses.replace(measure, items=(dataclasses.replace(measure.items[0], valid=Interval(None)),))
        expected = True  # the item's own dates are unknown: said beside it
    cat = dataclasses.replace(
        base,
        instruments=tuple(changed if i.id == measure.id else i for i in base.instruments),
        _by_id={},
        _by_number={},
    )
    day = dt.date(2024, 1, 1)
    inst = cat.get(measure.id)
    assert isinstance(inst, Instrument)
    item = inst.items[0]
    st = status_of(item, day, cat)
    assert st is not None and st.state.value == "unknown"
    assert item_has_own_status(item, st) is expected
    assert _tree_nodes(cat, day)[item.id].label.startswith(f"[{st.badge}] ") is expected
    assert (f"{st.label} on {day.isoformat()}" in _plain(render_detail(inst, cat, as_of=day))) is expected
    lines = to_text(inst, cat, day).splitlines()
    assert (
        any(a.startswith("Item ") and b.startswith("    Status on ") for a, b in itertools.pairwise(lines)) is expected
    )
