"""One record as plain text for people at a terminal (`exportref show`): the status engine's words
first, the not-verified warning where it applies, the disclaimer, then the content with its caveats.
In the current language (catalogue.i18n); in Chinese our English translations step back unless asked
for, as on pages and sheets."""

from __future__ import annotations

import datetime as dt
import textwrap

from catalogue.i18n import comma, current_language, day_text, gettext
from catalogue.model import Catalogue, Entry, Instrument, Note, PointsTotal, StatusPeriod, Text
from catalogue.present.labels import confidence_word, describe_interval, disclaimer, note_label
from catalogue.present.to_json import to_json
from catalogue.time import (
    clause_status,
    item_has_own_status,
    item_status,
    last_day,
    number_on,
    points_on,
    points_total_on,
    points_unknown_on,
    status_of,
)
from catalogue.time.status import PERIOD_PHRASES, instrument_name


def _wrap(text: str, indent: str = "  ") -> str:
    """Wrapped to 100 columns; the text's own line breaks (an article's paragraphs and numbered items)
    are kept. Chinese has no spaces to break at: textwrap then breaks it by characters."""
    return "\n".join(
        textwrap.fill(line, width=100, initial_indent=indent, subsequent_indent=indent) or indent
        for line in text.splitlines() or [""]
    )


def _bi(t: Text | None, indent: str = "  ", show_en: bool = True) -> list[str]:
    if t is None:
        return []
    lines = []
    if t.zh:
        label = {
            "official": "",
            "reported": gettext(" [as reported, may not be verbatim]"),
            "draft": gettext(" [draft wording]"),
        }[t.zh_wording.value]
        lines.append(_wrap(t.zh + label, indent))
    else:
        lines.append(indent + gettext("(Chinese text not seen)"))
    if t.en and (show_en or not t.zh or not t.en_is_unofficial):
        lines.append(_wrap(t.en + (gettext(" [unofficial translation]") if t.en_is_unofficial else ""), indent))
    return lines


def _notes_text(notes: tuple[Note, ...], indent: str = "  ", show_en: bool = True) -> list[str]:
    """Caveats travel with the fact they qualify, in text as on pages and sheets."""
    out = []
    for n in notes:
        words = (n.text.zh if not show_en else None) or n.text.en or n.text.zh or ""
        refs = f" [{', '.join(n.sources)}]" if n.sources else ""
        out.append(_wrap(gettext("{label}: {text}").format(label=note_label(n.kind), text=words) + refs, indent))
    return out


def _points_total_line(total: PointsTotal, shown: int) -> str:
    """ "The 2023 text has at least 8 control points; 6 are shown." — said before the points, so that a
    short list is not read as the whole control."""
    if total.at_least:
        line = gettext("The {edition} text has at least {count} control points; {shown} shown here ({confidence}).")
    else:
        line = gettext("The {edition} text has {count} control points; {shown} shown here ({confidence}).")
    return line.format(
        edition=total.edition, count=total.count, shown=shown, confidence=confidence_word(total.confidence.value)
    )


def _period_text(sp: StatusPeriod, cat: Catalogue) -> str:
    """A status period in words: "suspended from 2025-11-09 until 2026-11-27 by MOFCOM ... 2025 No. 72"."""
    text = gettext(PERIOD_PHRASES[sp.state])
    if sp.valid.start:
        text += gettext(" from {day}").format(day=day_text(sp.valid.start))
    if sp.valid.end:
        text += gettext(" until {day}").format(day=day_text(last_day(sp.valid)))
    if sp.by:
        by = cat.get(sp.by)
        text += gettext(" by {title}").format(title=instrument_name(by) if isinstance(by, Instrument) else sp.by)
    if sp.wording and (sp.wording.zh or sp.wording.en):
        text += gettext(" (source: “{wording}”)").format(wording=sp.wording.zh or sp.wording.en)
    return text


def _status_lines(obj: object, cat: Catalogue, as_of: dt.date) -> list[str]:
    st = status_of(obj, as_of, cat)
    if st is None:
        return []
    lines = [_wrap(gettext("Status on {day}: {label}").format(day=day_text(as_of), label=st.label), "")]
    if st.why:
        lines.append(_wrap(st.why, "  "))
    if not st.verified:
        line = gettext("NOT VERIFIED: the data was checked to {day}; later changes are not in it.")
        lines.append(_wrap(line.format(day=day_text(st.checked_to)), ""))
    return lines


def _entry_lines(obj: Entry, cat: Catalogue, as_of: dt.date, show_en: bool) -> list[str]:
    _ = gettext
    lines: list[str] = []
    num = number_on(obj, as_of, cat)
    lines.append(f"{_(obj.status.value).upper()} · {num.words()} · {obj.name.zh or obj.name.en}")
    others = [
        _("{number} ({key} text)").format(number=n, key=k)
        for n, k in num.elsewhere
        if not (n == num.number and k == num.text_key)
    ]
    if others:
        lines.append(_("Numbers in other texts: {numbers}").format(numbers=comma().join(others)))
    total = points_total_on(obj, as_of, cat)
    if total is not None:
        lines.append(_points_total_line(total, len(points_on(obj, as_of) + points_unknown_on(obj, as_of))))
    lines += _bi(obj.name, show_en=show_en)
    owner = cat.instrument(obj.instrument_id)
    if owner:
        lines.append(_("In: {title}").format(title=instrument_name(owner)))
    lines.append(_("Listed: {interval}").format(interval=describe_interval(obj.listed)))
    if obj.former_numbers:
        former = comma().join(f"{f.number} ({', '.join(f.editions)})" for f in obj.former_numbers)
        lines.append(_("Former numbers: {numbers}").format(numbers=former))
    lines += _notes_text(obj.notes, show_en=show_en)
    cps = points_on(obj, as_of) + points_unknown_on(obj, as_of)
    lines.append(_("Control points valid on {day}:").format(day=day_text(as_of)))
    if not obj.control_points:
        lines.append("  " + _("(none recorded: the wording was not found in the sources)"))
    elif not cps:
        lines.append("  " + _("(none of the recorded points applies on this date)"))
    for cp in cps:
        unknown = _(" [validity on this date not known]") if cp.valid.state_on(as_of) is None else ""
        label = _("point {label}: ").format(label=cp.label) if cp.label else ""
        meta = f"[{confidence_word(cp.confidence.value)}; {', '.join(cp.sources)}]"
        lines.append(f"  - {label}{describe_interval(cp.valid)} {meta}{unknown}")
        lines += _bi(cp.text, "      ", show_en)
        lines += _notes_text(cp.notes, "      ", show_en)
    if obj.rationale.en:
        lines.append(_("Why it is controlled (our summary, unofficial):"))
        lines.append(_wrap(obj.rationale.en))
    return lines


def _instrument_lines(obj: Instrument, cat: Catalogue, as_of: dt.date, show_en: bool) -> list[str]:
    _ = gettext
    lines: list[str] = []
    lines.append(f"{_(obj.kind.value).upper()} · {instrument_name(obj)}")
    lines += _bi(obj.title, show_en=show_en)
    if obj.document_number and obj.document_number.zh and current_language() != "zh":
        lines.append(_("Document number: {number}").format(number=obj.document_number.zh))
    if obj.published:
        published = day_text(obj.published)
        published = _("about {day}").format(day=published) if obj.published_approx else published
    else:
        published = _("not known")
    lines.append(
        _("Published: {published}; effective {interval}").format(
            published=published, interval=describe_interval(obj.effective)
        )
    )
    if obj.verified_to is not None:
        looked = _("Changes to this instrument looked for up to {day}").format(day=day_text(obj.verified_to))
        if obj.verified_sources:
            looked += f" [{', '.join(obj.verified_sources)}]"
        lines.append(_wrap(looked + (f": {obj.verified_note.any()}" if obj.verified_note else ""), ""))
    for sp in obj.status:
        lines.append(_wrap(_("Status history: {period}").format(period=_period_text(sp, cat)), ""))
    lines += _notes_text(obj.notes, show_en=show_en)
    lines.append(_("Summary (ours, unofficial):"))
    lines.append(_wrap(obj.summary.any()))
    for c in obj.clauses:
        lines.append(_("Clause {label}:").format(label=c.label))
        status = clause_status(c, obj, as_of, cat).label
        lines.append(_wrap(_("Status on {day}: {label}").format(day=day_text(as_of), label=status), "    "))
        lines += _bi(c.text, "    ", show_en)
        lines += _notes_text(c.notes, "    ", show_en)
    for it in obj.items:
        code = it.control_code or _("code not verified")
        customs = ", ".join(it.customs_codes) or "-"
        en = it.name.en if (show_en or not it.name.zh) else None
        name = " ".join(p for p in (it.name.zh, en) if p)
        lines.append(_("Item {code}: {name} (customs {customs})").format(code=code, name=name, customs=customs))
        own = item_status(it, obj, as_of, cat)
        if item_has_own_status(it, own):
            lines.append(_wrap(_("Status on {day}: {label}").format(day=day_text(as_of), label=own.label), "    "))
        lines += _notes_text(it.notes, "    ", show_en)
    chapter = section = None
    for a in obj.articles:
        if a.chapter is not None and a.chapter != chapter:
            chapter = a.chapter
            lines.append(f"{a.chapter.zh or ''} {(a.chapter.en if show_en else None) or ''}".strip())
        if a.section is not None and a.section != section:
            section = a.section
            lines.append(f"  {a.section.zh or ''} {(a.section.en if show_en else None) or ''}".strip())
        lines.append(_("{label}:").format(label=a.label))
        if a.wording_to is not None and as_of >= a.wording_to:
            line = _(
                "NOT THE TEXT ON {day}: this wording was replaced from {replaced} by a revision "
                "whose text is not in this data."
            )
            lines.append(_wrap(line.format(day=day_text(as_of), replaced=day_text(a.wording_to)), "    "))
        lines += _bi(a.text, "    ", show_en)
        lines += _notes_text(a.notes, "    ", show_en)
    return lines


def to_text(obj: object, cat: Catalogue, as_of: dt.date, *, show_en: bool | None = None) -> str:
    """One object for people at a terminal, as it stood on `as_of`: the status engine's words first,
    the not-verified warning where it applies, the disclaimer, then the content with its caveats.
    `show_en`: our English translations beside the Chinese (default: only in English)."""
    english = show_en if show_en is not None else current_language() == "en"
    data = to_json(obj, cat, as_of)
    lines = _status_lines(obj, cat, as_of)
    lines.append(disclaimer())
    lines.append("")
    if isinstance(obj, Entry):
        lines += _entry_lines(obj, cat, as_of, english)
    elif isinstance(obj, Instrument):
        lines += _instrument_lines(obj, cat, as_of, english)
    else:
        for key in ("id", "kind", "instrument", "label"):
            if data.get(key):
                lines.append(f"{key}: {data[key]}")
        text = data.get("name") or data.get("text")
        if isinstance(text, dict):
            lines.append(f"  {text.get('zh') or ''}")
            if english or not text.get("zh"):
                lines.append(f"  {text.get('en') or ''} " + gettext("[unofficial]"))
        lines += _notes_text(getattr(obj, "notes", ()), show_en=english)
    confidence = data.get("confidence") or data.get("counts_confidence")
    lines.append(gettext("Confidence: {confidence}").format(confidence=confidence_word(str(confidence))))
    lines.append(gettext("Sources:"))
    for src in data.get("sources", []):
        if isinstance(src, dict):
            title = src["title"] or gettext("(unknown source)")
            lines.append(f"  [{src['id']}] {title}" + (f" <{src['url']}>" if src.get("url") else ""))
    return "\n".join(lines)
