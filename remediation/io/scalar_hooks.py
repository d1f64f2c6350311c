"""Structuring hooks for the plain values of a document: text, numbers, dates, enums.

Each hook takes a value as JSON or YAML gives it and returns it typed, or
raises :class:`~remediation.io.errors.HookError` saying what was expected.
Reading is strict: a string is not a number and a number is not a boolean.
Every hook checks the common case first (a short ``str`` for a string) and
only a value that fails it takes the slower path that words the problem, so
the same hook serves both the fast and the detailed converter.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import types
from collections.abc import Callable, Mapping
from typing import Any

from remediation.io.errors import HookError, did_you_mean, shown, type_name
from remediation.io.limits import LIMITS

__all__ = [
    "check_length",
    "enum_hook",
    "structure_bool",
    "structure_date",
    "structure_datetime",
    "structure_extra",
    "structure_float",
    "structure_int",
    "structure_str",
    "unstructure_extra",
]


def structure_str(value: object, _: type) -> str:
    """A string within the length limit."""
    if type(value) is str and len(value) <= LIMITS.get().max_string:
        return value  # the common case, checked first
    if not isinstance(value, str):
        msg = f"expected a string, got {type_name(value)} {shown(value)}"
        raise HookError(msg, code="wrong-type")
    check_length(value)
    return value


def check_length(value: str, suffix: str = "") -> None:
    """Refuse a text longer than the limit on strings (the problem *suffix* below the path)."""
    limit = LIMITS.get().max_string
    if len(value) > limit:
        msg = (
            f"the text is {len(value)} characters, more than the limit of {limit}; "
            "pass limits=Limits(max_string=...) to read longer text"
        )
        raise HookError(msg, code="too-large", suffix=suffix)


def structure_int(value: object, _: type) -> int:
    """An integer (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, got {type_name(value)} {shown(value)}"
        raise HookError(msg, code="wrong-type")
    return value


def structure_float(value: object, _: type) -> float:
    """A finite number, integer or not (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a number, got {type_name(value)} {shown(value)}"
        raise HookError(msg, code="wrong-type")
    result = float(value)
    if not math.isfinite(result):
        msg = f"expected a finite number, got {value!r}"
        raise HookError(msg)
    return result


def structure_bool(value: object, _: type) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        msg = f"expected true or false, got {type_name(value)} {shown(value)}"
        raise HookError(msg, code="wrong-type")
    return value


def structure_date(value: object, _: type) -> dt.date:
    """A date as ``YYYY-MM-DD`` (or as YAML reads one; a timestamp gives its date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # not ISO 8601: the error below
    msg = f"expected a date as YYYY-MM-DD, got {type_name(value)} {shown(value)}"
    raise HookError(msg, code="malformed-date")


def structure_datetime(value: object, _: type) -> dt.datetime:
    """A date and time in ISO 8601 (a date alone is its midnight)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass  # not ISO 8601: the error below
    msg = (
        "expected a date and time in ISO 8601 (YYYY-MM-DDTHH:MM[:SS][+HH:MM]), "
        f"got {type_name(value)} {shown(value)}"
    )
    raise HookError(msg, code="malformed-date")


def enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    """The hook reading a member of *cls* from its value, with a hint for a near miss."""
    accepted = [member.value for member in cls]

    def structure(value: object, _: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            hint = did_you_mean(value, [str(a) for a in accepted])
            msg = (
                f"expected one of {', '.join(map(str, accepted))}, got "
                f"{type_name(value)} {shown(value)}{hint}"
            )
            raise HookError(msg) from None

    return structure


def _json_value(value: object, path: str = "", depth: int = 0) -> Any:
    """Free-form values: JSON's types only; dates from YAML become ISO strings."""
    limits = LIMITS.get()
    if depth > limits.max_depth:
        msg = f"nested more than {limits.max_depth} levels deep"
        raise HookError(msg, code="too-deep", suffix=path)
    if isinstance(value, str):
        check_length(value, path)
        return value
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            msg = f"expected a finite number, got {value!r}"
            raise HookError(msg, suffix=path)
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                msg = f"expected string keys, got {type_name(key)} {shown(key)}"
                raise HookError(msg, code="wrong-type", suffix=path)
            check_length(key, path)
            out[key] = _json_value(item, f"{path}.{key}", depth + 1)
        return out
    msg = f"expected a JSON value, got {type_name(value)}"
    raise HookError(msg, code="wrong-type", suffix=path)


def structure_extra(value: object, _: type) -> Mapping[str, Any]:
    """A record's free-form fields, as a read-only mapping of JSON values."""
    if not isinstance(value, Mapping):
        msg = f"expected a mapping of free-form fields, got {type_name(value)}"
        raise HookError(msg, code="wrong-type")
    result: dict[str, Any] = _json_value(value)
    return types.MappingProxyType(result)


def unstructure_extra(value: Mapping[str, Any]) -> dict[str, Any]:
    """Free-form fields as a plain mapping."""
    return dict(value)
