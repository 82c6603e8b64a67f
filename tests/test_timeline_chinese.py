"""The timeline and the comparison of two days in Chinese, from the shipped data: every event's words,
`exportref timeline --lang zh` and `exportref diff … --lang zh`.

What may stay English is worked out from the data (tests/chinese_text.py): what the data holds only
in English, an instrument's English citation where the data has no Chinese one, and the issuing
authorities' abbreviations. Everything else must be Chinese; the English output stays as it was.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.i18n import using_language
from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.time.events import EventKind, all_events
from gui.cli.columns import width

from chinese_text import CJK, allowed_names, data_english, english_left

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(strict=True).catalogue


@pytest.fixture(scope="module")
def allowed(cat: Catalogue) -> tuple[list[str], frozenset[str]]:
    return data_english(cat), allowed_names(cat)


def _run(args: list[str], tmp_path: Path, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LANG": lang,
        "LC_ALL": lang,
        "PYTHONPATH": str(REPO),
        "EXPORTREF_CACHE_DIR": str(tmp_path / "cache"),
        "EXPORTREF_USER_DIR": str(tmp_path / "user"),
    }
    return subprocess.run(
        [sys.executable, "-m", "gui.cli", *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )


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


def test_timeline_command_in_chinese(tmp_path: Path, cat: Catalogue, allowed: tuple[list[str], frozenset[str]]) -> None:
    data, names = allowed
    run = _run(["timeline", "--lang", "zh"], tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith("时间线：全部事件")
    assert "2025年11月9日" in out and "暂停实施" in out
    assert english_left(out, data, names) == []
    # Wrapped by terminal columns: a Chinese character takes two.
    wrapped = [line for line in out.splitlines() if line.startswith(" " * 14)]
    assert wrapped and max(width(line) for line in wrapped) <= 100
    topic = _run(["timeline", "--lang", "zh", "--topic", "稀土"], tmp_path)
    assert topic.returncode == 0, topic.stderr
    assert topic.stdout.startswith("时间线：稀土") and english_left(topic.stdout, data, names) == []
    # The locale's language by default, and --lang en gives the English as it was.
    assert _run(["timeline"], tmp_path, "zh_CN.UTF-8").stdout == out
    en = _run(["timeline", "--lang", "en"], tmp_path, "zh_CN.UTF-8").stdout
    assert en.startswith("Timeline: all events (") and "时间线" not in en


def test_timeline_json_in_chinese_keeps_its_keys_and_iso_dates(tmp_path: Path) -> None:
    run = _run(["timeline", "--lang", "zh", "--json", "--since", "2025-11-01"], tmp_path)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["since"] == "2025-11-01" and len(doc["verified_to"]) == 10
    first = doc["events"][0]
    assert first["date"].startswith("2025-") and first["kind"] in {k.value for k in EventKind}
    assert any(CJK.search(ev["text"]) for ev in doc["events"])


def test_diff_command_in_chinese(tmp_path: Path, allowed: tuple[list[str], frozenset[str]]) -> None:
    data, names = allowed
    for start, end in (("2023", "2025"), ("2020", "2023"), ("2025-07-14", "2026-12-01")):
        run = _run(["diff", start, end, "--lang", "zh"], tmp_path)
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines()[0].endswith("的变化"), run.stdout[:80]
        assert english_left(run.stdout, data, names) == [], (start, end)
    en = _run(["diff", "2023", "2025", "--lang", "en"], tmp_path, "zh_CN.UTF-8").stdout
    assert en.startswith("Changes from 2023 edition (2023-12-21) to 2025 edition (2025-07-15)")
    default = _run(["diff", "2023", "2025"], tmp_path, "zh_CN.UTF-8").stdout
    assert default.startswith("2023年版（2023年12月21日）至2025年版（2025年7月15日）的变化")


def test_diff_json_keeps_iso_dates_in_chinese(tmp_path: Path) -> None:
    run = _run(["diff", "2023", "2025", "--lang", "zh", "--json"], tmp_path)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["from"] == "2023-12-21" and doc["to"] == "2025-07-15"
    assert len(doc["verified_to"]) == 10 and doc["verified_to"][4] == "-"
    assert any(CJK.search(n) for n in doc["notes"])


def test_command_line_errors_in_chinese(tmp_path: Path) -> None:
    bad = _run(["diff", "1999", "2025", "--lang", "zh"], tmp_path)
    assert bad.returncode == 2 and CJK.search(bad.stderr), bad.stderr
    assert "1999" in bad.stderr and "2023" in bad.stderr  # what was given, and the editions there are
    topic = _run(["timeline", "--lang", "zh", "--topic", "no-such-topic"], tmp_path)
    assert topic.returncode == 2 and CJK.search(topic.stderr) and "rare-earths" in topic.stderr
    english = _run(["diff", "1999", "2025", "--lang", "en"], tmp_path)
    assert english.stderr.startswith("exportref diff: '1999' is not an edition in the data")
