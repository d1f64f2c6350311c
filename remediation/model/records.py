"""The records of a status assessment: frozen, slotted, typed.

Records refer to each other by id (strings); the plan graph
(:mod:`remediation.graph`) resolves the references. The wire format lives in
the converter (``remediation.io.converter``), never on the records.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from remediation.model import display
from remediation.model.duration import Duration
from remediation.model.policy import Policy
from remediation.model.status import Progress, Severity, Status
from remediation.model.target import Target
from remediation.model.validators import finite, non_negative, percentage, unit_interval

__all__ = [
    "Assessment",
    "ChecklistEntry",
    "CommitEvidence",
    "CountClaim",
    "CountSubject",
    "Criterion",
    "CriterionCategory",
    "Decision",
    "DocumentEvidence",
    "Evidence",
    "Gap",
    "MeasurementEvidence",
    "MetricSource",
    "NextStep",
    "NoteEvidence",
    "Phase",
    "RationalePoint",
    "StateMetric",
    "StatedRecommendation",
    "TestRunEvidence",
    "TestRunQuantity",
    "WhyStep",
    "WorkItem",
]


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    if value is _NO_EXTRA:
        return value  # the shared default: empty, and nothing can change it
    return MappingProxyType(dict(value))


def _extra() -> Any:
    """Free-form fields the schema does not name; not hashed, compared by value."""
    return attrs.field(default=_NO_EXTRA, converter=_frozen_mapping, hash=False, kw_only=True)


# --------------------------------------------------------------------------- evidence


@attrs.frozen(cache_hash=True)
class CommitEvidence:
    """A commit in version control.

    Attributes:
        id: Stable id of this piece of evidence.
        sha: The commit hash, full or abbreviated (``"9c87d9def"``).
        summary: What the commit did.
        url: Where to see it.
    """

    id: str
    sha: str
    summary: str = ""
    url: str | None = None
    extra: Mapping[str, Any] = _extra()


class TestRunQuantity(enum.Enum):
    """A number a test run yields, for criteria measured by a test run."""

    __test__ = False  # not a pytest test class

    FAILURE_RATE = "failure_rate"
    PASS_RATE = "pass_rate"  # noqa: S105  (a quantity, not a password)
    FAILED = "failed"
    PASSED = "passed"
    TOTAL = "total"


@attrs.frozen(cache_hash=True)
class TestRunEvidence:
    """A test run with its counts.

    The failure rate is derived from the counts, never stored; the rate the
    document states is kept apart so that the two can be compared.

    Attributes:
        id: Stable id.
        suite: Which tests ran ("Unit Tests").
        failed: How many failed.
        passed: How many passed.
        skipped: How many were skipped (not part of the rate).
        stated_failure_rate: The failure rate the document states, in percent.
        ran_at: When the run happened, if known.
        source: Where the run is reported (a document evidence id or a path).
    """

    __test__ = False  # not a pytest test class

    id: str
    suite: str
    failed: int = attrs.field(validator=non_negative)
    passed: int = attrs.field(validator=non_negative)
    skipped: int = attrs.field(default=0, validator=non_negative)
    stated_failure_rate: float | None = attrs.field(default=None, validator=percentage)
    ran_at: dt.datetime | None = None
    source: str | None = None
    extra: Mapping[str, Any] = _extra()

    @property
    def total(self) -> int:
        """Tests that ran to a verdict: failed plus passed."""
        return self.failed + self.passed

    @property
    def failure_rate(self) -> float | None:
        """Failed over failed plus passed, in percent; ``None`` when nothing ran."""
        return None if self.total == 0 else 100.0 * self.failed / self.total

    @property
    def pass_rate(self) -> float | None:
        """Passed over failed plus passed, in percent; ``None`` when nothing ran."""
        return None if self.total == 0 else 100.0 * self.passed / self.total

    def quantity(self, which: TestRunQuantity) -> float | None:
        """One of the numbers this run yields."""
        match which:
            case TestRunQuantity.FAILURE_RATE:
                return self.failure_rate
            case TestRunQuantity.PASS_RATE:
                return self.pass_rate
            case TestRunQuantity.FAILED:
                return float(self.failed)
            case TestRunQuantity.PASSED:
                return float(self.passed)
            case TestRunQuantity.TOTAL:
                return float(self.total)


@attrs.frozen(cache_hash=True)
class DocumentEvidence:
    """A document: a report, a plan, a runbook.

    Attributes:
        id: Stable id.
        title: What it is called.
        path: A path or URL.
    """

    id: str
    title: str
    path: str | None = None
    extra: Mapping[str, Any] = _extra()


@attrs.frozen(cache_hash=True)
class MeasurementEvidence:
    """One measured value of a metric.

    Attributes:
        id: Stable id.
        metric: What was measured ("SSOT violations remaining").
        value: The value.
        unit: Its unit ("%", "ms", "" for a count).
        measured_at: When, if known.
        note: How it was measured.
    """

    id: str
    metric: str
    value: float = attrs.field(validator=finite)
    unit: str = ""
    measured_at: dt.datetime | None = None
    note: str | None = None
    extra: Mapping[str, Any] = _extra()

    def __attrs_post_init__(self) -> None:
        if self.unit == "%":
            percentage(self, attrs.fields_dict(MeasurementEvidence)["value"], self.value)


@attrs.frozen(cache_hash=True)
class NoteEvidence:
    """Evidence in words, such as a table cell ("Port 8081→8080, Cloud Run ready").

    Attributes:
        id: Stable id.
        text: The note.
    """

    id: str
    text: str
    extra: Mapping[str, Any] = _extra()


Evidence: TypeAlias = (
    CommitEvidence | TestRunEvidence | DocumentEvidence | MeasurementEvidence | NoteEvidence
)


# --------------------------------------------------------------------------- root cause


@attrs.frozen(cache_hash=True)
class WhyStep:
    """One step of a "five whys" analysis.

    The steps form a tree: ``causes`` names the deeper steps that answer this
    one's "why". A step without causes is a root cause; a chain is a path from
    the first step to a root cause.

    Attributes:
        id: Stable id.
        question: The question asked ("Why does architectural fragmentation persist?").
        finding: The answer found.
        evidence: Ids of evidence for the finding.
        causes: Ids of the steps that explain this one.
        observations: Supporting points in words.
    """

    id: str
    question: str
    finding: str
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    causes: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    observations: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    extra: Mapping[str, Any] = _extra()

    @property
    def is_root_cause(self) -> bool:
        """Whether nothing deeper explains this step."""
        return not self.causes


# --------------------------------------------------------------------------- work


PARTIAL_CREDIT = 0.5
"""The credit of partial work whose author states no fraction."""


def credit(progress: Progress, fraction: float | None) -> float:
    """The share of a work item done: the one definition of an item's credit.

    Done earns 1; partial work its stated *fraction*, or
    :data:`PARTIAL_CREDIT`; everything else (not started, and every closure
    without a fix) earns nothing.

    Examples:
        >>> credit(Progress.PARTIAL, None), credit(Progress.PARTIAL, 0.25)
        (0.5, 0.25)
        >>> credit(Progress.DONE, 0.25), credit(Progress.WONT_FIX, None)
        (1.0, 0.0)
    """
    if progress is Progress.DONE:
        return 1.0
    if progress is Progress.PARTIAL:
        return PARTIAL_CREDIT if fraction is None else fraction
    return 0.0


@attrs.frozen(cache_hash=True)
class WorkItem:
    """A component, task or area of work.

    Attributes:
        id: Stable id.
        title: What the work is.
        status: Where it stands; see :class:`~remediation.Status`.
        kind: Free classification ("component", "area", "mitigate", "prevent", ...).
        fraction: Share done, for partial work, when the author states it;
            otherwise partial work earns 0.5.
        weight: Weight in its phase's progress.
        evidence: Ids of evidence for the status.
        impact: Business impact of the work not being done.
        requirement: What the work requires.
        tasks: Sub-tasks in words.
        depends_on: Ids of work items that must be done first.
        addresses: Ids of gaps and why steps this work addresses.
        estimate: How long the work takes, as a calendar duration.
        owner: Who owns it.
        due: When it is due.
        links: Tracker links and other URLs.
        justification: Why it was closed without a fix, for such states.
        extra: Free-form fields.
    """

    id: str
    title: str
    status: Status
    kind: str | None = None
    fraction: float | None = attrs.field(default=None, validator=unit_interval)
    weight: float = attrs.field(default=1.0, validator=non_negative)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    impact: str | None = None
    requirement: str | None = None
    tasks: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    addresses: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    estimate: Duration | None = None
    owner: str | None = None
    due: dt.date | None = None
    links: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    justification: str | None = None
    extra: Mapping[str, Any] = _extra()

    @property
    def credit(self) -> float:
        """Share of the work done: 1 when done, the stated fraction or 0.5 when partial."""
        return credit(self.status.progress, self.fraction)

    @property
    def severity(self) -> Severity | None:
        """The status's severity."""
        return self.status.severity


@attrs.frozen(cache_hash=True)
class Phase:
    """A phase of the remediation plan.

    Attributes:
        id: Stable id.
        title: Its name ("Emergency Fixes").
        number: Its position as the document numbers it.
        timebox: How long it is given ("4 Hours").
        stated_status: The status the document gives the phase, if any.
        items: Its work items.
        depends_on: Ids of phases that must be complete first.
        start: When work on it started, if known.
        due: When it is due, if known.
    """

    id: str
    title: str
    items: tuple[WorkItem, ...] = attrs.field(default=(), converter=_tuple)
    number: int | None = None
    timebox: Duration | None = None
    stated_status: Status | None = None
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    start: dt.datetime | None = None
    due: dt.date | None = None
    extra: Mapping[str, Any] = _extra()

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)


@attrs.frozen(cache_hash=True)
class NextStep:
    """A group of immediate next steps ("Week 1: Critical Staging Environment Restoration").

    Attributes:
        id: Stable id.
        title: What the group is for.
        window: When, in words ("Week 1").
        priority: In words ("High Priority").
        items: The steps, as work items.
    """

    id: str
    title: str
    items: tuple[WorkItem, ...] = attrs.field(default=(), converter=_tuple)
    window: str | None = None
    priority: str | None = None
    extra: Mapping[str, Any] = _extra()

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)


@attrs.frozen(cache_hash=True)
class Gap:
    """A coordination gap: something broken between parts, with its measurements.

    A gap is closed when every work item addressing it is done and, if it has
    a measurement and a threshold, the measurement meets the threshold.

    Attributes:
        id: Stable id.
        title: Its name ("Factory Pattern Conflicts").
        description: What is broken.
        measurement: Id of evidence measuring it (a test run or a measurement).
        quantity: Which number of a test run the threshold applies to.
        threshold: What the measurement must meet for the gap to be closed.
        blocks: Ids of records it blocks (work items, criteria).
        evidence: Ids of further evidence.
    """

    id: str
    title: str
    description: str = ""
    measurement: str | None = None
    quantity: TestRunQuantity | None = None
    threshold: Target | None = None
    blocks: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    extra: Mapping[str, Any] = _extra()


# --------------------------------------------------------------------------- criteria


class CriterionCategory(enum.Enum):
    """Whether a criterion is technical or business."""

    TECHNICAL = "technical"
    BUSINESS = "business"


@attrs.frozen(cache_hash=True)
class MetricSource:
    """Where a criterion's current value comes from: a piece of evidence.

    Attributes:
        evidence: Id of a test run or measurement.
        quantity: For a test run, which of its numbers.
    """

    evidence: str
    quantity: TestRunQuantity | None = None


@attrs.frozen(cache_hash=True)
class Criterion:
    """A success criterion: a metric with baseline and target, or a yes/no condition.

    A metric criterion has a ``target``; its current value is ``current``, or
    is taken from evidence through ``current_from``. A condition has no target;
    ``observed`` says whether it holds (``None``: not known).

    Attributes:
        id: Stable id.
        title: What is measured ("Unit test failures").
        category: Technical or business.
        target: The threshold, for a metric.
        baseline: Where the metric started.
        current: Its current value, when stated directly.
        current_from: Evidence to take the current value from.
        observed: For a condition, whether it holds.
        stated_met: The document's own checkbox, if it has one.
        window: For SLO-style targets, the measurement window.
        evidence: Ids of further evidence.
        description: The criterion in the document's words.
    """

    id: str
    title: str
    category: CriterionCategory = CriterionCategory.TECHNICAL
    target: Target | None = None
    baseline: float | None = None
    current: float | None = None
    current_from: MetricSource | None = None
    observed: bool | None = None
    stated_met: bool | None = None
    window: Duration | None = None
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    description: str = ""
    extra: Mapping[str, Any] = _extra()

    def __attrs_post_init__(self) -> None:
        if self.target is not None and self.target.unit == "%":
            for name in ("baseline", "current"):
                percentage(self, attrs.fields_dict(Criterion)[name], getattr(self, name))
        if self.target is None and (self.current is not None or self.current_from is not None):
            msg = f"criterion {self.id!r} has a current value but no target to compare it with"
            raise ValueError(msg)
        if self.target is not None and self.observed is not None:
            msg = f"criterion {self.id!r} has a target, so it is measured, not observed"
            raise ValueError(msg)
        if self.current is not None and self.current_from is not None:
            msg = f"criterion {self.id!r} states its current value twice (current, current_from)"
            raise ValueError(msg)

    @property
    def is_condition(self) -> bool:
        """Whether this is a yes/no condition rather than a metric."""
        return self.target is None

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)


# --------------------------------------------------------------------------- document


class Decision(enum.Enum):
    """What to do with the issue."""

    KEEP_OPEN = "keep_open"
    CLOSE = "close"
    CLOSE_WITH_EXCEPTIONS = "close_with_exceptions"


@attrs.frozen
class RationalePoint:
    """One numbered point of a rationale.

    Attributes:
        title: Its heading ("Core Issues Persist").
        text: What it says.
    """

    title: str
    text: str = ""


@attrs.frozen(cache_hash=True)
class StatedRecommendation:
    """The recommendation the document itself makes.

    Attributes:
        decision: Keep open or close.
        summary: The one-line reason.
        rationale: The numbered rationale.
    """

    decision: Decision
    summary: str = ""
    rationale: tuple[RationalePoint, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(cache_hash=True)
class StateMetric:
    """A line of the summary's current-state metrics.

    Attributes:
        title: What it is about ("Emergency Infrastructure").
        status: Its status mark.
        text: What it says.
    """

    title: str
    status: Status
    text: str = ""


class CountSubject(enum.Enum):
    """A count the prose may state and the records can confirm."""

    GAPS = "gaps"
    OPEN_GAPS = "open_gaps"
    PHASES = "phases"
    COMPLETE_PHASES = "complete_phases"
    ITEMS = "items"
    OPEN_ITEMS = "open_items"
    CRITERIA = "criteria"
    MET_CRITERIA = "met_criteria"
    ROOT_CAUSES = "root_causes"


@attrs.frozen(cache_hash=True)
class CountClaim:
    """A number the prose states ("5 out of 5 identified gaps persist").

    Attributes:
        id: Stable id.
        subject: What is counted.
        value: The number stated.
        quote: The words that state it.
    """

    id: str
    subject: CountSubject
    value: int = attrs.field(validator=non_negative)
    quote: str = ""


@attrs.frozen(cache_hash=True)
class ChecklistEntry:
    """A checklist line of the tracking section.

    Attributes:
        text: What it says.
        checked: Whether it is ticked.
        refs: Ids of records it refers to.
    """

    text: str
    checked: bool = False
    refs: tuple[str, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(cache_hash=True)
class Assessment:
    """A status assessment of an issue: the whole document.

    Attributes:
        id: Stable id of the assessment.
        issue: The issue it assesses ("#1176").
        title: Its title.
        date: When it was written.
        author: Who wrote it.
        session: The session or run that wrote it.
        assessment_type: What kind of assessment ("Current State Analysis and Five Whys").
        stated_status: The status the document states for the issue.
        summary: The executive summary.
        metrics: The current-state metrics.
        labels: Tracker labels applied.
        related: Ids of related documents and commits.
        why: The five-whys analysis, first question first.
        phases: The phases of the remediation plan.
        next_steps: Immediate next steps.
        gaps: Coordination gaps.
        criteria: Success criteria.
        evidence: Every piece of evidence, referred to by id.
        recommendation: The document's own recommendation.
        claims: Counts stated in the prose.
        tracking: The tracking checklist.
        success_indicators: Indicators of success, in words.
        links: URLs.
        policy: How its findings are judged: severities and suppressions
            (a caller's policy goes on top of it).
        extra: Free-form fields.
    """

    id: str
    issue: str
    title: str
    date: dt.date
    author: str | None = None
    session: str | None = None
    assessment_type: str | None = None
    stated_status: Status | None = None
    summary: str = ""
    metrics: tuple[StateMetric, ...] = attrs.field(default=(), converter=_tuple)
    labels: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    related: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    why: tuple[WhyStep, ...] = attrs.field(default=(), converter=_tuple)
    phases: tuple[Phase, ...] = attrs.field(default=(), converter=_tuple)
    next_steps: tuple[NextStep, ...] = attrs.field(default=(), converter=_tuple)
    gaps: tuple[Gap, ...] = attrs.field(default=(), converter=_tuple)
    criteria: tuple[Criterion, ...] = attrs.field(default=(), converter=_tuple)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_tuple)
    recommendation: StatedRecommendation | None = None
    claims: tuple[CountClaim, ...] = attrs.field(default=(), converter=_tuple)
    tracking: tuple[ChecklistEntry, ...] = attrs.field(default=(), converter=_tuple)
    success_indicators: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    links: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    policy: Policy | None = None
    extra: Mapping[str, Any] = _extra()

    def iter_items(self) -> Iterator[tuple[Phase | NextStep, WorkItem]]:
        """Every work item with the phase or next step holding it, in document order."""
        groups: tuple[Phase | NextStep, ...] = (*self.phases, *self.next_steps)
        for group in groups:
            for item in group.items:
                yield group, item

    @property
    def items(self) -> tuple[WorkItem, ...]:
        """Every work item, phases first, then next steps."""
        return tuple(item for _, item in self.iter_items())

    @property
    def root_causes(self) -> tuple[WhyStep, ...]:
        """The why steps nothing deeper explains."""
        return tuple(step for step in self.why if step.is_root_cause)

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter (see ``remediation.model.display``)."""
        return display.markdown(self)
