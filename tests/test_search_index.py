"""The search index's life on disk: build, warm start, rebuild on change, recovery, fallback, atomicity.

Every case uses a real Whoosh index in a temporary cache folder (tests/conftest.py points
EXPORTREF_CACHE_DIR there) built from a real copy of tests/fixtures/search.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from catalogue.load import load_catalogue
from catalogue.model import Catalogue
from catalogue.search.engine import SearchEngine
from catalogue.search.index import SENTINEL, default_cache_dir

FIXTURE = Path(__file__).parent / "fixtures" / "search"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(FIXTURE, dest)
    return dest


def load(data_dir: Path) -> Catalogue:
    result = load_catalogue(data_dir)
    assert result.problems == []
    return result.catalogue


def edit(data_dir: Path, old: str, new: str) -> None:
    path = data_dir / "instruments" / "cn-tech-export-catalogue.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def segment_files(index_dir: Path) -> list[Path]:
    return sorted(p for p in index_dir.iterdir() if p.suffix in (".seg", ".toc"))


def search_ids(engine: SearchEngine, query: str) -> list[str]:
    res = engine.search(query)
    assert res.error is None, res.error
    return [h.id for h in res.hits]


class Raise(Exception):
    pass


# -- build and warm start --------------------------------------------------------------------------


def test_first_use_builds_in_the_cache_folder(data: Path) -> None:
    cat = load(data)
    with SearchEngine(cat) as engine:
        progress: list[tuple[int, int]] = []
        stats = engine.ensure_index(progress=lambda done, total: progress.append((done, total)))
        assert stats.rebuilt and not stats.in_memory and stats.warning is None
        assert stats.fingerprint == cat.fingerprint
        assert stats.documents == progress[-1][0] == progress[-1][1] >= 14
        index_dir = Path(str(stats.path))
        assert index_dir.parent.parent == default_cache_dir() == Path(os.environ["EXPORTREF_CACHE_DIR"])
        sentinel = json.loads((index_dir / SENTINEL).read_text(encoding="utf-8"))
        assert sentinel["fingerprint"] == cat.fingerprint and sentinel["documents"] == stats.documents
        assert stats.size_bytes == sum(p.stat().st_size for p in segment_files(index_dir)) > 0
        assert search_ids(engine, "083201X")[0] == "non-ferrous-metallurgy"
    assert not [p for p in index_dir.parent.iterdir() if p.name.startswith(".build-")]


def test_warm_start_never_rebuilds(data: Path) -> None:
    cat = load(data)
    with SearchEngine(cat) as first:
        built = first.ensure_index()
    index_dir = Path(str(built.path))
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in segment_files(index_dir)}
    # How long a warm start takes is measured by bench/search_bench.py, not asserted here.
    with SearchEngine(load(data)) as again:
        stats = again.ensure_index(progress=lambda d, t: pytest.fail("a warm start must not build"))
        assert not stats.rebuilt and stats.path == built.path and stats.documents == built.documents
        assert stats.build_seconds == built.build_seconds  # read back from the sentinel
        assert search_ids(again, "基因编辑") == ["human-cell-cloning-gene-editing"]
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in segment_files(index_dir)}
    assert after == before


def test_warm_start_in_a_fresh_process_unpickles_the_analyzer(data: Path) -> None:
    with SearchEngine(load(data)) as engine:
        engine.ensure_index()
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from catalogue.load import load_catalogue
        from catalogue.search.engine import SearchEngine
        engine = SearchEngine(load_catalogue(Path({str(data)!r})).catalogue)
        stats = engine.ensure_index()
        print(stats.rebuilt, [h.id for h in engine.search("釹鐵硼").hits][:1])
        """
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=os.environ.copy())
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", "['rare-earth-magnets']"]


def test_data_change_rebuilds_and_finds_the_new_text(data: Path) -> None:
    with SearchEngine(load(data)) as engine:
        old = engine.ensure_index()
        assert search_ids(engine, "zymurgy") == []
    edit(data, "rationale: {en: Coil know-how.}", "rationale: {en: Coil know-how and zymurgy.}")
    cat = load(data)
    assert cat.fingerprint != old.fingerprint
    with SearchEngine(cat) as engine:
        new = engine.ensure_index()
        assert new.rebuilt and new.fingerprint == cat.fingerprint and new.path != old.path
        assert search_ids(engine, "zymurgy") == ["electromagnet-winding"]
    with SearchEngine(cat) as engine:
        assert not engine.ensure_index().rebuilt


def test_old_indexes_are_cleaned_up_but_recent_ones_kept(data: Path) -> None:
    paths = []
    for word in ("alpha", "beta", "gamma", "delta", "epsilon"):
        edit(data, "Coil know-how", f"Coil know-how {word}")
        with SearchEngine(load(data)) as engine:
            paths.append(Path(str(engine.ensure_index().path)))
            time.sleep(0.01)  # distinct modification times
    present = [p for p in paths if p.exists()]
    assert paths[-1] in present and 1 < len(present) <= 3


def test_rebuild_on_request(data: Path) -> None:
    with SearchEngine(load(data)) as engine:
        first = engine.ensure_index()
        second = engine.rebuild()
        assert second.rebuilt and second.path == first.path
        assert search_ids(engine, "磁体")


# -- damage and recovery ---------------------------------------------------------------------------


def built_index(data: Path) -> Path:
    with SearchEngine(load(data)) as engine:
        return Path(str(engine.ensure_index().path))


def assert_recovers(data: Path) -> None:
    with SearchEngine(load(data)) as engine:
        stats = engine.ensure_index()
        assert stats.rebuilt, "a damaged index must be rebuilt, not trusted"
        assert search_ids(engine, "稀土磁體")[0] == "rare-earth-magnets"
        assert (
            json.loads((Path(str(stats.path)) / SENTINEL).read_text(encoding="utf-8"))["documents"] == stats.documents
        )


def test_truncated_segment_is_rebuilt(data: Path) -> None:
    seg = next(p for p in segment_files(built_index(data)) if p.suffix == ".seg")
    with open(seg, "r+b") as fh:
        fh.truncate(seg.stat().st_size // 2)
    assert_recovers(data)


def test_deleted_files_are_rebuilt(data: Path) -> None:
    index_dir = built_index(data)
    next(p for p in segment_files(index_dir) if p.suffix == ".toc").unlink()
    assert_recovers(data)
    index_dir = built_index(data)
    (index_dir / SENTINEL).unlink()
    assert_recovers(data)
    shutil.rmtree(index_dir)
    assert_recovers(data)


def test_wrong_schema_version_is_rebuilt(data: Path) -> None:
    sentinel = built_index(data) / SENTINEL
    content = json.loads(sentinel.read_text(encoding="utf-8"))
    content["schema_version"] = content["schema_version"] - 1
    sentinel.write_text(json.dumps(content), encoding="utf-8")
    assert_recovers(data)


def test_garbled_sentinel_is_rebuilt(data: Path) -> None:
    (built_index(data) / SENTINEL).write_text("{not json", encoding="utf-8")
    assert_recovers(data)


def test_foreign_files_in_place_of_the_index_are_replaced(data: Path) -> None:
    index_dir = built_index(data)
    shutil.rmtree(index_dir)
    index_dir.mkdir()
    (index_dir / "notes.txt").write_text("someone else's file", encoding="utf-8")
    (index_dir / "_MAIN_1.toc").write_bytes(os.urandom(200))
    assert_recovers(data)
    shutil.rmtree(index_dir)
    index_dir.write_text("a plain file where the index folder should be", encoding="utf-8")
    assert_recovers(data)
    assert index_dir.is_dir()


def test_unrelated_files_in_the_cache_are_left_alone(data: Path) -> None:
    root = built_index(data).parent
    (root / "README.txt").write_text("mine", encoding="utf-8")
    (root / "ix-not-an-index").write_text("also mine", encoding="utf-8")
    with SearchEngine(load(data)) as engine:
        assert not engine.ensure_index().rebuilt
        engine.rebuild()
    assert (root / "README.txt").read_text(encoding="utf-8") == "mine"


def test_files_removed_while_the_app_runs_are_rebuilt_at_search_time(data: Path) -> None:
    """A cache cleaner deletes the index under a running engine: the next search rebuilds it."""
    with SearchEngine(load(data)) as engine:
        index_dir = Path(str(engine.ensure_index().path))
        for p in segment_files(index_dir):
            p.unlink()
        res = engine.search("稀土磁體")
        assert res.error is None
        assert [h.id for h in res.hits][:1] == ["rare-earth-magnets"]
        assert segment_files(index_dir)
        # One rebuild per engine: if it keeps failing, that is a bug to report, not to loop on.
        shutil.rmtree(index_dir)
        index_dir.write_text("in the way", encoding="utf-8")
        res = engine.search("稀土磁體")
        assert res.error is not None and res.total == 0 and res.degraded


def test_scrambled_segment_of_the_right_size_is_rebuilt(data: Path) -> None:
    """Same size, bytes scrambled: the sentinel's sizes agree, so only reading tells."""
    index_dir = built_index(data)
    seg = next(p for p in segment_files(index_dir) if p.suffix == ".seg")
    raw = bytearray(seg.read_bytes())
    raw[: len(raw) - 64] = bytes(len(raw) - 64)  # zero everything but the last bytes
    seg.write_bytes(bytes(raw))
    with SearchEngine(load(data)) as engine:
        engine.ensure_index()
        res = engine.search("稀土磁體")
        assert res.error is None
        assert [h.id for h in res.hits][:1] == ["rare-earth-magnets"]


# -- fallback and atomicity ------------------------------------------------------------------------


def test_unwritable_cache_falls_back_to_memory_with_a_warning(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be created below a file", encoding="utf-8")
    with SearchEngine(load(data), cache_dir=blocker / "cache") as engine:
        stats = engine.ensure_index()
        assert stats.in_memory and stats.path is None and stats.size_bytes == 0
        assert stats.warning and "memory" in stats.warning and str(blocker) in stats.warning
        res = engine.search("基因编辑")
        assert [h.id for h in res.hits] == ["human-cell-cloning-gene-editing"]
        assert res.warning == stats.warning


def test_failure_mid_build_leaves_the_old_index_usable(data: Path) -> None:
    old = built_index(data)

    def fail_halfway(done: int, total: int) -> None:
        if done > total // 2:
            raise Raise("simulated failure")

    # A forced rebuild of the same data fails half way: the index in place is untouched.
    before = {p.name: p.stat().st_mtime_ns for p in segment_files(old)}
    with SearchEngine(load(data)) as engine, pytest.raises(Raise):
        engine.rebuild(progress=fail_halfway)
    assert {p.name: p.stat().st_mtime_ns for p in segment_files(old)} == before
    with SearchEngine(load(data)) as engine:
        assert not engine.ensure_index().rebuilt
        assert search_ids(engine, "磁体")

    # New data fails half way: nothing half-built is left, the old index still serves the old data.
    edit(data, "Coil know-how.", "Coil know-how changed.")
    with SearchEngine(load(data)) as engine, pytest.raises(Raise):
        engine.ensure_index(progress=fail_halfway)
    leftovers = [p.name for p in old.parent.iterdir() if p.name.startswith((".build-", ".trash-"))]
    assert leftovers == []
    assert sorted(p.name for p in old.parent.iterdir() if p.name.startswith("ix-")) == [old.name]
    edit(data, "Coil know-how changed.", "Coil know-how.")
    with SearchEngine(load(data)) as engine:
        stats = engine.ensure_index()
        assert not stats.rebuilt and Path(str(stats.path)) == old


def test_a_crash_mid_build_leaves_no_half_index(data: Path) -> None:
    """The process dies outright while building: the next start ignores the leftovers."""
    old = built_index(data)
    edit(data, "Coil know-how.", "Coil know-how crashed.")
    code = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from catalogue.load import load_catalogue
        from catalogue.search.engine import SearchEngine
        def die(done, total):
            if done > total // 2:
                os._exit(3)
        SearchEngine(load_catalogue(Path({str(data)!r})).catalogue).ensure_index(progress=die)
        """
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=os.environ.copy())
    assert run.returncode == 3, run.stderr
    stale = [p for p in old.parent.iterdir() if p.name.startswith(".build-")]
    assert len(stale) == 1  # the dead build's folder, never renamed into place
    assert [p.name for p in old.parent.iterdir() if p.name.startswith("ix-")] == [old.name]
    with SearchEngine(load(data)) as engine:
        stats = engine.ensure_index()
        assert stats.rebuilt and search_ids(engine, "crashed") == ["electromagnet-winding"]
    # Leftovers older than an hour are swept up by the next build.
    long_ago = time.time() - 2 * 3600
    os.utime(stale[0], (long_ago, long_ago))
    with SearchEngine(load(data)) as engine:
        engine.rebuild()
    assert not stale[0].exists()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to list open files")
def test_searchers_are_closed_after_each_search(data: Path) -> None:
    with SearchEngine(load(data)) as engine:
        index_dir = Path(str(engine.ensure_index().path))
        for query in ("稀土", "gallium", "083201X", "magnet*", "status:restricted"):
            engine.search(query)
        open_files = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                open_files.append(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:
                continue
        assert [f for f in open_files if f.startswith(str(index_dir))] == []


def test_index_files_are_read_from_memory_as_from_a_stream() -> None:
    """The open index reads its parts through a stream over shared memory (no copy per part): it
    reads, seeks and splits lines as io.BytesIO does."""
    import io
    import random

    from catalogue.search.index import _MemoryStream, _SharedBytesFile

    rng = random.Random(3)
    data = bytes(rng.choice(b"ab\n") for _ in range(500))
    ours, theirs = _MemoryStream(memoryview(data)), io.BytesIO(data)
    for _ in range(400):
        op = rng.choice(["read", "readline", "seek", "tell"])
        if op == "seek":
            args: tuple[int, ...] = (rng.randint(-20, 520), 0) if rng.random() < 0.5 else (rng.randint(-30, 0), 2)
            if args[1] == 0 and args[0] < 0:
                continue  # BytesIO refuses a negative absolute position
        elif op == "tell":
            args = ()
        else:
            args = (rng.randint(-1, 40),)
        assert getattr(ours, op)(*args) == getattr(theirs, op)(*args), op
    part = _SharedBytesFile(data).subset(100, 50)
    assert part.read(50) == data[100:150] and part.get(10, 5) == data[110:115]
