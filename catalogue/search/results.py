"""What a search returns: frozen value types the rest of the app reads (no Whoosh object leaks out)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from catalogue.i18n import gettext

log = logging.getLogger(__name__)


ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class IndexStats:
    documents: int
    size_bytes: int  # on disk; 0 for an in-memory index
    build_seconds: float | None  # of the build that made this index (from the sentinel on a warm start)
    fingerprint: str  # the data fingerprint the index was built from
    path: str | None  # None when in memory
    in_memory: bool
    rebuilt: bool  # built by this call rather than opened
    schema_version: int
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
    status_badge_key: str | None = None  # the badge's English word in any language (colours, comparisons)

    def tags(self) -> list[tuple[str, str]]:
        """What a result's tags say: a catalogue item's list, then the status engine's badge when it
        says something else ("restricted", "not verified"). Each as (its English word, which picks a
        colour and is what is compared; the word shown, in the current language)."""
        tags = [(self.listing, gettext(self.listing))] if self.listing else []
        key = self.status_badge_key or self.status_badge
        if self.status_badge and key and key != self.listing:
            tags.append((key, self.status_badge))
        return tags


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
