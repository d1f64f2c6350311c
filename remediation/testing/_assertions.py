"""Assertions about plans whose failures say why: which criteria, which blocking items.

Each assertion takes an :class:`~remediation.Evaluation`, an
:class:`~remediation.Assessment` (evaluated as of *as_of*, by default its own
date) or a :class:`~remediation.testing.Scenario` (whose steps the message
names). On failure it raises :class:`AssertionError` with a message that
starts with what was evaluated and goes on to what stands in the way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TypeAlias

from remediation.evaluation.results import (
    CriterionEvaluation,
    CriterionState,
    Evaluation,
    Finding,
    FindingCode,
    GapEvaluation,
    ItemEvaluation,
    PhaseEvaluation,
    Reason,
    ReasonCode,
    RootCauseCoverage,
)
from remediation.evaluator import evaluate
from remediation.model.records import Assessment, Decision
from remediation.testing._scenario import Scenario, _when

__all__ = [
    "Subject",
    "assert_actionable",
    "assert_blocked",
    "assert_closable",
    "assert_criterion_met",
    "assert_criterion_not_met",
    "assert_finding",
    "assert_gap_closed",
    "assert_no_finding",
    "assert_not_closable",
    "assert_phase_complete",
    "assert_root_cause_addressed",
    "assert_root_cause_unaddressed",
]

Subject: TypeAlias = Evaluation | Assessment | Scenario
"""What an assertion looks at: an evaluation, a plan to evaluate, or a scenario."""

_MAX_DETAILS = 10


def _evaluated(
    subject: Subject, as_of: dt.date | dt.datetime | str | None
) -> tuple[Evaluation, str]:
    """The evaluation to check and how to name it in a message."""
    if isinstance(subject, Assessment):
        result = evaluate(subject, as_of=as_of)
        return result, f"assessment {subject.id!r} as of {_when(result.as_of)}"
    if as_of is not None:
        msg = "as_of: only an assessment is evaluated here; a scenario moves with .at(...)"
        raise TypeError(msg)
    if isinstance(subject, Scenario):
        return subject.evaluation, str(subject)
    if isinstance(subject, Evaluation):
        return subject, f"assessment {subject.assessment!r} as of {_when(subject.as_of)}"
    raise TypeError(_not_a_subject(subject))


def _not_a_subject(subject: object) -> str:
    return f"expected an Evaluation, Assessment or Scenario, got {type(subject).__name__}"


def _fail(context: str, message: str, details: Iterable[str] = ()) -> AssertionError:
    return AssertionError("\n".join([f"{context}: {message}", *details]))


# --------------------------------------------------------------------------- describing


def _item_state(item: ItemEvaluation) -> str:
    return item.progress.value + (f", {item.severity.value}" if item.severity else "")


def _waiting(result: Evaluation, ids: Iterable[str]) -> str:
    """What blocking ids are: ``b (item, partial), g (open gap)``."""
    items = {i.id: i for i in result.items}
    phases = {p.id: p for p in (*result.phases, *result.next_steps)}
    gaps = {g.id: g for g in result.gaps}
    shown = []
    for record_id in ids:
        if record_id in items:
            shown.append(f"{record_id} (item, {_item_state(items[record_id])})")
        elif record_id in phases:
            shown.append(f"{record_id} (phase, progress {phases[record_id].progress:.3g})")
        elif record_id in gaps:
            shown.append(f"{record_id} (open gap)")
        else:
            shown.append(record_id)
    return ", ".join(shown)


def _describe_item(result: Evaluation, item: ItemEvaluation) -> str:
    if item.closed:
        return _item_state(item)
    if item.blocked_by:
        return f"{_item_state(item)}; waits for {_waiting(result, item.blocked_by)}"
    return f"{_item_state(item)}; actionable"


def _describe_criterion(criterion: CriterionEvaluation) -> str:
    if criterion.target is None:
        return {
            CriterionState.MET: "observed to hold",
            CriterionState.UNMET: "observed not to hold",
            CriterionState.UNMEASURED: "not observed",
        }[criterion.state]
    if criterion.current is None:
        return f"no current value (target {criterion.target})"
    verb = "meets" if criterion.state is CriterionState.MET else "does not meet"
    text = f"current {criterion.current:g} {verb} target {criterion.target}"
    if criterion.state is CriterionState.UNMET and criterion.baseline is not None:
        text += f" (baseline {criterion.baseline:g}, progress {criterion.progress:.2f})"
    return text


def _describe_cause(result: Evaluation, cause: RootCauseCoverage) -> str:
    if not cause.addressed_by:
        return "no work item addresses it"
    done = ", ".join(cause.done_by) if cause.done_by else "none"
    return f"addressed by {_waiting(result, cause.addressed_by)}; done: {done}"


def _describe_gap(result: Evaluation, gap: GapEvaluation) -> str:
    parts = []
    if gap.open_items:
        parts.append(f"open items: {_waiting(result, gap.open_items)}")
    if gap.measurement_met is False:
        parts.append(f"measurement {gap.measurement:g} misses its threshold")
    if not gap.addressed_by and gap.measurement_met is None:
        parts.append("no work item addresses it and nothing measures it")
    return "; ".join(parts) or "closed"


_ABOUT_CRITERIA = frozenset(
    {ReasonCode.CRITERIA_UNMET, ReasonCode.CRITERIA_UNMEASURED, ReasonCode.CRITERIA_MET}
)


def _details(result: Evaluation, reason: Reason) -> Iterator[str]:
    """One line for each record behind a reason, saying where it stands."""
    causes = {cause.id: cause for cause in result.root_causes}

    def describe(record_id: str) -> str:
        if reason.code in _ABOUT_CRITERIA:
            return _describe_criterion(result.criterion(record_id))
        if reason.code is ReasonCode.ROOT_CAUSES_UNADDRESSED:
            return _describe_cause(result, causes[record_id])
        if reason.code is ReasonCode.GAPS_OPEN:
            return _describe_gap(result, result.gap(record_id))
        return _describe_item(result, result.item(record_id))

    for record_id in reason.ids[:_MAX_DETAILS]:
        yield f"      {record_id}: {describe(record_id)}"
    if len(reason.ids) > _MAX_DETAILS:
        yield f"      ... and {len(reason.ids) - _MAX_DETAILS} more"


def _reasons(result: Evaluation) -> list[str]:
    lines = []
    for reason in result.recommendation.reasons:
        lines.append(f"  - {reason.code.value}: {reason.message}")
        lines.extend(_details(result, reason))
    return lines or ["  (no reasons)"]


def _findings(findings: Iterable[Finding]) -> list[str]:
    return [
        f"  - [{f.severity.value}] {f.code} ({', '.join(f.ids)}): {f.message}" for f in findings
    ] or ["  (none)"]


def _codes(because: ReasonCode | str | Iterable[ReasonCode | str] | None) -> tuple[ReasonCode, ...]:
    if because is None:
        return ()
    if isinstance(because, ReasonCode | str):
        return (ReasonCode(because),)
    return tuple(ReasonCode(code) for code in because)


def _ids(ids: str | Iterable[str] | None) -> tuple[str, ...]:
    if ids is None:
        return ()
    return (ids,) if isinstance(ids, str) else tuple(ids)


# --------------------------------------------------------------------------- the recommendation


def assert_closable(
    subject: Subject, *, as_of: dt.date | dt.datetime | str | None = None
) -> Evaluation:
    """Check that the derived recommendation is to close (with or without exceptions).

    Returns the evaluation. The failure lists every reason to keep the issue
    open and, under each, where its criteria, items, gaps or root causes stand.

    Examples:
        >>> from remediation.testing import assert_closable, criterion, item, plan
        >>> assert_closable(plan(item("a", "done"), item("b", "🚨 CRITICAL")))
        Traceback (most recent call last):
        ...
        AssertionError: assessment 'plan' as of 2025-01-01: expected the issue to be closable, but the evaluation says keep_open:
          - critical-items-open: 1 critical item open: b
              b: not_started, critical; actionable
          - work-open: 1 work item open: b
              b: not_started, critical; actionable
    """  # noqa: E501
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    decision = result.recommendation.decision
    if decision is Decision.KEEP_OPEN:
        message = "expected the issue to be closable, but the evaluation says keep_open:"
        raise _fail(context, message, _reasons(result))
    return result


def assert_not_closable(
    subject: Subject,
    *,
    because: ReasonCode | str | Iterable[ReasonCode | str] | None = None,
    as_of: dt.date | dt.datetime | str | None = None,
) -> Evaluation:
    """Check that the derived recommendation is to keep the issue open, *because* of these reasons.

    *because* is a :class:`~remediation.ReasonCode` or its value
    (``"root-causes-unaddressed"``), or several; each must be among the
    reasons. Returns the evaluation.
    """
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    decision = result.recommendation.decision
    if decision is not Decision.KEEP_OPEN:
        message = f"expected the issue to stay open, but the evaluation says {decision.value}:"
        raise _fail(context, message, _reasons(result))
    found = {reason.code for reason in result.recommendation.reasons}
    missing = [code.value for code in _codes(because) if code not in found]
    if missing:
        message = f"the issue stays open, but not because of {', '.join(missing)}; its reasons are:"
        raise _fail(context, message, _reasons(result))
    return result


# --------------------------------------------------------------------------- criteria


def assert_criterion_met(
    subject: Subject, criterion_id: str, *, as_of: dt.date | dt.datetime | str | None = None
) -> CriterionEvaluation:
    """Check that success criterion *criterion_id* is met; return its evaluation."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    criterion = result.criterion(criterion_id)
    if criterion.state is not CriterionState.MET:
        message = (
            f"expected criterion {criterion_id!r} to be met, but it is {criterion.state.value}: "
            + _describe_criterion(criterion)
        )
        raise _fail(context, message)
    return criterion


def assert_criterion_not_met(
    subject: Subject, criterion_id: str, *, as_of: dt.date | dt.datetime | str | None = None
) -> CriterionEvaluation:
    """Check that success criterion *criterion_id* is not met (unmet or unmeasured)."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    criterion = result.criterion(criterion_id)
    if criterion.state is CriterionState.MET:
        message = (
            f"expected criterion {criterion_id!r} not to be met, but it is: "
            + _describe_criterion(criterion)
        )
        raise _fail(context, message)
    return criterion


# --------------------------------------------------------------------------- work


def assert_blocked(
    subject: Subject,
    item_id: str,
    *,
    by: str | Iterable[str] | None = None,
    as_of: dt.date | dt.datetime | str | None = None,
) -> ItemEvaluation:
    """Check that work item *item_id* is open and waits for something (for each of *by*).

    Examples:
        >>> from remediation.testing import assert_blocked, item, plan
        >>> assert_blocked(plan(item("a", "partial"), item("b", depends_on=["a"])), "b", by="a")
        ItemEvaluation(id='b', group='phase-1', progress=<Progress.NOT_STARTED: 'not_started'>, credit=0.0, closed=False, blocked_by=('a',), actionable=False, severity=None, accepted=False)
        >>> assert_blocked(plan(item("a", "done"), item("b", depends_on=["a"])), "b")
        Traceback (most recent call last):
        ...
        AssertionError: assessment 'plan' as of 2025-01-01: expected item 'b' to be blocked, but it is actionable: not_started, waiting for nothing
    """  # noqa: E501
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    item = result.item(item_id)
    expected = f"expected item {item_id!r} to be blocked"
    if item.closed:
        raise _fail(context, f"{expected}, but it is closed ({_item_state(item)})")
    if not item.blocked_by:
        message = f"{expected}, but it is actionable: {_item_state(item)}, waiting for nothing"
        raise _fail(context, message)
    missing = [need for need in _ids(by) if need not in item.blocked_by]
    if missing:
        waiting = _waiting(result, item.blocked_by)
        message = f"{expected} by {', '.join(missing)}, but it waits only for {waiting}"
        raise _fail(context, message)
    return item


def assert_actionable(
    subject: Subject, item_id: str, *, as_of: dt.date | dt.datetime | str | None = None
) -> ItemEvaluation:
    """Check that work item *item_id* is open and waits for nothing."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    item = result.item(item_id)
    expected = f"expected item {item_id!r} to be actionable"
    if item.closed:
        raise _fail(context, f"{expected}, but it is closed ({_item_state(item)})")
    if item.blocked_by:
        raise _fail(context, f"{expected}, but it waits for {_waiting(result, item.blocked_by)}")
    return item


def assert_phase_complete(
    subject: Subject, phase_id: str, *, as_of: dt.date | dt.datetime | str | None = None
) -> PhaseEvaluation:
    """Check that phase (or group of next steps) *phase_id* is complete."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    phase = result.phase(phase_id)
    if not phase.complete:
        if not phase.items:
            detail = "it has no work items"
        else:
            detail = (
                f"{phase.done} of {phase.items} items are done (progress {phase.progress:.3g})"
                + (f"; open: {_waiting(result, phase.open)}" if phase.open else "")
            )
        raise _fail(context, f"expected phase {phase_id!r} to be complete, but {detail}")
    return phase


def assert_gap_closed(
    subject: Subject, gap_id: str, *, as_of: dt.date | dt.datetime | str | None = None
) -> GapEvaluation:
    """Check that coordination gap *gap_id* is closed."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    gap = result.gap(gap_id)
    if not gap.closed:
        detail = _describe_gap(result, gap)
        message = f"expected gap {gap_id!r} to be closed, but it is open: {detail}"
        raise _fail(context, message)
    return gap


# --------------------------------------------------------------------------- root causes


def _root_cause(result: Evaluation, context: str, cause_id: str) -> RootCauseCoverage:
    __tracebackhide__ = True
    for cause in result.root_causes:
        if cause.id == cause_id:
            return cause
    known = ", ".join(c.id for c in result.root_causes) or "none"
    raise _fail(context, f"{cause_id!r} is not a root cause; the root causes are: {known}")


def assert_root_cause_addressed(
    subject: Subject, cause_id: str, *, as_of: dt.date | dt.datetime | str | None = None
) -> RootCauseCoverage:
    """Check that root cause *cause_id* is addressed by work that is done."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    cause = _root_cause(result, context, cause_id)
    if not cause.addressed:
        message = (
            f"expected root cause {cause_id!r} to be addressed, but it is not: "
            + _describe_cause(result, cause)
        )
        raise _fail(context, message)
    return cause


def assert_root_cause_unaddressed(
    subject: Subject, cause_id: str, *, as_of: dt.date | dt.datetime | str | None = None
) -> RootCauseCoverage:
    """Check that no done work addresses root cause *cause_id* yet."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    cause = _root_cause(result, context, cause_id)
    if cause.addressed:
        message = (
            f"expected root cause {cause_id!r} to be unaddressed, but done work addresses it: "
            + ", ".join(cause.done_by)
        )
        raise _fail(context, message)
    return cause


# --------------------------------------------------------------------------- findings


def assert_finding(
    subject: Subject,
    code: FindingCode | str,
    *,
    ids: str | Iterable[str] | None = None,
    as_of: dt.date | dt.datetime | str | None = None,
) -> Finding:
    """Check that the evaluation has a finding of *code* (about exactly *ids*, if given).

    Returns the finding (the first, if several match).
    """
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    wanted = FindingCode(code)
    expected_ids = _ids(ids)
    for finding in result.findings_with(wanted):
        if ids is None or finding.ids == expected_ids:
            return finding
    about = f" about {', '.join(expected_ids)}" if ids is not None else ""
    message = f"expected a finding {wanted.value}{about}, but the findings are:"
    raise _fail(context, message, _findings(result.findings))


def assert_no_finding(
    subject: Subject,
    code: FindingCode | str | None = None,
    *,
    as_of: dt.date | dt.datetime | str | None = None,
) -> None:
    """Check that the evaluation has no finding of *code* (``None``: no finding at all)."""
    __tracebackhide__ = True
    result, context = _evaluated(subject, as_of)
    found = result.findings if code is None else result.findings_with(code)
    if found:
        what = "no findings" if code is None else f"no finding {FindingCode(code).value}"
        raise _fail(context, f"expected {what}, but:", _findings(found))
