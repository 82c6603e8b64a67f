"""Status as of a date, on the small fixture (the shipped-data cases live in test_timeline.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Clause, Entry, Instrument
from catalogue.time import State, clause_status, entry_status, instrument_status

D = dt.date.fromisoformat


@pytest.fixture
def cat(minimal_data: Path) -> Catalogue:
    result = load_catalogue(minimal_data)
    assert result.complete, [p.format() for p in result.problems]
    return result.catalogue


def _clause(cat: Catalogue, ident: str) -> Clause:
    obj = cat.get(ident)
    assert isinstance(obj, Clause)
    return obj


def _inst(cat: Catalogue, ident: str) -> Instrument:
    obj = cat.instrument(ident)
    assert obj is not None
    return obj


@pytest.mark.parametrize(
    ("day", "state", "in_force", "fragment"),
    [
        ("2024-12-02", State.NOT_YET_IN_FORCE, False, "not yet in force (from 2024-12-03)"),
        ("2025-06-01", State.IN_FORCE, True, "in force"),
        (
            "2026-01-01",
            State.SUSPENDED,
            False,
            "suspended until 2026-11-27 — from 2025-11-09 by MOFCOM Announcement 2025 No. 72",
        ),
        ("2026-11-27", State.SUSPENDED, False, "not verified after 2026-06-30"),
        (
            "2026-11-28",
            State.SUSPENSION_ENDED,
            None,
            "suspension ended 2026-11-27 (later status not verified)",
        ),
    ],
)
def test_us_measure_para_2(cat: Catalogue, day: str, state: State, in_force: bool | None, fragment: str) -> None:
    st = clause_status(_clause(cat, "cn-mofcom-2024-46-para-2"), _inst(cat, "cn-mofcom-2024-46"), D(day), cat)
    assert st.state is state, st.text
    assert st.in_force is in_force
    assert fragment in st.text


def test_para_1_is_unaffected_by_the_suspension(cat: Catalogue) -> None:
    st = clause_status(_clause(cat, "cn-mofcom-2024-46-para-1"), _inst(cat, "cn-mofcom-2024-46"), D("2026-01-01"), cat)
    assert st.state is State.IN_FORCE


def test_measure_suspended_before_it_took_effect(cat: Catalogue) -> None:
    m = _inst(cat, "cn-mofcom-2025-58")
    assert instrument_status(m, D("2025-10-20"), cat).state is State.NOT_YET_IN_FORCE
    assert instrument_status(m, D("2026-01-01"), cat).state is State.SUSPENDED
    after = instrument_status(m, D("2026-11-28"), cat)
    assert after.state is State.SUSPENSION_ENDED
    assert "suspension ended 2026-11-10" in after.text


def test_folded_measure_still_applies(cat: Catalogue) -> None:
    st = instrument_status(_inst(cat, "cn-mofcom-2023-23"), D("2025-01-01"), cat)
    assert st.state is State.FOLDED
    assert st.in_force is True


def test_entry_listing_around_the_2025_adjustment(cat: Catalogue) -> None:
    entry = cat.get("085001X")
    assert isinstance(entry, Entry)
    assert entry_status(entry, D("2025-07-14"), cat).state is State.LISTED
    gone = entry_status(entry, D("2025-07-15"), cat)
    assert gone.state is State.DELISTED
    assert gone.in_force is False
    # Before the 2023 edition the data cannot say: the 2023 text is the earliest verified listing.
    assert entry_status(entry, D("2020-01-01"), cat).state is State.UNKNOWN


def test_unverified_after_verified_to(cat: Catalogue) -> None:
    entry = cat.get("083201X")
    assert isinstance(entry, Entry)
    st = entry_status(entry, D("2026-11-28"), cat)
    assert st.state is State.NOT_VERIFIED and not st.verified and st.in_force is None
    assert st.label == "listed (restricted) as of 2026-06-30 (not verified after)"
    assert [cp.text.zh for cp in entry.control_points_on(D("2025-07-14"))] == [None]
    assert len(entry.control_points_on(D("2025-07-15"))) == 2
