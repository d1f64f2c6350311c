"""Structuring hooks for the plain values of a document: text, numbers, dates, enums.

Each hook takes a value as JSON or YAML gives it and returns it typed, or
raises :class:`~remediation.io.errors.HookError` saying what was expected.
Reading is strict: a string is not a number and a number is not a boolean.
Every hook checks the common case first (a short ``str`` for a string) and
only a value that fails it takes the slower path that words the problem, so
the same hook serves both the fast and the detailed converter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import math
import re
import types
from collections.abc import Callable, Mapping
from typing import Any

from remediation.io.errors import HookError, did_you_mean, shown, type_name
from remediation.io.limits import LIMITS, MAX_INTEGER_DIGITS, OversizedNumber, raise_hint

__all__ = [
    "MAX_MAGNITUDE",
    "check_length",
    "check_text",
    "enum_hook",
    "parse_date",
    "parse_datetime",
    "structure_bool",
    "structure_date",
    "structure_datetime",
    "structure_extra",
    "structure_float",
    "structure_int",
    "structure_str",
    "unstructure_extra",
]


MAX_MAGNITUDE = 10**15
"""Numbers in a document's fields are at most this large (either side of zero)."""

# C0 controls but tab, line feed and carriage return; DEL; lone surrogates.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def structure_str(value: object, _: type) -> str:
    """A string within the length limit, without control characters or lone surrogates."""
    if type(value) is str and len(value) <= LIMITS.get().max_string and value.isprintable():
        return value  # the common case, checked first
    if not isinstance(value, str):
        msg = f"expected a string, got {type_name(value)} {shown(value)}"
        raise HookError(msg, code="wrong-type")
    check_text(value)
    return value


def check_text(value: str, suffix: str = "") -> None:
    """Refuse a text over the length limit, or holding a control character or lone surrogate."""
    check_length(value, suffix)
    if value.isprintable():
        return
    found = _REFUSED.search(value)
    if found is None:
        return
    code = ord(found.group())
    what = (
        "a lone surrogate, half of a UTF-16 pair and not a character"
        if 0xD800 <= code <= 0xDFFF
        else "a control character; only tab and line breaks are allowed in text"
    )
    msg = f"the text holds U+{code:04X} at position {found.start()}, {what}"
    raise HookError(msg, suffix=suffix)


def check_length(value: str, suffix: str = "") -> None:
    """Refuse a text longer than the limit on strings (the problem *suffix* below the path)."""
    limit = LIMITS.get().max_string
    if len(value) > limit:
        msg = (
            f"the text is {len(value)} characters, more than the limit of {limit}; "
            f"{raise_hint('max_string')}"
        )
        raise HookError(msg, code="too-large", suffix=suffix)


_TOO_MANY_DIGITS = 10**MAX_INTEGER_DIGITS


def _oversized(value: int) -> OversizedNumber:
    """*value* as the parser would have left it (its digits counted without str())."""
    digits = int(abs(value).bit_length() * math.log10(2)) + 1
    if abs(value) < 10 ** (digits - 1):
        digits -= 1
    return OversizedNumber(digits)


def _out_of_range(value: int | float | OversizedNumber) -> HookError:
    if isinstance(value, int) and abs(value) >= _TOO_MANY_DIGITS:
        value = _oversized(value)  # given in code: no float holds it
    got = f"an integer {value!r}" if isinstance(value, OversizedNumber) else f"{value:g}"
    msg = f"expected a number from -1e15 to 1e15, got {got}"
    return HookError(msg, code="out-of-range")


def structure_int(value: object, _: type) -> int:
    """An integer (not a boolean) of at most :data:`MAX_MAGNITUDE`."""
    if type(value) is int and -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        return value  # the common case, checked first
    if isinstance(value, OversizedNumber) or (
        isinstance(value, int) and not isinstance(value, bool)
    ):
        raise _out_of_range(value)
    msg = f"expected an integer, got {type_name(value)} {shown(value)}"
    raise HookError(msg, code="wrong-type")


def structure_float(value: object, _: type) -> float:
    """A finite number, integer or not (not a boolean), of at most :data:`MAX_MAGNITUDE`."""
    if isinstance(value, OversizedNumber):
        raise _out_of_range(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a number, got {type_name(value)} {shown(value)}"
        raise HookError(msg, code="wrong-type")
    if isinstance(value, float) and not math.isfinite(value):
        msg = f"expected a finite number, got {value!r}"
        raise HookError(msg)
    if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        raise _out_of_range(value)
    return float(value)


def structure_bool(value: object, _: type) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        msg = f"expected true or false, got {type_name(value)} {shown(value)}"
        raise HookError(msg, code="wrong-type")
    return value


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_TIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?",
    re.ASCII,
)
_DATE_FORM = "YYYY-MM-DD"
_TIME_FORM = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][+HH:MM]"


def parse_date(text: str) -> dt.date:
    """A date written ``YYYY-MM-DD``, and only so (no ``20250101``, no week dates).

    Raises:
        ValueError: Another form, or a day the calendar does not have.

    Examples:
        >>> parse_date("2025-02-28")
        datetime.date(2025, 2, 28)
        >>> parse_date("2023-02-30")
        Traceback (most recent call last):
        ValueError: '2023-02-30' is not a day: February 2023 has 28 days
    """
    found = _DATE.fullmatch(text)
    if found is None:
        msg = f"expected a date as {_DATE_FORM}, got {shown(text)}"
        raise ValueError(msg)
    year, month, day = (int(part) for part in found.groups())
    if year < dt.MINYEAR:
        msg = f"{text!r} is not a day: there is no year 0"
        raise ValueError(msg)
    if not 1 <= month <= 12:
        msg = f"{text!r} is not a day: there is no month {month}"
        raise ValueError(msg)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        msg = f"{text!r} is not a day: {calendar.month_name[month]} {year} has {days} days"
        raise ValueError(msg)
    return dt.date(year, month, day)


def parse_datetime(text: str) -> dt.datetime:
    """A date, or a date and time, in the ISO 8601 forms the format documents.

    ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM``, with seconds (and fractions),
    a ``Z`` or an offset ``+HH:MM``; a space may stand for the ``T``.

    Raises:
        ValueError: Another form, a day the calendar does not have, or no such time.
    """
    found = _TIME.fullmatch(text)
    if found is None:
        msg = f"expected a date and time as {_TIME_FORM}, got {shown(text)}"
        raise ValueError(msg)
    parse_date(found.group("date"))  # says what is wrong with the day
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as error:
        msg = f"{text!r} is not a time: {error}"
        raise ValueError(msg) from None


def structure_date(value: object, _: type) -> dt.date:
    """A date as ``YYYY-MM-DD`` (or as YAML reads one; a timestamp gives its date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as error:
            raise HookError(str(error), code="malformed-date") from None
    msg = f"expected a date as {_DATE_FORM}, got {type_name(value)} {shown(value)}"
    raise HookError(msg, code="malformed-date")


def structure_datetime(value: object, _: type) -> dt.datetime:
    """A date and time in ISO 8601 (a date alone is its midnight)."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, str):
        try:
            return parse_datetime(value)
        except ValueError as error:
            raise HookError(str(error), code="malformed-date") from None
    msg = f"expected a date and time as {_TIME_FORM}, got {type_name(value)} {shown(value)}"
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
        check_text(value, path)
        return value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _TOO_MANY_DIGITS:
        value = _oversized(value)
    if isinstance(value, OversizedNumber):
        msg = f"expected an integer of at most {MAX_INTEGER_DIGITS} digits, got one {value!r}"
        raise HookError(msg, code="out-of-range", suffix=path)
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
            try:
                check_text(key, path)
            except HookError as error:
                msg = f"the key {shown(key)}: {error.detail}"
                raise HookError(msg, code=error.code, suffix=path) from None
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
