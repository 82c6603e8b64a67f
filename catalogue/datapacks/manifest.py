"""The manifest of a data pack: what the pack claims about itself, read strictly.

A pack is a zip holding `manifest.json`, optionally `signature.json`, and the data folder under
`data/`. The manifest is JSON written by `make_pack` and read by `Manifest.from_bytes`, which accepts
nothing it does not understand: unknown or missing keys, wrong types, duplicate keys, a newer format
version, impossible dates and names that could not be a folder name are all refused with a message.
Nothing in a manifest is executed or used as a path before it has passed these checks.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "signature.json"
DATA_PREFIX = "data/"

MAX_MANIFEST_BYTES = 2 * 1024 * 1024
MAX_PUBLISHER_CHARS = 200
MAX_CHANGELOG_CHARS = 100_000
# A pack's name is also the start of its folder name: lower-case letters, digits, dot, dash, underscore.
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
SHIPPED = "shipped"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX16 = re.compile(r"^[0-9a-f]{16}$")
_TOP_KEYS = {
    "format",
    "name",
    "verified_to",
    "fingerprint",
    "data_schema",
    "files",
    "created",
    "publisher",
    "tool",
    "changelog",
}


class PackError(Exception):
    """A pack was refused. `reason` is a short stable code (tests and the GUI use it); the message
    says in plain words what is wrong."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Changelog:
    since: str | None  # the earlier pack (or "shipped" data) the changes are counted from
    text: str


@dataclass(frozen=True)
class Manifest:
    name: str
    verified_to: dt.date
    fingerprint: str  # catalogue.load.fingerprint() of the data folder
    data_schema: int  # catalogue.load.DATA_SCHEMA_VERSION of the ExportRef that made it
    files: Mapping[str, FileEntry]  # zip path ("data/…") → hash and size
    created: str  # ISO 8601, UTC
    publisher: str
    tool: str  # "exportref 0.1.0"
    changelog: Changelog
    format: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "name": self.name,
            "verified_to": self.verified_to.isoformat(),
            "fingerprint": self.fingerprint,
            "data_schema": self.data_schema,
            "files": {k: {"sha256": v.sha256, "size": v.size} for k, v in sorted(self.files.items())},
            "created": self.created,
            "publisher": self.publisher,
            "tool": self.tool,
            "changelog": {"since": self.changelog.since, "text": self.changelog.text},
        }

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")

    @property
    def total_size(self) -> int:
        return sum(f.size for f in self.files.values())

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        if len(raw) > MAX_MANIFEST_BYTES:
            raise PackError(
                "manifest-invalid", f"manifest.json is {len(raw):,} bytes; the limit is {MAX_MANIFEST_BYTES:,}"
            )
        try:
            text = raw.decode("utf-8")
            data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
        except UnicodeDecodeError as exc:
            raise PackError("manifest-invalid", f"manifest.json is not UTF-8 ({exc.reason})") from None
        except (ValueError, RecursionError) as exc:
            raise PackError("manifest-invalid", f"manifest.json is not valid JSON: {exc}") from None
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: Any) -> Manifest:
        if not isinstance(data, dict):
            raise _bad("the top level must be an object")
        version = data.get("format")
        if type(version) is not int:
            raise _bad("'format' must be a whole number (the pack format version)")
        if version != FORMAT_VERSION:
            newer = "a newer" if version > FORMAT_VERSION else "an unknown"
            raise PackError(
                "format-version",
                f"the pack has format version {version}, {newer} format than this ExportRef reads "
                f"(version {FORMAT_VERSION}); update ExportRef or ask for a pack in format {FORMAT_VERSION}",
            )
        unknown = sorted(set(data) - _TOP_KEYS)
        if unknown:
            raise _bad(f"unknown key(s) {', '.join(map(repr, unknown))}")
        missing = sorted(_TOP_KEYS - set(data))
        if missing:
            raise _bad(f"missing key(s) {', '.join(map(repr, missing))}")
        name = _string(data, "name")
        if not NAME_RE.match(name) or name == SHIPPED:
            raise _bad(
                f"'name' {name!r} must be 1-64 characters of a-z, 0-9, '.', '-', '_', start with a letter "
                "or digit, and not be 'shipped'"
            )
        try:
            verified_to = dt.date.fromisoformat(_string(data, "verified_to"))
        except ValueError:
            raise _bad(f"'verified_to' {data['verified_to']!r} is not a date YYYY-MM-DD") from None
        fp = _string(data, "fingerprint")
        if not _HEX16.match(fp):
            raise _bad("'fingerprint' must be 16 lower-case hexadecimal digits")
        schema = data["data_schema"]
        if type(schema) is not int or schema < 1:
            raise _bad("'data_schema' must be a positive whole number")
        created = _string(data, "created")
        try:
            dt.datetime.fromisoformat(created)
        except ValueError:
            raise _bad(f"'created' {created!r} is not an ISO 8601 date and time") from None
        publisher = _string(data, "publisher")
        check_display_text(publisher, "publisher", MAX_PUBLISHER_CHARS, _bad)
        tool = _string(data, "tool")
        check_display_text(tool, "tool", MAX_PUBLISHER_CHARS, _bad)
        changelog = _changelog(data["changelog"])
        files = _files(data["files"])
        return cls(name, verified_to, fp, schema, files, created, publisher, tool, changelog, version)


def check_display_text(value: str, what: str, limit: int, fail: Any, *, multiline: bool = False) -> None:
    """Text shown to the user (publisher, changelog) may not hide or reorder what is around it."""
    if len(value) > limit:
        raise fail(f"'{what}' is {len(value):,} characters; the limit is {limit:,}")
    allowed = "\n\t" if multiline else ""
    for ch in value:
        if ch in allowed:
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs") or (cat == "Cf" and unicodedata.bidirectional(ch) in _BIDI_CONTROLS):
            raise fail(f"'{what}' contains the control character U+{ord(ch):04X}")


_BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def _bad(message: str) -> PackError:
    return PackError("manifest-invalid", f"manifest.json: {message}")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _string(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise _bad(f"{key!r} must be a string")
    return value


def _changelog(raw: Any) -> Changelog:
    if not isinstance(raw, dict) or set(raw) != {"since", "text"}:
        raise _bad("'changelog' must be an object with exactly 'since' and 'text'")
    since, text = raw["since"], raw["text"]
    if since is not None and not isinstance(since, str):
        raise _bad("'changelog.since' must be a string or null")
    if not isinstance(text, str):
        raise _bad("'changelog.text' must be a string")
    if since is not None:
        check_display_text(since, "changelog.since", MAX_PUBLISHER_CHARS, _bad)
    check_display_text(text, "changelog.text", MAX_CHANGELOG_CHARS, _bad, multiline=True)
    return Changelog(since, text)


def _files(raw: Any) -> dict[str, FileEntry]:
    if not isinstance(raw, dict) or not raw:
        raise _bad("'files' must be a non-empty object of path → {sha256, size}")
    out: dict[str, FileEntry] = {}
    for path, entry in raw.items():
        if not path.startswith(DATA_PREFIX):
            raise _bad(f"file {path!r} is not under {DATA_PREFIX}")
        if not isinstance(entry, dict) or set(entry) != {"sha256", "size"}:
            raise _bad(f"file {path!r} must have exactly 'sha256' and 'size'")
        sha, size = entry["sha256"], entry["size"]
        if not isinstance(sha, str) or not _HEX64.match(sha):
            raise _bad(f"file {path!r}: 'sha256' must be 64 lower-case hexadecimal digits")
        if type(size) is not int or size < 0:
            raise _bad(f"file {path!r}: 'size' must be a whole number of bytes")
        out[path] = FileEntry(sha, size)
    return out
