"""One typed wrapper over QSettings: every key the app remembers, with its type and default.

Keys are `group/lower_snake`. Values written by an older version, or damaged by hand, must never stop
the app: every getter checks the type it reads back and falls back to the default.

The file lives in the platform's configuration folder (XDG_CONFIG_HOME on Linux), computed on each
construction rather than cached by Qt, so tests that point XDG_CONFIG_HOME elsewhere are isolated.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

log = logging.getLogger(__name__)

# PySide6 stores a Python object as `@Variant(... PySide::PyObjectWrapper ...)`, a pickle, and
# QSettings.value() unpickles it: a crafted settings file would run code when a key is merely read.
# ExportRef never stores a Variant (only text, numbers, booleans and @ByteArray), so any line holding
# one is removed before Qt sees the file.
_VARIANT_LINE = re.compile(rb"^[^=\r\n]*=\s*@Variant\(")

APP_NAME = "ExportRef"


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.ini"


def drop_variant_values(path: Path) -> list[str]:
    """Remove `key=@Variant(...)` lines from the INI file; returns the keys removed (for the log).

    Raises OSError if such lines are present and the file cannot be rewritten: the caller must then
    not let Qt read the file at all."""
    try:
        data = path.read_bytes()
    except OSError:
        return []  # missing or unreadable: Qt will start from defaults
    if b"@Variant(" not in data:
        return []
    kept: list[bytes] = []
    dropped: list[str] = []
    for line in data.splitlines(keepends=True):
        if _VARIANT_LINE.match(line):
            dropped.append(line.split(b"=", 1)[0].strip().decode("latin-1"))
        else:
            kept.append(line)
    if dropped:
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(b"".join(kept))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise
    return dropped


def safe_qsettings(path: Path) -> QSettings:
    """A QSettings on `path` that cannot unpickle anything. Every reader of the settings file should
    open it through here."""
    try:
        dropped = drop_variant_values(path)
    except OSError as exc:
        # The file holds pickled objects and cannot be cleaned: read nothing from it this session.
        log.warning("settings file %s holds stored Python objects and cannot be rewritten (%s); ignoring it", path, exc)
        spare = Path(tempfile.mkdtemp(prefix="exportref-settings-")) / "settings.ini"
        return QSettings(str(spare), QSettings.Format.IniFormat)
    if dropped:
        log.warning("removed stored Python objects from %s (keys: %s)", path, ", ".join(dropped))
    return QSettings(str(path), QSettings.Format.IniFormat)


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._qs = safe_qsettings(self.path)

    def sync(self) -> None:
        self._qs.sync()

    # -- typed access, tolerant of garbage ---------------------------------------------------------
    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _str(self, key: str, default: str = "") -> str:
        value = self._qs.value(key)
        return value if isinstance(value, str) else default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key)
        # INI files hand booleans back as the strings "true"/"false".
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
            return value.lower() in ("true", "1")
        return default

    def _int(self, key: str, default: int, low: int, high: int) -> int:
        value = self._qs.value(key)
        try:
            number = int(value) if isinstance(value, int | str) else default
        except ValueError:
            return default
        return number if low <= number <= high else default

    # -- window ----------------------------------------------------------------------------------
    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._qs.setValue("window/splitter", value)

    # -- browsing ----------------------------------------------------------------------------------
    @property
    def last_entry(self) -> str:
        return self._str("browse/last_entry")

    @last_entry.setter
    def last_entry(self, value: str) -> None:
        self._qs.setValue("browse/last_entry", value)

    @property
    def group_by_topic(self) -> bool:
        return self._bool("browse/group_by_topic", False)

    @group_by_topic.setter
    def group_by_topic(self, value: bool) -> None:
        self._qs.setValue("browse/group_by_topic", bool(value))

    @property
    def show_historical(self) -> bool:
        return self._bool("browse/show_historical", False)

    @show_historical.setter
    def show_historical(self, value: bool) -> None:
        self._qs.setValue("browse/show_historical", bool(value))

    # -- notices (print options are kept by gui.printing) ---------------------------------------
    @property
    def first_run_notice_version(self) -> int:
        """The version of the first-run notice the user has acknowledged (0: never)."""
        return self._int("notices/first_run_version", 0, 0, 1_000_000)

    @first_run_notice_version.setter
    def first_run_notice_version(self, value: int) -> None:
        self._qs.setValue("notices/first_run_version", int(value))
