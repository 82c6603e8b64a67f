"""The status engine: does something apply on a given day, in the words a lawyer reads, and why.

Every place that shows a status — search hits, the tree, detail pages, related-controls rows, sheets,
Changes, Timeline, About, citations, `exportref show` — asks this module and nowhere else, so that
they all say the same thing.

The rules, in order of importance:

- Past the verified-to date we do not extrapolate. Each object is checked to a date: its instrument's
  own `verified_to` when the data records one (changes to that instrument were looked for up to
  then), else the dataset's. After it, nothing is called "in force" without "as of <date>; not
  verified after". A period the sources announced ("suspended until 27 Nov 2026") still holds, marked
  as announced; once it has run out, the answer is "suspension ended 2026-11-27; later status not
  verified", never a silent return to "in force".
- One vocabulary (`State`), modelled on how Chinese legal databases label validity (现行有效 / 已被修改
  / 失效 / 尚未生效). docs/time.md gives an example of each, in English and in Chinese.
- The words are written in the current language (catalogue.i18n): the English is the message id, the
  Chinese comes from the translation catalogue, and dates are written as that language writes them.
  `badge_key` keeps the English badge word, which the stylesheet's colours and comparisons use.
- A measure whose clauses differ from it says so in one line: "para. 2 suspended until 2026-11-27;
  paras. 1 and 3 in force".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from catalogue.i18n import N_, current_language, day_text, gettext, join_words, semicolon
from catalogue.model import (
    Catalogue,
    Clause,
    ClauseState,
    ControlledItem,
    Edition,
    Entry,
    Instrument,
    Interval,
    StatusPeriod,
)

ONE_DAY = dt.timedelta(days=1)


class State(StrEnum):
    """The status vocabulary. The values are the stable words of the JSON interface."""

    IN_FORCE = "in_force"  # 现行有效
    FOLDED = "folded"  # in force under the unified dual-use list
    LISTED = "listed"  # a catalogue item: listed (prohibited or restricted)
    SUSPENDED = "suspended"  # 暂停实施 (until …)
    SUSPENSION_ENDED = "suspension_ended"  # an announced suspension ran out after the check date
    NOT_YET_IN_FORCE = "not_yet_in_force"  # 尚未生效 (an item: not yet listed)
    REPEALED = "repealed"  # 失效: repealed, replaced or lapsed
    DELISTED = "delisted"  # removed from the catalogue or from a measure's list
    NOT_VERIFIED = "not_verified"  # applied on the check date; nothing after it is verified
    UNKNOWN = "unknown"  # the data cannot say


# Whether the control applies in each state; None: the data cannot say.
_APPLIES: dict[State, bool | None] = {
    State.IN_FORCE: True,
    State.FOLDED: True,
    State.LISTED: True,
    State.SUSPENDED: False,
    State.SUSPENSION_ENDED: None,
    State.NOT_YET_IN_FORCE: False,
    State.REPEALED: False,
    State.DELISTED: False,
    State.NOT_VERIFIED: None,
    State.UNKNOWN: None,
}

# Not current on the day: ranked after current hits, struck through in the tree when shown.
HISTORICAL_STATES = frozenset({State.REPEALED, State.DELISTED, State.NOT_YET_IN_FORCE})
# The data cannot say what applies: shown in italics in compact lists.
UNCERTAIN_STATES = frozenset({State.SUSPENSION_ENDED, State.NOT_VERIFIED, State.UNKNOWN})
# Plainly applying: compact lists (the tree) need no tag for these.
APPLYING_STATES = frozenset({State.IN_FORCE, State.FOLDED, State.LISTED})

# One example of each state, for docs/time.md and the in-app help (checked by a test against the engine).
VOCABULARY: tuple[tuple[State, str, str], ...] = (
    (State.IN_FORCE, N_("in force"), N_("the measure or law applies on the day")),
    (
        State.FOLDED,
        N_("in force under the dual-use list"),
        N_("folded into the unified dual-use list; the control still applies"),
    ),
    (State.LISTED, N_("listed (restricted)"), N_("a catalogue item listed on the day: prohibited or restricted")),
    (State.SUSPENDED, N_("suspended until 2026-11-27"), N_("does not apply while the suspension lasts")),
    (
        State.SUSPENSION_ENDED,
        N_("suspension ended 2026-11-27; later status not verified"),
        N_("an announced suspension ran out after the data was checked"),
    ),
    (
        State.NOT_YET_IN_FORCE,
        N_("not yet in force (from 2025-12-01)"),
        N_("announced, not yet applying (items: not yet listed)"),
    ),
    (State.REPEALED, N_("repealed, replaced or lapsed"), N_("no longer in force; the page says which and by what")),
    (State.DELISTED, N_("delisted (from 2025-07-15)"), N_("removed from the catalogue or from a measure's list")),
    (
        State.NOT_VERIFIED,
        N_("in force as of 2026-06-30; not verified after"),
        N_("applied on the date the data was checked to; nothing later is verified"),
    ),
    (State.UNKNOWN, N_("unknown"), N_("the sources do not establish the status on the day")),
)

# Every badge word the engine gives (the English, `Status.badge_key`), so that each has a translation
# and a colour (catalogue.present.labels.BADGE_CLASS). A catalogue item's listing words come first.
BADGE_WORDS = (
    N_("prohibited"),
    N_("restricted"),
    N_("in force"),
    N_("in force in part"),
    N_("dual-use list"),
    N_("suspended"),
    N_("suspension ended"),
    N_("repealed"),
    N_("replaced"),
    N_("lapsed"),
    N_("no longer in force"),
    N_("delisted"),
    N_("not yet in force"),
    N_("not yet listed"),
    N_("not verified"),
    N_("unknown"),
)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an object is in its state: the instrument that suspended, folded, replaced or delisted it."""

    by: str | None  # the instrument (or catalogue edition) id
    by_title: str | None  # how a lawyer names it
    start: dt.date | None
    until: dt.date | None  # the last day, inclusive
    wording: str | None = None  # the source's own words, e.g. 暂停实施至2026年11月27日


@dataclass(frozen=True, slots=True)
class Status:
    """The answer for one object on one day, in the language current when it was asked."""

    day: dt.date
    state: State
    label: str  # the vocabulary's words with their dates, e.g. "suspended until 2026-11-27"
    badge: str  # a word or two for a coloured badge, e.g. "suspended" (暂停实施 in Chinese)
    why: str  # what decided it, e.g. "from 2025-11-09 by MOFCOM Announcement 2025 No. 72"; may be ""
    verified: bool  # False when the day is after the date the object was checked to
    checked_to: dt.date  # the date the object was checked to
    reason: Reason | None = None
    period: StatusPeriod | None = None  # the status period in effect (or just ended), when one decides
    parts: str | None = None  # measures: clauses whose state differs, e.g. "para. 2 suspended until …"
    listing: str | None = None  # catalogue items: prohibited | restricted
    as_checked: State | None = None  # NOT_VERIFIED: the state on the date the object was checked to
    badge_key: str = ""  # the badge's English word in any language: its colour and comparisons use it

    @property
    def text(self) -> str:
        """The label and why, as one sentence for people."""
        return gettext("{label} — {why}").format(label=self.label, why=self.why) if self.why else self.label

    @property
    def applies(self) -> bool | None:
        """True if the control applies on the day, False if not, None if the data cannot say."""
        return _APPLIES[self.state]

    @property
    def in_force(self) -> bool | None:
        return self.applies

    @property
    def historical(self) -> bool:
        return self.state in HISTORICAL_STATES

    @property
    def uncertain(self) -> bool:
        return self.state in UNCERTAIN_STATES

    @property
    def tag(self) -> str | None:
        """The marker a compact list (the tree) puts before a row: none when it plainly applies, in
        whole, on a verified day; otherwise the badge."""
        if self.state in APPLYING_STATES and self.verified and self.parts is None:
            return None
        return self.badge


# -- helpers ----------------------------------------------------------------------------------------


def last_day(interval: Interval) -> dt.date | None:
    """The last day an interval applies (its `to` is the first day it no longer does)."""
    return interval.end - ONE_DAY if interval.end else None


def instrument_name(inst: Instrument) -> str:
    """How a lawyer names an instrument in the current language: "MOFCOM & GACC Announcement 2023
    No. 23"; in Chinese its document number (商务部 海关总署公告2023年第23号), or for a law without one
    its title in book-title marks (《中华人民共和国出口管制法》)."""
    if current_language() == "zh":
        if inst.document_number is not None and inst.document_number.zh:
            return inst.document_number.zh
        if inst.title.zh:
            return f"《{inst.title.zh}》"
    return inst.short_title


def edition_name(ed: Edition) -> str:
    """An edition named by the instrument that issued it, in the current language where the data has it."""
    if current_language() == "zh" and ed.instrument.zh:
        return ed.instrument.zh
    return ed.instrument.en or ed.instrument.zh or ed.id


def title_of(cat: Catalogue, ident: str | None) -> str | None:
    """How a lawyer names an instrument or edition."""
    if not ident:
        return None
    found = cat.get(ident)
    if isinstance(found, Instrument):
        return instrument_name(found)
    if isinstance(found, Edition):
        return edition_name(found)
    return ident


def checked_to(cat: Catalogue, inst: Instrument | None) -> dt.date:
    """The date an instrument (and everything in it) was checked to: its own, else the dataset's."""
    if inst is not None and inst.verified_to is not None:
        return inst.verified_to
    return cat.verified_to


def _reason(sp: StatusPeriod, cat: Catalogue) -> Reason:
    wording = (sp.wording.zh or sp.wording.en) if sp.wording else None
    return Reason(sp.by, title_of(cat, sp.by), sp.valid.start, last_day(sp.valid), wording)


def _joined(*parts: str | None) -> str:
    """Clauses of one explanation, separated as the language separates them."""
    return semicolon().join(p for p in parts if p)


def _why(*parts: str | None, reason: Reason | None = None) -> str:
    """Join the pieces of an explanation: dates first, then by what, then the source's own words."""
    out = [p for p in parts if p]
    if reason is not None and reason.by_title:
        out.append(gettext("by {title}").format(title=reason.by_title))
    text = ("，" if current_language() == "zh" else " ").join(out)
    if reason is not None and reason.wording:
        text += gettext(" (source: “{wording}”)").format(wording=reason.wording)
    return text


def _from(day: dt.date | None) -> str:
    return gettext("from {day}").format(day=day_text(day))


_ENDED_BADGE = {
    ClauseState.REPEALED: N_("repealed"),
    ClauseState.SUPERSEDED: N_("replaced"),
    ClauseState.LAPSED: N_("lapsed"),
}

# A status period's state in words, for "… period ended" (suspensions have words of their own).
PERIOD_WORDS = {
    ClauseState.IN_FORCE: N_("in force"),
    ClauseState.SUSPENDED: N_("suspended"),
    ClauseState.FOLDED: N_("folded"),
    ClauseState.REPEALED: N_("repealed"),
    ClauseState.SUPERSEDED: N_("superseded"),
    ClauseState.LAPSED: N_("lapsed"),
}
# The same in a sentence ("folded into the unified dual-use list from 2024-12-01 by …"), as `exportref
# show` lists a record's status history.
PERIOD_PHRASES = {
    **PERIOD_WORDS,
    ClauseState.FOLDED: N_("folded into the unified dual-use list"),
    ClauseState.SUPERSEDED: N_("replaced"),
}
_WHAT = {
    "measure": N_("the date this measure took effect is not known"),
    "law": N_("the date this law took effect is not known"),
    "catalogue": N_("the date this catalogue took effect is not known"),
    "clause": N_("the date this clause took effect is not known"),
    "edition": N_("the date this edition took effect is not known"),
}


def _status(
    day: dt.date,
    state: State,
    label: str,
    badge: str,
    why: str,
    verified: bool,
    horizon: dt.date,
    reason: Reason | None = None,
    period: StatusPeriod | None = None,
    *,
    listing: str | None = None,
    as_checked: State | None = None,
) -> Status:
    """A Status with its badge (given in English) in the current language."""
    return Status(
        day, state, label, gettext(badge), why, verified, horizon, reason, period, None, listing, as_checked, badge
    )


def _make(
    day: dt.date,
    horizon: dt.date,
    state: State,
    label: str,
    badge: str,
    why: str = "",
    reason: Reason | None = None,
    period: StatusPeriod | None = None,
    listing: str | None = None,
) -> Status:
    """A status the sources state for the day. Past the check date it holds only as announced.
    `badge` is the English word (translated here); `label` and `why` are already in the language."""
    verified = day <= horizon
    if not verified:
        why = _joined(why, gettext("not verified after {day}").format(day=day_text(horizon)))
    return _status(day, state, label, badge, why, verified, horizon, reason, period, listing=listing)


# -- measures, laws, the catalogue as an instrument, clauses -----------------------------------------


def _period_status(
    effective: Interval,
    periods: tuple[StatusPeriod, ...],
    day: dt.date,
    horizon: dt.date,
    cat: Catalogue,
    what: str,
    published: dt.date | None = None,
) -> Status:
    """The status of anything with an effective interval and status periods (an instrument, a clause).
    `published`: an instrument's publication date, which bounds an unknown start from below."""
    _ = gettext
    start = effective.start
    if start is None and published is not None and day < published:
        label = _("not yet issued (published {day})").format(day=day_text(published))
        return _make(day, horizon, State.NOT_YET_IN_FORCE, label, "not yet in force")
    if start is None:
        why = _(_WHAT.get(what, _WHAT["measure"]))
        return _make(day, horizon, State.UNKNOWN, _("unknown"), "unknown", why)
    if day < start:
        if effective.start_known:
            label = _("not yet in force (from {day})").format(day=day_text(start))
            return _make(day, horizon, State.NOT_YET_IN_FORCE, label, "not yet in force")
        why = _("in force by {day}; status before then not verified").format(day=day_text(start))
        return _make(day, horizon, State.UNKNOWN, _("unknown"), "unknown", why)
    for sp in periods:
        if sp.valid.state_on(day) is not True:
            continue
        reason = _reason(sp, cat)
        since = _from(reason.start) if reason.start else None
        if sp.state is ClauseState.SUSPENDED:
            label = _("suspended until {day}").format(day=day_text(reason.until)) if reason.until else _("suspended")
            return _make(day, horizon, State.SUSPENDED, label, "suspended", _why(since, reason=reason), reason, sp)
        if sp.state in _ENDED_BADGE:
            word = _ENDED_BADGE[sp.state]
            label = _("{word} (from {day})").format(word=_(word), day=day_text(reason.start))
            return _make(day, horizon, State.REPEALED, label, word, _why(reason=reason), reason, sp)
        if day > horizon:
            break  # an open-ended "in force" or "folded" period past the check date: not verified (below)
        if sp.state is ClauseState.FOLDED:
            folded = _("folded into the unified dual-use export control list")
            why = _why(folded, since, reason=reason)
            label = _("in force under the dual-use list")
            return _make(day, horizon, State.FOLDED, label, "dual-use list", why, reason, sp)
        return _make(day, horizon, State.IN_FORCE, _("in force"), "in force", _why(since, reason=reason), reason, sp)
    if effective.end is not None and day >= effective.end:
        label = _("no longer in force (from {day})").format(day=day_text(effective.end))
        return _make(day, horizon, State.REPEALED, label, "no longer in force")
    ended = [sp for sp in periods if sp.valid.end is not None and sp.valid.end <= day]
    latest = max(ended, key=lambda p: p.valid.end or dt.date.min) if ended else None
    if day > horizon:
        if latest is not None and latest.valid.end is not None and latest.valid.end > horizon:
            # The period ran out after the data was checked: say so, never fall back to "in force".
            reason = _reason(latest, cat)
            until = day_text(reason.until)
            if latest.state is ClauseState.SUSPENDED:
                label = _("suspension ended {day} (later status not verified)").format(day=until)
                badge, state = "suspension ended", State.SUSPENSION_ENDED
            else:
                label = _("{state} period ended {day} (later status not verified)").format(
                    state=_(PERIOD_WORDS[latest.state]), day=until
                )
                badge, state = "unknown", State.UNKNOWN
            checked = _("the data was checked to {day}").format(day=day_text(horizon))
            why = _joined(_why(_from(reason.start), reason=reason), checked)
            return _status(day, state, label, badge, why, False, horizon, reason, latest)
        # What held on the check date, and that nothing since is verified.
        then = _period_status(effective, periods, horizon, horizon, cat, what, published)
        if then.state in (State.IN_FORCE, State.FOLDED):
            label = _("{label} as of {day} (not verified after)").format(label=then.label, day=day_text(horizon))
            return _status(
                day,
                State.NOT_VERIFIED,
                label,
                "not verified",
                then.why,
                False,
                horizon,
                then.reason,
                then.period,
                as_checked=then.state,
            )
        if then.state is State.NOT_YET_IN_FORCE:
            # Announced after the check date (news the research found later): in force as announced.
            label = _("in force from {day} as announced (not verified)").format(day=day_text(start))
            return _status(day, State.NOT_VERIFIED, label, "not verified", "", False, horizon, as_checked=then.state)
        why = _("not verified after {day}; on {day}: {text}").format(day=day_text(horizon), text=then.text)
        return _status(day, State.UNKNOWN, _("unknown"), "unknown", why, False, horizon)
    if latest is not None:
        reason = _reason(latest, cat)
        until = day_text(reason.until)
        if latest.state is ClauseState.SUSPENDED:
            ended_words = _("since {start}; suspension ended {day}").format(start=day_text(start), day=until)
        else:
            ended_words = _("since {start}; {state} period ended {day}").format(
                start=day_text(start), state=_(PERIOD_WORDS[latest.state]), day=until
            )
        why = _why(ended_words, reason=reason)
        return _make(day, horizon, State.IN_FORCE, _("in force"), "in force", why)
    return _make(day, horizon, State.IN_FORCE, _("in force"), "in force", _("since {day}").format(day=day_text(start)))


def _join_labels(labels: list[str]) -> str:
    """["para. 1", "para. 3"] -> "paras. 1 and 3"; other labels are listed as they are."""
    if len(labels) > 1 and all(lb.startswith("para. ") for lb in labels):
        nums = [lb[len("para. ") :] for lb in labels]
        return gettext("paras. {numbers}").format(numbers=join_words(nums))
    return join_words(labels)


def _parts(inst: Instrument, whole: Status, cat: Catalogue) -> str | None:
    """The clauses whose state differs from the measure's, in one line ("para. 2 suspended until
    2026-11-27; paras. 1 and 3 in force"). The clauses that read as the measure does are named only
    while the measure is plainly in force; otherwise the headline already says it."""
    if not inst.clauses or whole.state not in (State.IN_FORCE, State.FOLDED, State.NOT_VERIFIED):
        return None
    groups: dict[str, list[str]] = {}
    same: list[str] = []
    for clause in inst.clauses:
        st = _clause_status(clause, inst, whole, cat)
        if st.state is whole.state:
            same.append(clause.label)
        else:
            groups.setdefault(st.label, []).append(clause.label)
    if not groups:
        return None
    spaced = gettext("{clauses} {label}")
    out = [spaced.format(clauses=_join_labels(labels), label=label) for label, labels in groups.items()]
    if same and whole.state is State.IN_FORCE:
        out.append(spaced.format(clauses=_join_labels(same), label=whole.label))
    return semicolon().join(out)


def instrument_status(inst: Instrument, day: dt.date, cat: Catalogue) -> Status:
    horizon = checked_to(cat, inst)
    whole = _period_status(inst.effective, inst.status, day, horizon, cat, inst.kind.value, inst.published)
    parts = _parts(inst, whole, cat)
    if parts is None:
        return whole
    key = "in force in part" if whole.state is State.IN_FORCE else whole.badge_key
    label = _joined(whole.label, parts)
    return replace(whole, label=label, badge=gettext(key), badge_key=key, parts=parts)


def _clause_status(clause: Clause, owner: Instrument, whole: Status, cat: Catalogue) -> Status:
    """A clause is suspended, repealed or not yet in force whenever its measure is, and folded with it;
    otherwise its own validity and status periods decide."""
    own = _period_status(clause.valid, clause.status, whole.day, whole.checked_to, cat, "clause")
    if whole.state is State.NOT_YET_IN_FORCE and own.state is State.NOT_YET_IN_FORCE:
        return own  # the clause's own start is the later, more precise date
    if whole.state in (State.NOT_YET_IN_FORCE, State.SUSPENDED, State.REPEALED):
        return whole
    if whole.state is State.FOLDED and own.state is State.IN_FORCE:
        return whole
    if whole.state is State.NOT_VERIFIED and own.state is State.NOT_VERIFIED:
        return whole  # "in force under the dual-use list as of …" rather than "in force as of …"
    if whole.state is State.SUSPENSION_ENDED and own.state in (State.UNKNOWN, State.IN_FORCE, State.NOT_VERIFIED):
        return whole
    return own


def clause_status(clause: Clause, owner: Instrument | None, day: dt.date, cat: Catalogue) -> Status:
    if owner is None:
        return _period_status(clause.valid, clause.status, day, cat.verified_to, cat, "clause")
    whole = _period_status(
        owner.effective, owner.status, day, checked_to(cat, owner), cat, owner.kind.value, owner.published
    )
    return _clause_status(clause, owner, whole, cat)


# -- catalogue items and controlled items -------------------------------------------------------------

_LISTED = {"prohibited": N_("listed (prohibited)"), "restricted": N_("listed (restricted)")}


def listed_words(listing: str) -> str:
    """A listed catalogue item's label, "listed (restricted)", in the current language."""
    found = _LISTED.get(listing)
    return gettext(found) if found else listing


def entry_status(entry: Entry, day: dt.date, cat: Catalogue) -> Status:
    _ = gettext
    horizon = checked_to(cat, cat.instrument(entry.instrument_id))
    listing = entry.status.value
    listed = entry.listed
    state = listed.state_on(day)
    listed_label = listed_words(listing)

    def make(state: State, label: str, badge: str, why: str = "", reason: Reason | None = None) -> Status:
        return _make(day, horizon, state, label, badge, why, reason, listing=listing)

    if state is True:
        if day <= horizon:
            since = _("since {day}").format(day=day_text(listed.start)) if listed.start_known else ""
            return make(State.LISTED, listed_label, listing, since)
        then = State.LISTED
        if listed.start is not None and listed.start > horizon:
            label = _("due to be {listed} from {day} (not verified after {checked})").format(
                listed=listed_label, day=day_text(listed.start), checked=day_text(horizon)
            )
            then = State.NOT_YET_IN_FORCE
        else:
            label = _("{label} as of {day} (not verified after)").format(label=listed_label, day=day_text(horizon))
        return _status(
            day, State.NOT_VERIFIED, label, "not verified", "", False, horizon, listing=listing, as_checked=then
        )
    if state is False:
        if listed.end is not None and day >= listed.end:
            by = next((h.by for h in entry.history if h.date == listed.end and h.by), None)
            reason = Reason(by, title_of(cat, by), listed.end, None)
            label = _("delisted (from {day})").format(day=day_text(listed.end))
            return make(State.DELISTED, label, "delisted", _why(reason=reason), reason)
        label = _("not yet listed (from {day})").format(day=day_text(listed.start))
        return make(State.NOT_YET_IN_FORCE, label, "not yet listed")
    if listed.unknown_from is not None and day >= listed.unknown_from:
        why = _("the sources do not say whether it remained listed from {day}").format(
            day=day_text(listed.unknown_from)
        )
    elif listed.start is None:
        why = _("whether it was listed on this date is not known (start of listing not known)")
    else:
        why = _("whether it was listed on this date is not known (listed by {day}; earlier not verified)").format(
            day=day_text(listed.start)
        )
    return make(State.UNKNOWN, _("unknown"), "unknown", why)


# The states in which a controlled item's status differs from its measure's, when its own dates say so.
ITEM_OWN_STATES = frozenset({State.DELISTED, State.NOT_YET_IN_FORCE, State.UNKNOWN})


def item_has_own_status(item: ControlledItem, status: Status) -> bool:
    """Whether an item's status is its own rather than its measure's, to be said beside the item: it
    is not (or not known to be) on its measure's list that day. Otherwise the measure's status line
    says it for all its items — in the tree, on the page and in `exportref show` alike."""
    return status.state in ITEM_OWN_STATES and item.valid.state_on(status.day) is not True


def item_status(item: ControlledItem, owner: Instrument | None, day: dt.date, cat: Catalogue) -> Status:
    """An item applies while it is on its measure's list and the measure applies; it reads as its
    measure does (without the measure's clause summary, which is about the measure's text)."""
    _ = gettext
    horizon = checked_to(cat, owner)
    own = item.valid.state_on(day)
    if own is False:
        if item.valid.end is not None and day >= item.valid.end:
            label = _("delisted (from {day})").format(day=day_text(item.valid.end))
            return _make(day, horizon, State.DELISTED, label, "delisted")
        label = _("not yet listed (from {day})").format(day=day_text(item.valid.start))
        return _make(day, horizon, State.NOT_YET_IN_FORCE, label, "not yet listed")
    if owner is None:
        why = _("the measure holding it is not in the data")
        return _make(day, horizon, State.UNKNOWN, _("unknown"), "unknown", why)
    base = _period_status(owner.effective, owner.status, day, horizon, cat, owner.kind.value, owner.published)
    if own is None and base.applies is not False:
        why = _("whether the item was on the list on this date is not known")
        return _make(day, horizon, State.UNKNOWN, _("unknown"), "unknown", why)
    measure = _("the measure, {title}").format(title=instrument_name(owner))
    return replace(base, why=_joined(measure, base.why))
