"""One typed wrapper over the settings file: every key the app remembers, with its type and default.

Keys are `group/lower_snake`. Values written by an older version, or damaged by hand, must never stop
the app: every getter checks the type it reads back and falls back to the default.

The file is `settings.ini` in the platform's configuration folder (XDG_CONFIG_HOME on Linux), in the
INI format QSettings writes, but it is read and written by our own code (gui.ini_file), never by
QSettings: QSettings unpickles `@Variant` values while reading, so a crafted file could run code.
Only text, lists of text and bytes are ever read back; anything else is refused, logged and dropped
from the file. The file is read as a regular file of bounded size (a FIFO or a link to /dev/zero is
ignored, not waited on) and written whole or not at all (gui.save_file), following a symlink to a
regular file, never one to a device.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray

from catalogue.paths import user_config_dir
from catalogue.storage import read_capped
from gui import ini_file
from gui.save_file import save_atomically

log = logging.getLogger(__name__)

MAX_SETTINGS_BYTES = 8 * 1024 * 1024  # the app writes a few kilobytes; far more is not ours

StoredValue = str | list[str] | QByteArray


def settings_path() -> Path:
    # catalogue.paths names every per-user folder from the one application name.
    return user_config_dir() / "settings.ini"


def _read_file(path: Path) -> ini_file.IniContent:
    try:
        raw = read_capped(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return ini_file.IniContent()
    except OSError as exc:
        log.warning("settings file %s not read (%s); using defaults", path, exc)
        return ini_file.IniContent()
    content = ini_file.parse(raw.decode("utf-8", errors="replace"))
    if content.refused:
        log.warning(
            "settings file %s: ignored stored objects and other non-plain values (keys: %s)",
            path,
            ", ".join(content.refused),
        )
    return content


# Changes not yet synced, per settings file, shared by every store on that file in this process: as
# with QSettings, a value set through one object is seen by another before either syncs.
_PENDING: dict[str, dict[str, ini_file.Value]] = {}


class SettingsStore:
    """The part of QSettings' interface the app uses (`value`, `setValue`, `sync`), over a file that
    can only ever hold plain values. Like QSettings, `sync` re-reads the file and writes back only
    the keys changed in this process, so two windows do not undo each other's other settings."""

    def __init__(self, path: Path) -> None:
        self.path = path
        content = _read_file(path)
        self._changed = _PENDING.setdefault(str(path), {})
        self._values: dict[str, ini_file.Value] = {**content.values, **self._changed}
        if content.refused:
            # Drop what was refused from the file too, so no later reader of another version meets it.
            self._write(self._values)

    def value(self, key: str, default: object = None) -> StoredValue | object:
        found = self._changed.get(key, self._values.get(key))
        if found is None:
            return default
        if isinstance(found, bytes):
            return QByteArray(found)
        return found

    def setValue(self, key: str, value: object) -> None:  # QSettings' name, for its callers
        stored: ini_file.Value
        if isinstance(value, bool):
            stored = "true" if value else "false"
        elif isinstance(value, int):
            stored = str(value)
        elif isinstance(value, str):
            stored = value
        elif isinstance(value, QByteArray):
            stored = bytes(value.data())
        elif isinstance(value, bytes):
            stored = value
        else:
            raise TypeError(f"settings hold text, numbers, booleans and bytes only, not {type(value).__name__}")
        self._values[key] = stored
        self._changed[key] = stored

    def sync(self) -> None:
        if not self._changed:
            return
        merged = _read_file(self.path).values
        merged.update(self._changed)
        if self._write(merged):
            self._values = merged
            self._changed.clear()

    def _write(self, values: dict[str, ini_file.Value]) -> bool:
        text = ini_file.dump(values).encode("utf-8")
        try:
            # Owner-only: the print options hold matter references and the names of who prepared sheets.
            save_atomically(self.path, text, private=True, make_parents=True)
        except OSError as exc:
            log.warning("settings not saved to %s (%s)", self.path, exc)
            return False
        return True


def safe_qsettings(path: Path) -> SettingsStore:
    """The settings file at `path`, read so that nothing in it can run code. Every reader of the
    settings file opens it through here."""
    return SettingsStore(path)


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._qs = SettingsStore(self.path)

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

    # -- language ---------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The language chosen in View → Language ("zh" or "en"); "" to follow the system's."""
        value = self._str("ui/language")
        return value if value in ("zh", "en") else ""

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value if value in ("zh", "en") else "")

    @property
    def show_english(self) -> bool:
        """In the Chinese window, whether our English translations stand beside the official Chinese."""
        return self._bool("ui/show_english", False)

    @show_english.setter
    def show_english(self, value: bool) -> None:
        self._qs.setValue("ui/show_english", bool(value))

    # -- notices (print options are kept by gui.printing) ---------------------------------------
    @property
    def first_run_notice_version(self) -> int:
        """The version of the first-run notice the user has acknowledged (0: never)."""
        return self._int("notices/first_run_version", 0, 0, 1_000_000)

    @first_run_notice_version.setter
    def first_run_notice_version(self, value: int) -> None:
        self._qs.setValue("notices/first_run_version", int(value))
