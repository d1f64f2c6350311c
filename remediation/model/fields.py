"""Field helpers shared by the records: tuples from any iterable, free-form extra fields."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

__all__ = ["as_tuple", "extra_field"]


def as_tuple(value: Any) -> tuple[Any, ...]:
    """A converter: any iterable as a tuple."""
    return tuple(value)


_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if value is _NO_EXTRA:
        return value  # the shared default: empty, and nothing can change it
    return MappingProxyType(dict(value))


def extra_field() -> Any:
    """Free-form fields the schema does not name; not hashed, compared by value."""
    return attrs.field(default=_NO_EXTRA, converter=_frozen_mapping, hash=False, kw_only=True)
