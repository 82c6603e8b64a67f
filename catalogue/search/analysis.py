"""Bilingual text analysis for search: Chinese as overlapping bigrams, English as light-stemmed words.

This module is pure Python and deliberately free of Whoosh: `BilingualAnalyzer` follows Whoosh's
analyzer calling convention (callable, yields token objects with `text`, `pos`, `startchar`, ...), so
`catalogue.search.engine` can put it in an index schema while snippets, synonym matching and tests use the
very same tokenization through `tokenize()`.

Whoosh pickles the analyzer into every index it builds, so the classes here must stay importable
under this dotted path (`catalogue.search.analysis`); moving or renaming them means bumping
`catalogue.search.index.SCHEMA_VERSION` so old indexes are rebuilt instead of failing to unpickle.

Why bigrams (measured before the first release): Chinese has no spaces, and dictionary
segmenters (jieba) split 电磁体 as 电磁/体, so 磁体 is missed, and they match 基因编辑 against
基因组编辑. Overlapping bigrams searched as a phrase find a word anywhere inside a run and never
match across an inserted character. Single characters are also indexed (unigrams) so that one-
character queries such as 镓, 锗 or 锑 work.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

# CJK Unified Ideographs, Extension A, Compatibility Ideographs and the supplementary planes
# (Extensions B–F live in U+20000–U+2FFFF).
CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
# A token is either a run of CJK characters or a Latin/digit word. Dots join the parts of codes and
# decimals (8112.92.90, 1C902.a, 99.99) but only after a digit, so "No.23" and "e.g." still split.
_WORD = f"(?:(?![{CJK_RANGES}])\\w)+"
TOKEN_RE = re.compile(f"([{CJK_RANGES}]+)|({_WORD}(?:(?<=\\d)\\.{_WORD})*)")
_ALPHA = re.compile(r"[a-z]+")
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
# Full-width ASCII (ＧＡＬＬＩＵＭ, ２０２３) is common in Chinese documents; map it one-to-one so
# character offsets, and hence highlights, stay valid.
_FULLWIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

# Words dropped from *unquoted* queries only. The index keeps every word so that a quoted phrase
# ("rules of origin") matches exactly; a query word like "the" would otherwise have to appear in
# every hit. "us" is not a stop word here: it names the United States in this domain.
_STOP_LIST = "a an and are as at be by can for from have if in is it may not of on or that the this to we when will"
STOP_WORDS = frozenset(f"{_STOP_LIST} with yet you your".split(" "))


# -- folding ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _t2s() -> Any:
    # OpenCC's t2s tables are maintained with phrase-level data and cover the variants found in
    # Hong Kong and Taiwan reposts of mainland documents (釹鐵硼, 稀土磁體, 鎵); a hand-made
    # character table would miss many and be ours to keep up to date. Created lazily because it
    # loads dictionaries from disk, and kept out of the analyzer's pickled state.
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    out: str = _t2s().convert(ch)
    return out if len(out) == 1 else ch


def fold(text: str) -> str:
    """Traditional → simplified Chinese and full-width → ASCII, keeping the length unchanged.

    The same fold runs on indexed text and on queries, so 釹鐵硼 finds 钕铁硼 and ＧＡ finds GA.
    Offsets into the folded text are offsets into the original, which snippets rely on.
    """
    if _FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH_TABLE)
    if not _CJK_CHAR.search(text):
        return text
    out: str = _t2s().convert(text)
    if len(out) == len(text):
        return out
    # A phrase rule changed the length (rare for t2s); fall back to one character at a time.
    return "".join(_fold_char(c) if _CJK_CHAR.match(c) else c for c in text)


# -- English stemming ------------------------------------------------------------------------------

# British and American spellings of words that occur in this domain. The data is written in British
# English ("licence"); lawyers type either. Applied to stems, after suffixes are removed.
_VARIANTS = {
    "licens": "licenc",
    "defens": "defenc",
    "offens": "offenc",
    "center": "centr",
    "fiber": "fibr",
    "meter": "metr",
    "aluminum": "aluminium",
    "sulfur": "sulphur",
    "sulfid": "sulphid",
    "sulfat": "sulphat",
    "catalog": "catalogu",
}
_VOWEL = re.compile("[aeiouy]")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, inflection-only English stemmer (lower-case ASCII letters in, a stem out).

    It folds plurals, -ing and -ed, a final e, a doubled final consonant, -ize/-ise and a few
    British/American spellings: magnets → magnet, batteries → battery, licensing/licensed/license/
    licence → licenc. Porter's algorithm also strips derivational suffixes and so conflates terms a
    lawyer keeps apart (general/generate → gener, organ/organization → organ); in a reference of
    legal terms a missed variant costs less than a flood of wrong hits. Stems need not be words;
    they only have to agree between the index and the query.
    """
    w = word
    if len(w) < 4:
        return w
    # Plurals (after Harman's S-stemmer).
    if w.endswith("ies") and not w.endswith(("eies", "aies")):
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("us", "ss", "is")):
        w = w[:-1]  # Harman's "es → e" and "s → ∅" both come down to dropping the s
    # Verb inflections, only when a vowel is left in the stem (so "string" and "bed" survive).
    if w.endswith("ing") and len(w) >= 6 and _VOWEL.search(w[:-3]):
        w = w[:-3]
    elif w.endswith("ed") and len(w) >= 5 and _VOWEL.search(w[:-2]):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # controlled → controll → control; install → instal as well, so both agree
    if w.endswith(("iz", "yz")):
        w = w[:-1] + "s"
    return _VARIANTS.get(w, w)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


_VARIANT_PREFIX = {v: _common_prefix(k, v) for k, v in _VARIANTS.items()}


def stem_needle(term: str) -> str:
    """A prefix that every word stemming to `term` starts with (after lower-casing).

    The stemmer only rewrites the last letter or so of what it keeps (batteries → battery,
    rare → rar, licence → licenc), so all but the last letter of the stem is safe; spelling
    variants fall back to the letters both spellings share. Lets snippet code find candidates
    with str.find instead of tokenizing whole texts."""
    if term in _VARIANT_PREFIX:
        return _VARIANT_PREFIX[term]
    return term[: max(1, len(term) - 1)]


def normalize_word(word: str) -> str:
    """A Latin word as an index term: lower-cased, and stemmed when it is all letters."""
    low = word.lower()
    return stem(low) if _ALPHA.fullmatch(low) else low


# -- tokenization ----------------------------------------------------------------------------------


class RawToken(NamedTuple):
    """A token: its index text, its position, its character span in the original text, and the
    lower-cased surface word before stemming (used for prefix matching)."""

    text: str
    pos: int
    start: int
    end: int
    word: str


def is_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def tokenize(text: str, *, unigrams: bool = False, start_pos: int = 0, start_char: int = 0) -> list[RawToken]:
    """Split text into search tokens.

    Latin words become one lower-cased, stemmed token each. A CJK run of n ≥ 2 characters becomes
    its n−1 overlapping bigrams at consecutive positions; with `unigrams`, each character is also
    emitted at the position of the bigram that starts with it (the last one shares the last
    bigram's position), so phrase positions stay consecutive whether or not unigrams are present.
    A one-character run is a single unigram.
    """
    out: list[RawToken] = []
    pos = start_pos
    folded = fold(text)
    for m in TOKEN_RE.finditer(folded):
        cjk, word = m.group(1), m.group(2)
        base = start_char + m.start()
        if word:
            low = word.lower()
            out.append(RawToken(normalize_word(word), pos, base, base + len(word), low))
            pos += 1
            continue
        n = len(cjk)
        if n == 1:
            out.append(RawToken(cjk, pos, base, base + 1, cjk))
            pos += 1
            continue
        for i in range(n - 1):
            gram = cjk[i : i + 2]
            out.append(RawToken(gram, pos + i, base + i, base + i + 2, gram))
            if unigrams:
                out.append(RawToken(cjk[i], pos + i, base + i, base + i + 1, cjk[i]))
        if unigrams:
            out.append(RawToken(cjk[-1], pos + n - 2, base + n - 1, base + n, cjk[-1]))
        pos += n - 1
    return out


CHAIN_BREAK = "\n"  # in chain_text: the next character is not at the next bigram position


def chain_text(text: str) -> str:
    """The text's Chinese bigrams as `tokenize` places them, written out so that a chain of
    overlapping bigrams at consecutive positions (钕铁 then 铁硼) is a substring (钕铁硼) and
    nothing else is.

    Each run of two or more characters is written as it is; the next run continues the same line
    only when nothing takes a position in between (a Latin word or a one-character run does) and
    it starts with the character the previous run ended with, because then its first bigram
    follows the previous run's last one (稀土、土壤 puts 稀土 and 土壤 at consecutive positions,
    so the index's phrase 稀土壤 matches there). Anything else starts a new line. A bigram phrase
    query matches a field exactly when its characters are a substring of the field's chain text."""
    out: list[str] = []
    last = ""  # the last character of the previous run, while the chain can go on
    for m in TOKEN_RE.finditer(fold(text)):
        cjk = m.group(1)
        if not cjk or len(cjk) == 1:
            last = ""
            continue
        out.append(cjk[1:] if last and cjk[0] == last else CHAIN_BREAK + cjk)
        last = cjk[-1]
    return "".join(out)


# The analyzers below take Whoosh's `tokenize` keyword, which shadows the function inside them.
_tokenize = tokenize


def query_tokens(text: str) -> list[str]:
    """The index terms a piece of query text stands for, in order (no unigrams for longer runs)."""
    return [t.text for t in tokenize(text)]


def words(text: str) -> list[str]:
    """Latin words of a text, lower-cased but not stemmed: the vocabulary spelling suggestions
    are drawn from."""
    return [m.group(2).lower() for m in TOKEN_RE.finditer(fold(text)) if m.group(2)]


# -- Whoosh-compatible analyzers -------------------------------------------------------------------


class _Token:
    """The attributes Whoosh reads from a token. One object is reused for a whole stream, as
    Whoosh's own tokenizers do, because creating an object per token is the slow part of indexing."""

    __slots__ = (
        "boost",
        "endchar",
        "mode",
        "original",
        "pos",
        "positions",
        "removestops",
        "startchar",
        "stopped",
        "text",
    )

    def __init__(self, positions: bool, chars: bool, removestops: bool, mode: str) -> None:
        self.positions = positions
        self.removestops = removestops
        self.mode = mode
        self.stopped = False
        self.boost = 1.0
        self.text = ""
        self.original = ""
        self.pos = 0
        self.startchar = 0
        self.endchar = 0


class BilingualAnalyzer:
    """Whoosh analyzer for mixed Chinese/English text (see `tokenize`).

    `unigrams=True` is for indexing; in query mode unigrams are never emitted for runs of two or
    more characters, because the bigram phrase already pins the run down and extra unigrams would
    only break the phrase's consecutive positions.
    """

    def __init__(self, unigrams: bool = True) -> None:
        self.unigrams = unigrams

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BilingualAnalyzer) and type(other) is type(self) and other.unigrams == self.unigrams

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.unigrams))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(unigrams={self.unigrams})"

    def has_morph(self) -> bool:
        return True  # the stemmer changes word forms

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[_Token]:
        t = _Token(positions, chars, removestops, mode)
        if not tokenize:
            t.text = t.original = value
            t.pos, t.startchar, t.endchar = start_pos, start_char, start_char + len(value)
            yield t
            return
        unigrams = self.unigrams and mode != "query"
        for raw in _tokenize(value, unigrams=unigrams, start_pos=start_pos, start_char=start_char):
            t.text = raw.text
            t.pos = raw.pos
            t.startchar = raw.start
            t.endchar = raw.end
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = raw.word
            yield t


class VocabularyAnalyzer(BilingualAnalyzer):
    """Unstemmed Latin words only: the field that spelling suggestions and prefix expansion read,
    so that a suggestion is a real word ("gallium") rather than a stem."""

    def __init__(self) -> None:
        super().__init__(unigrams=False)

    def has_morph(self) -> bool:
        return False

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[_Token]:
        t = _Token(positions, chars, removestops, mode)
        for i, w in enumerate(words(value) if tokenize else [value]):
            t.text = t.original = w
            t.pos = start_pos + i
            t.boost = 1.0
            t.stopped = False
            yield t


def unicode_clean(text: str) -> str:
    """Drop control and unassigned code points and lone surrogates from user input: they cannot
    match anything and some (surrogates) cannot even be encoded."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs", "Cn", "Co") or c in "\t\n")
