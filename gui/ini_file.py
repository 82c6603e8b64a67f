"""The INI format QSettings writes, read and written by our own code, holding plain values only.

Why not QSettings: PySide6 stores a Python object as `@Variant(…PySide::PyObjectWrapper…)`, a pickle,
and QSettings unpickles it while reading the file, so a crafted settings file ran code at start-up.
Removing such lines before Qt read the file was not enough, because Qt's reader joins a line ending
in a backslash with the next one (and accepts percent-escaped keys, CRLF pairs and quoted values).
This module parses the same grammar as Qt 6 (`qsettings.cpp`: readIniLine, iniUnescapedKey,
iniUnescapedStringList, stringToVariant) so that files written by earlier builds are read as before,
but it only ever produces text (also when Qt wrapped it as `@String`), lists of text and bytes
(`@ByteArray`). Every other `@` form (`@Variant`, `@DateTime`, `@Rect`, …) is refused and
reported, never decoded.

It knows nothing of Qt and nothing of which keys the app uses; gui.settings does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Value = str | list[str] | bytes

_HEX = "0123456789ABCDEF"
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", '"': '"', "?": "?", "'": "'"}
_ESCAPES["\\"] = "\\"
_WRITE_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
_WRITE_ESCAPES.update({'"': '\\"', "\\": "\\\\"})

# One token of a physical line: a backslash and what it escapes (a line break included: that is
# Qt's line continuation), a quote, a comment start, a line break, or a run of anything else.
_LINE_TOKEN = re.compile(r'\\(?:\r\n|\n\r|[\s\S])?|"|;|\r\n|\n\r|\r|\n|[^\\";\r\n]+')
# One token of a value: escapes, quotes, commas (which make a string list), or a run of text.
_VALUE_TOKEN = re.compile(r'\\x[0-9A-Fa-f]*|\\[0-7]+|\\(?:\r\n|\n\r|[\s\S])?|"|,|[^\\",]+')
_PLAIN_KEY_CHAR = re.compile(r"[A-Za-z0-9_.\-]")


class IniContent:
    """What a settings file holds: plain values by key (`group/key`), and the keys refused."""

    def __init__(self) -> None:
        self.values: dict[str, Value] = {}
        self.refused: list[str] = []


def parse(text: str) -> IniContent:
    """Read INI text as QSettings would, keeping plain values only (see the module doc)."""
    content = IniContent()
    section = ""
    for line in _logical_lines(text):
        stripped = line.strip(" \t")
        if not stripped:
            continue
        if stripped.startswith("["):
            end = stripped.find("]")
            name = _unescape_key(stripped[1 : end if end >= 0 else len(stripped)])
            section = "" if name.lower() == "general" else name
            continue
        key_text, equals, raw = line.partition("=")
        if not equals:
            continue
        key = _unescape_key(key_text.strip(" \t"))
        if not key:
            continue
        full = f"{section}/{key}" if section else key
        value = _decode(raw)
        if value is None:
            content.refused.append(full)
            content.values.pop(full, None)
        else:
            content.values[full] = value
    return content


def _logical_lines(text: str) -> Iterator[str]:
    """Lines as Qt sees them: a backslash before a line break continues the line; `;` outside
    quotes starts a comment that runs to the end of the (physical) line."""
    parts: list[str] = []
    in_quotes = False
    comment = False
    for m in _LINE_TOKEN.finditer(text):
        token = m.group()
        if token in ("\n", "\r", "\r\n", "\n\r"):
            yield "".join(parts)
            parts, in_quotes, comment = [], False, False
            continue
        if comment:
            continue
        if token == ";" and not in_quotes:
            comment = True
            continue
        if token == '"':
            in_quotes = not in_quotes
        parts.append(token)
    if parts:
        yield "".join(parts)


def _unescape_key(key: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(key):
        ch = key[i]
        if ch == "\\":
            out.append("/")
            i += 1
        elif ch == "%" and key[i + 1 : i + 2] == "U" and re.fullmatch(r"[0-9A-Fa-f]{4}", key[i + 2 : i + 6]):
            out.append(chr(int(key[i + 2 : i + 6], 16)))
            i += 6
        elif ch == "%" and re.fullmatch(r"[0-9A-Fa-f]{2}", key[i + 1 : i + 3]):
            out.append(chr(int(key[i + 1 : i + 3], 16)))
            i += 3
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _unescape_value(raw: str) -> str | list[str]:
    """Qt's iniUnescapedStringList: escapes, quotes, and commas that make a list."""
    items: list[str] = []
    current: list[str] = []
    is_list = False
    in_quotes = False
    quoted = False
    skip_spaces = True  # at the start, after a comma and after a closing quote, as Qt does
    for m in _VALUE_TOKEN.finditer(raw):
        token = m.group()
        if skip_spaces and not token.startswith(("\\", '"', ",")):
            token = token.lstrip(" \t")
            if not token:
                continue
        skip_spaces = False
        if token == '"':
            in_quotes = not in_quotes
            quoted = True
            skip_spaces = not in_quotes
        elif token == "," and not in_quotes:
            is_list = True
            items.append(_finish(current, quoted))
            current, quoted, skip_spaces = [], False, True
        elif token.startswith("\\x"):
            if len(token) > 2:
                current.append(chr(int(token[2:], 16) & 0xFFFF))
        elif token.startswith("\\") and token[1:2].isdigit():
            current.append(chr(int(token[1:], 8) & 0xFFFF))
        elif token.startswith("\\"):
            current.append(_ESCAPES.get(token[1:], ""))  # other escaped characters are skipped
        else:
            current.append(token)
    last = _finish(current, quoted)
    return [*items, last] if is_list else last


def _finish(parts: list[str], quoted: bool) -> str:
    text = "".join(parts)
    return text if quoted else text.rstrip(" \t")


def _decode(raw: str) -> Value | None:
    """A value as text, a list of text or bytes; None when it is a stored object or other @ form."""
    value = _unescape_value(raw)
    if isinstance(value, list):
        return [v[1:] if v.startswith("@@") else v for v in value]
    if not value.startswith("@"):
        return value
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@String(") and value.endswith(")"):
        return value[len("@String(") : -1]  # how Qt writes text that holds a NUL
    if value.startswith("@ByteArray(") and value.endswith(")"):
        try:
            return value[len("@ByteArray(") : -1].encode("latin-1")
        except UnicodeEncodeError:
            return None
    return None  # @Variant (a pickle), @DateTime, @Rect, @Invalid …: never decoded


def dump(values: dict[str, Value]) -> str:
    """INI text QSettings reads back as the same values: one [section] per first key component."""
    sections: dict[str, list[tuple[str, Value]]] = {}
    for key in sorted(values):
        section, _, name = key.partition("/") if "/" in key else ("General", "", key)
        sections.setdefault(section, []).append((name, values[key]))
    lines: list[str] = []
    for section in sorted(sections, key=lambda s: (s != "General", s)):
        if lines:
            lines.append("")
        lines.append(f"[{_escape_key(section)}]")
        for name, value in sections[section]:
            lines.append(f"{_escape_key(name)}={_escape_value(value)}")
    return "\n".join(lines) + "\n" if lines else ""


def _escape_key(key: str) -> str:
    out: list[str] = []
    for ch in key:
        if ch == "/":
            out.append("\\")
        elif _PLAIN_KEY_CHAR.fullmatch(ch):
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"%{ord(ch):02X}")
        else:
            out.append(f"%U{ord(ch) & 0xFFFF:04X}")
    return "".join(out)


def _escape_value(value: Value) -> str:
    if isinstance(value, bytes):
        return _escape_string("@ByteArray(" + value.decode("latin-1") + ")", raw_bytes=True)
    if isinstance(value, list):
        return ", ".join(_escape_string("@" + v if v.startswith("@") else v) for v in value) if value else "@Invalid()"
    return _escape_string("@" + value if value.startswith("@") else value)


def _escape_string(text: str, *, raw_bytes: bool = False) -> str:
    """Qt's iniEscapedString: control characters escaped, quotes when ; , = or edge spaces need them."""
    out: list[str] = []
    needs_quotes = False
    escape_next_if_hex = False
    for ch in text:
        code = ord(ch)
        if ch in ";,=":
            needs_quotes = True
        if escape_next_if_hex and ch in "0123456789abcdefABCDEF":
            out.append(f"\\x{code:x}")
            continue
        escape_next_if_hex = False
        if ch == "\0":
            out.append("\\0")
            escape_next_if_hex = True
        elif ch in _WRITE_ESCAPES:
            out.append(_WRITE_ESCAPES[ch])
        elif code <= 0x1F or (raw_bytes and code >= 0x7F):
            out.append(f"\\x{code:x}")
            escape_next_if_hex = True
        else:
            out.append(ch)
    result = "".join(out)
    if needs_quotes or result.startswith(" ") or result.endswith(" "):
        result = f'"{result}"'
    return result
