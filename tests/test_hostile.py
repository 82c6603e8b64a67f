"""Hostile content in the data is shown as text everywhere a reader sees it, and opens nothing.

tests/fixtures/hostile/ is the minimal dataset with markup, script, images, file: and javascript:
links, template syntax, an unbroken 400-character token and a right-to-left override put into names,
control points, a summary, a clause, a source and a topic. It is valid data (text may hold any
characters), so every test here runs the real app on it through EXPORTREF_DATA_DIR: the detail view
of the main window, its search results, the command line's PDF sheets and the links in every page.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QTextBrowser
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.model import Entry
from gui.detail_view import EntryView, ExternalLinkDialog
from gui.main_window import MainWindow
from gui.search_panel import HTML_ROLE

from helpers import need_program

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"

# The strings as the fixture holds them (test_fixture_holds_the_strings proves they load as such).
NAME_EN = "Metallurgy <script>alert('name')</script> technology"
NAME_ZH = '有色金属<img src="http://127.0.0.1:9/pixel.png">冶金技术'
POINT_LINKS = (
    'Extracting gallium, see <a href="javascript:alert(1)">javascript link</a> and '
    '<a href="file:///etc/passwd">file link</a>'
)
POINT_TEMPLATE = (
    'Lithium <iframe src="file:///etc/passwd"></iframe> {{ 7*7 }} &lt;already-escaped&gt; </p><h1>Fake heading</h1>'
)
LONG_TOKEN = "LONGTOKEN" + "0123456789" * 40 + "END"
RATIONALE = "Unbroken: " + LONG_TOKEN
SPOOF_NAME = "Spoofed \u202eGNP.exe name"
SUMMARY = 'Summary <style>body { display: none }</style> <link rel="stylesheet" href="file:///tmp/evil.css"> end'
SOURCE_TITLE = 'HK01 <b>bold</b> report <img src="file:///usr/share/pixmaps/debian-logo.png">'
SOURCE_URL = "http://127.0.0.1:9/track?a=<b>&c='x'"
TOPIC_NAME = "Gallium <i>and</i> germanium"
CLAUSE = "Listed items <table><tr><td>cell</td></tr></table> may not be exported without a licence."

ENTRY = "083201X"  # non-ferrous-metallurgy: names, control points, rationale, a source, a topic
SPOOF_ENTRY = "085001X"  # traditional-architecture-restricted: the right-to-left override
MEASURE = "cn-mofcom-2023-23"  # the clause with a table in it
CATALOGUE = "cn-tech-export-catalogue"  # the summary with <style> and <link>

# What each page must show literally (whitespace aside).
PAGES: dict[str, tuple[str, ...]] = {
    ENTRY: (NAME_EN, NAME_ZH, POINT_LINKS, POINT_TEMPLATE, RATIONALE, SOURCE_TITLE, TOPIC_NAME),
    SPOOF_ENTRY: (SOURCE_TITLE,),
    MEASURE: (CLAUSE,),
    CATALOGUE: (SUMMARY,),
}
ALLOWED_SCHEMES = {"entry", "http", "https"}


def squash(text: str) -> str:
    """Text without whitespace: line wrapping in a page or a PDF must not hide a match, nor the
    zero-width break opportunities a page offers inside a run too long to be a word."""
    return "".join(text.replace("\u200b", "").split())


@pytest.fixture
def hostile_env(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EXPORTREF_DATA_DIR", str(HOSTILE))
    return HOSTILE


@pytest.fixture
def window(qtbot: QtBot, hostile_env: Path) -> Iterator[MainWindow]:
    result = load_catalogue()
    assert result.complete, [p.format() for p in result.problems]
    win = MainWindow(result)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    yield win
    win.close()


def test_fixture_holds_the_strings() -> None:
    result = load_catalogue(HOSTILE)
    assert result.complete, [p.format() for p in result.problems]
    cat = result.catalogue
    entry = cat.get(ENTRY)
    assert isinstance(entry, Entry)
    assert (entry.name.en, entry.name.zh, entry.rationale.en) == (NAME_EN, NAME_ZH, RATIONALE)
    assert [cp.text.en for cp in entry.control_points][1:] == [POINT_LINKS, POINT_TEMPLATE]
    spoof = cat.get(SPOOF_ENTRY)
    assert isinstance(spoof, Entry) and spoof.name.en == SPOOF_NAME
    assert cat.sources["s13"].title == SOURCE_TITLE and cat.sources["s13"].url == SOURCE_URL
    assert cat.topics["gallium-germanium"].name.en == TOPIC_NAME
    measure = cat.instrument(MEASURE)
    assert measure is not None and measure.clauses[0].text.en == CLAUSE
    catalogue = cat.instrument(CATALOGUE)
    assert catalogue is not None and catalogue.summary.en == SUMMARY


# -- the detail view ---------------------------------------------------------------------------------


def document_anchors(doc: QTextDocument) -> list[str]:
    hrefs = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                hrefs += [h for h in (fmt.anchorHref(), *fmt.anchorNames()) if h and ":" in h]
            it += 1
        block = block.next()
    return hrefs


def document_images(doc: QTextDocument) -> list[str]:
    names = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


@pytest.mark.parametrize("ident", sorted(PAGES))
def test_detail_view_shows_markup_as_text(window: MainWindow, ident: str) -> None:
    assert window.open_id(ident)
    doc = window.detail.document()
    text = squash(doc.toPlainText())
    for value in PAGES[ident]:
        assert squash(value) in text, value
    # Markup in the data made nothing but text: no image, no link of another scheme, no heading
    # or table cell of its own, and template syntax was not evaluated.
    assert document_images(doc) == []
    schemes = {QUrl(h).scheme().lower() for h in document_anchors(doc)}
    assert schemes <= ALLOWED_SCHEMES, schemes
    assert "FakeHeading" not in squash(" ".join(_heading_texts(doc)))
    if ident == ENTRY:
        assert "{{7*7}}" in text and "}}49" not in text


def _heading_texts(doc: QTextDocument) -> list[str]:
    out = []
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            out.append(block.text())
        block = block.next()
    return out


def _png_bytes() -> bytes:
    img = QImage(40, 30, QImage.Format.Format_RGB32)
    img.fill(QColor("red"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QBuffer.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def _resources_loaded(view: QTextBrowser, tmp_path: Path) -> list[str]:
    """Feed the view HTML that asks for images and a stylesheet by every route; list what it loaded."""
    (tmp_path / "pic.png").write_bytes(_png_bytes())
    (tmp_path / "evil.css").write_text("p { color: #ff0000; }", encoding="utf-8")
    urls = {
        "file image": (tmp_path / "pic.png").as_uri(),
        "relative image": "pic.png",
        "data image": "data:image/png;base64," + base64.b64encode(_png_bytes()).decode(),
        "qrc image": "qrc:/qt-project.org/styles/commonstyle/images/standardbutton-ok-16.png",
    }
    css = (tmp_path / "evil.css").as_uri()
    view.setSearchPaths([str(tmp_path)])
    view.setHtml(
        f'<html><head><link rel="stylesheet" href="{css}"></head><body><p>x'
        + "".join(f'<img src="{u}">' for u in urls.values())
        + "</p></body></html>"
    )
    doc = view.document()
    loaded = []
    for what, url in urls.items():
        res = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
        if res is not None and not (hasattr(res, "isEmpty") and res.isEmpty()) and not res.isNull():
            loaded.append(what)
    sheet = doc.resource(QTextDocument.ResourceType.StyleSheetResource, QUrl(css))
    if sheet is not None and not sheet.isEmpty():
        loaded.append("stylesheet")
    return loaded


def test_detail_view_loads_no_resource(qtbot: QtBot, tmp_path: Path) -> None:
    """Even HTML that escaped escaping cannot pull a local file, a relative path, a data: or qrc: image
    or a stylesheet into the view."""
    plain = QTextBrowser()
    qtbot.addWidget(plain)
    # The control: an ordinary QTextBrowser loads every one of them, so the check below can fail.
    (tmp_path / "plain").mkdir()
    assert sorted(_resources_loaded(plain, tmp_path / "plain")) == sorted(
        ["file image", "relative image", "data image", "qrc image", "stylesheet"]
    )
    view = EntryView()
    qtbot.addWidget(view)
    (tmp_path / "entry").mkdir()
    assert _resources_loaded(view, tmp_path / "entry") == []


# -- links ---------------------------------------------------------------------------------------------


class UrlRecorder(QObject):
    """Stands in for the desktop's browser and file manager through Qt's own URL-handler hook."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


HANDLED_SCHEMES = ("http", "https", "file", "javascript", "ftp", "mailto", "data")


@pytest.fixture
def desktop() -> Iterator[UrlRecorder]:
    recorder = UrlRecorder()
    for scheme in HANDLED_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, recorder, "open")
    yield recorder
    for scheme in HANDLED_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


def _answer_link_dialog(accept: bool) -> None:
    """Answer the confirmation dialog once it is up (it is modal: exec() returns when answered)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ExternalLinkDialog):
            dialog.accept() if accept else dialog.reject()
        else:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)


def test_every_link_in_hostile_pages_is_internal_or_confirmed(
    window: MainWindow, desktop: UrlRecorder, qtbot: QtBot
) -> None:
    """Click every link of every page: an entry: link navigates inside the app, a web link opens only
    after the user confirms, and nothing else is a link at all."""
    hrefs: set[str] = set()
    for ident in PAGES:
        assert window.open_id(ident)
        hrefs |= set(document_anchors(window.detail.document()))
    web = sorted(h for h in hrefs if QUrl(h).scheme() in ("http", "https"))
    internal = sorted(h for h in hrefs if QUrl(h).scheme() == "entry")
    assert web and internal
    assert set(web) | set(internal) == hrefs
    # The hostile source URL is a link, but its query was escaped, not interpreted as markup.
    assert any("127.0.0.1:9/track" in h for h in web)
    for href in internal:
        with qtbot.waitSignal(window.detail.entry_link_activated, timeout=2000):
            window.detail.anchorClicked.emit(QUrl(href))
    for href in web:
        _answer_link_dialog(accept=False)
        window.detail.anchorClicked.emit(QUrl(href))
    assert desktop.opened == []  # declined: nothing left the app
    _answer_link_dialog(accept=True)
    window.detail.anchorClicked.emit(QUrl(web[0]))
    assert desktop.opened == [QUrl(web[0]).toString()]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "mailto:someone@example.org",
        "data:text/html,<script>alert(1)</script>",
        "http:///no-host",
        "HTTP:relative",
    ],
)
def test_other_link_schemes_are_refused(href: str, qtbot: QtBot, desktop: UrlRecorder) -> None:
    view = EntryView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.link_refused, timeout=2000) as refused:
        view.anchorClicked.emit(QUrl(href))
    assert refused.args == [QUrl(href).toString()]
    assert desktop.opened == []


# -- search ----------------------------------------------------------------------------------------------

MATCH_TAGS = re.compile(r'<b class="match[^"]*">|</b>')


@pytest.mark.parametrize(
    "query,expected",
    [
        ("javascript", "javascript:alert(1)"),
        ("iframe", '<iframe src="file:///etc/passwd"></iframe>'),
        ("script", "<script>alert('name')</script>"),
        ("unbroken", RATIONALE),  # the snippet shows the start of the 413-character token
    ],
)
def test_search_results_show_markup_as_text(window: MainWindow, qtbot: QtBot, query: str, expected: str) -> None:
    with qtbot.waitSignal(window.index_ready, timeout=60000):
        window.start_index_build()
    assert window.engine is not None
    window.search_field.setText(query)
    window.search_panel.run_now()
    model = window.search_panel.model
    assert model.rowCount() > 0, window.search_panel.header.text()
    shown = ""
    for row in range(model.rowCount()):
        markup = model.index(row, 0).data(HTML_ROLE)
        # The only tags in a result are the panel's own and the engine's match markers.
        stripped = MATCH_TAGS.sub("", markup)
        for tag in re.findall(r"<\s*([a-zA-Z]+)", stripped):
            assert tag.lower() in {"b", "br", "small", "span", "i"}, (tag, markup)
        doc = QTextDocument()
        doc.setHtml(markup)  # as the results delegate paints it
        assert document_images(doc) == []
        shown += doc.toPlainText() + "\n"
    assert squash(expected)[:60] in squash(shown), shown


def test_search_header_escapes_the_query(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(_png_bytes())
    query = f'<img src="{(tmp_path / "pic.png").as_uri()}"> "unterminated'
    with qtbot.waitSignal(window.index_ready, timeout=60000):
        window.start_index_build()
    window.search_field.setText(query)
    window.search_panel.run_now()
    results = window.search_panel.last_results
    assert results is not None and results.total == 0  # so the header repeats the query
    header = window.search_panel.header.text()
    assert "<img" not in header
    doc = QTextDocument()
    doc.setHtml(header)  # as the label shows it
    assert f"No results for “{query}”." in doc.toPlainText()
    assert document_images(doc) == []


# -- PDF ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_pdf_text(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, bytes]:
    need_program("pdftotext", "poppler-utils")
    out = tmp_path_factory.mktemp("pdf") / "hostile.pdf"
    env = dict(
        os.environ,
        EXPORTREF_DATA_DIR=str(HOSTILE),
        EXPORTREF_CACHE_DIR=str(out.parent / "cache"),
        EXPORTREF_USER_DIR=str(out.parent / "user"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
    )
    run = subprocess.run(
        [sys.executable, "-m", "gui.cli", "sheet", ENTRY, SPOOF_ENTRY, MEASURE, CATALOGUE, "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return text, out.read_bytes()


@pytest.mark.parametrize(
    "value", [NAME_EN, NAME_ZH, POINT_LINKS, POINT_TEMPLATE, RATIONALE, SOURCE_TITLE, CLAUSE, SUMMARY]
)
def test_pdf_shows_markup_as_text(hostile_pdf_text: tuple[str, bytes], value: str) -> None:
    text, _raw = hostile_pdf_text
    assert squash(value) in squash(text)


def test_pdf_has_no_link_but_web_links(hostile_pdf_text: tuple[str, bytes]) -> None:
    _text, raw = hostile_pdf_text
    uris = [u.decode("latin-1") for u in re.findall(rb"/URI\s*\(([^)]*)\)", raw)]
    assert all(u.lower().startswith(("http://", "https://")) for u in uris), uris
    assert b"/JavaScript" not in raw and b"/Launch" not in raw


# -- right-to-left override ------------------------------------------------------------------------------
# U+202E in a data string reverses what follows it in the same paragraph. Text the app writes after the
# string must still read left to right, or a crafted name could make a label, a number or a date read
# as something else.


def _x_positions(doc: QTextDocument, needle: str) -> list[float]:
    """Screen x of each character of `needle` where it sits in the laid-out document."""
    cursor = doc.find(needle)
    assert not cursor.isNull(), needle
    block = cursor.block()
    layout = block.layout()
    start = cursor.selectionStart() - block.position()
    xs = []
    for i in range(start, start + len(needle)):
        x, _pos = layout.lineForTextPosition(i).cursorToX(i)  # PySide6 returns (x, position)
        xs.append(x)
    return xs


def test_override_in_a_name_does_not_reverse_the_app_s_own_text(window: MainWindow) -> None:
    assert window.open_id(SPOOF_ENTRY)
    doc = window.detail.document()
    assert squash(SPOOF_NAME) in squash(doc.toPlainText())
    xs = _x_positions(doc, "unofficial translation")
    assert xs == sorted(xs), "the app's label after the name reads right to left"


def test_override_in_a_name_does_not_reverse_the_pdf_label(hostile_pdf_text: tuple[str, bytes]) -> None:
    text, _raw = hostile_pdf_text
    assert "noitalsnart" not in text


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        EXPORTREF_DATA_DIR=str(HOSTILE),
        EXPORTREF_CACHE_DIR=str(tmp_path / "cache"),
        EXPORTREF_USER_DIR=str(tmp_path / "user"),
        PYTHONPATH=str(REPO),
    )
    run = subprocess.run([sys.executable, "-m", "gui.cli", *args], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def _open_controls(line: str) -> list[str]:
    """The directional controls a line leaves open (what reverses the rest of a terminal line)."""
    opened: list[str] = []
    for ch in line:
        if ch in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            opened.append(ch)
        elif ch == "\u202c" and opened and opened[-1] in "\u202a\u202b\u202d\u202e":
            opened.pop()
        elif ch == "\u2069":
            while opened and opened.pop() not in "\u2066\u2067\u2068":
                pass
    return opened


@pytest.mark.parametrize("args", [("show", SPOOF_ENTRY), ("search", "Spoofed")])
def test_override_in_a_name_is_closed_on_its_terminal_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    lines = _cli(tmp_path, *args).stdout.splitlines()
    spoofed = [line for line in lines if "\u202e" in line]
    assert spoofed, lines[:20]  # the name is printed as the data has it …
    assert [line for line in lines if _open_controls(line)] == []  # … and closed before our text goes on


@pytest.mark.parametrize("args", [("show", SPOOF_ENTRY, "--json"), ("search", "Spoofed", "--json")])
def test_json_output_keeps_the_name_exactly_and_escapes_its_controls(tmp_path: Path, args: tuple[str, ...]) -> None:
    out = _cli(tmp_path, *args).stdout
    assert "\u202e" not in out and "\\u202e" in out  # escaped: nothing for a terminal to reverse …
    assert SPOOF_NAME in json.dumps(json.loads(out), ensure_ascii=False)  # … and the same string to a reader


def test_citation_and_page_title_close_the_override(hostile_env: Path) -> None:
    import dataclasses
    import datetime as dt

    from catalogue.model import Instrument
    from catalogue.present.citation import cite
    from catalogue.present.html import page_title

    cat = load_catalogue(hostile_env).catalogue
    day = dt.date(2026, 1, 1)
    measure = cat.get(MEASURE)
    assert isinstance(measure, Instrument) and not measure.editions
    spoofed_measure = dataclasses.replace(measure, short_title=SPOOF_NAME)
    entry = cat.get(SPOOF_ENTRY)
    assert isinstance(entry, Entry)
    spoofed_entry = dataclasses.replace(entry, name=dataclasses.replace(entry.name, zh=SPOOF_NAME))
    for text in (page_title(spoofed_entry, cat, day), cite(spoofed_measure, cat, day)):
        assert "\u202e" in text and _open_controls(text) == [], text
