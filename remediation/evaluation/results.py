"""What an evaluation holds: one result class per kind of record, findings and the recommendation.

These are the values :func:`remediation.evaluate` derives; how each is
derived lives beside them in :mod:`remediation.evaluation` (progress,
criteria, coverage, schedule, recommendation) and in the rule catalogue
(:mod:`remediation.rules`) for findings.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Protocol, TypeVar

import attrs

from remediation.evaluation.findings import Finding, FindingCode
from remediation.evaluation.lookup import by_id
from remediation.evaluation.milestones import MilestoneEvaluation
from remediation.evaluation.schedule import Schedule
from remediation.evaluation.series import Projection
from remediation.evaluation.timeline import TimelineEvaluation
from remediation.exceptions import UnknownRecordError
from remediation.model import display
from remediation.model.deadline import DateOrMoment
from remediation.model.policy import ClosingRule, FindingSeverity
from remediation.model.quantity import Quantity
from remediation.model.records import CriterionCategory, Decision
from remediation.model.risk import Acceptance, Level, RiskStatus
from remediation.model.status import Progress, Severity
from remediation.model.target import Target

__all__ = [
    "RATE_TOLERANCE",
    "ClosureException",
    "CoverageState",
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
    "RiskEvaluation",
    "RootCauseCoverage",
    "TestRunEvaluation",
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


class ReasonCode(enum.Enum):
    """Stable codes of the reasons behind a recommendation."""

    CRITERIA_UNMET = "criteria-unmet"
    CRITERIA_UNMEASURED = "criteria-unmeasured"
    CRITICAL_ITEMS_OPEN = "critical-items-open"
    ROOT_CAUSES_UNADDRESSED = "root-causes-unaddressed"
    GAPS_OPEN = "gaps-open"
    WORK_OPEN = "work-open"
    CLOSURES_NOT_ACCEPTED = "closures-not-accepted"
    CRITERIA_MET = "criteria-met"
    WORK_CLOSED = "work-closed"
    CLOSED_WITHOUT_FIX = "closed-without-fix"
    RISKS_OPEN = "risks-open"
    RISKS_ACCEPTED = "risks-accepted"


@attrs.frozen
class Reason:
    """One reason for a recommendation.

    Attributes:
        code: Stable code.
        message: The reason in words.
        ids: Ids of the records behind it.
        rule: The rule of the closing policy that produced it.
    """

    code: ReasonCode
    message: str
    ids: tuple[str, ...] = ()
    rule: ClosingRule | None = None


@attrs.frozen
class ClosureException:
    """An exception of a *close with exceptions*: work (or a risk) closed without a fix.

    Attributes:
        id: The record's id.
        reason: How it was closed (accepted, won't fix, not applicable, ...).
        justification: Why, as the document says.
        decided_by: Who decided it, if the document says.
        until: The last day the decision holds, if it expires.
        to: Where the work went (what it duplicates, what supersedes it, where it moved).
        record: What it is: ``"item"`` (a work item) or ``"risk"`` (an accepted risk).
    """

    id: str
    reason: Progress
    justification: str | None = None
    decided_by: str | None = None
    until: DateOrMoment | None = None
    to: str | None = None
    record: str = "item"


@attrs.frozen
class Recommendation:
    """The derived recommendation.

    Attributes:
        decision: Keep the issue open, or close it.
        reasons: Why: what stands in the way, or what was achieved.
        stated: The document's own decision, if it makes one.
        exceptions: The closures without a fix the policy accepted, each with
            its justification and expiry.
    """

    decision: Decision
    reasons: tuple[Reason, ...]
    stated: Decision | None = None
    exceptions: tuple[ClosureException, ...] = ()

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
        accepted: Closed without a fix with a reason the closing policy
            accepts: an exception, listed by the recommendation.
    """

    id: str
    group: str
    progress: Progress
    credit: float
    closed: bool
    blocked_by: tuple[str, ...] = ()
    actionable: bool = False
    severity: Severity | None = None
    accepted: bool = False

    @property
    def blocked(self) -> bool:
        """Open and waiting for something."""
        return not self.closed and bool(self.blocked_by)


@attrs.frozen
class PhaseEvaluation:
    """What is derived for a phase (or a group of next steps).

    Attributes:
        id: Its id.
        progress: Weighted mean credit of its items (closures without a fix
            that the closing policy accepts left out), in [0, 1].
        complete: It has items, and every one is done or closed with a reason
            the closing policy accepts.
        items: How many items it has.
        done: How many are done.
        open: Ids of its items that still need work (not started, partial, unknown).
        stated: The progress its stated status claims, if any.
        exceptions: Ids of its items closed without a fix with an accepted reason.
        unaccepted: Ids of its items closed without a fix with a reason the
            closing policy does not accept (a deferral, by default).
    """

    id: str
    progress: float
    complete: bool
    items: int
    done: int
    open: tuple[str, ...] = ()
    stated: Progress | None = None
    exceptions: tuple[str, ...] = ()
    unaccepted: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        """HTML for Jupyter (the render layer registers it in ``remediation.model.display``)."""
        return display.html(self)


@attrs.frozen
class CriterionEvaluation:
    """What is derived for a success criterion.

    Attributes:
        id: Its id.
        category: Technical or business.
        state: Met, unmet, or unmeasured (no current value).
        progress: From baseline to target, in [0, 1]; ``None`` when unmeasured, or unmet
            without a baseline (how far it has come is not known).
        current: The current value used (for a metric).
        target: The target, for a metric.
        baseline: The baseline, if any.
        unit_mismatch: The value taken from evidence, with its unit, when that
            unit does not compare with the target's (a count against a percent):
            the criterion is then unmeasured, never silently met.
        projection: For a criterion measured by a series, when the series'
            trend reaches the target (see :func:`remediation.evaluate_series`);
            ``None`` when met, unknown or going the other way.
        members: For a composite, each member's id and state, in its order.
        part_of: The composites this criterion is a member of: it is decided
            through them, and the recommendation does not count it on its own.
    """

    id: str
    category: CriterionCategory
    state: CriterionState
    progress: float | None
    current: float | None = None
    target: Target | None = None
    baseline: float | None = None
    unit_mismatch: Quantity | None = None
    projection: Projection | None = None
    members: tuple[tuple[str, CriterionState], ...] = ()
    part_of: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        """HTML for Jupyter (the render layer registers it in ``remediation.model.display``)."""
        return display.html(self)


@attrs.frozen
class GapEvaluation:
    """What is derived for a coordination gap.

    Attributes:
        id: Its id.
        closed: Every addressing item is done and the measurement, if any,
            meets the threshold.
        addressed_by: Ids of items addressing it.
        open_items: Those of them not done.
        measurement: The measured value used, if any, in the threshold's unit.
        measurement_met: Whether it meets the threshold (``None``: nothing to compare).
        unit_mismatch: The value measured, with its unit, when that unit does
            not compare with the threshold's: the gap then stays open.
    """

    id: str
    closed: bool
    addressed_by: tuple[str, ...] = ()
    open_items: tuple[str, ...] = ()
    measurement: float | None = None
    measurement_met: bool | None = None
    unit_mismatch: Quantity | None = None


class CoverageState(enum.Enum):
    """How far a root cause is dealt with."""

    ADDRESSED = "addressed"
    """Done work addresses it."""
    ADDRESSED_ELSEWHERE = "addressed_elsewhere"
    """No done work here, but it points to work outside the plan (a link or an issue)."""
    MITIGATED = "mitigated"
    """Only a cause above it on its chain is addressed by done work."""
    UNADDRESSED = "unaddressed"
    """Nothing of the above."""


@attrs.frozen
class RootCauseCoverage:
    """Which work addresses a root cause.

    Attributes:
        id: The root cause's why-step id.
        addressed_by: Ids of items addressing it.
        done_by: Those of them that are done.
        mitigated_by: Done items addressing a cause above it on its chains.
        elsewhere: Links or issues outside the plan that address it.
    """

    id: str
    addressed_by: tuple[str, ...] = ()
    done_by: tuple[str, ...] = ()
    mitigated_by: tuple[str, ...] = ()
    elsewhere: tuple[str, ...] = ()

    @property
    def state(self) -> CoverageState:
        """Addressed, addressed elsewhere, mitigated or unaddressed, in that order of precedence."""
        if self.done_by:
            return CoverageState.ADDRESSED
        if self.elsewhere:
            return CoverageState.ADDRESSED_ELSEWHERE
        if self.mitigated_by:
            return CoverageState.MITIGATED
        return CoverageState.UNADDRESSED

    @property
    def addressed(self) -> bool:
        """Whether any work addressing it is done."""
        return bool(self.done_by)


@attrs.frozen
class RiskEvaluation:
    """What is derived for a risk.

    Attributes:
        id: The risk's id.
        level: Its level by the policy's risk matrix; ``None`` when its
            likelihood or impact is not stated.
        status: Its status as derived: an accepted risk (or approved
            deviation) whose every acceptance has expired is open again.
        accepted: Accepted (or deviation approved) with an acceptance that holds.
        closed: Closed.
        acceptance_expired: Its acceptances have all expired.
        past_deadline: Not closed or accepted, and its deadline has passed.
        open_remediation: Ids of the items remediating it that are not done.
        late_remediation: Ids of open items remediating it that are due after its deadline.
        acceptance: The acceptance that holds, if any.
    """

    id: str
    level: Level | None
    status: RiskStatus
    accepted: bool = False
    closed: bool = False
    acceptance_expired: bool = False
    past_deadline: bool = False
    open_remediation: tuple[str, ...] = ()
    late_remediation: tuple[str, ...] = ()
    acceptance: Acceptance | None = None

    @property
    def open(self) -> bool:
        """Neither closed nor accepted: it holds the issue open."""
        return not self.closed and not self.accepted


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


def _found(table: Mapping[str, _R], record_id: str, what: str) -> _R:
    try:
        return table[record_id]
    except KeyError:
        raise UnknownRecordError(record_id, what) from None


@attrs.frozen
class Evaluation:
    """Everything derived from an assessment as of a date.

    Attributes:
        assessment: The assessment's id.
        issue: The issue it assesses, if the document names one.
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
        timeline: Measures of the incident its timeline tells (time to
            detect, mitigate, resolve; impact).
        milestones: Every milestone: planned date, re-plans, slip, overdue.
        slips: The plan history of every work item whose due date was re-planned
            or whose day of completion is stated, in document order: planned
            date, re-plans, slip, overdue (as a milestone's).
        unstated: Ids of items whose status the document does not state.
        risks: Every risk.
    """

    assessment: str
    issue: str | None
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
    timeline: TimelineEvaluation = attrs.field(factory=TimelineEvaluation)
    milestones: tuple[MilestoneEvaluation, ...] = ()
    unstated: tuple[str, ...] = ()
    slips: tuple[MilestoneEvaluation, ...] = ()
    risks: tuple[RiskEvaluation, ...] = ()
    # The results by id, built on first lookup and kept here (remediation.evaluation.lookup):
    # not a field of the evaluation, never compared, copied or written.
    _index: dict[str, Mapping[str, object]] | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    def risk(self, risk_id: str) -> RiskEvaluation:
        """The evaluation of risk *risk_id*."""
        return _found(by_id(self, "risks", lambda: self.risks), risk_id, "risk")

    @property
    def status_coverage(self) -> float | None:
        """The share of work items whose status the document states (``None``: no items).

        An unknown status is not guessed: it earns no credit, keeps its item
        open, and shows here.
        """
        if not self.items:
            return None
        return 1.0 - len(self.unstated) / len(self.items)

    def item(self, item_id: str) -> ItemEvaluation:
        """The evaluation of work item *item_id*."""
        return _found(by_id(self, "items", lambda: self.items), item_id, "work item")

    def phase(self, phase_id: str) -> PhaseEvaluation:
        """The evaluation of phase (or next-step group) *phase_id*."""
        return _found(
            by_id(self, "phases", lambda: (*self.phases, *self.next_steps)), phase_id, "phase"
        )

    def criterion(self, criterion_id: str) -> CriterionEvaluation:
        """The evaluation of criterion *criterion_id*."""
        return _found(by_id(self, "criteria", lambda: self.criteria), criterion_id, "criterion")

    def gap(self, gap_id: str) -> GapEvaluation:
        """The evaluation of gap *gap_id*."""
        return _found(by_id(self, "gaps", lambda: self.gaps), gap_id, "gap")

    def test_run(self, evidence_id: str) -> TestRunEvaluation:
        """The evaluation of test run *evidence_id*."""
        return _found(by_id(self, "test_runs", lambda: self.test_runs), evidence_id, "test run")

    def findings_with(self, code: str) -> tuple[Finding, ...]:
        """The findings of one code."""
        return tuple(f for f in self.findings if f.code == code)

    @property
    def active_findings(self) -> tuple[Finding, ...]:
        """The findings no suppression silences."""
        return tuple(f for f in self.findings if f.suppressed_by is None)

    def _repr_html_(self) -> str:
        """HTML for Jupyter (the render layer registers it in ``remediation.model.display``)."""
        return display.html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (registered in ``remediation.model.display``)."""
        return display.markdown(self)
