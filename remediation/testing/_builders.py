"""Small plans in a line or two: builders with defaults for what a test does not care about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from remediation.graph.validation import validate
from remediation.model.records import (
    Assessment,
    Claim,
    CommitEvidence,
    Criterion,
    DocumentEvidence,
    Gap,
    MeasurementEvidence,
    NextStep,
    NoteEvidence,
    Phase,
    Relation,
    TestRunEvidence,
    WhyStep,
    WorkItem,
)
from remediation.model.status import Status, parse_status
from remediation.model.target import Target, parse_target

__all__ = ["criterion", "gap", "item", "phase", "plan", "why"]

DEFAULT_DATE = dt.date(2025, 1, 1)
"""The date of a plan built by :func:`plan`, unless given."""

_FIELDS_BY_TYPE: tuple[tuple[type[Any] | tuple[type[Any], ...], str], ...] = (
    (Phase, "phases"),
    (NextStep, "next_steps"),
    (Gap, "gaps"),
    (Criterion, "criteria"),
    (WhyStep, "why"),
    (
        (CommitEvidence, TestRunEvidence, DocumentEvidence, MeasurementEvidence, NoteEvidence),
        "evidence",
    ),
    (Claim, "claims"),
    (Relation, "relations"),
)


def _target(value: Target | str | None) -> Target | None:
    return parse_target(value) if isinstance(value, str) else value


def item(item_id: str, status: Status | str = "open", /, **fields: Any) -> WorkItem:
    """A work item; its title is its id unless given, its status a label or a :class:`Status`.

    Examples:
        >>> item("fix", "✅ DONE", depends_on=["triage"]).status.progress
        <Progress.DONE: 'done'>
    """
    fields.setdefault("title", item_id)
    parsed = parse_status(status) if isinstance(status, str) else status
    return WorkItem(id=item_id, status=parsed, **fields)


def phase(phase_id: str, /, *items: WorkItem, **fields: Any) -> Phase:
    """A phase holding *items*; its title is its id unless given."""
    fields.setdefault("title", phase_id)
    return Phase(id=phase_id, items=items, **fields)


def criterion(criterion_id: str, target: Target | str | None = None, /, **fields: Any) -> Criterion:
    """A success criterion: a metric when *target* is given (``"<10%"``), else a condition.

    Examples:
        >>> criterion("failures", "<10%", baseline=54, current=32).target.value
        10.0
        >>> criterion("staging-up", observed=True).is_condition
        True
    """
    fields.setdefault("title", criterion_id)
    return Criterion(id=criterion_id, target=_target(target), **fields)


def gap(gap_id: str, /, **fields: Any) -> Gap:
    """A coordination gap; ``threshold`` may be text (``"0"``, ``"<5%"``)."""
    fields.setdefault("title", gap_id)
    if "threshold" in fields:
        fields["threshold"] = _target(fields["threshold"])
    return Gap(id=gap_id, **fields)


def why(step_id: str, /, *causes: str, **fields: Any) -> WhyStep:
    """A step of the five whys, explained by the steps *causes* (none: a root cause)."""
    fields.setdefault("question", f"Why {step_id}?")
    fields.setdefault("finding", step_id)
    return WhyStep(id=step_id, causes=causes, **fields)


def plan(*records: Any, **fields: Any) -> Assessment:
    """A valid assessment holding *records*, each put where its type belongs.

    Phases, next steps, gaps, criteria, why steps, evidence and count claims
    go to their lists, after any given as keyword arguments. Loose work
    items (given instead of phases) make one phase, ``phase-1``. The
    assessment's id is ``plan``, its issue ``#1`` and its date 2025-01-01,
    unless given.

    Raises:
        TypeError: A record of a type the assessment does not hold, or loose
            work items next to phases.
        remediation.exceptions.PlanValidationError: Duplicate ids, dangling
            references or cycles, each with its path.

    Examples:
        >>> from remediation import evaluate
        >>> result = evaluate(plan(item("a", "done"), item("b", depends_on=["a"])))
        >>> result.actionable
        ('b',)
    """
    lists: dict[str, list[Any]] = {name: list(fields.pop(name, ())) for _, name in _FIELDS_BY_TYPE}
    loose: list[WorkItem] = []
    for record in records:
        if isinstance(record, WorkItem):
            loose.append(record)
            continue
        for cls, name in _FIELDS_BY_TYPE:
            if isinstance(record, cls):
                lists[name].append(record)
                break
        else:
            msg = f"plan() holds phases, work items, gaps, criteria, ...; got {record!r}"
            raise TypeError(msg)
    if loose:
        if lists["phases"]:
            msg = "plan(): give work items inside phases, or loose work items, not both"
            raise TypeError(msg)
        lists["phases"] = [phase("phase-1", *loose)]
    fields.setdefault("id", "plan")
    fields.setdefault("issue", "#1")
    fields.setdefault("title", "Plan")
    fields.setdefault("date", DEFAULT_DATE)
    arguments: dict[str, Any] = {**lists, **fields}
    result = Assessment(**arguments)
    validate(result)
    return result
