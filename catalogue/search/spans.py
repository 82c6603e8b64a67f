"""Where typed words occur in a text, as the index's tokenizer sees them: CJK bigram chains confirmed
character by character, Latin words by their stems and the surface forms the index holds."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from catalogue.search import analysis
from catalogue.search.analysis import fold, query_tokens, tokenize

log = logging.getLogger(__name__)


@lru_cache(maxsize=8192)
def _fold_lower(text: str) -> str:
    return fold(text).lower()


_LATIN_CHAR = f"[^\\W{analysis.CJK_RANGES}]"


_LATIN_CHAR_RE = re.compile(_LATIN_CHAR)


class SpanFinder:
    """Finds where query words, phrases and prefixes occur in a text without tokenizing all of it.

    Tokenizing every text of every hit costs more than the search itself, so each sequence is
    located by a substring first: a chain of Chinese bigrams is a literal string (稀土 → "稀土"),
    and a Latin token's first three letters are in every word that stems to it. Only a short window
    at each candidate is tokenized to confirm, so the answer is the tokenizer's answer.
    """

    def __init__(
        self,
        sequences: Iterable[tuple[str, ...]],
        prefixes: Iterable[str],
        surfaces: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        """`surfaces` maps a stemmed Latin term to the words in the index that stem to it (from the
        vocabulary field); with it a term is found by one regular expression instead of checking
        every word that merely starts like it."""
        self.literals: list[str] = []
        self.checked: list[tuple[str, tuple[str, ...], bool]] = []  # (needle, sequence, at word start)
        self.worded: list[tuple[list[str], tuple[str, ...]]] = []
        for seq in sequences:
            if _is_cjk_chain(seq):
                self.literals.append(seq[0] + "".join(t[-1] for t in seq[1:]))
            elif analysis.is_cjk(seq[0]):
                self.checked.append((seq[0], seq, False))
            elif surfaces is not None and seq[0] in surfaces:
                if surfaces[seq[0]]:  # no word in the index stems to it: it cannot match anywhere
                    self.worded.append((sorted(surfaces[seq[0]]), seq))
            else:
                needle = analysis.stem_needle(seq[0]) if seq[0].isalpha() else seq[0]
                self.checked.append((needle, seq, True))
        plist = sorted(set(prefixes))
        self.prefixes = plist
        self.prefix_re = (
            re.compile(f"(?<!{_LATIN_CHAR})(?:{'|'.join(map(re.escape, plist))}){_LATIN_CHAR}*") if plist else None
        )

    def spans(self, text: str, low: str | None = None, first: bool = False) -> list[tuple[int, int]]:
        """Merged (start, end) spans of matches in `text`; with `first`, stop at the first one.
        `low` is fold(text).lower() when the caller has it already."""
        low = _fold_lower(text) if low is None else low
        if len(low) != len(text):  # lower() changed the length (rare scripts): take the slow way
            seqs = {s for _n, s, _b in self.checked} | {s for _w, s in self.worded}
            seqs |= {self._seq(x) for x in self.literals}
            return match_spans(text, seqs, set(self.prefixes))
        spans: list[tuple[int, int]] = []
        for lit in self.literals:
            i = low.find(lit)
            while i >= 0:
                spans.append((i, i + len(lit)))
                if first:
                    return spans
                i = low.find(lit, i + 1)
        for words, seq in self.worded:
            for word in words:  # str.find, then the word's edges: far faster than a regex scan
                i = low.find(word)
                while i >= 0:
                    end = i + len(word)
                    if not (i > 0 and _LATIN_CHAR_RE.match(low, i - 1)) and not _LATIN_CHAR_RE.match(low, end):
                        hit = (i, end) if len(seq) == 1 else self._confirm(text, low, i, seq)
                        if hit is not None:
                            spans.append(hit)
                            if first:
                                return spans
                    i = low.find(word, i + 1)
        for needle, seq, word_start in self.checked:
            i = low.find(needle)
            while i >= 0:
                if not (word_start and i > 0 and _LATIN_CHAR_RE.match(low, i - 1)):
                    hit = self._confirm(text, low, i, seq)
                    if hit is not None:
                        spans.append(hit)
                        if first:
                            return spans
                i = low.find(needle, i + 1)
        if self.prefix_re is not None:
            for m in self.prefix_re.finditer(low):
                spans.append((m.start(), m.end()))
                if first:
                    return spans
        return _merge(spans)

    @staticmethod
    def _seq(literal: str) -> tuple[str, ...]:
        return tuple(query_tokens(literal))

    @staticmethod
    def _confirm(text: str, low: str, i: int, seq: tuple[str, ...]) -> tuple[int, int] | None:
        if not any(analysis.is_cjk(t) for t in seq):
            # Latin words only: read them one by one from `i`, as the tokenizer would.
            pos = end = i
            for tok in seq:
                m = analysis.TOKEN_RE.search(low, pos)
                if m is None or not m.group(2) or (pos == i and m.start() != i):
                    return None
                if analysis.normalize_word(m.group(2)) != tok:
                    return None
                pos = end = m.end()
            return (i, end)
        end = min(len(text), i + 40 + 30 * len(seq))
        tokens = tokenize(text[i:end], unigrams=True, start_char=i)
        at = {(t.pos, t.text): t.end for t in tokens}
        last = None
        for k, tok in enumerate(seq):
            last = at.get((k, tok))
            if last is None:
                return None
        return (i, last) if last is not None else None


def _is_cjk_chain(seq: tuple[str, ...]) -> bool:
    """One Chinese character, or overlapping bigrams of one run: then it is a plain substring."""
    if len(seq) == 1:
        return analysis.is_cjk(seq[0])
    return all(len(t) == 2 and analysis.is_cjk(t) for t in seq) and all(
        a[1] == b[0] for a, b in itertools.pairwise(seq)
    )


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def match_spans(text: str, sequences: set[tuple[str, ...]], prefixes: set[str]) -> list[tuple[int, int]]:
    """Character spans in `text` where a query sequence (word, phrase, synonym) or a prefix
    matches, merged and sorted. Uses the indexing tokenizer, so it agrees with what matched."""
    if not sequences and not prefixes:
        return []
    tokens = tokenize(text, unigrams=True)
    at: dict[tuple[int, str], tuple[int, int]] = {}
    by_text: dict[str, list[tuple[int, int, int]]] = {}
    for t in tokens:
        at[(t.pos, t.text)] = (t.start, t.end)
        by_text.setdefault(t.text, []).append((t.pos, t.start, t.end))
    spans: list[tuple[int, int]] = []
    for seq in sequences:
        for pos, start, end in by_text.get(seq[0], []):
            last_end = end
            for k, tok in enumerate(seq[1:], 1):
                hit = at.get((pos + k, tok))
                if hit is None:
                    break
                last_end = hit[1]
            else:
                spans.append((start, last_end))
    if prefixes:
        for t in tokens:
            if any(t.word.startswith(p) for p in prefixes):
                spans.append((t.start, t.end))
    return _merge(spans)
