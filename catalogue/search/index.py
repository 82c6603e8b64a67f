"""The index on disk: one folder per (schema version, analysis signature, data fingerprint), built in a
temporary folder and renamed into place, opened only through files a signed sentinel lists and whose
bytes match it (Whoosh unpickles its table of contents), kept in memory when the cache folder cannot
be used. `IndexStore` is the lifecycle; the engine asks it for an open Whoosh index."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import hmac
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
import traceback
import warnings
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import whoosh
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.filedb.structfile import BufferFile

from catalogue import cache_guard, paths
from catalogue.search.documents import _Doc, make_schema
from catalogue.search.results import IndexStats, ProgressCallback
from catalogue.search.scoring import FieldLengthBM25F

log = logging.getLogger(__name__)


# Bump whenever the schema, the documents built from the model, or the analyzer's behaviour change:
# an index with another version is rebuilt rather than trusted.
SCHEMA_VERSION = 3  # 3: the analyzer moved to catalogue.search.analysis (its path is pickled in the index)


SENTINEL = "exportref-index.json"


INDEX_SUBDIR = "search"


SENTINEL_MAX_BYTES = 1 << 20


INDEX_FILE_MAX_BYTES = 1 << 30


_SENTINEL_PURPOSE = b"exportref search index"


_INDEX_NAME = re.compile(r"^ix-[0-9a-f]+-[0-9a-f]+$")


def _release_files_of(exc: BaseException) -> None:
    """Close the files of Whoosh readers that failed half way through opening a damaged index.

    Whoosh leaves them to be freed with the traceback's frames. Until then they keep index files
    open, and on Windows an open file cannot be renamed or deleted, so the rebuild's swap would
    fail. Their ResourceWarnings are expected here and say nothing new."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        traceback.clear_frames(exc.__traceback__)
        gc.collect()


def default_cache_dir() -> Path:
    """EXPORTREF_CACHE_DIR, else the platform's per-user cache folder: the one the catalogue cache
    uses too (catalogue.paths), so ExportRef keeps a single cache root. No Qt needed."""
    return paths.cache_dir()


def analysis_signature() -> str:
    """Identifies everything that changes the terms an index holds besides the data."""
    import opencc

    # The field list is included so that a schema edit without a version bump still rebuilds.
    schema = sorted((name, type(f).__name__) for name, f in make_schema().items())
    parts = (SCHEMA_VERSION, getattr(opencc, "__version__", "?"), whoosh.versionstring(), schema)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:8]


class _VerifiedStorage(FileStorage):  # type: ignore[misc]
    """A read-only index folder whose files Whoosh sees only after they match the signed sentinel.

    Whoosh lists the folder to find the newest TOC and unpickles it, so a file planted there would
    run code. Here `list()` is the sentinel's file list and `open_file()` serves bytes checked against
    the sentinel's SHA-256, from memory (so the file cannot change between the check and the read).
    A file removed or replaced on disk is noticed (stat) and checked again, so a damaged index still
    fails loudly and is rebuilt."""

    supports_mmap = False

    def __init__(self, path: Path, digests: Mapping[str, str]) -> None:
        super().__init__(str(path), supports_mmap=False, readonly=True)
        self._digests = dict(digests)
        self._verified: dict[str, tuple[tuple[int, ...], bytes]] = {}
        self._guard = threading.Lock()

    def list(self) -> list[str]:
        return sorted(self._digests)

    def file_exists(self, name: str) -> bool:
        return name in self._digests and os.path.exists(self._fpath(name))

    def file_length(self, name: str) -> int:
        return len(self._bytes(name))

    def file_modified(self, name: str) -> float:
        return float(os.stat(self._fpath(name)).st_mtime)

    def open_file(self, name: str, **kwargs: Any) -> Any:
        return _SharedBytesFile(self._bytes(name), name=name, **kwargs)

    def unchanged(self) -> bool:
        """Whether every file is still the one verified when the index was opened. A file replaced
        since is read and checked again (and raises if it is not the file the index was built with);
        a file removed raises FileNotFoundError, as opening it would."""
        with self._guard:
            known = {name: data for name, (_ident, data) in self._verified.items()}
        return all(self._bytes(name) is known.get(name) for name in self._digests)

    def _bytes(self, name: str) -> bytes:
        from catalogue.storage import read_capped

        expected = self._digests.get(name)
        if expected is None:
            raise FileNotFoundError(2, "not a file of this index", name)
        path = Path(self._fpath(name))
        info = path.stat()  # a file removed under a running engine fails here, and the engine rebuilds
        ident = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        with self._guard:
            known = self._verified.get(name)
            if known is not None and known[0] == ident:
                return known[1]
        data = read_capped(path, INDEX_FILE_MAX_BYTES)
        if hashlib.sha256(data).hexdigest() != expected:
            raise ValueError(f"{name} is not the file the index was built with")
        with self._guard:
            self._verified[name] = (ident, data)
        return data


class _SharedBytesFile(BufferFile):  # type: ignore[misc]
    """A Whoosh file over bytes held in memory whose parts share that memory.

    Whoosh's BufferFile copies: its stream is a BytesIO of a memoryview (a copy of the whole
    segment), and each part of a compound segment (`subset`) is a copy again with a stream that is
    one more, so an open searcher held the index three times over (about 180 MB at 5,000 entries
    instead of 60). Here a part is a slice of the same memory and every stream reads from it."""

    def __init__(self, data: bytes | memoryview, name: str | None = None, onclose: Any = None) -> None:
        self._buf = memoryview(data)
        self._name = name
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False
        self.file = _MemoryStream(self._buf)

    def subset(self, position: int, length: int, name: str | None = None) -> _SharedBytesFile:
        return _SharedBytesFile(self._buf[position : position + length], name=name or self._name)


class _MemoryStream:
    """The read side of a file over a memoryview (what Whoosh's readers call on `file`); a read
    copies what it returns and nothing more."""

    def __init__(self, buf: memoryview) -> None:
        self._buf = buf
        self._pos = 0

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._buf) if size is None or size < 0 else min(len(self._buf), self._pos + size)
        out = bytes(self._buf[self._pos : end])
        self._pos = max(self._pos, end)
        return out

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._buf) if size is None or size < 0 else min(len(self._buf), self._pos + size)
        end = self._pos
        while end < limit:
            chunk = bytes(self._buf[end : min(limit, end + 4096)])
            found = chunk.find(b"\n")
            if found >= 0:
                end += found + 1
                break
            end += len(chunk)
        return self.read(end - self._pos)

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._buf)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        pass  # the memory belongs to the storage


def _sentinel_mac(key: bytes, sentinel: Mapping[str, Any]) -> str:
    body = json.dumps({k: v for k, v in sentinel.items() if k != "mac"}, sort_keys=True, separators=(",", ":"))
    return cache_guard.sign(key, _SENTINEL_PURPOSE, body.encode("utf-8")).hex()


class IndexStore:
    """The search index of one set of documents: opens it when it checks out, builds it otherwise.

    Thread-safe: the app builds in a background thread while the window may already search. The
    open Whoosh index (`index`) and the stored document keys in index order (`keys`) are what the
    engine searches with."""

    def __init__(self, docs: Mapping[str, _Doc], order: Sequence[str], fingerprint: str, cache_dir: Path) -> None:
        self._docs = docs
        self._doc_order = list(order)
        self._fingerprint = fingerprint
        self._cache_dir = cache_dir
        self._digest = hashlib.sha256("\n".join(self._doc_order).encode()).hexdigest()[:16]
        self._lock = threading.RLock()
        self._ix: Any = None
        self._searcher: Any = None  # kept open between searches: see searcher()
        self._stats: IndexStats | None = None
        self._keys: list[str] = []
        self._key: bytes | None = None

    @property
    def index(self) -> Any:
        return self._ix

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Any]:
        """The open index's searcher, for one search at a time (Whoosh's are not thread-safe).

        It stays open between searches. Opening one reads the segment's parts out of the verified
        bytes again (about 50 ms at 5,000 entries), and its caches (field lengths, term statistics)
        would start empty every time; the index never changes under an open store. Files replaced
        or removed on disk since are still noticed at each search, as when every search opened its
        own: the searcher is then opened again (and fails if the files are not the index's)."""
        with self._lock:
            if self._ix is None:
                raise RuntimeError("the search index is not open")
            storage = self._ix.storage
            if self._searcher is not None and isinstance(storage, _VerifiedStorage) and not storage.unchanged():
                self._close_searcher()
            if self._searcher is None:
                self._searcher = self._ix.searcher(weighting=FieldLengthBM25F())
            yield self._searcher

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            searcher, self._searcher = self._searcher, None
            searcher.close()

    @property
    def keys(self) -> list[str]:
        return self._keys

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def open_or_build(self, progress: ProgressCallback | None, force: bool) -> IndexStats:
        """The index's stats once it is open: from the cache folder when it checks out, else built."""
        with self._lock:
            if not force and self._ix is not None and self._stats is not None:
                return self._stats
            if force:
                self.close()
            return self._open_or_build(progress, force)

    @property
    def index_dir(self) -> Path:
        return self._cache_dir / INDEX_SUBDIR / f"ix-{analysis_signature()}-{self._fingerprint}"

    def close(self) -> None:
        with self._lock:
            self._close_searcher()
            if self._ix is not None:
                self._ix.close()
            self._ix = None
            self._stats = None

    def _open_or_build(self, progress: ProgressCallback | None, force: bool) -> IndexStats:
        target = self.index_dir
        try:
            _folder, self._key = cache_guard.prepare(self._cache_dir, INDEX_SUBDIR)
        except cache_guard.UnsafeCache as exc:
            return self._build_in_memory(progress, str(exc))
        except OSError as exc:
            return self._build_in_memory(progress, f"the cache folder {target.parent} cannot be created ({exc})")
        if not force and target.exists():
            try:
                return self._open(target)
            except Exception as exc:  # any damage at all: the cure is the same, rebuild
                self.close()
                _release_files_of(exc)
                # A string, not the exception: a log handler that keeps records would keep the
                # traceback alive otherwise.
                log.warning("search index at %s is unusable (%s); rebuilding", target, f"{type(exc).__name__}: {exc}")
        try:
            built = self._build_on_disk(target, progress)
        except OSError as exc:
            return self._build_in_memory(progress, f"the cache folder {target.parent} cannot be written ({exc})")
        self._cleanup(target)
        return built

    def _sentinel_identity(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "analysis": analysis_signature(),
            "fingerprint": self._fingerprint,
            "documents_digest": self._digest,
        }

    def _open(self, path: Path, rebuilt: bool = False) -> IndexStats:
        from catalogue.storage import read_capped

        assert self._key is not None
        sentinel = json.loads(read_capped(path / SENTINEL, SENTINEL_MAX_BYTES).decode("utf-8"))
        if not isinstance(sentinel, dict) or not isinstance(sentinel.get("mac"), str):
            raise ValueError("the index sentinel is not signed")
        if not hmac.compare_digest(sentinel["mac"], _sentinel_mac(self._key, sentinel)):
            raise ValueError("the index sentinel is not signed with this user's cache key")
        for k, v in self._sentinel_identity().items():
            if sentinel.get(k) != v:
                raise ValueError(f"index was built for {k}={sentinel.get(k)!r}, need {v!r}")
        files: dict[str, int] = sentinel["files"]
        digests: dict[str, str] = sentinel["digests"]
        if set(files) != set(digests):
            raise ValueError("the index sentinel lists different files for sizes and digests")
        for name, size in files.items():
            actual = (path / name).stat().st_size
            if actual != size:
                raise ValueError(f"{name} is {actual} bytes, expected {size}")
        ix = _VerifiedStorage(path, digests).open_index()
        try:
            keys = self._read_keys(ix)
            if len(keys) != sentinel["documents"]:
                raise ValueError(f"index holds {len(keys)} documents, expected {sentinel['documents']}")
        except BaseException:
            ix.close()
            raise
        self._ix, self._keys = ix, keys
        self._stats = IndexStats(
            documents=len(keys),
            schema_version=SCHEMA_VERSION,
            size_bytes=sum(files.values()),
            build_seconds=sentinel.get("build_seconds"),
            fingerprint=self._fingerprint,
            path=str(path),
            in_memory=False,
            rebuilt=rebuilt,
            built_at=sentinel.get("built_at"),
        )
        if not rebuilt:
            with contextlib.suppress(OSError):  # marks it recently used for _cleanup; read-only is fine
                os.utime(path)
        return self._stats

    @staticmethod
    def _read_keys(ix: Any) -> list[str]:
        with ix.searcher() as s:
            reader = s.reader()
            if s.doc_count_all() == 0:
                return []  # a data folder with no instrument at all: an empty index, not a broken one
            if not reader.has_column("key"):
                raise ValueError("index has no key column")
            keys = [k if isinstance(k, str) else k.decode("utf-8") for k in reader.column_reader("key")]
            if len(keys) != s.doc_count_all() or s.doc_count() != s.doc_count_all():
                raise ValueError("index has deleted or missing documents")
        return keys

    def _write_all(self, ix: Any, progress: ProgressCallback | None) -> None:
        writer = ix.writer(limitmb=128)
        try:
            total = len(self._doc_order)
            for i, key in enumerate(self._doc_order, 1):
                writer.add_document(**self._docs[key].fields())
                if progress is not None:
                    progress(i, total)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _build_on_disk(self, target: Path, progress: ProgressCallback | None) -> IndexStats:
        started = time.perf_counter()
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
        try:
            storage = FileStorage(str(tmp), supports_mmap=False)
            ix = storage.create_index(make_schema())
            try:
                self._write_all(ix, progress)
            finally:
                ix.close()
            files = {}
            digests = {}
            for p in sorted(tmp.iterdir()):
                if p.is_file() and p.suffix in (".toc", ".seg"):
                    with open(p, "rb") as fh:  # the data must be on disk before the rename says "done"
                        os.fsync(fh.fileno())
                        digests[p.name] = hashlib.sha256(fh.read()).hexdigest()
                    files[p.name] = p.stat().st_size
            seconds = time.perf_counter() - started
            sentinel: dict[str, Any] = {
                **self._sentinel_identity(),
                "documents": len(self._doc_order),
                "files": files,
                "digests": digests,
                "build_seconds": round(seconds, 3),
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "whoosh": whoosh.versionstring(),
            }
            assert self._key is not None
            sentinel["mac"] = _sentinel_mac(self._key, sentinel)
            (tmp / SENTINEL).write_text(json.dumps(sentinel, indent=1), encoding="utf-8")
            self._swap_into_place(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return self._open(target, rebuilt=True)

    @staticmethod
    def _swap_into_place(tmp: Path, target: Path) -> None:
        if target.exists():
            # A damaged or forced-out index: move it aside first (a rename, so still no half state),
            # then delete it once the new one is in place.
            trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=target.parent))
            os.replace(target, trash / "old")
            try:
                os.replace(tmp, target)
            finally:
                shutil.rmtree(trash, ignore_errors=True)
            return
        try:
            os.replace(tmp, target)
        except OSError:
            if target.is_dir() and (target / SENTINEL).exists():
                shutil.rmtree(tmp, ignore_errors=True)  # another process finished the same build first
            else:
                raise

    def _build_in_memory(self, progress: ProgressCallback | None, reason: str) -> IndexStats:
        warning = f"Search index kept in memory and rebuilt at every start: {reason}."
        log.warning(warning)
        started = time.perf_counter()
        ix = RamStorage().create_index(make_schema())
        self._write_all(ix, progress)
        self._ix, self._keys = ix, self._read_keys(ix)
        self._stats = IndexStats(
            documents=len(self._keys),
            schema_version=SCHEMA_VERSION,
            size_bytes=0,
            build_seconds=round(time.perf_counter() - started, 3),
            fingerprint=self._fingerprint,
            path=None,
            in_memory=True,
            rebuilt=True,
            warning=warning,
        )
        return self._stats

    @staticmethod
    def _cleanup(current: Path, keep: int = 3) -> None:
        """Remove leftovers: old builds beyond the `keep` most recently used, stale temporary and
        trash folders. Best effort; another process may be using or removing them."""
        root = current.parent
        try:
            entries = list(root.iterdir())
        except OSError:
            return
        now = time.time()
        indexes = []
        for p in entries:
            try:
                age = now - p.stat().st_mtime
                if p.name.startswith((".build-", ".trash-")) and p.is_dir() and not p.is_symlink() and age > 3600:
                    shutil.rmtree(p, ignore_errors=True)
                elif _INDEX_NAME.match(p.name) and p != current and p.is_dir() and not p.is_symlink():
                    indexes.append((p.stat().st_mtime, p))
            except OSError:
                continue
        for _, p in sorted(indexes, reverse=True)[keep - 1 :]:
            shutil.rmtree(p, ignore_errors=True)

    # -- synonyms ----------------------------------------------------------------------------------
