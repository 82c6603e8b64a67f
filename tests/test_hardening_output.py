"""Round 2 hardening: output files, terminals and resources.

A sheet written to a device, a pipe or a full disk; terminal escapes hidden in data; stdout that cannot
be written or encoded; a data file of countless small errors; and ten thousand instruments.
"""

from __future__ import annotations

import dataclasses
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue

from helpers import need_unshare

REPO = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
TECH = "instruments/cn-tech-export-catalogue.yaml"


def child_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", **extra)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3_000_000_000, 3_000_000_000))


def exportref(
    *args: str, timeout: float = 60, stdout: object = subprocess.PIPE, **env: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "gui.cli", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        env=child_env(**env),
        timeout=timeout,
        preexec_fn=_limit_memory,
    )


def assert_no_traceback(run: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in run.stderr, run.stderr.decode(errors="replace")[-3000:]


# -- sheets written where a file cannot simply be written and read back -------------------------------------


def test_sheet_to_dev_full_fails_fast_with_a_message() -> None:
    try:  # a sheet that cannot be written ends, with a message, within the timeout (not a clock)
        run = exportref("sheet", "083201X", "-o", "/dev/full", timeout=60, EXPORTREF_DATA_DIR=str(MINIMAL))
    except subprocess.TimeoutExpired:
        pytest.fail("sheet -o /dev/full did not finish")
    assert run.returncode == 1
    assert_no_traceback(run)
    assert b"No space left on device" in run.stderr


def test_sheet_to_dev_stdout_into_a_pipe(tmp_path: Path) -> None:
    try:
        run = exportref("sheet", "083201X", "-o", "/dev/stdout", EXPORTREF_DATA_DIR=str(MINIMAL))
    except subprocess.TimeoutExpired:
        pytest.fail("sheet -o /dev/stdout into a pipe hung")
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-3000:]
    assert_no_traceback(run)
    assert run.stdout.startswith(b"%PDF-") and run.stdout.rstrip().endswith(b"%%EOF")
    pdf = tmp_path / "piped.pdf"
    pdf.write_bytes(run.stdout)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Subject:\s+\S", info, re.M), info  # the metadata we add is there too
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "有色金属冶金技术" in text


def test_sheet_to_a_regular_file_still_has_its_metadata(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    run = exportref("sheet", "083201X", "-o", str(out), EXPORTREF_DATA_DIR=str(MINIMAL))
    assert run.returncode == 0, run.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Subject:\s+\S", info, re.M), info
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]


FULL_DISK = """
set -e
mount -t tmpfs -o size=200k tmpfs "$TINY"
set +e
"$PYTHON" -m gui.cli sheet 083201X 085001X --list -o "$TINY/sheet.pdf"
echo "exit $?"
"$PYTHON" -m gui.cli sheet 083201X -o "$TINY/sheet.pdf"
echo "exit $?"
find "$TINY" -printf "file %P %s\n"
"""


def test_sheet_on_a_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    unshare = need_unshare("-rm", "no private tmpfs can be mounted")  # skipped on a developer's machine, failed in CI
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    # Fill the disk but for a few kilobytes: the sheet (about 200 KB with its font) cannot fit.
    script = FULL_DISK.replace("set +e\n", 'head -c 190000 /dev/zero > "$TINY/filler" || true\nset +e\n')
    run = subprocess.run(
        [unshare, "-rm", "bash", "-c", script],
        capture_output=True,
        text=True,
        timeout=180,
        env=child_env(TINY=str(tiny), PYTHON=sys.executable, EXPORTREF_DATA_DIR=str(MINIMAL)),
    )
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.stdout.count("exit 1") == 2, run.stdout + run.stderr[-2000:]
    assert "No space left on device" in run.stderr
    files = [line.split()[1] for line in run.stdout.splitlines() if line.startswith("file ") and len(line.split()) == 3]
    assert files == ["filler"], run.stdout  # no truncated sheet.pdf, no temporary file


# -- terminal escapes in data ------------------------------------------------------------------------------------


@pytest.fixture
def escaped_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / TECH
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "en: Non-ferrous metallurgy technology,",
        'en: "Non-ferrous \\e]0;pwned\\a metallurgy \\e[2J\\x9b1m technology",',
    )
    path.write_text(text, encoding="utf-8")
    return data


def test_check_refuses_terminal_escapes_written_as_yaml_escapes(escaped_data: Path) -> None:
    run = exportref("check", str(escaped_data))
    assert run.returncode == 1
    out = run.stdout.decode()
    assert "\x1b" not in out and "\x07" not in out
    line = next(
        i
        for i, text in enumerate((escaped_data / TECH).read_text(encoding="utf-8").splitlines(), 1)
        if "\\e]0;" in text
    )
    assert re.search(rf"^{re.escape(TECH)}:{line}:\d+: .*control character U\+001B", out, re.M), out


@pytest.mark.parametrize(
    "args",
    [("show", "083201X"), ("show", "083201X", "--json"), ("search", "metallurgy"), ("search", "metallurgy", "--json")],
)
def test_no_control_character_from_data_reaches_the_terminal(args: tuple[str, ...], escaped_data: Path) -> None:
    run = exportref(*args, EXPORTREF_DATA_DIR=str(escaped_data))
    assert_no_traceback(run)
    for ch in ("\x1b", "\x07", "\x9b"):
        assert ch.encode("utf-8") not in run.stdout and ch.encode("utf-8") not in run.stderr, (ch, run.stdout[:500])


def test_terminal_text_makes_control_characters_visible() -> None:
    from gui.cli.terminal import terminal_safe

    assert terminal_safe("a\x1b]0;x\x07b\x9bc\tline\nnext") == "a\\u001b]0;x\\u0007b\\u009bc\tline\nnext"
    # A right-to-left override is kept (it is part of the name) and closed at the end of its line.
    assert terminal_safe("有色金属 \u202e ok\nnext \u202e") == "有色金属 \u202e ok\u202c\nnext \u202e\u202c"
    assert terminal_safe("closed \u202eok\u202c") == "closed \u202eok\u202c"


# -- stdout that cannot be written or encoded --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [("show", "083201X"), ("search", "gallium"), ("check",), ("--version",), ("timeline",)]
)
def test_stdout_to_dev_full(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        run = exportref(*args, stdout=full, EXPORTREF_DATA_DIR=str(MINIMAL))
    assert_no_traceback(run)
    assert b"Exception ignored" not in run.stderr
    assert run.returncode == 1
    assert b"No space left on device" in run.stderr


@pytest.mark.parametrize(
    "args", [("show", "083201X"), ("search", "镓"), ("check",), ("diff", "2023-01-01", "2025-12-31")]
)
def test_console_that_cannot_encode_chinese(args: tuple[str, ...]) -> None:
    run = exportref(*args, EXPORTREF_DATA_DIR=str(MINIMAL), PYTHONIOENCODING="cp1252")
    assert_no_traceback(run)
    assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    assert run.stdout  # something useful was printed


# -- resources -------------------------------------------------------------------------------------------------


def test_a_file_of_countless_small_errors_is_cut_short(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / "instruments" / "cn-mofcom-2023-23.yaml"
    text = re.sub(r"\nitems:", "\nold_items:", path.read_text(encoding="utf-8"))
    lines = []
    size = 0
    i = 0
    while size < 1_000_000:
        line = f"  - {{id: i{i}, lable: x}}\n"
        lines.append(line)
        size += len(line)
        i += 1
    path.write_text(text + "items:\n" + "".join(lines), encoding="utf-8")
    run = exportref("check", str(data), timeout=60)  # bounded by the timeout and the lines, not a clock
    assert run.returncode == 1
    assert_no_traceback(run)
    out = run.stdout.decode().splitlines()
    assert len(out) <= 120, len(out)
    assert any("more problems" in line for line in out), out[-3:]


class _CountedInstruments(tuple):  # type: ignore[type-arg]
    """The catalogue's instruments, counting how often anything walks through them."""

    walks = 0

    def __iter__(self) -> Any:
        type(self).walks += 1
        return super().__iter__()


def _many_instruments(n: int) -> Catalogue:
    cat = load_catalogue(MINIMAL).catalogue
    measure = next(i for i in cat.instruments if i.clauses)
    clones = []
    for k in range(n):
        clones.append(
            dataclasses.replace(
                measure,
                id=f"m-{k}",
                clauses=tuple(dataclasses.replace(c, id=f"m-{k}-{c.id}") for c in measure.clauses),
                items=tuple(dataclasses.replace(it, id=f"m-{k}-{it.id}") for it in measure.items),
            )
        )
    instruments = _CountedInstruments(cat.instruments + tuple(clones))
    return dataclasses.replace(cat, instruments=instruments, _by_id={}, _by_number={})


def test_owner_of_is_indexed() -> None:
    """Finding the instrument that holds a clause looks it up; it does not walk the instruments (counted,
    not timed: on a shared machine a clock says little)."""
    cat = _many_instruments(1_000)
    last = cat.instruments[-1]
    _CountedInstruments.walks = 0
    for _ in range(2000):
        assert cat.owner_of(last.clauses[-1].id) is last
        assert cat.owner_of(last.id) is last
    assert _CountedInstruments.walks == 0
    first = cat.instruments[0]
    member = (first.entries or first.clauses or first.items)[0]
    assert cat.owner_of(member.id) is first
    assert cat.owner_of("no-such-id") is None
