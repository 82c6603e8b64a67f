"""How fast summary sheets are made: one sheet in a warm app, every current entry in one PDF, and a
list sheet as long as the 2023 catalogue (134 items).

    python bench/sheet_bench.py [--data DIR] [--reps N] [--as-of DATE] [--keep DIR]

All are timed in one run, on the same data, through the same path as the GUI and `exportref sheet`
(catalogue.present.html → gui.printing.write_pdf): render the HTML, lay it out, paint it, write the PDF.
Targets: one sheet <= 300 ms after warm-up; all current entries <= 5 s; a 134-row list sheet <= 5 s.
The data holds fewer than 134 catalogue entries, so the list sheet takes the data's entries in turn
until it has 134 rows: rows of the real shape (names, statuses, dates, sources), as many as the
whole 2023 catalogue would print.
Run by hand, not in CI. Results are recorded in docs/performance.md ("Sheets").
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ONE_SHEET_TARGET_MS = 300.0
ALL_ENTRIES_TARGET_S = 5.0
LIST_ROWS = 134  # items in the 2023 edition of the catalogue
LIST_TARGET_S = 5.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: the shipped data)")
    parser.add_argument("--reps", type=int, default=15, help="repetitions of the one-sheet timing")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="status date (default: today)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the PDFs in this folder")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QApplication

    from catalogue.load import load_catalogue
    from catalogue.present.html import page_title, render_list_sheet, render_sheet
    from gui.fonts import load_bundled_fonts
    from gui.printing import write_pdf

    app = QApplication.instance() or QApplication(["sheet_bench"])
    load_bundled_fonts()
    result = load_catalogue(args.data)
    if not result.complete:
        print(f"warning: the data has {len(result.problems)} problem(s); timing what loaded", file=sys.stderr)
    cat = result.catalogue
    as_of: dt.date = args.as_of or dt.date.today()
    setup_s = time.perf_counter() - t0

    entries = list(cat.entries())
    current = [e for e in entries if e.listed.state_on(as_of) is not False]
    if not current:
        print("no current entries in the data", file=sys.stderr)
        return 1
    # The entry with the most to print (control points, history, sources) is the fair single case.
    probe = max(current, key=lambda e: len(e.control_points) + len(e.history) + len(e.sources) + len(e.related))
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="sheet-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)

    def one_sheet(path: Path) -> tuple[float, int]:
        start = time.perf_counter()
        pages = render_sheet([probe], cat, as_of=as_of)
        count = write_pdf(pages, path, title=page_title(probe), cat=cat, as_of=as_of)
        return (time.perf_counter() - start) * 1000.0, count

    first_ms, _ = one_sheet(out_dir / "first.pdf")  # pays for template compilation and font caches
    for _ in range(2):
        one_sheet(out_dir / "warm.pdf")
    times = []
    one_pages = 0
    for _ in range(args.reps):
        ms, one_pages = one_sheet(out_dir / "one.pdf")
        times.append(ms)

    start = time.perf_counter()
    pages_html = render_sheet(current, cat, as_of=as_of)
    render_all_s = time.perf_counter() - start
    all_pages = write_pdf(pages_html, out_dir / "all.pdf", title="All current entries", cat=cat, as_of=as_of)
    all_s = time.perf_counter() - start

    start = time.perf_counter()
    listing = render_list_sheet(current, cat, as_of=as_of, title="All current entries")
    list_pages = write_pdf([listing], out_dir / "list.pdf", title="List", cat=cat, as_of=as_of)
    list_ms = (time.perf_counter() - start) * 1000.0

    long_list = [entries[i % len(entries)] for i in range(LIST_ROWS)]
    start = time.perf_counter()
    listing = render_list_sheet(long_list, cat, as_of=as_of, title=f"{LIST_ROWS} catalogue entries")
    long_pages = write_pdf([listing], out_dir / "list-134.pdf", title="List", cat=cat, as_of=as_of)
    long_s = time.perf_counter() - start

    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    print(f"sheet_bench — {dt.date.today()} · Python {platform.python_version()} · PySide6 {pyside_version}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform(terse=True)}")
    print(f"data: {cat.data_dir} (fingerprint {cat.fingerprint}); as of {as_of}")
    print(f"set-up (Qt, font, data load): {setup_s * 1000:.0f} ms; first sheet (cold templates): {first_ms:.0f} ms")
    print()
    print(f"{'measurement':<62} {'target':>10} {'measured':>22}  result")
    print(f"{'-' * 62} {'-' * 10} {'-' * 22}  ------")
    one = f"{median:.0f} ms (p95 {p95:.0f})"
    ok1 = "PASS" if median <= ONE_SHEET_TARGET_MS else "FAIL"
    print(f"{f'one sheet, warm ({probe.number or probe.id}, {one_pages} p)':<62} {'<= 300 ms':>10} {one:>22}  {ok1}")
    allm = f"{all_s:.2f} s (render {render_all_s:.2f})"
    ok2 = "PASS" if all_s <= ALL_ENTRIES_TARGET_S else "FAIL"
    print(f"{f'all {len(current)} current entries in one PDF ({all_pages} p)':<62} {'<= 5 s':>10} {allm:>22}  {ok2}")
    print(f"{f'list sheet of {len(current)} entries ({list_pages} p)':<62} {'—':>10} {f'{list_ms:.0f} ms':>22}")
    ok3 = "PASS" if long_s <= LIST_TARGET_S else "FAIL"
    longm = f"{long_s:.2f} s"
    print(f"{f'list sheet of {LIST_ROWS} entries ({long_pages} p)':<62} {'<= 5 s':>10} {longm:>22}  {ok3}")
    print()
    print(f"PDFs in {out_dir}")
    del app
    return 0 if ok1 == ok2 == ok3 == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
