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
from catalogue.timeline import (
    clause_status,
    edition_status,
    points_on,
    points_unknown_on,
    status_of,
    verified_caveat,
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


def to_json(obj: object, cat: Catalogue, as_of: dt.date | None = None) -> dict[str, Any]:
    """One object as a JSON-ready dict. The keys are a stable interface for scripts.

    With `as_of`, the answer is about that day (`show --json --as-of`): see `as_of_json`."""
    out = _to_json(obj, cat)
    if as_of is not None:
        out.update(as_of_json(obj, cat, as_of, out))
    return out


def as_of_json(obj: object, cat: Catalogue, day: dt.date, plain: dict[str, Any]) -> dict[str, Any]:
    """The keys `show --json --as-of DAY` adds or replaces.

    - `as_of`: the day asked about; `verified`: False when it is past the data's verified_to.
    - `in_force`: True when the control applies on the day (an entry listed; a measure, law or clause
      in force or folded into the dual-use list), False when it does not (not yet listed or in force,
      deleted, suspended, repealed, lapsed), and null when the data cannot say: the sources do not
      establish the listing or start on that day, or the day is past verified_to and nothing announced
      (a stated suspension, a planned start) covers it. null is never "probably yes".
    - `status_as_of` (a state word from catalogue.timeline.State) and `status_text` (for people).
    - entries: `control_points` holds only the points valid on the day, each with `valid_on_date`
      true; points whose validity on the day the data cannot establish are kept, with
      `valid_on_date` null, because hiding a point that may apply would understate the control.
    - measures: each clause gets `status_as_of`, `status_text` and `in_force`; `items` holds the items
      whose validity is not known to exclude the day.
    """
    st = edition_status(obj, day, cat) if isinstance(obj, Edition) else status_of(obj, day, cat)
    out: dict[str, Any] = {
        "as_of": day.isoformat(),
        "verified": day <= cat.verified_to,
        "in_force": st.in_force if st else None,
        "status_as_of": st.state.value if st else None,
        "status_text": st.text if st else "the status of this kind of record does not depend on the date",
    }
    caveat = verified_caveat(cat, day)
    if caveat:
        out["caveat"] = caveat
    if isinstance(obj, Entry):
        out["control_points"] = [{**control_point_json(cp), "valid_on_date": True} for cp in points_on(obj, day)] + [
            {**control_point_json(cp), "valid_on_date": None} for cp in points_unknown_on(obj, day)
        ]
    elif isinstance(obj, Instrument):
        clauses = []
        for c, c_json in zip(obj.clauses, plain["clauses"], strict=True):
            cst = clause_status(c, obj, day, cat)
            clauses.append(
                {**c_json, "status_as_of": cst.state.value, "status_text": cst.text, "in_force": cst.in_force}
            )
        out["clauses"] = clauses
        out["items"] = [
            {**i_json, "valid_on_date": it.valid.state_on(day)}
            for it, i_json in zip(obj.items, plain["items"], strict=True)
            if it.valid.state_on(day) is not False
        ]
    elif isinstance(obj, ControlledItem):
        owner = cat.owner_of(obj.id)
        own = obj.valid.state_on(day)
        whole = status_of(owner, day, cat) if owner else None
        if own is False or (whole is not None and whole.in_force is False):
            out["in_force"] = False
        elif own is True and whole is not None and whole.in_force is True:
            out["in_force"] = True
        else:
            out["in_force"] = None
        if whole is not None:
            out["status_as_of"] = whole.state.value
            out["status_text"] = f"{'valid' if own else 'not valid' if own is False else 'validity not known'}"
            out["status_text"] += f" on {day}; the measure: {whole.text}"
    return out


def _to_json(obj: object, cat: Catalogue) -> dict[str, Any]:
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


def to_text(obj: object, cat: Catalogue, as_of: dt.date | None = None) -> str:
    data = to_json(obj, cat, as_of)
    lines: list[str] = []
    if as_of is not None:
        lines.append(f"As of {as_of}: {data['status_text']}")
        if data.get("caveat"):
            lines.append(_wrap(data["caveat"], ""))
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
        cps = obj.control_points if as_of is None else points_on(obj, as_of) + points_unknown_on(obj, as_of)
        lines.append("Control points:" if as_of is None else f"Control points valid on {as_of}:")
        if not obj.control_points:
            lines.append("  (none recorded: the wording was not found in the sources)")
        elif not cps:
            lines.append("  (none of the recorded points applies on this date)")
        for cp in cps:
            unknown = " [validity on this date not known]" if as_of and cp.valid.state_on(as_of) is None else ""
            lines.append(f"  - {describe_interval(cp.valid)} [{cp.confidence.value}; {', '.join(cp.sources)}]{unknown}")
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
            if as_of is not None:
                lines.append(_wrap(f"As of {as_of}: {clause_status(c, obj, as_of, cat).text}", "    "))
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
