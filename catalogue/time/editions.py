"""Catalogue editions on a day: the edition in force (the one definition every view uses), an
edition's own status, what an item is numbered in the text in force, how many control points that
text has, and how much of it the data holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalogue.i18n import day_text, gettext, join_words, ngettext
from catalogue.model import Catalogue, Edition, Entry, EntryStatus, Instrument, Kind, PointsTotal
from catalogue.time.status import ONE_DAY, Reason, State, Status, _make, _status, checked_to, title_of

# -- catalogue editions ---------------------------------------------------------------------------------


def edition_day(edition: Edition) -> dt.date | None:
    """The day an edition stands for: when it took effect, or else when it was published."""
    return edition.effective or edition.published


def catalogue_editions(cat: Catalogue) -> list[Edition]:
    """All catalogue editions with a usable date, oldest first."""
    out = [ed for inst in cat.of_kind(Kind.CATALOGUE) for ed in inst.editions if edition_day(ed) is not None]
    return sorted(out, key=lambda ed: (edition_day(ed) or dt.date.min, ed.key))


def editions_in_force(catalogue: Instrument, day: dt.date) -> tuple[Edition | None, list[Edition]]:
    """The last full edition that took effect on or before `day`, and the adjustments to it since.

    The one definition of "the edition in force": citations, the tree's counts, coverage, the
    Changes view and the status bar all use it."""
    dated = sorted(
        (e for e in catalogue.editions if edition_day(e) is not None), key=lambda e: edition_day(e) or dt.date.min
    )
    base: Edition | None = None
    amendments: list[Edition] = []
    for ed in dated:
        start = edition_day(ed)
        assert start is not None
        if start > day:
            break
        if ed.kind == "full":
            base, amendments = ed, []
        elif base is not None:
            amendments.append(ed)
    return base, amendments


def latest_edition_on(cat: Catalogue, day: dt.date) -> Edition | None:
    """The latest edition (full text or adjustment) that had taken effect by `day`."""
    current = None
    for ed in catalogue_editions(cat):
        start = edition_day(ed)
        if start is not None and start <= day:
            current = ed
    return current


def edition_status(ed: Edition, day: dt.date, cat: Catalogue) -> Status:
    """Whether an edition's text applied on `day`: from the day it took effect until a later full
    edition replaced it; an adjustment amends the text in force and applies as long as that text does."""
    _ = gettext
    horizon = checked_to(cat, cat.owner_of(ed.id))
    start = edition_day(ed)
    if start is None:
        why = _("the date this edition took effect is not known")
        return _make(day, horizon, State.UNKNOWN, _("unknown"), "unknown", why)
    if day < start:
        label = _("not yet in force (from {day})").format(day=day_text(start))
        return _make(day, horizon, State.NOT_YET_IN_FORCE, label, "not yet in force")
    later = [e for e in catalogue_editions(cat) if start < (edition_day(e) or start) <= day]
    replaced = next((e for e in later if e.kind == "full"), None)
    if replaced is not None:
        reason = Reason(replaced.id, title_of(cat, replaced.id), edition_day(replaced), None)
        return _make(
            day,
            horizon,
            State.REPEALED,
            _("replaced (from {day})").format(day=day_text(reason.start)),
            "replaced",
            _("by the {key} edition ({title})").format(key=replaced.key, title=reason.by_title),
            reason,
        )
    why = _("since {day}").format(day=day_text(start))
    if later:
        adjustments = [_("the {key} adjustment ({day})").format(key=e.key, day=day_text(edition_day(e))) for e in later]
        why = _("{since}, as amended by {adjustments}").format(since=why, adjustments=join_words(adjustments))
    if day > horizon:
        label = _("in force as of {day} (not verified after)").format(day=day_text(horizon))
        return _status(day, State.NOT_VERIFIED, label, "not verified", why, False, horizon, as_checked=State.IN_FORCE)
    return _make(day, horizon, State.IN_FORCE, _("in force"), "in force", why)


# -- what the data holds of the catalogue on a day ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Holdings:
    """How many catalogue items the data holds on a day, against the official count of the text in force.

    One definition of "held" for every count a user reads (tree branches, the list under them, the
    status bar, About, sheets): the entries the data shows as listed on the day. Past the check date
    that is "as last verified". The totals come from the edition in force on the day — the latest text
    in its chain that states them — and `edition` names it."""

    day: dt.date
    edition: Edition | None  # the full edition in force
    amendments: tuple[Edition, ...]
    held: int
    held_prohibited: int
    held_restricted: int
    total: int | None
    total_prohibited: int | None
    total_restricted: int | None
    totals_from: Edition | None  # the text whose total is used
    split_from: Edition | None  # the text whose prohibited/restricted split is used
    verified: bool

    @property
    def text_name(self) -> str:
        """e.g. "2023 edition as amended in 2025"."""
        if self.edition is None:
            return gettext("no catalogue edition in the data")
        if self.amendments:
            return gettext("{key} edition as amended in {years}").format(
                key=self.edition.key, years=join_words([a.key for a in self.amendments])
            )
        return gettext("{key} edition").format(key=self.edition.key)

    def count(self, listing: EntryStatus | None = None) -> tuple[int, int | None]:
        if listing is EntryStatus.PROHIBITED:
            return self.held_prohibited, self.total_prohibited
        if listing is EntryStatus.RESTRICTED:
            return self.held_restricted, self.total_restricted
        return self.held, self.total

    def phrase(self, listing: EntryStatus | None = None) -> str:
        """e.g. "15 of 109 items"; where the count comes from an older text than the latest in force
        (the 2020 adjustment gave no prohibited/restricted split), that text is named."""
        held, total = self.count(listing)
        if total is None:
            return ngettext(
                "{n} item held (official total not known)", "{n} items held (official total not known)", held
            ).format(n=held)
        source = self.totals_from if listing is None else self.split_from
        latest = self.amendments[-1] if self.amendments else self.edition
        if source is not None and latest is not None and source is not latest:
            return ngettext(
                "{n} item held ({key} edition: {total})", "{n} items held ({key} edition: {total})", held
            ).format(n=held, key=source.key, total=total)
        return gettext("{held} of {total} items").format(held=held, total=total)

    def headline(self) -> str:
        """e.g. "21 of 132 items of the 2023 edition as amended in 2025, on 2026-06-30"."""
        if self.edition is None:
            return gettext("no catalogue edition in the data had taken effect by {day}").format(day=day_text(self.day))
        tail = "" if self.verified else gettext(" (listing not verified after the data's check date)")
        line = gettext("{phrase} of the {text}, on {day}").format(
            phrase=self.phrase(), text=self.text_name, day=day_text(self.day)
        )
        return line + tail


def holdings(cat: Catalogue, day: dt.date) -> Holdings:
    inst = cat.catalogue
    base, amendments = editions_in_force(inst, day) if inst is not None else (None, [])
    listed = [e for e in cat.entries() if e.listed.state_on(day) is True]
    chain = [e for e in (base, *amendments) if e is not None]

    def latest(attr: str) -> tuple[int | None, Edition | None]:
        for ed in reversed(chain):
            value = getattr(ed, attr)
            if value is not None:
                return value, ed
        return None, None

    total, from_ed = latest("items_total")
    prohibited, split_ed = latest("prohibited")
    restricted, _ = latest("restricted")
    return Holdings(
        day,
        base,
        tuple(amendments),
        len(listed),
        sum(1 for e in listed if e.status is EntryStatus.PROHIBITED),
        sum(1 for e in listed if e.status is EntryStatus.RESTRICTED),
        total,
        prohibited,
        restricted,
        from_ed,
        split_ed,
        day <= checked_to(cat, inst),
    )


# -- what an entry is called, and how many points its text has, on a day -----------------------------------


@dataclass(frozen=True, slots=True)
class NumberOn:
    """An entry's item number in the catalogue text in force on a day. Numbers belong to editions: the
    2023 edition renumbered items, so a number attested only for 2023 is not the 2020 number."""

    number: str | None  # None when the data does not have the number in that text
    text_key: str | None  # the edition key of the text in force (the latest in its chain), e.g. "2020"
    elsewhere: tuple[tuple[str, str], ...] = ()  # (number, edition key) attested for other texts

    def words(self) -> str:
        """e.g. "203912X", or "number in the 2020 text not verified"."""
        if self.number:
            return self.number
        if self.text_key:
            return gettext("number in the {key} text not verified").format(key=self.text_key)
        return gettext("number not verified")


def number_on(entry: Entry, day: dt.date, cat: Catalogue) -> NumberOn:
    """The number the text in force on `day` gives the entry, as far as the data attests it."""
    inst = cat.instrument(entry.instrument_id)
    known: list[tuple[str, tuple[str, ...]]] = []
    if entry.number:
        known.append((entry.number, entry.number_editions))
    known += [(f.number, f.editions) for f in entry.former_numbers]
    elsewhere = tuple((n, k) for n, keys in known for k in keys)
    if entry.listed.end is not None and day >= entry.listed.end:
        day = entry.listed.end - ONE_DAY  # a deleted entry is named as the text that last listed it
    base, amendments = editions_in_force(inst, day) if inst is not None else (None, [])
    chain = [e.key for e in (base, *amendments) if e is not None]
    for key in reversed(chain):  # the latest text first: an adjustment may renumber
        for number, keys in known:
            if key in keys:
                return NumberOn(number, chain[-1], elsewhere)
    return NumberOn(None, chain[-1] if chain else None, elsewhere)


def points_total_on(entry: Entry, day: dt.date, cat: Catalogue) -> PointsTotal | None:
    """How many control points the text in force on `day` has, when a source says: the count for the
    latest text in the chain that has one."""
    inst = cat.instrument(entry.instrument_id)
    if inst is None or not entry.points_total:
        return None
    base, amendments = editions_in_force(inst, day)
    chain = [e.key for e in (base, *amendments) if e is not None]
    by_key = {pt.edition: pt for pt in entry.points_total}
    for key in reversed(chain):
        if key in by_key:
            return by_key[key]
    return None
