"""Making a pack from a data folder: only data that passes `exportref check` can be packed.

The zip is written to a temporary file beside the output, then checked by the same code that checks
a pack before it is installed, and only then renamed to the name asked for: a pack that would be
refused on a lawyer's machine is never written.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from catalogue import __version__
from catalogue.datapacks.fsutil import sync_folder
from catalogue.datapacks.manifest import (
    DATA_PREFIX,
    MANIFEST_NAME,
    MAX_CHANGELOG_CHARS,
    MAX_PUBLISHER_CHARS,
    NAME_RE,
    SHIPPED,
    SIGNATURE_NAME,
    Changelog,
    FileEntry,
    Manifest,
    PackError,
    check_display_text,
)
from catalogue.datapacks.signing import load_private_key, sign
from catalogue.datapacks.verify import DataProblems, Verified, unpack_verified
from catalogue.datapacks.zipsafe import MAX_MEMBER_BYTES, MAX_TOTAL_BYTES, is_data_file
from catalogue.load import DATA_SCHEMA_VERSION, data_files, fingerprint, load_catalogue


@dataclass(frozen=True)
class Made:
    path: Path
    manifest: Manifest
    signed_by: str | None  # public key hex
    verified: Verified


def default_name(output: Path) -> str:
    """The pack's name from the file it is written to: `acme-2026-11-30.zip` → `acme-2026-11-30`."""
    stem = output.name[:-4] if output.name.lower().endswith(".zip") else output.name
    return re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-._")[:64]


def make_pack(
    data_dir: Path,
    output: Path,
    *,
    name: str | None = None,
    publisher: str | None = None,
    changelog: str = "",
    since: str | None = None,
    key_file: Path | None = None,
    now: dt.datetime | None = None,
) -> Made:
    """Validate `data_dir`, write the pack to `output` and check the written pack. Raises
    DataProblems (with `file:line:col` problems) for data that fails `check`, PackError otherwise."""
    name = name if name is not None else default_name(output)
    if not NAME_RE.match(name) or name == SHIPPED:
        raise PackError(
            "bad-name",
            f"pack name {name!r} must be 1-64 characters of a-z, 0-9, '.', '-', '_' (and not 'shipped'); "
            "give one with --name",
        )
    publisher = (publisher if publisher is not None else _login_name()).strip()
    check_display_text(publisher, "publisher", MAX_PUBLISHER_CHARS, _bad_option)
    if since is not None:
        check_display_text(since, "since", MAX_PUBLISHER_CHARS, _bad_option)
    check_display_text(changelog, "changelog", MAX_CHANGELOG_CHARS, _bad_option, multiline=True)
    key = load_private_key(key_file) if key_file is not None else None

    if not data_dir.is_dir():
        raise PackError("not-a-folder", f"{data_dir} is not a folder")
    result = load_catalogue(data_dir)
    if result.problems:
        raise DataProblems(result.problems, "the data folder")
    contents: dict[str, bytes] = {}
    total = 0
    for path in data_files(data_dir):
        rel = DATA_PREFIX + path.relative_to(data_dir).as_posix()
        if not is_data_file(rel) or not stat.S_ISREG(path.stat().st_mode):
            raise PackError("bad-file-name", f"{rel}: a pack holds only files named like name.yaml (a-z, 0-9, . - _)")
        raw = path.read_bytes()
        total += len(raw)
        if len(raw) > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise PackError("too-large", f"{rel}: the data is larger than a pack may hold")
        contents[rel] = raw
    files = {rel: FileEntry(hashlib.sha256(raw).hexdigest(), len(raw)) for rel, raw in contents.items()}
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    manifest = Manifest(
        name=name,
        verified_to=result.catalogue.verified_to,
        fingerprint=fingerprint(data_dir),
        data_schema=DATA_SCHEMA_VERSION,
        files=files,
        created=created.isoformat(),
        publisher=publisher,
        tool=f"exportref {__version__}",
        changelog=Changelog(since, changelog),
    )
    manifest_bytes = manifest.to_bytes()
    signature = sign(manifest_bytes, key) if key is not None else None

    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            stamp = created.timetuple()[:6]
            _add(zf, MANIFEST_NAME, manifest_bytes, stamp)
            if signature is not None:
                _add(zf, SIGNATURE_NAME, signature, stamp)
            for rel in sorted(contents):
                _add(zf, rel, contents[rel], stamp)
        # The pack is checked as a lawyer's copy of ExportRef will check it, before it gets its name.
        with tempfile.TemporaryDirectory(prefix="exportref-pack-check-") as scratch:
            verified = unpack_verified(tmp, Path(scratch) / "pack", {})
            if verified.manifest.fingerprint != manifest.fingerprint:  # pragma: no cover - the files changed meanwhile
                raise PackError("changed", "the data folder changed while the pack was made; make it again")
        os.chmod(tmp, 0o644)  # a pack is published: readable like any document (mkstemp made it 0600)
        os.replace(tmp, output)
        sync_folder(output.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    public = verified.signature.public_key if verified.signature else None
    return Made(output, manifest, public, verified)


def _add(zf: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, ...]) -> None:
    info = zipfile.ZipInfo(name, date_time=(max(stamp[0], 1980), *stamp[1:6]))  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so that the mode below is read as a regular file's
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    zf.writestr(info, data)


def _bad_option(message: str) -> PackError:
    return PackError("bad-option", message)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (a container, a service account)
        return "unknown"
