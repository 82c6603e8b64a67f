"""The contents tree: honest counts, historical entries, sectors, topics, ids; checked by qtmodeltester."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Entry
from catalogue.time.coverage import edition_by_key, edition_coverage
from gui.tree_model import HISTORICAL_ROLE, ID_ROLE, CatalogueTreeModel, TreeNode, build_tree

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
SHIPPED = Path(__file__).resolve().parent.parent / "catalogue" / "data"
BEFORE_ADJUSTMENT = dt.date(2024, 6, 1)  # the 2023 edition in force, nothing deleted yet
AFTER_ADJUSTMENT = dt.date(2026, 1, 15)  # the 2025 adjustment in force; within the verified period


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    result = load_catalogue(MINIMAL)
    assert result.complete, [p.format() for p in result.problems]
    return result.catalogue


def labels(node: TreeNode) -> list[str]:
    return [child.label for child in node.children]


def find(root: TreeNode, ident: str) -> TreeNode:
    return next(n for n in root.walk() if n.ident == ident)


@pytest.mark.parametrize("by_topic", [False, True])
@pytest.mark.parametrize("show_historical", [False, True])
@pytest.mark.parametrize("day", [BEFORE_ADJUSTMENT, AFTER_ADJUSTMENT, dt.date(2026, 11, 28)])
def test_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, cat: Catalogue, by_topic: bool, show_historical: bool, day: dt.date
) -> None:
    model = CatalogueTreeModel(build_tree(cat, day, by_topic=by_topic, show_historical=show_historical))
    qtmodeltester.check(model, force_py=True)


def test_shipped_data_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    result = load_catalogue(SHIPPED)
    assert result.complete
    for by_topic in (False, True):
        model = CatalogueTreeModel(
            build_tree(result.catalogue, AFTER_ADJUSTMENT, by_topic=by_topic, show_historical=True)
        )
        qtmodeltester.check(model, force_py=True)


def test_top_level_branches(cat: Catalogue) -> None:
    root = build_tree(cat, BEFORE_ADJUSTMENT)
    assert [n.label.split(" — ")[0] for n in root.children] == [
        "Technology catalogue",
        "Related controls",
        "Legal framework",
    ]
    catalogue = root.children[0]
    assert catalogue.ident == "cn-tech-export-catalogue"
    assert labels(catalogue) == ["Prohibited — 0 of 24 items", "Restricted — 2 of 110 items"]


def test_entries_sit_under_their_sector_or_sector_not_identified(cat: Catalogue) -> None:
    root = build_tree(cat, BEFORE_ADJUSTMENT)
    restricted = root.children[0].children[1]
    assert labels(restricted) == ["32  有色金属冶炼和压延加工业", "Sector not identified"]
    assert [n.ident for n in restricted.children[0].children] == ["non-ferrous-metallurgy"]
    assert [n.ident for n in restricted.children[1].children] == ["traditional-architecture-restricted"]
    assert restricted.children[0].children[0].label == "083201X  有色金属冶金技术 · Non-ferrous metallurgy technology"


def test_historical_entries_hidden_by_default_and_marked_when_shown(cat: Catalogue) -> None:
    hidden = build_tree(cat, AFTER_ADJUSTMENT)
    restricted = hidden.children[0].children[1]
    assert "traditional-architecture-restricted" not in [n.ident for n in hidden.walk()]
    # The 2025 adjustment states no prohibited/restricted split here, so the label names the edition it uses.
    assert restricted.label == "Restricted — 1 item held (2023 edition: 110)"
    assert "1 historical items are hidden" in restricted.tooltip

    shown = build_tree(cat, AFTER_ADJUSTMENT, show_historical=True)
    node = find(shown, "traditional-architecture-restricted")
    assert node.historical
    assert "delisted (from 2025-07-15)" in node.tooltip
    assert node.label.startswith("[delisted] ")
    model = CatalogueTreeModel(shown)
    index = model.index_for_id("traditional-architecture-restricted")
    assert index.data(HISTORICAL_ROLE) is True
    assert index.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "historical" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.index_for_id("non-ferrous-metallurgy").data(Qt.ItemDataRole.FontRole) is None


def test_measures_carry_clauses_items_and_status_tags(cat: Catalogue) -> None:
    root = build_tree(cat, dt.date(2026, 1, 15))
    measure = find(root, "cn-mofcom-2024-46")
    assert [c.ident for c in measure.children] == ["cn-mofcom-2024-46-para-1", "cn-mofcom-2024-46-para-2"]
    # Para. 2 is suspended, so the measure applies only in part, and its row says so first.
    assert measure.label == "[in force in part] 2024 No. 46 — Strengthening export control of dual-use items to the US"
    assert "para. 2 suspended until 2026-11-27" in measure.tooltip
    assert "MOFCOM Announcement 2024 No. 46" in measure.tooltip
    assert measure.children[1].label.startswith("[suspended] para. 2: ")
    assert not measure.children[0].label.startswith("[")
    gallium = find(root, "cn-mofcom-2023-23")
    items = next(c for c in gallium.children if c.key == "items")
    assert items.label == "Controlled items (1)"
    assert items.children[0].ident == "cn-mofcom-2023-23-gallium-metal"


def test_suspension_that_ran_out_after_verified_to_is_flagged(cat: Catalogue) -> None:
    # 2024 No. 46 para. 2 was suspended until 2026-11-27; the data is verified to 2026-06-30.
    root = build_tree(cat, dt.date(2026, 11, 28))
    node = find(root, "cn-mofcom-2024-46-para-2")
    assert node.label.startswith("[suspension ended] ") and node.uncertain
    # Para. 1 has nothing announced: no tag, in italics, and its branch says once that statuses after
    # the verified-to date are not verified.
    plain = find(root, "cn-mofcom-2024-46-para-1")
    assert not plain.label.startswith("[") and plain.uncertain
    assert "in force as of 2026-06-30 (not verified after)" in plain.tooltip
    assert find(root, "cn-mofcom-2024-46").parent.label.endswith("not verified after 2026-06-30")  # type: ignore[union-attr]


def test_measure_labels_lead_with_number_and_subject(qapp: object) -> None:
    """The tree shows "2023 No. 23 — <subject>" for measures; laws keep their short title."""
    from catalogue.model import Kind
    from gui.tree_model import instrument_label

    cat = load_catalogue(SHIPPED).catalogue
    for inst in cat.of_kind(Kind.MEASURE):
        label = instrument_label(inst)
        assert not label.lower().startswith(("announcement on", "decision to")), label
        assert label.split(" — ")[0] in inst.short_title
    for inst in cat.of_kind(Kind.LAW):
        assert instrument_label(inst).startswith(inst.short_title)


def test_group_by_topic(cat: Catalogue) -> None:
    root = build_tree(cat, BEFORE_ADJUSTMENT, by_topic=True)
    tops = labels(root)
    assert tops[0] == "Batteries and lithium (1)"
    assert tops[1] == "Gallium and germanium · 镓和锗 (2)"
    assert tops[-1] == "Legal framework"
    gallium = root.children[1]
    assert [n.ident for n in gallium.children] == ["non-ferrous-metallurgy", "cn-mofcom-2023-23"]
    assert any(label.startswith("No topic assigned") for label in tops)


def test_index_for_id_finds_every_node(cat: Catalogue) -> None:
    model = CatalogueTreeModel(build_tree(cat, BEFORE_ADJUSTMENT, show_historical=True))
    assert not model.index_for_id("no-such-id").isValid()
    for ident in model.ids():
        index = model.index_for_id(ident)
        assert index.data(ID_ROLE) == ident
        # Walking up from the index must reach the top, row by row, through valid parents.
        while index.isValid():
            parent = index.parent()
            assert model.index(index.row(), 0, parent) == index
            index = parent
        assert index == QModelIndex()


def test_shipped_counts_match_the_data(qapp: object) -> None:
    """ "Prohibited — N of M items" reads its numbers from the data's 2023 edition and entries."""
    result = load_catalogue(SHIPPED)
    cat = result.catalogue
    edition = edition_by_key(cat, "2023")
    assert edition is not None and edition.effective is not None
    cov = edition_coverage(cat, edition)
    root = build_tree(cat, edition.effective)
    branches = root.children[0].children
    shown = [n for n in root.walk() if n.kind.value == "entry"]
    for branch, held, total in (
        (branches[0], cov.held_prohibited, edition.prohibited),
        (branches[1], cov.held_restricted, edition.restricted),
    ):
        rows = [n for n in branch.walk() if n.kind.value == "entry"]
        unknown = sum(1 for n in rows if n.status is not None and n.status.state.value == "unknown")
        # The label and the rows under it add up: held + unknown = every row shown.
        assert held + unknown == len(rows)
        tail = f" · {unknown} of unknown status" if unknown else ""
        assert branch.label == f"{branch.label.split(' — ')[0]} — {held} of {total} items{tail}"
    listed = [e for e in cat.entries() if isinstance(e, Entry) and e.listed.state_on(edition.effective) is True]
    assert {n.ident for n in shown} >= {e.id for e in listed}
