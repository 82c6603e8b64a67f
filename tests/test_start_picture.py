"""The window's first picture (gui.skeleton), drawn at start-up before the data and the window's parts
are loaded: it must look like the window the parts then make, and it must never show anything that
is not so — a tree from other data or another day, or a status from before.

Real windows offscreen, the real data loader, the start picture written and read back as the app does.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QStatusBar
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue
from gui.main_window import MainWindow
from gui.settings import settings_path
from gui.skeleton import after_first_paint, read_start_picture, settings_file, start_file

REPO = Path(__file__).resolve().parent.parent


def started(qtbot: QtBot, data: Path) -> MainWindow:
    """A window started as the app starts one: its picture first, then its parts on the data, then
    what follows the first page (which writes the picture for the next start)."""
    window = picture_only(qtbot)
    window.assemble(load_catalogue(data))
    with qtbot.waitSignal(window.started):
        after_first_paint(window.detail.viewport(), lambda: window.after_first_page(open_index=False))
        window.detail.viewport().update()
    return window


def picture_only(qtbot: QtBot) -> MainWindow:
    window = MainWindow(None, picture=read_start_picture(settings_file(), dt.date.today()))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    drawn: list[bool] = []
    after_first_paint(window, lambda: drawn.append(True))
    window.update()
    qtbot.waitUntil(lambda: bool(drawn))
    return window


def tree_image(window: MainWindow) -> QImage:
    window.activateWindow()
    assert window.isActiveWindow()
    view = window.skeleton.tree if window.skeleton is not None else window.tree
    return view.viewport().grab().toImage()


def test_the_settings_file_is_the_one_the_settings_use() -> None:
    assert settings_file() == settings_path()


def test_the_first_picture_is_the_window_the_parts_make(qtbot: QtBot, minimal_data: Path) -> None:
    real = started(qtbot, minimal_data)
    assert start_file().is_file()
    # Each drawn while it is the active window: an inactive window's selection is another blue.
    real_tree = tree_image(real)
    picture = picture_only(qtbot)
    assert picture.skeleton is not None and not picture.assembled
    # Where everything is: the same size, the central area at the same place (toolbar and menus as
    # high), the tree and the page as wide and as high.
    assert picture.size() == real.size()
    assert picture.centralWidget().geometry() == real.centralWidget().geometry()
    assert picture.skeleton.splitter.sizes() == real.splitter.sizes()
    assert [a.text() for a in picture.menuBar().actions()] == [a.text() for a in real.menuBar().actions()]
    # The tree, drawn: the same rows, opened and selected the same, pixel for pixel.
    assert tree_image(picture) == real_tree


def test_a_started_window_takes_typing_in_its_search_field(qtbot: QtBot, minimal_data: Path) -> None:
    window = started(qtbot, minimal_data)
    window.activateWindow()
    assert window.focusWidget() is window.search_field


def test_the_picture_says_loading_and_nothing_about_the_data(qtbot: QtBot, minimal_data: Path) -> None:
    started(qtbot, minimal_data)
    picture = picture_only(qtbot)
    status: QStatusBar = picture.statusBar()
    words = [label.text() for label in status.findChildren(QLabel) if label.isVisible()]
    assert words == ["Loading…"]


def rows_drawn(window: MainWindow) -> int:
    assert window.skeleton is not None
    model = window.skeleton.tree.model()
    return 0 if model is None else model.rowCount()


def test_changed_data_or_another_day_or_other_settings_draw_no_tree(qtbot: QtBot, minimal_data: Path) -> None:
    started(qtbot, minimal_data)
    assert rows_drawn(picture_only(qtbot)) > 0
    assert read_start_picture(settings_file(), dt.date.today() + dt.timedelta(days=1))["tree"] is None
    dataset = minimal_data / "dataset.yaml"
    dataset.write_text(dataset.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert rows_drawn(picture_only(qtbot)) == 0
    assert read_start_picture(settings_file(), dt.date.today()) is not None  # the rest still fits
    settings = settings_file()
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[window]\n", encoding="utf-8")
    assert read_start_picture(settings_file(), dt.date.today()) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-40],  # cut short
        lambda raw: raw.replace(b"Technology", b"Technolog\xc3\xbd"),  # changed after signing
        lambda raw: b"0" * 64 + raw[64:],  # another key's signature
        lambda raw: b"not a picture",
    ],
)
def test_a_damaged_or_foreign_picture_is_not_drawn(qtbot: QtBot, minimal_data: Path, damage: Any) -> None:
    started(qtbot, minimal_data)
    path = start_file()
    path.write_bytes(damage(path.read_bytes()))
    assert read_start_picture(settings_file(), dt.date.today()) is None
    window = picture_only(qtbot)  # a plainer first picture, and the start goes on
    window.assemble(load_catalogue(minimal_data))
    assert window.assembled and window.current_id


def test_the_app_draws_its_picture_at_the_second_start(tmp_path: Path) -> None:
    """The real entry point twice: the first start writes the picture, the second reads it; both report
    the window drawn and then the first page."""
    env = {**os.environ, "EXPORTREF_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-m", "gui.cli"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        assert [line.split()[0] for line in run.stdout.splitlines()] == ["shown", "page"], run.stdout
    log = (Path(os.environ["EXPORTREF_USER_DIR"]) / "exportref.log").read_text(encoding="utf-8")
    assert log.count("start picture read") == 1, log
