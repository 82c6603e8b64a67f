"""The note panel below the page: the user's private note on the record shown, saved as it is typed.

It loads the note of each page shown, saves edits after a pause (and before the page changes or the
window closes), merges with what another window saved meanwhile so that nothing typed is dropped,
and takes in a note another window saved when nothing was typed here. The editor widget and the
merge rule are in gui.note_editor; the notes are kept by catalogue.userdata.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMessageBox, QVBoxLayout, QWidget

from catalogue.userdata import NoteConflict, UserData, UserDataError
from gui.note_editor import MAX_NOTE_CHARS, NoteEditor, merge_notes

NOTE_SAVE_DELAY_MS = 700


class NotePanel(QWidget):
    """A heading and the note editor for the record shown (disabled when the page is no record)."""

    saved = Signal(str)  # the note of this id was saved: its page shows the note
    status_message = Signal(str, int)  # text, milliseconds: for the window's status bar

    def __init__(self, userdata: UserData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._userdata = userdata
        self._owner: str | None = None  # the id whose note the editor holds, None while it may not save
        self._base = ""  # the note as last read or saved: what the text in the editor was typed on

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        self.label = QLabel(self.heading())
        self.label.setWordWrap(True)
        self.editor = NoteEditor()
        self.editor.setObjectName("note_editor")
        self.editor.setAccessibleName(self.tr("My note on this page"))
        self.editor.setPlaceholderText(self.tr("Write a note for your own files; it is saved as you type."))
        self.editor.limit_reached.connect(self._on_limit)
        self.editor.setTabChangesFocus(True)
        self.label.setBuddy(self.editor)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(NOTE_SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._on_edited)
        self.editor.setEnabled(False)

    def heading(self, extra: str = "") -> str:
        if self._userdata.read_only is not None:
            heading = self.tr("My note — notes cannot be saved: the folder for them cannot be written (read-only)")
        else:
            heading = self.tr("My note — private, stored only on this computer (Ctrl+Shift+N)")
        return f"{heading}\n{extra}" if extra else heading

    def focus_editor(self) -> None:
        if self.editor.isEnabled():
            self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def load(self, ident: str | None) -> None:
        """Show the note of `ident` (None: the page is no record, and there is nothing to write on)."""
        self._owner = None  # no save while we replace the text
        text = (self._userdata.note(ident) or "") if ident else ""
        too_long = len(text) > MAX_NOTE_CHARS
        self.editor.blockSignals(True)
        # A note made longer elsewhere (by hand, say) is shown in part and left untouched.
        self.editor.set_note_text(text[:MAX_NOTE_CHARS] if too_long else text)
        self.editor.blockSignals(False)
        self.editor.setEnabled(ident is not None)
        self.editor.setReadOnly(self._userdata.read_only is not None or too_long)
        extra = ""
        if too_long:
            extra = self.tr(
                "This note is {n:,} characters, more than the {limit:,} the editor takes; the first {limit:,} "
                "are shown and the note is kept unchanged."
            ).format(n=len(text), limit=MAX_NOTE_CHARS)
        self.label.setText(self.heading(extra))
        self._base = text
        self._owner = None if too_long else ident

    @Slot(str)
    def _on_limit(self, message: str) -> None:
        self.label.setText(self.heading(message))
        self.status_message.emit(message, 8000)

    @Slot()
    def _on_edited(self) -> None:
        if self._owner is not None:
            self.timer.start()

    @Slot()
    def save(self) -> None:
        """Save the note being edited, if it changed; the page then shows it (`saved`).

        The save says which version of the note the text was typed on; if another window saved the
        note since, the two are merged (nothing typed in either is dropped) and the editor shows the
        result, which is what gets saved."""
        self.timer.stop()
        ident = self._owner
        if ident is None or self._userdata.read_only is not None:
            return
        text = self.editor.toPlainText()
        if text == self._base:
            return
        try:
            try:
                self._userdata.set_note(ident, text, seen=self._base or None)
            except NoteConflict as conflict:
                text = merge_notes(self._base, text, conflict.current)
                self._userdata.set_note(ident, text, seen=conflict.current)
                self._show_merged(text)
                message = self.tr("This note was also changed in another window; both versions are kept.")
                self.label.setText(self.heading(message))
                self.status_message.emit(message, 10000)
        except UserDataError as exc:
            # The text stays in the editor: nothing typed is lost, and the next edit tries again.
            QMessageBox.warning(self.window(), self.tr("Note not saved"), str(exc))
            return
        self._base = text
        self.status_message.emit(self.tr("Note saved"), 2500)
        self.saved.emit(ident)

    def take_saved_elsewhere(self) -> None:
        """The notes were read again from disk: show what another window saved of this note, or merge
        with it now if something was typed here too."""
        ident = self._owner
        if ident is None:
            return
        disk = self._userdata.note(ident) or ""
        if disk == self._base:
            return
        if self.editor.toPlainText() == self._base:
            self._show_merged(disk)  # nothing typed here since: take the other window's text
            self._base = disk
        else:
            self.save()  # typed here too: merge now, before either window loses track

    def _show_merged(self, text: str) -> None:
        position = self.editor.textCursor().position()
        self.editor.blockSignals(True)
        self.editor.set_note_text(text)
        self.editor.blockSignals(False)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.editor.setTextCursor(cursor)
