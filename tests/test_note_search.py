"""The user's private notes found by a query (catalogue.search.notes): matched in memory as the search
reads the query, with its folding and stemming, and never with the data's synonyms or filters."""

from __future__ import annotations

import pytest

from catalogue.search.notes import filter_matches, search_notes
from catalogue.userdata import PrivateNote

NOTES = (
    PrivateNote("zh", "客户询问高纯金属镓的提取工艺，需核对2023年第23号公告。", "2026-01-02T09:00:00+00:00"),
    PrivateNote(
        "en",
        "Client asked about Licensing of rare-earth magnets; see 2023 No. 23 para. 2.\nSecond line.",
        "2026-01-03T09:00:00+00:00",
    ),
    PrivateNote("traditional", "客戶問到鎵和釹鐵硼磁體", "2026-01-01T09:00:00+00:00"),
    PrivateNote("markup", "<script>alert(1)</script> graphite & anodes", "2025-12-01T09:00:00+00:00"),
)


def found(query: str) -> list[str]:
    return [m.entry_id for m in search_notes(query, NOTES).matches]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A Chinese word inside a sentence, one character or several; traditional and simplified alike.
        ("镓", ["zh", "traditional"]),
        ("金属镓", ["zh"]),
        ("提取工艺", ["zh"]),
        ("鎵", ["zh", "traditional"]),
        ("钕铁硼", ["traditional"]),
        ("稀土磁体", []),  # the note says rare-earth in English only
        # English words as the index reads them: any case, inflections, British and American spelling.
        ("client", ["en"]),
        ("CLIENT", ["en"]),
        ("license", ["en"]),
        ("magnet", ["en"]),
        ("magn*", ["en"]),
        ('"rare earth magnets"', ["en"]),
        ('"magnets rare"', []),
        # All words must match; OR takes either; NOT and a minus exclude.
        ("client magnets", ["en"]),
        ("client gallium", []),
        ("镓 OR magnets", ["en", "zh", "traditional"]),
        ("镓 -提取", ["traditional"]),
        ("镓 NOT 提取", ["traditional"]),
        ("镓 -客户", []),  # 客戶 in the traditional note is 客户 too
        # A document number in either language finds it written in either language.
        ("2023 No. 23", ["en", "zh"]),
        ("2023年第23号", ["en", "zh"]),
        ("2023 No. 24", []),
        # Stop words are dropped when something else is left, as the engine drops them.
        ("the graphite", ["markup"]),
        # Synonyms are the data's: a note is found by what it says.
        ("gallium", []),
    ],
)
def test_a_query_finds_the_notes_that_say_it(query: str, expected: list[str]) -> None:
    assert found(query) == expected


def test_a_query_with_a_filter_is_about_the_data_and_searches_no_note() -> None:
    result = search_notes("镓 status:restricted", NOTES)
    assert result.filtered
    assert result.matches == ()
    assert not search_notes("镓", NOTES).filtered


def test_the_snippet_marks_the_matches_and_escapes_everything_else() -> None:
    (match,) = search_notes("graphite", NOTES).matches
    assert match.snippet == '&lt;script&gt;alert(1)&lt;/script&gt; <b class="match">graphite</b> &amp; anodes'
    (match,) = search_notes("金属镓", NOTES).matches
    assert '高纯<b class="match">金属镓</b>的提取' in match.snippet
    text = NOTES[0].text
    assert [text[s:e] for s, e in match.spans] == ["金属镓"]


def test_a_note_of_several_lines_gives_a_snippet_of_one() -> None:
    (match,) = search_notes('"rare earth"', NOTES).matches
    assert "\n" not in match.snippet
    assert '<b class="match">rare-earth</b>' in match.snippet


def test_the_most_recently_changed_note_comes_first_and_a_limit_keeps_the_first() -> None:
    assert found("镓 OR magnets OR graphite") == ["en", "zh", "traditional", "markup"]
    assert [m.entry_id for m in search_notes("镓 OR magnets", NOTES, limit=1).matches] == ["en"]


@pytest.mark.parametrize("query", ["", "   ", "-client", "NOT", '"', "status:", "*", "OR"])
def test_odd_queries_never_raise(query: str) -> None:
    search_notes(query, NOTES)


@pytest.mark.parametrize(
    ("needle", "haystack", "expected"),
    [
        ("client", "083201X · Client A asked", True),
        ("CLIENT 083201x", "083201X · client A asked", True),
        ("镓", "客户询问高纯金属镓的提取工艺", True),
        ("鎵", "客户询问高纯金属镓的提取工艺", True),
        ("金属 工艺", "客户询问高纯金属镓的提取工艺", True),
        ("ＧＡＬＬＩＵＭ", "gallium wafers", True),
        ("gallium germanium", "gallium wafers", False),
        ("", "anything", True),
    ],
)
def test_the_filter_of_a_list_finds_every_word_anywhere(needle: str, haystack: str, expected: bool) -> None:
    assert filter_matches(needle, haystack) is expected
