"""Plain (JSON-ready) and plain-text views of model objects, for `exportref show` and scripting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalogue.i18n import gettext
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
from catalogue.time import (
    Status,
    clause_status,
    item_status,
    number_on,
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


def status_json(st: Status | None) -> dict[str, Any]:
    """The status keys every as-of answer carries, from the status engine (catalogue.time.status)."""
    if st is None:
        return {
            "in_force": None,
            "status_as_of": None,
            "status_label": None,
            "status_text": gettext("the status of this kind of record does not depend on the date"),
        }
    return {
        "in_force": st.applies,
        "status_as_of": st.state.value,
        "status_label": st.label,
        "status_text": st.text,
        "status_badge": st.badge,
        "verified": st.verified,
        "checked_to": st.checked_to.isoformat(),
    }


def as_of_json(obj: object, cat: Catalogue, day: dt.date, plain: dict[str, Any]) -> dict[str, Any]:
    """The keys `show --json --as-of DAY` adds or replaces.

    - `as_of`: the day asked about; `verified`: False when it is past the date the object was
      checked to (its instrument's own check date, else the dataset's verified-to date).
    - `in_force`: True when the control applies on the day, False when it does not, null when the
      data cannot say (see docs/time.md). null is never "probably yes".
    - `status_as_of` (a word of the status vocabulary, catalogue.time.status.State), `status_label` (the
      vocabulary's words with dates) and `status_text` (the label and why, for people) — the same
      words the window, the sheets and search show.
    - entries: `control_points` holds only the points valid on the day, each with `valid_on_date`
      true; points whose validity on the day the data cannot establish are kept, with
      `valid_on_date` null, because hiding a point that may apply would understate the control.
    - measures: each clause and item gets its own status keys; `items` holds the items whose
      validity is not known to exclude the day.
    """
    st = status_of(obj, day, cat)
    out: dict[str, Any] = {"as_of": day.isoformat(), "verified": day <= cat.verified_to, **status_json(st)}
    caveat = verified_caveat(cat, day)
    if caveat:
        out["caveat"] = caveat
    if isinstance(obj, Entry):
        num = number_on(obj, day, cat)
        out["number_as_of"] = num.number
        out["number_text"] = num.text_key
        out["control_points"] = [{**control_point_json(cp), "valid_on_date": True} for cp in points_on(obj, day)] + [
            {**control_point_json(cp), "valid_on_date": None} for cp in points_unknown_on(obj, day)
        ]
    elif isinstance(obj, Instrument):
        out["clauses"] = [
            {**c_json, **status_json(clause_status(c, obj, day, cat))}
            for c, c_json in zip(obj.clauses, plain["clauses"], strict=True)
        ]
        out["items"] = [
            {**i_json, "valid_on_date": it.valid.state_on(day), **status_json(item_status(it, obj, day, cat))}
            for it, i_json in zip(obj.items, plain["items"], strict=True)
            if it.valid.state_on(day) is not False
        ]
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
