"""Bookkeeping of an incremental evaluation: long tuples that a change splices cheaply.

A what-if changes a few entries of tuples that may hold 100k values (the
blocked items, the findings, the schedule). These structures let it replace
those entries without walking the tuples in Python: they hold no semantics,
only positions.
"""

from __future__ import annotations

import bisect
import operator
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from remediation.model.records import Evidence

__all__ = ["GONE", "Edited", "EvidenceOf", "Keyed", "KeyedList", "Overlay", "spliced"]


class Keyed:
    """A tuple of values beside the ascending keys of its entries (several may share a key).

    A full evaluation makes the keys a tuple (quick to build). The first
    :meth:`replace` turns them into a machine-integer array, kept for the
    next: copying or moving an array is a memory copy, without touching a
    Python object per entry.
    """

    __slots__ = ("keys", "values")

    def __init__(
        self, keys: array[int] | tuple[int, ...] = (), values: tuple[Any, ...] = ()
    ) -> None:
        self.keys = keys
        self.values = values

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, Any]]) -> Keyed:
        """From (key, value) pairs already in key order."""
        listed = pairs if isinstance(pairs, list) else list(pairs)
        return cls(tuple(map(_first, listed)), tuple(map(_second, listed)))

    def _array(self) -> array[int]:
        keys = self.keys
        if not isinstance(keys, array):
            keys = self.keys = array("q", keys)
        return keys

    def replace(self, changes: Mapping[int, tuple[Any, ...]]) -> Keyed:
        """The entries of each key in *changes* replaced by the values given for it."""
        keys: array[int] | None = None
        values: list[Any] = []
        # From the last key back, so that the positions of earlier keys stay put.
        for key in sorted(changes, reverse=True):
            current = self.keys if keys is None else keys
            low = bisect.bisect_left(current, key)
            high = bisect.bisect_right(current, key, low)
            new = changes[key]
            if high - low == len(new) and (
                not new or tuple((self.values if keys is None else values)[low:high]) == new
            ):
                continue  # the same entries as before: nothing to copy
            if keys is None:
                keys, values = array("q", self._array()), list(self.values)
            keys[low:high] = array("q", (key,)) * len(new)
            values[low:high] = new
        if keys is None:
            return self
        return Keyed(keys, tuple(values))


_first, _second = operator.itemgetter(0), operator.itemgetter(1)


class KeyedList:
    """Keys and values appended side by side, in key order, to become a :class:`Keyed`."""

    __slots__ = ("keys", "values")

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.values: list[Any] = []

    def add(self, key: int, value: Any) -> None:
        self.keys.append(key)
        self.values.append(value)

    def keyed(self) -> Keyed:
        return Keyed(tuple(self.keys), tuple(self.values))


_T = TypeVar("_T")


def spliced(values: tuple[_T, ...], changes: Mapping[int, _T]) -> tuple[_T, ...]:
    """*values* with the entry at each position of *changes* replaced.

    *values* itself when nothing changes (a long tuple is copied only when it must be).
    """
    if not changes:
        return values
    listed = list(values)  # a copy and a tuple: the quickest way there is
    for position, value in changes.items():
        listed[position] = value
    return tuple(listed)


class Edited(Generic[_T]):
    """A tuple of results and the positions a what-if replaced, read as the new tuple."""

    __slots__ = ("base", "changes")

    def __init__(self, base: tuple[_T, ...]) -> None:
        self.base = base
        self.changes: dict[int, _T] = {}

    def __getitem__(self, position: int) -> _T:
        changes = self.changes
        return changes[position] if position in changes else self.base[position]

    def __setitem__(self, position: int, value: _T) -> None:
        self.changes[position] = value

    def values(self) -> tuple[_T, ...]:
        """The new tuple (the old one itself when nothing was replaced)."""
        return spliced(self.base, self.changes)


GONE: Any = object()


class EvidenceOf(Mapping[str, Evidence]):
    """The evidence of an assessment by id, found through the plan index (no dict is built)."""

    __slots__ = ("_evidence", "_positions")

    def __init__(self, evidence: tuple[Evidence, ...], positions: Mapping[str, int]) -> None:
        self._evidence = evidence
        self._positions = positions

    def __getitem__(self, evidence_id: str) -> Evidence:
        return self._evidence[self._positions[evidence_id]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


class Overlay:
    """A mapping shared with the parent evaluation's, plus the entries that changed."""

    __slots__ = ("base", "over")

    def __init__(self, base: dict[str, Any], over: dict[str, Any] | None = None) -> None:
        self.base = base
        self.over = over if over is not None else {}

    def get(self, key: str) -> Any:
        over = self.over
        if key in over:
            value = over[key]
            return None if value is GONE else value
        return self.base.get(key)

    def updated(self, changes: Mapping[str, Any]) -> Overlay:
        """A new overlay with *changes* (``GONE`` removes a key); this one is left as it is."""
        if not changes:
            return self
        over = {**self.over, **changes}
        if len(over) <= 64 or len(over) * 8 <= len(self.base):
            return Overlay(self.base, over)
        base = dict(self.base)  # fold the changes in, so overlays stay small
        for key, value in over.items():
            if value is GONE:
                base.pop(key, None)
            else:
                base[key] = value
        return Overlay(base)
