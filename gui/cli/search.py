"""`exportref search` and `exportref index`: the search engine from the command line.

    exportref search QUERY [--json] [--limit N] [--status S] [--kind K] [--topic T] [--as-of DATE] [--notes]
    exportref index [--rebuild]

Both answer through `catalogue.search.SearchEngine`; this module parses arguments and prints.

`--notes` also lists the user's private notes that match, read from this computer's notes folder and
matched in memory (catalogue.search.notes), never through the index. They are off by default, as on a
sheet: what a command prints is often pasted or piped into files that others read. With the flag they
come after the data's hits, in a section of their own (a key of their own in JSON), never among them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from typing import TYPE_CHECKING, Any

from catalogue.search.vocabulary import KINDS, status_choices, status_filter_value
from gui.cli.common import load_or_report, parse_date
from gui.cli.terminal import json_text

if TYPE_CHECKING:
    # Whoosh is imported only by the commands that search, not by every `exportref` call.
    from catalogue.model import Catalogue
    from catalogue.search.engine import IndexStats, SearchEngine, SearchResults


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="ranked search results, in English or Chinese",
        description='Words must all match; "quoted phrases"; OR; NOT or a leading minus; magnet* for words '
        "starting with magnet; filters status:, kind:, topic:, number:. Item numbers (083201X, 0832), control "
        "codes (1C902), customs codes and document numbers (2023 No. 23, 2023年第23号) jump to the top.",
    )
    p.add_argument("query", help="what to search for; quote it in the shell if it has spaces")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)")
    p.add_argument(
        "--status",
        type=status_filter_value,
        choices=status_choices(),
        metavar="S",
        help="only hits with this status on the as-of date: prohibited, restricted, or a word of the status "
        "vocabulary (in_force, folded, listed, suspended, suspension_ended, not_yet_in_force, repealed, delisted, "
        "not_verified, unknown), current or historical",
    )
    p.add_argument("--kind", choices=KINDS, help="only this kind of document")
    p.add_argument("--topic", help="only this topic (its id, name or a synonym)")
    p.add_argument("--as-of", type=parse_date, metavar="DATE", help="judge what is current on DATE (default today)")
    p.add_argument(
        "--notes",
        action="store_true",
        help="also list your private notes that match, after the data's hits and apart from them (off by "
        "default: notes stay private unless asked for)",
    )
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "index",
        help="build or refresh the search index; print its stats",
        description="Opens the search index in the cache folder ($EXPORTREF_CACHE_DIR overrides), building it "
        "when the data or the index format changed. Prints documents, size on disk, build time, fingerprint.",
    )
    p.add_argument("--rebuild", action="store_true", help="build afresh even if the index is current")
    p.set_defaults(func=cmd_index)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


class _Progress:
    """Build progress on stderr, only when someone is watching."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.enabled and (done == total or now - self.last > 0.2):
            self.last = now
            print(f"\rbuilding the search index… {done}/{total}", end="" if done < total else "\n", file=sys.stderr)


def _engine() -> SearchEngine:
    from catalogue.search.engine import SearchEngine

    return SearchEngine(load_or_report().catalogue)


def results_json(res: SearchResults, verified_to: dt.date) -> dict[str, Any]:
    """The JSON contract of `exportref search --json` (README, "Search JSON").

    Top level: query, total, hits, suggestion, notice, as_of, verified_to. Each hit: id, kind, number,
    name {zh, en}, status (a word of the status vocabulary), historical, score, snippet (plain text),
    snippet_spans ([start, end) character offsets of the matches in snippet), matched_via, and from the
    status engine the same words the detail view shows: status_label, status_text, verified."""
    from catalogue.search.engine import snippet_plain

    hits = []
    for h in res.hits:
        text, spans = snippet_plain(h.snippet)
        hits.append(
            {
                "id": h.id,
                "kind": h.kind,
                "number": h.number,
                "name": {"zh": h.name_zh, "en": h.name_en},
                "status": h.status,
                "status_label": h.status_label,
                "status_text": h.status_text,
                "verified": h.verified,
                "listing": h.listing,
                "historical": h.historical,
                "score": h.score,
                "snippet": text,
                "snippet_spans": [list(span) for span in spans],
                "matched_via": h.matched_via,
            }
        )
    return {
        "query": res.query,
        "as_of": res.as_of.isoformat() if res.as_of else None,
        "verified_to": verified_to.isoformat(),
        "total": res.total,
        "hits": hits,
        "suggestion": res.suggestion,
        "notice": res.notice,
    }


def snippet_text(snippet: str, emphasis: tuple[str, str] = ("«", "»")) -> str:
    """A result snippet for a terminal: the matches our only markup marks are put between «…»."""
    from catalogue.search.engine import snippet_plain

    text, spans = snippet_plain(snippet)
    out: list[str] = []
    cur = 0
    for start, end in spans:
        out += [text[cur:start], emphasis[0], text[start:end], emphasis[1]]
        cur = end
    out.append(text[cur:])
    return "".join(out)


def my_notes(args: argparse.Namespace, cat: Catalogue) -> list[dict[str, Any]] | None:
    """The private notes that match the query, as JSON rows; None when they were not searched because
    the query or the options filter the data (status, kind, topic), which a note cannot meet."""
    from catalogue.present.html import page_title
    from catalogue.search.engine import snippet_plain
    from catalogue.search.notes import search_notes
    from catalogue.userdata import UserData

    found = search_notes(args.query, UserData().notes())
    if found.filtered or args.status or args.kind or args.topic:
        return None
    rows = []
    day = args.as_of or dt.date.today()
    for match in found.matches:
        obj = cat.get(match.entry_id)
        in_data = obj is not None and str(getattr(obj, "id", "")) == match.entry_id
        text, spans = snippet_plain(match.snippet)
        rows.append(
            {
                "id": match.entry_id,
                "title": page_title(obj, cat, day) if in_data else None,
                "in_data": in_data,
                "snippet": text,
                "snippet_spans": [list(span) for span in spans],
                "updated": match.updated,
            }
        )
    return rows


def print_my_notes(rows: list[dict[str, Any]] | None) -> None:
    if rows is None:
        print("My notes: not searched, because the search is filtered (status, kind, topic, number), which")
        print("is about the data; search without the filter to find your notes.")
        return
    print(f"My notes (private, on this computer; not from the data): {len(rows)} match(es)")
    for row in rows:
        title = row["title"] or f"{row['id']} (not in this data set; the note is kept)"
        print(f"  ✎ {title} — note changed {str(row['updated'])[:10]}")
        spans = row["snippet_spans"]
        text = row["snippet"]
        marked, cur = [], 0
        for start, end in spans:
            marked += [text[cur:start], "«", text[start:end], "»"]
            cur = end
        marked.append(text[cur:])
        print(f"     {''.join(marked)}")


def cmd_search(args: argparse.Namespace) -> int:
    engine = _engine()
    verified_to = engine.catalogue.verified_to
    try:
        engine.ensure_index(progress=_Progress())
        res = engine.search(
            args.query, limit=args.limit, as_of=args.as_of, status=args.status, kind=args.kind, topic=args.topic
        )
    finally:
        engine.close()
    if res.warning:
        print(f"warning: {res.warning}", file=sys.stderr)
    notes = my_notes(args, engine.catalogue) if args.notes else None
    if args.json:
        out = results_json(res, verified_to)
        if args.notes:
            out["my_notes"] = notes
        print(json_text(out))
        return 0
    shown = len(res.hits)
    day = res.as_of.isoformat() if res.as_of else "today"
    print(
        f"{res.total} result(s) for {res.query!r}, status as of {day}"
        + (f", showing {shown}" if shown < res.total else "")
    )
    if res.as_of and res.as_of > verified_to:
        print(f"The data was verified to {verified_to}: statuses after that date are not verified.")
    for i, h in enumerate(res.hits, 1):
        head = " · ".join(x for x in (h.number, h.name_zh, h.name_en) if x)
        print(f"{i:3}. [{' · '.join(word.upper() for _key, word in h.tags())}] {head}")
        print(f"     {h.kind} {h.id} — {h.status_label}")
        if h.snippet:
            print(f"     {snippet_text(h.snippet)}")
        if h.matched_via:
            print(f"     matched via: {h.matched_via}")
    if res.suggestion:
        print(f"Did you mean: {res.suggestion}")
    if res.notice:
        print(res.notice)
    if args.notes:
        print_my_notes(notes)
    return 0


def stats_lines(stats: IndexStats, seconds: float) -> list[str]:
    where = "in memory" if stats.in_memory else str(stats.path)
    built = f"{stats.build_seconds:.2f} s" if stats.build_seconds is not None else "unknown"
    lines = [
        f"index: {where}",
        f"documents: {stats.documents}",
        f"size on disk: {stats.size_bytes / 1024:.0f} KiB ({stats.size_bytes} bytes)",
        f"build time: {built}" + (f" (built {stats.built_at})" if stats.built_at and not stats.rebuilt else ""),
        f"fingerprint: {stats.fingerprint}",
        f"schema version: {stats.schema_version}",
        ("rebuilt now" if stats.rebuilt else "opened the existing index") + f" in {seconds:.2f} s",
    ]
    if stats.warning:
        lines.append(f"warning: {stats.warning}")
    return lines


def cmd_index(args: argparse.Namespace) -> int:
    engine = _engine()
    started = time.perf_counter()
    try:
        stats = engine.rebuild(progress=_Progress()) if args.rebuild else engine.ensure_index(progress=_Progress())
    finally:
        engine.close()
    for line in stats_lines(stats, time.perf_counter() - started):
        print(line)
    return 0
