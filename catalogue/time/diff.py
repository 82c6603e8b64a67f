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
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from catalogue.model import Catalogue, Clause, ControlPoint, Edition, Entry, Instrument, StatusPeriod, Text
from catalogue.present.to_json import describe_interval
from catalogue.time.coverage import EditionCoverage, edition_coverage
from catalogue.time.status import (
    BADGE_CLASS,
    State,
    Status,
    catalogue_editions,
    checked_to,
    clause_status,
    edition_day,
    entry_status,
    instrument_status,
    last_day,
    latest_edition_on,
    points_on,
)

# Wording this close (Dice coefficient, 0..1) counts as the same point reworded even without a shared
# curated term. Chosen so that two lithium points that differ only in the product (碳酸锂 / 氢氧化锂)
# pair, while points about different processes do not.
SIMILAR_WORDING = 0.6

if TYPE_CHECKING:
    import jinja2

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
            return f"{self.edition.key} edition ({self.day})"
        return self.day.isoformat()


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
        keys = ", ".join(ed.key for ed in catalogue_editions(cat)) or "none"
        raise DiffInputError(f"{given!r} is not an edition in the data (editions: {keys}); or give a date YYYY-MM-DD")
    try:
        return DiffPoint(given, dt.date.fromisoformat(given))
    except ValueError:
        keys = ", ".join(ed.key for ed in catalogue_editions(cat)) or "none"
        raise DiffInputError(f"{given!r} is neither a date (YYYY-MM-DD) nor an edition key ({keys})") from None


# -- control points -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rewording:
    old: ControlPoint
    new: ControlPoint
    subject: str  # the shared term, or "similar wording"
    similarity: float


@dataclass(frozen=True)
class PointChanges:
    added: tuple[ControlPoint, ...]
    removed: tuple[ControlPoint, ...]
    reworded: tuple[Rewording, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.reworded)

    def summary(self) -> str:
        parts = []
        if self.added:
            parts.append(f"{len(self.added)} control point{'s' if len(self.added) != 1 else ''} added")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        for rw in self.reworded:
            parts.append(f"the {rw.subject} point reworded" if rw.subject != "similar wording" else "1 point reworded")
        return ", ".join(parts) if parts else "no change to the recorded control points"


_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


def _bigrams(text: str) -> set[str]:
    chars = "".join(_CJK.findall(text))
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def wording_similarity(a: Text, b: Text) -> float:
    """Similarity of two texts in the language both have (Chinese preferred), 0..1."""
    if a.zh and b.zh:
        return _dice(_bigrams(a.zh), _bigrams(b.zh))
    if a.en and b.en:
        return _dice(_words(a.en), _words(b.en))
    return 0.0


def subject_terms(cat: Catalogue) -> list[str]:
    """The curated terms that name a subject: every topic synonym, longest first."""
    terms = {t for topic in cat.topics.values() for t in (*topic.synonyms_zh, *topic.synonyms_en) if t.strip()}
    return sorted(terms, key=lambda t: (-len(t), t))


def _mentions(text: Text, term: str) -> bool:
    if _CJK.search(term):
        return term in (text.zh or "") or term in (text.en or "")
    # Latin terms: whole words, "rare earth" also matching "rare-earth" and "rare earths". Chemical
    # symbols ("Ga", "W") must match their case exactly; longer terms match in any case.
    flags = 0 if len(term) <= 2 else re.IGNORECASE
    body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", term.strip()))
    plural = "" if len(term) <= 2 else "(?:e?s)?"
    pattern = r"(?<![A-Za-z0-9])" + body + plural + r"(?![A-Za-z0-9])"
    return any(re.search(pattern, part, flags) for part in (text.en or "", text.zh or ""))


def shared_subject(a: Text, b: Text, terms: Iterable[str], entry_name: Text | None = None) -> str | None:
    """The first curated term both texts mention. A term that also names the entry itself (稀土 in
    稀土的提炼、加工、利用技术) does not distinguish one of its points from another, so it is skipped."""
    for term in terms:
        if entry_name is not None and _mentions(entry_name, term):
            continue
        if _mentions(a, term) and _mentions(b, term):
            return term
    return None


def pair_rewordings(
    removed: Iterable[ControlPoint],
    added: Iterable[ControlPoint],
    terms: list[str],
    entry_name: Text | None = None,
) -> tuple[tuple[ControlPoint, ...], tuple[ControlPoint, ...], tuple[Rewording, ...]]:
    """Split removed/added points into (still added, still removed, rewordings) by the module's rule."""
    removed_l, added_l = list(removed), list(added)
    candidates: list[tuple[float, int, int, str]] = []
    for i, old in enumerate(removed_l):
        for j, new in enumerate(added_l):
            if old.valid.end is None or old.valid.end != new.valid.start:
                continue
            sim = wording_similarity(old.text, new.text)
            subject = shared_subject(old.text, new.text, terms, entry_name)
            if subject is not None:
                candidates.append((1.0 + sim, i, j, subject))
            elif sim >= SIMILAR_WORDING:
                candidates.append((sim, i, j, "similar wording"))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[Rewording] = []
    for score, i, j, subject in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append(Rewording(removed_l[i], added_l[j], subject, score - 1.0 if score >= 1.0 else score))
    still_added = tuple(p for j, p in enumerate(added_l) if j not in used_new)
    still_removed = tuple(p for i, p in enumerate(removed_l) if i not in used_old)
    pairs.sort(key=lambda rw: added_l.index(rw.new))
    return still_added, still_removed, tuple(pairs)


def point_changes(entry: Entry, before: dt.date, after: dt.date, terms: list[str]) -> PointChanges:
    old = points_on(entry, before)
    new = points_on(entry, after)
    removed = [cp for cp in old if cp not in new]
    added = [cp for cp in new if cp not in old]
    still_added, still_removed, reworded = pair_rewordings(removed, added, terms, entry.name)
    return PointChanges(still_added, still_removed, reworded)


def entry_label(entry: Entry) -> str:
    """How lists name an entry: number and Chinese name, saying so when the number is not known."""
    name = entry.name.zh or entry.name.en or entry.id
    return f"{entry.number} {name}" if entry.number else f"{name} (number not verified)"


# -- the diff -----------------------------------------------------------------------------------


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
        notes = []
        for cov in self.coverage:
            line = f"The data holds {cov.phrase()}"
            if cov.total is None or cov.held < cov.total:
                line += "; changes to items it does not hold cannot be shown"
            line += "."
            if cov.edition.changes:
                what = "edition" if cov.edition.kind == "full" else "adjustment"
                line += f" Officially, the {cov.edition.key} {what} made these changes: {cov.edition.changes}."
            notes.append(line)
        first = catalogue_editions_first_day(self.coverage)
        if first is not None and min(self.start.day, self.end.day) < first:
            notes.append(f"No catalogue edition in the data took effect before {first}.")
        if self.undetermined:
            notes.append(
                f"For {len(self.undetermined)} entr{'y' if len(self.undetermined) == 1 else 'ies'} the data cannot "
                "establish the listing on one of the days; they are listed as undetermined, not as changes."
            )
        if max(self.start.day, self.end.day) > self.verified_to:
            notes.append(
                f"The data is verified to {self.verified_to}; statuses after that date are as announced, not verified."
            )
        return notes

    def coverage_summary(self) -> str:
        """The coverage notes in one or two lines, for a banner that must stay on screen."""
        if self.coverage:
            held = " · ".join(cov.phrase() for cov in self.coverage)
            parts = [f"Coverage: the data holds {held}; changes to items it does not hold cannot be shown."]
        else:
            parts = ["Coverage: no catalogue edition in the data had taken effect by either day."]
        if self.undetermined:
            n = len(self.undetermined)
            parts.append(f"Listing not established on one of the days for {n} entr{'y' if n == 1 else 'ies'}.")
        if max(self.start.day, self.end.day) > self.verified_to:
            parts.append(f"Statuses after {self.verified_to} are as announced, not verified.")
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
            text = sp.state.value.replace("_", " ")
            if start:
                text += f" from {start}"
            if end:
                text += f" until {last_day(sp.valid)}"
            if sp.by:
                inst = cat.instrument(sp.by)
                text += f" by {inst.short_title if inst else sp.by}"
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
                StatusChange(inst.id, inst.kind.value, inst.short_title, inst.id, before, after, interim, states)
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
    return f"{inst.short_title}, {clause.label}"


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


# -- output -------------------------------------------------------------------------------------


def _point_json(cp: ControlPoint) -> dict[str, Any]:
    return {
        "label": cp.label,
        "zh": cp.text.zh,
        "en": cp.text.en,
        "en_unofficial": cp.text.en_is_unofficial,
        "valid": {"from": _d(cp.valid.start), "to": _d(cp.valid.end)},
        "confidence": cp.confidence.value,
        "sources": list(cp.sources),
    }


def _d(day: dt.date | None) -> str | None:
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


def _point_line(cp: ControlPoint) -> str:
    zh = cp.text.zh or "(Chinese wording not seen)"
    en = f" — {cp.text.en}" + (" [unofficial]" if cp.text.en_is_unofficial else "") if cp.text.en else ""
    return zh + en


def diff_text(d: Diff) -> str:
    lines = [f"Changes from {d.start.label} to {d.end.label}", ""]
    lines += ["Coverage:"] + [f"  {n}" for n in d.coverage_notes()] + [""]

    def entries(title: str, changes: tuple[EntryChange, ...]) -> None:
        lines.append(f"{title} ({len(changes)}):")
        if not changes:
            lines.append("  none found in the data")
        for c in changes:
            lines.append(f"  {c.label} [{c.entry.status.value}]")
            if c.kind is ChangeKind.MODIFIED:
                lines.append(f"    {c.points.summary()}")
                lines.extend(f"    + {_point_line(cp)}" for cp in c.points.added)
                lines.extend(f"    - {_point_line(cp)}" for cp in c.points.removed)
                for rw in c.points.reworded:
                    lines.append(f"    ~ reworded ({rw.subject}):")
                    lines.append(f"        was: {_point_line(rw.old)}")
                    lines.append(f"        now: {_point_line(rw.new)}")
            elif c.kind is ChangeKind.UNDETERMINED:
                if c.before.text == c.after.text:
                    lines.append(f"    on both days: {c.before.text}")
                else:
                    lines.append(f"    on {d.start.day}: {c.before.text}")
                    lines.append(f"    on {d.end.day}: {c.after.text}")

    entries("Entries added", d.added)
    entries("Entries removed", d.removed)
    entries("Entries modified", d.modified)
    if d.undetermined:
        entries("Entries whose listing the data cannot establish on one of the days", d.undetermined)
    lines.append(f"Status changes of measures and clauses ({len(d.status_changes)}):")
    if not d.status_changes:
        lines.append("  none found in the data")
    for s in d.status_changes:
        lines.append(f"  {s.label}")
        lines.append(f"    on {d.start.day}: {s.before.text}")
        lines.append(f"    on {d.end.day}: {s.after.text}")
        lines += [f"    in between: {t}" for t in s.interim]
    return "\n".join(lines)


# -- HTML (the Changes view and its printed sheet) --------------------------------------------------


def _status_view(st: Status) -> dict[str, Any]:
    return {"badge": {"word": st.badge, "css": st.css}, "label": st.label, "text": st.text, "verified": st.verified}


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
    zh_note = {"official": "", "reported": "as reported; may not be verbatim", "draft": "draft wording"}
    return {
        "zh": cp.text.zh,
        "zh_note": zh_note[cp.text.zh_wording.value],
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
                "subject": rw.subject,
            }
        )
    rows += [{"before": _point_view(cp, "cp-removed"), "after": None, "change": "removed"} for cp in c.points.removed]
    rows += [{"before": None, "after": _point_view(cp, "cp-added"), "change": "added"} for cp in c.points.added]
    return rows


def _entry_summary(c: EntryChange) -> str:
    if c.kind is ChangeKind.ADDED:
        n = len(c.points_after)
        return f"Listed ({c.entry.status.value}); {n} control point{'s' if n != 1 else ''} recorded."
    if c.kind is ChangeKind.REMOVED:
        return "Deleted from the catalogue."
    return c.points.summary()[0].upper() + c.points.summary()[1:] + "."


def changes_view(d: Diff, cat: Catalogue, focus: str | None = None) -> dict[str, Any]:
    """What the template shows. `focus`: one entry or measure/clause id, or None for everything."""
    # Imported here, not at the top: catalogue.present.html is the detail view's renderer and may come to
    # use this module; a late import keeps the two free of an import cycle.
    from catalogue.present.html import internal_href

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
                "badge": {"word": badge_word, "css": BADGE_CLASS[badge_word]},
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
        "title": f"Changes from {d.start.label} to {d.end.label}",
        "from_day": d.start.day.isoformat(),
        "to_day": d.end.day.isoformat(),
        "notes": d.coverage_notes(),
        "entries": entries,
        "status_changes": status,
        "undetermined": undetermined,
        "focus": focus,
        "verified_to": d.verified_to.isoformat(),
        "fingerprint": cat.fingerprint,
    }


@cache
def _templates() -> jinja2.Environment:
    # Jinja is imported on first use: the command line's diff and the app's start-up do not need it.
    import jinja2

    from catalogue.present.html import DISCLAIMER
    from catalogue.resources import resource_path

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("templates"))),
        autoescape=True,  # every string from the data is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["stylesheet"] = resource_path("styles", "exportref.css").read_text(encoding="utf-8")
    env.globals["disclaimer"] = DISCLAIMER
    return env


def changes_html(d: Diff, cat: Catalogue, *, focus: str | None = None, mode: str = "screen") -> str:
    """The Changes view's page (mode "screen") or the printable sheet of the whole comparison ("print")."""
    if mode not in ("screen", "print"):
        raise ValueError(f"unknown mode {mode!r}")
    return _templates().get_template("changes.html.j2").render(v=changes_view(d, cat, focus), mode=mode)
