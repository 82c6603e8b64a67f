"""What English a Chinese text may keep, worked out from the data rather than listed by hand.

In the Chinese interface our own words are Chinese; what may stay English is what the data holds only
in English: a Text with no Chinese (an English-only note, an item's name where the Chinese was not
seen), an instrument's English citation where the data has neither its Chinese document number nor
its Chinese title (also as lists put it, number first), a clause's label, an
edition's summary of its changes, the curated search terms, record and source ids — and the
abbreviations of the issuing authorities (MOFCOM, GACC, MOST, …) and product names. `english_left`
takes those out and returns the runs of three or more Latin letters that remain: our own words that
nobody translated.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from catalogue.i18n import using_language
from catalogue.model import Catalogue, Instrument, Text
from catalogue.time.status import instrument_name

_DOCNO = re.compile(r"\b(?:19|20)\d\d No\. \d+\b")
CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH_RUN = re.compile(r"[A-Za-z]{3,}")
PRODUCT_NAMES = frozenset({"ExportRef", "PDF"})


def _texts(obj: object) -> Iterator[Text]:
    if isinstance(obj, Text):
        yield obj
    elif isinstance(obj, tuple | list):
        for item in obj:
            yield from _texts(item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _texts(getattr(obj, f.name))


def _ids(obj: object) -> Iterator[str]:
    """The ids of a record and of every record inside it (what a "→ id" line names)."""
    if isinstance(obj, tuple | list):
        for item in obj:
            yield from _ids(item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if isinstance(ident := getattr(obj, "id", None), str):
            yield ident
        for f in dataclasses.fields(obj):
            yield from _ids(getattr(obj, f.name))


def _english_citation(inst: Instrument) -> bool:
    with using_language("zh"):
        return instrument_name(inst) == inst.short_title


def data_english(cat: Catalogue) -> list[str]:
    """The data's strings that have no Chinese in the data, longest first (so that a longer one is
    taken out before a shorter one inside it)."""
    found: set[str] = set()
    for inst in cat.instruments:
        found.update(t.en for t in _texts(inst) if t.en and not t.zh)
        if _english_citation(inst):
            found.add(inst.short_title)
            # Lists lead with the document number: "2025 No. 70 — MOFCOM & GACC Announcement".
            if (m := _DOCNO.search(inst.short_title)) and (head := inst.short_title[: m.start()].strip()):
                found.add(f"{m.group(0)} — {head}")
        found.update(c.label for c in inst.clauses)
        found.update(ed.changes for ed in inst.editions if ed.changes)
        found.update(_ids(inst))
    found.update(t.name.en for t in cat.topics.values() if t.name.en and not t.name.zh)
    # The curated search terms (topics.yaml), which name a reworded point's subject ("镓 / gallium").
    found.update(term for t in cat.topics.values() for term in t.synonyms_en)
    found.update(cat.sources)
    return sorted((_flat(s) for s in found if s.strip()), key=lambda s: (-len(s), s))


def allowed_names(cat: Catalogue) -> frozenset[str]:
    """The issuing authorities' abbreviations as the data spells them, and product names."""
    words = {w for inst in cat.instruments for issuer in inst.issuers for w in ENGLISH_RUN.findall(issuer)}
    return frozenset({w for w in words if w.isupper()} | PRODUCT_NAMES)


_WIDE = "\u3000-\u9fff\uff00-\uffef"


def _flat(text: str) -> str:
    """Whitespace as one space, none beside a Chinese character (a line may break between any two)
    and none after a hyphen: a wrapped line reads as the string it wraps."""
    flat = re.sub(rf"\s*([{_WIDE}])\s*", r"\1", " ".join(text.split()))
    return re.sub(r"-\s+", "-", flat)


def english_left(text: str, data: list[str], names: frozenset[str]) -> list[str]:
    """The runs of 3+ Latin letters in `text` that are neither in a data string nor a name."""
    flat = _flat(text)
    for phrase in data:
        if phrase in flat:  # whole words only: a label "listing" must not hide a "listings" of ours
            flat = re.sub(r"(?<![A-Za-z])" + re.escape(phrase) + r"(?![A-Za-z])", " ", flat)
    return [w for w in ENGLISH_RUN.findall(flat) if w not in names]
