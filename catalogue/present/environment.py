"""The one Jinja environment: templates from resources/templates, everything autoescaped, bidi
controls a data string leaves open closed (finalize), our stylesheet inserted as is, compiled
templates cached only where this user's key signed them, and the words in the language current when
a page is rendered (Jinja's i18n extension over catalogue.i18n: `_("…")` in a template, and the `tr`
filter for a word that comes from our own tables, such as a confidence mark)."""

from __future__ import annotations

import contextlib
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from catalogue import i18n
from catalogue.present.bidi import close_bidi_controls
from catalogue.present.labels import disclaimer
from catalogue.resources import resource_path


class _SignedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in the user's cache folder, each file signed with the user's cache key.

    Compiling the templates costs about half a second, which the user would otherwise wait for on
    every start before the first page appears. Jinja's own file cache unpickles whatever file it finds
    under the expected name, so whoever could write the cache folder could run code here; this one
    reads a file only when its HMAC (catalogue.cache_guard) checks out, i.e. only bytecode this user's
    ExportRef compiled itself. A cache that cannot be read or written only costs the compile time.
    """

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder = folder
        self.key = key

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jbc"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from catalogue import cache_guard
        from catalogue.storage import read_capped

        try:
            raw = read_capped(self._path(bucket), _TEMPLATE_CACHE_MAX_BYTES)
        except OSError:
            return
        mac, payload = raw[: cache_guard.MAC_BYTES], raw[cache_guard.MAC_BYTES :]
        if not cache_guard.verify(self.key, mac, _TEMPLATE_CACHE_PURPOSE, bucket.key.encode(), payload):
            return
        try:
            bucket.bytecode_from_string(payload)
        except Exception:  # our own file from another Python, say: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from catalogue import cache_guard
        from catalogue.storage import write_atomically

        payload = bucket.bytecode_to_string()
        mac = cache_guard.sign(self.key, _TEMPLATE_CACHE_PURPOSE, bucket.key.encode(), payload)
        with contextlib.suppress(OSError):
            write_atomically(self._path(bucket), lambda fh: fh.write(mac + payload), mode=0o600)


_TEMPLATE_CACHE_PURPOSE = b"exportref template cache"


_TEMPLATE_CACHE_MAX_BYTES = 16 * 1024 * 1024


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    from catalogue import cache_guard
    from catalogue.paths import cache_dir

    try:
        folder, key = cache_guard.prepare(cache_dir(), "templates")
    except OSError:
        return None  # not ours, writable by others, or no key: compile every time
    return _SignedBytecodeCache(folder, key)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_path("templates"))),
        bytecode_cache=_bytecode_cache(),
        # Every template escapes, whatever its file name: data strings are never trusted as HTML.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
        extensions=["jinja2.ext.i18n"],
    )
    # The callables read the language when a page is rendered, so one environment (and one cache of
    # compiled templates) serves both languages. New-style gettext escapes the values it formats in.
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    # A word from our own tables (a confidence mark, a record's kind), translated and then escaped like
    # any other value: unlike `_`, whose result is trusted markup, it never passes data through unescaped.
    env.filters["tr"] = i18n.gettext
    env.filters["breakable"] = breakable_address
    # Our own stylesheet file, not data: inserted as is (escaping would turn its quotes into &#34;).
    env.globals["stylesheet"] = markupsafe.Markup(stylesheet())
    env.globals["disclaimer"] = disclaimer
    return env


ZERO_WIDTH_SPACE = "\u200b"
_LONG_RUN = 24  # characters of an address without a natural break before one is offered anyway

# A run this long with no space and no CJK character (between which Qt may break anyway) is no word:
# Qt lays such a run out in time that grows with the square of its length (a 199,000-character token
# in a data value took 5 s to open). Zero-width spaces every _TOKEN_SLICE characters keep it linear;
# copying from the page removes them again (gui.detail_view).
_LONG_TOKEN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]{300,}")
_TOKEN_SLICE = 80


def break_long_tokens(value: str) -> str:
    """`value` with a zero-width space every few characters of any run too long to be a word."""
    if len(value) < 300 or _LONG_TOKEN.search(value) is None:
        return value

    def split(m: re.Match[str]) -> str:
        run = m.group()
        return ZERO_WIDTH_SPACE.join(run[i : i + _TOKEN_SLICE] for i in range(0, len(run), _TOKEN_SLICE))

    return _LONG_TOKEN.sub(split, value)


def _finalize(value: Any) -> Any:
    """What every value printed into a template goes through: a data string's open directional
    controls closed, its overlong tokens given break opportunities. Markup (ours) is untouched."""
    if type(value) is not str:
        return value
    return break_long_tokens(close_bidi_controls(value))


def breakable_address(url: str) -> markupsafe.Markup:
    """A web address the screen may wrap: escaped, with zero-width spaces after each "/", before
    "?", "&" and "#", and every few characters of a long run without them (an encoded Chinese path).

    The detail view wraps between words only, so a long address would otherwise widen the page
    beyond the window and hide its right-hand column. Copying from the view removes the zero-width
    spaces again (gui.detail_view), and the links themselves carry the address unchanged."""
    pieces: list[str] = []
    run = 0
    for char in url:
        if char in "?&#" and run:
            pieces.append(ZERO_WIDTH_SPACE)
            run = 0
        pieces.append(str(markupsafe.escape(char)))
        run += 1
        if char == "/" or run >= _LONG_RUN:
            pieces.append(ZERO_WIDTH_SPACE)
            run = 0
    return markupsafe.Markup("".join(pieces))


@cache
def stylesheet() -> str:
    return resource_path("styles", "exportref.css").read_text(encoding="utf-8")


def render_template(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
