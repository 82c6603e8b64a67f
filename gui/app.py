"""Application start-up: everything that must happen once per process, in order.

1. Logging to a rotating file in the user's data folder, with Qt's own messages forwarded into it, and
   `faulthandler` writing native crashes (segfaults, aborts) to a crash log beside it.
2. An excepthook: an unexpected Python exception is logged and shown in a dialog with copyable
   details — on the GUI thread only (a worker's exception is posted there) — and the app keeps running.
3. QApplication, translators for the language chosen in View → Language or else the system's (Qt's
   and ours, gui.language), the bundled CJK font, the palette following the system's light or dark
   scheme.
4. The window is drawn first, from the last run's picture of it (gui.skeleton: its menus, its tree,
   "Loading…" in the status bar), before anything else of ours is imported. Then the data is loaded
   (a problem makes the window say "data incomplete"; it never hides it) and the window's parts and
   its first page take the picture's place. Only once that page has been drawn does the search index
   open or build, in a background thread, with its progress in the status bar.
"""

from __future__ import annotations

import faulthandler
import logging
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
    QThread,
    QTimer,
    QtMsgType,
    QTranslator,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from catalogue import __version__
from catalogue.paths import APP_NAME, CACHE_FOLDER, user_data_dir

log = logging.getLogger("exportref")

# Set by bench/startup_bench.py (and tests): print a line when the window is first drawn and one when
# its first page is, then quit.
STARTUP_PROBE_ENV = "EXPORTREF_STARTUP_PROBE"

_crash_file: IO[str] | None = None


def setup_logging(folder: Path, *, crash_log: bool = True) -> Path:
    """Log to `folder/exportref.log` (rotated) and send native crash tracebacks to `crash.log`. What
    was logged before (`hold_early_records`) is written there first.

    `crash_log=False` leaves faulthandler alone, for callers (tests) that have their own."""
    import logging.handlers  # ~8 ms (it imports socket and pickle): after the first paint at start-up

    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / "exportref.log"
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(log_path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        for early in [h for h in root.handlers if isinstance(h, _EarlyRecords)]:
            root.removeHandler(early)
            for record in early.records:
                handler.handle(record)
    root.setLevel(logging.INFO)
    if crash_log:
        enable_crash_log(folder)
    return log_path


def enable_crash_log(folder: Path) -> None:
    """Native crash tracebacks (segfaults, aborts) to `folder/crash.log`, from now on."""
    global _crash_file
    if _crash_file is None:
        folder.mkdir(parents=True, exist_ok=True)
        # Kept open for the life of the process: faulthandler writes to the descriptor when Python cannot.
        _crash_file = open(folder / "crash.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(_crash_file)


class _EarlyRecords(logging.Handler):
    """Holds what is logged before the log file is opened, for setup_logging to write it there: at
    start-up the file is opened after the window is first drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold_early_records() -> None:
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(_EarlyRecords())
        root.setLevel(logging.INFO)


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
        from PySide6.QtCore import Qt  # its enums cost ~13 ms at first use: not before the first paint

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
    # Fractional scale factors (150%) are used as they are, not rounded: Qt 6's default rounding
    # policy (PassThrough), so it is not set here; setting it would cost the first use of Qt's
    # enums before the first paint.
    app = QApplication([CACHE_FOLDER, *argv])
    app.setApplicationName(APP_NAME)  # also the window class the desktop entry matches (StartupWMClass)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("exportref")
    return app


class _StartupProbe(QObject):
    """For the start-up benchmark and the tests that start the app: print "shown" when the window has
    first been drawn and "page" when its first page has (each with the process's CPU seconds so far),
    then quit."""

    def __init__(self, window: Any) -> None:
        from gui.skeleton import after_first_paint

        super().__init__(window)
        after_first_paint(window, self._shown)

    def _shown(self) -> None:
        print(f"shown {time.process_time():.4f}", flush=True)

    def page_drawn(self) -> None:
        print(f"page {time.process_time():.4f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)


def run_app(argv: list[str]) -> int:
    # Before the first paint only what drawing the window needs: the rest costs several times what
    # Qt does to draw it (docs/performance.md, Startup). Logged records wait for the log file.
    hold_early_records()
    folder = user_data_dir()
    try:
        enable_crash_log(folder)
    except OSError as exc:  # a read-only home must not stop the reference from opening
        print(f"warning: cannot write logs in {folder}: {exc}", file=sys.stderr)
    log.info("ExportRef %s starting", __version__)
    qInstallMessageHandler(_qt_message)
    app = make_application(argv)

    # The window as the last run left it (gui.skeleton), drawn before the data and its parts load.
    import datetime as dt

    from gui.main_window import MainWindow
    from gui.skeleton import after_first_paint, read_start_picture, settings_file

    picture = read_start_picture(settings_file(), dt.date.today())
    start = _Start(app, folder)
    if picture is None:
        start.translate()  # the picture's words come translated; without one, "Loading…" is ours to say
    window = MainWindow(None, picture=picture)
    after_first_paint(window, lambda: start.finish(window))
    if os.environ.get(STARTUP_PROBE_ENV):
        # Made after: the event filter installed last sees the first paint first, so the probe
        # reports it before the rest of the start begins.
        start.probe = _StartupProbe(window)
    window.show()
    code = app.exec()
    if start.reporter is not None:
        start.reporter.uninstall()
    return code


class _Start:
    """The rest of the start, once the first picture is on the screen: the log file, the error dialog,
    translations, the data, the window's parts and the first page; then, once that page is drawn,
    what the user does not wait for (MainWindow.after_first_page)."""

    def __init__(self, app: QApplication, folder: Path) -> None:
        self.app = app
        self.folder = folder
        self.reporter: ErrorReporter | None = None
        self.probe: _StartupProbe | None = None
        self._translated = False

    def translate(self) -> None:
        if not self._translated:
            install_translators(self.app)
            self._translated = True

    def finish(self, window: Any) -> None:
        from catalogue.load import load_cached
        from gui.skeleton import after_first_paint

        try:
            log_path = setup_logging(self.folder)
            log.info("log at %s", log_path)
        except OSError as exc:
            print(f"warning: cannot write logs in {self.folder}: {exc}", file=sys.stderr)
        self.reporter = ErrorReporter(self.app)
        self.reporter.install()
        self.translate()
        load_fonts()  # the page's font: Chinese on the page and on paper is drawn with it
        # A complete dataset is cached (signed JSON): schema-checking every file costs about a second.
        result = load_cached()
        if not result.complete:
            log.warning("data incomplete: %d problem(s) in %s", len(result.problems), ", ".join(result.failed_files))
        window.assemble(result)
        page = window.detail.viewport()
        after_first_paint(page, lambda: _after_first_page(window, self.probe))
        page.update()  # a paint to wait for, even where the platform painted the page while assembling


def _after_first_page(window: Any, probe: _StartupProbe | None) -> None:
    if probe is not None:
        probe.page_drawn()  # it quits: no index to open, no notice to answer
        window.after_first_page(open_index=False)
        return
    window.after_first_page()
    window.dialogs.maybe_show_first_run_notice()
