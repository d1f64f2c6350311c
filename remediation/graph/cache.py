"""Structures cached per assessment, and the lineage of what-if variants.

An assessment's :class:`~remediation.graph.structure.Structure` is computed
once and kept, keyed by the assessment's identity, for as long as the
assessment lives (:func:`structure_of`). A what-if variant records the
assessment it was derived from and what changed (:func:`derive`): it shares
its source's structure, and its evaluation may start from its source's.

This module holds the process-wide caches of the library: :data:`_CACHE` and
:data:`_LINEAGE`, both :class:`IdentityCache` instances.
"""

from __future__ import annotations

import weakref
from typing import Any, Generic, TypeVar

from remediation.graph.structure import Structure, compute_structure
from remediation.model.records import Assessment

__all__ = [
    "Change",
    "IdentityCache",
    "cached_structure",
    "derive",
    "forget_lineage",
    "lineage",
    "structure_of",
]


class Change:
    """What a what-if helper changed: ids of the records replaced, nothing else.

    Attributes:
        items: Work items with a new status.
        criteria: Criteria with a new value or observation.
        evidence: Evidence with new values.
    """

    __slots__ = ("criteria", "evidence", "items")

    def __init__(
        self,
        *,
        items: tuple[str, ...] = (),
        criteria: tuple[str, ...] = (),
        evidence: tuple[str, ...] = (),
    ) -> None:
        self.items = items
        self.criteria = criteria
        self.evidence = evidence


_T = TypeVar("_T")


class IdentityCache(Generic[_T]):
    """Values cached per object *identity*, dropped when the object is collected.

    Unlike a :class:`weakref.WeakKeyDictionary`, a lookup never hashes or
    compares the key: hashing a big assessment costs a walk over all of it.
    """

    __slots__ = ("_entries",)

    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[Any], _T]] = {}

    def get(self, key: object) -> _T | None:
        entry = self._entries.get(id(key))
        if entry is None or entry[0]() is not key:
            return None
        return entry[1]

    def set(self, key: object, value: _T) -> None:
        entries = self._entries
        ident = id(key)

        def forget(_: weakref.ref[Any]) -> None:
            current = entries.get(ident)
            if current is not None and current[0]() is None:
                del entries[ident]

        entries[ident] = (weakref.ref(key, forget), value)

    def pop(self, key: object) -> None:
        if self.get(key) is not None:
            del self._entries[id(key)]


_CACHE: IdentityCache[Structure] = IdentityCache()
_LINEAGE: IdentityCache[tuple[Assessment, Change]] = IdentityCache()


def _ancestry(assessment: Assessment) -> tuple[list[Assessment], Structure | None]:
    """*assessment* and its sources up to the first with a known structure, and that structure."""
    chain = [assessment]
    while True:
        structure = _CACHE.get(chain[-1])
        if structure is not None:
            return chain, structure
        lineage = _LINEAGE.get(chain[-1])
        if lineage is None:
            return chain, None
        chain.append(lineage[0])


def cached_structure(assessment: Assessment) -> Structure | None:
    """The structure of *assessment* if it is known already (cached or inherited)."""
    chain, structure = _ancestry(assessment)
    if structure is not None:
        for each in chain:
            _CACHE.set(each, structure)
    return structure


def structure_of(assessment: Assessment) -> Structure:
    """The validated structure of *assessment*, computed once and cached.

    A what-if variant (see :func:`derive`) shares the structure of the
    assessment it was derived from.

    Raises:
        PlanValidationError: Duplicate ids, dangling references or cycles.
    """
    chain, structure = _ancestry(assessment)
    if structure is None:
        structure = compute_structure(chain[-1])
    for each in chain:
        _CACHE.set(each, structure)
    return structure


def derive(source: Assessment, derived: Assessment, change: Change) -> None:
    """Record that *derived* is *source* with *change*.

    Only for assessments that differ in statuses and measured values, never
    in ids or references (what-if changes). *derived* shares the structure of
    *source*, and its evaluation may start from the evaluation of *source*.
    """
    _LINEAGE.set(derived, (source, change))


def lineage(assessment: Assessment) -> tuple[Assessment, Change] | None:
    """The assessment *assessment* was derived from, and the change, if it was."""
    return _LINEAGE.get(assessment)


def forget_lineage(assessment: Assessment) -> None:
    """Drop the link to the source of *assessment* (its evaluation no longer needs it)."""
    _LINEAGE.pop(assessment)
