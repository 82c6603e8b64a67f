"""Notes and bookmarks whose id the active data set does not have.

Notes and bookmarks are keyed by id and live in the user's folder, apart from any data set, so a switch
never touches them. An id that a pack no longer has keeps its note: it is called orphaned, shown as
such, and comes back to its page when data holding that id is used again. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.i18n import gettext, join_words, ngettext
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
            parts.append(ngettext("{n} note", "{n} notes", len(self.notes)).format(n=len(self.notes)))
        if self.bookmarks:
            n = len(self.bookmarks)
            parts.append(ngettext("{n} bookmark", "{n} bookmarks", n).format(n=n))
        if not parts:
            return gettext("every note and bookmark refers to something in this data set")
        ids = sorted(set(self.notes) | set(self.bookmarks))
        shown = ", ".join(ids[:8])
        if len(ids) > 8:
            shown = gettext("{ids} and {n} more").format(ids=shown, n=len(ids) - 8)
        line = ngettext(
            "{what} refers to ids this data set does not have ({ids}); "
            "they are kept, marked orphaned, and return when data holding those ids is used",
            "{what} refer to ids this data set does not have ({ids}); "
            "they are kept, marked orphaned, and return when data holding those ids is used",
            len(self.notes) + len(self.bookmarks),
        )
        return line.format(what=join_words(parts), ids=shown)


def find_orphans(cat: Catalogue, userdata: UserData) -> Orphans:
    def missing(ident: str) -> bool:
        obj = cat.get(ident)
        # get() also finds item numbers; a note belongs to the object whose id it was saved under.
        return obj is None or str(getattr(obj, "id", ident)) != ident

    return Orphans(
        tuple(n.entry_id for n in userdata.notes() if missing(n.entry_id)),
        tuple(b.entry_id for b in userdata.bookmarks() if missing(b.entry_id)),
    )
