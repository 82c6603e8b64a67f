"""Item numbers, control and customs codes, and document numbers as lawyers write them.

"2023 No. 23", "No. 23 of 2023", "2023年第23号" and "〔2023〕23号" are one document number ("2023-23");
8112.92.90 and 81129290 are one code. Kept apart from catalogue.search.engine (which imports Whoosh) so that
the command line can resolve what a user typed without loading the search engine.
"""

from __future__ import annotations

import re

from catalogue.search.analysis import fold

DOCNO_EN = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*,?\s*No\s*\.?\s*(\d{1,4})(?!\d)", re.IGNORECASE)
DOCNO_EN_OF = re.compile(r"\bNo\s*\.?\s*(\d{1,4})\s+of\s+((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
DOCNO_ZH = re.compile(r"((?:19|20)\d\d)\s*年\s*第\s*(\d{1,4})\s*号")
DOCNO_ZH_BRACKET = re.compile(r"[〔\[【(（]\s*((?:19|20)\d\d)\s*[〕\]】)）]\s*第?\s*(\d{1,4})\s*号")
_DOCNOS_LIST = re.compile(
    r"((?:19|20)\d\d)\s+Nos\.?\s*((?:\d{1,4}\s*(?:[–—-]\s*\d{1,4})?\s*(?:,|and|&)?\s*)+)", re.IGNORECASE
)
CODE_LIKE = re.compile(r"(?=[0-9A-Za-z.\-]*\d)[0-9A-Za-z][0-9A-Za-z.\-]{2,}")


def docno(year: str, num: str) -> str:
    return f"{year}-{int(num)}"


def docnos_in(text: str) -> set[str]:
    """Canonical document numbers ("2023-23") cited in a text, in English or Chinese form."""
    text = fold(text)
    found = {docno(m.group(1), m.group(2)) for m in DOCNO_EN.finditer(text)}
    found |= {docno(m.group(2), m.group(1)) for m in DOCNO_EN_OF.finditer(text)}
    found |= {docno(m.group(1), m.group(2)) for m in DOCNO_ZH.finditer(text)}
    found |= {docno(m.group(1), m.group(2)) for m in DOCNO_ZH_BRACKET.finditer(text)}
    for m in _DOCNOS_LIST.finditer(text):  # "2025 Nos. 55–58, 61 and 62"
        for part in re.finditer(r"(\d{1,4})(?:\s*[–—-]\s*(\d{1,4}))?", m.group(2)):
            lo, hi = int(part.group(1)), int(part.group(2) or part.group(1))
            for n in range(lo, min(hi, lo + 50) + 1):
                found.add(f"{m.group(1)}-{n}")
    return found


def normalize_code(code: str) -> str:
    """Codes compare without dots, spaces or hyphens and without case: 8112.92.90 = 81129290."""
    return re.sub(r"[\s.\-]", "", fold(code)).upper()


def _cn_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = (
        ""
        if rest == 0
        else ("零" + digits[rest] if rest < 10 else _cn_numeral(rest) if rest >= 20 else "一" + _cn_numeral(rest))
    )
    return digits[n // 100] + "百" + tail


def article_heading(label: str) -> str:
    """ "Art. 12" → "Art. 12 (Article 12, 第十二条)", so either way of citing it finds it."""
    m = re.fullmatch(r"Art(?:icle)?\.?\s*(\d{1,3})", label.strip(), re.IGNORECASE)
    if not m:
        return label
    n = int(m.group(1))
    return f"{label} (Article {n}, 第{_cn_numeral(n)}条)"
