"""The filter values the search query language accepts (`status:`, `kind:`).

Kept apart from catalogue.search so that the command line can offer them as choices without
importing Whoosh (~200 ms) for commands that never search.
"""

from __future__ import annotations

STATIC_STATUSES = ("prohibited", "restricted")
TIME_STATUSES = ("in_force", "suspended", "repealed", "superseded", "lapsed", "folded", "current", "historical")
KINDS = ("entry", "catalogue", "measure", "law", "clause", "item")
