"""JSON text indented by two spaces, as `json.dumps(data, indent=2, ensure_ascii=False)` writes it.

The standard library encodes with its C encoder only without indentation;
with ``indent`` it falls back to a pure-Python encoder made of nested
generators, which takes most of the time of writing a document. :func:`indented`
writes the same text with one recursive function that appends pieces to a
list, each string through the C string encoder: the same bytes, in about half
the time. Only plain data is written: dicts, lists and tuples, strings,
integers, floats, booleans and ``None`` (subclasses of them as the standard
library writes them); anything else is a :class:`TypeError`, and a float that
is not a number a :class:`ValueError`, as with ``allow_nan=False``.

Examples:
    >>> print(indented({"id": "p", "tags": ["a", 1.5], "none": {}, "ok": True}))
    {
      "id": "p",
      "tags": [
        "a",
        1.5
      ],
      "none": {},
      "ok": true
    }
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable
from typing import Any

__all__ = ["indented", "scalar_text", "write_indented"]

_string = json.encoder.encode_basestring  # the C encoder where the interpreter has it


def _number(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):  # noqa: PLR0124  (NaN)
        msg = f"Out of range float values are not JSON compliant: {value!r}"
        raise ValueError(msg)
    return float.__repr__(value)


def scalar_text(value: Any) -> str:
    """A value that is not a container, as the standard library writes it."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _number(value)
    msg = f"Object of type {type(value).__name__} is not JSON serializable"
    raise TypeError(msg)


def _key(key: Any) -> str:
    """A mapping key as the standard library writes it: text, or a scalar made text."""
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, (bool, int, float)) or key is None:
        return '"' + scalar_text(key).strip('"') + '"'
    msg = f"keys must be str, int, float, bool or None, not {type(key).__name__}"
    raise TypeError(msg)


def indented(data: Any) -> str:
    """*data* as JSON text indented by two spaces, non-ASCII characters as they are."""
    parts: list[str] = []
    write_indented(data, "", parts.append)
    return "".join(parts)


def write_indented(data: Any, margin: str, append: Callable[[str], object]) -> None:
    """Append the text of *data* to *append*, as :func:`indented` writes it at *margin*.

    *margin* is the indentation of the line *data* starts on (spaces only): its
    inner lines are indented two spaces more.
    """

    def write(value: Any, margin: str) -> None:
        kind = type(value)
        if kind is str:
            append(_string(value))
        elif kind is dict:
            if not value:
                append("{}")
                return
            inner = margin + "  "
            separator = "{\n" + inner
            between = ",\n" + inner
            for key, item in value.items():
                append(separator)
                append(_string(key) if type(key) is str else _key(key))
                append(": ")
                if type(item) is str:
                    append(_string(item))
                else:
                    write(item, inner)
                separator = between
            append("\n" + margin + "}")
        elif kind is list or kind is tuple:
            if not value:
                append("[]")
                return
            inner = margin + "  "
            separator = "[\n" + inner
            between = ",\n" + inner
            for item in value:
                append(separator)
                if type(item) is str:
                    append(_string(item))
                else:
                    write(item, inner)
                separator = between
            append("\n" + margin + "]")
        elif isinstance(value, dict):
            write(dict(value), margin)
        elif isinstance(value, (list, tuple)):
            write(list(value), margin)
        else:
            append(scalar_text(value))

    write(data, margin)
