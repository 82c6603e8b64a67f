"""One typed wrapper over QSettings: every key the app remembers, with its type and default.

Keys are `group/lower_snake`. Values written by an older version, or damaged by hand, must never stop
the app: every getter checks the type it reads back and falls back to the default.

The file lives in the platform's configuration folder (XDG_CONFIG_HOME on Linux), computed on each
construction rather than cached by Qt, so tests that point XDG_CONFIG_HOME elsewhere are isolated.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

APP_NAME = "ExportRef"


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.ini"


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

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
