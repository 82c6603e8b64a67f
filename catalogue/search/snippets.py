"""Snippets: the best window of a hit's text around its matches, HTML-escaped with our one tag, and
the same as plain text with match offsets for JSON and terminals."""

from __future__ import annotations

import html
import logging
import re

log = logging.getLogger(__name__)


SNIPPET_CHARS = 180


def render_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """A window of `text` around the first match, HTML-escaped, with matches in <b class="match">.
    The data may contain anything, including markup; only our own tags survive."""
    if spans:
        first = spans[0][0]
        start = max(0, first - width // 4)  # about a quarter of the window before the first match
        if start > 0:  # start at the word boundary nearest that point, never at the match itself
            before = text.rfind(" ", max(0, start - 15), start + 1)
            after = text.find(" ", start, max(start, first - 1))
            if before >= 0 and (after < 0 or start - before <= after - start):
                start = before + 1
            elif after >= 0:
                start = after + 1
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = space if space > start else end
    out = ["…" if start > 0 else ""]
    cur = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e or s < cur:
            continue
        out.append(html.escape(text[cur:s]))
        out.append(f'<b class="match">{html.escape(text[s:e])}</b>')
        cur = e
    out.append(html.escape(text[cur:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


_MATCH_TAG = re.compile(r'<b class="match">(.*?)</b>', re.DOTALL)


def snippet_plain(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A hit's snippet as plain text and the [start, end) character offsets of its matches — the
    form for JSON and terminals, where HTML has no place. The snippet's only markup is our own
    `<b class="match">` around escaped text (render_snippet), so this is exact."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    cur = 0
    for m in _MATCH_TAG.finditer(snippet):
        before = html.unescape(snippet[cur : m.start()])
        match = html.unescape(m.group(1))
        text += [before, match]
        length += len(before)
        spans.append((length, length + len(match)))
        length += len(match)
        cur = m.end()
    text.append(html.unescape(snippet[cur:]))
    return "".join(text), spans
