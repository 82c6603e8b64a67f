"""What each kind of record's page says (catalogue item, instrument, clause, controlled item,
edition), as plain dictionaries the templates lay out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalogue.i18n import N_, current_language, gettext
from catalogue.model import (
    Article,
    Catalogue,
    Clause,
    ControlledItem,
    Edition,
    Entry,
    Instrument,
    Kind,
)
from catalogue.present.fragments import (
    bilingual,
    catalogue_caveat,
    control_point_view,
    coverage_view,
    day_text,
    header_badges,
    history_rows,
    internal_href,
    link_plain,
    notes_view,
    obj_status,
    period_view,
    referred_by,
    related_rows,
    status_view,
)
from catalogue.present.labels import describe_interval, kind_label
from catalogue.present.sources import SourceRegister, safe_url
from catalogue.time import item_has_own_status, number_on, points_total_on, status_of
from catalogue.time.coverage import edition_coverage
from catalogue.time.status import instrument_name

# Who issues the instruments, as the data names them (model.Instrument.issuers), so that each has a
# translation: the Chinese is the authority's own name.
ISSUERS = (
    N_("MOFCOM"),
    N_("MOST"),
    N_("GACC"),
    N_("MIIT"),
    N_("State Cryptography Administration"),
    N_("NPC Standing Committee"),
    N_("State Council"),
)


# The kinds of catalogue edition (model.Edition.kind) other than a full edition, which the page words itself.
EDITION_KINDS = (N_("adjustment"),)


def issuer_names(issuers: tuple[str, ...]) -> str:
    return "、".join(map(gettext, issuers)) if current_language() == "zh" else ", ".join(issuers)


def topic_names(ids: tuple[str, ...], cat: Catalogue) -> list[str]:
    """Topics by name in the current language (a topic the data lacks, by its id)."""
    zh = current_language() == "zh"
    out = []
    for t in ids:
        topic = cat.topics.get(t)
        name = (topic.name.zh if zh else None) or topic.name.en if topic is not None else None
        out.append(name or t)
    return out


def entry_view(entry: Entry, cat: Catalogue, day: dt.date, reg: SourceRegister) -> dict[str, Any]:
    st = status_of(entry, day, cat)
    owner = cat.instrument(entry.instrument_id)
    sector = next((s for s in owner.sectors if s.id == entry.sector), None) if owner and entry.sector else None
    current = [cp for cp in entry.control_points if cp.valid.state_on(day) is not False]
    other = [cp for cp in entry.control_points if cp.valid.state_on(day) is False]
    num = number_on(entry, day, cat)
    total = points_total_on(entry, day, cat)
    return {
        "kind": "entry",
        "kind_label": gettext("Catalogue item"),
        "id": entry.id,
        "heading_zh": entry.name.zh,
        "heading_en": entry.name.en,
        "name": bilingual(entry.name),
        "number": num.number,
        "number_words": num.words(),
        # Numbers other texts give it, so a reader can find the item in an earlier or later edition.
        "numbers_elsewhere": [
            {"number": n, "edition": k} for n, k in num.elsewhere if not (n == num.number and k == num.text_key)
        ],
        "points_total": (
            {
                "edition": total.edition,
                "count": total.count,
                "at_least": total.at_least,
                "shown": len(current),
                "confidence": total.confidence.value,
                "refs": reg.refs(total.sources),
                "note": bilingual(total.note),
            }
            if total
            else None
        ),
        "status": status_view(st),
        "badges": header_badges(entry, st),
        "listed_status": entry.status.value,
        "instrument": link_plain(owner.id, instrument_name(owner)) if owner else None,
        "sector": (
            {
                "code": sector.code,
                "classification": sector.classification,
                "name": bilingual(sector.name),
                "confidence": sector.confidence.value,
                "refs": reg.refs(sector.sources),
            }
            if sector
            else None
        ),
        "sector_id": entry.sector,
        "listed": describe_interval(entry.listed),
        "former_numbers": [
            {
                "number": f.number,
                "editions": ", ".join(f.editions),
                "confidence": f.confidence.value,
                "refs": reg.refs(f.sources),
            }
            for f in entry.former_numbers
        ],
        "confidence": entry.confidence.value,
        "refs": reg.refs(entry.sources),
        "coverage_caveat": catalogue_caveat(cat, day),
        "control_points": [control_point_view(cp, reg) for cp in current],
        "other_control_points": [control_point_view(cp, reg) for cp in other],
        "any_control_points": bool(entry.control_points),
        "rationale": bilingual(entry.rationale),
        "notes": notes_view(entry.notes, reg),
        "related": related_rows([*entry.related, *referred_by(entry.id, cat)], entry.id, cat, day),
        "history": history_rows(entry.history, cat, reg),
        "topics": topic_names(entry.topics, cat),
    }


def instrument_view(inst: Instrument, cat: Catalogue, day: dt.date, reg: SourceRegister) -> dict[str, Any]:
    st = status_of(inst, day, cat)
    view: dict[str, Any] = {
        "kind": "instrument",
        "inst_kind": inst.kind.value,
        "kind_label": kind_label(inst.kind),
        "id": inst.id,
        "heading_zh": inst.title.zh,
        "heading_en": inst.title.en,
        "name": bilingual(inst.title),
        "short_title": instrument_name(inst),
        "number": None,
        "status": status_view(st),
        "badges": header_badges(inst, st),
        "document_number": bilingual(inst.document_number),
        "issuers": issuer_names(inst.issuers),
        "published": day_text(inst.published),
        "effective": describe_interval(inst.effective),
        "periods": [period_view(sp, cat, reg) for sp in inst.status],
        "legal_basis": related_rows(inst.legal_basis, inst.id, cat, day),
        "summary": bilingual(inst.summary),
        "rationale": bilingual(inst.rationale),
        "url": inst.url,
        "href": safe_url(inst.url),
        "confidence": inst.confidence.value,
        "refs": reg.refs(inst.sources),
        "notes": notes_view(inst.notes, reg),
        "related": related_rows([*inst.related, *referred_by(inst.id, cat)], inst.id, cat, day),
        "history": history_rows(inst.history, cat, reg),
        "topics": topic_names(inst.topics, cat),
        "clauses": [
            {
                "id": c.id,
                "href": internal_href(c.id),
                "label": c.label,
                "text": bilingual(c.text),
                "status": obj_status(c, day, cat),
                "valid": describe_interval(c.valid),
                "confidence": c.confidence.value,
                "refs": reg.refs(c.sources),
                "notes": notes_view(c.notes, reg),
            }
            for c in inst.clauses
        ],
        "controlled_items": [item_row(it, cat, day, reg) for it in inst.items],
        "articles": [article_view(a, reg, day) for a in inst.articles],
        "editions": [],
        "coverage_caveat": None,
        "entries": [],
        "verified_to_own": day_text(inst.verified_to) if inst.verified_to else None,
        "verified_note": bilingual(inst.verified_note),
        "verified_refs": reg.refs(inst.verified_sources),
        "published_approx": inst.published_approx,
    }
    if inst.kind is Kind.CATALOGUE:
        view["coverage_caveat"] = catalogue_caveat(cat, day)
        view["editions"] = [edition_row(ed, cat, reg) for ed in inst.editions]
        view["entries"] = [
            {
                "href": internal_href(e.id),
                "number": number_on(e, day, cat).number,
                "name": bilingual(e.name),
                "status": obj_status(e, day, cat),
            }
            for e in inst.entries
            if e.listed.state_on(day) is not False
        ]
    return view


def edition_row(ed: Edition, cat: Catalogue, reg: SourceRegister) -> dict[str, Any]:
    return {
        "id": ed.id,
        "href": internal_href(ed.id),
        "key": ed.key,
        "instrument": bilingual(ed.instrument),
        "edition_kind": ed.kind,
        "published": day_text(ed.published),
        "effective": day_text(ed.effective),
        "items_total": ed.items_total,
        "prohibited": ed.prohibited,
        "restricted": ed.restricted,
        "counts_confidence": ed.counts_confidence.value,
        "changes": ed.changes,
        "coverage": coverage_view(edition_coverage(cat, ed)),
        "url": ed.url,
        "href_url": safe_url(ed.url),
        "confidence": ed.confidence.value,
        "refs": reg.refs(ed.sources),
        "notes": notes_view(ed.notes, reg),
    }


def _item_own_status(it: ControlledItem, day: dt.date, cat: Catalogue) -> str | None:
    """The item's status words when they are its own rather than its measure's (catalogue.time)."""
    st = status_of(it, day, cat)
    return st.label if st is not None and item_has_own_status(it, st) else None


def item_row(it: ControlledItem, cat: Catalogue, day: dt.date, reg: SourceRegister) -> dict[str, Any]:
    return {
        "id": it.id,
        "href": internal_href(it.id),
        "group": it.group,
        "name": bilingual(it.name),
        "control_code": it.control_code,
        "also_control_codes": list(it.also_control_codes),
        "customs_codes": ", ".join(it.customs_codes),
        "description": bilingual(it.description),
        "valid": describe_interval(it.valid),
        "status": obj_status(it, day, cat),
        "own_status": _item_own_status(it, day, cat),
        "confidence": it.confidence.value,
        "refs": reg.refs(it.sources),
        "notes": notes_view(it.notes, reg),
    }


def article_view(a: Article, reg: SourceRegister, day: dt.date) -> dict[str, Any]:
    return {
        "label": a.label,
        "chapter": bilingual(a.chapter),
        "section": bilingual(a.section),
        "text": bilingual(a.text),
        "confidence": a.confidence.value,
        "refs": reg.refs(a.sources),
        "notes": notes_view(a.notes, reg),
        # The wording recorded is not the law's text on the day asked about (a revision replaced it).
        "superseded_wording": day_text(a.wording_to) if a.wording_to is not None and day >= a.wording_to else None,
    }


def clause_view(clause: Clause, cat: Catalogue, day: dt.date, reg: SourceRegister) -> dict[str, Any]:
    owner = cat.owner_of(clause.id)
    st = status_of(clause, day, cat)
    title = f"{instrument_name(owner)}, {clause.label}" if owner else clause.label
    return {
        "kind": "clause",
        "kind_label": gettext("Clause"),
        "id": clause.id,
        "heading_zh": None,
        "heading_en": title,
        "name": None,
        "number": None,
        "status": status_view(st),
        "badges": header_badges(clause, st),
        "instrument": link_plain(owner.id, instrument_name(owner)) if owner else None,
        "instrument_status": obj_status(owner, day, cat) if owner else None,
        "label": clause.label,
        "text": bilingual(clause.text),
        "valid": describe_interval(clause.valid),
        "periods": [period_view(sp, cat, reg) for sp in clause.status],
        "confidence": clause.confidence.value,
        "refs": reg.refs(clause.sources),
        "notes": notes_view(clause.notes, reg),
    }


def item_view(item: ControlledItem, cat: Catalogue, day: dt.date, reg: SourceRegister) -> dict[str, Any]:
    owner = cat.owner_of(item.id)
    row = item_row(item, cat, day, reg)
    row.update(
        {
            "kind": "item",
            "kind_label": gettext("Controlled item"),
            "heading_zh": item.name.zh,
            "heading_en": item.name.en,
            "number": item.control_code,
            "status": obj_status(item, day, cat),
            "badges": header_badges(item, status_of(item, day, cat)),
            "instrument": link_plain(owner.id, instrument_name(owner)) if owner else None,
        }
    )
    return row


def edition_view(ed: Edition, cat: Catalogue, day: dt.date, reg: SourceRegister) -> dict[str, Any]:
    owner = cat.owner_of(ed.id)
    row = edition_row(ed, cat, reg)
    row.update(
        {
            "kind": "edition",
            "kind_label": gettext("Catalogue edition"),
            "name": bilingual(ed.instrument),
            "heading_zh": ed.instrument.zh,
            "heading_en": gettext("{key} edition — {instrument}").format(
                key=ed.key, instrument=ed.instrument.en or ed.instrument.zh or ed.id
            ),
            "number": None,
            "status": obj_status(ed, day, cat),
            "badges": header_badges(ed, status_of(ed, day, cat)),
            "instrument": link_plain(owner.id, instrument_name(owner)) if owner else None,
            "coverage_caveat": catalogue_caveat(cat, day),
        }
    )
    return row


def view_of(obj: object, cat: Catalogue, day: dt.date, reg: SourceRegister) -> dict[str, Any]:
    if isinstance(obj, Entry):
        return entry_view(obj, cat, day, reg)
    if isinstance(obj, Instrument):
        return instrument_view(obj, cat, day, reg)
    if isinstance(obj, Clause):
        return clause_view(obj, cat, day, reg)
    if isinstance(obj, ControlledItem):
        return item_view(obj, cat, day, reg)
    if isinstance(obj, Edition):
        return edition_view(obj, cat, day, reg)
    raise TypeError(f"cannot render {type(obj).__name__}")
