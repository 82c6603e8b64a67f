"""The right-hand pane: an HTML page per entry, measure, clause or law, in a locked-down QTextBrowser.

Nothing is ever loaded into the view from outside: `loadResource` returns nothing for every URL, so
neither a remote image nor a local file can be pulled in by data or by a crafted link. Links are
handled here rather than by Qt:

- `entry:<id>` navigates inside the app (the main window decides what that means);
- `http(s)` source links open in the system browser only after the user has seen the address and
  confirmed; the address can be copied instead;
- a bare `#fragment` scrolls within the page;
- anything else is refused and reported.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QMimeData, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

INTERNAL_SCHEME = "entry"
WEB_SCHEMES = ("http", "https")

ZERO_WIDTH_SPACE = "\u200b"  # the break the pages offer inside a web address


def _is_history_key(event: QKeyEvent) -> bool:
    return event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)


class ExternalLinkDialog(QDialog):
    """Shows the full address of a source link before anything leaves the app."""

    def __init__(self, url: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open source in your web browser?"))
        self.setObjectName("external_link_dialog")
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "This source is on the web. ExportRef never goes online itself; if you continue, "
                "your web browser will open this address:"
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.address = QLineEdit(url.toString())
        self.address.setReadOnly(True)
        self.address.setAccessibleName(self.tr("Web address"))
        self.address.setMinimumWidth(480)
        layout.addWidget(self.address)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(self.tr("Open in browser"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = QPushButton(self.tr("Copy address"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_address)
        layout.addWidget(buttons)
        # Cancel is the safe default: Enter must not send the user to the web by accident.
        self.open_button.setAutoDefault(False)
        self.copy_button.setAutoDefault(False)

    @Slot()
    def copy_address(self) -> None:
        QGuiApplication.clipboard().setText(self.address.text())
        self.copy_button.setText(self.tr("Copied"))


class EntryView(QTextBrowser):
    """Shows one rendered page; emits `entry_link_activated` for internal links."""

    entry_link_activated = Signal(str)
    link_refused = Signal(str)
    external_link_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Between words only, as on paper (QTextEdit's default also breaks inside a word).
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setObjectName("detail_view")
        self.setAccessibleName(self.tr("Entry details"))
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._current_id: str | None = None

    @property
    def current_id(self) -> str | None:
        return self._current_id

    def show_page(self, ident: str | None, html: str, *, keep_scroll: bool = False) -> None:
        bar = self.verticalScrollBar()
        position = bar.value()
        self._current_id = ident
        self.setHtml(html)
        if keep_scroll:
            bar.setValue(position)

    def event(self, event: QEvent) -> bool:
        # QTextBrowser claims Alt+Left/Right for its own (unused) history; leave them to the window's
        # Back and Forward, which follow the app's history.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and _is_history_key(event):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _is_history_key(event):
            event.ignore()
            return
        super().keyPressEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:
        # Addresses carry zero-width spaces so that they can wrap on screen (catalogue.present's
        # `breakable` filter); what is copied is the address as written.
        data = super().createMimeDataFromSelection()
        clean = QMimeData()
        if data.hasText():
            clean.setText(data.text().replace(ZERO_WIDTH_SPACE, ""))
        if data.hasHtml():
            clean.setHtml(data.html().replace(ZERO_WIDTH_SPACE, ""))
        return clean

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Nothing is loaded: not remote URLs, not file: URLs, not relative paths resolved against the
        # search paths. The rendered pages reference no resources, so this refuses only hostile content.
        # The answer must be a *valid* empty value: for an invalid one QTextDocument falls back to
        # reading local files itself.
        return QByteArray()

    def confirm_external(self, url: QUrl) -> bool:
        """Ask before opening a web address; True if it was handed to the system browser."""
        dialog = ExternalLinkDialog(url, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        QDesktopServices.openUrl(url)
        self.external_link_opened.emit(url.toString())
        return True

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == INTERNAL_SCHEME:
            ident = url.path() or url.toString()[len(INTERNAL_SCHEME) + 1 :]
            if ident:
                self.entry_link_activated.emit(ident)
            return
        if scheme in WEB_SCHEMES and url.isValid() and url.host():
            self.confirm_external(url)
            return
        if not scheme and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
            return
        self.link_refused.emit(url.toString())
