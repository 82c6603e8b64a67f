"""Bilingual full-text search over the catalogue, measures and laws: the engine the app talks to.

Everything outside this package sees `SearchEngine` and the frozen values `SearchResults`, `Hit` and
`IndexStats`, so the engine could be replaced (e.g. by SQLite FTS5, see docs/performance.md) without
touching `gui/`. Only this package imports Whoosh.

A search goes one way through the package: the query is read (`query`), planned against the index
(`plan`: synonyms, filters, pinned codes, an immutable `Plan`), run and ranked (`rank`), and each hit
gets its snippet, its "matched via" and the status engine's words for the day (`hits`). The index on
disk is `index.IndexStore`'s business; the documents are built once from the catalogue (`documents`).

The query language: words must all match; "quoted phrases"; `a OR b`; `NOT x` or `-x`; a trailing
wildcard (`magnet*`); filters `status:`, `kind:`, `topic:`, `number:` (values may be comma-separated,
filters may be negated). Chinese words match anywhere inside a run (bigram phrases), traditional
characters fold to simplified, English words are light-stemmed. Item numbers and their prefixes
(083201X, 0832), control and customs codes (1C902, 8112.92.90) and document numbers (2023 No. 23,
2023年第23号) jump to the top. Words that name a topic in topics.yaml also find its synonyms (a word
of a term group only its group), and such hits say so (`Hit.matched_via`). A query that cannot be read
as written never raises: it is searched as plain words, `degraded` is set and the notice says what
was ignored.

Ranking: exact numbers, codes and document numbers first (prefix matches next); then by the best
field the typed words are in (name, then control point / summary / clause text, then the rest;
synonym-only matches last); then current before historical on the as-of date; then whole entries,
measures and laws before their own clauses and items; then score; a measure's rows in the order of its
text; and a first screen that is not all one measure's items.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import traceback
from dataclasses import replace
from pathlib import Path
from typing import Any

from catalogue.i18n import N_, gettext
from catalogue.model import Catalogue
from catalogue.search import analysis
from catalogue.search.documents import _Doc, build_documents
from catalogue.search.hits import make_hit
from catalogue.search.index import INDEX_SUBDIR, IndexStore, _release_files_of, analysis_signature, default_cache_dir
from catalogue.search.plan import FIELD_BOOSTS, Plan, Planner
from catalogue.search.query import _relax, parse_query
from catalogue.search.rank import Ranker
from catalogue.search.results import Hit, IndexStats, ProgressCallback, SearchResults
from catalogue.search.snippets import snippet_plain
from catalogue.search.vocabulary import topic_synonyms
from catalogue.time import Status

log = logging.getLogger(__name__)

__all__ = ["Hit", "IndexStats", "SearchEngine", "SearchResults", "snippet_plain"]


WARM_DOCUMENTS = 2000  # up to this many documents, prepare every snippet text when the index opens

NOT_LISTED_NOTICE = N_(
    "Nothing matched. Not being listed here does not mean an item or technology may be exported freely: "
    "under the catch-all and end-use rules of the Export Control Law (Art. 12; also Art. 14 of the "
    "Dual-use Items Export Control Regulations), an exporter must still apply for a licence for unlisted "
    "goods, technologies or services it knows, should know or is told may endanger national security or "
    "interests, or serve weapons of mass destruction or terrorism. This data is also incomplete."
)


class SearchEngine:
    """Search over one loaded `Catalogue`, with its index in `cache_dir` (see the module doc)."""

    def __init__(self, catalogue: Catalogue, cache_dir: Path | str | None = None) -> None:
        self._cat = catalogue
        self._cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        synonyms, topic_forms = topic_synonyms(catalogue)
        docs = build_documents(catalogue, topic_forms)
        self._docs: dict[str, _Doc] = {d.key: d for d in docs}
        order = [d.key for d in docs]
        exact_codes: dict[str, set[str]] = {}
        prefixable: list[tuple[str, str]] = []
        for d in docs:
            for c in d.codes | d.numbers:
                exact_codes.setdefault(c, set()).add(d.key)
                prefixable.append((c, d.key))
            for c in d.docnos:
                exact_codes.setdefault("DOC:" + c, set()).add(d.key)
        self._store = IndexStore(self._docs, order, catalogue.fingerprint, self._cache_dir)
        self._planner = Planner(catalogue, synonyms, topic_forms, exact_codes, sorted(prefixable), self._chain_text)
        self._ranker = Ranker(self._docs, order)
        self._rebuilt_after_failure = False

    def _chain_text(self, docnum: int, fieldname: str) -> str:
        """A document's field as Chinese phrase queries check it (catalogue.search.phrases)."""
        return self._docs[self._store.keys[docnum]].chain_text(fieldname)

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        return self._cat

    @property
    def index_dir(self) -> Path:
        return self._cache_dir / INDEX_SUBDIR / f"ix-{analysis_signature()}-{self._cat.fingerprint}"

    def close(self) -> None:
        with self._store.lock:
            self._store.close()
            self._planner.forget()

    def __enter__(self) -> SearchEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_index(self, progress: ProgressCallback | None = None) -> IndexStats:
        """Open the index, building it first when it is missing, stale or damaged."""
        with self._store.lock:
            stats = self._store.open_or_build(progress, force=False)
            if len(self._docs) <= WARM_DOCUMENTS:
                # Fold and join every document's text now (~20 ms for the shipped data) rather
                # than during the first searches, which the user is waiting for.
                for doc in self._docs.values():
                    doc.sections()
            return stats

    def rebuild(self, progress: ProgressCallback | None = None) -> IndexStats:
        """Build the index afresh even if a valid one exists."""
        with self._store.lock:
            self._planner.forget()
            return self._store.open_or_build(progress, force=True)

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
                self.rebuild()
                return self._search(query, limit, day, status, kind, topic, started)
            except Exception as exc2:
                error = f"{type(exc2).__name__}: {exc2}"
                _release_files_of(exc2)
                log.error("search failed again after rebuilding the index:\n%s", traceback.format_exc())
        return SearchResults(
            query=query,
            total=0,
            hits=(),
            notice=gettext("Search failed; please report this.") + " " + gettext(NOT_LISTED_NOTICE),
            degraded=True,
            as_of=day,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            error=error,
        )

    def hit_status(self, ident: str, day: dt.date) -> Status | None:
        """The status a hit for `ident` carries on `day` (the status engine's answer), or None when
        the index has no such document."""
        doc = self._docs.get(ident)
        return self._ranker.status(doc, day) if doc is not None else None

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
        keys = self._store.keys
        with self._store.searcher() as searcher:
            plan = self._planner.plan(parsed, searcher.reader(), status, kind, topic)
            problems = "; ".join(plan.problems)
            notices = [gettext("Query read as plain words: {problems}.").format(problems=problems)] if problems else []
            if plan.invalid is not None:
                return _results(query, 0, (), None, [plan.invalid + "."], bool(plan.problems), stats, day, started)
            if plan.query is None:
                return _results(query, 0, (), None, notices, bool(plan.problems), stats, day, started)
            ranked, total = self._ranker.run(searcher, keys, plan, day, limit)
            if not total and (relaxed := _relax(parsed)) is not None:
                # Nothing has the Chinese words as typed: try their two-character parts apart.
                plan = self._planner.plan(relaxed[0], searcher.reader(), status, kind, topic)
                plan = _with_relaxed(plan, relaxed[1])
                ranked, total = (
                    self._ranker.run(searcher, keys, plan, day, limit) if plan.query is not None else ([], 0)
                )
                if total:
                    line = gettext("No exact match; showing results with {words} (not necessarily together).")
                    notices.append(line.format(words=relaxed[1]))
            suggestion = _suggest(query, plan, searcher)
            hits = tuple(
                make_hit(doc, self._ranker.status(doc, day), score, pin, tier, plan)
                for pin, tier, score, doc in ranked[:limit]
            )
        if not total:
            notices.append(gettext(NOT_LISTED_NOTICE))
        return _results(query, total, hits, suggestion, notices, bool(plan.problems), stats, day, started)


def _with_relaxed(plan: Plan, relaxed: str) -> Plan:
    return replace(plan, relaxed=relaxed)


def _results(
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


def _suggest(query: str, plan: Plan, searcher: Any) -> str | None:
    """A corrected query ("gallium" for "galium") when a typed Latin word is in no document."""
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
