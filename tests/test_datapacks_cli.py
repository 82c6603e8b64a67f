"""`exportref data …` and `exportref --version`: what each command prints and its exit status."""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.load import default_data_dir, fingerprint, load_catalogue, shipped_data_dir
from catalogue.userdata import UserData
from gui.cli import main
from gui.cli.entry import build_parser

from datapack_builders import data_files_of, hostile_pack, manifest_for

REPO = Path(__file__).resolve().parent.parent
Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def pack(tmp_path: Path, minimal_data: Path, capsys: Capture) -> Path:
    changelog = tmp_path / "CHANGES.txt"
    changelog.write_text("Added 2 items from the official PDF.\n", encoding="utf-8")
    out = tmp_path / "acme-2026-11.zip"
    code, stdout, _ = run(
        capsys, "data", "pack", str(minimal_data), "-o", str(out), "--publisher", "Acme LLP",
        "--changelog", str(changelog), "--since", "shipped",
    )  # fmt: skip
    assert code == 0, stdout
    return out


def test_pack_prints_what_it_wrote(pack: Path, minimal_data: Path, capsys: Capture, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "data", "pack", str(minimal_data), "-o", str(tmp_path / "again.zip"))
    assert code == 0
    assert out.splitlines()[0] == f"wrote {tmp_path / 'again.zip'}"
    assert f"data verified to 2026-06-30; fingerprint {fingerprint(minimal_data)}" in out
    assert "not signed" in out


def test_pack_refuses_broken_data_like_check(minimal_data: Path, tmp_path: Path, capsys: Capture) -> None:
    (minimal_data / "topics.yaml").write_text("topics: [\n", encoding="utf-8")
    out_file = tmp_path / "broken.zip"
    code, out, err = run(capsys, "data", "pack", str(minimal_data), "-o", str(out_file))
    assert code == 1
    check_code, check_out, _ = run(capsys, "check", str(minimal_data))
    assert check_code == 1 and out == check_out
    assert re.search(r"^topics\.yaml:2:1: YAML syntax error", out, re.M)
    assert "not packed" in err and "problem(s)" in err
    assert not out_file.exists()


def test_verify_accepts_a_good_pack(pack: Path, capsys: Capture) -> None:
    code, out, err = run(capsys, "data", "verify", str(pack))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"OK: {pack}"
    assert "pack acme-2026-11 (format 1)" in out and "by Acme LLP" in out
    assert "every SHA-256 matches" in out and "signature: not signed" in out
    assert "changes since shipped:\n    Added 2 items from the official PDF." in out


@pytest.mark.parametrize(
    ("attack", "words"),
    [
        ("tampered", "SHA-256 does not match"),
        ("traversal", "'..' path component"),
        ("broken-yaml", "problem(s)"),
        ("junk", "not a readable zip file"),
    ],
)
def test_verify_refuses_a_bad_pack(
    minimal_data: Path, tmp_path: Path, capsys: Capture, attack: str, words: str
) -> None:
    files = data_files_of(minimal_data)
    bad = tmp_path / "bad.zip"
    if attack == "tampered":
        manifest = manifest_for(files)
        files["data/topics.yaml"] = files["data/topics.yaml"].replace(b"gallium", b"galliux", 1)
        hostile_pack(bad, files, manifest=manifest)
    elif attack == "traversal":
        hostile_pack(bad, files, extra=[("data/../../x.yaml", b"x")])
    elif attack == "broken-yaml":
        files["data/topics.yaml"] = b"topics: [\n"
        hostile_pack(bad, files)
    else:
        bad.write_bytes(b"PK\x03\x04 not really")
    code, out, err = run(capsys, "data", "verify", str(bad))
    assert code == 1
    assert err.startswith(f"exportref: {bad}: refused: ") and words in err
    if attack == "broken-yaml":
        assert re.search(r"^topics\.yaml:2:1: YAML syntax error", out, re.M)
    else:
        assert out == ""


def test_install_without_a_terminal_refuses_an_unsigned_pack_unless_told(
    pack: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "data", "install", str(pack))
    assert code == 1
    assert "the pack is not signed, and there is no terminal to ask you" in err and "--yes" in err
    assert default_data_dir() == shipped_data_dir()
    code, out, err = run(capsys, "data", "install", str(pack), "--yes")
    assert code == 0, err
    assert "installing although the pack is not signed (--yes)" in out
    assert "installed and active: data pack “acme-2026-11” from Acme LLP, not signed" in out
    assert default_data_dir() != shipped_data_dir()


@pytest.mark.parametrize(("answer", "code"), [("n\n", 1), ("\n", 1), ("y\n", 0), ("yes\n", 0)])
def test_install_asks_at_a_terminal(
    pack: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch, answer: str, code: int
) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    got, out, err = run(capsys, "data", "install", str(pack))
    assert got == code
    assert "The pack is not signed. Install it and make it the active data? [y/N]" in out
    assert (default_data_dir() == shipped_data_dir()) == (code == 1)
    if code:
        assert "not installed; the active data is unchanged" in err


def test_install_refuses_a_bad_pack_and_keeps_the_active_data(pack: Path, tmp_path: Path, capsys: Capture) -> None:
    assert run(capsys, "data", "install", str(pack), "--yes")[0] == 0
    active = default_data_dir()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(pack.read_bytes()[:-200])
    code, _, err = run(capsys, "data", "install", str(bad), "--yes")
    assert code == 1 and "refused; the active data is unchanged" in err
    assert default_data_dir() == active


def test_list_and_use(pack: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "data", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["NAME", "VERIFIED", "TO", "FINGERPRINT", "PUBLISHER", "SIGNATURE"]
    assert lines[1].startswith("*  shipped ") and "ExportRef" in lines[1]
    run(capsys, "data", "install", str(pack), "--yes")
    out = run(capsys, "data", "list")[1]
    row = next(line for line in out.splitlines() if "acme-2026-11" in line)
    assert row.startswith("*  acme-2026-11 ") and "2026-06-30" in row and "Acme LLP" in row and "not signed" in row
    assert not next(line for line in out.splitlines() if " shipped " in line).startswith("*")

    code, out, _ = run(capsys, "data", "use", "shipped")
    assert code == 0 and out.startswith("active data: shipped data (ExportRef ")
    assert default_data_dir() == shipped_data_dir()
    code, out, _ = run(capsys, "data", "use", "acme-2026-11")
    assert code == 0 and "active data: data pack “acme-2026-11”" in out
    code, out, err = run(capsys, "data", "use", "nope")
    assert code == 1 and "no installed data pack is called 'nope'" in err
    assert "acme-2026-11" in str(default_data_dir())


def test_use_reports_orphaned_notes(pack: Path, minimal_data: Path, tmp_path: Path, capsys: Capture) -> None:
    UserData().set_note("cn-mofcom-2025-58", "Ask the client.")
    (minimal_data / "instruments" / "cn-mofcom-2025-58.yaml").unlink()
    smaller = tmp_path / "smaller.zip"
    assert run(capsys, "data", "pack", str(minimal_data), "-o", str(smaller))[0] == 0
    code, out, _ = run(capsys, "data", "install", str(smaller), "--yes")
    assert code == 0
    assert "note: 1 note refers to ids this data set does not have (cn-mofcom-2025-58); they are kept" in out
    assert UserData().note("cn-mofcom-2025-58") == "Ask the client."


def test_keygen_trust_and_a_signed_install_without_asking(
    minimal_data: Path, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "acme.key"
    code, out, _ = run(capsys, "data", "keygen", "-o", str(key))
    assert code == 0 and f"public key:  {key}.pub" in out
    public = out.splitlines()[2].strip()
    assert re.fullmatch(r"[0-9a-f]{64}", public)
    assert run(capsys, "data", "keygen", "-o", str(key))[0] == 1  # never overwrites
    signed = tmp_path / "signed.zip"
    assert run(capsys, "data", "pack", str(minimal_data), "-o", str(signed), "--sign", str(key))[0] == 0
    assert (
        f"signature: signed by a key you have not trusted ({public[:16]})"
        in run(capsys, "data", "verify", str(signed))[1]
    )

    code, out, _ = run(capsys, "data", "trust", f"{key}.pub", "--name", "Acme KM")
    assert code == 0 and out == f"trusted: {public} as “Acme KM”\n"
    assert run(capsys, "data", "trust", "not-a-key", "--name", "X")[0] == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = run(capsys, "data", "install", str(signed))
    assert code == 0, err
    assert "signed by trusted publisher key “Acme KM”" in out
    assert "Acme KM" in run(capsys, "data", "list")[1]


def test_version_names_the_active_data_set(pack: Path, capsys: Capture) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert "data set: shipped (the data installed with ExportRef)" in out
    run(capsys, "data", "install", str(pack), "--yes")
    out = run(capsys, "--version")[1]
    cat = load_catalogue(default_data_dir()).catalogue
    assert "data set: acme-2026-11 (data pack)" in out
    assert "data publisher: Acme LLP; not signed" in out
    assert f"data fingerprint: {cat.fingerprint}" in out and "data verified to: 2026-06-30" in out


def test_version_in_a_fresh_process_says_when_the_pointer_is_damaged(pack: Path, capsys: Capture) -> None:
    run(capsys, "data", "install", str(pack), "--yes")
    pointer = Path(os.environ["EXPORTREF_USER_DIR"]) / "datapacks" / "active.json"
    pointer.write_text("{damaged", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "gui.cli", "--version"], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert proc.returncode == 0
    assert "data set: shipped" in proc.stdout
    assert "is damaged; using the shipped data" in proc.stderr


def test_install_in_a_fresh_process_without_a_terminal(pack: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "gui.cli", "data", "install", str(pack)],
        capture_output=True, text=True, cwd=REPO, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.returncode == 1 and "no terminal to ask you" in proc.stderr


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_readme_lists_every_data_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    actions = _subcommands(_subcommands(build_parser())["data"])
    for action in actions:
        assert f"`exportref data {action}" in readme, action
    for action in re.findall(r"`exportref data (\w+)", readme):
        assert action in actions, action
    assert "docs/data-packs.md" in readme


def test_the_wheel_carries_every_package() -> None:
    """A subpackage missing from [tool.setuptools] packages is silently left out of the wheel (it was:
    catalogue.datapacks); .ci/run's wheel round trip would fail, this says why sooner."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    for top in ("catalogue", "gui"):
        for init in (REPO / top).rglob("__init__.py"):
            package = ".".join(init.parent.relative_to(REPO).parts)
            assert package in listed, package
