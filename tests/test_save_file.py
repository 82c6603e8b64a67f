"""gui.save_file: the GUI's one way of writing a file — whole or not at all, links handled with care."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSaveFile

import gui.save_file
from gui.save_file import save_atomically


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        save_atomically(tmp_path / "sheet.pdf", b"%PDF-new")
    finally:
        os.umask(umask)
    assert (tmp_path / "sheet.pdf").read_bytes() == b"%PDF-new"
    assert mode(tmp_path / "sheet.pdf") == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]  # no temporary file left


def test_a_replaced_file_keeps_its_permissions_and_a_private_one_is_the_owners(tmp_path: Path) -> None:
    shared = tmp_path / "shared.pdf"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    save_atomically(shared, b"new")
    assert shared.read_bytes() == b"new" and mode(shared) == 0o640
    settings = tmp_path / "settings.ini"
    settings.write_bytes(b"old")
    settings.chmod(0o644)
    save_atomically(settings, b"new", private=True)
    assert settings.read_bytes() == b"new" and mode(settings) == 0o600


def test_missing_folders_are_made_only_when_asked(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        save_atomically(tmp_path / "no" / "such" / "s.pdf", b"x")
    assert caught.value.errno == errno.ENOENT and caught.value.filename == str(tmp_path / "no" / "such" / "s.pdf")
    save_atomically(tmp_path / "made" / "settings.ini", b"x", make_parents=True)
    assert (tmp_path / "made" / "settings.ini").read_bytes() == b"x"


def test_a_link_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "settings.ini"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "settings.ini"
    link.symlink_to(real)
    save_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_link_to_something_else_is_replaced_not_followed(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "settings.ini"
    link.symlink_to(fifo)
    save_atomically(link, b"new")
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # never opened, never replaced


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FullDisk(QSaveFile):
        """Takes a few bytes, then fails as a full disk does."""

        def write(self, data: bytes) -> int:  # type: ignore[override]
            return -1 if self.size() else super().write(data[:10])

    monkeypatch.setattr(gui.save_file, "QSaveFile", FullDisk)
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"the old sheet")
    with pytest.raises(OSError):
        save_atomically(target, b"x" * 100_000)
    assert target.read_bytes() == b"the old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
