"""Hooks for the library's own values: statuses, durations and targets.

Each is written in a document as text (``"✅ RESOLVED"``, ``"2 weeks"``,
``"<10%"``); a status may also be a mapping when its label does not say it
all. A plan repeats a few dozen labels, durations and targets thousands of
times and the parsed values are frozen, so within one load or dump
(:func:`parsing_once`) each text is parsed once (when read, and when written:
a status is written as its label when the label says it all). Parsing
problems raise :class:`~remediation.io.errors.HookError` with the code of the
kind of value.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, TypeVar

from remediation.io.errors import HookError, shown, type_name, unknown_field_message
from remediation.io.limits import MAX_INTEGER_DIGITS
from remediation.io.scalar_hooks import check_text, structure_date, structure_datetime
from remediation.model.deadline import DateOrMoment, as_moment
from remediation.model.duration import Duration, parse_duration
from remediation.model.moment import Moment, parse_moment
from remediation.model.quantity import Quantity, parse_quantity
from remediation.model.status import (
    Progress,
    Severity,
    Status,
    accepted_status_labels,
    parse_status,
)
from remediation.model.target import Target, parse_target
from remediation.model.validators import FieldValueError

__all__ = [
    "is_date_or_moment",
    "is_datetime_or_moment",
    "parsing_once",
    "structure_date_or_moment",
    "structure_datetime_or_moment",
    "structure_duration",
    "structure_quantity",
    "structure_status",
    "structure_target",
    "unstructure_quantity",
    "unstructure_status",
]

_V = TypeVar("_V")
_STATUS_FIELDS = ("label", "progress", "severity", "missing")
_LONG_NUMBER = re.compile(rf"\d{{{MAX_INTEGER_DIGITS + 1},}}", re.ASCII)

_MEMO: ContextVar[tuple[dict[str, Any], ...] | None] = ContextVar(
    "remediation.io.value_hooks.memo", default=None
)
"""The texts parsed in the current :func:`parsing_once` block, per kind of value."""


@contextlib.contextmanager
def parsing_once() -> Iterator[None]:
    """Within the block, each distinct status label, duration, target and quantity text is
    parsed once; what was parsed is let go when the block ends (nothing outlives a load).

    Blocks nest (the outermost one keeps the memory); each thread and task has its own.
    """
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set(({}, {}, {}, {}))
    try:
        yield
    finally:
        _MEMO.reset(token)


def _parsed_once(index: int, parse: Callable[[str], _V]) -> Callable[[str], _V]:
    """*parse*, answered from the current block's memory where it parsed the text before
    (a pure function of its text with a frozen result: the memory changes no answer)."""

    def parsed(text: str) -> _V:
        memo = _MEMO.get()
        if memo is None:
            return parse(text)
        known: dict[str, _V] = memo[index]
        value = known.get(text)
        if value is None:
            value = known[text] = parse(text)
        return value

    return parsed


_status_of = _parsed_once(0, parse_status)
_duration_of = _parsed_once(1, parse_duration)
_target_of = _parsed_once(2, parse_target)
_quantity_of = _parsed_once(3, parse_quantity)


def structure_status(value: object, _: type) -> Status:
    """A status from its label, or from a mapping of its fields."""
    if isinstance(value, str):
        check_text(value)
        try:
            return _status_of(value)
        except ValueError as error:
            raise HookError(_status_problem(value, error), code="unknown-status") from None
    if not isinstance(value, Mapping):
        msg = f"expected a status label such as 'RESOLVED' or a mapping, got {type_name(value)}"
        raise HookError(msg, code="wrong-type")
    return _status_from_fields(value)


def _status_problem(label: str, error: ValueError) -> str:
    """What is wrong with *label*: the nearest accepted labels, not all fifty of them."""
    if not str(error).startswith("unknown status"):
        return str(error)  # words that contradict each other: parse_status says which
    accepted = accepted_status_labels()
    near = difflib.get_close_matches(" ".join(label.lower().split()), accepted, n=3, cutoff=0.5)
    hint = f"the nearest accepted: {', '.join(map(repr, near))}; " if near else ""
    progress = "|".join(p.value for p in Progress)
    # The value is named once, in the mapping that would make it a status.
    return (
        f"unknown status; {hint}every accepted word and emoji is listed in docs/format.md "
        f"(Statuses); or state it as a mapping: {{label: {shown(label)}, progress: {progress}}}"
    )


def _status_from_fields(value: Mapping[Any, Any]) -> Status:
    unknown = [k for k in value if k not in _STATUS_FIELDS]
    if unknown:
        key = str(unknown[0])
        raise HookError(unknown_field_message(key, _STATUS_FIELDS), suffix=f".{key}", unknown=True)
    label = value.get("label")
    if label is not None and not isinstance(label, str):
        msg = f"expected a string, got {type_name(label)}"
        raise HookError(msg, code="wrong-type", suffix=".label")
    if label is not None:
        check_text(label, ".label")
    parsed: Status | None = None
    if isinstance(label, str):
        try:
            parsed = _status_of(label)
        except ValueError:
            parsed = None
    progress_value = value.get("progress")
    if progress_value is None:
        if parsed is None:
            msg = "a status without a recognised label needs a progress"
            raise HookError(msg, suffix=".progress")
        progress = parsed.progress
    else:
        try:
            progress = Progress(progress_value)
        except ValueError:
            accepted = ", ".join(p.value for p in Progress)
            msg = f"expected one of {accepted}, got {shown(progress_value)}"
            raise HookError(msg, suffix=".progress") from None
    severity_value = value.get("severity")
    severity = parsed.severity if parsed is not None and "severity" not in value else None
    if severity_value is not None:
        try:
            severity = Severity(severity_value)
        except ValueError:
            accepted = ", ".join(s.value for s in Severity)
            msg = f"expected one of {accepted}, got {shown(severity_value)}"
            raise HookError(msg, suffix=".severity") from None
    missing = value.get("missing", parsed.missing if parsed is not None else False)
    if not isinstance(missing, bool):
        msg = f"expected true or false, got {type_name(missing)}"
        raise HookError(msg, code="wrong-type", suffix=".missing")
    return Status(progress=progress, severity=severity, missing=missing, label=label)


def unstructure_status(status: Status) -> str | dict[str, Any]:
    """A status as its label when the label says it all, else as a mapping."""
    try:
        implied = _status_of(status.label) if status.label is not None else None
    except ValueError:
        implied = None
    if implied == status and status.label is not None:
        return status.label  # the label says it all
    out: dict[str, Any] = {}
    if status.label is not None:
        out["label"] = status.label
    out["progress"] = status.progress.value
    # Write severity and missing where they differ from what the label implies
    # (or where there is no label to imply them), so that reading gives them back.
    implied_severity = implied.severity if implied is not None else None
    if status.severity is not implied_severity:
        out["severity"] = status.severity.value if status.severity is not None else None
    if status.missing != (implied.missing if implied is not None else False):
        out["missing"] = status.missing
    return out


def _check_digits(text: str, what: str, code: str) -> None:
    """Refuse a number of more digits than a document's integers may have, before parsing it."""
    found = _LONG_NUMBER.search(text)
    if found is not None:
        msg = (
            f"not {what}: its number has {len(found.group())} digits, more than "
            f"{MAX_INTEGER_DIGITS}"
        )
        raise HookError(msg, code=code)


def structure_duration(value: object, _: type) -> Duration:
    """A duration such as ``"2 weeks"`` or ``"P2W"``."""
    if not isinstance(value, str):
        msg = f"expected a duration such as '2 weeks' or 'P2W', got {type_name(value)}"
        raise HookError(msg, code="wrong-type")
    _check_digits(value, "a duration", "malformed-duration")
    try:
        return _duration_of(value)
    except ValueError as error:
        raise HookError(str(error), code="malformed-duration") from None


def structure_moment(value: object, _: type) -> Moment:
    """A moment as the document writes it: ``"2025-03-01 17:20 UTC"``, ``"2023-02-DD"``, ..."""
    if not isinstance(value, str):
        msg = f"expected a moment such as '2025-03-01 17:20 UTC', got {type_name(value)}"
        raise HookError(msg, code="wrong-type")
    try:
        return parse_moment(value)
    except ValueError as error:
        raise HookError(str(error), code="malformed-moment") from None


_PLAIN_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_ISO_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?", re.ASCII
)
_NONE = type(None)
_MOMENT_FORMS = (
    "a moment at its precision such as 2025-03, 2025-03-DD, early March 2025 or "
    "2025-03-01 17:20 UTC"
)


def _got(value: object) -> str:
    """What was given, as date messages say it: a text as is, anything else with its type."""
    return shown(value) if isinstance(value, str) else f"{type_name(value)} {shown(value)}"


def is_date_or_moment(t: Any) -> bool:
    """Whether *t* is ``date | Moment`` (or with ``| None``)."""
    return set(typing.get_args(t)) in ({dt.date, Moment}, {dt.date, Moment, _NONE})


def is_datetime_or_moment(t: Any) -> bool:
    """Whether *t* is ``datetime | Moment`` (or with ``| None``)."""
    return set(typing.get_args(t)) in ({dt.datetime, Moment}, {dt.datetime, Moment, _NONE})


def structure_date_or_moment(value: object, t: type) -> DateOrMoment | None:
    """A day (``YYYY-MM-DD``, kept a :class:`datetime.date`) or a moment kept as written."""
    if value is None and _NONE in typing.get_args(t):
        return None
    if isinstance(value, dt.datetime):
        return as_moment(value)
    if isinstance(value, dt.date) or (isinstance(value, str) and _PLAIN_DAY.fullmatch(value)):
        return structure_date(value, dt.date)
    if isinstance(value, str):
        try:
            return parse_moment(value)
        except ValueError as error:
            if "is not a moment" not in str(error):  # a form it has, with no such day or time
                raise HookError(str(error), code="malformed-date") from None
    msg = f"expected a date as YYYY-MM-DD, or {_MOMENT_FORMS}, got {_got(value)}"
    raise HookError(msg, code="malformed-date")


def structure_datetime_or_moment(value: object, t: type) -> dt.datetime | Moment | None:
    """A date and time in ISO 8601 (kept a :class:`datetime.datetime`) or a moment as written."""
    if value is None and _NONE in typing.get_args(t):
        return None
    if isinstance(value, dt.date) or (
        isinstance(value, str) and (_PLAIN_DAY.fullmatch(value) or _ISO_TIME.fullmatch(value))
    ):
        return structure_datetime(value, dt.datetime)
    if isinstance(value, str):
        try:
            return parse_moment(value)
        except ValueError as error:
            if "is not a moment" not in str(error):
                raise HookError(str(error), code="malformed-date") from None
    msg = (
        "expected a date and time as YYYY-MM-DDTHH:MM[:SS][+HH:MM], or "
        f"{_MOMENT_FORMS}, got {_got(value)}"
    )
    raise HookError(msg, code="malformed-date")


def structure_target(value: object, _: type) -> Target:
    """A target such as ``"<10%"`` (a bare number is its text)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        msg = f"expected a target such as '<10%', got {type_name(value)}"
        raise HookError(msg, code="wrong-type")
    _check_digits(value, "a target", "out-of-range")
    try:
        return _target_of(value)
    except FieldValueError as error:
        raise HookError(str(error), code="out-of-range") from None
    except ValueError as error:
        raise HookError(str(error), code="malformed-target") from None


def structure_quantity(value: object, _: type) -> Quantity:
    """A figure such as ``"~15K"`` or ``"$2M"`` (a bare number is its text)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        msg = f"expected a figure such as '54%' or '$2M', got {type_name(value)}"
        raise HookError(msg, code="wrong-type")
    try:
        return _quantity_of(value)
    except ValueError as error:
        raise HookError(str(error), code="malformed-figure") from None


def unstructure_quantity(quantity: Quantity) -> str | int:
    """A figure as its text; a whole number written as digits alone as that number."""
    text = str(quantity)
    if text.isascii() and text.isdigit() and (text == "0" or not text.startswith("0")):
        return int(text)
    return text


_LENGTH = re.compile(
    r"^P(?:(?P<days>\d+)D)?(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def unstructure_timedelta(value: dt.timedelta) -> str:
    """A length of time in ISO 8601, whole seconds: ``"PT1H6M"``, ``"P2DT3H"``."""
    seconds = int(value.total_seconds())
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    time = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n)
    text = "P" + (f"{days}D" if days else "") + (f"T{time}" if time else "")
    return text if text != "P" else "PT0S"


def structure_timedelta(value: object, _: type) -> dt.timedelta:
    """A length of time as :func:`unstructure_timedelta` writes it."""
    match = _LENGTH.match(value) if isinstance(value, str) else None
    if match is None or value == "P":
        msg = f"expected a length of time in ISO 8601 such as 'PT1H6M', got {type_name(value)}"
        raise HookError(msg, code="malformed-duration")
    parts = {name: int(number) for name, number in match.groupdict(default="0").items()}
    try:
        return dt.timedelta(**parts)
    except OverflowError:
        msg = f"{value!r} is longer than the calendar can hold"
        raise HookError(msg, code="out-of-range") from None
