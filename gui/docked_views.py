"""The Changes and Timeline views, docked below the page: made on first use, then shown again.

Both are about time (gui.changes_view, gui.timeline_view); choosing an entry in either opens its page.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from catalogue.model import Catalogue

VIEWS = ("changes", "timeline")


class DockedViews(QObject):
    """Opens the docked views of the window; `entry_selected` passes on the id chosen in one."""

    entry_selected = Signal(str)

    def __init__(self, window: QMainWindow, cat: Catalogue) -> None:
        super().__init__(window)
        self._window = window
        self._cat = cat
        self._docks: dict[str, QDockWidget] = {}

    def show_view(self, name: str) -> QDockWidget:
        """Open (creating on first use) the "changes" or "timeline" view and give it the focus."""
        window = self._window
        dock = self._docks.get(name)
        if dock is None:
            dock = self._make(name)
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            others = [d for d in self._docks.values() if d.isVisible()]
            if others:
                window.tabifyDockWidget(others[0], dock)
            self._docks[name] = dock
        dock.show()
        dock.raise_()
        # The page stays the main thing: the panel takes a third of the window's height
        # (on a 1366×768 laptop the page kept only 130–190 px when the panel took what it asked for).
        window.resizeDocks([dock], [max(200, int(window.height() * 0.33))], Qt.Orientation.Vertical)
        dock.widget().setFocus(Qt.FocusReason.ShortcutFocusReason)
        return dock

    def _make(self, name: str) -> QDockWidget:
        if name == "changes":
            from gui.changes_view import ChangesView

            widget: QWidget = ChangesView(self._cat)
            title = self.tr("Changes between dates")
        else:
            from gui.timeline_view import TimelineView

            widget = TimelineView(self._cat)
            title = self.tr("Timeline")
        widget.entry_selected.connect(self.entry_selected)  # type: ignore[attr-defined]
        dock = QDockWidget(title, self._window)
        dock.setObjectName(f"{name}_dock")
        dock.setWidget(widget)
        return dock
