"""`exportref diff` and `exportref timeline`: what changed, and when, from the command line.

    exportref diff FROM TO [--json] [--lang zh|en] [--english]
                                                FROM/TO: a date (YYYY-MM-DD) or an edition (2008, 2020, 2023, 2025)
    exportref timeline [--topic T] [--since DATE] [--until DATE] [--json] [--lang zh|en]

Both answer from catalogue.time.diff / catalogue.time.events; this module only parses arguments and prints,
in Chinese or English (the locale's language by default, as `show`). The JSON's keys, kinds and dates are
the same in both languages; its texts for people are in the language chosen.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from catalogue.i18n import comma, current_language, day_text, gettext, ngettext
from catalogue.model import Text
from catalogue.present.changes import diff_json, diff_text
from catalogue.time.diff import DiffInputError, diff_between
from catalogue.time.timeline import event_json, resolve_topic, timeline
from gui.cli.columns import fill, pad
from gui.cli.common import add_language_options, apply_language, load_or_report, parse_date, show_english
from gui.cli.terminal import json_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff",
        help="what changed between two dates or catalogue editions",
        description="Entries added, removed and modified (with their control points) and the status changes "
        "of measures and clauses between two days. FROM and TO are dates (YYYY-MM-DD) or edition keys "
        "(2008, 2020, 2023, 2025: the day that edition took effect). The answer always states how much of "
        "each edition the data holds.",
    )
    p.add_argument("start", metavar="FROM", help="a date YYYY-MM-DD or an edition key, e.g. 2023")
    p.add_argument("end", metavar="TO", help="a date YYYY-MM-DD or an edition key, e.g. 2025")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_language_options(p)
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser(
        "timeline",
        help="every dated event, oldest first",
        description="Published, effective, suspended, suspension ends, lapsed, repealed, folded into the "
        "dual-use list, entries listed, deleted or modified: each with what it changed.",
    )
    p.add_argument("--topic", help="only events of one topic: its id, name or a search synonym (rare-earths, 稀土)")
    p.add_argument("--since", type=parse_date, metavar="DATE", help="only events on or after DATE")
    p.add_argument("--until", type=parse_date, metavar="DATE", help="only events on or before DATE")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_language_options(p, english=False)
    p.set_defaults(func=cmd_timeline)


def cmd_diff(args: argparse.Namespace) -> int:
    apply_language(args)
    cat = load_or_report().catalogue
    try:
        result = diff_between(cat, args.start, args.end)
    except DiffInputError as exc:
        print(f"exportref diff: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json_text(diff_json(result)))
    else:
        print(diff_text(result, show_en=show_english(args)))
    return 0


def _fill(text: str, indent: int, hanging: int) -> str:
    """Wrapped to 100 columns: by words in English (as textwrap always did here), counting a Chinese
    character as two columns in Chinese."""
    if current_language() == "zh":
        return fill(text, 100, " " * indent, " " * hanging)
    return textwrap.fill(text, width=100, initial_indent=" " * indent, subsequent_indent=" " * hanging)


def cmd_timeline(args: argparse.Namespace) -> int:
    apply_language(args)
    cat = load_or_report().catalogue
    topic_id = None
    if args.topic is not None:
        topic = resolve_topic(cat, args.topic)
        if topic is None:
            message = gettext("exportref timeline: no topic {topic}; topics: {known}")
            print(message.format(topic=repr(args.topic), known=comma().join(sorted(cat.topics))), file=sys.stderr)
            return 2
        topic_id = topic.id
    events = timeline(cat, topic_id, args.since, args.until)
    if args.json:
        doc = {
            "topic": topic_id,
            "since": args.since.isoformat() if args.since else None,
            "until": args.until.isoformat() if args.until else None,
            "verified_to": cat.verified_to.isoformat(),
            "events": [event_json(ev) for ev in events],
        }
        print(json_text(doc))
        return 0
    print(_heading(cat.topics[topic_id].name if topic_id else None, topic_id, len(events), day_text(cat.verified_to)))
    # A date takes ten columns in English (2025-07-15), up to fourteen in Chinese (2025年11月11日); the
    # longest kind of event 28 in English, 16 in Chinese (并入两用物项清单).
    day_width, kind_width = (14, 16) if current_language() == "zh" else (10, 28)
    flag = "  " + gettext("[after the verified-to date: as announced, not verified]")
    year = None
    for ev in events:
        if ev.day.year != year:
            year = ev.day.year
            print(f"\n{year}")
        mark = "" if ev.verified else flag
        print(f"  {pad(day_text(ev.day), day_width)}  {pad(ev.kind.words, kind_width)} {ev.subject_label}{mark}")
        print(_fill(ev.text, 14, 14))
        for note in ev.notes:
            print(_fill(gettext("note: {note}").format(note=note), 14, 20))
        print(f"{' ' * 14}→ {ev.link_id}")
    if not events:
        print("  " + gettext("no events found in the data"))
    return 0


def _heading(name: Text | None, topic_id: str | None, n: int, verified_to: str) -> str:
    """ "Timeline: Rare earths (12 events; data verified to 2026-06-30)", in the current language."""
    if topic_id is None:
        heading = gettext("Timeline: all events")
    else:
        words = (name.zh or name.en) if current_language() == "zh" and name else (name.en if name else None)
        heading = gettext("Timeline: {topic}").format(topic=words or topic_id)
    line = ngettext(
        "{heading} ({n} event; data verified to {day})", "{heading} ({n} events; data verified to {day})", n
    )
    return line.format(heading=heading, n=n, day=verified_to)
