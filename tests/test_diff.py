"""What changed between two dates or editions: the exact 2025 adjustment over the shipped data, the
rewording rule, coverage in every answer, and the `exportref diff` command."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Confidence, ControlPoint, Interval, Text
from catalogue.present.changes import diff_json, diff_text
from catalogue.time.diff import ChangeKind, DiffInputError, diff, diff_between, edition_in_force, resolve_point
from catalogue.time.wording import pair_rewordings, shared_subject
from gui.cli import main

D = dt.date.fromisoformat
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(strict=True).catalogue


@pytest.fixture(scope="module")
def time_cat() -> Catalogue:
    return load_catalogue(FIXTURES / "time", strict=True).catalogue


def _numbers(changes: object) -> list[str | None]:
    assert isinstance(changes, tuple)
    return [c.entry.number for c in changes]


# -- the 2025 adjustment, exactly -------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [("2023", "2025"), ("2025-07-14", "2025-07-15"), ("2024-01-01", "2025")])
def test_exact_2025_diff(shipped: Catalogue, start: str, end: str) -> None:
    d = diff_between(shipped, start, end)
    assert _numbers(d.removed) == ["085001J", "085001X", "085002X"]
    assert _numbers(d.added) == ["252604X"]
    assert _numbers(d.modified) == ["083201X"]
    (mod,) = d.modified
    added = mod.points.added
    assert len(added) == 5 and all("锂" in (cp.text.zh or "") for cp in added)
    assert mod.points.removed == ()
    (rw,) = mod.points.reworded
    assert rw.subject in ("镓", "gallium")
    assert "gallium" in (rw.old.text.en or "") and "镓" in (rw.new.text.zh or "")
    assert rw.old.valid.end == rw.new.valid.start == D("2025-07-15")
    assert mod.points.summary() == f"5 control points added, the {rw.subject} point reworded"


def test_exact_2025_diff_json_keys(shipped: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "2023", "2025", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    for key in ("from", "to", "added", "removed", "modified", "status_changes"):
        assert key in doc, key
    assert doc["from"] == "2023-12-21" and doc["to"] == "2025-07-15"
    assert doc["added"] == [{"id": "battery-cathode-material-preparation", "number": "252604X"}]
    assert [r["number"] for r in doc["removed"]] == ["085001J", "085001X", "085002X"]
    assert all(set(r) == {"id", "number"} for r in doc["removed"])
    (mod,) = doc["modified"]
    assert {"id", "number", "control_points_added", "control_points_removed"} <= set(mod)
    assert mod["id"] == "non-ferrous-metallurgy" and mod["number"] == "083201X"
    assert [cp["zh"] for cp in mod["control_points_added"]] == [
        "锂辉石提锂生产碳酸锂技术",
        "锂辉石提锂生产氢氧化锂技术",
        "金属锂（合金）及锂材制备技术",
        "卤水提锂技术",
        "含锂净化液制备技术",
    ]
    assert mod["control_points_removed"] == []
    (rw,) = mod["control_points_reworded"]
    assert rw["new"]["zh"] == "通过离子交换法、树脂法等方法从氧化铝母液中提取金属镓的技术和工艺"
    assert rw["old"]["valid"]["to"] == "2025-07-15"
    # Coverage travels with the answer.
    assert [c["edition"] for c in doc["coverage"]] == ["2023", "2025"]
    assert all(c["held"] < c["items_total"] for c in doc["coverage"])
    assert any("cannot be shown" in n for n in doc["notes"])


def test_diff_text_states_coverage_before_changes(shipped: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "2025-07-14", "2025-07-15"]) == 0
    out = capsys.readouterr().out
    assert out.index("Coverage:") < out.index("Entries added")
    assert "items of the 2025 edition" in out
    assert "~ reworded" in out and "+ 卤水提锂技术" in out


def test_no_change_found_is_not_nothing_changed(shipped: Catalogue) -> None:
    d = diff_between(shipped, "2024-01-01", "2024-02-01")
    assert d.entry_changes == ()
    assert d.coverage and d.coverage[0].edition.key == "2023"
    notes = d.coverage_notes()
    assert any("holds 23 of 134" in n and "cannot be shown" in n for n in notes)
    assert "none found in the data" in diff_text(d)


def test_status_changes_in_the_diff(shipped: Catalogue) -> None:
    d = diff_between(shipped, "2025-10-20", "2026-01-01")
    by_id = {s.subject_id: s for s in d.status_changes}
    assert by_id["cn-mofcom-2025-58"].before.state.value == "not_yet_in_force"
    assert by_id["cn-mofcom-2025-58"].after.state.value == "suspended"
    assert by_id["cn-mofcom-2025-62"].before.state.value == "in_force"
    assert by_id["cn-mofcom-2025-62"].after.state.value == "suspended"
    para2 = by_id["cn-mofcom-2024-46-para-2"]
    assert para2.kind == "clause" and para2.label == "MOFCOM Announcement 2024 No. 46, para. 2"
    assert para2.after.state.value == "suspended"
    # No. 62's clauses change exactly as No. 62 does, so the measure's line says it once.
    assert not any(s.subject_id.startswith("cn-mofcom-2025-62-") for s in d.status_changes)
    # No. 46 itself stayed in force: only its para. 2 is listed.
    assert "cn-mofcom-2024-46" not in by_id


def test_interim_changes_are_reported(shipped: Catalogue) -> None:
    """No. 62 was not yet in force on 2025-10-01 and suspended on 2026-01-01; in between it applied
    for four weeks, and the diff says so. A period an endpoint already describes is not repeated."""
    d = diff_between(shipped, "2025-10-01", "2026-01-01")
    no62 = {s.subject_id: s for s in d.status_changes}["cn-mofcom-2025-62"]
    assert no62.before.state.value == "not_yet_in_force" and no62.after.state.value == "suspended"
    assert no62.interim == ("in force from 2025-10-09 until 2025-11-06",)
    # Para. 2 of No. 46: nothing happened to it between 2025-06-01 and 2025-11-08; its suspension,
    # which the end status describes, is not repeated as "in between".
    assert "cn-mofcom-2024-46-para-2" not in {
        s.subject_id for s in diff_between(shipped, "2025-06-01", "2025-11-08").status_changes
    }
    para2 = {s.subject_id: s for s in diff_between(shipped, "2025-06-01", "2026-06-30").status_changes}[
        "cn-mofcom-2024-46-para-2"
    ]
    assert para2.after.state.value == "suspended" and para2.interim == ()


def test_clauses_that_follow_their_measure_are_not_repeated(shipped: Catalogue) -> None:
    d = diff_between(shipped, "2024-01-01", "2025-01-01")
    ids = {s.subject_id for s in d.status_changes}
    assert "cn-mofcom-2024-33" in ids
    assert not any(i.startswith("cn-mofcom-2024-33-") for i in ids)


def test_unknown_listing_is_undetermined_not_a_change(shipped: Catalogue) -> None:
    d = diff_between(shipped, "2020", "2023")
    undetermined = {c.entry.number for c in d.undetermined}
    assert "183609X" in undetermined  # listed in 2020; its fate in 2023 is not in the sources
    assert "183609X" not in _numbers(d.removed)
    removed = {c.entry.id for c in d.removed}
    assert "green-plant-growth-regulators" in removed
    assert "human-cell-cloning-gene-editing" in {c.entry.id for c in d.added}


def test_diff_past_verified_to_says_so(shipped: Catalogue) -> None:
    d = diff_between(shipped, "2026-01-01", "2026-11-28")
    assert any("verified to 2026-06-30" in n for n in d.coverage_notes())
    by_id = {s.subject_id: s for s in d.status_changes}
    para2 = by_id["cn-mofcom-2024-46-para-2"]
    assert para2.after.state.value == "suspension_ended"
    assert para2.summary() == "suspended until 2026-11-27 → suspension ended 2026-11-27 (later status not verified)"
    # Measures with nothing announced past verified_to did not "change" to unknown.
    assert "cn-mofcom-2023-23" not in by_id and "cn-export-control-law" not in by_id
    # One that took effect in between reads as in force, with the caveat.
    assert (
        by_id["cn-mofcom-2026-1"].summary()
        == "not yet in force (from 2026-01-06) → in force as of 2026-06-30 (not verified after)"
    )


# -- inputs ---------------------------------------------------------------------------------------


def test_resolve_point(shipped: Catalogue) -> None:
    p = resolve_point(shipped, "2025")
    assert p.day == D("2025-07-15") and p.edition is not None and p.edition.key == "2025"
    assert resolve_point(shipped, " 2024-05-06 ").day == D("2024-05-06")
    with pytest.raises(DiffInputError, match="not an edition"):
        resolve_point(shipped, "2019")
    with pytest.raises(DiffInputError, match="neither a date"):
        resolve_point(shipped, "last year")
    assert edition_in_force(shipped, D("2025-07-14")) is not None
    ed = edition_in_force(shipped, D("2025-07-14"))
    assert ed is not None and ed.key == "2023"
    assert edition_in_force(shipped, D("2008-10-31")) is None


def test_diff_command_rejects_unknown_edition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "2019", "2025"]) == 2
    err = capsys.readouterr().err
    assert "not an edition" in err and "2008, 2020, 2023, 2025" in err


def test_edition_without_effective_date_uses_publication(time_cat: Catalogue) -> None:
    p = resolve_point(time_cat, "2020")
    assert p.day == D("2020-08-28")


# -- the rewording rule ---------------------------------------------------------------------------


def _cp(zh: str | None, en: str | None, start: str, end: str | None = None) -> ControlPoint:
    return ControlPoint(Text(zh=zh, en=en), Interval(D(start), D(end) if end else None), ("s1",), Confidence.CONFIRMED)


TERMS = ["钕铁硼", "稀土", "gallium", "lithium", "镓", "锂", "Ga"]


def test_shared_subject_across_languages_and_forms() -> None:
    a = Text(en="A point on extracting metallic gallium")
    b = Text(zh="提取金属镓的技术", en="Extracting gallium from liquor")
    assert shared_subject(a, b, TERMS) == "gallium"
    assert shared_subject(Text(en="rare-earth alloys"), Text(en="Rare earths metals"), ["rare earth"]) == "rare earth"
    # A chemical symbol matches only as a word, in its own case.
    assert shared_subject(Text(en="Ga recovery"), Text(en="gallium and Ga"), ["Ga"]) == "Ga"
    assert shared_subject(Text(en="Gas recovery"), Text(en="Ga"), ["Ga"]) is None
    # A term naming the entry itself does not distinguish its points.
    assert shared_subject(Text(zh="稀土萃取"), Text(zh="稀土金属"), TERMS, Text(zh="稀土的提炼技术")) is None


def test_rewording_needs_the_same_day() -> None:
    old = _cp(None, "metallic gallium point", "2023-12-21", "2025-07-15")
    new_same_day = _cp("提取金属镓", "gallium from liquor", "2025-07-15")
    new_later = _cp("提取金属镓", "gallium from liquor", "2025-08-01")
    added, removed, pairs = pair_rewordings([old], [new_later], TERMS)
    assert (added, removed, pairs) == ((new_later,), (old,), ())
    added, removed, pairs = pair_rewordings([old], [new_same_day], TERMS)
    assert added == () and removed == ()
    assert [(p.old, p.new, p.subject) for p in pairs] == [(old, new_same_day, "gallium")]


def test_rewording_pairs_each_point_once_most_similar_first() -> None:
    old = _cp("锂辉石提锂生产碳酸锂技术", None, "2020-01-01", "2025-07-15")
    near = _cp("锂辉石提锂生产氢氧化锂技术", None, "2025-07-15")
    far = _cp("卤水提锂技术", None, "2025-07-15")
    added, removed, pairs = pair_rewordings([old], [far, near], TERMS)
    assert [p.new for p in pairs] == [near]
    assert added == (far,) and removed == ()


def test_rewording_by_similar_wording_without_a_curated_term() -> None:
    old = _cp("散料装卸输送技术", None, "2020-01-01", "2023-12-21")
    new = _cp("散装物料装卸输送技术", None, "2023-12-21")
    unrelated = _cp("农作物杂交优势利用技术", None, "2023-12-21")
    added, removed, pairs = pair_rewordings([old], [unrelated, new], TERMS)
    assert [(p.new, p.subject) for p in pairs] == [(new, "similar wording")]
    assert added == (unrelated,) and removed == ()


# -- properties over the fixture ------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(2007, 1, 1), max_value=dt.date(2027, 12, 31))


@cache
def _time_fixture() -> Catalogue:
    # Read-only use, loaded once: hypothesis runs the test body many times.
    return load_catalogue(FIXTURES / "time", strict=True).catalogue


@settings(max_examples=60, deadline=None)
@given(a=DAYS, b=DAYS)
def test_diff_is_symmetric_and_disjoint(a: dt.date, b: dt.date) -> None:
    cat = _time_fixture()
    forward = diff(cat, resolve_point(cat, a.isoformat()), resolve_point(cat, b.isoformat()))
    backward = diff(cat, resolve_point(cat, b.isoformat()), resolve_point(cat, a.isoformat()))
    assert {c.entry.id for c in forward.added} == {c.entry.id for c in backward.removed}
    assert {c.entry.id for c in forward.removed} == {c.entry.id for c in backward.added}
    assert {c.entry.id for c in forward.modified} == {c.entry.id for c in backward.modified}
    buckets = [forward.added, forward.removed, forward.modified, forward.undetermined]
    ids = [c.entry.id for bucket in buckets for c in bucket]
    assert len(ids) == len(set(ids))
    for c in forward.modified:
        assert c.kind is ChangeKind.MODIFIED and c.points
    if a == b:
        assert forward.no_change_found
    json.dumps(diff_json(forward))  # always serialisable
