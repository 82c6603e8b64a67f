"""The lawyer's own material: private notes per entry and bookmarks, kept on this machine only.

Both live as small JSON files in the user's data folder (`EXPORTREF_USER_DIR`, else the platform's
data folder). The rules that matter:

- A write never leaves a half-written file: it goes to a temporary file in the same folder, is
  flushed and fsynced, then renamed over the old file with `os.replace` (atomic on POSIX and Windows).
- Two running instances must not lose each other's work. Every change is applied as an operation
  ("set the note of X", "remove bookmark Y") to what is on disk *now*, under an exclusive lock file,
  rather than writing back a snapshot taken at start-up.
- A file that cannot be read as ours is never silently dropped: it is moved aside to a timestamped
  backup beside it and the problem is reported through `UserData.problems`. That covers invalid
  JSON, but also JSON nested deeper than the parser allows, numbers too long to convert, a FIFO, a
  link to /dev/zero or a file over 64 MB: the file is read as a regular file of bounded size only,
  so nothing hangs or exhausts memory. A UTF-8 byte-order mark is accepted.
- A note is never written over a version this instance has not seen: `set_note` compares the note on
  disk with the one this instance last read and raises `NoteConflict` if another window changed it.
- What is already in a file never stops a save (a lone surrogate escape is written back as an escape).
- `notes.json` or `bookmarks.json` may be a symlink (to a synced folder, say): it is followed, and the
  file it points to is replaced atomically; the link stays a link.
- A folder that cannot be written (read-only mount, unwritable XDG folder) opens read-only: what can
  be read is shown, `read_only` says why nothing can be saved, and every change raises UserDataError.
- Temporary files left by a writer that was killed mid-write are removed at the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from catalogue.paths import user_data_dir
from catalogue.storage import LockTimeout, exclusive_lock, read_capped, resolve_link, write_atomically

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
NOTES_FILE = "notes.json"
BOOKMARKS_FILE = "bookmarks.json"
LOCK_FILE = "userdata.lock"
LOCK_TIMEOUT_S = 5.0
MAX_FILE_BYTES = 64 * 1024 * 1024  # far beyond any real notes file; a larger one is not ours
# The temporary names tempfile.mkstemp gives `write_atomically`'s files: `<name>.<8 characters>.tmp`.
_TMP_SUFFIX = r"\.[a-z0-9_]{8}\.tmp"
_SURROGATE = re.compile("[\ud800-\udfff]")

T = TypeVar("T")


class UserDataError(OSError):
    """The user's notes or bookmarks could not be written (folder not writable, lock held too long)."""


class NoteConflict(UserDataError):
    """The note changed on disk (another window saved it) since this instance last read it.

    Nothing was written. `current` is the note as it is now (None: deleted); this instance has now
    seen it, so a save that takes it into account may follow."""

    def __init__(self, entry_id: str, current: str | None) -> None:
        super().__init__(f"the note on {entry_id} was changed in another window; nothing was overwritten")
        self.entry_id = entry_id
        self.current = current


_UNSET: Any = object()


@dataclass(frozen=True, slots=True)
class PrivateNote:
    """The lawyer's own note on one record (not the data's caveats, which are `catalogue.model.Note`)."""

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
    """Hold the user data's exclusive lock (catalogue.storage.exclusive_lock)."""
    wait = LOCK_TIMEOUT_S if timeout is None else timeout
    try:
        with exclusive_lock(lock_path, wait):
            yield
    except LockTimeout:
        raise UserDataError(
            f"another ExportRef window has held {lock_path} for over {wait:.0f} s; the change was not saved"
        ) from None


def write_json_atomically(path: Path, data: Any) -> None:
    """Write `data` so that `path` holds either the old or the new content, never a mixture. A
    symlink at `path` is followed: the file it points to is replaced and the link stays."""
    encoded = _dump(data)
    write_atomically(resolve_link(path), lambda fh: fh.write(encoded))


def _dump(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    # A lone surrogate (read from a `\ud800` escape) cannot be encoded as UTF-8: write it back as
    # the escape it came from, so a save never fails on what is already in the file.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8")


class _Corrupt(ValueError):
    pass


def _parse_notes(raw: Any) -> dict[str, PrivateNote]:
    if not isinstance(raw, dict) or not isinstance(raw.get("notes"), dict):
        raise _Corrupt("expected an object with a 'notes' object")
    out: dict[str, PrivateNote] = {}
    for key, value in raw["notes"].items():
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise _Corrupt(f"note {key!r} has no text")
        out[key] = PrivateNote(key, value["text"], str(value.get("updated", "")))
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


def _notes_json(notes: dict[str, PrivateNote]) -> dict[str, Any]:
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
        self.read_only: str | None = None  # why nothing can be saved, when the folder cannot be written
        self._notes: dict[str, PrivateNote] = {}
        self._bookmarks: list[Bookmark] = []
        try:
            self.reload()
        except UserDataError as exc:
            # Another process holds the lock (a hung window): read without it; saving will say so.
            log.warning("%s; reading notes without the lock", exc)
            self._load()
        except OSError as exc:
            # The lock file cannot be created: the folder cannot be written. Show what is there.
            self.read_only = (
                f"Notes and bookmarks cannot be saved: the folder {self.folder} cannot be written "
                f"({exc.strerror or exc}). ExportRef opened read-only."
            )
            log.warning(self.read_only)
            self._load()
        for path in (self.notes_path, self.bookmarks_path):
            if path.is_symlink():
                log.info("%s is a symlink; notes are read from and saved to %s", path, resolve_link(path))

    # -- reading --------------------------------------------------------------------------------
    @property
    def notes_path(self) -> Path:
        return self.folder / NOTES_FILE

    @property
    def bookmarks_path(self) -> Path:
        return self.folder / BOOKMARKS_FILE

    def reload(self) -> bool:
        """Pick up changes made by another window; True if anything changed."""
        if self.read_only is not None:
            return self._load()
        with self._lock():
            self._remove_orphaned_temporaries()
            return self._load()

    def _load(self) -> bool:
        no_notes: dict[str, PrivateNote] = {}
        no_bookmarks: list[Bookmark] = []
        notes = self._read(self.notes_path, _parse_notes, no_notes)
        bookmarks = self._read(self.bookmarks_path, _parse_bookmarks, no_bookmarks)
        changed = notes != self._notes or bookmarks != self._bookmarks
        self._notes, self._bookmarks = notes, bookmarks
        return changed

    def note(self, entry_id: str) -> str | None:
        found = self._notes.get(entry_id)
        return found.text if found else None

    def notes(self) -> list[PrivateNote]:
        return sorted(self._notes.values(), key=lambda n: n.entry_id)

    def bookmarks(self) -> list[Bookmark]:
        return list(self._bookmarks)

    def is_bookmarked(self, entry_id: str) -> bool:
        return any(b.entry_id == entry_id for b in self._bookmarks)

    # -- changing ---------------------------------------------------------------------------------
    def set_note(self, entry_id: str, text: str, *, seen: str | None = _UNSET) -> None:
        """Save a note; blank text deletes it.

        `seen` is the version of the note the text was written against (default: the one this
        instance last read). If the note on disk differs from it, another window changed it: nothing
        is written, this instance takes the disk's version and `NoteConflict` is raised."""
        expected = self.note(entry_id) if seen is _UNSET else seen

        def apply(notes: dict[str, PrivateNote]) -> dict[str, PrivateNote]:
            found = notes.get(entry_id)
            current = found.text if found else None
            if current != expected and current != (text if text.strip() else None):
                raise NoteConflict(entry_id, current)
            if text.strip():
                notes[entry_id] = PrivateNote(entry_id, text, _now())
            else:
                notes.pop(entry_id, None)
            return notes

        try:
            self._notes = self._change(self.notes_path, _parse_notes, {}, apply, _notes_json)
        except NoteConflict as conflict:
            if conflict.current is None:
                self._notes.pop(entry_id, None)
            else:
                self._notes[entry_id] = PrivateNote(entry_id, conflict.current, _now())
            raise

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
        self._refuse_if_read_only()
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

    def _refuse_if_read_only(self) -> None:
        if self.read_only is not None:
            raise UserDataError(self.read_only)

    def _remove_orphaned_temporaries(self) -> None:
        """Temporary files of a write that never finished (the writer was killed). Every write happens
        under the lock we hold, so any such file now is an orphan; only names we make are touched."""
        for path in (self.notes_path, self.bookmarks_path):
            target = resolve_link(path)
            pattern = re.compile(re.escape(target.name) + _TMP_SUFFIX)
            try:
                candidates = [p for p in target.parent.iterdir() if pattern.fullmatch(p.name)]
            except OSError:
                continue
            for orphan in candidates:
                with contextlib.suppress(OSError):
                    if stat.S_ISREG(orphan.lstat().st_mode):
                        orphan.unlink()
                        log.info("removed %s, left by a write that did not finish", orphan)

    def _read(self, path: Path, parse: Callable[[Any], T], empty: T) -> T:
        try:
            raw = read_capped(path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return empty
        except OSError as exc:
            return self._set_aside(path, f"could not be read ({exc.strerror or exc})", empty)
        try:
            # utf-8-sig: a byte-order mark (as some editors write) is not damage.
            return parse(json.loads(raw.decode("utf-8-sig")))
        except UnicodeDecodeError as exc:
            return self._set_aside(path, f"could not be read ({exc})", empty)
        except RecursionError:
            return self._set_aside(path, "is damaged (nested deeper than the JSON reader allows)", empty)
        except (ValueError, _Corrupt) as exc:  # JSONDecodeError, a number too long to convert
            return self._set_aside(path, f"is damaged ({exc})", empty)

    def _set_aside(self, path: Path, why: str, empty: T) -> T:
        if self.read_only is not None:
            self.problems.append(f"{path.name} {why}; it was left as it is (the folder cannot be written).")
            return empty
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
        n = 1
        while backup.exists() or backup.is_symlink():
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
        self._refuse_if_read_only()
        try:
            with self._lock():
                current = self._read(path, parse, empty)
                updated = apply(current)
                write_json_atomically(path, to_json(updated))
                return updated
        except UserDataError:
            raise
        except (OSError, ValueError) as exc:  # ValueError: text that cannot be encoded, say
            raise UserDataError(f"could not save {path}: {exc}") from exc
