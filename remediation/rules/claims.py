"""Rules on figures the document states: rates, counts, sums, claims, checkboxes, decision."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from remediation.evaluation.claims import conflicting_claims, derive_claim
from remediation.evaluation.relations import check_relation
from remediation.evaluation.results import (
    CriterionEvaluation,
    CriterionState,
    Evaluation,
    TestRunEvaluation,
)
from remediation.model.policy import FindingSeverity
from remediation.model.quantity import Quantity
from remediation.model.records import Assessment, Claim, Counted, Criterion, TestRunEvidence
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "claim_conflict",
    "count_mismatch",
    "criterion_checkbox_mismatch",
    "recommendation_mismatch",
    "relation_mismatch",
    "sum_mismatch",
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


def _figures(
    assessment: Assessment, evaluation: Evaluation, context: Context, *, sums: bool
) -> Iterator[tuple[Claim, Decimal]]:
    """Each scoped claim (counts, or sums) whose figure the records give, with that figure."""
    claims = {claim.id: claim for claim in assessment.claims}
    for claim in assessment.claims:
        scope = claim.scope
        if scope is None or (scope.count is None) != sums:
            continue
        tally = context.item_tally(evaluation) if scope.count is Counted.ITEMS else None
        derived = derive_claim(claim, claims, assessment, evaluation, tally)
        if derived is not None:
            yield claim, derived


def _quoted(claim: Claim) -> str:
    return f" ({claim.quote!r})" if claim.quote else ""


@rule(
    "count-mismatch",
    title="A count in the prose disagrees with the records",
    scope=Scope.ASSESSMENT,
    reads=("assessment", "claim", "phase", "item", "gap", "criterion", "why step", "evidence"),
    examples=[
        Example(
            EXAMPLE_HEADER + "gaps:\n  - {id: auth, title: Service authentication}\nclaims:\n"
            "  - {id: claim-gaps, value: 5, scope: {count: gaps},"
            " quote: 5 identified gaps persist}\n",
            "the document counts 5 gaps ('5 identified gaps persist'), but the records hold 1",
        ),
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: p1\n    title: Improvements\n    items:\n"
            "      - {id: a, title: A, status: done}\n      - {id: b, title: B, status: partial}\n"
            "  - id: p2\n    title: Later\n    items:\n      - {id: c, title: C, status: missing}\n"
            "claims:\n"
            "  - {id: working-on, value: 3, scope: {count: items, within: [p1]},"
            " quote: we are working on 3 improvements}\n",
            "the document counts 3 items in p1 ('we are working on 3 improvements'), "
            "but the records hold 2",
        ),
    ],
)
def count_mismatch(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Counts what each scoped claim of the prose counts (the items of some phases or
        next steps, of a status; phases, gaps, criteria, root causes or evidence, of a
        status) and compares it with the figure stated, within the figure's own
        tolerance ("about 15", "5–8", "at least 3").

    Why is this bad?
        "5 out of 5 identified gaps persist" above a list of four gaps: the reader
        cannot tell which is true, and the summary is usually the only part read.
    """
    found: list[tuple[str, Sequence[str]]] = []
    for claim, derived in _figures(assessment, evaluation, context, sums=False):
        if not claim.value.agrees_with(derived):
            assert claim.scope is not None  # noqa: S101  (only scoped claims are derived)
            message = (
                f"the document counts {claim.value} {claim.scope.describe()}{_quoted(claim)}, "
                f"but the records hold {derived}"
            )
            found.append((message, (claim.id,)))
    return found


@rule(
    "sum-mismatch",
    title="A total in the prose is not the sum of its parts",
    scope=Scope.ASSESSMENT,
    inputs=("claims",),
    reads=("assessment", "claim"),
    examples=[
        Example(
            EXAMPLE_HEADER + "claims:\n  - {id: dev, value: $1M, quote: $1M for development}\n"
            "  - {id: ops, value: $500k, quote: $500k for maintenance}\n"
            "  - {id: total, value: $2M, scope: {sum_of: [dev, ops]}, quote: a budget of $2M}\n",
            "the document states $2M as the sum of dev, ops ('a budget of $2M'), "
            "but $1M + $500k = $1500000",
        )
    ],
)
def sum_mismatch(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Adds up the figures of the claims a total names (converted to the total's unit)
        and compares the sum with the total stated, within the total's own tolerance.
        A sum over a range, a bound or figures of units that do not add up is unknown
        and not compared.

    Why is this bad?
        Parts that do not add up to their total ("$1M for development and $500k for
        maintenance, a budget of $2M") mean one of the figures is wrong, and budgets or
        targets built on it are too.
    """
    found: list[tuple[str, Sequence[str]]] = []
    claims = {claim.id: claim for claim in assessment.claims}
    for claim, derived in _figures(assessment, evaluation, context, sums=True):
        if not claim.value.agrees_with(derived):
            assert claim.scope is not None  # noqa: S101  (only scoped claims are derived)
            parts = " + ".join(str(claims[p].value) for p in claim.scope.sum_of)
            total = str(Quantity(Decimal(_plain(derived)), claim.value.unit))
            message = (
                f"the document states {claim.value} as {claim.scope.describe()}"
                f"{_quoted(claim)}, but {parts} = {total}"
            )
            found.append((message, (claim.id, *claim.scope.sum_of)))
    return found


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@rule(
    "relation-mismatch",
    title="Figures do not satisfy the arithmetic the document asserts",
    scope=Scope.ASSESSMENT,
    inputs=("claims", "relations"),
    reads=("assessment", "claim", "relation"),
    examples=[
        Example(
            EXAMPLE_HEADER + "claims:\n  - {id: stages, value: 4, quote: 4 stages}\n"
            "  - {id: per-stage, value: $500k, quote: $500k per stage}\n"
            "  - {id: total, value: $2.5M, quote: $2.5M in total}\n"
            "relations:\n  - {id: cost, kind: product, result: total, of: [stages, per-stage]}\n",
            "relation 'cost' (product): 4 × $500k = $2000000, but the document states $2.5M "
            "('$2.5M in total')",
        ),
        Example(
            EXAMPLE_HEADER + "claims:\n  - {id: stage, value: 1.5x, quote: 1.5x per stage}\n"
            "  - {id: overall, value: ~10x, quote: about 10x in total}\n"
            "relations:\n  - {id: speed-up, kind: product, result: overall,"
            " of: [stage, stage, stage, stage]}\n",
            "relation 'speed-up' (product): 1.5x × 1.5x × 1.5x × 1.5x = 5.0625x, but the "
            "document states ~10x ('about 10x in total')",
        ),
    ],
)
def relation_mismatch(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Computes each figure a relation gives (the total of its parts, each part's share
        of a total, the product of factors, a numerator over a denominator) from the
        other figures, in the figure's unit, and compares it with the figure stated
        within that figure's tolerance. Ranges, bounds and units that do not combine
        make a check unknown, and it is skipped.

    Why is this bad?
        "4 stages × $500k" is not "$2.5M in total", and "1.5x per stage" over four
        stages is about 5x, not 10x: a plan whose figures do not compute misleads
        whoever budgets or schedules on them.
    """
    if not assessment.relations:
        return ()
    claims = {claim.id: claim for claim in assessment.claims}
    found: list[tuple[str, Sequence[str]]] = []
    for relation in assessment.relations:
        for check in check_relation(relation, claims):
            if check.holds(claims):
                continue
            stated = claims[check.claim]
            message = (
                f"relation {relation.id!r} ({relation.kind.value}): {check.arithmetic} = "
                f"{check.shown(claims)}, but the document states {stated.value}"
                f"{_quoted(stated)}"
            )
            found.append((message, (relation.id, *dict.fromkeys(relation.claims))))
    return found


@rule(
    "claim-conflict",
    title="Two figures the prose states of one thing disagree",
    scope=Scope.ASSESSMENT,
    inputs=("claims",),
    reads=("assessment", "claim"),
    examples=[
        Example(
            EXAMPLE_HEADER + "claims:\n"
            "  - {id: a, key: queries, value: ~15K, quote: about 15K queries at 11:27}\n"
            "  - {id: b, key: queries, value: '13,337', quote: '13,337 queries in total'}\n",
            "the document states queries as ~15K ('about 15K queries at 11:27') and as "
            "13,337 ('13,337 queries in total'): they disagree beyond their tolerance",
        )
    ],
)
def claim_conflict(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Compares the figures of claims that name the same key: each must agree with the
        first of its key within both figures' tolerance (an approximation allows 10 %
        either side unless it says its own), in units that convert.

    Why is this bad?
        A document that states the same figure twice, differently, is wrong at least
        once, and the reader cannot tell where.
    """
    found: list[tuple[str, Sequence[str]]] = []
    for first, other in conflicting_claims(assessment.claims):
        stated = (
            f"the document states {first.key} as {first.value}{_quoted(first)} and as "
            f"{other.value}{_quoted(other)}"
        )
        if first.value.measure.compares_with(other.value.measure):
            found.append((f"{stated}: they disagree beyond their tolerance", (first.id, other.id)))
        else:
            units = f"{_unit_of(first.value)} and {_unit_of(other.value)}"
            found.append(
                (f"{stated}: in units that do not compare ({units})", (first.id, other.id))
            )
    return found


def _unit_of(value: Quantity) -> str:
    return repr(value.unit) if value.unit else "a bare number"


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
