"""Chinese words longer than two characters, searched as Whoosh searches a phrase of their bigrams
(钕铁硼: 钕铁 then 铁硼 at the next position), with the positions checked in the document's text.

Whoosh's Phrase decodes the word positions of every candidate from the index and lines them up in
Python, which was half of what a query like 钕铁硼 cost. `ChainPhrase` keeps Whoosh's matching and
scoring of the bigrams (the same intersection of the same term matchers, so the same documents get
the same scores) and only replaces the position check: a document of the intersection matches when
the word is a substring of its field's chain text (analysis.chain_text, which writes the bigrams
out as the analyzer places them, so the answer is the index's).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.matching.binary import IntersectionMatcher
from whoosh.util import make_binary_tree

from catalogue.search import analysis

# (document number in the index, text field) → that field's chain text (analysis.chain_text)
ChainTexts = Callable[[int, str], str]


def is_bigram_chain(tokens: Sequence[str]) -> bool:
    """Two or more overlapping bigrams of one Chinese run (钕铁, 铁硼): what ChainPhrase can check."""
    return (
        len(tokens) >= 2
        and all(len(t) == 2 and analysis.is_cjk(t[0]) and analysis.is_cjk(t[1]) for t in tokens)
        and all(a[1] == b[0] for a, b in itertools.pairwise(tokens))
    )


class ChainPhrase(wq.Phrase):  # type: ignore[misc]
    """A phrase of overlapping Chinese bigrams whose positions are checked in the text (see the
    module docstring). Equal to the Whoosh Phrase of the same words, and matches what it matches."""

    def __init__(self, fieldname: str, words: Sequence[str], texts: ChainTexts, boost: float = 1.0) -> None:
        super().__init__(fieldname, list(words), boost=boost)
        self.texts = texts
        self.chain = words[0] + "".join(w[1] for w in words[1:])

    def normalize(self) -> Any:
        return ChainPhrase(self.fieldname, self.words, self.texts, boost=self.boost)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        # As Whoosh's Phrase.matcher up to the span check: the same term matchers, intersected in
        # the same order, and the boost applied on top.
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return matching.NullMatcher()
        field = searcher.schema[fieldname]
        reader = searcher.reader()
        terms = []
        for word in self.words:
            try:
                btext = field.to_bytes(word)
            except ValueError:
                return matching.NullMatcher()
            if (fieldname, btext) not in reader:
                return matching.NullMatcher()
            terms.append(wq.Term(fieldname, btext))
        both = make_binary_tree(IntersectionMatcher, [t.matcher(searcher, context) for t in terms])
        parent = searcher.parent() if searcher.parent is not None else None
        offset = parent._offset_for_subsearcher(searcher) if parent is not None else 0
        chain, texts = self.chain, self.texts
        m = _Checked(both, lambda docnum: chain in texts(offset + docnum, fieldname))
        if self.boost != 1.0:
            m = matching.WrappingMatcher(m, boost=self.boost)
        return m


class _Checked(matching.WrappingMatcher):  # type: ignore[misc]
    """The documents of `child` for which `keep(document number)` holds, with the child's scores
    (as Whoosh's span matchers wrap an intersection: boost 1, score of the child)."""

    def __init__(self, child: Any, keep: Callable[[int], bool]) -> None:
        super().__init__(child)
        self._keep = keep
        self._find_next()

    def copy(self) -> Any:
        return _Checked(self.child.copy(), self._keep)

    def _replacement(self, newchild: Any) -> Any:
        return _Checked(newchild, self._keep)

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self) -> bool:
        return False  # a block's best score may belong to a document the check drops

    def _find_next(self) -> None:
        child = self.child
        while child.is_active() and not self._keep(child.id()):
            child.next()

    def next(self) -> None:
        self.child.next()
        self._find_next()

    def skip_to(self, docnum: int) -> None:
        self.child.skip_to(docnum)
        self._find_next()

    def all_ids(self) -> Iterator[int]:
        while self.is_active():
            yield self.id()
            self.next()
