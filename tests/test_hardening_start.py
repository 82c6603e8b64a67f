"""Round 2 hardening: nothing the app reads stops it from starting.

Deeply nested YAML, a data file name that is not UTF-8, a user folder that cannot be written, damaged
notes and settings files that would hang or exhaust the reader, and a data folder with no instrument
at all. Where the fault could hang or eat memory, the code runs in a child process with a time and
memory limit, so a regression fails the test instead of the test run.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from catalogue.load import load_cached, load_catalogue
from catalogue.userdata import UserData

from helpers import need_unshare

REPO = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
M = "instruments/cn-mofcom-2023-23.yaml"


@pytest.fixture(autouse=True)
def _devices_untouched() -> Iterator[None]:
    """Files here are made links to /dev/zero; a write that followed such a link as root would
    replace the device with a file (it happened once while this hardening was written)."""
    yield
    for device in ("/dev/zero", "/dev/full", "/dev/null"):
        assert stat.S_ISCHR(os.stat(device).st_mode), f"{device} is no longer a device"


def child_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", **extra)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))


def exportref(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gui.cli", *args],
        capture_output=True,
        text=True,
        env=child_env(**env),
        timeout=timeout,
        preexec_fn=_limit_memory,
    )


def start_window(timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """The real start-up (`exportref` with no argument), quitting once the window is shown."""
    return exportref(timeout=timeout, EXPORTREF_STARTUP_PROBE="1", **env)


def assert_started(run: subprocess.CompletedProcess[str]) -> None:
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.search(r"^shown \d+\.\d+$", run.stdout, re.M), run.stdout + run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]


# -- data that used to end every command -------------------------------------------------------------------


def nested_copy(tmp_path: Path, depth: int) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / M
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nsummary:", "\nnotes: " + "[" * depth + "]" * depth + "\nsummary:", 1), "utf-8")
    return data


@pytest.mark.parametrize("depth", [500, 990])
def test_deep_nesting_within_libyaml_s_limit_is_a_clear_problem(depth: int, tmp_path: Path) -> None:
    data = nested_copy(tmp_path, depth)
    run = exportref("check", str(data))
    assert run.returncode == 1, run.stdout + run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "RecursionError" not in run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith(M + ":") and "nested" in line for line in lines), lines
    result = load_cached(data, tmp_path / "cache")
    assert not result.complete and M in result.failed_files
    assert result.catalogue.get("083201X") is not None  # the other files still load
    assert_started(start_window(EXPORTREF_DATA_DIR=str(data)))


def test_data_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    bad = os.path.join(os.fsencode(data / "instruments"), b"caf\xe9-notes.yaml")
    with open(bad, "wb") as fh:
        fh.write(b"id: x\n")
    run = exportref("check", str(data))
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert re.search(r"^instruments/caf\\xe9-notes\.yaml:1:1: .*not valid UTF-8", run.stdout, re.M), run.stdout
    for args in (("show", "083201X"), ("--version",), ("search", "gallium")):
        other = exportref(*args, EXPORTREF_DATA_DIR=str(data))
        assert other.returncode == 0, (args, other.stderr[-2000:])
        assert "Traceback" not in other.stderr
    assert_started(start_window(EXPORTREF_DATA_DIR=str(data)))


# -- a user folder that cannot be written ---------------------------------------------------------------------


def test_window_starts_when_the_user_folder_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    run = start_window(EXPORTREF_USER_DIR=str(blocker / "ExportRef"), EXPORTREF_DATA_DIR=str(MINIMAL))
    assert_started(run)


def test_window_starts_when_xdg_data_home_cannot_be_written(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.pop("EXPORTREF_USER_DIR", None)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "gui.cli"],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(
            env,
            PYTHONPATH=str(REPO),
            QT_QPA_PLATFORM="offscreen",
            EXPORTREF_STARTUP_PROBE="1",
            EXPORTREF_DATA_DIR=str(MINIMAL),
            XDG_DATA_HOME=str(blocker / "share"),
        ),
    )
    assert_started(run)


def test_read_only_user_folder_opens_read_only_and_says_so(tmp_path: Path, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from gui.main_window import MainWindow

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    user = UserData(blocker / "ExportRef")
    assert user.read_only
    window = MainWindow(load_catalogue(MINIMAL), userdata=user)
    qtbot.addWidget(window)
    window.show()
    assert window.open_id("083201X")
    assert window.notes.editor.isReadOnly()
    assert "cannot be saved" in window.notes.label.text()
    assert not window.actions_table.bookmark.isEnabled()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "userdata_notice") is not None)
    notice = window.findChild(QMessageBox, "userdata_notice")
    assert "cannot be saved" in notice.text()
    assert not notice.isModal() and notice.windowModality() == Qt.WindowModality.NonModal  # the window stays usable


READ_ONLY_MOUNT = """
set -e
mount --bind "$USERDIR" "$USERDIR"
mount -o remount,bind,ro "$USERDIR"
"$PYTHON" - <<'PY'
from catalogue.userdata import UserData
u = UserData()
print("read only", bool(u.read_only))
print("note", u.note("non-ferrous-metallurgy"))
print("problems", u.problems)
PY
"""


def test_notes_on_a_read_only_mount_are_still_shown(tmp_path: Path) -> None:
    unshare = need_unshare("-rm", "no read-only mount can be made")  # skipped on a developer's machine, failed in CI
    user = tmp_path / "user"
    user.mkdir()
    (user / "notes.json").write_text(
        json.dumps({"format": 1, "notes": {"non-ferrous-metallurgy": {"text": "kept", "updated": ""}}}), "utf-8"
    )
    run = subprocess.run(
        [unshare, "-rm", "bash", "-c", READ_ONLY_MOUNT],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(USERDIR=str(user), EXPORTREF_USER_DIR=str(user), PYTHON=sys.executable),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "read only True" in run.stdout and "note kept" in run.stdout, run.stdout


# -- damaged notes files ----------------------------------------------------------------------------------------

OPEN_NOTES = """
import sys
from catalogue.userdata import UserData
u = UserData()
print("notes", [n.entry_id for n in u.notes()])
print("problems", len(u.problems), u.problems)
u.set_note("after", "saved")
print("saved", UserData().note("after"))
"""


def _deep(folder: Path) -> None:
    (folder / "notes.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _long_number(folder: Path) -> None:
    (folder / "notes.json").write_text('{"format": 1, "notes": {}, "n": ' + "7" * 5000 + "}", encoding="utf-8")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "notes.json")


def _dev_zero(folder: Path) -> None:
    (folder / "notes.json").symlink_to("/dev/zero")


def _huge_sparse(folder: Path) -> None:
    with open(folder / "notes.json", "wb") as fh:
        fh.truncate(1 << 30)


DAMAGE = {
    "nested 100,000 deep": _deep,
    "5,000-digit number": _long_number,
    "fifo": _fifo,
    "link to /dev/zero": _dev_zero,
    "1 GB sparse": _huge_sparse,
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_notes_are_kept_aside_without_hanging(case: str, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    DAMAGE[case](user)
    try:
        run = subprocess.run(
            [sys.executable, "-c", OPEN_NOTES],
            capture_output=True,
            text=True,
            timeout=20,
            env=child_env(EXPORTREF_USER_DIR=str(user)),
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("opening the notes hung")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "problems 1" in run.stdout, run.stdout
    assert "notes.json" in run.stdout and "saved saved" in run.stdout
    assert len(list(user.glob("notes.damaged-*"))) == 1  # kept for the user, not deleted


def test_notes_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"format": 1, "notes": {"x": {"text": "kept", "updated": ""}}}).encode()
    )
    user = UserData(tmp_path)
    assert user.problems == [] and user.note("x") == "kept"
    user.set_note("y", "new")
    assert UserData(tmp_path).note("x") == "kept"


def test_window_opens_on_damaged_notes(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    _deep(user)
    (user / "bookmarks.json").symlink_to("/dev/zero")
    assert_started(start_window(EXPORTREF_USER_DIR=str(user), EXPORTREF_DATA_DIR=str(MINIMAL)))


# -- settings.ini that would hang or exhaust the reader -----------------------------------------------------------


USE_AND_CLOSE = f"""
import os
os.environ["EXPORTREF_DATA_DIR"] = {str(MINIMAL)!r}
from catalogue.load import load_catalogue
from gui.app import make_application
from gui.main_window import MainWindow
app = make_application([])
window = MainWindow(load_catalogue())
window.show()
window.open_id("083201X")
window.close()
print("closed", window.settings.last_entry)
"""


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero"])
def test_settings_file_that_never_ends_does_not_stop_the_start(kind: str, tmp_path: Path) -> None:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "ExportRef"
    folder.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(folder / "settings.ini")
    else:
        (folder / "settings.ini").symlink_to("/dev/zero")
    try:
        run = start_window(timeout=30, EXPORTREF_DATA_DIR=str(MINIMAL))
        closed = subprocess.run(
            [sys.executable, "-c", USE_AND_CLOSE], capture_output=True, text=True, timeout=60, env=child_env()
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the window did not start within 30 s")
    assert_started(run)
    assert closed.returncode == 0 and "closed non-ferrous-metallurgy" in closed.stdout, closed.stderr[-2000:]
    # Closing writes the settings: the link is replaced by a file of ours, its target left alone.
    assert (folder / "settings.ini").is_file() and not (folder / "settings.ini").is_symlink()


# -- no instrument at all -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["empty folder", "/proc"])
def test_search_and_index_without_any_instrument(where: str, tmp_path: Path) -> None:
    data = tmp_path / "empty"
    data.mkdir()
    folder = str(data) if where == "empty folder" else "/proc"
    for args in (("search", "gallium"), ("index",), ("index", "--rebuild"), ("search", "gallium", "--json")):
        run = exportref(*args, EXPORTREF_DATA_DIR=folder)
        assert "Traceback" not in run.stderr, (args, run.stderr[-3000:])
        assert run.returncode == 0, (args, run.stderr[-2000:])
        assert "problem" in run.stderr  # the data problem is named, not hidden
    assert "0 result" in exportref("search", "gallium", EXPORTREF_DATA_DIR=folder).stdout


def test_window_without_any_instrument_does_not_wait_for_ever(tmp_path: Path, qtbot: QtBot) -> None:
    from gui.main_window import MainWindow

    data = tmp_path / "empty"
    data.mkdir()
    window = MainWindow(load_catalogue(data))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.index_ready, timeout=20_000):
        window.start_index_build()
    window.search_field.setText("gallium")
    window.search_panel.run_now()
    assert "being built" not in window.search_panel.header.text()


def test_window_says_search_is_unavailable_when_the_index_fails(qtbot: QtBot) -> None:
    from gui.main_window import MainWindow

    def broken() -> object:
        raise RuntimeError("simulated index failure")

    window = MainWindow(load_catalogue(MINIMAL), engine_factory=broken)
    qtbot.addWidget(window)
    window.show()
    window.start_index_build()
    qtbot.waitUntil(lambda: "unavailable" in window.index_build.label.text(), timeout=20_000)
    window.search_field.setText("gallium")
    window.search_panel.run_now()
    text = window.search_panel.header.text()
    assert "being built" not in text and "unavailable" in text
