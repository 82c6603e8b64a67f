"""Property-based tests: random but structurally plausible data files load, or fail with clean problems.

The strategies build an instrument file the way a person writes one — the right keys, mostly the
right kinds of value — and then get things wrong on purpose: a wrong type here, an impossible date or
a dangling id there, a key left out or misspelt, and, in the second test, the YAML text itself cut
short or spliced with anchors, tags, tabs, control and bidi characters. Whatever comes out, loading
must never raise: it returns a catalogue, or problems that each name a file we wrote with a line and
a column. Data that loads completely must also survive being shown (text and JSON) and asked about
as of a date, since a value the validator let through reaches those next.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.load import LoadResult, load_catalogue
from catalogue.present.to_json import to_json
from catalogue.present.to_text import to_text
from catalogue.time import status_of

# Enough examples to cover every field with both a good and a bad value several times over, while
# the whole file stays under ~20 s (each example writes a folder and loads it: ~10-20 ms). A load that
# never ends is caught by the per-test timeout (pyproject.toml); load times are bench/check_bench.py's.
EXAMPLES = 100
CLEAN_EXAMPLES = 40

SOURCE_IDS = ["s10", "s11", "s12"]
TOPIC_IDS = ["gallium-germanium", "batteries-lithium"]
# A small pool, so that generated objects collide (duplicate ids) and refer to each other.
ID_POOL = ["cn-fuzz-a", "cn-fuzz-b", "item-a", "item-b", "clause-a", "clause-b", "sector-a", "ed-2023"]

HEADER = {
    "dataset.yaml": "verified_to: 2026-06-30\ndescription: fuzz\n",
    "sources.yaml": "sources:\n"
    + "".join(f"  - {{id: {s}, title: Source {s}, url: 'https://example.org/{s}', kind: press}}\n" for s in SOURCE_IDS),
    "topics.yaml": "topics:\n" + "".join(f"  - {{id: {t}, name: {{en: {t}}}}}\n" for t in TOPIC_IDS),
}

# -- value strategies: mostly right, sometimes wrong ------------------------------------------------

junk: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),  # any keys, line breaks too
)
unicode_text = st.text(
    # Any character UTF-8 can carry (everything but lone surrogates) except the C0/C1 control
    # characters, which data may not hold (terminal escapes); tab and newline stay.
    st.characters(codec="utf-8", exclude_categories=("Cc",), include_characters="\t\n"),
    max_size=40,
)


def iso(d: dt.date) -> str:
    return d.isoformat()


real_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


class Fields:
    """Strategies for each part of an instrument file.

    A `clean` set draws only values that should load (unique ids, real dates, intervals in order,
    known references, plain text with something in it), so that complete loads happen and reach
    export and the timeline; the other set mixes in wrong types, impossible dates, unknown enum
    values, colliding ids and dangling references. The generated ids of a clean file are made unique
    afterwards (see `uniquify`).
    """

    def __init__(self, clean: bool) -> None:
        self.clean = clean

    def maybe_wrong(self, good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        # Weighted towards good values so that deeper rules (intervals, references, counts) are reached.
        return good if self.clean else st.one_of(good, good, good, junk)

    def pick(self, good: list[Any], bad: list[Any]) -> st.SearchStrategy[Any]:
        return st.sampled_from(good if self.clean else good + bad)

    def dates(self) -> st.SearchStrategy[str]:
        if self.clean:
            return real_dates.map(iso)
        return st.one_of(
            real_dates.map(iso),
            st.sampled_from(["2023-02-30", "2023-13-01", "0000-01-01", "9999-12-31", "2024-02-29", "2023-7-3"]),
        )

    def ids(self) -> st.SearchStrategy[str]:
        if self.clean:
            return st.just("placeholder")  # replaced by `uniquify`
        return st.one_of(st.sampled_from(ID_POOL), st.sampled_from(["Bad_Id", "", "x" * 130, "-a", "a--b"]))

    def refs(self) -> st.SearchStrategy[list[str]]:
        # A clean file refers to nothing but the sources and topics in the header.
        return st.just([]) if self.clean else st.lists(self.ids(), max_size=2)

    def sources(self) -> st.SearchStrategy[list[str]]:
        if self.clean:
            return st.lists(st.sampled_from(SOURCE_IDS), min_size=1, max_size=3, unique=True)
        return st.lists(st.sampled_from([*SOURCE_IDS, "s99"]), max_size=3)

    def confidence(self) -> st.SearchStrategy[str]:
        # 'confirmed' needs two distinct sources; a clean file does not try to arrange that.
        return self.pick(["single-source", "inferred"], ["confirmed", "sure"])

    def text(self) -> st.SearchStrategy[dict[str, Any]]:
        if self.clean:
            visible = unicode_text.filter(lambda t: t.strip() != "")
            return st.fixed_dictionaries(
                {"en": visible},
                optional={"zh": st.just("镓、锗相关物项"), "zh_wording": st.sampled_from(["official", "reported"])},
            )
        return st.fixed_dictionaries(
            {},
            optional={
                "zh": self.maybe_wrong(st.one_of(unicode_text, st.just("镓、锗相关物项"))),
                "en": self.maybe_wrong(unicode_text),
                "zh_wording": st.sampled_from(["official", "reported", "draft", "verbatim"]),
                "en_wording": st.sampled_from(["ours", "official", "mine"]),
            },
        )

    def interval(self) -> st.SearchStrategy[dict[str, Any]]:
        if self.clean:
            return st.builds(
                lambda start, days, known: (
                    {"from": iso(start), "from_known": known}
                    | ({"to": iso(start + dt.timedelta(days=days))} if days else {})
                ),
                real_dates,
                st.integers(0, 4000),
                st.booleans(),
            )
        date_or_none = self.maybe_wrong(st.one_of(self.dates(), st.none()))
        return st.fixed_dictionaries(
            {"from": date_or_none},
            optional={"to": date_or_none, "from_known": self.maybe_wrong(st.booleans()), "unknown_from": self.dates()},
        )

    def notes(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        return st.lists(
            st.fixed_dictionaries(
                {"kind": self.pick(["caveat", "conflict", "open-question"], ["aside"]), "text": self.text()},
                optional={"sources": self.sources()},
            ),
            max_size=2,
        )

    def status(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        period = st.fixed_dictionaries(
            {
                "state": self.pick(["in_force", "suspended", "repealed", "superseded", "lapsed", "folded"], ["paused"]),
                "valid": self.maybe_wrong(self.interval()),
                "sources": self.maybe_wrong(self.sources()),
                "confidence": self.confidence(),
            },
            optional={"wording": self.text()} if self.clean else {"by": self.ids(), "wording": self.text()},
        )
        return st.lists(period, max_size=1 if self.clean else 3)

    def history(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        event = st.fixed_dictionaries(
            {
                "date": st.one_of(self.dates(), st.none()),
                "change": self.pick(["listed", "modified", "deleted"], ["renamed"]),
                "note": self.text(),
                "sources": self.sources(),
            },
            optional={} if self.clean else {"by": self.ids()},
        )
        return st.lists(event, max_size=2)

    def clauses(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        clause = st.fixed_dictionaries(
            {
                "id": self.ids(),
                "label": self.maybe_wrong(self.pick(["para. 1", "item (3)"], [""])),
                "text": self.maybe_wrong(self.text()),
                "valid": self.maybe_wrong(self.interval()),
                "sources": self.maybe_wrong(self.sources()),
                "confidence": self.confidence(),
            },
            optional={"status": self.status(), "notes": self.notes()},
        )
        return st.lists(clause, max_size=3)

    def items(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        item = st.fixed_dictionaries(
            {
                "id": self.ids(),
                "name": self.maybe_wrong(self.text()),
                "valid": self.interval(),
                "sources": self.sources(),
                "confidence": self.confidence(),
            },
            optional={
                "group": unicode_text,
                "control_code": self.pick([None, "1C902", "2C902.a"], ["1c902", "ZZZ"]),
                "customs_codes": st.lists(self.pick(["8112929090", "2825", "1234*"], ["28*", "abc"]), max_size=2),
                "description": self.text(),
            },
        )
        return st.lists(item, max_size=3)

    def editions(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        counts: dict[str, st.SearchStrategy[Any]] = (
            {}
            if self.clean
            else {
                "items_total": self.maybe_wrong(st.integers(min_value=-1, max_value=200)),
                "prohibited": self.maybe_wrong(st.integers(min_value=-1, max_value=200)),
                "restricted": self.maybe_wrong(st.integers(min_value=-1, max_value=200)),
                "counts_confidence": self.confidence(),
            }
        )
        edition = st.fixed_dictionaries(
            {
                "id": self.ids(),
                "key": self.maybe_wrong(self.pick(["2008", "2023", "2025"], ["23"])),
                "instrument": self.text(),
                "kind": self.pick(["full", "adjustment"], ["partial"]),
                "sources": self.sources(),
                "confidence": self.confidence(),
            },
            optional={"published": self.dates(), "effective": self.dates(), **counts},
        )
        return st.lists(edition, max_size=2)

    def sectors(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        sector = st.fixed_dictionaries(
            {
                "id": self.ids(),
                "code": self.maybe_wrong(self.pick(["32", "08"], ["3"])),
                "classification": self.pick(["GB/T 4754-2017", "GB/T 4754-2002"], ["ISIC"]),
                "name": self.text(),
                "confidence": self.confidence(),
            }
        )
        return st.lists(sector, max_size=2)

    def entries(self) -> st.SearchStrategy[list[dict[str, Any]]]:
        point = st.fixed_dictionaries(
            {"text": self.text(), "valid": self.interval(), "sources": self.sources(), "confidence": self.confidence()},
            optional={"label": unicode_text, "notes": self.notes()},
        )
        former = st.fixed_dictionaries(
            {
                "number": self.pick(["010101J"], ["12"]),
                "editions": st.lists(self.pick(["2008", "2020"], ["20"]), max_size=2),
                "sources": self.sources(),
                "confidence": self.confidence(),
            }
        )
        # A clean entry has no number (numbers must be unique and agree with the status) and no end
        # date (control points may not start after it).
        listed = self.interval().map(lambda iv: {k: v for k, v in iv.items() if k != "to"}) if self.clean else None
        entry = st.fixed_dictionaries(
            {
                "id": self.ids(),
                "number": self.maybe_wrong(self.pick([None], ["083201X", "083201J", "085001X", "83201"])),
                "status": self.pick(["prohibited", "restricted"], ["forbidden"]),
                "name": self.maybe_wrong(self.text()),
                "listed": listed if listed is not None else self.maybe_wrong(self.interval()),
                "rationale": self.text(),
                "sources": self.maybe_wrong(self.sources()),
                "confidence": self.confidence(),
            },
            optional={
                "sector": st.none() if self.clean else st.one_of(st.none(), self.ids()),
                "control_points": st.lists(point, max_size=3),
                "topics": st.lists(self.pick(TOPIC_IDS, ["no-such-topic"]), max_size=2, unique=True),
                "related": self.refs(),
                "history": self.history(),
                "former_numbers": st.lists(former, max_size=1),
                "notes": self.notes(),
            },
        )
        return st.lists(entry, max_size=3)

    def optional(self, kind: str) -> dict[str, st.SearchStrategy[Any]]:
        fields: dict[str, st.SearchStrategy[Any]] = {
            "published": st.one_of(self.dates(), st.none()),
            "legal_basis": self.refs(),
            "status": self.status(),
            "rationale": self.text(),
            "topics": st.lists(self.pick(TOPIC_IDS, ["no-such-topic"]), max_size=2, unique=True),
            "related": self.refs(),
            "url": self.pick([None, "https://example.org/a"], ["ftp://example.org/a", "javascript:alert(1)"]),
            "verified_to": self.dates(),
            "history": self.history(),
            "notes": self.notes(),
            "clauses": self.clauses(),
            "items": self.items(),
        }
        if kind == "catalogue" or not self.clean:
            fields |= {"editions": self.editions(), "sectors": self.sectors(), "entries": self.entries()}
        return fields


def uniquify(doc: Any, counter: list[int]) -> None:
    """Give every nested object of a clean file its own id (the top-level id names the file)."""
    if isinstance(doc, dict):
        if doc.get("id") == "placeholder":
            counter[0] += 1
            doc["id"] = f"obj-{counter[0]}"
        for value in doc.values():
            uniquify(value, counter)
    elif isinstance(doc, list):
        for value in doc:
            uniquify(value, counter)


@st.composite
def instruments(draw: st.DrawFn, clean: bool | None = None) -> dict[str, Any]:
    if clean is None:
        clean = draw(st.booleans())
    f = Fields(clean)
    kind = draw(f.pick(["catalogue", "measure", "law"], ["treaty"]))
    doc: dict[str, Any] = {
        "id": draw(st.sampled_from(["cn-fuzz-a", "cn-fuzz-b"])),
        "kind": kind,
        "title": draw(f.maybe_wrong(f.text())),
        "short_title": draw(f.maybe_wrong(f.pick(["MOFCOM Announcement 2099 No. 1"], [""]))),
        "issuers": draw(f.maybe_wrong(st.lists(f.pick(["MOFCOM", "GACC"], [""]), max_size=2))),
        "effective": draw(f.maybe_wrong(f.interval())),
        "summary": draw(f.maybe_wrong(f.text())),
        "sources": draw(f.maybe_wrong(f.sources())),
        "confidence": draw(f.confidence()),
    }
    optional = f.optional(kind)
    for key in draw(st.sets(st.sampled_from(sorted(optional)), max_size=len(optional))):
        doc[key] = draw(optional[key])
    if clean:
        uniquify(doc, [0])
        doc_id = doc["id"]
        # Nested ids must differ between the instruments of one folder too.
        for key in ("clauses", "items", "editions", "sectors", "entries"):
            for obj in doc.get(key, []):
                obj["id"] = f"{doc_id}-{obj['id']}"
    else:
        # Leave out a required key, or add one nobody knows, now and then.
        if draw(st.integers(0, 9)) == 0:
            del doc[draw(st.sampled_from(sorted(doc)))]
        if draw(st.integers(0, 9)) == 0:
            doc[draw(st.sampled_from(["colour", "Entries", "sources "]))] = draw(junk)
    return doc


class _NoAliasDumper(yaml.SafeDumper):
    # Strategies may hand out one list object twice (st.just([])); PyYAML would then write an anchor
    # and an alias, which data files may not contain. Aliases are tested on purpose further down.
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(doc: dict[str, Any]) -> str:
    return yaml.dump(doc, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100)


# -- checks --------------------------------------------------------------------------------------------


def write_folder(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in {**HEADER, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def load_and_check(files: dict[str, str | bytes]) -> LoadResult:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_folder(root, files)
        result = load_catalogue(root)  # must not raise, whatever the files hold
        written = set(HEADER) | set(files)
        for p in result.problems:
            assert p.file in written, p.format()
            assert p.line >= 1 and p.column >= 1, p.format()
            assert p.message.strip(), p.format()
            # One problem is one output line of `exportref check` (no \n, \r, U+2028, U+0085 …).
            assert len(p.format().splitlines()) == 1, p.format()
        assert result.complete == (not result.problems)
        if result.problems:
            assert result.failed_files or any(p.file.endswith("/") for p in result.problems), result.problems
        else:
            exercise(result)
        return result


def exercise(result: LoadResult) -> None:
    """Complete data must survive being shown and dated — values the validator let through land here."""
    cat = result.catalogue
    days = (dt.date(1990, 1, 1), dt.date(2025, 7, 15), cat.verified_to, dt.date(2040, 12, 31))
    for ident in cat.all_ids():
        obj = cat.get(ident)
        assert obj is not None
        assert to_json(obj, cat)
        for day in days:
            status_of(obj, day, cat)
            to_text(obj, cat, as_of=day)
            to_json(obj, cat, as_of=day)


def instrument_files(docs: list[dict[str, Any]]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for doc in docs:
        name = doc.get("id") if isinstance(doc.get("id"), str) else "unnamed"
        files[f"instruments/{name}.yaml"] = dump(doc)
    return files


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(instruments(), min_size=1, max_size=2))
def test_generated_files_load_or_fail_cleanly(docs: list[dict[str, Any]]) -> None:
    load_and_check(instrument_files(docs))


# Things a hand edit, a bad merge or an editor can put into YAML text.
SPLICES = [
    "&a ",
    "*a",
    "*undefined",
    "!!python/object/apply:os.system ['true'] ",
    "!!binary ",
    "!custom ",
    "<<: *a\n",
    "? [a, b]\n: c\n",
    "- ",
    "\t",
    "{",
    "]",
    ": ",
    "'",
    '"',
    "#",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\x00",
    "\x07",
    "\ufeff",
    "\u202e",
    "\u2028",
    "\r",
    "镓" * 3,
    "0x1F",
    "1e400",
    ".nan",
    "2023-02-30",
    "~",
    "null",
    "yes",
]


@st.composite
def damaged_text(draw: st.DrawFn) -> dict[str, str | bytes]:
    doc = draw(instruments())
    text = dump(doc)
    name = doc["id"] if isinstance(doc.get("id"), str) else "unnamed"
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["splice", "truncate", "duplicate-line", "bytes"]))
        if how == "splice":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(SPLICES)) + text[at:]
        elif how == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif how == "duplicate-line":
            lines = text.splitlines(keepends=True)
            if lines:
                i = draw(st.integers(0, len(lines) - 1))
                lines.insert(i, lines[i])
                text = "".join(lines)
    content: str | bytes = text
    if draw(st.integers(0, 4)) == 0:
        raw = text.encode("utf-8")
        at = draw(st.integers(0, len(raw)))
        content = raw[:at] + draw(st.sampled_from([b"\xff", b"\xe9", b"\xc3", b"\xed\xa0\x80"])) + raw[at:]
    return {f"instruments/{name}.yaml": content}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_text())
def test_damaged_yaml_text_fails_cleanly(files: dict[str, str | bytes]) -> None:
    load_and_check(files)


def test_clean_files_always_load_completely() -> None:
    """Valid data in all its variety loads without a problem — and proves the clean strategies are
    clean, so that the tests above do reach export and the timeline, not only the validator."""

    @settings(max_examples=CLEAN_EXAMPLES, deadline=None, database=None)
    @given(st.lists(instruments(clean=True), min_size=1, max_size=2, unique_by=lambda d: d["id"]))
    def probe(docs: list[dict[str, Any]]) -> None:
        result = load_and_check(instrument_files(docs))
        assert result.complete, [p.format() for p in result.problems]
        assert {i.id for i in result.catalogue.instruments} == {d["id"] for d in docs}

    probe()
