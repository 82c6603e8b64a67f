"""What leaves the window: print, print preview, Export PDF, and the citation copied to the clipboard.

Three things can be printed: the page shown (an entry, a measure, or a branch of the tree as a list),
the search results (one list), and the bookmarks (a list, then a sheet per bookmark). The HTML comes
from catalogue.present.html; gui.printing lays it out on paper, the same way for the printer, the preview
and the PDF. The citation names the record shown with its status on the as-of date
(catalogue.present.citation).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from catalogue.i18n import Language, parse_language
from catalogue.model import Catalogue
from catalogue.present.citation import cite_with_status
from catalogue.userdata import UserData

if TYPE_CHECKING:  # printing (QtPrintSupport) is imported on first use, not at start-up
    from gui.printing import PrintOptions
    from gui.reading_pane import Branch, ReadingPane
    from gui.search_panel import SearchPanel

SCOPES = ("page", "results", "bookmarks")


class OutputSource(Protocol):
    """What the window shows, as the output needs it (MainWindow is one)."""

    @property
    def cat(self) -> Catalogue: ...
    @property
    def userdata(self) -> UserData: ...
    @property
    def as_of(self) -> dt.date: ...
    @property
    def current_id(self) -> str | None: ...
    @property
    def branch(self) -> Branch | None: ...
    @property
    def search_panel(self) -> SearchPanel: ...
    @property
    def reading(self) -> ReadingPane: ...


class Printout(NamedTuple):
    """What one print, preview or PDF holds."""

    pages: list[str]  # HTML documents, each starting on a new page
    title: str
    private_notes: bool  # some sheet carries the user's own note (the footer then says so)


def file_stem(title: str) -> str:
    """A safe default file name from a page title (keeps CJK, drops path and shell characters)."""
    stem = re.sub(r"[\\/:*?\"<>|\s·]+", "-", title).strip("-.")
    return stem[:80] or "exportref"


class PageOutput(QObject):
    """Prints, previews or exports what a scope names, and copies citations; reports in the window's
    status bar."""

    def __init__(self, window: QMainWindow, source: OutputSource) -> None:
        super().__init__(window)
        self._window = window
        self._source = source

    def citation(self, lang: Language | None = None) -> str | None:
        """The citation of the record shown, in `lang` (default: the window's language)."""
        src = self._source
        obj = src.cat.get(src.current_id) if src.current_id else None
        return cite_with_status(obj, src.cat, src.as_of, lang=lang) if obj is not None else None

    def copy_citation(self, lang: str = "") -> None:
        """Copy the citation in "zh" or "en", or ("") in the window's language."""
        text = self.citation(parse_language(lang))
        status = self._window.statusBar()
        if text is None:
            status.showMessage(self.tr("Open an entry or measure to cite it."), 4000)
            return
        QGuiApplication.clipboard().setText(text)
        status.showMessage(self.tr("Citation copied: {text}").format(text=text), 8000)

    def notes_possible(self, scope: str) -> bool:
        """Whether what `scope` prints has entry sheets, which can carry notes (a list never does)."""
        return scope == "bookmarks" or (scope == "page" and self._source.current_id is not None)

    def pages(self, scope: str, options: PrintOptions) -> Printout | None:
        """The HTML documents and title for what is printed: "page" (the entry or branch shown),
        "results" (the search results) or "bookmarks" (a list, then a sheet per bookmark)."""
        from catalogue.present.html import page_title, render_list_sheet, render_sheet  # Jinja2 on first use

        src = self._source
        cat, as_of, matter, in_full = src.cat, src.as_of, options.matter, options.all_sources
        english = src.reading.show_english  # sheets read as the page does: our English only when it is shown
        notes = {n.entry_id: n.text for n in src.userdata.notes()} if options.include_notes else {}

        def sheets(objs: Sequence[object]) -> tuple[list[str], bool]:
            printed = any((notes.get(str(getattr(o, "id", ""))) or "").strip() for o in objs)
            return render_sheet(
                objs, cat, as_of=as_of, matter=matter, notes=notes, all_sources=in_full, show_en=english
            ), printed

        if scope == "page":
            if src.current_id:
                obj = cat.get(src.current_id)
                pages, private = sheets([obj])
                return Printout(pages, page_title(obj), private)
            branch = src.branch
            if branch is not None and branch.objects:
                page = render_list_sheet(
                    list(branch.objects),
                    cat,
                    as_of=as_of,
                    title=branch.title,
                    matter=matter,
                    all_sources=in_full,
                    show_en=english,
                )
                return Printout([page], branch.title, False)
            return None
        if scope == "results":
            found = [o for o in (cat.get(i) for i in src.search_panel.result_ids()) if o is not None]
            if not found:
                return None
            title = self.tr("Search results for “{q}”").format(q=src.search_panel.query)
            page = render_list_sheet(
                found, cat, as_of=as_of, title=title, matter=matter, all_sources=in_full, show_en=english
            )
            return Printout([page], title, False)
        if scope == "bookmarks":
            objs = [o for o in (cat.get(b.entry_id) for b in src.userdata.bookmarks()) if o is not None]
            if not objs:
                return None
            title = self.tr("Bookmarks")
            listing = render_list_sheet(
                objs, cat, as_of=as_of, title=title, matter=matter, all_sources=in_full, show_en=english
            )
            pages, private = sheets(objs)
            return Printout([listing, *pages], title, private)
        raise ValueError(f"unknown print scope {scope!r}")

    def export_pdf(self, scope: str, path: Path, options: PrintOptions) -> int:
        """Write what `scope` names to a PDF; returns the page count (0: nothing to print)."""
        printout = self.pages(scope, options)
        if printout is None:
            return 0
        from gui.printing import write_pdf

        src = self._source
        return write_pdf(
            printout.pages,
            path,
            title=f"ExportRef — {printout.title}",
            cat=src.cat,
            as_of=src.as_of,
            page_size=options.page_size,
            private_notes=printout.private_notes,
        )

    def _nothing_to_print(self, scope: str) -> None:
        message = {
            "page": self.tr("Open an entry or a branch first."),
            "results": self.tr("There are no search results to print."),
            "bookmarks": self.tr("There are no bookmarks yet (Ctrl+D bookmarks the page you are reading)."),
        }[scope]
        self._window.statusBar().showMessage(message, 6000)

    def run(self, kind: str, scope: str) -> None:
        """Print, preview or export ("print", "preview", "pdf"): asks for the matter fields, then for a
        printer or a file name."""
        from gui.printing import ask_print_options, preview, print_with_dialog, write_pdf

        window, src = self._window, self._source
        options = ask_print_options(window, notes_possible=self.notes_possible(scope))
        if options is None:
            return
        printout = self.pages(scope, options)
        if printout is None:
            self._nothing_to_print(scope)
            return
        pages, doc_title = printout.pages, f"ExportRef — {printout.title}"
        cat, as_of, page_size, private = src.cat, src.as_of, options.page_size, printout.private_notes
        if kind == "print":
            print_with_dialog(
                window, pages, title=doc_title, cat=cat, as_of=as_of, page_size=page_size, private_notes=private
            )
        elif kind == "preview":
            preview(window, pages, title=doc_title, cat=cat, as_of=as_of, page_size=page_size, private_notes=private)
        else:
            suggested = str(Path.home() / f"{file_stem(printout.title)}.pdf")
            name, _filter = QFileDialog.getSaveFileName(
                window, self.tr("Export PDF"), suggested, self.tr("PDF files (*.pdf)")
            )
            if not name:
                return
            path = Path(name if name.lower().endswith(".pdf") else name + ".pdf")
            try:
                count = write_pdf(
                    pages, path, title=doc_title, cat=cat, as_of=as_of, page_size=page_size, private_notes=private
                )
            except OSError as exc:
                QMessageBox.warning(window, self.tr("PDF not written"), str(exc))
                return
            window.statusBar().showMessage(self.tr("Wrote {path} (%n page(s))", "", count).format(path=path), 8000)
