"""Words and classes the pages and sheets share: badge colours, what kind of text a Chinese string
is, kinds of records and of notes, and the disclaimer."""

from __future__ import annotations

import datetime as dt

from catalogue.model import Interval, Kind, ZhWording

DISCLAIMER = "Reference aid, not legal advice; the official Chinese text prevails."


ZH_LABEL = {
    ZhWording.OFFICIAL: "official Chinese text",
    ZhWording.REPORTED: "Chinese as reported by a secondary source; may not be verbatim",
    ZhWording.DRAFT: "Chinese of the consultation draft, not the final text",
}


ZH_SHORT = {
    ZhWording.OFFICIAL: None,
    ZhWording.REPORTED: "as reported; may not be verbatim",
    ZhWording.DRAFT: "draft wording; not the final text",
}


KIND_LABEL = {Kind.CATALOGUE: "Catalogue", Kind.MEASURE: "Export control measure", Kind.LAW: "Law or regulation"}


NOTE_LABEL = {"caveat": "Caveat", "conflict": "Sources disagree", "open-question": "Open question"}

# Badge word -> stylesheet class, shared by the detail view, sheets, the Changes view and the search list.
BADGE_CLASS = {
    "prohibited": "b-prohibited",
    "restricted": "b-restricted",
    "in force": "b-inforce",
    "in force in part": "b-partial",
    "dual-use list": "b-inforce",
    "listed": "b-inforce",
    "suspended": "b-suspended",
    "suspension ended": "b-unknown",
    "repealed": "b-ended",
    "replaced": "b-ended",
    "lapsed": "b-ended",
    "no longer in force": "b-ended",
    "delisted": "b-ended",
    "not yet in force": "b-future",
    "not yet listed": "b-future",
    "not verified": "b-unknown",
    "unknown": "b-unknown",
}


def badge_css(word: str) -> str:
    """The stylesheet class of a badge word (the status engine's badges, prohibited/restricted)."""
    return BADGE_CLASS.get(word, "b-unknown")


def describe_interval(iv: Interval) -> str:
    if iv.start is None:
        start = "start not known"
    elif iv.start_known:
        start = f"from {iv.start}"
    else:
        start = f"from {iv.start} at the latest (earlier not verified)"
    parts = [start]
    if iv.end:
        parts.append(f"until {iv.end - dt.timedelta(days=1)} (no longer from {iv.end})")
    if iv.unknown_from:
        parts.append(f"status from {iv.unknown_from} not known")
    return "; ".join(parts)
