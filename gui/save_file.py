"""How the GUI writes a file of its own (a PDF, the settings): all of it, or nothing.

One helper, over Qt's QSaveFile: the bytes go to a temporary file beside the target, which replaces
the target only once every byte is written and flushed to disk. A full disk or a failed write leaves
the old file (or none) and no temporary file, and raises OSError with the reason. QSaveFile keeps the
permissions of a file it replaces; a new file gets the usual ones (0666 less the umask), or the
owner's alone when `private`.

Links: a symlink to a regular file is followed (a settings file kept in a synced folder stays a link),
but a symlink to anything else — a device such as /dev/zero, a FIFO, a folder — is replaced by the
file, never followed (catalogue.storage.resolve_link). QSaveFile would follow every link, so
such a link is removed first. Writing to a device or a pipe on purpose (`-o /dev/stdout`) is the
caller's business: gui.printing writes those directly.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from pathlib import Path

from PySide6.QtCore import QFileDevice, QIODevice, QSaveFile

from catalogue.storage import resolve_link

CHUNK = 1 << 20


@functools.cache
def _errno_by_message() -> dict[str, int]:
    """Qt reports a failed open or write with the C library's message for errno (strerror)."""
    return {os.strerror(code): code for code in sorted(errno.errorcode, reverse=True)}


def _error(device: QSaveFile, path: Path) -> OSError:
    message = device.errorString()
    return OSError(_errno_by_message().get(message, errno.EIO), message, str(path))


def save_atomically(path: Path, data: bytes, *, private: bool = False, make_parents: bool = False) -> None:
    """Replace `path` with `data`, whole or not at all (see the module docstring). Missing folders are
    created only when `make_parents` (a folder that does not exist is otherwise a typing mistake)."""
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    target = resolve_link(path)
    if target.is_symlink():  # a link to something that is not a regular file: replace it, never follow it
        target.unlink()
    device = QSaveFile(str(target))
    # Unbuffered: every write reaches the file at once, so a failure is reported by the write itself.
    if not device.open(QIODevice.OpenModeFlag.WriteOnly | QIODevice.OpenModeFlag.Unbuffered):
        raise _error(device, path)
    if private:
        device.setPermissions(QFileDevice.Permission.ReadOwner | QFileDevice.Permission.WriteOwner)
    view = memoryview(data)
    while view:
        # A write may take only part of the bytes (the disk filled up): the next one reports why.
        written = device.write(bytes(view[:CHUNK]))
        if written <= 0:
            error = _error(device, path)
            device.cancelWriting()
            device.commit()  # discards the temporary file
            raise error
        view = view[written:]
    if not device.commit():
        raise _error(device, path)
    if sys.platform != "win32":
        # The rename itself must reach the disk too, or a crash can bring back the old file.
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
