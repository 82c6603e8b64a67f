"""Round 2 hardening: settings.ini can never run code, whatever its layout.

PySide6 stores a Python object given to QSettings as `@Variant(…PySide::PyObjectWrapper…)`, a pickle,
and QSettings unpickles it again when the file is read. Round 1 removed such lines before Qt read the
file; Qt's INI reader joins a line that ends in a backslash with the next, so a filter of lines is not
enough. The settings are now read by our own parser, which keeps plain values only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def child_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", **extra)


# -- pickled values ------------------------------------------------------------------------------------

PICKLE_WRITER = """
import os, sys
from PySide6.QtCore import QCoreApplication, QSettings

class Payload:
    def __reduce__(self):
        return (os.mkdir, (sys.argv[2],))

app = QCoreApplication([])
s = QSettings(sys.argv[1], QSettings.Format.IniFormat)
for key in ("window/geometry", "window/state", "window/splitter", "browse/last_entry", "browse/group_by_topic",
            "browse/show_historical", "notices/first_run_version", "printing/page_size",
            "printing/matter_reference", "printing/include_notes", "printing/prepared_by"):
    s.setValue(key, Payload())
s.sync()
"""

READ_SETTINGS = """
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.settings import Settings
from gui.printing import load_print_options
s = Settings()
print("read", s.last_entry == "", s.geometry, s.group_by_topic, s.first_run_notice_version)
print("print options", load_print_options().page_size)
s.last_entry = "083201X"
s.sync()
print("again", Settings().last_entry)
"""


@pytest.mark.parametrize("layout", ["one line", "line continuation", "continuation with CRLF", "escaped key"])
def test_pickled_settings_value_never_runs_whatever_the_layout(layout: str, tmp_path: Path) -> None:
    """Qt's INI reader joins a line that ends in a backslash with the next one, so a filter of
    `key=@Variant(` lines let `key=\\<newline>@Variant(…)` through to the unpickler."""
    marker = tmp_path / "executed"
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "ExportRef"
    folder.mkdir(parents=True)
    ini = folder / "settings.ini"
    subprocess.run(
        [sys.executable, "-c", PICKLE_WRITER, str(ini), str(marker)], check=True, env=child_env(), capture_output=True
    )
    assert not marker.exists()
    text = ini.read_bytes()
    assert b"@Variant(" in text
    if layout == "line continuation":
        text = text.replace(b"=@Variant(", b"=\\\n@Variant(")
    elif layout == "continuation with CRLF":
        text = text.replace(b"\n", b"\r\n").replace(b"=@Variant(", b"=\\\r\n@Variant(")
    elif layout == "escaped key":
        text = text.replace(b"last_entry=@Variant(", b"last%5Fentry=\\\n@Variant(")
    ini.write_bytes(text)
    run = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=tmp_path,
        timeout=120,
    )
    assert not marker.exists(), "reading settings.ini ran code from it"
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert "read True None False 0" in run.stdout, run.stdout
    assert "print options A4" in run.stdout
    assert "again 083201X" in run.stdout


def test_settings_never_store_a_python_object(tmp_path: Path) -> None:
    """Only plain values are stored: whatever a caller hands over, nothing pickled reaches the file."""
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
            "from gui.settings import Settings\ns = Settings()\n"
            "s.last_entry = 'x'\ns.group_by_topic = True\ns.first_run_notice_version = 3\ns.sync()\n"
            "from gui.settings import settings_path\nprint(settings_path())",
        ],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    content = Path(run.stdout.strip()).read_bytes()
    assert b"@Variant" not in content and b"PyObject" not in content


# -- the same format as QSettings, both ways --------------------------------------------------------------

TEXTS = [
    "plain",
    "",
    " leading and trailing ",
    "semi;colon, comma = equals",
    'quote " and backslash \\ and @at',
    "@starts with at",
    "line\nbreak\ttab\r\x01\x1f\x7f",
    "有色金属冶金技术 RLO\u202e end",
    "\x00123 hex after NUL",
]


def test_values_written_by_qsettings_read_back_the_same(tmp_path: Path) -> None:
    from PySide6.QtCore import QByteArray, QSettings

    from gui import ini_file

    path = tmp_path / "qt.ini"
    qs = QSettings(str(path), QSettings.Format.IniFormat)
    blob = bytes(range(256)) * 2
    for i, text in enumerate(TEXTS):
        qs.setValue(f"texts/t{i}", text)
    qs.setValue("window/geometry", QByteArray(blob))
    qs.setValue("browse/list", ["a", "b, c", "@d"])
    qs.setValue("top_level", "no group")
    qs.setValue("a/b/c", "nested")
    qs.sync()
    content = ini_file.parse(path.read_bytes().decode("utf-8"))
    assert content.refused == []
    for i, text in enumerate(TEXTS):
        assert content.values[f"texts/t{i}"] == text, (i, text)
    assert content.values["window/geometry"] == blob
    assert content.values["browse/list"] == ["a", "b, c", "@d"]
    assert content.values["top_level"] == "no group"
    assert content.values["a/b/c"] == "nested"


def test_values_we_write_read_back_the_same_in_qsettings(tmp_path: Path) -> None:
    from PySide6.QtCore import QByteArray, QSettings

    from gui import ini_file

    blob = bytes(range(256))
    values: dict[str, ini_file.Value] = {f"texts/t{i}": t for i, t in enumerate(TEXTS)}
    values.update({"window/geometry": blob, "browse/list": ["x", "y z"], "top_level": "t", "a/b/c": "n"})
    path = tmp_path / "ours.ini"
    path.write_text(ini_file.dump(values), encoding="utf-8")
    assert ini_file.parse(path.read_text(encoding="utf-8")).values == values
    qs = QSettings(str(path), QSettings.Format.IniFormat)
    for i, text in enumerate(TEXTS):
        assert qs.value(f"texts/t{i}") == text, (i, text)
    assert qs.value("window/geometry") == QByteArray(blob)
    assert qs.value("browse/list") == ["x", "y z"]
    assert qs.value("top_level") == "t" and qs.value("a/b/c") == "n"


def test_every_stored_object_form_is_refused() -> None:
    from gui import ini_file

    text = (
        "[g]\nv=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18PySide::PyObjectWrapper)\n"
        "d=@DateTime(\\0\\0\\0\\x10)\nr=@Rect(0 0 1 1)\ni=@Invalid()\n"
        "c=x\\\n@Variant(\\0)\n"  # a continuation inside a value: the value is text, not an object
        'q="@Variant(\\0)"\n'
        "ok=@@Variant(literal)\n"
    )
    content = ini_file.parse(text)
    assert sorted(content.refused) == ["g/d", "g/i", "g/q", "g/r", "g/v"]
    assert content.values == {"g/c": "x@Variant(\0)", "g/ok": "@Variant(literal)"}
