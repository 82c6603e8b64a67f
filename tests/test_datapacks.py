"""Data packs, pure logic: making a pack, verifying it, and every way a pack is refused.

Each refusal is checked for its reason code and its message, and for leaving nothing behind: a pack
is unpacked only into a folder the caller owns, and nothing lands outside it. Installing, the active
data set and interruptions are in test_datapacks_install.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
import zlib
from pathlib import Path

import pytest

from catalogue.datapacks import DataProblems, PackError, Trust
from catalogue.datapacks.make import default_name, make_pack
from catalogue.datapacks.manifest import Manifest
from catalogue.datapacks.signing import (
    generate_key,
    parse_public_key,
    public_key_path,
    trust_key,
    trusted_keys,
)
from catalogue.datapacks.verify import Verified, unpack_verified
from catalogue.load import fingerprint, load_catalogue

from datapack_builders import (
    data_files_of,
    deflate_zeros,
    hostile_pack,
    info,
    manifest_for,
    members_of,
    pack_of,
    raw_zip,
    rebuild,
    write_zip,
)


def verify(path: Path, tmp_path: Path, trusted: dict | None = None) -> Verified:  # type: ignore[type-arg]
    return unpack_verified(path, tmp_path / "unpacked", trusted or {})


def refused(path: Path, tmp_path: Path, reason: str) -> PackError:
    with pytest.raises(PackError) as caught:
        verify(path, tmp_path)
    assert caught.value.reason == reason, caught.value.message
    return caught.value


@pytest.fixture
def pack(tmp_path: Path, minimal_data: Path) -> Path:
    return pack_of(minimal_data, tmp_path / "acme-2026-11.zip", publisher="Acme LLP", changelog="Added 2 items.\n")


@pytest.fixture
def files(minimal_data: Path) -> dict[str, bytes]:
    return data_files_of(minimal_data)


# -- making ----------------------------------------------------------------------------------------------


def test_pack_holds_manifest_and_data_and_verifies(pack: Path, minimal_data: Path, tmp_path: Path) -> None:
    names = [zi.filename for zi, _ in members_of(pack)]
    assert names[0] == "manifest.json"
    assert set(names[1:]) == set(data_files_of(minimal_data))
    verified = verify(pack, tmp_path)
    m = verified.manifest
    assert (m.name, m.publisher, m.changelog.text, m.format) == ("acme-2026-11", "Acme LLP", "Added 2 items.\n", 1)
    assert m.fingerprint == fingerprint(minimal_data) == fingerprint(verified.data_dir)
    assert m.verified_to == load_catalogue(minimal_data).catalogue.verified_to
    assert m.tool.startswith("exportref ")
    for name, data in data_files_of(minimal_data).items():
        assert m.files[name].sha256 == hashlib.sha256(data).hexdigest()
        assert m.files[name].size == len(data)
    assert verified.trust is Trust.UNSIGNED and verified.signature is None
    assert stat.S_IMODE(pack.stat().st_mode) == 0o644


def test_pack_name_comes_from_the_file_name_unless_given() -> None:
    assert default_name(Path("out/Acme 2026-11-30.zip")) == "acme-2026-11-30"
    assert default_name(Path("x.ZIP")) == "x"


def test_pack_refuses_broken_data_with_check_s_messages(minimal_data: Path, tmp_path: Path) -> None:
    target = minimal_data / "instruments" / "cn-mofcom-2023-23.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("kind: measure", "kind: [measure", 1), encoding="utf-8"
    )
    out = tmp_path / "broken.zip"
    with pytest.raises(DataProblems) as caught:
        make_pack(minimal_data, out)
    lines = [p.format() for p in caught.value.problems]
    assert lines == [p.format() for p in load_catalogue(minimal_data).problems]
    assert lines[0].startswith("instruments/cn-mofcom-2023-23.yaml:")
    assert not out.exists() and not list(tmp_path.glob(".broken.zip.*"))


def test_pack_refuses_a_bad_name_and_a_publisher_with_control_characters(minimal_data: Path, tmp_path: Path) -> None:
    with pytest.raises(PackError) as caught:
        make_pack(minimal_data, tmp_path / "x.zip", name="shipped")
    assert caught.value.reason == "bad-name"
    with pytest.raises(PackError) as caught:
        make_pack(minimal_data, tmp_path / "x.zip", publisher="Acme\u202eLLP")
    assert "U+202E" in caught.value.message


# -- verifying: tampering ----------------------------------------------------------------------------------


def _replace_member(name: str, new: bytes) -> object:
    def edit(members: list[tuple[zipfile.ZipInfo, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
        return [(zi, new if zi.filename == name else data) for zi, data in members]

    return edit


def test_tampered_file_of_the_same_size_is_refused(pack: Path, tmp_path: Path, files: dict[str, bytes]) -> None:
    name = "data/instruments/cn-mofcom-2023-23.yaml"
    original = files[name]
    changed = original.replace(b"valid: {from: 2023-08-01}", b"valid: {from: 2023-08-02}", 1)
    assert len(changed) == len(original) and changed != original
    bad = rebuild(pack, tmp_path / "bad.zip", _replace_member(name, changed))  # type: ignore[arg-type]
    err = refused(bad, tmp_path, "hash-mismatch")
    assert name in err.message and "changed after the pack was made" in err.message


def test_tampered_file_of_another_size_is_refused(pack: Path, tmp_path: Path, files: dict[str, bytes]) -> None:
    name = "data/dataset.yaml"
    bad = rebuild(pack, tmp_path / "bad.zip", _replace_member(name, files[name] + b"# more\n"))  # type: ignore[arg-type]
    refused(bad, tmp_path, "size-mismatch")


def test_wrong_hash_in_the_manifest_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    manifest = manifest_for(files)
    manifest["files"]["data/topics.yaml"]["sha256"] = "0" * 64
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=manifest)
    assert "data/topics.yaml" in refused(bad, tmp_path, "hash-mismatch").message


def test_wrong_fingerprint_in_the_manifest_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=manifest_for(files, fingerprint="0123456789abcdef"))
    refused(bad, tmp_path, "fingerprint-mismatch")


def test_wrong_verified_to_in_the_manifest_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=manifest_for(files, verified_to="2027-01-31"))
    assert "2027-01-31" in refused(bad, tmp_path, "verified-to-mismatch").message


def test_missing_file_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    manifest = manifest_for(files)
    del files["data/topics.yaml"]
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=manifest)
    assert "data/topics.yaml" in refused(bad, tmp_path, "missing-file").message


def test_extra_file_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=[("data/sources-extra.yaml", b"sources: []\n")])
    assert "data/sources-extra.yaml" in refused(bad, tmp_path, "extra-file").message


def test_member_outside_the_layout_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    for i, name in enumerate(("README.txt", "data/notes.txt", "data/instruments/deep/x.yaml", "run.py")):
        bad = hostile_pack(tmp_path / f"bad{i}.zip", files, extra=[(name, b"x")])
        assert name in refused(bad, tmp_path, "unexpected-member").message


def test_truncated_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    raw = pack.read_bytes()
    for i, cut in enumerate((len(raw) // 2, len(raw) - 10, 100)):
        bad = tmp_path / f"cut{i}.zip"
        bad.write_bytes(raw[:cut])
        refused(bad, tmp_path, "not-a-zip")


def test_damaged_member_data_is_refused(pack: Path, tmp_path: Path) -> None:
    raw = bytearray(pack.read_bytes())
    name = b"data/sources.yaml"
    start = raw.index(name, raw.index(b"PK\x03\x04", 1)) + len(name) + 50  # inside its compressed bytes
    raw[start : start + 20] = bytes(20)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(raw))
    assert refused(bad, tmp_path, "damaged").reason == "damaged"


def test_not_a_zip_and_no_manifest_are_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(os.urandom(4096))
    refused(junk, tmp_path, "not-a-zip")
    bare = write_zip(tmp_path / "bare.zip", list(files.items()))  # type: ignore[arg-type]
    refused(bare, tmp_path, "manifest-missing")


# -- verifying: the manifest ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason", "words"),
    [
        (b"{not json", "manifest-invalid", "not valid JSON"),
        (b"\xff\xfe{}", "manifest-invalid", "not UTF-8"),
        (b"[1, 2]", "manifest-invalid", "top level must be an object"),
        (b'{"format": 1, "format": 1}', "manifest-invalid", "duplicate key 'format'"),
        (b'{"format": NaN}', "manifest-invalid", "NaN is not allowed"),
        (b'{"format": "1"}', "manifest-invalid", "'format' must be a whole number"),
        (b'{"format": 2}', "format-version", "format version 2, a newer format"),
    ],
)
def test_invalid_manifest_json_is_refused(
    tmp_path: Path, files: dict[str, bytes], raw: bytes, reason: str, words: str
) -> None:
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=raw)
    assert words in refused(bad, tmp_path, reason).message


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ({"run": "os.system('x')"}, "unknown key(s) 'run'"),
        ({"name": "../../etc"}, "'name' '../../etc' must be"),
        ({"name": "shipped"}, "not be 'shipped'"),
        ({"verified_to": "2026-02-30"}, "not a date"),
        ({"fingerprint": "XYZ"}, "16 lower-case hexadecimal"),
        ({"created": "yesterday"}, "not an ISO 8601"),
        ({"publisher": "A\x07B"}, "control character U+0007"),
        ({"changelog": "text"}, "'changelog' must be an object"),
        ({"files": {"../x.yaml": {"sha256": "0" * 64, "size": 1}}}, "is not under data/"),
        ({"files": {"data/x.yaml": {"sha256": "0" * 64, "size": -1}}}, "'size' must be"),
    ],
)
def test_manifest_values_are_checked(tmp_path: Path, files: dict[str, bytes], override: dict, words: str) -> None:  # type: ignore[type-arg]
    manifest = manifest_for(files)
    manifest.update(override)
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=manifest)
    assert words in refused(bad, tmp_path, "manifest-invalid").message


def test_missing_manifest_key_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    manifest = manifest_for(files)
    del manifest["fingerprint"]
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=manifest)
    assert "missing key(s) 'fingerprint'" in refused(bad, tmp_path, "manifest-invalid").message


def test_other_data_schema_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    bad = hostile_pack(tmp_path / "bad.zip", files, manifest=manifest_for(files, data_schema=99))
    assert "data format 99" in refused(bad, tmp_path, "schema-version").message


def test_deeply_nested_manifest_is_refused_without_a_crash() -> None:
    with pytest.raises(PackError) as caught:
        Manifest.from_bytes(b"[" * 200_000 + b"]" * 200_000)
    assert caught.value.reason == "manifest-invalid"


def test_manifest_round_trips() -> None:
    raw = json.dumps(manifest_for({"data/dataset.yaml": b"x"})).encode()
    m = Manifest.from_bytes(raw)
    assert Manifest.from_bytes(m.to_bytes()) == m


# -- verifying: the data ----------------------------------------------------------------------------------


def test_broken_yaml_in_a_consistent_pack_is_refused_with_file_line_col(
    tmp_path: Path, files: dict[str, bytes]
) -> None:
    files["data/topics.yaml"] = b"topics:\n  - id: x\n    name: {en: [unclosed\n"
    bad = hostile_pack(tmp_path / "bad.zip", files)
    with pytest.raises(DataProblems) as caught:
        verify(bad, tmp_path)
    assert caught.value.reason == "data-problems"
    lines = [p.format() for p in caught.value.problems]
    assert any(line.startswith("topics.yaml:4:1: YAML syntax error") for line in lines), lines


def test_a_python_tag_in_pack_data_is_refused_and_never_runs(tmp_path: Path, files: dict[str, bytes]) -> None:
    marker = tmp_path / "pwned"
    files["data/topics.yaml"] = f"topics: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    bad = hostile_pack(tmp_path / "bad.zip", files)
    with pytest.raises(DataProblems) as caught:
        verify(bad, tmp_path)
    assert any("tag" in p.message for p in caught.value.problems)
    assert not marker.exists()


# -- verifying: zip-level attacks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "data/../../evil.yaml",
        "../evil.yaml",
        "data/instruments/../../../evil.yaml",
        "/tmp/evil.yaml",
        "C:/evil.yaml",
        "data\\..\\..\\evil.yaml",
        "data//evil.yaml",
        "data/./evil.yaml",
        "data/evil\x01.yaml",
    ],
)
def test_unsafe_member_paths_are_refused_and_nothing_is_written(
    tmp_path: Path, files: dict[str, bytes], name: str
) -> None:
    work = tmp_path / "deep" / "work"
    work.mkdir(parents=True)
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=[(name, b"owned: true\n")])
    with pytest.raises(PackError) as caught:
        unpack_verified(bad, work / "unpacked", {})
    assert caught.value.reason == "unsafe-path", caught.value.message
    assert not (work / "unpacked").exists()
    assert not list(tmp_path.rglob("evil*")) and not Path("/tmp/evil.yaml").exists()


def test_a_nul_in_a_member_name_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    # zipfile cuts a name at NUL ("data/evil"), which is then outside the layout.
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=[("data/evil\x00/../../x.yaml", b"x")])
    refused(bad, tmp_path, "unexpected-member")


def test_symlink_member_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    link = info("data/instruments/x.yaml", stat.S_IFLNK | 0o777)
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=[(link, b"/etc/passwd")])
    assert "symbolic link" in refused(bad, tmp_path, "symlink").message
    assert not (tmp_path / "unpacked").exists()


@pytest.mark.parametrize("kind", [stat.S_IFIFO, stat.S_IFCHR, stat.S_IFBLK, stat.S_IFSOCK])
def test_special_file_members_are_refused(tmp_path: Path, files: dict[str, bytes], kind: int) -> None:
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=[(info("data/x.yaml", kind | 0o644), b"")])
    refused(bad, tmp_path, "special-file")


def test_duplicate_members_are_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    again = hostile_pack(tmp_path / "a.zip", files, extra=[("data/topics.yaml", b"topics: []\n")])
    refused(again, tmp_path, "duplicate-member")
    case = hostile_pack(tmp_path / "b.zip", files, extra=[("data/Topics.yaml", b"topics: []\n")])
    assert "upper/lower case" in refused(case, tmp_path, "duplicate-member").message


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    manifest = json.dumps(manifest_for({"data/dataset.yaml": b"x"})).encode()
    entries = [
        {
            "name": "manifest.json",
            "data": manifest,
            "crc": zlib.crc32(manifest),
            "file_size": len(manifest),
            "method": 0,
        },
        {"name": "data/dataset.yaml", "data": b"x", "crc": zlib.crc32(b"x"), "file_size": 1, "method": 0, "flags": 1},
    ]
    refused(raw_zip(tmp_path / "bad.zip", entries), tmp_path, "encrypted")


def test_zip_bomb_with_honest_headers_is_refused_before_unpacking(tmp_path: Path) -> None:
    data, crc = deflate_zeros(256)  # 256 MiB of zeros in about 250 KB
    bomb = raw_zip(
        tmp_path / "bomb.zip", [{"name": "data/dataset.yaml", "data": data, "crc": crc, "file_size": 256 << 20}]
    )
    assert bomb.stat().st_size < 300_000
    err = refused(bomb, tmp_path, "bomb")
    assert "268,435,456" in err.message
    assert not (tmp_path / "unpacked").exists()


def test_high_compression_ratio_is_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    # 4 MiB is under the 8 MiB file limit; zeros shrink about 1000-fold, far beyond any YAML.
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=[("data/sources-zero.yaml", bytes(4 << 20))])
    assert "decompression bomb" in refused(bad, tmp_path, "bomb").message


def test_zip_bomb_with_lying_headers_reads_no_more_than_declared(tmp_path: Path, files: dict[str, bytes]) -> None:
    data, _crc = deflate_zeros(64)  # the stream holds 64 MiB; the headers claim 100 bytes
    manifest = json.dumps(manifest_for({"data/dataset.yaml": bytes(100)})).encode()
    entries = [
        {
            "name": "manifest.json",
            "data": manifest,
            "crc": zlib.crc32(manifest),
            "file_size": len(manifest),
            "method": 0,
        },
        {"name": "data/dataset.yaml", "data": data, "crc": zlib.crc32(bytes(100)), "file_size": 100},
    ]
    bomb = raw_zip(tmp_path / "liar.zip", entries)
    with pytest.raises(PackError) as caught:
        verify(bomb, tmp_path)
    # zipfile hands out no more than the header declares: 100 zero bytes (which match the manifest and
    # so are written), never the 64 MiB behind them; the data check then refuses those 100 bytes.
    assert caught.value.reason == "data-problems"
    assert (tmp_path / "unpacked" / "data" / "dataset.yaml").stat().st_size == 100


def test_total_size_is_capped(tmp_path: Path, files: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    import catalogue.datapacks.zipsafe as zipsafe

    monkeypatch.setattr(zipsafe, "MAX_TOTAL_BYTES", 5_000)
    bad = hostile_pack(tmp_path / "bad.zip", files)
    assert "more than 5,000 bytes" in refused(bad, tmp_path, "bomb").message


def test_too_many_members_are_refused(tmp_path: Path, files: dict[str, bytes]) -> None:
    many = [(f"data/instruments/x{i}.yaml", b"") for i in range(2_001)]
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=many)  # type: ignore[arg-type]
    assert "2,010 members" in refused(bad, tmp_path, "too-many-members").message


def test_oversized_pack_file_is_refused(pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import catalogue.datapacks.zipsafe as zipsafe

    monkeypatch.setattr(zipsafe, "MAX_PACK_BYTES", 1000)
    refused(pack, tmp_path, "too-large")


def test_a_folder_or_fifo_named_like_a_pack_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.zip").mkdir()
    refused(tmp_path / "dir.zip", tmp_path, "not-a-zip")
    os.mkfifo(tmp_path / "fifo.zip")
    refused(tmp_path / "fifo.zip", tmp_path, "not-a-zip")
    refused(tmp_path / "absent.zip", tmp_path, "unreadable")


# -- signatures --------------------------------------------------------------------------------------------------


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "keys" / "acme.key"
    path.parent.mkdir()
    generate_key(path)
    return path


def test_keygen_writes_a_private_key_only_the_owner_can_read(key: Path) -> None:
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    public = parse_public_key(public_key_path(key).read_text(encoding="utf-8"))
    assert len(public) == 64
    with pytest.raises(PackError) as caught:
        generate_key(key)
    assert "never overwritten" in caught.value.message


def test_signed_pack_from_a_trusted_key(minimal_data: Path, key: Path, tmp_path: Path) -> None:
    pack = pack_of(minimal_data, tmp_path / "signed.zip", key_file=key, publisher="Acme")
    public = parse_public_key(public_key_path(key).read_text(encoding="utf-8"))
    trust_key(tmp_path / "trust", public, "Acme knowledge team")
    verified = unpack_verified(pack, tmp_path / "v", trusted_keys(tmp_path / "trust"))
    assert verified.trust is Trust.TRUSTED
    assert verified.signer is not None and verified.signer.name == "Acme knowledge team"
    assert "trusted publisher key “Acme knowledge team”" in verified.trust_words()


def test_signed_pack_from_an_unknown_key(minimal_data: Path, key: Path, tmp_path: Path) -> None:
    pack = pack_of(minimal_data, tmp_path / "signed.zip", key_file=key)
    verified = verify(pack, tmp_path)
    assert verified.trust is Trust.UNKNOWN_KEY
    assert "a key you have not trusted" in verified.trust_words()


def test_changed_manifest_of_a_signed_pack_is_refused(minimal_data: Path, key: Path, tmp_path: Path) -> None:
    pack = pack_of(minimal_data, tmp_path / "signed.zip", key_file=key, publisher="Acme")

    def edit(members: list[tuple[zipfile.ZipInfo, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
        return [(zi, d.replace(b'"Acme"', b'"Evil"') if zi.filename == "manifest.json" else d) for zi, d in members]

    bad = rebuild(pack, tmp_path / "bad.zip", edit)
    assert "changed after it was signed" in refused(bad, tmp_path, "bad-signature").message


def test_signature_with_a_swapped_key_is_refused(minimal_data: Path, key: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.key"
    other_public = generate_key(other)
    pack = pack_of(minimal_data, tmp_path / "signed.zip", key_file=key)

    def edit(members: list[tuple[zipfile.ZipInfo, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes]]:
        out = []
        for zi, d in members:
            if zi.filename == "signature.json":
                doc = json.loads(d)
                doc["public_key"] = other_public
                d = json.dumps(doc).encode()
            out.append((zi, d))
        return out

    refused(rebuild(pack, tmp_path / "bad.zip", edit), tmp_path, "bad-signature")


@pytest.mark.parametrize(
    "raw",
    [b"not json", b"{}", b'{"format": 1, "algorithm": "rsa", "public_key": "00", "signature": "00"}', b"\xff" * 10],
)
def test_malformed_signature_file_is_refused(tmp_path: Path, files: dict[str, bytes], raw: bytes) -> None:
    bad = hostile_pack(tmp_path / "bad.zip", files, extra=[("signature.json", raw)])
    refused(bad, tmp_path, "bad-signature")


def test_public_keys_are_read_from_hex_pub_files_and_pem(key: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    from catalogue.datapacks.signing import load_private_key

    public = parse_public_key(public_key_path(key).read_text(encoding="utf-8"))
    assert parse_public_key(public.upper()) == public
    pem = (
        load_private_key(key)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    assert parse_public_key(pem.decode()) == public
    for junk in ("", "abc", public + public, "-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----"):
        with pytest.raises(PackError):
            parse_public_key(junk)


def test_damaged_trusted_keys_file_trusts_nobody_and_is_not_overwritten(tmp_path: Path, key: Path) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "trusted-keys.json").write_text("{broken", encoding="utf-8")
    assert trusted_keys(folder) == {}
    public = parse_public_key(public_key_path(key).read_text(encoding="utf-8"))
    with pytest.raises(PackError) as caught:
        trust_key(folder, public, "Acme")
    assert "damaged" in caught.value.message
    assert (folder / "trusted-keys.json").read_text(encoding="utf-8") == "{broken"
