"""Data packs: newer or firm-made data in one verified file, installed beside the shipped data.

A pack is a zip: `manifest.json` (format version, name, verified-to date, data fingerprint, the SHA-256
and size of every file, when and by whom it was made, a changelog), an optional `signature.json`
(Ed25519 over the manifest's bytes) and the data folder under `data/`, in the layout of
docs/data-format.md. docs/data-packs.md is the guide for the people who make them.

    make.py      pack a data folder (only data that passes `exportref check`)
    verify.py    check a pack while unpacking it (the only way pack data reaches the disk)
    zipsafe.py   the zip-level defences: paths, symlinks, sizes, ratios, member counts
    manifest.py  the manifest, read strictly
    signing.py   keys, signatures, trusted publishers
    store.py     installed packs, the active data set, install/use
    orphans.py   notes and bookmarks whose ids the active data lacks

No Qt here, and nothing from a pack is ever executed: the manifest is JSON read into checked values,
the data is YAML read by the project's own safe reader.
"""

from __future__ import annotations

from catalogue.datapacks.manifest import FORMAT_VERSION, SHIPPED, Changelog, FileEntry, Manifest, PackError
from catalogue.datapacks.signing import Trust, TrustedKey
from catalogue.datapacks.verify import DataProblems, Verified

__all__ = [
    "FORMAT_VERSION",
    "SHIPPED",
    "Changelog",
    "DataProblems",
    "FileEntry",
    "Manifest",
    "PackError",
    "Trust",
    "TrustedKey",
    "Verified",
]
