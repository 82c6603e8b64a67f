"""Navigation history: back and forward through the pages read, by stable id, as in a web browser.

`NavigationHistory` is plain Python: the pages visited and where the user is among them, by id (never
a QModelIndex), so it survives every model swap. `BackForward` puts it on the window: the Back and
Forward actions, and the mouse's side buttons anywhere in the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget


class NavigationHistory:
    """The ids of the pages visited and where the user is among them."""

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._pos = -1

    @property
    def current(self) -> str | None:
        return self._ids[self._pos] if self._pos >= 0 else None

    @property
    def can_go_back(self) -> bool:
        return self._pos > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._pos < len(self._ids) - 1

    def visit(self, ident: str) -> None:
        """Record a page the user went to. The pages ahead of the current one are dropped (a new
        branch of browsing); the page already current is not recorded twice."""
        if self.current == ident:
            return
        del self._ids[self._pos + 1 :]
        self._ids.append(ident)
        self._pos = len(self._ids) - 1

    def back(self) -> str | None:
        """Step back: the id to show, or None at the first page."""
        if not self.can_go_back:
            return None
        self._pos -= 1
        return self._ids[self._pos]

    def forward(self) -> str | None:
        """Step forward: the id to show, or None at the last page."""
        if not self.can_go_forward:
            return None
        self._pos += 1
        return self._ids[self._pos]

    def __len__(self) -> int:
        return len(self._ids)


class BackForward(QObject):
    """Back and Forward for one window; `go_to` asks the window to show a page without recording it."""

    go_to = Signal(str)

    def __init__(self, window: QWidget, back: QAction, forward: QAction, *, watch: bool = True) -> None:
        """`watch`: watch the mouse's side buttons at once (else from `watch_side_buttons`)."""
        super().__init__(window)
        self._window = window
        self._back = back
        self._forward = forward
        self.history = NavigationHistory()
        back.triggered.connect(self.back)
        forward.triggered.connect(self.forward)
        self._update_actions()
        self._watching = False
        if watch:
            self.watch_side_buttons()

    def watch_side_buttons(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._watching:
            app.installEventFilter(self)  # the side buttons work over every widget of the window
            self._watching = True

    def visited(self, ident: str, *, record: bool = True) -> None:
        """A page was shown; `record` is False when it was shown by going back or forward."""
        if record:
            self.history.visit(ident)
        self._update_actions()

    @Slot()
    def back(self) -> None:
        ident = self.history.back()
        if ident is not None:
            self.go_to.emit(ident)

    @Slot()
    def forward(self) -> None:
        ident = self.history.forward()
        if ident is not None:
            self.go_to.emit(ident)

    def stop(self) -> None:
        """The window closed: stop watching the mouse."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def _update_actions(self) -> None:
        self._back.setEnabled(self.history.can_go_back)
        self._forward.setEnabled(self.history.can_go_forward)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Mouse side buttons navigate wherever the pointer is in this window (as in a web browser).
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(watched, QWidget)
            and watched.window() is self._window
        ):
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.BackButton:
                self.back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        return super().eventFilter(watched, event)
