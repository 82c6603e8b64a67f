"""Installed packs, and which data set is active.

Everything lives in `<user data folder>/datapacks/`:

    active.json            the pointer: {"format": 1, "active": "shipped" | "<name>@<id>"}
    trusted-keys.json      publisher keys this user trusts (signing.py)
    packs/<name>@<id>/     one installed pack: manifest.json, signature.json?, install.json, data/
    .staging-*/            an install in progress (or one that was killed; removed after an hour)

`<id>` is the first 12 hex digits of the SHA-256 of the pack's manifest, so an installed folder never
changes once it is there. Installing unpacks and verifies into a staging folder on the same disk,
renames it into `packs/` (atomic), and writes the pointer last (atomic): a pack that fails a check, a
full disk or a killed process leaves the previous data active. The pointer is read on every start;
a missing or damaged pointer, a missing pack folder, or a pack whose data no longer matches its
manifest falls back to the shipped data with a warning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue import __version__
from catalogue.datapacks.fsutil import sync_folder, write_atomically
from catalogue.datapacks.manifest import MANIFEST_NAME, SHIPPED, SIGNATURE_NAME, Changelog, Manifest, PackError
from catalogue.datapacks.signing import TRUSTED_KEYS_FILE, Trust, TrustedKey, parse_signature, trusted_keys
from catalogue.datapacks.verify import DATA_DIR, Verified, trust_words, unpack_verified
from catalogue.i18n import N_, current_language, gettext
from catalogue.load import fingerprint, shipped_data_dir
from catalogue.paths import APP_NAME

log = logging.getLogger(__name__)

PACKS_FOLDER = "datapacks"
POINTER_FILE = "active.json"
INSTALLED = "packs"
INSTALL_INFO = "install.json"
STAGING_PREFIX = ".staging-"
STALE_STAGING_S = 3600
_IDENT_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}@[0-9a-f]{12}$")


def datapacks_dir(user_dir: Path | None = None) -> Path:
    if user_dir is None:
        from catalogue.paths import user_data_dir

        user_dir = user_data_dir()
    return user_dir / PACKS_FOLDER


@dataclass(frozen=True)
class DataSet:
    """One data set the app can use: the shipped data, an installed pack, or a folder named by
    EXPORTREF_DATA_DIR (or given to the loader directly)."""

    ident: str  # "shipped", "<name>@<id>", or the folder's path
    name: str
    kind: str  # "shipped" | "pack" | "folder"
    data_dir: Path
    verified_to: dt.date | None
    fingerprint: str
    publisher: str
    created: str | None = None
    installed: str | None = None
    trust: Trust | None = None
    public_key: str | None = None
    signer: TrustedKey | None = None
    confirmed_by_user: bool = False
    changelog: Changelog | None = None
    problem: str | None = None  # why it cannot be used, when it cannot

    @property
    def signature_words(self) -> str:
        if self.kind != "pack" or self.trust is None:
            return "—"
        return trust_words(self.trust, self.public_key, self.signer)

    @property
    def signature_short(self) -> str:
        """The signature in a few words, for a table cell."""
        if self.kind != "pack" or self.trust is None:
            return "—"
        if self.trust is Trust.TRUSTED and self.signer is not None:
            return gettext("trusted: {name}").format(name=self.signer.name)
        if self.trust is Trust.UNKNOWN_KEY and self.public_key:
            return gettext("key not trusted ({key})").format(key=self.public_key[:16])
        return gettext("not signed")

    @property
    def short_label(self) -> str:
        if self.kind == "shipped":
            return gettext("shipped data")
        if self.kind == "folder":
            return gettext("folder {folder}").format(folder=self.data_dir)
        short = {Trust.TRUSTED: N_("signed, trusted"), Trust.UNKNOWN_KEY: N_("signed, key not trusted")}
        words = short.get(self.trust, N_("not signed")) if self.trust else N_("not signed")
        return f"{self.name} ({gettext(words)})"

    @property
    def label(self) -> str:
        """The words pages and sheets use to say which data they come from (in the current language)."""
        if self.kind == "shipped":
            return gettext("shipped data (ExportRef {version})").format(version=__version__)
        if self.kind == "folder":
            return gettext("data folder {folder}").format(folder=self.data_dir)
        return gettext("data pack “{name}” from {publisher}, {signature}").format(
            name=self.name, publisher=self.publisher, signature=self.signature_words
        )


# -- reading what is installed ------------------------------------------------------------------------


def installed_packs(user_dir: Path | None = None, *, check_data: bool = False) -> list[DataSet]:
    """Every installed pack, by name. A folder that cannot be read is listed with its problem; with
    `check_data`, so is one whose data no longer has its manifest's fingerprint."""
    root = datapacks_dir(user_dir)
    folder = root / INSTALLED
    try:
        entries = sorted(p for p in folder.iterdir() if _IDENT_RE.match(p.name) and p.is_dir())
    except OSError:
        return []
    keys = trusted_keys(root)
    return [_describe_pack(p, keys, check_data=check_data) for p in entries]


def _describe_pack(folder: Path, keys: dict[str, TrustedKey], *, check_data: bool = False) -> DataSet:
    ident = folder.name
    try:
        manifest_bytes = (folder / MANIFEST_NAME).read_bytes()
        manifest = Manifest.from_bytes(manifest_bytes)
    except (OSError, PackError) as exc:
        why = exc.message if isinstance(exc, PackError) else f"cannot read its manifest ({exc})"
        return DataSet(ident, ident.split("@")[0], "pack", folder / DATA_DIR, None, "?", "?", problem=why)
    info = _read_json(folder / INSTALL_INFO) or {}
    trust, public_key, signer = Trust.UNSIGNED, None, None
    sig_path = folder / SIGNATURE_NAME
    if sig_path.exists():
        try:
            public_key = parse_signature(sig_path.read_bytes()).public_key
        except (OSError, PackError):
            public_key = None
        signer = keys.get(public_key) if public_key else None
        trust = Trust.TRUSTED if signer is not None else Trust.UNKNOWN_KEY
    problem = None
    if check_data:
        problem = _changed_since_install(folder, manifest)
    return DataSet(
        ident=ident,
        name=manifest.name,
        kind="pack",
        data_dir=folder / DATA_DIR,
        verified_to=manifest.verified_to,
        fingerprint=manifest.fingerprint,
        publisher=manifest.publisher,
        created=manifest.created,
        installed=str(info.get("installed", "")) or None,
        trust=trust,
        public_key=public_key,
        signer=signer,
        confirmed_by_user=bool(info.get("confirmed_by_user", False)),
        changelog=manifest.changelog,
        problem=problem,
    )


def _changed_since_install(folder: Path, manifest: Manifest) -> str | None:
    actual = fingerprint(folder / DATA_DIR)
    if actual != manifest.fingerprint:
        return (
            f"its data was changed after it was installed (fingerprint {actual}, the pack says "
            f"{manifest.fingerprint}); install the pack again"
        )
    return None


def shipped_data_set() -> DataSet:
    folder = shipped_data_dir()
    return DataSet(SHIPPED, SHIPPED, "shipped", folder, _dataset_verified_to(folder), fingerprint(folder), APP_NAME)


def _dataset_verified_to(data_dir: Path) -> dt.date | None:
    from catalogue.load.yamlsource import YamlError, read_document

    try:
        value = read_document(data_dir / "dataset.yaml", "dataset.yaml").data.get("verified_to")
        return dt.date.fromisoformat(str(value))
    except (YamlError, ValueError, AttributeError):
        return None


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None


# -- which data set is active --------------------------------------------------------------------------


@dataclass(frozen=True)
class Active:
    ident: str  # "shipped" or the pack's folder name
    data_dir: Path | None  # None: the shipped data
    warning: str | None = None


def resolve_active(user_dir: Path | None = None) -> Active:
    """The data set the pointer names, if it can be used; otherwise the shipped data, and why."""
    try:
        root = datapacks_dir(user_dir)
        pointer = root / POINTER_FILE
        if not pointer.exists():
            return Active(SHIPPED, None)
        doc = _read_json(pointer)
        active = doc.get("active") if doc is not None and doc.get("format") == 1 else None
        if not isinstance(active, str):
            return Active(SHIPPED, None, f"{pointer} is damaged; using the shipped data")
        if active == SHIPPED:
            return Active(SHIPPED, None)
        if not _IDENT_RE.match(active):
            return Active(SHIPPED, None, f"{pointer} names no valid pack ({active[:80]!r}); using the shipped data")
        folder = root / INSTALLED / active
        if not (folder / MANIFEST_NAME).is_file():
            return Active(
                SHIPPED, None, f"the active data pack {active} is missing from {folder.parent}; using the shipped data"
            )
        manifest = Manifest.from_bytes((folder / MANIFEST_NAME).read_bytes())
        problem = _changed_since_install(folder, manifest)
        if problem is not None:
            return Active(SHIPPED, None, f"the active data pack {manifest.name}: {problem}; using the shipped data")
        return Active(active, folder / DATA_DIR)
    except Exception as exc:  # every start comes through here: whatever the fault, use the shipped data
        why = f"{type(exc).__name__}: {exc}"
        return Active(SHIPPED, None, f"the active data set cannot be read ({why}); using the shipped data")


_warned: set[str] = set()


def active_data_dir(user_dir: Path | None = None) -> Path | None:
    """The active pack's data folder, or None for the shipped data. A fallback is logged once."""
    active = resolve_active(user_dir)
    if active.warning and active.warning not in _warned:
        _warned.add(active.warning)
        log.warning("%s", active.warning)
    return active.data_dir


def _write_pointer(root: Path, ident: str) -> None:
    doc = {"format": 1, "active": ident, "changed": _now()}
    write_atomically(root / POINTER_FILE, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def find_pack(name: str, user_dir: Path | None = None) -> DataSet:
    packs = installed_packs(user_dir)
    found = [p for p in packs if p.ident == name] or [p for p in packs if p.name == name]
    if not found:
        known = ", ".join(sorted({p.name for p in packs})) or "none"
        raise PackError("no-such-pack", f"no installed data pack is called {name!r} (installed: {known})")
    if len(found) > 1:
        raise PackError(
            "ambiguous", f"several installed packs are called {name!r}: {', '.join(p.ident for p in found)}; name one"
        )
    return found[0]


def use(name: str, user_dir: Path | None = None) -> DataSet:
    """Make `name` ('shipped', a pack's name or its folder name) the active data set."""
    root = datapacks_dir(user_dir)
    if name == SHIPPED:
        _write_pointer(root, SHIPPED)
        return shipped_data_set()
    pack = find_pack(name, user_dir)
    checked = _describe_pack(root / INSTALLED / pack.ident, trusted_keys(root), check_data=True)
    if checked.problem:
        raise PackError("pack-damaged", f"data pack {pack.name}: {checked.problem}")
    _write_pointer(root, pack.ident)
    return checked


# -- installing ------------------------------------------------------------------------------------------


@dataclass
class Staged:
    """A verified pack waiting in a staging folder for the user's go-ahead; commit or discard it."""

    verified: Verified
    root: Path
    staging: Path

    @property
    def ident(self) -> str:
        return f"{self.verified.manifest.name}@{hashlib.sha256(self.verified.manifest_bytes).hexdigest()[:12]}"

    @property
    def needs_confirmation(self) -> bool:
        return self.verified.trust is not Trust.TRUSTED

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> Staged:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def stage(zip_path: Path, user_dir: Path | None = None) -> Staged:
    """Verify the pack into a staging folder inside the user's data folder (same disk as the packs)."""
    root = datapacks_dir(user_dir)
    (root / INSTALLED).mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(root)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    try:
        verified = unpack_verified(zip_path, staging / "pack", trusted_keys(root))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(verified, root, staging)


def commit(staged: Staged, *, confirmed: bool = False) -> DataSet:
    """Install the staged pack and make it the active data set. An unsigned pack, or one signed by a
    key the user has not trusted, needs `confirmed`."""
    if staged.needs_confirmation and not confirmed:
        staged.discard()
        raise PackError(
            "not-confirmed", f"the pack is {staged.verified.trust_words()}; it is installed only when you confirm"
        )
    root, ident = staged.root, staged.ident
    target = root / INSTALLED / ident
    source = staged.staging / "pack"
    try:
        fresh = not target.exists()
        if not fresh and _changed_since_install(target, staged.verified.manifest) is not None:
            # The same pack, installed before and edited since: the verified copy takes its place. The
            # damaged one goes into the staging folder, which is removed below.
            os.replace(target, staged.staging / "damaged")
            fresh = True
        if fresh:
            info = {
                "format": 1,
                "installed": _now(),
                "from": staged.verified.source.name,
                "trust_at_install": staged.verified.trust.value,
                "confirmed_by_user": staged.needs_confirmation,
            }
            write_atomically(source / INSTALL_INFO, (json.dumps(info, indent=2) + "\n").encode("utf-8"))
            sync_folder(source)
            # The pack appears in packs/ whole or not at all.
            os.replace(source, target)
            sync_folder(target.parent)
        try:
            _write_pointer(root, ident)
        except BaseException:
            if fresh:  # roll back: the previous data set stays active and nothing half-made is left
                shutil.rmtree(target, ignore_errors=True)
            raise
    finally:
        staged.discard()
    _remove_replaced(root, staged.verified.manifest.name, keep=ident)
    return _describe_pack(target, trusted_keys(root))


def _remove_replaced(root: Path, name: str, keep: str) -> None:
    """An earlier pack of the same name is replaced by the one just made active."""
    for folder in (root / INSTALLED).glob(f"{name}@*"):
        if folder.name != keep and _IDENT_RE.match(folder.name):
            shutil.rmtree(folder, ignore_errors=True)


def _remove_stale_staging(root: Path) -> None:
    """Staging folders of installs that were killed; an hour old, so never one that is running."""
    cutoff = time.time() - STALE_STAGING_S
    for folder in root.glob(f"{STAGING_PREFIX}*"):
        with contextlib.suppress(OSError):
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)


# -- describing the data a catalogue came from ------------------------------------------------------------


def describe_data_dir(data_dir: Path) -> DataSet:
    """What `data_dir` is: the shipped data, an installed pack, or some other folder."""
    folder = Path(data_dir)
    with contextlib.suppress(OSError):
        if folder.resolve() == shipped_data_dir().resolve():
            return shipped_data_set()
    pack = folder.parent
    if folder.name == DATA_DIR and pack.parent.name == INSTALLED and _IDENT_RE.match(pack.name):
        return _describe_pack(pack, trusted_keys(pack.parent.parent))
    return DataSet(str(folder), folder.name, "folder", folder, None, "", "")


def data_set_label(data_dir: str | Path, data_fingerprint: str) -> str:
    """`describe_data_dir(...).label`, cached: pages ask for it on every render."""
    root = Path(data_dir).parent.parent.parent
    try:
        keys_stamp = (root / TRUSTED_KEYS_FILE).stat().st_mtime_ns
    except OSError:
        keys_stamp = 0
    return _label(str(data_dir), data_fingerprint, keys_stamp, current_language())


@functools.lru_cache(maxsize=32)
def _label(data_dir: str, _fingerprint: str, _keys_stamp: int, _language: str) -> str:
    return describe_data_dir(Path(data_dir)).label
