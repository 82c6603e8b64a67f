"""`exportref diff` and `exportref timeline`: what changed, and when, from the command line.

    exportref diff FROM TO [--json]             FROM/TO: a date (YYYY-MM-DD) or an edition (2008, 2020, 2023, 2025)
    exportref timeline [--topic T] [--since DATE] [--until DATE] [--json]

Both answer from catalogue.time.diff / catalogue.time.events; this module only parses arguments and prints.
"""

from __future__ import annotations

import argparse
import sys
import textwrap

from catalogue.present.changes import diff_json, diff_text
from catalogue.time.diff import DiffInputError, diff_between
from catalogue.time.timeline import event_json, resolve_topic, timeline
from gui.cli.common import load_or_report, parse_date
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
    p.set_defaults(func=cmd_timeline)


def cmd_diff(args: argparse.Namespace) -> int:
    cat = load_or_report().catalogue
    try:
        result = diff_between(cat, args.start, args.end)
    except DiffInputError as exc:
        print(f"exportref diff: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json_text(diff_json(result)))
    else:
        print(diff_text(result))
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    cat = load_or_report().catalogue
    topic_id = None
    if args.topic is not None:
        topic = resolve_topic(cat, args.topic)
        if topic is None:
            known = ", ".join(sorted(cat.topics))
            print(f"exportref timeline: no topic {args.topic!r}; topics: {known}", file=sys.stderr)
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
    heading = f"Timeline: {cat.topics[topic_id].name.en or topic_id}" if topic_id else "Timeline: all events"
    print(f"{heading} ({len(events)} events; data verified to {cat.verified_to})")
    year = None
    for ev in events:
        if ev.day.year != year:
            year = ev.day.year
            print(f"\n{year}")
        flag = "" if ev.verified else "  [after the verified-to date: as announced, not verified]"
        print(f"  {ev.day}  {ev.kind.words:<28} {ev.subject_label}{flag}")
        print(textwrap.fill(ev.text, width=100, initial_indent=" " * 14, subsequent_indent=" " * 14))
        for note in ev.notes:
            print(textwrap.fill(f"note: {note}", width=100, initial_indent=" " * 14, subsequent_indent=" " * 20))
        print(f"{' ' * 14}→ {ev.link_id}")
    if not events:
        print("  no events found in the data")
    return 0
