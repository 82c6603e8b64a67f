"""Time: the status engine and everything dated.

- `status` — the engine: a State in one vocabulary, its words and why, verified or not, for any
  instrument, clause, catalogue item or controlled item on a day.
- `editions` — the catalogue edition in force, an edition's status, item numbers and point totals
  per edition, and how much of the catalogue the data holds (`holdings`).
- `asof` — `status_of` (the one entry point) and what applies on a day.
- `diff`, `wording`, `events`, `coverage` — two days compared, reworded points, every dated event,
  coverage per edition.

The rest of the app imports from this package; nothing here imports search, presentation or Qt.
"""

from catalogue.time.asof import (
    entries_as_of,
    items_on,
    listed_on,
    points_on,
    points_unknown_on,
    status_of,
    today,
    verified_caveat,
)
from catalogue.time.editions import (
    Holdings,
    NumberOn,
    catalogue_editions,
    edition_day,
    edition_status,
    editions_in_force,
    holdings,
    latest_edition_on,
    number_on,
    points_total_on,
)
from catalogue.time.status import (
    APPLYING_STATES,
    HISTORICAL_STATES,
    ONE_DAY,
    UNCERTAIN_STATES,
    VOCABULARY,
    Reason,
    State,
    Status,
    checked_to,
    clause_status,
    entry_status,
    instrument_status,
    item_has_own_status,
    item_status,
    last_day,
    title_of,
)

__all__ = [
    "APPLYING_STATES",
    "HISTORICAL_STATES",
    "ONE_DAY",
    "UNCERTAIN_STATES",
    "VOCABULARY",
    "Holdings",
    "NumberOn",
    "Reason",
    "State",
    "Status",
    "catalogue_editions",
    "checked_to",
    "clause_status",
    "edition_day",
    "edition_status",
    "editions_in_force",
    "entries_as_of",
    "entry_status",
    "holdings",
    "instrument_status",
    "item_has_own_status",
    "item_status",
    "items_on",
    "last_day",
    "latest_edition_on",
    "listed_on",
    "number_on",
    "points_on",
    "points_total_on",
    "points_unknown_on",
    "status_of",
    "title_of",
    "today",
    "verified_caveat",
]
