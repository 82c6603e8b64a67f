"""The timeline in Chinese, from the shipped data: every event's words.

What may stay English is worked out from the data (tests/chinese_text.py): what the data holds only
in English, an instrument's English citation where the data has no Chinese one, and the issuing
authorities' abbreviations. Everything else must be Chinese; the English output stays as it was.
"""

from __future__ import annotations

import re

import pytest

from catalogue.i18n import using_language
from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.time.events import EventKind, all_events

from chinese_text import CJK, allowed_names, data_english, english_left


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(strict=True).catalogue


@pytest.fixture(scope="module")
def allowed(cat: Catalogue) -> tuple[list[str], frozenset[str]]:
    return data_english(cat), allowed_names(cat)


def test_the_check_finds_our_english_and_lets_the_data_through(
    cat: Catalogue, allowed: tuple[list[str], frozenset[str]]
) -> None:
    data, names = allowed
    assert english_left("自2025年11月7日起暂停实施，依据MOFCOM & GACC Announcement 2025 No. 70", data, names) == []
    assert english_left("suspended from 2025年11月7日", data, names) == ["suspended", "from"]
    # An instrument with a Chinese document number must be cited by it in Chinese.
    assert english_left("依据MOFCOM & GACC Announcement 2023 No. 23", data, names) == ["Announcement"]
    assert "MOFCOM" in names and "GACC" in names and "MOST" in names


def test_every_event_reads_in_chinese(cat: Catalogue, allowed: tuple[list[str], frozenset[str]]) -> None:
    data, names = allowed
    problems = []
    with using_language("zh"):
        events = all_events(cat)
        kind_words = {kind: kind.words for kind in EventKind}
        for ev in events:
            for what, text in (("text", ev.text), ("kind", ev.kind.words)):
                if not CJK.search(text) or english_left(text, data, names):
                    problems.append(f"{ev.day} {ev.kind.value} {ev.subject_id} {what}: {text!r}")
    assert problems == []
    assert all(CJK.search(w) and not english_left(w, data, names) for w in kind_words.values()), kind_words
    assert len(events) == len(all_events(cat))  # the same events in either language


def test_chinese_events_cite_the_chinese_document_number_and_write_dates_in_chinese(cat: Catalogue) -> None:
    with using_language("zh"):
        events = all_events(cat)
    suspended = next(
        ev for ev in events if ev.kind is EventKind.SUSPENDED and ev.subject_id == "cn-mofcom-2024-46-para-2"
    )
    assert suspended.subject_label.startswith("商务部公告2024年第46号")
    assert suspended.text.startswith("自2025年11月9日起暂停实施至2026年11月27日")
    listed = next(
        ev
        for ev in events
        if ev.kind is EventKind.ENTRY_LISTED and ev.subject_id == "battery-cathode-material-preparation"
    )
    assert listed.text == "自2025年7月15日起列入目录（限制出口），依据商务部 科技部公告2025年第28号"
    assert listed.by_label == "商务部 科技部公告2025年第28号"
    # The reworded gallium point is named by the Chinese term topics.yaml groups with "gallium".
    modified = next(
        ev
        for ev in events
        if ev.kind is EventKind.ENTRY_MODIFIED and ev.subject_id == "non-ferrous-metallurgy" and ev.day.year == 2025
    )
    assert modified.text == "新增5项控制要点、“镓”相关要点措辞修改（商务部 科技部公告2025年第28号）"
    # Our sentences write dates the Chinese way (a note quoted from the data keeps its own).
    ours = [ev.text for ev in events if "本应用措辞" not in ev.text]
    assert ours and not [text for text in ours if re.search(r"\d{4}-\d\d-\d\d", text)]


def test_english_events_keep_their_words(cat: Catalogue) -> None:
    with using_language("en"):
        events = all_events(cat)
    texts = {ev.text for ev in events}
    assert (
        "suspended from 2025-11-09 until 2026-11-27 by MOFCOM Announcement 2025 No. 72 "
        "(source: “suspended until 27 Nov 2026”)" in texts
    )
    assert "listed (restricted) from 2025-07-15 by MOFCOM & MOST Announcement 2025 No. 28" in texts
    assert {ev.kind.words for ev in events} >= {"published", "takes effect", "folded into the dual-use list"}
