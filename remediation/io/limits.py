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
from typing import IO, Any

import attrs

from remediation.exceptions import FormatError
from remediation.model.validators import non_negative

__all__ = [
    "LIMITS",
    "MAX_INTEGER_DIGITS",
    "Limits",
    "OversizedNumber",
    "current_limits",
    "integer_of",
    "limits_in_force",
    "raise_hint",
    "read_limited",
]


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


MAX_INTEGER_DIGITS = 20
"""Integers in a document have at most this many digits (2**64 has 20)."""


@attrs.frozen
class OversizedNumber:
    """An integer of more than :data:`MAX_INTEGER_DIGITS` digits, as the parser leaves it.

    The parser does not build such a number (Python refuses to past 4300
    digits, and a few hundred already overflow a float); it keeps its length
    instead, and the checker reports it with its path.

    Attributes:
        digits: How many digits the integer has.
    """

    digits: int

    def __repr__(self) -> str:
        return f"of {self.digits} digits"


def integer_of(text: str) -> int | OversizedNumber:
    """The integer written as *text* (decimal digits, a sign), unless it is too long."""
    digits = len(text) - (text[:1] in "+-")
    return OversizedNumber(digits) if digits > MAX_INTEGER_DIGITS else int(text)


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


def raise_hint(name: str) -> str:
    """How to raise the limit *name*, for the Python user and the command line user alike."""
    return f"raise it with Limits({name}=...) in Python or --limit {name}=N on the command line"


_CHUNK = 2**16


def read_limited(stream: IO[Any], max_bytes: int) -> Any:
    """Read *stream* to its end in bounded chunks, refusing it once it passes *max_bytes*.

    Never holds more than *max_bytes* plus one chunk, however long the stream.
    A binary stream gives bytes; a text stream gives text (and counts characters).

    Raises:
        FormatError: The stream holds more than *max_bytes* bytes.
    """
    chunks: list[Any] = []
    size = 0
    while chunk := stream.read(min(_CHUNK, max_bytes + 1 - size) or 1):
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            msg = (
                f"the input is more than the limit of {max_bytes} bytes; {raise_hint('max_bytes')}"
            )
            raise FormatError("$", msg, code="too-large")
    return chunks[0][:0].join(chunks) if chunks else stream.read(0)
