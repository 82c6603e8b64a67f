"""Help → ExportRef Help (F1): the help page in a window of its own, beside the page being read.

The page is HTML from catalogue.present.help (the status words, search filters, topics and coverage
from where the app keeps them); the keyboard shortcuts are read here from the window's actions, so
a new command with keys is listed without anyone writing it down. The window has its own find bar:
Ctrl+F there finds in the help, as there is no search field to go to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from catalogue.model import Catalogue
from gui.find_bar import FindBar, bar_keys


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(What it does, its keys) for every action that has keys, then the find bar's own keys."""
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            separator = QCoreApplication.translate("HelpWindow", " or ")
            rows.append((action.text().replace("&", "").rstrip("…"), separator.join(keys)))
    return rows + bar_keys()


class HelpWindow(QDialog):
    """The help page, with a find bar; not modal, so the lawyer can read it beside the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_window")
        self.setWindowTitle(self.tr("ExportRef Help"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("help_text")
        self.text.setOpenLinks(False)  # only the page's own #anchors are followed (below)
        self.text.anchorClicked.connect(self._on_anchor)
        self.find_bar = FindBar(self.text)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.find_bar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for key, slot in (
            (QKeySequence.StandardKey.Find, self.find_bar.open),
            (QKeySequence.StandardKey.FindNext, self.find_bar.find_next),
            (QKeySequence.StandardKey.FindPrevious, self.find_bar.find_previous),
        ):
            for sequence in QKeySequence.keyBindings(key):
                QShortcut(sequence, self).activated.connect(slot)
        self.resize(860, 680)

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.hasFragment() and not url.path() and not url.scheme():
            self.text.scrollToAnchor(url.fragment())


class HelpViewer(QObject):
    """Opens the help window (one, reused) when `action` is triggered, drawn afresh each time for the
    window's as-of date (`as_of` tells it)."""

    def __init__(self, window: QMainWindow, cat: Catalogue, action: QAction, as_of: Callable[[], dt.date]) -> None:
        super().__init__(window)
        self._window = window
        self._cat = cat
        self.help_window: HelpWindow | None = None
        action.triggered.connect(lambda: self.show_help(as_of()))

    def show_help(self, as_of: dt.date) -> HelpWindow:
        from catalogue.present.help import render_help  # Jinja2 and the search vocabulary on first use
        from gui.reading_pane import dark_palette

        if self.help_window is None:
            self.help_window = HelpWindow(self._window)
        # The window's actions when asked: every command with keys, whichever part added it.
        html = render_help(self._cat, shortcut_rows(self._window.actions()), as_of=as_of, dark=dark_palette())
        position = self.help_window.text.verticalScrollBar().value()
        self.help_window.text.setHtml(html)
        self.help_window.text.verticalScrollBar().setValue(position)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()
        return self.help_window
