"""The timeline: every dated event, in order, with what it changed; filtered by topic."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.time import checked_to
from catalogue.time.events import Event, EventKind, all_events
from catalogue.time.timeline import event_json, resolve_topic, timeline
from gui.cli import main

D = dt.date.fromisoformat
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    return load_catalogue(strict=True).catalogue


@pytest.fixture(scope="module")
def time_cat() -> Catalogue:
    return load_catalogue(FIXTURES / "time", strict=True).catalogue


def _find(events: list[Event], day: str, kind: EventKind, subject: str) -> Event:
    hits = [ev for ev in events if ev.day == D(day) and ev.kind is kind and ev.subject_id == subject]
    assert len(hits) == 1, [(ev.day, ev.kind, ev.subject_id) for ev in events if ev.subject_id == subject]
    return hits[0]


def test_events_are_chronological_and_link_to_what_they_changed(shipped: Catalogue) -> None:
    events = all_events(shipped)
    assert events == sorted(events, key=lambda ev: ev.sort_key)
    for ev in events:
        assert shipped.get(ev.link_id) is not None, ev
        assert shipped.get(ev.subject_id) is not None, ev
        # Verified up to the check date of the instrument behind the event (its own, else the dataset's).
        owner = shipped.instrument(ev.link_id) or shipped.owner_of(ev.link_id)
        assert ev.verified == (ev.day <= checked_to(shipped, owner))


def test_every_kind_the_issue_names_occurs(shipped: Catalogue) -> None:
    kinds = {ev.kind for ev in all_events(shipped)}
    wanted = {
        EventKind.PUBLISHED,
        EventKind.EFFECTIVE,
        EventKind.SUSPENDED,
        EventKind.SUSPENSION_ENDS,
        EventKind.FOLDED,
        EventKind.ENTRY_LISTED,
        EventKind.ENTRY_DELETED,
        EventKind.ENTRY_MODIFIED,
    }
    assert wanted <= kinds


def test_2025_adjustment_events(shipped: Catalogue) -> None:
    events = [ev for ev in all_events(shipped) if ev.day == D("2025-07-15")]
    deleted = {ev.subject_id for ev in events if ev.kind is EventKind.ENTRY_DELETED}
    assert deleted == {
        "traditional-architecture-prohibited",
        "traditional-architecture-restricted",
        "building-environment-control",
    }
    listed = _find(events, "2025-07-15", EventKind.ENTRY_LISTED, "battery-cathode-material-preparation")
    assert listed.by == "cn-mofcom-2025-28"
    modified = _find(events, "2025-07-15", EventKind.ENTRY_MODIFIED, "non-ferrous-metallurgy")
    assert modified.text.startswith("5 control points added, the ")
    assert "point reworded" in modified.text
    assert modified.link_id == "non-ferrous-metallurgy"
    edition = _find(events, "2025-07-15", EventKind.PUBLISHED, "cn-mofcom-2025-28")
    assert "3 deleted, 1 added, 1 modified" in edition.text
    assert edition.link_id == "cn-mofcom-2025-28"  # the edition's own page


def test_no_46_para_2_suspension_and_its_end(shipped: Catalogue) -> None:
    events = all_events(shipped)
    start = _find(events, "2025-11-09", EventKind.SUSPENDED, "cn-mofcom-2024-46-para-2")
    assert start.by == "cn-mofcom-2025-72" and start.link_id == "cn-mofcom-2024-46"
    assert "until 2026-11-27" in start.text
    end = _find(events, "2026-11-28", EventKind.SUSPENSION_ENDS, "cn-mofcom-2024-46-para-2")
    assert end.verified is False
    assert "not verified" in end.text


def test_measure_suspended_before_its_start_never_took_effect(shipped: Catalogue) -> None:
    ev = _find(all_events(shipped), "2025-11-08", EventKind.DID_NOT_TAKE_EFFECT, "cn-mofcom-2025-58")
    assert ev.text.startswith("was due to take effect on 2025-11-08 but did not: suspended from 2025-11-07")
    # No. 62 took effect on publication: no such event for it.
    assert not [
        e
        for e in all_events(shipped)
        if e.subject_id == "cn-mofcom-2025-62" and e.kind is EventKind.DID_NOT_TAKE_EFFECT
    ]


def test_folded_into_the_dual_use_list(shipped: Catalogue) -> None:
    folded = [ev for ev in all_events(shipped) if ev.kind is EventKind.FOLDED]
    assert "cn-mofcom-2023-23" in {ev.subject_id for ev in folded}
    assert all(ev.day == D("2024-12-01") for ev in folded if ev.subject_id == "cn-mofcom-2023-23")


def test_rare_earth_timeline(shipped: Catalogue) -> None:
    events = timeline(shipped, "rare-earths")
    assert events and all("rare-earths" in ev.topics for ev in events)

    def first(subject: str, kind: EventKind) -> int:
        return next(i for i, ev in enumerate(events) if ev.subject_id == subject and ev.kind is kind)

    # 2008 catalogue … 2023 revision … 2025 No. 18 … No. 62 … No. 70, in that order.
    order = [
        first("cn-mofcom-most-order-2008-12", EventKind.PUBLISHED),
        first("cn-mofcom-2023-57", EventKind.PUBLISHED),
        first("cn-mofcom-2025-18", EventKind.PUBLISHED),
        first("cn-mofcom-2025-62", EventKind.PUBLISHED),
        first("cn-mofcom-2025-70", EventKind.PUBLISHED),
    ]
    assert order == sorted(order)
    subjects = {ev.subject_id for ev in events}
    # The rare-earth entry's 2023 rewrite is there; the 2025 adjustment, which changed no rare-earth
    # item, and gallium/lithium/battery-only measures are not.
    assert "rare-earth-refining-processing-utilisation" in subjects
    assert "cn-mofcom-2025-28" not in subjects
    assert "cn-mofcom-2023-23" not in subjects and "cn-mofcom-2025-58" not in subjects
    # No. 62: suspended by No. 70, and the end of the suspension is marked unverified.
    assert any(ev.subject_id == "cn-mofcom-2025-62" and ev.kind is EventKind.SUSPENDED for ev in events)
    end = next(ev for ev in events if ev.subject_id == "cn-mofcom-2025-62" and ev.kind is EventKind.SUSPENSION_ENDS)
    assert end.day == D("2026-11-11") and not end.verified


def test_catalogue_history_merges_into_its_editions(shipped: Catalogue) -> None:
    events = all_events(shipped)
    on_2023 = [ev for ev in events if ev.day == D("2023-12-21") and ev.subject_id == "cn-tech-export-catalogue"]
    assert on_2023 == []  # the catalogue's own record of that day is a note on the 2023 edition event
    edition = _find(events, "2023-12-21", EventKind.PUBLISHED, "cn-mofcom-2023-57")
    assert any("164 items became 134" in n for n in edition.notes)


def test_resolve_topic(shipped: Catalogue) -> None:
    for text in ("rare-earths", "Rare earths", "稀土", "NdFeB", " RARE-EARTHS "):
        topic = resolve_topic(shipped, text)
        assert topic is not None and topic.id == "rare-earths", text
    assert resolve_topic(shipped, "bananas") is None
    assert resolve_topic(shipped, "") is None


def test_since_until(time_cat: Catalogue) -> None:
    events = timeline(time_cat, since=D("2025-07-15"), until=D("2025-07-15"))
    assert events and {ev.day for ev in events} == {D("2025-07-15")}


def test_fixture_timeline_exact(time_cat: Catalogue) -> None:
    """On the small fixture every event is known, so the whole list can be checked."""
    got = [(ev.day.isoformat(), ev.kind.value, ev.subject_id) for ev in timeline(time_cat, "gallium-germanium")]
    assert got == [
        ("2023-07-03", "published", "cn-mofcom-2023-23"),
        ("2023-08-01", "effective", "cn-mofcom-2023-23"),
        ("2023-12-21", "published", "cn-mofcom-most-2023-57"),
        ("2024-12-01", "folded", "cn-mofcom-2023-23"),
        ("2024-12-03", "published", "cn-mofcom-2024-46"),
        ("2025-07-15", "published", "cn-mofcom-most-2025-28"),
        ("2025-07-15", "entry_modified", "non-ferrous-metallurgy"),
        ("2025-11-09", "published", "cn-mofcom-2025-72"),
        ("2025-11-09", "suspended", "cn-mofcom-2024-46-para-2"),
        ("2026-11-28", "suspension_ends", "cn-mofcom-2024-46-para-2"),
    ]


# -- the command ----------------------------------------------------------------------------------


def test_timeline_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--topic", "稀土", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["topic"] == "rare-earths" and doc["verified_to"] == "2026-06-30"
    assert doc["events"] and all("rare-earths" in ev["topics"] for ev in doc["events"])
    first = doc["events"][0]
    assert set(first) == set(event_json(all_events(load_catalogue(strict=True).catalogue)[0]))
    assert [ev["date"] for ev in doc["events"]] == sorted(ev["date"] for ev in doc["events"])


def test_timeline_command_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--topic", "rare-earths", "--since", "2025-11-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Timeline: Rare earths")
    assert "2025-11-07" in out and "2008" not in out.split("\n", 1)[1].split("2025", 1)[0]
    assert "[after the verified-to date: as announced, not verified]" in out


def test_timeline_command_unknown_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--topic", "bananas"]) == 2
    err = capsys.readouterr().err
    assert "no topic 'bananas'" in err and "rare-earths" in err
