"""Ed25519 signatures on data packs, and the publisher keys this user trusts.

A publisher signs the exact bytes of `manifest.json`; since the manifest holds the SHA-256 of every
data file, the signature covers the whole pack. `signature.json` carries the public key and the
signature in hexadecimal. A signature that does not verify refuses the pack; a valid signature from
a key the user has not trusted, or no signature at all, lets the pack in only after the user says so.

`cryptography` is imported only here and only when a key or a signature is actually handled.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogue.datapacks.fsutil import write_atomically, write_new_file
from catalogue.datapacks.manifest import MAX_PUBLISHER_CHARS, PackError, check_display_text

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

log = logging.getLogger(__name__)

ALGORITHM = "ed25519"
SIGNATURE_FORMAT = 1
TRUSTED_KEYS_FILE = "trusted-keys.json"


class Trust(enum.Enum):
    UNSIGNED = "unsigned"
    UNKNOWN_KEY = "unknown-key"  # a valid signature from a key this user has not trusted
    TRUSTED = "trusted"


@dataclass(frozen=True)
class Signature:
    public_key: str  # 64 hex digits
    signature: str  # 128 hex digits


@dataclass(frozen=True)
class TrustedKey:
    public_key: str
    name: str
    added: str


def key_id(public_key: str) -> str:
    """The short form shown in lists: the first 16 hex digits of the public key."""
    return public_key[:16]


def _bad_key(message: str) -> PackError:
    return PackError("key-invalid", message)


# -- keys ---------------------------------------------------------------------------------------------------


def generate_key(path: Path) -> str:
    """Write a new private key to `path` (mode 0600, PEM) and its public key to `path.pub`; return
    the public key in hex. Never overwrites a file."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pub_path = public_key_path(path)
    for existing in (path, pub_path):
        if existing.exists() or existing.is_symlink():
            raise _bad_key(f"{existing} already exists; a key file is never overwritten")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public = public_hex(key)
    write_new_file(path, pem, 0o600)
    text = (
        "# ExportRef data-pack publisher key (Ed25519, public). Lawyers trust it with:\n"
        f"#   exportref data trust {pub_path.name} --name 'YOUR FIRM'\n"
        f"{public}\n"
    )
    write_new_file(pub_path, text.encode("ascii"), 0o644)
    return public


def public_key_path(private_path: Path) -> Path:
    return private_path.with_name(private_path.name + ".pub")


def load_private_key(path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _bad_key(f"cannot read the key {path}: {exc.strerror or exc}") from None
    try:
        key = serialization.load_pem_private_key(raw, password=None)
    except (ValueError, TypeError) as exc:
        raise _bad_key(f"{path} is not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise _bad_key(f"{path} is not an Ed25519 key (made by `exportref data keygen`)")
    return key


def public_hex(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def parse_public_key(text: str) -> str:
    """A public key from what a user pastes or points at: 64 hex digits (lines starting with # are
    ignored), or a PEM public key. Returns lower-case hex."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if "-----BEGIN PUBLIC KEY-----" in body:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            key = serialization.load_pem_public_key(body.encode("ascii", "replace"))
        except (ValueError, TypeError) as exc:
            raise _bad_key(f"not a PEM public key ({exc})") from None
        if not isinstance(key, Ed25519PublicKey):
            raise _bad_key("the PEM key is not an Ed25519 key")
        raw: bytes = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return raw.hex()
    candidate = body.strip()
    if not re.fullmatch(r"[0-9a-fA-F]{64}", candidate):
        raise _bad_key("expected one Ed25519 public key: 64 hexadecimal digits (the .pub file from `data keygen`)")
    return candidate.lower()


# -- signatures ---------------------------------------------------------------------------------------------


def sign(manifest_bytes: bytes, key: Ed25519PrivateKey) -> bytes:
    doc = {
        "format": SIGNATURE_FORMAT,
        "algorithm": ALGORITHM,
        "public_key": public_hex(key),
        "signature": key.sign(manifest_bytes).hex(),
    }
    return (json.dumps(doc, indent=2, sort_keys=True) + "\n").encode("ascii")


def parse_signature(raw: bytes) -> Signature:
    try:
        doc = json.loads(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PackError("bad-signature", f"signature.json is not valid JSON ({exc})") from None
    if not isinstance(doc, dict) or set(doc) != {"format", "algorithm", "public_key", "signature"}:
        raise PackError("bad-signature", "signature.json must have exactly format, algorithm, public_key, signature")
    if doc["format"] != SIGNATURE_FORMAT or doc["algorithm"] != ALGORITHM:
        raise PackError(
            "bad-signature", f"signature.json: format {doc['format']!r}, algorithm {doc['algorithm']!r} not supported"
        )
    pub, sig = doc["public_key"], doc["signature"]
    if not (isinstance(pub, str) and re.fullmatch(r"[0-9a-f]{64}", pub)):
        raise PackError("bad-signature", "signature.json: public_key must be 64 lower-case hex digits")
    if not (isinstance(sig, str) and re.fullmatch(r"[0-9a-f]{128}", sig)):
        raise PackError("bad-signature", "signature.json: signature must be 128 lower-case hex digits")
    return Signature(pub, sig)


def verify_signature(signature: Signature, manifest_bytes: bytes) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(signature.public_key))
        key.verify(bytes.fromhex(signature.signature), manifest_bytes)
    except (InvalidSignature, ValueError):
        raise PackError(
            "bad-signature",
            f"the signature by key {key_id(signature.public_key)} does not match the manifest: "
            "the pack was changed after it was signed",
        ) from None


# -- trusted publisher keys ------------------------------------------------------------------------------------


def trusted_keys(folder: Path) -> dict[str, TrustedKey]:
    """The keys this user trusts (public key hex → key). A damaged file trusts nobody, with a warning."""
    path = folder / TRUSTED_KEYS_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning("cannot read %s (%s); no publisher key is trusted", path, exc)
        return {}
    try:
        return _parse_trusted(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError, KeyError, TypeError) as exc:
        log.warning("%s is damaged (%s); no publisher key is trusted until it is fixed or removed", path, exc)
        return {}


def _parse_trusted(doc: Any) -> dict[str, TrustedKey]:
    if not isinstance(doc, dict) or doc.get("format") != 1 or not isinstance(doc.get("keys"), list):
        raise ValueError("expected {format: 1, keys: [...]}")
    out: dict[str, TrustedKey] = {}
    for row in doc["keys"]:
        pub, name, added = row["public_key"], row["name"], row.get("added", "")
        if not (isinstance(pub, str) and re.fullmatch(r"[0-9a-f]{64}", pub)) or not isinstance(name, str):
            raise ValueError(f"bad key entry {row!r}")
        out[pub] = TrustedKey(pub, name, str(added))
    return out


def trust_key(folder: Path, public_key: str, name: str) -> TrustedKey:
    """Record `public_key` as the key of publisher `name` (replacing an earlier name for it)."""
    name = name.strip()
    if not name:
        raise _bad_key("give the publisher a name (--name), as it should appear beside its packs")
    check_display_text(name, "name", MAX_PUBLISHER_CHARS, _bad_key)
    path = folder / TRUSTED_KEYS_FILE
    if path.exists():
        try:
            keys = _parse_trusted(json.loads(path.read_bytes().decode("utf-8")))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError, KeyError, TypeError) as exc:
            # Never write over a file we cannot read: it may hold keys the user relies on.
            raise _bad_key(f"{path} is damaged ({exc}); move it aside, then trust the keys again") from None
    else:
        keys = {}
    added = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    keys[public_key] = TrustedKey(public_key, name, added)
    doc = {"format": 1, "keys": [{"public_key": k.public_key, "name": k.name, "added": k.added} for k in keys.values()]}
    write_atomically(path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return keys[public_key]
