"""Dates as a lawyer types or pastes them: 2025-06-01, 2025-6-1, 2025/6/1, 2025.6.1 and 2025年6月1日
(full-width digits too). One parser for the window's as-of field and the command line's --as-of."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
)
ACCEPTED = "2025-06-01, 2025-6-1, 2025/6/1, 2025.6.1 or 2025年6月1日"


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
                raise ValueError(f"not a date: {text.strip()!r} (there is no {year}-{month:02d}-{day:02d})") from None
    raise ValueError(f"not a date: {text.strip()!r} (type it as {ACCEPTED})")
