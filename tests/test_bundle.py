"""Packaging: the Linux desktop entry, and a smoke test of a PyInstaller bundle built by scripts/build-bundle.

Building the bundle takes minutes, so CI does not do it and this test is skipped unless
EXPORTREF_BUNDLE names the bundle folder (the one holding the `exportref` program):

    scripts/build-bundle && EXPORTREF_BUNDLE=dist/exportref python -m pytest tests/test_bundle.py

The bundled program runs outside the checkout with user folders in a temporary place and, where the
kernel allows, in a network namespace of its own, so it proves the bundle carries everything itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import need_program

BUNDLE_ENV = "EXPORTREF_BUNDLE"

needs_bundle = pytest.mark.skipif(
    not os.environ.get(BUNDLE_ENV),
    reason=f"no bundle to test: build one with scripts/build-bundle and set {BUNDLE_ENV}=dist/exportref "
    "(takes minutes, so it is not part of CI)",
)


@pytest.fixture(scope="module")
def bundle() -> Path:
    folder = Path(os.environ[BUNDLE_ENV]).resolve()
    program = folder / "exportref"
    assert program.is_file() and os.access(program, os.X_OK), f"{program} is not an executable"
    return folder


def run_bundled(bundle: Path, args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    unshare = shutil.which("unshare")
    netns: list[str] = []
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        netns = [unshare, "-rn"]
    clean_env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "EXPORTREF_CACHE_DIR": str(cwd / "cache"),
        "EXPORTREF_USER_DIR": str(cwd / "user"),
        "XDG_CONFIG_HOME": str(cwd / "config"),
        "XDG_CACHE_HOME": str(cwd / "xdgcache"),
        **env,
    }
    return subprocess.run(
        [*netns, str(bundle / "exportref"), *args], capture_output=True, text=True, cwd=cwd, env=clean_env, timeout=120
    )


@needs_bundle
def test_version(bundle: Path, tmp_path: Path) -> None:
    run = run_bundled(bundle, ["--version"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert re.search(r"^exportref \d+\.\d+", run.stdout, re.M)
    assert re.search(r"^data fingerprint: [0-9a-f]{16}$", run.stdout, re.M)
    assert re.search(r"^data verified to: \d{4}-\d{2}-\d{2}$", run.stdout, re.M), run.stdout
    # The data comes from inside the bundle, not from a checkout it happens to sit in.
    data_line = next(line for line in run.stdout.splitlines() if line.startswith("data: "))
    assert Path(data_line.removeprefix("data: ")).resolve().is_relative_to(bundle)


@needs_bundle
def test_check_passes_on_the_bundled_data(bundle: Path, tmp_path: Path) -> None:
    run = run_bundled(bundle, ["check"], tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK: ")


@needs_bundle
def test_check_reports_broken_data(bundle: Path, tmp_path: Path) -> None:
    broken = Path(__file__).parent / "fixtures" / "broken" / "alias-bomb"
    run = run_bundled(bundle, ["check", str(broken)], tmp_path)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stdout.startswith("instruments/cn-mofcom-2023-23.yaml:3:12: YAML aliases")


@needs_bundle
def test_show_search_and_sheet(bundle: Path, tmp_path: Path) -> None:
    show = run_bundled(bundle, ["show", "083201X"], tmp_path)
    assert show.returncode == 0, show.stderr
    assert "083201X" in show.stdout
    search = run_bundled(bundle, ["search", "镓"], tmp_path)
    assert search.returncode == 0, search.stderr
    assert re.search(r"^[1-9]\d* result\(s\) for '镓'", search.stdout, re.M), search.stdout[:500]
    pdf = tmp_path / "sheet.pdf"
    sheet = run_bundled(bundle, ["sheet", "083201X", "-o", str(pdf)], tmp_path)
    assert sheet.returncode == 0, sheet.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "有色金属冶金技术" in text  # the bundled CJK font is in and maps to real code points


@needs_bundle
def test_window_starts(bundle: Path, tmp_path: Path) -> None:
    run = run_bundled(bundle, [], tmp_path, EXPORTREF_STARTUP_PROBE="1")
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.search(r"^shown \d+\.\d+$", run.stdout, re.M), run.stdout


@needs_bundle
def test_bundle_contents(bundle: Path) -> None:
    internal = bundle / "_internal"
    # SVG icons need Qt's SVG icon engine and image-format plugins.
    assert list(internal.rglob("iconengines/libqsvgicon.so"))
    assert list(internal.rglob("imageformats/libqsvg.so"))
    assert list(internal.rglob("exportref_resources/fonts/wqy-microhei.ttc"))
    assert list(internal.rglob("exportref_resources/icons/exportref.svg"))
    # No Python binding for Qt's network module is shipped at all.
    assert not list(internal.rglob("QtNetwork*.so"))


# -- the desktop entry (always checked: it ships in the wheel) ---------------------------------------------

DESKTOP = Path(__file__).resolve().parent.parent / "resources" / "exportref.desktop"


def desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entry = {}
    for line in lines[1:]:
        if line and not line.startswith("#"):
            key, sep, value = line.partition("=")
            assert sep and key == key.strip(), line
            assert key not in entry, f"duplicate key {key}"
            entry[key] = value
    return entry


def test_desktop_entry_starts_the_installed_program() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "ExportRef"
    assert entry["Terminal"] == "false"
    # The program the wheel installs (pyproject's [project.scripts]); no field codes: it opens no files.
    assert entry["Exec"] == entry["TryExec"] == "exportref"
    # Matches what the window sets (QApplication.setApplicationName -> WM_CLASS class "ExportRef").
    assert entry["StartupWMClass"] == "ExportRef"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"].split(";")
    assert all(v == v.strip() and "\\" not in v for v in entry.values())


def test_desktop_entry_icon_is_in_resources() -> None:
    entry = desktop_entry()
    # An icon *name*, looked up in the icon theme where docs/install-desktop.md installs the SVG.
    assert entry["Icon"] == "exportref"
    svg = DESKTOP.parent / "icons" / "exportref.svg"
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<svg") and "viewBox" in text


def test_desktop_entry_validates() -> None:
    validate = need_program("desktop-file-validate", "desktop-file-utils")
    run = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == "", run.stdout + run.stderr
