"""The document: the assessment, its stated recommendation, claims, metrics and tracking."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from remediation.model import display
from remediation.model.causes import WhyStep
from remediation.model.checklists import Checklist, ChecklistEntry, Lifecycle, LifecycleStatus
from remediation.model.claims import Claim
from remediation.model.criteria import Criterion
from remediation.model.deadline import DateOrMoment
from remediation.model.evidence import Evidence
from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra
from remediation.model.milestones import Milestone, StageClaim
from remediation.model.policy import Policy
from remediation.model.relations import Relation
from remediation.model.risk import Risk
from remediation.model.status import Status
from remediation.model.timeline import Event, Window
from remediation.model.work import Gap, NextStep, Phase, WorkItem

__all__ = [
    "Assessment",
    "ChecklistEntry",
    "Decision",
    "RationalePoint",
    "StateMetric",
    "StatedRecommendation",
]


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


@attrs.frozen(cache_hash=True)
class DroppedReference:
    """A reference a lenient load dropped because it names no record of the kind it must.

    Attributes:
        path: Where it was (``$.phases[0].items[2].depends_on[0]``).
        source: The id of the record holding it.
        target: The id it named.
        problem: What was wrong, as the strict load says it.
    """

    path: str
    source: str
    target: str
    problem: str


@attrs.frozen(cache_hash=True)
class Assessment:
    """A status assessment of an issue: the whole document.

    Attributes:
        id: Stable id of the assessment.
        issue: The issue it assesses ("#1176"), if it has one.
        title: Its title.
        date: When it was written, if it says; the default evaluation date
            (without it, an evaluation needs an ``as_of`` date). A day, or a
            moment at the precision the document gives ("2025-03",
            "2025-03-01T18:00-07:00"); a moment of lower precision is evaluated
            as of its earliest instant, so that nothing is falsely overdue.
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
        risks: Risks, with likelihood, impact, status, deadline, acceptances.
        evidence: Every piece of evidence, referred to by id.
        timeline: What happened when, in the document's order.
        windows: Intervals the document states (outage, impact, data loss).
        milestones: Dates and releases the work is for, with their re-plans.
        target_release: The release the plan as a whole targets ("v1.22").
        stage_claims: Statements such as "stable in v1.24".
        recommendation: The document's own recommendation.
        claims: Figures stated in the prose (see :mod:`remediation.model.claims`).
        relations: Arithmetic the document asserts between its claims
            (see :mod:`remediation.model.relations`).
        tracking: The tracking checklist.
        success_indicators: Indicators of success, in words.
        links: URLs.
        policy: How its findings are judged: severities and suppressions
            (a caller's policy goes on top of it).
        lifecycle: Where the document is in its lifecycle ("implemented" of an
            enhancement proposal), kept apart from how much work is done.
        lifecycles: Lifecycles the document declares, beside the default ones.
        checklists: Its checklists (review, sign-off, graduation criteria).
        dropped_references: References a lenient load dropped (each becomes
            an error finding, ``reference-dropped``); empty for a strict load.
        extra: Free-form fields.
    """

    id: str
    issue: str | None = attrs.field(default=None, kw_only=True)
    title: str
    date: DateOrMoment | None = attrs.field(default=None, kw_only=True)
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
    risks: tuple[Risk, ...] = attrs.field(default=(), converter=_tuple)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_tuple)
    timeline: tuple[Event, ...] = attrs.field(default=(), converter=_tuple)
    windows: tuple[Window, ...] = attrs.field(default=(), converter=_tuple)
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_tuple)
    target_release: str | None = None
    stage_claims: tuple[StageClaim, ...] = attrs.field(default=(), converter=_tuple)
    recommendation: StatedRecommendation | None = None
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_tuple)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_tuple)
    tracking: tuple[ChecklistEntry, ...] = attrs.field(default=(), converter=_tuple)
    success_indicators: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    links: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    policy: Policy | None = None
    lifecycle: LifecycleStatus | None = None
    lifecycles: tuple[Lifecycle, ...] = attrs.field(default=(), converter=_tuple)
    checklists: tuple[Checklist, ...] = attrs.field(default=(), converter=_tuple)
    dropped_references: tuple[DroppedReference, ...] = attrs.field(default=(), converter=_tuple)
    extra: Mapping[str, Any] = _extra()
    # What the references make of the document, computed on first use and kept on the
    # document itself (like its hash): not a field of the document, never compared,
    # copied or written; it goes when the document goes. See remediation.graph.
    _structure: Any = attrs.field(init=False, default=None, eq=False, hash=False, repr=False)
    # The text it was read from (remediation.io.positions.SourceText), kept the same way,
    # so that errors and findings can say on which line a record is written. A variant
    # made with attrs.evolve starts without it: its records are not where the text has them.
    _source: Any = attrs.field(init=False, default=None, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.relations or any(c.scope is not None and c.scope.sum_of for c in self.claims):
            known = {claim.id for claim in self.claims}
            named = [
                (f"relation {r.id!r}", claim_id) for r in self.relations for claim_id in r.claims
            ] + [
                (f"claim {c.id!r}", claim_id)
                for c in self.claims
                if c.scope is not None
                for claim_id in c.scope.sum_of
            ]
            missing = [f"{who} names claim {what!r}" for who, what in named if what not in known]
            if missing:
                msg = "; ".join(missing) + ", which the document does not have"
                raise ValueError(msg)

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
