"""`exportref check` on broken data: exact `file:line:col: message` lines, exit 1, no traceback, bounded.

Each case is a folder under tests/fixtures/broken/ (see its README) or a fault made in a temporary
copy of `valid-base` when it cannot be committed (a 10 MB field, a FIFO, a symlink loop). The command
runs as a subprocess, as a user or a CI job would run it, so a crash, a hang or a stray traceback on
stderr is seen as such rather than hidden by pytest.
"""

from __future__ import annotations

import html
import os
import re
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from catalogue.load import load_catalogue

from helpers import need_unshare

REPO = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).parent / "fixtures" / "broken"
M = "instruments/cn-mofcom-2023-23.yaml"

# A fault that makes the loader expand, recurse or read without end must fail here, whatever else the
# machine is doing, so the child runs under fixed limits rather than against a clock: memory (an
# expansion ends in MemoryError, a traceback), CPU seconds (a loop is killed; a check takes ~0.3 s) and,
# for a read that blocks, a generous timeout. How long a check takes is bench/check_bench.py's job.
MEMORY_LIMIT_BYTES = 1_500_000_000
CPU_LIMIT_S = 30
TIMEOUT_S = 60.0
LINE = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<message>\S.*)$")


@dataclass(frozen=True)
class Expect:
    file: str
    line: int
    col: int
    fragment: str  # a part of the message that says what is wrong


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S))


def run_check(data_dir: Path, cwd: Path) -> Run:
    env = dict(os.environ, PYTHONPATH=str(REPO), LANG="C.UTF-8")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "gui.cli", "check", str(data_dir)],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=env,
            timeout=TIMEOUT_S,
            preexec_fn=_limit_child,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"check did not finish within {TIMEOUT_S:.0f} s: it blocked or looped")
    return Run(proc.returncode, proc.stdout, proc.stderr)


def assert_clean_failure(run: Run, expected: list[Expect]) -> None:
    """Exit 1, one well-formed line per problem and exactly the expected problems, no traceback."""
    assert "Traceback" not in run.stderr + run.stdout, run.stderr
    assert run.returncode == 1, (run.returncode, run.stdout, run.stderr)
    lines = run.stdout.splitlines()
    parsed = []
    for line in lines:
        m = LINE.match(line)
        assert m, f"not a file:line:col: message line: {line!r}"
        parsed.append((m["file"], int(m["line"]), int(m["col"]), m["message"]))
    got = [(f, ln, c) for f, ln, c, _ in parsed]
    assert got == [(e.file, e.line, e.col) for e in expected], run.stdout
    for (_f, _ln, _c, message), e in zip(parsed, expected, strict=True):
        assert e.fragment in message, (message, e.fragment)
    assert re.search(rf"^{len(expected)} problem\(s\) in \d+ file\(s\)\.$", run.stderr, re.M), run.stderr


UNKNOWN_S10 = "unknown reference 's10'; expected a source id from sources*.yaml"

CASES: dict[str, list[Expect]] = {
    "yaml-syntax": [Expect(M, 6, 10, "YAML syntax error: did not find expected ',' or ']'")],
    "bad-indentation": [Expect(M, 14, 4, "YAML syntax error: did not find expected '-' indicator")],
    "tab-indentation": [Expect(M, 14, 1, "YAML syntax error: found a tab character that violates indentation")],
    "wrong-types": [
        Expect(M, 5, 10, "issuers: expected a list, found 'MOFCOM'"),
        Expect(M, 24, 21, "customs_codes[0]: expected a customs code of 4 to 10 digits, found 8112929090"),
    ],
    # The column is the value's (12), not the misspelt key's (5): validation marks point at values.
    "unknown-key": [Expect(M, 15, 12, "clauses[0].lable: unknown key 'lable'; allowed keys: confidence, id, label")],
    "duplicate-key": [Expect(M, 3, 1, "duplicate key 'kind'")],
    "duplicate-id": [
        Expect(
            M,
            20,
            9,
            "items[0].id: duplicate id 'cn-mofcom-2023-23-licence'; already used at "
            "instruments/cn-mofcom-2023-23.yaml:13:9",
        )
    ],
    "duplicate-source": [
        Expect("sources.yaml", 7, 9, "[s10] id: duplicate source id; already defined at sources.yaml:2:9")
    ],
    "dangling-reference": [
        Expect(M, 10, 11, "related[0]: unknown reference 'cn-mofcom-2099-1'"),
        Expect(M, 18, 15, "clauses[0].sources[0]: unknown reference 's99'; expected a source id"),
    ],
    "impossible-date": [Expect(M, 6, 12, "published: impossible date '2023-02-30'; expected a real calendar date")],
    "interval-backwards": [
        Expect(M, 16, 35, "clauses[0].valid.to: ends (2023-07-01) on or before it starts (2023-08-01)")
    ],
    "verified-to-impossible": [Expect("dataset.yaml", 1, 14, "verified_to: impossible date")],
    "utf16-file": [Expect(M, 1, 1, "invalid UTF-8 (byte 0xff); save the file as UTF-8")],
    # Line 3 is `title: {zh: 关于…公告, en: Gallium (Ga\xb3)…`: 12 + 19 CJK + 17 characters precede the
    # byte, so an editor's column is 49 (the byte offset would be 87).
    "invalid-utf8": [Expect(M, 3, 49, "invalid UTF-8 (byte 0xb3); save the file as UTF-8")],
    "control-character": [Expect(M, 14, 17, "control character U+0007 is not allowed in YAML")],
    "alias-bomb": [Expect(M, 3, 12, "YAML aliases (*name) are not allowed")],
    "python-object-tag": [Expect(M, 2, 7, "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed")],
    "unsafe-tags": [
        Expect("dataset.yaml", 1, 14, "YAML tag 'tag:yaml.org,2002:binary' is not allowed"),
        Expect(M, 5, 10, "YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed"),
        Expect("instruments/cn-mofcom-2024-46.yaml", 2, 10, "YAML tag 'tag:yaml.org,2002:set' is not allowed"),
        Expect("sources.yaml", 6, 11, "YAML tag 'tag:yaml.org,2002:python/object:builtins.dict' is not allowed"),
        Expect("topics.yaml", 3, 11, "YAML tag '!include' is not allowed"),
    ],
    "deep-nesting": [Expect(M, 2, 1009, "YAML syntax error: exceeded maximum nesting depth")],
    "empty-file": [Expect(M, 1, 1, "file is empty; expected a mapping")],
    "comments-only": [Expect(M, 1, 1, "file is empty; expected a mapping")],
    "top-level-list": [Expect(M, 1, 1, "expected a mapping at the top of the file")],
    "multiple-documents": [Expect(M, 12, 1, "YAML syntax error: but found another document")],
    "directory-for-file": [Expect(M, 1, 1, "is a directory, expected a YAML file")],
    "directory-for-sources": [
        Expect(M, 10, 11, UNKNOWN_S10),
        Expect(M, 17, 15, UNKNOWN_S10),
        Expect(M, 26, 15, UNKNOWN_S10),
        Expect("sources.yaml", 1, 1, "is a directory, expected a YAML file"),
    ],
    "missing-sources": [
        Expect(M, 10, 11, UNKNOWN_S10),
        Expect(M, 17, 15, UNKNOWN_S10),
        Expect(M, 26, 15, UNKNOWN_S10),
        Expect("sources.yaml", 1, 1, "missing: the source register"),
    ],
    "missing-dataset": [Expect("dataset.yaml", 1, 1, "missing: the dataset header with verified_to")],
    "missing-instruments": [Expect("instruments/", 1, 1, "missing: the instruments folder")],
    "file-name-not-id": [
        Expect("instruments/cn-mofcom-2023-32.yaml", 1, 5, "file name must be the id: expected cn-mofcom-2023-23.yaml")
    ],
}


def test_every_fixture_folder_has_a_case() -> None:
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == set(CASES) | {"valid-base"}


def test_valid_base_passes(tmp_path: Path) -> None:
    """Each fixture is valid-base plus one fault, so every failure below comes from its fault."""
    run = run_check(BROKEN / "valid-base", tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith("OK: ")
    assert run.stderr == ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_reports_fault_precisely(name: str, tmp_path: Path) -> None:
    assert_clean_failure(run_check(BROKEN / name, tmp_path), CASES[name])


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    # The fixture asks for os.system('touch pwned'); the command runs in tmp_path, so an unsafe
    # loader would leave the file behind.
    run_check(BROKEN / "python-object-tag", tmp_path)
    assert not (tmp_path / "pwned").exists()


def test_loader_keeps_good_files_and_names_the_failed_ones() -> None:
    """In-process: a broken folder never loads as complete, and the failed files are named."""
    for name in CASES:
        result = load_catalogue(BROKEN / name)
        assert not result.complete, name
        assert result.problems, name
    assert load_catalogue(BROKEN / "unsafe-tags").failed_files == sorted(
        ["dataset.yaml", M, "instruments/cn-mofcom-2024-46.yaml", "sources.yaml", "topics.yaml"]
    )


# -- faults made at test time -----------------------------------------------------------------------


def broken_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(BROKEN / "valid-base", data)
    return data


def replace_summary(data: Path, new: str) -> None:
    path = data / M
    text = path.read_text(encoding="utf-8")
    old = "summary: {en: Licence requirement for gallium and germanium items.}"
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_ten_megabyte_field(tmp_path: Path) -> None:
    data = broken_copy(tmp_path)
    replace_summary(data, "summary: {en: " + "x" * 10_000_000 + "}")
    assert_clean_failure(run_check(data, tmp_path), [Expect(M, 1, 1, "data files must be under 8,388,608")])


def test_one_megabyte_field_in_a_small_enough_file(tmp_path: Path) -> None:
    data = broken_copy(tmp_path)
    replace_summary(data, "summary: {zh: " + "镓" * 1_000_000 + "}")
    assert_clean_failure(
        run_check(data, tmp_path), [Expect(M, 8, 15, "value is 1,000,000 characters; the limit is 200,000")]
    )


def test_key_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    data = broken_copy(tmp_path)
    path = data / M
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("effective: {from: 2023-08-01}", 'effective: {from: 2023-08-01, "to\\nday": 2024-01-01}'),
        encoding="utf-8",
    )
    assert_clean_failure(run_check(data, tmp_path), [Expect(M, 7, 42, "unknown key 'to\\nday'")])


def test_symlink_loop(tmp_path: Path) -> None:
    data = broken_copy(tmp_path)
    (data / M).unlink()
    (data / M).symlink_to((data / M).name)
    assert_clean_failure(
        run_check(data, tmp_path), [Expect(M, 1, 1, "cannot read file: Too many levels of symbolic links")]
    )


# -- special files: a FIFO blocked `check` for ever and /dev/zero was read until memory ran out, until
# yamlsource refused anything but a regular file (run_check's limits make either a quick failure).


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_special_file_where_a_data_file_should_be(kind: str, tmp_path: Path) -> None:
    data = broken_copy(tmp_path)
    (data / M).unlink()
    if kind == "fifo":
        os.mkfifo(data / M)
    else:
        (data / M).symlink_to("/dev/zero")
    assert_clean_failure(run_check(data, tmp_path), [Expect(M, 1, 1, "not a regular file")])


# -- the window on broken data ------------------------------------------------------------------------


# Objects that cite a source missing from the register (it failed to load, or never existed) used to
# raise jinja2.UndefinedError when opened; the renderer now lists such a source as missing.
WINDOW_CASES = sorted(CASES)


@pytest.mark.parametrize("name", WINDOW_CASES)
def test_window_says_data_incomplete_and_names_the_files(name: str, qtbot: QtBot) -> None:
    """The app opens on whatever loaded, with a banner naming the failed files that stays up while
    the user browses, and a status bar that never reads as complete."""
    from gui.main_window import MainWindow

    result = load_catalogue(BROKEN / name)
    window = MainWindow(result)
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible()
    text = window.banner.label.text()
    assert "Data incomplete" in text
    for rel in result.failed_files:
        assert html.escape(rel) in text, (rel, text)
    if not result.failed_files:
        assert "(see details)" in text
    assert window.data_status.coverage_label.text().startswith("DATA INCOMPLETE")
    # Browsing, changing the date or rebuilding the tree does not take the warning down.
    for ident in result.catalogue.all_ids()[:3]:
        window.open_id(ident)
    window.rebuild_tree()
    assert window.banner.isVisible()
    window.close()


# -- a full disk ----------------------------------------------------------------------------------------
# A real ENOSPC, not a simulated exception: the cache folder is a 100 KB tmpfs mounted in a user and
# mount namespace of the child's own (no privileges needed where the kernel allows unprivileged
# namespaces), far too small for the search index of the shipped data or the catalogue cache.

FULL_DISK_SCRIPT = """
set -e
mount -t tmpfs -o size=100k tmpfs "$TINY"
export EXPORTREF_CACHE_DIR="$TINY/cache"
"$PYTHON" - <<'PY'
from catalogue.load import load_cached
from catalogue.search.engine import SearchEngine

result = load_cached()  # writes the validated-catalogue cache: fails for want of space
assert result.complete, result.problems
with SearchEngine(result.catalogue) as engine:
    stats = engine.ensure_index()
    print("in memory", stats.in_memory)
    found = engine.search("gallium")
    print("hits", len(found.hits))
    print("warning", found.warning)
PY
du -sk "$TINY" | cut -f1 | sed 's/^/used kB /'
find "$TINY" -type f -printf "file %P %s\n"
"""


@pytest.fixture(scope="module")
def full_disk_run(tmp_path_factory: pytest.TempPathFactory) -> str:
    unshare = need_unshare("-rm", "no private tmpfs can be mounted")
    tiny = tmp_path_factory.mktemp("tiny")
    env = dict(os.environ, TINY=str(tiny), PYTHON=sys.executable, PYTHONPATH=str(REPO))
    run = subprocess.run(
        [unshare, "-rm", "bash", "-c", FULL_DISK_SCRIPT], capture_output=True, text=True, env=env, timeout=100
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    return run.stdout


def test_full_disk_keeps_search_working_and_says_so(full_disk_run: str) -> None:
    out = full_disk_run
    assert "in memory True" in out
    assert re.search(r"^hits [1-9]", out, re.M), out
    assert "No space left on device" in out  # the user is told why
    # The failed index build left nothing behind in the cache.
    assert not re.search(r"^file cache/search/", out, re.M), out


def test_full_disk_leaves_no_partial_catalogue_cache(full_disk_run: str) -> None:
    assert not re.search(r"^file cache/\.catalogue-", full_disk_run, re.M), full_disk_run
