"""Checking a pack: everything it claims, against everything it holds.

`unpack_verified` is the one path by which a pack's data reaches the disk: `data verify` unpacks into
a temporary folder and throws it away; `data install` unpacks into a staging folder beside the
installed packs and renames it into place only when every check has passed.

Order of the checks: the zip file (size, type), its members (zipsafe), the manifest (strict JSON), the
signature over the manifest's bytes, the member list against the manifest's file list, each file's
size and SHA-256 while it is written, the data fingerprint, and last the data itself through the same
loader and validation as `exportref check`.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from catalogue.datapacks.manifest import (
    DATA_PREFIX,
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    SIGNATURE_NAME,
    Manifest,
    PackError,
)
from catalogue.datapacks.signing import (
    Signature,
    Trust,
    TrustedKey,
    parse_signature,
    verify_signature,
)
from catalogue.datapacks.zipsafe import (
    MAX_MEMBER_BYTES,
    MAX_SIGNATURE_BYTES,
    check_members,
    check_pack_file,
    extract_member,
    read_member,
)
from catalogue.i18n import gettext
from catalogue.load import DATA_SCHEMA_VERSION, fingerprint, load_catalogue
from catalogue.load.yamlsource import Problem

DATA_DIR = "data"


class DataProblems(PackError):
    """The pack's data does not pass `exportref check`; `problems` are the loader's, `file:line:col`."""

    def __init__(self, problems: list[Problem], what: str = "the data in the pack") -> None:
        super().__init__("data-problems", f"{what} has {len(problems)} problem(s); it cannot be used")
        self.problems = problems


@dataclass(frozen=True)
class Verified:
    """A pack that passed every check, unpacked in `folder` (manifest.json, signature.json, data/)."""

    source: Path
    folder: Path
    manifest: Manifest
    manifest_bytes: bytes
    signature: Signature | None
    trust: Trust
    signer: TrustedKey | None = None  # the trusted key that signed it, when trust is TRUSTED
    files: int = 0  # data files

    @property
    def data_dir(self) -> Path:
        return self.folder / DATA_DIR

    def trust_words(self) -> str:
        return trust_words(self.trust, self.signature.public_key if self.signature else None, self.signer)


def trust_words(trust: Trust, public_key: str | None, signer: TrustedKey | None) -> str:
    """How the user should read a pack's signature, in one phrase."""
    if trust is Trust.TRUSTED and signer is not None:
        return gettext("signed by trusted publisher key “{name}” ({key})").format(
            name=signer.name, key=signer.public_key[:16]
        )
    if trust is Trust.UNKNOWN_KEY and public_key:
        return gettext("signed by a key you have not trusted ({key})").format(key=public_key[:16])
    return gettext("not signed")


def unpack_verified(zip_path: Path, folder: Path, trusted: dict[str, TrustedKey]) -> Verified:
    """Check the pack at `zip_path` and unpack it into the empty folder `folder`; raise PackError
    (or DataProblems) at the first thing that does not check out. The caller removes `folder` then."""
    check_pack_file(zip_path)
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise PackError("not-a-zip", f"{zip_path.name} is not a readable zip file ({exc})") from None
    with zf:
        try:
            infos = zf.infolist()
        except (zipfile.BadZipFile, ValueError) as exc:  # pragma: no cover - ZipFile() already read the directory
            raise PackError("not-a-zip", f"{zip_path.name}: damaged zip directory ({exc})") from None
        members = check_members(infos)
        manifest_bytes = read_member(zf, members.manifest, MAX_MANIFEST_BYTES)
        manifest = Manifest.from_bytes(manifest_bytes)
        if manifest.data_schema != DATA_SCHEMA_VERSION:
            raise PackError(
                "schema-version",
                f"the pack's data is in data format {manifest.data_schema}; this ExportRef reads format "
                f"{DATA_SCHEMA_VERSION}. Ask the publisher for a pack made with this version of ExportRef",
            )
        signature = None
        if members.signature is not None:
            signature = parse_signature(read_member(zf, members.signature, MAX_SIGNATURE_BYTES))
            verify_signature(signature, manifest_bytes)
        listed, held = set(manifest.files), set(members.data)
        if listed - held:
            missing = ", ".join(sorted(listed - held)[:5])
            raise PackError("missing-file", f"the manifest lists file(s) the zip does not hold: {missing}")
        if held - listed:
            extra = ", ".join(sorted(held - listed)[:5])
            raise PackError("extra-file", f"the zip holds file(s) the manifest does not list: {extra}")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MANIFEST_NAME).write_bytes(manifest_bytes)
        if members.signature is not None:
            (folder / SIGNATURE_NAME).write_bytes(read_member(zf, members.signature, MAX_SIGNATURE_BYTES))
        for name in sorted(held):
            entry = manifest.files[name]
            info = members.data[name]
            if info.file_size != entry.size:
                raise PackError(
                    "size-mismatch", f"{name}: the manifest says {entry.size:,} bytes, the zip holds {info.file_size:,}"
                )
            # Only names that passed zipsafe's layout check get here: data/X.yaml or data/instruments/X.yaml.
            dest = folder.joinpath(DATA_DIR, *name[len(DATA_PREFIX) :].split("/"))
            digest, size = extract_member(zf, info, dest, MAX_MEMBER_BYTES)
            if size != entry.size or digest != entry.sha256:
                raise PackError(
                    "hash-mismatch",
                    f"{name}: its SHA-256 does not match the manifest: the file was changed after the pack was made",
                )
    data_dir = folder / DATA_DIR
    actual = fingerprint(data_dir)
    if actual != manifest.fingerprint:
        raise PackError(
            "fingerprint-mismatch",
            f"the data's fingerprint is {actual}, the manifest says {manifest.fingerprint}",
        )
    result = load_catalogue(data_dir)
    if result.problems:
        raise DataProblems(result.problems)
    if result.catalogue.verified_to != manifest.verified_to:
        raise PackError(
            "verified-to-mismatch",
            f"the manifest says the data is verified to {manifest.verified_to}, "
            f"its dataset.yaml says {result.catalogue.verified_to}",
        )
    trust, signer = Trust.UNSIGNED, None
    if signature is not None:
        signer = trusted.get(signature.public_key)
        trust = Trust.TRUSTED if signer is not None else Trust.UNKNOWN_KEY
    return Verified(zip_path, folder, manifest, manifest_bytes, signature, trust, signer, len(held))


@dataclass(frozen=True)
class FileChanges:
    """How a pack's data differs from another data folder, file by file."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    def summary(self) -> str:
        if not (self.added or self.removed or self.changed):
            return gettext("no file differs")
        return gettext("{changed} file(s) changed, {added} added, {removed} removed").format(
            changed=len(self.changed), added=len(self.added), removed=len(self.removed)
        )


def file_changes(new_dir: Path, old_dir: Path) -> FileChanges:
    """Files of `new_dir` added, removed or changed relative to `old_dir` (paths relative to each)."""
    import hashlib

    from catalogue.load import data_files

    def digests(folder: Path) -> dict[str, str]:
        out = {}
        for path in data_files(folder):
            try:
                out[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                out[path.relative_to(folder).as_posix()] = "unreadable"
        return out

    new, old = digests(new_dir), digests(old_dir)
    return FileChanges(
        tuple(sorted(set(new) - set(old))),
        tuple(sorted(set(old) - set(new))),
        tuple(sorted(k for k in set(new) & set(old) if new[k] != old[k])),
    )
