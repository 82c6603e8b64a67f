"""The window's first picture, drawn before the data, the window's parts or the page are loaded.

What the user waits for at start-up is the window drawn. Everything the full window needs — the data
model, the status engine, the search panel, the page templates — costs several times what Qt itself
does, so the window is drawn first from a small file the last run left (`START_FILE`, in the cache
folder): the menu titles, the toolbar's height, where the window and its splitter were, and the
contents tree as plain rows (label, tooltip, how it is drawn, which rows were open, which was
selected). Then gui.main_window assembles the real parts in the same window and they take over.

Nothing in the first picture may be wrong. The tree rows are used only when the data, the as-of day
(today), the settings and the language are those they were written for: the data folder is checked
by its files' sizes and times, the settings file likewise; otherwise the tree is left empty until the
real one is built. The status bar says "Loading…" rather than anything about the data. The file is
signed with the user's cache key (catalogue.cache_guard) like every other cache, and a file that is
missing, damaged, foreign or out of date only means a plainer first picture.

This module is imported before the window is first drawn: it imports Qt and the standard library
and catalogue.paths, nothing else of ours until it reads the file. It never uses an enum of Qt's
`Qt` namespace: the first use of one costs ~13 ms (PySide6 builds them all), as much as a fifth of
drawing a bare window.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QLocale, QModelIndex, QObject, QTimer
from PySide6.QtGui import QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from catalogue import __version__
from catalogue.paths import cache_dir

log = logging.getLogger(__name__)

START_FILE = "start-window.json"
FORMAT = 2
MAX_START_BYTES = 4 * 1024 * 1024  # a few hundred rows of text; anything larger is not ours
_PURPOSE = b"exportref start window"

# How a row is drawn, as the contents tree's model says (its font and whether it is greyed out).
BOLD, ITALIC, STRUCK, DIMMED = 1, 2, 4, 8


# -- what makes the picture the right one ----------------------------------------------------------


def _stat_key(path: Path) -> list[int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def data_signature(data_dir: Path) -> list[Any]:
    """The data folder's files by name, size, time and inode: a changed, added or removed file changes
    it (the loader's fingerprint hashes the bytes, which is the slower thing this avoids)."""
    out: list[Any] = []
    for folder in (data_dir, data_dir / "instruments"):
        try:
            with os.scandir(folder) as entries:
                found = sorted([e.name, _stat_key(Path(e.path))] for e in entries)
        except OSError:
            found = []
        out.append([folder.name, found])
    return out


def language() -> list[str]:
    """What decides the language of the menus and labels."""
    return [QLocale.system().name(), *(os.environ.get(v, "") for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))]


def start_file() -> Path:
    return cache_dir() / START_FILE


def settings_file() -> Path:
    """gui.settings.settings_path(), without importing gui.settings (and its INI reader) before the
    first picture: the picture is only good for the settings file it was written after."""
    from catalogue.paths import user_config_dir

    return user_config_dir() / "settings.ini"


def _key() -> bytes | None:
    from catalogue import cache_guard

    try:
        _folder, key = cache_guard.prepare(cache_dir())
    except OSError as exc:
        log.info("start picture not used: %s", exc)
        return None
    return key


# -- reading and writing ---------------------------------------------------------------------------


def read_start_picture(settings_file: Path, today: dt.date) -> dict[str, Any] | None:
    """The last run's picture of the window, if it was made for these settings and this language;
    its "tree" is kept only if it was also made for this data and this day. Never raises."""
    try:
        return _read(settings_file, today)
    except Exception as exc:  # a first picture is a nicety: anything odd means a plainer one
        log.info("start picture not used: %s", f"{type(exc).__name__}: {exc}")
        return None


def _read(settings_file: Path, today: dt.date) -> dict[str, Any] | None:
    from catalogue import cache_guard
    from catalogue.storage import read_capped

    try:
        raw = read_capped(start_file(), MAX_START_BYTES)  # a regular file of bounded size, or nothing
    except FileNotFoundError:
        return None
    mac_hex, _, body = raw.partition(b"\n")
    key = _key()

    if key is None or not cache_guard.verify(key, bytes.fromhex(mac_hex.decode("ascii")), _PURPOSE, body):
        return None
    doc = json.loads(body)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != __version__:
        return None
    if doc.get("language") != language() or doc.get("settings") != _stat_key(settings_file):
        return None
    data = doc.get("data") or {}
    fresh = (
        doc.get("as_of") == today.isoformat()
        and data.get("env") == os.environ.get("EXPORTREF_DATA_DIR")
        and data.get("pointer") == (_stat_key(Path(data["pointer_path"])) if data.get("pointer_path") else None)
        and data.get("files") == data_signature(Path(data.get("dir", "")))
    )
    if not fresh:
        doc["tree"] = None
    log.info("start picture read%s", "" if fresh else " (without the tree: the data or the day changed)")
    return doc


def write_start_picture(picture: dict[str, Any], *, settings_file: Path, data_dir: Path, pointer: Path | None) -> None:
    """Keep the window's picture for the next start (see the module docstring). Never raises."""
    try:
        from catalogue import cache_guard
        from catalogue.storage import write_atomically

        key = _key()
        if key is None:
            return
        doc = {
            "format": FORMAT,
            "version": __version__,
            "language": language(),
            "settings": _stat_key(settings_file),
            "data": {
                "env": os.environ.get("EXPORTREF_DATA_DIR"),
                "dir": str(data_dir),
                "files": data_signature(data_dir),
                "pointer_path": str(pointer) if pointer is not None else None,
                "pointer": _stat_key(pointer) if pointer is not None else None,
            },
            **picture,
        }
        body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        mac = cache_guard.sign(key, _PURPOSE, body).hex().encode("ascii")
        write_atomically(start_file(), lambda fh: fh.write(mac + b"\n" + body), mode=0o600)
    except Exception as exc:  # the next start is only plainer
        log.warning("start picture not written: %s", f"{type(exc).__name__}: {exc}")


def encode_bytes(value: QByteArray) -> str:
    return base64.b64encode(bytes(value.data())).decode("ascii")


def _decode_bytes(value: Any) -> QByteArray | None:
    if not isinstance(value, str):
        return None
    try:
        return QByteArray(base64.b64decode(value, validate=True))
    except ValueError:
        return None


# -- the picture -----------------------------------------------------------------------------------


class Skeleton:
    """Stand-ins in a QMainWindow until its real parts replace them: the menu titles, a toolbar of the
    real one's height, the contents tree as it was, an empty page and note, and "Loading…"."""

    def __init__(self, window: QMainWindow, picture: dict[str, Any] | None) -> None:
        chrome = picture or {}
        for title in chrome.get("menus", []):
            if isinstance(title, str):
                window.menuBar().addMenu(title)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("main_toolbar")  # restoreState finds it where the real one will be
        self.toolbar.setMovable(False)
        height = chrome.get("toolbar_height")
        if isinstance(height, int) and 0 < height < 200:
            self.toolbar.setFixedHeight(height)
        window.addToolBar(self.toolbar)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.splitter = QSplitter()
        self.splitter.setObjectName("main_splitter")
        self.tree = QTreeView()  # set up as gui.contents_tree.ContentsTree sets itself up
        self.tree.setObjectName("start_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self._reading_pane(chrome.get("reading_sizes")))
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 900])
        outer.addWidget(self.splitter, 1)
        window.setCentralWidget(central)
        # The keyboard focus on the window, not the tree: the real window puts it in the search field,
        # which the picture has not got, and a focused tree draws its current row in another blue.
        window.setFocus()

        loading = chrome.get("loading")
        self.loading = QLabel(
            loading if isinstance(loading, str) else QCoreApplication.translate("MainWindow", "Loading…")
        )
        self.loading.setObjectName("start_loading")
        window.statusBar().addWidget(self.loading)
        status_height = chrome.get("status_height")
        if isinstance(status_height, int) and 0 < status_height < 200:
            window.statusBar().setMinimumHeight(status_height)  # as tall as the real one's labels make it

        geometry = _decode_bytes(chrome.get("geometry"))
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            window.resize(1320, 820)
        state = _decode_bytes(chrome.get("state"))
        if state is not None:
            window.restoreState(state)
        splitter = _decode_bytes(chrome.get("splitter"))
        if splitter is not None:
            self.splitter.restoreState(splitter)
        tree = chrome.get("tree")
        if isinstance(tree, dict):
            try:
                self._fill_tree(tree)
            except (TypeError, ValueError) as exc:  # signed by us, but by an older build: no rows then
                log.info("start picture's tree not drawn: %s", exc)
                self.tree.setModel(None)

    def _reading_pane(self, sizes: Any) -> QWidget:
        """The empty page above the empty note, at the heights the real pane had (a vertical QSplitter
        would need a Qt-namespace enum for its orientation; a layout with the handle's gap looks the
        same)."""
        pane = QWidget()
        column = QVBoxLayout(pane)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(self.splitter.handleWidth())
        page = QFrame()  # what an empty QTextBrowser draws: a sunken panel filled with the base colour
        page.setFrameShape(QFrame.Shape.StyledPanel)
        page.setFrameShadow(QFrame.Shadow.Sunken)
        page.setBackgroundRole(QPalette.ColorRole.Base)
        page.setAutoFillBackground(True)
        column.addWidget(page, 1)
        note = QWidget()
        note.setFixedHeight(sizes[1] if _ints(sizes, 2) else 110)
        column.addWidget(note)
        return pane

    def _fill_tree(self, tree: dict[str, Any]) -> None:
        """The rows as the real tree shows them at start: the top level open, the page's row current
        (scrolled to, which opens its branch, as ContentsTree.select_id does)."""
        model = QStandardItemModel(self.tree)
        dimmed = QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)

        def add(parent: QStandardItem, rows: list[Any]) -> None:
            for label, flags, children in rows:
                item = QStandardItem(label)
                if flags & (BOLD | ITALIC | STRUCK):
                    font = QFont()
                    font.setBold(bool(flags & BOLD))
                    font.setItalic(bool(flags & ITALIC))
                    font.setStrikeOut(bool(flags & STRUCK))
                    item.setFont(font)
                if flags & DIMMED:
                    item.setForeground(dimmed)
                parent.appendRow(item)
                add(item, children)

        add(model.invisibleRootItem(), tree.get("rows", []))
        self.tree.setModel(model)
        for row in range(model.rowCount()):
            self.tree.expand(model.index(row, 0))
        current = tree.get("current")
        if isinstance(current, list) and current and _ints(current, len(current)):
            index = model.index(current[0], 0)
            for row in current[1:]:
                index = model.index(row, 0, index)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)


def _ints(value: Any, count: int) -> bool:
    return isinstance(value, list) and len(value) == count and all(isinstance(v, int) and v >= 0 for v in value)


def tree_picture(model: Any, current: Any) -> dict[str, Any]:
    """The rows of a tree model as the skeleton draws them, read through the model's own roles, and
    the path (row numbers) of `current`, the row the start selects.

    Only the rows a start shows are kept: the top level, the rows under it (it starts open) and the
    branch that holds `current` (selecting a row opens its branch). A closed row keeps one empty
    child, so that it is drawn with the arrow that says it can be opened. Tooltips are left out: no
    one hovers over a window in the tenth of a second before its parts take over."""
    from PySide6.QtCore import Qt

    display, font_role, foreground = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
    )
    path: list[int] = []
    index = current
    while index is not None and index.isValid():
        path.insert(0, index.row())
        index = index.parent()

    def rows(parent: Any, depth: int, on_path: bool) -> list[Any]:
        out = []
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            font = model.data(index, font_role)
            flags = 0
            if isinstance(font, QFont):
                flags |= (BOLD if font.bold() else 0) | (ITALIC if font.italic() else 0)
                flags |= STRUCK if font.strikeOut() else 0
            flags |= DIMMED if model.data(index, foreground) is not None else 0
            leads = on_path and depth < len(path) and path[depth] == row
            if depth == 0 or leads:
                children = rows(index, depth + 1, leads)
            else:
                children = [["", 0, []]] if model.rowCount(index) else []
            out.append([str(model.data(index, display) or ""), flags, children])
        return out

    return {"rows": rows(QModelIndex(), 0, True), "current": path or None}


def after_first_paint(widget: QWidget, callback: Any) -> None:
    """Call `callback` once `widget` has been painted for the first time: after its first Paint event,
    once that paint pass (every child, and the flush to the screen) is over."""
    _FirstPaint(widget, callback)


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Any) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._seen = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._seen:
            # Not removed here: removing a filter while Qt runs the object's filters makes Qt skip
            # the next one, which may be waiting for this same first paint.
            self._seen = True
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        self._widget.removeEventFilter(self)
        self.deleteLater()
        self._callback()
