"""The catalogue cache: a warm start skips YAML parsing and schema validation when a signed cache
says the very same bytes passed both before (see `load_cached`)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from catalogue.load.loader import (
    DATA_SCHEMA_VERSION,
    LoadResult,
    ParsedDocuments,
    default_data_dir,
    fingerprint,
    load_catalogue,
    load_from,
)

log = logging.getLogger(__name__)

# Bump when what the YAML reader or the structural validation accepts changes: the cache holds data
# that passed both, and a cache written under older rules must not skip the newer checks.
CACHE_FORMAT = 3
CACHE_MAX_BYTES = 64 * 1024 * 1024
_CACHE_NAME = re.compile(r"^catalogue-v[0-9]+-[0-9a-f]{16}\.json$")
_CACHE_PURPOSE = b"exportref catalogue cache"


def load_cached(data_dir: Path | None = None, cache_dir: Path | None = None) -> LoadResult:
    """Like `load_catalogue`, but skip YAML parsing and schema validation when a cache says the very
    same bytes passed both before.

    Validating every file against the JSON Schema costs a few hundred milliseconds at each start. The
    cache holds the plain data (JSON: it cannot carry code) of a dataset that loaded without a single
    problem, keyed to the data fingerprint (every byte of every file), the cache format, the program
    version and the schemas, and signed with the user's cache key (catalogue.cache_guard): a file
    anyone else wrote, or one changed on disk, is ignored. The model is always built afresh from that
    data by the same code as a cold load, so the cache can never hold objects of an older model. A
    broken dataset is never cached: it is re-read and re-reported every time.
    """
    from catalogue import cache_guard
    from catalogue.paths import cache_dir as default_cache_dir

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    try:
        folder, key = cache_guard.prepare(root)
    except OSError as exc:
        log.info("catalogue cache not used: %s", exc)
        return load_catalogue(data_dir)
    fp = fingerprint(data_dir)
    identity = _cache_identity(data_dir, fp)
    path = folder / f"catalogue-v{CACHE_FORMAT}-{fp}.json"
    cached = _read_cache(path, key, identity)
    if cached is not None:
        try:
            warm = load_from(data_dir, False, ParsedDocuments(cached=cached, fingerprint=fp))
        except Exception as exc:  # data the builder cannot take is a cache to ignore, never a crash
            log.warning("catalogue cache %s is unusable (%s); reading the data", path, f"{type(exc).__name__}: {exc}")
        else:
            if warm.complete and warm.catalogue.fingerprint == fp:
                return warm
    documents = ParsedDocuments()
    result = load_from(data_dir, False, documents)
    if result.complete and result.catalogue.fingerprint == fp:
        _write_cache(folder, path, key, identity, documents.read)
    return result


def _cache_identity(data_dir: Path, fp: str) -> dict[str, Any]:
    from catalogue import __version__

    return {
        "format": CACHE_FORMAT,
        "exportref": __version__,
        "data_schema": DATA_SCHEMA_VERSION,
        "schemas": _schema_digest(),
        "fingerprint": fp,
        "data_dir": str(data_dir),
    }


@cache
def _schema_digest() -> str:
    """The JSON Schemas the cached data was validated against (read here, without jsonschema)."""
    h = hashlib.sha256()
    folder = resources.files("catalogue").joinpath("schema")
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name.endswith(".json"):
            h.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _read_cache(path: Path, key: bytes, identity: dict[str, Any]) -> dict[str, Any] | None:
    from catalogue import cache_guard
    from catalogue.storage import read_capped

    try:
        raw = read_capped(path, CACHE_MAX_BYTES)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.info("catalogue cache %s not read: %s", path, exc)
        return None
    payload, _, trailer = raw.rstrip(b"\n").rpartition(b"\n")
    try:
        mac = bytes.fromhex(trailer.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return None
    # Checked before a byte of the payload is parsed: only our own writes are ever read.
    if len(mac) != cache_guard.MAC_BYTES or not cache_guard.verify(key, mac, _CACHE_PURPOSE, payload):
        log.warning("catalogue cache %s is not signed with this user's key; ignored", path)
        return None
    try:
        content = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    if not isinstance(content, dict) or content.get("identity") != identity:
        return None
    documents = content.get("documents")
    return documents if isinstance(documents, dict) else None


def _write_cache(folder: Path, path: Path, key: bytes, identity: dict[str, Any], documents: dict[str, Any]) -> None:
    from catalogue import cache_guard
    from catalogue.storage import write_atomically

    try:
        payload = json.dumps({"identity": identity, "documents": documents}, separators=(",", ":")).encode("ascii")
    except (ValueError, TypeError, RecursionError):
        return
    mac = cache_guard.sign(key, _CACHE_PURPOSE, payload)
    try:
        write_atomically(path, lambda fh: fh.write(payload + b"\n" + mac.hex().encode("ascii") + b"\n"), mode=0o600)
    except OSError as exc:
        log.info("catalogue cache not written (%s); the next start reads the data again", exc)
        return  # an unwritable or full cache only costs start-up time
    # Remove our own stale caches: files with our name pattern that carry our signature. Anything
    # else in the folder (it may be shared) is not ours to delete.
    try:
        others = [p for p in folder.iterdir() if p != path and _CACHE_NAME.match(p.name)]
    except OSError:
        return
    for old in others:
        if _signed_by_us(old, key):
            with contextlib.suppress(OSError):
                old.unlink()


def _signed_by_us(path: Path, key: bytes) -> bool:
    from catalogue import cache_guard
    from catalogue.storage import read_capped

    try:
        raw = read_capped(path, CACHE_MAX_BYTES)
    except OSError:
        return False
    payload, _, trailer = raw.rstrip(b"\n").rpartition(b"\n")
    try:
        return cache_guard.verify(key, bytes.fromhex(trailer.decode("ascii")), _CACHE_PURPOSE, payload)
    except (UnicodeDecodeError, ValueError):
        return False
