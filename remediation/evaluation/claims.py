"""Claims: what the records say of a claim's scope, and which claims of one key disagree.

A scoped claim's figure is derived from the evaluation: the count of items
(in some phases or next steps, of a status), of phases, gaps, criteria,
root causes or evidence (of a status or kind), or the sum of the figures of
other claims. A figure that cannot be derived (a sum over a claim that is a
range or a bound, or over figures of units that do not add up) is unknown,
never guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from remediation.evaluation.results import CriterionState, Evaluation, ItemEvaluation
from remediation.model.records import Assessment, Claim, ClaimScope, Counted
from remediation.model.status import Progress, Severity

__all__ = ["conflicting_claims", "derive_claim"]


def _item_matches(status: str) -> Callable[[ItemEvaluation], bool]:
    match status:
        case "open":
            return lambda r: not r.closed
        case "closed":
            return lambda r: r.closed
        case "blocked":
            return lambda r: r.blocked
        case "actionable":
            return lambda r: r.actionable
        case "critical":
            return lambda r: not r.closed and r.severity is Severity.CRITICAL
        case _:
            progress = Progress(status)
            return lambda r: r.progress is progress


_LISTED: dict[str | None, Callable[[Evaluation], int]] = {
    None: lambda e: len(e.items),
    "open": lambda e: len(e.blocked) + len(e.actionable),
    "blocked": lambda e: len(e.blocked),
    "actionable": lambda e: len(e.actionable),
}
"""Counts of items the evaluation keeps as lists: the open ones are the blocked and the
actionable ones (see :func:`_item_matches`)."""


def _count(scope: ClaimScope, assessment: Assessment, evaluation: Evaluation) -> int:
    status = scope.status
    match scope.count:
        case Counted.ITEMS:
            within = set(scope.within)
            if not within and status in _LISTED:
                # The evaluation lists these already: no walk over every item.
                return _LISTED[status](evaluation)
            items: Iterable[ItemEvaluation] = (
                r for r in evaluation.items if not within or r.group in within
            )
            if status is None:
                return sum(1 for _ in items)
            matches = _item_matches(status)
            return sum(1 for r in items if matches(r))
        case Counted.PHASES:
            phases = evaluation.phases
            if status is None:
                return len(phases)
            return sum(p.complete == (status == "complete") for p in phases)
        case Counted.GAPS:
            gaps = evaluation.gaps
            return (
                len(gaps) if status is None else sum(g.closed == (status == "closed") for g in gaps)
            )
        case Counted.CRITERIA:
            criteria = evaluation.criteria
            if status is None:
                return len(criteria)
            return sum(c.state is CriterionState(status) for c in criteria)
        case Counted.ROOT_CAUSES:
            causes = evaluation.root_causes
            if status is None:
                return len(causes)
            return sum(bool(c.done_by) == (status == "addressed") for c in causes)
        case _:
            evidence = assessment.evidence
            if status is None:
                return len(evidence)
            return sum(_evidence_kind(e) == status for e in evidence)


def _evidence_kind(record: object) -> str:
    name = type(record).__name__.removesuffix("Evidence")
    return "test_run" if name == "TestRun" else name.lower()  # as tagged in a document


def derive_claim(
    claim: Claim, claims: Mapping[str, Claim], assessment: Assessment, evaluation: Evaluation
) -> Decimal | None:
    """The figure the records give for *claim*'s scope, in the claim's unit; ``None``: unknown.

    A count is a bare number. A sum adds the figures of the claims it names,
    each converted to *claim*'s unit; it is unknown when one of them is
    missing, a range, a bound, or of a unit that does not convert.
    """
    scope = claim.scope
    if scope is None:
        return None
    if scope.count is not None:
        return Decimal(_count(scope, assessment, evaluation))
    total = Decimal(0)
    for part_id in scope.sum_of:
        part = claims.get(part_id)
        if part is None or part.value.upper is not None or part.value.bound is not None:
            return None
        try:
            total += part.value.to(claim.value.unit)
        except ValueError:
            return None
    return total


def conflicting_claims(claims: Iterable[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of claims of one key whose figures cannot both be true (within tolerance).

    Each claim of a key is compared with the first of that key: their
    intervals must overlap, in units that convert. Figures of units that do
    not convert conflict.
    """
    first: dict[str, Claim] = {}
    found: list[tuple[Claim, Claim]] = []
    for claim in claims:
        if claim.key is None:
            continue
        earlier = first.setdefault(claim.key, claim)
        if earlier is not claim and not _overlap(earlier, claim):
            found.append((earlier, claim))
    return found


def _overlap(a: Claim, b: Claim) -> bool:
    if not a.value.measure.compares_with(b.value.measure):
        return False
    factor = b.value.measure.factor / a.value.measure.factor
    low_a, high_a = a.value.interval()
    low_b, high_b = b.value.interval()
    low_b = None if low_b is None else low_b * factor
    high_b = None if high_b is None else high_b * factor
    if low_a is not None and high_b is not None and high_b < low_a:
        return False
    return not (low_b is not None and high_a is not None and high_a < low_b)
