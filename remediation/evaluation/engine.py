"""Evaluation: what an assessment's data say, derived rather than asserted.

:func:`evaluate` is a pure function of an assessment and a date. It never
trusts a stated status: completion, blocked and actionable work, criteria,
gaps, root-cause coverage, the schedule and the recommendation are all
derived from the records, and wherever the document's own claims disagree
with what is derived, the evaluation carries a :class:`Finding`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import heapq
import math
import operator
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TypeVar, cast

import attrs

from remediation.evaluation.schedule import Schedule, ScheduledWork, Scheduler, critical_path, naive
from remediation.exceptions import UnknownRecordError
from remediation.graph.cache import (
    Change,
    IdentityCache,
    forget_lineage,
    lineage,
    structure_of,
)
from remediation.graph.structure import Structure
from remediation.model.records import (
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
from remediation.model.status import Progress, Severity
from remediation.model.target import Target

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

    def _repr_html_(self) -> str:
        """HTML for Jupyter (``remediation.render.html``)."""
        from remediation.render.html import repr_html  # noqa: PLC0415  (rendering is a layer above)

        return repr_html(self)


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

    def _repr_html_(self) -> str:
        """HTML for Jupyter (``remediation.render.html``)."""
        from remediation.render.html import repr_html  # noqa: PLC0415  (rendering is a layer above)

        return repr_html(self)


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

    def _repr_html_(self) -> str:
        """HTML for Jupyter (``remediation.render.html``)."""
        from remediation.render.html import repr_html  # noqa: PLC0415  (rendering is a layer above)

        return repr_html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (``remediation.render.markdown``)."""
        from remediation.render.markdown import repr_markdown  # noqa: PLC0415  (a layer above)

        return repr_markdown(self)


# --------------------------------------------------------------------------- derivation
#
# The evaluation is computed in two ways that give equal results:
#
# * in full: one pass over the records, in document order;
# * incrementally, for an assessment made by a what-if helper from one whose
#   evaluation for the same date is known: only what depends on the changed
#   records is recomputed (the item, its group, what waits for it, the gaps
#   and root causes it addresses, the schedule of what follows it, the
#   criteria reading changed evidence, the findings about all of these and
#   the recommendation), and every other result is shared with the parent.
#
# To splice changes into the long tuples of an evaluation without walking
# them, each is kept beside the sorted keys of its entries (see _Keyed).

_CLOSED = {progress: progress.is_closed for progress in Progress}
_WITHOUT_FIX = {progress: progress.is_closed_without_fix for progress in Progress}
_DONE, _PARTIAL, _NOT_STARTED = Progress.DONE, Progress.PARTIAL, Progress.NOT_STARTED

# Findings are ordered by a key: segment, part and position, in that order.
_SEGMENT = 1 << 48
_PART = 1 << 40
_STATUS, _CLAIMS, _ITEMS, _SCHEDULE, _COVERAGE = (n * _SEGMENT for n in range(5))
_ASSESSMENT_KEY = _STATUS
_PHASE_KEYS = _STATUS + _PART
_TEST_RUN_KEYS = _CLAIMS
_RECOMMENDATION_KEY = _CLAIMS + _PART
_COUNT_KEYS = _CLAIMS + 2 * _PART
_CHECKBOX_KEYS = _CLAIMS + 3 * _PART
_SCHEDULED_ITEM_KEYS = _SCHEDULE
_SCHEDULED_PHASE_KEYS = _SCHEDULE + _PART
_GAP_KEYS = _COVERAGE
_ROOT_KEYS = _COVERAGE + _PART

_WARN, _INFO, _ERROR = FindingSeverity.WARNING, FindingSeverity.INFO, FindingSeverity.ERROR


class _Keyed:
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
    def of(cls, pairs: Iterable[tuple[int, Any]]) -> _Keyed:
        """From (key, value) pairs already in key order."""
        listed = pairs if isinstance(pairs, list) else list(pairs)
        return cls(tuple(map(_first, listed)), tuple(map(_second, listed)))

    def _array(self) -> array[int]:
        keys = self.keys
        if not isinstance(keys, array):
            keys = self.keys = array("q", keys)
        return keys

    def replace(self, changes: Mapping[int, tuple[Any, ...]]) -> _Keyed:
        """The entries of each key in *changes* replaced by the values given for it."""
        keys: array[int] | None = None
        values: list[Any] = []
        # From the last key back, so that the positions of earlier keys stay put.
        for key in sorted(changes, reverse=True):
            current = self.keys if keys is None else keys
            low = bisect.bisect_left(current, key)
            high = bisect.bisect_right(current, key, low)
            new = changes[key]
            if high == low and not new:
                continue
            if keys is None:
                keys, values = array("q", self._array()), list(self.values)
            keys[low:high] = array("q", (key,)) * len(new)
            values[low:high] = new
        if keys is None:
            return self
        return _Keyed(keys, tuple(values))


_first, _second = operator.itemgetter(0), operator.itemgetter(1)


class _KeyedList:
    """Keys and values appended side by side, in key order, to become a :class:`_Keyed`."""

    __slots__ = ("keys", "values")

    def __init__(self) -> None:
        self.keys: list[int] = []
        self.values: list[Any] = []

    def add(self, key: int, value: Any) -> None:
        self.keys.append(key)
        self.values.append(value)

    def keyed(self) -> _Keyed:
        return _Keyed(tuple(self.keys), tuple(self.values))


_GONE: Any = object()


class _EvidenceOf(Mapping[str, Evidence]):
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


class _Overlay:
    """A mapping shared with the parent evaluation's, plus the entries that changed."""

    __slots__ = ("base", "over")

    def __init__(self, base: dict[str, Any], over: dict[str, Any] | None = None) -> None:
        self.base = base
        self.over = over if over is not None else {}

    def get(self, key: str) -> Any:
        over = self.over
        if key in over:
            value = over[key]
            return None if value is _GONE else value
        return self.base.get(key)

    def updated(self, changes: Mapping[str, Any]) -> _Overlay:
        """A new overlay with *changes* (``_GONE`` removes a key); this one is left as it is."""
        if not changes:
            return self
        over = {**self.over, **changes}
        if len(over) <= 64 or len(over) * 8 <= len(self.base):
            return _Overlay(self.base, over)
        base = dict(self.base)  # fold the changes in, so overlays stay small
        for key, value in over.items():
            if value is _GONE:
                base.pop(key, None)
            else:
                base[key] = value
        return _Overlay(base)


class _State:
    """An evaluation and what it takes to derive the evaluation of a what-if variant."""

    __slots__ = (
        "actionable",
        "blocked",
        "critical",
        "decided",
        "end_item",
        "evaluation",
        "findings",
        "open_gaps",
        "open_items",
        "open_phase_items",
        "overdue",
        "phase_sums",
        "scheduled",
        "scheduled_items",
        "scheduled_phases",
        "unaddressed",
        "unmeasured",
        "unmet",
        "without_fix",
    )

    evaluation: Evaluation
    findings: _Keyed
    blocked: _Keyed
    actionable: _Keyed
    overdue: _Keyed
    critical: _Keyed
    without_fix: _Keyed
    open_items: _Keyed
    unmet: _Keyed
    unmeasured: _Keyed
    unaddressed: _Keyed
    open_gaps: _Keyed
    scheduled_items: _Keyed
    scheduled_phases: _Keyed
    scheduled: _Overlay
    decided: _Overlay
    end_item: str | None
    phase_sums: tuple[tuple[float, float], ...]
    open_phase_items: int


# --------------------------------------------------------------------------- one record


def _evaluate_group(
    group: Phase | NextStep,
    closed: dict[str, bool] | None = None,
    is_done: dict[str, bool] | None = None,
) -> tuple[PhaseEvaluation, tuple[float, float]]:
    """A phase's or next-step group's evaluation, and its items' (credit, weight) sums.

    A full evaluation also passes *closed* and *is_done*, filled here with
    whether each item is closed and done: one pass over the items for both.
    """
    weight = credit = 0.0
    done = 0
    closed_all = True
    open_ids: list[str] = []
    for item in group.items:
        progress = item.status.progress
        item_closed = _CLOSED[progress]
        if closed is not None and is_done is not None:
            closed[item.id] = item_closed
            is_done[item.id] = progress is _DONE
        if progress is _DONE:
            done += 1
            item_credit = 1.0
        elif progress is _PARTIAL:
            item_credit = 0.5 if item.fraction is None else item.fraction
        else:
            item_credit = 0.0
        if not item_closed:
            closed_all = False
            open_ids.append(item.id)
        if _WITHOUT_FIX[progress]:
            continue
        weight += item.weight
        credit += item.weight * item_credit
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
    return result, (credit, weight)


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


def _evaluate_gap(
    gap: Gap,
    structure: Structure,
    is_done: Callable[[str], bool],
    evidence: Mapping[str, Evidence],
) -> GapEvaluation:
    addressed_by = structure.addressed_by.get(gap.id, ())
    open_items = tuple([i for i in addressed_by if not is_done(i)])
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


def _evaluate_root_cause(
    cause: str, structure: Structure, is_done: Callable[[str], bool]
) -> RootCauseCoverage:
    addressed_by = structure.addressed_by.get(cause, ())
    return RootCauseCoverage(
        id=cause, addressed_by=addressed_by, done_by=tuple([i for i in addressed_by if is_done(i)])
    )


def _evaluate_items(  # noqa: PLR0917  (the lookups of the evaluation it is part of)
    items: Iterable[WorkItem],
    group: str,
    structure: Structure,
    closed_of: Callable[[str], bool | None],
    complete_of: Callable[[str], bool],
    gap_closed_of: Callable[[str], bool],
) -> list[ItemEvaluation]:
    """The evaluations of *items*, all of group *group*: a whole group in one call."""
    requires_of = structure.requires.get
    blockers_of = structure.blocked_by_gaps.get
    addressed_by = structure.addressed_by
    results: list[ItemEvaluation] = []
    append = results.append
    for item in items:
        item_id = item.id
        waiting: list[str] = []
        needs = requires_of(item_id)
        if needs:
            for need in needs:
                closed = closed_of(need)
                if closed is None:
                    if not complete_of(need):
                        waiting.append(need)
                elif not closed:
                    waiting.append(need)
        blockers = blockers_of(item_id)
        if blockers:
            waiting.extend(
                gap
                for gap in blockers
                if not gap_closed_of(gap) and item_id not in addressed_by.get(gap, ())
            )
        status = item.status
        progress = status.progress
        is_closed = _CLOSED[progress]
        if progress is _DONE:
            credit = 1.0
        elif progress is _PARTIAL:
            credit = 0.5 if item.fraction is None else item.fraction
        else:
            credit = 0.0
        append(
            ItemEvaluation(
                item_id,
                group,
                progress,
                credit,
                is_closed,
                tuple(waiting) if waiting else (),
                not is_closed and not waiting,
                status.severity,
            )
        )
    return results


# --------------------------------------------------------------------------- findings of one record


def _item_findings(
    item: WorkItem, structure: Structure, closed_of: Callable[[str], bool | None]
) -> tuple[Finding, ...]:
    """Statuses without evidence or justification, done before dependencies."""
    item_id = item.id
    progress = item.status.progress
    if progress is _NOT_STARTED:
        return ()
    found: list[Finding] = []
    if not item.evidence:
        found.append(Finding(
            FindingCode.STATUS_WITHOUT_EVIDENCE, _INFO,
            f"item {item_id!r} is {progress.value} with no evidence",
            (item_id,),
        ))  # fmt: skip
    if _WITHOUT_FIX[progress] and not item.justification:
        found.append(Finding(
            FindingCode.CLOSED_WITHOUT_JUSTIFICATION, _WARN,
            f"item {item_id!r} is closed as {progress.value} without a justification",
            (item_id,),
        ))  # fmt: skip
    if progress is _DONE:
        pending = [need for need in structure.requires.get(item_id, ()) if closed_of(need) is False]
        if pending:
            found.append(Finding(
                FindingCode.DONE_BEFORE_DEPENDENCY, _WARN,
                f"item {item_id!r} is done, but it depends on open work: " + ", ".join(pending),
                (item_id, *pending),
            ))  # fmt: skip
    return tuple(found)


def _work_findings(work: ScheduledWork, as_of: dt.datetime) -> tuple[Finding, ...]:
    """Overdue, projected-late and unestimated work."""
    found: list[Finding] = []
    if work.overdue:
        found.append(Finding(
            FindingCode.OVERDUE, _WARN,
            f"{work.id!r} is open and past due ({work.due or 'timebox over'}) "
            f"as of {as_of.date()}",
            (work.id,),
        ))  # fmt: skip
    elif work.late:
        found.append(Finding(
            FindingCode.PROJECTED_LATE, _WARN,
            f"{work.id!r} is due {work.due} but projected to finish {work.finish.date()}",
            (work.id,),
        ))  # fmt: skip
    if not work.estimated:
        found.append(Finding(
            FindingCode.MISSING_ESTIMATE, _INFO,
            f"item {work.id!r} has no estimate and no phase timebox; it is projected to "
            "take no time",
            (work.id,),
        ))  # fmt: skip
    return tuple(found)


def _phase_findings(record: Phase, phase: PhaseEvaluation) -> tuple[Finding, ...]:
    """An empty phase; a phase whose stated status disagrees with its items."""
    found: list[Finding] = []
    if not record.items:
        found.append(Finding(
            FindingCode.EMPTY_PHASE, _INFO, f"phase {phase.id!r} has no work items", (phase.id,)
        ))  # fmt: skip
    if phase.stated is not None and record.stated_status is not None:
        derived = _derived_progress(phase)
        if not _agree(phase.stated, derived):
            detail = ", ".join(phase.open) if phase.open else "none"
            found.append(Finding(
                FindingCode.PHASE_STATUS_MISMATCH, _WARN,
                f"phase {phase.id!r} is stated {str(record.stated_status)!r} "
                f"({phase.stated.value}), but {phase.done} of {phase.items} items are done "
                f"(progress {phase.progress:.3g}, open: {detail})",
                (phase.id, *phase.open),
            ))  # fmt: skip
    return tuple(found)


def _assessment_findings(
    assessment: Assessment, *, all_complete: bool, has_phases: bool, progress: float
) -> tuple[Finding, ...]:
    """The assessment's stated status against its phases."""
    if assessment.stated_status is None:
        return ()
    if not has_phases:
        derived = Progress.NOT_STARTED
    elif all_complete:
        derived = Progress.DONE
    else:
        derived = Progress.PARTIAL if progress > 0 else Progress.NOT_STARTED
    stated = assessment.stated_status.progress
    if _agree(stated, derived):
        return ()
    return (
        Finding(
            FindingCode.ASSESSMENT_STATUS_MISMATCH, _WARN,
            f"the assessment states {str(assessment.stated_status)!r} ({stated.value}), "
            f"but its phases are {derived.value} (progress {progress:.0%})",
            (assessment.id,),
        ),
    )  # fmt: skip


def _test_run_findings(run: TestRunEvaluation, record: TestRunEvidence) -> tuple[Finding, ...]:
    if run.agrees is not False:
        return ()
    return (
        Finding(
            FindingCode.TEST_RATE_MISMATCH, _WARN,
            f"test run {run.id!r} states a {run.stated_failure_rate:g}% failure rate, but "
            f"{record.failed} failed / {record.passed} passed is {run.failure_rate:.2f}%",
            (run.id,),
        ),
    )  # fmt: skip


def _recommendation_findings(
    assessment: Assessment, recommendation: Recommendation
) -> tuple[Finding, ...]:
    if recommendation.stated is None or recommendation.agrees is not False:
        return ()
    return (
        Finding(
            FindingCode.RECOMMENDATION_MISMATCH, _ERROR,
            f"the document recommends {recommendation.stated.value}, but the data say "
            f"{recommendation.decision.value}: "
            + "; ".join(r.message for r in recommendation.reasons),
            (assessment.id,),
        ),
    )  # fmt: skip


def _count_findings(
    assessment: Assessment, counts: Mapping[CountSubject, int]
) -> Iterator[tuple[int, Finding]]:
    for index, claim in enumerate(assessment.claims):
        actual = counts[claim.subject]
        if actual != claim.value:
            quote = f" ({claim.quote!r})" if claim.quote else ""
            yield _COUNT_KEYS + index, Finding(
                FindingCode.COUNT_MISMATCH, _WARN,
                f"the document counts {claim.value} {claim.subject.value.replace('_', ' ')}"
                f"{quote}, but the records hold {actual}",
                (claim.id,),
            )  # fmt: skip


def _checkbox_findings(
    criterion: Criterion, evaluation: CriterionEvaluation
) -> tuple[Finding, ...]:
    state = evaluation.state
    if criterion.stated_met is None or state is CriterionState.UNMEASURED:
        return ()
    if criterion.stated_met == (state is CriterionState.MET):
        return ()
    said = "met" if criterion.stated_met else "not met"
    return (
        Finding(
            FindingCode.CRITERION_CHECKBOX_MISMATCH, _WARN,
            f"criterion {criterion.id!r} is ticked {said}, but its value says {state.value}",
            (criterion.id,),
        ),
    )  # fmt: skip


def _coverage_findings(
    gaps: Sequence[GapEvaluation], root_causes: Sequence[RootCauseCoverage]
) -> Iterator[tuple[int, Finding]]:
    """Gaps and root causes that no work addresses."""
    for index, gap in enumerate(gaps):
        if not gap.addressed_by:
            yield _GAP_KEYS + index, Finding(
                FindingCode.GAP_UNADDRESSED, _WARN,
                f"gap {gap.id!r} is addressed by no work item", (gap.id,),
            )  # fmt: skip
    for index, cause in enumerate(root_causes):
        if not cause.addressed_by:
            yield _ROOT_KEYS + index, Finding(
                FindingCode.ROOT_CAUSE_WITHOUT_WORK, _WARN,
                f"root cause {cause.id!r} is addressed by no work item", (cause.id,),
            )  # fmt: skip


def _counts(
    assessment: Assessment,
    state: _State,
    phases: Sequence[PhaseEvaluation],
    criteria: int,
    root_causes: int,
) -> dict[CountSubject, int]:
    return {
        CountSubject.GAPS: len(assessment.gaps),
        CountSubject.OPEN_GAPS: len(state.open_gaps.values),
        CountSubject.PHASES: len(phases),
        CountSubject.COMPLETE_PHASES: sum(p.complete for p in phases),
        CountSubject.ITEMS: sum(p.items for p in phases),
        CountSubject.OPEN_ITEMS: state.open_phase_items,
        CountSubject.CRITERIA: criteria,
        CountSubject.MET_CRITERIA: criteria
        - len(state.unmet.values)
        - len(state.unmeasured.values),
        CountSubject.ROOT_CAUSES: root_causes,
    }


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


_NAMED = 12  # ids a reason names in its message; all of them are in its subjects


def _named(ids: Sequence[str]) -> str:
    """*ids* for a message: all of them, or the first few and how many more.

    Examples:
        >>> _named(["a", "b"])
        'a, b'
        >>> _named([f"item-{n}" for n in range(100)]).endswith("item-11, and 88 more")
        True
    """
    if len(ids) <= _NAMED:
        return ", ".join(ids)
    return ", ".join(ids[:_NAMED]) + f", and {len(ids) - _NAMED} more"


def _recommend(
    assessment: Assessment,
    criteria: Sequence[CriterionEvaluation],
    state: _State,
) -> Recommendation:
    against: list[Reason] = []
    unmet = state.unmet.values
    unmeasured = state.unmeasured.values
    if unmet:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMET,
            f"{_plural(len(unmet), 'success criterion')} of {len(criteria)} not met: "
            + _named(unmet),
            unmet,
        ))  # fmt: skip
    if unmeasured:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMEASURED,
            f"{_plural(len(unmeasured), 'success criterion')} without a current value: "
            + _named(unmeasured),
            unmeasured,
        ))  # fmt: skip
    critical = state.critical.values
    if critical:
        against.append(Reason(
            ReasonCode.CRITICAL_ITEMS_OPEN,
            f"{_plural(len(critical), 'critical item')} open: " + _named(critical),
            critical,
        ))  # fmt: skip
    unaddressed = state.unaddressed.values
    if unaddressed:
        against.append(Reason(
            ReasonCode.ROOT_CAUSES_UNADDRESSED,
            f"{_plural(len(unaddressed), 'root cause')} not addressed by any done work: "
            + _named(unaddressed),
            unaddressed,
        ))  # fmt: skip
    open_gaps = state.open_gaps.values
    if open_gaps:
        against.append(Reason(
            ReasonCode.GAPS_OPEN,
            f"{_plural(len(open_gaps), 'gap')} open: " + _named(open_gaps),
            open_gaps,
        ))  # fmt: skip
    open_items = state.open_items.values
    if not criteria and open_items:
        against.append(Reason(
            ReasonCode.WORK_OPEN,
            f"no success criteria, and {_plural(len(open_items), 'work item')} open",
            open_items,
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
    without_fix = state.without_fix.values
    if without_fix:
        support.append(Reason(
            ReasonCode.CLOSED_WITHOUT_FIX,
            f"{_plural(len(without_fix), 'item')} closed without a fix: " + _named(without_fix),
            without_fix,
        ))  # fmt: skip
        return Recommendation(Decision.CLOSE_WITH_EXCEPTIONS, tuple(support), stated)
    if open_items:
        support.append(Reason(
            ReasonCode.WORK_OPEN,
            f"{_plural(len(open_items), 'work item')} still open, none of them critical",
            open_items,
        ))  # fmt: skip
    return Recommendation(Decision.CLOSE, tuple(support), stated)


def _progress(phase_sums: Iterable[tuple[float, float]]) -> float:
    """Weighted mean credit of all phase items, from each phase's sums (exactly rounded)."""
    sums = tuple(phase_sums)
    weight = math.fsum(w for _, w in sums)
    return math.fsum(c for c, _ in sums) / weight if weight else 0.0


def _criterion_state_keys(
    criterion: CriterionEvaluation,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(unmet, unmeasured) entries of one criterion."""
    if criterion.state is CriterionState.UNMET:
        return (criterion.id,), ()
    if criterion.state is CriterionState.UNMEASURED:
        return (), (criterion.id,)
    return (), ()


# --------------------------------------------------------------------------- in full


def _full(  # noqa: PLR0915  (one pass in document order, kept together)
    assessment: Assessment, structure: Structure, moment: dt.datetime
) -> _State:
    evidence = {e.id: e for e in assessment.evidence}
    closed: dict[str, bool] = {}
    done: dict[str, bool] = {}
    groups: tuple[Phase | NextStep, ...] = (*assessment.phases, *assessment.next_steps)
    phases: list[PhaseEvaluation] = []
    phase_sums: list[tuple[float, float]] = []
    for phase in assessment.phases:
        phase_result, sums = _evaluate_group(phase, closed, done)
        phases.append(phase_result)
        phase_sums.append(sums)
    next_steps = tuple(_evaluate_group(step, closed, done)[0] for step in assessment.next_steps)
    complete = {p.id: p.complete for p in phases}

    is_done = done.__getitem__
    gaps = tuple(_evaluate_gap(gap, structure, is_done, evidence) for gap in assessment.gaps)
    gap_closed = {gap.id: gap.closed for gap in gaps}
    root_causes = tuple(
        _evaluate_root_cause(cause, structure, is_done) for cause in structure.root_causes
    )
    criteria = tuple(_evaluate_criterion(c, evidence) for c in assessment.criteria)
    runs = [e for e in assessment.evidence if isinstance(e, TestRunEvidence)]
    test_runs = tuple(_evaluate_test_run(run) for run in runs)

    state = _State()
    closed_of = closed.get
    complete_of = complete.__getitem__
    gap_closed_of = gap_closed.__getitem__
    requires_of = structure.requires.get
    items: list[ItemEvaluation] = []
    findings: list[tuple[int, Finding]] = []
    blocked, actionable, critical = _KeyedList(), _KeyedList(), _KeyedList()
    without_fix, open_items = _KeyedList(), _KeyedList()
    item_findings: list[tuple[int, Finding]] = []
    open_work: dict[str, tuple[WorkItem, Phase | None]] = {}
    position = 0
    for group in groups:
        holding = group if isinstance(group, Phase) else None
        results = _evaluate_items(
            group.items, group.id, structure, closed_of, complete_of, gap_closed_of
        )
        items.extend(results)
        for item, result in zip(group.items, results, strict=True):
            item_id = result.id
            item_progress = result.progress
            if result.closed:
                if _WITHOUT_FIX[item_progress]:
                    without_fix.add(position, item_id)
            else:
                open_work[item_id] = (item, holding)
                open_items.add(position, item_id)
                if result.blocked_by:
                    blocked.add(position, item_id)
                else:
                    actionable.add(position, item_id)
                if result.severity is Severity.CRITICAL:
                    critical.add(position, item_id)
            # Only started work without evidence, closed work without a fix, or done
            # work with dependencies can have findings: skip the call for the rest.
            if item_progress is not _NOT_STARTED and (
                not item.evidence or _WITHOUT_FIX[item_progress] or requires_of(item_id)
            ):
                key = _ITEMS + position
                item_findings.extend(
                    (key, finding) for finding in _item_findings(item, structure, closed_of)
                )
            position += 1
    state.blocked = blocked.keyed()
    state.actionable = actionable.keyed()
    state.critical = critical.keyed()
    state.without_fix = without_fix.keyed()
    state.open_items = open_items.keyed()
    state.open_phase_items = sum(len(p.open) for p in phases)
    state.unmet = _Keyed.of((i, c.id) for i, c in enumerate(criteria) if c.state is _UNMET)
    state.unmeasured = _Keyed.of(
        (i, c.id) for i, c in enumerate(criteria) if c.state is _UNMEASURED
    )
    state.unaddressed = _Keyed.of((i, c.id) for i, c in enumerate(root_causes) if not c.addressed)
    state.open_gaps = _Keyed.of((i, g.id) for i, g in enumerate(gaps) if not g.closed)
    state.phase_sums = tuple(phase_sums)

    schedule_findings = _full_schedule(assessment, structure, moment, state, open_work)
    progress = _progress(phase_sums)
    recommendation = _recommend(assessment, criteria, state)

    findings.extend(
        (_ASSESSMENT_KEY, f)
        for f in _assessment_findings(
            assessment,
            all_complete=all(p.complete for p in phases),
            has_phases=bool(phases),
            progress=progress,
        )
    )
    for index, (phase_record, phase_result) in enumerate(
        zip(assessment.phases, phases, strict=True)
    ):
        findings.extend(
            (_PHASE_KEYS + index, f) for f in _phase_findings(phase_record, phase_result)
        )
    for index, (run, run_record) in enumerate(zip(test_runs, runs, strict=True)):
        findings.extend((_TEST_RUN_KEYS + index, f) for f in _test_run_findings(run, run_record))
    findings.extend(
        (_RECOMMENDATION_KEY, f) for f in _recommendation_findings(assessment, recommendation)
    )
    counts = _counts(assessment, state, phases, len(criteria), len(root_causes))
    findings.extend(_count_findings(assessment, counts))
    for index, (criterion, criterion_result) in enumerate(
        zip(assessment.criteria, criteria, strict=True)
    ):
        findings.extend(
            (_CHECKBOX_KEYS + index, f) for f in _checkbox_findings(criterion, criterion_result)
        )
    findings.extend(item_findings)
    findings.extend(schedule_findings)
    findings.extend(_coverage_findings(gaps, root_causes))
    state.findings = _Keyed.of(findings)
    state.evaluation = Evaluation(
        assessment=assessment.id,
        issue=assessment.issue,
        as_of=moment,
        progress=progress,
        items=tuple(items),
        phases=tuple(phases),
        next_steps=next_steps,
        criteria=criteria,
        gaps=gaps,
        root_causes=root_causes,
        test_runs=test_runs,
        schedule=_schedule(state, structure, moment),
        recommendation=recommendation,
        findings=state.findings.values,
        blocked=state.blocked.values,
        actionable=state.actionable.values,
        overdue=state.overdue.values,
    )
    return state


_UNMET, _UNMEASURED = CriterionState.UNMET, CriterionState.UNMEASURED


def _full_schedule(
    assessment: Assessment,
    structure: Structure,
    moment: dt.datetime,
    state: _State,
    open_work: Mapping[str, tuple[WorkItem, Phase | None]],
) -> list[tuple[int, Finding]]:
    """Project every open item and phase; fill the schedule parts of *state*.

    *open_work* holds each open item with the phase holding it (``None`` for
    a next step).
    """
    scheduler = Scheduler(structure, moment)
    project = scheduler.item
    phases = {phase.id: phase for phase in assessment.phases}
    scheduled: dict[str, ScheduledWork] = {}
    decided: dict[str, str] = {}
    entry_of = scheduled.get
    items: list[tuple[int, ScheduledWork]] = []
    phase_works: list[tuple[int, ScheduledWork]] = []
    for position, node in enumerate(structure.order):
        work = open_work.get(node)
        if work is not None:
            entry, decided_by = project(work[0], work[1], entry_of)
            items.append((position, entry))
        else:
            phase = phases.get(node)
            if phase is None:
                continue  # a closed item
            projected = scheduler.phase(phase, entry_of)
            if projected is None:
                continue
            entry, decided_by = projected
            phase_works.append((position, entry))
        scheduled[node] = entry
        if decided_by is not None:
            decided[node] = decided_by
    state.scheduled = _Overlay(scheduled)
    state.decided = _Overlay(decided)
    state.scheduled_items = _Keyed.of(items)
    state.scheduled_phases = _Keyed.of(phase_works)
    offset = len(structure.order)
    state.overdue = _Keyed.of(
        [(position, work.id) for position, work in items if work.overdue]
        + [(offset + position, work.id) for position, work in phase_works if work.overdue]
    )
    state.end_item = max(state.scheduled_items.values, key=_finish).id if items else None
    findings = [
        (_SCHEDULED_ITEM_KEYS + position, finding)
        for position, work in items
        if work.overdue or work.late or not work.estimated  # else it has none
        for finding in _work_findings(work, moment)
    ]
    findings.extend(
        (_SCHEDULED_PHASE_KEYS + position, finding)
        for position, work in phase_works
        for finding in _work_findings(work, moment)
    )
    return findings


def _finish(work: ScheduledWork) -> dt.datetime:
    return work.finish


def _schedule(state: _State, structure: Structure, moment: dt.datetime) -> Schedule:
    end_item = state.end_item
    phases = state.scheduled_phases.values
    if end_item is None:
        return Schedule(as_of=moment, phases=phases)
    scheduled, decided = state.scheduled, state.decided
    end = scheduled.get(end_item)
    return Schedule(
        as_of=moment,
        items=state.scheduled_items.values,
        phases=phases,
        finish=end.finish,
        critical_path=critical_path(end_item, decided.get, structure.groups.__contains__),
    )


# --------------------------------------------------------------------------- incrementally


def _incremental(  # noqa: PLR0915  (the steps read in the order the change spreads)
    parent: _State,
    old: Assessment,
    new: Assessment,
    change: Change,
    structure: Structure,
) -> _State:
    """The state of *new*, which is *old* with *change*, from the state of *old*."""
    index = structure.index(new)
    before = parent.evaluation
    moment = before.as_of
    locations = index.locations

    def record_in(assessment: Assessment, item_id: str) -> WorkItem:
        attr, group, position = locations[item_id]
        items: tuple[WorkItem, ...] = getattr(assessment, attr)[group].items
        return items[position]

    def closed_of(node: str) -> bool | None:
        location = locations.get(node)
        if location is None:
            return None
        attr, group, position = location
        return _CLOSED[getattr(new, attr)[group].items[position].status.progress]

    def is_done(item_id: str) -> bool:
        return record_in(new, item_id).status.progress is _DONE

    state = _State()
    findings: dict[int, tuple[Finding, ...]] = {}

    # Items whose own record changed, and the groups holding them.
    closed_changed: list[str] = []
    done_changed: list[str] = []
    touched_groups: dict[tuple[str, int], None] = {}
    for item_id in dict.fromkeys(change.items):
        was, now = record_in(old, item_id).status.progress, record_in(new, item_id).status.progress
        if _CLOSED[was] is not _CLOSED[now]:
            closed_changed.append(item_id)
        if (was is _DONE) is not (now is _DONE):
            done_changed.append(item_id)
        attr, group, _position = locations[item_id]
        touched_groups[attr, group] = None

    phases = list(before.phases)
    next_steps = list(before.next_steps)
    phase_sums = list(parent.phase_sums)
    complete_changed: list[str] = []
    open_phase_items = parent.open_phase_items
    for attr, group_index in touched_groups:
        group = getattr(new, attr)[group_index]
        result, sums = _evaluate_group(group)
        if attr == "phases":
            previous = phases[group_index]
            if previous.complete is not result.complete:
                complete_changed.append(group.id)
            open_phase_items += len(result.open) - len(previous.open)
            phases[group_index] = result
            phase_sums[group_index] = sums
            findings[_PHASE_KEYS + group_index] = _phase_findings(group, result)
        else:
            next_steps[group_index] = result

    def complete_of(phase_id: str) -> bool:
        return phases[index.group_index[phase_id]].complete

    # Gaps, root causes, criteria and test runs that read a changed record.
    evidence_changed = set(change.evidence)
    gap_ids: dict[str, None] = {}
    root_ids: dict[str, None] = {}
    for item_id in done_changed:
        for target in index.addresses.get(item_id, ()):
            if target in index.gap_index:
                gap_ids[target] = None
            elif target in index.root_index:
                root_ids[target] = None
    for evidence_id in evidence_changed:
        gap_ids.update(dict.fromkeys(index.measured_gaps.get(evidence_id, ())))
    evidence = _EvidenceOf(new.evidence, index.evidence_index)
    gaps = list(before.gaps)
    open_gap_changes: dict[int, tuple[str, ...]] = {}
    gap_closed_changed: list[str] = []
    for gap_id in gap_ids:
        position = index.gap_index[gap_id]
        result_gap = _evaluate_gap(new.gaps[position], structure, is_done, evidence)
        if result_gap.closed is not gaps[position].closed:
            gap_closed_changed.append(gap_id)
            open_gap_changes[position] = () if result_gap.closed else (gap_id,)
        gaps[position] = result_gap
    root_causes = list(before.root_causes)
    unaddressed_changes: dict[int, tuple[str, ...]] = {}
    for cause in root_ids:
        position = index.root_index[cause]
        result_root = _evaluate_root_cause(cause, structure, is_done)
        if result_root.addressed is not root_causes[position].addressed:
            unaddressed_changes[position] = () if result_root.addressed else (cause,)
        root_causes[position] = result_root

    criterion_ids = dict.fromkeys(change.criteria)
    for evidence_id in evidence_changed:
        criterion_ids.update(dict.fromkeys(index.sourced_criteria.get(evidence_id, ())))
    criteria = list(before.criteria)
    unmet_changes: dict[int, tuple[str, ...]] = {}
    unmeasured_changes: dict[int, tuple[str, ...]] = {}
    for criterion_id in criterion_ids:
        position = index.criterion_index[criterion_id]
        record = new.criteria[position]
        result_criterion = _evaluate_criterion(record, evidence)
        criteria[position] = result_criterion
        unmet_changes[position], unmeasured_changes[position] = _criterion_state_keys(
            result_criterion
        )
        findings[_CHECKBOX_KEYS + position] = _checkbox_findings(record, result_criterion)
    test_runs = list(before.test_runs)
    for evidence_id in evidence_changed:
        position_run = index.test_run_index.get(evidence_id)
        if position_run is None:
            continue
        run = evidence[evidence_id]
        assert isinstance(run, TestRunEvidence)  # noqa: S101  (the index holds test runs only)
        test_runs[position_run] = _evaluate_test_run(run)
        findings[_TEST_RUN_KEYS + position_run] = _test_run_findings(test_runs[position_run], run)

    # Items to evaluate again: the changed ones and everything waiting on what changed.
    dirty = dict.fromkeys(change.items)
    for node in (*closed_changed, *complete_changed):
        for dependent in index.dependents.get(node, ()):
            if dependent in locations:
                dirty[dependent] = None
    for gap_id in gap_closed_changed:
        dirty.update(dict.fromkeys(index.blocks.get(gap_id, ())))
    gap_closed = {gap.id: gap.closed for gap in (gaps[index.gap_index[g]] for g in gap_ids)}

    def gap_closed_of(gap_id: str) -> bool:
        if gap_id in gap_closed:
            return gap_closed[gap_id]
        return gaps[index.gap_index[gap_id]].closed

    item_changes: dict[int, ItemEvaluation] = {}
    blocked: dict[int, tuple[str, ...]] = {}
    actionable: dict[int, tuple[str, ...]] = {}
    critical: dict[int, tuple[str, ...]] = {}
    without_fix: dict[int, tuple[str, ...]] = {}
    open_items: dict[int, tuple[str, ...]] = {}
    for item_id in dirty:
        position = index.item_index[item_id]
        attr, group_index, _at = locations[item_id]
        item = record_in(new, item_id)
        (result_item,) = _evaluate_items(
            (item,),
            getattr(new, attr)[group_index].id,
            structure,
            closed_of,
            complete_of,
            gap_closed_of,
        )
        findings[_ITEMS + position] = _item_findings(item, structure, closed_of)
        previous_item = before.items[position]
        if result_item == previous_item:
            continue
        item_changes[position] = result_item
        one = (item_id,)
        if previous_item.blocked is not result_item.blocked:
            blocked[position] = one if result_item.blocked else ()
        if previous_item.actionable is not result_item.actionable:
            actionable[position] = one if result_item.actionable else ()
        is_closed = result_item.closed
        critical[position] = (
            one if not is_closed and result_item.severity is Severity.CRITICAL else ()
        )
        without_fix[position] = one if is_closed and _WITHOUT_FIX[result_item.progress] else ()
        open_items[position] = () if is_closed else one

    state.blocked = parent.blocked.replace(blocked)
    state.actionable = parent.actionable.replace(actionable)
    state.critical = parent.critical.replace(critical)
    state.without_fix = parent.without_fix.replace(without_fix)
    state.open_items = parent.open_items.replace(open_items)
    state.open_phase_items = open_phase_items
    state.unmet = parent.unmet.replace(unmet_changes)
    state.unmeasured = parent.unmeasured.replace(unmeasured_changes)
    state.unaddressed = parent.unaddressed.replace(unaddressed_changes)
    state.open_gaps = parent.open_gaps.replace(open_gap_changes)
    state.phase_sums = tuple(phase_sums)

    _reschedule(
        parent,
        state=state,
        new=new,
        structure=structure,
        closed_changed=closed_changed,
        findings=findings,
        moment=moment,
    )

    progress = _progress(phase_sums) if touched_groups else before.progress
    findings[_ASSESSMENT_KEY] = _assessment_findings(
        new,
        all_complete=all(p.complete for p in phases),
        has_phases=bool(phases),
        progress=progress,
    )
    recommendation = _recommend(new, criteria, state)
    findings[_RECOMMENDATION_KEY] = _recommendation_findings(new, recommendation)
    counts = _counts(new, state, phases, len(criteria), len(root_causes))
    for claim_index in range(len(new.claims)):
        findings[_COUNT_KEYS + claim_index] = ()
    for key, finding in _count_findings(new, counts):
        findings[key] = (finding,)
    state.findings = parent.findings.replace(findings)

    items = before.items
    if item_changes:
        listed = list(items)  # a copy and a tuple: two passes, the fewest there are
        for position, result_item in item_changes.items():
            listed[position] = result_item
        items = tuple(listed)
    state.evaluation = Evaluation(
        assessment=new.id,
        issue=new.issue,
        as_of=moment,
        progress=progress,
        items=items,
        phases=tuple(phases),
        next_steps=tuple(next_steps),
        criteria=tuple(criteria),
        gaps=tuple(gaps),
        root_causes=tuple(root_causes),
        test_runs=tuple(test_runs),
        schedule=(
            before.schedule
            if state.scheduled is parent.scheduled and state.decided is parent.decided
            else _schedule(state, structure, moment)
        ),
        recommendation=recommendation,
        findings=state.findings.values,
        blocked=state.blocked.values,
        actionable=state.actionable.values,
        overdue=state.overdue.values,
    )
    return state


def _reschedule(  # noqa: PLR0915  (one worklist loop; splitting it hides the order)
    parent: _State,
    *,
    state: _State,
    new: Assessment,
    structure: Structure,
    closed_changed: Sequence[str],
    findings: dict[int, tuple[Finding, ...]],
    moment: dt.datetime,
) -> None:
    """Project again what follows the items that opened or closed, and no more."""
    state.scheduled, state.decided = parent.scheduled, parent.decided
    state.scheduled_items, state.scheduled_phases = parent.scheduled_items, parent.scheduled_phases
    state.overdue, state.end_item = parent.overdue, parent.end_item
    if not closed_changed:
        return
    index = structure.index(new)
    locations, order_index = index.locations, index.order_index
    scheduler = Scheduler(structure, moment)
    scheduled_changes: dict[str, Any] = {}
    decided_changes: dict[str, Any] = {}

    def entry_of(node: str) -> ScheduledWork | None:
        if node in scheduled_changes:
            value = scheduled_changes[node]
            return None if value is _GONE else cast(ScheduledWork, value)
        return cast(ScheduledWork | None, parent.scheduled.get(node))

    def decided_of(node: str) -> str | None:
        if node in decided_changes:
            value = decided_changes[node]
            return None if value is _GONE else cast(str, value)
        return cast(str | None, parent.decided.get(node))

    queue = [(order_index[node], node) for node in closed_changed]
    heapq.heapify(queue)
    done: set[str] = set()
    changed_items: list[str] = []
    changed_phases: list[str] = []
    while queue:
        _position, node = heapq.heappop(queue)
        if node in done:
            continue
        done.add(node)
        location = locations.get(node)
        projected: tuple[ScheduledWork, str | None] | None
        if location is not None:
            attr, group_index, at = location
            group = getattr(new, attr)[group_index]
            work = group.items[at]
            if _CLOSED[work.status.progress]:
                projected = None
            else:
                holding = group if attr == "phases" else None
                projected = scheduler.item(work, holding, entry_of)
        else:
            projected = scheduler.phase(new.phases[index.group_index[node]], entry_of)
        entry, decided_by = projected if projected is not None else (None, None)
        if entry == entry_of(node) and decided_by == decided_of(node):
            continue
        scheduled_changes[node] = _GONE if entry is None else entry
        decided_changes[node] = _GONE if decided_by is None else decided_by
        (changed_items if location is not None else changed_phases).append(node)
        for dependent in index.dependents.get(node, ()):
            if dependent not in done:
                heapq.heappush(queue, (order_index[dependent], dependent))
    if not scheduled_changes:
        return
    state.scheduled = parent.scheduled.updated(scheduled_changes)
    state.decided = parent.decided.updated(decided_changes)
    offset = len(structure.order)
    item_works: dict[int, tuple[ScheduledWork, ...]] = {}
    phase_works: dict[int, tuple[ScheduledWork, ...]] = {}
    overdue: dict[int, tuple[str, ...]] = {}
    for nodes, works, keys, shift in (
        (changed_items, item_works, _SCHEDULED_ITEM_KEYS, 0),
        (changed_phases, phase_works, _SCHEDULED_PHASE_KEYS, offset),
    ):
        for node in nodes:
            position = order_index[node]
            entry = entry_of(node)
            works[position] = () if entry is None else (entry,)
            overdue[shift + position] = (node,) if entry is not None and entry.overdue else ()
            findings[keys + position] = () if entry is None else _work_findings(entry, moment)
    state.scheduled_items = parent.scheduled_items.replace(item_works)
    state.scheduled_phases = parent.scheduled_phases.replace(phase_works)
    state.overdue = parent.overdue.replace(overdue)
    state.end_item = _end_item(parent.end_item, changed_items, entry_of, order_index, state)


def _end_item(
    previous: str | None,
    changed: Sequence[str],
    entry_of: Callable[[str], ScheduledWork | None],
    order_index: Mapping[str, int],
    state: _State,
) -> str | None:
    """The first open item, in dependency order, with the latest finish."""
    if previous is not None and previous not in changed:
        best = previous
        best_entry = entry_of(previous)
        assert best_entry is not None  # noqa: S101  (an unchanged entry is still there)
        for node in changed:
            entry = entry_of(node)
            if entry is None:
                continue
            if entry.finish > best_entry.finish or (
                entry.finish == best_entry.finish and order_index[node] < order_index[best]
            ):
                best, best_entry = node, entry
        return best
    works = state.scheduled_items.values
    return max(works, key=_finish).id if works else None


# --------------------------------------------------------------------------- the cache


_STATES: IdentityCache[dict[dt.datetime, _State]] = IdentityCache()
_KEPT_DATES = 4
"""How many evaluation dates to keep the state of, per assessment."""


def _state_of(assessment: Assessment, moment: dt.datetime) -> _State:
    """The state of *assessment* at *moment*: cached, derived from its source's, or computed."""
    chain: list[tuple[Assessment, Assessment, Change]] = []
    current = assessment
    state: _State | None = None
    while True:
        known = _STATES.get(current)
        if known is not None and moment in known:
            state = known[moment]
            break
        link = lineage(current)
        if link is None:
            break
        chain.append((current, link[0], link[1]))
        current = link[0]
    structure = structure_of(assessment)
    if state is None:
        # A full evaluation builds a result per item and forms no reference cycles. An
        # incremental one builds a few dozen objects: pausing the collector for those
        # would cost the collection the pause ends with, and save nothing.
        state = _full(current, structure, moment)
        _remember(current, moment, state)
    for derived, source, change in reversed(chain):
        state = _incremental(state, source, derived, change, structure)
        _remember(derived, moment, state)
        forget_lineage(derived)  # its source is no longer needed: let it go
    return state


def _remember(assessment: Assessment, moment: dt.datetime, state: _State) -> None:
    known = _STATES.get(assessment)
    if known is None:
        known = {}
        _STATES.set(assessment, known)
    if moment not in known and len(known) >= _KEPT_DATES:
        del known[next(iter(known))]
    known[moment] = state


def evaluate(
    assessment: Assessment, as_of: dt.date | dt.datetime | str | None = None
) -> Evaluation:
    """Derive everything the data of *assessment* say, as of a date.

    The result depends on the assessment and the date alone. It is cached
    for the assessment object; for an assessment made by a what-if helper
    (:func:`~remediation.with_status` and the like) from one already
    evaluated for the same date, only what the change reaches is computed
    again, and the result equals a full evaluation.

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
    return _state_of(assessment, moment).evaluation


def evaluate_in_full(
    assessment: Assessment, as_of: dt.date | dt.datetime | str | None = None
) -> Evaluation:
    """:func:`evaluate` without any cache or incremental step: for tests and benchmarks."""
    moment = _as_datetime(as_of if as_of is not None else assessment.date)
    structure = structure_of(assessment)
    return _full(assessment, structure, moment).evaluation


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
