"""Limits on what a document may cost to read.

Documents come from people and from other tools, so a document may be huge,
deeply nested or (in YAML) an alias bomb. Every limit fails fast with a
:class:`~remediation.exceptions.FormatError` that says which limit and how to
raise it, before the document can use unbounded time or memory.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import attrs

from remediation.model.validators import non_negative

__all__ = ["LIMITS", "Limits", "current_limits", "limits_in_force"]


@attrs.frozen
class Limits:
    """How large a document may be.

    Attributes:
        max_bytes: Size of the text, in bytes (UTF-8).
        max_depth: Nesting of lists and mappings.
        max_string: Length of any one string, in characters.
        max_nodes: Values in the document, counting every use of a YAML alias
            again (what the document expands to).
    """

    max_bytes: int = attrs.field(default=64 * 2**20, validator=non_negative)
    max_depth: int = attrs.field(default=64, validator=non_negative)
    max_string: int = attrs.field(default=2**20, validator=non_negative)
    max_nodes: int = attrs.field(default=10_000_000, validator=non_negative)


LIMITS: contextvars.ContextVar[Limits] = contextvars.ContextVar(
    "remediation_limits",
    default=Limits(),  # noqa: B039  (frozen: not mutable)
)


def current_limits() -> Limits:
    """The limits of the document being read."""
    return LIMITS.get()


@contextlib.contextmanager
def limits_in_force(limits: Limits) -> Iterator[Limits]:
    """Make *limits* those of the documents read inside the ``with`` block."""
    token = LIMITS.set(limits)
    try:
        yield limits
    finally:
        LIMITS.reset(token)
