"""Snippets keep the words before a match: a lawyer reads "gallium nitride" as a phrase, and the
words before a match often say what it is about."""

from __future__ import annotations

import pytest

from catalogue.search.snippets import render_snippet, snippet_plain

TEXT = (
    "The licence requirement applies to exports of refined gallium metal and of gallium nitride wafers, "
    "as listed in the annex of the announcement, with their customs codes and control numbers."
)


@pytest.mark.parametrize("word", ["nitride", "annex", "customs"])
def test_a_snippet_keeps_words_before_the_match(word: str) -> None:
    start = TEXT.index(word)
    text, spans = snippet_plain(render_snippet(TEXT, [(start, start + len(word))], width=80))
    [(s, e)] = spans
    assert text[s:e] == word
    before = text[:s].lstrip("…")
    assert len(before) >= 12, text  # about a quarter of the window, cut at a word boundary
    assert before[0] != " " and TEXT[TEXT.index(before) - 1] == " ", text  # starts at a whole word


def test_a_match_near_the_start_shows_the_text_from_its_start() -> None:
    start = TEXT.index("requirement")
    text, _spans = snippet_plain(render_snippet(TEXT, [(start, start + 11)], width=80))
    assert text.startswith("The licence requirement")


def test_chinese_without_spaces_keeps_characters_before_the_match() -> None:
    text_zh = (
        "出口管制物项包括金属镓、氮化镓、氧化镓、磷化镓、砷化镓、铟镓砷、硒化镓、锑化镓等，并列出海关商品编号。" * 2
    )
    start = text_zh.index("锑化镓", 20)
    text, spans = snippet_plain(render_snippet(text_zh, [(start, start + 3)], width=40))
    [(s, _e)] = spans
    assert len(text[:s].lstrip("…")) >= 8, text
