"""Sheets a lawyer puts in a client file: no internal ids on paper, sources numbered per sheet with
official sources first and long press lists summarised, a meaningful list title with its sources."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.present.html import default_list_title, render_list_sheet, render_sheet, short_address

DAY = dt.date(2026, 1, 15)
INTERNAL_ID = re.compile(
    r"(?<![/\w.])(?:s\d+[a-z]?|rc-[a-z0-9-]+|pk-[a-z0-9-]+|ev-[a-z0-9-]+|cn-mofcom-[0-9a-z-]+|mofcom-ec-[0-9-]+)\b"
)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue().catalogue


def _plain(page: str) -> str:
    body = page.split("<body", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("ident", ["cn-mofcom-2023-23", "083201X", "cn-mofcom-2024-46", "cn-mofcom-2025-55"])
def test_no_internal_ids_on_paper(cat: Catalogue, ident: str) -> None:
    [sheet] = render_sheet([cat.get(ident)], cat, as_of=DAY)
    assert not INTERNAL_ID.findall(_plain(sheet)), INTERNAL_ID.findall(_plain(sheet))[:5]


def test_official_sources_are_numbered_first(cat: Catalogue) -> None:
    [sheet] = render_sheet([cat.get("cn-mofcom-2025-55")], cat, as_of=DAY)
    text = _plain(sheet)
    sources = text.split("Sources # Source Kind", 1)[1].split("This sheet shows")[0]
    kinds = re.findall(r" (official|repost|law-firm|press|other)(?= \d+ | ?$)", sources)
    assert kinds and kinds[0] == "official"
    first_other = next(i for i, k in enumerate(kinds) if k != "official")
    assert "official" not in kinds[first_other:]


def test_a_long_press_list_is_summarised_unless_all_are_asked_for(cat: Catalogue) -> None:
    measure = cat.get("cn-mofcom-2023-23")
    [short] = render_sheet([measure], cat, as_of=DAY)
    [full] = render_sheet([measure], cat, as_of=DAY, all_sources=True)
    m = re.search(r"And (\d+) further reports?: (.*?)\. All sources in full", _plain(short))
    assert m is not None and int(m.group(1)) > 5
    # Every [n] the sheet cites is still listed: in full or named in the summary.
    named = {int(n) for n in re.findall(r"\[(\d+)\]", m.group(2))}
    assert len(named) == int(m.group(1))
    listed = {int(n) for n in re.findall(r"(?:^| )(\d+) (?=\S)", _plain(short).split("Sources # Source Kind", 1)[1])}
    cited = {int(n) for group in re.findall(r"\[([\d, ]+)\]", _plain(short)) for n in group.split(",")}
    assert cited <= listed | named
    assert "further report" not in _plain(full)
    assert len(_plain(full)) > len(_plain(short))


def test_short_addresses_for_paper() -> None:
    long = "https://www.mofcom.gov.cn/zwgk/zcfb/art/2026/art_df87be1437044874a35f85cf6e076f3d.html"
    short = short_address(long)
    assert short is not None and len(short) <= 64 and short.startswith("www.mofcom.gov.cn/zwgk/") and "…" in short
    assert short_address("https://example.org/a") == "example.org/a"
    assert short_address("https://example.org/%E5%95%86%E5%8A%A1") == "example.org/商务"


def test_list_sheet_has_a_meaningful_title_and_its_sources(cat: Catalogue) -> None:
    gallium = [i for i in cat.instruments if "gallium-germanium" in i.topics and i.kind.value == "measure"]
    title = default_list_title(gallium, cat)
    assert title == f"Related controls — Gallium and germanium ({len(gallium)} records)"
    page = _plain(render_list_sheet(gallium, cat, as_of=DAY))
    assert title in page and "Sources" in page and re.search(r"\[\d", page)
    assert not INTERNAL_ID.findall(page)


def test_a_mixed_list_is_titled_by_what_it_holds(cat: Catalogue) -> None:
    """Records of several kinds are named by their kinds, not "Records (5 records)"."""
    objs = [cat.get(i) for i in ("083201X", "252604X", "cn-mofcom-2023-23", "cn-mofcom-2025-58", "cn-mofcom-2024-46")]
    assert default_list_title(objs, cat) == "Catalogue items and related controls (5 records)"
    with_clause = [*objs, cat.get("cn-mofcom-2024-46-para-2")]
    assert default_list_title(with_clause, cat) == "Catalogue items, related controls and clauses (6 records)"
    from catalogue.i18n import using_language

    with using_language("zh"):
        assert default_list_title(objs, cat) == "目录条目和相关管制措施（5条记录）"
