"""Plain (JSON-ready) and plain-text views of model objects, for `exportref show` and scripting."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import Any

from catalogue.model import (
    Catalogue,
    Clause,
    ControlledItem,
    ControlPoint,
    Edition,
    Entry,
    Instrument,
    Interval,
    Note,
    StatusPeriod,
    Text,
)


def _d(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def interval_json(iv: Interval) -> dict[str, Any]:
    out: dict[str, Any] = {"from": _d(iv.start), "to": _d(iv.end)}
    if not iv.start_known:
        out["from_known"] = False
    if iv.unknown_from:
        out["unknown_from"] = _d(iv.unknown_from)
    return out


def text_json(t: Text | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "zh": t.zh,
        "en": t.en,
        "zh_wording": t.zh_wording.value,
        "en_unofficial": t.en_is_unofficial,
    }


def notes_json(notes: tuple[Note, ...]) -> list[dict[str, Any]]:
    return [{"kind": n.kind, "text": text_json(n.text), "sources": list(n.sources)} for n in notes]


def sources_json(ids: tuple[str, ...], cat: Catalogue) -> list[dict[str, Any]]:
    out = []
    for sid in ids:
        src = cat.sources.get(sid)
        out.append(
            {
                "id": sid,
                "title": src.title if src else None,
                "url": src.url if src else None,
                "kind": src.kind.value if src else None,
            }
        )
    return out


def control_point_json(cp: ControlPoint) -> dict[str, Any]:
    return {
        "label": cp.label,
        "zh": cp.text.zh,
        "en": cp.text.en,
        "zh_wording": cp.text.zh_wording.value,
        "valid": interval_json(cp.valid),
        "sources": list(cp.sources),
        "confidence": cp.confidence.value,
        "notes": notes_json(cp.notes),
    }


def status_period_json(sp: StatusPeriod) -> dict[str, Any]:
    return {
        "state": sp.state.value,
        "valid": interval_json(sp.valid),
        "by": sp.by,
        "wording": text_json(sp.wording),
        "sources": list(sp.sources),
        "confidence": sp.confidence.value,
    }


def clause_json(c: Clause) -> dict[str, Any]:
    return {
        "id": c.id,
        "label": c.label,
        "text": text_json(c.text),
        "valid": interval_json(c.valid),
        "status": [status_period_json(s) for s in c.status],
        "sources": list(c.sources),
        "confidence": c.confidence.value,
        "notes": notes_json(c.notes),
    }


def item_json(it: ControlledItem) -> dict[str, Any]:
    return {
        "id": it.id,
        "group": it.group,
        "name": text_json(it.name),
        "control_code": it.control_code,
        "customs_codes": list(it.customs_codes),
        "description": text_json(it.description),
        "valid": interval_json(it.valid),
        "sources": list(it.sources),
        "confidence": it.confidence.value,
        "notes": notes_json(it.notes),
    }


def to_json(obj: object, cat: Catalogue) -> dict[str, Any]:
    """One object as a JSON-ready dict. The keys are a stable interface for scripts."""
    if isinstance(obj, Entry):
        owner = cat.instrument(obj.instrument_id)
        return {
            "id": obj.id,
            "kind": "entry",
            "instrument": obj.instrument_id,
            "instrument_title": owner.short_title if owner else None,
            "number": obj.number,
            "status": obj.status.value,
            "sector": obj.sector,
            "name": text_json(obj.name),
            "listed": interval_json(obj.listed),
            "control_points": [control_point_json(cp) for cp in obj.control_points],
            "rationale": text_json(obj.rationale),
            "topics": list(obj.topics),
            "related": list(obj.related),
            "history": [
                {
                    "date": _d(h.date),
                    "change": h.change,
                    "by": h.by,
                    "note": text_json(h.note),
                    "sources": list(h.sources),
                }
                for h in obj.history
            ],
            "former_numbers": [{"number": f.number, "editions": list(f.editions)} for f in obj.former_numbers],
            "notes": notes_json(obj.notes),
            "sources": sources_json(obj.sources, cat),
            "confidence": obj.confidence.value,
        }
    if isinstance(obj, Instrument):
        return {
            "id": obj.id,
            "kind": obj.kind.value,
            "instrument": obj.id,
            "short_title": obj.short_title,
            "number": None,
            # An instrument's status depends on the date asked about; see catalogue.timeline.
            "status": None,
            "name": text_json(obj.title),
            "document_number": text_json(obj.document_number),
            "issuers": list(obj.issuers),
            "published": _d(obj.published),
            "listed": interval_json(obj.effective),
            "effective": interval_json(obj.effective),
            "status_periods": [status_period_json(s) for s in obj.status],
            "legal_basis": list(obj.legal_basis),
            "summary": text_json(obj.summary),
            "rationale": text_json(obj.rationale),
            "control_points": [],
            "clauses": [clause_json(c) for c in obj.clauses],
            "items": [item_json(i) for i in obj.items],
            "articles": [
                {
                    "label": a.label,
                    "text": text_json(a.text),
                    "sources": list(a.sources),
                    "confidence": a.confidence.value,
                }
                for a in obj.articles
            ],
            "editions": [edition_json(e) for e in obj.editions],
            "entries": [e.id for e in obj.entries],
            "topics": list(obj.topics),
            "related": list(obj.related),
            "url": obj.url,
            "notes": notes_json(obj.notes),
            "sources": sources_json(obj.sources, cat),
            "confidence": obj.confidence.value,
        }
    if isinstance(obj, Clause):
        owner = cat.owner_of(obj.id)
        out = clause_json(obj)
        out.update({"kind": "clause", "instrument": owner.id if owner else None, "name": out["text"]})
        out["sources"] = sources_json(obj.sources, cat)
        return out
    if isinstance(obj, ControlledItem):
        owner = cat.owner_of(obj.id)
        out = item_json(obj)
        out.update({"kind": "item", "instrument": owner.id if owner else None})
        out["sources"] = sources_json(obj.sources, cat)
        return out
    if isinstance(obj, Edition):
        out = edition_json(obj)
        out.update({"kind": "edition", "instrument": "cn-tech-export-catalogue", "name": out["instrument"]})
        out["sources"] = sources_json(obj.sources, cat)
        return out
    raise TypeError(f"cannot export {type(obj).__name__}")


def edition_json(e: Edition) -> dict[str, Any]:
    return {
        "id": e.id,
        "key": e.key,
        "instrument": text_json(e.instrument),
        "kind": e.kind,
        "published": _d(e.published),
        "effective": _d(e.effective),
        "items_total": e.items_total,
        "prohibited": e.prohibited,
        "restricted": e.restricted,
        "counts_confidence": e.counts_confidence.value,
        "changes": e.changes,
        "url": e.url,
        "sources": list(e.sources),
        "confidence": e.confidence.value,
    }


# -- plain text for people ---------------------------------------------------------------------


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


def _bi(t: Text | None, indent: str = "  ") -> list[str]:
    if t is None:
        return []
    lines = []
    if t.zh:
        label = {"official": "", "reported": " [as reported, may not be verbatim]", "draft": " [draft wording]"}[
            t.zh_wording.value
        ]
        lines.append(_wrap(t.zh + label, indent))
    else:
        lines.append(indent + "(Chinese text not seen)")
    if t.en:
        lines.append(_wrap(t.en + (" [unofficial translation]" if t.en_is_unofficial else ""), indent))
    return lines


def describe_interval(iv: Interval) -> str:
    if iv.start is None:
        start = "start not known"
    elif iv.start_known:
        start = f"from {iv.start}"
    else:
        start = f"from {iv.start} at the latest (earlier not verified)"
    parts = [start]
    if iv.end:
        parts.append(f"until {iv.end - dt.timedelta(days=1)} (no longer from {iv.end})")
    if iv.unknown_from:
        parts.append(f"status from {iv.unknown_from} not known")
    return "; ".join(parts)


def to_text(obj: object, cat: Catalogue) -> str:
    data = to_json(obj, cat)
    lines: list[str] = []
    if isinstance(obj, Entry):
        num = obj.number or "number not verified"
        lines.append(f"{obj.status.value.upper()} · {num} · {obj.name.zh or obj.name.en}")
        lines += _bi(obj.name)
        owner = cat.instrument(obj.instrument_id)
        if owner:
            lines.append(f"In: {owner.short_title}")
        lines.append(f"Listed: {describe_interval(obj.listed)}")
        if obj.former_numbers:
            lines.append(
                "Former numbers: " + ", ".join(f"{f.number} ({', '.join(f.editions)})" for f in obj.former_numbers)
            )
        lines.append("Control points:")
        if not obj.control_points:
            lines.append("  (none recorded: the wording was not found in the sources)")
        for cp in obj.control_points:
            lines.append(f"  - {describe_interval(cp.valid)} [{cp.confidence.value}; {', '.join(cp.sources)}]")
            lines += _bi(cp.text, "      ")
        if obj.rationale.en:
            lines.append("Why it is controlled (our summary, unofficial):")
            lines.append(_wrap(obj.rationale.en))
    elif isinstance(obj, Instrument):
        lines.append(f"{obj.kind.value.upper()} · {obj.short_title}")
        lines += _bi(obj.title)
        if obj.document_number and obj.document_number.zh:
            lines.append(f"Document number: {obj.document_number.zh}")
        lines.append(f"Published: {obj.published or 'not known'}; effective {describe_interval(obj.effective)}")
        for sp in obj.status:
            lines.append(f"Status: {sp.state.value} {describe_interval(sp.valid)}" + (f" by {sp.by}" if sp.by else ""))
        lines.append("Summary (ours, unofficial):")
        lines.append(_wrap(obj.summary.any()))
        for c in obj.clauses:
            lines.append(f"Clause {c.label}:")
            lines += _bi(c.text, "    ")
        for it in obj.items:
            code = it.control_code or "code not verified"
            customs = ", ".join(it.customs_codes) or "-"
            lines.append(f"Item {code}: {it.name.zh or ''} {it.name.en or ''} (customs {customs})")
        for a in obj.articles:
            lines.append(f"{a.label}:")
            lines += _bi(a.text, "    ")
    else:
        for key in ("id", "kind", "instrument", "label"):
            if data.get(key):
                lines.append(f"{key}: {data[key]}")
        text = data.get("name") or data.get("text")
        if isinstance(text, dict):
            lines += [f"  {text.get('zh') or ''}", f"  {text.get('en') or ''} [unofficial]"]
    lines.append(f"Confidence: {data.get('confidence') or data.get('counts_confidence')}")
    lines.append("Sources:")
    for s in data.get("sources", []):
        if isinstance(s, dict):
            lines.append(
                f"  [{s['id']}] {s['title'] or '(unknown source)'}" + (f" <{s['url']}>" if s.get("url") else "")
            )
    return "\n".join(lines)
