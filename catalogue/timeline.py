"""What applied on a given date: the status of entries, instruments and clauses "as of" a day.

The rule that matters most: past the data's `verified_to` date we do not extrapolate. A status
period the sources announced (e.g. "suspended until 27 Nov 2026") is still reported, marked as not
re-verified; once such a period has run out after `verified_to`, the answer says the period ended and
that the later status is not verified — it never silently falls back to "in force".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from catalogue.model import (
    Catalogue,
    Clause,
    ClauseState,
    ControlledItem,
    ControlPoint,
    Edition,
    Entry,
    Instrument,
    Interval,
    StatusPeriod,
)

ONE_DAY = dt.timedelta(days=1)


class State(StrEnum):
    LISTED = "listed"
    NOT_YET_LISTED = "not_yet_listed"
    DELISTED = "delisted"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    REPEALED = "repealed"
    SUPERSEDED = "superseded"
    LAPSED = "lapsed"
    FOLDED = "folded"
    PERIOD_ENDED_UNVERIFIED = "period_ended_unverified"
    UNKNOWN = "unknown"


# Whether each state means the control applies. Folding into the unified dual-use list kept the
# controls' scope unchanged (MOFCOM, research/related-controls.md §1), so folded still applies.
_APPLIES = {
    State.LISTED: True,
    State.IN_FORCE: True,
    State.FOLDED: True,
    State.NOT_YET_LISTED: False,
    State.DELISTED: False,
    State.NOT_YET_IN_FORCE: False,
    State.SUSPENDED: False,
    State.REPEALED: False,
    State.SUPERSEDED: False,
    State.LAPSED: False,
}


@dataclass(frozen=True)
class StatusAsOf:
    day: dt.date
    state: State
    text: str  # for people, e.g. "suspended from 2025-11-09 until 2026-11-27 by MOFCOM Announcement 2025 No. 72"
    verified: bool  # False when `day` is past the data's verified_to date
    period: StatusPeriod | None = None

    @property
    def in_force(self) -> bool | None:
        """True if the control applies on the day, False if not, None if the data cannot say."""
        if not self.verified and self.state not in (State.SUSPENDED, State.NOT_YET_IN_FORCE, State.NOT_YET_LISTED):
            # Past verified_to only announced future facts (a stated suspension, a planned start) hold.
            return None
        return _APPLIES.get(self.state)

    @property
    def badge(self) -> str:
        """One word for a status badge."""
        return BADGE_WORDS[self.state]


BADGE_WORDS = {
    State.LISTED: "listed",
    State.NOT_YET_LISTED: "not yet listed",
    State.DELISTED: "historical",
    State.NOT_YET_IN_FORCE: "not yet in force",
    State.IN_FORCE: "in force",
    State.SUSPENDED: "suspended",
    State.REPEALED: "repealed",
    State.SUPERSEDED: "superseded",
    State.LAPSED: "lapsed",
    State.FOLDED: "in force (dual-use list)",
    State.PERIOD_ENDED_UNVERIFIED: "unverified",
    State.UNKNOWN: "unknown",
}


def last_day(interval: Interval) -> dt.date | None:
    """The last day an interval applies (its `to` is the first day it no longer does)."""
    return interval.end - ONE_DAY if interval.end else None


def _by_title(cat: Catalogue, ident: str | None) -> str:
    if not ident:
        return ""
    found = cat.get(ident)
    if isinstance(found, Instrument):
        return f" by {found.short_title}"
    if isinstance(found, Edition):
        return f" by {found.instrument.en or found.instrument.zh or ident}"
    return f" by {ident}"


def _period_text(sp: StatusPeriod, cat: Catalogue) -> str:
    start = sp.valid.start
    end = last_day(sp.valid)
    words = {
        ClauseState.IN_FORCE: "in force",
        ClauseState.SUSPENDED: "suspended",
        ClauseState.REPEALED: "repealed",
        ClauseState.SUPERSEDED: "superseded",
        ClauseState.LAPSED: "lapsed",
        ClauseState.FOLDED: "folded into the unified dual-use export control list",
    }[sp.state]
    text = words
    if start:
        text += f" from {start}"
    if end:
        text += f" until {end}"
    text += _by_title(cat, sp.by)
    if sp.wording and (sp.wording.zh or sp.wording.en):
        text += f" (source: “{sp.wording.zh or sp.wording.en}”)"
    return text


_PERIOD_STATE = {
    ClauseState.IN_FORCE: State.IN_FORCE,
    ClauseState.SUSPENDED: State.SUSPENDED,
    ClauseState.REPEALED: State.REPEALED,
    ClauseState.SUPERSEDED: State.SUPERSEDED,
    ClauseState.LAPSED: State.LAPSED,
    ClauseState.FOLDED: State.FOLDED,
}


def _status(
    effective: Interval, periods: tuple[StatusPeriod, ...], day: dt.date, cat: Catalogue, what: str
) -> StatusAsOf:
    verified = day <= cat.verified_to
    unverified_tail = "" if verified else f" (as announced; not re-verified after {cat.verified_to})"
    start = effective.start
    if start is None:
        return StatusAsOf(day, State.UNKNOWN, f"the date this {what} took effect is not known", verified)
    if day < start:
        if effective.start_known:
            return StatusAsOf(day, State.NOT_YET_IN_FORCE, f"not yet in force (takes effect {start})", verified)
        return StatusAsOf(day, State.UNKNOWN, f"in force by {start}; status before then not verified", verified)
    for sp in periods:
        if sp.valid.state_on(day) is True:
            return StatusAsOf(day, _PERIOD_STATE[sp.state], _period_text(sp, cat) + unverified_tail, verified, sp)
    ended = [sp for sp in periods if sp.valid.end is not None and sp.valid.end <= day]
    if effective.end is not None and day >= effective.end:
        return StatusAsOf(day, State.LAPSED, f"no longer in force from {effective.end}{unverified_tail}", verified)
    if not verified:
        if ended:
            sp = max(ended, key=lambda p: p.valid.end or dt.date.min)
            word = "suspension period" if sp.state is ClauseState.SUSPENDED else f"{sp.state.value} period"
            return StatusAsOf(
                day,
                State.PERIOD_ENDED_UNVERIFIED,
                f"{word} ended {last_day(sp.valid)}; later status not verified in this data "
                f"(data verified to {cat.verified_to})",
                False,
                sp,
            )
        return StatusAsOf(
            day,
            State.UNKNOWN,
            f"in force as of {cat.verified_to} (the data's verified-to date); later status not verified",
            False,
        )
    if ended:
        sp = max(ended, key=lambda p: p.valid.end or dt.date.min)
        return StatusAsOf(day, State.IN_FORCE, f"in force ({sp.state.value} period ended {last_day(sp.valid)})", True)
    return StatusAsOf(day, State.IN_FORCE, f"in force since {start}", True)


def instrument_status(inst: Instrument, day: dt.date, cat: Catalogue) -> StatusAsOf:
    return _status(inst.effective, inst.status, day, cat, inst.kind.value)


def clause_status(clause: Clause, owner: Instrument | None, day: dt.date, cat: Catalogue) -> StatusAsOf:
    """A clause is suspended, repealed or not yet in force whenever its instrument is; otherwise its
    own validity and status periods decide."""
    own = _status(clause.valid, clause.status, day, cat, "clause")
    if owner is None:
        return own
    whole = instrument_status(owner, day, cat)
    if whole.state is State.NOT_YET_IN_FORCE and own.state is State.NOT_YET_IN_FORCE:
        return own  # the clause's own start is the later, more precise date
    if whole.state in (State.NOT_YET_IN_FORCE, State.SUSPENDED, State.REPEALED, State.SUPERSEDED, State.LAPSED):
        return whole
    if whole.state is State.PERIOD_ENDED_UNVERIFIED and own.state in (State.UNKNOWN, State.IN_FORCE):
        return whole
    return own


def entry_status(entry: Entry, day: dt.date, cat: Catalogue) -> StatusAsOf:
    verified = day <= cat.verified_to
    listed = entry.listed
    state = listed.state_on(day)
    if state is True:
        if verified:
            return StatusAsOf(day, State.LISTED, f"listed ({entry.status.value})", True)
        return StatusAsOf(
            day,
            State.LISTED,
            f"listed ({entry.status.value}) as of {cat.verified_to}; later status not verified in this data",
            False,
        )
    if state is False:
        if listed.end is not None and day >= listed.end:
            deleted_by = next((h.by for h in entry.history if h.date == listed.end and h.by), None)
            return StatusAsOf(
                day, State.DELISTED, f"deleted with effect from {listed.end}{_by_title(cat, deleted_by)}", verified
            )
        return StatusAsOf(day, State.NOT_YET_LISTED, f"not yet listed (listed from {listed.start})", verified)
    if listed.unknown_from is not None and day >= listed.unknown_from:
        text = f"status from {listed.unknown_from} not known: the sources do not say whether it remained listed"
    elif listed.start is None:
        text = "not known whether listed on this date (start of listing not known)"
    else:
        text = f"not known whether listed on this date (listed by {listed.start}; earlier status not verified)"
    return StatusAsOf(day, State.UNKNOWN, text, verified)


def status_of(obj: object, day: dt.date, cat: Catalogue) -> StatusAsOf | None:
    if isinstance(obj, Entry):
        return entry_status(obj, day, cat)
    if isinstance(obj, Instrument):
        return instrument_status(obj, day, cat)
    if isinstance(obj, Clause):
        return clause_status(obj, cat.owner_of(obj.id), day, cat)
    return None


def edition_status(ed: Edition, day: dt.date, cat: Catalogue) -> StatusAsOf:
    """Whether a catalogue edition's text applied on `day`: an edition applies from the day it took
    effect (or was published, when no effective date is known) until a later full edition replaces
    it; an adjustment amends the text in force and applies as long as that text does."""
    verified = day <= cat.verified_to
    tail = "" if verified else f" (as of {cat.verified_to}; later status not verified in this data)"
    editions = sorted(
        (e for inst in cat.instruments for e in inst.editions if (e.effective or e.published) is not None),
        key=lambda e: e.effective or e.published or dt.date.min,
    )
    start = ed.effective or ed.published
    if start is None:
        return StatusAsOf(day, State.UNKNOWN, "the date this edition took effect is not known", verified)
    if day < start:
        return StatusAsOf(day, State.NOT_YET_IN_FORCE, f"not yet in effect (takes effect {start})", verified)
    later = [e for e in editions if start < (e.effective or e.published or start) <= day]
    replaced = next((e for e in later if e.kind == "full"), None)
    if replaced is not None:
        when = replaced.effective or replaced.published
        return StatusAsOf(day, State.SUPERSEDED, f"replaced by the {replaced.key} edition from {when}", verified)
    if later:
        amended = ", ".join(f"the {e.key} adjustment ({e.effective or e.published})" for e in later)
        return StatusAsOf(day, State.IN_FORCE, f"in effect since {start}, as amended by {amended}{tail}", verified)
    return StatusAsOf(day, State.IN_FORCE, f"in effect since {start}{tail}", verified)


def today() -> dt.date:
    return dt.date.today()


# -- as-of views over many objects ---------------------------------------------------------------


def points_on(entry: Entry, day: dt.date) -> tuple[ControlPoint, ...]:
    """The control points the data shows as applying on `day` (validity known and true)."""
    return tuple(cp for cp in entry.control_points if cp.valid.state_on(day) is True)


def points_unknown_on(entry: Entry, day: dt.date) -> tuple[ControlPoint, ...]:
    """Control points whose validity on `day` the data cannot establish (shown flagged, never hidden:
    hiding a point that may apply would understate the control)."""
    return tuple(cp for cp in entry.control_points if cp.valid.state_on(day) is None)


def items_on(inst: Instrument, day: dt.date) -> tuple[ControlledItem, ...]:
    """Controlled items of a measure that apply or may apply on `day` (validity not known false)."""
    return tuple(it for it in inst.items if it.valid.state_on(day) is not False)


def entries_as_of(cat: Catalogue, day: dt.date) -> list[tuple[Entry, StatusAsOf]]:
    """Every catalogue entry with its status on `day`, in data order."""
    return [(e, entry_status(e, day, cat)) for e in cat.entries()]


def listed_on(cat: Catalogue, day: dt.date) -> list[Entry]:
    """Entries the data shows as listed on `day` (unknown listings excluded; see `entries_as_of`)."""
    return [e for e in cat.entries() if e.listed.state_on(day) is True]


def verified_caveat(cat: Catalogue, day: dt.date) -> str | None:
    """The sentence every as-of view shows for a day past the data's verified-to date."""
    if day <= cat.verified_to:
        return None
    return (
        f"The data is verified to {cat.verified_to}. For {day} it shows what the sources had announced by then; "
        "later changes are not in the data."
    )


# Badge word (StatusAsOf.badge, or an entry's own prohibited/restricted) -> stylesheet class, shared by
# the detail view, the sheets and the Changes view so a status looks the same everywhere.
BADGE_CLASS = {
    "prohibited": "b-prohibited",
    "restricted": "b-restricted",
    "in force": "b-inforce",
    "in force (dual-use list)": "b-inforce",
    "listed": "b-inforce",
    "suspended": "b-suspended",
    "repealed": "b-ended",
    "superseded": "b-ended",
    "lapsed": "b-ended",
    "historical": "b-ended",
    "not in force": "b-ended",
    "not yet listed": "b-future",
    "not yet in force": "b-future",
    "unverified": "b-unknown",
    "unknown": "b-unknown",
}
