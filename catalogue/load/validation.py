"""Structural validation of data files against the JSON Schemas in catalogue/schema/.

jsonschema's own messages are written for programmers ("'x' is not of type 'string'"); a knowledge
team member fixing a file needs to know which field, what was found and what is expected, so each
error is rephrased here and located through the document's marks.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from catalogue.load.yamlsource import MAX_PROBLEMS_PER_FILE, Document, PathKey, Problem, field_name

_PATTERN_MEANING = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "a lower-kebab id (a-z, 0-9 and single hyphens, e.g. non-ferrous-metallurgy)",
    "^[0-9]{6}[JX]$": "an item number of six digits and J or X, e.g. 083201X",
    "^[0-9]{2}$": 'a two-digit sector code in quotes, e.g. "32"',
    "^[0-9]{4}$": 'a four-digit edition year in quotes, e.g. "2023"',
    "^https?://": "an http(s) URL",
    "^[0-9][A-E][0-9]{3}(\\.[a-z0-9.]+)?$": "a control code such as 1C902 or 2C902.a",
    "^[0-9]{4,10}\\*?$": "a customs code of 4 to 10 digits",
}

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "object": "a mapping (key: value)",
    "array": "a list",
    "boolean": "true or false",
    "null": "null",
}


@cache
def schema(name: str) -> dict[str, Any]:
    text = resources.files("catalogue").joinpath("schema", f"{name}.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema(name))


def _describe_found(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "...'"


def _expected(subschema: dict[str, Any], root: dict[str, Any]) -> str:
    """A short human description of what a (sub)schema accepts."""
    if "$ref" in subschema:
        ref = subschema["$ref"].rsplit("/", 1)[-1]
        return _expected(root["$defs"][ref], root)
    if "pattern" in subschema:
        return _PATTERN_MEANING.get(subschema["pattern"], f"text matching {subschema['pattern']}")
    if "enum" in subschema:
        return "one of " + ", ".join(str(v) for v in subschema["enum"])
    if "anyOf" in subschema:
        return " or ".join(_expected(s, root) for s in subschema["anyOf"])
    kind = subschema.get("type")
    if isinstance(kind, list):
        return " or ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kind)
    if isinstance(kind, str):
        return _TYPE_NAMES.get(kind, kind)
    return "a valid value"


def _subschema(err: ValidationError) -> dict[str, Any]:
    """The schema node an error came from (jsonschema types it loosely: it may be a bool)."""
    return dict(err.schema) if isinstance(err.schema, Mapping) else {}


def _message(err: ValidationError, root: dict[str, Any]) -> str:
    v = err.validator
    if v == "additionalProperties":
        allowed = sorted(_subschema(err).get("properties", {}))
        extra = sorted(set(err.instance) - set(allowed)) if isinstance(err.instance, dict) else []
        return f"unknown key {', '.join(repr(e) for e in extra)}; allowed keys: {', '.join(allowed)}"
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"missing required field {missing!r}"
    if v == "enum":
        return f"unknown value {_describe_found(err.instance)}; expected {_expected(_subschema(err), root)}"
    if v in ("type", "pattern", "anyOf"):
        return f"expected {_expected(_subschema(err), root)}, found {_describe_found(err.instance)}"
    if v == "minItems":
        return "must list at least one entry"
    if v == "minLength":
        return "must not be empty"
    if v == "minProperties":
        return "must not be empty"
    if v == "minimum":
        return f"must be {err.validator_value} or more, found {err.instance}"
    if v == "maxLength":
        return f"is longer than {err.validator_value} characters"
    return str(err.message)


def _ident_at(data: Any, path: PathKey) -> str | None:
    """The id of the innermost object along `path` that has one."""
    ident = data.get("id") if isinstance(data, dict) else None
    node = data
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            ident = node["id"]
    return ident if isinstance(ident, str) else None


def validate_structure(doc: Document, schema_name: str) -> list[Problem]:
    root = schema(schema_name)
    problems: list[Problem] = []
    # iter_errors is lazy: stop one past the most a file may report (the loader says there are more)
    # rather than find them all.
    found = itertools.islice(_validator(schema_name).iter_errors(doc.data), MAX_PROBLEMS_PER_FILE + 1)
    errors = sorted(found, key=lambda e: [str(p) for p in e.absolute_path])
    for err in errors:
        path: PathKey = tuple(err.absolute_path)
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            # Point at the first unexpected key rather than at the mapping that holds it.
            extra = sorted(set(err.instance) - set(_subschema(err).get("properties", {})))
            if extra:
                path = (*path, extra[0])
        mark = doc.mark(path)
        problems.append(
            Problem(
                doc.file,
                mark.line,
                mark.column,
                _message(err, root),
                ident=_ident_at(doc.data, path),
                field=field_name(path),
            )
        )
    return problems
