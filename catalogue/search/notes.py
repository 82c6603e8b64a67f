"""The lawyer's private notes, found by a search: matched in memory, on this computer, never indexed.

The search index lives in the shared cache folder and describes the data; a note is the user's own
and stays in the user's folder (catalogue.userdata). So notes are never written into the index:
each search reads the query the way the engine does (`query.parse_query`: words, "phrases", OR,
NOT, trailing wildcards, document numbers) and matches it against the notes here, with the same
folding (traditional → simplified, full-width → ASCII) and the same light English stemming
(`analysis`). Nothing here imports Whoosh, so the window can match notes before its index is open.

What a note match is and is not:

- Every word must be in the note (an OR group: one of its words); an excluded word must not be.
- A Chinese word matches anywhere inside a run of Chinese text (镓 in 高纯金属镓的提取), as in the index.
- Synonyms and topics are the data's and are not applied: a note is found by what it says.
- A query with a filter (status:, kind:, topic:, number:) asks about the data; notes are not
  searched for it (`NoteSearch.filtered`), rather than being listed against a filter they cannot meet.

A match never carries a status or a score: it is shown apart from the data's hits, as the user's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from catalogue.numbers import DOCNO_EN, DOCNO_EN_OF, DOCNO_ZH, DOCNO_ZH_BRACKET, docno
from catalogue.search import analysis
from catalogue.search.analysis import fold
from catalogue.search.query import _Unit, parse_query
from catalogue.search.snippets import render_snippet
from catalogue.userdata import PrivateNote

Span = tuple[int, int]

_CJK_RUN = re.compile(f"[{analysis.CJK_RANGES}]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class NoteMatch:
    """One private note that matches a query."""

    entry_id: str  # the record the note is on (it may not be in the active data set)
    snippet: str  # HTML as a hit's snippet: escaped text with <b class="match"> around the matches
    spans: tuple[Span, ...]  # the matches, as character offsets into the note's text
    updated: str  # when the note was last changed (ISO, UTC)


@dataclass(frozen=True, slots=True)
class NoteSearch:
    query: str
    matches: tuple[NoteMatch, ...]
    filtered: bool = False  # the query had filters: notes were not searched


@dataclass(frozen=True, slots=True)
class _Token:
    text: str  # a Latin word as an index term (lower-cased, stemmed), or a whole run of Chinese
    word: str  # a Latin word lower-cased but not stemmed (for prefixes); the run itself for Chinese
    start: int
    end: int
    cjk: bool


def _tokens(text: str) -> list[_Token]:
    """The words of `text` and its runs of Chinese, each whole (a Chinese word is found inside a run)."""
    out: list[_Token] = []
    for m in analysis.TOKEN_RE.finditer(fold(text)):
        cjk, word = m.group(1), m.group(2)
        if cjk:
            out.append(_Token(cjk, cjk, m.start(), m.end(), True))
        else:
            out.append(_Token(analysis.normalize_word(word), word.lower(), m.start(), m.end(), False))
    return out


class _Note:
    """A note read once for matching: its folded text and its tokens."""

    def __init__(self, note: PrivateNote) -> None:
        self.note = note
        self.folded = fold(note.text)
        self.tokens = _tokens(note.text)

    def sequence(self, pieces: Sequence[_Token], *, prefix: bool = False) -> list[Span]:
        """Where the pieces of a word or phrase follow each other in the note. A Chinese piece may end
        a run (when it comes first), begin one (last) or sit anywhere in it (alone); with `prefix`,
        the last Latin piece only begins a word."""
        if len(pieces) == 1 and pieces[0].cjk:
            return _find_all(self.folded, pieces[0].text)
        found: list[Span] = []
        last = len(pieces) - 1
        for i in range(len(self.tokens) - last):
            spans: list[Span] = []
            for j, piece in enumerate(pieces):
                token = self.tokens[i + j]
                span = _piece_span(piece, token, first=j == 0, last=j == last, prefix=prefix and j == last)
                if span is None:
                    break
                spans.append(span)
            else:
                found.append((spans[0][0], spans[-1][1]))
        return found

    def docnos(self, wanted: str) -> list[Span]:
        """Where the note cites a document number ("2023 No. 23", "2023年第23号") as `wanted` ("2023-23")."""
        spans: list[Span] = []
        for pattern, year, num in ((DOCNO_EN, 1, 2), (DOCNO_EN_OF, 2, 1), (DOCNO_ZH, 1, 2), (DOCNO_ZH_BRACKET, 1, 2)):
            spans += [m.span() for m in pattern.finditer(self.folded) if docno(m.group(year), m.group(num)) == wanted]
        return spans

    def unit(self, unit: _Unit) -> list[Span]:
        """Where one word, phrase, prefix or document number of the query is in the note."""
        if unit.kind == "docno":
            return self.docnos(unit.text)
        pieces = _tokens(unit.text)
        if not pieces:
            return []
        return self.sequence(pieces, prefix=unit.kind == "prefix")


def _find_all(text: str, needle: str) -> list[Span]:
    spans: list[Span] = []
    at = text.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return spans


def _piece_span(piece: _Token, token: _Token, *, first: bool, last: bool, prefix: bool) -> Span | None:
    if piece.cjk != token.cjk:
        return None
    if not piece.cjk:
        if prefix:
            return (token.start, token.end) if token.word.startswith(piece.word) else None
        return (token.start, token.end) if token.text == piece.text else None
    run = token.text
    if first and not last and run.endswith(piece.text):
        return (token.end - len(piece.text), token.end)
    if last and not first and run.startswith(piece.text):
        return (token.start, token.start + len(piece.text))
    return (token.start, token.end) if run == piece.text else None


def _content_groups(groups: list[list[_Unit]]) -> list[list[_Unit]]:
    """The groups without unquoted stop words ("the", "of"), unless nothing else is left — as the
    engine reads them."""

    def stop_word(group: list[_Unit]) -> bool:
        return len(group) == 1 and group[0].kind == "word" and group[0].text.lower() in analysis.STOP_WORDS

    return [g for g in groups if not stop_word(g)] or groups


def _merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def search_notes(query: str, notes: Iterable[PrivateNote], *, limit: int | None = None) -> NoteSearch:
    """The notes that match `query` (read as the search reads it), most recently changed first."""
    parsed = parse_query(query)
    if parsed.filters:
        return NoteSearch(query, (), filtered=True)
    groups = _content_groups(parsed.groups)
    if not groups:
        return NoteSearch(query, ())
    matches: list[NoteMatch] = []
    for note in notes:
        read = _Note(note)
        spans: list[Span] = []
        for group in groups:
            found = [span for unit in group for span in read.unit(unit)]
            if not found:
                break
            spans += found
        else:
            if any(read.unit(unit) for unit in parsed.negated):
                continue
            merged = _merged(spans)
            snippet = _SPACES.sub(" ", render_snippet(note.text, list(merged)))
            matches.append(NoteMatch(note.entry_id, snippet, merged, note.updated))
    matches.sort(key=lambda m: m.updated, reverse=True)
    return NoteSearch(query, tuple(matches[:limit] if limit is not None else matches))


def fold_for_filter(text: str) -> str:
    """`text` as a filter compares it: traditional → simplified, full-width → ASCII, lower case."""
    return fold(text).lower()


def filter_matches(needle: str, haystack: str) -> bool:
    """Whether every word of `needle` is somewhere in `haystack` (as a list's filter field reads it:
    case-insensitive, traditional and simplified Chinese alike, Chinese found inside a sentence)."""
    folded = fold_for_filter(haystack)
    return all(word in folded for word in fold_for_filter(needle).split())
