"""Load and validate a data folder into a `Catalogue`.

Loading never stops at the first problem: every file is read, every problem is collected with its
file, line, column, id and field, and the files that passed are still built so the app can show
them — flagged as incomplete. `LoadResult.complete` is False whenever anything failed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from catalogue.load.yamlsource import Document, PathKey, Problem, YamlError, field_name, read_document
from catalogue.model import (
    Article,
    Catalogue,
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
    Source,
    SourceKind,
    StatusPeriod,
    Text,
    Topic,
    ZhWording,
)

log = logging.getLogger(__name__)

# Bump when the meaning of the data or the model changes, so caches built from older data rebuild.
DATA_SCHEMA_VERSION = 2
# Bump when model.py changes shape (kept for callers; the cache no longer stores model objects).
MODEL_VERSION = 2
# Bump when what the YAML reader or the structural validation accepts changes: the cache holds data
# that passed both, and a cache written under older rules must not skip the newer checks.
CACHE_FORMAT = 3
CACHE_MAX_BYTES = 64 * 1024 * 1024
_CACHE_NAME = re.compile(r"^catalogue-v[0-9]+-[0-9a-f]{16}\.json$")
_CACHE_PURPOSE = b"exportref catalogue cache"
INSTRUMENTS_DIR = "instruments"
_URL_RE = re.compile(r"https?://[^\s\"'<>]+")


class DataError(Exception):
    """Raised by `load_catalogue(strict=True)` when any file has a problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


@dataclass
class LoadResult:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def default_data_dir() -> Path:
    """EXPORTREF_DATA_DIR, else the active data pack (`exportref data use`), else the shipped data."""
    env = os.environ.get("EXPORTREF_DATA_DIR")
    if env:
        return Path(env)
    from catalogue.datapacks.store import active_data_dir  # never raises: any fault means the shipped data

    return active_data_dir() or shipped_data_dir()


def shipped_data_dir() -> Path:
    """The data installed with the app."""
    return Path(str(resources.files("catalogue").joinpath("data")))


def data_files(data_dir: Path) -> list[Path]:
    """Every file the loader reads, in a stable order."""
    top = sorted(p for p in data_dir.glob("*.yaml"))
    inst_dir = data_dir / INSTRUMENTS_DIR
    inst = sorted(inst_dir.iterdir()) if inst_dir.is_dir() else []
    return top + [p for p in inst if p.suffix == ".yaml" or p.is_dir()]


def fingerprint(data_dir: Path) -> str:
    """A digest of the data's bytes and the data schema version (decides index rebuilds)."""
    h = hashlib.sha256(f"exportref-data-v{DATA_SCHEMA_VERSION}\n".encode())
    for path in data_files(data_dir):
        rel = path.relative_to(data_dir).as_posix()
        h.update(os.fsencode(rel) + b"\0")  # a name that is not UTF-8 is hashed as the bytes it is
        try:
            # Only regular files: reading a FIFO or a device named *.yaml would block or never end.
            if stat.S_ISREG(path.stat().st_mode):
                h.update(path.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()[:16]


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    return dt.date.fromisoformat(str(value))


class _Builder:
    """Turns validated plain data into model objects, collecting semantic problems."""

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
            return _date(value)
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
                edition_days[e["key"]] = _date(e.get("effective"))
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


def _declared_ids(data: Any) -> set[str]:
    """Every `id` value in a document, however broken the rest of it is."""
    found: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.add(node["id"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def display_name(rel: str) -> str:
    """A file name as a message shows it: bytes that are not UTF-8 as `\\xe9`, never a crash."""
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")


@dataclass
class _Documents:
    """Plain data per file: what a warm start reuses (`cached`) and what this load read (`read`)."""

    cached: dict[str, Any] | None = None
    fingerprint: str | None = None  # of the data the cached documents were read from
    read: dict[str, Any] = field(default_factory=dict)


def _read(
    path: Path,
    data_dir: Path,
    schema_name: str,
    problems: list[Problem],
    broken_ids: set[str] | None = None,
    documents: _Documents | None = None,
) -> Document | None:
    rel = path.relative_to(data_dir).as_posix()
    shown = display_name(rel)
    if shown != rel:
        problems.append(Problem(shown, 1, 1, "file name is not valid UTF-8; rename the file"))
        return None
    if documents is not None and documents.cached is not None and rel in documents.cached:
        # Read and validated by an earlier run, keyed to these very bytes (see load_cached).
        return Document(rel, documents.cached[rel])
    try:
        doc = read_document(path, rel)
    except YamlError as exc:
        problems.append(exc.problem)
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(rel, 1, 1, "expected a mapping at the top of the file"))
        return None
    # Imported here: jsonschema costs ~90 ms at start-up, and a warm start (load_cached) never validates.
    from catalogue.load.validation import validate_structure

    found = validate_structure(doc, schema_name)
    if found:
        problems.extend(found)
        if broken_ids is not None:
            # Ids of a file that failed are known to exist: references to them are not reported
            # again elsewhere, which would only hide the real problem behind a cascade.
            broken_ids.update(_declared_ids(doc.data))
        return None
    if documents is not None:
        documents.read[rel] = doc.data
    return doc


def load_catalogue(data_dir: Path | None = None, *, strict: bool = False) -> LoadResult:
    """Load every file under `data_dir`; see the module docstring for how problems are handled."""
    return _load(Path(data_dir) if data_dir is not None else default_data_dir(), strict, None)


def _load(data_dir: Path, strict: bool, documents: _Documents | None) -> LoadResult:
    problems: list[Problem] = []
    failed: list[str] = []

    def note_failure(rel: str, before: int) -> None:
        if len(problems) > before:
            failed.append(rel)

    if not data_dir.is_dir():
        problems.append(Problem(str(data_dir), 1, 1, "data folder not found"))
        return _finish(data_dir, [], {}, {}, dt.date.min, problems, [str(data_dir)], strict)

    verified_to = dt.date.min
    before = len(problems)
    header = (
        _read(data_dir / "dataset.yaml", data_dir, "dataset", problems, None, documents)
        if (data_dir / "dataset.yaml").exists()
        else None
    )
    if header is None and not (data_dir / "dataset.yaml").exists():
        problems.append(Problem("dataset.yaml", 1, 1, "missing: the dataset header with verified_to"))
    elif header is not None:
        try:
            verified_to = dt.date.fromisoformat(header.data["verified_to"])
        except ValueError:
            m = header.mark(("verified_to",))
            problems.append(Problem(header.file, m.line, m.column, "impossible date", field="verified_to"))
    note_failure("dataset.yaml", before)

    sources: dict[str, Source] = {}
    source_files = sorted(data_dir.glob("sources*.yaml"))
    if not source_files:
        problems.append(Problem("sources.yaml", 1, 1, "missing: the source register"))
    source_marks: dict[str, str] = {}
    source_urls: dict[str, str] = {}
    source_notes: list[tuple[str, int, int, str, str]] = []
    for path in source_files:
        before = len(problems)
        doc = _read(path, data_dir, "sources", problems, None, documents)
        if doc is not None:
            for i, s in enumerate(doc.data["sources"]):
                m = doc.mark(("sources", i, "id"))
                if s["id"] in sources:
                    problems.append(
                        Problem(
                            doc.file,
                            m.line,
                            m.column,
                            f"duplicate source id; already defined at {source_marks[s['id']]}",
                            s["id"],
                            "id",
                        )
                    )
                    continue
                try:
                    date = _date(s.get("date"))
                except ValueError:
                    problems.append(Problem(doc.file, m.line, m.column, "impossible date", s["id"], "date"))
                    date = None
                url = (s.get("url") or "").rstrip("/")
                if url and url in source_urls:
                    # One page, one id: otherwise "confirmed by two sources" could be one page counted twice.
                    problems.append(
                        Problem(
                            doc.file,
                            m.line,
                            m.column,
                            f"same URL as source {source_urls[url]!r}; cite that id",
                            s["id"],
                            "url",
                        )
                    )
                elif url:
                    source_urls[url] = s["id"]
                if s.get("note"):
                    note_mark = doc.mark(("sources", i, "note"))
                    source_notes.append((doc.file, note_mark.line, note_mark.column, s["id"], s["note"]))
                source_marks[s["id"]] = f"{doc.file}:{m.line}:{m.column}"
                sources[s["id"]] = Source(
                    s["id"],
                    s["title"],
                    s.get("publisher"),
                    date,
                    s.get("url"),
                    SourceKind(s["kind"]),
                    s.get("locator"),
                    s.get("note"),
                )
        note_failure(display_name(path.relative_to(data_dir).as_posix()), before)
    # A source's note must not name another registered page by its URL: that page has its own id,
    # and citing it through this one would count one page twice (or hide it).
    for file, line, column, sid, note in source_notes:
        for found in _URL_RE.findall(note):
            other = source_urls.get(found.rstrip("/.,;)"))
            if other is not None and other != sid:
                problems.append(
                    Problem(file, line, column, f"note repeats the URL of source {other!r}; cite that id", sid, "note")
                )

    topics: dict[str, Topic] = {}
    topics_path = data_dir / "topics.yaml"
    before = len(problems)
    if topics_path.exists():
        doc = _read(topics_path, data_dir, "topics", problems, None, documents)
        if doc is not None:
            for i, t in enumerate(doc.data["topics"]):
                if t["id"] in topics:
                    m = doc.mark(("topics", i, "id"))
                    problems.append(Problem(doc.file, m.line, m.column, "duplicate topic id", t["id"], "id"))
                syn = t.get("synonyms", {})
                topics[t["id"]] = Topic(
                    t["id"],
                    Text(zh=t["name"].get("zh"), en=t["name"]["en"]),
                    tuple(syn.get("en", [])),
                    tuple(syn.get("zh", [])),
                    t.get("description"),
                    tuple(tuple(group) for group in t.get("terms", [])),
                )
    else:
        problems.append(Problem("topics.yaml", 1, 1, "missing: the topic list"))
    note_failure("topics.yaml", before)

    builder = _Builder()
    instruments: list[Instrument] = []
    inst_dir = data_dir / INSTRUMENTS_DIR
    if not inst_dir.is_dir():
        problems.append(Problem(f"{INSTRUMENTS_DIR}/", 1, 1, "missing: the instruments folder"))
    else:
        for path in sorted(inst_dir.iterdir()):
            if path.suffix != ".yaml" and not path.is_dir():
                continue
            rel = display_name(path.relative_to(data_dir).as_posix())
            before = len(problems)
            doc = _read(path, data_dir, "instrument", problems, builder.broken_ids, documents)
            if doc is not None:
                start = len(builder.problems)
                inst = builder.instrument(doc, rel)
                if inst is not None and len(builder.problems) == start:
                    instruments.append(inst)
                problems.extend(builder.problems[start:])
            note_failure(rel, before)

    # Cross-references, checked once every file is in.
    for ref_doc, ref_path, ident, kind, target in builder.refs:
        ok = True
        if kind == "source":
            ok = target in sources
            expected = "a source id from sources*.yaml"
        elif kind == "topic":
            ok = target in topics
            expected = "a topic id from topics.yaml"
        elif kind == "instrument":
            # A catalogue edition is itself an instrument (e.g. cn-mofcom-2025-28), so it may be named too.
            ok = target in builder.instrument_ids or target in builder.edition_ids
            expected = "an instrument or edition id"
        else:
            ok = target in builder.ids
            expected = "an id defined somewhere in the data"
        if not ok and kind in ("instrument", "any") and target in builder.broken_ids:
            continue
        if ok and ident is not None and target == ident and kind == "any":
            mark = ref_doc.mark(ref_path)
            where = (ref_doc.file, mark.line, mark.column)
            problems.append(Problem(*where, "refers to itself", ident, field_name(ref_path)))
        if not ok:
            mark = ref_doc.mark(ref_path)
            rel_file = ref_doc.file
            problems.append(
                Problem(
                    rel_file,
                    mark.line,
                    mark.column,
                    f"unknown reference {target!r}; expected {expected}",
                    ident,
                    field_name(ref_path),
                )
            )
            if rel_file not in failed:
                failed.append(rel_file)
    # A warm start built from cached data keyed to a fingerprint: that is the data's fingerprint.
    fp = documents.fingerprint if documents is not None and documents.cached is not None else None
    return _finish(data_dir, instruments, sources, topics, verified_to, problems, failed, strict, fp)


def _cap_per_file(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems per file, then one line saying how many more there are."""
    from catalogue.load.yamlsource import MAX_PROBLEMS_PER_FILE

    problems.sort(key=lambda p: (p.file, p.line, p.column))
    kept: list[Problem] = []
    count: dict[str, int] = {}
    for p in problems:
        count[p.file] = count.get(p.file, 0) + 1
        if count[p.file] <= MAX_PROBLEMS_PER_FILE:
            kept.append(p)
    for file, n in sorted(count.items()):
        if n > MAX_PROBLEMS_PER_FILE:
            # Validation stops early, so how many more there are is not known: only that there are.
            last = next(p for p in reversed(kept) if p.file == file)
            message = (
                f"more problems in this file are not shown (the first {MAX_PROBLEMS_PER_FILE} are); fix those first"
            )
            kept.append(Problem(file, last.line, last.column, message))
    kept.sort(key=lambda p: (p.file, p.line, p.column))
    return kept


def _finish(
    data_dir: Path,
    instruments: list[Instrument],
    sources: dict[str, Source],
    topics: dict[str, Topic],
    verified_to: dt.date,
    problems: list[Problem],
    failed: list[str],
    strict: bool,
    fp: str | None = None,
) -> LoadResult:
    problems = _cap_per_file(problems)
    if strict and problems:
        raise DataError(problems)
    # Catalogue first, then measures, then laws; within a kind by date — the order a reader expects.
    order = {Kind.CATALOGUE: 0, Kind.MEASURE: 1, Kind.LAW: 2}
    instruments.sort(key=lambda i: (order[i.kind], i.published or dt.date.min, i.id))
    cat = Catalogue(
        instruments=tuple(instruments),
        sources=sources,
        topics=topics,
        verified_to=verified_to,
        fingerprint=fp or (fingerprint(data_dir) if data_dir.is_dir() else "none"),
        data_dir=str(data_dir),
    )
    return LoadResult(cat, problems, sorted(set(failed)))


def load_cached(data_dir: Path | None = None, cache_dir: Path | None = None) -> LoadResult:
    """Like `load_catalogue`, but skip YAML parsing and schema validation when a cache says the very
    same bytes passed both before.

    Validating every file against the JSON Schema costs a few hundred milliseconds at each start. The
    cache holds the plain data (JSON: it cannot carry code) of a dataset that loaded without a single
    problem, keyed to the data fingerprint (every byte of every file), the cache format, the program
    version and the schemas, and signed with the user's cache key (catalogue.cache_guard): a file
    anyone else wrote, or one changed on disk, is ignored. The model is always built afresh from that
    data by the same code as a cold load, so the cache can never hold objects of an older model. A
    broken dataset is never cached: it is re-read and re-reported every time.
    """
    from catalogue import cache_guard
    from catalogue.paths import cache_dir as default_cache_dir

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    try:
        folder, key = cache_guard.prepare(root)
    except OSError as exc:
        log.info("catalogue cache not used: %s", exc)
        return load_catalogue(data_dir)
    fp = fingerprint(data_dir)
    identity = _cache_identity(data_dir, fp)
    path = folder / f"catalogue-v{CACHE_FORMAT}-{fp}.json"
    cached = _read_cache(path, key, identity)
    if cached is not None:
        try:
            warm = _load(data_dir, False, _Documents(cached=cached, fingerprint=fp))
        except Exception as exc:  # data the builder cannot take is a cache to ignore, never a crash
            log.warning("catalogue cache %s is unusable (%s); reading the data", path, f"{type(exc).__name__}: {exc}")
        else:
            if warm.complete and warm.catalogue.fingerprint == fp:
                return warm
    documents = _Documents()
    result = _load(data_dir, False, documents)
    if result.complete and result.catalogue.fingerprint == fp:
        _write_cache(folder, path, key, identity, documents.read)
    return result


def _cache_identity(data_dir: Path, fp: str) -> dict[str, Any]:
    from catalogue import __version__

    return {
        "format": CACHE_FORMAT,
        "exportref": __version__,
        "data_schema": DATA_SCHEMA_VERSION,
        "schemas": _schema_digest(),
        "fingerprint": fp,
        "data_dir": str(data_dir),
    }


@cache
def _schema_digest() -> str:
    """The JSON Schemas the cached data was validated against (read here, without jsonschema)."""
    h = hashlib.sha256()
    folder = resources.files("catalogue").joinpath("schema")
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".json"):
            h.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _read_cache(path: Path, key: bytes, identity: dict[str, Any]) -> dict[str, Any] | None:
    from catalogue import cache_guard
    from catalogue.safe_files import read_capped

    try:
        raw = read_capped(path, CACHE_MAX_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.info("catalogue cache %s not read: %s", path, exc)
        return None
    payload, _, trailer = raw.rstrip(b"\n").rpartition(b"\n")
    try:
        mac = bytes.fromhex(trailer.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    # Checked before a byte of the payload is parsed: only our own writes are ever read.
    if len(mac) != cache_guard.MAC_BYTES or not cache_guard.verify(key, mac, _CACHE_PURPOSE, payload):
        log.warning("catalogue cache %s is not signed with this user's key; ignored", path)
        return None
    try:
        content = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if not isinstance(content, dict) or content.get("identity") != identity:
        return None
    documents = content.get("documents")
    return documents if isinstance(documents, dict) else None


def _write_cache(folder: Path, path: Path, key: bytes, identity: dict[str, Any], documents: dict[str, Any]) -> None:
    from catalogue import cache_guard
    from catalogue.safe_files import write_atomically

    try:
        payload = json.dumps({"identity": identity, "documents": documents}, separators=(",", ":")).encode("ascii")
    except (ValueError, TypeError, RecursionError):
        return
    mac = cache_guard.sign(key, _CACHE_PURPOSE, payload)
    try:
        write_atomically(path, lambda fh: fh.write(payload + b"\n" + mac.hex().encode("ascii") + b"\n"), mode=0o600)
    except OSError as exc:
        log.info("catalogue cache not written (%s); the next start reads the data again", exc)
        return  # an unwritable or full cache only costs start-up time
    # Remove our own stale caches: files with our name pattern that carry our signature. Anything
    # else in the folder (it may be shared) is not ours to delete.
    try:
        others = [p for p in folder.iterdir() if p != path and _CACHE_NAME.match(p.name)]
    except OSError:
        return
    for old in others:
        if _signed_by_us(old, key):
            with contextlib.suppress(OSError):
                old.unlink()


def _signed_by_us(path: Path, key: bytes) -> bool:
    from catalogue import cache_guard
    from catalogue.safe_files import read_capped

    try:
        raw = read_capped(path, CACHE_MAX_BYTES)
    except OSError:
        return False
    payload, _, trailer = raw.rstrip(b"\n").rpartition(b"\n")
    try:
        return cache_guard.verify(key, bytes.fromhex(trailer.decode("ascii")), _CACHE_PURPOSE, payload)
    except (UnicodeDecodeError, ValueError):
        return False
