"""HTML for the detail view and for printed summary sheets, rendered without Qt.

One set of Jinja2 templates (resources/templates) and one stylesheet (resources/styles) serve both
the on-screen detail view and the printed sheets, so what a lawyer files is what they read.

The templates are written for Qt's rich-text engine, which understands only a subset of HTML and
CSS: tables, font sizes, weights and colours, background colours (on table cells and spans) and
borders on tables. Status badges are therefore coloured table cells, not styled boxes.

Everything that comes from the data is escaped (autoescape is on for every template) and no template
references an image or any other resource, so hostile data can neither run script nor make the view
fetch anything. Links are either internal (`entry:<id>`) or plain http(s) source URLs, which the GUI
intercepts; any other URL scheme is shown as text, never as a link.

The Python side builds plain "view" dictionaries (what to say) and the templates decide layout (how
to show it). Status questions are answered by catalogue.time.status, never here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from catalogue.i18n import N_, Language, comma, current_language, gettext, join_words, ngettext, using_language
from catalogue.model import (
    Catalogue,
    Clause,
    ControlledItem,
    Edition,
    Entry,
    Instrument,
)
from catalogue.present.bidi import close_bidi
from catalogue.present.citation import cite
from catalogue.present.environment import render_template
from catalogue.present.fragments import (
    bilingual,
    catalogue_caveat,
    day_text,
    describe_obj,
    internal_href,
    kind_word,
    obj_status,
    referred_by,
    related_rows,
)
from catalogue.present.labels import DISCLAIMER, describe_interval, disclaimer
from catalogue.present.sources import SourceRegister, primary_sources, short_address
from catalogue.present.views import view_of
from catalogue.time import number_on
from catalogue.time.status import instrument_name

# The module's public face: what the window, the command line and the printing code use.
__all__ = [
    "DISCLAIMER",
    "Language",
    "MatterInfo",
    "data_set_words",
    "default_list_title",
    "describe_obj",
    "disclaimer",
    "internal_href",
    "page_title",
    "render_detail",
    "render_list_sheet",
    "render_message",
    "render_sheet",
    "render_status_words",
    "running_words",
    "short_address",
]


@dataclass(frozen=True)
class MatterInfo:
    """Optional fields a lawyer adds to a printed sheet for the client file."""

    reference: str  # matter or client reference
    prepared_by: str
    note: str

    @property
    def empty(self) -> bool:
        return not (self.reference.strip() or self.prepared_by.strip() or self.note.strip())


def _show_english(show_en: bool | None) -> bool:
    """Whether our English translations are shown beside the official Chinese: always in English; in
    Chinese only when asked for (they step back, the Chinese being what counts)."""
    return show_en if show_en is not None else current_language() == "en"


def _page_context(obj: object, cat: Catalogue, day: dt.date, mode: str, show_en: bool | None) -> dict[str, Any]:
    reg = SourceRegister(cat)
    reg.refs(primary_sources(obj, cat))
    view = view_of(obj, cat, day, reg)
    # Clauses, items and editions have no related/history of their own, but may be referred to.
    if "related" not in view:
        view["related"] = related_rows(referred_by(view["id"], cat), view["id"], cat, day)
    for key in ("notes", "history", "topics"):
        view.setdefault(key, [])
    view["citation"] = cite(obj, cat, day)
    # Whether the day is past what was checked, and to when: the status engine's answer for this
    # record (an instrument may have been checked later than the data set), else the data set's.
    status = view.get("status")
    checked_to = dt.date.fromisoformat(status["checked_to"]) if status else cat.verified_to
    return {
        "v": view,
        "mode": mode,
        "lang": current_language(),
        "show_en": _show_english(show_en),
        "as_of": day_text(day),
        "verified_to": day_text(cat.verified_to),
        "past_verified_to": not status["verified"] if status else day > cat.verified_to,
        "checked_to": day_text(checked_to),
        "fingerprint": cat.fingerprint,
        "data_set": data_set_words(cat),
        "sources": reg.listing(),
        "title": page_title(obj, cat, day),
    }


@dataclass(frozen=True)
class RunningWords:
    """What the printing code writes on every page of a sheet, outside the document: the running
    header, the footer and the PDF's subject — in the sheet's language, like the sheet itself."""

    header_right: str  # "Status as of 2025-07-15"
    footer_data: str  # "Data verified to … · printed on … · data fingerprint …"
    footer_notice: str  # the disclaimer, and which data set
    page_format: str  # "Page {number} of {total}"
    subject: str  # the PDF's subject
    private_notes: str  # "Includes private notes", on every page and in the subject when a note is printed


def running_words(
    *,
    as_of: dt.date,
    verified_to: dt.date,
    printed_on: dt.date,
    fingerprint: str,
    data_set: str,
    private_notes: bool = False,
) -> RunningWords:
    _ = gettext
    notice = disclaimer()
    if data_set:
        notice += " " + _("Data set: {data_set}.").format(data_set=data_set)
    subject = _(
        "ExportRef summary sheet: status as of {day}; data verified to {verified}; data fingerprint "
        "{fingerprint}; data set: {data_set}. {disclaimer}"
    ).format(
        day=day_text(as_of),
        verified=day_text(verified_to),
        fingerprint=fingerprint,
        data_set=data_set,
        disclaimer=disclaimer(),
    )
    notes_words = _("Includes private notes")
    if private_notes:
        subject += " " + notes_words + "."
    return RunningWords(
        header_right=_("Status as of {day}").format(day=day_text(as_of)),
        footer_data=_("Data verified to {verified} · printed on {printed} · data fingerprint {fingerprint}").format(
            verified=day_text(verified_to), printed=day_text(printed_on), fingerprint=fingerprint
        ),
        footer_notice=notice,
        page_format=_("Page {number} of {total}"),
        subject=subject,
        private_notes=notes_words,
    )


def data_set_words(cat: Catalogue) -> str:
    """Which data a page or sheet comes from: the shipped data, a named pack (with its publisher and
    signature), or a folder (catalogue.datapacks)."""
    from catalogue.datapacks.store import data_set_label

    return data_set_label(cat.data_dir, cat.fingerprint)


def page_title(obj: object, cat: Catalogue | None = None, day: dt.date | None = None) -> str:
    """The document title of a detail page or sheet, e.g. for the PDF metadata and running header.
    With the catalogue and a day, an item is named by the number the text in force then gives it.
    Directional controls a name leaves open are closed (a window title or a PDF header follows it)."""
    return close_bidi(_page_title(obj, cat, day))


def _page_title(obj: object, cat: Catalogue | None, day: dt.date | None) -> str:
    if isinstance(obj, Entry):
        number = number_on(obj, day, cat).words() if cat is not None and day is not None else obj.number
        return f"{number or gettext('number not verified')} · {obj.name.zh or obj.name.en or obj.id}"
    if isinstance(obj, Clause):
        return f"{obj.label} · {obj.text.en or obj.text.zh or obj.id}"[:120]
    return describe_obj(obj)


def render_detail(
    obj: object,
    cat: Catalogue,
    *,
    as_of: dt.date,
    note: str | None = None,
    bookmarked: bool = False,
    dark: bool = False,
    lang: Language | None = None,
    show_en: bool | None = None,
) -> str:
    """The full HTML page for the detail view (QTextBrowser) of any catalogue object.

    `dark` selects lighter accent colours for a dark palette; body text follows the palette anyway.
    `lang` writes the page in that language (default: the current one); `show_en` shows our English
    translations beside the official Chinese (default: only in English).
    """
    with using_language(lang):
        ctx = _page_context(obj, cat, as_of, "screen", show_en)
        ctx.update({"note": note if note and note.strip() else None, "bookmarked": bookmarked, "dark": dark})
        return render_template("detail.j2", **ctx)


def render_sheet(
    objs: Sequence[object],
    cat: Catalogue,
    *,
    as_of: dt.date,
    matter: MatterInfo | None = None,
    notes: Mapping[str, str] | None = None,
    all_sources: bool = False,
    lang: Language | None = None,
    show_en: bool | None = None,
) -> list[str]:
    """One printable HTML document per object, so that each starts on a new page. `all_sources`
    lists every source in full; otherwise press reports beyond the first few are summarised. `lang`
    and `show_en` as for render_detail."""
    out = []
    with using_language(lang):
        for obj in objs:
            ctx = _page_context(obj, cat, as_of, "print", show_en)
            ident = str(getattr(obj, "id", ""))
            note = (notes or {}).get(ident)
            ctx.update(
                {
                    "note": note if note and note.strip() else None,
                    "bookmarked": False,
                    "matter": matter if matter and not matter.empty else None,
                    "all_sources": all_sources,
                }
            )
            out.append(render_template("sheet.j2", **ctx))
    return out


def default_list_title(objs: Sequence[object], cat: Catalogue) -> str:
    """A list sheet's title when the user gave none: what the records are and what they share, e.g.
    "Related controls — Gallium and germanium (5 records)"."""
    kinds = {kind_word(o) for o in objs}
    # Named by their kinds, in this order ("Catalogue items and related controls"); a kind without a
    # plural here makes the list plain "Records".
    plurals = {
        "catalogue item": N_("Catalogue items"),
        "measure": N_("Related controls"),
        "law": N_("Laws"),
        "controlled item": N_("Controlled items"),
        "clause": N_("Clauses"),
    }
    if kinds <= plurals.keys() and kinds:
        named = [gettext(plural) for kind, plural in plurals.items() if kind in kinds]
        what = join_words([named[0], *(n[:1].lower() + n[1:] if current_language() != "zh" else n for n in named[1:])])
    else:
        what = gettext(N_("Records"))
    shared: set[str] | None = None
    for obj in objs:
        own = set(getattr(obj, "topics", ()) or ())
        owner = cat.owner_of(str(getattr(obj, "id", ""))) if not own else None
        own = own or set(owner.topics if owner else ())
        shared = own if shared is None else shared & own
    topic = next((cat.topics[t] for t in sorted(shared or ()) if t in cat.topics), None)
    count = ngettext("{n} record", "{n} records", len(objs)).format(n=len(objs))
    if topic is not None:
        name = (topic.name.zh if current_language() == "zh" else None) or topic.name.en or topic.id
        return gettext("{what} — {topic} ({count})").format(what=what, topic=name, count=count)
    return gettext("{what} ({count})").format(what=what, count=count)


def render_list_sheet(
    objs: Sequence[object],
    cat: Catalogue,
    *,
    as_of: dt.date,
    title: str | None = None,
    matter: MatterInfo | None = None,
    all_sources: bool = False,
    lang: Language | None = None,
    show_en: bool | None = None,
) -> str:
    """A compact table (number, names, status, dates, sources) for search results, bookmarks or a
    branch. Without a title, one is made from what the records are (default_list_title). `lang` and
    `show_en` as for render_detail."""
    with using_language(lang):
        return _list_sheet(objs, cat, as_of, title, matter, all_sources, _show_english(show_en))


def _list_sheet(
    objs: Sequence[object],
    cat: Catalogue,
    as_of: dt.date,
    title: str | None,
    matter: MatterInfo | None,
    all_sources: bool,
    show_en: bool,
) -> str:
    reg = SourceRegister(cat)
    for obj in objs:
        reg.refs(primary_sources(obj, cat))  # official sources numbered first, as on a sheet
    rows = []
    has_entries = False
    for n, obj in enumerate(objs, start=1):
        has_entries = has_entries or isinstance(obj, Entry)
        row = _list_row(n, obj, cat, as_of)
        row["refs"] = reg.refs(getattr(obj, "sources", ()))
        rows.append(row)
    # How the rows divide by status, so that the count reads the way the tree's branch label does.
    tally: dict[str, int] = {}
    for row in rows:
        if row["status"] is not None:
            word = row["status"]["badge"]["word"]
            tally[word] = tally.get(word, 0) + 1
    return render_template(
        "list_sheet.j2",
        title=title or default_list_title(objs, cat),
        rows=rows,
        sources=reg.listing(),
        all_sources=all_sources,
        count_line=_count_line(len(rows), sorted(tally.items(), key=lambda kv: -kv[1]) if len(tally) > 1 else []),
        as_of=day_text(as_of),
        verified_to=day_text(cat.verified_to),
        lang=current_language(),
        show_en=show_en,
        past_verified_to=as_of > cat.verified_to,
        fingerprint=cat.fingerprint,
        data_set=data_set_words(cat),
        matter=matter if matter and not matter.empty else None,
        coverage_caveat=catalogue_caveat(cat, as_of) if has_entries else None,
        mode="print",
    )


def _count_line(count: int, tally: list[tuple[str, int]]) -> str:
    """e.g. "5 records: 3 in force, 2 suspended." """
    records = ngettext("{n} record", "{n} records", count).format(n=count)
    if not tally:
        return gettext("{records}.").format(records=records)
    parts = [gettext("{n} {word}").format(n=n, word=word) for word, n in tally]
    return gettext("{records}: {tally}.").format(records=records, tally=comma().join(parts))


def _list_row(n: int, obj: object, cat: Catalogue, day: dt.date) -> dict[str, Any]:
    row: dict[str, Any] = {
        "n": n,
        "kind": gettext(kind_word(obj)),
        "status": obj_status(obj, day, cat),
        "number_missing": False,
    }
    if isinstance(obj, Entry):
        row.update(
            {
                "number": number_on(obj, day, cat).words(),
                "number_missing": number_on(obj, day, cat).number is None,
                "name": bilingual(obj.name),
                "dates": gettext("listed {interval}").format(interval=describe_interval(obj.listed)),
            }
        )
    elif isinstance(obj, Instrument):
        row.update(
            {
                "number": instrument_name(obj),
                "name": bilingual(obj.title),
                "dates": gettext("effective {interval}").format(interval=describe_interval(obj.effective)),
            }
        )
    elif isinstance(obj, Clause):
        owner = cat.owner_of(obj.id)
        row.update(
            {
                "number": f"{instrument_name(owner)}, {obj.label}" if owner else obj.label,
                "name": bilingual(obj.text),
                "dates": gettext("valid {interval}").format(interval=describe_interval(obj.valid)),
            }
        )
    elif isinstance(obj, ControlledItem):
        owner = cat.owner_of(obj.id)
        code = obj.control_code or gettext("code not verified")
        row.update(
            {
                "number": f"{code} ({instrument_name(owner)})" if owner else code,
                "name": bilingual(obj.name),
                "dates": gettext("valid {interval}").format(interval=describe_interval(obj.valid)),
            }
        )
    elif isinstance(obj, Edition):
        row.update(
            {
                "number": gettext("{key} edition").format(key=obj.key),
                "name": bilingual(obj.instrument),
                "dates": gettext("effective {interval}").format(interval=day_text(obj.effective)),
            }
        )
    else:
        raise TypeError(f"cannot list {type(obj).__name__}")
    return row


def render_status_words(cat: Catalogue, *, lang: Language | None = None, dark: bool = False) -> str:
    """The status vocabulary as a help page: each state's badge, an example and what it means (the
    rows the help page shows too: catalogue.present.help)."""
    from catalogue.present.help import render_status_words as render  # the search vocabulary on first use

    return render(cat, lang=lang, dark=dark)


def render_message(title: str, body: str, *, lang: Language | None = None, dark: bool = False) -> str:
    """A page that is only a message (no results, nothing selected), in the pages' own style."""
    with using_language(lang):
        return render_template("message.j2", title=title, body=body, dark=dark)
