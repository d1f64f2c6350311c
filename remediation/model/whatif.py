"""What-if changes: new assessments that differ in a status or a measured value.

Records are immutable, so a change makes a new assessment that shares every
untouched record with the old one. An :class:`~remediation.Evaluator` that
evaluated the old one finds the replaced records by identity and recomputes
only what depends on them. The helpers keep nothing: they are plain
functions of their arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import attrs

from remediation.exceptions import UnknownRecordError
from remediation.model.records import (
    Assessment,
    MeasurementEvidence,
    NextStep,
    Phase,
    TestRunEvidence,
    WorkItem,
)
from remediation.model.status import Status, parse_status

__all__ = ["with_measurement", "with_observation", "with_status", "with_test_run"]

_R = TypeVar("_R")


class _Locates(Protocol):
    """What an assessment's kept structure offers (see :func:`remediation.graph.structure_of`)."""

    def locate(self, assessment: Assessment, item_id: str) -> tuple[str, int, int] | None: ...


def _replace_one(
    records: tuple[_R, ...], record_id: str, change: Callable[[_R], _R]
) -> tuple[tuple[_R, ...], bool]:
    for index, record in enumerate(records):
        if getattr(record, "id", None) == record_id:
            return (*records[:index], change(record), *records[index + 1 :]), True
    return records, False


def _variant(source: Assessment, **changes: Any) -> Assessment:
    """*source* with *changes*, none of them to ids or references: it keeps *source*'s structure.

    The structure (what the references make of the plan, see
    :func:`remediation.graph.structure_of`) is kept on the assessment itself;
    a what-if variant has the same references, so it shares it.
    """
    variant = attrs.evolve(source, **changes)
    object.__setattr__(variant, "_structure", source._structure)
    return variant


def with_status(assessment: Assessment, item_id: str, status: Status | str) -> Assessment:
    """A copy of *assessment* in which work item *item_id* has *status*.

    *status* may be a label (``"RESOLVED"``) or a :class:`~remediation.Status`.

    Raises:
        UnknownRecordError: No work item has that id.
        ValueError: The label is not a status.

    Examples:
        >>> from remediation import evaluate, examples, with_status
        >>> plan = with_status(examples.issue_1176(), "ssot-violations", "RESOLVED")
        >>> evaluate(plan).phase("phase-1").complete
        True
    """
    new_status = parse_status(status) if isinstance(status, str) else status

    def change(item: WorkItem) -> WorkItem:
        return attrs.evolve(item, status=new_status)

    known: _Locates | None = assessment._structure
    if known is not None:  # where the item sits is known: no need to look for it
        location = known.locate(assessment, item_id)
        if location is None:
            raise UnknownRecordError(item_id, "work item")
        attr, index, position = location
        held: tuple[Phase | NextStep, ...] = getattr(assessment, attr)
        group = held[index]
        items = (
            *group.items[:position],
            change(group.items[position]),
            *group.items[position + 1 :],
        )
        replaced: dict[str, Any] = {
            attr: (*held[:index], attrs.evolve(group, items=items), *held[index + 1 :])
        }
        return _variant(assessment, **replaced)
    for attr in ("phases", "next_steps"):
        groups: tuple[Phase | NextStep, ...] = getattr(assessment, attr)
        for index, group in enumerate(groups):
            items, found = _replace_one(group.items, item_id, change)
            if found:
                new_group = attrs.evolve(group, items=items)
                changed: dict[str, Any] = {attr: (*groups[:index], new_group, *groups[index + 1 :])}
                return _variant(assessment, **changed)
    raise UnknownRecordError(item_id, "work item")


def with_measurement(assessment: Assessment, record_id: str, value: float) -> Assessment:
    """A copy of *assessment* with a new measured value.

    *record_id* names a metric criterion (its ``current`` becomes *value*,
    replacing any evidence it took the value from) or a measurement evidence
    (its ``value`` becomes *value*).

    Raises:
        UnknownRecordError: No metric criterion or measurement has that id.
    """
    if any(c.id == record_id and c.target is not None for c in assessment.criteria):
        criteria, _ = _replace_one(
            assessment.criteria,
            record_id,
            lambda c: attrs.evolve(c, current=float(value), current_from=None),
        )
        return _variant(assessment, criteria=criteria)
    evidence = assessment.evidence
    for index, record in enumerate(evidence):
        if record.id == record_id and isinstance(record, MeasurementEvidence):
            changed = attrs.evolve(record, value=float(value))
            return _variant(
                assessment,
                evidence=(*evidence[:index], changed, *evidence[index + 1 :]),
            )
    raise UnknownRecordError(record_id, "metric criterion or measurement")


def with_observation(assessment: Assessment, criterion_id: str, holds: bool | None) -> Assessment:  # noqa: FBT001
    """A copy of *assessment* in which condition *criterion_id* is observed to hold (or not).

    Raises:
        UnknownRecordError: No yes/no criterion has that id.
    """
    for criterion in assessment.criteria:
        if criterion.id == criterion_id and criterion.is_condition:
            criteria, _ = _replace_one(
                assessment.criteria, criterion_id, lambda c: attrs.evolve(c, observed=holds)
            )
            return _variant(assessment, criteria=criteria)
    raise UnknownRecordError(criterion_id, "yes/no criterion")


def with_test_run(
    assessment: Assessment, evidence_id: str, *, failed: int, passed: int
) -> Assessment:
    """A copy of *assessment* in which test run *evidence_id* has new counts.

    The stated failure rate is dropped: it described the old counts.

    Raises:
        UnknownRecordError: No test run has that id.
    """
    evidence = assessment.evidence
    for index, record in enumerate(evidence):
        if record.id == evidence_id and isinstance(record, TestRunEvidence):
            changed = attrs.evolve(record, failed=failed, passed=passed, stated_failure_rate=None)
            return _variant(
                assessment,
                evidence=(*evidence[:index], changed, *evidence[index + 1 :]),
            )
    raise UnknownRecordError(evidence_id, "test run")
