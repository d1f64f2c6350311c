"""Which records of an assessment changed: what lets a what-if start from a known evaluation.

Records are immutable, so a variant made with :func:`attrs.evolve` (the
what-if helpers do that) shares every untouched record with its source, and
an identity comparison finds the changed ones without walking their
contents. A change that touches ids or references (a dependency added, an
item removed) changes the plan's structure: then there is no
:class:`Change`, and the variant is evaluated in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from remediation.model.records import Assessment, Criterion, NextStep, Phase, WorkItem

__all__ = ["Change", "changes_between"]

MAX_CHANGED = 256
"""More changed records than this, and a full evaluation is as quick: no :class:`Change`."""


class Change:
    """What differs between an assessment and a variant of it, ids and references aside.

    Attributes:
        items: Ids of work items whose record changed.
        groups: ``(attribute, position)`` of phases and next steps whose own
            record changed (their stated status, say), items aside.
        criteria: Ids of criteria whose record changed.
        evidence: Ids of evidence whose record changed.
    """

    __slots__ = ("criteria", "evidence", "groups", "items")

    def __init__(
        self,
        *,
        items: tuple[str, ...] = (),
        groups: tuple[tuple[str, int], ...] = (),
        criteria: tuple[str, ...] = (),
        evidence: tuple[str, ...] = (),
    ) -> None:
        self.items = items
        self.groups = groups
        self.criteria = criteria
        self.evidence = evidence

    @property
    def size(self) -> int:
        """How many records changed."""
        return len(self.items) + len(self.groups) + len(self.criteria) + len(self.evidence)


class _Structural(Exception):  # noqa: N818  (a signal, caught below; never raised out)
    """The variant differs in ids, references or something a what-if cannot follow."""


_FREE = frozenset(
    {
        "issue", "title", "date", "author", "session", "assessment_type", "stated_status",
        "summary", "metrics", "labels", "links", "success_indicators", "extra",
        "recommendation", "claims", "relations", "dropped_references", "lifecycle",
        "lifecycles", "checklists",
    }
)  # fmt: skip
"""Assessment fields only the assessment-scope rules and the recommendation read (always
computed again), or nothing reads. A changed timeline or window (records with ids) is a
change of structure."""
_LISTS = frozenset({"phases", "next_steps", "criteria", "evidence"})
_GROUP_FREE = frozenset({"title", "number", "stated_status", "window", "priority", "extra"})
_ITEM_REFERENCES = ("id", "depends_on", "addresses", "evidence", "milestone")


def changes_between(old: Assessment, new: Assessment) -> Change | None:
    """The records that differ between *old* and *new*, or ``None`` when it is not a what-if.

    Examples:
        >>> import remediation
        >>> from remediation.evaluator.changes import changes_between
        >>> plan = remediation.examples.issue_1176()
        >>> fixed = remediation.with_status(plan, "service-authentication", "RESOLVED")
        >>> changes_between(plan, fixed).items
        ('service-authentication',)
    """
    if old is new:
        return Change()
    try:
        return _changes(old, new)
    except _Structural:
        return None


def _changes(old: Assessment, new: Assessment) -> Change:
    items: list[str] = []
    groups: list[tuple[str, int]] = []
    criteria: list[str] = []
    evidence: list[str] = []
    for field in attrs.fields(Assessment):
        if not field.init:
            continue  # what the document keeps of itself (its structure): not data
        name = field.name
        before, after = getattr(old, name), getattr(new, name)
        if before is after or name in _FREE:
            continue
        if name not in _LISTS:
            if before != after:
                raise _Structural
            continue
        for position, was, now in _pairs(before, after):
            if name in {"phases", "next_steps"}:
                if _group_changed(was, now):
                    groups.append((name, position))
                items.extend(b.id for _, a, b in _pairs(was.items, now.items) if _item(a, b))
            elif name == "criteria":
                _same(was, now, ("id", "evidence", "composite"))  # members are references
                if _source(now) not in {None, _source(was)}:
                    raise _Structural  # a new source; dropping one needs nothing new
                criteria.append(now.id)
            else:
                if type(was) is not type(now) or was.id != now.id:
                    raise _Structural
                evidence.append(now.id)
        if len(items) + len(groups) + len(criteria) + len(evidence) > MAX_CHANGED:
            raise _Structural
    return Change(
        items=tuple(items), groups=tuple(groups), criteria=tuple(criteria), evidence=tuple(evidence)
    )


def _pairs(before: Sequence[Any], after: Sequence[Any]) -> list[tuple[int, Any, Any]]:
    """The positions where two equally long tuples hold different objects."""
    if len(before) != len(after):
        raise _Structural
    return [(i, a, b) for i, (a, b) in enumerate(zip(before, after, strict=True)) if a is not b]


def _same(was: object, now: object, names: Sequence[str]) -> None:
    if any(getattr(was, name) != getattr(now, name) for name in names):
        raise _Structural


def _group_changed(was: Phase | NextStep, now: Phase | NextStep) -> bool:
    """Whether a group's own record changed in what a what-if can follow (items aside)."""
    if type(was) is not type(now):
        raise _Structural
    changed = False
    for field in attrs.fields(type(now)):
        name = field.name
        if name == "items" or getattr(was, name) == getattr(now, name):
            continue
        if name not in _GROUP_FREE:
            raise _Structural
        changed = True
    return changed


def _item(was: WorkItem, now: WorkItem) -> bool:
    _same(was, now, _ITEM_REFERENCES)
    return True


def _source(criterion: Criterion) -> str | None:
    return None if criterion.current_from is None else criterion.current_from.evidence
