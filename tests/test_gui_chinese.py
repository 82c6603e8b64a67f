"""The window in Chinese: menus, toolbar, status bar, tree branches and dialogs, read off real widgets.

`untranslated` is the check: what is left of a widget's words once proper names (ExportRef, PDF, …),
codes, numbers, key names, paths and code samples are taken out must hold no English word. The data's
own English (our unofficial translations, source titles) is not chrome and is not walked: the checks
read labels, buttons, menus, actions, tooltips, accessible names and window titles.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from catalogue import i18n
from catalogue.load import load_catalogue
from gui.language import apply_language
from gui.main_window import MainWindow
from gui.settings import Settings

from chinese_text import CJK, allowed_names, data_english, english_left

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2025, 8, 1)

# Words that stay as they are in a Chinese interface: names of products, formats and keys.
PROPER_NAMES = {
    "ExportRef",
    "Whoosh",
    "Python",
    "Qt",
    "PySide",
    "PDF",
    "SHA",
    "English",  # the language menu names each language in itself
    "Language",  # and its title says "Language" too, for whoever cannot read the Chinese
    "Linux",
    "Windows",
    "Darwin",
    "linux",
    "win",
    "darwin",
    "Ctrl",
    "Shift",
    "Alt",
    "Meta",
    "Esc",
    "Enter",
    "Left",
    "Right",
    "EXPORTREF_DATA_DIR",
    "NdFeB",  # a chemical formula, in the search field's tooltip
    "zip",
    "pdf",
}
_CODE = re.compile(r"<code>.*?</code>|`[^`]*`|\bexportref(?: [a-z]+)?", re.S)  # samples and commands
_TAG = re.compile(r"<[^>]+>|&[a-z]+;")
_PATH_OR_URL = re.compile(r"(?:https?://|/)\S+")
_TOKEN_WITH_DIGIT = re.compile(r"\S*\d\S*")  # item numbers, codes, versions, fingerprints, dates
_WORD = re.compile(r"[A-Za-z][A-Za-z_]+")


def untranslated(text: str) -> list[str]:
    """The English words left in `text` after names, codes and samples are removed."""
    text = _TAG.sub(" ", _CODE.sub(" ", text.replace("&", "")))
    text = _TOKEN_WITH_DIGIT.sub(" ", _PATH_OR_URL.sub(" ", text))
    return [w for w in _WORD.findall(text) if w not in PROPER_NAMES]


def test_the_check_finds_english_and_lets_names_through() -> None:
    assert untranslated("&File") == ["File"]
    assert untranslated("复制引用（Ctrl+Shift+C）") == []
    assert untranslated("Copy citation") == ["Copy", "citation"]
    assert untranslated("数据：随附数据 · 核实至2026年6月30日 · d3ae818bace148f9") == []
    assert untranslated("<b>搜索</b> <code>gallium OR germanium</code>") == []
    assert untranslated("关于 ExportRef") == []
    assert untranslated("状态截至 2025-08-01, not verified") == ["not", "verified"]


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, words) for every piece of chrome under `root`, `root` included."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        name = f"{type(w).__name__} {w.objectName()!r}"
        if w.isWindow() and w.windowTitle():
            yield f"{name} title", w.windowTitle()
        if w.toolTip():
            yield f"{name} tooltip", w.toolTip()
        if w.accessibleName():
            yield f"{name} accessible name", w.accessibleName()
        if isinstance(w, QLabel | QAbstractButton):
            yield f"{name} text", w.text()
        elif isinstance(w, QLineEdit) and w.placeholderText():
            yield f"{name} placeholder", w.placeholderText()
        elif isinstance(w, QGroupBox):
            yield f"{name} title", w.title()
        elif isinstance(w, QDockWidget):
            yield f"{name} title", w.windowTitle()
        elif isinstance(w, QMenu):
            yield f"{name} menu title", w.title()
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                header = w.horizontalHeaderItem(c)
                if header is not None:
                    yield f"{name} column {c}", header.text()
    for action in root.findChildren(QAction):
        for what, words in (("text", action.text()), ("tooltip", action.toolTip()), ("status tip", action.statusTip())):
            if words:
                yield f"action {action.text()!r} {what}", words


def _data_phrases() -> list[str]:
    """English the data itself holds in plain fields that chrome quotes (an edition's official summary
    of its changes, kept in our English): data, not interface."""
    cat = load_catalogue().catalogue
    return [ed.changes for inst in cat.instruments for ed in inst.editions if ed.changes]


def english_in(root: QWidget) -> list[str]:
    data = _data_phrases()
    out = []
    for where, words in widget_texts(root):
        for phrase in data:
            words = words.replace(phrase, " ")
        if left := untranslated(words):
            out.append(f"{where}: {words!r} → {left}")
    return out


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    apply_language(qapp, "zh")
    try:
        yield
    finally:
        apply_language(qapp, "en")


@pytest.fixture
def window(qtbot: QtBot, chinese: None, tmp_path: Path) -> MainWindow:
    win = MainWindow(load_catalogue(), settings=Settings(tmp_path / "settings.ini"), as_of=TODAY)
    qtbot.addWidget(win)
    win.show()
    win.open_id("083201X")
    return win


def test_window_menus_toolbar_status_bar_and_tree_are_chinese(window: MainWindow) -> None:
    assert english_in(window) == []
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "转到(&G)", "书签(&B)", "帮助(&H)"]
    assert window.actions_table.cite.text() == "复制引用"
    assert window.data_status.coverage_label.text().startswith("目录：截至2025年8月1日")
    model = window.tree.model()
    branches = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert branches[0].startswith("技术目录") and any(b.startswith("法律框架") for b in branches)
    assert all(untranslated(b) == [] for b in branches), branches
    assert model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "目录"


def test_dialogs_are_chinese(window: MainWindow, qtbot: QtBot) -> None:
    d = window.dialogs
    opened: list[QWidget] = [
        d.show_status_words(),
        d.show_about(TODAY),
        d.show_first_run_notice(),
        d.show_load_problems(),
        d.show_missing_link("cn-mofcom-2099-99"),
        d.show_data_sets(),
    ]
    from gui.detail_view import ExternalLinkDialog
    from gui.printing import MatterDialog

    opened += [ExternalLinkDialog(QUrl("https://www.mofcom.gov.cn/"), window), MatterDialog(window)]
    reading = window.other_windows.open_in_new_window("cn-mofcom-2023-23")  # a second reading window
    assert reading is not None
    opened.append(reading)
    window.other_windows.show_list()  # My notes and bookmarks
    opened += [w for w in QApplication.topLevelWidgets() if w.objectName() == "my_notes_dialog" and w.isVisible()]
    problems = []
    for dialog in opened:
        problems += english_in(dialog)
        if isinstance(dialog, QMessageBox):
            for part in (dialog.text(), dialog.informativeText()):
                problems += [f"message box: {part!r}"] if untranslated(part) else []
    # The status words page is ours from end to end; the About box up to the source register (data).
    words = opened[0].findChild(QTextBrowser, "status_words_text")
    assert words is not None and "现行有效" in words.toPlainText() and "暂停实施" in words.toPlainText()
    problems += [f"status words: {w}" for w in untranslated(words.toPlainText())]
    about = opened[1].findChild(QTextBrowser)
    assert about is not None
    head = about.toPlainText().split("来源登记表")[0]
    problems += [f"about: {w}" for w in untranslated(head)]
    assert problems == []
    for dialog in opened:
        dialog.close()


def test_docked_views_are_chinese(window: MainWindow) -> None:
    for view in ("changes", "timeline"):
        window.docked_views.show_view(view)
    docks = window.findChildren(QDockWidget)
    assert {d.windowTitle() for d in docks} >= {"两个日期之间的变化", "时间线", "书签"}
    assert english_in(window) == []


def _model_texts(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[str]:
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                if isinstance(text := index.data(role), str) and text:
                    yield text
        yield from _model_texts(model, model.index(row, 0, parent))


def content_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, words) for what a view shows beyond its chrome: every row and header of its lists,
    every choice of its combo boxes, and the text of its text browsers."""
    popups = {combo.view() for combo in root.findChildren(QComboBox)}
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or view in popups:
            continue
        for column in range(model.columnCount()):
            header = model.headerData(column, Qt.Orientation.Horizontal)
            if isinstance(header, str):
                yield f"{view.objectName()} header {column}", header
        for text in _model_texts(model, QModelIndex()):
            yield f"{view.objectName()} row", text
    for combo in root.findChildren(QComboBox):
        for i in range(combo.count()):
            yield f"combo {combo.accessibleName()!r}", combo.itemText(i)
    for browser in root.findChildren(QTextBrowser):
        yield f"{browser.objectName()} text", browser.toPlainText()


def test_timeline_and_changes_show_no_english_of_ours(window: MainWindow) -> None:
    """What the Timeline and Changes views list and show, selected row by selected row, is Chinese
    but for what the data holds only in English (tests/chinese_text.py)."""
    from gui.changes_view import ChangesView
    from gui.timeline_view import TimelineView

    cat = window.cat
    data, names = data_english(cat), allowed_names(cat)
    problems: list[str] = []

    def check(where: str, text: str) -> None:
        if english_left(text, data, names):
            problems.append(f"{where}: {text!r} → {english_left(text, data, names)}")

    for name in ("timeline", "changes"):
        view = window.docked_views.show_view(name).widget()
        views = {"timeline": TimelineView, "changes": ChangesView}
        assert isinstance(view, views[name])
        points = [("2023", "2025"), ("2020", "2023"), ("2025-07-14", "2026-12-01")] if name == "changes" else [None]
        for pair in points:
            if pair is not None and isinstance(view, ChangesView):
                view.set_points(*pair)
            for where, text in [*widget_texts(view), *content_texts(view)]:
                check(where, text)
            model, tree = view.model, view.list
            for group in range(model.rowCount()):
                parent = model.index(group, 0)
                for row in range(model.rowCount(parent)):
                    tree.setCurrentIndex(model.index(row, 0, parent))
                    check(f"{name} detail of row {row}", view.detail.toPlainText())
    assert problems == []
    timeline = window.docked_views.show_view("timeline").widget()
    assert isinstance(timeline, TimelineView)
    first = timeline.model.index(0, 0, timeline.model.index(0, 0))
    assert CJK.search(first.data()) and CJK.search(timeline.model.index(0, 1, timeline.model.index(0, 0)).data())


def test_an_untranslated_string_is_caught(window: MainWindow) -> None:
    """The walk sees a new action whose text nobody translated."""
    window.addAction(QAction("Reload data", window))
    assert english_in(window) == [
        "action 'Reload data' text: 'Reload data' → ['Reload', 'data']",
        "action 'Reload data' tooltip: 'Reload data' → ['Reload', 'data']",
    ]


def test_language_menu_switches_at_once_and_is_remembered(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.ini")
    settings.language = "en"
    apply_language(qapp, "en")
    english = MainWindow(load_catalogue(), settings=settings, as_of=TODAY)  # replaced below, so not added
    english.show()
    english.open_id("cn-mofcom-2024-46")
    assert english.menuBar().actions()[0].text() == "&File"
    action = english.findChild(QAction, "language_zh")
    assert action is not None and action.text() == "中文" and not action.isChecked()
    try:
        with qtbot.waitSignal(english.destroyed, timeout=5000):
            action.trigger()
            QApplication.processEvents()
        new = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(new)
        assert new.menuBar().actions()[0].text() == "文件(&F)"
        assert new.current_id == "cn-mofcom-2024-46"  # the same page, now in Chinese
        assert "商务部公告2024年第46号" in new.windowTitle()
        assert "暂停实施" in new.detail.toPlainText() or "现行有效" in new.detail.toPlainText()
        assert Settings(tmp_path / "settings.ini").language == "zh"
        assert new.findChild(QAction, "language_zh").isChecked()  # type: ignore[union-attr]
    finally:
        apply_language(qapp, "en")


def test_show_english_toggle_brings_back_our_translations(window: MainWindow) -> None:
    text = window.detail.toPlainText()
    assert "有色金属冶金技术" in text and "Non-ferrous metallurgy technology" not in text
    toggle = window.actions_table.show_english
    assert toggle.isEnabled() and not toggle.isChecked()
    toggle.trigger()
    assert "Non-ferrous metallurgy technology" in window.detail.toPlainText()
    assert window.settings.show_english


def test_copy_citation_in_either_language(window: MainWindow) -> None:
    window.actions_table.cite_zh.trigger()
    zh = QApplication.clipboard().text()
    assert zh.startswith(
        "《中国禁止出口限制出口技术目录》（商务部 科技部公告2023年第57号发布，2025年第28号调整）第083201X项"
    )
    window.actions_table.cite_en.trigger()
    en = QApplication.clipboard().text()
    assert en.startswith("Catalogue of Technologies Prohibited or Restricted from Export")
    assert "item 083201X" in en and "Status on 2025-08-01: listed (restricted)" in en
    window.actions_table.cite.trigger()  # the window's language
    assert QApplication.clipboard().text() == zh


def test_the_window_follows_a_chinese_locale(tmp_path: Path) -> None:
    """Started under LANG=zh_CN.UTF-8 with no choice saved, the window is Chinese."""
    env = {
        **os.environ,
        "LANG": "zh_CN.UTF-8",
        "LC_ALL": "zh_CN.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    script = (
        "from gui.app import install_translators, make_application\n"
        "from gui.main_window import MainWindow\n"
        "from catalogue.load import load_catalogue\n"
        "app = make_application([])\n"
        "install_translators(app)\n"
        "w = MainWindow(load_catalogue())\n"
        "print('|'.join(a.text() for a in w.menuBar().actions()))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "文件(&F)|编辑(&E)|视图(&V)|转到(&G)|书签(&B)|帮助(&H)"


def test_language_from_the_locale_and_the_settings(tmp_path: Path) -> None:
    assert i18n.language_from_locale({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert i18n.language_from_locale({"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"  # LC_ALL wins
    assert i18n.language_from_locale({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_GB.UTF-8"}) == "zh"
    assert i18n.language_from_locale({}) == "en"
    settings = Settings(tmp_path / "s.ini")
    assert settings.language == ""
    settings.language = "zh"
    settings.sync()
    assert Settings(tmp_path / "s.ini").language == "zh"
    settings.language = "klingon"
    assert settings.language == ""


def test_help_is_chinese(window: MainWindow) -> None:
    """F1 in the Chinese window: Chinese prose, headings and shortcut names; the English help's
    headings are not there. The query examples and filter names stay as they are typed."""
    help_window = window.help.show_help(TODAY)
    assert english_in(help_window) == []  # title, find bar
    text = help_window.text.toPlainText()
    for heading in ("搜索", "页内查找", "日期", "状态用语", "数据收录情况", "摘要表与引用", "快捷键"):
        assert f"\n{heading}\n" in f"\n{text}\n", heading
    for english in (
        "Searching",
        "Finding in a page",
        "Keyboard shortcuts",
        "Sheets and citations",
        "What the data holds",
    ):
        assert english not in text, english
    assert "页内查找" in text and "复制引用" in text and "Copy citation" not in text  # the shortcut rows
    assert "现行有效" in text and "Verified to a date" not in text  # the shared status words table
    help_window.close()


def test_search_results_give_announcement_numbers_the_chinese_way(window: MainWindow, qtbot: QtBot) -> None:
    """In the Chinese window a measure's hit leads with 2023年第23号, as the tree does, not 2023 No. 23."""
    from gui.search_panel import HTML_ROLE

    window.toolbar.focus_search()
    window.search_field.setText("镓")  # typed through an input method: QTest can only type ASCII
    qtbot.waitUntil(lambda: window.search_panel.last_results is not None and window.search_panel.model.rowCount() > 0)
    model = window.search_panel.model
    rows = [model.index(r, 0).data(HTML_ROLE) or "" for r in range(model.rowCount())]
    leads = [re.sub(r"<[^>]+>", "", row.split("</b>", 1)[0]) for row in rows]
    assert "2023年第23号" in leads, leads
    assert not [lead for lead in leads if re.fullmatch(r"\d{4} No\. \d+", lead)], leads
