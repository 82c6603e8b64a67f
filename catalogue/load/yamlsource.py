"""Read one YAML file into plain Python data while remembering where every value came from.

We compose the node graph with libyaml (`CSafeLoader`) and build the Python values ourselves, so
that each value can be traced back to its line and column for error messages, and so that nothing
but plain YAML is accepted: aliases (the "billion laughs" bomb) and non-standard tags
(`!!python/object`) are refused before any value is built from them.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader is about ten times faster than the pure-Python one, which it matches exactly.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A path into the data, e.g. ("entries", 3, "name", "zh").
PathKey = tuple[str | int, ...]

MAX_FILE_BYTES = 8 * 1024 * 1024  # no data file is anywhere near this; a larger one is a mistake
MAX_SCALAR_CHARS = 200_000  # a 10 MB field is rejected with a message, not loaded
# The shipped data nests 9 levels deep. Far deeper nesting is a mistake or an attack, and building or
# validating it recursively would end in RecursionError (libyaml itself allows 1,000 levels).
MAX_DEPTH = 32
# A file with thousands of small mistakes (one per item of a long list) is fixed a screenful at a
# time; listing every one cost minutes and gigabytes (an 8 MB file gave 1.6 million lines).
MAX_PROBLEMS_PER_FILE = 100
# C0 and C1 control characters other than tab and line feed: written as YAML escapes ("\e]0;…\a")
# they pass libyaml's reader, and printed by `show` or `search` they would drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def field_name(path: PathKey) -> str:
    """`entries[3].name.zh`; a key that is not a plain word is quoted, so a line break or other
    control character in a key can never split a `file:line:col: message` line."""
    out = ""
    for key in path:
        if isinstance(key, int):
            out += f"[{key}]"
        elif _PLAIN_KEY.match(key):
            out += f".{key}" if out else key
        else:
            out += f"[{key!r}]"
    return out or "(file)"


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Problem:
    """One validation problem, located in a file."""

    file: str
    line: int
    column: int
    message: str
    ident: str | None = None
    field: str | None = None

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = ""
        if self.ident:
            what += f"[{self.ident}] "
        if self.field:
            what += f"{self.field}: "
        line = f"{where}: {what}{self.message}"
        # One problem, one line: whatever a data file smuggles into a message stays visible but inert.
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


@dataclass
class Document:
    """Plain data of one file plus a map from data path to source position."""

    file: str
    data: Any
    marks: dict[PathKey, Mark] = field(default_factory=dict)

    def mark(self, path: PathKey) -> Mark:
        # Fall back to the nearest located parent: a missing key is reported at its mapping.
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))


class YamlError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def read_document(path: Path, display_name: str) -> Document:
    """Parse `path`. Raises YamlError with a located message for anything that is not plain data."""

    def fail(line: int, col: int, message: str) -> YamlError:
        return YamlError(Problem(display_name, line, col, message))

    try:
        info = path.stat()
    except OSError as exc:
        raise fail(1, 1, f"cannot read file: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise fail(1, 1, "is a directory, expected a YAML file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block for ever and a device such as /dev/zero never ends.
        raise fail(1, 1, "not a regular file, expected a YAML file")
    if info.st_size > MAX_FILE_BYTES:
        raise fail(1, 1, f"file is {info.st_size:,} bytes; data files must be under {MAX_FILE_BYTES:,}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(1, 1, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[: exc.start].count(b"\n") + 1
        # Columns count characters, as YAML's own messages do, not bytes.
        col = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise fail(line, col, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        # Refuse aliases at their own position before anything is composed: an alias bomb is never
        # expanded, and the message points at the alias rather than at its anchor.
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                am = event.start_mark
                line, col = (am.line + 1, am.column + 1) if am is not None else (1, 1)
                raise fail(line, col, "YAML aliases (*name) are not allowed in data files")
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        # Raised for characters YAML forbids (control characters); it carries a position, not a mark.
        # libyaml reports a byte offset into its UTF-8 copy; locate the character itself instead.
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        pos = text.find(char)
        if pos < 0:
            pos = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise fail(line, col, f"control character U+{ord(char):04X} is not allowed in YAML; remove it") from exc
    except yaml.MarkedYAMLError as exc:
        pm = exc.problem_mark
        line, col = (pm.line + 1, pm.column + 1) if pm is not None else (1, 1)
        reason = exc.problem or "YAML syntax error"
        if exc.context:
            reason = f"{reason} ({exc.context})"
        raise fail(line, col, f"YAML syntax error: {reason}") from exc
    except yaml.YAMLError as exc:
        raise fail(1, 1, f"YAML error: {exc}") from exc
    if node is None:
        raise fail(1, 1, "file is empty; expected a mapping")
    doc = Document(display_name, None)
    seen: set[int] = set()
    doc.data = _build(node, (), doc, seen, display_name)
    return doc


def _build(node: yaml.Node, path: PathKey, doc: Document, seen: set[int], name: str) -> Any:
    mark = _mark(node)
    if id(node) in seen:
        # The composer hands back the very same node object for an alias.
        raise YamlError(Problem(name, mark.line, mark.column, "YAML aliases (*name) are not allowed in data files"))
    seen.add(id(node))
    if len(path) >= MAX_DEPTH:
        # Checked before going deeper, so the recursion below never exceeds MAX_DEPTH levels.
        message = f"nested more than {MAX_DEPTH} levels deep; the data format needs fewer than 10"
        raise YamlError(Problem(name, mark.line, mark.column, message))
    doc.marks[path] = mark
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _bad_tag(node, name)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag in (_SEQ, _MAP):
                km = _mark(key_node)
                raise YamlError(Problem(name, km.line, km.column, "mapping keys must be plain words"))
            if key_node.tag == "tag:yaml.org,2002:merge":
                km = _mark(key_node)
                raise YamlError(Problem(name, km.line, km.column, "YAML merge keys (<<) are not allowed"))
            key = str(key_node.value)
            if key in out:
                km = _mark(key_node)
                raise YamlError(Problem(name, km.line, km.column, f"duplicate key {key!r}"))
            doc.marks[(*path, key)] = _mark(key_node)
            out[key] = _build(value_node, (*path, key), doc, seen, name)
            # Point errors about a value at the value itself, not at its key.
            doc.marks[(*path, key)] = _mark(value_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _bad_tag(node, name)
        return [_build(child, (*path, i), doc, seen, name) for i, child in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    value = node.value
    if len(value) > MAX_SCALAR_CHARS:
        raise YamlError(
            Problem(
                name, mark.line, mark.column, f"value is {len(value):,} characters; the limit is {MAX_SCALAR_CHARS:,}"
            )
        )
    tag = node.tag
    control = _CONTROL.search(value)
    if control is not None:
        char = control.group()
        raise YamlError(
            Problem(
                name,
                mark.line,
                mark.column,
                f"control character U+{ord(char):04X} (written {_escape_hint(char)} in YAML) is not allowed "
                "in text; remove it",
            )
        )
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() in ("true", "yes", "on")
    if tag == _INT:
        try:
            return int(value.replace("_", ""))
        except ValueError:
            return value  # octal/hex/sexagesimal forms: the schema reports the wrong type
    if tag == _FLOAT:
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if tag == _TIMESTAMP:
        # Dates stay text here; the model builder parses them and reports impossible ones.
        return value
    raise _bad_tag(node, name)


def _escape_hint(char: str) -> str:
    named = {"\x1b": "\\e", "\x07": "\\a", "\x00": "\\0", "\r": "\\r", "\x08": "\\b", "\x85": "\\N"}
    return named.get(char, f"\\x{ord(char):02x}")


def _bad_tag(node: yaml.Node, name: str) -> YamlError:
    m = _mark(node)
    return YamlError(Problem(name, m.line, m.column, f"YAML tag {node.tag!r} is not allowed; use plain values"))
