"""Notes and bookmarks whose id the active data set does not have.

Notes and bookmarks are keyed by id and live in the user's folder, apart from any data set, so a switch
never touches them. An id that a pack no longer has keeps its note: it is called orphaned, shown as
such, and comes back to its page when data holding that id is used again. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.model import Catalogue
from catalogue.userdata import UserData


@dataclass(frozen=True)
class Orphans:
    notes: tuple[str, ...]
    bookmarks: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.notes or self.bookmarks)

    def summary(self) -> str:
        parts = []
        if self.notes:
            parts.append(f"{len(self.notes)} note{'s' if len(self.notes) != 1 else ''}")
        if self.bookmarks:
            parts.append(f"{len(self.bookmarks)} bookmark{'s' if len(self.bookmarks) != 1 else ''}")
        if not parts:
            return "every note and bookmark refers to something in this data set"
        ids = sorted(set(self.notes) | set(self.bookmarks))
        shown = ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
        verb = "refers" if len(self.notes) + len(self.bookmarks) == 1 else "refer"
        return (
            f"{' and '.join(parts)} {verb} to ids this data set does not have ({shown}); "
            "they are kept, marked orphaned, and return when data holding those ids is used"
        )


def find_orphans(cat: Catalogue, userdata: UserData) -> Orphans:
    def missing(ident: str) -> bool:
        obj = cat.get(ident)
        # get() also finds item numbers; a note belongs to the object whose id it was saved under.
        return obj is None or str(getattr(obj, "id", ident)) != ident

    return Orphans(
        tuple(n.entry_id for n in userdata.notes() if missing(n.entry_id)),
        tuple(b.entry_id for b in userdata.bookmarks() if missing(b.entry_id)),
    )
