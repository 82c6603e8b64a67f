"""Turning validated plain data into model objects, collecting the problems only meaning can show
(dangling references, impossible dates, ids claimed twice, counts that do not add up).

Three layers, each a class a reader can find by name: `FieldReader` (dates, texts, intervals, sources,
notes, status periods), `CatalogueParts` (editions, sectors, catalogue entries) and `InstrumentBuilder`
(instruments, clauses, controlled items, law articles)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from catalogue.load.yamlsource import Document, PathKey, Problem, field_name
from catalogue.model import (
    Article,
    Clause,
    ClauseState,
    Confidence,
    ControlledItem,
    ControlPoint,
    Edition,
    Entry,
    EntryStatus,
    EnWording,
    FormerNumber,
    HistoryEvent,
    Instrument,
    Interval,
    Kind,
    Note,
    PointsTotal,
    Sector,
    StatusPeriod,
    Text,
    ZhWording,
)


def parse_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return dt.date.fromisoformat(str(value))


class FieldReader:
    """The fields every record has: dates, texts, intervals, sources, notes, status periods; and the
    bookkeeping (ids claimed, references to check, problems found)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.doc: Document | None = None
        self.ids: dict[str, tuple[str, int, int]] = {}
        # (doc, path, referring id, kind of target, target id), checked once everything is loaded
        self.refs: list[tuple[Document, PathKey, str | None, str, str]] = []
        self.numbers: dict[str, str] = {}
        self.instrument_ids: set[str] = set()
        self.broken_ids: set[str] = set()  # declared in files that failed structural checks
        self.edition_ids: set[str] = set()

    # -- problem helpers -------------------------------------------------------------------
    def problem(self, path: PathKey, message: str, ident: str | None = None) -> None:
        assert self.doc is not None
        mark = self.doc.mark(path)
        self.problems.append(Problem(self.doc.file, mark.line, mark.column, message, ident, field_name(path)))

    def claim_id(self, ident: str, path: PathKey) -> None:
        assert self.doc is not None
        mark = self.doc.mark((*path, "id"))
        if ident in self.ids:
            f, line, col = self.ids[ident]
            self.problem((*path, "id"), f"duplicate id {ident!r}; already used at {f}:{line}:{col}", ident)
        else:
            self.ids[ident] = (self.doc.file, mark.line, mark.column)

    def ref(self, path: PathKey, ident: str | None, kind: str, target: str) -> None:
        assert self.doc is not None
        self.refs.append((self.doc, path, ident, kind, target))

    def date(self, value: Any, path: PathKey, ident: str | None) -> dt.date | None:
        try:
            return parse_date(value)
        except ValueError:
            self.problem(path, f"impossible date {value!r}; expected a real calendar date YYYY-MM-DD", ident)
            return None

    # -- value builders ------------------------------------------------------------------------
    def text(self, raw: dict[str, Any] | None, path: PathKey, ident: str | None, required: bool = True) -> Text:
        if raw is None:
            return Text()
        zh = (raw.get("zh") or "").strip() or None
        en = (raw.get("en") or "").strip() or None
        if required and zh is None and en is None:
            self.problem(path, "needs Chinese (zh) or English (en) text", ident)
        return Text(
            zh=zh,
            en=en,
            zh_wording=ZhWording(raw.get("zh_wording", "reported")),
            en_wording=EnWording(raw.get("en_wording", "ours")),
        )

    def interval(self, raw: dict[str, Any], path: PathKey, ident: str | None) -> Interval:
        start = self.date(raw.get("from"), (*path, "from"), ident)
        end = self.date(raw.get("to"), (*path, "to"), ident)
        unknown = self.date(raw.get("unknown_from"), (*path, "unknown_from"), ident)
        if start and end and end <= start:
            self.problem(
                (*path, "to"),
                f"ends ({end}) on or before it starts ({start}); 'to' is the first day it no longer applies",
                ident,
            )
        if unknown and start and unknown < start:
            self.problem((*path, "unknown_from"), f"unknown_from ({unknown}) is before from ({start})", ident)
        if unknown and end and unknown >= end:
            self.problem((*path, "unknown_from"), f"unknown_from ({unknown}) is not before to ({end})", ident)
        return Interval(start, end, bool(raw.get("from_known", True)), unknown)

    def sources(self, raw: Iterable[str], path: PathKey, ident: str | None) -> tuple[str, ...]:
        out = tuple(raw)
        for i, sid in enumerate(out):
            self.ref((*path, i), ident, "source", sid)
            if sid in out[:i]:
                self.problem((*path, i), f"source {sid!r} is listed twice", ident)
        return out

    def confidence(self, raw: dict[str, Any], path: PathKey, ident: str | None) -> Confidence:
        """'confirmed' promises two or more independent sources, so it needs two distinct source ids."""
        confidence = Confidence(raw["confidence"])
        if confidence is Confidence.CONFIRMED and len(set(raw.get("sources", []))) < 2:
            self.problem(
                (*path, "confidence"),
                "'confirmed' needs two or more independent sources; cite them or use single-source",
                ident,
            )
        return confidence

    def id_list(self, raw: Iterable[str], path: PathKey, ident: str | None, kind: str) -> tuple[str, ...]:
        out = tuple(raw)
        for i, target in enumerate(out):
            self.ref((*path, i), ident, kind, target)
        return out

    def notes(self, raw: list[dict[str, Any]] | None, path: PathKey, ident: str | None) -> tuple[Note, ...]:
        out = []
        for i, n in enumerate(raw or []):
            p = (*path, i)
            out.append(
                Note(
                    n["kind"],
                    self.text(n["text"], (*p, "text"), ident),
                    self.sources(n.get("sources", []), (*p, "sources"), ident),
                )
            )
        return tuple(out)

    def history(self, raw: list[dict[str, Any]] | None, path: PathKey, ident: str | None) -> tuple[HistoryEvent, ...]:
        out = []
        for i, h in enumerate(raw or []):
            p = (*path, i)
            by = h.get("by")
            if by:
                self.ref((*p, "by"), ident, "instrument", by)
            out.append(
                HistoryEvent(
                    self.date(h["date"], (*p, "date"), ident),
                    h["change"],
                    self.text(h["note"], (*p, "note"), ident),
                    self.sources(h["sources"], (*p, "sources"), ident),
                    by,
                )
            )
        return tuple(out)

    def status(self, raw: list[dict[str, Any]] | None, path: PathKey, ident: str | None) -> tuple[StatusPeriod, ...]:
        out: list[StatusPeriod] = []
        for i, s in enumerate(raw or []):
            p = (*path, i)
            by = s.get("by")
            if by:
                self.ref((*p, "by"), ident, "instrument", by)
            period = StatusPeriod(
                ClauseState(s["state"]),
                self.interval(s["valid"], (*p, "valid"), ident),
                by,
                self.text(s["wording"], (*p, "wording"), ident) if "wording" in s else None,
                self.sources(s["sources"], (*p, "sources"), ident),
                self.confidence(s, p, ident),
            )
            prev = out[-1].valid if out else None
            if prev is not None and period.valid.start and prev.start:
                if period.valid.start < prev.start:
                    self.problem((*p, "valid"), "status periods must be listed in date order", ident)
                elif prev.end is None or period.valid.start < prev.end:
                    self.problem((*p, "valid"), f"overlaps the previous status period (from {prev.start})", ident)
            out.append(period)
        return tuple(out)

    # -- objects ---------------------------------------------------------------------------------


class CatalogueParts(FieldReader):
    """The catalogue's own records: editions, sectors and entries with their control points."""

    def edition(self, e: dict[str, Any], p: PathKey) -> Edition:
        ident = e["id"]
        self.claim_id(ident, p)
        self.edition_ids.add(ident)
        total, pro, res = e.get("items_total"), e.get("prohibited"), e.get("restricted")
        if total is not None and pro is not None and res is not None and pro + res != total:
            self.problem(
                (*p, "items_total"), f"prohibited ({pro}) + restricted ({res}) != items_total ({total})", ident
            )
        return Edition(
            id=ident,
            key=e["key"],
            instrument=self.text(e["instrument"], (*p, "instrument"), ident),
            published=self.date(e.get("published"), (*p, "published"), ident),
            effective=self.date(e.get("effective"), (*p, "effective"), ident),
            kind=e["kind"],
            items_total=total,
            prohibited=pro,
            restricted=res,
            counts_confidence=Confidence(e.get("counts_confidence", e["confidence"])),
            changes=e.get("changes"),
            url=e.get("url"),
            sources=self.sources(e["sources"], (*p, "sources"), ident),
            confidence=self.confidence(e, p, ident),
            notes=self.notes(e.get("notes"), (*p, "notes"), ident),
        )

    def sector(self, s: dict[str, Any], p: PathKey) -> Sector:
        ident = s["id"]
        self.claim_id(ident, p)
        return Sector(
            id=ident,
            code=s["code"],
            classification=s["classification"],
            name=self.text(s["name"], (*p, "name"), ident),
            sources=self.sources(s.get("sources", []), (*p, "sources"), ident),
            confidence=self.confidence(s, p, ident),
            notes=self.notes(s.get("notes"), (*p, "notes"), ident),
        )

    def edition_keys(
        self, raw: list[str], path: PathKey, ident: str, edition_days: dict[str, dt.date | None]
    ) -> tuple[str, ...]:
        """A list of edition keys: each must be a key of this catalogue's editions, and listed once."""
        for i, key in enumerate(raw):
            if key not in edition_days:
                known = ", ".join(sorted(edition_days)) or "none"
                self.problem((*path, i), f"unknown edition key {key!r}; expected one of: {known}", ident)
            elif key in raw[:i]:
                self.problem((*path, i), f"edition key {key!r} is listed twice", ident)
        return tuple(raw)

    def points_total(
        self,
        raw: list[dict[str, Any]],
        p: PathKey,
        ident: str,
        edition_days: dict[str, dt.date | None],
        cps: list[ControlPoint],
    ) -> tuple[PointsTotal, ...]:
        out: list[PointsTotal] = []
        for i, t in enumerate(raw):
            tp = (*p, "points_total", i)
            key = t["edition"]
            self.edition_keys([key], (*tp, "edition"), ident, edition_days)
            if any(o.edition == key for o in out):
                self.problem((*tp, "edition"), f"points_total for edition {key!r} is given twice", ident)
            day = edition_days.get(key)
            shown = sum(1 for cp in cps if day is not None and cp.valid.state_on(day) is True)
            if shown > t["count"]:
                self.problem(
                    (*tp, "count"),
                    f"the entry holds {shown} control points in force on {day} (edition {key}) "
                    f"but points_total says the text has {'at least ' if t['at_least'] else ''}{t['count']}",
                    ident,
                )
            out.append(
                PointsTotal(
                    edition=key,
                    count=t["count"],
                    at_least=t["at_least"],
                    sources=self.sources(t["sources"], (*tp, "sources"), ident),
                    confidence=self.confidence(t, tp, ident),
                    note=self.text(t["note"], (*tp, "note"), ident) if "note" in t else None,
                )
            )
        return tuple(out)

    def entry(
        self,
        e: dict[str, Any],
        p: PathKey,
        instrument_id: str,
        sector_ids: set[str],
        edition_days: dict[str, dt.date | None] | None = None,
    ) -> Entry:
        edition_days = edition_days if edition_days is not None else {}
        ident = e["id"]
        self.claim_id(ident, p)
        number = e.get("number")
        status = EntryStatus(e["status"])
        if number:
            suffix = "J" if status is EntryStatus.PROHIBITED else "X"
            if not number.endswith(suffix):
                self.problem(
                    (*p, "number"),
                    f"number {number} ends in {number[-1]} but status is {status.value} (expected …{suffix})",
                    ident,
                )
            if number in self.numbers:
                self.problem(
                    (*p, "number"), f"number {number} is already used by entry {self.numbers[number]!r}", ident
                )
            self.numbers[number] = ident
        number_editions = self.edition_keys(e.get("number_editions", []), (*p, "number_editions"), ident, edition_days)
        if number and not number_editions:
            self.problem(
                (*p, "number"),
                f"number {number} needs number_editions: the keys of the editions whose text gives this number",
                ident,
            )
        if not number:
            number_editions = ()  # nothing to qualify: a number set to null leaves its editions behind
        sector = e.get("sector")
        if sector is not None and sector not in sector_ids:
            self.problem((*p, "sector"), f"unknown sector {sector!r}; define it under sectors:", ident)
        sector_confidence = Confidence(e["sector_confidence"]) if "sector_confidence" in e else None
        if sector is None and sector_confidence is not None:
            self.problem((*p, "sector_confidence"), "sector_confidence is given but sector is null", ident)
        listed = self.interval(e["listed"], (*p, "listed"), ident)
        cps = []
        for i, c in enumerate(e.get("control_points", [])):
            cp = (*p, "control_points", i)
            valid = self.interval(c["valid"], (*cp, "valid"), ident)
            if valid.start and listed.end and valid.start >= listed.end:
                self.problem(
                    (*cp, "valid"),
                    f"control point starts ({valid.start}) after the entry is delisted ({listed.end})",
                    ident,
                )
            cps.append(
                ControlPoint(
                    text=self.text(c["text"], (*cp, "text"), ident),
                    valid=valid,
                    sources=self.sources(c["sources"], (*cp, "sources"), ident),
                    confidence=self.confidence(c, cp, ident),
                    label=c.get("label"),
                    notes=self.notes(c.get("notes"), (*cp, "notes"), ident),
                )
            )
        former = tuple(
            FormerNumber(
                f["number"],
                tuple(f["editions"]),
                self.sources(f["sources"], (*p, "former_numbers", i, "sources"), ident),
                self.confidence(f, (*p, "former_numbers", i), ident),
            )
            for i, f in enumerate(e.get("former_numbers", []))
        )
        return Entry(
            id=ident,
            instrument_id=instrument_id,
            number=number,
            status=status,
            sector=sector,
            name=self.text(e["name"], (*p, "name"), ident),
            listed=listed,
            control_points=tuple(cps),
            rationale=self.text(e["rationale"], (*p, "rationale"), ident),
            topics=self.id_list(e.get("topics", []), (*p, "topics"), ident, "topic"),
            related=self.id_list(e.get("related", []), (*p, "related"), ident, "any"),
            history=self.history(e.get("history"), (*p, "history"), ident),
            sources=self.sources(e["sources"], (*p, "sources"), ident),
            confidence=self.confidence(e, p, ident),
            former_numbers=former,
            notes=self.notes(e.get("notes"), (*p, "notes"), ident),
            number_editions=number_editions,
            points_total=self.points_total(e.get("points_total", []), p, ident, edition_days, cps),
            sector_confidence=sector_confidence,
        )


class InstrumentBuilder(CatalogueParts):
    """Instruments with their clauses, controlled items and law articles."""

    def instrument(self, doc: Document, rel: str) -> Instrument | None:
        self.doc = doc
        d = doc.data
        ident = d["id"]
        expected_name = f"{ident}.yaml"
        if Path(rel).name != expected_name:
            self.problem(("id",), f"file name must be the id: expected {expected_name}", ident)
        self.claim_id(ident, ())
        self.instrument_ids.add(ident)
        kind = Kind(d["kind"])
        legal_basis = self.id_list(d.get("legal_basis", []), ("legal_basis",), ident, "instrument")
        related = self.id_list(d.get("related", []), ("related",), ident, "any")
        topics = self.id_list(d.get("topics", []), ("topics",), ident, "topic")
        sectors = tuple(self.sector(s, ("sectors", i)) for i, s in enumerate(d.get("sectors", [])))
        sector_ids = {s.id for s in sectors}
        # Edition keys and effective dates, for the entries' number_editions and points_total.
        edition_days: dict[str, dt.date | None] = {}
        for e in d.get("editions", []):
            try:
                edition_days[e["key"]] = parse_date(e.get("effective"))
            except ValueError:
                edition_days[e["key"]] = None  # reported by edition()
        entries = tuple(
            self.entry(e, ("entries", i), ident, sector_ids, edition_days) for i, e in enumerate(d.get("entries", []))
        )
        if kind is not Kind.CATALOGUE:
            for key in ("editions", "sectors", "entries"):
                if d.get(key):
                    self.problem((key,), f"only a catalogue has {key}; this file is kind {kind.value}", ident)
        inst = Instrument(
            id=ident,
            kind=kind,
            title=self.text(d["title"], ("title",), ident),
            short_title=d["short_title"],
            issuers=tuple(d["issuers"]),
            document_number=self.text(d["document_number"], ("document_number",), ident)
            if "document_number" in d
            else None,
            published=self.date(d.get("published"), ("published",), ident),
            effective=self.interval(d["effective"], ("effective",), ident),
            legal_basis=legal_basis,
            status=self.status(d.get("status"), ("status",), ident),
            summary=self.text(d["summary"], ("summary",), ident),
            rationale=self.text(d.get("rationale"), ("rationale",), ident, required=False),
            topics=topics,
            related=related,
            url=d.get("url"),
            sources=self.sources(d["sources"], ("sources",), ident),
            confidence=self.confidence(d, (), ident),
            file=rel,
            verified_to=self.date(d.get("verified_to"), ("verified_to",), ident),
            verified_sources=self.sources(d.get("verified_sources", []), ("verified_sources",), ident),
            verified_note=self.text(d["verified_note"], ("verified_note",), ident) if "verified_note" in d else None,
            editions=tuple(self.edition(e, ("editions", i)) for i, e in enumerate(d.get("editions", []))),
            sectors=sectors,
            entries=entries,
            clauses=tuple(self.clause(c, ("clauses", i)) for i, c in enumerate(d.get("clauses", []))),
            items=tuple(self.item(it, ("items", i)) for i, it in enumerate(d.get("items", []))),
            articles=tuple(self.article(a, ("articles", i), ident) for i, a in enumerate(d.get("articles", []))),
            history=self.history(d.get("history"), ("history",), ident),
            notes=self.notes(d.get("notes"), ("notes",), ident),
            published_approx=bool(d.get("published_approx", False)),
        )
        if inst.published_approx and inst.published is None:
            self.problem(("published_approx",), "published_approx needs a published date to qualify", ident)
        return inst

    def clause(self, c: dict[str, Any], p: PathKey) -> Clause:
        ident = c["id"]
        self.claim_id(ident, p)
        return Clause(
            id=ident,
            label=c["label"],
            text=self.text(c["text"], (*p, "text"), ident),
            valid=self.interval(c["valid"], (*p, "valid"), ident),
            status=self.status(c.get("status"), (*p, "status"), ident),
            sources=self.sources(c["sources"], (*p, "sources"), ident),
            confidence=self.confidence(c, p, ident),
            notes=self.notes(c.get("notes"), (*p, "notes"), ident),
        )

    def item(self, it: dict[str, Any], p: PathKey) -> ControlledItem:
        ident = it["id"]
        self.claim_id(ident, p)
        also = tuple(it.get("also_control_codes", []))
        if also and not it.get("control_code"):
            self.problem((*p, "also_control_codes"), "also_control_codes needs a control_code first", ident)
        return ControlledItem(
            id=ident,
            name=self.text(it["name"], (*p, "name"), ident),
            control_code=it.get("control_code"),
            customs_codes=tuple(it.get("customs_codes", [])),
            description=self.text(it["description"], (*p, "description"), ident) if "description" in it else None,
            valid=self.interval(it["valid"], (*p, "valid"), ident),
            sources=self.sources(it["sources"], (*p, "sources"), ident),
            confidence=self.confidence(it, p, ident),
            notes=self.notes(it.get("notes"), (*p, "notes"), ident),
            group=it.get("group"),
            also_control_codes=also,
        )

    def article(self, a: dict[str, Any], p: PathKey, ident: str) -> Article:
        text = self.text(a["text"], (*p, "text"), ident)
        if text.zh_wording is ZhWording.OFFICIAL and text.zh is None:
            self.problem((*p, "text", "zh_wording"), "zh_wording is official but there is no Chinese (zh) text", ident)
        return Article(
            label=a["label"],
            text=text,
            sources=self.sources(a["sources"], (*p, "sources"), ident),
            confidence=self.confidence(a, p, ident),
            notes=self.notes(a.get("notes"), (*p, "notes"), ident),
            chapter=self.text(a["chapter"], (*p, "chapter"), ident) if "chapter" in a else None,
            section=self.text(a["section"], (*p, "section"), ident) if "section" in a else None,
            wording_to=self.date(a.get("wording_to"), (*p, "wording_to"), ident),
        )
