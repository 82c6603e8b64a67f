"""The language of the words catalogue writes for people: status words, page and sheet labels,
citations, coverage sentences. English or Simplified Chinese.

The English text is the message id, written in the code and the templates; the Chinese is in
resources/locale/zh_CN/LC_MESSAGES/exportref.po, compiled to the .mo beside it that Python's own
`gettext` reads (scripts/update-translations extracts, merges and compiles with Babel). gettext rather
than a table of our own: translators' tools read .po files, extraction finds every message the code
and the templates use (a test fails on one the .po lacks), and Jinja's i18n extension takes the same
catalogue, so one file holds every word of a page.

What the data says is never translated here: official Chinese text, our English translations and
summaries, source titles. Only the words we put around them are.

The language is the process's (the window's choice, or a command's `--lang`), and `using_language`
overrides it for one piece of work — an English citation copied from the Chinese window, say. Dates
follow it: 2025-07-15 in English, 2025年7月15日 in Chinese.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import locale
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Literal

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")
DOMAIN = "exportref"
# The .mo for Chinese is under this locale name (the same as Qt's exportref_zh_CN.qm).
_LOCALE_NAMES: dict[Language, str] = {"zh": "zh_CN"}

_process_language: Language = "en"
_override: ContextVar[Language | None] = ContextVar("exportref_language", default=None)


def parse_language(text: str | None) -> Language | None:
    """The language a setting, an option or a locale name asks for: "zh", "zh_CN.UTF-8", "zh-Hans",
    "中文" → "zh"; "en", "en_GB", "C", "POSIX" → "en"; anything else None."""
    if not text:
        return None
    name = text.strip().lower().replace("-", "_")
    if name in ("中文", "chinese") or name.startswith(("zh", "chinese")):
        return "zh"
    if name in ("c", "posix", "english") or name.startswith(("en", "c.", "english")):
        return "en"
    return None


def language_from_locale(environ: Mapping[str, str] | None = None) -> Language:
    """The language of the user's locale, as the C library reads it: LC_ALL, then LC_MESSAGES, then
    LANG (the first one set decides); where none is set (Windows), Python's idea of the locale.
    Anything but Chinese reads as English."""
    env = os.environ if environ is None else environ
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key)
        if value:
            return parse_language(value) or "en"
    if environ is None:
        try:
            name = locale.getlocale()[0]
        except ValueError:
            name = None
        return parse_language(name) or "en"
    return "en"


def set_language(lang: Language) -> None:
    """The language of everything this process writes from now on (the window's, a command's)."""
    global _process_language
    if lang not in LANGUAGES:
        raise ValueError(f"not a language ExportRef speaks: {lang!r}")
    _process_language = lang


def current_language() -> Language:
    return _override.get() or _process_language


@contextmanager
def using_language(lang: Language | None) -> Iterator[None]:
    """Write in `lang` inside the block (None: the process's language), whatever the process uses."""
    if lang is None:
        yield
        return
    if lang not in LANGUAGES:
        raise ValueError(f"not a language ExportRef speaks: {lang!r}")
    token = _override.set(lang)
    try:
        yield
    finally:
        _override.reset(token)


@cache
def _translations(lang: Language) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()  # the message ids are the English
    from catalogue.resources import MissingResource, resource_path

    try:
        folder = resource_path("locale")
    except MissingResource:
        return _gettext.NullTranslations()  # a broken installation: English rather than nothing
    return _gettext.translation(DOMAIN, str(folder), languages=[_LOCALE_NAMES[lang]], fallback=True)


def gettext(message: str) -> str:
    """`message` (English) in the current language."""
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language (Chinese has one form)."""
    return _translations(current_language()).ngettext(singular, plural, n)


# The names the extraction looks for: `_` translates now, `N_` only marks a message kept in a table
# and translated where it is shown.
_ = gettext


def N_(message: str) -> str:
    return message


def day_text(day: dt.date | None, unknown: str | None = None) -> str:
    """A date the way the current language writes it: 2025-07-15, or 2025年7月15日."""
    if day is None:
        return gettext("not known") if unknown is None else unknown
    if current_language() == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def semicolon() -> str:
    """What separates the clauses of one statement: "; ", or the full-width "；" in Chinese."""
    return "；" if current_language() == "zh" else "; "


def comma() -> str:
    """What separates the items of a list: ", ", or the enumeration comma "、" in Chinese."""
    return "、" if current_language() == "zh" else ", "


def join_words(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b and c" in English, "a、b和c" in Chinese."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    if current_language() == "zh":
        return "、".join(words[:-1]) + "和" + words[-1]
    return ", ".join(words[:-1]) + " and " + words[-1]
