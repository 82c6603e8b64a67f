"""The main window with real widgets offscreen: tree → detail, links, history, notes, bookmarks,
citations, the as-of date, settings across a restart, incomplete data, and printing to a real PDF."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.present.html import MatterInfo
from gui.detail_view import ExternalLinkDialog
from gui.main_window import MainWindow
from gui.printing import PrintOptions
from gui.reading_pane import dark_palette
from gui.settings import Settings
from gui.tree_model import ID_ROLE

from helpers import click_link

AS_OF = dt.date(2026, 1, 15)  # inside the fixture's verified period, after the 2025 adjustment
MakeWindow = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, minimal_data: Path) -> MakeWindow:
    def make(data_dir: Path | None = None, as_of: dt.date = AS_OF) -> MainWindow:
        result = load_catalogue(data_dir or minimal_data)
        window = MainWindow(result, as_of=as_of)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # Shortcuts only reach the active window; offscreen, nothing activates it unasked.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


def select_in_tree(window: MainWindow, ident: str) -> None:
    index = window.tree.tree_model.index_for_id(ident)
    assert index.isValid(), ident
    window.tree.setCurrentIndex(index)


def test_selecting_tree_nodes_shows_the_right_detail(make_window: MakeWindow) -> None:
    window = make_window()
    select_in_tree(window, "non-ferrous-metallurgy")
    assert window.current_id == "non-ferrous-metallurgy"
    text = window.detail.toPlainText()
    assert "有色金属冶金技术" in text and "083201X" in text
    assert "通过离子交换法、树脂法等方法从氧化铝母液中提取金属镓的技术和工艺" in text
    assert window.windowTitle().startswith("083201X")

    select_in_tree(window, "cn-mofcom-2024-46-para-2")
    assert window.current_id == "cn-mofcom-2024-46-para-2"
    assert "Gallium, germanium, antimony and superhard items" in window.detail.toPlainText()

    select_in_tree(window, "cn-mofcom-2023-23")
    assert "MOFCOM & GACC Announcement 2023 No. 23" in window.detail.toPlainText()


def test_selecting_a_branch_lists_what_it_holds(make_window: MakeWindow) -> None:
    window = make_window()
    model = window.tree.tree_model
    catalogue = model.index_for_id("cn-tech-export-catalogue")
    restricted = model.index(1, 0, catalogue)
    window.tree.setCurrentIndex(restricted)
    assert window.current_id is None
    text = window.detail.toPlainText()
    assert "083201X" in text
    assert not window.actions_table.cite.isEnabled() and not window.notes.editor.isEnabled()


def test_internal_link_navigates_and_history_returns(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_id("cn-mofcom-2023-23")
    assert "entry:non-ferrous-metallurgy" in window.detail.toHtml()
    with qtbot.waitSignal(window.entry_shown, timeout=2000) as shown:
        click_link(qtbot, window.detail, "entry:non-ferrous-metallurgy")
    assert shown.args == ["non-ferrous-metallurgy"]
    assert window.current_id == "non-ferrous-metallurgy"
    assert window.tree.currentIndex().data(ID_ROLE) == "non-ferrous-metallurgy"

    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.current_id == "cn-mofcom-2023-23"
    assert window.actions_table.forward.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.current_id == "non-ferrous-metallurgy"


def test_mouse_side_buttons_navigate(make_window: MakeWindow) -> None:
    window = make_window()
    window.open_id("cn-mofcom-2023-23")
    window.open_id("non-ferrous-metallurgy")
    viewport = window.detail.viewport()
    for button, expected in (
        (Qt.MouseButton.BackButton, "cn-mofcom-2023-23"),
        (Qt.MouseButton.ForwardButton, "non-ferrous-metallurgy"),
    ):
        event = QMouseEvent(
            QEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5), button, button, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(viewport, event)
        assert window.current_id == expected


def test_link_to_missing_id_is_reported_not_followed(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_id("non-ferrous-metallurgy")
    window.detail.anchorClicked.emit(QUrl("entry:no-such-entry"))
    box = window.findChild(QMessageBox, "missing_link_notice")
    assert box is not None and "no-such-entry" in box.text()
    box.close()
    assert window.current_id == "non-ferrous-metallurgy"


class _Browser(QObject):
    """Stands in for the system browser through Qt's own URL-handler hook."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_external_link_needs_confirmation_and_can_be_copied(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    browser = _Browser()
    QDesktopServices.setUrlHandler("https", browser, "handle")
    try:
        url = "https://www.mofcom.gov.cn/example"
        asked: list[str] = []  # what the user did in each confirmation dialog

        def answer(choice: str) -> None:
            # Runs inside the dialog's own event loop: the click on the link is still waiting for it.
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ExternalLinkDialog)
            assert dialog.address.text() == url and dialog.address.isReadOnly()
            asked.append(choice)
            if choice == "copy-then-cancel":
                dialog.copy_button.click()
                dialog.reject()
            else:
                dialog.open_button.click()

        QTimer.singleShot(50, lambda: answer("copy-then-cancel"))
        window.detail.anchorClicked.emit(QUrl(url))
        assert asked == ["copy-then-cancel"]
        assert browser.opened == []
        assert QGuiApplication.clipboard().text() == url

        QTimer.singleShot(50, lambda: answer("open"))
        window.detail.anchorClicked.emit(QUrl(url))
        assert asked == ["copy-then-cancel", "open"]
        assert browser.opened == [url]
    finally:
        QDesktopServices.unsetUrlHandler("https")


def test_other_schemes_are_refused_and_nothing_is_loaded(qtbot: QtBot, make_window: MakeWindow, tmp_path: Path) -> None:
    window = make_window()
    view = window.detail
    with qtbot.waitSignal(view.link_refused) as refused:
        view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert refused.args == ["file:///etc/passwd"]
    with qtbot.waitSignal(view.link_refused):
        view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    for url in ("https://example.com/x.png", secret.as_uri(), "secret.txt", "data:image/png;base64,AAAA"):
        assert view.loadResource(2, QUrl(url)).isEmpty()
    # Hostile HTML cannot pull a local file into the page: an invalid answer from loadResource would make
    # QTextDocument read the file itself, so the document must come back empty-handed.
    view.document().setMetaInformation(view.document().MetaInformation.DocumentUrl, tmp_path.as_uri() + "/")
    view.setHtml(f'<img src="{secret.as_uri()}"><img src="secret.txt"><img src="https://example.com/t.png">')
    for url in (secret.as_uri(), "secret.txt"):
        loaded = view.document().resource(2, QUrl(url))
        assert loaded is None or not bytes(loaded), url


def test_bookmarks_and_notes_persist_across_a_restart(
    qtbot: QtBot, make_window: MakeWindow, minimal_data: Path
) -> None:
    window = make_window()
    window.open_id("non-ferrous-metallurgy")
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.actions_table.bookmark.isChecked()
    assert window.bookmarks.list.count() == 1
    window.notes.editor.setFocus()
    qtbot.keyClicks(window.notes.editor, "Client file 42: gallium recovery - ask about licence")
    window.notes.editor.insertPlainText(" 镓")  # QTest types ASCII only; CJK arrives as an input-method commit
    qtbot.waitUntil(lambda: window.userdata.note("non-ferrous-metallurgy") is not None, timeout=10_000)
    assert "Client file 42" in window.detail.toPlainText()  # the note is shown in the page
    window.close()

    again = make_window(minimal_data)
    assert again.current_id == "non-ferrous-metallurgy"  # last entry remembered
    assert again.notes.editor.toPlainText() == "Client file 42: gallium recovery - ask about licence 镓"
    assert again.actions_table.bookmark.isChecked()
    assert [
        again.bookmarks.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(again.bookmarks.list.count())
    ] == ["non-ferrous-metallurgy"]
    again.open_id("cn-mofcom-2023-23")
    again.bookmarks.list.setCurrentRow(0)
    again.bookmarks.list.itemActivated.emit(again.bookmarks.list.item(0))
    assert again.current_id == "non-ferrous-metallurgy"
    # Removing with the Delete key in the list.
    again.bookmarks.list.setFocus()
    qtbot.keyClick(again.bookmarks.list, Qt.Key.Key_Delete)
    assert again.bookmarks.list.count() == 0 and not again.actions_table.bookmark.isChecked()


def test_note_is_saved_when_navigating_away(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_id("non-ferrous-metallurgy")
    window.notes.editor.setPlainText("quick note")
    window.open_id("cn-mofcom-2023-23")  # before the save timer fires
    assert window.userdata.note("non-ferrous-metallurgy") == "quick note"
    assert window.notes.editor.toPlainText() == ""
    window.navigation.back()
    assert window.notes.editor.toPlainText() == "quick note"


def test_copy_citation(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    window.open_id("083201X")
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == (
        "Catalogue of Technologies Prohibited or Restricted from Export "
        "(MOFCOM & MOST Announcement 2023 No. 57, as amended by Announcement 2025 No. 28), item 083201X; "
        "published and effective 2023-12-21; amended with effect from 2025-07-15. "
        "Status on 2026-01-15: listed (restricted)."
    )
    window.open_id("cn-mofcom-2024-46-para-2")
    window.output.copy_citation()
    assert QGuiApplication.clipboard().text() == (
        "MOFCOM Announcement 2024 No. 46, para. 2; published and effective 2024-12-03. "
        "Status on 2026-01-15: suspended until 2026-11-27."
    )
    # Past the verified-to date the pasted citation keeps "not verified".
    window.set_as_of(dt.date(2026, 11, 28))
    window.output.copy_citation()
    assert QGuiApplication.clipboard().text() == (
        "MOFCOM Announcement 2024 No. 46, para. 2; published and effective 2024-12-03. Status on 2026-11-28: "
        "suspension ended 2026-11-27 (later status not verified) (data checked to 2026-06-30)."
    )


def test_as_of_date_refreshes_tree_detail_and_keeps_selection(make_window: MakeWindow) -> None:
    window = make_window(as_of=dt.date(2024, 6, 1))
    window.open_id("non-ferrous-metallurgy")
    assert window.tree.tree_model.index_for_id("traditional-architecture-restricted").isValid()
    assert "2024-06-01" in window.detail.toPlainText()
    window.set_as_of(dt.date(2026, 1, 15))
    assert window.as_of == dt.date(2026, 1, 15)
    # Deleted by the 2025 adjustment: hidden now that the date is later.
    assert not window.tree.tree_model.index_for_id("traditional-architecture-restricted").isValid()
    assert window.tree.currentIndex().data(ID_ROLE) == "non-ferrous-metallurgy"
    assert "2026-01-15" in window.detail.toPlainText()
    assert window.as_of_warning.text() == ""
    window.set_as_of(dt.date(2026, 11, 28))
    assert "after verified-to date" in window.as_of_warning.text()
    window.actions_table.show_historical.trigger()
    assert window.tree.tree_model.index_for_id("traditional-architecture-restricted").isValid()


def test_grouping_and_expansion_survive_a_model_swap(make_window: MakeWindow) -> None:
    window = make_window()
    index = window.tree.tree_model.index_for_id("cn-mofcom-2023-23")
    window.tree.expand(index)
    window.set_as_of(dt.date(2025, 12, 1))
    assert window.tree.isExpanded(window.tree.tree_model.index_for_id("cn-mofcom-2023-23"))
    window.actions_table.group_by_topic.trigger()
    assert window.tree.tree_model.root.children[0].label.startswith("Batteries and lithium")
    assert Settings().group_by_topic is True


def test_settings_restore_window_state(make_window: MakeWindow, minimal_data: Path) -> None:
    window = make_window()
    window.resize(700, 500)  # the offscreen screen is 800×600; restoreGeometry keeps windows on it
    window.splitter.setSizes([250, 450])
    window.actions_table.show_historical.trigger()
    window.open_id("cn-mofcom-2023-23")
    window.close()
    again = make_window(minimal_data)
    assert again.size().width() == 700
    assert again.splitter.sizes()[0] == 250
    assert again.actions_table.show_historical.isChecked()
    assert again.current_id == "cn-mofcom-2023-23"


def test_incomplete_data_is_announced(make_window: MakeWindow, minimal_data: Path) -> None:
    broken = minimal_data / "instruments" / "cn-mofcom-2025-58.yaml"
    broken.write_text("id: cn-mofcom-2025-58\nkind: [not, a, kind\n", encoding="utf-8")
    window = make_window(minimal_data)
    assert not window.result.complete
    assert window.banner.isVisible()
    assert "instruments/cn-mofcom-2025-58.yaml" in window.banner.label.text()
    assert window.data_status.coverage_label.text().startswith("DATA INCOMPLETE")
    assert "NO" in window.dialogs.about_html(window.as_of)


def test_first_run_notice_once_and_about(qtbot: QtBot, make_window: MakeWindow, minimal_data: Path) -> None:
    window = make_window()
    box = window.dialogs.maybe_show_first_run_notice()
    assert box is not None
    assert "not legal advice" in box.text() and "official Chinese text prevails" in box.text()
    assert "2 of 134 items of the 2023 edition" in box.informativeText()
    box.accept()
    window.close()
    again = make_window(minimal_data)
    assert again.dialogs.maybe_show_first_run_notice() is None
    about = again.dialogs.show_about(again.as_of)
    assert isinstance(about, QDialog)
    html = again.dialogs.about_html(again.as_of)
    assert again.cat.fingerprint in html and "s10" in html
    about.reject()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.usefixtures("pdftotext")
def test_export_pdf_of_the_page_and_of_bookmarks(make_window: MakeWindow, tmp_path: Path) -> None:
    window = make_window()
    window.open_id("non-ferrous-metallurgy")
    window.userdata.set_note("non-ferrous-metallurgy", "私人笔记 private note")
    options = PrintOptions(MatterInfo("Matter 2026-17", "A. Lawyer", ""), include_notes=True, page_size="A4")
    pages = window.output.export_pdf("page", tmp_path / "page.pdf", options)
    assert pages >= 1
    text = pdf_text(tmp_path / "page.pdf")
    assert "有色金属冶金技术" in text and "083201X" in text and "Matter 2026-17" in text
    assert "私人笔记" in text
    assert window.output.export_pdf("bookmarks", tmp_path / "none.pdf", options) == 0
    window.bookmarks.toggle()
    window.open_id("cn-mofcom-2023-23")
    window.bookmarks.toggle()
    assert window.output.export_pdf("bookmarks", tmp_path / "marks.pdf", options) >= 3
    marks = pdf_text(tmp_path / "marks.pdf")
    assert "Bookmarks" in marks and "MOFCOM & GACC Announcement 2023 No. 23" in marks and "有色金属冶金技术" in marks


def _cat(window: MainWindow) -> Catalogue:
    return window.cat


def test_changes_and_timeline_views_navigate(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    for name in ("changes", "timeline"):
        dock = window.docked_views.show_view(name)
        assert dock.isVisible()
        with qtbot.waitSignal(window.entry_shown) as shown:
            dock.widget().entry_selected.emit("non-ferrous-metallurgy")  # type: ignore[attr-defined]
        assert shown.args == ["non-ferrous-metallurgy"] and window.current_id == "non-ferrous-metallurgy"
        assert window.docked_views.show_view(name) is dock  # created once, then reused


def test_keyboard_only_browsing_of_the_tree(qtbot: QtBot, make_window: MakeWindow) -> None:
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.tree
    select_in_tree(window, "cn-tech-export-catalogue")
    seen = []
    for _ in range(6):
        qtbot.keyClick(window.tree, Qt.Key.Key_Right)  # opens a closed branch (sectors start closed)
        qtbot.keyClick(window.tree, Qt.Key.Key_Down)
        row = window.tree.currentIndex()
        # The page follows the row the keys moved to: an entry's page, or a branch's list (no id).
        assert window.current_id == row.data(ID_ROLE), row.data()
        if row.data(ID_ROLE) is None:
            title = " ".join(row.data().split())  # HTML folds the label's runs of spaces
            assert title in " ".join(window.detail.toPlainText().split()), title  # the list names the row
        seen.append(row.data(ID_ROLE))
    # Right and Down through Restricted → sector 32 reach the entry and show it, with no mouse.
    assert "non-ferrous-metallurgy" in seen
    # Tab goes on to the page and then to the note.
    window.open_id("non-ferrous-metallurgy")
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.detail


def test_page_follows_a_dark_palette(make_window: MakeWindow) -> None:
    from PySide6.QtGui import QColor, QPalette

    window = make_window()
    window.open_id("non-ferrous-metallurgy")

    def body_tag() -> str:
        return window.reading.page_html("non-ferrous-metallurgy", window.as_of).split("<body", 1)[1].split(">", 1)[0]

    assert not dark_palette()
    assert "dark" not in body_tag()
    original = QApplication.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#181818"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    QApplication.setPalette(dark)
    try:
        assert dark_palette()
        assert "dark" in body_tag()
    finally:
        QApplication.setPalette(original)


def test_help_status_words_and_messages_follow_a_dark_palette(make_window: MakeWindow, qtbot: QtBot) -> None:
    """The help, Help → Status words… and the "No results" page use the dark palette's accents (the
    disclaimer's grey, #a3aab4, legible on a dark background), like a record's page."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QTextBrowser

    window = make_window()

    def pages() -> dict[str, str]:
        help_window = window.help.show_help(window.as_of)
        dialog = window.dialogs.show_status_words()
        qtbot.addWidget(dialog)
        browser = dialog.findChild(QTextBrowser)
        assert browser is not None
        window.show_no_results("qqqzzzxx")
        out = {
            "help": help_window.text.document().toHtml(),
            "status words": browser.document().toHtml(),
            "no results": window.detail.document().toHtml(),
        }
        dialog.close()
        return out

    assert all("#a3aab4" not in html for html in pages().values())
    original = QApplication.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#181818"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    QApplication.setPalette(dark)
    try:
        shown = pages()
        assert [name for name, html in shown.items() if "#a3aab4" not in html] == []
    finally:
        QApplication.setPalette(original)
        window.help.help_window.close()


def test_first_run_window_fits_a_small_screen(qtbot: QtBot) -> None:
    """Without saved geometry the window is 1320×820, or 90% of the screen's free area if smaller."""
    from catalogue.load import load_cached

    window = MainWindow(load_cached())
    qtbot.addWidget(window)
    free = QGuiApplication.primaryScreen().availableGeometry().size()
    expected = (min(1320, int(free.width() * 0.9)), min(820, int(free.height() * 0.9)))
    assert (window.width(), window.height()) == expected


FIRST_RUN_SIZE = """
import sys
from catalogue.load import load_catalogue
from gui.app import make_application
from gui.main_window import MainWindow

app = make_application([])
window = MainWindow(load_catalogue(sys.argv[1]))
print(window.width(), window.height())
"""


@pytest.mark.parametrize(
    ("screen", "expected"),
    [((2560, 1440), (1320, 820)), ((1366, 768), (1229, 691))],
    ids=["large screen", "1366x768 laptop"],
)
def test_first_run_window_size_on_other_screens(
    tmp_path: Path, minimal_data: Path, screen: tuple[int, int], expected: tuple[int, int]
) -> None:
    """A screen of another size needs a process of its own: Qt's offscreen platform reads it at start."""
    width, height = screen
    config = tmp_path / "screen.json"
    one = {"name": "test", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [one]}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    run = subprocess.run(
        [sys.executable, "-c", FIRST_RUN_SIZE, str(minimal_data)], capture_output=True, text=True, env=env, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert tuple(int(n) for n in run.stdout.split()) == expected


def test_status_bar_words_end_in_an_ellipsis_when_cut_and_the_tooltip_has_them_whole(
    make_window: MakeWindow, qtbot: QtBot
) -> None:
    """Past the verified-to date the catalogue's words are long; in a narrow window they were cut
    mid-word ("…the data's check da") with no way to read the rest."""
    window = make_window(as_of=dt.date(2026, 12, 5))
    label = window.data_status.coverage_label
    full = label.text()
    assert "check date" in full
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: label.width() < label.fontMetrics().horizontalAdvance(full))
    assert label.shown_text().endswith("…") and label.shown_text() != full
    assert label.toolTip().startswith(full)
    window.resize(2400, 600)
    qtbot.waitUntil(lambda: label.shown_text() == full)
