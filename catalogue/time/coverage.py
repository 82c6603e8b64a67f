"""How much of each catalogue edition the data holds.

Much of the official text could not be obtained, so every view that lists catalogue items must say
how many of the edition's items it has ("23 of 134"). The figure is computed from the data, never
typed in, so it stays true as items are added. "Held" has one definition, kept in
`catalogue.time.status.holdings`: the entries the data shows as listed on the day. An edition's coverage
is the holdings on the day it took effect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from catalogue.i18n import gettext
from catalogue.model import Catalogue, Edition, Kind
from catalogue.time.editions import edition_day, holdings


@dataclass(frozen=True)
class EditionCoverage:
    edition: Edition
    held: int  # entries the data shows as listed on the edition's effective date
    held_prohibited: int
    held_restricted: int

    @property
    def total(self) -> int | None:
        return self.edition.items_total

    def phrase(self) -> str:
        key = self.edition.key
        if self.total is None:
            text = gettext("{held} of an unknown number of items of the {key} edition").format(held=self.held, key=key)
        else:
            text = gettext("{held} of {total} items of the {key} edition").format(
                held=self.held, total=self.total, key=key
            )
        confidence = self.edition.counts_confidence.value
        if confidence == "confirmed":
            return text
        return text + gettext(" ({confidence} total)").format(confidence=gettext(confidence))


def edition_coverage(cat: Catalogue, edition: Edition) -> EditionCoverage:
    day = edition_day(edition)
    if day is None:
        return EditionCoverage(edition, 0, 0, 0)
    h = holdings(cat, day)
    return EditionCoverage(edition, h.held, h.held_prohibited, h.held_restricted)


def all_coverage(cat: Catalogue) -> list[EditionCoverage]:
    out: list[EditionCoverage] = []
    for inst in cat.of_kind(Kind.CATALOGUE):
        out.extend(edition_coverage(cat, ed) for ed in inst.editions)
    return out


def edition_by_key(cat: Catalogue, key: str) -> Edition | None:
    for inst in cat.of_kind(Kind.CATALOGUE):
        for ed in inst.editions:
            if ed.key == key or ed.id == key:
                return ed
    return None


def edition_phrase(cat: Catalogue, key: str) -> str:
    """e.g. "23 of 134 items of the 2023 edition": how much of one edition the data holds."""
    ed = edition_by_key(cat, key)
    if ed is None:
        return gettext("no {key} edition in the data").format(key=key)
    return edition_coverage(cat, ed).phrase()


def headline(cat: Catalogue, day: dt.date) -> str:
    """The one-line coverage statement for the status bar, pages and sheets, for the text in force on
    `day` — the same edition and the same count as the tree shows for that day."""
    return holdings(cat, day).headline()


def coverage_lines(cat: Catalogue) -> list[str]:
    """One line per edition: how many of its items the data holds on the day it took effect."""
    lines = []
    for cov in all_coverage(cat):
        e = cov.edition
        split = ""
        if e.prohibited is not None and e.restricted is not None:
            split = gettext(" (prohibited {held_p} of {total_p}, restricted {held_r} of {total_r})").format(
                held_p=cov.held_prohibited, total_p=e.prohibited, held_r=cov.held_restricted, total_r=e.restricted
            )
        lines.append(gettext("coverage: {phrase}").format(phrase=cov.phrase()) + split)
    return lines


def summary_counts(cat: Catalogue) -> dict[str, int]:
    entries = list(cat.entries())
    return {
        "instruments": len(cat.instruments),
        "catalogue entries": len(entries),
        "measures": len(cat.of_kind(Kind.MEASURE)),
        "laws": len(cat.of_kind(Kind.LAW)),
        "clauses": sum(len(i.clauses) for i in cat.instruments),
        "controlled items": sum(len(i.items) for i in cat.instruments),
        "sources": len(cat.sources),
        "topics": len(cat.topics),
    }
