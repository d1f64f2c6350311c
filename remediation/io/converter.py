"""The converters of this library, configured in one place.

:func:`make_converter` builds a private cattrs converter: simple types first
(strict: a string is not a number), then statuses, durations, targets, dates,
enums, free-form fields, optionals, lists, the evidence union, and every
attrs record with unknown fields forbidden and defaults omitted on output.
cattrs' global converter is never touched.

There is one set of hooks (:mod:`~remediation.io.scalar_hooks`,
:mod:`~remediation.io.value_hooks`, :mod:`~remediation.io.record_hooks`);
*detailed* only chooses how the hooks of records and lists fail. A detailed
converter reports every problem of a document, each with its path (see
:func:`~remediation.io.errors.collect_errors`); a fast one (from
:func:`make_fast_converter`) stops at the first, and reads valid documents
faster for it.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs

from remediation.io.record_hooks import (
    evidence_hook,
    is_evidence,
    is_optional,
    is_variadic_tuple,
    optional_hook,
    structure_record_hook,
    tuple_hook,
    unstructure_record_hook,
)
from remediation.io.scalar_hooks import (
    enum_hook,
    structure_bool,
    structure_date,
    structure_datetime,
    structure_extra,
    structure_float,
    structure_int,
    structure_str,
    unstructure_extra,
)
from remediation.io.value_hooks import (
    is_date_or_moment,
    is_datetime_or_moment,
    structure_date_or_moment,
    structure_datetime_or_moment,
    structure_duration,
    structure_moment,
    structure_quantity,
    structure_status,
    structure_target,
    structure_timedelta,
    unstructure_quantity,
    unstructure_status,
    unstructure_timedelta,
)
from remediation.model.duration import Duration
from remediation.model.moment import Moment
from remediation.model.quantity import Quantity
from remediation.model.status import Status
from remediation.model.target import Target

__all__ = ["VALUE_CLASSES", "make_converter", "make_fast_converter"]

_STRUCTURE: tuple[tuple[type[Any], Callable[[Any, type], Any]], ...] = (
    (str, structure_str),
    (int, structure_int),
    (float, structure_float),
    (bool, structure_bool),
    (dt.date, structure_date),
    (dt.datetime, structure_datetime),
    (Status, structure_status),
    (Duration, structure_duration),
    (Moment, structure_moment),
    (dt.timedelta, structure_timedelta),
    (Target, structure_target),
    (Quantity, structure_quantity),
)
_UNSTRUCTURE: tuple[tuple[type[Any], Callable[[Any], Any]], ...] = (
    (dt.date, dt.date.isoformat),
    (dt.datetime, dt.datetime.isoformat),
    (Status, unstructure_status),
    (Duration, Duration.isoformat),
    (Moment, str),
    (dt.timedelta, unstructure_timedelta),
    (Target, str),
    (Quantity, unstructure_quantity),
    (types.MappingProxyType, unstructure_extra),
)
VALUE_CLASSES: frozenset[type[Any]] = frozenset(cls for cls, _ in _UNSTRUCTURE if attrs.has(cls))
"""The attrs classes written as values by hooks of their own (a status as its label)."""


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _is_extra(t: Any) -> bool:
    return bool(t == Mapping[str, Any])


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
    for cls, structure in _STRUCTURE:
        converter.register_structure_hook(cls, structure)
    for cls, unstructure in _UNSTRUCTURE:
        converter.register_unstructure_hook(cls, unstructure)
    converter.register_structure_hook_func(_is_extra, structure_extra)
    converter.register_structure_hook_func(is_date_or_moment, structure_date_or_moment)
    converter.register_structure_hook_func(is_datetime_or_moment, structure_datetime_or_moment)
    # Factories registered later are asked first: the evidence union before other unions.
    converter.register_structure_hook_factory(_is_enum, enum_hook)
    converter.register_structure_hook_factory(is_optional, optional_hook)
    converter.register_structure_hook_factory(is_variadic_tuple, tuple_hook)
    converter.register_structure_hook_factory(is_evidence, evidence_hook)
    converter.register_structure_hook_factory(attrs.has, structure_record_hook)
    converter.register_unstructure_hook_factory(attrs.has, unstructure_record_hook)
    return converter


def make_fast_converter() -> cattrs.Converter:
    """A converter that reads valid documents fast and fails on the first problem.

    It is :func:`make_converter` without *detailed*: it builds exactly what
    the detailed converter builds from a valid document, but does not collect
    every error. Read a document with it first and, when it fails, again with
    :func:`make_converter` for the full report.

    Examples:
        >>> from remediation.model.records import Phase
        >>> fast, detailed = make_fast_converter(), make_converter()
        >>> data = {"id": "p1", "title": "Emergency Fixes", "timebox": "2 weeks"}
        >>> fast.structure(data, Phase) == detailed.structure(data, Phase)
        True
    """
    return make_converter(detailed=False)
