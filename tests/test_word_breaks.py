"""Lines break between words, never inside one ("requireme|nt"), on screen and on paper; badges in a
sheet's header stay on one line."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PySide6.QtGui import QPdfWriter, QTextDocument
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.present.html import render_detail, render_sheet
from gui.detail_view import EntryView
from gui.printing import SheetJob, SheetPainter, page_layout, write_pdf

DAY = dt.date(2026, 1, 15)


def mid_word_breaks(doc: QTextDocument) -> list[str]:
    """Every line (in paragraphs and table cells) that starts inside a Latin word."""
    out = []
    block = doc.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        for i in range(1, layout.lineCount()):
            start = layout.lineAt(i).textStart()
            if (
                0 < start < len(text)
                and text[start - 1].isascii()
                and text[start - 1].isalpha()
                and text[start].isalpha()
                and text[start].isascii()
            ):
                out.append(f"{text[max(0, start - 12) : start]}|{text[start : start + 12]}")
        block = block.next()
    return out


def test_the_detail_view_breaks_between_words_in_a_narrow_pane(qtbot: QtBot) -> None:
    cat = load_catalogue().catalogue
    view = EntryView()
    qtbot.addWidget(view)
    view.resize(420, 600)  # a narrow pane: table cells are tight
    view.show()
    qtbot.waitExposed(view)
    for ident in ("cn-mofcom-2024-46", "083201X", "cn-export-control-law"):
        view.show_page(ident, render_detail(cat.get(ident), cat, as_of=DAY))
        view.document().adjustSize()
        assert mid_word_breaks(view.document()) == [], ident


def test_sheets_keep_words_whole_and_badges_on_one_line(qapp: object, tmp_path: Path) -> None:
    cat = load_catalogue().catalogue
    objs = [cat.get(i) for i in cat.all_ids()]
    pages = render_sheet([o for o in objs if o is not None], cat, as_of=DAY)
    writer = QPdfWriter(str(tmp_path / "layout.pdf"))
    writer.setPageLayout(page_layout("A4"))
    sheets = SheetPainter(pages, SheetJob.for_catalogue("t", cat, DAY, None), writer)
    broken = [(i, b) for i, doc in enumerate(sheets.documents) for b in mid_word_breaks(doc)]
    assert broken == []
    # The badge row of the US measure's sheet: "IN FORCE IN PART" on one line.
    pdf = tmp_path / "measure.pdf"
    write_pdf(render_sheet([cat.get("cn-mofcom-2024-46")], cat, as_of=DAY), pdf, title="t", cat=cat, as_of=DAY)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "IN FORCE IN PART" in text


def test_long_web_addresses_wrap_on_screen_and_copy_whole(qtbot: QtBot) -> None:
    """A page whose sources hold long addresses (083201X cites a 200-character encoded one) fits the
    view's width at 1366×768, where it used to be pushed out to about 1,045 pixels with a horizontal
    scroll bar; copying the address gives it as written, without the breaks the page offers."""
    cat = load_catalogue().catalogue
    view = EntryView()
    qtbot.addWidget(view)
    view.resize(780, 600)  # the page's width beside the tree on a 1366-pixel screen
    view.show()
    qtbot.waitExposed(view)
    entry = cat.get("083201X")
    urls = [cat.sources[s].url for s in entry.sources if cat.sources[s].url]
    longest = max(urls, key=len)
    assert len(longest) > 150
    view.show_page("083201X", render_detail(entry, cat, as_of=DAY))
    assert view.document().size().width() <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    found = view.find(longest[:40])
    assert not found  # the page's text holds break opportunities inside the address...
    view.selectAll()
    copied = view.createMimeDataFromSelection().text()
    assert longest in copied  # ...which a copy leaves out
    assert "\u200b" not in copied


def test_a_token_too_long_to_be_a_word_gets_break_opportunities_and_copies_whole(
    qtbot: QtBot, minimal_data: Path
) -> None:
    """A data value with a 199,000-character run and no space (hostile or broken data) took 5 s to
    lay out (Qt's cost grows with the square of an unbroken run). The page offers breaks inside such
    a run, so its longest piece is short; the text copied is the data's, whole. Chinese text, which Qt
    breaks between characters anyway, is left exactly as it is (a PDF's text layer keeps its words)."""
    import re

    token = "x" * 199_000
    path = minimal_data / "instruments" / "cn-tech-export-catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rationale: {en: Test rationale.}", f"rationale: {{en: {token}}}", 1), "utf-8")
    cat = load_catalogue(minimal_data).catalogue
    entry = cat.get("non-ferrous-metallurgy")
    html = render_detail(entry, cat, as_of=DAY)
    assert max(len(run) for run in re.findall(r"x+", html)) <= 80
    assert "有色金属冶金技术" in html  # a Chinese name untouched
    view = EntryView()
    qtbot.addWidget(view)
    view.resize(780, 600)
    view.show_page("non-ferrous-metallurgy", html)
    view.selectAll()
    copied = view.createMimeDataFromSelection().text()
    assert token in copied and "\u200b" not in copied


def test_a_long_unbroken_note_gets_the_same_break_opportunities_on_the_page() -> None:
    """The user's note goes through the templates like the data: a 90,000-character run (within the
    note's limit) is offered a break every 80 characters; a Chinese note is left as typed."""
    import re

    cat = load_catalogue().catalogue
    entry = cat.get("083201X")
    html = render_detail(entry, cat, as_of=DAY, note="y" * 90_000)
    assert max(len(run) for run in re.findall(r"y+", html)) <= 80
    chinese = "稀土" * 400
    assert chinese in render_detail(entry, cat, as_of=DAY, note=chinese)
