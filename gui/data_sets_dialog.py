"""File → Data sets…: the shipped data and installed packs; install, switch, revert.

The work is done by catalogue.datapacks; this module shows it. A pack is verified into a staging
folder first, then its manifest, changelog and signature are shown; only if the user clicks Install
is it moved into place and made active. Everything a pack says about itself (name, publisher,
changelog) is shown as plain text, never as rich text.

Switching data sets rebuilds the window: a new `MainWindow` is made on the newly active data, with
the same settings, notes, bookmarks, date and geometry, and the old window is closed. That is the
path the app already takes at start-up, so nothing built from the old data (tree, search index,
panels, history) can survive into the new one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from catalogue.datapacks import SHIPPED, DataProblems, PackError, Trust, store
from catalogue.datapacks.orphans import find_orphans
from catalogue.datapacks.verify import file_changes
from catalogue.i18n import day_text
from catalogue.model import Catalogue
from catalogue.userdata import UserDataError
from gui.data_notices import WARNING_STYLE

if TYPE_CHECKING:
    from gui.main_window import MainWindow

log = logging.getLogger(__name__)

COLUMNS = ("", "Name", "Verified to", "Fingerprint", "Publisher", "Installed", "Signature")


# -- switching -------------------------------------------------------------------------------------------

# The windows made here. A top-level window has no parent to keep it alive: without a reference the
# new window would be garbage-collected as soon as the switch returns.
_windows: list[QWidget] = []


def reopen_main_window(old: MainWindow) -> MainWindow:
    """Make a window on the active data set in place of `old`, and close `old`."""
    from catalogue.load import load_cached

    old.notes.save()
    old.save_settings()  # the new window restores geometry, splitter, grouping and the entry being read
    try:
        old.userdata.reload()  # notes another window saved meanwhile count too
    except UserDataError as exc:  # the switch has happened; the notes are shown as last read
        log.warning("notes not re-read on switching data sets: %s", exc)
    result = load_cached()
    # The class of `old`: gui.main_window imports this module, so this one does not import it back.
    new = type(old)(result, settings=old.settings, userdata=old.userdata, as_of=old.as_of)
    _windows.append(new)
    new.destroyed.connect(lambda *_: _windows.remove(new) if new in _windows else None)
    new.show()  # before the old one closes: closing the last window would quit the app
    if old.index_build.started:
        new.start_index_build()  # otherwise the first search starts it, as in the old window
    old.close()
    if old in _windows:
        _windows.remove(old)
    old.deleteLater()
    label = store.describe_data_dir(Path(new.cat.data_dir)).label
    message = QCoreApplication.translate("DataSetsDialog", "Now showing {label}.").format(label=label)
    orphans = find_orphans(new.cat, new.userdata)
    new.statusBar().showMessage(message, 20000)
    if orphans:
        # Not only in the status bar, whose message area a full bar of labels can hide: a lawyer must
        # learn that some notes now have no page, and that they are kept.
        title = QCoreApplication.translate("DataSetsDialog", "Notes kept")
        box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=new)
        box.setObjectName("orphans_notice")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(orphans.summary()[0].upper() + orphans.summary()[1:] + ".")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
    log.info("data set switched: %s (%s)", label, new.cat.fingerprint)
    return new


# -- the dialogs -------------------------------------------------------------------------------------------


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is never read as rich text
    label.setWordWrap(True)
    return label


class PackPreviewDialog(QDialog):
    """What a verified pack says about itself, before it is installed."""

    def __init__(self, staged: store.Staged, current: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.staged = staged
        self.setObjectName("pack_preview_dialog")
        self.setWindowTitle(self.tr("Install data pack"))
        verified = staged.verified
        m = verified.manifest
        layout = QVBoxLayout(self)
        layout.addWidget(_plain_label(self.tr("The pack passed every check. Read what it says before installing it.")))
        self.signature_label = _plain_label()
        self.signature_label.setObjectName("pack_signature_label")
        if verified.trust is Trust.TRUSTED:
            self.signature_label.setText(self.tr("Signature: {words}.").format(words=verified.trust_words()))
        else:
            why = (
                self.tr("This pack is not signed: nothing shows who made it.")
                if verified.trust is Trust.UNSIGNED
                else self.tr("This pack is {words}.").format(words=verified.trust_words())
            )
            self.signature_label.setText(
                why + " " + self.tr("Install it only if you know where it came from; its pages will say so.")
            )
            self.signature_label.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.signature_label)
        current_set = store.describe_data_dir(Path(current.data_dir))
        changes = file_changes(verified.data_dir, Path(current.data_dir))
        size = QLocale().toString(m.total_size)
        lines = [
            self.tr("Pack: {name}").format(name=m.name),
            self.tr("Publisher: {publisher}").format(publisher=m.publisher),
            self.tr("Made: {created} with {tool}").format(created=m.created, tool=m.tool),
            self.tr("Data verified to: {pack} (the data shown now: {current})").format(
                pack=m.verified_to, current=current.verified_to
            ),
            self.tr("Fingerprint: {fingerprint}").format(fingerprint=m.fingerprint),
            self.tr("Files: {files}, {size} bytes; every SHA-256 matches the manifest").format(
                files=verified.files, size=size
            ),
            self.tr("Compared with the data shown now ({label}): {summary}").format(
                label=current_set.short_label, summary=changes.summary()
            ),
        ]
        for word, names in (
            (self.tr("changed"), changes.changed),
            (self.tr("added"), changes.added),
            (self.tr("removed"), changes.removed),
        ):
            if names:
                lines.append(f"  {word}: {', '.join(names[:12])}{' …' if len(names) > 12 else ''}")
        if m.changelog.since:
            lines += ["", self.tr("Changelog since {since}:").format(since=m.changelog.since)]
        else:
            lines += ["", self.tr("Changelog:")]
        lines.append(m.changelog.text.strip() or self.tr("(none given)"))
        self.manifest_text = QPlainTextEdit("\n".join(lines))
        self.manifest_text.setObjectName("pack_manifest_text")
        self.manifest_text.setReadOnly(True)
        self.manifest_text.setMinimumSize(640, 300)
        layout.addWidget(self.manifest_text)
        buttons = QDialogButtonBox()
        text = self.tr("Install") if verified.trust is Trust.TRUSTED else self.tr("Install anyway")
        self.install_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.install_button.setObjectName("pack_install_button")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After the button box has picked its default on show: Enter must not install a pack.
        self.install_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)


class DataSetsDialog(QDialog):
    """The data sets: which is active, install a pack, switch, revert to the shipped data."""

    switched = Signal(object)  # the new MainWindow

    def __init__(
        self,
        window: MainWindow,
        *,
        on_switch: Callable[[MainWindow], MainWindow] = reopen_main_window,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._on_switch = on_switch
        self.replacement: MainWindow | None = None
        self.preview: PackPreviewDialog | None = None
        self.setObjectName("data_sets_dialog")
        self.setWindowTitle(self.tr("Data sets"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            _plain_label(
                self.tr(
                    "The data ExportRef shows. A data pack is newer or firm-made data in one file; every file "
                    "in it is checked against its manifest, and the data against the same rules as the shipped "
                    "data, before it is installed. Notes and bookmarks stay with their ids whichever data is used."
                )
            )
        )
        self.env_label = _plain_label()
        self.env_label.setStyleSheet(WARNING_STYLE)
        layout.addWidget(self.env_label)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("data_sets_table")
        self.table.setAccessibleName(self.tr("Data sets"))
        self.table.setHorizontalHeaderLabels(self._column_titles())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumSize(900, 160)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.use_selected())
        layout.addWidget(self.table)
        self.orphans_label = _plain_label()
        self.orphans_label.setObjectName("orphans_label")
        layout.addWidget(self.orphans_label)
        row = QHBoxLayout()
        self.install_button = QPushButton(self.tr("Install pack…"))
        self.install_button.setObjectName("install_pack_button")
        self.install_button.clicked.connect(self.choose_pack)
        self.use_button = QPushButton(self.tr("Use"))
        self.use_button.setObjectName("use_data_set_button")
        self.use_button.clicked.connect(self.use_selected)
        self.shipped_button = QPushButton(self.tr("Use shipped data"))
        self.shipped_button.setObjectName("use_shipped_button")
        self.shipped_button.clicked.connect(self.use_shipped)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        for button in (self.install_button, self.use_button, self.shipped_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def _column_titles(self) -> list[str]:
        """COLUMNS in the window's language (each spelt out, so that lupdate finds it)."""
        return [
            "",
            self.tr("Name"),
            self.tr("Verified to"),
            self.tr("Fingerprint"),
            self.tr("Publisher"),
            self.tr("Installed"),
            self.tr("Signature"),
        ]

    # -- the list -----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        active = store.resolve_active()
        self._rows = [store.shipped_data_set(), *store.installed_packs(check_data=True)]
        self.table.setRowCount(len(self._rows))
        for r, ds in enumerate(self._rows):
            signature = ds.signature_short if not ds.problem else self.tr("UNUSABLE: {why}").format(why=ds.problem)
            installed = (ds.installed or "")[:16].replace("T", " ")
            cells = (
                "●" if ds.ident == active.ident else "",
                ds.name,
                day_text(ds.verified_to) if ds.verified_to else "?",
                ds.fingerprint,
                ds.publisher,
                installed,
                signature,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, ds.ident)
                if ds.ident == active.ident:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if c == 6 and ds.kind == "pack":
                    tip = ds.problem or ds.signature_words
                    if ds.trust is not Trust.TRUSTED and not ds.problem:
                        tip += "; " + self.tr("installed after you confirmed it, and its pages say so")
                    item.setToolTip(tip)
                self.table.setItem(r, c, item)
        warnings = []
        if active.warning:
            warnings.append(active.warning)
        if os.environ.get("EXPORTREF_DATA_DIR"):
            warnings.append(
                self.tr("EXPORTREF_DATA_DIR is set: the window shows {path} whatever is chosen here.").format(
                    path=os.environ["EXPORTREF_DATA_DIR"]
                )
            )
        self.env_label.setText("\n".join(warnings))
        self.env_label.setVisible(bool(warnings))
        orphans = find_orphans(self._window.cat, self._window.userdata)
        text = self.tr("Notes and bookmarks: {summary}.").format(summary=orphans.summary())
        if orphans:
            ids = ", ".join(sorted(set(orphans.notes) | set(orphans.bookmarks)))
            text += "\n" + self.tr("Orphaned (kept): {ids}").format(ids=ids)
        self.orphans_label.setText(text)
        self.orphans_label.setStyleSheet(WARNING_STYLE if orphans else "")
        self._update_buttons()

    def selected_ident(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def _update_buttons(self) -> None:
        ident = self.selected_ident()
        active = store.resolve_active().ident
        self.use_button.setEnabled(ident is not None and ident != active)
        self.shipped_button.setEnabled(active != SHIPPED)

    # -- installing -----------------------------------------------------------------------------------------
    @Slot()
    def choose_pack(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Install data pack"), str(Path.home()), self.tr("Data packs (*.zip)")
        )
        if name:
            self.install_from(Path(name))

    def install_from(self, path: Path) -> PackPreviewDialog | None:
        """Verify `path` into staging and show what it says; installing waits for the user's click."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            staged = store.stage(path)
        except PackError as exc:
            QGuiApplication.restoreOverrideCursor()
            self._refused(path, exc)
            return None
        except OSError as exc:
            QGuiApplication.restoreOverrideCursor()
            self._refused(path, PackError("unreadable", str(exc)))
            return None
        QGuiApplication.restoreOverrideCursor()
        preview = PackPreviewDialog(staged, self._window.cat, self)
        preview.accepted.connect(lambda: self._commit(staged))
        preview.rejected.connect(staged.discard)
        self.preview = preview
        preview.open()
        return preview

    def _commit(self, staged: store.Staged) -> None:
        try:
            store.commit(staged, confirmed=True)  # the user read the signature status and clicked Install
        except (PackError, OSError) as exc:
            self._refused(staged.verified.source, exc if isinstance(exc, PackError) else PackError("io", str(exc)))
            self.refresh()
            return
        self._switch()

    def _refused(self, path: Path, exc: PackError) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("pack_refused")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Data pack refused"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("{file} was not installed. The data in use is unchanged.").format(file=path.name))
        box.setInformativeText(exc.message)
        if isinstance(exc, DataProblems):
            box.setDetailedText("\n".join(p.format() for p in exc.problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.refused_box = box
        box.open()
        return box

    # -- switching ---------------------------------------------------------------------------------------------
    @Slot()
    def use_selected(self) -> None:
        ident = self.selected_ident()
        if ident is None:
            return
        self._use(ident)

    @Slot()
    def use_shipped(self) -> None:
        self._use(SHIPPED)

    def _use(self, ident: str) -> None:
        try:
            store.use(ident)
        except (PackError, OSError) as exc:
            self._refused(Path(ident), exc if isinstance(exc, PackError) else PackError("io", str(exc)))
            self.refresh()
            return
        self._switch()

    def _switch(self) -> None:
        self.accept()
        self.replacement = self._on_switch(self._window)
        self.switched.emit(self.replacement)
