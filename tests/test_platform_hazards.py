"""Guards against platform bugs measured in the tech spike, §7 (docs/research-notes.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

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
    from importlib.metadata import version

    from packaging.version import Version

    # Compared as versions, not strings: as strings "2.7.10" < "2.7.5" and "10.0" < "2.7.5".
    assert Version("2.7.5") <= Version(version("whoosh-reloaded")) < Version("2.8")


def test_pyside6_612_is_kept_off_python_311_until_a_build_is_verified() -> None:
    """6.12.0 broke None's refcount on Python < 3.12 and nothing shows a later 6.12.x fixed it, so the
    pin leaves out every 6.12 there; lift it once the refcount test above passes on such a build."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pyside = [r for r in map(Requirement, project["dependencies"]) if r.name == "PySide6-Essentials"]

    def allowed(version: str, python: str) -> bool:
        env = {"python_version": python, "python_full_version": f"{python}.0"}
        return any(r.specifier.contains(version) for r in pyside if r.marker is None or r.marker.evaluate(env))

    assert not [v for v in ("6.12.0", "6.12.1", "6.12.5", "6.13.0") if allowed(v, "3.11")]
    assert allowed("6.8.0", "3.11") and allowed("6.11.3", "3.11")
    assert allowed("6.12.1", "3.12") and allowed("6.12.0", "3.13")
