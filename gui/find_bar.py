"""Find in page: a bar under the page that finds words in what the page shows.

Ctrl+F stays the search field (what a lawyer reaches for first is the whole data). Qt Assistant and
Zeal give Ctrl+F to finding in the page because their search has other keys; here the page gets
Ctrl+Shift+F (the search key with Shift, easy to remember beside it, and free in this window), and
"/" while the page has the keyboard focus, as in Firefox's quick find. F3 and Shift+F3 (Qt's standard FindNext and
FindPrevious, with their other platform keys) go to the next and previous match, as in Assistant and
the browsers; Enter and Shift+Enter in the field too; Esc closes the bar. The shortcuts are the
window's actions (gui.actions), so Help lists them.

Matching ignores case and takes Chinese as typed; the spaces typed match any run of white space,
so a phrase still matches where the page breaks its line or keeps two words together with a
no-break space. Every match is highlighted, the current one more strongly, and the bar says
"3 of 12" or "Not found". When the page changes under the bar (another entry, another date), the
matches are counted again.
"""

from __future__ import annotations

import re
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QWidget,
)

MAX_MATCHES = 2000  # counted and highlighted; a page with more says "2000+"
MATCH_COLOUR = QColor("#fde68a")  # every match: a pale amber that reads on white and keeps text legible
CURRENT_COLOUR = QColor("#f59e0b")  # the match the page is scrolled to


class FindActions(Protocol):
    """A window's find commands (gui.actions.WindowActions has them; so does a reading window)."""

    find_in_page: QAction
    find_next: QAction
    find_previous: QAction


def bar_keys() -> list[tuple[str, str]]:
    """The bar's own keys, besides the window's actions (Find in page, Find next, Find previous): for
    the help page's list of shortcuts."""
    # QCoreApplication.translate spelt out each time: lupdate does not follow an alias.
    return [
        (QCoreApplication.translate("FindBar", "Find in page, while the page has the focus"), "/"),
        (
            QCoreApplication.translate("FindBar", "Next or previous match, in the find field"),
            QCoreApplication.translate("FindBar", "Enter or Shift+Enter"),
        ),
        (QCoreApplication.translate("FindBar", "Close the find bar"), "Esc"),
    ]


def match_pattern(text: str) -> QRegularExpression | None:
    """The expression that finds `text` in a page: case ignored, any white space for a space."""
    words = text.split()
    if not words:
        return None
    pattern = r"[\s\x{00a0}\x{2028}\x{2029}]+".join(re.escape(w) for w in words)
    return QRegularExpression(
        pattern,
        QRegularExpression.PatternOption.CaseInsensitiveOption
        | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
    )


class FindField(QLineEdit):
    """The bar's line: Enter for the next match, Shift+Enter for the previous, Esc to close."""

    next_requested = Signal()
    previous_requested = Signal()
    close_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            (self.previous_requested if shifted else self.next_requested).emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Find in the page shown by `view`; hidden until asked for."""

    def __init__(self, view: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self._view: QTextBrowser | None = None
        self._view_shortcuts: list[QShortcut] = []
        self._matches: list[QTextCursor] = []
        self._current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        label = QLabel(self.tr("Find in page:"))
        self.field = FindField()
        self.field.setObjectName("find_field")
        self.field.setAccessibleName(self.tr("Find in page"))
        self.field.setPlaceholderText(self.tr("word or phrase, English or Chinese"))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
        label.setBuddy(self.field)
        self.previous_button = self._button(self.tr("Previous"), Qt.ArrowType.UpArrow)
        self.next_button = self._button(self.tr("Next"), Qt.ArrowType.DownArrow)
        self.status = QLabel()
        self.status.setObjectName("find_status")
        self.status.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000 of 0000 ") + 8)
        close = QToolButton()
        close.setText("×")
        close.setToolTip(self.tr("Close (Esc)"))
        close.setAccessibleName(self.tr("Close find bar"))
        close.setAutoRaise(True)
        for widget in (label, self.field, self.previous_button, self.next_button, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(close)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.next_requested.connect(self.find_next)
        self.field.previous_requested.connect(self.find_previous)
        self.field.close_requested.connect(self.close_bar)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        self.hide()
        self.attach(view)

    def _button(self, text: str, arrow: Qt.ArrowType) -> QToolButton:
        button = QToolButton()
        button.setArrowType(arrow)
        button.setToolTip(text)
        button.setAccessibleName(text)
        button.setAutoRaise(True)
        return button

    @property
    def view(self) -> QTextBrowser | None:
        return self._view

    def attach(self, view: QTextBrowser) -> None:
        """Find in `view` from now on (the bar follows whichever page view is shown)."""
        if self._view is not None:
            self._view.textChanged.disconnect(self._recount)
            self._view.setExtraSelections([])
            for shortcut in self._view_shortcuts:
                shortcut.deleteLater()
        self._view = view
        view.textChanged.connect(self._recount)
        # "/" opens the bar while the page has the keyboard focus, as quick find does in a browser;
        # Esc closes it from the page too, not only from the field.
        self._view_shortcuts = []
        for key, slot in ((QKeySequence("/"), self.open), (QKeySequence(Qt.Key.Key_Escape), self.close_bar)):
            shortcut = QShortcut(key, view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
            self._view_shortcuts.append(shortcut)
        self._recount()

    def use_actions(self, actions: FindActions) -> None:
        """Let the window's Find in page, Find next and Find previous work this bar."""
        actions.find_in_page.triggered.connect(self.open)
        actions.find_next.triggered.connect(self.find_next)
        actions.find_previous.triggered.connect(self.find_previous)

    # -- what the user does ---------------------------------------------------------------------------------
    @Slot()
    def open(self) -> None:
        """Show the bar with the field focused and its text selected, ready to type over."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._recount()

    @Slot()
    def close_bar(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self._clear_highlights()
        if self._view is not None:
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def find_next(self) -> None:
        self._step(+1)

    @Slot()
    def find_previous(self) -> None:
        self._step(-1)

    # -- the matches ----------------------------------------------------------------------------------------
    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_index(self) -> int:
        """The match the page shows, from 0; -1 before the first step."""
        return self._current

    def _step(self, direction: int) -> None:
        if not self.isVisible():
            # F3 with the bar closed opens it, as in a browser, and goes on with the last words.
            self.open()
            if not self.field.text().strip():
                return
        if not self._matches:
            self._show_status()
            return
        if self._current < 0:
            self._current = self._first_after_cursor() if direction > 0 else len(self._matches) - 1
        else:
            self._current = (self._current + direction) % len(self._matches)
        self._show_current()

    def _first_after_cursor(self) -> int:
        """The first match at or after where the page is scrolled to, so that a find starts from
        what the user is reading rather than from the top."""
        if self._view is None:
            return 0
        top = self._view.cursorForPosition(self._view.viewport().rect().topLeft()).position()
        return next((i for i, m in enumerate(self._matches) if m.selectionStart() >= top), 0)

    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._recount()
        if self._matches:
            self._current = self._first_after_cursor()
            self._show_current()

    @Slot()
    def _recount(self) -> None:
        """Find every match again (new words, or the page changed under the bar)."""
        self._matches = []
        self._current = -1
        pattern = match_pattern(self.field.text())
        if self._view is None or pattern is None or not self.isVisible():
            self._clear_highlights()
            self._show_status()
            return
        doc = self._view.document()
        cursor = doc.find(pattern, 0)
        while not cursor.isNull() and len(self._matches) < MAX_MATCHES:
            if not cursor.hasSelection():  # a pattern that matched nothing, defensively: never loop
                break
            self._matches.append(QTextCursor(cursor))
            cursor = doc.find(pattern, cursor)
        self._highlight()
        self._show_status()

    def _show_current(self) -> None:
        assert self._view is not None
        match = self._matches[self._current]
        self._view.setTextCursor(match)
        self._view.ensureCursorVisible()
        # Not at the very edge, where ensureCursorVisible leaves it: a third of the way down, with the
        # lines before it in view to read it in context.
        rect = self._view.cursorRect(match)
        height = self._view.viewport().height()
        if rect.top() < height // 5 or rect.bottom() > height * 4 // 5:
            scroll = self._view.verticalScrollBar()
            scroll.setValue(scroll.value() + rect.center().y() - height // 3)
        self._highlight()
        self._show_status()

    def _highlight(self) -> None:
        if self._view is None:
            return
        selections = []
        for index, match in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT_COLOUR if index == self._current else MATCH_COLOUR)
            fmt.setForeground(QColor("#000000"))  # legible on amber in a dark palette too
            selection.format = fmt
            selections.append(selection)
        self._view.setExtraSelections(selections)

    def _clear_highlights(self) -> None:
        if self._view is not None:
            self._view.setExtraSelections([])

    def _show_status(self) -> None:
        if not self.field.text().strip():
            self.status.setText("")
        elif not self._matches:
            self.status.setText(self.tr("Not found"))
        else:
            total = f"{len(self._matches)}+" if len(self._matches) >= MAX_MATCHES else str(len(self._matches))
            if self._current < 0:
                self.status.setText(self.tr("{total} found").format(total=total))
            else:
                self.status.setText(self.tr("{n} of {total}").format(n=self._current + 1, total=total))
