"""Citations over the small fixture data: edition and amendments as of the date, clause labels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.present.citation import cite
from catalogue.time import editions_in_force


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    result = load_catalogue(Path(__file__).parent / "fixtures" / "minimal")
    assert result.complete, result.problems
    return result.catalogue


TITLE = "Catalogue of Technologies Prohibited or Restricted from Export"


def test_entry_after_the_2025_adjustment(cat: Catalogue) -> None:
    assert cite(cat.get("083201X"), cat, dt.date(2025, 8, 1)) == (
        f"{TITLE} (MOFCOM & MOST Announcement 2023 No. 57, as amended by Announcement 2025 No. 28), item 083201X"
    )


def test_entry_before_the_adjustment_cites_the_2023_edition_alone(cat: Catalogue) -> None:
    assert cite(cat.get("083201X"), cat, dt.date(2025, 7, 14)) == (
        f"{TITLE} (MOFCOM & MOST Announcement 2023 No. 57), item 083201X"
    )


def test_deleted_entry_is_cited_as_last_listed_and_marked(cat: Catalogue) -> None:
    text = cite(cat.get("traditional-architecture-restricted"), cat, dt.date(2026, 1, 1))
    assert (
        text == f"{TITLE} (MOFCOM & MOST Announcement 2023 No. 57), item 085001X (deleted with effect from 2025-07-15)"
    )


def test_clause_cites_announcement_and_label(cat: Catalogue) -> None:
    assert (
        cite(cat.get("cn-mofcom-2024-46-para-2"), cat, dt.date(2026, 1, 1))
        == "MOFCOM Announcement 2024 No. 46, para. 2"
    )


def test_item_and_measure(cat: Catalogue) -> None:
    day = dt.date(2024, 1, 1)
    assert cite(cat.get("cn-mofcom-2023-23"), cat, day) == "MOFCOM & GACC Announcement 2023 No. 23"
    assert cite(cat.get("cn-mofcom-2023-23-gallium-metal"), cat, day) == (
        "MOFCOM & GACC Announcement 2023 No. 23, controlled item 金属镓（单质） (Gallium metal)"
    )


def test_unverified_number_is_said_not_guessed(cat: Catalogue) -> None:
    from dataclasses import replace

    entry = cat.get("non-ferrous-metallurgy")
    unnumbered = replace(entry, number=None)  # type: ignore[type-var]
    text = cite(unnumbered, cat, dt.date(2026, 1, 1))
    assert text.endswith("item “有色金属冶金技术” (number in the 2025 text not verified)")


def test_no_edition_before_the_first(cat: Catalogue) -> None:
    inst = cat.instrument("cn-tech-export-catalogue")
    assert inst is not None
    assert editions_in_force(inst, dt.date(2020, 1, 1)) == (None, [])
    assert cite(inst, cat, dt.date(2020, 1, 1)) == TITLE


def test_uncitable_object_is_refused(cat: Catalogue) -> None:
    with pytest.raises(TypeError):
        cite("not a model object", cat, dt.date(2026, 1, 1))


def test_copied_citation_has_dates_status_and_the_official_address() -> None:
    from catalogue.present.citation import cite_with_status

    shipped = load_catalogue().catalogue
    day = dt.date(2026, 1, 15)
    text = cite_with_status(shipped.get("cn-export-control-law"), shipped, day)
    assert text.startswith("Export Control Law (2020); effective 2020-12-01. Status on 2026-01-15: in force.")
    law = shipped.instrument("cn-export-control-law")
    assert law is not None and law.url and f"Official text: {law.url}." in text
    entry = cite_with_status(shipped.get("083201X"), shipped, day)
    assert "item 083201X; published and effective 2023-12-21; amended with effect from 2025-07-15." in entry
