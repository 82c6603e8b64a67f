"""Time to first paint: ExportRef against a bare PySide6 window, side by side in one run, on a real X server.

    python bench/startup_bench.py [--runs 20] [--source] [--imports] [--platform xcb|offscreen]

What the user waits for is the window drawn, not the window shown: under X the Show event comes
before the server has mapped the window, and anything the program does in between (a page rendered
"just after" the show) still delays the first picture. So each process reports, on stdout, when its
window has been painted: the first Paint event of the window, then a zero-time timer, which fires
once that paint pass (every child widget, and the flush to the screen) is done. ExportRef then
reports when its first page has been drawn the same way (the page set, and its view painted), and
quits. The bare window is a QMainWindow with a tree and a text browser, the same size.

Each sample is a fresh process; the clock runs from spawning it to reading its line, so interpreter
start-up, imports and QApplication are in both. The two alternate (the order swapping every round)
so that a busy machine slows both alike; the CPU time each process reports (all its threads, since
it started) is printed beside the wall clock, and is the steadier of the two on a shared machine.

Python's bytecode is compiled, as an installed wheel's is: these machines set
PYTHONDONTWRITEBYTECODE=1, so every start would recompile our modules. The bench unsets it and
points PYTHONPYCACHEPREFIX at a scratch folder, which untimed warm-up runs fill (`--source` also
measures with nothing compiled). ExportRef starts as users start it (`python -m gui.cli`), on the
shipped data, with its caches warm (the cold first start is measured once, separately). When the
platform is xcb and DISPLAY is unset, the bench starts its own Xvfb.

Target: first paint within 1.4× the bare window (median).
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
TARGET = 1.4

BARE = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextBrowser, QTreeView

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.painted)
        return False

    def painted(self):
        print(f"shown {time.process_time():.4f}", flush=True)
        QApplication.quit()

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


class Sample:
    """One process: seconds to each line it printed ("shown", "page"), and its CPU seconds then."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}


def sample(cmd: list[str], env: dict[str, str], wanted: tuple[str, ...]) -> Sample:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    got = Sample()
    for line in proc.stdout:
        word, _, cpu = line.strip().partition(" ")
        if word in wanted:
            got.wall[word] = time.perf_counter() - started
            got.cpu[word] = float(cpu)
            if len(got.wall) == len(wanted):
                break
    else:
        _out, err = proc.communicate()
        raise RuntimeError(f"{cmd} did not report {wanted} (got {list(got.wall)}):\n{err}")
    proc.wait(timeout=60)
    return got


# What the process imports, each timed alone in a fresh interpreter (the cost of a module includes
# whatever it imports that was not loaded yet).
IMPORTS = (
    "PySide6.QtWidgets",
    "gui.app",
    "gui.main_window",
    "gui.cli",
    "catalogue.load",
    "catalogue.search.engine",
    "catalogue.present.html",
    "gui.printing",
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


def summary(name: str, values: list[float], cpu: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p90 = ms[max(0, round(0.9 * len(ms)) - 1)]
    return (
        f"{name:<34} median {statistics.median(ms):7.1f} ms   min {ms[0]:7.1f}   p90 {p90:7.1f}   "
        f"CPU median {statistics.median(cpu) * 1000:7.1f} ms   (n={len(ms)})"
    )


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """An Xvfb of our own on the first free display number from :140."""
    for number in range(140, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            server = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(100):
                if Path(f"/tmp/.X11-unix/X{number}").exists():
                    return server, f":{number}"
                time.sleep(0.05)
            server.kill()
    raise RuntimeError("no free X display for Xvfb")


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), load average {os.getloadavg()[0]:.1f}"


def run_pair(runs: int, env: dict[str, str]) -> dict[str, list[Sample]]:
    app_cmd = [sys.executable, "-m", "gui.cli"]
    bare_cmd = [sys.executable, "-c", BARE]
    for _ in range(2):  # warm-up: caches filled, bytecode compiled, Qt's libraries in the page cache
        sample(bare_cmd, env, ("shown",))
        sample(app_cmd, env, ("shown", "page"))
    out: dict[str, list[Sample]] = {"bare": [], "app": []}
    for i in range(runs):
        pair = [("bare", bare_cmd, ("shown",)), ("app", app_cmd, ("shown", "page"))]
        for name, cmd, wanted in pair if i % 2 == 0 else pair[::-1]:
            out[name].append(sample(cmd, env, wanted))
    return out


def report(title: str, got: dict[str, list[Sample]]) -> float:
    bare, app = got["bare"], got["app"]
    print(f"\n{title}")

    def col(samples: list[Sample], key: str, cpu: bool = False) -> list[float]:
        return [(s.cpu if cpu else s.wall)[key] for s in samples]

    print(summary("bare PySide6 window: first paint", col(bare, "shown"), col(bare, "shown", True)))
    print(summary("ExportRef: first paint", col(app, "shown"), col(app, "shown", True)))
    print(summary("ExportRef: first page drawn", col(app, "page"), col(app, "page", True)))
    bare_wall, bare_cpu = statistics.median(col(bare, "shown")), statistics.median(col(bare, "shown", True))
    ratio = statistics.median(col(app, "shown")) / bare_wall
    cpu_ratio = statistics.median(col(app, "shown", True)) / bare_cpu
    page = statistics.median(col(app, "page")) / bare_wall
    page_cpu = statistics.median(col(app, "page", True)) / bare_cpu
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"first paint: {ratio:.2f}× the bare window (CPU {cpu_ratio:.2f}×) — {verdict} the {TARGET}× target")
    print(f"first page drawn: {page:.2f}× the bare window's first paint (CPU {page_cpu:.2f}×)")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="samples of each (default 20)")
    parser.add_argument("--platform", default="xcb", help="Qt platform (default xcb, on DISPLAY or an own Xvfb)")
    parser.add_argument("--source", action="store_true", help="also measure with no bytecode compiled")
    parser.add_argument("--imports", action="store_true", help="also time the main imports one by one")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="exportref-startup-"))
    server = None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        QT_QPA_PLATFORM=args.platform,
        EXPORTREF_STARTUP_PROBE="1",
        EXPORTREF_CACHE_DIR=str(scratch / "cache"),
        EXPORTREF_USER_DIR=str(scratch / "user"),
        XDG_CONFIG_HOME=str(scratch / "config"),
        PYTHONPATH=str(REPO),
        PYTHONPYCACHEPREFIX=str(scratch / "pycache"),
    )
    try:
        if args.platform == "xcb" and not env.get("DISPLAY"):
            server, env["DISPLAY"] = start_xvfb()
        print(f"platform {args.platform} (DISPLAY {env.get('DISPLAY', '-')}); Python {sys.version.split()[0]}")
        print(f"machine: {machine()}")
        cold = sample([sys.executable, "-m", "gui.cli"], env, ("shown", "page"))  # fills the data cache
        print(
            f"ExportRef, cold first start (data parsed from YAML, nothing compiled): first paint "
            f"{cold.wall['shown'] * 1000:.0f} ms, first page {cold.wall['page'] * 1000:.0f} ms"
        )
        ratio = report("bytecode compiled (as installed):", run_pair(args.runs, env))
        if args.source:
            source_env = {k: v for k, v in env.items() if k != "PYTHONPYCACHEPREFIX"}
            source_env["PYTHONDONTWRITEBYTECODE"] = "1"
            title = "nothing compiled (PYTHONDONTWRITEBYTECODE=1, as on these machines):"
            report(title, run_pair(args.runs, source_env))
        if args.imports:
            print()
            for modules in IMPORTS:
                print(f"  import {modules:<28} {import_ms(modules, env):7.1f} ms (median of 5, fresh process)")
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
