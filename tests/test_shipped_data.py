"""The shipped data loads cleanly and keeps the invariants a lawyer relies on."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Confidence, Entry, Kind, ZhWording
from catalogue.time.coverage import all_coverage, edition_by_key, edition_coverage
from gui.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(strict=True).catalogue


def test_shipped_data_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "items of the 2023 edition" in out


def test_required_instruments_exist(cat: Catalogue) -> None:
    required = [
        "cn-tech-export-catalogue",
        "cn-mofcom-2023-23",
        "cn-mofcom-2023-39",
        "cn-mofcom-2024-33",
        "cn-mofcom-2024-46",
        "cn-mofcom-2025-72",
        "cn-mofcom-2025-10",
        "cn-mofcom-2025-18",
        "cn-mofcom-2025-55",
        "cn-mofcom-2025-56",
        "cn-mofcom-2025-57",
        "cn-mofcom-2025-58",
        "cn-mofcom-2025-61",
        "cn-mofcom-2025-62",
        "cn-mofcom-2025-70",
        "cn-export-control-law",
        "cn-foreign-trade-law",
        "cn-tech-import-export-regulations",
        "cn-dual-use-export-regulations",
        "cn-rare-earth-regulations",
    ]
    missing = [i for i in required if cat.get(i) is None]
    assert missing == []
    assert cat.catalogue is not None and cat.catalogue.id == "cn-tech-export-catalogue"


def test_editions_and_the_2025_adjustment_as_data(cat: Catalogue) -> None:
    keys = {ed.key: ed for ed in cat.catalogue.editions} if cat.catalogue else {}
    assert set(keys) >= {"2008", "2020", "2023", "2025"}
    assert keys["2023"].items_total == 134 and keys["2023"].prohibited == 24 and keys["2023"].restricted == 110
    cutover = dt.date(2025, 7, 15)
    for number in ("085001J", "085001X", "085002X"):
        entry = cat.get(number)
        assert isinstance(entry, Entry), number
        assert entry.listed.end == cutover
    added = cat.get("252604X")
    assert isinstance(added, Entry) and added.listed.start == cutover
    metallurgy = cat.get("083201X")
    assert isinstance(metallurgy, Entry)
    new_points = [cp for cp in metallurgy.control_points if cp.valid.start == cutover]
    assert sum("锂" in (cp.text.zh or "") for cp in new_points) == 5
    assert any("镓" in (cp.text.zh or "") for cp in new_points)


def test_numbers_named_by_the_issue_are_present(cat: Catalogue) -> None:
    for number in (
        "085001J",
        "085001X",
        "085002X",
        "083201X",
        "086501X",
        "086502X",
        "083915X",
        "206503X",
        "203912X",
        "252604X",
    ):
        assert isinstance(cat.get(number), Entry), number


def test_coverage_is_computed_and_honest(cat: Catalogue) -> None:
    ed = edition_by_key(cat, "2023")
    assert ed is not None
    cov = {c.edition.key: c for c in all_coverage(cat)}
    assert 0 < cov["2023"].held < 134
    assert re.fullmatch(r"\d+ of 134 items of the 2023 edition", edition_coverage(cat, ed).phrase())


def test_readme_states_the_computed_coverage(cat: Catalogue) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ed = edition_by_key(cat, "2023")
    assert ed is not None
    assert edition_coverage(cat, ed).phrase() in readme


def test_the_page_and_the_sheet_give_the_readme_s_coverage(cat: Catalogue) -> None:
    """Each edition's "held of total", as the README states the 2023 one, is what the catalogue's page
    and its sheet show (both count through catalogue.time.coverage; this checks they still print it)."""
    from html import unescape

    from catalogue.present.html import render_detail, render_sheet
    from catalogue.time.coverage import headline

    assert cat.catalogue is not None
    day = dt.date(2026, 12, 5)

    def text(html: str) -> str:
        return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))

    page = text(render_detail(cat.catalogue, cat, as_of=day))
    sheet = text("".join(render_sheet([cat.catalogue], cat, as_of=day)))
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for cov in all_coverage(cat):
        figure = f"{cov.held} of {cov.total}"
        assert figure in page and figure in sheet, (cov.edition.key, figure)
        if cov.edition.key == "2023":
            assert f"**{figure} items of the 2023 edition**" in readme
    assert headline(cat, day) in page and headline(cat, day) in sheet


def test_every_fact_has_sources_and_confidence(cat: Catalogue) -> None:
    for inst in cat.instruments:
        assert inst.sources, inst.id
        for entry in inst.entries:
            assert entry.sources, entry.id
            for cp in entry.control_points:
                assert cp.sources and isinstance(cp.confidence, Confidence), entry.id
        for item in inst.items:
            assert item.sources, item.id
        for clause in inst.clauses:
            assert clause.sources, clause.id


def test_every_entry_has_our_rationale_and_english(cat: Catalogue) -> None:
    for entry in cat.entries():
        assert entry.rationale.en, entry.id
        assert entry.name.en, entry.id
        assert entry.name.en_is_unofficial, entry.id


def test_draft_wording_is_never_an_in_force_control_point(cat: Catalogue) -> None:
    for entry in cat.entries():
        for cp in entry.control_points:
            assert cp.text.zh_wording is not ZhWording.DRAFT, entry.id


def test_unknown_numbers_stay_unknown(cat: Catalogue) -> None:
    unnumbered = [e for e in cat.entries() if e.number is None]
    assert unnumbered, "the research leaves many numbers unknown; the data must not fill them in"


def test_measures_and_laws_are_kinds(cat: Catalogue) -> None:
    assert len(cat.of_kind(Kind.MEASURE)) >= 14
    assert len(cat.of_kind(Kind.LAW)) >= 5


def test_show_works_for_every_shipped_id(cat: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    for ident in cat.all_ids():
        assert main(["show", ident, "--json"]) == 0, ident
        data = json.loads(capsys.readouterr().out)
        assert data["id"] == ident
        for key in ("kind", "instrument", "name", "sources", "confidence"):
            assert key in data, (ident, key)


def test_show_accepts_item_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "083201X", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["number"] == "083201X"
    assert data["status"] == "restricted"
    assert data["name"]["zh"] == "有色金属冶金技术"
    assert all({"zh", "en", "valid"} <= set(cp) for cp in data["control_points"])
    assert data["listed"]["from"] is not None


def test_show_unknown_id_fails_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "no-such-thing"]) == 2
    assert "nothing in the data is called" in capsys.readouterr().err


def test_readme_states_every_check_date(cat: Catalogue) -> None:
    """The README, the app and the sheets give the same check dates: the dataset's and each
    instrument's own (the app and sheets read them from the data)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"verified up to **{cat.verified_to}**" in readme
    for day in {inst.verified_to for inst in cat.instruments if inst.verified_to is not None}:
        assert f"**{day}**" in readme, day
