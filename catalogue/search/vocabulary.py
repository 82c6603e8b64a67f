"""The filter values the search query language accepts (`status:`, `kind:`).

Kept apart from catalogue.search.engine so that the command line can offer them as choices without
importing Whoosh (~200 ms) for commands that never search. The time statuses are the status engine's
vocabulary (catalogue.time.status.State), plus "current" (not repealed, delisted or not yet in force) and
"historical" (the rest).
"""

from __future__ import annotations

STATIC_STATUSES = ("prohibited", "restricted")
TIME_STATUSES = (
    "in_force",
    "folded",
    "listed",
    "suspended",
    "suspension_ended",
    "not_yet_in_force",
    "repealed",
    "delisted",
    "not_verified",
    "unknown",
    "current",
    "historical",
)
KINDS = ("entry", "catalogue", "measure", "law", "clause", "item")

# Other words a user may type for a status, including the older names of states now folded into one.
_STATUS_ALIASES = {
    "禁止": "prohibited",
    "限制": "restricted",
    "prohibit": "prohibited",
    "restrict": "restricted",
    "in_effect": "in_force",
    "inforce": "in_force",
    "active": "current",
    "superseded": "repealed",
    "replaced": "repealed",
    "lapsed": "repealed",
    "ended": "repealed",
    "unverified": "not_verified",
    "现行有效": "in_force",
    "暂停实施": "suspended",
    "失效": "repealed",
    "尚未生效": "not_yet_in_force",
}


def status_filter_value(text: str) -> str:
    """The status a `status:` filter value names ("in effect" → in_force, "lapsed" → repealed)."""
    low = text.strip().lower().replace("-", "_").replace(" ", "_")
    return _STATUS_ALIASES.get(text.strip(), _STATUS_ALIASES.get(low, low))


def status_choices() -> tuple[str, ...]:
    """Every value `--status` accepts on the command line."""
    return STATIC_STATUSES + TIME_STATUSES + tuple(k for k in _STATUS_ALIASES if k.isascii())
