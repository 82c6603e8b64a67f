"""Reading and writing the small files ExportRef keeps (notes, settings, caches) without surprises:
bounded reads, atomic writes and one cross-process lock.

A file ExportRef reads back may have been replaced by anything: a FIFO (a read blocks for ever), a
link to /dev/zero (a read never ends), a huge or sparse file. `read_capped` reads regular files
only, and only up to a limit. A write never leaves a half-written file: `write_atomically` writes a
temporary file beside the target, syncs it and renames it over the target.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO


class NotARegularFile(OSError):
    """A FIFO, device, socket or folder where a file was expected."""


class FileTooLarge(OSError):
    """Larger than anything ExportRef would have written there."""


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of `path` (following symlinks) if it is a regular file of at most `limit` bytes.

    Never blocks: the file is opened non-blocking and checked with fstat before any read, and at
    most `limit + 1` bytes are read (files in /proc report a size of 0)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotARegularFile(21, "is a folder, not a file", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(22, "not a regular file (a FIFO, device or socket)", str(path))
        if info.st_size > limit:
            raise FileTooLarge(27, f"is {info.st_size:,} bytes; the limit is {limit:,}", str(path))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FileTooLarge(27, f"is over {limit:,} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def resolve_link(path: Path) -> Path:
    """Where an atomic write to `path` should go.

    A symlink to a regular file (a notes or settings file the user keeps in a synced folder) is
    followed to its end, so the link stays a link and the file it points to is replaced. A symlink to
    anything else — a device such as /dev/zero, a FIFO, a folder — is not a file of ours: the write
    replaces the link itself, never the thing it points to (replacing /dev/zero with a settings file
    is what following it would do when running as root)."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        return target if target.parent.is_dir() else path  # a dangling link: create what it names
    except OSError:
        return path
    return target if stat.S_ISREG(info.st_mode) else path


def write_atomically(
    path: Path, write: Callable[[BinaryIO], object], *, mode: int | None = None, make_parents: bool = True
) -> None:
    """Have `write` fill a temporary file beside `path`, then rename it over `path`: `path` holds the
    old or the new content, never a mixture. `mode` sets the permissions of the new file; missing
    folders are created unless `make_parents` is False."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # The rename itself must reach the disk too, or a crash can bring back the old file.
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` reach the disk (POSIX; Windows has no directory handles to sync)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LockTimeout(OSError):
    """Another process held the lock for longer than the caller would wait."""


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float) -> Iterator[None]:
    """Hold an OS-level exclusive lock on `path` (a lock file beside the data), released even if the
    process dies. The well-kept `filelock` library does the locking on every platform."""
    import filelock  # imported here: only writers of user data pay for it

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with filelock.FileLock(str(path), timeout=timeout):
            yield
    except filelock.Timeout as exc:
        raise LockTimeout(11, f"held by another process for over {timeout:.0f} s", str(path)) from exc
