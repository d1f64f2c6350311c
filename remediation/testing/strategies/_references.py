"""Ids and references for the records of one assessment, drawn one record at a time.

Ids are unique and shrink to readable ones (``item-3``); records are drawn
one after another so that the shrinker can delete any of them; references
name some of the records drawn before, and dependencies some earlier work.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from hypothesis import strategies as st

from remediation.testing.strategies._values import EMOJI, _optional

T = TypeVar("T")


_IDS = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.#/é日✅"), min_size=1, max_size=8
) | st.sampled_from(EMOJI)


_READABLE = re.compile(r"[a-z]+-[0-9]+")


class _Names:
    """Unique ids for the records of one assessment, given as they are drawn.

    Each id is readable (``item-3``: the third item) or, as often, any text;
    shrinking makes them readable. A free-text id is used only if it is new
    and cannot be mistaken for a readable one, so ids never collide.
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._counts: dict[str, int] = {}

    def __call__(self, draw: st.DrawFn, prefix: str) -> str:
        self._counts[prefix] = self._counts.get(prefix, 0) + 1
        other: str | None = draw(_optional(_IDS))
        if other is not None and other not in self._taken and not _READABLE.fullmatch(other):
            record_id = other
        else:
            record_id = f"{prefix}-{self._counts[prefix]}"
        self._taken.add(record_id)
        return record_id


@st.composite
def _drawn(draw: st.DrawFn, element: Callable[[st.DrawFn], T]) -> T:
    return element(draw)


def _many(
    draw: st.DrawFn, min_size: int, max_size: int, element: Callable[[st.DrawFn], T]
) -> list[T]:
    """Up to *max_size* values of *element*, each drawn when the previous ones are known.

    Like ``st.lists``, each optional element is one choice, so the shrinker
    can delete records from the middle. *element* draws with the function
    it is given, and runs only for elements that are drawn.
    """
    out: list[T] = []
    while len(out) < max_size:
        if len(out) < min_size:
            out.append(draw(_drawn(element)))
            continue
        value = draw(st.none() | _drawn(element))
        if value is None:
            break
        out.append(value)
    return out


@functools.cache
def _subsets(pool: tuple[str, ...], max_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(pool), unique=True, max_size=max_size).map(tuple)


def _subset(draw: st.DrawFn, pool: Sequence[str], max_size: int = 3) -> tuple[str, ...]:
    """Some distinct members of *pool*, in drawn order."""
    return draw(_subsets(tuple(pool), max_size)) if pool else ()


_PERCENT = st.integers(min_value=0, max_value=99)


def _dependencies(
    draw: st.DrawFn, earlier: Sequence[str], density: float | None, max_size: int
) -> tuple[str, ...]:
    """Which of *earlier* to depend on.

    Without a *density*, a few (up to *max_size*) of them in any order;
    with one, each of them with roughly that chance, in their order.
    Shrinking drops dependencies.
    """
    if density is None:
        return _subset(draw, earlier, max_size)
    if density <= 0 or not earlier:
        return ()
    if density >= 1:
        return tuple(earlier)
    cut = round(100 * (1 - density))
    return tuple(record_id for record_id in earlier if draw(_PERCENT) >= cut)
