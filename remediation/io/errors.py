"""Problems found while reading a document: how they are worded and collected.

A structuring hook that refuses a value raises :class:`HookError`: what is
wrong, the error code, and where below the current value the problem is.
cattrs wraps the errors of a record's fields and of a list's entries in
nested exception groups; :func:`collect_errors` flattens those into
:class:`~remediation.exceptions.DocumentError` instances, each with a JSON path
such as ``$.phases[1].items[0].status``.

The wording helpers (:func:`type_name`, :func:`shown`, :func:`did_you_mean`,
:func:`unknown_field_message`) keep every message in the same voice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import reprlib
from collections.abc import Iterable, Mapping

import attrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from remediation.exceptions import (
    DocumentError,
    InvalidValueError,
    MissingFieldError,
    UnknownFieldError,
)
from remediation.io.limits import OversizedNumber
from remediation.model.validators import FieldValueError

__all__ = [
    "HookError",
    "collect_errors",
    "did_you_mean",
    "shown",
    "type_name",
    "unknown_field_message",
]


class HookError(ValueError):
    """Raised by a hook: the value at the current path is not what was expected.

    Attributes:
        detail: What was found and what was expected.
        suffix: Where the problem is below the current value (``".label"``), if not at it.
        unknown: Whether the problem is a field the record does not have.
        code: The error code of the problem.
    """

    def __init__(
        self, detail: str, *, suffix: str = "", unknown: bool = False, code: str = "invalid-value"
    ) -> None:
        self.detail = detail
        self.suffix = suffix
        self.unknown = unknown
        self.code = code
        super().__init__(detail)


# --------------------------------------------------------------------------- wording


def type_name(value: object) -> str:
    """How a document value's type is called in messages."""
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case OversizedNumber():
            return "an integer"
        case int():
            return "an integer"
        case float():
            return "a number"
        case str():
            return "a string"
        case Mapping():
            return "a mapping"
        case list() | tuple():
            return "a list"
        case dt.datetime():
            return "a timestamp"
        case dt.date():
            return "a date"
        case _:
            return type(value).__name__


_REPR = reprlib.Repr()  # keyword arguments need Python 3.12
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlist, _REPR.maxdict = 2, 50, 50, 4, 4


def shown(value: object) -> str:
    """A short, safe rendering of a document value (never the whole of a huge one)."""
    return _REPR.repr(value)


def did_you_mean(value: object, choices: list[str]) -> str:
    """A hint naming the choice closest to *value*, or nothing when none is close."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_field_message(key: str, fields: Iterable[str]) -> str:
    """The message for a field *key* that is not one of *fields*."""
    names = sorted(fields)
    hint = did_you_mean(key, names)
    return f"unknown field {key!r}{hint}; expected one of: {', '.join(names)}"


# --------------------------------------------------------------------------- collection


def collect_errors(error: BaseException, path: str = "$") -> list[DocumentError]:
    """Flatten a structuring error into document errors, each with its path.

    Raises:
        BaseException: *error* itself, when it is not a problem of the document.
    """
    out: list[DocumentError] = []
    _collect(error, path, out)
    unique = {(e.path, e.code, e.detail): e for e in out}  # a check may fire twice
    return list(unique.values())


def _collect(error: BaseException, path: str, out: list[DocumentError]) -> None:
    if isinstance(error, IterableValidationError):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            _collect(inner, f"{path}[{note.index!r}]", out)
        for inner in without:
            _collect(inner, path, out)
    elif isinstance(error, ClassValidationError):
        with_notes_attr, without = error.group_exceptions()
        for inner, attr_note in with_notes_attr:
            _collect(inner, f"{path}.{attr_note.name}", out)
        for inner in without:
            _collect(inner, path, out)
    elif isinstance(error, HookError):
        where = f"{path}{error.suffix}"
        if error.unknown:
            out.append(UnknownFieldError(where, error.detail))
        else:
            out.append(InvalidValueError(where, error.detail, code=error.code))
    elif isinstance(error, ForbiddenExtraKeysError):
        fields = [a.name for a in attrs.fields(error.cl) if a.init] if attrs.has(error.cl) else []
        out.extend(
            UnknownFieldError(f"{path}.{key}", unknown_field_message(key, fields))
            for key in sorted(error.extra_fields)
        )
    elif isinstance(error, FieldValueError):
        out.append(InvalidValueError(f"{path}.{error.field}", str(error), code="out-of-range"))
    elif isinstance(error, KeyError):
        out.append(MissingFieldError(path, "required field is missing"))
    elif isinstance(error, DocumentError):
        out.append(error)
    elif isinstance(error, ValueError | TypeError):
        out.append(InvalidValueError(path, str(error)))
    else:
        raise error
