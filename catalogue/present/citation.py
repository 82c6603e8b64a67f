"""Citations a lawyer can paste into a memo: which instrument, as amended by what, and which item —
in English or in Chinese, each as that profession writes it.

English: a catalogue item is cited through the edition in force on the date asked about plus the
adjustments made to it since, e.g. "Catalogue of Technologies Prohibited or Restricted from Export
(MOFCOM & MOST Announcement 2023 No. 57, as amended by Announcement 2025 No. 28), item 083201X". A
measure is cited by its announcement, with its Chinese document number where the data has it, and a
clause by its label.

Chinese: the title in book-title marks and the documents that issued and adjusted it, e.g.
《中国禁止出口限制出口技术目录》（商务部 科技部公告2023年第57号发布，2025年第28号调整）第083201X项; a
measure by its document number, e.g. 商务部 海关总署公告2023年第23号. Only Chinese the data records
is used (titles and document numbers); where it has none, the English form's names stand in.

The citation never guesses: an unverified item number is said to be unverified, and an item that was
no longer listed on the date is cited as of its last listed day and marked as deleted.
"""

from __future__ import annotations

import datetime as dt
import re

from catalogue.i18n import Language, current_language, day_text, gettext, using_language
from catalogue.model import Catalogue, Clause, ControlledItem, Edition, Entry, Instrument
from catalogue.present.bidi import close_bidi
from catalogue.time import State, editions_in_force, entry_status, last_day, number_on, status_of

_ISSUER_PREFIX = re.compile(r"^(?P<issuers>.*?)\s*(?P<rest>(Announcement|Decree|Order)\b.*)$")
# 商务部 科技部公告2025年第28号 → issuers and kind "商务部 科技部公告", rest "2025年第28号".
_ZH_PREFIX = re.compile(r"^(?P<issuers>.*?(?:公告|令))(?P<rest>.+)$")


def _zh() -> bool:
    return current_language() == "zh"


def _instrument_name(ed: Edition) -> str:
    if _zh() and ed.instrument.zh:
        return ed.instrument.zh
    return ed.instrument.en or ed.instrument.zh or ed.id


def _without_repeated_issuers(base: str, amendment: str) -> str:
    """'MOFCOM & MOST Announcement 2025 No. 28' → 'Announcement 2025 No. 28' when the base names the
    same issuers, as a lawyer would write it; different issuers are kept. In Chinese, 商务部 科技部公告
    2025年第28号 → 2025年第28号 when the base is a 商务部 科技部公告 too."""
    pattern = _ZH_PREFIX if _zh() else _ISSUER_PREFIX
    b = pattern.match(base)
    a = pattern.match(amendment)
    if a and b and a.group("issuers") == b.group("issuers"):
        return a.group("rest")
    return amendment


def _book_title(inst: Instrument) -> str:
    return f"《{inst.title.zh}》" if inst.title.zh else inst.title.en or inst.short_title


def catalogue_title(catalogue: Instrument, day: dt.date) -> str:
    zh = _zh()
    title = _book_title(catalogue) if zh else catalogue.title.en or catalogue.short_title
    base, amendments = editions_in_force(catalogue, day)
    if base is None:
        return title
    base_name = _instrument_name(base)
    names = [_without_repeated_issuers(base_name, _instrument_name(a)) for a in amendments]
    if zh:
        inside = f"{base_name}发布"
        if names:
            inside += f"，{'、'.join(names)}调整"
        return f"{title}（{inside}）"
    inside = base_name
    if names:
        inside += ", as amended by " + " and ".join(names)
    return f"{title} ({inside})"


def _instrument_citation(inst: Instrument) -> str:
    doc = inst.document_number.zh if inst.document_number and inst.document_number.zh else None
    if _zh():
        return doc or _book_title(inst)
    return f"{inst.short_title} ({doc})" if doc else inst.short_title


def _entry_citation(entry: Entry, cat: Catalogue, day: dt.date) -> str:
    owner = cat.instrument(entry.instrument_id)
    cited_day = day
    # Whether the item was no longer listed on the day is the status engine's answer; the date it was
    # deleted with effect from is the listing's end, as the catalogue's text gives it.
    deleted = entry.listed.end is not None and entry_status(entry, day, cat).state is State.DELISTED
    if deleted:
        # Cite the text that listed it, not the one that removed it.
        cited_day = last_day(entry.listed) or day
    head = catalogue_title(owner, cited_day) if owner else entry.instrument_id
    num = number_on(entry, cited_day, cat)
    name = entry.name.zh or entry.name.en or entry.id
    if _zh():
        item = f"第{num.number}项" if num.number else f"所列“{name}”项（{num.words()}）"
        text = f"{head}{item}"
        if deleted and entry.listed.end is not None:
            text += f"（自{day_text(entry.listed.end)}起删除）"
        return text
    item = f"item {num.number}" if num.number else f"item “{name}” ({num.words()})"
    text = f"{head}, {item}"
    if deleted and entry.listed.end is not None:
        text += f" (deleted with effect from {entry.listed.end})"
    return text


def _item_citation(item: ControlledItem, owner: Instrument | None) -> str:
    head = _instrument_citation(owner) if owner else item.id
    name = item.name.zh or item.name.en or item.id
    if _zh():
        text = f"{head}所列物项“{name}”"
        return text + (f"（管制编码{item.control_code}）" if item.control_code else "")
    parts = [name]
    if item.name.zh and item.name.en:
        parts = [f"{item.name.zh} ({item.name.en})"]
    if item.control_code:
        parts.append(f"control code {item.control_code}")
    return f"{head}, controlled item {', '.join(parts)}"


def cite(obj: object, cat: Catalogue, day: dt.date, *, lang: Language | None = None) -> str:
    """The citation for an entry, instrument, clause, controlled item or edition as of `day`, in
    `lang` (default: the current language). What a data string opened (a U+202E in a name) is closed at
    the end, so that text pasted after the citation reads as written."""
    return close_bidi(_cite(obj, cat, day, lang))


def _cite(obj: object, cat: Catalogue, day: dt.date, lang: Language | None) -> str:
    with using_language(lang):
        if isinstance(obj, Entry):
            return _entry_citation(obj, cat, day)
        if isinstance(obj, Clause):
            owner = cat.owner_of(obj.id)
            head = _instrument_citation(owner) if owner else obj.id
            return f"{head}，{obj.label}" if _zh() else f"{head}, {obj.label}"
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
    _ = gettext
    parts = []
    if published:
        parts.append(_("published {day}").format(day=day_text(published)))
    if effective and effective != published:
        parts.append(_("effective {day}").format(day=day_text(effective)))
    elif effective:
        both = _("published and effective {day}").format(day=day_text(effective))
        if parts:
            parts[-1] = both
        else:
            parts.append(_("effective {day}").format(day=day_text(effective)))
    return ("，" if _zh() else ", ").join(parts)


def cite_with_status(obj: object, cat: Catalogue, day: dt.date, *, lang: Language | None = None) -> str:
    """What "Copy citation" puts on the clipboard: the citation with the document's dates, its status
    on the day in the status engine's words (a citation pasted into a memo must not lose "not
    verified") and the official address when the data has one — in `lang` (default: the current one)."""
    with using_language(lang):
        return _cite_with_status(obj, cat, day)


def _cite_with_status(obj: object, cat: Catalogue, day: dt.date) -> str:
    _ = gettext
    text = cite(obj, cat, day)
    doc = _dated_instrument(obj, cat, day)
    dates = _dates(doc) if doc is not None else ""
    semi = "；" if _zh() else "; "
    if dates:
        text += semi + dates
    catalogue = cat.instrument(obj.instrument_id) if isinstance(obj, Entry) else obj
    if isinstance(catalogue, Instrument) and catalogue.editions:
        for amendment in editions_in_force(catalogue, day)[1]:
            when = day_text(amendment.effective or amendment.published)
            text += semi + _("amended with effect from {day}").format(day=when)
    st = status_of(obj, day, cat)
    if st is not None:
        text += _(". Status on {day}: {label}").format(day=day_text(day), label=st.label)
        if not st.verified:
            text += _(" (data checked to {day})").format(day=day_text(st.checked_to))
    url = doc.url if doc is not None else None
    if url:
        text += _(". Official text: {url}").format(url=url)
    return text + ("。" if _zh() else ".")
