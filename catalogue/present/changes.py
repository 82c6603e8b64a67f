"""A comparison of two days for people: JSON for scripts, plain text for the terminal, and the HTML
of the Changes view and its printed sheet (through the one Jinja environment)."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from catalogue.i18n import current_language, day_text, gettext, ngettext
from catalogue.model import Catalogue, ControlPoint
from catalogue.present.fragments import internal_href
from catalogue.present.labels import badge_css, describe_interval, zh_short
from catalogue.time import Status
from catalogue.time.diff import ChangeKind, Diff, EntryChange
from catalogue.time.status import listed_words


def _point_json(cp: ControlPoint) -> dict[str, Any]:
    return {
        "label": cp.label,
        "zh": cp.text.zh,
        "en": cp.text.en,
        "en_unofficial": cp.text.en_is_unofficial,
        "valid": {"from": _iso(cp.valid.start), "to": _iso(cp.valid.end)},
        "confidence": cp.confidence.value,
        "sources": list(cp.sources),
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _status_json(st: Status) -> dict[str, Any]:
    return {"state": st.state.value, "text": st.text, "in_force": st.in_force, "verified": st.verified}


def diff_json(d: Diff) -> dict[str, Any]:
    """The `exportref diff --json` document.

    The keys the issue fixes — from, to, added [{id, number}], removed [...], modified [{id, number,
    control_points_added, control_points_removed}], status_changes — keep exactly those names and
    shapes. Beside them: `control_points_reworded` on modified entries (pairs under the rule in this
    module's docstring), `undetermined` entries, `coverage` of each edition involved and `notes`, so
    that an empty list of changes is never read as "nothing changed".
    """
    return {
        "from": d.start.day.isoformat(),
        "to": d.end.day.isoformat(),
        "from_edition": d.start.edition.key if d.start.edition else None,
        "to_edition": d.end.edition.key if d.end.edition else None,
        "added": [{"id": c.entry.id, "number": c.entry.number} for c in d.added],
        "removed": [{"id": c.entry.id, "number": c.entry.number} for c in d.removed],
        "modified": [
            {
                "id": c.entry.id,
                "number": c.entry.number,
                "control_points_added": [_point_json(cp) for cp in c.points.added],
                "control_points_removed": [_point_json(cp) for cp in c.points.removed],
                "control_points_reworded": [
                    {"old": _point_json(rw.old), "new": _point_json(rw.new), "subject": rw.subject}
                    for rw in c.points.reworded
                ],
            }
            for c in d.modified
        ],
        "undetermined": [
            {"id": c.entry.id, "number": c.entry.number, "from": c.before.text, "to": c.after.text}
            for c in d.undetermined
        ],
        "status_changes": [
            {
                "id": s.subject_id,
                "kind": s.kind,
                "label": s.label,
                "instrument": s.instrument_id,
                "from": _status_json(s.before),
                "to": _status_json(s.after),
                "interim": list(s.interim),
            }
            for s in d.status_changes
        ],
        "coverage": [
            {
                "edition": cov.edition.key,
                "held": cov.held,
                "items_total": cov.total,
                "counts_confidence": cov.edition.counts_confidence.value,
                "text": cov.phrase(),
            }
            for cov in d.coverage
        ],
        "verified_to": d.verified_to.isoformat(),
        "notes": d.coverage_notes(),
    }


def _point_line(cp: ControlPoint, show_en: bool) -> str:
    """A control point on one line: the Chinese, then our English where asked for or where the
    Chinese was not seen."""
    zh = cp.text.zh or gettext("(Chinese wording not seen)")
    if not cp.text.en or (cp.text.zh and not show_en):
        return zh
    return zh + f" — {cp.text.en}" + (gettext(" [unofficial]") if cp.text.en_is_unofficial else "")


def diff_text(d: Diff, show_en: bool | None = None) -> str:
    """`exportref diff` as text, in the current language. `show_en`: our English translations of the
    control points beside the Chinese (default: only in English)."""
    _ = gettext
    english = show_en if show_en is not None else current_language() == "en"
    start, end = day_text(d.start.day), day_text(d.end.day)
    lines = [_("Changes from {start} to {end}").format(start=d.start.label, end=d.end.label), ""]
    lines += [_("Coverage:")] + [f"  {n}" for n in d.coverage_notes()] + [""]

    def heading(title: str, n: int) -> None:
        lines.append(_("{title} ({n}):").format(title=title, n=n))
        if not n:
            lines.append("  " + _("none found in the data"))

    def entries(title: str, changes: tuple[EntryChange, ...]) -> None:
        heading(title, len(changes))
        for c in changes:
            lines.append(f"  {c.label} [{_(c.entry.status.value)}]")
            if c.kind is ChangeKind.MODIFIED:
                lines.append(f"    {c.points.summary()}")
                lines.extend(f"    + {_point_line(cp, english)}" for cp in c.points.added)
                lines.extend(f"    - {_point_line(cp, english)}" for cp in c.points.removed)
                for rw in c.points.reworded:
                    lines.append("    " + _("~ reworded ({subject}):").format(subject=rw.subject_words()))
                    lines.append("        " + _("was: {point}").format(point=_point_line(rw.old, english)))
                    lines.append("        " + _("now: {point}").format(point=_point_line(rw.new, english)))
            elif c.kind is ChangeKind.UNDETERMINED:
                if c.before.text == c.after.text:
                    lines.append("    " + _("on both days: {text}").format(text=c.before.text))
                else:
                    lines.append("    " + _("on {day}: {text}").format(day=start, text=c.before.text))
                    lines.append("    " + _("on {day}: {text}").format(day=end, text=c.after.text))

    entries(_("Entries added"), d.added)
    entries(_("Entries removed"), d.removed)
    entries(_("Entries modified"), d.modified)
    if d.undetermined:
        entries(_("Entries whose listing the data cannot establish on one of the days"), d.undetermined)
    heading(_("Status changes of measures and clauses"), len(d.status_changes))
    for s in d.status_changes:
        lines.append(f"  {s.label}")
        lines.append("    " + _("on {day}: {text}").format(day=start, text=s.before.text))
        lines.append("    " + _("on {day}: {text}").format(day=end, text=s.after.text))
        lines += ["    " + _("in between: {text}").format(text=t) for t in s.interim]
    return "\n".join(lines)


def _status_view(st: Status) -> dict[str, Any]:
    return {
        "badge": {"word": st.badge, "css": badge_css(st.badge)},
        "label": st.label,
        "text": st.text,
        "verified": st.verified,
    }


def _segments(old: str, new: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Character-level marks for a reworded point's official Chinese: (text, same|del) and (text, same|ins)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    before: list[tuple[str, str]] = []
    after: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            before.append((old[i1:i2], "same"))
            after.append((new[j1:j2], "same"))
            continue
        if i2 > i1:
            before.append((old[i1:i2], "del"))
        if j2 > j1:
            after.append((new[j1:j2], "ins"))
    return before, after


def _point_view(cp: ControlPoint, css: str, segments: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    return {
        "zh": cp.text.zh,
        "zh_note": zh_short(cp.text.zh_wording) or "",
        "en": cp.text.en,
        "valid": describe_interval(cp.valid),
        "confidence": cp.confidence.value,
        "css": css,
        "segments": segments or [],
    }


def _rows(c: EntryChange) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for cp in c.points_before:
        if cp in c.points_after:
            rows.append({"before": _point_view(cp, "cp-same"), "after": _point_view(cp, "cp-same"), "change": "same"})
    for rw in c.points.reworded:
        if rw.old.text.zh and rw.new.text.zh:
            old_seg, new_seg = _segments(rw.old.text.zh, rw.new.text.zh)
        else:
            old_seg, new_seg = [], []
        rows.append(
            {
                "before": _point_view(rw.old, "cp-removed", old_seg),
                "after": _point_view(rw.new, "cp-added", new_seg),
                "change": "reworded",
                "subject": rw.subject_words(),
            }
        )
    rows += [{"before": _point_view(cp, "cp-removed"), "after": None, "change": "removed"} for cp in c.points.removed]
    rows += [{"before": None, "after": _point_view(cp, "cp-added"), "change": "added"} for cp in c.points.added]
    return rows


def _entry_summary(c: EntryChange) -> str:
    if c.kind is ChangeKind.ADDED:
        n = len(c.points_after)
        line = ngettext("{listed}; {n} control point recorded.", "{listed}; {n} control points recorded.", n)
        return line.format(listed=listed_words(c.entry.status.value), n=n)
    if c.kind is ChangeKind.REMOVED:
        return gettext("Deleted from the catalogue.")
    return c.points.summary()[0].upper() + c.points.summary()[1:] + "."


def changes_view(d: Diff, cat: Catalogue, focus: str | None = None) -> dict[str, Any]:
    """What the template shows. `focus`: one entry or measure/clause id, or None for everything."""

    def link(ident: str, label: str) -> dict[str, str]:
        return {"href": internal_href(ident), "label": label}

    entries = []
    for c in (*d.added, *d.removed, *d.modified):
        if focus is not None and c.entry.id != focus:
            continue
        badge_word = c.entry.status.value
        entries.append(
            {
                "id": c.entry.id,
                "kind": c.kind.value,
                "link": link(c.entry.id, c.label),
                "badge": {"word": gettext(badge_word), "css": badge_css(badge_word)},
                "name_en": c.entry.name.en,
                "before": c.before.text,
                "after": c.after.text,
                "summary": _entry_summary(c),
                "rows": _rows(c),
            }
        )
    status = [
        {
            "link": link(s.instrument_id, s.label),
            "before": _status_view(s.before),
            "after": _status_view(s.after),
            "interim": list(s.interim),
        }
        for s in d.status_changes
        if focus is None or s.subject_id == focus
    ]
    undetermined = [
        {"link": link(c.entry.id, c.label), "before": c.before.text, "after": c.after.text}
        for c in d.undetermined
        if focus is None or c.entry.id == focus
    ]
    return {
        "title": gettext("Changes from {start} to {end}").format(start=d.start.label, end=d.end.label),
        "from_day": day_text(d.start.day),
        "to_day": day_text(d.end.day),
        "notes": d.coverage_notes(),
        "entries": entries,
        "status_changes": status,
        "undetermined": undetermined,
        "focus": focus,
        "verified_to": day_text(d.verified_to),
        "fingerprint": cat.fingerprint,
    }


def changes_html(
    d: Diff, cat: Catalogue, *, focus: str | None = None, mode: str = "screen", show_en: bool | None = None
) -> str:
    """The Changes view's page (mode "screen") or the printable sheet of the whole comparison ("print").
    `show_en`: our English translations beside the Chinese (default: only in English)."""
    if mode not in ("screen", "print"):
        raise ValueError(f"unknown mode {mode!r}")
    # The one environment (bidi controls closed, stylesheet inserted as is); Jinja is imported only
    # here, so `exportref diff` as text or JSON never loads it.
    from catalogue.present.environment import render_template

    english = show_en if show_en is not None else current_language() == "en"
    return render_template("changes.html.j2", v=changes_view(d, cat, focus), mode=mode, show_en=english)
