"""How long pasting a long note and saving it takes in the real window (offscreen).

    python bench/notes_bench.py [--reps N]

The tests (tests/test_hardening_notes.py) check what a long paste leaves in the note and on disk,
and fail on a freeze through a per-test timeout; they assert no time, since a shared machine makes
any clock noise. The times are measured here instead: a note of 90,000 characters with no line
break (kept whole: the limit is 100,000), and pastes of 300,000 characters and 5 MB (refused
whole, with a notice, so the "kept" column shows 0), each pasted into the note editor of a window
on the test data and saved; wall clock and CPU time, median of N runs.

Budget: a paste and save that takes more than BUDGET_S means the editor lays out or the notes file
writes more than it should (before round 2 of the hardening, a 300,000-character line froze the
window for tens of seconds); such cases are flagged and the exit status is 1.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUDGET_S = 1.5
PASTES = {"90,000 characters": 90_000, "300,000 characters": 300_000, "5 MB": 5_000_000}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="runs of each paste (default 5)")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="notes-bench-"))
    os.environ["EXPORTREF_USER_DIR"] = str(scratch / "user")
    os.environ["EXPORTREF_CACHE_DIR"] = str(scratch / "cache")
    os.environ["EXPORTREF_DATA_DIR"] = str(REPO / "tests" / "fixtures" / "minimal")

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QMimeData

    from catalogue.load import load_catalogue
    from gui.app import make_application
    from gui.main_window import MainWindow

    app = make_application([])
    window = MainWindow(load_catalogue())
    window.show()
    app.processEvents()
    entry = window.cat.all_ids()[0]

    results: dict[str, tuple[list[float], list[float], int]] = {}
    for rep in range(args.reps):
        for name, size in PASTES.items():
            window.open_id(entry)
            window.notes.editor.clear()
            app.processEvents()
            mime = QMimeData()
            mime.setText(("xyz"[rep % 3]) * size)
            wall, cpu = time.perf_counter(), time.process_time()
            window.notes.editor.insertFromMimeData(mime)
            app.processEvents()
            window.notes.save()
            walls, cpus, _ = results.setdefault(name, ([], [], 0))
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            results[name] = (walls, cpus, len(window.notes.editor.toPlainText()))
    window.close()

    print(f"notes_bench — Python {platform.python_version()}, PySide6 {pyside_version}, {os.cpu_count()} CPUs")
    print(f"load average {os.getloadavg()[0]:.1f}; {args.reps} runs each; budget {BUDGET_S} s")
    print(f"{'paste, then save':<22} {'kept':>9} {'wall median':>12} {'wall max':>9} {'CPU median':>11}  result")
    failed = False
    for name, (walls, cpus, kept) in results.items():
        over = statistics.median(walls) > BUDGET_S
        failed |= over
        print(
            f"{name:<22} {kept:>9,} {statistics.median(walls):>10.3f} s {max(walls):>7.3f} s "
            f"{statistics.median(cpus):>9.3f} s  {'OVER' if over else 'ok'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
