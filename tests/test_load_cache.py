"""The validated-catalogue cache: reused when warm, never stale, never hiding broken data."""

from __future__ import annotations

from pathlib import Path

from catalogue.load import load_cached, load_catalogue
from catalogue.model import Entry


def _caches(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalogue-*.json"))


def test_warm_load_reuses_the_cache(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_cached(minimal_data, cache)
    assert first.complete and len(_caches(cache)) == 1
    stamp = _caches(cache)[0].stat().st_mtime_ns
    second = load_cached(minimal_data, cache)
    assert second.catalogue.fingerprint == first.catalogue.fingerprint
    assert second.catalogue.get("083201X") == first.catalogue.get("083201X")
    assert _caches(cache)[0].stat().st_mtime_ns == stamp  # not rewritten


def test_changed_data_is_reloaded(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached(minimal_data, cache)
    path = minimal_data / "instruments" / "cn-tech-export-catalogue.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Non-ferrous metallurgy technology", "Renamed"), encoding="utf-8"
    )
    again = load_cached(minimal_data, cache)
    entry = again.catalogue.get("083201X")
    assert isinstance(entry, Entry) and entry.name.en == "Renamed"
    assert len(_caches(cache)) == 1  # the stale cache was removed


def test_broken_data_is_never_cached_and_always_reported(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    path = minimal_data / "instruments" / "cn-mofcom-2023-23.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("published: 2023-07-03", "published: 2023-02-30"), encoding="utf-8"
    )
    for _ in range(2):
        result = load_cached(minimal_data, cache)
        assert not result.complete
        assert any("impossible date" in p.message for p in result.problems)
    assert _caches(cache) == []


def test_damaged_cache_is_rebuilt(minimal_data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_cached(minimal_data, cache)
    cache_file = _caches(cache)[0]
    cache_file.write_bytes(b'{"garbage"')
    result = load_cached(minimal_data, cache)
    assert result.complete
    assert result.catalogue.get("083201X") == load_catalogue(minimal_data).catalogue.get("083201X")


def test_unwritable_cache_still_loads(minimal_data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = load_cached(minimal_data, blocker / "cache")
    assert result.complete
