"""Small file-system steps that must not leave a half-done state behind."""

from __future__ import annotations

import os
from pathlib import Path

from catalogue import storage
from catalogue.storage import sync_folder

__all__ = ["sync_folder", "write_atomically", "write_new_file"]


def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """`path` holds either its old content or `data`, never a mixture, even if the process dies."""
    storage.write_atomically(path, lambda fh: fh.write(data), mode=mode)


def write_new_file(path: Path, data: bytes, mode: int) -> None:
    """Create `path` with `mode` from the start (a private key is never readable by others, even
    briefly); refuse if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
