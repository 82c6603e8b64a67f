"""The private-note editor and what keeps a note safe: a length limit, cheap layout, merging, watching.

- **Length.** A note holds at most MAX_NOTE_CHARS characters. A paste that would go past it is refused
  whole (a clear message, nothing half-inserted); typing stops at the limit. Qt lays out a long
  unbroken line in time that grows with the square of its length (200,000 characters froze the
  window for 2.5 s, 5 MB never finished), so the limit also bounds the worst case.
- **Layout.** While the note holds a run of LONG_TOKEN characters without a space, the editor wraps
  anywhere (linear) instead of at word boundaries; the page, like every page, offers breaks inside
  such runs (catalogue.present's templates).
- **Merging.** `merge_notes` combines what this window typed with what another window saved, never
  dropping either.
- **Watching.** `UserDataWatcher` reports (debounced) when the notes folder changes on disk, so a window
  shows a note another window saved.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QLocale, QMimeData, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

MAX_NOTE_CHARS = 100_000
LONG_TOKEN = 300  # characters without a space after which wrapping anywhere is cheaper than at words
_LONG_RUN = re.compile(rf"\S{{{LONG_TOKEN},}}")


def has_long_run(text: str) -> bool:
    return _LONG_RUN.search(text) is not None


def merge_notes(base: str, mine: str, theirs: str | None, when: dt.datetime | None = None) -> str:
    """One note holding both this window's text (`mine`, typed on top of `base`) and the text another
    window saved meanwhile (`theirs`). Nothing typed in either window is dropped: when both only
    added text after `base`, both additions follow it; otherwise this window's text follows theirs
    under a line saying so, for the user to tidy up."""
    theirs = theirs or ""
    if mine in (theirs, base):
        return theirs
    if theirs == base or not theirs.strip():
        return mine
    if base and mine.startswith(base) and theirs.startswith(base):
        return theirs + mine[len(base) :]
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M")
    heading = QCoreApplication.translate(
        "NoteEditor", "——— also typed in this window ({when}), while another window changed the note ———"
    ).format(when=stamp)
    return f"{theirs.rstrip()}\n\n{heading}\n{mine}"


class NoteEditor(QPlainTextEdit):
    """A plain-text note editor that refuses text past MAX_NOTE_CHARS and keeps its layout linear."""

    limit_reached = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.textChanged.connect(self._update_wrap)

    def length(self) -> int:
        return max(self.document().characterCount() - 1, 0)  # the document counts a final paragraph mark

    def set_note_text(self, text: str) -> None:
        """Replace the text (choosing the wrap mode first, so the layout is linear from the start)."""
        self._wrap_for(text)
        self.setPlainText(text)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        selected = len(self.textCursor().selectedText())
        after = self.length() - selected + len(text)
        if after > MAX_NOTE_CHARS:
            self.limit_reached.emit(
                self.tr(
                    "A note holds at most {limit} characters; the pasted text ({n} characters) was not inserted."
                ).format(limit=QLocale().toString(MAX_NOTE_CHARS), n=QLocale().toString(len(text)))
            )
            return
        if has_long_run(text):
            self._wrap_for(text)
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        new_line = event.matches(QKeySequence.StandardKey.InsertParagraphSeparator)
        inserts = (bool(typed) and typed.isprintable()) or new_line
        if inserts and not self.textCursor().hasSelection() and self.length() >= MAX_NOTE_CHARS:
            limit = QLocale().toString(MAX_NOTE_CHARS)
            self.limit_reached.emit(self.tr("A note holds at most {limit} characters.").format(limit=limit))
            return
        super().keyPressEvent(event)

    @Slot()
    def _update_wrap(self) -> None:
        self._wrap_for(self.toPlainText())

    def _wrap_for(self, text: str) -> None:
        mode = QTextOption.WrapMode.WrapAnywhere if has_long_run(text) else QTextOption.WrapMode.WordWrap
        if self.wordWrapMode() != mode:
            self.setWordWrapMode(mode)


class UserDataWatcher(QObject):
    """Says (debounced) when the notes folder or its files change on disk: another window saved."""

    changed = Signal()

    def __init__(self, folder: Path, files: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._files = files
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.changed)
        self._watcher.directoryChanged.connect(self._on_change)
        self._watcher.fileChanged.connect(self._on_change)
        self.rewatch()

    def rewatch(self) -> None:
        """Watch the folder and whichever files exist now (an atomic save replaces the file)."""
        wanted = [str(p) for p in (self._folder, *self._files) if p.exists()]
        missing = [p for p in wanted if p not in self._watcher.files() + self._watcher.directories()]
        if missing:
            self._watcher.addPaths(missing)

    @Slot(str)
    def _on_change(self, _path: str) -> None:
        self.rewatch()
        self._timer.start()
