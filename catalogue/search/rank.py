"""Ranking: exact numbers and codes first, then the best field the typed words are in, current before
historical, then score; a measure's rows in the order of its text; a varied first screen."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from catalogue.i18n import current_language
from catalogue.search.documents import _Doc
from catalogue.search.plan import Plan
from catalogue.search.scoring import collect
from catalogue.search.spans import SpanFinder
from catalogue.search.vocabulary import KINDS
from catalogue.time import State, Status

log = logging.getLogger(__name__)


RANK_DEPTH = 300  # hits ranked by field, history and score; beyond it, Whoosh's score order


_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}


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


def _status_matches(status: Status, wanted: frozenset[str] | set[str]) -> bool:
    """Whether a hit's status is one a `status:` filter asks for (the status engine's state words,
    plus "current" and "historical"). Past the check date, "in force" also finds what was in force on
    that date; the hit itself still says "not verified"."""
    if "current" in wanted and not status.historical:
        return True
    if "historical" in wanted and status.historical:
        return True
    return status.state.value in wanted or (status.as_checked is not None and status.as_checked.value in wanted)


def _field_tier(doc: _Doc, groups: Sequence[Sequence[SpanFinder]]) -> int:
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


class Ranker:
    """Orders one query's hits and keeps the status engine's answers for the day last asked about
    (the data never changes under an engine, and a status filter or the ranking asks for every hit's)."""

    def __init__(self, docs: Mapping[str, _Doc], order: Sequence[str]) -> None:
        self._docs = docs
        self._position = {key: i for i, key in enumerate(order)}
        self._lock = threading.Lock()
        self._status_day: tuple[dt.date, str] | None = None
        self._statuses: dict[str, Status] = {}

    def run(
        self, searcher: Any, keys: Sequence[str], plan: Plan, day: dt.date, limit: int
    ) -> tuple[list[tuple[int, int, float, _Doc]], int]:
        """Hits in ranking order, and how many there are in all: exact number/code/document number
        first (prefix matches next), then by the best field the typed words matched in (name,
        control point or summary, the rest; synonym-only matches last), current before
        historical, then score, then stable tie-breaks (kind, number, id).

        Only the best-scoring candidates are ranked this way (all of them up to RANK_DEPTH, and
        for the shipped data that is every hit): ranking needs each hit's text, and doing that
        for thousands of hits costs more than the search. The total is exact either way."""
        depth = None if plan.post_statuses else max(RANK_DEPTH, 4 * limit)
        top, total = collect(searcher, plan.query, depth)  # the total counted in the same pass
        out: list[tuple[tuple[Any, ...], int, int, float, _Doc]] = []
        for score, docnum in top:
            doc = self._docs.get(keys[docnum]) if docnum < len(keys) else None
            if doc is None:
                continue
            status = self.status(doc, day)
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

    def status(self, doc: _Doc, day: dt.date) -> Status:
        """The status engine's answer for a hit, kept for the day."""
        with self._lock:
            # Kept per day and language: the words are written in the language current when asked.
            if (day, current_language()) != self._status_day:
                self._status_day, self._statuses = (day, current_language()), {}
            found = self._statuses.get(doc.key)
            if found is None:
                assert doc.status_fn is not None  # every document is built with one
                found = self._statuses[doc.key] = doc.status_fn(day)
            return found
