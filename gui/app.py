"""Application start-up: everything that must happen once per process, in order.

1. Logging to a rotating file in the user's data folder, with Qt's own messages forwarded into it, and
   `faulthandler` writing native crashes (segfaults, aborts) to a crash log beside it.
2. An excepthook: an unexpected Python exception is logged and shown in a dialog with copyable
   details — on the GUI thread only (a worker's exception is posted there) — and the app keeps running.
3. QApplication, translators for the language chosen in View → Language or else the system's (Qt's
   and ours, gui.language), the bundled CJK font, the palette following the system's light or dark
   scheme.
4. The data is loaded (a problem makes the window say "data incomplete"; it never hides it), the
   window is shown with the tree populated, and only then does the search index open or build, in a
   background thread, with its progress in the status bar.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QThread,
    QTimer,
    QtMsgType,
    QTranslator,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from catalogue import __version__
from catalogue.load import load_cached
from catalogue.paths import APP_NAME, CACHE_FOLDER, user_data_dir

log = logging.getLogger("exportref")

# Set by bench/startup_bench.py: print a line when the window is first shown, then quit.
STARTUP_PROBE_ENV = "EXPORTREF_STARTUP_PROBE"

_crash_file: IO[str] | None = None


def setup_logging(folder: Path, *, crash_log: bool = True) -> Path:
    """Log to `folder/exportref.log` (rotated) and send native crash tracebacks to `crash.log`.

    `crash_log=False` leaves faulthandler alone, for callers (tests) that have their own."""
    global _crash_file
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "exportref.log"
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(log_path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    if crash_log and _crash_file is None:
        # Kept open for the life of the process: faulthandler writes to the descriptor when Python cannot.
        _crash_file = open(folder / "crash.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(_crash_file)
    return log_path


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    logging.getLogger(f"qt.{category}").log(_QT_LEVELS.get(kind, logging.WARNING), message)


class ErrorReporter(QObject):
    """Shows unexpected exceptions to the user without ending the app.

    `sys.excepthook` may run on any thread; widgets may only be touched on the GUI thread, so a report
    from elsewhere is sent through a queued signal.
    """

    report = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.shown: list[QMessageBox] = []
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        self.report.emit(f"{kind.__name__}: {value}", details)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        assert QThread.currentThread() is self.thread()
        # No parent: the window that failed may be the one in trouble, and a dialog parented to a
        # window (or to another error dialog) dies with it.
        box = QMessageBox()
        box.setObjectName("error_dialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("ExportRef — unexpected error"))
        # No promise about notes here: this dialog also reports failures of the very code that saves
        # them (a failed save has its own "Note not saved" message and keeps the text in the editor).
        box.setText(self.tr("Something went wrong. ExportRef is still running."))
        box.setInformativeText(summary)
        # The detailed text is selectable, so it can be copied into a report.
        box.setDetailedText(f"ExportRef {__version__}\n{details}")
        self.shown.append(box)
        box.finished.connect(lambda _r, b=box: self._forget(b))
        box.open()

    def _forget(self, box: QMessageBox) -> None:
        # The box has no parent, so Python owns it: dropping the last reference deletes it. Deleting it
        # from C++ as well (deleteLater, WA_DeleteOnClose) would free it twice.
        if box in self.shown:
            self.shown.remove(box)


def install_translators(app: QApplication) -> list[QTranslator]:
    """Qt's own strings and ours in the language the user chose (View → Language), else the system's;
    a missing translation simply leaves English. Pages and sheets follow the same language."""
    from gui.language import apply_language, chosen_language
    from gui.settings import Settings

    return apply_language(app, chosen_language(Settings()))


def load_fonts() -> None:
    """The bundled CJK font, so Chinese renders the same on every machine; system fonts otherwise."""
    try:
        from gui.fonts import FontError, load_bundled_fonts
    except ImportError:  # pragma: no cover - only in a broken installation
        log.warning("gui.fonts is missing; using the system fonts")
        return
    try:
        load_bundled_fonts()
    except FontError as exc:
        log.warning("bundled font not loaded (%s); using the system fonts", exc)


def make_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([CACHE_FOLDER, *argv])
    app.setApplicationName(APP_NAME)  # also the window class the desktop entry matches (StartupWMClass)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("exportref")
    return app


class _StartupProbe(QObject):
    """For the start-up benchmark: report the moment the window has been shown, then quit."""

    def __init__(self, window: QWidget, started: float) -> None:
        super().__init__(window)
        self._started = started
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Expose or event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            print(f"shown {time.perf_counter() - self._started:.4f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def run_app(argv: list[str]) -> int:
    started = time.perf_counter()
    folder = user_data_dir()
    try:
        log_path = setup_logging(folder)
        log.info("ExportRef %s starting; log at %s", __version__, log_path)
    except OSError as exc:  # a read-only home must not stop the reference from opening
        print(f"warning: cannot write logs in {folder}: {exc}", file=sys.stderr)
    qInstallMessageHandler(_qt_message)
    app = make_application(argv)
    reporter = ErrorReporter(app)
    reporter.install()
    install_translators(app)
    load_fonts()

    from gui.main_window import MainWindow  # after QApplication: the window module builds icons

    # A complete dataset is cached as a validated pickle: schema-checking every file costs about a second.
    result = load_cached()
    if not result.complete:
        log.warning("data incomplete: %d problem(s) in %s", len(result.problems), ", ".join(result.failed_files))
    # The first page is rendered just after the window appears: compiling the page templates is the
    # slowest single step of start-up, and the tree is already there to read.
    window = MainWindow(result, defer_first_page=True)
    if os.environ.get(STARTUP_PROBE_ENV):
        _StartupProbe(window, started)
        window.show()
        return app.exec()
    window.show()
    # After the first paint: the window is up with its tree before any index work starts.
    QTimer.singleShot(0, window.start_index_build)
    QTimer.singleShot(0, window.dialogs.maybe_show_first_run_notice)
    code = app.exec()
    reporter.uninstall()
    return code
