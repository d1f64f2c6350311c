"""Field validators shared by the records, raising errors that name the field."""

from __future__ import annotations

import math
from typing import Any

import attrs

__all__ = ["FieldValueError", "finite", "non_negative", "percentage", "unit_interval"]


class FieldValueError(ValueError):
    """A field's value is out of range.

    Attributes:
        field: The field's name, so that a loader can point at it.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def finite(_instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    """A finite number (or ``None``)."""
    if value is not None and not math.isfinite(value):
        raise FieldValueError(attribute.name, f"expected a finite number, got {value!r}")


def non_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """A finite number that is zero or more."""
    if not (math.isfinite(value) and value >= 0):
        raise FieldValueError(attribute.name, f"expected a number >= 0, got {value!r}")


def unit_interval(_instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    """A fraction between 0 and 1 (or ``None``)."""
    if value is not None and not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise FieldValueError(attribute.name, f"expected a fraction from 0 to 1, got {value!r}")


def percentage(_instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    """A percentage between 0 and 100 (or ``None``)."""
    if value is not None and not (math.isfinite(value) and 0.0 <= value <= 100.0):
        raise FieldValueError(attribute.name, f"expected a percentage from 0 to 100, got {value!r}")
