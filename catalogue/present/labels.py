"""Words and classes the pages and sheets share: badge colours, what kind of text a Chinese string
is, kinds of records and of notes, and the disclaimer — each in the current language
(catalogue.i18n), from English message ids kept here."""

from __future__ import annotations

import datetime as dt

from catalogue.i18n import N_, day_text, gettext, semicolon
from catalogue.model import Interval, Kind, ZhWording

DISCLAIMER = N_("Reference aid, not legal advice; the official Chinese text prevails.")


def disclaimer() -> str:
    """The disclaimer every page, sheet and the About box carries, in the current language."""
    return gettext(DISCLAIMER)


_ZH_LABEL = {
    ZhWording.OFFICIAL: N_("official Chinese text"),
    ZhWording.REPORTED: N_("Chinese as reported by a secondary source; may not be verbatim"),
    ZhWording.DRAFT: N_("Chinese of the consultation draft, not the final text"),
}


_ZH_SHORT = {
    ZhWording.OFFICIAL: None,
    ZhWording.REPORTED: N_("as reported; may not be verbatim"),
    ZhWording.DRAFT: N_("draft wording; not the final text"),
}


def zh_label(wording: ZhWording) -> str:
    """What kind of Chinese text a string is: official, reported or draft."""
    return gettext(_ZH_LABEL[wording])


def zh_short(wording: ZhWording) -> str | None:
    """The same in a few words for tight rows; None for the official text, which needs no mark."""
    short = _ZH_SHORT[wording]
    return gettext(short) if short else None


_KIND_LABEL = {
    Kind.CATALOGUE: N_("Catalogue"),
    Kind.MEASURE: N_("Export control measure"),
    Kind.LAW: N_("Law or regulation"),
}


def kind_label(kind: Kind) -> str:
    return gettext(_KIND_LABEL[kind])


_NOTE_LABEL = {"caveat": N_("Caveat"), "conflict": N_("Sources disagree"), "open-question": N_("Open question")}


def note_label(kind: str) -> str:
    found = _NOTE_LABEL.get(kind)
    return gettext(found) if found else kind.capitalize()


# The confidence marks of the data, so that each has a translation.
CONFIDENCE_WORDS = {"confirmed": N_("confirmed"), "single-source": N_("single-source"), "inferred": N_("inferred")}


def confidence_word(value: str) -> str:
    found = CONFIDENCE_WORDS.get(value)
    return gettext(found) if found else value


# Badge word (the status engine's English badge_key, or prohibited/restricted) -> stylesheet class,
# shared by the detail view, sheets, the Changes view and the search list.
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
    """The stylesheet class of a badge word (the status engine's badge_key, prohibited/restricted)."""
    return BADGE_CLASS.get(word, "b-unknown")


def describe_interval(iv: Interval) -> str:
    _ = gettext
    if iv.start is None:
        start = _("start not known")
    elif iv.start_known:
        start = _("from {day}").format(day=day_text(iv.start))
    else:
        start = _("from {day} at the latest (earlier not verified)").format(day=day_text(iv.start))
    parts = [start]
    if iv.end:
        parts.append(
            _("until {last} (no longer from {end})").format(
                last=day_text(iv.end - dt.timedelta(days=1)), end=day_text(iv.end)
            )
        )
    if iv.unknown_from:
        parts.append(_("status from {day} not known").format(day=day_text(iv.unknown_from)))
    return semicolon().join(parts)
