"""`exportref search --notes`: the user's private notes that match, only when asked for, after the
data's hits and apart from them; without the flag, nothing of a note is printed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from catalogue.userdata import UserData
from gui.cli import main

ENTRY = "non-ferrous-metallurgy"  # 083201X in the minimal fixture
NOTE = "客户询问高纯金属镓的提取工艺 — confidential, client A"
ORPHAN = "gone-from-this-data"


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One copy of the data and one index for the module: each search opens it warm."""
    base = tmp_path_factory.mktemp("cli-notes")
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", base / "data")
    return base / "data", base / "cache"


@pytest.fixture
def data_with_notes(shared: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    data, cache = shared
    monkeypatch.setenv("EXPORTREF_DATA_DIR", str(data))
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(cache))
    user = UserData(Path(os.environ["EXPORTREF_USER_DIR"]))  # a folder of this test's own
    user.set_note(ENTRY, NOTE)
    user.set_note(ORPHAN, "镓 — an old note, kept")
    return data


def search(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["search", *argv, "--as-of", "2026-01-15"]) == 0
    return capsys.readouterr().out


def test_notes_are_not_printed_unless_asked_for(data_with_notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = search(capsys, "镓")
    assert "confidential" not in out and "My notes" not in out
    assert "my_notes" not in json.loads(search(capsys, "镓", "--json"))


def test_with_notes_they_follow_the_hits_marked_as_mine(
    data_with_notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    without = search(capsys, "镓")
    out = search(capsys, "镓", "--notes")
    hits, _, notes = out.partition("My notes (private, on this computer; not from the data): 2 match(es)")
    assert notes, out
    assert hits.rstrip("\n") == without.rstrip("\n")  # the data's hits, exactly as without the flag
    assert "✎ 083201X · 有色金属冶金技术" in notes
    assert "高纯金属«镓»的提取工艺" in notes
    assert f"{ORPHAN} (not in this data set; the note is kept)" in notes


def test_json_gives_the_notes_a_key_of_their_own(data_with_notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = json.loads(search(capsys, "镓", "--json"))
    out = json.loads(search(capsys, "镓", "--json", "--notes"))
    assert out["hits"] == plain["hits"] and out["total"] == plain["total"]
    rows = {row["id"]: row for row in out["my_notes"]}
    assert set(rows) == {ENTRY, ORPHAN}
    mine = rows[ENTRY]
    assert set(mine) == {"id", "title", "in_data", "snippet", "snippet_spans", "updated"}
    assert mine["title"] == "083201X · 有色金属冶金技术" and mine["in_data"] is True
    assert [mine["snippet"][a:b] for a, b in mine["snippet_spans"]] == ["镓"]
    assert rows[ORPHAN]["in_data"] is False and rows[ORPHAN]["title"] is None


@pytest.mark.parametrize(
    "argv", [("镓 status:restricted",), ("镓", "--status", "restricted"), ("镓", "--kind", "entry")]
)
def test_a_filtered_search_says_notes_were_not_searched(
    data_with_notes: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    out = search(capsys, *argv, "--notes")
    assert "My notes: not searched, because the search is filtered" in out
    assert "confidential" not in out
    assert json.loads(search(capsys, *argv, "--notes", "--json"))["my_notes"] is None
