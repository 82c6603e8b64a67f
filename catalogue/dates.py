"""Dates as a lawyer types or pastes them: 2025-06-01, 2025-6-1, 2025/6/1, 2025.6.1 and 2025年6月1日
(full-width digits too). One parser for the window's as-of field and the command line's --as-of."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from catalogue.i18n import gettext

_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
)
ACCEPTED = "2025-06-01, 2025-6-1, 2025/6/1, 2025.6.1 or 2025年6月1日"


def accepted_forms() -> str:
    """ACCEPTED in the current language (catalogue.i18n)."""
    return gettext("{forms} or {last}").format(forms="2025-06-01, 2025-6-1, 2025/6/1, 2025.6.1", last="2025年6月1日")


def parse_day(text: str) -> dt.date:
    """The day `text` names; ValueError, saying which forms are accepted, when it names none."""
    # NFKC turns full-width digits and punctuation (２０２５／６／１) into their ASCII forms.
    cleaned = unicodedata.normalize("NFKC", text).strip()
    for form in _FORMS:
        m = form.fullmatch(cleaned)
        if m:
            year, month, day = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                why = gettext("not a date: {text} (there is no {day})").format(
                    text=repr(text.strip()), day=f"{year}-{month:02d}-{day:02d}"
                )
                raise ValueError(why) from None
    raise ValueError(
        gettext("not a date: {text} (type it as {forms})").format(text=repr(text.strip()), forms=accepted_forms())
    )
