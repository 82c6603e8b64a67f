"""The pieces every page is built from: bilingual texts with what kind of text they are, status
blocks and badges (from the status engine), notes, periods, links, related-control rows, history and
control-point rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from catalogue.model import (
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
    StatusPeriod,
    Text,
    ZhWording,
)
from catalogue.present.labels import BADGE_CLASS, NOTE_LABEL, ZH_LABEL, ZH_SHORT, badge_css, describe_interval
from catalogue.present.sources import SourceRegister
from catalogue.time import Status, last_day, status_of
from catalogue.time.coverage import EditionCoverage, headline


def internal_href(ident: str) -> str:
    return "entry:" + quote(ident, safe="-_.")


def day_text(day: dt.date | None) -> str:
    return day.isoformat() if day else "not known"


def bilingual(t: Text | None) -> dict[str, Any] | None:
    """A bilingual text with the labels a reader needs to weigh it."""
    if t is None or not (t.zh or t.en):
        return None
    return {
        "zh": t.zh,
        # An official text's line breaks are its paragraphs and numbered items: kept, as lines.
        "zh_lines": t.zh.splitlines() if t.zh else [],
        "zh_label": ZH_LABEL[t.zh_wording] if t.zh else "Chinese text not seen",
        "zh_class": "zh-official" if t.zh_wording is ZhWording.OFFICIAL else "zh-other",
        "zh_short": ZH_SHORT[t.zh_wording] if t.zh else None,
        "en": t.en,
        "en_label": "unofficial translation" if t.en_is_unofficial else "official English text",
    }


def badge(word: str) -> dict[str, str]:
    return {"word": word, "css": BADGE_CLASS.get(word, "b-unknown")}


def status_view(st: Status | None) -> dict[str, Any] | None:
    """What the templates show of a status: its badge, its words and why — all from the status engine."""
    if st is None:
        return None
    return {
        "badge": {"word": st.badge, "css": badge_css(st.badge)},
        "label": st.label,
        "why": st.why,
        "text": st.text,
        # In compact rows the badge says it all for a plainly listed entry ("restricted").
        "detail": None if st.badge == st.label or (st.listing and st.badge == st.listing) else st.label,
        "verified": st.verified,
        "checked_to": st.checked_to.isoformat(),
        "state": st.state.value,
    }


def header_badges(obj: object, st: Status | None) -> list[dict[str, str]]:
    """The page header's badges: a catalogue item's list (prohibited/restricted) always, then its
    status when that says something else; anything else, its status."""
    out = []
    if isinstance(obj, Entry):
        out.append(badge(obj.status.value))
    if st is not None and st.badge != (obj.status.value if isinstance(obj, Entry) else None):
        out.append({"word": st.badge, "css": badge_css(st.badge)})
    return out


def notes_view(notes: Sequence[Note], reg: SourceRegister) -> list[dict[str, Any]]:
    return [
        {
            "label": NOTE_LABEL.get(n.kind, n.kind.capitalize()),
            "kind": n.kind,
            "text": bilingual(n.text),
            "refs": reg.refs(n.sources),
        }
        for n in notes
    ]


def period_view(sp: StatusPeriod, cat: Catalogue, reg: SourceRegister) -> dict[str, Any]:
    return {
        "state": sp.state.value.replace("_", " "),
        "from": day_text(sp.valid.start),
        "until": day_text(last_day(sp.valid)) if sp.valid.end else None,
        "by": link_to(sp.by, cat) if sp.by else None,
        "wording": bilingual(sp.wording),
        "confidence": sp.confidence.value,
        "refs": reg.refs(sp.sources),
    }


def link_plain(ident: str, label: str | None) -> dict[str, Any]:
    return {"href": internal_href(ident), "label": label or ident, "id": ident}


def link_to(ident: str, cat: Catalogue) -> dict[str, Any]:
    """A link to any id, labelled as a lawyer would name it (an edition by its instrument)."""
    target = cat.get(ident)
    if isinstance(target, Edition):
        label = target.instrument.en or target.instrument.zh or ident
    elif target is not None:
        label = describe_obj(target)
    else:
        label = ident
    return link_plain(ident, label)


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


def obj_status(obj: object, day: dt.date, cat: Catalogue) -> dict[str, Any] | None:
    return status_view(status_of(obj, day, cat))


def related_rows(ids: Iterable[str], obj_id: str, cat: Catalogue, day: dt.date) -> list[dict[str, Any]]:
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
                "status": obj_status(target, day, cat),
                "kind": kind_word(target),
            }
        )
    return out


def referred_by(ident: str, cat: Catalogue) -> list[str]:
    """Ids of instruments and entries whose `related` names `ident` — the reverse of related."""
    out = []
    for inst in cat.instruments:
        if ident in inst.related:
            out.append(inst.id)
        out.extend(e.id for e in inst.entries if ident in e.related)
    return out


def kind_word(obj: object) -> str:
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


def history_rows(events: Sequence[HistoryEvent], cat: Catalogue, reg: SourceRegister) -> list[dict[str, Any]]:
    out = []
    for h in sorted(events, key=lambda e: e.date or dt.date.min):
        out.append(
            {
                "date": day_text(h.date),
                "change": h.change,
                "note": bilingual(h.note),
                "by": link_to(h.by, cat) if h.by else None,
                "refs": reg.refs(h.sources),
            }
        )
    return out


def control_point_view(cp: ControlPoint, reg: SourceRegister) -> dict[str, Any]:
    return {
        "label": cp.label,
        "text": bilingual(cp.text),
        "zh": cp.text.zh,
        "zh_label": ZH_LABEL[cp.text.zh_wording] if cp.text.zh else "Chinese text not seen",
        "zh_short": ZH_SHORT[cp.text.zh_wording] if cp.text.zh else None,
        "en": cp.text.en,
        "en_unofficial": cp.text.en_is_unofficial,
        "valid": describe_interval(cp.valid),
        "confidence": cp.confidence.value,
        "refs": reg.refs(cp.sources),
        "notes": notes_view(cp.notes, reg),
    }


def coverage_view(cov: EditionCoverage) -> dict[str, Any]:
    e = cov.edition
    return {
        "key": e.key,
        "instrument": e.instrument.en or e.instrument.zh or e.id,
        "phrase": cov.phrase(),
        "held": cov.held,
        "total": cov.total,
        "complete": cov.total is not None and cov.held >= cov.total,
    }


def catalogue_caveat(cat: Catalogue, day: dt.date) -> str:
    """The sentence that stops a reader from taking the catalogue data as complete: the same count,
    for the same text in force, as the tree and the status bar show for the day."""
    return (
        f"This data holds {headline(cat, day)}. An item not shown here may still be listed: "
        "check the official text before concluding that a technology is not controlled."
    )
