"""The query language, read into units: words, "phrases", OR groups, NOT, prefixes*, codes and document
numbers, and the filters status:, kind:, topic:, number:. Reading never fails: what cannot be read is
searched as plain words and reported as a problem."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Literal

from catalogue.numbers import (
    DOCNO_EN,
    DOCNO_EN_OF,
    DOCNO_ZH,
    DOCNO_ZH_BRACKET,
    docno,
)
from catalogue.search import analysis
from catalogue.search.analysis import fold

log = logging.getLogger(__name__)


MAX_QUERY_CHARS = 400  # longer input is cut: nobody types more, and pasted pages would be slow


MAX_UNITS = 16  # words, phrases and filters after which the rest of a query is dropped


_OPEN_QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』", "＂": "＂"}


_FILTER_NAMES = ("status", "kind", "topic", "number")


_DOC_MARK = "\ue000"  # private-use: user input never keeps these (see analysis.unicode_clean)


UnitKind = Literal["word", "phrase", "prefix", "docno", "filter"]


@dataclass(slots=True)
class _Unit:
    kind: UnitKind
    text: str
    name: str = ""  # filter name
    negated: bool = False


@dataclass(slots=True)
class ParsedQuery:
    groups: list[list[_Unit]]  # AND of OR-groups
    negated: list[_Unit]
    filters: list[_Unit]
    problems: list[str]


def _mark_docnos(text: str) -> str:
    def repl(m: re.Match[str], year: int = 1, num: int = 2) -> str:
        return f" {_DOC_MARK}{docno(m.group(year), m.group(num))}{_DOC_MARK} "

    text = DOCNO_EN.sub(repl, text)
    text = DOCNO_EN_OF.sub(lambda m: repl(m, 2, 1), text)
    text = DOCNO_ZH.sub(repl, text)
    return DOCNO_ZH_BRACKET.sub(repl, text)


def parse_query(raw: str) -> ParsedQuery:
    """Read the query language. Never raises: what cannot be read is searched as plain words and
    described in `problems`."""
    problems: list[str] = []
    text = analysis.unicode_clean(raw)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        problems.append(f"the query was cut to its first {MAX_QUERY_CHARS} characters")
    text = _mark_docnos(fold(text).replace("：", ":"))
    items = _lex(text, problems)
    groups: list[list[_Unit]] = []
    negated: list[_Unit] = []
    filters: list[_Unit] = []
    pending_or = pending_not = False
    last_was_unit = False
    count = 0
    for item in items:
        if item == "OR":
            if not last_was_unit or pending_or:
                problems.append("OR needs a word on each side")
            pending_or = last_was_unit
            last_was_unit = False
            continue
        if item == "NOT":
            if pending_not:
                problems.append("NOT NOT was read as one NOT")
            pending_not = True
            continue
        assert isinstance(item, _Unit)
        count += 1
        if count > MAX_UNITS:
            problems.append(f"only the first {MAX_UNITS} terms were used")
            break
        if pending_not:
            item.negated = True
        if item.kind == "filter":
            filters.append(item)
            pending_or = False
        elif item.negated:
            if pending_or:
                problems.append("OR cannot join an excluded word")
            negated.append(item)
            pending_or = False
        elif pending_or and groups:
            groups[-1].append(item)
            pending_or = False
        else:
            groups.append([item])
        pending_not = False
        last_was_unit = True
    if pending_or:
        problems.append("OR needs a word on each side")
    if pending_not:
        problems.append("NOT at the end excludes nothing")
    problems = list(dict.fromkeys(problems))  # each kind of problem once, and not a page of them
    if len(problems) > 4:
        problems = [*problems[:3], f"{len(problems) - 3} more"]
    return ParsedQuery(groups, negated, filters, problems)


def _lex(text: str, problems: list[str]) -> list[_Unit | str]:
    out: list[_Unit | str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        negated = False
        if c in "-−" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
            c = text[i]
        elif c in "-−":
            problems.append("a lone minus was ignored")
            i += 1
            continue
        if c in _OPEN_QUOTES:
            close = _OPEN_QUOTES[c]
            end = text.find(close, i + 1)
            if end < 0 and close != '"':
                end = text.find('"', i + 1)
            if end < 0:
                problems.append("a quote was not closed; its words were searched one by one")
                i += 1
                continue
            phrase = text[i + 1 : end]
            i = end + 1
            out += _phrase_units(phrase, negated, problems)
            continue
        j = i
        while j < n and not text[j].isspace():
            if text[j] == ":" and j + 1 < n and text[j + 1] in _OPEN_QUOTES and text[i:j].lower() in _FILTER_NAMES:
                close = _OPEN_QUOTES[text[j + 1]]
                end = text.find(close, j + 2)
                if end > 0:
                    out.append(_Unit("filter", text[j + 2 : end].strip(), text[i:j].lower(), negated))
                    j = -1
                    i = end + 1
                break
            j += 1
        if j == -1:
            continue
        word = text[i:j]
        i = j
        out += _word_units(word, negated, problems)
    return out


def _quote(text: str, limit: int = 24) -> str:
    """User input echoed in a notice: short and quoted."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _phrase_units(phrase: str, negated: bool, problems: list[str]) -> list[_Unit | str]:
    out: list[_Unit | str] = []
    for part in re.split(f"{_DOC_MARK}([0-9]+-[0-9]+){_DOC_MARK}", phrase):
        if re.fullmatch(r"[0-9]+-[0-9]+", part):
            out.append(_Unit("docno", part, negated=negated))
        elif part.strip():
            stripped = part.replace("*", " ")
            if stripped != part:
                problems.append("wildcards do not work inside quotes")
            out.append(_Unit("phrase", stripped.strip(), negated=negated))
    return out


def _word_units(word: str, negated: bool, problems: list[str]) -> list[_Unit | str]:
    if word in ("OR", "|", "||"):
        return ["OR"] if not negated else [_Unit("word", "or", negated=True)]
    if word in ("AND", "&", "&&"):
        return []
    if word == "NOT":
        return ["NOT"]
    m = re.fullmatch(f"{_DOC_MARK}([0-9]+-[0-9]+){_DOC_MARK}", word)
    if m:
        return [_Unit("docno", m.group(1), negated=negated)]
    if _DOC_MARK in word:
        parts = [p for p in word.split(_DOC_MARK) if p]
        out: list[_Unit | str] = []
        for p in parts:
            out += _word_units(p, negated, problems)
        return out
    if any(q in word for q in _OPEN_QUOTES.values()) or any(q in word for q in _OPEN_QUOTES):
        problems.append("a stray quote was ignored")
        word = "".join(ch for ch in word if ch not in _OPEN_QUOTES and ch not in _OPEN_QUOTES.values())
        if not word:
            return []
    if ":" in word:
        name, _, value = word.partition(":")
        if name.lower() in _FILTER_NAMES and value and ":" not in value:
            return [_Unit("filter", value, name.lower(), negated)]
        problems.append(f"{_quote(word)} is not a filter (status:, kind:, topic:, number:); searched as words")
        return [u for p in word.split(":") if p for u in _word_units(p, negated, problems)]
    if "*" in word:
        core = word.rstrip("*")
        if core and "*" not in core:
            return [_Unit("prefix", core, negated=negated)]
        problems.append("a wildcard works only at the end of a word")
        word = word.replace("*", "")
        return [_Unit("word", word, negated=negated)] if word else []
    return [_Unit("word", word, negated=negated)]


def _relax(parsed: ParsedQuery) -> tuple[ParsedQuery, str] | None:
    """The query with each unquoted Chinese word of three or more characters cut into two-character
    parts searched apart (稀土磁体 → 稀土 AND 磁体), or None when there is no such word."""
    groups: list[list[_Unit]] = []
    parts_shown: list[str] = []
    changed = False
    for group in parsed.groups:
        unit = group[0]
        run = analysis.fold(unit.text)
        if len(group) == 1 and unit.kind == "word" and len(run) >= 3 and re.fullmatch(f"[{analysis.CJK_RANGES}]+", run):
            chunks = [run[i : i + 2] for i in range(0, len(run) - 1, 2)]
            if len(run) % 2:
                chunks.append(run[-2:])
            groups += [[_Unit("word", c)] for c in chunks]
            parts_shown.append(" and ".join(chunks))
            changed = True
        else:
            groups.append(group)
    if not changed:
        return None
    return ParsedQuery(groups, list(parsed.negated), list(parsed.filters), list(parsed.problems)), "; ".join(
        parts_shown
    )
