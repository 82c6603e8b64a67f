"""What the command line writes: never a control character from data, never a traceback for an output
that cannot take it.

- Data may not hold control characters (`check` refuses them), but what reaches a terminal is made
  safe here too: every C0/C1 control character except tab and line feed is written as a visible
  `\\u001b` escape, so an escape sequence can never retitle, clear or reprogram the terminal. Inside
  JSON output the same escape is valid JSON for the same character.
- A directional control a data string leaves open (a U+202E in a name) is closed at the end of its
  line, so that the rest of the line (our labels, numbers and dates) reads as written. JSON output
  writes those controls as `\\u202e` escapes instead (`json_text`): the same string to a JSON reader,
  and nothing to close.
- A console whose encoding cannot show Chinese (cp1252) gets `\\u` escapes instead of a
  UnicodeEncodeError.
- A write that fails (stdout is /dev/full, a full disk) raises `OutputError`, which the command line
  reports in one line and exits 1.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from typing import Any, TextIO

from catalogue.present.bidi import BIDI_CONTROLS, close_bidi

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    safe = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if BIDI_CONTROLS.search(safe) is None:
        return safe
    return "\n".join(close_bidi(line) for line in safe.split("\n"))


def json_text(doc: Any) -> str:
    """`doc` as indented JSON for the terminal, Chinese as it is, directional controls escaped."""
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return BIDI_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)  # only inside strings: the same value


class OutputError(OSError):
    """The command's output could not be written."""


class SafeStream:
    """A text stream that writes only terminal-safe text and reports failed writes as OutputError."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(terminal_safe(text))
        except BrokenPipeError:
            raise  # the reader went away (`| head`): handled as such by the command line
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def install() -> None:
    """Wrap stdout and stderr (once); give a console that cannot encode everything escapes instead."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or isinstance(stream, SafeStream):
            continue
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            utf = codecs.lookup(encoding).name.startswith("utf")
        except LookupError:
            utf = False
        if not utf and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
        setattr(sys, name, SafeStream(stream))
