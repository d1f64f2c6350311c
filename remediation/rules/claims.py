"""Rules on figures the document states: rates, counts, checkboxes and its recommendation."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from remediation.evaluation.results import (
    CriterionEvaluation,
    CriterionState,
    Evaluation,
    TestRunEvaluation,
)
from remediation.model.policy import FindingSeverity
from remediation.model.records import Assessment, CountSubject, Criterion, TestRunEvidence
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "count_mismatch",
    "criterion_checkbox_mismatch",
    "recommendation_mismatch",
    "test_rate_mismatch",
]


@rule(
    "test-rate-mismatch",
    title="Stated failure rate disagrees with the counts",
    scope=Scope.TEST_RUN,
    reads=("test run",),
    examples=[
        Example(
            EXAMPLE_HEADER
            + "evidence:\n  - {kind: test_run, id: unit, suite: Unit Tests, failed: 20,"
            " passed: 17, stated_failure_rate: 45}\n",
            "test run 'unit' states a 45% failure rate, but 20 failed / 17 passed is 54.05%",
        )
    ],
)
def test_rate_mismatch(run: TestRunEvidence, result: TestRunEvaluation, context: Context) -> Found:
    """What it does:
        Derives a test run's failure rate from its failed and passed counts and
        compares it with the rate the document states, allowing half a point for
        rounding to whole percents.

    Why is this bad?
        A stated rate that does not follow from the counts beside it means one of the
        two is wrong, and criteria and gaps may be judged on the wrong one.
    """
    if result.agrees is False:
        message = (
            f"test run {result.id!r} states a {result.stated_failure_rate:g}% failure rate, "
            f"but {run.failed} failed / {run.passed} passed is {result.failure_rate:.2f}%"
        )
        return [(message, (result.id,))]
    return ()


@rule(
    "recommendation-mismatch",
    title="Stated recommendation disagrees with the derived one",
    scope=Scope.ASSESSMENT,
    severity=FindingSeverity.ERROR,
    reads=("assessment", "recommendation"),
    examples=[
        Example(
            EXAMPLE_HEADER + "recommendation: {decision: close}\ncriteria:\n"
            "  - {id: errors, title: Error rate, target: '<1%', current: 12}\n",
            "the document recommends close, but the data say keep_open: "
            "1 success criterion of 1 not met: errors",
        )
    ],
)
def recommendation_mismatch(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Compares the document's own decision (keep open, close) with the derived
        recommendation, and quotes the derived reasons.

    Why is this bad?
        The recommendation is what reviewers and CI gates act on; one that its own data
        contradict closes issues that are not fixed, or keeps fixed ones open.
    """
    recommendation = evaluation.recommendation
    if recommendation.stated is not None and recommendation.agrees is False:
        message = (
            f"the document recommends {recommendation.stated.value}, but the data say "
            f"{recommendation.decision.value}: "
            + "; ".join(r.message for r in recommendation.reasons)
        )
        return [(message, (assessment.id,))]
    return ()


def _counters(
    assessment: Assessment, evaluation: Evaluation
) -> dict[CountSubject, Callable[[], int]]:
    phases = evaluation.phases
    criteria = evaluation.criteria
    return {
        CountSubject.GAPS: lambda: len(assessment.gaps),
        CountSubject.OPEN_GAPS: lambda: sum(not gap.closed for gap in evaluation.gaps),
        CountSubject.PHASES: lambda: len(phases),
        CountSubject.COMPLETE_PHASES: lambda: sum(p.complete for p in phases),
        CountSubject.ITEMS: lambda: sum(p.items for p in phases),
        CountSubject.OPEN_ITEMS: lambda: sum(len(p.open) for p in phases),
        CountSubject.CRITERIA: lambda: len(criteria),
        CountSubject.MET_CRITERIA: lambda: sum(c.state is CriterionState.MET for c in criteria),
        CountSubject.ROOT_CAUSES: lambda: len(evaluation.root_causes),
    }


@rule(
    "count-mismatch",
    title="A count in the prose disagrees with the records",
    scope=Scope.ASSESSMENT,
    reads=("assessment", "claim", "phase", "gap", "criterion", "why step"),
    examples=[
        Example(
            EXAMPLE_HEADER + "gaps:\n  - {id: auth, title: Service authentication}\nclaims:\n"
            "  - {id: claim-gaps, subject: gaps, value: 5, quote: 5 identified gaps persist}\n",
            "the document counts 5 gaps ('5 identified gaps persist'), but the records hold 1",
        )
    ],
)
def count_mismatch(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Counts what each claim of the prose counts (gaps, open gaps, phases, complete
        phases, items of the phases, open ones, criteria, met ones, root causes) and
        compares.

    Why is this bad?
        "5 out of 5 identified gaps persist" above a list of four gaps: the reader
        cannot tell which is true, and the summary is usually the only part read.
    """
    found: list[tuple[str, Sequence[str]]] = []
    if not assessment.claims:
        return found
    counters = _counters(assessment, evaluation)
    counted: dict[CountSubject, int] = {}
    for claim in assessment.claims:
        actual = counted.get(claim.subject)
        if actual is None:
            actual = counted[claim.subject] = counters[claim.subject]()
        if actual != claim.value:
            quote = f" ({claim.quote!r})" if claim.quote else ""
            found.append(
                (
                    (
                        f"the document counts {claim.value} {claim.subject.value.replace('_', ' ')}"
                        f"{quote}, but the records hold {actual}"
                    ),
                    (claim.id,),
                )
            )
    return found


@rule(
    "criterion-checkbox-mismatch",
    title="A criterion's checkbox disagrees with its value",
    scope=Scope.CRITERION,
    reads=("criterion", "evidence"),
    examples=[
        Example(
            EXAMPLE_HEADER
            + "criteria:\n  - {id: errors, title: Error rate, target: '<1%', current: 12,"
            " stated_met: true}\n",
            "criterion 'errors' is ticked met, but its value says unmet",
        )
    ],
)
def criterion_checkbox_mismatch(
    criterion: Criterion, result: CriterionEvaluation, context: Context
) -> Found:
    """What it does:
        Compares a criterion's checkbox (``stated_met``) with whether its current value
        meets its target (or its condition is observed to hold). Unmeasured criteria are
        left alone.

    Why is this bad?
        A ticked box over a value that misses its target claims success the data do
        not show.
    """
    state = result.state
    if criterion.stated_met is None or state is CriterionState.UNMEASURED:
        return ()
    if criterion.stated_met != (state is CriterionState.MET):
        said = "met" if criterion.stated_met else "not met"
        message = f"criterion {criterion.id!r} is ticked {said}, but its value says {state.value}"
        return [(message, (criterion.id,))]
    return ()
