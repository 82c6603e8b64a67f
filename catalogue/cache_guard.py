"""Caches that only this user's ExportRef can have written.

Everything in the cache folder is read back on the next start, so whoever can write that folder would
otherwise decide what ExportRef loads — and Whoosh and Jinja keep pickles there, which run code when
read. Two defences, both applied to every cache:

- **Authentication.** A per-user secret key lives outside the cache folder, in the user's data folder
  (`cache.key`, created 0600). Every cache file carries an HMAC-SHA256 under that key, checked before
  a byte of the file is interpreted; a file that does not check out is ignored and rebuilt. Without
  a key (the data folder cannot be written) nothing is cached on disk.
- **Ownership.** A cache folder that belongs to another user, or that other users may write, is
  refused for the session with a message that names it. Our own subfolders are created 0700; one of
  ours found group- or world-writable (an older build under umask 002) is tightened instead.

This module decides nothing about formats: each cache (catalogue, templates, search index) signs and
checks its own files with `sign` and `verify`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import stat
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

KEY_FILE = "cache.key"
KEY_BYTES = 32
MAC_BYTES = 32  # HMAC-SHA256

_lock = threading.Lock()
_keys: dict[str, bytes | None] = {}


class UnsafeCache(OSError):
    """A cache folder that other users can write, or that is not ours: not used this session."""


def key_path() -> Path:
    from catalogue.paths import user_data_dir

    return user_data_dir() / KEY_FILE


def secret_key() -> bytes | None:
    """This user's cache key, created on first use; None if it cannot be kept safely."""
    path = key_path()
    with _lock:
        if str(path) not in _keys:
            _keys[str(path)] = _load_or_create_key(path)
        return _keys[str(path)]


def _load_or_create_key(path: Path) -> bytes | None:
    try:
        key = _read_key(path)
        if key is not None:
            return key
        return _create_key(path)
    except OSError as exc:
        log.warning("no private cache key can be kept at %s (%s); caches stay in memory", path, exc)
        return None


def _read_key(path: Path) -> bytes | None:
    """The key if `path` is a private regular file of ours holding one; None if there is none yet."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError:
        # A symlink (ELOOP with O_NOFOLLOW), a folder, a FIFO: not a key we made. Replace it.
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != KEY_BYTES:
            return None
        if sys.platform != "win32" and (info.st_uid != os.geteuid() or info.st_mode & 0o077):
            log.warning("ignoring cache key %s: not private to this user", path)
            return None
        data = os.read(fd, KEY_BYTES + 1)
        return data if len(data) == KEY_BYTES else None
    finally:
        os.close(fd)


def _create_key(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f".{KEY_FILE}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            # link() fails if another process created the key meanwhile: use theirs, not ours.
            os.link(tmp, path)
        except FileExistsError:
            existing = _read_key(path)
            if existing is not None:
                return existing
            os.replace(tmp, path)  # what is there is not a usable key: ours replaces it
            return key
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return key


def sign(key: bytes, *parts: bytes) -> bytes:
    """HMAC-SHA256 over `parts`, each length-prefixed so that no two splits of the same bytes collide."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.digest()


def verify(key: bytes, mac: bytes, *parts: bytes) -> bool:
    return hmac.compare_digest(mac, sign(key, *parts))


def folder_problem(folder: Path) -> str | None:
    """Why `folder` is not safe to keep caches in, or None. The folder must exist."""
    info = folder.stat()
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder} is not a folder"
    if sys.platform == "win32":  # pragma: no cover - no POSIX owners or modes there
        return None
    if info.st_uid != os.geteuid():
        return f"the cache folder {folder} belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return (
            f"the cache folder {folder} can be written by other users (mode {stat.S_IMODE(info.st_mode):o}); "
            f"`chmod go-w {folder}` lets ExportRef use it"
        )
    return None


def prepare(root: Path, sub: str | None = None) -> tuple[Path, bytes]:
    """Create (0700) and check the cache `root` and its subfolder `sub`; returns the folder to use
    and the key to sign its files with.

    Raises UnsafeCache when a folder is not ours or others may write it, or when no key can be kept,
    and OSError when a folder cannot be created."""
    key = secret_key()
    if key is None:
        raise UnsafeCache(f"no private key for the cache could be kept in {key_path().parent}")
    created_root = not root.exists()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    # The platform's own cache folder for ExportRef is ours by name, like the subfolders below.
    _check(root, tighten=created_root or _is_default_root(root))
    if sub is None:
        return root, key
    folder = root / sub
    folder.mkdir(mode=0o700, exist_ok=True)
    # The subfolder's name is ours: found group-writable (an older build under umask 002), tighten it.
    _check(folder, tighten=True)
    return folder, key


def _is_default_root(root: Path) -> bool:
    from catalogue.paths import platform_cache_dir

    default = platform_cache_dir()
    try:
        return root.resolve() == default.resolve()
    except OSError:
        return False


def _check(folder: Path, *, tighten: bool) -> None:
    problem = folder_problem(folder)
    if problem is None:
        return
    info = folder.stat()
    if tighten and stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid():
        folder.chmod(stat.S_IMODE(info.st_mode) & ~0o022)
        log.info("removed write access for other users from %s", folder)
        return
    raise UnsafeCache(problem)
