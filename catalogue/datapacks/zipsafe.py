"""Reading a zip that may have been made to do harm.

Every member is checked before anything is extracted: the member count, each name (no absolute path,
no drive letter, no backslash, no `..`, no control character, only the data-folder layout), its type
(no symlink, device, FIFO or socket), encryption, compression method, its declared size and its
compression ratio, and the total size. Extraction then writes only files this module names itself,
under a folder it was given, with `O_EXCL`, reading at most the declared size plus one byte, so a
member whose header lies about its size is caught rather than followed.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from catalogue.datapacks.manifest import DATA_PREFIX, MANIFEST_NAME, MAX_MANIFEST_BYTES, SIGNATURE_NAME, PackError
from catalogue.load import INSTRUMENTS_DIR
from catalogue.load.yamlsource import MAX_FILE_BYTES

MAX_PACK_BYTES = 256 * 1024 * 1024  # the zip file itself
MAX_MEMBERS = 2_000  # the shipped data has 41 files
MAX_MEMBER_BYTES = MAX_FILE_BYTES  # the loader refuses larger data files anyway
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # all members, uncompressed (the shipped data: 0.7 MB)
# YAML deflates 3-8 times (the shipped data: at most 4.9). A member that claims to grow more than this
# is a decompression bomb, or something that is not data.
MAX_RATIO = 100
MAX_SIGNATURE_BYTES = 4096
_CHUNK = 64 * 1024

_FILE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.yaml$")
_DIRS = {DATA_PREFIX, f"{DATA_PREFIX}{INSTRUMENTS_DIR}/"}


@dataclass(frozen=True)
class Members:
    """The members of a checked zip: the manifest, the signature (if any) and the data files."""

    manifest: zipfile.ZipInfo
    signature: zipfile.ZipInfo | None
    data: dict[str, zipfile.ZipInfo]  # zip path → member


def check_pack_file(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise PackError("unreadable", f"cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise PackError("not-a-zip", f"{path} is not a regular file")
    if info.st_size > MAX_PACK_BYTES:
        raise PackError("too-large", f"{path} is {info.st_size:,} bytes; a data pack may be at most {MAX_PACK_BYTES:,}")


def check_members(infos: Iterable[zipfile.ZipInfo]) -> Members:
    infos = list(infos)
    if len(infos) > MAX_MEMBERS:
        raise PackError(
            "too-many-members", f"the zip has {len(infos):,} members; a data pack may have at most {MAX_MEMBERS:,}"
        )
    seen: set[str] = set()
    folded: set[str] = set()
    manifest: zipfile.ZipInfo | None = None
    signature: zipfile.ZipInfo | None = None
    data: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        if name in seen:
            raise PackError("duplicate-member", f"{name!r} is in the zip twice; only one copy could be used")
        # Two names that differ only in case would overwrite each other on Windows and macOS.
        if name.casefold() in folded:
            raise PackError("duplicate-member", f"{name!r} differs from another member only in upper/lower case")
        seen.add(name)
        folded.add(name.casefold())
        _check_type(info)
        if info.flag_bits & 0x1:
            raise PackError("encrypted", f"{name!r} is encrypted; data packs are never encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackError(
                "compression", f"{name!r} uses compression method {info.compress_type}; only stored or deflated"
            )
        if info.is_dir():
            if name not in _DIRS:
                raise PackError("unexpected-member", f"folder {name!r} is not part of a data pack's layout")
            continue
        limit = MAX_MEMBER_BYTES
        if name == MANIFEST_NAME:
            manifest, limit = info, MAX_MANIFEST_BYTES
        elif name == SIGNATURE_NAME:
            signature, limit = info, MAX_SIGNATURE_BYTES
        elif is_data_file(name):
            data[name] = info
        else:
            raise PackError(
                "unexpected-member",
                f"{name!r} is not part of a data pack (expected {MANIFEST_NAME}, {SIGNATURE_NAME}, "
                f"{DATA_PREFIX}*.yaml and {DATA_PREFIX}{INSTRUMENTS_DIR}/*.yaml)",
            )
        if info.file_size > limit:
            raise PackError("bomb", f"{name!r} would unpack to {info.file_size:,} bytes; the limit is {limit:,}")
        if info.file_size > 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackError(
                "bomb",
                f"{name!r} would grow from {info.compress_size:,} to {info.file_size:,} bytes "
                f"(more than {MAX_RATIO} times): refused as a decompression bomb",
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackError("bomb", f"the pack would unpack to more than {MAX_TOTAL_BYTES:,} bytes")
    if manifest is None:
        raise PackError("manifest-missing", f"the zip has no {MANIFEST_NAME}: it is not an ExportRef data pack")
    return Members(manifest, signature, data)


def _check_name(name: str) -> None:
    if not name:
        raise PackError("unsafe-path", "a member has an empty name")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise PackError("unsafe-path", f"member name {name!r} contains a control character")
    if "\\" in name:
        raise PackError("unsafe-path", f"member name {name!r} contains a backslash")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise PackError("unsafe-path", f"member {name!r} has an absolute path")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise PackError("unsafe-path", f"member {name!r} has an empty, '.' or '..' path component")


def _check_type(info: zipfile.ZipInfo) -> None:
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise PackError("symlink", f"{info.filename!r} is a symbolic link; data packs hold only regular files")
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise PackError("special-file", f"{info.filename!r} is not a regular file (mode {mode:o})")
    if kind == stat.S_IFDIR and not info.is_dir():
        raise PackError("special-file", f"{info.filename!r} claims to be a folder but is stored as a file")


def is_data_file(name: str) -> bool:
    if not name.startswith(DATA_PREFIX):
        return False
    rest = name[len(DATA_PREFIX) :].split("/")
    if len(rest) == 1:
        return bool(_FILE_RE.match(rest[0]))
    return len(rest) == 2 and rest[0] == INSTRUMENTS_DIR and bool(_FILE_RE.match(rest[1]))


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, never more than `limit` (or than it declared) however it was made."""
    out = bytearray()
    for chunk in _chunks(zf, info, limit):
        out += chunk
    return bytes(out)


def extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, limit: int) -> tuple[str, int]:
    """Write the member to `dest` (which must not exist); return its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: never write through something already there (a planted symlink, say).
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as fh:
        for chunk in _chunks(zf, info, limit):
            digest.update(chunk)
            size += len(chunk)
            fh.write(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    return digest.hexdigest(), size


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterable[bytes]:
    limit = min(limit, info.file_size)
    got = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(min(_CHUNK, limit - got + 1))
                if not chunk:
                    break
                got += len(chunk)
                if got > limit:
                    raise PackError("bomb", f"{info.filename!r} unpacks to more than the {limit:,} bytes it declared")
                yield chunk
    except PackError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        # zipfile reports a bad CRC, a truncated member or a corrupt stream in these ways.
        raise PackError("damaged", f"{info.filename!r} cannot be read from the zip: {exc}") from None
    except zlib.error as exc:  # a corrupt deflate stream
        raise PackError("damaged", f"{info.filename!r} cannot be read from the zip: {exc}") from None
