"""`exportref sheet`: summary sheets as PDF from the command line, without a display.

    exportref sheet ID_OR_NUMBER… [-o FILE.pdf|-] [--list] [--as-of DATE] [--matter TEXT]
                    [--page-size A4|Letter] [--title TEXT] [--prepared-by TEXT] [--notes]
                    [--lang zh|en] [--english]

Each id (or item number) gets its own pages; `--list` prints one compact table instead. The sheet is
rendered through the same path as the GUI's Export PDF (catalogue.present.html → gui.printing), in
Chinese or English (the locale's language unless --lang says); in Chinese our English translations are
left out unless --english asks for them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from catalogue.i18n import day_text, gettext, ngettext
from catalogue.load import load_cached

if TYPE_CHECKING:
    from catalogue.model import Catalogue

from gui.cli.common import add_language_options, apply_language, parse_date, resolve_one, show_english


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sheet",
        help="summary sheet(s) as PDF",
        description="Write summary sheets as a PDF: one entry or measure per sheet, or a list with --list.",
    )
    p.add_argument(
        "ids",
        nargs="+",
        metavar="ID_OR_NUMBER",
        help="ids (non-ferrous-metallurgy), item numbers (083201X), codes or document numbers (2023年第23号)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="the PDF to write, or - for standard output (default: named after the first id)",
    )
    p.add_argument("--list", action="store_true", help="one compact table of all ids instead of a sheet each")
    p.add_argument(
        "--as-of", type=parse_date, default=None, help="the date the status is determined for (default: today)"
    )
    p.add_argument("--matter", default="", help="matter or client reference printed in the title block")
    p.add_argument("--prepared-by", default="", help="who prepared the sheet, printed in the title block")
    p.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="paper size (default: A4)")
    p.add_argument("--title", default=None, help="title of a --list sheet")
    p.add_argument(
        "--notes",
        action="store_true",
        help="include your private notes on the entries (every page's footer then says so)",
    )
    p.add_argument(
        "--all-sources",
        action="store_true",
        help="list every source in full (by default press reports beyond the first six are summarised)",
    )
    add_language_options(p)
    p.set_defaults(func=cmd_sheet)


def _default_output(ids: list[str], as_of: dt.date, as_list: bool) -> Path:
    stem = "exportref-list" if as_list or len(ids) > 1 else f"exportref-{ids[0]}"
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
    return Path(f"{safe}-{as_of.isoformat()}.pdf")


def cmd_sheet(args: argparse.Namespace) -> int:
    # Jinja and the templates are loaded only when a sheet is actually made.
    from catalogue.present.html import MatterInfo, default_list_title, page_title, render_list_sheet, render_sheet

    apply_language(args)
    english = show_english(args)
    result = load_cached()
    if result.problems:
        # A sheet goes into a client file: printing from data that failed validation could leave out
        # a measure or a status period without anyone noticing.
        message = gettext(
            "exportref: the data has {n} problem(s); no sheet printed. Run `exportref check` for details."
        )
        print(message.format(n=len(result.problems)), file=sys.stderr)
        return 1
    cat = result.catalogue
    objs = []
    for ident in args.ids:
        obj = resolve_one(cat, ident)
        if obj is None:
            return 2
        objs.append(obj)
    as_of: dt.date = args.as_of or dt.date.today()
    matter = MatterInfo(args.matter, args.prepared_by, "")
    private_notes = False  # whether a note of the user's is printed: every page's footer then says so
    if args.list:
        title = args.title or default_list_title(objs, cat)
        pages = [
            render_list_sheet(
                objs, cat, as_of=as_of, title=title, matter=matter, all_sources=args.all_sources, show_en=english
            )
        ]
    else:
        notes: dict[str, str] = {}
        if args.notes:
            from catalogue.userdata import UserData

            user = UserData()
            notes = {str(getattr(o, "id", "")): user.note(str(getattr(o, "id", ""))) or "" for o in objs}
            private_notes = any(text.strip() for text in notes.values())
        pages = render_sheet(
            objs, cat, as_of=as_of, matter=matter, notes=notes, all_sources=args.all_sources, show_en=english
        )
        count_words = ngettext("{n} summary sheet", "{n} summary sheets", len(objs)).format(n=len(objs))
        title = page_title(objs[0], cat, as_of) if len(objs) == 1 else count_words
    output: Path = args.output or _default_output(args.ids, as_of, args.list)
    to_stdout = str(output) == "-"  # the usual name for standard output, not a file called "-"
    if to_stdout and sys.stdout.isatty():
        message = gettext("exportref: a PDF is not written to a terminal: redirect it (> sheet.pdf) or use -o FILE.pdf")
        print(message, file=sys.stderr)
        return 2

    from PySide6.QtGui import QGuiApplication

    # A PDF needs fonts and a paint device but no screen: run on the offscreen platform so the
    # command works over ssh, in cron and in CI. The -platform argument beats QT_QPA_PLATFORM.
    app = QGuiApplication.instance() or QGuiApplication(["exportref", "-platform", "offscreen"])
    from gui.printing import write_pdf

    if to_stdout:
        return _write_to_stdout(pages, title, cat, as_of, args.page_size, private_notes)
    try:
        count = write_pdf(
            pages,
            output,
            title=f"ExportRef — {title}",
            cat=cat,
            as_of=as_of,
            page_size=args.page_size,
            private_notes=private_notes,
        )
    except OSError as exc:
        # Nothing half-written is left: a file is replaced only once the whole PDF is on disk.
        message = gettext("exportref: cannot write {path}: {error}")
        print(message.format(path=output, error=exc.strerror or exc), file=sys.stderr)
        return 1
    del app
    # Written to a device or pipe (-o /dev/stdout), the PDF is on stdout: the summary goes to stderr.
    summary = sys.stdout if output.is_file() else sys.stderr
    print(_summary(str(output), count, as_of, cat), file=summary)
    return 0


def _write_to_stdout(
    pages: list[str], title: str, cat: Catalogue, as_of: dt.date, page_size: str, private_notes: bool
) -> int:
    """`-o -`: the whole PDF made in a private temporary folder, then its bytes to standard output
    (nothing reaches the pipe unless the PDF was made; on any platform, unlike /dev/stdout)."""
    import tempfile

    from gui.printing import write_pdf

    with tempfile.TemporaryDirectory(prefix="exportref-sheet-") as folder:
        path = Path(folder) / "sheet.pdf"
        try:
            count = write_pdf(
                pages,
                path,
                title=f"ExportRef — {title}",
                cat=cat,
                as_of=as_of,
                page_size=page_size,
                private_notes=private_notes,
            )
            data = path.read_bytes()
        except OSError as exc:
            print(
                gettext("exportref: cannot make the sheet: {error}").format(error=exc.strerror or exc), file=sys.stderr
            )
            return 1
    out = sys.stdout.buffer  # bytes past the terminal-safe text wrapper: a PDF is binary
    try:
        out.write(data)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        message = gettext("exportref: cannot write to standard output: {error}")
        print(message.format(error=exc.strerror or exc), file=sys.stderr)
        return 1
    print(_summary("-", count, as_of, cat), file=sys.stderr)
    return 0


def _summary(output: str, count: int, as_of: dt.date, cat: Catalogue) -> str:
    """ "sheet.pdf: 2 pages, status as of 2025-08-01, data verified to 2026-06-30", in the language."""
    line = ngettext(
        "{output}: {n} page, status as of {day}, data verified to {verified}",
        "{output}: {n} pages, status as of {day}, data verified to {verified}",
        count,
    )
    return line.format(output=output, n=count, day=day_text(as_of), verified=day_text(cat.verified_to))
