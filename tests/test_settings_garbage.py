"""Settings from a newer or older version, damaged or unusable settings files: the app still starts.

Each case writes the settings file(s) as a user's machine might hold them and starts the real app in
a fresh process (`python -m gui.cli`, quitting once the window is shown), because what must not break
is start-up itself: a value that only fails when the window restores its geometry or its dock layout
never reaches a unit test of the getters. A second script opens, uses and closes the window so that
the settings are written back, and checks what is left on disk.

The app keeps its settings in `settings.ini` (gui/settings.py: window, browsing, notices, print
options). Earlier builds kept print options in `ExportRef.conf` beside it (QSettings' native file); a
user upgrading still has one, so it is damaged here too.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


def config_folder() -> Path:
    # conftest points XDG_CONFIG_HOME at a temporary folder; both files live in ExportRef/ under it.
    return Path(os.environ["XDG_CONFIG_HOME"]) / "ExportRef"


def child_env(**extra: str) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONPATH=str(REPO),
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
        EXPORTREF_DATA_DIR=str(MINIMAL),
        **extra,
    )


def start_app(cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real entry point; EXPORTREF_STARTUP_PROBE makes it quit once the window has been shown."""
    return subprocess.run(
        [sys.executable, "-m", "gui.cli"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=child_env(EXPORTREF_STARTUP_PROBE="1"),
        timeout=120,
    )


USE_AND_CLOSE = """
from catalogue.load import load_catalogue
from gui.app import make_application
from gui.main_window import MainWindow
from gui.printing import load_print_options

app = make_application([])
window = MainWindow(load_catalogue())
window.show()
app.processEvents()
screen = window.screen().availableGeometry()
frame = window.frameGeometry()
print("on screen", screen.intersects(frame))
inner = window.geometry()  # the offscreen platform draws a 1-pixel frame around it
print("fits", inner.width() <= screen.width() and inner.height() <= screen.height(), inner.getRect(), screen.getRect())
print("print options", load_print_options().page_size)
window.open_id("083201X")
window.close()  # writes the settings back
print("closed", window.settings.last_entry)
"""


def use_and_close(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", USE_AND_CLOSE], capture_output=True, text=True, cwd=cwd, env=child_env(), timeout=120
    )


def write(name: str, content: str | bytes) -> None:
    path = config_folder() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def binary_garbage() -> None:
    noise = bytes(range(256)) * 8 + b"\x00\xff\xfe[window]\ngeometry=@ByteArray(\x00\x01"
    write("settings.ini", noise)
    write("ExportRef.conf", noise[::-1])


def not_ini_at_all() -> None:
    write("settings.ini", '{"window": {"geometry": [1, 2, 3]}, "browse": null}\n')
    write("ExportRef.conf", "- printing\n- page_size: A3\n")


def newer_version() -> None:
    # Keys, groups and values this version does not know, as a later release might leave them.
    write(
        "settings.ini",
        "[general]\nsettings_version=99\n"
        '[window]\ngeometry=@Rect(0 0 100 100)\nlayout="three-pane"\n'
        "[browse]\nlast_entry=cn-mofcom-2031-1\ngroup_by=topic,sector\nshow_historical=sometimes\n"
        "[notices]\nfirst_run_version=999999999999\n"
        "[search]\nhistory=@Invalid()\n",
    )
    write(
        "ExportRef.conf", "[printing]\npage_size=A3\ninclude_notes=maybe\nmatter_reference=@Variant(\\0\\0\\0\\x7f)\n"
    )


def older_version() -> None:
    # An imagined 0.0.x layout: camelCase keys in [General], values of other types.
    write(
        "settings.ini",
        "[General]\ngeometry=1320x820+10+10\nlastEntry=083201X\ngroupByTopic=1\n"
        "[browse]\nlast_entry=@StringList(a, b)\ngroup_by_topic=2\n",
    )
    write("ExportRef.conf", "[General]\npageSize=Letter\n")


def wrong_types_and_damaged_blobs() -> None:
    write(
        "settings.ini",
        "[window]\n"
        "geometry=@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x3\\0\\0\\xff\\xff\\xff\\xff)\n"
        "state=@ByteArray(\\0\\0\\0\\xff\\0\\0\\0\\0\\xfd\\0\\0\\0\\x1\\0\\0\\0\\0\\xff\\xff)\n"
        "splitter=@ByteArray(\\0\\0\\0\\xff\\0\\0\\0\\x1\\0\\0\\0\\x2\\xff\\xff\\xff\\xff\\x80\\0\\0\\0)\n"
        "[browse]\nlast_entry=@Variant(\\0\\0\\0\\n\\0\\0\\0\\0\\x6\\0x)\ngroup_by_topic=@Invalid()\n"
        "show_historical=@ByteArray(true)\n"
        "[notices]\nfirst_run_version=-5\n",
    )


def huge_values() -> None:
    write(
        "settings.ini",
        "[browse]\nlast_entry=" + "x" * 1_000_000 + "\n[window]\ngeometry=@ByteArray(" + "\\xff" * 200_000 + ")\n",
    )


def hostile_last_entry() -> None:
    write("settings.ini", '[browse]\nlast_entry="javascript:alert(1)<img src=file:///etc/passwd>"\n')


def settings_file_is_a_folder() -> None:
    (config_folder() / "settings.ini").mkdir(parents=True)
    (config_folder() / "ExportRef.conf").mkdir(parents=True)


def settings_file_cannot_be_written() -> None:
    # Root ignores file modes, so make the files point into /proc, which nobody may write.
    config_folder().mkdir(parents=True)
    (config_folder() / "settings.ini").symlink_to("/proc/version")
    (config_folder() / "ExportRef.conf").symlink_to("/proc/self/status")


def off_screen_window() -> None:
    """A geometry saved on a bigger desk (a second monitor to the right, since unplugged)."""
    code = (
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication([])\nw = QMainWindow()\nw.setGeometry(5000, 3000, 3000, 2000)\n"
        "print(bytes(w.saveGeometry().toHex()).decode())\n"
    )
    hexed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), check=True
    ).stdout.strip()
    blob = "".join(f"\\x{hexed[i : i + 2]}" for i in range(0, len(hexed), 2))
    write("settings.ini", f"[window]\ngeometry=@ByteArray({blob})\n")


CASES: dict[str, Callable[[], None]] = {
    "binary garbage": binary_garbage,
    "not ini at all": not_ini_at_all,
    "newer version": newer_version,
    "older version": older_version,
    "wrong types and damaged blobs": wrong_types_and_damaged_blobs,
    "huge values": huge_values,
    "hostile last entry": hostile_last_entry,
    "settings file is a folder": settings_file_is_a_folder,
    "settings file cannot be written": settings_file_cannot_be_written,
    "off-screen window": off_screen_window,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_app_starts_despite_settings(case: str, tmp_path: Path) -> None:
    CASES[case]()
    run = start_app(tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.search(r"^shown \d+\.\d+$", run.stdout, re.M), run.stdout + run.stderr[-2000:]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_window_is_usable_and_closes_cleanly(case: str, tmp_path: Path) -> None:
    CASES[case]()
    run = use_and_close(tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    # The window is where the user can see it, whatever geometry was stored.
    assert "on screen True" in run.stdout, run.stdout
    if case == "off-screen window":
        # Restored from a 3000x2000 window on a screen that is gone: shrunk onto this one.
        assert "fits True" in run.stdout, run.stdout
    assert re.search(r"^print options (A4|Letter)$", run.stdout, re.M), run.stdout
    assert "closed non-ferrous-metallurgy" in run.stdout


@pytest.mark.parametrize("case", ["binary garbage", "newer version", "wrong types and damaged blobs"])
def test_settings_are_usable_again_after_a_session(case: str, tmp_path: Path) -> None:
    """Once the app has run and closed, the settings file holds its own values again."""
    CASES[case]()
    assert use_and_close(tmp_path).returncode == 0
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "from gui.settings import Settings\ns = Settings()\n"
            "print(s.last_entry, s.geometry is not None, s.splitter is not None)",
        ],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
    )
    assert check.stdout.split() == ["non-ferrous-metallurgy", "True", "True"], check.stdout + check.stderr


# -- a settings value that is a pickled Python object --------------------------------------------------
# PySide6 stores a Python object given to QSettings.setValue as `@Variant(…PySide::PyObjectWrapper…)`,
# a pickle, and unpickles it again in QSettings.value(): a settings file can therefore run code when
# the app merely reads a key. The settings folder is the user's own, so whoever can write there can
# usually do worse, but a reference tool on a locked-down workstation should not execute its config.

PICKLE_WRITER = """
import os, sys
from PySide6.QtCore import QCoreApplication, QSettings

class Payload:
    def __reduce__(self):
        return (os.system, ("touch " + sys.argv[2],))

app = QCoreApplication([])
s = QSettings(sys.argv[1], QSettings.Format.IniFormat)
for key in ("window/geometry", "window/state", "window/splitter", "browse/last_entry", "browse/group_by_topic",
            "browse/show_historical", "notices/first_run_version", "printing/page_size",
            "printing/matter_reference", "printing/include_notes"):
    s.setValue(key, Payload())
s.sync()
"""


def test_pickled_object_in_settings_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    folder = config_folder()
    folder.mkdir(parents=True)
    for name in ("settings.ini", "ExportRef.conf"):
        subprocess.run(
            [sys.executable, "-c", PICKLE_WRITER, str(folder / name), str(marker)],
            check=True,
            env=child_env(),
            capture_output=True,
        )
    assert "PyObjectWrapper" in (folder / "settings.ini").read_text(encoding="latin-1")
    assert not marker.exists()  # writing the file ran nothing
    run = use_and_close(tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    assert not marker.exists(), "reading the settings ran code from the settings file"
