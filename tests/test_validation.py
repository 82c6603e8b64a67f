"""Every validation rule fails precisely: the right file, line, id, field and message.

Each case starts from the small valid fixture, changes one thing, and checks the problem reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.load import DataError, load_catalogue
from gui.cli import main

CAT = "instruments/cn-tech-export-catalogue.yaml"
MEASURE = "instruments/cn-mofcom-2023-23.yaml"


def edit(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture does not contain {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(data: Path, rel: str, needle: str) -> int:
    for i, line in enumerate((data / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_minimal_fixture_is_valid(minimal_data: Path) -> None:
    result = load_catalogue(minimal_data)
    assert result.problems == []
    assert result.complete
    assert {e.id for e in result.catalogue.entries()} == {
        "non-ferrous-metallurgy",
        "traditional-architecture-restricted",
    }


CASES = [
    # (name, file, old, new, expected message fragment, line needle (in the edited file), ident, field)
    (
        "unknown key",
        CAT,
        "    rationale: {en: Test rationale.}\n    topics:",
        "    rationale: {en: Test rationale.}\n    colour: red\n    topics:",
        "unknown key 'colour'",
        "colour: red",
        "non-ferrous-metallurgy",
        "entries[0].colour",
    ),
    (
        "wrong type",
        CAT,
        'code: "32"',
        "code: 32",
        "expected a two-digit sector code",
        "code: 32",
        "gbt2017-32",
        "sectors[0].code",
    ),
    (
        "missing required",
        MEASURE,
        "short_title: MOFCOM & GACC Announcement 2023 No. 23\n",
        "",
        "missing required field 'short_title'",
        "id: cn-mofcom-2023-23",
        "cn-mofcom-2023-23",
        "(file)",
    ),
    (
        "bad status value",
        CAT,
        "status: restricted\n    sector: gbt2017-32",
        "status: forbidden\n    sector: gbt2017-32",
        "unknown value 'forbidden'",
        "status: forbidden",
        "non-ferrous-metallurgy",
        "entries[0].status",
    ),
    (
        "bad confidence",
        MEASURE,
        "confidence: confirmed\nclauses:",
        "confidence: sure\nclauses:",
        "unknown value 'sure'",
        "confidence: sure",
        "cn-mofcom-2023-23",
        "confidence",
    ),
    (
        "impossible date",
        MEASURE,
        "published: 2023-07-03",
        "published: 2023-02-30",
        "impossible date '2023-02-30'",
        "published: 2023-02-30",
        "cn-mofcom-2023-23",
        "published",
    ),
    (
        "impossible interval",
        CAT,
        "listed: {from: 2023-12-21, to: 2025-07-15, from_known: false}",
        "listed: {from: 2023-12-21, to: 2023-01-01, from_known: false}",
        "ends (2023-01-01) on or before it starts",
        "to: 2023-01-01",
        "traditional-architecture-restricted",
        "entries[1].listed.to",
    ),
    (
        "duplicate id",
        CAT,
        "id: traditional-architecture-restricted",
        "id: cn-mofcom-2023-23-licence",
        "duplicate id 'cn-mofcom-2023-23-licence'; already used at instruments/cn-mofcom-2023-23.yaml:",
        "id: cn-mofcom-2023-23-licence",
        "cn-mofcom-2023-23-licence",
        "entries[1].id",
    ),
    (
        "dangling related",
        CAT,
        "related: [cn-mofcom-2023-23]",
        "related: [cn-mofcom-2099-1]",
        "unknown reference 'cn-mofcom-2099-1'",
        "related: [cn-mofcom-2099-1]",
        "non-ferrous-metallurgy",
        "entries[0].related[0]",
    ),
    (
        "dangling source",
        MEASURE,
        "    sources: [s10, s13]\n    confidence: confirmed\nitems:",
        "    sources: [s99]\n    confidence: confirmed\nitems:",
        "unknown reference 's99'",
        "sources: [s99]",
        "cn-mofcom-2023-23-licence",
        "clauses[0].sources[0]",
    ),
    (
        "dangling topic",
        MEASURE,
        "topics: [gallium-germanium]",
        "topics: [gallium-germanum]",
        "unknown reference 'gallium-germanum'",
        "topics: [gallium-germanum]",
        "cn-mofcom-2023-23",
        "topics[0]",
    ),
    (
        "dangling sector",
        CAT,
        "sector: gbt2017-32\n    name: {zh: 有色",
        "sector: gbt2017-99\n    name: {zh: 有色",
        "unknown sector 'gbt2017-99'",
        "sector: gbt2017-99",
        "non-ferrous-metallurgy",
        "entries[0].sector",
    ),
    (
        "dangling supersedes/by",
        MEASURE,
        "  - state: folded\n",
        "  - state: folded\n    by: cn-mofcom-2024-51\n",
        "unknown reference 'cn-mofcom-2024-51'",
        "by: cn-mofcom-2024-51",
        "cn-mofcom-2023-23",
        "status[0].by",
    ),
    (
        "number and status disagree",
        CAT,
        "number: 083201X",
        "number: 083201J",
        "ends in J but status is restricted",
        "number: 083201J",
        "non-ferrous-metallurgy",
        "entries[0].number",
    ),
    (
        "counts do not add up",
        CAT,
        "restricted: 110",
        "restricted: 111",
        "prohibited (24) + restricted (111) != items_total (134)",
        "items_total: 134",
        "cn-mofcom-2023-57",
        "editions[0].items_total",
    ),
    (
        "bad id form",
        MEASURE,
        "id: cn-mofcom-2023-23-gallium-metal",
        "id: Gallium_Metal",
        "expected a lower-kebab id",
        "id: Gallium_Metal",
        "Gallium_Metal",
        "items[0].id",
    ),
    (
        "file name differs from id",
        MEASURE,
        "id: cn-mofcom-2023-23\n",
        "id: cn-mofcom-2023-24\n",
        "file name must be the id",
        "id: cn-mofcom-2023-24",
        "cn-mofcom-2023-24",
        "id",
    ),
    (
        "empty text",
        MEASURE,
        "text: {en: Listed items may not be exported without a licence.}",
        "text: {en: ''}",
        "needs Chinese (zh) or English (en) text",
        "text: {en: ''}",
        "cn-mofcom-2023-23-licence",
        "clauses[0].text",
    ),
    (
        "syntax error",
        MEASURE,
        "issuers: [MOFCOM, GACC]",
        "issuers: [MOFCOM, GACC",
        "YAML syntax error",
        None,
        None,
        None,
    ),
    (
        "alias",
        MEASURE,
        "issuers: [MOFCOM, GACC]\n",
        "issuers: &x [MOFCOM, GACC]\nlegal_basis: *x\n",
        "aliases",
        "legal_basis: *x",
        None,
        None,
    ),
    (
        "unsafe tag",
        MEASURE,
        "issuers: [MOFCOM, GACC]",
        "issuers: !!python/object:os.system [MOFCOM]",
        "is not allowed",
        "issuers: !!python",
        None,
        None,
    ),
    (
        "overlapping status",
        MEASURE,
        "    confidence: confirmed\nsummary:",
        "    confidence: confirmed\n  - state: suspended\n    valid: {from: 2025-01-01}\n"
        "    sources: [s10, s13]\n    confidence: confirmed\nsummary:",
        "overlaps the previous status period",
        "valid: {from: 2025-01-01}",
        "cn-mofcom-2023-23",
        "status[1].valid",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule_fails_precisely(
    minimal_data: Path, case: tuple[str, str, str, str, str, str | None, str | None, str | None]
) -> None:
    _name, rel, old, new, fragment, needle, ident, fieldname = case
    edit(minimal_data, rel, old, new)
    problems = load_catalogue(minimal_data).problems
    matching = [p for p in problems if fragment in p.message]
    assert matching, [p.format() for p in problems]
    p = matching[0]
    assert p.file == rel
    if needle is not None:
        assert p.line == line_of(minimal_data, rel, needle), p.format()
    if ident is not None:
        assert p.ident == ident, p.format()
    if fieldname is not None:
        assert p.field == fieldname, p.format()


def test_all_errors_are_reported_not_only_the_first(minimal_data: Path) -> None:
    edit(minimal_data, MEASURE, "published: 2023-07-03", "published: 2023-13-01")
    edit(minimal_data, CAT, 'code: "32"', "code: 32")
    edit(minimal_data, CAT, "related: [cn-mofcom-2023-23]", "related: [nowhere]")
    problems = load_catalogue(minimal_data).problems
    assert len(problems) >= 2
    assert {p.file for p in problems} == {CAT, MEASURE}


def test_strict_load_raises_with_every_problem(minimal_data: Path) -> None:
    edit(minimal_data, MEASURE, "published: 2023-07-03", "published: 2023-13-01")
    with pytest.raises(DataError) as info:
        load_catalogue(minimal_data, strict=True)
    assert "2023-13-01" in str(info.value)


def test_check_command_prints_file_line_col_and_exits_1(minimal_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(minimal_data, CAT, "number: 083201X", "number: 83201")
    assert main(["check", str(minimal_data)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    line = line_of(minimal_data, CAT, "number: 83201")
    assert out == [
        f"{CAT}:{line}:13: [non-ferrous-metallurgy] entries[0].number: "
        "expected an item number of six digits and J or X, e.g. 083201X or null, found 83201"
    ]


def test_check_command_summary_on_valid_data(minimal_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(minimal_data)]) == 0
    out = capsys.readouterr().out
    assert "2 catalogue entries" in out
    assert "2 of 134 items of the 2023 edition" in out


def test_partial_load_keeps_good_files_and_names_the_bad(minimal_data: Path) -> None:
    edit(minimal_data, MEASURE, "issuers: [MOFCOM, GACC]", "issuers: [MOFCOM, GACC")
    result = load_catalogue(minimal_data)
    assert not result.complete
    assert MEASURE in result.failed_files
    # The catalogue file itself is fine and still loads; its link to the broken measure is reported.
    assert result.catalogue.get("083201X") is not None
    assert result.catalogue.get("cn-mofcom-2023-23") is None


def test_two_sources_with_one_url_are_refused(minimal_data: Path) -> None:
    """One page counted twice could make a single-source fact look confirmed."""
    edit(
        minimal_data,
        "sources.yaml",
        "url: https://www.hk01.com/",
        "url: http://www.zhenghe.cn/ZCT/PolicyReadDetail?id=3e948e48-36e0-4a20-af2c-33eb471eb4b2",
    )
    problems = load_catalogue(minimal_data).problems
    assert [(p.file, p.ident, p.field) for p in problems] == [("sources.yaml", "s13", "url")]
    assert "same URL as source 's10'" in problems[0].message


def test_confirmed_needs_two_distinct_sources(minimal_data: Path) -> None:
    edit(
        minimal_data,
        MEASURE,
        '    customs_codes: ["8112929090"]\n    valid: {from: 2023-08-01}\n    sources: [s10, s13]',
        '    customs_codes: ["8112929090"]\n    valid: {from: 2023-08-01}\n    sources: [s10, s10]',
    )
    messages = {(p.ident, p.field, p.message) for p in load_catalogue(minimal_data).problems}
    assert ("cn-mofcom-2023-23-gallium-metal", "items[0].sources[1]", "source 's10' is listed twice") in messages
    assert (
        "cn-mofcom-2023-23-gallium-metal",
        "items[0].confidence",
        "'confirmed' needs two or more independent sources; cite them or use single-source",
    ) in messages
