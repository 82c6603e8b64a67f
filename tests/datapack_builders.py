"""Builders for data-pack tests: honest packs, packs a hostile publisher could make, and zips whose
headers say what an attacker wants (for the bomb and traversal cases)."""

from __future__ import annotations

import hashlib
import stat
import struct
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalogue.datapacks.make import make_pack
from catalogue.datapacks.signing import load_private_key, sign
from catalogue.load import DATA_SCHEMA_VERSION, fingerprint

Member = tuple[zipfile.ZipInfo, bytes]


def pack_of(data_dir: Path, out: Path, **kwargs: Any) -> Path:
    return make_pack(data_dir, out, **kwargs).path


def members_of(path: Path) -> list[Member]:
    with zipfile.ZipFile(path) as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


def info(name: str, mode: int = stat.S_IFREG | 0o644) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=(2026, 11, 30, 12, 0, 0))
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.create_system = 3
    zi.external_attr = mode << 16
    return zi


def write_zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names some tests need
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for zi, data in members:
                zf.writestr(info(zi) if isinstance(zi, str) else zi, data)
    return path


def rebuild(src: Path, dst: Path, edit: Callable[[list[Member]], list[Member]]) -> Path:
    members = edit(members_of(src))
    return write_zip(dst, [(zi, data) for zi, data in members])


def data_files_of(folder: Path) -> dict[str, bytes]:
    """The files of a data folder as a pack holds them: zip path → bytes."""
    out = {}
    for path in sorted(folder.rglob("*.yaml")):
        out["data/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


def manifest_for(files: dict[str, bytes], **overrides: Any) -> dict[str, Any]:
    """A manifest that tells the truth about `files` (hashes, sizes, fingerprint), with overrides."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for name, data in files.items():
            dest = root / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
        fp = fingerprint(root / "data")
    doc: dict[str, Any] = {
        "format": 1,
        "name": "hostile",
        "verified_to": "2026-06-30",
        "fingerprint": fp,
        "data_schema": DATA_SCHEMA_VERSION,
        "files": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in sorted(files.items())},
        "created": "2026-11-30T12:00:00+00:00",
        "publisher": "Someone",
        "tool": "exportref 0.1.0",
        "changelog": {"since": None, "text": ""},
    }
    doc.update(overrides)
    return doc


def hostile_pack(
    path: Path,
    files: dict[str, bytes],
    *,
    manifest: dict[str, Any] | bytes | None = None,
    key_file: Path | None = None,
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] | None = None,
) -> Path:
    """A pack made by hand, without `make_pack`'s checks: whatever a hostile publisher could ship."""
    import json

    if manifest is None:
        manifest = manifest_for(files)
    raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest, indent=2).encode()
    members: list[tuple[zipfile.ZipInfo | str, bytes]] = [("manifest.json", raw)]
    if key_file is not None:
        members.append(("signature.json", sign(raw, load_private_key(key_file))))
    members += [(name, data) for name, data in files.items()]
    members += extra or []
    return write_zip(path, members)


def raw_zip(path: Path, entries: list[dict[str, Any]]) -> Path:
    """A zip written byte by byte, so that its headers can say anything: each entry has name, data
    (already compressed as `method` says), crc, file_size and optionally method and mode."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e["name"].encode()
        method = e.get("method", zipfile.ZIP_DEFLATED)
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            e.get("flags", 0),
            method,
            0,
            0x5B7E,
            e["crc"],
            len(e["data"]),
            e["file_size"],
            len(name),
            0,
        )
        out += name + e["data"]
        mode = e.get("mode", stat.S_IFREG | 0o644)
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            (3 << 8) | 20,
            20,
            e.get("flags", 0),
            method,
            0,
            0x5B7E,
            e["crc"],
            len(e["data"]),
            e["file_size"],
            len(name),
            0,
            0,
            0,
            0,
            mode << 16,
            offset,
        )
        central += name
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0)
    path.write_bytes(bytes(out))
    return path


def deflate_zeros(megabytes: int) -> tuple[bytes, int]:
    """Raw deflate of `megabytes` MiB of zero bytes, and its CRC-32."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(1 << 20)
    parts = [comp.compress(chunk) for _ in range(megabytes)]
    parts.append(comp.flush())
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return b"".join(parts), crc
