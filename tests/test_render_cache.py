"""Compiled templates are cached in the user's cache folder; a bad cache never stops rendering."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.load import load_catalogue
from catalogue.present import environment
from catalogue.present import html as render

from helpers import need_unshare

DAY = dt.date(2026, 6, 30)


def _fresh_render(minimal_data: Path) -> str:
    environment.environment.cache_clear()
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


def test_damaged_or_blocked_cache_still_renders(
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
    environment.environment.cache_clear()


# Root writes through permission bits, so for root (as CI runs) the folder is made read-only by a
# read-only bind mount in a mount namespace of the child's own; the child proves it cannot write there.
READ_ONLY_SCRIPT = """
set -e
mount --bind "$RO" "$RO"
mount -o remount,bind,ro "$RO"
if touch "$RO/templates/probe" 2>/dev/null; then echo "the folder is still writable"; exit 3; fi
"$PYTHON" - <<'PY'
import datetime as dt, hashlib, os
from catalogue.present import environment
from catalogue.present import html as render
from catalogue.load import load_catalogue

cat = load_catalogue(os.environ["DATA"]).catalogue
page = render.render_detail(cat.get("083201X"), cat, as_of=dt.date(2026, 6, 30))
print("sha256", hashlib.sha256(page.encode("utf-8")).hexdigest())
PY
"""


def test_read_only_cache_folder_still_renders(
    minimal_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(tmp_path / "cache"))
    good = _fresh_render(minimal_data)
    ro = tmp_path / "ro"
    (ro / "templates").mkdir(parents=True)
    if os.geteuid() != 0:
        ro.joinpath("templates").chmod(0o500)
        monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(ro))
        try:
            assert _fresh_render(minimal_data) == good
        finally:
            ro.joinpath("templates").chmod(0o700)
            environment.environment.cache_clear()
    else:
        unshare = need_unshare("-rm", "no read-only folder can be made for root")
        env = dict(os.environ, RO=str(ro), DATA=str(minimal_data), PYTHON=sys.executable, EXPORTREF_CACHE_DIR=str(ro))
        run = subprocess.run(
            [unshare, "-rm", "bash", "-c", READ_ONLY_SCRIPT], capture_output=True, text=True, env=env, timeout=120
        )
        assert run.returncode == 0, run.stdout + run.stderr[-3000:]
        assert run.stdout.split() == ["sha256", hashlib.sha256(good.encode("utf-8")).hexdigest()]
    assert list((ro / "templates").iterdir()) == []  # nothing was written, and nothing failed
