"""Round 2 hardening: no code runs from the caches ExportRef reads back (settings: test_hardening_settings.py).

Each attack plants a pickle whose unpickling creates a marker folder (`os.mkdir`), at the place the
app reads it, as someone who can write the settings or the cache folder would. The app must then
start, load, render and search as usual, and the marker must never appear.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest

from catalogue.load import load_cached, load_catalogue
from catalogue.model import Entry
from catalogue.present import environment
from catalogue.present import html as render
from catalogue.search.engine import SearchEngine
from catalogue.search.index import SENTINEL

REPO = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
SEARCH_FIXTURE = Path(__file__).parent / "fixtures" / "search"
DAY = dt.date(2026, 6, 30)


class Payload:
    """Unpickling this creates the marker folder: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (self.marker,))


def payload_bytes(marker: Path) -> bytes:
    return pickle.dumps(Payload(marker), protocol=2)


# -- the catalogue cache -------------------------------------------------------------------------------


def test_planted_catalogue_cache_runs_no_code(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    marker = tmp_path / "executed"
    first = load_cached(minimal_data, cache)
    assert first.complete
    written = [p for p in cache.iterdir() if p.is_file()]
    assert written, "the first load writes a cache"
    for path in written:
        path.write_bytes(payload_bytes(marker))
    # Also where earlier builds kept it, in case a reader still looks there.
    (cache / f"catalogue-m1-{first.catalogue.fingerprint}.pickle").write_bytes(payload_bytes(marker))
    again = load_cached(minimal_data, cache)
    assert not marker.exists(), "loading the catalogue cache ran code"
    assert again.complete
    entry = again.catalogue.get("083201X")
    assert isinstance(entry, Entry) and entry == load_catalogue(minimal_data).catalogue.get("083201X")


def test_catalogue_cache_is_plain_data(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached(minimal_data, cache)
    for path in cache.rglob("*"):
        if path.is_file():
            assert not path.read_bytes().startswith(b"\x80"), f"{path.name} is a pickle"


def test_forged_catalogue_cache_is_not_believed(minimal_data: Path, tmp_path: Path) -> None:
    """Whoever can write the cache could otherwise change what the lawyer reads without touching the data."""
    cache = tmp_path / "cache"
    load_cached(minimal_data, cache)
    for path in (p for p in cache.rglob("*") if p.is_file()):
        # Same length, so a length-prefixed format (a pickle) stays readable: only a signature tells.
        path.write_bytes(
            path.read_bytes().replace(b"Non-ferrous metallurgy technology", b"Harmless, freely exportable techn")
        )
    entry = load_cached(minimal_data, cache).catalogue.get("083201X")
    assert isinstance(entry, Entry) and entry.name.en == "Non-ferrous metallurgy technology"


# -- Jinja's compiled templates --------------------------------------------------------------------------


def _render(data: Path) -> str:
    environment.environment.cache_clear()
    cat = load_catalogue(data).catalogue
    return render.render_detail(cat.get("083201X"), cat, as_of=DAY)


def test_planted_template_cache_runs_no_code(
    minimal_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2.bccache

    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(tmp_path / "cache"))
    marker = tmp_path / "executed"
    good = _render(minimal_data)
    planted = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert planted, "templates are cached"
    for path in planted:
        # What Jinja's own file cache reads: its magic header, then a pickle.
        path.write_bytes(jinja2.bccache.bc_magic + payload_bytes(marker))
    try:
        again = _render(minimal_data)
    finally:
        environment.environment.cache_clear()
    assert not marker.exists(), "loading the template cache ran code"
    assert again == good


# -- the search index --------------------------------------------------------------------------------------


def _toc_with_payload(marker: Path) -> bytes:
    """A Whoosh TOC as Whoosh writes one, its pickled schema replaced by the payload."""
    import io

    from whoosh import index as wi
    from whoosh.filedb.structfile import StructFile

    buf = io.BytesIO()
    f = StructFile(buf)
    f.write_varint(wi._INT_SIZE)
    f.write_varint(wi._LONG_SIZE)
    f.write_varint(wi._FLOAT_SIZE)
    f.write_int(-12345)
    f.write_int(wi._CURRENT_TOC_VERSION)
    for n in (2, 7, 5):
        f.write_varint(n)
    f.write_string(pickle.dumps(Payload(marker), 2))
    f.write_int(1)
    f.write_int(0)
    f.write_pickle([])
    return buf.getvalue()


@pytest.mark.parametrize("how", ["replace the toc", "add a newer toc"])
def test_planted_search_index_runs_no_code(how: str, tmp_path: Path) -> None:
    import json

    data = tmp_path / "data"
    shutil.copytree(SEARCH_FIXTURE, data)
    cat = load_catalogue(data).catalogue
    marker = tmp_path / "executed"
    with SearchEngine(cat, cache_dir=tmp_path / "cache") as engine:
        index_dir = Path(str(engine.ensure_index().path))
    toc = next(index_dir.glob("*.toc"))
    evil = _toc_with_payload(marker)
    target = toc if how == "replace the toc" else index_dir / "_MAIN_99.toc"
    target.write_bytes(evil)
    # The attacker can write the sentinel too: make its sizes agree.
    sentinel = json.loads((index_dir / SENTINEL).read_text(encoding="utf-8"))
    sentinel["files"][target.name] = len(evil)
    (index_dir / SENTINEL).write_text(json.dumps(sentinel), encoding="utf-8")
    with SearchEngine(load_catalogue(data).catalogue, cache_dir=tmp_path / "cache") as engine:
        stats = engine.ensure_index()
        res = engine.search("稀土磁體")
    assert not marker.exists(), "opening the search index ran code"
    assert stats.rebuilt
    assert [h.id for h in res.hits][:1] == ["rare-earth-magnets"]


# -- cache folders others can write; a cache folder shared with other files -------------------------------


def test_cache_folder_other_users_can_write_is_refused(minimal_data: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    result = load_cached(minimal_data, shared)
    assert result.complete
    assert list(shared.iterdir()) == [], "nothing is cached in a folder other users can write"
    with SearchEngine(result.catalogue, cache_dir=shared) as engine:
        stats = engine.ensure_index()
        assert stats.in_memory and stats.warning
        assert "other users" in stats.warning and str(shared) in stats.warning
        assert engine.search("083201X").hits
    assert list(shared.iterdir()) == []


def test_template_cache_in_a_folder_other_users_can_write_is_not_used(
    minimal_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # even sticky, like /tmp
    monkeypatch.setenv("EXPORTREF_CACHE_DIR", str(shared))
    try:
        assert "083201X" in _render(minimal_data)
    finally:
        environment.environment.cache_clear()
    assert list(shared.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_cache_subfolder_owned_by_another_user_is_refused(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (cache / "search").mkdir(parents=True)
    os.chown(cache / "search", 65534, 65534)
    cat = load_catalogue(minimal_data).catalogue
    with SearchEngine(cat, cache_dir=cache) as engine:
        stats = engine.ensure_index()
        assert stats.in_memory and stats.warning and "another user" in stats.warning
    assert list((cache / "search").iterdir()) == []


def test_files_we_did_not_make_are_never_deleted(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    foreign = {
        "catalogue-mine.pickle": b"someone's pickle",
        "catalogue-m1-0123456789abcdef.pickle": b"looks like ours, is not",
        "catalogue-v2-0123456789abcdef.json": b"{}",
        "notes.txt": b"unrelated",
    }
    for name, content in foreign.items():
        (cache / name).write_bytes(content)
    load_cached(minimal_data, cache)
    path = minimal_data / "instruments" / "cn-tech-export-catalogue.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Non-ferrous metallurgy technology", "Renamed"), "utf-8")
    load_cached(minimal_data, cache)  # a new cache replaces ours, and only ours
    for name, content in foreign.items():
        assert (cache / name).read_bytes() == content, name
    ours = [p for p in cache.iterdir() if p.name not in foreign]
    assert len(ours) == 1, ours  # the stale cache we wrote ourselves is gone


def test_the_secret_key_lives_outside_the_cache_and_is_private(minimal_data: Path, tmp_path: Path) -> None:
    from catalogue import cache_guard

    cache = tmp_path / "cache"
    load_cached(minimal_data, cache)
    key_path = cache_guard.key_path()
    assert key_path.is_file()
    assert cache not in key_path.parents
    if os.name == "posix":
        assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
