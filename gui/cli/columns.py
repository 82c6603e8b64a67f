"""Text laid out in terminal columns, where a Chinese character takes two.

`textwrap` counts characters: a line of Chinese it calls 100 wide takes 200 columns, and the terminal
breaks it again without the indent. `fill` breaks Chinese between any two characters (not before the
punctuation that closes a phrase) and Latin text between words, counting columns.
"""

from __future__ import annotations

import re
import unicodedata

# A run of Latin (or other narrow) letters is one word; each wide character is a word of its own.
_TOKEN = re.compile(r"\s+|[^\s]")
# Chinese punctuation that must not begin a line.
_NO_LINE_START = set("，。、；：？！）》」』】”’…—％")


def width(text: str) -> int:
    """The columns `text` takes on a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    """`text` with spaces after it up to `columns` (none when it is already as wide)."""
    return text + " " * max(0, columns - width(text))


def _words(text: str) -> list[str]:
    """Spaces, runs of narrow non-space characters, and single wide characters (with the closing
    punctuation that follows them kept on their line)."""
    out: list[str] = []
    for ch in _TOKEN.findall(text):
        if ch.isspace():
            out.append(" ")
        elif out and out[-1] != " " and (ch in _NO_LINE_START or (width(ch) == 1 and width(out[-1][-1]) == 1)):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def fill(text: str, columns: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """`text` broken into lines of at most `columns` terminal columns (a longer word keeps its line)."""
    lines: list[str] = []
    line, used = initial_indent, width(initial_indent)
    fresh = True  # nothing but the indent on the line yet
    pending_space = False
    for word in _words(text):
        if word == " ":
            pending_space = not fresh
            continue
        gap = 1 if pending_space else 0
        w = width(word)
        if not fresh and used + gap + w > columns:
            lines.append(line)
            line, used, fresh = subsequent_indent, width(subsequent_indent), True
            gap = 0
        line += " " * gap + word
        used += gap + w
        fresh, pending_space = False, False
    lines.append(line)
    return "\n".join(lines)
