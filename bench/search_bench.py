"""Search speed and memory: ExportRef's Whoosh engine beside a linear scan and SQLite FTS5, in one run.

    python bench/search_bench.py [--sizes 150,5000] [--with-50k] [--reps N] [--skip-shipped] [--json FILE]

For each size a deterministic generator builds a synthetic catalogue (English and Chinese names,
five control points and a rationale per entry, ~1.4 KB of text; the tech spike's §5.1, see docs/research-notes.md) and
three engines search it for the same fixed queries:

- **whoosh**: `catalogue.search.SearchEngine` itself, the engine the app ships (its analyzer, fields,
  boosts, ranking and snippets), index on disk opened with `supports_mmap=False`;
- **fts5**: stdlib sqlite3, an FTS5 table (unicode61) filled with the same analyzer's tokens
  (bigrams for Chinese, light-stemmed words for English; unigrams in a column of their own), ranked by
  bm25 with the same field weights;
- **linear**: every document's folded text in memory, each query checked against each document.

Every query returns the exact total and the top 20 with snippets (the fts5 and linear arms use the
engine's own snippet code on the stored text, so snippet cost is comparable). Measured per engine
and size: build time, size on disk, open time and RSS in a fresh process (VmRSS after opening and
one query, and what opening added), query p50/p95 over the query set, and Whoosh's ratio to each.

The shipped data is measured too: p50/p95 of realistic queries with snippets (limit 50), warm start
of a fresh process (no rebuild), and the cold build.

The 50,000-entry size takes several minutes to build with Whoosh; it runs only with --with-50k.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from synthetic_data import doc_fields_of, synthetic_catalogue  # noqa: E402

from catalogue.model import (  # noqa: E402
    Catalogue,
)
from catalogue.search.analysis import fold, query_tokens, tokenize  # noqa: E402

QUERIES = ["稀土", "磁体", "钕铁硼", "基因编辑", "rare earth", "magnet*", '"gene editing"', "稀土 magnet*"]
SHIPPED_QUERIES = [
    "gallium", "镓", "稀土", "rare earth", "釹鐵硼", "CRISPR", "基因编辑", "magnet*", "083201X", "0832",
    "1C902", "2023 No. 23", "2023年第23号", "lithium battery", "激光雷达", "status:prohibited", "graphite -natural",
    "Export Control Law", "galium", "稀土磁體",
]  # fmt: skip
TOP = 20
FIELD_WEIGHTS = (8.0, 3.0, 1.2, 1.0)  # name, points, rest, unigrams: as catalogue.search.FIELD_BOOSTS
DAY = dt.date(2026, 11, 28)


# -- the three engines -----------------------------------------------------------------------------


def doc_fields(cat: Catalogue) -> list[tuple[str, str, str, str]]:
    """(id, name, control points, rest) per entry, the texts every engine searches."""
    return doc_fields_of(cat.entries())


def query_units(q: str) -> list[tuple[str, tuple[str, ...]]]:
    """The bench queries as ("seq" | "prefix", tokens): words, "phrases" and trailing wildcards."""
    units: list[tuple[str, tuple[str, ...]]] = []
    for m in re.finditer(r'"([^"]+)"|(\S+)', q):
        text = m.group(1) or m.group(2)
        if text.endswith("*"):
            units.append(("prefix", (text[:-1].lower(),)))
        else:
            units.append(("seq", tuple(query_tokens(text))))
    return units


class WhooshArm:
    name = "whoosh"

    def __init__(self, cat: Catalogue, cache: Path) -> None:
        from catalogue.search.engine import SearchEngine

        self.engine = SearchEngine(cat, cache)

    def build(self) -> None:
        self.engine.rebuild()

    def open(self) -> None:
        self.engine.ensure_index()

    def size(self) -> int:
        return self.engine.ensure_index().size_bytes

    def query(self, q: str) -> tuple[int, list[str]]:
        res = self.engine.search(q, limit=TOP, as_of=DAY)
        return res.total, [h.snippet for h in res.hits]


class Fts5Arm:
    name = "fts5"

    def __init__(self, cat: Catalogue, cache: Path) -> None:
        self.cat = cat
        self.path = cache / "fts5.sqlite"
        self.db: sqlite3.Connection | None = None

    @staticmethod
    def _grams(text: str) -> str:
        return " ".join(t.text for t in tokenize(text))

    @staticmethod
    def _unigrams(text: str) -> str:
        return " ".join(t.text for t in tokenize(text, unigrams=True) if len(t.text) == 1 and not t.text.isascii())

    def build(self) -> None:
        if self.path.exists():
            self.path.unlink()
        db = sqlite3.connect(self.path)
        db.execute("CREATE TABLE doc(rowid INTEGER PRIMARY KEY, id TEXT, name TEXT, points TEXT, rest TEXT)")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(name, points, rest, uni, tokenize='unicode61')")
        rows = doc_fields(self.cat)
        db.executemany("INSERT INTO doc VALUES (?, ?, ?, ?, ?)", [(i, *r) for i, r in enumerate(rows)])
        db.executemany(
            "INSERT INTO fts(rowid, name, points, rest, uni) VALUES (?, ?, ?, ?, ?)",
            (
                (i, self._grams(n), self._grams(p), self._grams(r), self._unigrams(f"{n}\n{p}\n{r}"))
                for i, (_id, n, p, r) in enumerate(rows)
            ),
        )
        db.commit()
        db.close()

    def open(self) -> None:
        self.db = sqlite3.connect(self.path)

    def size(self) -> int:
        return self.path.stat().st_size

    @staticmethod
    def _match(q: str) -> str:
        parts = []
        for kind, toks in query_units(q):
            if kind == "prefix":
                parts.append(f'"{toks[0]}"*')
            elif len(toks) == 1 and len(toks[0]) == 1 and not toks[0].isascii():
                parts.append(f'uni:"{toks[0]}"')
            else:
                parts.append('"' + " ".join(toks) + '"')
        return " AND ".join(parts)

    def query(self, q: str) -> tuple[int, list[str]]:
        assert self.db is not None
        from catalogue.search.snippets import render_snippet
        from catalogue.search.spans import SpanFinder

        match = self._match(q)
        total = self.db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0]
        rows = self.db.execute(
            "SELECT doc.points FROM fts JOIN doc ON doc.rowid = fts.rowid WHERE fts MATCH ? "
            "ORDER BY bm25(fts, ?, ?, ?, ?) LIMIT ?",
            (match, *FIELD_WEIGHTS, TOP),
        ).fetchall()
        units = query_units(q)
        finder = SpanFinder([t for k, t in units if k == "seq"], [t[0] for k, t in units if k == "prefix"])
        snippets = []
        for (points,) in rows:
            text = " ".join(points.split())
            snippets.append(render_snippet(text, finder.spans(text)))
        return total, snippets


class LinearArm:
    name = "linear"

    def __init__(self, cat: Catalogue, cache: Path) -> None:
        self.cat = cat
        self.docs: list[tuple[str, str, str, str]] = []
        self.folded: list[tuple[str, str, str]] = []

    def build(self) -> None:
        self.open()

    def open(self) -> None:
        self.docs = doc_fields(self.cat)
        self.folded = [(fold(n).lower(), fold(p).lower(), fold(r).lower()) for _i, n, p, r in self.docs]

    def size(self) -> int:
        return 0

    def query(self, q: str) -> tuple[int, list[str]]:
        from catalogue.search.snippets import render_snippet
        from catalogue.search.spans import SpanFinder

        units = query_units(q)
        finders = [SpanFinder([t], []) if k == "seq" else SpanFinder([], [t[0]]) for k, t in units]
        scored = []
        for i, (_id, n, p, r) in enumerate(self.docs):
            score = 0.0
            for finder in finders:
                hits = [len(finder.spans(text, low)) for text, low in zip((n, p, r), self.folded[i], strict=True)]
                if not any(hits):
                    break
                score += sum(w * h for w, h in zip(FIELD_WEIGHTS, hits, strict=False))
            else:
                scored.append((-score, i))
        scored.sort()
        everything = SpanFinder([t for k, t in units if k == "seq"], [t[0] for k, t in units if k == "prefix"])
        snippets = []
        for _s, i in scored[:TOP]:
            text = " ".join(self.docs[i][2].split())
            snippets.append(render_snippet(text, everything.spans(text)))
        return len(scored), snippets


ARMS: dict[str, Callable[[Catalogue, Path], Any]] = {"whoosh": WhooshArm, "fts5": Fts5Arm, "linear": LinearArm}


# -- measuring -------------------------------------------------------------------------------------


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def child_open(arm: str, n: int, cache: str) -> None:
    """Run in a fresh process: open an index built earlier, answer one query, report time and RSS."""
    import catalogue.search.engine  # noqa: F401  (imports are start-up cost, not opening cost)
    from catalogue.load import load_catalogue

    cat = synthetic_catalogue(n) if n else load_catalogue().catalogue
    before = rss_mb()
    started = time.perf_counter()
    engine = ARMS[arm](cat, Path(cache))
    engine.open()
    opened = time.perf_counter() - started
    started = time.perf_counter()
    engine.query(QUERIES[0])
    first = time.perf_counter() - started
    # A Chinese phrase next: the engine works out the chain texts of the documents it checks on first use.
    started = time.perf_counter()
    engine.query(QUERIES[2])
    phrase = time.perf_counter() - started
    print(
        json.dumps(
            {
                "open_s": opened,
                "first_query_s": first,
                "first_phrase_s": phrase,
                "rss_mb": rss_mb(),
                "rss_added_mb": rss_mb() - before,
            }
        )
    )


def in_child(arm: str, n: int, cache: Path) -> dict[str, float]:
    run = subprocess.run(
        [sys.executable, __file__, "--child", arm, str(n), str(cache)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def bench_size(n: int, reps: int, workdir: Path) -> dict[str, dict[str, Any]]:
    """Build and open every engine, then time them side by side: each repetition runs each query on
    every engine in turn (the order rotating), so a busy machine slows all of them alike. Wall clock
    and CPU time are both kept; on a shared machine the CPU time is the steadier of the two."""
    print(f"\n== {n} entries", flush=True)
    cat = synthetic_catalogue(n)
    arms: dict[str, Any] = {}
    results: dict[str, dict[str, Any]] = {}
    for arm_name, arm_cls in ARMS.items():
        cache = workdir / f"{arm_name}-{n}"
        cache.mkdir(parents=True, exist_ok=True)
        arm = arm_cls(cat, cache)
        started = time.perf_counter()
        arm.build()
        build_s = time.perf_counter() - started
        arm.open()
        arms[arm_name] = arm
        results[arm_name] = {"build_s": build_s, "size_mb": arm.size() / 2**20, **in_child(arm_name, n, cache)}
        print(f"  {arm_name:7} built in {build_s:7.2f} s", flush=True)
    # The linear scan takes seconds a query at 50,000 entries: it runs only the first repetitions.
    arm_reps = {a: reps if not (a == "linear" and n >= 50_000) else max(3, reps // 2) for a in arms}
    wall: dict[str, dict[str, list[float]]] = {a: {q: [] for q in QUERIES} for a in arms}
    cpu: dict[str, dict[str, list[float]]] = {a: {q: [] for q in QUERIES} for a in arms}
    totals: dict[str, dict[str, int]] = {a: {} for a in arms}
    for arm_name, arm in arms.items():
        for q in QUERIES:
            totals[arm_name][q] = arm.query(q)[0]  # warm-up, and the total every repetition returns
    order = list(arms)
    for rep in range(reps):
        for q in QUERIES:
            for arm_name in order[rep % len(order) :] + order[: rep % len(order)]:
                if rep >= arm_reps[arm_name]:
                    continue
                t0, c0 = time.perf_counter(), time.process_time()
                arms[arm_name].query(q)
                wall[arm_name][q].append((time.perf_counter() - t0) * 1000)
                cpu[arm_name][q].append((time.process_time() - c0) * 1000)
    for arm_name, r in results.items():
        all_wall = [t for q in QUERIES for t in wall[arm_name][q]]
        all_cpu = [t for q in QUERIES for t in cpu[arm_name][q]]
        r.update(
            p50_ms=statistics.median(all_wall),
            p95_ms=percentile(all_wall, 95),
            cpu_p50_ms=statistics.median(all_cpu),
            cpu_p95_ms=percentile(all_cpu, 95),
            queries={
                q: (statistics.median(wall[arm_name][q]), percentile(wall[arm_name][q], 95), totals[arm_name][q])
                for q in QUERIES
            },
        )
        print(
            f"  {arm_name:7} build {r['build_s']:7.2f} s  size {r['size_mb']:7.1f} MB  "
            f"open {r['open_s'] * 1000:7.1f} ms  p50 {r['p50_ms']:7.2f} ms  p95 {r['p95_ms']:7.2f} ms  "
            f"(CPU {r['cpu_p50_ms']:.2f} / {r['cpu_p95_ms']:.2f})  "
            f"RSS {r['rss_mb']:6.0f} MB (+{r['rss_added_mb']:.0f})",
            flush=True,
        )
    arms["whoosh"].engine.close()
    return results


def bench_shipped(reps: int, workdir: Path) -> dict[str, Any]:
    from catalogue.load import load_catalogue
    from catalogue.search.engine import SearchEngine

    print("\n== shipped data", flush=True)
    cat = load_catalogue().catalogue
    cache = workdir / "shipped"
    started = time.perf_counter()
    with SearchEngine(cat, cache) as engine:
        stats = engine.ensure_index()
        cold = time.perf_counter() - started
        times: list[float] = []
        cpu: list[float] = []  # CPU time too: on a shared machine the wall clock includes waiting
        per_query = {}
        for q in SHIPPED_QUERIES:
            engine.search(q, as_of=DAY)
            qt = []
            for _ in range(reps):
                t0, c0 = time.perf_counter(), time.process_time()
                engine.search(q, limit=50, as_of=DAY)
                qt.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            per_query[q] = (statistics.median(qt), percentile(qt, 95))
            times += qt
    warm = in_child("whoosh", 0, cache)
    code = (
        "import time, json; t = time.perf_counter(); from catalogue.load import load_catalogue; "
        "from catalogue.search.engine import SearchEngine; "
        f"e = SearchEngine(load_catalogue().catalogue, {str(cache)!r}); "
        "s = e.ensure_index(); e.search('稀土'); print(json.dumps([time.perf_counter() - t, s.rebuilt]))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    whole, rebuilt = json.loads(run.stdout.strip().splitlines()[-1])
    result = {
        "documents": stats.documents,
        "fingerprint": stats.fingerprint,
        "cold_build_s": cold,
        "size_mb": stats.size_bytes / 2**20,
        "p50_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": percentile(cpu, 95),
        "worst_query_p95_ms": max(p95 for _p50, p95 in per_query.values()),
        "queries": per_query,
        "warm_open_s": warm["open_s"],
        "warm_rss_mb": warm["rss_mb"],
        "warm_process_s": whole,
        "warm_rebuilt": rebuilt,
    }
    print(
        f"  {stats.documents} documents, cold build {cold:.2f} s, size {result['size_mb']:.1f} MB; "
        f"p50 {result['p50_ms']:.2f} ms, p95 {result['p95_ms']:.2f} ms "
        f"(CPU {result['cpu_p50_ms']:.2f} / {result['cpu_p95_ms']:.2f} ms; worst query p95 "
        f"{result['worst_query_p95_ms']:.2f}); warm open {warm['open_s'] * 1000:.0f} ms, "
        f"whole warm process to first result {whole:.2f} s, rebuilt: {rebuilt}",
        flush=True,
    )
    for q, (p50, p95) in per_query.items():
        print(f"    {q!r:24} p50 {p50:6.2f}  p95 {p95:6.2f} ms")
    return result


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "CPU model unknown"


def verdicts(report: dict[str, Any]) -> list[str]:
    """The targets, from this run's own numbers."""
    out = []
    if "shipped" in report:
        p95 = report["shipped"]["p95_ms"]
        out.append(f"shipped data: p95 {p95:.2f} ms — {'within' if p95 <= 10 else 'OVER'} the 10 ms target")
    for n, res in report["sizes"].items():
        w, f = res["whoosh"], res["fts5"]
        wall, cpu = w["p95_ms"] / f["p95_ms"], w["cpu_p95_ms"] / f["cpu_p95_ms"]
        target = "" if n != 5000 else " — within the 4× target" if wall <= 4 else " — OVER the 4× target"
        out.append(f"{n:,} entries: Whoosh p95 ÷ FTS5 p95 = {wall:.1f}× wall, {cpu:.1f}× CPU{target}")
    return out


def markdown(sizes: dict[int, dict[str, dict[str, Any]]]) -> str:
    lines = [
        "| entries | engine | build | on disk | open (fresh process) | query p50 / p95 | RSS open (+added) "
        "| CPU p50 / p95 | Whoosh ÷ it: build · open · p50 · p95 · CPU p95 · RSS |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, res in sizes.items():
        w = res["whoosh"]
        for arm, r in res.items():
            ratio = "—"
            if arm != "whoosh":

                def rt(key: str, r: dict[str, Any] = r, w: dict[str, Any] = w) -> str:
                    return f"{w[key] / r[key]:.1f}×" if r[key] else "—"

                ratio = " · ".join(rt(k) for k in ("build_s", "open_s", "p50_ms", "p95_ms", "cpu_p95_ms", "rss_mb"))
            lines.append(
                f"| {n:,} | {arm} | {r['build_s']:.2f} s | {r['size_mb']:.1f} MB | {r['open_s'] * 1000:.0f} ms "
                f"| {r['p50_ms']:.1f} / {r['p95_ms']:.1f} ms "
                f"| {r['rss_mb']:.0f} MB (+{r['rss_added_mb']:.0f}) | {r['cpu_p50_ms']:.1f} / {r['cpu_p95_ms']:.1f} ms "
                f"| {ratio} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        child_open(argv[1], int(argv[2]), argv[3])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="150,5000", help="comma-separated catalogue sizes (default 150,5000)")
    parser.add_argument("--with-50k", action="store_true", help="add the 50,000-entry size (minutes to build)")
    parser.add_argument("--reps", type=int, default=20, help="repetitions per query (default 20; 10 at 50k)")
    parser.add_argument("--skip-shipped", action="store_true", help="do not measure the shipped data")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.with_50k and 50_000 not in sizes:
        sizes.append(50_000)
    workdir = Path(tempfile.mkdtemp(prefix="exportref-search-bench-"))
    os.environ["EXPORTREF_CACHE_DIR"] = str(workdir / "unused")  # never touch the user's cache
    load = os.getloadavg()[0]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs ({cpu_model()}), load average {load:.1f}")
    try:
        report: dict[str, Any] = {"sizes": {}}
        if not args.skip_shipped:
            report["shipped"] = bench_shipped(args.reps, workdir)
        for n in sizes:
            report["sizes"][n] = bench_size(n, args.reps if n < 50_000 else max(5, args.reps // 2), workdir)
        print("\n" + markdown(report["sizes"]))
        for n, res in report["sizes"].items():
            print(f"\nper query p50 / p95 ms, {n:,} entries (total hits in brackets)")
            print("| query | " + " | ".join(res) + " |")
            print("|---|" + "---:|" * len(res))
            for q in QUERIES:
                cells = [
                    f"{r['queries'][q][0]:.1f} / {r['queries'][q][1]:.1f} [{r['queries'][q][2]}]" for r in res.values()
                ]
                print(f"| `{q}` | " + " | ".join(cells) + " |")
        print()
        for line in verdicts(report):
            print(line)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        if args.json:
            args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
