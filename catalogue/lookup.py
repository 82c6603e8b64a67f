"""What a user means by an identifier: an id, an item number (current or former), a control or customs
code, or a document number in English or Chinese ("2023 No. 23", "2023年第23号").

`show` and `sheet` take anything search understands as a number; this resolves it without loading the
search engine."""

from __future__ import annotations

import re

from catalogue.model import Catalogue, ControlledItem, Edition, Entry, Instrument
from catalogue.numbers import docno, docnos_in, normalize_code
from catalogue.search.analysis import fold


def own_docnos(inst: Instrument) -> set[str]:
    """An instrument's own document numbers ("2023-23"), not those it cites: from its short title and
    Chinese document number, else the start of its Chinese title."""
    texts = [inst.short_title]
    if inst.document_number is not None:
        texts += [t for t in (inst.document_number.zh, inst.document_number.en) if t]
    own: set[str] = set()
    for t in texts:
        own |= docnos_in(t)
    if not own:  # some short titles carry no number; the Chinese title then starts with it
        for title in (inst.title.zh, inst.title.en):
            m = re.match(r"\s*\S*?公告\s*((?:19|20)\d\d)\s*年\s*第\s*(\d{1,4})\s*号", fold(title or ""))
            if m:
                own.add(docno(m.group(1), m.group(2)))
    return own


def edition_docnos(ed: Edition) -> set[str]:
    return docnos_in(ed.instrument.en or "") | docnos_in(ed.instrument.zh or "")


def resolve(cat: Catalogue, text: str) -> list[object]:
    """Every object `text` names, best first; empty when nothing matches. An id or an item number
    names one object; a code or a document number may name several (a customs code shared by items)."""
    wanted = text.strip()
    if not wanted:
        return []
    found = cat.get(wanted)
    if found is not None:
        return [found]
    docs = docnos_in(wanted)
    if docs:
        hits: list[object] = [inst for inst in cat.instruments if own_docnos(inst) & docs]
        hits += [ed for inst in cat.instruments for ed in inst.editions if edition_docnos(ed) & docs]
        if hits:
            return hits
    code = normalize_code(wanted)
    if not code:
        return []
    out: list[object] = []
    for inst in cat.instruments:
        for e in inst.entries:
            numbers = [e.number, *(f.number for f in e.former_numbers)]
            if any(n and normalize_code(n) == code for n in numbers):
                out.append(e)
        for it in inst.items:
            codes = [it.control_code, *it.also_control_codes, *it.customs_codes]
            if any(c and normalize_code(c) == code for c in codes):
                out.append(it)
    if out or len(code) < 4:
        return out
    # A control code's heading ("1C902" for 1C902.a–c) names the items under it.
    return [
        it
        for inst in cat.instruments
        for it in inst.items
        if any(c and normalize_code(c).startswith(code) for c in (it.control_code, *it.also_control_codes))
    ]


def describe(obj: object) -> str:
    """One line naming a candidate, for "several match" messages."""
    if isinstance(obj, Entry):
        return f"{obj.id}  {obj.number or ''} {obj.name.zh or obj.name.en or ''}".rstrip()
    if isinstance(obj, Instrument):
        return f"{obj.id}  {obj.short_title}"
    if isinstance(obj, ControlledItem):
        return f"{obj.id}  {obj.control_code or ''} {obj.name.zh or obj.name.en or ''}".rstrip()
    if isinstance(obj, Edition):
        return f"{obj.id}  {obj.key} edition"
    return str(getattr(obj, "id", obj))
