"""Sheets on paper: no table row cut in two by a page break, no heading alone at the foot of a page,
nothing left out, column headings again where a table goes on to the next page.

Checked two ways on the shipped data's longest sheets and on a list sheet: in the laid-out documents
the sheets are painted from (every row's lines on one page), and in real PDFs read back page by page
with pdftotext (a source's title and its address on the same page; every heading printed).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QSizeF
from PySide6.QtGui import QPdfWriter, QTextBlock, QTextDocument, QTextFrame, QTextTable
from PySide6.QtWidgets import QApplication

from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.present.html import render_list_sheet, render_sheet, short_address
from gui.fonts import load_bundled_fonts
from gui.page_breaks import keep_together
from gui.printing import SheetJob, SheetPainter, page_layout, write_pdf

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 1, 15)
# The shipped sheets with the most on them: several pages of control points, clauses, grouped
# controlled items, related controls, history and sources.
LONG = ["non-ferrous-metallurgy", "cn-mofcom-2025-10", "cn-mofcom-2025-56", "cn-tech-export-catalogue"]
ROW_MAX_PAGE_SHARE = 0.75  # taller rows may be cut (gui.page_breaks)


@pytest.fixture(scope="module")
def shipped() -> Catalogue:
    result = load_catalogue(REPO / "catalogue" / "data")
    assert result.complete, result.problems
    return result.catalogue


def laid_out(qapp: QApplication, pages_html: list[str], cat: Catalogue) -> list[QTextDocument]:
    """The documents as SheetPainter lays them out for an A4 PDF."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout("A4"))
    return SheetPainter(pages_html, SheetJob.for_catalogue("t", cat, AS_OF), writer).documents


def tables(frame: QTextFrame) -> Iterator[QTextTable]:
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from tables(child)


def cell_blocks(doc: QTextDocument, table: QTextTable, row: int) -> Iterator[QTextBlock]:
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue
        block, last = doc.findBlock(cell.firstPosition()), doc.findBlock(cell.lastPosition())
        while block.isValid():
            yield block
            if block == last:
                break
            block = block.next()


def faults(doc: QTextDocument) -> list[str]:
    """What is wrong with the document's pages, in words (nothing: an empty list)."""
    page_h = doc.pageSize().height()
    layout = doc.documentLayout()
    out: list[str] = []

    def page(y: float) -> int:
        return int(y // page_h)

    for table in tables(doc.rootFrame()):
        for row in range(table.rows()):
            rects = [layout.blockBoundingRect(b) for b in cell_blocks(doc, table, row)]
            top, bottom = min(r.top() for r in rects), max(r.bottom() for r in rects)
            text = doc.findBlock(table.cellAt(row, 0).firstPosition()).text()[:40]
            if page(top) != page(bottom - 0.01) and bottom - top <= ROW_MAX_PAGE_SHARE * page_h:
                out.append(f"row cut across pages {page(top) + 1}-{page(bottom) + 1}: {text!r}")
            spans_all = table.columns() > 1 and table.cellAt(row, 0).columnSpan() == table.columns()
            if spans_all and row + 1 < table.rows():
                first_below = next(cell_blocks(doc, table, row + 1))
                if page(top) != page(layout.blockBoundingRect(first_below).top()):
                    out.append(f"group heading row alone at the foot of page {page(top) + 1}: {text!r}")
    block = doc.begin()
    while block.isValid():
        if block.text().strip() and block.layout().lineCount() == 0:
            out.append(f"not laid out, so not printed: {block.text()[:40]!r}")
        if block.blockFormat().headingLevel() > 0:
            following = block.next()
            while following.isValid() and not following.text().strip():
                following = following.next()
            top = layout.blockBoundingRect(block).top()
            if following.isValid() and page(top) != page(layout.blockBoundingRect(following).top()):
                out.append(f"heading alone at the foot of page {page(top) + 1}: {block.text()!r}")
        block = block.next()
    return out


def test_long_sheets_have_no_cut_rows_and_no_stranded_headings(qapp: QApplication, shipped: Catalogue) -> None:
    """Regression: every sheet of more than a page cut a row (a control point's Chinese on one page,
    its English on the next; a source's title and its address apart)."""
    objs = [shipped.get(i) for i in LONG]
    docs = laid_out(qapp, render_sheet(objs, shipped, as_of=AS_OF), shipped)
    assert all(doc.pageCount() >= 2 for doc in docs)  # long enough to cross a page
    assert {ident: faults(doc) for ident, doc in zip(LONG, docs, strict=True)} == {i: [] for i in LONG}


def test_a_list_sheet_keeps_its_rows_whole(qapp: QApplication, shipped: Catalogue) -> None:
    entries = list(shipped.entries())
    (doc,) = laid_out(qapp, [render_list_sheet(entries, shipped, as_of=AS_OF)], shipped)
    assert doc.pageCount() >= 3
    assert faults(doc) == []


def page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.mark.usefixtures("pdftotext")
def test_on_paper_every_heading_and_the_closing_words_are_printed(
    qapp: QApplication, shipped: Catalogue, tmp_path: Path
) -> None:
    """Regression: after a heading was moved to the next page, the partial relayout Qt did left the
    blocks after a table unlaid — the sheet of 083201X printed without its "Sources" heading and
    without its closing paragraph (data set, fingerprint, disclaimer)."""
    for ident in LONG:
        (sheet,) = render_sheet([shipped.get(ident)], shipped, as_of=AS_OF)
        pdf = tmp_path / f"{ident}.pdf"
        write_pdf([sheet], pdf, title="t", cat=shipped, as_of=AS_OF)
        flat = re.sub(r"\s+", "", "".join(page_texts(pdf)))
        headings = [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h[123]>(.*?)</h[123]>", sheet)]
        assert "Sources" in headings
        missing = [h for h in headings if re.sub(r"\s+", "", h) not in flat]
        assert missing == [], ident
        assert "ThissheetshowswhattheExportRefdataholds" in flat, ident


@pytest.mark.usefixtures("pdftotext")
def test_on_paper_a_source_and_its_address_share_a_page(qapp: QApplication, shipped: Catalogue, tmp_path: Path) -> None:
    """Regression: a row of the sources table began at the foot of a page and ended on the next."""
    for ident in LONG:
        obj = shipped.get(ident)
        (sheet,) = render_sheet([obj], shipped, as_of=AS_OF)
        pdf = tmp_path / f"{ident}.pdf"
        write_pdf([sheet], pdf, title="t", cat=shipped, as_of=AS_OF)
        pages = [re.sub(r"\s+", "", p) for p in page_texts(pdf)]
        sources_start = next(n for n, p in enumerate(pages) if "#SourceKind" in p)
        printed = 0
        for source_id in obj.sources:
            src = shipped.sources[source_id]
            address = short_address(src.url)
            if not address:
                continue
            title = re.sub(r"\s+", "", html.unescape(src.title))[:30]
            on = [n for n, p in enumerate(pages) if n >= sources_start and title in p]
            if not on:
                continue  # a press report summarised in one line rather than listed
            printed += 1
            assert re.sub(r"\s+", "", address) in pages[on[0]], (ident, source_id)
        assert printed >= 2, ident


@pytest.mark.usefixtures("pdftotext")
def test_a_continued_table_repeats_its_column_headings(qapp: QApplication, shipped: Catalogue, tmp_path: Path) -> None:
    (sheet,) = render_sheet([shipped.get("cn-mofcom-2025-10")], shipped, as_of=AS_OF)
    pdf = tmp_path / "items.pdf"
    write_pdf([sheet], pdf, title="t", cat=shipped, as_of=AS_OF)
    pages = page_texts(pdf)
    with_items = [n for n, p in enumerate(pages) if re.search(r"^ *(1C117|6C001|3C004)", p, re.M)]  # rows, not prose
    assert len(with_items) >= 2  # the controlled items run over more than one page
    for n in with_items:
        assert re.search(r"Control code\s+Item\s+Customs codes\s+Valid", pages[n]), n + 1


@pytest.mark.usefixtures("pdftotext")
def test_a_long_address_breaks_after_a_slash(qapp: QApplication, shipped: Catalogue, tmp_path: Path) -> None:
    """The official address of an announcement is printed in full; when it is wider than its column it
    wraps after a "/" of the path, never inside a word of it."""
    obj = shipped.get("cn-mofcom-2025-70")
    assert obj is not None and obj.url and len(obj.url) > 100
    (sheet,) = render_sheet([obj], shipped, as_of=AS_OF)
    pdf = tmp_path / "address.pdf"
    write_pdf([sheet], pdf, title="t", cat=shipped, as_of=AS_OF)
    lines = page_texts(pdf)[0].splitlines()
    start = next(n for n, line in enumerate(lines) if "Official text" in line)
    first = lines[start].split("Official text", 1)[1].strip()
    rest = lines[start + 1].strip()
    assert obj.url.startswith(first) and first != obj.url and first.endswith("/")
    assert first + rest == obj.url


# -- the mechanism, on documents made for the purpose -------------------------------------------------


def paged(body: str, page_h: float = 300.0) -> QTextDocument:
    load_bundled_fonts()
    doc = QTextDocument()
    doc.setHtml(f"<html><body>{body}</body></html>")
    doc.setPageSize(QSizeF(400, page_h))
    return doc


def row(text: str, lines: int) -> str:
    return f"<tr><td>{text}</td><td>{'<br>'.join(f'line {i}' for i in range(lines))}</td></tr>"


def test_headings_are_kept_with_what_follows(qapp: QApplication) -> None:
    """Whatever the filler above it, a heading never ends a page while its table starts the next."""
    moved_any = 0
    for filler in range(10, 40):
        body = "".join(f"<p>Filler paragraph {i}</p>" for i in range(filler))
        doc = paged(f"{body}<h2>Sources</h2><table border=1><tr><td>row</td></tr></table>")
        moved_any += keep_together(doc)
        assert faults(doc) == [], filler
    assert moved_any > 0  # some filler length did put the heading at the foot of a page


def test_rows_move_whole_and_take_their_group_heading_and_table_heading(qapp: QApplication) -> None:
    moved_any = 0
    for filler in range(2, 24):
        body = "".join(f"<p>Filler {i}</p>" for i in range(filler))
        table = (
            "<h2>Controlled items</h2><table border=1><thead><tr><th>Code</th><th>Item</th></tr></thead>"
            + row("a", 3)
            + "<tr><td colspan=2><b>Group</b></td></tr>"
            + "".join(row(f"r{i}", 4) for i in range(6))
            + "</table><p>After the table</p>"
        )
        doc = paged(body + table)
        pages_before = doc.pageCount()
        moved_any += keep_together(doc)
        assert faults(doc) == [], filler
        assert doc.pageCount() <= pages_before + 1, filler  # a move costs a page at most, never a blank one
    assert moved_any > 0


def test_a_row_taller_than_most_of_a_page_is_left_to_be_cut(qapp: QApplication) -> None:
    doc = paged("<p>Filler</p>" * 5 + "<table border=1>" + row("tall", 30) + "</table>")
    keep_together(doc)
    layout = doc.documentLayout()
    first_cell = doc.findBlock(1)
    while first_cell.isValid() and first_cell.text() != "tall":
        first_cell = first_cell.next()
    assert layout.blockBoundingRect(first_cell).top() < 300  # still starts on the first page


def test_a_moved_row_leaves_no_empty_band_under_the_repeated_headings(qapp: QApplication) -> None:
    """A row moved to the next page is moved by ending the row above it with a page break; the rest of
    that row (its bottom padding) used to follow onto the next page as an empty band of the table
    under the repeated column headings. What is left of it now is the cell's top padding and borders
    (cellpadding 5, border 1: at most 7), not a padding more (12 before)."""
    head = "<table border=1 cellspacing=0 cellpadding=5><thead><tr><th>Code</th><th>Item</th></tr></thead>"

    def offsets(doc: QTextDocument) -> list[tuple[int, float]]:
        """(page, offset from the page's top) of each row's first line after the column headings."""
        table = next(tables(doc.rootFrame()))
        layout, page_h = doc.documentLayout(), doc.pageSize().height()
        out = []
        for r in range(1, table.rows()):
            y = min(layout.blockBoundingRect(b).top() for b in cell_blocks(doc, table, r))
            out.append((int(y // page_h), y - int(y // page_h) * page_h))
        return out

    # A table whose first row starts a page: where a row under the headings starts, with no band.
    reference = paged('<p style="page-break-after:always">x</p>' + head + row("r0", 3) + "</table>")
    [(_page, clean)] = offsets(reference)
    bands = []
    for filler in range(12):
        doc = paged("".join(f"<p>F{i}</p>" for i in range(filler)) + head + "".join(row(f"r{i}", 4) for i in range(8)))
        assert keep_together(doc) > 0
        rows = offsets(doc)
        bands += [offset - clean for (page, offset), (before, _) in zip(rows[1:], rows, strict=False) if page != before]
    assert bands and max(bands) <= 7, bands
