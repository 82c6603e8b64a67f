"""Page breaks on a sheet: headings kept with what follows them, table rows kept whole.

Qt's rich text knows no `page-break-after: avoid` and no `break-inside: avoid`: laid out on pages, a
section title can end a page while its table starts the next, and a table row is cut between two
lines of one cell, so that a source's title is on one page and its address on the next. A lawyer
reads a cut row as two rows, or misses the second half.

So after the first layout the document is checked in reading order, and the first fault found is
mended with a page break, the layout is redone, and the check goes on from there:

- a heading whose next line starts on a later page is moved to the next page;
- a table row that starts on one page and ends on the next is moved whole to the next page — unless
  it is too tall to fit on a page anyway (more than `ROW_MAX_PAGE_SHARE` of one), where cutting it is
  the lesser harm than a page left mostly blank;
- a row that is one cell across the whole table is a sub-heading of the rows below it (the groups of a
  measure's controlled items) and is kept with the next row.

A table's first row moves with the whole table (the column headings, `<thead>` in the templates,
repeat on every page Qt continues a table on). Any heading just before what moves goes with it,
rather than being stranded in its turn. A later row is moved by ending the row above it with a page
break in each of its cells, which is how Qt itself drops a row that does not fit: the row above is
drawn to the foot of the page. A page break on the moved row's own cells would not do: Qt lays a
dropped row out again at the top of the next page, where the break would push it on once more.

After every change the whole document is marked for layout again. The layout Qt redoes by itself
after a format change is partial, and blocks after a table could be left with no lines at all, that
is, not printed: the sheet's Sources heading and its closing paragraph went missing that way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument, QTextFormat, QTextFrame, QTextTable

ROW_MAX_PAGE_SHARE = 0.75  # a row taller than this share of a page is cut rather than moved
AT_TOP = 1.0  # points (device pixels) from the top of a page within which a block already starts a page


@dataclass(frozen=True)
class _Fault:
    position: int  # where in the document it is: faults are mended in reading order
    table: QTextTable | None  # the table whose row (or whose start) is to move; None: a heading
    row: int = 0
    heading: QTextBlock | None = None


def keep_together(doc: QTextDocument, max_moves: int | None = None) -> int:
    """Mend the document's page breaks (see the module docstring); returns how many breaks it added."""
    page_h = doc.pageSize().height()
    if page_h <= 0:
        return 0  # not laid out in pages
    limit = max_moves if max_moves is not None else doc.blockCount() + 1
    moved = 0
    start = 0
    while moved < limit:
        fault = _first_fault(doc, page_h, start)
        if fault is None:
            break
        # One edit: the layout is redone once for all the cells of a row, not once per cell.
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        changed, start = _mend(doc, fault)
        # The layout Qt redoes after a format change can leave later blocks unlaid (module docstring):
        # everything from the change on is laid out again (what is above it cannot have moved).
        doc.markContentsDirty(changed, doc.characterCount() - changed)
        edit.endEditBlock()
        moved += 1
    return moved


# -- finding the first fault ------------------------------------------------------------------------------


def _page(y: float, page_h: float) -> int:
    return int(y // page_h)


def _at_page_top(y: float, page_h: float) -> bool:
    return y - _page(y, page_h) * page_h < AT_TOP


def _tables(frame: QTextFrame) -> Iterator[QTextTable]:
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from _tables(child)


def _row_extent(doc: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    """The top of the row's first line and the bottom of its last, over all its cells."""
    layout = doc.documentLayout()
    top, bottom = float("inf"), float("-inf")
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        if cell.row() != row or cell.column() != column:
            continue  # the rest of a cell that spans rows or columns
        block = doc.findBlock(cell.firstPosition())
        last = doc.findBlock(cell.lastPosition())
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            top, bottom = min(top, rect.top()), max(bottom, rect.bottom())
            if block == last:
                break
            block = block.next()
    return top, bottom


def _is_subheading_row(table: QTextTable, row: int) -> bool:
    cell = table.cellAt(row, 0)
    return table.columns() > 1 and row + 1 < table.rows() and cell.columnSpan() == table.columns()


def _row_fault(doc: QTextDocument, table: QTextTable, page_h: float, start: int) -> _Fault | None:
    for row in range(table.rows()):
        position = table.cellAt(row, 0).firstPosition()
        if position < start:
            continue
        top, bottom = _row_extent(doc, table, row)
        if top == float("inf") or _at_page_top(top, page_h):
            continue
        cut = _page(top, page_h) != _page(bottom - 0.01, page_h)
        if cut and bottom - top <= ROW_MAX_PAGE_SHARE * page_h:
            return _Fault(position, table, row)
        if _is_subheading_row(table, row):
            next_top, _ = _row_extent(doc, table, row + 1)
            if _page(top, page_h) != _page(next_top, page_h):
                return _Fault(position, table, row)
    return None


def _next_text_block(block: QTextBlock) -> QTextBlock:
    """The block after `block` that shows something (spacer paragraphs skipped), or an invalid one."""
    following = block.next()
    while following.isValid() and not following.text().strip():
        following = following.next()
    return following


def _heading_fault(doc: QTextDocument, page_h: float, start: int) -> _Fault | None:
    layout = doc.documentLayout()
    block = doc.findBlock(start) if start > 0 else doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            following = _next_text_block(block)
            if following.isValid():
                top = layout.blockBoundingRect(block).top()
                next_top = layout.blockBoundingRect(following).top()
                if not _at_page_top(top, page_h) and _page(top, page_h) != _page(next_top, page_h):
                    return _Fault(block.position(), None, heading=block)
        block = block.next()
    return None


def _first_fault(doc: QTextDocument, page_h: float, start: int) -> _Fault | None:
    faults = [f for f in (_row_fault(doc, t, page_h, start) for t in _tables(doc.rootFrame())) if f is not None]
    heading = _heading_fault(doc, page_h, start)
    if heading is not None:
        faults.append(heading)
    return min(faults, key=lambda f: f.position, default=None)


# -- mending it -----------------------------------------------------------------------------------------


def _heading_above(block: QTextBlock) -> QTextBlock | None:
    """The heading just above `block` (spacer paragraphs between them skipped), if there is one."""
    above = block.previous()
    while above.isValid() and not above.text().strip():
        above = above.previous()
    return above if above.isValid() and above.blockFormat().headingLevel() > 0 else None


def _break_before(block: QTextBlock) -> tuple[int, int]:
    """A page break before `block`, or before the headings just above it, which go with it."""
    while (above := _heading_above(block)) is not None:
        block = above
    fmt = QTextBlockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).mergeBlockFormat(fmt)
    return block.position(), block.position()


def _move_row(doc: QTextDocument, table: QTextTable, row: int) -> tuple[int, int]:
    """A page break before `row`, or before the sub-heading rows just above it, which go with it; at
    the table's first row, before the table and any heading just above it."""
    first = table.format().headerRowCount()
    while row - 1 >= first and _is_subheading_row(table, row - 1):
        row -= 1
    if row <= first:
        heading = _heading_above(doc.findBlock(table.firstPosition()))
        if heading is not None:
            return _break_before(heading)
        fmt = table.format()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        table.setFormat(fmt)
        start = table.firstPosition() - 1  # the table's own start, before its first cell
        return start, start
    end_row = QTextBlockFormat()
    end_row.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
    changed = table.cellAt(row, 0).firstPosition()
    for column in range(table.columns()):
        cell = table.cellAt(row - 1, column)
        if cell.column() == column and cell.row() + cell.rowSpan() - 1 == row - 1:
            block = doc.findBlock(cell.lastPosition())
            QTextCursor(block).mergeBlockFormat(end_row)
            changed = min(changed, block.position())
            # What follows the break in a cell is its bottom padding, drawn on the next page as an
            # empty band under the repeated column headings: the row ends at the foot of the page
            # anyway, so it needs none.
            cell_format = cell.format().toTableCellFormat()
            cell_format.setBottomPadding(0)
            cell.setFormat(cell_format)
    return changed, table.cellAt(row, 0).firstPosition()


def _mend(doc: QTextDocument, fault: _Fault) -> tuple[int, int]:
    """Add the page break that mends `fault`; returns where the change starts (the layout is redone
    from there) and where what moved starts (the check goes on from there)."""
    if fault.heading is not None:
        return _break_before(fault.heading)
    assert fault.table is not None
    return _move_row(doc, fault.table, fault.row)
