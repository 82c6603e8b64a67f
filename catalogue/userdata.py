"""The lawyer's own material: private notes per entry and bookmarks, kept on this machine only.

Both live as small JSON files in the user's data folder (`EXPORTREF_USER_DIR`, else the platform's
data folder). The rules that matter:

- A write never leaves a half-written file: it goes to a temporary file in the same folder, is
  flushed and fsynced, then renamed over the old file with `os.replace` (atomic on POSIX and Windows).
- Two running instances must not lose each other's work. Every change is applied as an operation
  ("set the note of X", "remove bookmark Y") to what is on disk *now*, under an exclusive lock file,
  rather than writing back a snapshot taken at start-up.
- A file that cannot be read as ours is never silently dropped: it is moved aside to a timestamped
  backup beside it and the problem is reported through `UserData.problems`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

FORMAT_VERSION = 1
NOTES_FILE = "notes.json"
BOOKMARKS_FILE = "bookmarks.json"
LOCK_FILE = "userdata.lock"
LOCK_TIMEOUT_S = 5.0
APP_NAME = "ExportRef"

T = TypeVar("T")


class UserDataError(OSError):
    """The user's notes or bookmarks could not be written (folder not writable, lock held too long)."""


def user_data_dir() -> Path:
    """Where notes, bookmarks and logs live: `EXPORTREF_USER_DIR`, else the platform's data folder."""
    env = os.environ.get("EXPORTREF_USER_DIR")
    if env:
        return Path(env)
    import platformdirs  # imported here: the command line never needs it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True, slots=True)
class Note:
    entry_id: str
    text: str
    updated: str  # ISO timestamp, UTC


@dataclass(frozen=True, slots=True)
class Bookmark:
    entry_id: str
    added: str  # ISO timestamp, UTC


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@contextlib.contextmanager
def _exclusive(lock_path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an OS-level exclusive lock on `lock_path`; released even if the process dies."""
    if timeout is None:
        timeout = LOCK_TIMEOUT_S
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(lock_path, "a+b")  # noqa: SIM115 - held open for the life of the lock
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                _try_lock(fh)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise UserDataError(
                        f"another ExportRef window has held {lock_path} for over {timeout:.0f} s; "
                        "the change was not saved"
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            _unlock(fh)
    finally:
        fh.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fh: Any) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: Any) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fh: Any) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: Any) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def write_json_atomically(path: Path, data: Any) -> None:
    """Write `data` so that `path` holds either the old or the new content, never a mixture."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            _dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sys.platform != "win32":
        # The rename itself must reach the disk too, or a crash can bring back the old file.
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _dump(data: Any, fh: TextIO) -> None:
    json.dump(data, fh, ensure_ascii=False, indent=2, sort_keys=True)
    fh.write("\n")


class _Corrupt(ValueError):
    pass


def _parse_notes(raw: Any) -> dict[str, Note]:
    if not isinstance(raw, dict) or not isinstance(raw.get("notes"), dict):
        raise _Corrupt("expected an object with a 'notes' object")
    out: dict[str, Note] = {}
    for key, value in raw["notes"].items():
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise _Corrupt(f"note {key!r} has no text")
        out[key] = Note(key, value["text"], str(value.get("updated", "")))
    return out


def _parse_bookmarks(raw: Any) -> list[Bookmark]:
    if not isinstance(raw, dict) or not isinstance(raw.get("bookmarks"), list):
        raise _Corrupt("expected an object with a 'bookmarks' list")
    out: list[Bookmark] = []
    seen: set[str] = set()
    for value in raw["bookmarks"]:
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            raise _Corrupt("a bookmark has no id")
        if value["id"] not in seen:
            seen.add(value["id"])
            out.append(Bookmark(value["id"], str(value.get("added", ""))))
    return out


def _notes_json(notes: dict[str, Note]) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "notes": {k: {"text": n.text, "updated": n.updated} for k, n in sorted(notes.items())},
    }


def _bookmarks_json(bookmarks: list[Bookmark]) -> dict[str, Any]:
    return {"format": FORMAT_VERSION, "bookmarks": [{"id": b.entry_id, "added": b.added} for b in bookmarks]}


class UserData:
    """Notes and bookmarks in one folder. Reads are served from memory; every change re-reads the
    file under the lock, applies itself, and writes atomically, so concurrent windows merge."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else user_data_dir()
        self.problems: list[str] = []  # human-readable, for the GUI to show once
        self._notes: dict[str, Note] = {}
        self._bookmarks: list[Bookmark] = []
        self.reload()

    # -- reading --------------------------------------------------------------------------------
    @property
    def notes_path(self) -> Path:
        return self.folder / NOTES_FILE

    @property
    def bookmarks_path(self) -> Path:
        return self.folder / BOOKMARKS_FILE

    def reload(self) -> None:
        """Pick up changes made by another window."""
        with self._lock():
            self._notes = self._read(self.notes_path, _parse_notes, {})
            self._bookmarks = self._read(self.bookmarks_path, _parse_bookmarks, [])

    def note(self, entry_id: str) -> str | None:
        found = self._notes.get(entry_id)
        return found.text if found else None

    def notes(self) -> list[Note]:
        return sorted(self._notes.values(), key=lambda n: n.entry_id)

    def bookmarks(self) -> list[Bookmark]:
        return list(self._bookmarks)

    def is_bookmarked(self, entry_id: str) -> bool:
        return any(b.entry_id == entry_id for b in self._bookmarks)

    # -- changing ---------------------------------------------------------------------------------
    def set_note(self, entry_id: str, text: str) -> None:
        """Save a note; blank text deletes it."""

        def apply(notes: dict[str, Note]) -> dict[str, Note]:
            if text.strip():
                notes[entry_id] = Note(entry_id, text, _now())
            else:
                notes.pop(entry_id, None)
            return notes

        self._notes = self._change(self.notes_path, _parse_notes, {}, apply, _notes_json)

    def add_bookmark(self, entry_id: str) -> None:
        def apply(marks: list[Bookmark]) -> list[Bookmark]:
            if not any(b.entry_id == entry_id for b in marks):
                marks.append(Bookmark(entry_id, _now()))
            return marks

        self._bookmarks = self._change(self.bookmarks_path, _parse_bookmarks, [], apply, _bookmarks_json)

    def remove_bookmark(self, entry_id: str) -> None:
        def apply(marks: list[Bookmark]) -> list[Bookmark]:
            return [b for b in marks if b.entry_id != entry_id]

        self._bookmarks = self._change(self.bookmarks_path, _parse_bookmarks, [], apply, _bookmarks_json)

    def toggle_bookmark(self, entry_id: str) -> bool:
        """Add or remove; returns True if the entry is bookmarked afterwards."""
        with self._lock():
            # Decide on the freshest state, so a bookmark added meanwhile in another window is not re-added.
            self._bookmarks = self._read(self.bookmarks_path, _parse_bookmarks, [])
        if self.is_bookmarked(entry_id):
            self.remove_bookmark(entry_id)
            return False
        self.add_bookmark(entry_id)
        return True

    # -- internals ----------------------------------------------------------------------------------
    def _lock(self) -> contextlib.AbstractContextManager[None]:
        return _exclusive(self.folder / LOCK_FILE)

    def _read(self, path: Path, parse: Callable[[Any], T], empty: T) -> T:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return empty
        except (OSError, UnicodeDecodeError) as exc:
            return self._set_aside(path, f"could not be read ({exc})", empty)
        try:
            return parse(json.loads(text))
        except (json.JSONDecodeError, _Corrupt) as exc:
            return self._set_aside(path, f"is damaged ({exc})", empty)

    def _set_aside(self, path: Path, why: str, empty: T) -> T:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
        n = 1
        while backup.exists():
            n += 1
            backup = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
        try:
            os.replace(path, backup)
        except OSError as exc:
            # Cannot move it: refuse to start over on top of it, or the next save would destroy it.
            raise UserDataError(f"{path} {why} and could not be moved aside: {exc}") from exc
        self.problems.append(f"{path.name} {why}; it was moved to {backup.name} and a new file was started.")
        return empty

    def _change(
        self,
        path: Path,
        parse: Callable[[Any], T],
        empty: T,
        apply: Callable[[T], T],
        to_json: Callable[[T], dict[str, Any]],
    ) -> T:
        try:
            with self._lock():
                current = self._read(path, parse, empty)
                updated = apply(current)
                write_json_atomically(path, to_json(updated))
                return updated
        except UserDataError:
            raise
        except OSError as exc:
            raise UserDataError(f"could not save {path}: {exc}") from exc
