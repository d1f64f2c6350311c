"""Rules on milestones and releases: work due after what it serves, releases the milestone
list does not have, stages stated at another version, milestones overdue or slipped."""

from __future__ import annotations

import datetime as dt

from packaging.version import Version

from remediation.evaluation.results import Evaluation, ItemEvaluation, PhaseEvaluation
from remediation.model.deadline import as_moment
from remediation.model.milestones import Milestone, version_key
from remediation.model.policy import FindingSeverity
from remediation.model.records import Assessment, Phase, WorkItem
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "due_after_milestone",
    "milestone_overdue",
    "milestone_slipped",
    "phase_due_after_milestone",
    "stage_claim_mismatch",
    "target_release_unknown",
]

_MILESTONES = (
    EXAMPLE_HEADER + "milestones:\n"
    "  - {id: v120, name: v1.20, version: v1.20, due: 2025-04-01}\n"
    "  - {id: v121, name: v1.21, version: v1.21, stage: beta, due: 2025-08-01}\n"
)


def _due_after(kind: str, record: WorkItem | Phase, context: Context) -> Found:
    """The finding when open *record* is certainly due after the milestone it serves."""
    milestone = context.milestone(record.milestone) if record.milestone is not None else None
    due = record.planned if isinstance(record, WorkItem) else record.due
    if due is None or milestone is None or milestone.planned is None:
        return ()
    if as_moment(due).earliest < milestone.planned.latest:  # not certainly after
        return ()
    message = (
        f"{kind} {record.id!r} is due {due}, after milestone {milestone.id!r} "
        f"({milestone.name}) planned for {milestone.planned}"
    )
    return [(message, (record.id, milestone.id))]


@rule(
    "due-after-milestone",
    title="Work due after the milestone it serves",
    scope=Scope.ITEM,
    reads=("item", "milestone"),
    when=("closed", [False]),
    examples=[
        Example(
            _MILESTONES + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: open, due: 2025-05-01, milestone: v120}\n",
            "item 'patch' is due 2025-05-01, after milestone 'v120' (v1.20) planned for 2025-04-01",
        )
    ],
)
def due_after_milestone(record: WorkItem, result: ItemEvaluation, context: Context) -> Found:
    """What it does:
        Compares the due date of an open work item with the date planned now for the
        milestone or release it serves.

    Why is this bad?
        Work due after the release it is for will miss it: the plan says two
        incompatible things, and only one of them will happen.
    """
    if result.closed or record.milestone is None:
        return ()
    return _due_after("item", record, context)


@rule(
    "phase-due-after-milestone",
    title="Phase due after the milestone it serves",
    scope=Scope.PHASE,
    reads=("phase", "milestone"),
    examples=[
        Example(
            _MILESTONES + "phases:\n  - id: fix\n    title: Fix\n    due: 2025-05-01\n"
            "    milestone: v120\n    items:\n      - {id: patch, title: Patch, status: open}\n",
            "phase 'fix' is due 2025-05-01, after milestone 'v120' (v1.20) planned for 2025-04-01",
        )
    ],
)
def phase_due_after_milestone(record: Phase, result: PhaseEvaluation, context: Context) -> Found:
    """What it does:
        Compares the due date of an incomplete phase with the date planned now for the
        milestone or release it serves.

    Why is this bad?
        A phase due after the release it is for will miss it.
    """
    return () if result.complete else _due_after("phase", record, context)


def _releases(assessment: Assessment) -> list[tuple[Version, Milestone]]:
    """The milestones that are releases, each with its version."""
    found = []
    for milestone in assessment.milestones:
        key = version_key(milestone.version) if milestone.version is not None else None
        if key is not None:
            found.append((key, milestone))
    return found


def _same_version(first: str, second: str) -> bool:
    key = version_key(first)
    return key is not None and key == version_key(second)


@rule(
    "target-release-unknown",
    title="Target release not among the milestones",
    scope=Scope.ASSESSMENT,
    inputs=("target_release", "milestones"),
    reads=("assessment", "milestone"),
    examples=[
        Example(
            _MILESTONES + "target_release: v1.22\n",
            "the plan targets v1.22, which is not among its milestones (the last release "
            "listed is v1.21)",
        )
    ],
)
def target_release_unknown(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Looks for the release the plan targets among the versions of its milestones,
        comparing versions as versions (``v1.22`` is ``1.22``).

    Why is this bad?
        A plan that targets a release its own milestone list does not reach has no
        dates for the work that matters most.
    """
    target = assessment.target_release
    if target is None or not assessment.milestones:
        return ()
    versions = [m.version for m in assessment.milestones if m.version is not None]
    if any(_same_version(target, v) or v.strip() == target.strip() for v in versions):
        return ()
    releases = _releases(assessment)
    last = max(releases, key=lambda pair: pair[0])[1].version if releases else None
    where = f" (the last release listed is {last})" if last is not None else ""
    message = f"the plan targets {target}, which is not among its milestones{where}"
    return [(message, ())]


@rule(
    "stage-claim-mismatch",
    title="A stage stated at a version the milestones disagree with",
    scope=Scope.ASSESSMENT,
    inputs=("stage_claims", "milestones"),
    reads=("assessment", "milestone"),
    examples=[
        Example(
            _MILESTONES
            + "stage_claims:\n  - {stage: beta, version: v1.20, quote: beta in v1.20}\n",
            "the document says beta in v1.20, but the milestones put beta at v1.21",
        ),
        Example(
            _MILESTONES + "stage_claims:\n  - {stage: stable, version: v1.24}\n",
            "the document says stable in v1.24, but no milestone is release v1.24",
        ),
    ],
)
def stage_claim_mismatch(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Checks each statement of the form "stable in v1.24" against the milestones:
        the version must be one of their releases, and a milestone that names the
        same stage must be that release.

    Why is this bad?
        Readers quote the stage and version from the prose; if the milestone table
        says otherwise, one of them misleads.
    """
    found = []
    for claim in assessment.stage_claims:
        said = claim.quote or f"{claim.stage} in {claim.version}"
        staged = [
            m
            for m in assessment.milestones
            if m.stage is not None and m.stage.casefold() == claim.stage.casefold()
        ]
        if staged and not any(
            m.version is not None and _same_version(m.version, claim.version) for m in staged
        ):
            where = ", ".join(m.version or m.name for m in staged)
            message = f"the document says {said}, but the milestones put {claim.stage} at {where}"
            found.append((message, tuple(m.id for m in staged)))
        elif not staged and not any(
            m.version is not None and _same_version(m.version, claim.version)
            for m in assessment.milestones
        ):
            message = f"the document says {said}, but no milestone is release {claim.version}"
            found.append((message, ()))
    return found


@rule(
    "milestone-overdue",
    title="Milestone past its planned date and not reached",
    scope=Scope.ASSESSMENT,
    inputs=("milestones",),
    reads=("milestone",),
    examples=[
        Example(
            _MILESTONES,
            "milestone 'v120' (v1.20) was planned for 2025-04-01 and is not reached as of "
            "2025-04-10",
            as_of="2025-04-10",
        )
    ],
)
def milestone_overdue(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags a milestone whose planned date (the last re-plan's) is certainly past as
        of the evaluation date while the document does not say it was reached.

    Why is this bad?
        A milestone that passed unremarked is a plan nobody is following; the
        document should record that it was reached or re-plan it.
    """
    found = []
    for milestone, result in zip(assessment.milestones, evaluation.milestones, strict=True):
        if result.overdue:
            message = (
                f"milestone {milestone.id!r} ({milestone.name}) was planned for "
                f"{result.planned} and is not reached as of {context.as_of.date()}"
            )
            found.append((message, (milestone.id,)))
    return found


@rule(
    "milestone-slipped",
    title="Milestone re-planned later than first planned",
    scope=Scope.ASSESSMENT,
    inputs=("milestones",),
    severity=FindingSeverity.INFO,
    reads=("milestone",),
    examples=[
        Example(
            EXAMPLE_HEADER + "milestones:\n  - id: ga\n    name: GA\n    due: 2025-03-01\n"
            "    replans:\n      - {due: 2025-03-15, reason: flaky tests}\n"
            "      - {due: 2025-04-01}\n",
            "milestone 'ga' (GA) slipped 31 d from 2025-03-01 to 2025-04-01 in 2 re-plans",
        )
    ],
)
def milestone_slipped(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Reports each milestone now planned (or reached) later than first planned, with
        how much later and in how many re-plans.

    Why is this bad?
        A slip is not wrong in itself, but a document that shows only the current date
        hides how often the plan moved, which is what a reader needs to judge the next
        date.
    """
    found = []
    for milestone, result in zip(assessment.milestones, evaluation.milestones, strict=True):
        slip = result.slip
        if slip is None or slip.high == dt.timedelta():
            continue
        final = milestone.done if milestone.done is not None else result.planned
        message = (
            f"milestone {milestone.id!r} ({milestone.name}) slipped {slip} from "
            f"{milestone.due} to {final} in {result.replans} re-plan"
            + ("" if result.replans == 1 else "s")
        )
        found.append((message, (milestone.id,)))
    return found
