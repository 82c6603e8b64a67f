"""How fast summary sheets are made: one sheet in a warm app, every current entry in one PDF, and a
job the size of the 2023 catalogue (134 entries) with its list sheet.

    python bench/sheet_bench.py [--data DIR] [--reps N] [--as-of DATE] [--keep DIR]

All are timed in one run, on the same data, through the same path as the GUI and `exportref sheet`
(catalogue.present.html → gui.printing.write_pdf): render the HTML, lay it out, paint it, write the
PDF; wall clock and CPU time side by side (on a shared machine the CPU time is the steadier). The
shipped data holds fewer current entries than the 2023 catalogue's 134, so the 134-entry job repeats
them (about two pages each, as the real entries are).
Targets: one sheet <= 150 ms after warm-up; 134 entries in one PDF <= 3 s.
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ONE_SHEET_TARGET_MS = 150.0
CATALOGUE_TARGET_S = 3.0
CATALOGUE_ENTRIES = 134  # items of the 2023 edition


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

    def one_sheet(path: Path) -> tuple[float, float, int]:
        start, cpu = time.perf_counter(), time.process_time()
        pages = render_sheet([probe], cat, as_of=as_of)
        count = write_pdf(pages, path, title=page_title(probe), cat=cat, as_of=as_of)
        return (time.perf_counter() - start) * 1000.0, (time.process_time() - cpu) * 1000.0, count

    first_ms, _cpu, _ = one_sheet(out_dir / "first.pdf")  # pays for template compilation and font caches
    for _ in range(2):
        one_sheet(out_dir / "warm.pdf")
    times, cpus = [], []
    one_pages = 0
    for _ in range(args.reps):
        ms, cpu_ms, one_pages = one_sheet(out_dir / "one.pdf")
        times.append(ms)
        cpus.append(cpu_ms)

    def job(objs: list[Any], name: str, listing: bool = False) -> tuple[float, float, float, int]:
        """Seconds (wall, CPU, of which rendering the HTML) and pages of one PDF of `objs`."""
        start, cpu = time.perf_counter(), time.process_time()
        if listing:
            pages_html = [render_list_sheet(objs, cat, as_of=as_of, title=name)]
        else:
            pages_html = render_sheet(objs, cat, as_of=as_of)
        render_s = time.perf_counter() - start
        count = write_pdf(pages_html, out_dir / f"{name}.pdf", title=name, cat=cat, as_of=as_of)
        return time.perf_counter() - start, time.process_time() - cpu, render_s, count

    big = (current * (CATALOGUE_ENTRIES // len(current) + 1))[:CATALOGUE_ENTRIES]
    all_s, all_cpu, render_all_s, all_pages = job(current, "all-current")
    big_s, big_cpu, render_big_s, big_pages = job(big, "catalogue-size")
    list_s, list_cpu, _r, list_pages = job(big, "catalogue-size-list", listing=True)

    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    print(f"sheet_bench — {dt.date.today()} · Python {platform.python_version()} · PySide6 {pyside_version}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.platform(terse=True)}")
    print(f"data: {cat.data_dir} (fingerprint {cat.fingerprint}); as of {as_of}; load average {os.getloadavg()[0]:.1f}")
    print(f"set-up (Qt, font, data load): {setup_s * 1000:.0f} ms; first sheet (cold templates): {first_ms:.0f} ms")
    print()
    print(f"{'measurement':<58} {'target':>9} {'wall':>20} {'CPU':>9}  result")
    print(f"{'-' * 58} {'-' * 9} {'-' * 20} {'-' * 9}  ------")
    one = f"{median:.0f} ms (p95 {p95:.0f})"
    ok1 = "PASS" if median <= ONE_SHEET_TARGET_MS else "FAIL"
    name = f"one sheet, warm ({probe.number or probe.id}, {one_pages} p)"
    print(f"{name:<58} {'<= 150 ms':>9} {one:>20} {statistics.median(cpus):7.0f} ms  {ok1}")
    name = f"all {len(current)} current entries in one PDF ({all_pages} p)"
    print(f"{name:<58} {'—':>9} {f'{all_s:.2f} s (render {render_all_s:.2f})':>20} {all_cpu:7.2f} s")
    ok2 = "PASS" if big_s <= CATALOGUE_TARGET_S else "FAIL"
    name = f"{CATALOGUE_ENTRIES} entries in one PDF ({big_pages} p)"
    print(f"{name:<58} {'<= 3 s':>9} {f'{big_s:.2f} s (render {render_big_s:.2f})':>20} {big_cpu:7.2f} s  {ok2}")
    name = f"list sheet of {CATALOGUE_ENTRIES} entries ({list_pages} p)"
    print(f"{name:<58} {'—':>9} {f'{list_s * 1000:.0f} ms':>20} {list_cpu * 1000:7.0f} ms")
    print()
    print(f"PDFs in {out_dir}")
    del app
    return 0 if ok1 == ok2 == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
