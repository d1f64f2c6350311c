"""Strategies for text and plain values: free text with emoji, dates, moments, JSON values.

Text mixes ASCII, any Unicode (no surrogates) and emoji, including ZWJ
sequences and variation selectors, and shrinks to the empty string; floats
are always finite.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, TypeVar

from hypothesis import strategies as st

from remediation.model.deadline import DateOrMoment
from remediation.model.moment import parse_moment

__all__ = [
    "EMOJI",
    "dates",
    "datetimes",
    "due_dates",
    "extra_fields",
    "json_values",
    "texts",
]

T = TypeVar("T")


EMOJI = (
    "✅", "⚠️", "❌", "🚨", "✔️", "🔥", "🚀", "📈", "🛑", "💥",
    "👩‍💻", "🏳️‍🌈", "👍🏽", "🇫🇷", "1️⃣",
)  # fmt: skip
"""Emoji, some of them several code points (ZWJ sequences, variation selectors, flags)."""

# Every code point a document may hold: not surrogates, not the control characters
# documents refuse (C0 but tab and line breaks, and DEL).
_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_characters="".join(chr(c) for c in (*range(0x20), 0x7F) if chr(c) not in "\t\n\r"),
)
_SPICE = (
    "", *EMOJI, "SSOT", "naïve", "Größe", "日本語", "Ελληνικά", "مرحبا", "→", "\n", "  ",
    "Ã\x85", "\u2028", "\t", "'\"",
)  # fmt: skip


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Free text: any characters, with an emoji or a non-Latin word in the middle."""
    half = max_size // 2
    return st.builds(
        lambda head, spice, tail: head + spice + tail,
        st.text(_CHARACTERS, min_size=min_size, max_size=max(half, min_size)),
        st.sampled_from(_SPICE),
        st.text(_CHARACTERS, max_size=half),
    )


@functools.cache
def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _text_tuple(max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), max_size=max_size).map(tuple)


# The numbers a document's fields hold: finite, at most 1e15 either side of zero.
_FINITE = st.floats(min_value=-1e15, max_value=1e15)


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Calendar dates, 1900 to 2200 (the schedule adds centuries of estimates to them)."""
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@functools.cache
def due_dates() -> st.SearchStrategy[DateOrMoment]:
    """Due dates as documents write them: mostly days, some a month ("2025-03"), a
    part of a month ("early March 2025") or a time of day with a zone."""
    days = dates()
    months = days.map(lambda day: f"{day:%Y-%m}")
    parts = st.tuples(st.sampled_from(["early", "mid", "late"]), days).map(
        lambda pair: f"{pair[0]} {pair[1]:%B %Y}"
    )
    timed = days.map(lambda day: f"{day:%Y-%m-%d} 12:00 UTC")
    return st.one_of(days, st.one_of(months, parts, timed).map(parse_moment))


@functools.cache
def datetimes() -> st.SearchStrategy[dt.datetime]:
    """Moments, naive or with a fixed UTC offset in whole minutes."""
    offsets = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
        lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
    )
    return st.datetimes(
        min_value=dt.datetime(1900, 1, 1),  # noqa: DTZ001  (Hypothesis takes naive bounds)
        max_value=dt.datetime(2200, 1, 1),  # noqa: DTZ001
        timezones=st.one_of(st.none(), offsets),
    )


@functools.cache
def json_values(*, max_leaves: int = 4) -> st.SearchStrategy[Any]:
    """JSON-compatible values: str, int, finite float, bool, None, lists, str-keyed dicts."""
    whole = st.integers(min_value=1 - 10**20, max_value=10**20 - 1)  # at most 20 digits
    scalars = st.none() | st.booleans() | whole | _FINITE | texts(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(texts(max_size=6), inner, max_size=3)
        ),
        max_leaves=max_leaves,
    )


@functools.cache
def extra_fields() -> st.SearchStrategy[dict[str, Any]]:
    """The free-form ``extra`` mapping of a record."""
    return st.dictionaries(texts(min_size=1, max_size=8), json_values(), max_size=2)
