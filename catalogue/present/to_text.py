"""One record as plain text for people at a terminal (`exportref show`): the status engine's words
first, the not-verified warning where it applies, the disclaimer, then the content with its caveats."""

from __future__ import annotations

import datetime as dt
import textwrap

from catalogue.model import Catalogue, Entry, Instrument, Note, PointsTotal, StatusPeriod, Text
from catalogue.present.labels import DISCLAIMER, describe_interval
from catalogue.present.to_json import to_json
from catalogue.time import (
    clause_status,
    item_status,
    last_day,
    number_on,
    points_on,
    points_total_on,
    points_unknown_on,
    status_of,
)


def _wrap(text: str, indent: str = "  ") -> str:
    """Wrapped to 100 columns; the text's own line breaks (an article's paragraphs and numbered items)
    are kept."""
    return "\n".join(
        textwrap.fill(line, width=100, initial_indent=indent, subsequent_indent=indent) or indent
        for line in text.splitlines() or [""]
    )


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


_NOTE_WORDS = {"caveat": "Caveat", "conflict": "Sources disagree", "open-question": "Open question"}


def _notes_text(notes: tuple[Note, ...], indent: str = "  ") -> list[str]:
    """Caveats travel with the fact they qualify, in text as on pages and sheets."""
    out = []
    for n in notes:
        words = n.text.en or n.text.zh or ""
        refs = f" [{', '.join(n.sources)}]" if n.sources else ""
        out.append(_wrap(f"{_NOTE_WORDS.get(n.kind, n.kind)}: {words}{refs}", indent))
    return out


def _points_total_line(total: PointsTotal, shown: int) -> str:
    """ "The 2023 text has at least 8 control points; 6 are shown." — said before the points, so that a
    short list is not read as the whole control."""
    count = f"at least {total.count}" if total.at_least else f"{total.count}"
    return f"The {total.edition} text has {count} control points; {shown} shown here ({total.confidence.value})."


def _period_text(sp: StatusPeriod, cat: Catalogue) -> str:
    """A status period in words: "suspended from 2025-11-09 until 2026-11-27 by MOFCOM ... 2025 No. 72"."""
    words = {
        "in_force": "in force",
        "suspended": "suspended",
        "repealed": "repealed",
        "superseded": "replaced",
        "lapsed": "lapsed",
        "folded": "folded into the unified dual-use list",
    }[sp.state.value]
    text = words
    if sp.valid.start:
        text += f" from {sp.valid.start}"
    if sp.valid.end:
        text += f" until {last_day(sp.valid)}"
    if sp.by:
        by = cat.get(sp.by)
        text += f" by {by.short_title if isinstance(by, Instrument) else sp.by}"
    if sp.wording and (sp.wording.zh or sp.wording.en):
        text += f" (source: “{sp.wording.zh or sp.wording.en}”)"
    return text


def to_text(obj: object, cat: Catalogue, as_of: dt.date) -> str:
    """One object for people at a terminal, as it stood on `as_of`: the status engine's words first,
    the not-verified warning where it applies, the disclaimer, then the content with its caveats."""
    data = to_json(obj, cat, as_of)
    lines: list[str] = []
    st = status_of(obj, as_of, cat)
    if st is not None:
        lines.append(_wrap(f"Status on {as_of}: {st.label}", ""))
        if st.why:
            lines.append(_wrap(st.why, "  "))
        if not st.verified:
            lines.append(
                _wrap(f"NOT VERIFIED: the data was checked to {st.checked_to}; later changes are not in it.", "")
            )
    lines.append(DISCLAIMER)
    lines.append("")
    if isinstance(obj, Entry):
        num = number_on(obj, as_of, cat)
        lines.append(f"{obj.status.value.upper()} · {num.words()} · {obj.name.zh or obj.name.en}")
        others = [f"{n} ({k} text)" for n, k in num.elsewhere if not (n == num.number and k == num.text_key)]
        if others:
            lines.append("Numbers in other texts: " + ", ".join(others))
        total = points_total_on(obj, as_of, cat)
        if total is not None:
            lines.append(_points_total_line(total, len(points_on(obj, as_of) + points_unknown_on(obj, as_of))))
        lines += _bi(obj.name)
        owner = cat.instrument(obj.instrument_id)
        if owner:
            lines.append(f"In: {owner.short_title}")
        lines.append(f"Listed: {describe_interval(obj.listed)}")
        if obj.former_numbers:
            lines.append(
                "Former numbers: " + ", ".join(f"{f.number} ({', '.join(f.editions)})" for f in obj.former_numbers)
            )
        lines += _notes_text(obj.notes)
        cps = points_on(obj, as_of) + points_unknown_on(obj, as_of)
        lines.append(f"Control points valid on {as_of}:")
        if not obj.control_points:
            lines.append("  (none recorded: the wording was not found in the sources)")
        elif not cps:
            lines.append("  (none of the recorded points applies on this date)")
        for cp in cps:
            unknown = " [validity on this date not known]" if cp.valid.state_on(as_of) is None else ""
            label = f"point {cp.label}: " if cp.label else ""
            lines.append(
                f"  - {label}{describe_interval(cp.valid)} [{cp.confidence.value}; {', '.join(cp.sources)}]{unknown}"
            )
            lines += _bi(cp.text, "      ")
            lines += _notes_text(cp.notes, "      ")
        if obj.rationale.en:
            lines.append("Why it is controlled (our summary, unofficial):")
            lines.append(_wrap(obj.rationale.en))
    elif isinstance(obj, Instrument):
        lines.append(f"{obj.kind.value.upper()} · {obj.short_title}")
        lines += _bi(obj.title)
        if obj.document_number and obj.document_number.zh:
            lines.append(f"Document number: {obj.document_number.zh}")
        published = f"about {obj.published}" if obj.published and obj.published_approx else obj.published
        lines.append(f"Published: {published or 'not known'}; effective {describe_interval(obj.effective)}")
        if obj.verified_to is not None:
            looked = f"Changes to this instrument looked for up to {obj.verified_to}"
            if obj.verified_sources:
                looked += f" [{', '.join(obj.verified_sources)}]"
            lines.append(_wrap(looked + (f": {obj.verified_note.any()}" if obj.verified_note else ""), ""))
        for sp in obj.status:
            lines.append(_wrap(f"Status history: {_period_text(sp, cat)}", ""))
        lines += _notes_text(obj.notes)
        lines.append("Summary (ours, unofficial):")
        lines.append(_wrap(obj.summary.any()))
        for c in obj.clauses:
            lines.append(f"Clause {c.label}:")
            lines.append(_wrap(f"Status on {as_of}: {clause_status(c, obj, as_of, cat).label}", "    "))
            lines += _bi(c.text, "    ")
            lines += _notes_text(c.notes, "    ")
        for it in obj.items:
            code = it.control_code or "code not verified"
            customs = ", ".join(it.customs_codes) or "-"
            lines.append(f"Item {code}: {it.name.zh or ''} {it.name.en or ''} (customs {customs})")
            if it.valid.state_on(as_of) is not True:
                lines.append(_wrap(f"Status on {as_of}: {item_status(it, obj, as_of, cat).label}", "    "))
            lines += _notes_text(it.notes, "    ")
        chapter = section = None
        for a in obj.articles:
            if a.chapter is not None and a.chapter != chapter:
                chapter = a.chapter
                lines.append(f"{a.chapter.zh or ''} {a.chapter.en or ''}".strip())
            if a.section is not None and a.section != section:
                section = a.section
                lines.append(f"  {a.section.zh or ''} {a.section.en or ''}".strip())
            lines.append(f"{a.label}:")
            if a.wording_to is not None and as_of >= a.wording_to:
                lines.append(
                    _wrap(
                        f"NOT THE TEXT ON {as_of}: this wording was replaced from {a.wording_to} by a revision "
                        "whose text is not in this data.",
                        "    ",
                    )
                )
            lines += _bi(a.text, "    ")
            lines += _notes_text(a.notes, "    ")
    else:
        for key in ("id", "kind", "instrument", "label"):
            if data.get(key):
                lines.append(f"{key}: {data[key]}")
        text = data.get("name") or data.get("text")
        if isinstance(text, dict):
            lines += [f"  {text.get('zh') or ''}", f"  {text.get('en') or ''} [unofficial]"]
        notes = getattr(obj, "notes", ())
        lines += _notes_text(notes)
    lines.append(f"Confidence: {data.get('confidence') or data.get('counts_confidence')}")
    lines.append("Sources:")
    for src in data.get("sources", []):
        if isinstance(src, dict):
            lines.append(
                f"  [{src['id']}] {src['title'] or '(unknown source)'}" + (f" <{src['url']}>" if src.get("url") else "")
            )
    return "\n".join(lines)
