"""Bilingual full-text search over the catalogue, measures and laws.

This is the only module that imports Whoosh. Everything outside it sees `SearchEngine` and the
frozen dataclasses `SearchResults`, `Hit` and `IndexStats`, so the engine could be replaced (e.g. by
SQLite FTS5, see docs/performance.md) without touching `gui/`.

The index lifecycle (research/tech-spike.md §5–§7):
- One index per (schema version, analysis signature, data fingerprint) in `<cache>/search/`, opened
  with `FileStorage(..., supports_mmap=False)`: plain `open_dir` copies every segment into memory.
- A sentinel file written last records what was built (versions, fingerprint, file sizes, a SHA-256
  of every file) and is signed with the user's cache key (catalogue.cache_guard); a warm start checks
  it and never rebuilds. Anything that does not check out, or fails to open, is rebuilt.
- Whoosh unpickles its TOC and segment directories, so no byte of an index reaches Whoosh unchecked:
  the index is opened through `_VerifiedStorage`, which offers Whoosh only the files the signed
  sentinel lists and hands over each file's bytes only once they match the sentinel's digest.
  A cache folder other users can write, or no key, means an in-memory index (with a warning).
- Builds go to a temporary folder that is renamed into place, so a crash never leaves half an index.
- A cache folder that cannot be written falls back to an in-memory index, with a warning that the
  results and stats carry.

Searchers are always closed before a method returns (`with ix.searcher()`).

The query language (issue 3): words must all match; "quoted phrases"; `a OR b`; `NOT x` or `-x`;
a trailing wildcard (`magnet*`); filters `status:`, `kind:`, `topic:`, `number:` (values may be
comma-separated, filters may be negated). Chinese words match anywhere inside a run (bigram
phrases), traditional characters fold to simplified, English words are light-stemmed. Item
numbers and their prefixes (083201X, 0832), control and customs codes (1C902, 8112.92.90) and
document numbers (2023 No. 23, 2023年第23号) jump to the top. Words that name a topic in
topics.yaml also find the topic's synonyms, and such hits say so (`Hit.matched_via`). A query that
cannot be read as written never raises: it is searched as plain words, `degraded` is set and the
notice says what was ignored.

Ranking: exact numbers, codes and document numbers first (prefix matches next); then by the best
field the typed words are in (name, then control point / summary / clause text, then the rest;
synonym-only matches last); then current before historical on the as-of date; then whole entries,
measures and laws before their own clauses and items; then score; then kind, number and id, so equal
hits always come in the same order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import hmac
import html
import itertools
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import traceback
import warnings
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import whoosh
from whoosh import query as wq
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.filedb.structfile import BufferFile

from catalogue import cache_guard, paths
from catalogue.lookup import edition_docnos, own_docnos
from catalogue.model import (
    Catalogue,
    Clause,
    ControlledItem,
    Entry,
    Instrument,
    Note,
    Text,
)
from catalogue.numbers import (
    CODE_LIKE,
    DOCNO_EN,
    DOCNO_EN_OF,
    DOCNO_ZH,
    DOCNO_ZH_BRACKET,
    article_heading,
    docno,
    docnos_in,
    normalize_code,
)
from catalogue.search import analysis
from catalogue.search.analysis import BilingualAnalyzer, VocabularyAnalyzer, fold, query_tokens, stem, tokenize
from catalogue.search.vocabulary import KINDS as KINDS
from catalogue.search.vocabulary import STATIC_STATUSES as STATIC_STATUSES
from catalogue.search.vocabulary import TIME_STATUSES as TIME_STATUSES
from catalogue.search.vocabulary import status_filter_value
from catalogue.time import State, Status, clause_status, entry_status, instrument_status, item_status

log = logging.getLogger(__name__)

# Bump whenever the schema, the documents built from the model, or the analyzer's behaviour change:
# an index with another version is rebuilt rather than trusted.
SCHEMA_VERSION = 3  # 3: the analyzer moved to catalogue.search.analysis (its path is pickled in the index)
SENTINEL = "exportref-index.json"
INDEX_SUBDIR = "search"
SENTINEL_MAX_BYTES = 1 << 20
INDEX_FILE_MAX_BYTES = 1 << 30
_SENTINEL_PURPOSE = b"exportref search index"
_INDEX_NAME = re.compile(r"^ix-[0-9a-f]+-[0-9a-f]+$")

MAX_QUERY_CHARS = 400  # longer input is cut: nobody types more, and pasted pages would be slow
MAX_UNITS = 16  # words, phrases and filters after which the rest of a query is dropped
MAX_PREFIX_TERMS = 48  # words one trailing wildcard may stand for
SNIPPET_CHARS = 180
RANK_DEPTH = 300  # hits ranked by field, history and score; beyond it, Whoosh's score order
WARM_DOCUMENTS = 2000  # up to this many documents, prepare every snippet text when the index opens

# Query weights. Names outrank control points (and a measure's summary, a clause's text), which
# outrank the rationale, notes and history; an exact number, code or document number outranks any
# text match. Synonyms and topic tags count for less than the words the user typed. Each field costs
# a term lookup per query word (~0.1 ms with supports_mmap=False), so the rationale shares a field
# with notes and history rather than having its own.
FIELD_BOOSTS: tuple[tuple[str, float], ...] = (("name", 8.0), ("points", 3.0), ("rest", 1.2))
CODE_BOOST = 30.0
DOCNO_BOOST = 30.0
DOCREF_BOOST = 2.0
SYNONYM_BOOST = 1.0
TOPIC_BOOST = 0.5

_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}

NOT_LISTED_NOTICE = (
    "Nothing matched. Not being listed here does not mean an item or technology may be exported freely: "
    "under the catch-all and end-use rules of the Export Control Law (Art. 12; also Art. 14 of the "
    "Dual-use Items Export Control Regulations), an exporter must still apply for a licence for unlisted "
    "goods, technologies or services it knows, should know or is told may endanger national security or "
    "interests, or serve weapons of mass destruction or terrorism. This data is also incomplete."
)

ProgressCallback = Callable[[int, int], None]


# -- public value types ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexStats:
    documents: int
    size_bytes: int  # on disk; 0 for an in-memory index
    build_seconds: float | None  # of the build that made this index (from the sentinel on a warm start)
    fingerprint: str  # the data fingerprint the index was built from
    path: str | None  # None when in memory
    in_memory: bool
    rebuilt: bool  # built by this call rather than opened
    schema_version: int = SCHEMA_VERSION
    built_at: str | None = None
    warning: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    id: str  # entry, instrument, clause or item id: what Catalogue.get() resolves
    kind: str  # entry | catalogue | measure | law | clause | item
    number: str | None  # item number, control code, document number or clause label
    name_zh: str | None
    name_en: str | None
    status: str | None  # the status engine's state on the as-of date (catalogue.time.status.State)
    historical: bool  # not current on the as-of date: repealed, delisted or not yet in force
    score: float
    snippet: str  # HTML: escaped text with <b class="match"> around matches; nothing else
    matched_via: str | None  # set when a synonym or topic, not the typed words, made the match
    parent_id: str | None = None  # the instrument that holds a clause, item or entry
    exact: bool = False  # matched an item number, code or document number exactly or by prefix
    snippet_field: str | None = None  # where the snippet is from: control point, summary, Art. 12, ...
    # From the status engine, the same words the detail view shows for the day:
    status_label: str | None = None  # e.g. "suspended until 2026-11-27"
    status_text: str | None = None  # the label and why
    status_badge: str | None = None  # e.g. "suspended"
    verified: bool = True  # False past the date the hit's instrument was checked to
    listing: str | None = None  # catalogue items: prohibited | restricted


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestion: str | None = None  # a corrected query ("gallium" for "galium")
    notice: str | None = None  # what the user should know: degraded query, empty result
    degraded: bool = False  # the query could not be read as written and was searched as plain terms
    warning: str | None = None  # index problems, e.g. kept in memory because the cache is unwritable
    as_of: dt.date | None = None
    elapsed_ms: float = 0.0
    error: str | None = None  # set only when searching failed unexpectedly (a bug); never raised


# -- cache folder ----------------------------------------------------------------------------------


def _release_files_of(exc: BaseException) -> None:
    """Close the files of Whoosh readers that failed half way through opening a damaged index.

    Whoosh leaves them to be freed with the traceback's frames. Until then they keep index files
    open, and on Windows an open file cannot be renamed or deleted, so the rebuild's swap would
    fail. Their ResourceWarnings are expected here and say nothing new."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        traceback.clear_frames(exc.__traceback__)
        gc.collect()


def default_cache_dir() -> Path:
    """EXPORTREF_CACHE_DIR, else the platform's per-user cache folder: the one the catalogue cache
    uses too (catalogue.paths), so ExportRef keeps a single cache root. No Qt needed."""
    return paths.cache_dir()


def analysis_signature() -> str:
    """Identifies everything that changes the terms an index holds besides the data."""
    import opencc

    # The field list is included so that a schema edit without a version bump still rebuilds.
    schema = sorted((name, type(f).__name__) for name, f in make_schema().items())
    parts = (SCHEMA_VERSION, getattr(opencc, "__version__", "?"), whoosh.versionstring(), schema)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:8]


# -- documents -------------------------------------------------------------------------------------


def _texts(*texts: Text | None) -> list[str]:
    out: list[str] = []
    for t in texts:
        if t is not None:
            out += [s for s in (t.zh, t.en) if s]
    return out


def _note_texts(notes: Iterable[Note]) -> list[str]:
    return [s for n in notes for s in _texts(n.text)]


@dataclass(slots=True)
class _Doc:
    """One search document and what the engine needs to present it without stored fields."""

    key: str
    kind: str
    family: str
    parent_id: str | None
    number: str | None
    name_zh: str | None
    name_en: str | None
    name: list[str]
    points: list[tuple[str, str]]  # (label, text)
    rationale: list[str]
    body: list[tuple[str, str]]
    codes: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    docnos: set[str] = field(default_factory=set)
    docrefs: set[str] = field(default_factory=set)
    topics: tuple[str, ...] = ()
    syn_finders: dict[str, list[tuple[str, SpanFinder]]] = field(default_factory=dict)  # topic → synonyms
    _syn_forms: dict[str, list[str]] = field(default_factory=dict)
    _sections: list[tuple[list[tuple[str, str]], str, str]] | None = None
    static_status: str | None = None  # a catalogue item's list: prohibited | restricted
    # The status engine's answer for the day (catalogue.time.status): the only status a hit shows.
    status_fn: Callable[[dt.date], Status] | None = None

    def texts(self) -> Iterator[str]:
        yield from self.name
        yield from (t for _, t in self.points)
        yield from self.rationale
        yield from (t for _, t in self.body)

    def cited(self) -> set[str]:
        """Document numbers this document cites: in its text (titles, summaries and notes cite
        other instruments) and through its history. Needed only to index, so worked out then."""
        found = set(self.docrefs)
        for text in self.texts():
            found |= docnos_in(text)
        return found

    def syn_forms(self, topic_id: str) -> list[str]:
        """The topic's synonyms that occur in this document's text, worked out once per topic.

        The topics with any go into the index (field `syn`), so that a query naming a topic costs
        one term lookup instead of a phrase query per synonym per field; the synonyms themselves
        explain hits (Hit.matched_via) and are highlighted in snippets."""
        if topic_id not in self._syn_forms:
            finders = self.syn_finders.get(topic_id, [])
            self._syn_forms[topic_id] = [form for form, finder in finders if _doc_has(self, finder)]
        return self._syn_forms[topic_id]

    def sections(self) -> list[tuple[list[tuple[str, str]], str, str]]:
        """The texts in snippet order (control points or summary, rationale, notes and history,
        names), each section with its texts joined and folded, computed once: matching one string
        per section instead of one per text is what keeps snippets cheap."""
        if self._sections is None:
            groups = [
                self.points,
                [("rationale", t) for t in self.rationale],
                self.body,
                [("name", t) for t in self.name if t != self.number],
            ]
            self._sections = []
            for texts in groups:
                joined = "\n".join(" ".join(t.split()) for _l, t in texts)
                self._sections.append(
                    ([(label, " ".join(t.split())) for label, t in texts], joined, fold(joined).lower())
                )
        return self._sections

    def fields(self) -> dict[str, str]:
        everything = [*self.name, *(t for _, t in self.points), *self.rationale, *(t for _, t in self.body)]
        return {
            "key": self.key,
            "kind": self.kind,
            "family": self.family,
            "status": self.static_status or "",
            "topic": " ".join(self.topics),
            "syn": " ".join(sorted(t for t in self.syn_finders if self.syn_forms(t))),
            "number": " ".join(sorted(n.lower() for n in self.numbers)),
            "codes": " ".join(sorted(c.lower() for c in self.codes)),
            "docno": " ".join(sorted(self.docnos)),
            "docref": " ".join(sorted(self.cited() - self.docnos)),
            "name": "\n".join(self.name),
            "points": "\n".join(t for _, t in self.points),
            "rest": "\n".join([*self.rationale, *(t for _, t in self.body)]),
            "vocab": "\n".join(everything),
        }


def _instrument_docnos(inst: Instrument) -> set[str]:
    """The instrument's own document numbers (and its editions'). Titles are left out: a title
    may cite other instruments ("suspending 2025 No. 62")."""
    own = own_docnos(inst)
    for ed in inst.editions:
        own |= edition_docnos(ed)
    return own


def _display_docno(inst: Instrument) -> str | None:
    m = DOCNO_EN.search(inst.short_title)
    return f"{m.group(1)} No. {int(m.group(2))}" if m else None


SynonymForms = dict[str, list[tuple[str, tuple[str, ...]]]]


TERM_SEP = "~"  # a term group's key: "<topic id>~<n>"


def topic_of(key: str) -> str:
    """The topic a synonym key belongs to (a topic id, or a term group's key)."""
    return key.split(TERM_SEP, 1)[0]


def _expandable(s: str, toks: tuple[str, ...]) -> bool:
    # Two-letter abbreviations (Ga, Ge, Sb, W, AI) are useful to type but too ambiguous to search for
    # on the user's behalf.
    return not (len(toks) == 1 and toks[0].isascii() and len(s.strip()) <= 2)


def topic_synonyms(cat: Catalogue) -> tuple[dict[tuple[str, ...], list[str]], SynonymForms]:
    """Map the tokens of every word a user may type for a topic to what it expands to, and each of
    those to its forms (topics.yaml).

    A word in one of the topic's term groups (gallium, Ga, 镓) stands for its group only — key
    "<topic>~<n>" — so that "gallium" does not find germanium. Other words (the topic's name, words
    in no group) stand for the whole topic."""
    by_form: dict[tuple[str, ...], list[str]] = {}
    forms: SynonymForms = {}
    for topic in cat.topics.values():
        names = [*topic.synonyms_en, *topic.synonyms_zh, *(s for s in (topic.name.en, topic.name.zh) if s)]
        grouped: dict[tuple[str, ...], str] = {}
        for n, group in enumerate(topic.terms):
            key = f"{topic.id}{TERM_SEP}{n}"
            members: list[tuple[str, tuple[str, ...]]] = []
            for s in group:
                toks = tuple(query_tokens(s))
                if toks and toks not in grouped:
                    grouped[toks] = key
                    members.append((s, toks))
            forms[key] = [(s, toks) for s, toks in members if _expandable(s, toks)]
        seen: set[tuple[str, ...]] = set()
        candidates: list[tuple[str, tuple[str, ...]]] = []
        for s in [*names, *(s for group in topic.terms for s in group)]:
            toks = tuple(query_tokens(s))
            if not toks or toks in seen:
                continue
            seen.add(toks)
            key = grouped.get(toks, topic.id)
            by_form.setdefault(toks, [])
            if key not in by_form[toks]:
                by_form[toks].append(key)
            if _expandable(s, toks):
                candidates.append((s, toks))
        forms[topic.id] = candidates  # in the order topics.yaml lists them
    return by_form, forms


def build_documents(cat: Catalogue, forms: SynonymForms | None = None) -> list[_Doc]:
    """Every searchable unit of the catalogue as a document, in a stable order."""
    if forms is None:
        forms = topic_synonyms(cat)[1]
    finders = {tid: [(form, SpanFinder([toks], ())) for form, toks in fs] for tid, fs in forms.items()}
    docs = _build_documents(cat)
    for d in docs:
        d.syn_finders = finders
    return docs


def _build_documents(cat: Catalogue) -> list[_Doc]:
    docs: list[_Doc] = []
    docno_of: dict[str, set[str]] = {inst.id: docnos_in(inst.short_title) for inst in cat.instruments}

    def refs_by(ids: Iterable[str | None]) -> set[str]:
        out: set[str] = set()
        for i in ids:
            if i:
                out |= docno_of.get(i, set())
        return out

    for inst in cat.instruments:
        item_codes: set[str] = set()
        for it in inst.items:
            if it.control_code:
                item_codes.add(normalize_code(it.control_code))
            item_codes |= {normalize_code(c) for c in (*it.customs_codes, *it.also_control_codes)}
        name = [*_texts(inst.title, inst.document_number), inst.short_title]
        points = [("summary", t) for t in _texts(inst.summary)]
        # A law's articles are part of its document, so a hit always opens something the app can show.
        points += [(a.label, f"{article_heading(a.label)}: {t}") for a in inst.articles for t in _texts(a.text)]
        body_articles = [("note", t) for a in inst.articles for t in _note_texts(a.notes)]
        body: list[tuple[str, str]] = [("note", t) for t in _note_texts(inst.notes)] + body_articles
        body += [("history", t) for h in inst.history for t in _texts(h.note)]
        body += [("status", t) for p in inst.status for t in _texts(p.wording)]
        for ed in inst.editions:
            body += [("edition", t) for t in _texts(ed.instrument)]
            body += [("edition", ed.changes)] if ed.changes else []
            body += [("note", t) for t in _note_texts(ed.notes)]
        body += [("sector", t) for s in inst.sectors for t in _texts(s.name)]
        kind = inst.kind.value
        own = _instrument_docnos(inst)
        docs.append(
            _Doc(
                key=inst.id,
                kind=kind,
                family=kind,
                parent_id=None,
                number=_display_docno(inst),
                name_zh=inst.title.zh,
                name_en=inst.title.en or inst.short_title,
                name=name,
                points=points,
                rationale=_texts(inst.rationale),
                body=body,
                codes=item_codes,
                docnos=own,
                docrefs=refs_by(p.by for p in inst.status) | refs_by(h.by for h in inst.history),
                topics=inst.topics,
                status_fn=lambda d, inst=inst: instrument_status(inst, d, cat),  # type: ignore[misc]
            )
        )
        sector_names = {s.id: s for s in inst.sectors}
        for e in inst.entries:
            docs.append(_entry_doc(e, inst, sector_names, refs_by, cat))
        for c in inst.clauses:
            docs.append(_clause_doc(c, inst, refs_by, cat))
        for it in inst.items:
            docs.append(_item_doc(it, inst, cat))
    return docs


def _entry_doc(
    e: Entry,
    inst: Instrument,
    sectors: dict[str, Any],
    refs_by: Callable[[Iterable[str | None]], set[str]],
    cat: Catalogue,
) -> _Doc:
    points = [("control point", t) for cp in e.control_points for t in _texts(cp.text)]
    body: list[tuple[str, str]] = [("note", t) for t in _note_texts(e.notes)]
    body += [("note", t) for cp in e.control_points for t in _note_texts(cp.notes)]
    body += [("history", t) for h in e.history for t in _texts(h.note)]
    sector = sectors.get(e.sector or "")
    if sector is not None:
        body += [("sector", t) for t in _texts(sector.name)]
    numbers = {normalize_code(n) for n in [e.number, *(f.number for f in e.former_numbers)] if n}
    if e.former_numbers:
        body.append(("former number", ", ".join(f.number for f in e.former_numbers)))
    name = _texts(e.name)
    if e.number:
        name.append(e.number)
    return _Doc(
        key=e.id,
        kind="entry",
        family="entry",
        parent_id=inst.id,
        number=e.number,
        name_zh=e.name.zh,
        name_en=e.name.en,
        name=name,
        points=points,
        rationale=_texts(e.rationale),
        body=body,
        codes=set(numbers),
        numbers=numbers,
        docrefs=refs_by(h.by for h in e.history),
        topics=e.topics,
        static_status=e.status.value,
        status_fn=lambda d: entry_status(e, d, cat),
    )


def _clause_doc(
    c: Clause,
    inst: Instrument,
    refs_by: Callable[[Iterable[str | None]], set[str]],
    cat: Catalogue,
) -> _Doc:
    points = [("text", t) for t in _texts(c.text)]
    body = [("note", t) for t in _note_texts(c.notes)] + [("status", t) for p in c.status for t in _texts(p.wording)]

    return _Doc(
        key=c.id,
        kind="clause",
        family=inst.kind.value,
        parent_id=inst.id,
        number=c.label,
        name_zh=inst.title.zh,
        name_en=f"{inst.short_title}, {c.label}",
        name=[c.label],
        points=points,
        rationale=[],
        body=body,
        docrefs=refs_by(p.by for p in c.status),
        topics=inst.topics,
        status_fn=lambda d: clause_status(c, inst, d, cat),
    )


def _item_doc(it: ControlledItem, inst: Instrument, cat: Catalogue) -> _Doc:
    codes = {normalize_code(c) for c in (*it.customs_codes, *it.also_control_codes)}
    if it.control_code:
        codes.add(normalize_code(it.control_code))
    code_line = ", ".join([*([it.control_code] if it.control_code else []), *it.also_control_codes, *it.customs_codes])
    body = [("note", t) for t in _note_texts(it.notes)]
    if code_line:
        body.append(("codes", code_line))
    points = [("description", t) for t in _texts(it.description)]
    return _Doc(
        key=it.id,
        kind="item",
        family="measure",
        parent_id=inst.id,
        number=it.control_code or (it.customs_codes[0] if it.customs_codes else None),
        name_zh=it.name.zh,
        name_en=it.name.en,
        name=_texts(it.name) + ([it.group] if it.group else []),
        points=points,
        rationale=[],
        body=body,
        codes=codes,
        topics=inst.topics,
        status_fn=lambda d: item_status(it, inst, d, cat),
    )


def make_schema() -> Schema:
    text = BilingualAnalyzer(unigrams=True)
    return Schema(
        key=ID(stored=True, unique=True, sortable=True),
        kind=ID,
        family=ID,
        status=ID,
        topic=KEYWORD(lowercase=True),
        syn=KEYWORD(lowercase=True),
        number=KEYWORD(lowercase=True),
        codes=KEYWORD(lowercase=True),
        docno=KEYWORD,
        docref=KEYWORD,
        name=TEXT(analyzer=text, phrase=True),
        points=TEXT(analyzer=text, phrase=True),
        rest=TEXT(analyzer=text, phrase=True),
        vocab=TEXT(analyzer=VocabularyAnalyzer(), phrase=False),
    )


# -- query language --------------------------------------------------------------------------------

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


# -- query plan ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _SynGroup:
    """Words the user typed that name a topic, with what they were expanded to."""

    label: str  # what the user typed
    original: list[tuple[str, ...]]  # token sequences of the typed words, all of which must match
    expansions: list[tuple[str, tuple[str, ...]]]  # (synonym as written, its tokens)
    topics: list[tuple[str, str]]  # (topic id, topic name)


@dataclass(slots=True)
class _Plan:
    query: Any | None
    sequences: set[tuple[str, ...]]  # token sequences to highlight
    prefixes: set[str]
    pins_exact: set[str]
    pins_prefix: set[str]
    post_statuses: set[str]
    syn_groups: list[_SynGroup]
    spell_words: list[str]
    problems: list[str]
    invalid: str | None = None  # a keyword filter argument that names nothing: no results
    typed_groups: list[list[SpanFinder]] = field(default_factory=list)  # the typed words, to rank by field
    surfaces: dict[str, frozenset[str]] = field(default_factory=dict)  # stem → indexed words (SpanFinder)
    relaxed: str | None = None  # set when Chinese words were split apart because nothing matched
    _finders: dict[Any, SpanFinder] = field(default_factory=dict)

    def finder(self, seq: tuple[str, ...] | None = None, extra: tuple[tuple[str, ...], ...] = ()) -> SpanFinder:
        """A span finder for one sequence, or for everything typed (plus `extra` sequences)."""
        key = (seq, extra)
        if key not in self._finders:
            if seq:
                self._finders[key] = SpanFinder([seq], (), self.surfaces)
            else:
                self._finders[key] = SpanFinder([*self.sequences, *extra], self.prefixes, self.surfaces)
        return self._finders[key]


class _Or(wq.Or):  # type: ignore[misc]
    """Whoosh's Or, always as a tree of union matchers. Below 5,000 documents Whoosh's default
    preloads a 2,048-slot score array for every Or, which made the nested Ors of a synonym-expanded
    query cost ~10 ms on a 10-document index."""

    matcher_type = wq.Or.DEFAULT_MATCHER


def _any(subs: Sequence[Any]) -> Any:
    """One flat Or. Whoosh re-estimates the size of every subquery at every level of nested Ors
    (a term lookup each), so nesting multiplies the cost of an expanded query."""
    flat: list[Any] = []
    for q in subs:
        flat += q.subqueries if isinstance(q, _Or) else [q]
    return flat[0] if len(flat) == 1 else _Or(flat)


def _text_query(tokens: Sequence[str]) -> Any:
    subs = []
    for fname, boost in FIELD_BOOSTS:
        if len(tokens) == 1:
            subs.append(wq.Term(fname, tokens[0], boost=boost))
        else:
            subs.append(wq.Phrase(fname, list(tokens), boost=boost))
    return _any(subs)


def _unit_tokens(unit: _Unit) -> list[str]:
    return query_tokens(unit.text)


@lru_cache(maxsize=4096)
def _contains(longer: str, shorter: str) -> bool:
    """Whether one synonym holds another ("钕铁硼" holds "钕"), as the search would see it."""
    return bool(match_spans(longer, {tuple(query_tokens(shorter))}, set()))


def _unit_spec(unit: _Unit) -> tuple[tuple[str, ...], str | None] | None:
    """What to look for to see where a typed word, phrase or prefix occurs in a text: a token
    sequence or a Latin prefix. None for codes and citations, which the pins rank."""
    if unit.kind == "prefix" and not analysis.is_cjk(unit.text):
        words = analysis.words(unit.text)
        return ((), words[0]) if words else None
    if unit.kind in ("word", "phrase", "prefix") and not (unit.kind == "word" and CODE_LIKE.fullmatch(unit.text)):
        toks = tuple(query_tokens(unit.text))
        return (toks, None) if toks else None
    return None


class _VerifiedStorage(FileStorage):  # type: ignore[misc]
    """A read-only index folder whose files Whoosh sees only after they match the signed sentinel.

    Whoosh lists the folder to find the newest TOC and unpickles it, so a file planted there would
    run code. Here `list()` is the sentinel's file list and `open_file()` serves bytes checked against
    the sentinel's SHA-256, from memory (so the file cannot change between the check and the read).
    A file removed or replaced on disk is noticed (stat) and checked again, so a damaged index still
    fails loudly and is rebuilt."""

    supports_mmap = False

    def __init__(self, path: Path, digests: Mapping[str, str]) -> None:
        super().__init__(str(path), supports_mmap=False, readonly=True)
        self._digests = dict(digests)
        self._verified: dict[str, tuple[tuple[int, ...], bytes]] = {}
        self._guard = threading.Lock()

    def list(self) -> list[str]:
        return sorted(self._digests)

    def file_exists(self, name: str) -> bool:
        return name in self._digests and os.path.exists(self._fpath(name))

    def file_length(self, name: str) -> int:
        return len(self._bytes(name))

    def file_modified(self, name: str) -> float:
        return float(os.stat(self._fpath(name)).st_mtime)

    def open_file(self, name: str, **kwargs: Any) -> Any:
        return BufferFile(memoryview(self._bytes(name)), name=name, **kwargs)

    def _bytes(self, name: str) -> bytes:
        from catalogue.safe_files import read_capped

        expected = self._digests.get(name)
        if expected is None:
            raise FileNotFoundError(2, "not a file of this index", name)
        path = Path(self._fpath(name))
        info = path.stat()  # a file removed under a running engine fails here, and the engine rebuilds
        ident = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        with self._guard:
            known = self._verified.get(name)
            if known is not None and known[0] == ident:
                return known[1]
        data = read_capped(path, INDEX_FILE_MAX_BYTES)
        if hashlib.sha256(data).hexdigest() != expected:
            raise ValueError(f"{name} is not the file the index was built with")
        with self._guard:
            self._verified[name] = (ident, data)
        return data


def _sentinel_mac(key: bytes, sentinel: Mapping[str, Any]) -> str:
    body = json.dumps({k: v for k, v in sentinel.items() if k != "mac"}, sort_keys=True, separators=(",", ":"))
    return cache_guard.sign(key, _SENTINEL_PURPOSE, body.encode("utf-8")).hex()


class SearchEngine:
    """Search over one loaded `Catalogue`, with its index in `cache_dir` (see the module doc)."""

    def __init__(self, catalogue: Catalogue, cache_dir: Path | str | None = None) -> None:
        self._cat = catalogue
        self._cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._lock = threading.RLock()
        self._ix: Any = None
        self._stats: IndexStats | None = None
        self._keys: list[str] = []
        self._rebuilt_after_failure = False
        self._key: bytes | None = None
        self._surfaces: dict[str, frozenset[str]] = {}  # stem → the indexed words that have it
        # Statuses of the day last asked about: the data never changes under an engine, and a status
        # filter or the ranking asks for the status of every hit.
        self._status_day: dt.date | None = None
        self._statuses: dict[str, Status] = {}
        self._synonyms, self._topic_forms = topic_synonyms(catalogue)
        docs = build_documents(catalogue, self._topic_forms)
        self._docs: dict[str, _Doc] = {d.key: d for d in docs}
        self._doc_order = [d.key for d in docs]
        self._position = {key: i for i, key in enumerate(self._doc_order)}
        self._digest = hashlib.sha256("\n".join(self._doc_order).encode()).hexdigest()[:16]
        self._exact_codes: dict[str, set[str]] = {}
        prefixable: list[tuple[str, str]] = []
        for d in docs:
            for c in d.codes | d.numbers:
                self._exact_codes.setdefault(c, set()).add(d.key)
                prefixable.append((c, d.key))
            for c in d.docnos:
                self._exact_codes.setdefault("DOC:" + c, set()).add(d.key)
        self._prefixable = sorted(prefixable)

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        return self._cat

    @property
    def index_dir(self) -> Path:
        return self._cache_dir / INDEX_SUBDIR / f"ix-{analysis_signature()}-{self._cat.fingerprint}"

    def close(self) -> None:
        with self._lock:
            if self._ix is not None:
                self._ix.close()
            self._ix = None
            self._stats = None
            self._surfaces.clear()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_index(self, progress: ProgressCallback | None = None) -> IndexStats:
        """Open the index, building it first when it is missing, stale or damaged."""
        with self._lock:
            if self._ix is not None and self._stats is not None:
                return self._stats
            stats = self._open_or_build(progress, force=False)
            if len(self._docs) <= WARM_DOCUMENTS:
                # Fold and join every document's text now (~20 ms for the shipped data) rather
                # than during the first searches, which the user is waiting for.
                for doc in self._docs.values():
                    doc.sections()
            return stats

    def rebuild(self, progress: ProgressCallback | None = None) -> IndexStats:
        """Build the index afresh even if a valid one exists."""
        with self._lock:
            self.close()
            return self._open_or_build(progress, force=True)

    def _open_or_build(self, progress: ProgressCallback | None, force: bool) -> IndexStats:
        target = self.index_dir
        try:
            _folder, self._key = cache_guard.prepare(self._cache_dir, INDEX_SUBDIR)
        except cache_guard.UnsafeCache as exc:
            return self._build_in_memory(progress, str(exc))
        except OSError as exc:
            return self._build_in_memory(progress, f"the cache folder {target.parent} cannot be created ({exc})")
        if not force and target.exists():
            try:
                return self._open(target)
            except Exception as exc:  # any damage at all: the cure is the same, rebuild
                self.close()
                _release_files_of(exc)
                # A string, not the exception: a log handler that keeps records would keep the
                # traceback alive otherwise.
                log.warning("search index at %s is unusable (%s); rebuilding", target, f"{type(exc).__name__}: {exc}")
        try:
            built = self._build_on_disk(target, progress)
        except OSError as exc:
            return self._build_in_memory(progress, f"the cache folder {target.parent} cannot be written ({exc})")
        self._cleanup(target)
        return built

    def _sentinel_identity(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "analysis": analysis_signature(),
            "fingerprint": self._cat.fingerprint,
            "documents_digest": self._digest,
        }

    def _open(self, path: Path, rebuilt: bool = False) -> IndexStats:
        from catalogue.safe_files import read_capped

        assert self._key is not None
        sentinel = json.loads(read_capped(path / SENTINEL, SENTINEL_MAX_BYTES).decode("utf-8"))
        if not isinstance(sentinel, dict) or not isinstance(sentinel.get("mac"), str):
            raise ValueError("the index sentinel is not signed")
        if not hmac.compare_digest(sentinel["mac"], _sentinel_mac(self._key, sentinel)):
            raise ValueError("the index sentinel is not signed with this user's cache key")
        for k, v in self._sentinel_identity().items():
            if sentinel.get(k) != v:
                raise ValueError(f"index was built for {k}={sentinel.get(k)!r}, need {v!r}")
        files: dict[str, int] = sentinel["files"]
        digests: dict[str, str] = sentinel["digests"]
        if set(files) != set(digests):
            raise ValueError("the index sentinel lists different files for sizes and digests")
        for name, size in files.items():
            actual = (path / name).stat().st_size
            if actual != size:
                raise ValueError(f"{name} is {actual} bytes, expected {size}")
        ix = _VerifiedStorage(path, digests).open_index()
        try:
            keys = self._read_keys(ix)
            if len(keys) != sentinel["documents"]:
                raise ValueError(f"index holds {len(keys)} documents, expected {sentinel['documents']}")
        except BaseException:
            ix.close()
            raise
        self._ix, self._keys = ix, keys
        self._stats = IndexStats(
            documents=len(keys),
            size_bytes=sum(files.values()),
            build_seconds=sentinel.get("build_seconds"),
            fingerprint=self._cat.fingerprint,
            path=str(path),
            in_memory=False,
            rebuilt=rebuilt,
            built_at=sentinel.get("built_at"),
        )
        if not rebuilt:
            with contextlib.suppress(OSError):  # marks it recently used for _cleanup; read-only is fine
                os.utime(path)
        return self._stats

    @staticmethod
    def _read_keys(ix: Any) -> list[str]:
        with ix.searcher() as s:
            reader = s.reader()
            if s.doc_count_all() == 0:
                return []  # a data folder with no instrument at all: an empty index, not a broken one
            if not reader.has_column("key"):
                raise ValueError("index has no key column")
            keys = [k if isinstance(k, str) else k.decode("utf-8") for k in reader.column_reader("key")]
            if len(keys) != s.doc_count_all() or s.doc_count() != s.doc_count_all():
                raise ValueError("index has deleted or missing documents")
        return keys

    def _write_all(self, ix: Any, progress: ProgressCallback | None) -> None:
        writer = ix.writer(limitmb=128)
        try:
            total = len(self._doc_order)
            for i, key in enumerate(self._doc_order, 1):
                writer.add_document(**self._docs[key].fields())
                if progress is not None:
                    progress(i, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _build_on_disk(self, target: Path, progress: ProgressCallback | None) -> IndexStats:
        started = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
        try:
            storage = FileStorage(str(tmp), supports_mmap=False)
            ix = storage.create_index(make_schema())
            try:
                self._write_all(ix, progress)
            finally:
                ix.close()
            files = {}
            digests = {}
            for p in sorted(tmp.iterdir()):
                if p.is_file() and p.suffix in (".toc", ".seg"):
                    with open(p, "rb") as fh:  # the data must be on disk before the rename says "done"
                        os.fsync(fh.fileno())
                        digests[p.name] = hashlib.sha256(fh.read()).hexdigest()
                    files[p.name] = p.stat().st_size
            seconds = time.perf_counter() - started
            sentinel: dict[str, Any] = {
                **self._sentinel_identity(),
                "documents": len(self._doc_order),
                "files": files,
                "digests": digests,
                "build_seconds": round(seconds, 3),
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "whoosh": whoosh.versionstring(),
            }
            assert self._key is not None
            sentinel["mac"] = _sentinel_mac(self._key, sentinel)
            (tmp / SENTINEL).write_text(json.dumps(sentinel, indent=1), encoding="utf-8")
            self._swap_into_place(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return self._open(target, rebuilt=True)

    @staticmethod
    def _swap_into_place(tmp: Path, target: Path) -> None:
        if target.exists():
            # A damaged or forced-out index: move it aside first (a rename, so still no half state),
            # then delete it once the new one is in place.
            trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=target.parent))
            os.replace(target, trash / "old")
            try:
                os.replace(tmp, target)
            finally:
                shutil.rmtree(trash, ignore_errors=True)
            return
        try:
            os.replace(tmp, target)
        except OSError:
            if target.is_dir() and (target / SENTINEL).exists():
                shutil.rmtree(tmp, ignore_errors=True)  # another process finished the same build first
            else:
                raise

    def _build_in_memory(self, progress: ProgressCallback | None, reason: str) -> IndexStats:
        warning = f"Search index kept in memory and rebuilt at every start: {reason}."
        log.warning(warning)
        started = time.perf_counter()
        ix = RamStorage().create_index(make_schema())
        self._write_all(ix, progress)
        self._ix, self._keys = ix, self._read_keys(ix)
        self._stats = IndexStats(
            documents=len(self._keys),
            size_bytes=0,
            build_seconds=round(time.perf_counter() - started, 3),
            fingerprint=self._cat.fingerprint,
            path=None,
            in_memory=True,
            rebuilt=True,
            warning=warning,
        )
        return self._stats

    @staticmethod
    def _cleanup(current: Path, keep: int = 3) -> None:
        """Remove leftovers: old builds beyond the `keep` most recently used, stale temporary and
        trash folders. Best effort; another process may be using or removing them."""
        root = current.parent
        try:
            entries = list(root.iterdir())
        except OSError:
            return
        now = time.time()
        indexes = []
        for p in entries:
            try:
                age = now - p.stat().st_mtime
                if p.name.startswith((".build-", ".trash-")) and p.is_dir() and not p.is_symlink() and age > 3600:
                    shutil.rmtree(p, ignore_errors=True)
                elif _INDEX_NAME.match(p.name) and p != current and p.is_dir() and not p.is_symlink():
                    indexes.append((p.stat().st_mtime, p))
            except OSError:
                continue
        for _, p in sorted(indexes, reverse=True)[keep - 1 :]:
            shutil.rmtree(p, ignore_errors=True)

    # -- synonyms ----------------------------------------------------------------------------------

    def _resolve_topics(self, value: str) -> list[str]:
        v = value.strip()
        if v in self._cat.topics:
            return [v]
        low = v.lower().replace(" ", "-")
        if low in self._cat.topics:
            return [low]
        toks = tuple(query_tokens(v))
        return list(dict.fromkeys(topic_of(key) for key in self._synonyms.get(toks, [])))

    # -- planning ----------------------------------------------------------------------------------

    def _plan(
        self,
        parsed: ParsedQuery,
        reader: Any,
        status: str | None,
        kind: str | None,
        topic: str | None,
    ) -> _Plan:
        plan = _Plan(None, set(), set(), set(), set(), set(), [], [], list(parsed.problems))
        musts: list[Any] = []
        filters: list[Any] = []
        nots: list[Any] = []

        # Filters given as arguments: an unknown value names nothing, so nothing matches.
        for name, value in (("status", status), ("kind", kind), ("topic", topic)):
            if value:
                q, post, bad = self._filter_query(name, value, plan)
                if bad:
                    plan.invalid = bad
                    return plan
                if q is not None:
                    filters.append(q)
                plan.post_statuses |= post

        # Filters typed in the query: an unknown one becomes plain words.
        by_name: dict[str, list[Any]] = {}
        for unit in parsed.filters:
            q, post, bad = self._filter_query(unit.name, unit.text, plan)
            if bad:
                plan.problems.append(bad + "; searched as words")
                word_units = [_Unit("word", unit.text, negated=unit.negated)]
                if unit.negated:
                    parsed.negated += word_units
                else:
                    parsed.groups.append(word_units)
                continue
            if unit.negated:
                if q is not None:
                    nots.append(q)
                continue
            plan.post_statuses |= post
            if q is not None:
                by_name.setdefault(unit.name, []).append(q)
        filters += [_any(qs) for qs in by_name.values()]

        # Drop repeated words, and stop words from unquoted words unless nothing else is left.
        groups: list[list[_Unit]] = []
        seen: set[tuple[tuple[str, str], ...]] = set()
        for g in parsed.groups:
            key = tuple((u.kind, u.text.lower()) for u in g)
            if key not in seen:
                seen.add(key)
                groups.append(g)
        content = [
            g for g in groups if not (len(g) == 1 and g[0].kind == "word" and g[0].text.lower() in analysis.STOP_WORDS)
        ]
        if content:
            groups = content

        typed_specs: list[list[tuple[tuple[str, ...], str | None]]] = []  # (sequence, prefix) per group
        for group, syn in self._with_synonyms(groups, reader, plan):
            if syn is not None:
                musts.append(syn)
                typed_specs += [[(seq, None)] for seq in plan.syn_groups[-1].original]
                continue
            specs = [_unit_spec(u) for u in group]
            if all(sp is not None for sp in specs):  # a group with a code or citation is left to the pins
                typed_specs.append([sp for sp in specs if sp is not None])
            subs = [q for u in group if (q := self._alternative_query(u, reader, plan)) is not None]
            if subs:
                musts.append(_any(subs))
            elif all(u.kind in ("word", "phrase") for u in group):
                continue  # only punctuation: nothing to search for
            else:
                musts.append(wq.NullQuery)
        for unit in parsed.negated:
            q = self._unit_query(unit, reader, plan, highlight=False)
            if q is not None:
                nots.append(q)

        self._fill_surfaces(plan, reader, typed_specs)
        plan.typed_groups = [
            [SpanFinder([seq] if seq else [], [prefix] if prefix else [], plan.surfaces) for seq, prefix in group]
            for group in typed_specs
        ]
        if musts:
            main = musts[0] if len(musts) == 1 else wq.And(musts)
        elif filters or plan.post_statuses or (nots and not parsed.groups):
            main = wq.Every()
        else:
            return plan
        if filters:
            main = wq.And([main, *filters])
        if nots:
            # Not AndNot: whoosh-reloaded 2.7.5's AndNotMatcher lets the first document through even
            # when the excluded query matches it (tests/test_search.py shows the case).
            main = wq.And([main, wq.Not(_any(nots))])
        plan.query = main
        return plan

    def _fill_surfaces(self, plan: _Plan, reader: Any, typed: list[list[tuple[tuple[str, ...], str | None]]]) -> None:
        """Look up, in the vocabulary field, the words behind every Latin term the snippets and
        the ranking will look for (see SpanFinder). The index never changes under an engine, so
        the answers are kept."""
        seqs = [*plan.sequences, *(seq for group in typed for seq, _p in group if seq)]
        seqs += [toks for g in plan.syn_groups for _f, toks in g.expansions]
        for seq in seqs:
            term = seq[0]
            if term in plan.surfaces or analysis.is_cjk(term):
                continue
            if term not in self._surfaces:
                found = set()
                for btext in reader.expand_prefix("vocab", analysis.stem_needle(term) if term.isalpha() else term):
                    word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                    if analysis.normalize_word(word) == term:
                        found.add(word)
                if len(self._surfaces) > 4096:  # bounded: queries are user input
                    self._surfaces.clear()
                self._surfaces[term] = frozenset(found)
            plan.surfaces[term] = self._surfaces[term]

    def _filter_query(self, name: str, value: str, plan: _Plan) -> tuple[Any | None, set[str], str | None]:
        values = [v.strip() for v in re.split(r"[,|]", value) if v.strip()]
        if not values:
            return None, set(), f"{name}: needs a value"
        subs: list[Any] = []
        post: set[str] = set()
        for v in values:
            low = v.lower().replace("-", "_").replace(" ", "_")
            if name == "status":
                low = status_filter_value(v)
                if low in STATIC_STATUSES:
                    subs.append(wq.Term("status", low))
                elif low in TIME_STATUSES:
                    post.add(low)
                else:
                    return None, set(), f"unknown status {_quote(v)} (use {', '.join(STATIC_STATUSES + TIME_STATUSES)})"
            elif name == "kind":
                low = {"entries": "entry", "laws": "law", "items": "item", "clauses": "clause"}.get(low, low)
                low = low[:-1] if low.endswith("s") and low[:-1] in KINDS else low
                if low not in KINDS:
                    return None, set(), f"unknown kind {_quote(v)} (use {', '.join(KINDS)})"
                subs.append(_any([wq.Term("kind", low), wq.Term("family", low)]))
            elif name == "topic":
                ids = self._resolve_topics(v)
                if not ids:
                    return None, set(), f"unknown topic {_quote(v)}"
                subs += [wq.Term("topic", t) for t in ids]
            else:  # number
                code = normalize_code(v.rstrip("*"))
                if not code:
                    return None, set(), "number: needs a value"
                subs.append(wq.Prefix("number", code.lower()))
        if not subs:
            return None, post, None
        return (_any(subs)), post, None

    def _prefix_matches(self, code: str, min_len: int = 4) -> Iterator[tuple[str, str]]:
        if len(code) < min_len:
            return
        i = bisect_left(self._prefixable, (code, ""))
        while i < len(self._prefixable) and self._prefixable[i][0].startswith(code):
            yield self._prefixable[i]
            i += 1

    def _with_synonyms(
        self, groups: list[list[_Unit]], reader: Any, plan: _Plan
    ) -> Iterator[tuple[list[_Unit], Any | None]]:
        """Yield each group, or, for runs of words that name a topic, one synonym-expanded query."""
        i = 0
        while i < len(groups):
            found = None
            if len(groups[i]) == 1 and groups[i][0].kind in ("word", "phrase"):
                run: list[tuple[str, ...]] = []
                for j in range(i, min(len(groups), i + 6)):
                    g = groups[j]
                    if len(g) != 1 or g[0].kind not in ("word", "phrase") or (j > i and g[0].kind == "phrase"):
                        break
                    run.append(tuple(_unit_tokens(g[0])))
                for end in range(len(run), 0, -1):
                    toks = tuple(t for part in run[:end] for t in part)
                    if toks in self._synonyms:
                        found = (end, toks)
                        break
            if found is None:
                yield groups[i], None
                i += 1
                continue
            end, toks = found
            units = [g[0] for g in groups[i : i + end]]
            yield [], self._synonym_query(units, toks, reader, plan)
            i += end

    def _alternative_query(self, unit: _Unit, reader: Any, plan: _Plan) -> Any | None:
        """One side of an OR (or a lone word): expanded by synonyms when it names a topic."""
        if unit.kind in ("word", "phrase"):
            toks = tuple(_unit_tokens(unit))
            if toks in self._synonyms:
                return self._synonym_query([unit], toks, reader, plan)
        return self._unit_query(unit, reader, plan, highlight=True)

    def _synonym_query(self, units: list[_Unit], toks: tuple[str, ...], reader: Any, plan: _Plan) -> Any:
        label = " ".join(u.text for u in units)
        parts = [q for u in units if (q := self._unit_query(u, reader, plan, highlight=True)) is not None]
        original = parts[0] if len(parts) == 1 else wq.And(parts)
        group = _SynGroup(label, [tuple(t) for u in units if (t := _unit_tokens(u))], [], [])
        plan.sequences.add(toks)  # "rare earth" typed as two words highlights as one
        subs = [original]
        for key in self._synonyms[toks]:
            topic = self._cat.topics[topic_of(key)]
            for form, ftoks in self._topic_forms.get(key, []):
                if ftoks != toks and all(ftoks != f for _, f in group.expansions):
                    group.expansions.append((form, ftoks))
            group.topics.append((key, topic.name.en or topic.id))
            # Documents that contain any of the key's synonyms were tagged at indexing (field syn).
            subs.append(wq.Term("syn", key, boost=SYNONYM_BOOST))
            if key == topic.id:  # a word for the whole topic also finds what is tagged with it
                subs.append(wq.Term("topic", key, boost=TOPIC_BOOST))
        plan.syn_groups.append(group)
        return _any(subs)

    def _unit_query(self, unit: _Unit, reader: Any, plan: _Plan, highlight: bool) -> Any | None:
        if unit.kind == "docno":
            if highlight:
                plan.pins_exact |= self._exact_codes.get("DOC:" + unit.text, set())
            return _any(
                [wq.Term("docno", unit.text, boost=DOCNO_BOOST), wq.Term("docref", unit.text, boost=DOCREF_BOOST)]
            )
        if unit.kind == "prefix":
            return self._prefix_query(unit, reader, plan, highlight)
        toks = _unit_tokens(unit)
        subs: list[Any] = []
        if toks:
            subs.append(_text_query(toks))
            if highlight:
                plan.sequences.add(tuple(toks))
        if unit.kind == "word" and CODE_LIKE.fullmatch(unit.text):
            code = normalize_code(unit.text)
            subs.append(wq.Term("codes", code.lower(), boost=CODE_BOOST))
            if len(code) >= 4:
                subs.append(wq.Prefix("codes", code.lower(), boost=CODE_BOOST / 2))
            if highlight:
                plan.pins_exact |= self._exact_codes.get(code, set())
                plan.pins_prefix |= {k for _c, k in self._prefix_matches(code)}
        elif highlight and unit.kind == "word" and len(toks) == 1 and re.fullmatch(r"[A-Za-z]{4,}", unit.text):
            plan.spell_words.append(unit.text)
        if not subs:
            return None
        return _any(subs)

    def _prefix_query(self, unit: _Unit, reader: Any, plan: _Plan, highlight: bool) -> Any | None:
        core = unit.text
        if analysis.is_cjk(core) or not re.search(r"\w", core):
            return self._unit_query(_Unit("word", core, negated=unit.negated), reader, plan, highlight)
        words = analysis.words(core)
        if len(words) != 1 or len(words[0]) < 2:
            plan.problems.append(f"{core}* is too short or not a single word for a wildcard; searched as a word")
            return self._unit_query(_Unit("word", core, negated=unit.negated), reader, plan, highlight)
        prefix = words[0]
        expanded: list[str] = []
        for btext in reader.expand_prefix("vocab", prefix):
            expanded.append(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
            if len(expanded) >= 20 * MAX_PREFIX_TERMS:
                break
        if len(expanded) > MAX_PREFIX_TERMS:  # keep the commonest words; each costs a lookup per field
            expanded.sort(key=lambda w: (-reader.doc_frequency("vocab", w), w))
            plan.problems.append(f"{core}* stands for too many words; only the {MAX_PREFIX_TERMS} commonest were used")
        stems = sorted({stem(w) if w.isalpha() else w for w in expanded[:MAX_PREFIX_TERMS]})
        subs = [_text_query([s]) for s in stems]
        if CODE_LIKE.fullmatch(core):
            code = normalize_code(core)
            subs.append(wq.Prefix("codes", code.lower(), boost=CODE_BOOST / 2))
            if highlight:
                plan.pins_prefix |= {k for _c, k in self._prefix_matches(code, 1)}
        if highlight:
            plan.prefixes.add(prefix)
        if not subs:
            return wq.NullQuery
        return _any(subs)

    # -- searching ---------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        as_of: dt.date | None = None,
        status: str | None = None,
        kind: str | None = None,
        topic: str | None = None,
    ) -> SearchResults:
        """Ranked hits for `query` (see the query language in the module doc). Never raises."""
        started = time.perf_counter()
        day = as_of or dt.date.today()
        try:
            return self._search(query, limit, day, status, kind, topic, started)
        except Exception as exc:
            # Damage the open-time checks could not see (a corrupt posting list) shows up here.
            error = f"{type(exc).__name__}: {exc}"
            _release_files_of(exc)
            log.warning("search failed (%s)", error)
        if not self._rebuilt_after_failure:
            # Rebuild once per engine and retry (out of the except block, so the failed reader's
            # files can be released); a failure after that is a bug, reported in `error`.
            self._rebuilt_after_failure = True
            try:
                with self._lock:
                    self.close()
                    self._open_or_build(None, force=True)
                return self._search(query, limit, day, status, kind, topic, started)
            except Exception as exc2:
                error = f"{type(exc2).__name__}: {exc2}"
                _release_files_of(exc2)
                log.error("search failed again after rebuilding the index:\n%s", traceback.format_exc())
        return SearchResults(
            query=query,
            total=0,
            hits=(),
            notice="Search failed; please report this. " + NOT_LISTED_NOTICE,
            degraded=True,
            as_of=day,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            error=error,
        )

    def _search(
        self,
        query: str,
        limit: int,
        day: dt.date,
        status: str | None,
        kind: str | None,
        topic: str | None,
        started: float,
    ) -> SearchResults:
        stats = self.ensure_index()
        parsed = parse_query(query if isinstance(query, str) else str(query))
        limit = max(0, int(limit))
        with self._ix.searcher() as searcher:
            plan = self._plan(parsed, searcher.reader(), status, kind, topic)
            notices = [f"Query read as plain words: {'; '.join(plan.problems)}."] if plan.problems else []
            if plan.invalid is not None:
                return self._results(query, 0, (), None, [plan.invalid + "."], bool(plan.problems), stats, day, started)
            if plan.query is None:
                return self._results(query, 0, (), None, notices, bool(plan.problems), stats, day, started)
            ranked, total = self._run(searcher, plan, day, limit)
            if not total and (relaxed := _relax(parsed)) is not None:
                # Nothing has the Chinese words as typed: try their two-character parts apart.
                plan = self._plan(relaxed[0], searcher.reader(), status, kind, topic)
                plan.relaxed = relaxed[1]
                ranked, total = self._run(searcher, plan, day, limit) if plan.query is not None else ([], 0)
                if total:
                    notices.append(f"No exact match; showing results with {relaxed[1]} (not necessarily together).")
            suggestion = self._suggest(query, plan, searcher)
            top = ranked[:limit]
            hits = tuple(self._hit(doc, score, pin, tier, plan, day) for pin, tier, score, doc in top)
        if not total:
            notices.append(NOT_LISTED_NOTICE)
        return self._results(query, total, hits, suggestion, notices, bool(plan.problems), stats, day, started)

    def _results(
        self,
        query: str,
        total: int,
        hits: tuple[Hit, ...],
        suggestion: str | None,
        notices: list[str],
        degraded: bool,
        stats: IndexStats,
        day: dt.date,
        started: float,
    ) -> SearchResults:
        return SearchResults(
            query=query,
            total=total,
            hits=hits,
            suggestion=suggestion,
            notice=" ".join(notices) or None,
            degraded=degraded,
            warning=stats.warning,
            as_of=day,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def _run(
        self, searcher: Any, plan: _Plan, day: dt.date, limit: int
    ) -> tuple[list[tuple[int, int, float, _Doc]], int]:
        """Hits in ranking order, and how many there are in all: exact number/code/document number
        first (prefix matches next), then by the best field the typed words matched in (name,
        control point or summary, the rest; synonym-only matches last), current before
        historical, then score, then stable tie-breaks (kind, number, id).

        Only the best-scoring candidates are ranked this way (all of them up to RANK_DEPTH, and
        for the shipped data that is every hit): ranking needs each hit's text, and doing that
        for thousands of hits costs more than the search. The total is exact either way."""
        depth = None if plan.post_statuses else max(RANK_DEPTH, 4 * limit)
        raw = searcher.search(plan.query, limit=depth)
        total = len(raw)  # Whoosh counts the hits beyond `depth` without scoring them
        out: list[tuple[tuple[Any, ...], int, int, float, _Doc]] = []
        for score, docnum in raw.top_n:
            doc = self._docs.get(self._keys[docnum]) if docnum < len(self._keys) else None
            if doc is None:
                continue
            status = self._status(doc, day)
            # Current first, then what the data cannot place on the day, then historical.
            standing = 2 if status.historical else 1 if status.state is State.UNKNOWN else 0
            if plan.post_statuses and not _status_matches(status, plan.post_statuses):
                continue
            pin = 2 if doc.key in plan.pins_exact else 1 if doc.key in plan.pins_prefix else 0
            tier = _field_tier(doc, plan.typed_groups)
            # Within a tier a whole instrument or catalogue entry comes before its own clauses and
            # items: "gallium" should show the gallium rule before its eight item rows, whose short
            # names would otherwise win on score alone.
            # An exact code or number, though, names the item itself: there the item stays first.
            part = 1 if pin == 0 and doc.kind in ("clause", "item") else 0
            key = (
                -pin,
                tier,
                standing,
                part,
                -round(score, 6),
                _KIND_ORDER.get(doc.kind, 9),
                doc.number or "~",
                doc.key,
            )
            out.append((key, pin, tier, score, doc))
        out.sort(key=lambda x: x[0])
        if plan.post_statuses:
            total = len(out)  # the filter ran here, on every hit
        ranked = [(pin, tier, score, doc) for _k, pin, tier, score, doc in out]
        return _varied(self._in_text_order(ranked)), total

    def _in_text_order(self, ranked: list[tuple[int, int, float, _Doc]]) -> list[tuple[int, int, float, _Doc]]:
        """Within one field tier, a measure's clauses and items keep the places they won but fill them
        in the order of the measure's own text: "镓" lists 金属镓 (item 1) before 砷化镓, as the
        announcement does, rather than by a score that only word counts separate."""
        slots: dict[tuple[str | None, int, int], list[int]] = {}
        for i, (pin, tier, _score, doc) in enumerate(ranked):
            if pin == 0 and doc.kind in ("clause", "item"):
                slots.setdefault((doc.parent_id, tier, doc.kind == "item"), []).append(i)
        out = list(ranked)
        for positions in slots.values():
            members = sorted((ranked[i] for i in positions), key=lambda r: self._position.get(r[3].key, 0))
            for i, member in zip(positions, members, strict=True):
                out[i] = member
        return out

    def hit_status(self, ident: str, day: dt.date) -> Status | None:
        """The status a hit for `ident` carries on `day` (the status engine's answer), or None when
        the index has no such document."""
        doc = self._docs.get(ident)
        return self._status(doc, day) if doc is not None else None

    def _status(self, doc: _Doc, day: dt.date) -> Status:
        """The status engine's answer for a hit, kept for the day."""
        with self._lock:
            if day != self._status_day:
                self._status_day, self._statuses = day, {}
            found = self._statuses.get(doc.key)
            if found is None:
                assert doc.status_fn is not None  # every document is built with one
                found = self._statuses[doc.key] = doc.status_fn(day)
            return found

    def _suggest(self, query: str, plan: _Plan, searcher: Any) -> str | None:
        reader = searcher.reader()
        suggestion = query
        changed = False
        for word in plan.spell_words:
            low = word.lower()
            if reader.doc_frequency("vocab", low) > 0:
                continue
            term = analysis.normalize_word(low)  # "tunnel" is known when "tunnels" is indexed
            if any(reader.doc_frequency(fname, term) > 0 for fname, _b in FIELD_BOOSTS):
                continue
            # One edit first (most typos; cheap), two only for longer words and only if needed.
            found = searcher.suggest("vocab", low, limit=1, maxdist=1, prefix=1)
            if not found and len(low) >= 6:
                found = searcher.suggest("vocab", low, limit=1, maxdist=2, prefix=1)
            if found and found[0] != low:
                suggestion = re.sub(re.escape(word), found[0], suggestion, count=1, flags=re.IGNORECASE)
                changed = True
        return suggestion if changed else None

    @staticmethod
    def _matched_via(doc: _Doc, plan: _Plan) -> str | None:
        """Why a hit matched when the typed words did not: which synonyms, or the topic tag."""
        reasons: list[str] = []
        for group in plan.syn_groups:
            if all(_doc_has(doc, plan.finder(seq)) for seq in group.original):
                continue
            found = [f for tid, _name in group.topics for f in doc.syn_forms(tid) if f != group.label]
            # Name the most specific synonyms: "钕铁硼" rather than also "钕" found inside it.
            specific = [f for f in found if not any(g != f and _contains(g, f) for g in found)]
            forms = specific[:3]
            if forms:
                reasons.append(f"{group.label} → {', '.join(forms)}")
                continue
            names = [name for topic_id, name in group.topics if topic_id in doc.topics]
            if names:
                reasons.append(f"{group.label} → topic {', '.join(names)}")
        if plan.relaxed:
            reasons.append(f"words apart: {plan.relaxed}")
        return "; ".join(reasons) or None

    def _hit(self, doc: _Doc, score: float, pin: int, tier: int, plan: _Plan, day: dt.date) -> Hit:
        snippet, where = self._snippet(doc, plan)
        # A hit in a field tier matched the typed words themselves: no synonym to explain.
        explain = (plan.syn_groups and tier == _SYNONYM_TIER) or plan.relaxed
        via = self._matched_via(doc, plan) if explain else None
        status = self._status(doc, day)
        return Hit(
            id=doc.key,
            kind=doc.kind,
            number=doc.number,
            name_zh=doc.name_zh,
            name_en=doc.name_en,
            status=status.state.value,
            historical=status.historical,
            score=round(score, 4),
            snippet=snippet,
            matched_via=via,
            parent_id=doc.parent_id,
            exact=pin > 0,
            snippet_field=where,
            status_label=status.label,
            status_text=status.text,
            status_badge=status.badge,
            verified=status.verified,
            listing=status.listing,
        )

    # -- snippets ----------------------------------------------------------------------------------

    def _snippet(self, doc: _Doc, plan: _Plan) -> tuple[str, str | None]:
        """The best place to show: in the first section (control points or summary, rationale,
        notes and history, names) where the query matches, the text with the most matches."""
        extra: list[tuple[str, ...]] = []
        if plan.syn_groups:  # highlight the synonyms this document matched through, too
            forms = {f for g in plan.syn_groups for tid, _n in g.topics for f in doc.syn_forms(tid)}
            extra = sorted(t for g in plan.syn_groups for f, t in g.expansions if f in forms)
        finder = plan.finder(extra=tuple(extra))
        sections = doc.sections()
        for texts, joined, low in sections:
            if not finder.spans(joined, low, first=True):
                continue
            best: tuple[int, str, str, list[tuple[int, int]]] | None = None
            for label, text in texts:
                spans = finder.spans(text)
                if spans and (best is None or len(spans) > best[0]):
                    best = (len(spans), label, text, spans)
            if best is not None:
                return render_snippet(best[2], best[3]), best[1]
        for texts, _joined, _low in sections:
            if texts:
                label, text = texts[0]
                return render_snippet(text, []), label
        return "", None


_SYNONYM_TIER = 3  # matched only through synonyms, topics, codes or citations


FIRST_SCREEN = 12  # hits a reader sees without scrolling
PER_MEASURE_ON_FIRST_SCREEN = 3  # of one measure's clauses and items


def _varied(ranked: list[tuple[int, int, float, _Doc]]) -> list[tuple[int, int, float, _Doc]]:
    """Keep the first screen varied: beyond three clauses or items of one measure, its further rows
    give their places on the first twelve to hits that have the typed words in a name or a control
    point (exact number and code matches are never moved). "lithium" then shows the catalogue's
    lithium entries beside 2025 No. 58 instead of a screen of its items; "tungsten" still lists
    No. 10's items before passing mentions elsewhere. Nothing is dropped and the total is unchanged."""
    # Hits with the typed words in a name or control point, other than the measures' own rows: the
    # ones a crowded first screen would hide.
    waiting = sum(1 for pin, tier, _s, doc in ranked if tier <= 1 and not (pin == 0 and doc.kind in ("clause", "item")))
    shown: dict[str | None, int] = {}
    first: list[tuple[int, int, float, _Doc]] = []
    later: list[tuple[int, int, float, _Doc]] = []
    for hit in ranked:
        pin, tier, _score, doc = hit
        movable = pin == 0 and doc.kind in ("clause", "item")
        if not movable and tier <= 1:
            waiting -= 1
        if len(first) >= FIRST_SCREEN:
            later.append(hit)
            continue
        if movable:
            if shown.get(doc.parent_id, 0) >= PER_MEASURE_ON_FIRST_SCREEN and waiting > 0:
                later.append(hit)
                continue
            shown[doc.parent_id] = shown.get(doc.parent_id, 0) + 1
        first.append(hit)
    return first + later


def _status_matches(status: Status, wanted: set[str]) -> bool:
    """Whether a hit's status is one a `status:` filter asks for (the status engine's state words,
    plus "current" and "historical"). Past the check date, "in force" also finds what was in force on
    that date; the hit itself still says "not verified"."""
    if "current" in wanted and not status.historical:
        return True
    if "historical" in wanted and status.historical:
        return True
    return status.state.value in wanted or (status.as_checked is not None and status.as_checked.value in wanted)


def _field_tier(doc: _Doc, groups: list[list[SpanFinder]]) -> int:
    """0 if a typed word is in a name, 1 in a control point (summary, clause text), 2 elsewhere;
    _SYNONYM_TIER when the typed words alone do not match the document.

    Worked out on the document's text rather than by asking Whoosh field by field: for Chinese
    phrases that is several times cheaper, and it agrees with the index because the finder uses
    the index's tokenizer."""
    if not groups:
        return _SYNONYM_TIER
    points, rationale, body, name = doc.sections()
    ordered = ((0, name), (1, points), (2, rationale), (2, body))
    best = _SYNONYM_TIER
    for group in groups:
        found = None
        for tier, (_texts, joined, low) in ordered:
            if found is not None and tier >= found:
                break
            if joined and any(f.spans(joined, low, first=True) for f in group):
                found = tier
        if found is None:
            return _SYNONYM_TIER
        best = min(best, found)
    return best


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


def _doc_has(doc: _Doc, finder: SpanFinder) -> bool:
    return any(finder.spans(joined, low, first=True) for _texts, joined, low in doc.sections()) or any(
        finder.spans(t, first=True) for t in doc.name if t == doc.number
    )


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


def render_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """A window of `text` around the first match, HTML-escaped, with matches in <b class="match">.
    The data may contain anything, including markup; only our own tags survive."""
    if spans:
        first = spans[0][0]
        start = max(0, first - width // 4)
        if start > 0:  # start at a word boundary when one is near
            space = text.rfind(" ", max(0, start - 15), first)
            start = space + 1 if space >= 0 else start
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = space if space > start else end
    out = ["…" if start > 0 else ""]
    cur = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e or s < cur:
            continue
        out.append(html.escape(text[cur:s]))
        out.append(f'<b class="match">{html.escape(text[s:e])}</b>')
        cur = e
    out.append(html.escape(text[cur:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


_MATCH_TAG = re.compile(r'<b class="match">(.*?)</b>', re.DOTALL)


def snippet_plain(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A hit's snippet as plain text and the [start, end) character offsets of its matches — the
    form for JSON and terminals, where HTML has no place. The snippet's only markup is our own
    `<b class="match">` around escaped text (render_snippet), so this is exact."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    cur = 0
    for m in _MATCH_TAG.finditer(snippet):
        before = html.unescape(snippet[cur : m.start()])
        match = html.unescape(m.group(1))
        text += [before, match]
        length += len(before)
        spans.append((length, length + len(match)))
        length += len(match)
        cur = m.end()
    text.append(html.unescape(snippet[cur:]))
    return "".join(text), spans
