"""As of a day: the one entry point for any object's status, and the control points and items that
apply on the day."""

from __future__ import annotations

import datetime as dt

from catalogue.i18n import day_text, gettext
from catalogue.model import Catalogue, Clause, ControlledItem, ControlPoint, Edition, Entry, Instrument
from catalogue.time.editions import edition_status
from catalogue.time.status import Status, clause_status, entry_status, instrument_status, item_status

# -- one entry point --------------------------------------------------------------------------------------


def status_of(obj: object, day: dt.date, cat: Catalogue) -> Status | None:
    """The status of any object on `day`; None for objects whose status does not depend on the date
    (sources, topics, sectors)."""
    if isinstance(obj, Entry):
        return entry_status(obj, day, cat)
    if isinstance(obj, Instrument):
        return instrument_status(obj, day, cat)
    if isinstance(obj, Clause):
        return clause_status(obj, cat.owner_of(obj.id), day, cat)
    if isinstance(obj, ControlledItem):
        return item_status(obj, cat.owner_of(obj.id), day, cat)
    if isinstance(obj, Edition):
        return edition_status(obj, day, cat)
    return None


def today() -> dt.date:
    return dt.date.today()


def verified_caveat(cat: Catalogue, day: dt.date) -> str | None:
    """The sentence every as-of view shows for a day past the data's verified-to date."""
    if day <= cat.verified_to:
        return None
    return gettext(
        "The data is verified to {verified}. For {day} it shows what the sources had announced by then; "
        "later changes are not in the data."
    ).format(verified=day_text(cat.verified_to), day=day_text(day))


# -- control points and items on a day ------------------------------------------------------------------


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


def entries_as_of(cat: Catalogue, day: dt.date) -> list[tuple[Entry, Status]]:
    """Every catalogue entry with its status on `day`, in data order."""
    return [(e, entry_status(e, day, cat)) for e in cat.entries()]


def listed_on(cat: Catalogue, day: dt.date) -> list[Entry]:
    """Entries the data shows as listed on `day` (unknown listings excluded; see `entries_as_of`)."""
    return [e for e in cat.entries() if e.listed.state_on(day) is True]
