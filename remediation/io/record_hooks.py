"""Hooks for what holds other values: attrs records, the evidence union, lists, optionals.

These are hook factories: cattrs calls each with a type and the converter
asking, and the factory builds the hook for that type once. A hook reads the
converter's ``detailed_validation`` to choose how it fails; only records
and lists differ: a detailed hook reports every problem of its fields or
entries (each with where it is) where a fast one stops at the first. Both
variants share the code that does the reading.

Records are read with unknown fields forbidden; on output they leave
defaults out, except evaluation results (the records of
``remediation.evaluation.*`` modules), which spell out every field for tools.
Evidence is a union tagged by ``kind`` (:data:`EVIDENCE_KINDS`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from remediation.io.errors import HookError, did_you_mean, shown, type_name, unknown_field_message
from remediation.io.identity import id_overrides
from remediation.io.limits import LIMITS
from remediation.model.records import (
    CommitEvidence,
    DocumentEvidence,
    Evidence,
    MeasurementEvidence,
    NoteEvidence,
    SeriesEvidence,
    TestRunEvidence,
)
from remediation.model.validators import FieldValueError

__all__ = [
    "EVIDENCE_KINDS",
    "evidence_hook",
    "is_evidence",
    "is_optional",
    "is_result",
    "is_variadic_tuple",
    "optional_hook",
    "structure_record_hook",
    "tuple_hook",
    "unstructure_record_hook",
]

EVIDENCE_KINDS: dict[str, type[Any]] = {
    "commit": CommitEvidence,
    "test_run": TestRunEvidence,
    "document": DocumentEvidence,
    "measurement": MeasurementEvidence,
    "note": NoteEvidence,
    "series": SeriesEvidence,
}
"""Each kind of evidence, by the ``kind`` that tags it in a document."""

EVIDENCE_KIND_OF: dict[type[Any], str] = {cls: kind for kind, cls in EVIDENCE_KINDS.items()}
"""The ``kind`` that tags each class of evidence in a document."""
_RESULTS = "remediation.evaluation."

_Hook = Callable[[object, type], Any]


# --------------------------------------------------------------------------- which types


def is_evidence(t: Any) -> bool:
    """Whether *t* is the evidence union."""
    return bool(t == Evidence)


def is_optional(t: Any) -> bool:
    """Whether *t* is ``X | None``."""
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2  # X | None
        and args[1] is type(None)
    )


def is_variadic_tuple(t: Any) -> bool:
    """Whether *t* is ``tuple[X, ...]`` (a list in a document)."""
    args = typing.get_args(t)
    return typing.get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def is_result(cls: type[Any]) -> bool:
    """Whether *cls* is an evaluation result (written with every field) rather than input."""
    return cls.__module__.startswith(_RESULTS)


# --------------------------------------------------------------------------- optionals and lists


def optional_hook(t: Any, converter: cattrs.Converter) -> _Hook:
    """The hook for ``X | None``: ``None``, or what the hook of ``X`` reads."""
    inner = typing.get_args(t)[0]
    handler = converter.get_structure_hook(inner)

    def structure(value: object, _: type) -> Any:
        return None if value is None else handler(value, inner)

    return structure


def tuple_hook(t: Any, converter: cattrs.Converter) -> _Hook:
    """The hook for ``tuple[X, ...]``: a list whose entries the hook of ``X`` reads."""
    element = typing.get_args(t)[0]
    handler = converter.get_structure_hook(element)
    detailed = converter.detailed_validation

    def structure(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            value = _list(value)
        if detailed:
            return _each_reporting(value, handler, element, t)
        return tuple([handler(item, element) for item in value])

    def structure_strings(value: object, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            value = _list(value)
        limit = LIMITS.get().max_string
        for item in value:
            if type(item) is not str or len(item) > limit or not item.isprintable():
                return structure(value, t)  # the string hook says what is wrong
        return tuple(value)

    return structure_strings if element is str else structure


def _list(value: object) -> Sequence[Any]:
    if isinstance(value, list | tuple):
        return value
    msg = f"expected a list, got {type_name(value)} {shown(value)}"
    raise HookError(msg, code="wrong-type")


def _each_reporting(value: Sequence[Any], handler: _Hook, element: Any, t: Any) -> tuple[Any, ...]:
    """Every entry read by *handler*, or every entry's problem noted with its index."""
    out = []
    errors: list[Exception] = []
    for index, item in enumerate(value):
        try:
            out.append(handler(item, element))
        except Exception as error:  # each entry's problem, with its index
            error.__notes__ = [
                *getattr(error, "__notes__", []),
                IterableValidationNote(f"Structuring @ index {index}", index, element),
            ]
            errors.append(error)
    if errors:
        msg = f"While structuring {t!r}"
        raise IterableValidationError(msg, errors, t)
    return tuple(out)


# --------------------------------------------------------------------------- evidence


def evidence_hook(_: Any, converter: cattrs.Converter) -> _Hook:
    """The hook for evidence: the record its ``kind`` names, from the other fields."""
    hooks = {kind: (converter.get_structure_hook(cls), cls) for kind, cls in EVIDENCE_KINDS.items()}

    def structure(value: object, _: type) -> Any:
        if type(value) is dict:  # the common case, checked first
            kind = value.get("kind")
            found = hooks.get(kind) if type(kind) is str else None
            if found is not None:
                hook, cls = found
                rest = value.copy()
                del rest["kind"]
                return hook(rest, cls)
        if not isinstance(value, Mapping):
            msg = f"expected a mapping with a 'kind', got {type_name(value)}"
            raise HookError(msg, code="wrong-type")
        kind = value.get("kind")
        if kind is None:
            msg = f"evidence needs a kind: one of {', '.join(EVIDENCE_KINDS)}"
            raise HookError(msg, suffix=".kind")
        found = hooks.get(kind) if isinstance(kind, str) else None
        if found is None:
            hint = did_you_mean(kind, list(EVIDENCE_KINDS))
            msg = f"expected one of {', '.join(EVIDENCE_KINDS)}, got {shown(kind)}{hint}"
            raise HookError(msg, suffix=".kind")
        hook, cls = found
        return hook({k: v for k, v in value.items() if k != "kind"}, cls)

    return structure


# --------------------------------------------------------------------------- records


def structure_record_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[..., Any]:
    """The hook for an attrs record: a mapping of its fields, unknown ones refused.

    Its ``id`` is read by :func:`~remediation.io.identity.structure_id` and the
    fields that refer to other records by
    :func:`~remediation.io.identity.reference_hook`: both normalized to NFC.
    """
    detailed = converter.detailed_validation
    generated = make_dict_structure_fn(
        cls,
        converter,
        _cattrs_forbid_extra_keys=True,
        _cattrs_detailed_validation=detailed,
        **id_overrides(cls, converter),
    )
    return _reporting(cls, generated) if detailed else generated


def _reporting(cls: type[Any], generated: Callable[..., Any]) -> _Hook:
    """*generated*, reporting unknown fields and range problems next to its own."""
    fields = [a.name for a in attrs.fields(cls) if a.init]

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            msg = f"expected a mapping, got {type_name(value)} {shown(value)}"
            raise HookError(msg, code="wrong-type")
        errors: list[Exception] = [
            HookError(unknown_field_message(str(key), fields), suffix=f".{key}", unknown=True)
            for key in value
            if key not in fields
        ]
        known = value if not errors else {k: v for k, v in value.items() if k in fields}
        try:
            result = generated(known, cls)
        except ClassValidationError as error:
            errors.extend(error.exceptions)
            failed = {note.name for _, note in error.group_exceptions()[0]}
            # a validator that fired when the record was built names its own field
            failed.update(e.field for e in error.exceptions if isinstance(e, FieldValueError))
            errors.extend(_range_errors(cls, known, failed))
        except (ValueError, TypeError) as error:  # validators and cross-field checks
            errors.append(error)
        else:
            if not errors:
                return result
        msg = f"While structuring {cls.__name__}"
        raise ClassValidationError(msg, errors, cls)

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


def unstructure_record_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[Any], Any]:
    """The hook writing an attrs record: its fields in order, and the ``kind`` of evidence."""
    # Documents people write leave defaults out; results for tools spell out every field.
    generated = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=not is_result(cls))
    # cattrs writes the fields without a default first; where an optional field comes
    # before a required one (an assessment's issue before its title), put it back.
    order = [a.name for a in attrs.fields(cls) if a.init]
    required = [a.default is attrs.NOTHING for a in attrs.fields(cls) if a.init]
    if any(not r and later for i, r in enumerate(required) for later in required[i + 1 :]):
        unordered = generated

        def generated(value: Any) -> dict[str, Any]:
            out = unordered(value)
            return {name: out[name] for name in order if name in out}

    kind = EVIDENCE_KIND_OF.get(cls)
    if kind is None:
        return generated

    def unstructure(value: Any) -> dict[str, Any]:
        return {"kind": kind, **generated(value)}

    return unstructure
