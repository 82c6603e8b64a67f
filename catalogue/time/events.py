"""Every dated event in the data, in one chronological list.

Events are derived from the structured dates (published, effective intervals, status periods,
listing intervals, control-point validity, catalogue editions) and enriched with the notes of the
`history` records that describe the same happening. A history record that matches no derived event
becomes an event of its own, so nothing a transcriber recorded is lost.

Each event names what it changed (`subject_id`: the entry, measure, clause or edition) and the id a
viewer should open for it (`link_id`: the entry, the measure a clause belongs to, or the edition).
Dates after the data's `verified_to` are kept — a stated end of a suspension is a fact the sources
announced — but marked unverified, and an end of a period past that date says the later status is
not verified.

Topic of an event: the topics of the entry or instrument it concerns (a clause inherits its
measure's). A full catalogue edition concerns every topic of the entries listed under it (including
entries known by a former number from that edition); an adjustment concerns the topics of the entries
it changed on its effective day. So the rare-earth timeline shows the 2008 and 2023 editions but not
the 2025 adjustment, which did not touch a rare-earth item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from catalogue.i18n import gettext
from catalogue.model import (
    Catalogue,
    Clause,
    ClauseState,
    Edition,
    Entry,
    HistoryEvent,
    Instrument,
    Interval,
    Kind,
    StatusPeriod,
)
from catalogue.time import event_words as words
from catalogue.time.editions import catalogue_editions, edition_day
from catalogue.time.status import ONE_DAY, checked_to, instrument_name, title_of
from catalogue.time.wording import entry_label, point_changes, subject_terms


class EventKind(StrEnum):
    PUBLISHED = "published"
    EFFECTIVE = "effective"
    DID_NOT_TAKE_EFFECT = "did_not_take_effect"  # a planned start that a suspension (…) pre-empted
    IN_FORCE_AGAIN = "in_force_again"
    SUSPENDED = "suspended"
    SUSPENSION_ENDS = "suspension_ends"
    PERIOD_ENDS = "period_ends"
    LAPSED = "lapsed"
    REPEALED = "repealed"
    SUPERSEDED = "superseded"
    FOLDED = "folded"
    ENTRY_LISTED = "entry_listed"
    ENTRY_DELETED = "entry_deleted"
    ENTRY_MODIFIED = "entry_modified"
    CONTROL_POINT_ADDED = "control_point_added"
    CONTROL_POINT_REMOVED = "control_point_removed"
    RENUMBERED = "renumbered"
    AMENDED = "amended"
    PROPOSED = "proposed"
    OTHER = "other"

    @property
    def words(self) -> str:
        """The kind in words, in the current language: "takes effect", 施行."""
        return gettext(words.KIND_WORDS[self.value])


# Within one day: what happens to an instrument first, then what it does to entries.
_ORDER = {kind: i for i, kind in enumerate(EventKind)}


_STATE_EVENT = {
    ClauseState.SUSPENDED: EventKind.SUSPENDED,
    ClauseState.REPEALED: EventKind.REPEALED,
    ClauseState.SUPERSEDED: EventKind.SUPERSEDED,
    ClauseState.LAPSED: EventKind.LAPSED,
    ClauseState.FOLDED: EventKind.FOLDED,
    ClauseState.IN_FORCE: EventKind.IN_FORCE_AGAIN,
}


_HISTORY_EVENT = {
    "published": EventKind.PUBLISHED,
    "effective": EventKind.EFFECTIVE,
    "suspended": EventKind.SUSPENDED,
    "repealed": EventKind.REPEALED,
    "folded": EventKind.FOLDED,
    "listed": EventKind.ENTRY_LISTED,
    "added": EventKind.ENTRY_LISTED,
    "deleted": EventKind.ENTRY_DELETED,
    "modified": EventKind.ENTRY_MODIFIED,
    "amended": EventKind.ENTRY_MODIFIED,
    "revised": EventKind.ENTRY_MODIFIED,
    "renumbered": EventKind.RENUMBERED,
    "proposed": EventKind.PROPOSED,
}


# The same history words mean something else for a measure or law than for a catalogue entry.
_INSTRUMENT_HISTORY_EVENT = {
    **_HISTORY_EVENT,
    "modified": EventKind.AMENDED,
    "amended": EventKind.AMENDED,
    "revised": EventKind.AMENDED,
    "listed": EventKind.OTHER,
    "added": EventKind.OTHER,
    "deleted": EventKind.OTHER,
}


# History records of these kinds describe the same happening as these derived kinds.
_SAME_HAPPENING = {
    EventKind.ENTRY_MODIFIED: {
        EventKind.ENTRY_MODIFIED,
        EventKind.CONTROL_POINT_ADDED,
        EventKind.CONTROL_POINT_REMOVED,
    },
    EventKind.PUBLISHED: {EventKind.PUBLISHED},
    EventKind.EFFECTIVE: {EventKind.EFFECTIVE, EventKind.PUBLISHED},
}


@dataclass(frozen=True)
class Event:
    day: dt.date
    kind: EventKind
    subject_id: str  # what it changed: an entry, instrument, clause or edition id
    subject_label: str  # how a lawyer names it, e.g. "083201X 有色金属冶金技术"
    text: str  # what happened, for people
    link_id: str  # the id a viewer opens for it (entry or instrument)
    by: str | None = None  # the instrument or edition that caused it
    by_label: str | None = None
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    verified: bool = True  # False for dates after the data's verified_to
    notes: tuple[str, ...] = ()  # the wording of matching history records

    @property
    def sort_key(self) -> tuple[dt.date, int, str, str]:
        return (self.day, _ORDER[self.kind], self.subject_label, self.subject_id)


class _Collector:
    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat
        self.events: list[Event] = []

    def add(
        self,
        day: dt.date | None,
        kind: EventKind,
        subject_id: str,
        subject_label: str,
        text: str,
        link_id: str,
        *,
        by: str | None = None,
        topics: Iterable[str] = (),
        sources: Iterable[str] = (),
    ) -> None:
        if day is None:
            return
        self.events.append(
            Event(
                day,
                kind,
                subject_id,
                subject_label,
                text,
                link_id,
                by,
                self.label_of(by),
                tuple(topics),
                tuple(sources),
                day <= self.horizon(link_id),
            )
        )

    def horizon(self, link_id: str) -> dt.date:
        """The date the instrument behind an event was checked to (the status engine's rule)."""
        inst = self.cat.instrument(link_id) or self.cat.owner_of(link_id)
        return checked_to(self.cat, inst)

    def label_of(self, ident: str | None) -> str | None:
        """An instrument or edition as a lawyer cites it, in the current language (the status engine's)."""
        return title_of(self.cat, ident)

    def unverified_after(self, day: dt.date, link_id: str) -> str:
        return words.unverified_after(day, self.horizon(link_id))


def _periods(
    col: _Collector,
    periods: tuple[StatusPeriod, ...],
    subject_id: str,
    label: str,
    link_id: str,
    topics: tuple[str, ...],
    effective_start: dt.date | None,
    other_starts: Iterable[dt.date | None] = (),
) -> None:
    """Events for status periods. `other_starts`: days on which other periods (e.g. the measure's own,
    for a clause) begin, so that an in-force period ending that day is not reported as a bare end."""
    starts = {sp.valid.start for sp in periods if sp.valid.start} | {d for d in other_starts if d}
    for sp in periods:
        start, end = sp.valid.start, sp.valid.end
        kind = _STATE_EVENT[sp.state]
        if (
            start is not None
            and sp.valid.start_known
            and not (kind is EventKind.IN_FORCE_AGAIN and start == effective_start)
        ):
            text = words.period_begins(sp, col.label_of(sp.by))
            col.add(start, kind, subject_id, label, text, link_id, by=sp.by, topics=topics, sources=sp.sources)
        if end is None:
            continue
        if sp.state is ClauseState.SUSPENDED:
            end_kind, said = EventKind.SUSPENSION_ENDS, words.suspension_ends(sp, col.label_of(sp.by))
        elif end not in starts:
            # A period that ends without a recorded successor: say only what the data says.
            end_kind, said = EventKind.PERIOD_ENDS, words.period_ends(sp)
        else:
            continue
        text = said + col.unverified_after(end, link_id)
        col.add(end, end_kind, subject_id, label, text, link_id, by=sp.by, topics=topics, sources=sp.sources)


def _start(
    col: _Collector, start: dt.date, periods: Iterable[StatusPeriod], clause: str | None = None
) -> tuple[EventKind, str]:
    """ "takes effect on D", or — when a suspension (or repeal …) already covered D — that it did not:
    No. 58 was due on 8 Nov 2025 but was suspended from 7 Nov 2025, so it never applied."""
    blocked = next((sp for sp in periods if sp.state is not ClauseState.IN_FORCE and sp.valid.contains(start)), None)
    if blocked is None:
        return EventKind.EFFECTIVE, words.takes_effect(start, clause)
    return EventKind.DID_NOT_TAKE_EFFECT, words.did_not_take_effect(start, blocked, col.label_of(blocked.by), clause)


def _instrument_events(col: _Collector, inst: Instrument) -> None:
    label = instrument_name(inst)
    eff = inst.effective
    topics = inst.topics
    sources = inst.sources
    if inst.editions:
        pass  # a catalogue's publication and start are those of its editions, which have their own events
    elif inst.published is not None and eff.start == inst.published and eff.start_known:
        col.add(
            inst.published,
            EventKind.PUBLISHED,
            inst.id,
            label,
            words.published(same_day=True),
            inst.id,
            topics=topics,
            sources=sources,
        )
    else:
        due = eff.start if eff.start and eff.start_known and inst.published else None
        col.add(
            inst.published,
            EventKind.PUBLISHED,
            inst.id,
            label,
            words.published(due),
            inst.id,
            topics=topics,
            sources=sources,
        )
        if eff.start is not None and eff.start_known:
            kind, text = _start(col, eff.start, inst.status)
            col.add(eff.start, kind, inst.id, label, text, inst.id, topics=topics, sources=sources)
    if eff.end is not None:
        col.add(
            eff.end,
            EventKind.LAPSED,
            inst.id,
            label,
            words.no_longer_in_force(eff.end),
            inst.id,
            topics=topics,
            sources=sources,
        )
    _periods(col, inst.status, inst.id, label, inst.id, topics, eff.start)
    own_periods = {(sp.state, sp.valid) for sp in inst.status}
    # Ends of periods other instruments ordered for this one, e.g. No. 70's suspension of No. 62.
    for clause in inst.clauses:
        _clause_events(col, inst, clause, own_periods)


def _clause_events(
    col: _Collector, inst: Instrument, clause: Clause, own_periods: set[tuple[ClauseState, Interval]]
) -> None:
    label = f"{instrument_name(inst)}, {clause.label}"
    topics = inst.topics
    start, end = clause.valid.start, clause.valid.end
    if start is not None and clause.valid.start_known and start != inst.effective.start:
        kind, text = _start(col, start, (*inst.status, *clause.status), clause.label)
        col.add(
            start,
            kind,
            clause.id,
            label,
            text,
            inst.id,
            topics=topics,
            sources=clause.sources,
        )
    if end is not None and end != inst.effective.end and not _ordered_elsewhere(col.cat, inst, end):
        col.add(
            end,
            EventKind.LAPSED,
            clause.id,
            label,
            words.no_longer_in_force(end, clause.label),
            inst.id,
            topics=topics,
            sources=clause.sources,
        )
    # Periods identical to the measure's own add nothing the measure's events do not already say.
    periods = tuple(sp for sp in clause.status if (sp.state, sp.valid) not in own_periods)
    owner_starts = (sp.valid.start for sp in (*inst.status, *clause.status))
    _periods(col, periods, clause.id, label, inst.id, topics, start, owner_starts)


def _ordered_elsewhere(cat: Catalogue, inst: Instrument, end: dt.date) -> bool:
    """A clause of `inst` whose validity ends when a period `inst` imposed on another instrument ends
    (e.g. No. 70's "No. 62 is suspended until …"): the other instrument's event already says it."""
    for other in cat.instruments:
        for sp in (*other.status, *(p for c in other.clauses for p in c.status)):
            if sp.by == inst.id and sp.valid.end == end:
                return True
    return False


def _entry_events(col: _Collector, entry: Entry, editions_by_day: dict[dt.date, Edition], terms: list[str]) -> None:
    label = entry_label(entry)
    listed = entry.listed
    topics = entry.topics

    def edition_on(day: dt.date) -> str | None:
        ed = editions_by_day.get(day)
        return ed.id if ed else None

    if listed.start is not None and listed.start_known:
        by = edition_on(listed.start)
        col.add(
            listed.start,
            EventKind.ENTRY_LISTED,
            entry.id,
            label,
            words.entry_listed(entry.status.value, listed.start, col.label_of(by)),
            entry.id,
            by=by,
            topics=topics,
            sources=entry.sources,
        )
    if listed.end is not None:
        by = edition_on(listed.end)
        col.add(
            listed.end,
            EventKind.ENTRY_DELETED,
            entry.id,
            label,
            words.entry_deleted(listed.end, col.label_of(by)),
            entry.id,
            by=by,
            topics=topics,
            sources=entry.sources,
        )
    # Control-point changes other than at listing and delisting, one event per day.
    days: set[dt.date] = set()
    for cp in entry.control_points:
        if cp.valid.start is not None and cp.valid.start_known and cp.valid.start != listed.start:
            days.add(cp.valid.start)
        if cp.valid.end is not None and cp.valid.end != listed.end:
            days.add(cp.valid.end)
    modified_days = {
        h.date for h in entry.history if h.date and _HISTORY_EVENT.get(h.change) is EventKind.ENTRY_MODIFIED
    }
    for day in sorted(days):
        changes = point_changes(entry, day - ONE_DAY, day, terms)
        if not changes:
            continue
        if changes.added and not changes.removed and not changes.reworded and day not in modified_days:
            kind = EventKind.CONTROL_POINT_ADDED
        elif changes.removed and not changes.added and not changes.reworded and day not in modified_days:
            kind = EventKind.CONTROL_POINT_REMOVED
        else:
            kind = EventKind.ENTRY_MODIFIED
        by = edition_on(day)
        sources = tuple(
            dict.fromkeys(
                s for cp in entry.control_points for s in cp.sources if cp.valid.start == day or cp.valid.end == day
            )
        )
        text = words.points_changed(changes.summary(), col.label_of(by))
        col.add(day, kind, entry.id, label, text, entry.id, by=by, topics=topics, sources=sources)


def _merge_history(
    col: _Collector,
    subject_id: str,
    label: str,
    link_id: str,
    topics: tuple[str, ...],
    history: tuple[HistoryEvent, ...],
    kinds: dict[str, EventKind],
    merge_into: frozenset[str] = frozenset(),
) -> None:
    """Attach each history note to the derived event it describes, or add it as an event.

    `merge_into`: further subjects whose events on the same day the record describes whatever their
    kind — a catalogue's own history record dated on an edition's day is about that edition."""
    for h in history:
        if h.date is None:
            continue
        kind = kinds.get(h.change, EventKind.OTHER)
        note = words.note(h.note)
        same = _SAME_HAPPENING.get(kind, {kind})
        for i, ev in enumerate(col.events):
            if ev.day != h.date:
                continue
            if (ev.subject_id == subject_id and ev.kind in same) or ev.subject_id in merge_into:
                merged_notes = (*ev.notes, note) if note and note not in ev.notes else ev.notes
                merged_sources = tuple(dict.fromkeys((*ev.sources, *h.sources)))
                col.events[i] = replace(ev, notes=merged_notes, sources=merged_sources)
                break
        else:
            text = words.history_text(h.change, note or gettext(h.change), kind is EventKind.OTHER)
            col.add(h.date, kind, subject_id, label, text, link_id, by=h.by, topics=topics, sources=h.sources)


def _edition_events(col: _Collector, ed: Edition) -> None:
    # Linked to the edition itself: its page gives the counts, the official summary of changes and
    # the sources; each entry the edition changed has its own event.
    label = words.edition_label(ed)
    if ed.published is not None and ed.published == ed.effective:
        text = words.edition_published(ed, same_day=True)
        col.add(ed.published, EventKind.PUBLISHED, ed.id, label, text, ed.id, sources=ed.sources)
    else:
        text = words.edition_published(ed, same_day=False)
        col.add(ed.published, EventKind.PUBLISHED, ed.id, label, text, ed.id, sources=ed.sources)
        if ed.effective is not None:
            text = words.takes_effect(ed.effective)
            col.add(ed.effective, EventKind.EFFECTIVE, ed.id, label, text, ed.id, sources=ed.sources)


def _edition_topics(cat: Catalogue, ed: Edition, entry_events: list[Event]) -> tuple[str, ...]:
    day = edition_day(ed)
    if day is None:
        return ()
    found: dict[str, None] = {}
    if ed.kind == "full":
        for entry in cat.entries():
            held = entry.listed.state_on(day) is True or any(ed.key in f.editions for f in entry.former_numbers)
            if held:
                found.update(dict.fromkeys(entry.topics))
    else:
        for ev in entry_events:
            if ev.day == day:
                found.update(dict.fromkeys(ev.topics))
    return tuple(found)


def all_events(cat: Catalogue) -> list[Event]:
    """Every dated event in the data, oldest first."""
    col = _Collector(cat)
    terms = subject_terms(cat)
    editions = catalogue_editions(cat)
    editions_by_day = {day: ed for ed in editions if (day := edition_day(ed)) is not None}
    for inst in cat.instruments:
        _instrument_events(col, inst)
    entry_start = len(col.events)
    for entry in cat.entries():
        _entry_events(col, entry, editions_by_day, terms)
        _merge_history(col, entry.id, entry_label(entry), entry.id, entry.topics, entry.history, _HISTORY_EVENT)
    entry_events = col.events[entry_start:]
    for inst in cat.of_kind(Kind.CATALOGUE):
        for ed in inst.editions:
            before = len(col.events)
            _edition_events(col, ed)
            topics = _edition_topics(cat, ed, entry_events)
            col.events[before:] = [replace(ev, topics=topics) for ev in col.events[before:]]
    for inst in cat.instruments:
        # A catalogue's own history is about the catalogue as a whole: on an edition's day it merges
        # into that edition's event; otherwise it carries no topic (a catalogue lists every topic, and
        # a rare-earth timeline should not show the 1998 precursor or a consultation draft).
        topics = () if inst.editions else inst.topics
        edition_ids = frozenset(ed.id for ed in inst.editions)
        _merge_history(
            col, inst.id, instrument_name(inst), inst.id, topics, inst.history, _INSTRUMENT_HISTORY_EVENT, edition_ids
        )
    return sorted(col.events, key=lambda ev: ev.sort_key)
