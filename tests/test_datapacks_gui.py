"""File → Data sets… with real widgets offscreen: the list, installing with the manifest shown first,
switching, reverting to the shipped data; the status bar, pages and sheets naming the data set."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from catalogue.datapacks import store
from catalogue.load import load_cached, shipped_data_dir
from catalogue.present.html import render_list_sheet, render_sheet
from catalogue.userdata import UserData
from gui.data_sets_dialog import DataSetsDialog, PackPreviewDialog
from gui.main_window import MainWindow

from datapack_builders import data_files_of, hostile_pack, pack_of

AS_OF = dt.date(2026, 1, 15)


@pytest.fixture
def packs(tmp_path: Path, minimal_data: Path) -> tuple[Path, Path]:
    """Two packs of the small dataset: the second lacks one measure (cn-mofcom-2025-58)."""
    first = pack_of(minimal_data, tmp_path / "acme-2026-11.zip", publisher="Acme LLP", changelog="November.\n")
    (minimal_data / "instruments" / "cn-mofcom-2025-58.yaml").unlink()
    second = pack_of(
        minimal_data, tmp_path / "acme-2026-12.zip", publisher="Acme LLP", changelog="Dropped 2025 No. 58.\n"
    )
    return first, second


@pytest.fixture
def window(qtbot: QtBot, packs: tuple[Path, Path]) -> MainWindow:
    """The app's window on the first pack, installed and active (as `exportref data install` leaves it)."""
    store.commit(store.stage(packs[0]), confirmed=True)
    win = MainWindow(load_cached(), as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_dialog(qtbot: QtBot, win: MainWindow) -> DataSetsDialog:
    win.actions_table.data_sets.trigger()
    dialog = win.findChild(DataSetsDialog, "data_sets_dialog")
    assert isinstance(dialog, DataSetsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def table_rows(dialog: DataSetsDialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]  # type: ignore[union-attr]


def select(dialog: DataSetsDialog, name: str) -> None:
    row = next(r for r, cells in enumerate(table_rows(dialog)) if cells[1] == name)
    dialog.table.selectRow(row)


def replacement(qtbot: QtBot, dialog: DataSetsDialog) -> MainWindow:
    new = dialog.replacement
    assert isinstance(new, MainWindow)
    qtbot.addWidget(new)
    qtbot.waitExposed(new)
    return new


def test_file_menu_opens_the_list_and_the_status_bar_names_the_data_set(qtbot: QtBot, window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.actions_table.data_sets in file_menu.actions()  # type: ignore[union-attr]
    assert window.actions_table.data_sets.text() == "Data sets…"
    cat = window.cat
    assert (
        window.data_status.verified_label.text() == f"Data: ⚠ acme-2026-11 · verified to 2026-06-30 · {cat.fingerprint}"
    )
    assert "data pack “acme-2026-11” from Acme LLP, not signed" in window.data_status.verified_label.toolTip()
    dialog = open_dialog(qtbot, window)
    rows = table_rows(dialog)
    assert [r[1] for r in rows] == ["shipped", "acme-2026-11"]
    assert rows[0][0] == "" and rows[1][0] == "●"  # the active one
    assert rows[1][2:5] == ["2026-06-30", cat.fingerprint, "Acme LLP"] and rows[1][6] == "not signed"
    assert "installed after you confirmed it" in dialog.table.item(1, 6).toolTip()  # type: ignore[union-attr]
    assert rows[0][4] == "ExportRef"
    assert not dialog.use_button.isEnabled() and dialog.shipped_button.isEnabled()
    select(dialog, "shipped")
    assert dialog.use_button.isEnabled()


def test_install_shows_manifest_and_changelog_first_then_switches(
    qtbot: QtBot, window: MainWindow, packs: tuple[Path, Path]
) -> None:
    UserData().set_note("cn-mofcom-2025-58", "Client file 2026/114.")
    dialog = open_dialog(qtbot, window)
    preview = dialog.install_from(packs[1])
    assert isinstance(preview, PackPreviewDialog)
    qtbot.waitExposed(preview)
    text = preview.manifest_text.toPlainText()
    assert "Pack: acme-2026-12" in text and "Publisher: Acme LLP" in text
    assert "Changelog:\nDropped 2025 No. 58." in text
    assert "every SHA-256 matches the manifest" in text
    assert "Compared with the data shown now (acme-2026-11 (not signed)): 0 file(s) changed, 0 added, 1 removed" in text
    assert "removed: instruments/cn-mofcom-2025-58.yaml" in text
    assert "not signed" in preview.signature_label.text()
    assert preview.install_button.text() == "Install anyway" and preview.cancel_button.isDefault()
    assert len(list(store.datapacks_dir().glob(".staging-*"))) == 1  # verified, waiting for the click

    qtbot.mouseClick(preview.install_button, Qt.MouseButton.LeftButton)
    new = replacement(qtbot, dialog)
    assert not window.isVisible()
    assert Path(new.cat.data_dir).parent.name.startswith("acme-2026-12@")
    assert new.data_status.verified_label.text().startswith("Data: ⚠ acme-2026-12 · verified to 2026-06-30 · ")
    assert new.statusBar().currentMessage() == "Now showing data pack “acme-2026-12” from Acme LLP, not signed."
    notice = new.findChild(QMessageBox, "orphans_notice")
    assert isinstance(notice, QMessageBox) and notice.isVisible()
    assert "1 note refers to ids this data set does not have (cn-mofcom-2025-58); they are kept" in (
        notice.informativeText()
    )
    assert new.userdata.note("cn-mofcom-2025-58") == "Client file 2026/114."
    assert list(store.datapacks_dir().glob(".staging-*")) == []
    assert new.geometry().size() == window.geometry().size()


def test_cancelling_the_preview_installs_nothing(qtbot: QtBot, window: MainWindow, packs: tuple[Path, Path]) -> None:
    dialog = open_dialog(qtbot, window)
    preview = dialog.install_from(packs[1])
    assert preview is not None
    qtbot.mouseClick(preview.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.replacement is None and window.isVisible()
    assert [p.name for p in store.installed_packs()] == ["acme-2026-11"]
    assert list(store.datapacks_dir().glob(".staging-*")) == []


def test_a_refused_pack_says_why_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, minimal_data: Path, tmp_path: Path
) -> None:
    files = data_files_of(minimal_data)
    bad = hostile_pack(tmp_path / "evil.zip", files, extra=[("data/../../../evil.yaml", b"x")])
    dialog = open_dialog(qtbot, window)
    before = window.cat.data_dir
    assert dialog.install_from(bad) is None
    box = dialog.refused_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "evil.zip was not installed. The data in use is unchanged."
    assert "'..' path component" in box.informativeText()
    box.close()
    assert dialog.replacement is None and store.resolve_active().data_dir == Path(before)

    files["data/topics.yaml"] = b"topics: [\n"
    broken = hostile_pack(tmp_path / "broken.zip", files)
    assert dialog.install_from(broken) is None
    assert "topics.yaml:2:1: YAML syntax error" in dialog.refused_box.detailedText()
    dialog.refused_box.close()


def test_switch_and_revert_to_the_shipped_data(qtbot: QtBot, window: MainWindow, packs: tuple[Path, Path]) -> None:
    store.commit(store.stage(packs[1]), confirmed=True)
    store.use("acme-2026-11")
    dialog = open_dialog(qtbot, window)
    select(dialog, "acme-2026-12")
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    second = replacement(qtbot, dialog)
    assert Path(second.cat.data_dir).parent.name.startswith("acme-2026-12@")
    assert second.as_of == AS_OF

    dialog = open_dialog(qtbot, second)
    assert table_rows(dialog)[2][0] == "●"
    qtbot.mouseClick(dialog.shipped_button, Qt.MouseButton.LeftButton)
    shipped = replacement(qtbot, dialog)
    assert Path(shipped.cat.data_dir) == shipped_data_dir()
    assert shipped.data_status.verified_label.text().startswith("Data: shipped data · verified to ")
    assert shipped.findChild(QMessageBox, "orphans_notice") is None  # nothing orphaned: no notice
    assert shipped.open_id("083201X")  # the full shipped data, not the small pack
    assert store.resolve_active().ident == "shipped"


def test_orphaned_notes_are_listed_in_the_dialog(qtbot: QtBot, window: MainWindow, packs: tuple[Path, Path]) -> None:
    window.userdata.set_note("cn-mofcom-2025-58", "Keep me.")
    window.userdata.add_bookmark("no-such-id")
    dialog = open_dialog(qtbot, window)
    assert dialog.orphans_label.text() == (
        "Notes and bookmarks: 1 bookmark refers to ids this data set does not have (no-such-id); they are kept, "
        "marked orphaned, and return when data holding those ids is used.\nOrphaned (kept): no-such-id"
    )


def test_pack_text_is_shown_as_text(qtbot: QtBot, window: MainWindow, minimal_data: Path, tmp_path: Path) -> None:
    hostile = pack_of(minimal_data, tmp_path / "h.zip", publisher="<b>Evil</b> <img src='file:///etc/passwd'>")
    dialog = open_dialog(qtbot, window)
    preview = dialog.install_from(hostile)
    assert preview is not None
    assert "Publisher: <b>Evil</b> <img src='file:///etc/passwd'>" in preview.manifest_text.toPlainText()
    assert preview.signature_label.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(preview.install_button, Qt.MouseButton.LeftButton)
    new = replacement(qtbot, dialog)
    assert "&lt;b&gt;Evil&lt;/b&gt;" in new.reading.page_html(new.cat.catalogue.id, new.as_of)  # type: ignore[union-attr]


def test_pages_and_sheets_name_the_data_set(window: MainWindow, tmp_path: Path, pdftotext: str) -> None:
    words = "data pack “acme-2026-11” from Acme LLP, not signed"
    assert window.open_id("non-ferrous-metallurgy")
    assert f"data set: {words}." in window.detail.toPlainText()
    cat = window.cat
    entry = cat.get("non-ferrous-metallurgy")
    sheet = render_sheet([entry], cat, as_of=AS_OF)[0]
    assert f"Data set: {words}." in sheet
    assert f"Data set: {words}; verified to 2026-06-30 (fingerprint {cat.fingerprint})" in render_list_sheet(
        [entry], cat, as_of=AS_OF, title="x"
    )
    from gui.printing import write_pdf

    pdf = tmp_path / "sheet.pdf"
    write_pdf([sheet], pdf, title="t", cat=cat, as_of=AS_OF)
    text = " ".join(
        subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "official Chinese text prevails. Data set: data pack “acme-2026-11” from Acme LLP, not signed." in text
