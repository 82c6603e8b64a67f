"""Directional controls a data string leaves open, closed wherever our text follows it.

A U+202E (right-to-left override) in a name reverses everything after it in the same paragraph: on
screen, in a PDF, in a window title, in a copied citation and on a terminal line. Every place that
puts a data string before text of ours closes what the string opened: the page templates (Jinja's
finalize), citations, page titles and the command line's text output."""

from __future__ import annotations

import re
from typing import Any

# Every directional embedding, override and isolate, opening or closing.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

_BIDI_OPEN = {"\u202a", "\u202b", "\u202d", "\u202e"}  # LRE RLE LRO RLO, closed by PDF U+202C


_BIDI_ISOLATE = {"\u2066", "\u2067", "\u2068"}  # LRI RLI FSI, closed by PDI U+2069


def close_bidi_controls(value: Any) -> Any:
    """Jinja's finalize: a data string with its open controls closed; anything else (Markup, our own
    stylesheet; numbers; None) untouched."""
    if type(value) is not str:
        return value
    return close_bidi(value)


def close_bidi(value: str) -> str:
    """`value` with any directional embedding, override or isolate it leaves open closed.

    The string itself is kept exactly as the data has it; only the missing terminators are appended.
    """
    if BIDI_CONTROLS.search(value) is None:
        return value
    stack: list[str] = []
    for ch in value:
        if ch in _BIDI_OPEN or ch in _BIDI_ISOLATE:
            stack.append(ch)
        elif ch == "\u202c" and stack and stack[-1] in _BIDI_OPEN:
            stack.pop()
        elif ch == "\u2069":
            # A PDI closes the innermost isolate and any embeddings opened inside it.
            while stack and stack[-1] not in _BIDI_ISOLATE:
                stack.pop()
            if stack:
                stack.pop()
    return value + "".join("\u202c" if ch in _BIDI_OPEN else "\u2069" for ch in reversed(stack))
