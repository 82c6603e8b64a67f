"""The entry point of `exportref`: open the window, or parse the arguments and run a subcommand.

With no argument it opens the window at once, before anything here builds the parser: the parser
imports every command module (search, printing, time), about 300 ms the user would wait for. The
catalogue is loaded lazily: `--version` and `check` must work even when the data is broken.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from gui.cli.terminal import OutputError


def build_parser() -> argparse.ArgumentParser:
    # The command modules are imported here, not at the top: the window path never builds the parser.
    from gui.cli import changes, check, data, search, sheet, show

    parser = argparse.ArgumentParser(
        prog="exportref",
        description="Offline reference browser for China's technology export controls. "
        "A reference aid, not legal advice; the official Chinese text prevails.",
    )
    parser.add_argument(
        "--version", action="store_true", help="print version, the active data set, its fingerprint and verified-to"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each module adds its subcommands (`register`) and sets `func` on their parsers; this order is the
    # order of `exportref --help`.
    for module in (check, show, sheet, changes, search, data):
        module.register(sub)
    return parser


def print_version() -> int:
    from catalogue import __version__
    from catalogue.load import default_data_dir, fingerprint, load_catalogue
    from gui.cli.data import version_lines

    data_dir = default_data_dir()
    result = load_catalogue(data_dir)
    print(f"exportref {__version__}")
    for line in version_lines(data_dir):
        print(line)
    print(f"data: {data_dir}")
    print(f"data fingerprint: {fingerprint(data_dir)}")
    print(f"data verified to: {result.catalogue.verified_to if result.complete else 'unknown (data has problems)'}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        # Opening the window is the common case: skip building the parser (see the module docstring).
        from gui.app import run_app

        return run_app(argv)
    from gui.cli import terminal

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
        from catalogue.i18n import gettext

        print(gettext("exportref: cannot write the output: {error}").format(error=exc.strerror or exc), file=sys.stderr)
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
