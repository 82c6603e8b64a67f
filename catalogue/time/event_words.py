"""The words of the timeline's events, in the current language (catalogue.i18n).

Each sentence is one message with its dates, instruments and the source's words as placeholders, so
that Chinese can put them where Chinese puts them ("自2025年11月7日起暂停实施至2026年11月10日，依据…")
while the English stays what it was ("suspended from 2025-11-07 until 2026-11-10 by …"). What the
data says is not translated: an instrument is named by its Chinese document number or title where the
data has one (the status engine's `title_of`), else by its English citation; a source's own words and
a history record's note are quoted in the language the data has them in, a note we wrote only in
English marked as ours in Chinese, as the pages mark it.
"""

from __future__ import annotations

import datetime as dt

from catalogue.i18n import N_, current_language, day_text, gettext
from catalogue.model import ClauseState, Edition, StatusPeriod, Text
from catalogue.time.status import PERIOD_WORDS, edition_name, last_day, listed_words

# The word for each kind of event (keyed by EventKind's value), as the list's "Event" column shows it.
KIND_WORDS = {
    "published": N_("published"),
    "effective": N_("takes effect"),
    "did_not_take_effect": N_("was due to take effect; did not"),
    "in_force_again": N_("in force again"),
    "suspended": N_("suspended"),
    "suspension_ends": N_("suspension ends"),
    "period_ends": N_("period ends"),
    "lapsed": N_("lapsed"),
    "repealed": N_("repealed"),
    "superseded": N_("superseded"),
    "folded": N_("folded into the dual-use list"),
    "entry_listed": N_("entry listed"),
    "entry_deleted": N_("entry deleted"),
    "entry_modified": N_("entry modified"),
    "control_point_added": N_("control point added"),
    "control_point_removed": N_("control point removed"),
    "renumbered": N_("renumbered"),
    "amended": N_("amended"),
    "proposed": N_("draft published"),
    "other": N_("other event"),
}

# A status period that begins: "{what} from {start}{by}{source}", one message per state.
_PERIOD_BEGINS = {
    ClauseState.REPEALED: N_("repealed from {start}{by}{source}"),
    ClauseState.SUPERSEDED: N_("superseded from {start}{by}{source}"),
    ClauseState.LAPSED: N_("lapsed from {start}{by}{source}"),
    ClauseState.FOLDED: N_("folded into the dual-use list from {start}{by}{source}"),
}


def by(title: str | None) -> str:
    """ " by MOFCOM Announcement 2025 No. 72" (or "，依据…"), or nothing when nothing is named."""
    return gettext(" by {title}").format(title=title) if title else ""


def source(sp: StatusPeriod) -> str:
    """The source's own words for a status period, quoted as the data has them."""
    if sp.wording and (sp.wording.zh or sp.wording.en):
        return gettext(" (source: “{wording}”)").format(wording=sp.wording.zh or sp.wording.en)
    return ""


def period_begins(sp: StatusPeriod, by_title: str | None) -> str:
    start = day_text(sp.valid.start)
    if sp.state is ClauseState.SUSPENDED:
        if sp.valid.end:
            text = gettext("suspended from {start} until {end}{by}{source}")
            return text.format(start=start, end=day_text(last_day(sp.valid)), by=by(by_title), source=source(sp))
        return gettext("suspended from {start}{by}{source}").format(start=start, by=by(by_title), source=source(sp))
    if sp.state is ClauseState.IN_FORCE:
        return gettext("in force again from {start}{by}").format(start=start, by=by(by_title))
    return gettext(_PERIOD_BEGINS[sp.state]).format(start=start, by=by(by_title), source=source(sp))


def suspension_ends(sp: StatusPeriod, by_title: str | None) -> str:
    text = gettext("suspension period ends: suspended until {day}{by}")
    return text.format(day=day_text(last_day(sp.valid)), by=by(by_title))


def period_ends(sp: StatusPeriod) -> str:
    """A period that ends without a recorded successor: only what the data says."""
    text = gettext("{state} period recorded in the data ends after {day}")
    return text.format(state=gettext(PERIOD_WORDS[sp.state]), day=day_text(last_day(sp.valid)))


def unverified_after(day: dt.date, horizon: dt.date) -> str:
    """What a reader must know about an end past the date the data was checked to (else nothing)."""
    if day <= horizon:
        return ""
    text = gettext("; what applied from {day} is not verified in this data (checked to {checked})")
    return text.format(day=day_text(day), checked=day_text(horizon))


def takes_effect(day: dt.date, clause: str | None = None) -> str:
    if clause:
        return gettext("{clause} takes effect on {day}").format(clause=clause, day=day_text(day))
    return gettext("takes effect on {day}").format(day=day_text(day))


def did_not_take_effect(day: dt.date, blocked: StatusPeriod, by_title: str | None, clause: str | None = None) -> str:
    """ "was due to take effect on D but did not: suspended from …" (No. 58, suspended the day before)."""
    values = {
        "day": day_text(day),
        "state": gettext(PERIOD_WORDS[blocked.state]),
        "start": day_text(blocked.valid.start),
        "by": by(by_title),
    }
    if clause:
        return gettext("{clause} was due to take effect on {day} but did not: {state} from {start}{by}").format(
            clause=clause, **values
        )
    return gettext("was due to take effect on {day} but did not: {state} from {start}{by}").format(**values)


def published(due: dt.date | None = None, same_day: bool = False) -> str:
    if same_day:
        return gettext("published; in force the same day")
    if due is not None:
        return gettext("published (to take effect on {day})").format(day=day_text(due))
    return gettext("published")


def no_longer_in_force(day: dt.date, clause: str | None = None) -> str:
    if clause:
        return gettext("{clause} no longer applies from {day}").format(clause=clause, day=day_text(day))
    return gettext("no longer in force from {day}").format(day=day_text(day))


def entry_listed(listing: str, day: dt.date, by_title: str | None) -> str:
    """ "listed (restricted) from 2025-07-15 by …": the status engine's words for the listing."""
    return gettext("{listed} from {day}{by}").format(listed=listed_words(listing), day=day_text(day), by=by(by_title))


def entry_deleted(day: dt.date, by_title: str | None) -> str:
    return gettext("deleted with effect from {day}{by}").format(day=day_text(day), by=by(by_title))


def points_changed(summary: str, by_title: str | None) -> str:
    """The control-point summary of a day, with the edition that made the change."""
    return gettext("{changes} ({title})").format(changes=summary, title=by_title) if by_title else summary


def edition_label(ed: Edition) -> str:
    if ed.kind == "full":
        return gettext("{key} catalogue edition ({title})").format(key=ed.key, title=edition_name(ed))
    return gettext("{key} adjustment of the catalogue ({title})").format(key=ed.key, title=edition_name(ed))


def edition_published(ed: Edition, same_day: bool) -> str:
    """An edition's publication with its item counts and the official summary of its changes (data)."""
    counts = ""
    if ed.items_total is not None:
        counts = gettext("; {n} items").format(n=ed.items_total)
        if ed.prohibited is not None and ed.restricted is not None:
            counts += gettext(" ({prohibited} prohibited, {restricted} restricted)").format(
                prohibited=ed.prohibited, restricted=ed.restricted
            )
        if ed.counts_confidence.value != "confirmed":
            counts += gettext(" [{confidence} count]").format(confidence=gettext(ed.counts_confidence.value))
    changes = gettext("; changes: {changes}").format(changes=ed.changes) if ed.changes else ""
    return published(same_day=same_day) + counts + changes


def note(t: Text) -> str:
    """A history record's note in the current language where the data has it; a note we wrote only
    in English is marked as ours in Chinese, as the pages mark it."""
    if current_language() != "zh":
        return t.en or t.zh or ""
    if t.zh or not t.en:
        return t.zh or ""
    return f"{t.en}（{gettext('our wording')}）"


def history_text(change: str, text: str, other: bool) -> str:
    """A history record that matches no derived event: its note, after its own change word when it is
    filed as "other"."""
    if other and change != "other":
        return gettext("{change}: {text}").format(change=gettext(change), text=text)
    return text
