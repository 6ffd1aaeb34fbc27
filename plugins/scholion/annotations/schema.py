"""The published JSON Schema of an annotation's front matter, and its errors told to a contributor.

``schemas/annotation.schema.json`` is the one statement of the fields, the kinds and the date format:
editors check a file against it while it is written, the site publishes it, and the build validates
each file with it (``jsonschema``). Each error becomes a message at the line of its field, saying what
was expected, with the closest known name for a misspelled field or kind.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping

import jsonschema
from jsonschema import Draft7Validator, ValidationError

from scholion.problems import Problem
from scholion.yamlfile import did_you_mean

SCHEMA_PATH = Path(__file__).parent / "schemas" / "annotation.schema.json"

# What a field must hold, said for a contributor (its pattern or JSON type would not help one).
_EXPECTED = {
    "target": "must hold 'paragraph' (like p14) and 'exact' (the quoted words), each on its own indented line",
    "target.paragraph": "must be a paragraph id like p14",
    "author": "must be a name, e.g. author: Jane Doe",
    "date": "must be written YYYY-MM-DD, e.g. 2024-05-01",
    "tags": "must be a list of words or phrases, e.g. tags: [Minsk agreements, sanctions]",
}
_BY_TYPE = {"string": "must be text", "array": "must be a list", "object": "must hold fields, each on its own indented line"}

# When one field breaks several rules, the message of the first of these is the one given.
_ORDER = ("type", "required", "additionalProperties", "enum", "pattern", "minLength", "format", "uniqueItems")


@lru_cache(maxsize=1)
def schema() -> dict:
    """The published JSON Schema of the front matter (the single source of field names and kinds)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def kinds() -> tuple[str, ...]:
    return tuple(schema()["properties"]["kind"]["enum"])


def _min_length_of_words(validator: Any, min_length: int, instance: Any, _schema: dict) -> Iterator[ValidationError]:
    """``minLength`` not counting white space: a blank author or quote is as empty as a missing one."""
    if validator.is_type(instance, "string") and len(instance.strip()) < min_length:
        yield ValidationError(f"{instance!r} is too short")


_Validator = jsonschema.validators.extend(Draft7Validator, {"minLength": _min_length_of_words})


@lru_cache(maxsize=1)
def _validator() -> Any:
    # The format checker makes "format": "date" a real day: 2024-13-01 fits the pattern, not the calendar.
    return _Validator(schema(), format_checker=Draft7Validator.FORMAT_CHECKER)


def check_front_matter(data: Mapping[str, Any], lines: Mapping[str, int], file: Path) -> list[Problem]:
    """Every schema error in ``data``, one per field, at the line ``lines`` gives its dotted path."""
    errors = sorted(_validator().iter_errors(data),
                    key=lambda e: _ORDER.index(e.validator) if e.validator in _ORDER else len(_ORDER))
    problems: list[Problem] = []
    told: set[str] = set()
    for error in errors:
        for path, code, message in _explain(error):
            if path not in told:
                told.add(path)
                parent = path.rpartition(".")[0]
                line = lines.get(path) or lines.get(parent) or 1
                problems.append(Problem(file, line, message, code=f"annotation.{code}"))
    return sorted(problems, key=lambda p: p.line or 0)


def _explain(error: ValidationError) -> Iterator[tuple[str, str, str]]:
    """``(dotted path, code, message)`` for each field ``error`` is about."""
    parts = list(error.absolute_path)
    path = ".".join(map(str, parts))
    name = _name(parts)
    value = error.instance
    if error.validator == "required":
        for key in error.validator_value:
            if key not in value:
                yield _join(path, key), "missing-key", f"missing required field '{_join(path, key)}': " \
                                                       f"{_describe(error.schema['properties'][key])}"
    elif error.validator == "additionalProperties":
        known = [key for key in error.schema["properties"] if key != "$schema"]
        takes = f"{path} takes" if path else "the fields are"
        for key in value:
            if key not in error.schema["properties"]:
                yield _join(path, str(key)), "unknown-key", \
                    f"unknown field '{_join(path, str(key))}'{did_you_mean(str(key), known)}; {takes} {', '.join(known)}"
    elif error.validator == "enum":
        choices = error.validator_value
        yield path, "unknown-value", f"unknown {name} {value!r}{did_you_mean(str(value), choices)}; " \
                                     f"use one of: {', '.join(choices)}"
    elif value is None or error.validator == "minLength":
        yield path, "empty", f"{name} is empty"
    elif path == "target.paragraph" and re.fullmatch(r"¶?\s*\d+", str(value).strip()):
        number = re.sub(r"\D", "", str(value))
        yield path, "wrong-form", f"target.paragraph is an id like p14, not '{value}': write p{number}"
    elif error.validator in ("type", "pattern"):
        wanted = error.schema.get("type")
        expected = _EXPECTED.get(path) or _BY_TYPE.get(wanted, f"must be {wanted}")
        quote = "; put it in quotation marks" if wanted == "string" and isinstance(value, (int, float, bool)) else ""
        yield path, "wrong-type" if error.validator == "type" else "wrong-form", f"{name} {expected}, not {_shown(value)}{quote}"
    elif error.validator == "format":
        yield path, "not-a-day", f"{name} '{value}' is not a real day; write YYYY-MM-DD, e.g. 2024-05-01"
    elif error.validator == "uniqueItems":
        repeated: list = []
        for index, item in enumerate(value):
            if item in value[:index] and item not in repeated:
                repeated.append(item)
        yield path, "repeated-item", f"{name} lists {', '.join(map(_shown, repeated))} more than once"
    else:
        yield path, "invalid", f"{name}: {error.message}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _name(parts: list) -> str:
    """``target.exact``, or ``tags item 2`` for the second tag."""
    name = ""
    for part in parts:
        name = f"{name} item {part + 1}" if isinstance(part, int) else _join(name, part)
    return name


def _describe(field: dict) -> str:
    """The first sentence of a field's description in the schema, and its choices if it has any."""
    sentence = field.get("description", "").split(". ")[0].rstrip(".")
    choices = f"; one of: {', '.join(field['enum'])}" if "enum" in field else ""
    return sentence[:1].lower() + sentence[1:] + choices


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return json.dumps(value) if isinstance(value, (bool, int, float)) else repr(value)
