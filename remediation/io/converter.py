"""The one cattrs converter, configured in one place.

:func:`make_converter` builds a private converter: simple types first
(strict: a string is not a number), then statuses, durations, targets,
dates, the evidence union, and every attrs record with unknown keys
forbidden and defaults omitted on output. cattrs' global converter is never
touched.

Structuring errors come out of cattrs as nested exception groups;
:func:`collect_errors` flattens them into :class:`~remediation.exceptions.DocumentError`
instances, each with a JSON path such as ``$.phases[1].items[0].status``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import math
import reprlib
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from remediation.exceptions import (
    DocumentError,
    InvalidValueError,
    MissingFieldError,
    UnknownFieldError,
)
from remediation.io.limits import LIMITS, current_limits
from remediation.model.duration import Duration, parse_duration
from remediation.model.records import (
    CommitEvidence,
    DocumentEvidence,
    Evidence,
    MeasurementEvidence,
    NoteEvidence,
    TestRunEvidence,
)
from remediation.model.status import Progress, Severity, Status, parse_status
from remediation.model.target import Target, parse_target
from remediation.model.validators import FieldValueError

__all__ = ["EVIDENCE_KINDS", "collect_errors", "make_converter", "make_fast_converter", "type_name"]

EVIDENCE_KINDS: dict[str, type[Any]] = {
    "commit": CommitEvidence,
    "test_run": TestRunEvidence,
    "document": DocumentEvidence,
    "measurement": MeasurementEvidence,
    "note": NoteEvidence,
}
_KIND_OF = {cls: kind for kind, cls in EVIDENCE_KINDS.items()}
_STATUS_FIELDS = ("label", "progress", "severity", "missing")
_RESULT_PACKAGE = "remediation.evaluation."


class _InvalidError(ValueError):
    """Raised by a hook: the value at the current path is not what was expected."""

    def __init__(
        self, detail: str, *, suffix: str = "", unknown: bool = False, code: str = "invalid-value"
    ) -> None:
        self.detail = detail
        self.suffix = suffix
        self.unknown = unknown
        self.code = code
        super().__init__(detail)


def type_name(value: object) -> str:
    """How a document value's type is called in messages."""
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
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


def _shown(value: object) -> str:
    """A short, safe rendering of a document value (never the whole of a huge one)."""
    return _REPR.repr(value)


# --------------------------------------------------------------------------- simple types


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {type_name(value)} {_shown(value)}"
        raise _InvalidError(msg, code="wrong-type")
    _check_length(value)
    return value


def _check_length(value: str, suffix: str = "") -> None:
    limit = current_limits().max_string
    if len(value) > limit:
        msg = (
            f"the text is {len(value)} characters, more than the limit of {limit}; "
            "pass limits=Limits(max_string=...) to read longer text"
        )
        raise _InvalidError(msg, code="too-large", suffix=suffix)


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, got {type_name(value)} {_shown(value)}"
        raise _InvalidError(msg, code="wrong-type")
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a number, got {type_name(value)} {_shown(value)}"
        raise _InvalidError(msg, code="wrong-type")
    result = float(value)
    if not math.isfinite(result):
        msg = f"expected a finite number, got {value!r}"
        raise _InvalidError(msg)
    return result


def _unstructure_float(value: float) -> float | int:
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {type_name(value)} {_shown(value)}"
        raise _InvalidError(msg, code="wrong-type")
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass  # not ISO 8601: the error below
    msg = f"expected a date as YYYY-MM-DD, got {type_name(value)} {_shown(value)}"
    raise _InvalidError(msg, code="malformed-date")


def _structure_datetime(value: object, _: type) -> dt.datetime:
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
        f"got {type_name(value)} {_shown(value)}"
    )
    raise _InvalidError(msg, code="malformed-date")


def _structure_enum(converter: cattrs.Converter) -> Callable[[type[Any]], Callable[..., Any]]:
    del converter

    def factory(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
        accepted = [member.value for member in cls]

        def structure(value: object, _: type) -> enum.Enum:
            try:
                return cls(value)
            except ValueError:
                hint = _did_you_mean(value, [str(a) for a in accepted])
                msg = (
                    f"expected one of {', '.join(map(str, accepted))}, got "
                    f"{type_name(value)} {_shown(value)}{hint}"
                )
                raise _InvalidError(msg) from None

        return structure

    return factory


def _did_you_mean(value: object, choices: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _structure_json_value(value: object, path: str = "", depth: int = 0) -> Any:
    """Free-form values: JSON's types only; dates from YAML become ISO strings."""
    if depth > current_limits().max_depth:
        msg = f"nested more than {current_limits().max_depth} levels deep"
        raise _InvalidError(msg, code="too-deep", suffix=path)
    if isinstance(value, str):
        _check_length(value, path)
        return value
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            msg = f"expected a finite number, got {value!r}"
            raise _InvalidError(msg, suffix=path)
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_structure_json_value(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                msg = f"expected string keys, got {type_name(key)} {_shown(key)}"
                raise _InvalidError(msg, code="wrong-type", suffix=path)
            _check_length(key, path)
            out[key] = _structure_json_value(item, f"{path}.{key}", depth + 1)
        return out
    msg = f"expected a JSON value, got {type_name(value)}"
    raise _InvalidError(msg, code="wrong-type", suffix=path)


def _structure_extra(value: object, _: type) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        msg = f"expected a mapping of free-form fields, got {type_name(value)}"
        raise _InvalidError(msg, code="wrong-type")
    result: dict[str, Any] = _structure_json_value(value)
    return types.MappingProxyType(result)


def _unstructure_extra(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


# --------------------------------------------------------------------------- domain values

# A plan repeats a few dozen status labels, durations and targets thousands of
# times; the parsed values are frozen, so each text is parsed once (when read,
# and when written: a status is written as its label when the label says it all).
_status_of = functools.lru_cache(maxsize=4096)(parse_status)
_duration_of = functools.lru_cache(maxsize=4096)(parse_duration)
_target_of = functools.lru_cache(maxsize=4096)(parse_target)


def _structure_status(value: object, _: type) -> Status:
    if isinstance(value, str):
        try:
            return parse_status(value)
        except ValueError as error:
            raise _InvalidError(str(error), code="unknown-status") from None
    if not isinstance(value, Mapping):
        msg = f"expected a status label such as 'RESOLVED' or a mapping, got {type_name(value)}"
        raise _InvalidError(msg, code="wrong-type")
    unknown = [k for k in value if k not in _STATUS_FIELDS]
    if unknown:
        key = str(unknown[0])
        raise _InvalidError(
            _unknown_field_message(key, _STATUS_FIELDS), suffix=f".{key}", unknown=True
        )
    label = value.get("label")
    if label is not None and not isinstance(label, str):
        msg = f"expected a string, got {type_name(label)}"
        raise _InvalidError(msg, code="wrong-type", suffix=".label")
    parsed: Status | None = None
    if isinstance(label, str):
        try:
            parsed = parse_status(label)
        except ValueError:
            parsed = None
    progress_value = value.get("progress")
    if progress_value is None:
        if parsed is None:
            msg = "a status without a recognised label needs a progress"
            raise _InvalidError(msg, suffix=".progress")
        progress = parsed.progress
    else:
        try:
            progress = Progress(progress_value)
        except ValueError:
            accepted = ", ".join(p.value for p in Progress)
            msg = f"expected one of {accepted}, got {_shown(progress_value)}"
            raise _InvalidError(msg, suffix=".progress") from None
    severity_value = value.get("severity")
    severity = parsed.severity if parsed is not None and "severity" not in value else None
    if severity_value is not None:
        try:
            severity = Severity(severity_value)
        except ValueError:
            accepted = ", ".join(s.value for s in Severity)
            msg = f"expected one of {accepted}, got {_shown(severity_value)}"
            raise _InvalidError(msg, suffix=".severity") from None
    missing = value.get("missing", parsed.missing if parsed is not None else False)
    if not isinstance(missing, bool):
        msg = f"expected true or false, got {type_name(missing)}"
        raise _InvalidError(msg, code="wrong-type", suffix=".missing")
    return Status(progress=progress, severity=severity, missing=missing, label=label)


def _unstructure_status(status: Status) -> str | dict[str, Any]:
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


def _structure_duration(value: object, _: type) -> Duration:
    if not isinstance(value, str):
        msg = f"expected a duration such as '2 weeks' or 'P2W', got {type_name(value)}"
        raise _InvalidError(msg, code="wrong-type")
    try:
        return parse_duration(value)
    except ValueError as error:
        raise _InvalidError(str(error), code="malformed-duration") from None


def _structure_target(value: object, _: type) -> Target:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        msg = f"expected a target such as '<10%', got {type_name(value)}"
        raise _InvalidError(msg, code="wrong-type")
    try:
        return parse_target(value)
    except FieldValueError as error:
        raise _InvalidError(str(error), code="out-of-range") from None
    except ValueError as error:
        raise _InvalidError(str(error), code="malformed-target") from None


def _unknown_field_message(key: str, fields: typing.Iterable[str]) -> str:
    names = sorted(fields)
    hint = _did_you_mean(key, names)
    return f"unknown field {key!r}{hint}; expected one of: {', '.join(names)}"


# --------------------------------------------------------------------------- containers


def _is_variadic_tuple(t: Any) -> bool:
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[..., Any]]:
    def factory(t: Any) -> Callable[[object, type], tuple[Any, ...]]:
        element = typing.get_args(t)[0]

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                msg = f"expected a list, got {type_name(value)} {_shown(value)}"
                raise _InvalidError(msg, code="wrong-type")
            handler = converter.get_structure_hook(element)
            out = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    out.append(handler(item, element))
                except Exception as error:
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"Structuring @ index {index}", index, element),
                    ]
                    errors.append(error)
            if errors:
                msg = f"While structuring {t!r}"
                raise IterableValidationError(msg, errors, t)
            return tuple(out)

        return structure

    return factory


def _evidence_hook(converter: cattrs.Converter) -> Callable[[object, type], Any]:
    def structure(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a mapping with a 'kind', got {type_name(value)}"
            raise _InvalidError(msg, code="wrong-type")
        kind = value.get("kind")
        if kind is None:
            msg = f"evidence needs a kind: one of {', '.join(EVIDENCE_KINDS)}"
            raise _InvalidError(msg, suffix=".kind")
        cls = EVIDENCE_KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            hint = _did_you_mean(kind, list(EVIDENCE_KINDS))
            msg = f"expected one of {', '.join(EVIDENCE_KINDS)}, got {_shown(kind)}{hint}"
            raise _InvalidError(msg, suffix=".kind")
        rest = {k: v for k, v in value.items() if k != "kind"}
        return converter.structure(rest, cls)

    return structure


def _range_errors(
    cls: type[Any], value: Mapping[str, Any], failed: set[str]
) -> list[FieldValueError]:
    """Range checks of the numbers that did structure, for a record that could not be built.

    attrs runs validators only when the record is built; running them here too
    reports a negative count in the same pass as a wrong type next to it.
    """
    found: list[FieldValueError] = []
    for attribute in attrs.fields(cls):
        raw = value.get(attribute.name)
        if attribute.validator is None or attribute.name in failed:
            continue
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            continue
        try:
            attribute.validator(None, attribute, raw)
        except FieldValueError as error:
            found.append(error)
    return found


def _attrs_hooks(
    converter: cattrs.Converter, *, detailed: bool
) -> tuple[Callable[[type[Any]], Callable[..., Any]], Callable[[type[Any]], Callable[..., Any]]]:
    def structure_factory(cls: type[Any]) -> Callable[..., Any]:
        generated = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
        )
        if not detailed:
            return generated
        fields = [a.name for a in attrs.fields(cls) if a.init]

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, Mapping):
                msg = f"expected a mapping, got {type_name(value)} {_shown(value)}"
                raise _InvalidError(msg, code="wrong-type")
            errors: list[Exception] = [
                _InvalidError(
                    _unknown_field_message(str(key), fields), suffix=f".{key}", unknown=True
                )
                for key in value
                if key not in fields
            ]
            known = value if not errors else {k: v for k, v in value.items() if k in fields}
            try:
                result = generated(known, cls)
            except ClassValidationError as error:
                errors.extend(error.exceptions)
                failed = {note.name for _, note in error.group_exceptions()[0]}
                errors.extend(_range_errors(cls, known, failed))
            except (ValueError, TypeError) as error:  # validators and cross-field checks
                errors.append(error)
            else:
                if not errors:
                    return result
            msg = f"While structuring {cls.__name__}"
            raise ClassValidationError(msg, errors, cls)

        return structure

    def unstructure_factory(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
        # Documents people write leave defaults out; results for tools spell out every field.
        omit = not cls.__module__.startswith(_RESULT_PACKAGE)
        generated = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=omit)
        kind = _KIND_OF.get(cls)
        if kind is None:
            return generated

        def unstructure(value: Any) -> dict[str, Any]:
            return {"kind": kind, **generated(value)}

        return unstructure

    return structure_factory, unstructure_factory


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """A new converter for documents of this library.

    With *detailed* (the default) a document with errors raises every one
    of them, each with its path; without, its structuring stops at the first.

    Examples:
        >>> from remediation.model.records import Phase
        >>> converter = make_converter()
        >>> converter.unstructure(Phase(id="p1", title="Emergency Fixes"))
        {'id': 'p1', 'title': 'Emergency Fixes'}
    """
    converter = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=True)
    for cls, structure in (
        (str, _structure_str),
        (int, _structure_int),
        (float, _structure_float),
        (bool, _structure_bool),
        (dt.date, _structure_date),
        (dt.datetime, _structure_datetime),
        (Status, _structure_status),
        (Duration, _structure_duration),
        (Target, _structure_target),
    ):
        converter.register_structure_hook(cls, structure)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_unstructure_hook(Status, _unstructure_status)
    converter.register_unstructure_hook(Duration, Duration.isoformat)
    converter.register_unstructure_hook(Target, str)
    converter.register_structure_hook_func(lambda t: t == Mapping[str, Any], _structure_extra)
    converter.register_unstructure_hook(types.MappingProxyType, _unstructure_extra)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum(converter)
    )
    converter.register_structure_hook_factory(_is_variadic_tuple, _tuple_hook(converter))
    converter.register_structure_hook_func(lambda t: t == Evidence, _evidence_hook(converter))
    structure_attrs, unstructure_attrs = _attrs_hooks(converter, detailed=detailed)
    converter.register_structure_hook_factory(attrs.has, structure_attrs)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_attrs)
    return converter


# --------------------------------------------------------------------------- fast path


def _fast_str(value: object, _: type) -> str:
    if type(value) is str and len(value) <= LIMITS.get().max_string:
        return value
    return _structure_str(value, str)  # raises the detailed error


def _fast_status(value: object, _: type) -> Status:
    if type(value) is str:
        try:
            return _status_of(value)
        except ValueError:
            return _structure_status(value, Status)  # reports the problem
    return _structure_status(value, Status)


def _fast_duration(value: object, _: type) -> Duration:
    if type(value) is str:
        try:
            return _duration_of(value)
        except ValueError:
            return _structure_duration(value, Duration)  # reports the problem
    return _structure_duration(value, Duration)


def _fast_target(value: object, _: type) -> Target:
    if type(value) is str:
        try:
            return _target_of(value)
        except ValueError:
            return _structure_target(value, Target)  # reports the problem
    return _structure_target(value, Target)


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2  # X | None
        and args[1] is type(None)
    )


def _fast_optional(converter: cattrs.Converter) -> Callable[[Any], Callable[..., Any]]:
    def factory(t: Any) -> Callable[[object, type], Any]:
        inner = typing.get_args(t)[0]
        handler = converter.get_structure_hook(inner)

        def structure(value: object, _: type) -> Any:
            return None if value is None else handler(value, inner)

        return structure

    return factory


def _fast_tuple(converter: cattrs.Converter) -> Callable[[Any], Callable[..., Any]]:
    def factory(t: Any) -> Callable[[object, type], tuple[Any, ...]]:
        element = typing.get_args(t)[0]
        handler = converter.get_structure_hook(element)

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if type(value) is not list and type(value) is not tuple:
                msg = f"expected a list, got {type_name(value)}"
                raise _InvalidError(msg, code="wrong-type")
            return tuple([handler(item, element) for item in value])

        def structure_strings(value: object, _: type) -> tuple[Any, ...]:
            if type(value) is not list and type(value) is not tuple:
                msg = f"expected a list, got {type_name(value)}"
                raise _InvalidError(msg, code="wrong-type")
            limit = LIMITS.get().max_string
            for item in value:
                if type(item) is not str or len(item) > limit:
                    return tuple([_structure_str(item, str) for item in value])
            return tuple(value)

        return structure_strings if element is str else structure

    return factory


def _fast_evidence(converter: cattrs.Converter) -> Callable[[object, type], Any]:
    hooks = {kind: (converter.get_structure_hook(cls), cls) for kind, cls in EVIDENCE_KINDS.items()}

    def structure(value: object, _: type) -> Any:
        if isinstance(value, dict):
            found = hooks.get(value.get("kind"))  # type: ignore[arg-type]
            if found is not None:
                hook, cls = found
                rest = value.copy()
                del rest["kind"]
                return hook(rest, cls)
        msg = "not a valid evidence record"
        raise _InvalidError(msg)

    return structure


def make_fast_converter() -> cattrs.Converter:
    """A converter that reads valid documents fast and fails on the first problem.

    It builds exactly what :func:`make_converter` builds from a valid
    document, but without collecting every error: its errors say only that
    the document has one. Read a document with it first and, when it fails,
    again with :func:`make_converter` for the full report.

    Examples:
        >>> from remediation.model.records import Phase
        >>> fast, detailed = make_fast_converter(), make_converter()
        >>> data = {"id": "p1", "title": "Emergency Fixes", "timebox": "2 weeks"}
        >>> fast.structure(data, Phase) == detailed.structure(data, Phase)
        True
    """
    converter = make_converter(detailed=False)
    for cls, structure in (
        (str, _fast_str),
        (Status, _fast_status),
        (Duration, _fast_duration),
        (Target, _fast_target),
    ):
        converter.register_structure_hook(cls, structure)
    converter.register_structure_hook_factory(_is_optional, _fast_optional(converter))
    converter.register_structure_hook_factory(_is_variadic_tuple, _fast_tuple(converter))
    converter.register_structure_hook_func(lambda t: t == Evidence, _fast_evidence(converter))
    return converter


# --------------------------------------------------------------------------- errors


def collect_errors(error: BaseException, path: str = "$") -> list[DocumentError]:
    """Flatten a structuring error into document errors, each with its path."""
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
    elif isinstance(error, _InvalidError):
        where = f"{path}{error.suffix}"
        if error.unknown:
            out.append(UnknownFieldError(where, error.detail))
        else:
            out.append(InvalidValueError(where, error.detail, code=error.code))
    elif isinstance(error, ForbiddenExtraKeysError):
        fields = [a.name for a in attrs.fields(error.cl) if a.init] if attrs.has(error.cl) else []
        out.extend(
            UnknownFieldError(f"{path}.{key}", _unknown_field_message(key, fields))
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
