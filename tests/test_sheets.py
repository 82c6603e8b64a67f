"""Printed summary sheets: real PDFs written through gui.printing and read back with poppler.

The checks: Chinese names and control points are found exactly in the PDF's text
layer (no Kangxi radicals), the number, status, as-of and verified-to dates are there, every font is
embedded, every page has the footer, multi-entry PDFs have the right page count.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_data import HOSTILE, hostile_catalogue
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.qtbot import QtBot

import gui.fonts
from catalogue.load import load_catalogue
from catalogue.model import Catalogue, Entry, Instrument
from catalogue.present.html import DISCLAIMER, MatterInfo, render_detail, render_list_sheet, render_sheet
from catalogue.resources import BUNDLED_FONT_FAMILY
from catalogue.time import status_of
from gui.fonts import FontError, load_bundled_fonts
from gui.printing import (
    MatterDialog,
    PrintOptions,
    load_print_options,
    preview_dialog,
    save_print_options,
    write_pdf,
)

pytestmark = pytest.mark.usefixtures("pdftotext")

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 1, 1)
PRINTED_ON = dt.date(2026, 2, 3)
RADICALS = re.compile("[\u2e80-\u2fdf]")


def pdftotext(path: Path, page: int | None = None) -> str:
    # -raw keeps the content-stream order, so a table cell's wrapped lines stay together.
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without whitespace: table cells wrap long Chinese across lines."""
    return re.sub(r"\s+", "", text)


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    result = load_catalogue(FIXTURES / "minimal")
    assert result.complete, result.problems
    return result.catalogue


def _sheet(cat: Catalogue, ident: str, path: Path, **kwargs: object) -> int:
    obj = cat.get(ident)
    assert obj is not None
    pages = render_sheet([obj], cat, as_of=AS_OF, matter=MatterInfo("ACME-2026-014", "J. Smith", ""))
    return write_pdf(pages, path, title=f"Sheet {ident}", cat=cat, as_of=AS_OF, printed_on=PRINTED_ON, **kwargs)  # type: ignore[arg-type]


def test_bundled_font_loads_and_is_the_stylesheets_font(qapp: QApplication) -> None:
    assert load_bundled_fonts() == BUNDLED_FONT_FAMILY == "WenQuanYi Micro Hei"
    assert (REPO / "resources" / "fonts" / "wqy-microhei-COPYRIGHT.txt").read_text(encoding="utf-8").count("Apache")


def test_pages_name_the_bundled_font_for_chinese(qapp: QApplication, cat: Catalogue) -> None:
    """The stylesheet itself selects the bundled font, so the detail view does not depend on the
    system's fallback (which may pick Noto CJK and its radical code points)."""
    load_bundled_fonts()
    doc = QTextDocument()
    doc.setHtml(render_detail(cat.get("083201X"), cat, as_of=AS_OF))
    found = doc.find("有色金属冶金技术")
    assert not found.isNull()
    assert found.charFormat().font().family() == BUNDLED_FONT_FAMILY


def test_missing_font_fails_loudly(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gui.fonts, "_loaded_family", None)
    monkeypatch.setattr(gui.fonts, "FONT_FILE", "no-such-font.ttc")
    with pytest.raises(FontError, match="missing"):
        load_bundled_fonts()


def test_entry_sheet_pdf(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    entry = cat.get("non-ferrous-metallurgy")
    assert isinstance(entry, Entry)
    pdf = tmp_path / "entry.pdf"
    count = _sheet(cat, entry.id, pdf)
    assert int(pdfinfo(pdf)["Pages"]) == count >= 1
    text = pdftotext(pdf)
    flat = squeezed(text)
    assert not RADICALS.findall(text)
    assert entry.name.zh is not None and entry.name.zh in flat
    for cp in entry.control_points_on(AS_OF):
        if cp.text.zh:
            assert squeezed(cp.text.zh) in flat
    assert entry.number is not None and entry.number in text
    status = status_of(entry, AS_OF, cat)
    assert status is not None
    assert "RESTRICTED" in text and squeezed(status.text) in flat
    assert squeezed(f"Status determined as of {AS_OF}") in flat
    assert squeezed(f"Data verified to {cat.verified_to}") in flat
    assert "ACME-2026-014" in text


def test_measure_sheet_pdf(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    measure = cat.get("cn-mofcom-2024-46")
    assert isinstance(measure, Instrument)
    pdf = tmp_path / "measure.pdf"
    _sheet(cat, measure.id, pdf)
    text = pdftotext(pdf)
    flat = squeezed(text)
    assert not RADICALS.findall(text)
    assert measure.title.zh is not None and squeezed(measure.title.zh) in flat
    assert squeezed(measure.short_title) in flat
    for clause in measure.clauses:
        st = status_of(clause, AS_OF, cat)
        assert st is not None and squeezed(st.label) in flat
    para2 = cat.get("cn-mofcom-2024-46-para-2")
    st2 = status_of(para2, AS_OF, cat)
    assert st2 is not None and st2.badge == "suspended"
    assert "suspendedsuspendeduntil2026-11-27" in flat  # para. 2's badge, then the status engine's words


def test_list_sheet_pdf(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    objs: list[object] = [*cat.entries(), *cat.instruments]
    html = render_list_sheet(objs, cat, as_of=AS_OF, title="Search results: 镓")
    pdf = tmp_path / "list.pdf"
    write_pdf([html], pdf, title="List", cat=cat, as_of=AS_OF)
    text = pdftotext(pdf)
    flat = squeezed(text)
    assert not RADICALS.findall(text)
    assert "Searchresults:镓" in flat
    for entry in cat.entries():
        assert entry.number is not None and entry.number in text
        assert entry.name.zh is not None and entry.name.zh in flat
    for inst in cat.instruments:
        if inst.title.zh:
            assert squeezed(inst.title.zh) in flat


def test_every_font_is_embedded(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    pdf = tmp_path / "fonts.pdf"
    _sheet(cat, "non-ferrous-metallurgy", pdf)
    fonts = pdffonts(pdf)
    assert fonts, "no fonts listed"
    for row in fonts:
        # columns: name type… encoding emb sub uni object ID; the three yes/no flags sit before the id
        assert row[-5] == "yes", f"font not embedded: {row}"
    assert any("WenQuanYi" in row[0] for row in fonts)


def test_multi_entry_pdf_has_each_entry_on_its_own_pages(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    ids = ["non-ferrous-metallurgy", "cn-mofcom-2024-46", "traditional-architecture-restricted"]
    singles = [_sheet(cat, ident, tmp_path / f"{ident}.pdf") for ident in ids]
    objs = [cat.get(i) for i in ids]
    pdf = tmp_path / "all.pdf"
    count = write_pdf(render_sheet(objs, cat, as_of=AS_OF), pdf, title="Three", cat=cat, as_of=AS_OF)
    assert count == sum(singles) == int(pdfinfo(pdf)["Pages"])
    assert count >= len(ids)
    first_pages = [1, 1 + singles[0], 1 + singles[0] + singles[1]]
    titles = ["有色金属冶金技术", "关于加强相关两用物项对美国出口管制的公告", "中国传统建筑技术"]
    for page, title in zip(first_pages, titles, strict=True):
        assert "Summary sheet" in pdftotext(pdf, page)
        assert title in squeezed(pdftotext(pdf, page))


def test_footer_on_every_page(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    objs = [cat.get(i) for i in cat.all_ids()]
    pdf = tmp_path / "many.pdf"
    count = write_pdf(
        render_sheet(objs, cat, as_of=AS_OF), pdf, title="All", cat=cat, as_of=AS_OF, printed_on=PRINTED_ON
    )
    assert count > len(objs) - 1
    for page in range(1, count + 1):
        flat = squeezed(pdftotext(pdf, page))
        assert f"Page{page}of{count}" in flat
        assert f"Dataverifiedto{cat.verified_to}" in flat
        assert f"printedon{PRINTED_ON}" in flat
        assert f"datafingerprint{cat.fingerprint}" in flat
        assert squeezed(DISCLAIMER) in flat
        assert f"Statusasof{AS_OF}" in flat  # the running header


def test_pdf_metadata(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    pdf = tmp_path / "meta.pdf"
    _sheet(cat, "non-ferrous-metallurgy", pdf)
    info = pdfinfo(pdf)
    assert info["Title"] == "Sheet non-ferrous-metallurgy"
    assert info["Creator"].startswith("ExportRef")
    assert f"status as of {AS_OF}" in info["Subject"] and cat.fingerprint in info["Subject"]
    assert info["Page size"].endswith("(A4)")


def test_letter_page_size(qapp: QApplication, cat: Catalogue, tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    _sheet(cat, "non-ferrous-metallurgy", pdf, page_size="Letter")
    assert pdfinfo(pdf)["Page size"].startswith("612 x 792")
    with pytest.raises(ValueError, match="page size"):
        _sheet(cat, "non-ferrous-metallurgy", tmp_path / "x.pdf", page_size="A3")


def test_detail_page_requests_no_resources(qapp: QApplication, cat: Catalogue, minimal_data: Path) -> None:
    """Rendered in a real QTextBrowser, no page asks Qt to load anything (image, stylesheet, file)."""

    class Recorder(QTextBrowser):
        def __init__(self) -> None:
            super().__init__()
            self.requested: list[str] = []

        def loadResource(self, kind: int, name: QUrl) -> object:
            self.requested.append(name.toString())
            return None

    hostile = hostile_catalogue(minimal_data)
    view = Recorder()
    for ident in hostile.all_ids():
        obj = hostile.get(ident)
        view.setHtml(render_detail(obj, hostile, as_of=AS_OF, note=HOSTILE["img"]))
        view.document().adjustSize()
    assert view.requested == []


def test_print_preview_shows_the_pages(qtbot: QtBot, cat: Catalogue) -> None:
    pages = render_sheet([cat.get("non-ferrous-metallurgy"), cat.get("cn-mofcom-2024-46")], cat, as_of=AS_OF)
    dialog = preview_dialog(None, pages, title="Preview", cat=cat, as_of=AS_OF)
    qtbot.addWidget(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    with qtbot.waitSignal(dialog.paintRequested, timeout=5000):
        dialog.open()
    tmp = Path(os.environ["EXPORTREF_CACHE_DIR"]).parent / "preview-check.pdf"
    expected = write_pdf(pages, tmp, title="Preview", cat=cat, as_of=AS_OF)
    qtbot.waitUntil(lambda: widget.pageCount() == expected, timeout=5000)
    dialog.close()


def test_matter_fields_are_remembered(qtbot: QtBot) -> None:
    save_print_options(PrintOptions(MatterInfo("", "", ""), include_notes=True, page_size="A4"))
    dialog = MatterDialog()
    qtbot.addWidget(dialog)
    dialog.reference.setText("  ACME-2026-014 ")
    dialog.prepared_by.setText("J. Smith")
    dialog.note.setPlainText("For the memo")
    dialog.page_size.setCurrentText("Letter")
    dialog.include_notes.setChecked(False)
    dialog.accept()
    again = load_print_options()
    assert again.matter == MatterInfo("ACME-2026-014", "J. Smith", "For the memo")
    assert again.page_size == "Letter" and again.include_notes is False
    second = MatterDialog()
    qtbot.addWidget(second)
    assert second.reference.text() == "ACME-2026-014" and second.page_size.currentText() == "Letter"
    # in the app's one settings file, which the test set-up points at a temporary folder
    from gui.settings import settings_path

    assert "matter_reference=ACME-2026-014" in settings_path().read_text(encoding="utf-8")


def test_damaged_print_settings_fall_back_to_defaults() -> None:
    from gui.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[printing]\npage_size=A3\nmatter_reference=@Rect(1 2 3 4)\ninclude_notes=2\n", encoding="utf-8")
    options = load_print_options()
    assert options.page_size == "A4"
    assert options.matter.reference == ""
    assert options.include_notes is False  # private notes start off on every print (test_print_notes.py)


# -- the command line ---------------------------------------------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXPORTREF_DATA_DIR": str(FIXTURES / "minimal"), "PYTHONPATH": str(REPO)}
    env.pop("QT_QPA_PLATFORM", None)  # the command must choose a headless platform itself
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-m", "gui.cli", "sheet", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def test_cli_sheet_writes_pdf_headless(tmp_path: Path) -> None:
    out = tmp_path / "s.pdf"
    run = _cli("083201X", "cn-mofcom-2024-46", "-o", str(out), "--as-of", "2026-01-01", "--matter", "M-7", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "status as of 2026-01-01" in run.stdout
    text = pdftotext(out)
    assert "083201X" in text and "M-7" in text and "有色金属冶金技术" in squeezed(text)
    assert int(pdfinfo(out)["Pages"]) >= 2


def test_cli_list_sheet_and_default_name(tmp_path: Path) -> None:
    run = _cli("083201X", "085001X", "--list", "--as-of", "2026-01-01", "--page-size", "Letter", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.name == "exportref-list-2026-01-01.pdf"
    assert pdfinfo(pdf)["Pages"] == "1"
    assert re.search(r"\b2 records[.:]", pdftotext(pdf))


def test_cli_unwritable_output(tmp_path: Path) -> None:
    run = _cli("083201X", "-o", str(tmp_path / "no" / "such" / "folder" / "s.pdf"), cwd=tmp_path)
    assert run.returncode == 1
    assert "cannot write" in run.stderr and "Traceback" not in run.stderr


def test_cli_dash_writes_the_pdf_to_standard_output(tmp_path: Path) -> None:
    env = {**os.environ, "EXPORTREF_DATA_DIR": str(FIXTURES / "minimal"), "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [sys.executable, "-m", "gui.cli", "sheet", "083201X", "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(b"%PDF-") and run.stdout.rstrip().endswith(b"%%EOF")
    assert list(tmp_path.iterdir()) == []  # no file called "-"
    assert re.search(rb"^-: \d+ pages?, status as of \d{4}-\d\d-\d\d", run.stderr, re.M), run.stderr
    (tmp_path / "piped.pdf").write_bytes(run.stdout)
    assert "083201X" in pdftotext(tmp_path / "piped.pdf")


def test_cli_dash_refuses_a_terminal(tmp_path: Path) -> None:
    import pty

    env = {**os.environ, "EXPORTREF_DATA_DIR": str(FIXTURES / "minimal"), "PYTHONPATH": str(REPO)}
    leader, follower = pty.openpty()
    try:
        run = subprocess.run(
            [sys.executable, "-m", "gui.cli", "sheet", "083201X", "-o", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert run.returncode == 2
    assert b"not written to a terminal" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_unknown_id(tmp_path: Path) -> None:
    run = _cli("no-such-thing", cwd=tmp_path)
    assert run.returncode == 2
    assert "no-such-thing" in run.stderr
    assert not list(tmp_path.glob("*.pdf"))
