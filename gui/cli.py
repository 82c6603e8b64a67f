"""The `exportref` command line.

With no subcommand it opens the window. Subcommands are for scripting, support and tests; each is
registered by a small module so that commands can grow without this file becoming a hub. The
catalogue is loaded lazily: `--version` and `check` must work even when the data is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from catalogue import __version__
from catalogue.load import LoadResult, default_data_dir, fingerprint, load_cached, load_catalogue
from catalogue.model import Catalogue
from catalogue.present.to_json import to_json
from catalogue.present.to_text import to_text
from gui.terminal import OutputError, terminal_safe

__all__ = ["main", "terminal_safe"]

# Modules that add subcommands: each has `register(subparsers) -> None` and sets `func` on its parser.
COMMAND_MODULES: tuple[str, ...] = ("gui.cmd_sheet", "gui.cmd_time", "gui.cmd_search", "gui.cmd_data")


def parse_date(text: str) -> dt.date:
    """--as-of and the other date options: the forms the window's date field takes (catalogue.dates)."""
    from catalogue.dates import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def resolve_one(cat: Catalogue, text: str) -> object | None:
    """The object an identifier names — an id, an item number, a code or a document number in English
    or Chinese, as search understands them — or None after saying on stderr what is wrong."""
    from catalogue.lookup import describe, resolve

    found = resolve(cat, text)
    if len(found) == 1:
        return found[0]
    if not found:
        print(
            f"exportref: nothing in the data is called {text!r} (an id, item number, code or document number; "
            "try `exportref search`)",
            file=sys.stderr,
        )
        return None
    print(f"exportref: {text!r} names {len(found)} records; give one of these ids:", file=sys.stderr)
    for obj in found[:20]:
        print(f"  {describe(obj)}", file=sys.stderr)
    return None


def load_or_report(data_dir: Path | None = None) -> LoadResult:
    """Load the data (through the validated cache); print problems to stderr but carry on."""
    result = load_cached(data_dir)
    if result.problems:
        print(
            f"warning: the data has {len(result.problems)} problem(s) in {len(result.failed_files)} file(s); "
            "run `exportref check` for details. What follows may be incomplete.",
            file=sys.stderr,
        )
    return result


def cmd_check(args: argparse.Namespace) -> int:
    data_dir = Path(args.dir) if args.dir else default_data_dir()
    result = load_catalogue(data_dir)
    if result.problems:
        for p in result.problems:
            print(p.format())
        capped = any(p.message.startswith("more problems in this file") for p in result.problems)
        count = f"over {len(result.problems) - 1}" if capped else str(len(result.problems))
        print(f"{count} problem(s) in {len(result.failed_files)} file(s).", file=sys.stderr)
        return 1
    cat = result.catalogue
    from catalogue.time.coverage import coverage_lines, summary_counts

    counts = summary_counts(cat)
    print(f"OK: {data_dir}")
    print("  " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    for line in coverage_lines(cat):
        print("  " + line)
    print(f"  data verified to {cat.verified_to}; fingerprint {cat.fingerprint}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    cat = load_or_report().catalogue
    obj = resolve_one(cat, args.id)
    if obj is None:
        return 2
    # Every answer is about a day: today unless asked, as in search and the window.
    day = args.as_of or dt.date.today()
    if args.json:
        print(json.dumps(to_json(obj, cat, day), ensure_ascii=False, indent=2))
    else:
        print(to_text(obj, cat, day))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exportref",
        description="Offline reference browser for China's technology export controls. "
        "A reference aid, not legal advice; the official Chinese text prevails.",
    )
    parser.add_argument(
        "--version", action="store_true", help="print version, the active data set, its fingerprint and verified-to"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", help="validate catalogue data; exit 1 with file:line:col messages")
    p.add_argument("dir", nargs="?", help="data folder (default: the bundled data or $EXPORTREF_DATA_DIR)")
    p.set_defaults(func=cmd_check)

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
    p.set_defaults(func=cmd_show)

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def print_version() -> int:
    data_dir = default_data_dir()
    result = load_catalogue(data_dir)
    print(f"exportref {__version__}")
    from gui.cmd_data import version_lines

    for line in version_lines(data_dir):
        print(line)
    print(f"data: {data_dir}")
    print(f"data fingerprint: {fingerprint(data_dir)}")
    print(f"data verified to: {result.catalogue.verified_to if result.complete else 'unknown (data has problems)'}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # Opening the window is the common case: skip building the parser, which imports every
        # subcommand module (search, printing, time) — about 300 ms the user would wait for.
        from gui.app import run_app

        return run_app(argv)
    from gui import terminal

    terminal.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and not args.version:
        from gui.app import run_app

        return run_app(argv)
    try:
        code: int = print_version() if args.version else args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # `exportref search x | head`: the reader went away; that is not an error worth a traceback.
        sys.stderr.close()
        return 0
    except OutputError as exc:
        _discard_stdout()
        print(f"exportref: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return code


def _discard_stdout() -> None:
    """Send what is left in stdout's buffer to /dev/null, so the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
