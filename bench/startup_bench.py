"""Launch-to-window-shown: ExportRef against a bare PySide6 window, measured side by side in one run.

Each sample is a fresh process. The clock starts just before the process is spawned and stops when
the process reports that its main window received its first Show/Expose event (ExportRef does this
when EXPORTREF_STARTUP_PROBE is set; the bare window does the same with the same event filter), so
both include interpreter start-up, imports and QApplication. Runs alternate between the two so that
machine noise hits both alike. The target is ExportRef within 1.5× the bare window.

    python bench/startup_bench.py [--runs 15] [--platform offscreen|xcb]

ExportRef loads the shipped data (warm: the parsed-catalogue cache is filled by one untimed run
first; a cold first start is measured separately) and shows the window with the tree populated. The
search index opens only after the window is shown, so it is not part of this measurement.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextBrowser, QTreeView

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() in (QEvent.Type.Show, QEvent.Type.Expose):
            watched.removeEventFilter(self)
            print("shown", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(["bare"])
window = QMainWindow()
splitter = QSplitter()
splitter.addWidget(QTreeView())
splitter.addWidget(QTextBrowser())
window.setCentralWidget(splitter)
window.resize(1320, 820)
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def sample(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning `cmd` to its "shown" line."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - started
            break
    else:
        _out, err = proc.communicate()
        raise RuntimeError(f"{cmd} never showed its window:\n{err}")
    proc.wait(timeout=60)
    return elapsed


# What the process imports before the window can appear, each timed alone in a fresh interpreter
# (the cost of a module includes whatever it imports that was not loaded yet).
IMPORTS = (
    "PySide6.QtWidgets",
    "gui.app",
    "gui.app, gui.main_window",
    "gui.cli",
    "catalogue.load.validation",
    "catalogue.search.engine",
    "gui.printing",
    "catalogue.present.html",
)


def import_ms(modules: str, env: dict[str, str], runs: int = 5) -> float:
    code = f"import time; t = time.perf_counter()\nimport {modules}\nprint((time.perf_counter() - t) * 1000)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def summary(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p90 = ms[max(0, round(0.9 * len(ms)) - 1)]
    return f"{name:<22} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   p90 {p90:7.1f}   (n={len(ms)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="samples of each (default 15)")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM") or "offscreen")
    parser.add_argument("--imports", action="store_true", help="also time the main imports one by one")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="exportref-startup-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": args.platform,
        "EXPORTREF_STARTUP_PROBE": "1",
        "EXPORTREF_CACHE_DIR": str(scratch / "cache"),
        "EXPORTREF_USER_DIR": str(scratch / "user"),
        "XDG_CONFIG_HOME": str(scratch / "config"),
        "PYTHONPATH": str(REPO),
    }
    app_cmd = [sys.executable, "-m", "gui.cli"]
    # The same window without the command line in front: `gui.cli` imports every subcommand's module
    # (search, printing, time) before it sees that no subcommand was given.
    direct_cmd = [sys.executable, "-c", "import sys; from gui.app import run_app; sys.exit(run_app([]))"]
    bare_cmd = [sys.executable, "-c", BARE]
    try:
        cold = sample(app_cmd, env)  # fills the parsed-catalogue cache
        sample(bare_cmd, env)  # warms the OS file cache for Qt's libraries
        bare: list[float] = []
        app: list[float] = []
        direct: list[float] = []
        for _ in range(args.runs):
            bare.append(sample(bare_cmd, env))
            app.append(sample(app_cmd, env))
            direct.append(sample(direct_cmd, env))
        imports = {m: import_ms(m, env) for m in IMPORTS} if args.imports else {}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    ratio = statistics.median(app) / statistics.median(bare)
    print(f"platform: {args.platform}; Python {sys.version.split()[0]}")
    print(summary("bare PySide6 window", bare))
    print(summary("ExportRef (warm)", app))
    print(summary("  same, via gui.app", direct))
    print(f"{'ExportRef (cold cache)':<22} {cold * 1000:7.1f} ms   (first start: catalogue parsed from YAML)")
    for modules, ms in imports.items():
        print(f"  import {modules:<40} {ms:7.1f} ms (median of 5, fresh process)")
    verdict = "within" if ratio <= 1.5 else "OVER"
    print(f"ratio (median): {ratio:.2f}× the bare window — {verdict} the 1.5× target")
    print(f"ratio without the command-line parser: {statistics.median(direct) / statistics.median(bare):.2f}×")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
