"""Guards against platform bugs measured in research/tech-spike.md §7."""

from __future__ import annotations

import subprocess
import sys

# PySide6 6.12.0 on Python < 3.12 decrements None's refcount on every void Qt call and the process
# aborts after a few thousand (exit 134), after the tests have reported passing. Run the calls in a
# child process so that an abort is seen as a failure of this test, not of the whole session.
_REPRO = """
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
before = sys.getrefcount(None)
for _ in range(20000):
    w.resize(10, 10)
    w.setWindowTitle("x")
print(sys.getrefcount(None) - before)
"""


def test_void_qt_calls_leave_none_refcount_unchanged() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _REPRO],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert run.returncode == 0, f"Qt child process died ({run.returncode}): {run.stderr[-500:]}"
    drift = int(run.stdout.strip().splitlines()[-1])
    # On Python >= 3.12 None is immortal and getrefcount is constant; on 3.11 a healthy build
    # drifts by a handful at most, the broken one by -40,000.
    assert abs(drift) < 100, f"None refcount drifted by {drift} over 40,000 void Qt calls"


def test_whoosh_is_the_maintained_fork() -> None:
    from importlib.metadata import distribution

    dist = distribution("whoosh-reloaded")
    assert dist.version >= "2.7.5"
