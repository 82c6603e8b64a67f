"""What a lawyer types: dates in the forms they write them, and any identifier search understands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from catalogue.dates import parse_day
from catalogue.load import load_catalogue
from catalogue.lookup import resolve
from catalogue.model import Catalogue
from gui.cli import main

D = dt.date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-06-01", D(2025, 6, 1)),
        ("2025-6-1", D(2025, 6, 1)),
        ("2025/6/1", D(2025, 6, 1)),
        ("2025.6.1", D(2025, 6, 1)),
        ("2025年6月1日", D(2025, 6, 1)),
        ("2025 年 6 月 1 日", D(2025, 6, 1)),
        ("２０２５／６／１", D(2025, 6, 1)),  # full-width, as pasted from a Chinese document
        ("  2025-12-31 ", D(2025, 12, 31)),
    ],
)
def test_date_forms_a_lawyer_types(text: str, day: dt.date) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["20230101", "2023-W01-1", "2023-02-30", "1/6/2025", "June 1, 2025", "", "2025-6"])
def test_other_text_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_day(text)


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue().catalogue


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("2023 No. 23", ["cn-mofcom-2023-23"]),
        ("2023年第23号", ["cn-mofcom-2023-23"]),
        ("商务部 海关总署公告2023年第23号", ["cn-mofcom-2023-23"]),
        ("No. 23 of 2023", ["cn-mofcom-2023-23"]),
        ("2023 No. 57", ["cn-mofcom-2023-57"]),  # the 2023 edition of the catalogue
        ("083201X", ["non-ferrous-metallurgy"]),
        ("0832.01x", ["non-ferrous-metallurgy"]),
        ("cn-export-control-law", ["cn-export-control-law"]),
        ("8110929010", ["cn-mofcom-2023-23-gallium-metal"]),
        (
            "1C902",
            [
                "cn-mofcom-2025-18-samarium-metal-alloys-targets",
                "cn-mofcom-2025-18-samarium-oxide",
                "cn-mofcom-2025-18-samarium-compounds",
            ],
        ),
        ("no such thing", []),
    ],
)
def test_resolve(cat: Catalogue, text: str, ids: list[str]) -> None:
    assert [getattr(o, "id", None) for o in resolve(cat, text)] == ids


@pytest.mark.parametrize("ident", ["2023 No. 23", "2023年第23号"])
def test_show_takes_document_numbers_in_either_language(ident: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", ident, "--json", "--as-of", "2025年6月1日"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["id"] == "cn-mofcom-2023-23" and doc["as_of"] == "2025-06-01"


def test_show_lists_the_candidates_when_several_match(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "1C902"]) == 2
    err = capsys.readouterr().err
    assert "names 3 records" in err and "cn-mofcom-2025-18-samarium-oxide" in err


def test_sheet_takes_a_document_number(tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object) -> None:
    out = tmp_path / "s.pdf"
    assert main(["sheet", "2023年第23号", "-o", str(out), "--as-of", "2025/6/1"]) == 0
    assert out.stat().st_size > 1000


def test_as_of_on_the_command_line_takes_the_same_forms(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "gallium", "--json", "--as-of", "2025.6.1"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2025-06-01"
    with pytest.raises(SystemExit):
        main(["search", "gallium", "--as-of", "20250601"])
    assert "2025年6月1日" in capsys.readouterr().err
