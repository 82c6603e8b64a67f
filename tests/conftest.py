"""Shared test set-up: headless Qt, UTF-8, and user folders pointed away from the real user's."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from helpers import need_program

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
SHIPPED_DATA = REPO / "catalogue" / "data"


@pytest.fixture(scope="session")
def qapp(qapp: QApplication) -> QApplication:
    """pytest-qt's application with our English translations installed, as the app installs them at
    start: plural forms ("%n event(s)" → "150 events") come from them. Without this a widget made on
    its own said "150 event(s)", or not, depending on which test had run first in the worker."""
    from gui.language import apply_language

    apply_language(qapp, "en")
    return qapp


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Caches, settings and notes never touch the real user's folders."""
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("EXPORTREF_USER_DIR", str(base / "userdata"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdgcache"))
    monkeypatch.delenv("EXPORTREF_DATA_DIR", raising=False)


@pytest.fixture
def pdftotext() -> str:
    """poppler-utils' pdftotext, which reads a written PDF back as text (skipped without it; CI has it)."""
    return need_program("pdftotext", "poppler-utils")


@pytest.fixture
def minimal_data(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the small valid fixture dataset."""
    dest = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", dest)
    yield dest
