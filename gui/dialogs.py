"""The main window's dialogs and notices: About, status words, the first-run notice, the data's load
problems, a link to something the data lacks, and problems with the user's notes and bookmarks.

Each dialog is parented to the window and opened without blocking it (`open()`), except where Qt's
own convenience dialogs are used. None of them changes what the window shows.
"""

from __future__ import annotations

import datetime as dt
import html
import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from catalogue import __version__
from catalogue.i18n import day_text, gettext
from catalogue.load import LoadResult
from catalogue.time.coverage import coverage_lines, edition_phrase, headline
from catalogue.userdata import UserData
from gui.settings import Settings

FIRST_RUN_NOTICE_VERSION = 1
SEARCH_ENGINE_DISTRIBUTION = "whoosh-reloaded"


def search_engine_version() -> str:
    """The installed Whoosh's version, read from its package metadata: the About box must not import
    the search engine (only catalogue.search.engine does), and must open even if search is broken."""
    from importlib import metadata

    try:
        return metadata.version(SEARCH_ENGINE_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return QCoreApplication.translate("WindowDialogs", "not available")


def _closable(dialog: QDialog, content: QWidget) -> None:
    """Lay out `content` above a Close button."""
    layout = QVBoxLayout(dialog)
    layout.addWidget(content)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)


class WindowDialogs(QObject):
    """Opens the window's dialogs; each method returns the dialog it opened (tests answer them)."""

    def __init__(self, window: QMainWindow, result: LoadResult, settings: Settings) -> None:
        super().__init__(window)
        self._window = window
        self.result = result
        self.cat = result.catalogue
        self.settings = settings
        self._read_only_reported = False

    # -- first run --------------------------------------------------------------------------------
    def show_first_run_notice(self) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setObjectName("first_run_notice")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Before you rely on ExportRef"))
        box.setText(self.tr("<b>A reference aid, not legal advice.</b> The official Chinese text prevails."))
        box.setInformativeText(
            self.tr(
                "The official 2023 catalogue text could not be obtained, so the data holds only the items "
                "public sources tie to it: {coverage}. An item missing here may still be controlled.\n\n"
                "English translations and the “why it is controlled” summaries are our own and unofficial. "
                "The data was verified up to {verified}; for later dates statuses are marked not verified."
            ).format(coverage=edition_phrase(self.cat, "2023"), verified=day_text(self.cat.verified_to))
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.finished.connect(lambda _r: setattr(self.settings, "first_run_notice_version", FIRST_RUN_NOTICE_VERSION))
        box.open()
        return box

    def maybe_show_first_run_notice(self) -> QMessageBox | None:
        if self.settings.first_run_notice_version >= FIRST_RUN_NOTICE_VERSION:
            return None
        return self.show_first_run_notice()

    # -- the data -----------------------------------------------------------------------------------
    def show_load_problems(self) -> QDialog:
        dialog = QDialog(self._window)
        dialog.setWindowTitle(self.tr("Data problems"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("These files could not be loaded. Run “exportref check” for the same list.")))
        text = QPlainTextEdit("\n".join(p.format() for p in self.result.problems))
        text.setReadOnly(True)
        text.setMinimumSize(720, 320)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.open()
        return dialog

    def show_missing_link(self, ident: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Not in the data"),
            self.tr("The link points to “{id}”, which this data does not contain.").format(id=ident),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("missing_link_notice")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def show_status_words(self) -> QDialog:
        """The status vocabulary: what each word in a badge or a status line means."""
        from catalogue.present.html import render_status_words  # Jinja2 on first use, not at start-up
        from gui.reading_pane import dark_palette

        dialog = QDialog(self._window)
        dialog.setObjectName("status_words_dialog")
        dialog.setWindowTitle(self.tr("Status words"))
        text = QTextBrowser()
        text.setObjectName("status_words_text")
        text.setOpenLinks(False)
        text.setHtml(render_status_words(self.cat, dark=dark_palette()))
        text.setMinimumSize(720, 520)
        _closable(dialog, text)
        dialog.open()
        return dialog

    def show_data_sets(self) -> QDialog:
        """File → Data sets…: install a pack, switch, revert (gui/data_sets_dialog.py)."""
        from gui.data_sets_dialog import DataSetsDialog
        from gui.main_window import MainWindow  # here, not at the top: main_window imports this module

        assert isinstance(self._window, MainWindow)
        dialog = DataSetsDialog(self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- About ----------------------------------------------------------------------------------------
    def about_html(self, as_of: dt.date) -> str:
        from catalogue.present.html import disclaimer

        esc = html.escape
        rows = [
            ("ExportRef", __version__),
            ("Python", platform.python_version()),
            ("Qt / PySide6", f"{qVersion()} / {pyside_version}"),
            ("Whoosh", search_engine_version()),
            (self.tr("Data folder"), self.cat.data_dir),
            (self.tr("Data fingerprint"), self.cat.fingerprint),
            (self.tr("Data verified to"), day_text(self.cat.verified_to)),
            (
                self.tr("Data files loaded"),
                self.tr("yes, every data file loaded without problems (this says nothing of coverage)")
                if self.result.complete
                else self.tr("NOT ALL — see the banner"),
            ),
            (self.tr("Platform"), f"{platform.system()} {platform.release()} ({sys.platform})"),
        ]
        held_today = self.tr("On {day}: {headline}.").format(day=day_text(as_of), headline=headline(self.cat, as_of))
        # Each sentence on its own: lupdate does not look inside f-strings.
        offline = self.tr("Offline reference for China’s technology export controls.")
        how_much = self.tr("How much of the catalogue the data holds")
        per_edition = self.tr("Per edition, on the day each took effect:")
        register = self.tr("Source register")
        parts = [
            "<h2>ExportRef</h2>",
            f"<p>{esc(offline)}</p>",
            f"<p><b>{esc(disclaimer())}</b></p>",
            f"<p><b>{esc(how_much)}</b><br>{esc(held_today)} {esc(per_edition)}</p>",
            "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in coverage_lines(self.cat)) + "</ul>",
            "<table cellpadding='2'>",
            *(f"<tr><td><b>{esc(k)}</b></td><td>{esc(str(v))}</td></tr>" for k, v in rows),
            "</table>",
            f"<h3>{esc(register)}</h3><table cellpadding='2'>",
        ]
        for sid, src in sorted(self.cat.sources.items()):
            where = src.url or src.locator or ""
            when = day_text(src.date) if src.date else ""
            parts.append(
                f"<tr><td valign='top'><b>{esc(sid)}</b></td><td>{esc(src.title)}"
                f"{' — ' + esc(src.publisher) if src.publisher else ''} {esc(when)}"
                f"<br><small>{esc(where)} · {esc(gettext(src.kind.value))}</small></td></tr>"
            )
        parts.append("</table>")
        return "".join(parts)

    def show_about(self, as_of: dt.date) -> QDialog:
        dialog = QDialog(self._window)
        dialog.setObjectName("about_dialog")
        dialog.setWindowTitle(self.tr("About ExportRef"))
        text = QTextBrowser()
        text.setOpenLinks(False)  # addresses are shown as text to copy, never loaded or opened
        text.setHtml(self.about_html(as_of))
        text.setMinimumSize(720, 520)
        _closable(dialog, text)
        dialog.open()
        return dialog

    # -- the user's notes and bookmarks ----------------------------------------------------------------
    def report_userdata_problems(self, userdata: UserData) -> None:
        """Say (once each) what went wrong reading the notes and bookmarks, and that they cannot be saved
        when their folder is read-only; after the window is up, not while it is being made."""
        messages = list(userdata.problems)
        userdata.problems.clear()
        if userdata.read_only is not None and not self._read_only_reported:
            self._read_only_reported = True
            messages.insert(0, userdata.read_only)
        if messages:
            QTimer.singleShot(0, lambda: self._show_userdata_notice("\n\n".join(messages)))

    def _show_userdata_notice(self, text: str) -> None:
        # Not modal: the window behind it stays usable, and nothing waits on the user to answer.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Your notes or bookmarks"), text, parent=self._window)
        box.setObjectName("userdata_notice")
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
