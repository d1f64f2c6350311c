"""Evaluation: what an assessment's data say, derived rather than asserted.

:func:`evaluate` is a pure function of an assessment and a date. It never
trusts a stated status: completion, blocked and actionable work, criteria,
gaps, root-cause coverage, the schedule and the recommendation are all
derived from the records, and wherever the document's own claims disagree
with what is derived, the evaluation carries a :class:`Finding`.
"""

from __future__ import annotations

import datetime as dt
import enum
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol, TypeVar

import attrs

from remediation._graph import Structure, structure_of
from remediation._records import (
    Assessment,
    CountSubject,
    Criterion,
    CriterionCategory,
    Decision,
    Evidence,
    Gap,
    MeasurementEvidence,
    NextStep,
    Phase,
    TestRunEvidence,
    TestRunQuantity,
    WorkItem,
)
from remediation._schedule import Schedule, compute_schedule, naive
from remediation._status import Progress, Severity
from remediation._target import Target
from remediation.exceptions import UnknownRecordError

__all__ = [
    "CriterionEvaluation",
    "CriterionState",
    "Evaluation",
    "Finding",
    "FindingCode",
    "FindingSeverity",
    "GapEvaluation",
    "ItemEvaluation",
    "PhaseEvaluation",
    "Reason",
    "ReasonCode",
    "Recommendation",
    "RootCauseCoverage",
    "TestRunEvaluation",
    "evaluate",
]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)

RATE_TOLERANCE = 0.5
"""How far, in percentage points, a stated rate may be from the counts (whole-percent rounding)."""


class CriterionState(enum.Enum):
    """Whether a success criterion is met."""

    MET = "met"
    UNMET = "unmet"
    UNMEASURED = "unmeasured"


class FindingSeverity(enum.Enum):
    """How much a finding matters."""

    ERROR = "error"
    """The document contradicts what its data say, in a way that changes the decision."""
    WARNING = "warning"
    """A claim of the document disagrees with what is derived."""
    INFO = "info"
    """Worth a look; nothing contradicts."""


class FindingCode(enum.Enum):
    """Stable codes of findings; see ``docs/findings.md``."""

    ASSESSMENT_STATUS_MISMATCH = "assessment-status-mismatch"
    PHASE_STATUS_MISMATCH = "phase-status-mismatch"
    TEST_RATE_MISMATCH = "test-rate-mismatch"
    RECOMMENDATION_MISMATCH = "recommendation-mismatch"
    COUNT_MISMATCH = "count-mismatch"
    CRITERION_CHECKBOX_MISMATCH = "criterion-checkbox-mismatch"
    STATUS_WITHOUT_EVIDENCE = "status-without-evidence"
    CLOSED_WITHOUT_JUSTIFICATION = "closed-without-justification"
    DONE_BEFORE_DEPENDENCY = "done-before-dependency"
    OVERDUE = "overdue"
    PROJECTED_LATE = "projected-late"
    EMPTY_PHASE = "empty-phase"
    GAP_UNADDRESSED = "gap-unaddressed"
    ROOT_CAUSE_WITHOUT_WORK = "root-cause-without-work"
    MISSING_ESTIMATE = "missing-estimate"


class ReasonCode(enum.Enum):
    """Stable codes of the reasons behind a recommendation."""

    CRITERIA_UNMET = "criteria-unmet"
    CRITERIA_UNMEASURED = "criteria-unmeasured"
    CRITICAL_ITEMS_OPEN = "critical-items-open"
    ROOT_CAUSES_UNADDRESSED = "root-causes-unaddressed"
    GAPS_OPEN = "gaps-open"
    WORK_OPEN = "work-open"
    CRITERIA_MET = "criteria-met"
    CLOSED_WITHOUT_FIX = "closed-without-fix"


@attrs.frozen
class Finding:
    """A place where the document's claims disagree with what is derived.

    Attributes:
        code: Stable code.
        severity: How much it matters.
        message: What disagrees, in words.
        ids: Ids of the records involved.
    """

    code: FindingCode
    severity: FindingSeverity
    message: str
    ids: tuple[str, ...] = ()


@attrs.frozen
class Reason:
    """One reason for a recommendation.

    Attributes:
        code: Stable code.
        message: The reason in words.
        ids: Ids of the records behind it.
    """

    code: ReasonCode
    message: str
    ids: tuple[str, ...] = ()


@attrs.frozen
class Recommendation:
    """The derived recommendation.

    Attributes:
        decision: Keep the issue open, or close it.
        reasons: Why: what stands in the way, or what was achieved.
        stated: The document's own decision, if it makes one.
    """

    decision: Decision
    reasons: tuple[Reason, ...]
    stated: Decision | None = None

    @property
    def agrees(self) -> bool | None:
        """Whether the document's decision is the derived one (``None``: it makes none)."""
        return None if self.stated is None else self.stated is self.decision


@attrs.frozen
class ItemEvaluation:
    """What is derived for one work item.

    Attributes:
        id: The item's id.
        group: Id of its phase or next step.
        progress: Its progress state.
        credit: Share done: 1, the partial fraction (0.5 by default) or 0.
        closed: Needs no more work (done, or closed without a fix).
        blocked_by: Ids of what it waits for: open dependencies, incomplete
            prerequisite phases, open gaps that block it.
        actionable: Open and waiting for nothing.
        severity: Its severity, if any.
    """

    id: str
    group: str
    progress: Progress
    credit: float
    closed: bool
    blocked_by: tuple[str, ...] = ()
    actionable: bool = False
    severity: Severity | None = None

    @property
    def blocked(self) -> bool:
        """Open and waiting for something."""
        return not self.closed and bool(self.blocked_by)


@attrs.frozen
class PhaseEvaluation:
    """What is derived for a phase (or a group of next steps).

    Attributes:
        id: Its id.
        progress: Weighted mean credit of its items (closed-without-fix items
            left out), in [0, 1].
        complete: Every item is closed and at least one is done.
        items: How many items it has.
        done: How many are done.
        open: Ids of its items that still need work.
        stated: The progress its stated status claims, if any.
    """

    id: str
    progress: float
    complete: bool
    items: int
    done: int
    open: tuple[str, ...] = ()
    stated: Progress | None = None


@attrs.frozen
class CriterionEvaluation:
    """What is derived for a success criterion.

    Attributes:
        id: Its id.
        category: Technical or business.
        state: Met, unmet, or unmeasured (no current value).
        progress: From baseline to target, in [0, 1]; ``None`` when unmeasured.
        current: The current value used (for a metric).
        target: The target, for a metric.
        baseline: The baseline, if any.
    """

    id: str
    category: CriterionCategory
    state: CriterionState
    progress: float | None
    current: float | None = None
    target: Target | None = None
    baseline: float | None = None


@attrs.frozen
class GapEvaluation:
    """What is derived for a coordination gap.

    Attributes:
        id: Its id.
        closed: Every addressing item is done and the measurement, if any,
            meets the threshold.
        addressed_by: Ids of items addressing it.
        open_items: Those of them not done.
        measurement: The measured value used, if any.
        measurement_met: Whether it meets the threshold (``None``: nothing to compare).
    """

    id: str
    closed: bool
    addressed_by: tuple[str, ...] = ()
    open_items: tuple[str, ...] = ()
    measurement: float | None = None
    measurement_met: bool | None = None


@attrs.frozen
class RootCauseCoverage:
    """Which work addresses a root cause.

    Attributes:
        id: The root cause's why-step id.
        addressed_by: Ids of items addressing it.
        done_by: Those of them that are done.
    """

    id: str
    addressed_by: tuple[str, ...] = ()
    done_by: tuple[str, ...] = ()

    @property
    def addressed(self) -> bool:
        """Whether any work addressing it is done."""
        return bool(self.done_by)


@attrs.frozen
class TestRunEvaluation:
    """A test run's derived failure rate next to the stated one.

    Attributes:
        id: The evidence id.
        failure_rate: Failed over failed plus passed, in percent.
        stated_failure_rate: The document's figure, if any.
        agrees: Whether the two agree within rounding (``None``: nothing stated).
    """

    __test__ = False  # not a pytest test class

    id: str
    failure_rate: float | None
    stated_failure_rate: float | None = None
    agrees: bool | None = None


def _by_id(records: Iterable[_R], record_id: str, what: str) -> _R:
    for record in records:
        if record.id == record_id:
            return record
    raise UnknownRecordError(record_id, what)


@attrs.frozen
class Evaluation:
    """Everything derived from an assessment as of a date.

    Attributes:
        assessment: The assessment's id.
        issue: The issue it assesses.
        as_of: The evaluation date.
        progress: Weighted mean credit of all phase items, in [0, 1].
        items: Every work item, in document order.
        phases: Every phase.
        next_steps: Every group of next steps.
        criteria: Every success criterion.
        gaps: Every gap.
        root_causes: Coverage of every root cause.
        test_runs: Every test run.
        schedule: The projected schedule.
        recommendation: The derived recommendation.
        findings: Where the document disagrees with what is derived.
        blocked: Ids of open items waiting for something.
        actionable: Ids of open items waiting for nothing.
        overdue: Ids of open items and phases past due.
    """

    assessment: str
    issue: str
    as_of: dt.datetime
    progress: float
    items: tuple[ItemEvaluation, ...]
    phases: tuple[PhaseEvaluation, ...]
    next_steps: tuple[PhaseEvaluation, ...]
    criteria: tuple[CriterionEvaluation, ...]
    gaps: tuple[GapEvaluation, ...]
    root_causes: tuple[RootCauseCoverage, ...]
    test_runs: tuple[TestRunEvaluation, ...]
    schedule: Schedule
    recommendation: Recommendation
    findings: tuple[Finding, ...]
    blocked: tuple[str, ...] = ()
    actionable: tuple[str, ...] = ()
    overdue: tuple[str, ...] = ()

    def item(self, item_id: str) -> ItemEvaluation:
        """The evaluation of work item *item_id*."""
        return _by_id(self.items, item_id, "work item")

    def phase(self, phase_id: str) -> PhaseEvaluation:
        """The evaluation of phase (or next-step group) *phase_id*."""
        return _by_id((*self.phases, *self.next_steps), phase_id, "phase")

    def criterion(self, criterion_id: str) -> CriterionEvaluation:
        """The evaluation of criterion *criterion_id*."""
        return _by_id(self.criteria, criterion_id, "criterion")

    def gap(self, gap_id: str) -> GapEvaluation:
        """The evaluation of gap *gap_id*."""
        return _by_id(self.gaps, gap_id, "gap")

    def test_run(self, evidence_id: str) -> TestRunEvaluation:
        """The evaluation of test run *evidence_id*."""
        return _by_id(self.test_runs, evidence_id, "test run")

    def findings_with(self, code: FindingCode | str) -> tuple[Finding, ...]:
        """The findings of one code."""
        wanted = FindingCode(code)
        return tuple(f for f in self.findings if f.code is wanted)


# --------------------------------------------------------------------------- derivation


_GROUP_CACHE: weakref.WeakKeyDictionary[Phase | NextStep, PhaseEvaluation] = (
    weakref.WeakKeyDictionary()
)


def _evaluate_group(group: Phase | NextStep) -> PhaseEvaluation:
    """Progress of a phase or next-step group: a function of its items alone, so cached."""
    cached = _GROUP_CACHE.get(group)
    if cached is not None:
        return cached
    weight = credit = 0.0
    done = 0
    closed_all = True
    open_ids: list[str] = []
    for item in group.items:
        progress = item.status.progress
        done += progress is Progress.DONE
        if not progress.is_closed:
            closed_all = False
            open_ids.append(item.id)
        if progress.is_closed_without_fix:
            continue
        weight += item.weight
        credit += item.weight * item.credit
    stated = (
        group.stated_status.progress if isinstance(group, Phase) and group.stated_status else None
    )
    result = PhaseEvaluation(
        id=group.id,
        progress=credit / weight if weight else (1.0 if group.items and closed_all else 0.0),
        complete=bool(group.items) and closed_all and done > 0,
        items=len(group.items),
        done=done,
        open=tuple(open_ids),
        stated=stated,
    )
    _GROUP_CACHE[group] = result
    return result


def _current_value(criterion: Criterion, evidence: Mapping[str, Evidence]) -> float | None:
    if criterion.current is not None:
        return criterion.current
    source = criterion.current_from
    if source is None:
        return None
    record = evidence[source.evidence]
    if isinstance(record, TestRunEvidence):
        return record.quantity(source.quantity or TestRunQuantity.FAILURE_RATE)
    if isinstance(record, MeasurementEvidence):
        return record.value
    return None


def _evaluate_criterion(
    criterion: Criterion, evidence: Mapping[str, Evidence]
) -> CriterionEvaluation:
    if criterion.target is None:
        observed = criterion.observed
        state = (
            CriterionState.UNMEASURED
            if observed is None
            else (CriterionState.MET if observed else CriterionState.UNMET)
        )
        progress = None if observed is None else float(observed)
        return CriterionEvaluation(
            id=criterion.id, category=criterion.category, state=state, progress=progress
        )
    current = _current_value(criterion, evidence)
    if current is None:
        state, progress = CriterionState.UNMEASURED, None
    else:
        met = criterion.target.is_met(current)
        state = CriterionState.MET if met else CriterionState.UNMET
        progress = criterion.target.progress(criterion.baseline, current)
    return CriterionEvaluation(
        id=criterion.id,
        category=criterion.category,
        state=state,
        progress=progress,
        current=current,
        target=criterion.target,
        baseline=criterion.baseline,
    )


def _measured(record: Evidence | None, quantity: TestRunQuantity | None) -> float | None:
    if isinstance(record, TestRunEvidence):
        return record.quantity(quantity or TestRunQuantity.FAILURE_RATE)
    if isinstance(record, MeasurementEvidence):
        return record.value
    return None


def _evaluate_test_run(run: TestRunEvidence) -> TestRunEvaluation:
    rate = run.failure_rate
    stated = run.stated_failure_rate
    agrees = None if stated is None or rate is None else abs(stated - rate) <= RATE_TOLERANCE + 1e-9
    return TestRunEvaluation(
        id=run.id, failure_rate=rate, stated_failure_rate=stated, agrees=agrees
    )


def _derived_progress(phase: PhaseEvaluation) -> Progress:
    if phase.complete:
        return Progress.DONE
    return Progress.PARTIAL if phase.progress > 0 else Progress.NOT_STARTED


def _agree(stated: Progress, derived: Progress) -> bool:
    if stated.is_closed_without_fix:
        return derived is Progress.DONE or derived is Progress.NOT_STARTED
    return stated is derived


def _ids(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


_PLURALS = {"success criterion": "success criteria"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {_PLURALS.get(word, word + 's')}"


def evaluate(
    assessment: Assessment, as_of: dt.date | dt.datetime | str | None = None
) -> Evaluation:
    """Derive everything the data of *assessment* say, as of a date.

    Args:
        assessment: The assessment.
        as_of: The evaluation date (a date, a datetime or an ISO 8601 string);
            by default the assessment's own date, so that the result depends
            on the data alone.

    Raises:
        PlanValidationError: The assessment has duplicate ids, dangling
            references or cycles.

    Examples:
        >>> from remediation import evaluate, examples
        >>> result = evaluate(examples.issue_1176(), as_of="2025-09-15")
        >>> result.recommendation.decision.value
        'keep_open'
        >>> result.phase("phase-1").progress, result.phase("phase-1").complete
        (0.875, False)
    """
    moment = _as_datetime(as_of if as_of is not None else assessment.date)
    structure = structure_of(assessment)
    evidence = {e.id: e for e in assessment.evidence}
    items = {item.id: item for _, item in assessment.iter_items()}
    closed = {item_id: item.status.is_closed for item_id, item in items.items()}

    phases = tuple(_evaluate_group(phase) for phase in assessment.phases)
    next_steps = tuple(_evaluate_group(step) for step in assessment.next_steps)
    complete = {p.id: p.complete for p in phases}

    gaps = tuple(_evaluate_gap(gap, structure, items, evidence) for gap in assessment.gaps)
    gap_closed = {gap.id: gap.closed for gap in gaps}

    item_results = tuple(
        _evaluate_item(
            item, group.id, structure, closed=closed, complete=complete, gap_closed=gap_closed
        )
        for group, item in assessment.iter_items()
    )
    criteria = tuple(_evaluate_criterion(c, evidence) for c in assessment.criteria)
    root_causes = tuple(
        RootCauseCoverage(
            id=cause,
            addressed_by=structure.addressed_by.get(cause, ()),
            done_by=tuple(
                i for i in structure.addressed_by.get(cause, ()) if items[i].status.is_done
            ),
        )
        for cause in structure.root_causes
    )
    test_runs = tuple(
        _evaluate_test_run(e) for e in assessment.evidence if isinstance(e, TestRunEvidence)
    )
    schedule = compute_schedule(assessment, structure, closed, moment)

    weight = credit = 0.0
    for phase in assessment.phases:
        for item in phase.items:
            if not item.status.progress.is_closed_without_fix:
                weight += item.weight
                credit += item.weight * item.credit
    progress = credit / weight if weight else 0.0

    recommendation = _recommend(assessment, item_results, criteria, gaps, root_causes)
    result = Evaluation(
        assessment=assessment.id,
        issue=assessment.issue,
        as_of=moment,
        progress=progress,
        items=item_results,
        phases=phases,
        next_steps=next_steps,
        criteria=criteria,
        gaps=gaps,
        root_causes=root_causes,
        test_runs=test_runs,
        schedule=schedule,
        recommendation=recommendation,
        findings=(),
        blocked=tuple(r.id for r in item_results if r.blocked),
        actionable=tuple(r.id for r in item_results if r.actionable),
        overdue=tuple(w.id for w in (*schedule.items, *schedule.phases) if w.overdue),
    )
    findings = [finding for check in _CHECKS for finding in check(assessment, structure, result)]
    return attrs.evolve(result, findings=tuple(findings))


def _as_datetime(value: dt.date | dt.datetime | str) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            msg = f"as_of: expected an ISO 8601 date such as 2025-09-15, got {value!r}"
            raise ValueError(msg) from None
    if isinstance(value, dt.datetime):
        return naive(value)
    return dt.datetime.combine(value, dt.time())


def _evaluate_gap(
    gap: Gap,
    structure: Structure,
    items: Mapping[str, WorkItem],
    evidence: Mapping[str, Evidence],
) -> GapEvaluation:
    addressed_by = structure.addressed_by.get(gap.id, ())
    open_items = tuple(i for i in addressed_by if not items[i].status.is_done)
    measurement = (
        _measured(evidence.get(gap.measurement), gap.quantity) if gap.measurement else None
    )
    met = (
        None if gap.threshold is None or measurement is None else gap.threshold.is_met(measurement)
    )
    closed = (bool(addressed_by) or met is not None) and not open_items and met is not False
    return GapEvaluation(
        id=gap.id,
        closed=closed,
        addressed_by=addressed_by,
        open_items=open_items,
        measurement=measurement,
        measurement_met=met,
    )


def _evaluate_item(
    item: WorkItem,
    group: str,
    structure: Structure,
    *,
    closed: Mapping[str, bool],
    complete: Mapping[str, bool],
    gap_closed: Mapping[str, bool],
) -> ItemEvaluation:
    waiting: list[str] = []
    for need in structure.requires.get(item.id, ()):
        if need in closed:
            if not closed[need]:
                waiting.append(need)
        elif not complete.get(need, False):
            waiting.append(need)
    waiting.extend(
        gap
        for gap in structure.blocked_by_gaps.get(item.id, ())
        if not gap_closed[gap] and item.id not in structure.addressed_by.get(gap, ())
    )
    is_closed = closed[item.id]
    return ItemEvaluation(
        id=item.id,
        group=group,
        progress=item.status.progress,
        credit=item.credit,
        closed=is_closed,
        blocked_by=tuple(waiting),
        actionable=not is_closed and not waiting,
        severity=item.status.severity,
    )


def _recommend(
    assessment: Assessment,
    item_results: Sequence[ItemEvaluation],
    criteria: Sequence[CriterionEvaluation],
    gaps: Sequence[GapEvaluation],
    root_causes: Sequence[RootCauseCoverage],
) -> Recommendation:
    against: list[Reason] = []
    unmet = [c.id for c in criteria if c.state is CriterionState.UNMET]
    unmeasured = [c.id for c in criteria if c.state is CriterionState.UNMEASURED]
    if unmet:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMET,
            f"{_plural(len(unmet), 'success criterion')} of {len(criteria)} not met: "
            + ", ".join(unmet),
            _ids(unmet),
        ))  # fmt: skip
    if unmeasured:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMEASURED,
            f"{_plural(len(unmeasured), 'success criterion')} without a current value: "
            + ", ".join(unmeasured),
            _ids(unmeasured),
        ))  # fmt: skip
    critical = [r.id for r in item_results if not r.closed and r.severity is Severity.CRITICAL]
    if critical:
        against.append(Reason(
            ReasonCode.CRITICAL_ITEMS_OPEN,
            f"{_plural(len(critical), 'critical item')} open: " + ", ".join(critical),
            _ids(critical),
        ))  # fmt: skip
    unaddressed = [cause.id for cause in root_causes if not cause.addressed]
    if unaddressed:
        against.append(Reason(
            ReasonCode.ROOT_CAUSES_UNADDRESSED,
            f"{_plural(len(unaddressed), 'root cause')} not addressed by any done work: "
            + ", ".join(unaddressed),
            _ids(unaddressed),
        ))  # fmt: skip
    open_gaps = [gap.id for gap in gaps if not gap.closed]
    if open_gaps:
        against.append(Reason(
            ReasonCode.GAPS_OPEN,
            f"{_plural(len(open_gaps), 'gap')} open: " + ", ".join(open_gaps),
            _ids(open_gaps),
        ))  # fmt: skip
    open_items = [r.id for r in item_results if not r.closed]
    if not criteria and open_items:
        against.append(Reason(
            ReasonCode.WORK_OPEN,
            f"no success criteria, and {_plural(len(open_items), 'work item')} open",
            _ids(open_items),
        ))  # fmt: skip
    stated = assessment.recommendation.decision if assessment.recommendation else None
    if against:
        return Recommendation(Decision.KEEP_OPEN, tuple(against), stated)
    support: list[Reason] = []
    if criteria:
        support.append(Reason(
            ReasonCode.CRITERIA_MET,
            f"all {_plural(len(criteria), 'success criterion')} met",
            _ids(c.id for c in criteria),
        ))  # fmt: skip
    without_fix = [r.id for r in item_results if r.progress.is_closed_without_fix]
    if without_fix:
        support.append(Reason(
            ReasonCode.CLOSED_WITHOUT_FIX,
            f"{_plural(len(without_fix), 'item')} closed without a fix: " + ", ".join(without_fix),
            _ids(without_fix),
        ))  # fmt: skip
        return Recommendation(Decision.CLOSE_WITH_EXCEPTIONS, tuple(support), stated)
    if open_items:
        support.append(Reason(
            ReasonCode.WORK_OPEN,
            f"{_plural(len(open_items), 'work item')} still open, none of them critical",
            _ids(open_items),
        ))  # fmt: skip
    return Recommendation(Decision.CLOSE, tuple(support), stated)


_Check = Callable[[Assessment, Structure, Evaluation], Iterator[Finding]]
_WARN, _INFO, _ERROR = FindingSeverity.WARNING, FindingSeverity.INFO, FindingSeverity.ERROR


def _status_findings(
    assessment: Assessment, _structure: Structure, result: Evaluation
) -> Iterator[Finding]:
    """Stated statuses of the assessment and its phases against derived ones."""
    if assessment.stated_status is not None:
        if not result.phases:
            derived = Progress.NOT_STARTED
        elif all(p.complete for p in result.phases):
            derived = Progress.DONE
        else:
            derived = Progress.PARTIAL if result.progress > 0 else Progress.NOT_STARTED
        stated = assessment.stated_status.progress
        if not _agree(stated, derived):
            yield Finding(
                FindingCode.ASSESSMENT_STATUS_MISMATCH, _WARN,
                f"the assessment states {str(assessment.stated_status)!r} ({stated.value}), "
                f"but its phases are {derived.value} (progress {result.progress:.0%})",
                (assessment.id,),
            )  # fmt: skip
    for record, phase in zip(assessment.phases, result.phases, strict=True):
        if not record.items:
            yield Finding(
                FindingCode.EMPTY_PHASE, _INFO, f"phase {phase.id!r} has no work items", (phase.id,)
            )
        if phase.stated is None or record.stated_status is None:
            continue
        derived = _derived_progress(phase)
        if not _agree(phase.stated, derived):
            detail = ", ".join(phase.open) if phase.open else "none"
            yield Finding(
                FindingCode.PHASE_STATUS_MISMATCH, _WARN,
                f"phase {phase.id!r} is stated {str(record.stated_status)!r} "
                f"({phase.stated.value}), but {phase.done} of {phase.items} items are done "
                f"(progress {phase.progress:.3g}, open: {detail})",
                (phase.id, *phase.open),
            )  # fmt: skip


def _claim_findings(
    assessment: Assessment, _structure: Structure, result: Evaluation
) -> Iterator[Finding]:
    """Figures the document states: test rates, its recommendation, counts, checkboxes."""
    evidence = {e.id: e for e in assessment.evidence}
    for run in result.test_runs:
        record = evidence[run.id]
        if run.agrees is False and isinstance(record, TestRunEvidence):
            yield Finding(
                FindingCode.TEST_RATE_MISMATCH, _WARN,
                f"test run {run.id!r} states a {run.stated_failure_rate:g}% failure rate, but "
                f"{record.failed} failed / {record.passed} passed is {run.failure_rate:.2f}%",
                (run.id,),
            )  # fmt: skip
    recommendation = result.recommendation
    if recommendation.stated is not None and recommendation.agrees is False:
        yield Finding(
            FindingCode.RECOMMENDATION_MISMATCH, _ERROR,
            f"the document recommends {recommendation.stated.value}, but the data say "
            f"{recommendation.decision.value}: "
            + "; ".join(r.message for r in recommendation.reasons),
            (assessment.id,),
        )  # fmt: skip
    counts = _counts(assessment, result)
    for claim in assessment.claims:
        actual = counts[claim.subject]
        if actual != claim.value:
            quote = f" ({claim.quote!r})" if claim.quote else ""
            yield Finding(
                FindingCode.COUNT_MISMATCH, _WARN,
                f"the document counts {claim.value} {claim.subject.value.replace('_', ' ')}"
                f"{quote}, but the records hold {actual}",
                (claim.id,),
            )  # fmt: skip
    states = {c.id: c.state for c in result.criteria}
    for criterion in assessment.criteria:
        state = states[criterion.id]
        if criterion.stated_met is None or state is CriterionState.UNMEASURED:
            continue
        if criterion.stated_met != (state is CriterionState.MET):
            said = "met" if criterion.stated_met else "not met"
            yield Finding(
                FindingCode.CRITERION_CHECKBOX_MISMATCH, _WARN,
                f"criterion {criterion.id!r} is ticked {said}, but its value says {state.value}",
                (criterion.id,),
            )  # fmt: skip


def _item_findings(
    assessment: Assessment, structure: Structure, _result: Evaluation
) -> Iterator[Finding]:
    """Work items: statuses without evidence or justification, done before their dependencies."""
    items = {item.id: item for item in assessment.items}
    for item_id, item in items.items():
        progress = item.status.progress
        if progress is not Progress.NOT_STARTED and not item.evidence:
            yield Finding(
                FindingCode.STATUS_WITHOUT_EVIDENCE, _INFO,
                f"item {item_id!r} is {progress.value} with no evidence",
                (item_id,),
            )  # fmt: skip
        if progress.is_closed_without_fix and not item.justification:
            yield Finding(
                FindingCode.CLOSED_WITHOUT_JUSTIFICATION, _WARN,
                f"item {item_id!r} is closed as {progress.value} without a justification",
                (item_id,),
            )  # fmt: skip
        if progress is Progress.DONE:
            pending = [
                need for need in structure.requires.get(item_id, ())
                if need in items and not items[need].status.is_closed
            ]  # fmt: skip
            if pending:
                yield Finding(
                    FindingCode.DONE_BEFORE_DEPENDENCY, _WARN,
                    f"item {item_id!r} is done, but it depends on open work: "
                    + ", ".join(pending),
                    (item_id, *pending),
                )  # fmt: skip


def _schedule_findings(
    _assessment: Assessment, _structure: Structure, result: Evaluation
) -> Iterator[Finding]:
    """Overdue, projected-late and unestimated work."""
    schedule = result.schedule
    for work in (*schedule.items, *schedule.phases):
        if work.overdue:
            yield Finding(
                FindingCode.OVERDUE, _WARN,
                f"{work.id!r} is open and past due ({work.due or 'timebox over'}) "
                f"as of {schedule.as_of.date()}",
                (work.id,),
            )  # fmt: skip
        elif work.late:
            yield Finding(
                FindingCode.PROJECTED_LATE, _WARN,
                f"{work.id!r} is due {work.due} but projected to finish {work.finish.date()}",
                (work.id,),
            )  # fmt: skip
        if not work.estimated:
            yield Finding(
                FindingCode.MISSING_ESTIMATE, _INFO,
                f"item {work.id!r} has no estimate and no phase timebox; it is projected to "
                "take no time",
                (work.id,),
            )  # fmt: skip


def _coverage_findings(
    _assessment: Assessment, _structure: Structure, result: Evaluation
) -> Iterator[Finding]:
    """Gaps and root causes that no work addresses."""
    for gap in result.gaps:
        if not gap.addressed_by:
            yield Finding(
                FindingCode.GAP_UNADDRESSED, _WARN,
                f"gap {gap.id!r} is addressed by no work item", (gap.id,),
            )  # fmt: skip
    for cause in result.root_causes:
        if not cause.addressed_by:
            yield Finding(
                FindingCode.ROOT_CAUSE_WITHOUT_WORK, _WARN,
                f"root cause {cause.id!r} is addressed by no work item", (cause.id,),
            )  # fmt: skip


_CHECKS: tuple[_Check, ...] = (
    _status_findings,
    _claim_findings,
    _item_findings,
    _schedule_findings,
    _coverage_findings,
)


def _counts(assessment: Assessment, result: Evaluation) -> dict[CountSubject, int]:
    items = [item for phase in assessment.phases for item in phase.items]
    return {
        CountSubject.GAPS: len(result.gaps),
        CountSubject.OPEN_GAPS: sum(not g.closed for g in result.gaps),
        CountSubject.PHASES: len(result.phases),
        CountSubject.COMPLETE_PHASES: sum(p.complete for p in result.phases),
        CountSubject.ITEMS: len(items),
        CountSubject.OPEN_ITEMS: sum(not i.status.is_closed for i in items),
        CountSubject.CRITERIA: len(result.criteria),
        CountSubject.MET_CRITERIA: sum(c.state is CriterionState.MET for c in result.criteria),
        CountSubject.ROOT_CAUSES: len(result.root_causes),
    }
