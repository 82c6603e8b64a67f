"""Printing: one path from HTML to paper, print preview and PDF.

HTML (catalogue.present.html) → QTextDocument → pages painted by us onto a QPrinter or a QPdfWriter.
QTextDocument.print_() would do the pagination, but it has no per-page header or footer and a lawyer
needs both on every page (verified-to date, printed-on date, page x of y, data fingerprint, the
disclaimer). So each document is laid out with a page size smaller than the paper, and every page is
drawn with QPainter: the document's slice for that page, then the running header and the footer.

Each HTML document starts on a new page, so a multi-entry print keeps every entry on its own pages;
page numbers run through the whole print job.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QObject, QPointF, QRectF, QSizeF, Qt, Slot
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from catalogue.model import Catalogue
from catalogue.present.html import MatterInfo, RunningWords, data_set_words, running_words
from gui.fonts import load_bundled_fonts
from gui.page_breaks import keep_together
from gui.pdf_metadata import CREATOR, PdfMetadata, with_info_subject
from gui.save_file import save_atomically
from gui.settings import SettingsStore

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}

# Paper margins (mm): wide enough for office printers' unprintable edges and for hole punching.
MARGINS_MM = QMarginsF(18.0, 12.0, 18.0, 12.0)
BODY_POINT_SIZE = 10.0
HEADER_POINT_SIZE = 7.5
FOOTER_POINT_SIZE = 7.0
RULE_COLOUR = QColor("#9aa3ad")
MUTED_COLOUR = QColor("#4b5563")


@dataclass(frozen=True)
class SheetJob:
    """What every page of one print job needs to say about the data, besides the documents."""

    title: str
    verified_to: dt.date
    fingerprint: str
    as_of: dt.date
    printed_on: dt.date
    data_set: str = ""  # which data: shipped, a named pack (catalogue.datapacks), a folder
    private_notes: bool = False  # the user's own notes are printed on some sheet of the job

    @classmethod
    def for_catalogue(
        cls,
        title: str,
        cat: Catalogue,
        as_of: dt.date,
        printed_on: dt.date | None = None,
        *,
        private_notes: bool = False,
    ) -> SheetJob:
        return cls(
            title,
            cat.verified_to,
            cat.fingerprint,
            as_of,
            printed_on or dt.date.today(),
            data_set_words(cat),
            private_notes,
        )

    @property
    def words(self) -> RunningWords:
        """The header's, footer's and subject's words, in the language sheets are written in now."""
        return running_words(
            as_of=self.as_of,
            verified_to=self.verified_to,
            printed_on=self.printed_on,
            fingerprint=self.fingerprint,
            data_set=self.data_set,
            private_notes=self.private_notes,
        )

    @property
    def subject(self) -> str:
        return self.words.subject


def page_layout(page_size: str) -> QPageLayout:
    try:
        size_id = PAGE_SIZES[page_size]
    except KeyError:
        raise ValueError(f"unknown page size {page_size!r}; expected one of {', '.join(PAGE_SIZES)}") from None
    return QPageLayout(QPageSize(size_id), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter)


class SheetPainter:
    """Lays out HTML documents for one paged device and paints them with header and footer."""

    def __init__(self, pages_html: Sequence[str], job: SheetJob, device: QPagedPaintDevice) -> None:
        self._job = job
        self._words = job.words
        self._device = device
        self._family = load_bundled_fonts()
        self._header_font = self._font(HEADER_POINT_SIZE)
        self._footer_font = self._font(FOOTER_POINT_SIZE)
        # The painter's origin is the top-left of the printable area (inside the page margins).
        rect = device.pageLayout().paintRectPixels(device.logicalDpiY())
        self._width = float(rect.width())
        self._height = float(rect.height())
        header_fm = QFontMetricsF(self._header_font, device)
        footer_fm = QFontMetricsF(self._footer_font, device)
        gap = self._mm(4.0)
        self._header_h = header_fm.height() + gap
        self._footer_h = 2 * footer_fm.lineSpacing() + gap
        self._body = QRectF(0.0, self._header_h, self._width, self._height - self._header_h - self._footer_h)
        self._docs = [self._layout(html) for html in pages_html]

    @property
    def documents(self) -> list[QTextDocument]:
        """The laid-out documents, one per sheet, as they will be painted."""
        return list(self._docs)

    def _font(self, points: float) -> QFont:
        font = QFont(self._family)
        font.setPointSizeF(points)
        return font

    def _mm(self, mm: float) -> float:
        return mm * self._device.logicalDpiY() / 25.4

    def _layout(self, html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(self._font(BODY_POINT_SIZE))
        doc.setDefaultTextOption(word_wrap_option())
        # Lay out against the printer itself, so pixel sizes in the HTML and font metrics are the
        # printer's, not the screen's.
        doc.documentLayout().setPaintDevice(self._device)
        doc.setDocumentMargin(0.0)
        doc.setHtml(html)
        doc.setPageSize(QSizeF(self._body.width(), self._body.height()))
        keep_together(doc)  # headings with what follows, table rows whole (gui.page_breaks)
        return doc

    @property
    def page_count(self) -> int:
        return sum(doc.pageCount() for doc in self._docs)

    def paint(self, painter: QPainter, device: QPagedPaintDevice | None = None) -> int:
        """Paint every page; returns the number of pages. `device` gets newPage() between pages."""
        target = device or self._device
        total = self.page_count
        number = 0
        for doc in self._docs:
            doc_title = doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle) or self._job.title
            for index in range(doc.pageCount()):
                if number > 0:
                    target.newPage()
                number += 1
                self._paint_body(painter, doc, index)
                self._paint_header(painter, doc_title)
                self._paint_footer(painter, number, total)
        return total

    def _paint_body(self, painter: QPainter, doc: QTextDocument, index: int) -> None:
        body_h = self._body.height()
        painter.save()
        painter.translate(self._body.left(), self._body.top() - index * body_h)
        view = QRectF(0.0, index * body_h, self._body.width(), body_h)
        painter.setClipRect(view)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = view
        # Paper is white whatever the screen palette says.
        ctx.palette.setColor(QPalette.ColorRole.Text, QColor(Qt.GlobalColor.black))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def _paint_header(self, painter: QPainter, doc_title: str) -> None:
        painter.save()
        painter.setFont(self._header_font)
        painter.setPen(MUTED_COLOUR)
        fm = QFontMetricsF(self._header_font, self._device)
        right = self._words.header_right
        right_w = fm.horizontalAdvance(right)
        left = fm.elidedText(
            f"ExportRef · {doc_title}", Qt.TextElideMode.ElideRight, self._width - right_w - self._mm(6)
        )
        baseline = fm.ascent()
        painter.drawText(QPointF(0.0, baseline), left)
        painter.drawText(QPointF(self._width - right_w, baseline), right)
        painter.setPen(QPen(RULE_COLOUR, self._mm(0.2)))
        y = fm.height() + self._mm(1.0)
        painter.drawLine(QPointF(0.0, y), QPointF(self._width, y))
        painter.restore()

    def _paint_footer(self, painter: QPainter, number: int, total: int) -> None:
        painter.save()
        fm = QFontMetricsF(self._footer_font, self._device)
        top = self._height - 2 * fm.lineSpacing()
        painter.setPen(QPen(RULE_COLOUR, self._mm(0.2)))
        painter.drawLine(QPointF(0.0, top - self._mm(1.5)), QPointF(self._width, top - self._mm(1.5)))
        painter.setFont(self._footer_font)
        painter.setPen(MUTED_COLOUR)
        words = self._words
        page = words.page_format.format(number=number, total=total)
        if self._job.private_notes:
            # On every page of a print that carries the user's own notes: a page pulled from the pile
            # and put in a client's file still says that it holds something the lawyer wrote.
            page = f"{words.private_notes} · {page}"  # on the right, which is never cut
        page_w = fm.horizontalAdvance(page)
        line1 = words.footer_data
        line1 = fm.elidedText(line1, Qt.TextElideMode.ElideRight, self._width - page_w - self._mm(6))
        painter.drawText(QPointF(0.0, top + fm.ascent()), line1)
        painter.drawText(QPointF(self._width - page_w, top + fm.ascent()), page)
        # The disclaimer is never cut; a long pack name or publisher may be (the sheet's last paragraph has it whole).
        line2 = words.footer_notice
        line2 = fm.elidedText(line2, Qt.TextElideMode.ElideRight, self._width)
        painter.drawText(QPointF(0.0, top + fm.lineSpacing() + fm.ascent()), line2)
        painter.restore()


def word_wrap_option() -> QTextOption:
    """Between words, and inside a word only when it cannot fit a line at all: on paper nothing may
    run off the page, so a pasted 400-character token must still wrap. Ordinary words fit because the
    templates give every column room for its longest word (tests/test_word_breaks.py checks every
    shipped sheet); the screen, which can scroll, never breaks inside a word (gui.detail_view)."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


def write_pdf(
    pages_html: list[str],
    path: Path,
    *,
    title: str,
    cat: Catalogue,
    as_of: dt.date,
    page_size: str = "A4",
    printed_on: dt.date | None = None,
    private_notes: bool = False,
) -> int:
    """Write the documents as one PDF (vector text, the bundled font embedded); returns the page count.

    The PDF is made in memory and written once (`write_output`): a regular file atomically, so a full
    disk leaves the old file or none, never a truncated PDF; a device or pipe (/dev/stdout) straight
    through. Nothing is read back from `path`. Raises OSError with the reason when it cannot be written.
    Its metadata (gui.pdf_metadata) names the title, and as the subject the as-of date, the verified-to
    date, the data's fingerprint and data set, and the disclaimer. `private_notes`: the user's own notes
    are on some sheet, and every page's footer says so."""
    if not pages_html:
        raise ValueError("nothing to print")
    job = SheetJob.for_catalogue(title, cat, as_of, printed_on, private_notes=private_notes)
    path = Path(path)
    meta = PdfMetadata(title, job.subject)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(page_size))
    meta.apply(writer)
    sheets = SheetPainter(pages_html, job, writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot make the PDF for {path}")
    try:
        count = sheets.paint(painter)
    finally:
        painter.end()  # QPdfWriter writes the trailer here
    write_output(path, with_info_subject(bytes(buffer.data().data()), meta))
    return count


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path` once. A regular file (or a new one) is replaced whole or not at all
    (gui.save_file, keeping the mode of a file it replaces); a device, FIFO or /dev/stdout is written
    directly. A symlink is followed. Raises OSError (e.g. ENOSPC, with the path) on failure."""
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a folder", str(path))
        # Opened by its own name: /dev/stdout is a link into /proc that only the kernel can follow.
        fd = os.open(path, os.O_WRONLY)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        return
    # A folder that does not exist is the user's typing mistake, not something to create.
    save_atomically(path, data, make_parents=False)


def _configure_printer(printer: QPrinter, title: str, page_size: str) -> None:
    printer.setPageLayout(page_layout(page_size))
    printer.setDocName(title)
    printer.setCreator(CREATOR)


def print_with_dialog(
    parent: QWidget | None,
    pages_html: list[str],
    *,
    title: str,
    cat: Catalogue,
    as_of: dt.date,
    page_size: str = "A4",
    private_notes: bool = False,
) -> bool:
    """Show the system print dialog and print; False if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _configure_printer(printer, title, page_size)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("printing", "Print summary sheet"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    job = SheetJob.for_catalogue(title, cat, as_of, private_notes=private_notes)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        SheetPainter(pages_html, job, printer).paint(painter)
    finally:
        painter.end()
    return True


class _PreviewRenderer(QObject):
    """Holds the job for QPrintPreviewDialog, which asks for the pages again on every change."""

    def __init__(self, pages_html: list[str], job: SheetJob, parent: QObject) -> None:
        super().__init__(parent)
        self._pages = pages_html
        self._job = job

    @Slot(QPrinter)
    def paint(self, printer: QPrinter) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            SheetPainter(self._pages, self._job, printer).paint(painter)
        finally:
            painter.end()


def preview_dialog(
    parent: QWidget | None,
    pages_html: list[str],
    *,
    title: str,
    cat: Catalogue,
    as_of: dt.date,
    page_size: str = "A4",
    private_notes: bool = False,
) -> QPrintPreviewDialog:
    """A print preview dialog, not yet shown (tests open it without blocking; preview() runs it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _configure_printer(printer, title, page_size)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("printing", "Print preview — {title}").format(title=title))
    job = SheetJob.for_catalogue(title, cat, as_of, private_notes=private_notes)
    renderer = _PreviewRenderer(pages_html, job, dialog)
    dialog.paintRequested.connect(renderer.paint)
    # The dialog keeps a pointer to the printer but does not own it: keep the Python object alive.
    dialog._exportref_printer = printer  # type: ignore[attr-defined]
    return dialog


def preview(
    parent: QWidget | None,
    pages_html: list[str],
    *,
    title: str,
    cat: Catalogue,
    as_of: dt.date,
    page_size: str = "A4",
    private_notes: bool = False,
) -> None:
    """Show the print preview; the user can print from it."""
    dialog = preview_dialog(
        parent, pages_html, title=title, cat=cat, as_of=as_of, page_size=page_size, private_notes=private_notes
    )
    dialog.exec()


# -- the matter-fields dialog -----------------------------------------------------------------------


@dataclass(frozen=True)
class PrintOptions:
    matter: MatterInfo
    include_notes: bool  # the user's private notes on the entries' sheets
    page_size: str
    all_sources: bool = False  # every source in full, not press reports beyond the first few summarised


def _settings() -> SettingsStore:
    """The app's one settings file (gui.settings), so print options sit beside the window's and
    tests that point XDG_CONFIG_HOME elsewhere are isolated."""
    from gui.settings import safe_qsettings, settings_path

    # Read by our own parser, never by QSettings, which would unpickle stored @Variant values.
    return safe_qsettings(settings_path())


def _str_setting(s: SettingsStore, key: str, default: str = "") -> str:
    # A value damaged by hand or written by another version falls back to the default.
    value = s.value(key)
    return value if isinstance(value, str) else default


def load_print_options() -> PrintOptions:
    """The matter fields and page size as last used. Private notes and all sources start off on every
    print: they are never read back, so a note written for oneself cannot reach a client's file because
    the box was ticked once, weeks ago."""
    s = _settings()
    page_size = _str_setting(s, "printing/page_size", "A4")
    return PrintOptions(
        MatterInfo(
            reference=_str_setting(s, "printing/matter_reference"),
            prepared_by=_str_setting(s, "printing/prepared_by"),
            note=_str_setting(s, "printing/matter_note"),
        ),
        include_notes=False,
        page_size=page_size if page_size in PAGE_SIZES else "A4",
    )


def save_print_options(options: PrintOptions) -> None:
    s = _settings()
    s.setValue("printing/matter_reference", options.matter.reference)
    s.setValue("printing/prepared_by", options.matter.prepared_by)
    s.setValue("printing/matter_note", options.matter.note)
    s.setValue("printing/page_size", options.page_size)
    s.sync()


class MatterDialog(QDialog):
    """Asks for the matter fields printed on a sheet, remembered for the next print, and whether to
    print the user's private notes and every source in full, which start off each time.

    `notes_possible` is False when what is printed is only a list (search results, a branch), which
    never carries notes: the box is then shown unticked and greyed, with the reason."""

    def __init__(self, parent: QWidget | None = None, *, what: str = "", notes_possible: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Summary sheet"))
        options = load_print_options()
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("These fields are printed in the sheet's title block. Leave them empty to omit them.")
            + (f"\n{what}" if what else "")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reference = QLineEdit(options.matter.reference)
        self.reference.setAccessibleName(self.tr("Matter or client reference"))
        self.prepared_by = QLineEdit(options.matter.prepared_by)
        self.prepared_by.setAccessibleName(self.tr("Prepared by"))
        self.note = QPlainTextEdit(options.matter.note)
        self.note.setAccessibleName(self.tr("Note for the sheet"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 12)
        self.page_size = QComboBox()
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setCurrentText(options.page_size)
        self.page_size.setAccessibleName(self.tr("Page size"))
        self.include_notes = QCheckBox(self.tr("Include my &private notes on the entries"))
        self.include_notes.setChecked(False)
        self.include_notes.setEnabled(notes_possible)
        self.include_notes.setToolTip(
            self.tr("Every page's footer then says “Includes private notes”. Off each time you print.")
            if notes_possible
            else self.tr("A list sheet carries no notes.")
        )
        self.all_sources = QCheckBox(self.tr("List every source in &full"))
        self.all_sources.setToolTip(self.tr("Otherwise press reports beyond the first six are summarised."))
        form.addRow(self.tr("&Matter / client reference:"), self.reference)
        form.addRow(self.tr("Prepared &by:"), self.prepared_by)
        form.addRow(self.tr("&Note on the sheet:"), self.note)
        form.addRow(self.tr("Page &size:"), self.page_size)
        form.addRow("", self.include_notes)
        form.addRow("", self.all_sources)
        layout.addLayout(form)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> PrintOptions:
        return PrintOptions(
            MatterInfo(self.reference.text().strip(), self.prepared_by.text().strip(), self.note.toPlainText().strip()),
            self.include_notes.isChecked() and self.include_notes.isEnabled(),
            self.page_size.currentText(),
            self.all_sources.isChecked(),
        )

    def accept(self) -> None:
        save_print_options(self.options())
        super().accept()


def ask_print_options(parent: QWidget | None, what: str = "", *, notes_possible: bool = True) -> PrintOptions | None:
    """Show the matter dialog; the chosen options (the matter fields remembered), or None if cancelled."""
    dialog = MatterDialog(parent, what=what, notes_possible=notes_possible)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()
