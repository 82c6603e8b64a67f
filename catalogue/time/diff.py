"""What changed between two dates or two catalogue editions.

A diff compares the state of the data on two days: which catalogue entries were listed, which of
their control points applied, and the status of every measure and clause. Each side may be given as a
date (YYYY-MM-DD) or as an edition key ("2008", "2020", "2023", "2025"), which stands for the day that
edition took effect (or, when the data has no effective date, the day it was published).

Two rules keep the answer honest:

* **Coverage is part of the answer.** The data holds only some items of each edition, so a diff always
  carries the coverage of the editions involved; "no change found" must never read as "nothing
  changed".
* **Unknown is not "no".** An entry whose listing on either day the data cannot establish (for
  example, an item known only from the 2023 text, asked about in 2020) is reported as undetermined,
  never as added or removed.

Reworded control points
-----------------------
An official adjustment that rewrites a control point ends the old wording on the day the new wording
starts. We call a removed point and an added point of the same entry a *rewording* when both hold:

1. the old point's validity ends on exactly the day the new point's begins (one change replaced one
   wording with the other), and
2. they share a subject: a curated search term of some topic (topics.yaml synonyms, Chinese or
   English) occurs in both points' text — e.g. both mention 镓 / gallium — and does not also occur in
   the entry's own name (every point of 稀土的提炼、加工、利用技术 mentions 稀土, so 稀土 says nothing
   about which old point became which new one); or, failing that, their wording is close (Dice
   similarity of Chinese character bigrams or English words of at least `SIMILAR_WORDING`).

Candidates are paired greedily, most similar first, and each point is paired at most once. A removed
point with no partner stays "removed"; an added point with no partner stays "added". So the 2025
adjustment of 083201X reads: five lithium points added, the gallium point reworded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial

from catalogue.i18n import comma, day_text, gettext, ngettext
from catalogue.model import Catalogue, Clause, ControlPoint, Edition, Entry, Instrument, StatusPeriod
from catalogue.time.asof import points_on
from catalogue.time.coverage import EditionCoverage, edition_coverage
from catalogue.time.editions import catalogue_editions, edition_day, latest_edition_on
from catalogue.time.status import (
    PERIOD_WORDS,
    State,
    Status,
    checked_to,
    clause_status,
    entry_status,
    instrument_name,
    instrument_status,
    last_day,
)
from catalogue.time.wording import PointChanges, entry_label, point_changes, subject_terms

# Wording this close (Dice coefficient, 0..1) counts as the same point reworded even without a shared
# curated term. Chosen so that two lithium points that differ only in the product (碳酸锂 / 氢氧化锂)
# pair, while points about different processes do not.
SIMILAR_WORDING = 0.6


_EDITION_KEY = re.compile(r"^\d{4}$")


class DiffInputError(ValueError):
    """FROM or TO is neither a date nor an edition key of the data."""


@dataclass(frozen=True)
class DiffPoint:
    """One side of a comparison: the day, and the edition when it was given as an edition key."""

    given: str
    day: dt.date
    edition: Edition | None = None

    @property
    def label(self) -> str:
        if self.edition is not None:
            return gettext("{key} edition ({day})").format(key=self.edition.key, day=day_text(self.day))
        return day_text(self.day)


def edition_in_force(cat: Catalogue, day: dt.date) -> Edition | None:
    """The latest edition (full text or adjustment) that had taken effect by `day`."""
    return latest_edition_on(cat, day)


def resolve_point(cat: Catalogue, text: str) -> DiffPoint:
    """Turn "2023" or "2025-07-15" into a DiffPoint; raise DiffInputError with the choices."""
    given = text.strip()
    if _EDITION_KEY.match(given):
        for ed in catalogue_editions(cat):
            if ed.key == given:
                day = edition_day(ed)
                assert day is not None  # catalogue_editions keeps dated editions only
                return DiffPoint(given, day, ed)
        message = gettext("{given} is not an edition in the data (editions: {keys}); or give a date YYYY-MM-DD")
        raise DiffInputError(message.format(given=repr(given), keys=_edition_keys(cat)))
    try:
        return DiffPoint(given, dt.date.fromisoformat(given))
    except ValueError:
        message = gettext("{given} is neither a date (YYYY-MM-DD) nor an edition key ({keys})")
        raise DiffInputError(message.format(given=repr(given), keys=_edition_keys(cat))) from None


def _edition_keys(cat: Catalogue) -> str:
    return comma().join(ed.key for ed in catalogue_editions(cat)) or gettext("none")


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True)
class EntryChange:
    entry: Entry
    kind: ChangeKind
    before: Status
    after: Status
    points: PointChanges
    points_before: tuple[ControlPoint, ...]
    points_after: tuple[ControlPoint, ...]

    @property
    def label(self) -> str:
        return entry_label(self.entry)


@dataclass(frozen=True)
class StatusChange:
    subject_id: str
    kind: str  # measure | law | catalogue | clause
    label: str  # how a lawyer cites it, e.g. "MOFCOM Announcement 2024 No. 46, para. 2"
    instrument_id: str
    before: Status
    after: Status
    interim: tuple[str, ...]  # status periods that began or ended strictly between the two days
    # The states compared: as `before`/`after`, except that "unknown past verified_to" compares as the
    # status on the verified-to date (see `_comparable`).
    compared: tuple[State, State]

    def summary(self) -> str:
        """e.g. "not yet in force (from 2025-11-09) → in force as of 2026-06-30 (not verified after)",
        in the status engine's words."""
        return f"{self.before.label} → {self.after.label}"


@dataclass(frozen=True)
class Diff:
    start: DiffPoint
    end: DiffPoint
    added: tuple[EntryChange, ...]
    removed: tuple[EntryChange, ...]
    modified: tuple[EntryChange, ...]
    undetermined: tuple[EntryChange, ...]
    status_changes: tuple[StatusChange, ...]
    coverage: tuple[EditionCoverage, ...]
    verified_to: dt.date

    @property
    def entry_changes(self) -> tuple[EntryChange, ...]:
        return (*self.added, *self.removed, *self.modified)

    @property
    def no_change_found(self) -> bool:
        return not (self.entry_changes or self.status_changes)

    def coverage_notes(self) -> list[str]:
        """What the reader must know before trusting "not changed"."""
        _ = gettext
        notes = []
        for cov in self.coverage:
            if cov.total is None or cov.held < cov.total:
                line = _("The data holds {phrase}; changes to items it does not hold cannot be shown.")
            else:
                line = _("The data holds {phrase}.")
            line = line.format(phrase=cov.phrase())
            if cov.edition.changes:
                if cov.edition.kind == "full":
                    official = _("Officially, the {key} edition made these changes: {changes}.")
                else:
                    official = _("Officially, the {key} adjustment made these changes: {changes}.")
                line += " " + official.format(key=cov.edition.key, changes=cov.edition.changes)
            notes.append(line)
        first = catalogue_editions_first_day(self.coverage)
        if first is not None and min(self.start.day, self.end.day) < first:
            notes.append(_("No catalogue edition in the data took effect before {day}.").format(day=day_text(first)))
        if self.undetermined:
            n = len(self.undetermined)
            notes.append(
                ngettext(
                    "For {n} entry the data cannot establish the listing on one of the days; they are listed as "
                    "undetermined, not as changes.",
                    "For {n} entries the data cannot establish the listing on one of the days; they are listed as "
                    "undetermined, not as changes.",
                    n,
                ).format(n=n)
            )
        if max(self.start.day, self.end.day) > self.verified_to:
            line = _("The data is verified to {day}; statuses after that date are as announced, not verified.")
            notes.append(line.format(day=day_text(self.verified_to)))
        return notes

    def coverage_summary(self) -> str:
        """The coverage notes in one or two lines, for a banner that must stay on screen."""
        _ = gettext
        if self.coverage:
            held = " · ".join(cov.phrase() for cov in self.coverage)
            line = _("Coverage: the data holds {held}; changes to items it does not hold cannot be shown.")
            parts = [line.format(held=held)]
        else:
            parts = [_("Coverage: no catalogue edition in the data had taken effect by either day.")]
        if self.undetermined:
            n = len(self.undetermined)
            line = ngettext(
                "Listing not established on one of the days for {n} entry.",
                "Listing not established on one of the days for {n} entries.",
                n,
            )
            parts.append(line.format(n=n))
        if max(self.start.day, self.end.day) > self.verified_to:
            line = _("Statuses after {day} are as announced, not verified.")
            parts.append(line.format(day=day_text(self.verified_to)))
        return " ".join(parts)


def catalogue_editions_first_day(coverage: Iterable[EditionCoverage]) -> dt.date | None:
    days = [d for d in (edition_day(c.edition) for c in coverage) if d is not None]
    return min(days) if days else None


def _editions_involved(cat: Catalogue, a: dt.date, b: dt.date) -> list[Edition]:
    lo, hi = min(a, b), max(a, b)
    out: list[Edition] = []
    first = edition_in_force(cat, lo)
    if first is not None:
        out.append(first)
    for ed in catalogue_editions(cat):
        day = edition_day(ed)
        if day is not None and lo < day <= hi and ed not in out:
            out.append(ed)
    return out


def _interim(
    periods: Iterable[StatusPeriod], a: dt.date, b: dt.date, cat: Catalogue, shown: Iterable[StatusPeriod | None]
) -> tuple[str, ...]:
    """Status periods that began or ended strictly between the two days, other than the periods the
    two endpoint statuses already describe (`shown`): what happened in between that a reader would
    otherwise miss, e.g. No. 62 in force from 9 Oct to 6 Nov 2025 between a day before and a day
    after."""
    lo, hi = min(a, b), max(a, b)
    # Compared by state and dates: a clause's own copy of its measure's suspension is the same period.
    skip = {(p.state, p.valid) for p in shown if p is not None}
    out = []
    for sp in periods:
        if (sp.state, sp.valid) in skip:
            continue
        start, end = sp.valid.start, sp.valid.end
        inside = (start is not None and lo < start <= hi) or (end is not None and lo < end <= hi)
        if inside:
            text = gettext(PERIOD_WORDS[sp.state])
            if start:
                text += gettext(" from {day}").format(day=day_text(start))
            if end:
                text += gettext(" until {day}").format(day=day_text(last_day(sp.valid)))
            if sp.by:
                inst = cat.instrument(sp.by)
                text += gettext(" by {title}").format(title=instrument_name(inst) if inst else sp.by)
            out.append(text)
    return tuple(out)


def _follows_its_measure(clause: Clause, inst: Instrument) -> bool:
    """A clause with no status of its own and the measure's validity changes exactly when the measure
    does; listing it beside the measure would only repeat the measure's line."""
    return not clause.status and clause.valid == inst.effective


def _comparable(st: Status, at_verified_to: Callable[[], Status]) -> State:
    """The state to compare. Past the check date a status with nothing announced reads "not verified";
    that is the data's limit, not a change, so it compares as the status on the check date (its
    words still say the later status is not verified)."""
    if st.state is State.NOT_VERIFIED:
        return at_verified_to().state
    return st.state


def _status_changes(cat: Catalogue, a: dt.date, b: dt.date) -> list[StatusChange]:
    out: list[StatusChange] = []
    for inst in cat.instruments:
        before, after = instrument_status(inst, a, cat), instrument_status(inst, b, cat)
        at_vt = partial(instrument_status, inst, checked_to(cat, inst), cat)
        states = (_comparable(before, at_vt), _comparable(after, at_vt))
        interim = _interim(inst.status, a, b, cat, (before.period, after.period))
        if states[0] is not states[1] or interim:
            out.append(
                StatusChange(inst.id, inst.kind.value, instrument_name(inst), inst.id, before, after, interim, states)
            )
        for clause in inst.clauses:
            if _follows_its_measure(clause, inst):
                continue
            c_before, c_after = clause_status(clause, inst, a, cat), clause_status(clause, inst, b, cat)
            c_at_vt = partial(clause_status, clause, inst, checked_to(cat, inst), cat)
            c_states = (_comparable(c_before, c_at_vt), _comparable(c_after, c_at_vt))
            c_interim = _interim(clause.status, a, b, cat, (c_before.period, c_after.period))
            if c_states == states and set(c_interim) <= set(interim):
                continue  # the measure's own line already says it
            if c_states[0] is not c_states[1] or c_interim:
                out.append(
                    StatusChange(
                        clause.id,
                        "clause",
                        _clause_label(inst, clause),
                        inst.id,
                        c_before,
                        c_after,
                        c_interim,
                        c_states,
                    )
                )
    return out


def _clause_label(inst: Instrument, clause: Clause) -> str:
    return f"{instrument_name(inst)}, {clause.label}"


def diff(cat: Catalogue, start: DiffPoint, end: DiffPoint) -> Diff:
    a, b = start.day, end.day
    terms = subject_terms(cat)
    buckets: dict[ChangeKind, list[EntryChange]] = {k: [] for k in ChangeKind}
    for entry in cat.entries():
        sa, sb = entry.listed.state_on(a), entry.listed.state_on(b)
        before, after = entry_status(entry, a, cat), entry_status(entry, b, cat)
        if sa is None or sb is None:
            # Whatever the other side says, a change cannot be established: report it as such.
            buckets[ChangeKind.UNDETERMINED].append(
                EntryChange(entry, ChangeKind.UNDETERMINED, before, after, PointChanges((), (), ()), (), ())
            )
            continue
        pb, pa = points_on(entry, a), points_on(entry, b)
        if not sa and not sb:
            continue
        if sb and not sa:
            kind = ChangeKind.ADDED
            changes = PointChanges(pa, (), ())
        elif sa and not sb:
            kind = ChangeKind.REMOVED
            changes = PointChanges((), pb, ())
        else:
            changes = point_changes(entry, a, b, terms)
            if not changes:
                continue
            kind = ChangeKind.MODIFIED
        buckets[kind].append(EntryChange(entry, kind, before, after, changes, pb, pa))

    def order(changes: list[EntryChange]) -> tuple[EntryChange, ...]:
        return tuple(sorted(changes, key=lambda c: (c.entry.number or "~", c.label.casefold(), c.entry.id)))

    coverage = tuple(edition_coverage(cat, ed) for ed in _editions_involved(cat, a, b))
    return Diff(
        start,
        end,
        order(buckets[ChangeKind.ADDED]),
        order(buckets[ChangeKind.REMOVED]),
        order(buckets[ChangeKind.MODIFIED]),
        order(buckets[ChangeKind.UNDETERMINED]),
        tuple(_status_changes(cat, a, b)),
        coverage,
        cat.verified_to,
    )


def diff_between(cat: Catalogue, start: str, end: str) -> Diff:
    """`diff` from the command line's FROM and TO strings."""
    return diff(cat, resolve_point(cat, start), resolve_point(cat, end))
