"""The help page (Help → ExportRef Help, F1) and the status words, rendered without Qt.

What the help says is taken from where the app keeps it, so that it cannot drift from what the app
does: the status words from the status engine's vocabulary (the same rows as Help → Status words…),
the search filters' values from the search vocabulary, the topics from the data, how much of each
edition the data holds from catalogue.time.coverage, and the keyboard shortcuts from the window's
actions table, which the GUI passes in (this package knows no Qt).

The help is prose a reader takes in whole, so each language has its own template (help.j2,
help.zh.j2) rather than sentences cut into messages; the status-words table they share goes through
the message catalogue like every other page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from catalogue.i18n import Language, current_language, gettext, using_language
from catalogue.model import Catalogue
from catalogue.present.environment import render_template
from catalogue.present.fragments import badge, day_text
from catalogue.search.vocabulary import KINDS, STATIC_STATUSES, TIME_STATUSES
from catalogue.time import VOCABULARY, State
from catalogue.time.coverage import coverage_lines, headline

# The badge each state shows (a catalogue item listed on the day shows its listing instead).
_BADGES: dict[State, str] = {
    State.IN_FORCE: "in force",
    State.FOLDED: "dual-use list",
    State.LISTED: "restricted",
    State.SUSPENDED: "suspended",
    State.SUSPENSION_ENDED: "suspension ended",
    State.NOT_YET_IN_FORCE: "not yet in force",
    State.REPEALED: "repealed",
    State.DELISTED: "delisted",
    State.NOT_VERIFIED: "not verified",
    State.UNKNOWN: "unknown",
}


def status_word_rows() -> list[dict[str, Any]]:
    """One row per state of the status engine: its badge, an example and what it means."""
    return [
        {"state": state.value, "badge": badge(_BADGES[state]), "example": gettext(example), "meaning": gettext(meaning)}
        for state, example, meaning in VOCABULARY
    ]


def render_status_words(cat: Catalogue, *, lang: Language | None = None, dark: bool = False) -> str:
    """The status vocabulary as a help page: each state's badge, an example and what it means. `dark`:
    accents for a dark palette, as render_detail's."""
    with using_language(lang):
        return render_template(
            "status_words.j2", rows=status_word_rows(), verified_to=day_text(cat.verified_to), dark=dark
        )


def render_help(
    cat: Catalogue,
    shortcuts: Sequence[tuple[str, str]],
    *,
    as_of: dt.date,
    lang: Language | None = None,
    dark: bool = False,
) -> str:
    """The help page. `shortcuts`: (what it does, its keys) for each command that has keys, in the
    order of the window's actions table (in the window's language). `dark`: accents for a dark palette."""
    with using_language(lang):
        return _render_help(cat, shortcuts, as_of=as_of, dark=dark)


def _render_help(cat: Catalogue, shortcuts: Sequence[tuple[str, str]], *, as_of: dt.date, dark: bool) -> str:
    chinese = current_language() == "zh"
    topics = sorted(
        (
            (t.id, (t.name.zh or t.name.en or t.id) if chinese else (t.name.en or t.name.zh or t.id))
            for t in cat.topics.values()
        ),
        key=lambda t: t[0],
    )
    return render_template(
        "help.zh.j2" if chinese else "help.j2",
        rows=status_word_rows(),
        verified_to=day_text(cat.verified_to),
        shortcuts=list(shortcuts),
        kinds=KINDS,
        listings=STATIC_STATUSES,
        states=TIME_STATUSES,
        topics=topics,
        coverage=[line.removeprefix("coverage: ") for line in coverage_lines(cat)],
        headline=headline(cat, as_of),
        as_of=day_text(as_of),
        dark=dark,
    )
