"""HTML for the detail view and for printed summary sheets, rendered without Qt.

One set of Jinja2 templates (resources/templates) and one stylesheet (resources/styles) serve both
the on-screen detail view and the printed sheets, so what a lawyer files is what they read.

The templates are written for Qt's rich-text engine, which understands only a subset of HTML and
CSS: tables, font sizes, weights and colours, background colours (on table cells and spans) and
borders on tables. Status badges are therefore coloured table cells, not styled boxes.

Everything that comes from the data is escaped (autoescape is on for every template) and no template
references an image or any other resource, so hostile data can neither run script nor make the view
fetch anything. Links are either internal (`entry:<id>`) or plain http(s) source URLs, which the GUI
intercepts; any other URL scheme is shown as text, never as a link.

The Python side builds plain "view" dictionaries (what to say) and the templates decide layout (how
to show it). Status questions are answered by catalogue.time.status, never here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
import markupsafe

from catalogue.model import (
    Article,
    Catalogue,
    Clause,
    ControlledItem,
    ControlPoint,
    Edition,
    Entry,
    HistoryEvent,
    Instrument,
    Kind,
    Note,
    SourceKind,
    StatusPeriod,
    Text,
    ZhWording,
)
from catalogue.present.citation import cite
from catalogue.present.to_json import describe_interval
from catalogue.resources import resource_path
from catalogue.time.coverage import EditionCoverage, edition_coverage, headline
from catalogue.time.status import BADGE_CLASS, VOCABULARY, Status, last_day, number_on, points_total_on, status_of

# The bundled CJK font (resources/fonts). Named here because the stylesheet and the printing code
# must agree on it; gui/fonts.py checks that the loaded font really has this family name.

DISCLAIMER = "Reference aid, not legal advice; the official Chinese text prevails."

_ZH_LABEL = {
    ZhWording.OFFICIAL: "official Chinese text",
    ZhWording.REPORTED: "Chinese as reported by a secondary source; may not be verbatim",
    ZhWording.DRAFT: "Chinese of the consultation draft, not the final text",
}

_ZH_SHORT = {
    ZhWording.OFFICIAL: None,
    ZhWording.REPORTED: "as reported; may not be verbatim",
    ZhWording.DRAFT: "draft wording; not the final text",
}

_KIND_LABEL = {Kind.CATALOGUE: "Catalogue", Kind.MEASURE: "Export control measure", Kind.LAW: "Law or regulation"}

_NOTE_LABEL = {"caveat": "Caveat", "conflict": "Sources disagree", "open-question": "Open question"}


@dataclass(frozen=True)
class MatterInfo:
    """Optional fields a lawyer adds to a printed sheet for the client file."""

    reference: str  # matter or client reference
    prepared_by: str
    note: str

    @property
    def empty(self) -> bool:
        return not (self.reference.strip() or self.prepared_by.strip() or self.note.strip())


# -- environment ------------------------------------------------------------------------------


_BIDI_OPEN = {"\u202a", "\u202b", "\u202d", "\u202e"}  # LRE RLE LRO RLO, closed by PDF U+202C
_BIDI_ISOLATE = {"\u2066", "\u2067", "\u2068"}  # LRI RLI FSI, closed by PDI U+2069


def close_bidi_controls(value: Any) -> Any:
    """Close any directional embedding, override or isolate a data string leaves open.

    A U+202E (right-to-left override) in a name would otherwise reverse everything after it in the
    same paragraph, including our own labels, numbers and dates, on screen and in the PDF. The
    string itself is kept exactly as the data has it; only the missing terminators are appended.
    """
    if type(value) is not str:  # Markup (our own stylesheet), numbers, None: untouched
        return value
    if not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in value):
        return value
    stack: list[str] = []
    for ch in value:
        if ch in _BIDI_OPEN or ch in _BIDI_ISOLATE:
            stack.append(ch)
        elif ch == "\u202c" and stack and stack[-1] in _BIDI_OPEN:
            stack.pop()
        elif ch == "\u2069":
            # A PDI closes the innermost isolate and any embeddings opened inside it.
            while stack and stack[-1] not in _BIDI_ISOLATE:
                stack.pop()
            if stack:
                stack.pop()
    return value + "".join("\u202c" if ch in _BIDI_OPEN else "\u2069" for ch in reversed(stack))


class _SignedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in the user's cache folder, each file signed with the user's cache key.

    Compiling the templates costs about half a second, which the user would otherwise wait for on
    every start before the first page appears. Jinja's own file cache unpickles whatever file it finds
    under the expected name, so whoever could write the cache folder could run code here; this one
    reads a file only when its HMAC (catalogue.cache_guard) checks out, i.e. only bytecode this user's
    ExportRef compiled itself. A cache that cannot be read or written only costs the compile time.
    """

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder = folder
        self.key = key

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jbc"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from catalogue import cache_guard
        from catalogue.safe_files import read_capped

        try:
            raw = read_capped(self._path(bucket), _TEMPLATE_CACHE_MAX_BYTES)
        except OSError:
            return
        mac, payload = raw[: cache_guard.MAC_BYTES], raw[cache_guard.MAC_BYTES :]
        if not cache_guard.verify(self.key, mac, _TEMPLATE_CACHE_PURPOSE, bucket.key.encode(), payload):
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:  # our own file from another Python, say: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from catalogue import cache_guard
        from catalogue.safe_files import write_atomically

        payload = bucket.bytecode_to_string()
        mac = cache_guard.sign(self.key, _TEMPLATE_CACHE_PURPOSE, bucket.key.encode(), payload)
        with contextlib.suppress(OSError):
            write_atomically(self._path(bucket), lambda fh: fh.write(mac + payload), mode=0o600)


_TEMPLATE_CACHE_PURPOSE = b"exportref template cache"
_TEMPLATE_CACHE_MAX_BYTES = 16 * 1024 * 1024


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    from catalogue import cache_guard
    from catalogue.paths import cache_dir

    try:
        folder, key = cache_guard.prepare(cache_dir(), "templates")
    except OSError:
        return None  # not ours, writable by others, or no key: compile every time
    return _SignedBytecodeCache(folder, key)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("templates"))),
        bytecode_cache=_bytecode_cache(),
        # Every template escapes, whatever its file name: data strings are never trusted as HTML.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=close_bidi_controls,
    )
    # Our own stylesheet file, not data: inserted as is (escaping would turn its quotes into &#34;).
    env.globals["stylesheet"] = markupsafe.Markup(_stylesheet())
    env.globals["disclaimer"] = DISCLAIMER
    return env


@cache
def _stylesheet() -> str:
    return resource_path("styles", "exportref.css").read_text(encoding="utf-8")


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(**context)


# -- small view helpers -------------------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address a reader may open; otherwise None (shown as text)."""
    if not url:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def internal_href(ident: str) -> str:
    return "entry:" + quote(ident, safe="-_.")


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else "not known"


def _bi(t: Text | None) -> dict[str, Any] | None:
    """A bilingual text with the labels a reader needs to weigh it."""
    if t is None or not (t.zh or t.en):
        return None
    return {
        "zh": t.zh,
        # An official text's line breaks are its paragraphs and numbered items: kept, as lines.
        "zh_lines": t.zh.splitlines() if t.zh else [],
        "zh_label": _ZH_LABEL[t.zh_wording] if t.zh else "Chinese text not seen",
        "zh_class": "zh-official" if t.zh_wording is ZhWording.OFFICIAL else "zh-other",
        "zh_short": _ZH_SHORT[t.zh_wording] if t.zh else None,
        "en": t.en,
        "en_label": "unofficial translation" if t.en_is_unofficial else "official English text",
    }


class _SourceRegister:
    """Numbers sources in order of first citation on one page, so facts can say [1, 3]."""

    def __init__(self, cat: Catalogue) -> None:
        self._cat = cat
        self._order: list[str] = []

    def refs(self, ids: Iterable[str]) -> list[int]:
        out: list[int] = []
        for sid in ids:
            if sid not in self._order:
                self._order.append(sid)
            n = self._order.index(sid) + 1
            if n not in out:
                out.append(n)
        return sorted(out)

    def listing(self) -> list[dict[str, Any]]:
        out = []
        for n, sid in enumerate(self._order, start=1):
            src = self._cat.sources.get(sid)
            if src is None:
                # A dangling reference (the data failed validation): say so, with every field the
                # template may read present and empty.
                out.append(
                    {
                        "n": n,
                        "id": sid,
                        "missing": True,
                        "title": None,
                        "publisher": None,
                        "date": None,
                        "url": None,
                        "short_url": None,
                        "href": None,
                        "kind": None,
                        "report": False,
                        "locator": None,
                        "note": None,
                    }
                )
                continue
            out.append(
                {
                    "n": n,
                    "id": sid,
                    "missing": False,
                    "title": src.title,
                    "publisher": src.publisher,
                    "date": src.date.isoformat() if src.date else None,
                    "url": src.url,
                    "short_url": short_address(src.url),
                    "href": safe_url(src.url),
                    "kind": src.kind.value,
                    "report": src.kind in (SourceKind.PRESS, SourceKind.OTHER),
                    "locator": src.locator,
                    "note": src.note,
                }
            )
        return out


def short_address(url: str | None, limit: int = 64) -> str | None:
    """An address short enough for paper: the host and the start and end of the path, decoded, e.g.
    "www.mofcom.gov.cn/zcfb/…/art_52b9a321.html". The screen shows (and links) the full address."""
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.netloc:
        return url if len(url) <= limit else url[: limit - 1] + "…"
    from urllib.parse import unquote

    path = unquote(parts.path).rstrip("/")
    whole = parts.netloc + path
    if len(whole) <= limit:
        return whole
    segments = [s for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    if len(last) > 32:
        last = last[:31] + "…"
    first = f"/{segments[0]}" if len(segments) > 1 else ""
    return f"{parts.netloc}{first}/…/{last}"


PRESS_IN_FULL = 6  # on paper, press and other reports listed in full before the rest are summarised


def _badge(word: str) -> dict[str, str]:
    return {"word": word, "css": BADGE_CLASS.get(word, "b-unknown")}


def _status_view(st: Status | None) -> dict[str, Any] | None:
    """What the templates show of a status: its badge, its words and why — all from the status engine."""
    if st is None:
        return None
    return {
        "badge": {"word": st.badge, "css": st.css},
        "label": st.label,
        "why": st.why,
        "text": st.text,
        # In compact rows the badge says it all for a plainly listed entry ("restricted").
        "detail": None if st.badge == st.label or (st.listing and st.badge == st.listing) else st.label,
        "verified": st.verified,
        "checked_to": st.checked_to.isoformat(),
        "state": st.state.value,
    }


def _header_badges(obj: object, st: Status | None) -> list[dict[str, str]]:
    """The page header's badges: a catalogue item's list (prohibited/restricted) always, then its
    status when that says something else; anything else, its status."""
    out = []
    if isinstance(obj, Entry):
        out.append(_badge(obj.status.value))
    if st is not None and st.badge != (obj.status.value if isinstance(obj, Entry) else None):
        out.append({"word": st.badge, "css": st.css})
    return out


def _notes(notes: Sequence[Note], reg: _SourceRegister) -> list[dict[str, Any]]:
    return [
        {
            "label": _NOTE_LABEL.get(n.kind, n.kind.capitalize()),
            "kind": n.kind,
            "text": _bi(n.text),
            "refs": reg.refs(n.sources),
        }
        for n in notes
    ]


def _period(sp: StatusPeriod, cat: Catalogue, reg: _SourceRegister) -> dict[str, Any]:
    return {
        "state": sp.state.value.replace("_", " "),
        "from": _d(sp.valid.start),
        "until": _d(last_day(sp.valid)) if sp.valid.end else None,
        "by": _link_to(sp.by, cat) if sp.by else None,
        "wording": _bi(sp.wording),
        "confidence": sp.confidence.value,
        "refs": reg.refs(sp.sources),
    }


def _link_plain(ident: str, label: str | None) -> dict[str, Any]:
    return {"href": internal_href(ident), "label": label or ident, "id": ident}


def _link_to(ident: str, cat: Catalogue) -> dict[str, Any]:
    """A link to any id, labelled as a lawyer would name it (an edition by its instrument)."""
    target = cat.get(ident)
    if isinstance(target, Edition):
        label = target.instrument.en or target.instrument.zh or ident
    elif target is not None:
        label = describe_obj(target)
    else:
        label = ident
    return _link_plain(ident, label)


def describe_obj(obj: object) -> str:
    """A short label for a link or a list row."""
    if isinstance(obj, Entry):
        num = obj.number or "number not verified"
        return f"{num} {obj.name.zh or obj.name.en or obj.id}"
    if isinstance(obj, Instrument):
        return obj.short_title
    if isinstance(obj, Clause):
        return f"{obj.label}: {obj.text.en or obj.text.zh or obj.id}"
    if isinstance(obj, ControlledItem):
        return obj.name.zh or obj.name.en or obj.id
    if isinstance(obj, Edition):
        return f"{obj.key} edition ({obj.instrument.en or obj.instrument.zh or obj.id})"
    return str(getattr(obj, "id", obj))


def _obj_status(obj: object, day: dt.date, cat: Catalogue) -> dict[str, Any] | None:
    return _status_view(status_of(obj, day, cat))


def _related(ids: Iterable[str], obj_id: str, cat: Catalogue, day: dt.date) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = {obj_id}
    for rid in ids:
        if rid in seen:
            continue
        seen.add(rid)
        target = cat.get(rid)
        if target is None:
            out.append({"href": None, "label": rid, "id": rid, "status": None, "kind": "not in this data"})
            continue
        out.append(
            {
                "href": internal_href(rid),
                "label": describe_obj(target),
                "id": rid,
                "status": _obj_status(target, day, cat),
                "kind": _kind_word(target),
            }
        )
    return out


def _referred_by(ident: str, cat: Catalogue) -> list[str]:
    """Ids of instruments and entries whose `related` names `ident` — the reverse of related."""
    out = []
    for inst in cat.instruments:
        if ident in inst.related:
            out.append(inst.id)
        out.extend(e.id for e in inst.entries if ident in e.related)
    return out


def _kind_word(obj: object) -> str:
    if isinstance(obj, Entry):
        return "catalogue item"
    if isinstance(obj, Instrument):
        return {Kind.CATALOGUE: "catalogue", Kind.MEASURE: "measure", Kind.LAW: "law"}[obj.kind]
    if isinstance(obj, Clause):
        return "clause"
    if isinstance(obj, ControlledItem):
        return "controlled item"
    if isinstance(obj, Edition):
        return "catalogue edition"
    return "record"


def _history(events: Sequence[HistoryEvent], cat: Catalogue, reg: _SourceRegister) -> list[dict[str, Any]]:
    out = []
    for h in sorted(events, key=lambda e: e.date or dt.date.min):
        out.append(
            {
                "date": _d(h.date),
                "change": h.change,
                "note": _bi(h.note),
                "by": _link_to(h.by, cat) if h.by else None,
                "refs": reg.refs(h.sources),
            }
        )
    return out


def _control_point(cp: ControlPoint, reg: _SourceRegister) -> dict[str, Any]:
    return {
        "label": cp.label,
        "text": _bi(cp.text),
        "zh": cp.text.zh,
        "zh_label": _ZH_LABEL[cp.text.zh_wording] if cp.text.zh else "Chinese text not seen",
        "zh_short": _ZH_SHORT[cp.text.zh_wording] if cp.text.zh else None,
        "en": cp.text.en,
        "en_unofficial": cp.text.en_is_unofficial,
        "valid": describe_interval(cp.valid),
        "confidence": cp.confidence.value,
        "refs": reg.refs(cp.sources),
        "notes": _notes(cp.notes, reg),
    }


def _coverage_view(cov: EditionCoverage) -> dict[str, Any]:
    e = cov.edition
    return {
        "key": e.key,
        "instrument": e.instrument.en or e.instrument.zh or e.id,
        "phrase": cov.phrase(),
        "held": cov.held,
        "total": cov.total,
        "complete": cov.total is not None and cov.held >= cov.total,
    }


def _catalogue_caveat(cat: Catalogue, day: dt.date) -> str:
    """The sentence that stops a reader from taking the catalogue data as complete: the same count,
    for the same text in force, as the tree and the status bar show for the day."""
    return (
        f"This data holds {headline(cat, day)}. An item not shown here may still be listed: "
        "check the official text before concluding that a technology is not controlled."
    )


# -- views per kind --------------------------------------------------------------------------------


def _entry_view(entry: Entry, cat: Catalogue, day: dt.date, reg: _SourceRegister) -> dict[str, Any]:
    st = status_of(entry, day, cat)
    owner = cat.instrument(entry.instrument_id)
    sector = next((s for s in owner.sectors if s.id == entry.sector), None) if owner and entry.sector else None
    current = [cp for cp in entry.control_points if cp.valid.state_on(day) is not False]
    other = [cp for cp in entry.control_points if cp.valid.state_on(day) is False]
    num = number_on(entry, day, cat)
    total = points_total_on(entry, day, cat)
    return {
        "kind": "entry",
        "kind_label": "Catalogue item",
        "id": entry.id,
        "heading_zh": entry.name.zh,
        "heading_en": entry.name.en,
        "name": _bi(entry.name),
        "number": num.number,
        "number_words": num.words(),
        # Numbers other texts give it, so a reader can find the item in an earlier or later edition.
        "numbers_elsewhere": [
            {"number": n, "edition": k} for n, k in num.elsewhere if not (n == num.number and k == num.text_key)
        ],
        "points_total": (
            {
                "edition": total.edition,
                "count": total.count,
                "at_least": total.at_least,
                "shown": len(current),
                "confidence": total.confidence.value,
                "refs": reg.refs(total.sources),
                "note": _bi(total.note),
            }
            if total
            else None
        ),
        "status": _status_view(st),
        "badges": _header_badges(entry, st),
        "listed_status": entry.status.value,
        "instrument": _link_plain(owner.id, owner.short_title) if owner else None,
        "sector": (
            {
                "code": sector.code,
                "classification": sector.classification,
                "name": _bi(sector.name),
                "confidence": sector.confidence.value,
                "refs": reg.refs(sector.sources),
            }
            if sector
            else None
        ),
        "sector_id": entry.sector,
        "listed": describe_interval(entry.listed),
        "former_numbers": [
            {
                "number": f.number,
                "editions": ", ".join(f.editions),
                "confidence": f.confidence.value,
                "refs": reg.refs(f.sources),
            }
            for f in entry.former_numbers
        ],
        "confidence": entry.confidence.value,
        "refs": reg.refs(entry.sources),
        "coverage_caveat": _catalogue_caveat(cat, day),
        "control_points": [_control_point(cp, reg) for cp in current],
        "other_control_points": [_control_point(cp, reg) for cp in other],
        "any_control_points": bool(entry.control_points),
        "rationale": _bi(entry.rationale),
        "notes": _notes(entry.notes, reg),
        "related": _related([*entry.related, *_referred_by(entry.id, cat)], entry.id, cat, day),
        "history": _history(entry.history, cat, reg),
        "topics": [cat.topics[t].name.en or t if t in cat.topics else t for t in entry.topics],
    }


def _instrument_view(inst: Instrument, cat: Catalogue, day: dt.date, reg: _SourceRegister) -> dict[str, Any]:
    st = status_of(inst, day, cat)
    view: dict[str, Any] = {
        "kind": "instrument",
        "inst_kind": inst.kind.value,
        "kind_label": _KIND_LABEL[inst.kind],
        "id": inst.id,
        "heading_zh": inst.title.zh,
        "heading_en": inst.title.en,
        "name": _bi(inst.title),
        "short_title": inst.short_title,
        "number": None,
        "status": _status_view(st),
        "badges": _header_badges(inst, st),
        "document_number": _bi(inst.document_number),
        "issuers": ", ".join(inst.issuers),
        "published": _d(inst.published),
        "effective": describe_interval(inst.effective),
        "periods": [_period(sp, cat, reg) for sp in inst.status],
        "legal_basis": _related(inst.legal_basis, inst.id, cat, day),
        "summary": _bi(inst.summary),
        "rationale": _bi(inst.rationale),
        "url": inst.url,
        "href": safe_url(inst.url),
        "confidence": inst.confidence.value,
        "refs": reg.refs(inst.sources),
        "notes": _notes(inst.notes, reg),
        "related": _related([*inst.related, *_referred_by(inst.id, cat)], inst.id, cat, day),
        "history": _history(inst.history, cat, reg),
        "topics": [cat.topics[t].name.en or t if t in cat.topics else t for t in inst.topics],
        "clauses": [
            {
                "id": c.id,
                "href": internal_href(c.id),
                "label": c.label,
                "text": _bi(c.text),
                "status": _obj_status(c, day, cat),
                "valid": describe_interval(c.valid),
                "confidence": c.confidence.value,
                "refs": reg.refs(c.sources),
                "notes": _notes(c.notes, reg),
            }
            for c in inst.clauses
        ],
        "controlled_items": [_item_row(it, cat, day, reg) for it in inst.items],
        "articles": [_article(a, reg, day) for a in inst.articles],
        "editions": [],
        "coverage_caveat": None,
        "entries": [],
        "verified_to_own": _d(inst.verified_to) if inst.verified_to else None,
        "verified_note": _bi(inst.verified_note),
        "verified_refs": reg.refs(inst.verified_sources),
        "published_approx": inst.published_approx,
    }
    if inst.kind is Kind.CATALOGUE:
        view["coverage_caveat"] = _catalogue_caveat(cat, day)
        view["editions"] = [_edition_row(ed, cat, reg) for ed in inst.editions]
        view["entries"] = [
            {
                "href": internal_href(e.id),
                "number": number_on(e, day, cat).number,
                "name": _bi(e.name),
                "status": _obj_status(e, day, cat),
            }
            for e in inst.entries
            if e.listed.state_on(day) is not False
        ]
    return view


def _edition_row(ed: Edition, cat: Catalogue, reg: _SourceRegister) -> dict[str, Any]:
    return {
        "id": ed.id,
        "href": internal_href(ed.id),
        "key": ed.key,
        "instrument": _bi(ed.instrument),
        "edition_kind": ed.kind,
        "published": _d(ed.published),
        "effective": _d(ed.effective),
        "items_total": ed.items_total,
        "prohibited": ed.prohibited,
        "restricted": ed.restricted,
        "counts_confidence": ed.counts_confidence.value,
        "changes": ed.changes,
        "coverage": _coverage_view(edition_coverage(cat, ed)),
        "url": ed.url,
        "href_url": safe_url(ed.url),
        "confidence": ed.confidence.value,
        "refs": reg.refs(ed.sources),
        "notes": _notes(ed.notes, reg),
    }


def _item_row(it: ControlledItem, cat: Catalogue, day: dt.date, reg: _SourceRegister) -> dict[str, Any]:
    return {
        "id": it.id,
        "href": internal_href(it.id),
        "group": it.group,
        "name": _bi(it.name),
        "control_code": it.control_code,
        "also_control_codes": list(it.also_control_codes),
        "customs_codes": ", ".join(it.customs_codes),
        "description": _bi(it.description),
        "valid": describe_interval(it.valid),
        "status": _obj_status(it, day, cat),
        "confidence": it.confidence.value,
        "refs": reg.refs(it.sources),
        "notes": _notes(it.notes, reg),
    }


def _article(a: Article, reg: _SourceRegister, day: dt.date) -> dict[str, Any]:
    return {
        "label": a.label,
        "chapter": _bi(a.chapter),
        "section": _bi(a.section),
        "text": _bi(a.text),
        "confidence": a.confidence.value,
        "refs": reg.refs(a.sources),
        "notes": _notes(a.notes, reg),
        # The wording recorded is not the law's text on the day asked about (a revision replaced it).
        "superseded_wording": _d(a.wording_to) if a.wording_to is not None and day >= a.wording_to else None,
    }


def _clause_view(clause: Clause, cat: Catalogue, day: dt.date, reg: _SourceRegister) -> dict[str, Any]:
    owner = cat.owner_of(clause.id)
    st = status_of(clause, day, cat)
    title = f"{owner.short_title}, {clause.label}" if owner else clause.label
    return {
        "kind": "clause",
        "kind_label": "Clause",
        "id": clause.id,
        "heading_zh": None,
        "heading_en": title,
        "name": None,
        "number": None,
        "status": _status_view(st),
        "badges": _header_badges(clause, st),
        "instrument": _link_plain(owner.id, owner.short_title) if owner else None,
        "instrument_status": _obj_status(owner, day, cat) if owner else None,
        "label": clause.label,
        "text": _bi(clause.text),
        "valid": describe_interval(clause.valid),
        "periods": [_period(sp, cat, reg) for sp in clause.status],
        "confidence": clause.confidence.value,
        "refs": reg.refs(clause.sources),
        "notes": _notes(clause.notes, reg),
    }


def _item_view(item: ControlledItem, cat: Catalogue, day: dt.date, reg: _SourceRegister) -> dict[str, Any]:
    owner = cat.owner_of(item.id)
    row = _item_row(item, cat, day, reg)
    row.update(
        {
            "kind": "item",
            "kind_label": "Controlled item",
            "heading_zh": item.name.zh,
            "heading_en": item.name.en,
            "number": item.control_code,
            "status": _obj_status(item, day, cat),
            "badges": _header_badges(item, status_of(item, day, cat)),
            "instrument": _link_plain(owner.id, owner.short_title) if owner else None,
        }
    )
    return row


def _edition_view(ed: Edition, cat: Catalogue, day: dt.date, reg: _SourceRegister) -> dict[str, Any]:
    owner = cat.owner_of(ed.id)
    row = _edition_row(ed, cat, reg)
    row.update(
        {
            "kind": "edition",
            "kind_label": "Catalogue edition",
            "name": _bi(ed.instrument),
            "heading_zh": ed.instrument.zh,
            "heading_en": f"{ed.key} edition — {ed.instrument.en or ed.instrument.zh or ed.id}",
            "number": None,
            "status": _obj_status(ed, day, cat),
            "badges": _header_badges(ed, status_of(ed, day, cat)),
            "instrument": _link_plain(owner.id, owner.short_title) if owner else None,
            "coverage_caveat": _catalogue_caveat(cat, day),
        }
    )
    return row


def _view(obj: object, cat: Catalogue, day: dt.date, reg: _SourceRegister) -> dict[str, Any]:
    if isinstance(obj, Entry):
        return _entry_view(obj, cat, day, reg)
    if isinstance(obj, Instrument):
        return _instrument_view(obj, cat, day, reg)
    if isinstance(obj, Clause):
        return _clause_view(obj, cat, day, reg)
    if isinstance(obj, ControlledItem):
        return _item_view(obj, cat, day, reg)
    if isinstance(obj, Edition):
        return _edition_view(obj, cat, day, reg)
    raise TypeError(f"cannot render {type(obj).__name__}")


def _primary_sources(obj: object, cat: Catalogue) -> list[str]:
    """The official sources behind a page, in the data's order: numbered first, so that a page and a
    sheet list the official text before press reports."""
    ids: list[str] = list(getattr(obj, "sources", ()))
    owner = cat.instrument(obj.instrument_id) if isinstance(obj, Entry) else cat.owner_of(str(getattr(obj, "id", "")))
    if owner is not None and owner is not obj:
        ids += owner.sources
    if isinstance(obj, Instrument):
        parts: list[Clause | ControlledItem | Article] = [*obj.clauses, *obj.items, *obj.articles]
        for part in parts:
            ids += part.sources
    official = [sid for sid in ids if (src := cat.sources.get(sid)) is not None and src.kind is SourceKind.OFFICIAL]
    return list(dict.fromkeys(official))


def _page_context(obj: object, cat: Catalogue, day: dt.date, mode: str) -> dict[str, Any]:
    reg = _SourceRegister(cat)
    reg.refs(_primary_sources(obj, cat))
    view = _view(obj, cat, day, reg)
    # Clauses, items and editions have no related/history of their own, but may be referred to.
    if "related" not in view:
        view["related"] = _related(_referred_by(view["id"], cat), view["id"], cat, day)
    for key in ("notes", "history", "topics"):
        view.setdefault(key, [])
    view["citation"] = cite(obj, cat, day)
    return {
        "v": view,
        "mode": mode,
        "as_of": day.isoformat(),
        "verified_to": cat.verified_to.isoformat(),
        "past_verified_to": day > cat.verified_to,
        "fingerprint": cat.fingerprint,
        "data_set": data_set_words(cat),
        "sources": reg.listing(),
        "title": page_title(obj, cat, day),
    }


def data_set_words(cat: Catalogue) -> str:
    """Which data a page or sheet comes from: the shipped data, a named pack (with its publisher and
    signature), or a folder (catalogue.datapacks)."""
    from catalogue.datapacks.store import data_set_label

    return data_set_label(cat.data_dir, cat.fingerprint)


def page_title(obj: object, cat: Catalogue | None = None, day: dt.date | None = None) -> str:
    """The document title of a detail page or sheet, e.g. for the PDF metadata and running header.
    With the catalogue and a day, an item is named by the number the text in force then gives it."""
    if isinstance(obj, Entry):
        number = number_on(obj, day, cat).words() if cat is not None and day is not None else obj.number
        return f"{number or 'number not verified'} · {obj.name.zh or obj.name.en or obj.id}"
    if isinstance(obj, Clause):
        return f"{obj.label} · {obj.text.en or obj.text.zh or obj.id}"[:120]
    return describe_obj(obj)


# -- public API ---------------------------------------------------------------------------------------


def render_detail(
    obj: object,
    cat: Catalogue,
    *,
    as_of: dt.date,
    note: str | None = None,
    bookmarked: bool = False,
    dark: bool = False,
) -> str:
    """The full HTML page for the detail view (QTextBrowser) of any catalogue object.

    `dark` selects lighter accent colours for a dark palette; body text follows the palette anyway.
    """
    ctx = _page_context(obj, cat, as_of, "screen")
    ctx.update({"note": note if note and note.strip() else None, "bookmarked": bookmarked, "dark": dark})
    return _render("detail.j2", **ctx)


def render_sheet(
    objs: Sequence[object],
    cat: Catalogue,
    *,
    as_of: dt.date,
    matter: MatterInfo | None = None,
    notes: Mapping[str, str] | None = None,
    all_sources: bool = False,
) -> list[str]:
    """One printable HTML document per object, so that each starts on a new page. `all_sources`
    lists every source in full; otherwise press reports beyond the first few are summarised."""
    out = []
    for obj in objs:
        ctx = _page_context(obj, cat, as_of, "print")
        ident = str(getattr(obj, "id", ""))
        note = (notes or {}).get(ident)
        ctx.update(
            {
                "note": note if note and note.strip() else None,
                "bookmarked": False,
                "matter": matter if matter and not matter.empty else None,
                "all_sources": all_sources,
            }
        )
        out.append(_render("sheet.j2", **ctx))
    return out


def default_list_title(objs: Sequence[object], cat: Catalogue) -> str:
    """A list sheet's title when the user gave none: what the records are and what they share, e.g.
    "Related controls — Gallium and germanium (5 records)"."""
    kinds = {_kind_word(o) for o in objs}
    what = {
        frozenset({"catalogue item"}): "Catalogue items",
        frozenset({"measure"}): "Related controls",
        frozenset({"law"}): "Laws",
        frozenset({"controlled item"}): "Controlled items",
        frozenset({"clause"}): "Clauses",
    }.get(frozenset(kinds), "Records")
    shared: set[str] | None = None
    for obj in objs:
        own = set(getattr(obj, "topics", ()) or ())
        owner = cat.owner_of(str(getattr(obj, "id", ""))) if not own else None
        own = own or set(owner.topics if owner else ())
        shared = own if shared is None else shared & own
    topic = next((cat.topics[t] for t in sorted(shared or ()) if t in cat.topics), None)
    count = f"{len(objs)} {'record' if len(objs) == 1 else 'records'}"
    if topic is not None:
        return f"{what} — {topic.name.en or topic.id} ({count})"
    return f"{what} ({count})"


def render_list_sheet(
    objs: Sequence[object],
    cat: Catalogue,
    *,
    as_of: dt.date,
    title: str | None = None,
    matter: MatterInfo | None = None,
    all_sources: bool = False,
) -> str:
    """A compact table (number, names, status, dates, sources) for search results, bookmarks or a
    branch. Without a title, one is made from what the records are (default_list_title)."""
    reg = _SourceRegister(cat)
    for obj in objs:
        reg.refs(_primary_sources(obj, cat))  # official sources numbered first, as on a sheet
    rows = []
    has_entries = False
    for n, obj in enumerate(objs, start=1):
        has_entries = has_entries or isinstance(obj, Entry)
        row = _list_row(n, obj, cat, as_of)
        row["refs"] = reg.refs(getattr(obj, "sources", ()))
        rows.append(row)
    # How the rows divide by status, so that the count reads the way the tree's branch label does.
    tally: dict[str, int] = {}
    for row in rows:
        if row["status"] is not None:
            word = row["status"]["badge"]["word"]
            tally[word] = tally.get(word, 0) + 1
    return _render(
        "list_sheet.j2",
        title=title or default_list_title(objs, cat),
        rows=rows,
        sources=reg.listing(),
        all_sources=all_sources,
        tally=sorted(tally.items(), key=lambda kv: -kv[1]) if len(tally) > 1 else [],
        as_of=as_of.isoformat(),
        verified_to=cat.verified_to.isoformat(),
        past_verified_to=as_of > cat.verified_to,
        fingerprint=cat.fingerprint,
        data_set=data_set_words(cat),
        matter=matter if matter and not matter.empty else None,
        coverage_caveat=_catalogue_caveat(cat, as_of) if has_entries else None,
        mode="print",
    )


def _list_row(n: int, obj: object, cat: Catalogue, day: dt.date) -> dict[str, Any]:
    row: dict[str, Any] = {
        "n": n,
        "kind": _kind_word(obj),
        "status": _obj_status(obj, day, cat),
        "number_missing": False,
    }
    if isinstance(obj, Entry):
        row.update(
            {
                "number": number_on(obj, day, cat).words(),
                "number_missing": number_on(obj, day, cat).number is None,
                "name": _bi(obj.name),
                "dates": f"listed {describe_interval(obj.listed)}",
            }
        )
    elif isinstance(obj, Instrument):
        row.update(
            {
                "number": obj.short_title,
                "name": _bi(obj.title),
                "dates": f"effective {describe_interval(obj.effective)}",
            }
        )
    elif isinstance(obj, Clause):
        owner = cat.owner_of(obj.id)
        row.update(
            {
                "number": f"{owner.short_title}, {obj.label}" if owner else obj.label,
                "name": _bi(obj.text),
                "dates": f"valid {describe_interval(obj.valid)}",
            }
        )
    elif isinstance(obj, ControlledItem):
        owner = cat.owner_of(obj.id)
        code = obj.control_code or "code not verified"
        row.update(
            {
                "number": f"{code} ({owner.short_title})" if owner else code,
                "name": _bi(obj.name),
                "dates": f"valid {describe_interval(obj.valid)}",
            }
        )
    elif isinstance(obj, Edition):
        row.update(
            {"number": f"{obj.key} edition", "name": _bi(obj.instrument), "dates": f"effective {_d(obj.effective)}"}
        )
    else:
        raise TypeError(f"cannot list {type(obj).__name__}")
    return row


def render_status_words(cat: Catalogue) -> str:
    """The status vocabulary as a help page: each state's badge, an example and what it means."""
    badges = {
        "in_force": "in force",
        "folded": "dual-use list",
        "listed": "restricted",
        "suspended": "suspended",
        "suspension_ended": "suspension ended",
        "not_yet_in_force": "not yet in force",
        "repealed": "repealed",
        "delisted": "delisted",
        "not_verified": "not verified",
        "unknown": "unknown",
    }
    rows = [
        {"badge": _badge(badges[state.value]), "example": example, "meaning": meaning}
        for state, example, meaning in VOCABULARY
    ]
    return _render("status_words.j2", rows=rows, verified_to=cat.verified_to.isoformat())


def render_message(title: str, body: str) -> str:
    """A page that is only a message (no results, nothing selected), in the pages' own style."""
    return _render("message.j2", title=title, body=body)
