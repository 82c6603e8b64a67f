"""Whoosh's BM25F scores and top-N collection, computed the same way with less work per hit.

Scores, totals and the top candidates are exactly what Whoosh's defaults give
(tests/test_search_golden.py holds them to the answers recorded before this module existed); what
changes is how often the same thing is worked out:

- `FieldLengthBM25F`: BM25F needs each hit's field length. Whoosh reads it from the index for every
  posting of every term, through four calls; here each field's lengths are read once per segment
  into a list (the index never changes under an open searcher).
- `collect`: the exact total comes from the pass that finds the best candidates. Whoosh's default
  top-N collector skips blocks that cannot reach the top, so it cannot count, and `len(results)`
  then ran the whole query a second time.
"""

from __future__ import annotations

import threading
from typing import Any

from whoosh.collectors import TopCollector, UnlimitedCollector
from whoosh.scoring import BM25F, BM25FScorer


class _LengthScorer(BM25FScorer):  # type: ignore[misc]
    """BM25FScorer with `dfl` (document field length) looked up in a list instead of the index."""

    def __init__(
        self, searcher: Any, fieldname: str, text: bytes, B: float, K1: float, lengths: list[Any], qf: int = 1
    ) -> None:
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self.dfl = lengths.__getitem__


class FieldLengthBM25F(BM25F):  # type: ignore[misc]
    """Whoosh's BM25F (same parameters, same arithmetic) with field lengths read once per segment.

    One instance belongs to one open searcher: the lengths it keeps are those of that searcher's
    segments, which never change while it is open."""

    def __init__(self) -> None:
        super().__init__()
        self._lengths: dict[tuple[int, str], list[Any]] = {}
        self._readers: list[Any] = []  # keeps the readers alive, so that their ids stay theirs
        self._guard = threading.Lock()

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> Any:
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        B = self._field_B.get(fieldname, self.B)
        return _LengthScorer(searcher, fieldname, text, B, self.K1, self._field_lengths(searcher, fieldname), qf=qf)

    def _field_lengths(self, searcher: Any, fieldname: str) -> list[Any]:
        reader = searcher.reader()
        key = (id(reader), fieldname)
        with self._guard:
            found = self._lengths.get(key)
            if found is None:
                # The very call Whoosh's scorer makes for each posting, made once per document.
                length = searcher.doc_field_length
                found = [length(docnum, fieldname, 1) for docnum in range(searcher.doc_count_all())]
                self._lengths[key] = found
                self._readers.append(reader)
            return found


def collect(searcher: Any, query: Any, depth: int | None) -> tuple[list[tuple[float, int]], int]:
    """The best `depth` (score, document number) pairs in Whoosh's order (all of them when `depth`
    is None), and how many documents match in all — in one pass over the matches.

    Whoosh picks the collector this way too: everything when the depth covers the index, else a
    heap of the best. Its heap collector, though, skips blocks of postings that cannot make the top
    (so it cannot count) and swaps in cheaper matchers that drop documents below the current
    minimum score (so a count would be short). Both are turned off: `usequality=False`,
    `replace=0`."""
    if depth is None or depth >= searcher.doc_count():
        collector: Any = UnlimitedCollector()
    else:
        collector = TopCollector(depth, usequality=False, replace=0)
    searcher.search_with_collector(query, collector)
    results = collector.results()
    return list(results.top_n), int(collector.count())
