"""Rules on stated statuses: the assessment's and each phase's, against what their work says."""

from __future__ import annotations

from remediation.evaluation.results import Evaluation, PhaseEvaluation
from remediation.model.policy import FindingSeverity
from remediation.model.records import Assessment, Phase
from remediation.model.status import Progress
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = ["assessment_status_mismatch", "empty_phase", "phase_status_mismatch"]


def _derived(phase: PhaseEvaluation) -> Progress:
    if phase.complete:
        return Progress.DONE
    return Progress.PARTIAL if phase.progress > 0 else Progress.NOT_STARTED


def _agree(stated: Progress, derived: Progress) -> bool:
    if stated.is_closed_without_fix:
        return derived is Progress.DONE or derived is Progress.NOT_STARTED
    return stated is derived


@rule(
    "assessment-status-mismatch",
    title="Assessment status disagrees with its phases",
    scope=Scope.ASSESSMENT,
    reads=("assessment", "phase"),
    examples=[
        Example(
            EXAMPLE_HEADER + "stated_status: RESOLVED\nphases:\n  - id: fix\n    title: Fix\n"
            "    items:\n      - {id: patch, title: Patch, status: in progress}\n",
            "the assessment states 'RESOLVED' (done), but its phases are partial (progress 50%)",
        )
    ],
)
def assessment_status_mismatch(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Compares the status the assessment states for the issue (done, partial, not
        started) with what its phases say: done when every phase is complete, partial
        when some work has credit, not started otherwise.

    Why is this bad?
        A document that calls an issue resolved while its own plan is half done
        misleads everyone who reads only its header.
    """
    if assessment.stated_status is None:
        return ()
    phases = evaluation.phases
    if not phases:
        derived = Progress.NOT_STARTED
    elif all(p.complete for p in phases):
        derived = Progress.DONE
    else:
        derived = Progress.PARTIAL if evaluation.progress > 0 else Progress.NOT_STARTED
    stated = assessment.stated_status.progress
    if not _agree(stated, derived):
        message = (
            f"the assessment states {str(assessment.stated_status)!r} ({stated.value}), "
            f"but its phases are {derived.value} (progress {evaluation.progress:.0%})"
        )
        return [(message, (assessment.id,))]
    return ()


@rule(
    "empty-phase",
    title="Phase without work items",
    scope=Scope.PHASE,
    severity=FindingSeverity.INFO,
    reads=("phase",),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - {id: later, title: Later}\n",
            "phase 'later' has no work items",
        )
    ],
)
def empty_phase(phase: Phase, result: PhaseEvaluation, context: Context) -> Found:
    """What it does:
        Flags a phase that holds no work items.

    Why is this bad?
        A phase without items can never be complete, and its progress says nothing:
        either its work is missing from the document or the phase is not needed.
    """
    if not phase.items:
        return [(f"phase {result.id!r} has no work items", (result.id,))]
    return ()


@rule(
    "phase-status-mismatch",
    title="Phase status disagrees with its items",
    scope=Scope.PHASE,
    reads=("phase", "item"),
    examples=[
        Example(
            EXAMPLE_HEADER
            + "phases:\n  - id: fix\n    title: Fix\n    stated_status: ✅ Complete\n"
            "    items:\n      - {id: a, title: A, status: DONE, evidence: [c]}\n"
            "      - {id: b, title: B, status: ⚠️ PARTIAL, evidence: [c]}\n"
            "evidence:\n  - {kind: commit, id: c, sha: 9c87d9def}\n",
            "phase 'fix' is stated '✅ Complete' (done), but 1 of 2 items are done "
            "(progress 0.75, open: b)",
        )
    ],
)
def phase_status_mismatch(phase: Phase, result: PhaseEvaluation, context: Context) -> Found:
    """What it does:
        Compares a phase's stated status with its items: complete when every item is
        closed and one is done, partial when some work has credit, not started otherwise.

    Why is this bad?
        "Phase 1 complete" above a table in which one of its components is only
        partial is the disagreement this library exists to catch.
    """
    if result.stated is None or phase.stated_status is None:
        return ()
    if not _agree(result.stated, _derived(result)):
        detail = ", ".join(result.open) if result.open else "none"
        message = (
            f"phase {result.id!r} is stated {str(phase.stated_status)!r} "
            f"({result.stated.value}), but {result.done} of {result.items} items are done "
            f"(progress {result.progress:.3g}, open: {detail})"
        )
        return [(message, (result.id, *result.open))]
    return ()
