"""Helpers shared by several test files (fixtures live in conftest.py).

A check that needs something the machine may lack (a program, a kernel feature) calls `unavailable()`
when it is missing: on a developer's machine the test is skipped with the reason; in CI (`CI=true`,
which .ci/run sets after installing everything the tests need) it fails, so that a check never stops
running there without anyone noticing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache
from typing import NoReturn

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from gui.detail_view import EntryView


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> NoReturn:
    """Skip here, fail in CI: see the module docstring."""
    if in_ci():
        pytest.fail(f"{reason} — CI (CI=true) must provide it", pytrace=False)
    pytest.skip(reason)


def need_program(name: str, package: str) -> str:
    """The path of the program `name`, from the Debian package `package`."""
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name} ({package}) is not installed")
    return path


@cache
def unshare_permits(flags: str) -> bool:
    """Whether `unshare <flags> true` works here (user, mount or network namespaces of our own)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    try:
        return subprocess.run([unshare, flags, "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def need_unshare(flags: str, why: str) -> str:
    """The path of `unshare`, when `unshare <flags>` is permitted here."""
    if not unshare_permits(flags):
        unavailable(f"unshare {flags} is not permitted here, so {why}")
    unshare = shutil.which("unshare")
    assert unshare is not None
    return unshare


def click_link(qtbot: QtBot, view: EntryView, href: str) -> None:
    """Click the visible text of the first link to `href`, as a user would."""
    doc = view.document()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().anchorHref() == href:
                cursor = QTextCursor(doc)
                cursor.setPosition(frag.position() + min(1, frag.length() - 1))
                view.setTextCursor(cursor)
                view.ensureCursorVisible()
                rect = view.cursorRect(cursor)
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))
                return
            it += 1
        block = block.next()
    raise AssertionError(f"no link to {href} on the page")
