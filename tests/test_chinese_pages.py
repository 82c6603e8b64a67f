"""Pages, sheets, status words, citations and `exportref show` in Chinese, from the real data.

The official Chinese is always there; our English translations step back unless asked for; dates are
written 2025年7月15日; the status engine's words are the Chinese vocabulary of docs/time.md.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.i18n import day_text, using_language
from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.present.citation import cite, cite_with_status
from catalogue.present.html import render_detail
from catalogue.time import VOCABULARY, State, status_of

REPO = Path(__file__).resolve().parent.parent
AUG_2025 = dt.date(2025, 8, 1)

# The section headings of an English sheet: none may be left in a Chinese one.
ENGLISH_HEADINGS = (
    "Summary sheet",
    "Status determined as of",
    "Status on",
    "Cite as",
    "Control points in force",
    "Control points not in force",
    "Why it is controlled",
    "Caveats and open questions",
    "Related controls",
    "History",
    "Sources",
    "Data verified to",
    "Page 1 of",
    "Reference aid, not legal advice",
)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue().catalogue


def test_dates_the_chinese_way() -> None:
    with using_language("zh"):
        assert day_text(dt.date(2025, 7, 15)) == "2025年7月15日"
    assert day_text(dt.date(2025, 7, 15)) == "2025-07-15"


def test_status_words_in_chinese(cat: Catalogue) -> None:
    suspended = cat.get("cn-mofcom-2025-62")
    with using_language("zh"):
        st = status_of(cat.get("083201X"), AUG_2025, cat)
        assert st is not None and st.label == "列入目录（限制出口）" and st.badge == "限制出口"
        assert st.badge_key == "restricted"  # the colour and comparisons keep the English key
        st = status_of(suspended, dt.date(2026, 1, 15), cat)
        assert st is not None and st.state is State.SUSPENDED
        assert st.label.startswith("暂停实施至") and st.label.endswith("日") and st.badge == "暂停实施"
        law = status_of(cat.get("cn-export-control-law"), dt.date(2027, 1, 1), cat)
        assert law is not None and law.label == "截至2026年6月30日现行有效（此后未核实）"
    english = status_of(suspended, dt.date(2026, 1, 15), cat)
    assert english is not None and english.label.startswith("suspended until 2026-")


def test_every_status_word_has_its_chinese_in_docs() -> None:
    docs = (REPO / "docs" / "time.md").read_text(encoding="utf-8")
    with using_language("zh"):
        from catalogue.i18n import gettext

        for state, example, meaning in VOCABULARY:
            zh_example, zh_meaning = gettext(example), gettext(meaning)
            assert zh_example != example and zh_meaning != meaning, state
            assert zh_example in docs, (state, zh_example)
        for badge in ("现行有效", "暂停实施", "已废止", "尚未生效", "未核实", "状态不明", "已移出"):
            assert badge in docs


def test_chinese_citations(cat: Catalogue) -> None:
    assert (
        cite(cat.get("083201X"), cat, AUG_2025, lang="zh")
        == "《中国禁止出口限制出口技术目录》（商务部 科技部公告2023年第57号发布，2025年第28号调整）第083201X项"
    )
    assert cite(cat.get("cn-mofcom-2023-23"), cat, AUG_2025, lang="zh") == "商务部 海关总署公告2023年第23号"
    assert cite(cat.get("cn-export-control-law"), cat, AUG_2025, lang="zh") == "《中华人民共和国出口管制法》"
    full = cite_with_status(cat.get("cn-mofcom-2023-23"), cat, AUG_2025, lang="zh")
    assert full.startswith("商务部 海关总署公告2023年第23号；2023年7月3日发布，2023年8月1日施行。2025年8月1日的状态：")
    english = cite_with_status(cat.get("083201X"), cat, AUG_2025, lang="en")
    assert english.startswith("Catalogue of Technologies Prohibited or Restricted from Export (China) (MOFCOM & MOST")
    assert "Status on 2025-08-01: listed (restricted)" in english and "fms.mofcom.gov.cn" in english


def test_chinese_page_keeps_the_official_text_and_hides_our_english(cat: Catalogue) -> None:
    entry = cat.get("083201X")
    with using_language("zh"):
        page = render_detail(entry, cat, as_of=AUG_2025)
        shown = render_detail(entry, cat, as_of=AUG_2025, show_en=True)
    assert "有色金属冶金技术" in page and "卤水提锂技术" in page  # the Chinese name and control points
    assert "Non-ferrous metallurgy technology" not in page  # our English translation steps back
    assert "Extracting lithium from brine" not in page
    assert "Non-ferrous metallurgy technology" in shown and "Extracting lithium from brine" in shown
    assert "本应用的概述，非官方。" in page  # our summary, which has no Chinese, is labelled as ours
    assert "2025年8月1日的状态：" in page


def _run(args: list[str], tmp_path: Path, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LANG": lang,
        "LC_ALL": lang,
        "PYTHONPATH": str(REPO),
        "EXPORTREF_CACHE_DIR": str(tmp_path / "cache"),
        "EXPORTREF_USER_DIR": str(tmp_path / "user"),
    }
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-m", "gui.cli", *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )


def test_chinese_sheet_has_chinese_labels_and_no_english_headings(tmp_path: Path, pdftotext: str) -> None:
    pdf = tmp_path / "zh.pdf"
    run = _run(["sheet", "083201X", "--lang", "zh", "--as-of", "2025-08-01", "-o", str(pdf)], tmp_path)
    assert run.returncode == 0, run.stderr
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for label in (
        "摘要表",
        "状态截至",
        "2025年8月1日的状态：",
        "引用格式：",
        "控制要点",
        "管制理由",
        "资料来源",
        "第1页",
    ):
        assert label in flat, label
    assert "《中国禁止出口限制出口技术目录》" in flat and "第083201X项" in flat
    assert "有色金属冶金技术" in flat and "卤水提锂技术" in flat
    assert "以官方中文文本为准" in flat
    for heading in ENGLISH_HEADINGS:
        assert heading not in flat, heading


def test_the_sheet_language_follows_the_locale(tmp_path: Path, pdftotext: str) -> None:
    pdf = tmp_path / "locale.pdf"
    run = _run(["sheet", "cn-mofcom-2023-23", "--as-of", "2025-08-01", "-o", str(pdf)], tmp_path, "zh_CN.UTF-8")
    assert run.returncode == 0, run.stderr
    text = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "摘要表" in text and "Summary sheet" not in text
    pdf_en = tmp_path / "en.pdf"
    assert (
        _run(["sheet", "cn-mofcom-2023-23", "--lang", "en", "-o", str(pdf_en)], tmp_path, "zh_CN.UTF-8").returncode == 0
    )
    text_en = " ".join(subprocess.run([pdftotext, str(pdf_en), "-"], capture_output=True, text=True).stdout.split())
    assert "Summary sheet" in text_en and "摘要表" not in text_en


def test_sheet_says_what_it_wrote_and_what_went_wrong_in_chinese(tmp_path: Path) -> None:
    pdf = tmp_path / "zh.pdf"
    run = _run(["sheet", "083201X", "--lang", "zh", "--as-of", "2025-08-01", "-o", str(pdf)], tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"{pdf}：共") and "页，状态截至2025年8月1日，数据核实至" in run.stdout
    missing = tmp_path / "no-such-folder" / "x.pdf"
    bad = _run(["sheet", "083201X", "--lang", "zh", "-o", str(missing)], tmp_path)
    assert bad.returncode == 1 and bad.stderr.startswith(f"exportref：无法写入{missing}：")
    unknown = _run(["show", "no-such-record", "--lang", "zh"], tmp_path)
    assert unknown.returncode == 2 and unknown.stderr.startswith("exportref：数据中没有名为'no-such-record'的记录")
    english = _run(["sheet", "083201X", "--lang", "en", "--as-of", "2025-08-01", "-o", str(pdf)], tmp_path)
    assert re.match(rf"{re.escape(str(pdf))}: \d+ pages, status as of 2025-08-01, data verified to ", english.stdout)


def test_show_in_chinese_and_english(tmp_path: Path) -> None:
    zh = _run(["show", "083201X", "--lang", "zh", "--as-of", "2025-08-01"], tmp_path)
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("2025年8月1日的状态：列入目录（限制出口）")
    assert "Non-ferrous metallurgy technology" not in zh.stdout
    with_english = _run(["show", "083201X", "--lang", "zh", "--english", "--as-of", "2025-08-01"], tmp_path)
    assert "Non-ferrous metallurgy technology" in with_english.stdout
    en = _run(["show", "083201X", "--as-of", "2025-08-01"], tmp_path, "zh_CN.UTF-8")
    assert en.stdout.startswith("2025年8月1日的状态")  # the locale's language by default
    en = _run(["show", "083201X", "--lang", "en", "--as-of", "2025-08-01"], tmp_path, "zh_CN.UTF-8")
    assert en.stdout.startswith("Status on 2025-08-01: listed (restricted)")


def test_one_english_name_for_the_customs_authority_and_for_ling() -> None:
    """Our English says GACC for 海关总署 and "Order" for 令, in the data and in the code."""
    import re

    files = [*(REPO / "catalogue" / "data").rglob("*.yaml"), *(REPO / "docs").glob("*.md"), REPO / "README.md"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bGAC\b", text), path
        assert "Decree" not in text and "decree" not in text, path
