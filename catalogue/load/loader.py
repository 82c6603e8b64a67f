"""Load and validate a data folder into a `Catalogue`.

Loading never stops at the first problem: every file is read, every problem is collected with its
file, line, column, id and field, and the files that passed are still built so the app can show
them — flagged as incomplete. `LoadResult.complete` is False whenever anything failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from catalogue.load.builder import InstrumentBuilder, parse_date
from catalogue.load.yamlsource import Document, Problem, YamlError, field_name, read_document
from catalogue.model import (
    Catalogue,
    Instrument,
    Kind,
    Source,
    SourceKind,
    Text,
    Topic,
)

log = logging.getLogger(__name__)

# Bump when the meaning of the data or the model changes, so caches built from older data rebuild.
DATA_SCHEMA_VERSION = 2
# Bump when model.py changes shape (kept for callers; the cache no longer stores model objects).
MODEL_VERSION = 2
INSTRUMENTS_DIR = "instruments"
_URL_RE = re.compile(r"https?://[^\s\"'<>]+")


class DataError(Exception):
    """Raised by `load_catalogue(strict=True)` when any file has a problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


@dataclass
class LoadResult:
    catalogue: Catalogue
    problems: list[Problem] = field(default_factory=list)
    failed_files: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def default_data_dir() -> Path:
    """EXPORTREF_DATA_DIR, else the active data pack (`exportref data use`), else the shipped data."""
    env = os.environ.get("EXPORTREF_DATA_DIR")
    if env:
        return Path(env)
    from catalogue.datapacks.store import active_data_dir  # never raises: any fault means the shipped data

    return active_data_dir() or shipped_data_dir()


def shipped_data_dir() -> Path:
    """The data installed with the app."""
    return Path(str(resources.files("catalogue").joinpath("data")))


def data_files(data_dir: Path) -> list[Path]:
    """Every file the loader reads, in a stable order."""
    top = sorted(p for p in data_dir.glob("*.yaml"))
    inst_dir = data_dir / INSTRUMENTS_DIR
    inst = sorted(inst_dir.iterdir()) if inst_dir.is_dir() else []
    return top + [p for p in inst if p.suffix == ".yaml" or p.is_dir()]


def fingerprint(data_dir: Path) -> str:
    """A digest of the data's bytes and the data schema version (decides index rebuilds)."""
    h = hashlib.sha256(f"exportref-data-v{DATA_SCHEMA_VERSION}\n".encode())
    for path in data_files(data_dir):
        rel = path.relative_to(data_dir).as_posix()
        h.update(os.fsencode(rel) + b"\0")  # a name that is not UTF-8 is hashed as the bytes it is
        try:
            # Only regular files: reading a FIFO or a device named *.yaml would block or never end.
            if stat.S_ISREG(path.stat().st_mode):
                h.update(path.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
        h.update(b"\0")
    return h.hexdigest()[:16]


def _declared_ids(data: Any) -> set[str]:
    """Every `id` value in a document, however broken the rest of it is."""
    found: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.add(node["id"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def display_name(rel: str) -> str:
    """A file name as a message shows it: bytes that are not UTF-8 as `\\xe9`, never a crash."""
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")


@dataclass
class ParsedDocuments:
    """Plain data per file: what a warm start reuses (`cached`) and what this load read (`read`)."""

    cached: dict[str, Any] | None = None
    fingerprint: str | None = None  # of the data the cached documents were read from
    read: dict[str, Any] = field(default_factory=dict)


def _read(
    path: Path,
    data_dir: Path,
    schema_name: str,
    problems: list[Problem],
    broken_ids: set[str] | None = None,
    documents: ParsedDocuments | None = None,
) -> Document | None:
    rel = path.relative_to(data_dir).as_posix()
    shown = display_name(rel)
    if shown != rel:
        problems.append(Problem(shown, 1, 1, "file name is not valid UTF-8; rename the file"))
        return None
    if documents is not None and documents.cached is not None and rel in documents.cached:
        # Read and validated by an earlier run, keyed to these very bytes (see load_cached).
        return Document(rel, documents.cached[rel])
    try:
        doc = read_document(path, rel)
    except YamlError as exc:
        problems.append(exc.problem)
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(rel, 1, 1, "expected a mapping at the top of the file"))
        return None
    # Imported here: jsonschema costs ~90 ms at start-up, and a warm start (load_cached) never validates.
    from catalogue.load.validation import validate_structure

    found = validate_structure(doc, schema_name)
    if found:
        problems.extend(found)
        if broken_ids is not None:
            # Ids of a file that failed are known to exist: references to them are not reported
            # again elsewhere, which would only hide the real problem behind a cascade.
            broken_ids.update(_declared_ids(doc.data))
        return None
    if documents is not None:
        documents.read[rel] = doc.data
    return doc


def load_catalogue(data_dir: Path | None = None, *, strict: bool = False) -> LoadResult:
    """Load every file under `data_dir`; see the module docstring for how problems are handled."""
    return load_from(Path(data_dir) if data_dir is not None else default_data_dir(), strict, None)


def load_from(data_dir: Path, strict: bool, documents: ParsedDocuments | None) -> LoadResult:
    problems: list[Problem] = []
    failed: list[str] = []

    def note_failure(rel: str, before: int) -> None:
        if len(problems) > before:
            failed.append(rel)

    if not data_dir.is_dir():
        problems.append(Problem(str(data_dir), 1, 1, "data folder not found"))
        return _finish(data_dir, [], {}, {}, dt.date.min, problems, [str(data_dir)], strict)

    verified_to = dt.date.min
    before = len(problems)
    header = (
        _read(data_dir / "dataset.yaml", data_dir, "dataset", problems, None, documents)
        if (data_dir / "dataset.yaml").exists()
        else None
    )
    if header is None and not (data_dir / "dataset.yaml").exists():
        problems.append(Problem("dataset.yaml", 1, 1, "missing: the dataset header with verified_to"))
    elif header is not None:
        try:
            verified_to = dt.date.fromisoformat(header.data["verified_to"])
        except ValueError:
            m = header.mark(("verified_to",))
            problems.append(Problem(header.file, m.line, m.column, "impossible date", field="verified_to"))
    note_failure("dataset.yaml", before)

    sources: dict[str, Source] = {}
    source_files = sorted(data_dir.glob("sources*.yaml"))
    if not source_files:
        problems.append(Problem("sources.yaml", 1, 1, "missing: the source register"))
    source_marks: dict[str, str] = {}
    source_urls: dict[str, str] = {}
    source_notes: list[tuple[str, int, int, str, str]] = []
    for path in source_files:
        before = len(problems)
        doc = _read(path, data_dir, "sources", problems, None, documents)
        if doc is not None:
            for i, s in enumerate(doc.data["sources"]):
                m = doc.mark(("sources", i, "id"))
                if s["id"] in sources:
                    problems.append(
                        Problem(
                            doc.file,
                            m.line,
                            m.column,
                            f"duplicate source id; already defined at {source_marks[s['id']]}",
                            s["id"],
                            "id",
                        )
                    )
                    continue
                try:
                    date = parse_date(s.get("date"))
                except ValueError:
                    problems.append(Problem(doc.file, m.line, m.column, "impossible date", s["id"], "date"))
                    date = None
                url = (s.get("url") or "").rstrip("/")
                if url and url in source_urls:
                    # One page, one id: otherwise "confirmed by two sources" could be one page counted twice.
                    problems.append(
                        Problem(
                            doc.file,
                            m.line,
                            m.column,
                            f"same URL as source {source_urls[url]!r}; cite that id",
                            s["id"],
                            "url",
                        )
                    )
                elif url:
                    source_urls[url] = s["id"]
                if s.get("note"):
                    note_mark = doc.mark(("sources", i, "note"))
                    source_notes.append((doc.file, note_mark.line, note_mark.column, s["id"], s["note"]))
                source_marks[s["id"]] = f"{doc.file}:{m.line}:{m.column}"
                sources[s["id"]] = Source(
                    s["id"],
                    s["title"],
                    s.get("publisher"),
                    date,
                    s.get("url"),
                    SourceKind(s["kind"]),
                    s.get("locator"),
                    s.get("note"),
                )
        note_failure(display_name(path.relative_to(data_dir).as_posix()), before)
    # A source's note must not name another registered page by its URL: that page has its own id,
    # and citing it through this one would count one page twice (or hide it).
    for file, line, column, sid, note in source_notes:
        for found in _URL_RE.findall(note):
            other = source_urls.get(found.rstrip("/.,;)"))
            if other is not None and other != sid:
                problems.append(
                    Problem(file, line, column, f"note repeats the URL of source {other!r}; cite that id", sid, "note")
                )

    topics: dict[str, Topic] = {}
    topics_path = data_dir / "topics.yaml"
    before = len(problems)
    if topics_path.exists():
        doc = _read(topics_path, data_dir, "topics", problems, None, documents)
        if doc is not None:
            for i, t in enumerate(doc.data["topics"]):
                if t["id"] in topics:
                    m = doc.mark(("topics", i, "id"))
                    problems.append(Problem(doc.file, m.line, m.column, "duplicate topic id", t["id"], "id"))
                syn = t.get("synonyms", {})
                topics[t["id"]] = Topic(
                    t["id"],
                    Text(zh=t["name"].get("zh"), en=t["name"]["en"]),
                    tuple(syn.get("en", [])),
                    tuple(syn.get("zh", [])),
                    t.get("description"),
                    tuple(tuple(group) for group in t.get("terms", [])),
                )
    else:
        problems.append(Problem("topics.yaml", 1, 1, "missing: the topic list"))
    note_failure("topics.yaml", before)

    builder = InstrumentBuilder()
    instruments: list[Instrument] = []
    inst_dir = data_dir / INSTRUMENTS_DIR
    if not inst_dir.is_dir():
        problems.append(Problem(f"{INSTRUMENTS_DIR}/", 1, 1, "missing: the instruments folder"))
    else:
        for path in sorted(inst_dir.iterdir()):
            if path.suffix != ".yaml" and not path.is_dir():
                continue
            rel = display_name(path.relative_to(data_dir).as_posix())
            before = len(problems)
            doc = _read(path, data_dir, "instrument", problems, builder.broken_ids, documents)
            if doc is not None:
                start = len(builder.problems)
                inst = builder.instrument(doc, rel)
                if inst is not None and len(builder.problems) == start:
                    instruments.append(inst)
                problems.extend(builder.problems[start:])
            note_failure(rel, before)

    # Cross-references, checked once every file is in.
    for ref_doc, ref_path, ident, kind, target in builder.refs:
        ok = True
        if kind == "source":
            ok = target in sources
            expected = "a source id from sources*.yaml"
        elif kind == "topic":
            ok = target in topics
            expected = "a topic id from topics.yaml"
        elif kind == "instrument":
            # A catalogue edition is itself an instrument (e.g. cn-mofcom-2025-28), so it may be named too.
            ok = target in builder.instrument_ids or target in builder.edition_ids
            expected = "an instrument or edition id"
        else:
            ok = target in builder.ids
            expected = "an id defined somewhere in the data"
        if not ok and kind in ("instrument", "any") and target in builder.broken_ids:
            continue
        if ok and ident is not None and target == ident and kind == "any":
            mark = ref_doc.mark(ref_path)
            where = (ref_doc.file, mark.line, mark.column)
            problems.append(Problem(*where, "refers to itself", ident, field_name(ref_path)))
        if not ok:
            mark = ref_doc.mark(ref_path)
            rel_file = ref_doc.file
            problems.append(
                Problem(
                    rel_file,
                    mark.line,
                    mark.column,
                    f"unknown reference {target!r}; expected {expected}",
                    ident,
                    field_name(ref_path),
                )
            )
            if rel_file not in failed:
                failed.append(rel_file)
    # A warm start built from cached data keyed to a fingerprint: that is the data's fingerprint.
    fp = documents.fingerprint if documents is not None and documents.cached is not None else None
    return _finish(data_dir, instruments, sources, topics, verified_to, problems, failed, strict, fp)


def _cap_per_file(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems per file, then one line saying how many more there are."""
    from catalogue.load.yamlsource import MAX_PROBLEMS_PER_FILE

    problems.sort(key=lambda p: (p.file, p.line, p.column))
    kept: list[Problem] = []
    count: dict[str, int] = {}
    for p in problems:
        count[p.file] = count.get(p.file, 0) + 1
        if count[p.file] <= MAX_PROBLEMS_PER_FILE:
            kept.append(p)
    for file, n in sorted(count.items()):
        if n > MAX_PROBLEMS_PER_FILE:
            # Validation stops early, so how many more there are is not known: only that there are.
            last = next(p for p in reversed(kept) if p.file == file)
            message = (
                f"more problems in this file are not shown (the first {MAX_PROBLEMS_PER_FILE} are); fix those first"
            )
            kept.append(Problem(file, last.line, last.column, message))
    kept.sort(key=lambda p: (p.file, p.line, p.column))
    return kept


def _finish(
    data_dir: Path,
    instruments: list[Instrument],
    sources: dict[str, Source],
    topics: dict[str, Topic],
    verified_to: dt.date,
    problems: list[Problem],
    failed: list[str],
    strict: bool,
    fp: str | None = None,
) -> LoadResult:
    problems = _cap_per_file(problems)
    if strict and problems:
        raise DataError(problems)
    # Catalogue first, then measures, then laws; within a kind by date — the order a reader expects.
    order = {Kind.CATALOGUE: 0, Kind.MEASURE: 1, Kind.LAW: 2}
    instruments.sort(key=lambda i: (order[i.kind], i.published or dt.date.min, i.id))
    cat = Catalogue(
        instruments=tuple(instruments),
        sources=sources,
        topics=topics,
        verified_to=verified_to,
        fingerprint=fp or (fingerprint(data_dir) if data_dir.is_dir() else "none"),
        data_dir=str(data_dir),
    )
    return LoadResult(cat, problems, sorted(set(failed)))
