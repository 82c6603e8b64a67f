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

from catalogue.model import (
    Catalogue,
    Clause,
    ControlledItem,
    Edition,
    Entry,
    Instrument,
)
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
from catalogue.present.labels import DISCLAIMER, describe_interval
from catalogue.present.sources import SourceRegister, primary_sources, short_address
from catalogue.present.views import view_of
from catalogue.time import number_on

# The module's public face: what the window, the command line and the printing code use.
__all__ = [
    "DISCLAIMER",
    "MatterInfo",
    "data_set_words",
    "default_list_title",
    "describe_obj",
    "internal_href",
    "page_title",
    "render_detail",
    "render_list_sheet",
    "render_message",
    "render_sheet",
    "render_status_words",
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


def _page_context(obj: object, cat: Catalogue, day: dt.date, mode: str) -> dict[str, Any]:
    reg = SourceRegister(cat)
    reg.refs(primary_sources(obj, cat))
    view = view_of(obj, cat, day, reg)
    # Clauses, items and editions have no related/history of their own, but may be referred to.
    if "related" not in view:
        view["related"] = related_rows(referred_by(view["id"], cat), view["id"], cat, day)
    for key in ("notes", "history", "topics"):
        view.setdefault(key, [])
    view["citation"] = cite(obj, cat, day)
    return {
        "v": view,
        "mode": mode,
        "as_of": day.isoformat(),
        "verified_to": cat.verified_to.isoformat(),
        "past_verified_to": day > cat.verified_to,
        "fingerprint": cat.fingerprint,
        "data_set": data_set_words(cat),
        "sources": reg.listing(),
        "title": page_title(obj, cat, day),
    }


def data_set_words(cat: Catalogue) -> str:
    """Which data a page or sheet comes from: the shipped data, a named pack (with its publisher and
    signature), or a folder (catalogue.datapacks)."""
    from catalogue.datapacks.store import data_set_label

    return data_set_label(cat.data_dir, cat.fingerprint)


def page_title(obj: object, cat: Catalogue | None = None, day: dt.date | None = None) -> str:
    """The document title of a detail page or sheet, e.g. for the PDF metadata and running header.
    With the catalogue and a day, an item is named by the number the text in force then gives it."""
    if isinstance(obj, Entry):
        number = number_on(obj, day, cat).words() if cat is not None and day is not None else obj.number
        return f"{number or 'number not verified'} · {obj.name.zh or obj.name.en or obj.id}"
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
) -> str:
    """The full HTML page for the detail view (QTextBrowser) of any catalogue object.

    `dark` selects lighter accent colours for a dark palette; body text follows the palette anyway.
    """
    ctx = _page_context(obj, cat, as_of, "screen")
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
) -> list[str]:
    """One printable HTML document per object, so that each starts on a new page. `all_sources`
    lists every source in full; otherwise press reports beyond the first few are summarised."""
    out = []
    for obj in objs:
        ctx = _page_context(obj, cat, as_of, "print")
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
    what = {
        frozenset({"catalogue item"}): "Catalogue items",
        frozenset({"measure"}): "Related controls",
        frozenset({"law"}): "Laws",
        frozenset({"controlled item"}): "Controlled items",
        frozenset({"clause"}): "Clauses",
    }.get(frozenset(kinds), "Records")
    shared: set[str] | None = None
    for obj in objs:
        own = set(getattr(obj, "topics", ()) or ())
        owner = cat.owner_of(str(getattr(obj, "id", ""))) if not own else None
        own = own or set(owner.topics if owner else ())
        shared = own if shared is None else shared & own
    topic = next((cat.topics[t] for t in sorted(shared or ()) if t in cat.topics), None)
    count = f"{len(objs)} {'record' if len(objs) == 1 else 'records'}"
    if topic is not None:
        return f"{what} — {topic.name.en or topic.id} ({count})"
    return f"{what} ({count})"


def render_list_sheet(
    objs: Sequence[object],
    cat: Catalogue,
    *,
    as_of: dt.date,
    title: str | None = None,
    matter: MatterInfo | None = None,
    all_sources: bool = False,
) -> str:
    """A compact table (number, names, status, dates, sources) for search results, bookmarks or a
    branch. Without a title, one is made from what the records are (default_list_title)."""
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
        tally=sorted(tally.items(), key=lambda kv: -kv[1]) if len(tally) > 1 else [],
        as_of=as_of.isoformat(),
        verified_to=cat.verified_to.isoformat(),
        past_verified_to=as_of > cat.verified_to,
        fingerprint=cat.fingerprint,
        data_set=data_set_words(cat),
        matter=matter if matter and not matter.empty else None,
        coverage_caveat=catalogue_caveat(cat, as_of) if has_entries else None,
        mode="print",
    )


def _list_row(n: int, obj: object, cat: Catalogue, day: dt.date) -> dict[str, Any]:
    row: dict[str, Any] = {
        "n": n,
        "kind": kind_word(obj),
        "status": obj_status(obj, day, cat),
        "number_missing": False,
    }
    if isinstance(obj, Entry):
        row.update(
            {
                "number": number_on(obj, day, cat).words(),
                "number_missing": number_on(obj, day, cat).number is None,
                "name": bilingual(obj.name),
                "dates": f"listed {describe_interval(obj.listed)}",
            }
        )
    elif isinstance(obj, Instrument):
        row.update(
            {
                "number": obj.short_title,
                "name": bilingual(obj.title),
                "dates": f"effective {describe_interval(obj.effective)}",
            }
        )
    elif isinstance(obj, Clause):
        owner = cat.owner_of(obj.id)
        row.update(
            {
                "number": f"{owner.short_title}, {obj.label}" if owner else obj.label,
                "name": bilingual(obj.text),
                "dates": f"valid {describe_interval(obj.valid)}",
            }
        )
    elif isinstance(obj, ControlledItem):
        owner = cat.owner_of(obj.id)
        code = obj.control_code or "code not verified"
        row.update(
            {
                "number": f"{code} ({owner.short_title})" if owner else code,
                "name": bilingual(obj.name),
                "dates": f"valid {describe_interval(obj.valid)}",
            }
        )
    elif isinstance(obj, Edition):
        row.update(
            {
                "number": f"{obj.key} edition",
                "name": bilingual(obj.instrument),
                "dates": f"effective {day_text(obj.effective)}",
            }
        )
    else:
        raise TypeError(f"cannot list {type(obj).__name__}")
    return row


def render_status_words(cat: Catalogue) -> str:
    """The status vocabulary as a help page: each state's badge, an example and what it means (the
    rows the help page shows too: catalogue.present.help)."""
    from catalogue.present.help import render_status_words as render  # the search vocabulary on first use

    return render(cat)


def render_message(title: str, body: str) -> str:
    """A page that is only a message (no results, nothing selected), in the pages' own style."""
    return render_template("message.j2", title=title, body=body)
