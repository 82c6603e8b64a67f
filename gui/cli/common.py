"""What the subcommands share: the date and language options, loading the data, and naming one record.

Each helper reports a problem on stderr in the words a user can act on; none of them exits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from catalogue.i18n import Language, gettext
from catalogue.load import LoadResult, load_cached
from catalogue.model import Catalogue


def parse_date(text: str) -> dt.date:
    """--as-of and the other date options: the forms the window's date field takes (catalogue.dates)."""
    from catalogue.dates import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_language_options(parser: argparse.ArgumentParser, *, english: bool = True) -> None:
    """--lang, and --english where there are translations of ours to show (show, sheet, diff, timeline)."""
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=None,
        help="write it in Chinese or English (default: the locale's language, from LC_ALL, LC_MESSAGES or LANG)",
    )
    if not english:
        return
    parser.add_argument(
        "--english",
        action="store_true",
        help="in Chinese, show our (unofficial) English translations beside the official Chinese too",
    )


def apply_language(args: argparse.Namespace) -> Language:
    """The language the command writes in: --lang, else the locale's; set for everything it prints."""
    from catalogue import i18n

    lang: Language = args.lang or i18n.language_from_locale()
    i18n.set_language(lang)
    return lang


def show_english(args: argparse.Namespace) -> bool | None:
    """Whether our English translations stand beside the Chinese: asked for, else the language decides."""
    return True if getattr(args, "english", False) else None


def resolve_one(cat: Catalogue, text: str) -> object | None:
    """The object an identifier names — an id, an item number, a code or a document number in English
    or Chinese, as search understands them — or None after saying on stderr what is wrong."""
    from catalogue.lookup import describe, resolve

    found = resolve(cat, text)
    if len(found) == 1:
        return found[0]
    if not found:
        message = gettext(
            "exportref: nothing in the data is called {text} (an id, item number, code or document number; "
            "try `exportref search`)"
        )
        print(message.format(text=repr(text)), file=sys.stderr)
        return None
    message = gettext("exportref: {text} names {n} records; give one of these ids:")  # two or more
    print(message.format(text=repr(text), n=len(found)), file=sys.stderr)
    for obj in found[:20]:
        print(f"  {describe(obj)}", file=sys.stderr)
    return None


def load_or_report(data_dir: Path | None = None) -> LoadResult:
    """Load the data (through the validated cache); print problems to stderr but carry on."""
    result = load_cached(data_dir)
    if result.problems:
        message = gettext(
            "warning: the data has {problems} problem(s) in {files} file(s); run `exportref check` for details. "
            "What follows may be incomplete."
        )
        print(message.format(problems=len(result.problems), files=len(result.failed_files)), file=sys.stderr)
    return result
