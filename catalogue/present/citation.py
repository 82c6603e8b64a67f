"""Citations a lawyer can paste into a memo: which instrument, as amended by what, and which item.

A catalogue item is cited through the edition in force on the date asked about plus the adjustments
made to it since, e.g. "Catalogue of Technologies Prohibited or Restricted from Export (MOFCOM & MOST
Announcement 2023 No. 57, as amended by Announcement 2025 No. 28), item 083201X". A measure is cited
by its announcement, with its Chinese document number where the data has it, and a clause by its label.

The citation never guesses: an unverified item number is said to be unverified, and an item that was
no longer listed on the date is cited as of its last listed day and marked as deleted.
"""

from __future__ import annotations

import datetime as dt
import re

from catalogue.model import Catalogue, Clause, ControlledItem, Edition, Entry, Instrument
from catalogue.time import editions_in_force, last_day, number_on, status_of

_ISSUER_PREFIX = re.compile(r"^(?P<issuers>.*?)\s*(?P<rest>(Announcement|Decree|Order)\b.*)$")


def _instrument_name(ed: Edition) -> str:
    return ed.instrument.en or ed.instrument.zh or ed.id


def _without_repeated_issuers(base: str, amendment: str) -> str:
    """'MOFCOM & MOST Announcement 2025 No. 28' → 'Announcement 2025 No. 28' when the base names the
    same issuers, as a lawyer would write it; different issuers are kept."""
    b = _ISSUER_PREFIX.match(base)
    a = _ISSUER_PREFIX.match(amendment)
    if a and b and a.group("issuers") == b.group("issuers"):
        return a.group("rest")
    return amendment


def catalogue_title(catalogue: Instrument, day: dt.date) -> str:
    title = catalogue.title.en or catalogue.short_title
    base, amendments = editions_in_force(catalogue, day)
    if base is None:
        return title
    base_name = _instrument_name(base)
    inside = base_name
    if amendments:
        names = [_without_repeated_issuers(base_name, _instrument_name(a)) for a in amendments]
        inside += ", as amended by " + " and ".join(names)
    return f"{title} ({inside})"


def _instrument_citation(inst: Instrument) -> str:
    doc = inst.document_number.zh if inst.document_number and inst.document_number.zh else None
    return f"{inst.short_title} ({doc})" if doc else inst.short_title


def _entry_citation(entry: Entry, cat: Catalogue, day: dt.date) -> str:
    owner = cat.instrument(entry.instrument_id)
    cited_day = day
    deleted = entry.listed.end is not None and day >= entry.listed.end
    if deleted:
        # Cite the text that listed it, not the one that removed it.
        cited_day = last_day(entry.listed) or day
    head = catalogue_title(owner, cited_day) if owner else entry.instrument_id
    num = number_on(entry, cited_day, cat)
    if num.number:
        item = f"item {num.number}"
    else:
        name = entry.name.zh or entry.name.en or entry.id
        item = f"item “{name}” ({num.words()})"
    text = f"{head}, {item}"
    if deleted:
        text += f" (deleted with effect from {entry.listed.end})"
    return text


def _item_citation(item: ControlledItem, owner: Instrument | None) -> str:
    head = _instrument_citation(owner) if owner else item.id
    name = item.name.zh or item.name.en or item.id
    parts = [name]
    if item.name.zh and item.name.en:
        parts = [f"{item.name.zh} ({item.name.en})"]
    if item.control_code:
        parts.append(f"control code {item.control_code}")
    return f"{head}, controlled item {', '.join(parts)}"


def cite(obj: object, cat: Catalogue, day: dt.date) -> str:
    """The citation for an entry, instrument, clause, controlled item or edition as of `day`."""
    if isinstance(obj, Entry):
        return _entry_citation(obj, cat, day)
    if isinstance(obj, Clause):
        owner = cat.owner_of(obj.id)
        head = _instrument_citation(owner) if owner else obj.id
        return f"{head}, {obj.label}"
    if isinstance(obj, ControlledItem):
        return _item_citation(obj, cat.owner_of(obj.id))
    if isinstance(obj, Edition):
        return _instrument_name(obj)
    if isinstance(obj, Instrument):
        if obj.editions:
            return catalogue_title(obj, day)
        return _instrument_citation(obj)
    raise TypeError(f"cannot cite {type(obj).__name__}")


def _dated_instrument(obj: object, cat: Catalogue, day: dt.date) -> Instrument | Edition | None:
    """The document whose dates and official address a citation gives: the instrument, or for a
    catalogue item the edition in force (its amendment, when one is the latest text)."""
    if isinstance(obj, Instrument) and not obj.editions:
        return obj
    if isinstance(obj, Edition):
        return obj
    if isinstance(obj, Clause | ControlledItem):
        return cat.owner_of(obj.id)
    owner = cat.instrument(obj.instrument_id) if isinstance(obj, Entry) else obj
    if not isinstance(owner, Instrument):
        return None
    return editions_in_force(owner, day)[0]


def _dates(doc: Instrument | Edition) -> str:
    if isinstance(doc, Edition):
        published, effective = doc.published, doc.effective
    else:
        published, effective = doc.published, doc.effective.start
    parts = []
    if published:
        parts.append(f"published {published}")
    if effective and effective != published:
        parts.append(f"effective {effective}")
    elif effective:
        parts[-1] = f"published and effective {effective}" if parts else f"effective {effective}"
    return ", ".join(parts)


def cite_with_status(obj: object, cat: Catalogue, day: dt.date) -> str:
    """What "Copy citation" puts on the clipboard: the citation with the document's dates, its status
    on the day in the status engine's words (a citation pasted into a memo must not lose "not
    verified") and the official address when the data has one."""
    text = cite(obj, cat, day)
    doc = _dated_instrument(obj, cat, day)
    dates = _dates(doc) if doc is not None else ""
    if dates:
        text += f"; {dates}"
    catalogue = cat.instrument(obj.instrument_id) if isinstance(obj, Entry) else obj
    if isinstance(catalogue, Instrument) and catalogue.editions:
        for amendment in editions_in_force(catalogue, day)[1]:
            text += f"; amended with effect from {amendment.effective or amendment.published}"
    st = status_of(obj, day, cat)
    if st is not None:
        text += f". Status on {day}: {st.label}"
        if not st.verified:
            text += f" (data checked to {st.checked_to})"
    url = doc.url if doc is not None else None
    if url:
        text += f". Official text: {url}"
    return text + "."
