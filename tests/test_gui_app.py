"""Application start-up: the process opens the window, logs, survives unexpected exceptions, and
settings tolerate garbage."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from gui.app import STARTUP_PROBE_ENV, ErrorReporter, setup_logging
from gui.settings import Settings, settings_path

REPO = Path(__file__).resolve().parent.parent


# `python -m gui.cli` as a user starts it, except that a Qt warning is raised on purpose as soon as
# the QApplication exists, to see that Qt's messages reach our log.
START_WITH_A_QT_WARNING = """
import runpy
from PySide6.QtCore import qWarning
import gui.app

_make = gui.app.make_application


def make_and_warn(argv):
    app = _make(argv)
    qWarning("exportref-test: a Qt warning on purpose")
    return app


gui.app.make_application = make_and_warn
runpy.run_module("gui.cli", run_name="__main__")
"""


def test_the_app_starts_and_shows_its_window(tmp_path: Path) -> None:
    """The real entry point, in a fresh process: QApplication, data, window shown (then it quits)."""
    env = {**os.environ, STARTUP_PROBE_ENV: "1", "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", START_WITH_A_QT_WARNING], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("shown "), run.stdout + run.stderr
    user_dir = Path(os.environ["EXPORTREF_USER_DIR"])
    log = (user_dir / "exportref.log").read_text(encoding="utf-8")
    assert "ExportRef" in log and "starting" in log
    # Qt's own messages are forwarded into the log, at their level, under a "qt." logger.
    assert re.search(r" WARNING qt\.[\w.]+: exportref-test: a Qt warning on purpose$", log, re.M), log
    assert (user_dir / "crash.log").exists()


def test_logging_goes_to_a_rotating_file_in_the_user_folder(tmp_path: Path) -> None:
    # Qt's messages reaching this log is checked in the start-up test above, in its own process:
    # swapping Qt's message handler inside the test process would also swap pytest-qt's.
    path = setup_logging(tmp_path, crash_log=False)
    try:
        logging.getLogger("exportref.test").warning("a line for the log")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path == tmp_path / "exportref.log"
        assert "WARNING exportref.test: a line for the log" in path.read_text(encoding="utf-8")
        setup_logging(tmp_path, crash_log=False)  # a second call adds no second handler
        assert sum(getattr(h, "baseFilename", None) == str(path) for h in logging.getLogger().handlers) == 1
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                root.removeHandler(handler)
                handler.close()


def _boom() -> None:
    raise ValueError("the data said something unexpected")


def test_unexpected_exception_shows_copyable_details_and_the_app_goes_on(qtbot: QtBot, qapp: QApplication) -> None:
    reporter = ErrorReporter()
    try:
        _boom()
    except ValueError:
        kind, value, tb = sys.exc_info()
        assert kind is not None and value is not None
        reporter.excepthook(kind, value, tb)
    qtbot.waitUntil(lambda: len(reporter.shown) == 1)
    box = reporter.shown[0]
    assert isinstance(box, QMessageBox)
    assert "still running" in box.text()
    assert "ValueError: the data said something unexpected" in box.informativeText()
    assert "_boom" in box.detailedText()  # the traceback, selectable in the details pane
    box.close()
    qtbot.waitUntil(lambda: reporter.shown == [])


def test_exception_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    reporter = ErrorReporter()

    def worker() -> None:
        try:
            _boom()
        except ValueError:
            kind, value, tb = sys.exc_info()
            assert kind is not None and value is not None
            reporter.excepthook(kind, value, tb)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert reporter.shown == []  # nothing was built on the worker thread
    qtbot.waitUntil(lambda: len(reporter.shown) == 1)
    reporter.shown[0].close()


def test_settings_tolerate_garbage_and_old_values(qapp: QApplication) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue("window/geometry", "not bytes")
    raw.setValue("browse/group_by_topic", "perhaps")
    raw.setValue("browse/show_historical", 7)
    raw.setValue("browse/last_entry", ["a", "list"])
    raw.setValue("notices/first_run_version", "x")
    raw.sync()
    s = Settings()
    assert s.geometry is None
    assert s.group_by_topic is False and s.show_historical is False
    assert s.last_entry == ""
    assert s.first_run_notice_version == 0
    s.group_by_topic = True
    s.last_entry = "non-ferrous-metallurgy"
    s.geometry = QByteArray(b"\x01\x02")
    s.sync()
    again = Settings()
    assert again.group_by_topic is True and again.last_entry == "non-ferrous-metallurgy"
    assert again.geometry == QByteArray(b"\x01\x02")
    assert path.read_text(encoding="utf-8").count("[browse]") == 1


@pytest.mark.parametrize("value", ["true", "false"])
def test_ini_booleans_round_trip(qapp: QApplication, value: str) -> None:
    s = Settings()
    s.show_historical = value == "true"
    s.sync()
    assert Settings().show_historical is (value == "true")


PICKLE_WRITER = """
import os, sys
from PySide6.QtCore import QCoreApplication, QSettings

class Payload:
    def __reduce__(self):
        return (os.mkdir, (sys.argv[2],))

app = QCoreApplication([])
s = QSettings(sys.argv[1], QSettings.Format.IniFormat)
s.setValue("browse/last_entry", "non-ferrous-metallurgy")
s.setValue("browse/group_by_topic", Payload())  # PySide6 writes this as a pickled @Variant
s.sync()
"""


def test_stored_python_objects_are_removed_before_qt_reads_settings(qapp: QApplication, tmp_path: Path) -> None:
    # Written by another process: in the writing process PySide6 hands back the cached object instead
    # of unpickling, so only a fresh reader shows the danger.
    marker = tmp_path / "ran"
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", PICKLE_WRITER, str(path), str(marker)], check=True, timeout=60)
    assert "PyObjectWrapper" in path.read_text(encoding="latin-1")
    s = Settings()
    assert s.group_by_topic is False and s.last_entry == "non-ferrous-metallurgy"
    assert not marker.exists(), "reading the settings ran code stored in them"
    assert "@Variant(" not in path.read_text(encoding="latin-1")
