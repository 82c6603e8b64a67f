"""Compiled templates are cached in the user's cache folder; a bad cache never stops rendering."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from catalogue import render
from catalogue.loader import load_catalogue

DAY = dt.date(2026, 6, 30)


def _fresh_render(minimal_data: Path) -> str:
    render._environment.cache_clear()
    cat = load_catalogue(minimal_data).catalogue
    return render.render_detail(cat.get("083201X"), cat, as_of=DAY)


def test_templates_compile_once_into_the_cache(
    minimal_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(tmp_path / "cache"))
    first = _fresh_render(minimal_data)
    cached = sorted((tmp_path / "cache" / "templates").iterdir())
    assert cached, "no compiled template was written"
    stamps = [p.stat().st_mtime_ns for p in cached]
    second = _fresh_render(minimal_data)
    assert second == first
    assert [p.stat().st_mtime_ns for p in sorted((tmp_path / "cache" / "templates").iterdir())] == stamps


def test_damaged_or_unwritable_cache_still_renders(
    minimal_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(tmp_path / "cache"))
    good = _fresh_render(minimal_data)
    for path in (tmp_path / "cache" / "templates").iterdir():
        path.write_bytes(b"not bytecode")
    assert _fresh_render(minimal_data) == good
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(blocker))
    assert _fresh_render(minimal_data) == good
    if os.geteuid() != 0:  # root ignores permissions
        ro = tmp_path / "ro"
        (ro / "templates").mkdir(parents=True)
        ro.joinpath("templates").chmod(0o500)
        monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(ro))
        assert _fresh_render(minimal_data) == good
    render._environment.cache_clear()
