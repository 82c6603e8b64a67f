"""The search index, opened or built off the GUI thread, and its state in the status bar.

`IndexBuilder` starts one `IndexBuild` in Qt's thread pool, shows "Search index: opening… /
building n/N / ready / unavailable" with a progress bar, and hands the engine over with `ready`. Whoosh
is imported in the worker (through catalogue.search.engine), never on the start-up path.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from catalogue.model import Catalogue

log = logging.getLogger(__name__)


class _IndexSignals(QObject):
    progress = Signal(int, int)
    ready = Signal(object)
    failed = Signal(str)


class IndexBuild(QRunnable):
    """Opens or builds the search index in a pool thread; the engine is handed over when ready."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        super().__init__()
        self.signals = _IndexSignals()
        self._factory = factory

    def run(self) -> None:
        try:
            engine = self._factory()
            engine.ensure_index(progress=self._progress)
        except Exception as exc:  # reported in the status bar; searching then stays unavailable
            log.exception("search index build failed")
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.signals.ready.emit(engine)

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(int(done), int(total))


def default_engine_factory(cat: Catalogue) -> Callable[[], Any]:
    def make() -> Any:
        from catalogue.search.engine import SearchEngine  # Whoosh is imported in the worker, off the startup path

        return SearchEngine(cat)

    return make


class IndexBuilder(QObject):
    """Starts the build once and shows its progress (or why it failed) in the status bar; `ready`
    carries the engine."""

    ready = Signal(object)
    failed = Signal(str)

    def __init__(self, status_bar: QStatusBar, factory: Callable[[], Any]) -> None:
        super().__init__(status_bar)
        self._status_bar = status_bar
        self._factory = factory
        self._job: IndexBuild | None = None
        self.label = QLabel(self.tr("Search index: waiting"))
        self.label.setObjectName("index_label")
        self.label.setContentsMargins(8, 0, 8, 0)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.hide()
        status_bar.addPermanentWidget(self.label)
        status_bar.addPermanentWidget(self.progress)

    @property
    def started(self) -> bool:
        """Whether the build was started (it may have finished or failed since)."""
        return self._job is not None

    def start(self) -> None:
        """Start opening/building the search index in the background; the window stays usable."""
        if self._job is not None:
            return
        job = IndexBuild(self._factory)
        job.signals.progress.connect(self._on_progress)
        job.signals.ready.connect(self._on_ready)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self.label.setText(self.tr("Search index: opening…"))
        QThreadPool.globalInstance().start(job)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.show()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.label.setText(self.tr("Search index: building {done}/{total}").format(done=done, total=total))

    @Slot(object)
    def _on_ready(self, engine: Any) -> None:
        self.progress.hide()
        self.label.setText(self.tr("Search index: ready"))
        self.ready.emit(engine)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.progress.hide()
        self.label.setText(self.tr("Search index: unavailable"))
        self.label.setToolTip(message)
        self._status_bar.showMessage(self.tr("Search is unavailable: {msg}").format(msg=message), 15000)
        self.failed.emit(message)
