"""As of a date, over the SHIPPED data: listings around each edition, 083201X's control points, No. 46
para. 2 and the October 2025 package — including the answer past the data's verified-to date.

Expected values are what the data records (catalogue/data), which follows the catalogue-2023 note
and the related-controls note (docs/research-notes.md); the small-fixture cases live in test_timeline_core.py.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Clause, Edition, Entry, Instrument
from catalogue.time import (
    State,
    clause_status,
    edition_status,
    entries_as_of,
    entry_status,
    instrument_status,
    listed_on,
    points_on,
    points_unknown_on,
    status_of,
    verified_caveat,
)
from gui.cli import main

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(strict=True).catalogue


def _entry(cat: Catalogue, ident: str) -> Entry:
    obj = cat.get(ident)
    assert isinstance(obj, Entry), ident
    return obj


def _inst(cat: Catalogue, ident: str) -> Instrument:
    obj = cat.instrument(ident)
    assert obj is not None, ident
    return obj


def _clause(cat: Catalogue, ident: str) -> Clause:
    obj = cat.get(ident)
    assert isinstance(obj, Clause), ident
    return obj


# Around each edition's effective day: the day before and the day itself.
@pytest.mark.parametrize(
    ("ident", "day", "state"),
    [
        # 2008 edition, in force 2008-11-01: items added in 2020 were not yet listed.
        ("high-speed-wind-tunnels", "2008-11-01", State.NOT_YET_IN_FORCE),
        ("050302J", "2008-11-01", State.LISTED),
        # Before the 2008 edition the data does not know (the 2001 catalogue was not transcribed).
        ("050302J", "2008-10-31", State.UNKNOWN),
        # 2020 adjustment, 2020-08-28: 050302J deleted, the wind-tunnel item added.
        ("050302J", "2020-08-27", State.LISTED),
        ("050302J", "2020-08-28", State.DELISTED),
        ("high-speed-wind-tunnels", "2020-08-27", State.NOT_YET_IN_FORCE),
        ("high-speed-wind-tunnels", "2020-08-28", State.LISTED),
        # 2023 edition, 2023-12-21: a 2020 item deleted, the gene-editing item added, and a 2020
        # item whose fate in 2023 the sources do not give.
        ("green-plant-growth-regulators", "2023-12-20", State.LISTED),
        ("green-plant-growth-regulators", "2023-12-21", State.DELISTED),
        ("human-cell-cloning-gene-editing", "2023-12-20", State.NOT_YET_IN_FORCE),
        ("human-cell-cloning-gene-editing", "2023-12-21", State.LISTED),
        ("183609X", "2023-12-20", State.LISTED),
        ("183609X", "2023-12-21", State.UNKNOWN),
        # 2025 adjustment, 2025-07-15.
        ("085001J", "2025-07-14", State.LISTED),
        ("085001J", "2025-07-15", State.DELISTED),
        ("085001X", "2025-07-15", State.DELISTED),
        ("085002X", "2025-07-15", State.DELISTED),
        ("252604X", "2025-07-14", State.NOT_YET_IN_FORCE),
        ("252604X", "2025-07-15", State.LISTED),
        ("083201X", "2025-07-15", State.LISTED),
    ],
)
def test_listing_around_each_edition(cat: Catalogue, ident: str, day: str, state: State) -> None:
    st = entry_status(_entry(cat, ident), D(day), cat)
    assert st.state is state, st.text
    expected = {State.LISTED: True, State.NOT_YET_IN_FORCE: False, State.DELISTED: False, State.UNKNOWN: None}
    assert st.in_force is expected[state]


def test_deletion_names_the_2025_adjustment(cat: Catalogue) -> None:
    st = entry_status(_entry(cat, "085001J"), D("2025-07-15"), cat)
    assert "delisted (from 2025-07-15)" in st.text
    assert "2025 No. 28" in st.text


def test_listed_on_matches_entry_status(cat: Catalogue) -> None:
    for day in (D("2008-11-01"), D("2020-08-28"), D("2023-12-21"), D("2025-07-15")):
        listed = {e.id for e in listed_on(cat, day)}
        assert listed == {e.id for e, st in entries_as_of(cat, day) if st.state is State.LISTED}
    before, after = {e.id for e in listed_on(cat, D("2025-07-14"))}, {e.id for e in listed_on(cat, D("2025-07-15"))}
    assert before - after == {
        "traditional-architecture-prohibited",
        "traditional-architecture-restricted",
        "building-environment-control",
    }
    assert after - before == {"battery-cathode-material-preparation"}


def test_083201x_control_points_before_and_after_2025_07_15(cat: Catalogue) -> None:
    entry = _entry(cat, "083201X")
    before = points_on(entry, D("2025-07-14"))
    after = points_on(entry, D("2025-07-15"))
    # Before: one recorded point, on gallium, whose 2023 wording was not seen.
    assert len(before) == 1
    assert before[0].text.zh is None and "gallium" in (before[0].text.en or "")
    # After: the rewritten gallium point and five lithium points, all in official Chinese wording.
    assert len(after) == 6
    assert sum("镓" in (cp.text.zh or "") for cp in after) == 1
    assert sum("锂" in (cp.text.zh or "") for cp in after) == 5
    assert "卤水提锂技术" in [cp.text.zh for cp in after]
    assert not set(before) & set(after)
    assert points_unknown_on(entry, D("2025-07-15")) == ()


@pytest.mark.parametrize(
    ("day", "state", "in_force", "fragment"),
    [
        ("2025-06-01", State.IN_FORCE, True, "in force — since 2024-12-03"),
        (
            "2026-01-01",
            State.SUSPENDED,
            False,
            "suspended until 2026-11-27 — from 2025-11-09 by MOFCOM Announcement 2025 No. 72",
        ),
        (
            "2026-11-28",
            State.SUSPENSION_ENDED,
            None,
            "suspension ended 2026-11-27 (later status not verified) — from 2025-11-09 by MOFCOM Announcement 2025 No. 72",
        ),
    ],
)
def test_no_46_para_2(cat: Catalogue, day: str, state: State, in_force: bool | None, fragment: str) -> None:
    st = clause_status(_clause(cat, "cn-mofcom-2024-46-para-2"), _inst(cat, "cn-mofcom-2024-46"), D(day), cat)
    assert st.state is state, st.text
    assert st.in_force is in_force
    assert fragment in st.text
    # status_of finds the owner by itself and says the same.
    same = status_of(_clause(cat, "cn-mofcom-2024-46-para-2"), D(day), cat)
    assert same is not None and same.state is state


def test_no_46_paras_1_and_3_were_not_suspended(cat: Catalogue) -> None:
    for para in ("cn-mofcom-2024-46-para-1", "cn-mofcom-2024-46-para-3"):
        st = clause_status(_clause(cat, para), _inst(cat, "cn-mofcom-2024-46"), D("2026-01-01"), cat)
        assert st.state is State.IN_FORCE, (para, st.text)


OCTOBER_PACKAGE_DUE_8_NOV = ("cn-mofcom-2025-55", "cn-mofcom-2025-56", "cn-mofcom-2025-57", "cn-mofcom-2025-58")


@pytest.mark.parametrize("ident", OCTOBER_PACKAGE_DUE_8_NOV)
def test_october_package_not_yet_in_force_then_suspended(cat: Catalogue, ident: str) -> None:
    inst = _inst(cat, ident)
    on_20_oct = instrument_status(inst, D("2025-10-20"), cat)
    assert on_20_oct.state is State.NOT_YET_IN_FORCE and on_20_oct.in_force is False
    assert "not yet in force (from 2025-11-08)" in on_20_oct.text
    on_1_jan = instrument_status(inst, D("2026-01-01"), cat)
    assert on_1_jan.state is State.SUSPENDED and on_1_jan.in_force is False
    assert "until 2026-11-10" in on_1_jan.text and "2025 No. 70" in on_1_jan.text


def test_no_62_in_force_on_publication_then_suspended(cat: Catalogue) -> None:
    inst = _inst(cat, "cn-mofcom-2025-62")
    assert instrument_status(inst, D("2025-10-20"), cat).state is State.IN_FORCE
    assert instrument_status(inst, D("2026-01-01"), cat).state is State.SUSPENDED
    for clause in inst.clauses:
        assert clause_status(clause, inst, D("2025-10-20"), cat).in_force is True, clause.id
        assert clause_status(clause, inst, D("2026-01-01"), cat).state is State.SUSPENDED, clause.id


def test_no_61_item_3_applied_on_publication_items_1_and_2_never(cat: Catalogue) -> None:
    inst = _inst(cat, "cn-mofcom-2025-61")
    states = {c.label: clause_status(c, inst, D("2025-10-20"), cat) for c in inst.clauses}
    assert states["item (3)"].state is State.IN_FORCE
    assert states["item (1)"].state is State.NOT_YET_IN_FORCE
    assert states["item (2)"].state is State.NOT_YET_IN_FORCE
    for c in inst.clauses:
        assert clause_status(c, inst, D("2026-01-01"), cat).state is State.SUSPENDED, c.label


def test_october_package_after_the_suspension_ends_is_unverified(cat: Catalogue) -> None:
    for ident in (*OCTOBER_PACKAGE_DUE_8_NOV, "cn-mofcom-2025-61", "cn-mofcom-2025-62"):
        st = instrument_status(_inst(cat, ident), D("2026-11-28"), cat)
        assert st.state is State.SUSPENSION_ENDED, (ident, st.text)
        assert st.in_force is None
        assert "suspension ended 2026-11-10 (later status not verified)" in st.text


def test_caveat_past_verified_to(cat: Catalogue) -> None:
    assert verified_caveat(cat, cat.verified_to) is None
    later = cat.verified_to + dt.timedelta(days=1)
    caveat = verified_caveat(cat, later)
    assert caveat is not None and str(cat.verified_to) in caveat


# -- show --as-of ---------------------------------------------------------------------------------


def _show_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["show", *args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert isinstance(doc, dict)
    return doc


def test_show_json_as_of_entry(capsys: pytest.CaptureFixture[str]) -> None:
    before = _show_json(capsys, "083201X", "--as-of", "2025-07-14")
    after = _show_json(capsys, "083201X", "--as-of", "2025-07-15")
    assert before["as_of"] == "2025-07-14" and before["in_force"] is True
    assert before["status_as_of"] == "listed" and before["status_text"] == "listed (restricted)"
    assert isinstance(before["control_points"], list) and isinstance(after["control_points"], list)
    assert len(before["control_points"]) == 1 and len(after["control_points"]) == 6
    assert all(cp["valid_on_date"] is True for cp in after["control_points"])
    deleted = _show_json(capsys, "085001X", "--as-of", "2025-07-15")
    assert deleted["in_force"] is False and deleted["status_as_of"] == "delisted"
    # Without --as-of the answer is about today, as in search and the window: the status keys are there.
    plain = _show_json(capsys, "083201X")
    assert plain["as_of"] == dt.date.today().isoformat() and "in_force" in plain and "status_text" in plain


def test_show_json_as_of_measure_clauses(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _show_json(capsys, "cn-mofcom-2024-46", "--as-of", "2026-01-01")
    assert doc["in_force"] is True and doc["verified"] is True
    clauses = doc["clauses"]
    assert isinstance(clauses, list)
    by_id = {c["id"]: c for c in clauses}
    para2 = by_id["cn-mofcom-2024-46-para-2"]
    assert para2["status_as_of"] == "suspended" and para2["in_force"] is False
    assert para2["status_label"] == "suspended until 2026-11-27"
    assert "from 2025-11-09 by MOFCOM Announcement 2025 No. 72" in para2["status_text"]
    assert by_id["cn-mofcom-2024-46-para-1"]["status_as_of"] == "in_force"

    late = _show_json(capsys, "cn-mofcom-2024-46", "--as-of", "2026-11-28")
    assert late["verified"] is False and late["in_force"] is None and "caveat" in late
    late_clauses = late["clauses"]
    assert isinstance(late_clauses, list)
    para2_late = {c["id"]: c for c in late_clauses}["cn-mofcom-2024-46-para-2"]
    assert para2_late["status_as_of"] == "suspension_ended" and para2_late["in_force"] is None
    assert "suspension ended 2026-11-27 (later status not verified)" in para2_late["status_text"]


def test_show_text_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "cn-mofcom-2025-58", "--as-of", "2025-10-20"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Status on 2025-10-20: not yet in force (from 2025-11-08)")
    assert main(["show", "083201X", "--as-of", "2025-07-14"]) == 0
    out = capsys.readouterr().out
    assert "Control points valid on 2025-07-14:" in out and "卤水提锂技术" not in out


def test_show_rejects_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["show", "083201X", "--as-of", "2025-02-30"])
    assert exc.value.code == 2
    assert "not a date" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("edition", "day", "state", "fragment"),
    [
        ("cn-mofcom-2023-57", "2023-12-20", State.NOT_YET_IN_FORCE, "not yet in force (from 2023-12-21)"),
        ("cn-mofcom-2023-57", "2024-01-01", State.IN_FORCE, "since 2023-12-21"),
        ("cn-mofcom-2023-57", "2025-08-01", State.IN_FORCE, "as amended by the 2025 adjustment (2025-07-15)"),
        ("cn-mofcom-2020-38", "2024-01-01", State.REPEALED, "replaced (from 2023-12-21) — by the 2023 edition"),
        ("cn-mofcom-most-order-2008-12", "2021-01-01", State.IN_FORCE, "as amended by the 2020 adjustment"),
    ],
)
def test_edition_status(cat: Catalogue, edition: str, day: str, state: State, fragment: str) -> None:
    ed = cat.get(edition)
    assert isinstance(ed, Edition)
    st = edition_status(ed, D(day), cat)
    assert st.state is state and fragment in st.text, st.text


def test_show_json_as_of_edition_past_verified_to(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _show_json(capsys, "cn-mofcom-2023-57", "--as-of", "2026-11-28")
    assert doc["status_as_of"] == "not_verified" and doc["in_force"] is None and doc["verified"] is False
    assert doc["status_label"] == "in force as of 2026-06-30 (not verified after)"
