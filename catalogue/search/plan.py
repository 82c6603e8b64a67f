"""From a read query to a Whoosh query and what ranking and snippets need to know (an immutable
`Plan`): synonyms and topics expanded, filters applied, codes and document numbers pinned, the
words behind each Latin stem looked up."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from whoosh import query as wq

from catalogue.model import Catalogue
from catalogue.numbers import (
    CODE_LIKE,
    normalize_code,
)
from catalogue.search import analysis
from catalogue.search.analysis import query_tokens, stem
from catalogue.search.phrases import ChainPhrase, ChainTexts, is_bigram_chain
from catalogue.search.query import ParsedQuery, _quote, _Unit
from catalogue.search.spans import SpanFinder, match_spans
from catalogue.search.vocabulary import (
    KINDS,
    STATIC_STATUSES,
    TIME_STATUSES,
    SynonymForms,
    status_filter_value,
    topic_of,
)

log = logging.getLogger(__name__)


MAX_PREFIX_TERMS = 48  # words one trailing wildcard may stand for


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


@dataclass(frozen=True, slots=True)
class SynGroup:
    """Words the user typed that name a topic (or one of its term groups), with what they expand to."""

    label: str  # what the user typed
    original: tuple[tuple[str, ...], ...]  # token sequences of the typed words, all of which must match
    expansions: tuple[tuple[str, tuple[str, ...]], ...]  # (synonym as written, its tokens)
    topics: tuple[tuple[str, str], ...]  # (synonym key: a topic id or a term group, topic name)


@dataclass(frozen=True)
class Plan:
    """What a query means, decided once: the Whoosh query (None: nothing to search for), what to
    highlight and rank by, what is pinned first, and what to report. Immutable; only the span-finder
    memo inside it fills as snippets are made."""

    query: Any | None
    sequences: frozenset[tuple[str, ...]] = frozenset()  # token sequences to highlight
    prefixes: frozenset[str] = frozenset()
    pins_exact: frozenset[str] = frozenset()
    pins_prefix: frozenset[str] = frozenset()
    post_statuses: frozenset[str] = frozenset()
    syn_groups: tuple[SynGroup, ...] = ()
    spell_words: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    invalid: str | None = None  # a keyword filter argument that names nothing: no results
    typed_groups: tuple[tuple[SpanFinder, ...], ...] = ()  # the typed words, to rank by field
    surfaces: Mapping[str, frozenset[str]] = field(default_factory=dict)  # stem → indexed words
    relaxed: str | None = None  # set when Chinese words were split apart because nothing matched
    _finders: dict[Any, SpanFinder] = field(default_factory=dict, compare=False, repr=False)

    def finder(self, seq: tuple[str, ...] | None = None, extra: tuple[tuple[str, ...], ...] = ()) -> SpanFinder:
        """A span finder for one sequence, or for everything typed (plus `extra` sequences)."""
        key = (seq, extra)
        if key not in self._finders:
            if seq:
                self._finders[key] = SpanFinder([seq], (), self.surfaces)
            else:
                self._finders[key] = SpanFinder([*self.sequences, *extra], self.prefixes, self.surfaces)
        return self._finders[key]


@dataclass(slots=True)
class _Draft:
    """The plan while it is being worked out (private to the planner)."""

    sequences: set[tuple[str, ...]] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    pins_exact: set[str] = field(default_factory=set)
    pins_prefix: set[str] = field(default_factory=set)
    post_statuses: set[str] = field(default_factory=set)
    syn_groups: list[SynGroup] = field(default_factory=list)
    spell_words: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    surfaces: dict[str, frozenset[str]] = field(default_factory=dict)

    def done(
        self, query: Any | None, invalid: str | None = None, typed: tuple[tuple[SpanFinder, ...], ...] = ()
    ) -> Plan:
        return Plan(
            query,
            frozenset(self.sequences),
            frozenset(self.prefixes),
            frozenset(self.pins_exact),
            frozenset(self.pins_prefix),
            frozenset(self.post_statuses),
            tuple(self.syn_groups),
            tuple(self.spell_words),
            tuple(self.problems),
            invalid,
            typed,
            dict(self.surfaces),
        )


ARRAY_OR_DOCUMENTS = 2000  # from this many documents up, an Or adds up its scores in an array


class _Or(wq.Or):  # type: ignore[misc]
    """Whoosh's Or, matched as a tree of union matchers on small indexes and by adding scores into
    an array (Whoosh's PreloadedOr) on large ones.

    Whoosh's own choice is the other way round: the array below 5,000 documents, where clearing a
    2,048-slot array for every Or made the nested Ors of a synonym-expanded query cost ~10 ms on a
    10-document index, and the tree above, where stepping every sub-matcher document by document
    in Python is what a broad query spends most of its time on. The array needs no "current
    document" (phrases need one inside them, and get the tree)."""

    def _matcher(self, subs: Sequence[Any], searcher: Any, context: Any) -> Any:
        array = (
            context is not None
            and not context.needs_current
            and not self.scale
            and searcher.doc_count_all() >= ARRAY_OR_DOCUMENTS
        )
        how = wq.compound.PreloadedOr if array else wq.compound.DefaultOr
        return how(subs, boost=self.boost, minmatch=self.minmatch, scale=self.scale).matcher(searcher, context)


def _any(subs: Sequence[Any]) -> Any:
    """One flat Or. Whoosh re-estimates the size of every subquery at every level of nested Ors
    (a term lookup each), so nesting multiplies the cost of an expanded query."""
    flat: list[Any] = []
    for q in subs:
        flat += q.subqueries if isinstance(q, _Or) else [q]
    return flat[0] if len(flat) == 1 else _Or(flat)


def _text_query(tokens: Sequence[str], texts: ChainTexts | None = None) -> Any:
    """One word (a term) or several (a phrase) in each text field, with the field's weight. A
    Chinese word of three or more characters has its bigram positions checked in the documents'
    text when the engine can give it (catalogue.search.phrases)."""
    subs = []
    chained = texts is not None and is_bigram_chain(tokens)
    for fname, boost in FIELD_BOOSTS:
        if len(tokens) == 1:
            subs.append(wq.Term(fname, tokens[0], boost=boost))
        elif chained:
            assert texts is not None
            subs.append(ChainPhrase(fname, tokens, texts, boost=boost))
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


def filter_query(
    name: str, value: str, resolve_topics: Callable[[str], list[str]]
) -> tuple[Any | None, set[str], str | None]:
    """One filter (status:, kind:, topic:, number:) as a Whoosh query, the time statuses checked after
    the search, or why the value names nothing."""
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
            ids = resolve_topics(v)
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


class Planner:
    """Works out the plan for each query against one index: the data's synonyms and codes are known
    up front; the words behind a stem are looked up in the index once and kept."""

    def __init__(
        self,
        cat: Catalogue,
        synonyms: Mapping[tuple[str, ...], list[str]],
        topic_forms: SynonymForms,
        exact_codes: Mapping[str, set[str]],
        prefixable: Sequence[tuple[str, str]],
        texts: ChainTexts | None = None,
    ) -> None:
        self._cat = cat
        self._synonyms = synonyms
        self._topic_forms = topic_forms
        self._exact_codes = exact_codes
        self._prefixable = prefixable
        self._texts = texts
        self._surfaces: dict[str, frozenset[str]] = {}  # stem → the indexed words that have it

    def forget(self) -> None:
        """Drop what was looked up in an index that is being closed."""
        self._surfaces.clear()

    def resolve_topics(self, value: str) -> list[str]:
        v = value.strip()
        if v in self._cat.topics:
            return [v]
        low = v.lower().replace(" ", "-")
        if low in self._cat.topics:
            return [low]
        toks = tuple(query_tokens(v))
        return list(dict.fromkeys(topic_of(key) for key in self._synonyms.get(toks, [])))

    def plan(
        self,
        parsed: ParsedQuery,
        reader: Any,
        status: str | None,
        kind: str | None,
        topic: str | None,
    ) -> Plan:
        plan = _Draft(problems=list(parsed.problems))
        # The parsed query is not changed: a filter that names nothing is searched as words here.
        groups_in = [list(g) for g in parsed.groups]
        negated = list(parsed.negated)
        musts: list[Any] = []
        filters: list[Any] = []
        nots: list[Any] = []

        # Filters given as arguments: an unknown value names nothing, so nothing matches.
        for name, value in (("status", status), ("kind", kind), ("topic", topic)):
            if value:
                q, post, bad = filter_query(name, value, self.resolve_topics)
                if bad:
                    return plan.done(None, invalid=bad)
                if q is not None:
                    filters.append(q)
                plan.post_statuses |= post

        # Filters typed in the query: an unknown one becomes plain words.
        by_name: dict[str, list[Any]] = {}
        for unit in parsed.filters:
            q, post, bad = filter_query(unit.name, unit.text, self.resolve_topics)
            if bad:
                plan.problems.append(bad + "; searched as words")
                word_units = [_Unit("word", unit.text, negated=unit.negated)]
                if unit.negated:
                    negated += word_units
                else:
                    groups_in.append(word_units)
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
        for g in groups_in:
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
        for unit in negated:
            q = self._unit_query(unit, reader, plan, highlight=False)
            if q is not None:
                nots.append(q)

        self._fill_surfaces(plan, reader, typed_specs)
        typed = tuple(
            tuple(SpanFinder([seq] if seq else [], [prefix] if prefix else [], plan.surfaces) for seq, prefix in group)
            for group in typed_specs
        )
        if musts:
            main = musts[0] if len(musts) == 1 else wq.And(musts)
        elif filters or plan.post_statuses or (nots and not groups_in):
            main = wq.Every()
        else:
            return plan.done(None, typed=typed)
        if filters:
            main = wq.And([main, *filters])
        if nots:
            # Not AndNot: whoosh-reloaded 2.7.5's AndNotMatcher lets the first document through even
            # when the excluded query matches it (tests/test_search.py shows the case).
            main = wq.And([main, wq.Not(_any(nots))])
        return plan.done(main, typed=typed)

    def _fill_surfaces(self, plan: _Draft, reader: Any, typed: list[list[tuple[tuple[str, ...], str | None]]]) -> None:
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

    def _prefix_matches(self, code: str, min_len: int = 4) -> Iterator[tuple[str, str]]:
        if len(code) < min_len:
            return
        i = bisect_left(self._prefixable, (code, ""))
        while i < len(self._prefixable) and self._prefixable[i][0].startswith(code):
            yield self._prefixable[i]
            i += 1

    def _with_synonyms(
        self, groups: list[list[_Unit]], reader: Any, plan: _Draft
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

    def _alternative_query(self, unit: _Unit, reader: Any, plan: _Draft) -> Any | None:
        """One side of an OR (or a lone word): expanded by synonyms when it names a topic."""
        if unit.kind in ("word", "phrase"):
            toks = tuple(_unit_tokens(unit))
            if toks in self._synonyms:
                return self._synonym_query([unit], toks, reader, plan)
        return self._unit_query(unit, reader, plan, highlight=True)

    def _synonym_query(self, units: list[_Unit], toks: tuple[str, ...], reader: Any, plan: _Draft) -> Any:
        label = " ".join(u.text for u in units)
        parts = [q for u in units if (q := self._unit_query(u, reader, plan, highlight=True)) is not None]
        typed_query = parts[0] if len(parts) == 1 else wq.And(parts)
        original = tuple(tuple(t) for u in units if (t := _unit_tokens(u)))
        expansions: list[tuple[str, tuple[str, ...]]] = []
        topics: list[tuple[str, str]] = []
        plan.sequences.add(toks)  # "rare earth" typed as two words highlights as one
        subs = [typed_query]
        for key in self._synonyms[toks]:
            topic = self._cat.topics[topic_of(key)]
            for form, ftoks in self._topic_forms.get(key, []):
                if ftoks != toks and all(ftoks != f for _, f in expansions):
                    expansions.append((form, ftoks))
            topics.append((key, topic.name.en or topic.id))
            # Documents that contain any of the key's synonyms were tagged at indexing (field syn).
            subs.append(wq.Term("syn", key, boost=SYNONYM_BOOST))
            if key == topic.id:  # a word for the whole topic also finds what is tagged with it
                subs.append(wq.Term("topic", key, boost=TOPIC_BOOST))
        plan.syn_groups.append(SynGroup(label, original, tuple(expansions), tuple(topics)))
        return _any(subs)

    def _unit_query(self, unit: _Unit, reader: Any, plan: _Draft, highlight: bool) -> Any | None:
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
            subs.append(_text_query(toks, self._texts))
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

    def _prefix_query(self, unit: _Unit, reader: Any, plan: _Draft, highlight: bool) -> Any | None:
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
