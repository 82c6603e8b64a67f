"""Notes and bookmarks: atomic writes, damaged files set aside, and two windows merging their changes."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from catalogue import userdata
from catalogue.paths import user_data_dir
from catalogue.userdata import UserData, UserDataError


def test_user_dir_follows_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXPORTREF_USER_DIR", str(tmp_path / "mine"))
    assert user_data_dir() == tmp_path / "mine"
    assert UserData().folder == tmp_path / "mine"


def test_notes_survive_a_restart(tmp_path: Path) -> None:
    first = UserData(tmp_path)
    first.set_note("non-ferrous-metallurgy", "Client X: gallium recovery line — check licence.")
    again = UserData(tmp_path)
    assert again.note("non-ferrous-metallurgy") == "Client X: gallium recovery line — check licence."
    assert again.note("other") is None
    on_disk = json.loads((tmp_path / "notes.json").read_text(encoding="utf-8"))
    assert on_disk["notes"]["non-ferrous-metallurgy"]["text"].startswith("Client X")


def test_blank_note_deletes_it(tmp_path: Path) -> None:
    data = UserData(tmp_path)
    data.set_note("a", "text")
    data.set_note("a", "   \n")
    assert data.note("a") is None
    assert UserData(tmp_path).notes() == []


def test_bookmarks_keep_order_and_no_duplicates(tmp_path: Path) -> None:
    data = UserData(tmp_path)
    data.add_bookmark("b")
    data.add_bookmark("a")
    data.add_bookmark("b")
    assert [b.entry_id for b in UserData(tmp_path).bookmarks()] == ["b", "a"]
    assert data.toggle_bookmark("b") is False
    assert data.toggle_bookmark("c") is True
    assert [b.entry_id for b in UserData(tmp_path).bookmarks()] == ["a", "c"]
    assert data.is_bookmarked("c") and not data.is_bookmarked("b")


def test_two_windows_do_not_lose_each_others_changes(tmp_path: Path) -> None:
    window_a = UserData(tmp_path)
    window_b = UserData(tmp_path)  # both loaded before either wrote
    window_a.set_note("x", "from A")
    window_b.set_note("y", "from B")
    window_a.add_bookmark("x")
    window_b.add_bookmark("y")
    window_b.remove_bookmark("x")  # B never saw this bookmark in memory; the removal still applies
    fresh = UserData(tmp_path)
    assert fresh.note("x") == "from A" and fresh.note("y") == "from B"
    assert [b.entry_id for b in fresh.bookmarks()] == ["y"]


def _add_many(folder: str, prefix: str, n: int) -> None:
    data = UserData(Path(folder))
    for i in range(n):
        data.add_bookmark(f"{prefix}-{i}")
        data.set_note(f"{prefix}-{i}", f"note {i}")


def test_concurrent_processes_merge_under_the_lock(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_add_many, args=(str(tmp_path), p, 15)) for p in ("p", "q")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    fresh = UserData(tmp_path)
    assert len(fresh.bookmarks()) == 30
    assert len(fresh.notes()) == 30


def test_damaged_file_is_moved_aside_and_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text('{"notes": {"a": {"text": "half', encoding="utf-8")
    (tmp_path / "bookmarks.json").write_text('{"bookmarks": "not a list"}', encoding="utf-8")
    data = UserData(tmp_path)
    assert data.notes() == [] and data.bookmarks() == []
    assert len(data.problems) == 2
    assert any("notes.json is damaged" in p for p in data.problems)
    backups = sorted(tmp_path.glob("*.damaged-*.json"))
    assert [b.name.split(".")[0] for b in backups] == ["bookmarks", "notes"]
    note_backup = next(b for b in backups if b.name.startswith("notes"))
    assert note_backup.read_text(encoding="utf-8") == '{"notes": {"a": {"text": "half'
    data.set_note("b", "new")
    assert UserData(tmp_path).note("b") == "new"
    assert note_backup.exists()  # the damaged original is kept for the user to recover by hand


def test_failed_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = UserData(tmp_path)
    data.set_note("a", "old")
    before = (tmp_path / "notes.json").read_bytes()

    def power_cut(fd: int) -> None:
        raise OSError(5, "simulated I/O error during fsync")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(UserDataError):
        data.set_note("a", "new")
    monkeypatch.undo()
    assert (tmp_path / "notes.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    assert UserData(tmp_path).note("a") == "old"


def test_lock_held_elsewhere_reports_instead_of_overwriting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = UserData(tmp_path)
    monkeypatch.setattr(userdata, "LOCK_TIMEOUT_S", 0.2)
    with userdata._exclusive(tmp_path / userdata.LOCK_FILE), pytest.raises(UserDataError, match="held"):
        # flock locks belong to the open file, so a second open in this process contends like another window.
        data.set_note("a", "blocked")
    assert UserData(tmp_path).note("a") is None
