"""`exportref show ID [--json] [--as-of DATE] [--lang zh|en] [--english]`: one entry, measure, law, clause or
item, as text or JSON, in Chinese or English (the locale's language by default). The JSON's keys and
state words are the same in both; its labels and texts for people are in the language chosen."""

from __future__ import annotations

import argparse
import datetime as dt

from catalogue.present.to_json import to_json
from catalogue.present.to_text import to_text
from gui.cli.common import add_language_options, apply_language, load_or_report, parse_date, resolve_one, show_english
from gui.cli.terminal import json_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("show", help="one entry, measure, law, clause or item, by id, number or document number")
    p.add_argument(
        "id",
        help="an id (non-ferrous-metallurgy), an item number (083201X), a control or customs code (1C902.a), "
        "or a document number (2023 No. 23, 2023年第23号)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--as-of",
        type=parse_date,
        metavar="DATE",
        help="status on DATE (2025-06-01, 2025/6/1, 2025年6月1日 …; default today): in force or not, the control "
        "points valid then, each clause's status",
    )
    add_language_options(p)
    p.set_defaults(func=cmd_show)


def cmd_show(args: argparse.Namespace) -> int:
    apply_language(args)
    cat = load_or_report().catalogue
    obj = resolve_one(cat, args.id)
    if obj is None:
        return 2
    # Every answer is about a day: today unless asked, as in search and the window.
    day = args.as_of or dt.date.today()
    if args.json:
        print(json_text(to_json(obj, cat, day)))
    else:
        print(to_text(obj, cat, day, show_en=show_english(args)))
    return 0
