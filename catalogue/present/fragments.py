"""The pieces every page is built from: bilingual texts with what kind of text they are, status
blocks and badges (from the status engine), notes, periods, links, related-control rows, history and
control-point rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from catalogue.i18n import N_, gettext
from catalogue.i18n import day_text as _day_text
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
from catalogue.present.labels import BADGE_CLASS, badge_css, describe_interval, note_label, zh_label, zh_short
from catalogue.present.sources import SourceRegister
from catalogue.time import Status, last_day, status_of
from catalogue.time.coverage import EditionCoverage, headline
from catalogue.time.status import PERIOD_WORDS, edition_name, instrument_name


def internal_href(ident: str) -> str:
    return "entry:" + quote(ident, safe="-_.")


def day_text(day: dt.date | None) -> str:
    """A date in the current language's way ("not known" when the data has none)."""
    return _day_text(day)


def bilingual(t: Text | None) -> dict[str, Any] | None:
    """A bilingual text with the labels a reader needs to weigh it."""
    if t is None or not (t.zh or t.en):
        return None
    return {
        "zh": t.zh,
        # An official text's line breaks are its paragraphs and numbered items: kept, as lines.
        "zh_lines": t.zh.splitlines() if t.zh else [],
        "zh_label": zh_label(t.zh_wording) if t.zh else gettext("Chinese text not seen"),
        "zh_class": "zh-official" if t.zh_wording is ZhWording.OFFICIAL else "zh-other",
        "zh_short": zh_short(t.zh_wording) if t.zh else None,
        "en": t.en,
        "en_unofficial": t.en_is_unofficial,
        "en_label": gettext("unofficial translation") if t.en_is_unofficial else gettext("official English text"),
    }


def badge(word: str) -> dict[str, str]:
    """A badge for an English badge word (prohibited, restricted, or a status engine's badge_key)."""
    return {"word": gettext(word), "css": BADGE_CLASS.get(word, "b-unknown")}


def status_view(st: Status | None) -> dict[str, Any] | None:
    """What the templates show of a status: its badge, its words and why — all from the status engine."""
    if st is None:
        return None
    return {
        "badge": {"word": st.badge, "css": badge_css(st.badge_key)},
        "label": st.label,
        "why": st.why,
        "text": st.text,
        # In compact rows the badge says it all for a plainly listed entry ("restricted").
        "detail": None if st.badge == st.label or (st.listing and st.badge_key == st.listing) else st.label,
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
    if st is not None and st.badge_key != (obj.status.value if isinstance(obj, Entry) else None):
        out.append({"word": st.badge, "css": badge_css(st.badge_key)})
    return out


def notes_view(notes: Sequence[Note], reg: SourceRegister) -> list[dict[str, Any]]:
    return [
        {
            "label": note_label(n.kind),
            "kind": n.kind,
            "text": bilingual(n.text),
            "refs": reg.refs(n.sources),
        }
        for n in notes
    ]


def period_view(sp: StatusPeriod, cat: Catalogue, reg: SourceRegister) -> dict[str, Any]:
    return {
        "state": gettext(PERIOD_WORDS[sp.state]),
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
        label = edition_name(target)
    elif target is not None:
        label = describe_obj(target)
    else:
        label = ident
    return link_plain(ident, label)


def describe_obj(obj: object) -> str:
    """A short label for a link or a list row."""
    if isinstance(obj, Entry):
        num = obj.number or gettext("number not verified")
        return f"{num} {obj.name.zh or obj.name.en or obj.id}"
    if isinstance(obj, Instrument):
        return instrument_name(obj)
    if isinstance(obj, Clause):
        return f"{obj.label}: {obj.text.en or obj.text.zh or obj.id}"
    if isinstance(obj, ControlledItem):
        return obj.name.zh or obj.name.en or obj.id
    if isinstance(obj, Edition):
        return gettext("{key} edition ({instrument})").format(key=obj.key, instrument=edition_name(obj))
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
            out.append({"href": None, "label": rid, "id": rid, "status": None, "kind": gettext("not in this data")})
            continue
        out.append(
            {
                "href": internal_href(rid),
                "label": describe_obj(target),
                "id": rid,
                "status": obj_status(target, day, cat),
                "kind": gettext(kind_word(target)),
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
    """What a record is, in English (a key: lists group by it); `gettext` it to show it."""
    if isinstance(obj, Entry):
        return N_("catalogue item")
    if isinstance(obj, Instrument):
        return {Kind.CATALOGUE: N_("catalogue"), Kind.MEASURE: N_("measure"), Kind.LAW: N_("law")}[obj.kind]
    if isinstance(obj, Clause):
        return N_("clause")
    if isinstance(obj, ControlledItem):
        return N_("controlled item")
    if isinstance(obj, Edition):
        return N_("catalogue edition")
    return N_("record")


# The data's words for a history event (model.HistoryEvent.change), so that each has a translation.
HISTORY_CHANGES = {
    word: word
    for word in (
        N_("published"),
        N_("effective"),
        N_("listed"),
        N_("added"),
        N_("modified"),
        N_("amended"),
        N_("revised"),
        N_("renumbered"),
        N_("deleted"),
        N_("suspended"),
        N_("repealed"),
        N_("folded"),
        N_("proposed"),
        N_("other"),
    )
}


def change_word(change: str) -> str:
    found = HISTORY_CHANGES.get(change)
    return gettext(found) if found else change


def history_rows(events: Sequence[HistoryEvent], cat: Catalogue, reg: SourceRegister) -> list[dict[str, Any]]:
    out = []
    for h in sorted(events, key=lambda e: e.date or dt.date.min):
        out.append(
            {
                "date": day_text(h.date),
                "change": change_word(h.change),
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
        "zh_label": zh_label(cp.text.zh_wording) if cp.text.zh else gettext("Chinese text not seen"),
        "zh_short": zh_short(cp.text.zh_wording) if cp.text.zh else None,
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
        "instrument": edition_name(e),
        "phrase": cov.phrase(),
        "held": cov.held,
        "total": cov.total,
        "complete": cov.total is not None and cov.held >= cov.total,
    }


def catalogue_caveat(cat: Catalogue, day: dt.date) -> str:
    """The sentence that stops a reader from taking the catalogue data as complete: the same count,
    for the same text in force, as the tree and the status bar show for the day."""
    return gettext(
        "This data holds {headline}. An item not shown here may still be listed: "
        "check the official text before concluding that a technology is not controlled."
    ).format(headline=headline(cat, day))
