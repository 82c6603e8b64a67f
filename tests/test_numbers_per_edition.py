"""Item numbers belong to editions (data audit row 2), and official point numbers are not row numbers
(row 3): pages, sheets, citations and `show` name an item by the number the text in force gives it."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Entry
from catalogue.present.citation import cite
from catalogue.present.html import render_detail, render_list_sheet
from catalogue.present.to_json import to_json
from catalogue.present.to_text import to_text
from catalogue.time import number_on, points_total_on
from gui.tree_model import build_tree

IN_2021 = dt.date(2021, 1, 1)  # the 2008 text as amended in 2020
IN_2024 = dt.date(2024, 1, 1)  # the 2023 edition


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue().catalogue


def _entry(cat: Catalogue, ident: str) -> Entry:
    obj = cat.get(ident)
    assert isinstance(obj, Entry)
    return obj


def _plain(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize(("ident", "number"), [("uav-technology", "203912X"), ("information-processing", "086501X")])
def test_a_2023_number_is_not_cited_for_2021(cat: Catalogue, ident: str, number: str) -> None:
    entry = _entry(cat, ident)
    assert number_on(entry, IN_2024, cat).number == number
    on_2021 = number_on(entry, IN_2021, cat)
    assert on_2021.number is None and on_2021.words() == "number in the 2020 text not verified"
    citation = cite(entry, cat, IN_2021)
    assert number not in citation and "number in the 2020 text not verified" in citation
    assert f"item {number}" in cite(entry, cat, IN_2024)
    page = _plain(render_detail(entry, cat, as_of=IN_2021))
    header = page.split("Status on")[0]
    assert number not in header and "number in the 2020 text not verified" in header
    # The later number is given as what it is: the 2023 text's.
    assert f"{number} in the 2023 text" in page
    text = to_text(entry, cat, IN_2021)
    assert any(line.startswith("RESTRICTED · number in the 2020 text not verified") for line in text.splitlines())
    assert number not in text.split("Numbers in other texts")[0]
    assert to_json(entry, cat, IN_2021)["number_as_of"] is None
    assert to_json(entry, cat, IN_2024)["number_as_of"] == number
    sheet = _plain(render_list_sheet([entry], cat, as_of=IN_2021, title="t")).split(" Sources ")[0]  # the table
    assert "number in the 2020 text not verified" in sheet and number not in sheet
    labels = [n.label for n in build_tree(cat, IN_2021).walk() if n.ident == ident]
    assert labels and all(number not in label for label in labels)


def test_a_2008_number_holds_in_the_2020_text_and_a_deleted_item_keeps_its_last_number(cat: Catalogue) -> None:
    silkworm = _entry(cat, "silkworm-breeds-cocoons")
    assert number_on(silkworm, IN_2021, cat).number == "050304J"
    assert number_on(silkworm, dt.date(2009, 1, 1), cat).number == "050304J"
    deleted = _entry(cat, "traditional-architecture-restricted")
    assert deleted.listed.end is not None
    assert number_on(deleted, deleted.listed.end + dt.timedelta(days=400), cat).number == "085001X"


def test_official_point_numbers_are_not_row_numbers(cat: Catalogue) -> None:
    entry = _entry(cat, "non-ferrous-metallurgy")
    day = dt.date(2026, 1, 1)
    total = points_total_on(entry, day, cat)
    assert total is not None and total.at_least and total.count == 8
    page = _plain(render_detail(entry, cat, as_of=day))
    table = page.split("Control points in force on")[1]
    # The count is said before the table, not below it.
    assert table.index("The 2023 text has at least 8 control points") < table.index("Chinese (控制要点)")
    # No point of 083201X has a known official number, so no row carries one.
    rows = table.split("Valid · confidence · sources")[1]
    assert not re.search(r"(?:^| )[1-6] [\u4e00-\u9fff]", rows)
    assert rows.count("— ") >= len([cp for cp in entry.control_points if cp.valid.state_on(day) is True])
    assert "The 2023 text has at least 8 control points" in to_text(entry, cat, day)
