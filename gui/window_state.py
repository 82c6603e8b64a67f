"""Where the window was: its size and place, its toolbar and docks, and the split between the panes,
restored from the settings when it opens and saved when it closes.

A first start (no saved geometry) opens at 1320×820, or at 90% of the screen's free area where that is
smaller. Damaged or foreign values in the settings are ignored by gui.settings, never trusted here.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from gui.settings import Settings

FIRST_RUN_SIZE = QSize(1320, 820)


def first_run_size(window: QMainWindow) -> QSize:
    """1320×820, or 90% of the screen's free area where that is smaller (a 1366×768 laptop)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return FIRST_RUN_SIZE
    free = screen.availableGeometry().size()
    return FIRST_RUN_SIZE.boundedTo(QSize(int(free.width() * 0.9), int(free.height() * 0.9)))


def restore_layout(window: QMainWindow, splitter: QSplitter, settings: Settings) -> None:
    if settings.geometry is not None:
        window.restoreGeometry(settings.geometry)
    else:
        window.resize(first_run_size(window))
    if settings.window_state is not None:
        window.restoreState(settings.window_state)
    if settings.splitter is not None:
        splitter.restoreState(settings.splitter)


def save_layout(window: QMainWindow, splitter: QSplitter, settings: Settings) -> None:
    settings.geometry = window.saveGeometry()
    settings.window_state = window.saveState()
    settings.splitter = splitter.saveState()
