"""HTML rendering (catalogue.present.html) over real YAML data, without Qt.

Expected values come from the fixture data and from catalogue.timeline / catalogue.time.coverage, so the
tests check that the page says what the data and the timeline say — not a second copy of the rules.
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hostile_data import HOSTILE, hostile_catalogue

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Clause, ControlledItem, Edition, Entry, Instrument
from catalogue.present.bidi import close_bidi_controls
from catalogue.present.html import (
    DISCLAIMER,
    MatterInfo,
    page_title,
    render_detail,
    render_list_sheet,
    render_sheet,
)
from catalogue.present.sources import safe_url
from catalogue.time import number_on, status_of
from catalogue.time.coverage import headline

FIXTURES = Path(__file__).parent / "fixtures"
BEFORE_2025 = dt.date(2025, 1, 1)  # before the 2025 adjustment (2025-07-15)
AFTER_2025 = dt.date(2026, 1, 1)  # after it, before the data's verified_to (2026-06-30)
PAST_VERIFIED = dt.date(2026, 11, 28)  # after verified_to

GALLIUM_ZH = "通过离子交换法、树脂法等方法从氧化铝母液中提取金属镓的技术和工艺"


class _Page(HTMLParser):
    """Collects the visible text, every tag and every attribute of a rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self._text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self._text.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self._text)).replace("\xa0", " ")

    def hrefs(self) -> list[str]:
        return [v for tag, k, v in self.attrs if k == "href"]


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    result = load_catalogue(FIXTURES / "minimal")
    assert result.complete, result.problems
    return result.catalogue


def _get(cat: Catalogue, ident: str) -> object:
    obj = cat.get(ident)
    assert obj is not None, ident
    return obj


# -- entries --------------------------------------------------------------------------------------


def test_entry_page_shows_number_names_status_and_coverage(cat: Catalogue) -> None:
    entry = _get(cat, "083201X")
    assert isinstance(entry, Entry)
    page = parse(render_detail(entry, cat, as_of=AFTER_2025))
    text = page.text
    assert entry.number is not None and entry.number in text
    assert entry.name.zh is not None and entry.name.zh in text
    assert f"{entry.name.en} (unofficial translation)" in text
    status = status_of(entry, AFTER_2025, cat)
    assert status is not None
    assert f"Status on {AFTER_2025}: {status.label}" in text
    assert "RESTRICTED" in text  # the badge: a listed entry shows its own status
    assert f"This data holds {headline(cat, AFTER_2025)}" in text
    sector = cat.instrument(entry.instrument_id).sectors[0]  # type: ignore[union-attr]
    assert sector.name.zh is not None and sector.name.zh in text
    assert f"Data verified to {cat.verified_to}" in text
    assert DISCLAIMER in text


def test_control_points_follow_the_as_of_date(cat: Catalogue) -> None:
    entry = _get(cat, "non-ferrous-metallurgy")
    after = parse(render_detail(entry, cat, as_of=AFTER_2025)).text
    current, _, historical = after.partition("not in force on")
    assert GALLIUM_ZH in current and "卤水提锂技术" in current
    # The 2023 gallium point, whose Chinese was never seen, was rewritten on 2025-07-15.
    assert "Chinese text not seen" in historical
    assert "A point on extracting metallic gallium" in historical

    before = parse(render_detail(entry, cat, as_of=BEFORE_2025)).text
    current, _, later = before.partition("not in force on")
    assert "A point on extracting metallic gallium" in current
    assert GALLIUM_ZH not in current and GALLIUM_ZH in later


def test_number_not_verified_and_chinese_not_seen_are_said(cat: Catalogue, minimal_data: Path) -> None:
    path = minimal_data / "instruments" / "cn-tech-export-catalogue.yaml"
    text = path.read_text(encoding="utf-8").replace("number: 085001X", "number: null")
    path.write_text(text, encoding="utf-8")
    local = load_catalogue(minimal_data)
    assert local.complete, local.problems
    entry = _get(local.catalogue, "traditional-architecture-restricted")
    page = parse(render_detail(entry, local.catalogue, as_of=dt.date(2024, 6, 1))).text
    assert "number in the 2023 text not verified" in page
    measure = _get(local.catalogue, "cn-mofcom-2025-72")  # its title has no Chinese in the fixture
    assert "Chinese text not seen" in parse(render_detail(measure, local.catalogue, as_of=AFTER_2025)).text


def test_deleted_entry_is_historical(cat: Catalogue) -> None:
    entry = _get(cat, "traditional-architecture-restricted")
    text = parse(render_detail(entry, cat, as_of=AFTER_2025)).text
    status = status_of(entry, AFTER_2025, cat)
    assert status is not None
    assert "DELISTED" in text
    assert status.text in text


def test_past_verified_to_the_page_says_unverified(cat: Catalogue) -> None:
    entry = _get(cat, "non-ferrous-metallurgy")
    text = parse(render_detail(entry, cat, as_of=PAST_VERIFIED)).text
    status = status_of(entry, PAST_VERIFIED, cat)
    assert status is not None and not status.verified
    assert status.text in text
    assert "NOT VERIFIED" in text and f"as of {cat.verified_to} (not verified after)" in status.label
    assert f"after the date this data was verified to ({cat.verified_to})" in text


def test_past_verified_to_a_status_is_one_badge_not_unknown_beside_in_force(cat: Catalogue) -> None:
    measure = _get(cat, "cn-mofcom-2024-46")
    status = status_of(measure, PAST_VERIFIED, cat)
    assert status is not None and status.badge == "not verified"
    text = parse(render_detail(measure, cat, as_of=PAST_VERIFIED)).text
    header = text.split("Status on")[0]
    assert "NOT VERIFIED" in header and "UNKNOWN" not in header and "IN FORCE" not in header
    assert status.text in text


def test_stylesheet_is_inserted_verbatim(cat: Catalogue) -> None:
    html = render_detail(_get(cat, "083201X"), cat, as_of=AFTER_2025)
    style = html[html.index("<style>") : html.index("</style>")]
    assert 'font-family: "WenQuanYi Micro Hei"' in style
    assert "&#34;" not in style and "&gt;" not in style


def test_related_controls_are_internal_links_with_status(cat: Catalogue) -> None:
    entry = _get(cat, "non-ferrous-metallurgy")
    html = render_detail(entry, cat, as_of=AFTER_2025)
    page = parse(html)
    assert "entry:cn-mofcom-2023-23" in page.hrefs()
    measure = _get(cat, "cn-mofcom-2023-23")
    status = status_of(measure, AFTER_2025, cat)
    assert status is not None
    assert status.label in page.text
    # and back: the measure's page links the entry that refers to it
    back = parse(render_detail(measure, cat, as_of=AFTER_2025))
    assert "entry:non-ferrous-metallurgy" in back.hrefs()


def test_sources_are_listed_with_title_publisher_date_and_url(cat: Catalogue) -> None:
    entry = _get(cat, "non-ferrous-metallurgy")
    page = parse(render_detail(entry, cat, as_of=AFTER_2025))
    for sid in ("s10", "s13"):
        src = cat.sources[sid]
        assert src.title in page.text
        assert src.publisher is not None and src.publisher in page.text
        assert src.url in page.hrefs()
    assert str(cat.sources["s13"].date) in page.text
    assert "confirmed" in page.text and "single-source" in page.text  # confidence badges


def test_private_note_and_bookmark(cat: Catalogue) -> None:
    entry = _get(cat, "non-ferrous-metallurgy")
    html = render_detail(
        entry, cat, as_of=AFTER_2025, note="Ask the client <font color=red>today</font>\nSecond line", bookmarked=True
    )
    page = parse(html)
    assert "Ask the client <font color=red>today</font>" in page.text  # shown as text …
    assert "font" not in page.tags  # … never as markup
    assert "Second line" in page.text
    assert "Bookmarked" in page.text
    plain = parse(render_detail(entry, cat, as_of=AFTER_2025, note="   "))
    assert "Your note" not in plain.text and "Bookmarked" not in plain.text


# -- measures, clauses, items, editions, the catalogue ---------------------------------------------


def test_measure_page_lists_clauses_with_their_own_status(cat: Catalogue) -> None:
    measure = _get(cat, "cn-mofcom-2024-46")
    assert isinstance(measure, Instrument)
    page = parse(render_detail(measure, cat, as_of=AFTER_2025))
    assert measure.title.zh is not None and measure.title.zh in page.text
    for clause in measure.clauses:
        st = status_of(clause, AFTER_2025, cat)
        assert st is not None
        assert clause.text.en is not None and clause.text.en in page.text
        assert st.label in page.text
        assert f"entry:{clause.id}" in page.hrefs()
    assert "SUSPENDED" not in page.text.split("Clauses")[0]  # the measure as a whole is in force


def test_clause_page_shows_source_wording_of_suspension(cat: Catalogue) -> None:
    clause = _get(cat, "cn-mofcom-2024-46-para-2")
    assert isinstance(clause, Clause)
    text = parse(render_detail(clause, cat, as_of=AFTER_2025)).text
    assert "SUSPENDED" in text
    assert "suspended until 27 Nov 2026" in text  # the source's own words
    assert "2026-11-27" in text  # the last day, not the exclusive interval end


def test_item_page_shows_codes_and_its_measure(cat: Catalogue) -> None:
    item = _get(cat, "cn-mofcom-2023-23-gallium-metal")
    assert isinstance(item, ControlledItem)
    page = parse(render_detail(item, cat, as_of=AFTER_2025))
    assert item.name.zh is not None and item.name.zh in page.text
    assert item.customs_codes[0] in page.text
    assert "control code not verified" in page.text
    assert "entry:cn-mofcom-2023-23" in page.hrefs()


def test_catalogue_page_shows_editions_with_coverage(cat: Catalogue) -> None:
    inst = cat.catalogue
    assert inst is not None
    text = parse(render_detail(inst, cat, as_of=AFTER_2025)).text
    from catalogue.time.coverage import edition_coverage

    for ed in inst.editions:
        cov = edition_coverage(cat, ed)
        assert f"{cov.held} of {ed.items_total}" in text
    assert f"This data holds {headline(cat, AFTER_2025)}" in text


def test_edition_page(cat: Catalogue) -> None:
    ed = _get(cat, "cn-mofcom-2023-57")
    assert isinstance(ed, Edition)
    text = parse(render_detail(ed, cat, as_of=AFTER_2025)).text
    assert "2023 edition" in text
    assert f"{ed.prohibited} prohibited, {ed.restricted} restricted" in text


@pytest.mark.parametrize("day", [BEFORE_2025, AFTER_2025, PAST_VERIFIED, dt.date(2000, 1, 1)])
def test_every_object_renders_on_every_date(cat: Catalogue, day: dt.date) -> None:
    for ident in cat.all_ids():
        obj = _get(cat, ident)
        html = render_detail(obj, cat, as_of=day)
        titles = re.findall(r"<title>(.*?)</title>", html, re.S)
        assert [unescape(t) for t in titles] == [page_title(obj, cat, day)], ident
        assert render_sheet([obj], cat, as_of=day)[0].count("<html>") == 1
    every = [_get(cat, ident) for ident in cat.all_ids()]
    listing = parse(render_list_sheet(every, cat, as_of=day, title="Everything"))
    assert re.search(rf"\b{len(every)} records[.:]", listing.text)


# -- sheets -----------------------------------------------------------------------------------------


def test_sheet_has_title_block_matter_and_sources(cat: Catalogue) -> None:
    entry = _get(cat, "non-ferrous-metallurgy")
    matter = MatterInfo("ACME-2026-014", "J. Smith", "For the export review memo")
    [html] = render_sheet([entry], cat, as_of=AFTER_2025, matter=matter, notes={"non-ferrous-metallurgy": "my note"})
    page = parse(html)
    text = page.text
    assert "Summary sheet" in text
    assert f"Status determined as of {AFTER_2025}" in text
    assert "Matter / client: ACME-2026-014" in text and "Prepared by: J. Smith" in text
    assert "For the export review memo" in text and "my note" in text
    assert text.index("Control points") < text.index("Sources")  # sources at the end
    assert not [h for h in page.hrefs() if h.startswith("entry:")]  # links mean nothing on paper
    assert "entry:" not in html


def test_sheets_are_one_document_per_object(cat: Catalogue) -> None:
    objs = [_get(cat, "non-ferrous-metallurgy"), _get(cat, "cn-mofcom-2024-46")]
    pages = render_sheet(objs, cat, as_of=AFTER_2025)
    assert len(pages) == 2
    assert "有色金属冶金技术" in pages[0] and "有色金属冶金技术" not in parse(pages[1]).text.split("Related")[0]


def test_empty_matter_is_left_out(cat: Catalogue) -> None:
    [html] = render_sheet([_get(cat, "cn-mofcom-2024-46")], cat, as_of=AFTER_2025, matter=MatterInfo("", " ", ""))
    assert "Matter / client" not in html


def test_list_sheet_is_a_table_of_numbers_names_status_dates(cat: Catalogue) -> None:
    objs = [*cat.entries(), _get(cat, "cn-mofcom-2024-46"), _get(cat, "cn-mofcom-2024-46-para-2")]
    html = render_list_sheet(objs, cat, as_of=AFTER_2025, title="Search results: 镓 <gallium>")
    page = parse(html)
    text = page.text
    assert "Search results: 镓 <gallium>" in text
    assert re.search(rf"\b{len(objs)} records[.:]", text)
    for obj in objs:
        st = status_of(obj, AFTER_2025, cat)
        assert st is not None
        assert st.badge.upper() in text.upper()
    for entry in cat.entries():
        assert entry.number is not None and entry.number in text
        assert entry.name.zh is not None and entry.name.zh in text
    assert f"This data holds {headline(cat, AFTER_2025)}" in text
    assert "listed from 2023-12-21" in text


# -- hostile data (tests/hostile_data.py) -------------------------------------------------------------------------------------


def _assert_inert(html: str) -> _Page:
    page = parse(html)
    assert not {"script", "img", "iframe", "object", "embed", "link", "base", "frame"} & set(page.tags)
    assert not [a for a in page.attrs if a[1] in ("src", "background", "srcset")]
    assert not [a for a in page.attrs if "url(" in a[2].lower()]
    style = html[html.index("<style>") : html.index("</style>")]
    assert "url(" not in style and "@import" not in style
    for href in page.hrefs():
        assert href.startswith(("entry:", "https://", "http://")), href
    assert "javascript:" not in " ".join(page.hrefs()).lower()
    assert "file:" not in " ".join(page.hrefs()).lower()
    return page


def test_hostile_strings_render_as_text(minimal_data: Path) -> None:
    cat = hostile_catalogue(minimal_data)
    entry = _get(cat, "non-ferrous-metallurgy")
    # What the user types (a note, the matter fields, a list title) differs from the hostile data
    # above, so each page is checked for the very text it was given.
    note = "<script>alert('note')</script>"
    matter = MatterInfo('<img src="http://evil.example/m.png">', "<a href='javascript:alert(2)'>me</a>", "<b>why</b>")
    title = "<iframe src='https://evil.example/'>list</iframe>"
    [sheet] = render_sheet([entry], cat, as_of=AFTER_2025, matter=matter)
    for html, typed in (
        (render_detail(entry, cat, as_of=AFTER_2025, note=note), [note]),
        (sheet, [matter.reference, matter.prepared_by, matter.note]),
        (render_list_sheet([entry], cat, as_of=AFTER_2025, title=title, matter=matter), [title, matter.reference]),
    ):
        _assert_inert(html)
        shown = parse(html[html.index("<body") :]).text  # what the reader sees: not the <title>
        for value in typed:
            assert value in shown, value
    detail = _assert_inert(render_detail(entry, cat, as_of=AFTER_2025))
    for value in (HOSTILE["img"], HOSTILE["script"], HOSTILE["js"], HOSTILE["file"]):
        assert value in detail.text
    # The hostile URLs are shown, so the reader sees them, but never as links.
    assert "javascript:alert(document.cookie)" in detail.text
    assert "file:///etc/passwd" in detail.text


def test_a_source_missing_from_the_register_is_said_to_be_missing(cat: Catalogue) -> None:
    """Data that failed validation can cite a source the register lacks; the page says so."""
    sources = {k: v for k, v in cat.sources.items() if k != "s13"}
    partial = Catalogue(cat.instruments, sources, cat.topics, cat.verified_to, cat.fingerprint, cat.data_dir)
    entry = _get(partial, "non-ferrous-metallurgy")
    text = parse(render_detail(entry, partial, as_of=AFTER_2025)).text
    assert "source “s13” is not in the source register" in text
    [sheet] = render_sheet([entry], partial, as_of=AFTER_2025)
    assert "s13" in parse(sheet).text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", "plain"),
        ("Spoofed \u202eGNP.exe name", "Spoofed \u202eGNP.exe name\u202c"),
        ("a\u202bb\u202dc", "a\u202bb\u202dc\u202c\u202c"),
        ("closed \u202eabc\u202c", "closed \u202eabc\u202c"),
        ("isolate \u2067abc", "isolate \u2067abc\u2069"),
        ("\u2068\u202eab\u2069", "\u2068\u202eab\u2069"),  # the PDI closes the override inside it
        ("\u202eab\u2068cd", "\u202eab\u2068cd\u2069\u202c"),
        (7, 7),
        (None, None),
    ],
)
def test_close_bidi_controls(value: object, expected: object) -> None:
    assert close_bidi_controls(value) == expected


def test_a_right_to_left_override_in_data_is_closed_in_the_page(cat: Catalogue, minimal_data: Path) -> None:
    path = minimal_data / "instruments" / "cn-tech-export-catalogue.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "en: Non-ferrous metallurgy technology", 'en: "Spoofed \\u202eGNP.exe name"'
    )
    path.write_text(text, encoding="utf-8")
    local = load_catalogue(minimal_data)
    assert local.complete, local.problems
    html = render_detail(_get(local.catalogue, "non-ferrous-metallurgy"), local.catalogue, as_of=AFTER_2025)
    assert "Spoofed \u202eGNP.exe name\u202c" in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.mofcom.gov.cn/a?b=1", "https://www.mofcom.gov.cn/a?b=1"),
        ("http://www.zhenghe.cn/x", "http://www.zhenghe.cn/x"),
        ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("data:text/html,<b>x</b>", None),
        ("https:///no-host", None),
        ("https://example.org/a b", None),
        ("https://example.org/\nx", None),
        ("//example.org/x", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


# -- the shipped data ------------------------------------------------------------------------------------


def test_every_shipped_object_renders() -> None:
    """Whatever the shipped data holds renders on screen and on paper, and says what the data says."""
    cat = load_catalogue().catalogue  # what loaded; data problems are test_shipped_data's business
    ids = cat.all_ids()
    assert ids
    every = [_get(cat, ident) for ident in ids]
    for day in (dt.date(2024, 1, 1), cat.verified_to):
        for obj in every:
            text = parse(render_detail(obj, cat, as_of=day)).text
            st = status_of(obj, day, cat)
            if st is not None:
                assert st.text in text, getattr(obj, "id", obj)
            if isinstance(obj, Entry):
                assert number_on(obj, day, cat).words() in text
                if obj.name.zh:
                    assert obj.name.zh in text
        listing = parse(render_list_sheet(every, cat, as_of=day, title="All")).text
        assert re.search(rf"\b{len(every)} records[.:]", listing)
