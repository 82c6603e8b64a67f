"""Search documents: every instrument, catalogue item, clause and controlled item as the index sees
it (its fields) and as ranking and snippets read it (names, control points, rest; codes, numbers,
document numbers), with the status engine's answer for a day."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from catalogue.lookup import edition_docnos, own_docnos
from catalogue.model import Catalogue, Clause, ControlledItem, Entry, Instrument, Note, Text
from catalogue.numbers import (
    DOCNO_EN,
    article_heading,
    docnos_in,
    normalize_code,
)
from catalogue.search.analysis import BilingualAnalyzer, VocabularyAnalyzer, chain_text, fold
from catalogue.search.spans import SpanFinder
from catalogue.search.vocabulary import SynonymForms, topic_synonyms
from catalogue.time import Status, clause_status, entry_status, instrument_status, item_status

log = logging.getLogger(__name__)


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
    _chains: dict[str, str] | None = None  # text field → its chain text, for Chinese phrases
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

    def text_field(self, fieldname: str) -> str:
        """The value of a text field (name, points, rest) exactly as it is indexed."""
        if fieldname == "name":
            return "\n".join(self.name)
        if fieldname == "points":
            return "\n".join(t for _, t in self.points)
        if fieldname == "rest":
            return "\n".join([*self.rationale, *(t for _, t in self.body)])
        raise KeyError(fieldname)

    def chain_text(self, fieldname: str) -> str:
        """The text field's Chinese bigram chains (analysis.chain_text), worked out on first use:
        Chinese phrase queries are checked against it instead of Whoosh's word positions."""
        if self._chains is None:
            self._chains = {}
        found = self._chains.get(fieldname)
        if found is None:
            found = self._chains[fieldname] = chain_text(self.text_field(fieldname))
        return found

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
            "name": self.text_field("name"),
            "points": self.text_field("points"),
            "rest": self.text_field("rest"),
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


def _doc_has(doc: _Doc, finder: SpanFinder) -> bool:
    return any(finder.spans(joined, low, first=True) for _texts, joined, low in doc.sections()) or any(
        finder.spans(t, first=True) for t in doc.name if t == doc.number
    )
