"""`exportref check [DIR]`: validate catalogue data; exit 1 with `file:line:col: message` lines.

It loads without the cache, so it works (and says what is wrong) when the data is broken.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from catalogue.load import default_data_dir, load_catalogue


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="validate catalogue data; exit 1 with file:line:col messages")
    p.add_argument("dir", nargs="?", help="data folder (default: the bundled data or $EXPORTREF_DATA_DIR)")
    p.set_defaults(func=cmd_check)


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
