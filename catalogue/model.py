"""The domain model: frozen dataclasses built from the YAML data.

Nothing here knows about YAML, Whoosh or Qt. Objects are immutable so that the GUI, the search
index and the timeline can share one loaded `Catalogue` without defensive copies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Confidence(StrEnum):
    CONFIRMED = "confirmed"  # two or more independent sources agree
    SINGLE_SOURCE = "single-source"
    INFERRED = "inferred"  # no source states it; derived by arithmetic or from a pattern


class Kind(StrEnum):
    CATALOGUE = "catalogue"
    MEASURE = "measure"
    LAW = "law"


class EntryStatus(StrEnum):
    PROHIBITED = "prohibited"
    RESTRICTED = "restricted"


class ZhWording(StrEnum):
    """How close recorded Chinese text is to the official text."""

    OFFICIAL = "official"  # verbatim from the official text or a verbatim repost of it
    REPORTED = "reported"  # as quoted or summarised by a secondary source; may not be verbatim
    DRAFT = "draft"  # the wording of a consultation draft, not the final text


class EnWording(StrEnum):
    OURS = "ours"  # our own translation or paraphrase: unofficial
    OFFICIAL = "official"  # an official English text exists and is quoted


class ClauseState(StrEnum):
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    REPEALED = "repealed"
    SUPERSEDED = "superseded"
    LAPSED = "lapsed"
    FOLDED = "folded"  # merged into another instrument (e.g. the unified dual-use list)


class SourceKind(StrEnum):
    OFFICIAL = "official"
    REPOST = "repost"  # repost of the official text
    LAW_FIRM = "law-firm"
    PRESS = "press"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Text:
    """Bilingual text. `zh` is the Chinese as a source shows it; `en` is, unless marked official,
    our own unofficial English."""

    zh: str | None = None
    en: str | None = None
    zh_wording: ZhWording = ZhWording.REPORTED
    en_wording: EnWording = EnWording.OURS

    @property
    def en_is_unofficial(self) -> bool:
        return self.en_wording is EnWording.OURS

    def any(self) -> str:
        return self.en or self.zh or ""


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open validity interval [start, end).

    `start` is the first day something applies; `end` the first day it no longer does. `start=None`
    means the start is not known. `start_known=False` means "applies on `start` at the latest;
    earlier status not verified". `unknown_from` marks the first day from which the status is not
    known at all (e.g. pre-2023 items whose fate in the 2023 edition was not found).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    start_known: bool = True
    unknown_from: dt.date | None = None

    def state_on(self, day: dt.date) -> bool | None:
        """True if it applies on `day`, False if not, None if the data cannot say."""
        if self.end is not None and day >= self.end:
            return False
        if self.unknown_from is not None and day >= self.unknown_from:
            return None
        if self.start is None:
            return None
        if day < self.start:
            return False if self.start_known else None
        return True

    def contains(self, day: dt.date) -> bool:
        return self.state_on(day) is True


@dataclass(frozen=True, slots=True)
class Note:
    """A caveat, a conflict between sources, or an open question, kept next to the fact."""

    kind: str  # caveat | conflict | open-question
    text: Text
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str | None
    date: dt.date | None
    url: str | None
    kind: SourceKind
    locator: str | None = None  # for sources without a URL, e.g. a repository path
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: Text
    synonyms_en: tuple[str, ...] = ()
    synonyms_zh: tuple[str, ...] = ()
    description: str | None = None
    # Words that mean the same thing within the topic (gallium, Ga, 镓): typing one finds the others,
    # not the whole topic (gallium must not find germanium). Words in no group stand for the topic.
    terms: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Sector:
    id: str
    code: str
    classification: str  # e.g. "GB/T 4754-2017"
    name: Text
    sources: tuple[str, ...] = ()
    confidence: Confidence = Confidence.INFERRED
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Edition:
    id: str  # instrument id, e.g. cn-mofcom-2023-57
    key: str  # short key used by `diff`: "2008", "2020", "2023", "2025"
    instrument: Text  # e.g. "MOFCOM & MOST Announcement 2023 No. 57"
    published: dt.date | None
    effective: dt.date | None
    kind: str  # full | adjustment
    items_total: int | None
    prohibited: int | None
    restricted: int | None
    counts_confidence: Confidence
    changes: str | None  # e.g. "34 deleted, 4 added, 37 modified"
    url: str | None
    sources: tuple[str, ...]
    confidence: Confidence
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class ControlPoint:
    text: Text
    valid: Interval
    sources: tuple[str, ...]
    confidence: Confidence
    label: str | None = None  # the point's number in the official list, when known
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    date: dt.date | None
    change: str  # listed | modified | renumbered | deleted | ...
    note: Text
    sources: tuple[str, ...]
    by: str | None = None  # instrument id that made the change


@dataclass(frozen=True, slots=True)
class FormerNumber:
    number: str
    editions: tuple[str, ...]
    sources: tuple[str, ...]
    confidence: Confidence


@dataclass(frozen=True, slots=True)
class PointsTotal:
    """How many control points an edition's official text gives the entry, when a source shows it.

    `count` is exact unless `at_least` is set, in which case the text has `count` points or more
    (e.g. a later draft appends points numbered 9 to 13, so the 2023 text has at least 8). The
    entry may show fewer points than this: the app should say "the 2023 text has at least 8
    points; N shown".
    """

    edition: str  # an edition key of the catalogue, e.g. "2023"
    count: int
    at_least: bool
    sources: tuple[str, ...]
    confidence: Confidence
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of the technology catalogue."""

    id: str
    instrument_id: str
    number: str | None
    status: EntryStatus
    sector: str | None
    name: Text
    listed: Interval
    control_points: tuple[ControlPoint, ...]
    rationale: Text
    topics: tuple[str, ...]
    related: tuple[str, ...]
    history: tuple[HistoryEvent, ...]
    sources: tuple[str, ...]
    confidence: Confidence
    former_numbers: tuple[FormerNumber, ...] = ()
    notes: tuple[Note, ...] = ()
    # The edition keys ("2023", "2025", ...) whose text, as the sources report it, gives the item
    # `number`. Never empty when `number` is set. An edition absent from it is one whose number for
    # the item was not seen (e.g. 203912X is attested for the 2023 text only; the 2020 adjustment
    # numbered its additions differently). Older numbers are in `former_numbers`.
    number_editions: tuple[str, ...] = ()
    # The official control-point totals per edition, where a source shows or implies them.
    points_total: tuple[PointsTotal, ...] = ()
    # How sure the placement of this entry under `sector` is (the sector's own confidence is about
    # the heading, not about this entry). None: not recorded.
    sector_confidence: Confidence | None = None

    kind = "entry"

    def control_points_on(self, day: dt.date) -> tuple[ControlPoint, ...]:
        return tuple(cp for cp in self.control_points if cp.valid.state_on(day) is not False)


@dataclass(frozen=True, slots=True)
class StatusPeriod:
    """One period of a clause's or measure's status, e.g. suspended from–to by an instrument."""

    state: ClauseState
    valid: Interval
    by: str | None  # the instrument that caused this state
    wording: Text | None  # the source's own words, e.g. 暂停实施至2026年11月27日
    sources: tuple[str, ...]
    confidence: Confidence


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    label: str  # e.g. "para. 2", "item (3)"
    text: Text
    valid: Interval
    status: tuple[StatusPeriod, ...]
    sources: tuple[str, ...]
    confidence: Confidence
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class ControlledItem:
    id: str
    name: Text
    control_code: str | None
    customs_codes: tuple[str, ...]
    description: Text | None
    valid: Interval
    sources: tuple[str, ...]
    confidence: Confidence
    notes: tuple[Note, ...] = ()
    group: str | None = None  # heading within the measure, e.g. 镓相关物项
    # Further control codes the official text prints on the same item line, in its order
    # (e.g. "1E004、1E101.b．生产…的技术": control_code 1E004, also_control_codes ("1E101.b",)).
    also_control_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """An article of a law: one the catalogue or a measure rests on, or one a lawyer reads around it.

    `chapter` and `section` are the headings the article stands under in the official text (zh
    verbatim, en ours); `None` for a law without chapters. `wording_to` is the first day on which the
    recorded wording is no longer the law's text (a later revision replaced it and its text is not in
    the data); `None` when the data knows of no such revision.
    """

    label: str  # e.g. "Art. 18"
    text: Text
    sources: tuple[str, ...]
    confidence: Confidence
    notes: tuple[Note, ...] = ()
    chapter: Text | None = None  # e.g. 第四章 法律责任 / Chapter 4 Legal liability
    section: Text | None = None  # e.g. 第二节 两用物项出口管理, within the chapter
    wording_to: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Instrument:
    id: str
    kind: Kind
    title: Text
    short_title: str  # how a lawyer cites it, e.g. "MOFCOM & GACC Announcement 2023 No. 23"
    issuers: tuple[str, ...]
    document_number: Text | None  # e.g. 商务部 海关总署公告2023年第23号
    published: dt.date | None
    effective: Interval
    legal_basis: tuple[str, ...]
    status: tuple[StatusPeriod, ...]
    summary: Text
    rationale: Text
    topics: tuple[str, ...]
    related: tuple[str, ...]
    url: str | None
    sources: tuple[str, ...]
    confidence: Confidence
    file: str  # the data file it came from, relative to the data folder
    # Changes to this instrument were looked for up to this date (None: the dataset's verified_to
    # applies). `verified_sources` are the sources of that check; `verified_note` says what was checked.
    verified_to: dt.date | None = None
    verified_sources: tuple[str, ...] = ()
    verified_note: Text | None = None
    editions: tuple[Edition, ...] = ()
    sectors: tuple[Sector, ...] = ()
    entries: tuple[Entry, ...] = ()
    clauses: tuple[Clause, ...] = ()
    items: tuple[ControlledItem, ...] = ()
    articles: tuple[Article, ...] = ()
    history: tuple[HistoryEvent, ...] = ()
    notes: tuple[Note, ...] = ()
    # True when `published` is only an approximate day ("about 22 Jun 2026"): show it as "about …".
    published_approx: bool = False


@dataclass(frozen=True)
class Catalogue:
    """Everything loaded from one data folder."""

    instruments: tuple[Instrument, ...]
    sources: dict[str, Source]
    topics: dict[str, Topic]
    verified_to: dt.date
    fingerprint: str
    data_dir: str
    _by_id: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    _by_number: dict[str, Entry] = field(default_factory=dict, repr=False, compare=False)
    # Which instrument holds each entry, clause, item and edition: owner_of is asked once per clause
    # when the tree is built, and a scan per question took 59 s to open 10,000 instruments.
    _owner: dict[str, Instrument] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for inst in self.instruments:
            self._owner.setdefault(inst.id, inst)
            members: tuple[Entry | Clause | ControlledItem | Edition, ...] = (
                *inst.entries,
                *inst.clauses,
                *inst.items,
                *inst.editions,
            )
            for member in members:
                self._owner.setdefault(member.id, inst)
        for inst in self.instruments:
            self._by_id[inst.id] = inst
            for ed in inst.editions:
                self._by_id[ed.id] = ed
            for entry in inst.entries:
                self._by_id[entry.id] = entry
                if entry.number:
                    self._by_number[entry.number.upper()] = entry
                for former in entry.former_numbers:
                    self._by_number.setdefault(former.number.upper(), entry)
            for clause in inst.clauses:
                self._by_id[clause.id] = clause
            for item in inst.items:
                self._by_id[item.id] = item

    def get(self, ident: str) -> object | None:
        """An instrument, edition, entry, clause or item by id, or an entry by (former) number."""
        found = self._by_id.get(ident)
        if found is None:
            found = self._by_number.get(ident.strip().upper())
        return found

    def instrument(self, ident: str) -> Instrument | None:
        found = self._by_id.get(ident)
        return found if isinstance(found, Instrument) else None

    def owner_of(self, ident: str) -> Instrument | None:
        """The instrument that holds an entry, clause, item or edition (an instrument: itself)."""
        return self._owner.get(ident)

    def entries(self) -> Iterator[Entry]:
        for inst in self.instruments:
            yield from inst.entries

    def of_kind(self, kind: Kind) -> tuple[Instrument, ...]:
        return tuple(i for i in self.instruments if i.kind is kind)

    @property
    def catalogue(self) -> Instrument | None:
        cats = self.of_kind(Kind.CATALOGUE)
        return cats[0] if cats else None

    def all_ids(self) -> list[str]:
        return sorted(self._by_id)
