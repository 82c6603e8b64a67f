"""Data packs, installed: the active data set, switching, refusals and interruptions that must leave
the previous data active, and notes that outlive a data set that lacks their ids."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalogue.datapacks import PackError, Trust, store
from catalogue.datapacks.orphans import find_orphans
from catalogue.datapacks.signing import generate_key, trust_key
from catalogue.load import default_data_dir, load_catalogue, shipped_data_dir
from catalogue.userdata import UserData

from datapack_builders import data_files_of, hostile_pack, pack_of


def user_dir() -> Path:
    return Path(os.environ["EXPORTREF_USER_DIR"])


def root() -> Path:
    return store.datapacks_dir()


def install(path: Path, *, confirmed: bool = True) -> store.DataSet:
    return store.commit(store.stage(path), confirmed=confirmed)


def pointer() -> dict:  # type: ignore[type-arg]
    return json.loads((root() / "active.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def leftovers() -> list[str]:
    return sorted(p.name for p in root().glob(".staging-*"))


@pytest.fixture
def pack(tmp_path: Path, minimal_data: Path) -> Path:
    return pack_of(minimal_data, tmp_path / "acme-2026-11.zip", publisher="Acme LLP", changelog="first\n")


@pytest.fixture
def second(tmp_path: Path, minimal_data: Path) -> Path:
    """Another pack with other data: one instrument fewer, so ids go missing."""
    (minimal_data / "instruments" / "cn-mofcom-2025-58.yaml").unlink()
    return pack_of(minimal_data, tmp_path / "second.zip", publisher="Acme LLP")


# -- the round trip --------------------------------------------------------------------------------------------


def test_install_use_and_back_to_shipped(pack: Path, minimal_data: Path) -> None:
    assert default_data_dir() == shipped_data_dir()
    installed = install(pack)
    assert installed.name == "acme-2026-11" and installed.kind == "pack"
    assert default_data_dir() == installed.data_dir == root() / "packs" / installed.ident / "data"
    assert pointer()["active"] == installed.ident
    assert load_catalogue(default_data_dir()).complete
    assert {p.ident for p in store.installed_packs()} == {installed.ident}
    assert store.use("shipped").kind == "shipped"
    assert default_data_dir() == shipped_data_dir()
    assert store.use("acme-2026-11").ident == installed.ident  # by name
    assert store.use(installed.ident).ident == installed.ident  # and by folder name
    assert default_data_dir() == installed.data_dir
    assert leftovers() == []


def test_environment_variable_wins_over_the_active_pack(
    pack: Path, minimal_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(pack)
    monkeypatch.setenv("EXPORTREF_DATA_DIR", str(minimal_data))
    assert default_data_dir() == minimal_data


def test_installing_the_same_pack_again_reuses_it_and_a_newer_one_of_that_name_replaces_it(
    pack: Path, minimal_data: Path, tmp_path: Path
) -> None:
    first = install(pack)
    assert install(pack).ident == first.ident
    (minimal_data / "instruments" / "cn-mofcom-2025-58.yaml").unlink()
    newer = install(pack_of(minimal_data, tmp_path / "acme-2026-11.zip", publisher="Acme LLP"))
    assert newer.name == first.name and newer.ident != first.ident
    assert [p.ident for p in store.installed_packs()] == [newer.ident]


def test_unknown_names_are_refused(pack: Path) -> None:
    install(pack)
    with pytest.raises(PackError) as caught:
        store.use("nope")
    assert caught.value.reason == "no-such-pack" and "acme-2026-11" in caught.value.message
    assert pointer()["active"].startswith("acme-2026-11@")


# -- confirmation --------------------------------------------------------------------------------------------------


def test_unsigned_pack_needs_confirmation(pack: Path) -> None:
    staged = store.stage(pack)
    assert staged.needs_confirmation and staged.verified.trust is Trust.UNSIGNED
    with pytest.raises(PackError) as caught:
        store.commit(staged, confirmed=False)
    assert caught.value.reason == "not-confirmed"
    assert default_data_dir() == shipped_data_dir()
    assert store.installed_packs() == [] and leftovers() == []
    installed = install(pack, confirmed=True)
    assert installed.confirmed_by_user and installed.trust is Trust.UNSIGNED
    assert "not signed" in installed.label


def test_pack_from_an_unknown_key_needs_confirmation_and_a_trusted_one_does_not(
    minimal_data: Path, tmp_path: Path
) -> None:
    key = tmp_path / "acme.key"
    public = generate_key(key)
    signed = pack_of(minimal_data, tmp_path / "signed.zip", key_file=key, publisher="Acme LLP")
    with store.stage(signed) as staged:
        assert staged.verified.trust is Trust.UNKNOWN_KEY and staged.needs_confirmation
    trust_key(root(), public, "Acme KM")
    staged = store.stage(signed)
    assert staged.verified.trust is Trust.TRUSTED and not staged.needs_confirmation
    installed = store.commit(staged)
    assert not installed.confirmed_by_user
    assert "signed by trusted publisher key “Acme KM”" in installed.label


# -- refusals leave the previous data active ----------------------------------------------------------------------


@pytest.mark.parametrize("attack", ["traversal", "tampered", "broken-yaml", "bomb", "symlink", "truncated"])
def test_a_refused_pack_changes_nothing(pack: Path, tmp_path: Path, minimal_data: Path, attack: str) -> None:
    import stat

    from datapack_builders import info, manifest_for

    before = install(pack)
    files = data_files_of(minimal_data)
    bad = tmp_path / "bad.zip"
    if attack == "traversal":
        hostile_pack(bad, files, extra=[("data/../../../escaped.yaml", b"x: 1\n")])
    elif attack == "tampered":
        manifest = manifest_for(files)
        files["data/topics.yaml"] += b"# changed\n"
        hostile_pack(bad, files, manifest=manifest)
    elif attack == "broken-yaml":
        files["data/topics.yaml"] = b"topics: [\n"
        hostile_pack(bad, files)
    elif attack == "bomb":
        hostile_pack(bad, files, extra=[("data/sources-zeros.yaml", bytes(4 << 20))])
    elif attack == "symlink":
        hostile_pack(bad, files, extra=[(info("data/sources-x.yaml", stat.S_IFLNK | 0o777), b"/etc/passwd")])
    else:
        bad.write_bytes(pack.read_bytes()[:2000])
    state = sorted(p.relative_to(root()).as_posix() for p in root().rglob("*"))
    with pytest.raises(PackError):
        store.stage(bad)
    assert default_data_dir() == before.data_dir
    assert sorted(p.relative_to(root()).as_posix() for p in root().rglob("*")) == state
    assert not list(tmp_path.rglob("escaped.yaml")) and not list(user_dir().rglob("escaped.yaml"))


# -- interrupted installs -------------------------------------------------------------------------------------------


def test_failed_rename_into_place_leaves_the_previous_data_active(
    pack: Path, second: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = install(pack)
    real_replace = os.replace

    def failing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).is_dir():
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        install(second)
    monkeypatch.setattr(os, "replace", real_replace)
    assert default_data_dir() == before.data_dir
    assert [p.ident for p in store.installed_packs()] == [before.ident]
    assert leftovers() == []


def test_failed_pointer_write_rolls_the_new_pack_back(
    pack: Path, second: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = install(pack)
    real_replace = os.replace

    def failing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == "active.json":
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        install(second)
    monkeypatch.setattr(os, "replace", real_replace)
    assert default_data_dir() == before.data_dir
    assert pointer()["active"] == before.ident
    assert [p.ident for p in store.installed_packs()] == [before.ident]
    assert leftovers() == [] and not list(root().glob(".active.json.*"))


@pytest.mark.parametrize("moment", ["unpacking", "rename", "pointer"])
def test_a_killed_install_leaves_the_previous_data_active(pack: Path, second: Path, moment: str) -> None:
    """A real process killed (SIGKILL) mid-install: no clean-up code runs."""
    before = install(pack)
    script = f"""
import os, signal
from pathlib import Path
import catalogue.datapacks.zipsafe as zipsafe
from catalogue.datapacks import store
moment = {moment!r}
real_replace, real_extract = os.replace, zipsafe.extract_member
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def replace(src, dst):
    if (moment == "rename" and Path(src).is_dir()) or (moment == "pointer" and Path(dst).name == "active.json"):
        die()
    real_replace(src, dst)
count = [0]
def extract(*args):
    count[0] += 1
    if moment == "unpacking" and count[0] == 3:
        die()
    return real_extract(*args)
os.replace = replace
zipsafe.extract_member = extract
import catalogue.datapacks.verify as verify
verify.extract_member = extract
store.commit(store.stage(Path({str(second)!r})), confirmed=True)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == -9, run.stderr
    assert default_data_dir() == before.data_dir
    assert pointer()["active"] == before.ident
    installed = {p.ident for p in store.installed_packs()}
    if moment == "pointer":
        # Renamed into place but never made active: listed, not used, and used only when asked for.
        assert before.ident in installed and len(installed) == 2
    else:
        assert installed == {before.ident}
    if moment != "pointer":
        assert len(leftovers()) == 1  # the killed install's staging folder, ignored
    # A later install clears a staging folder once it is an hour old, and succeeds.
    for folder in root().glob(".staging-*"):
        old = time.time() - 2 * 3600
        os.utime(folder, (old, old))
    assert install(second).name == "second"
    assert leftovers() == []


# -- the pointer and the pack folder, damaged --------------------------------------------------------------------


def test_damaged_pointer_falls_back_to_shipped_with_a_warning(pack: Path, caplog: pytest.LogCaptureFixture) -> None:
    install(pack)
    for garbage in (b"\x00\xff garbage", b'{"format": 1, "active": 7}', b'{"format": 1, "active": "../../etc"}', b"[]"):
        (root() / "active.json").write_bytes(garbage)
        active = store.resolve_active()
        assert active.data_dir is None and active.warning and "using the shipped data" in active.warning
        with caplog.at_level(logging.WARNING, logger="catalogue.datapacks.store"):
            assert default_data_dir() == shipped_data_dir()
    assert "using the shipped data" in caplog.text


def test_missing_pack_folder_falls_back_to_shipped(pack: Path) -> None:
    installed = install(pack)
    import shutil

    shutil.rmtree(installed.data_dir.parent)
    active = store.resolve_active()
    assert active.data_dir is None and "missing" in (active.warning or "")
    assert default_data_dir() == shipped_data_dir()


def test_pack_data_edited_after_install_is_not_used(pack: Path) -> None:
    installed = install(pack)
    with (installed.data_dir / "topics.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# edited by hand\n")
    active = store.resolve_active()
    assert active.data_dir is None and "changed after it was installed" in (active.warning or "")
    with pytest.raises(PackError) as caught:
        store.use(installed.name)
    assert caught.value.reason == "pack-damaged"


def test_unreadable_user_folder_falls_back_to_shipped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("EXPORTREF_USER_DIR", str(blocker))
    assert default_data_dir() == shipped_data_dir()


# -- what a data set is called --------------------------------------------------------------------------------------


def test_data_sets_describe_themselves(pack: Path, minimal_data: Path) -> None:
    installed = install(pack)
    shipped = store.describe_data_dir(shipped_data_dir())
    assert shipped.kind == "shipped" and shipped.label.startswith("shipped data (ExportRef ")
    assert shipped.verified_to is not None
    described = store.describe_data_dir(installed.data_dir)
    assert described.label == "data pack “acme-2026-11” from Acme LLP, not signed"
    assert store.data_set_label(installed.data_dir, installed.fingerprint) == described.label
    folder = store.describe_data_dir(minimal_data)
    assert folder.kind == "folder" and str(minimal_data) in folder.label


# -- notes and bookmarks across data sets ---------------------------------------------------------------------------


def test_notes_on_ids_a_pack_lacks_are_kept_and_marked_orphaned(pack: Path, second: Path) -> None:
    install(pack)
    user = UserData()
    user.set_note("cn-mofcom-2025-58", "Client asked about the suspension.")
    user.set_note("non-ferrous-metallurgy", "Check 083201X.")
    user.add_bookmark("cn-mofcom-2025-58")
    notes_before = user.notes_path.read_bytes()
    assert not find_orphans(load_catalogue(default_data_dir()).catalogue, user)

    install(second)
    cat = load_catalogue(default_data_dir()).catalogue
    orphans = find_orphans(cat, UserData())
    assert orphans.notes == ("cn-mofcom-2025-58",) and orphans.bookmarks == ("cn-mofcom-2025-58",)
    assert "1 note and 1 bookmark refer to ids this data set does not have (cn-mofcom-2025-58)" in orphans.summary()
    assert user.notes_path.read_bytes() == notes_before  # never touched, let alone dropped

    store.use("acme-2026-11")
    back = UserData()
    assert back.note("cn-mofcom-2025-58") == "Client asked about the suspension."
    assert not find_orphans(load_catalogue(default_data_dir()).catalogue, back)


def test_the_list_marks_a_pack_edited_after_install(pack: Path) -> None:
    installed = install(pack)
    (installed.data_dir / "topics.yaml").write_text("topics: []\n", encoding="utf-8")
    [listed] = store.installed_packs(check_data=True)
    assert listed.problem and "changed after it was installed" in listed.problem


def test_reinstalling_a_pack_edited_after_install_restores_it(pack: Path) -> None:
    installed = install(pack)
    (installed.data_dir / "topics.yaml").write_text("topics: []\n", encoding="utf-8")
    assert store.resolve_active().data_dir is None  # unusable: the shipped data meanwhile
    again = install(pack)
    assert again.ident == installed.ident
    assert store.resolve_active().data_dir == installed.data_dir
    assert load_catalogue(installed.data_dir).complete and leftovers() == []


def test_two_packs_of_one_name_after_an_interrupted_install_are_told_apart(
    pack: Path, minimal_data: Path, tmp_path: Path
) -> None:
    first = install(pack)
    (minimal_data / "instruments" / "cn-mofcom-2025-58.yaml").unlink()
    newer = pack_of(minimal_data, tmp_path / "acme-2026-11.zip", publisher="Acme LLP")
    staged = store.stage(newer)
    os.replace(staged.staging / "pack", root() / "packs" / staged.ident)  # renamed in, then killed
    staged.discard()
    with pytest.raises(PackError) as caught:
        store.use("acme-2026-11")
    assert caught.value.reason == "ambiguous" and first.ident in caught.value.message
    assert store.use(staged.ident).ident == staged.ident
