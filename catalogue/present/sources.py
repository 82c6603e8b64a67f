"""Sources on a page or sheet: numbered in order of first citation, official sources first; short
addresses for paper; which addresses may be linked at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from catalogue.i18n import N_
from catalogue.model import (
    Article,
    Catalogue,
    Clause,
    ControlledItem,
    Entry,
    Instrument,
    SourceKind,
)

# The kinds of source (model.SourceKind), so that each has a translation where a page names it.
SOURCE_KINDS = (N_("official"), N_("repost"), N_("law-firm"), N_("press"), N_("other"))


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address a reader may open; otherwise None (shown as text)."""
    if not url:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


class SourceRegister:
    """Numbers sources in order of first citation on one page, so facts can say [1, 3]."""

    def __init__(self, cat: Catalogue) -> None:
        self._cat = cat
        self._order: list[str] = []

    def refs(self, ids: Iterable[str]) -> list[int]:
        out: list[int] = []
        for sid in ids:
            if sid not in self._order:
                self._order.append(sid)
            n = self._order.index(sid) + 1
            if n not in out:
                out.append(n)
        return sorted(out)

    def listing(self) -> list[dict[str, Any]]:
        out = []
        for n, sid in enumerate(self._order, start=1):
            src = self._cat.sources.get(sid)
            if src is None:
                # A dangling reference (the data failed validation): say so, with every field the
                # template may read present and empty.
                out.append(
                    {
                        "n": n,
                        "id": sid,
                        "missing": True,
                        "title": None,
                        "publisher": None,
                        "date": None,
                        "url": None,
                        "short_url": None,
                        "href": None,
                        "kind": None,
                        "report": False,
                        "locator": None,
                        "note": None,
                    }
                )
                continue
            out.append(
                {
                    "n": n,
                    "id": sid,
                    "missing": False,
                    "title": src.title,
                    "publisher": src.publisher,
                    "date": src.date.isoformat() if src.date else None,
                    "url": src.url,
                    "short_url": short_address(src.url),
                    "href": safe_url(src.url),
                    "kind": src.kind.value,
                    "report": src.kind in (SourceKind.PRESS, SourceKind.OTHER),
                    "locator": src.locator,
                    "note": src.note,
                }
            )
        return out


def short_address(url: str | None, limit: int = 64) -> str | None:
    """An address short enough for paper: the host and the start and end of the path, decoded, e.g.
    "www.mofcom.gov.cn/zcfb/…/art_52b9a321.html". The screen shows (and links) the full address."""
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.netloc:
        return url if len(url) <= limit else url[: limit - 1] + "…"

    path = unquote(parts.path).rstrip("/")
    whole = parts.netloc + path
    if len(whole) <= limit:
        return whole
    segments = [s for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    if len(last) > 32:
        last = last[:31] + "…"
    first = f"/{segments[0]}" if len(segments) > 1 else ""
    return f"{parts.netloc}{first}/…/{last}"


PRESS_IN_FULL = 6  # on paper, press and other reports listed in full before the rest are summarised


def primary_sources(obj: object, cat: Catalogue) -> list[str]:
    """The official sources behind a page, in the data's order: numbered first, so that a page and a
    sheet list the official text before press reports."""
    ids: list[str] = list(getattr(obj, "sources", ()))
    owner = cat.instrument(obj.instrument_id) if isinstance(obj, Entry) else cat.owner_of(str(getattr(obj, "id", "")))
    if owner is not None and owner is not obj:
        ids += owner.sources
    if isinstance(obj, Instrument):
        parts: list[Clause | ControlledItem | Article] = [*obj.clauses, *obj.items, *obj.articles]
        for part in parts:
            ids += part.sources
    official = [sid for sid in ids if (src := cat.sources.get(sid)) is not None and src.kind is SourceKind.OFFICIAL]
    return list(dict.fromkeys(official))
