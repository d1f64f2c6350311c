"""Claims: what the records say of a claim's scope, and which claims of one key disagree.

A scoped claim's figure is derived from the evaluation: the count of items
(in some phases or next steps, of a status), of phases, gaps, criteria,
root causes or evidence (of a status or kind), or the sum of the figures of
other claims. A figure that cannot be derived (a sum over a claim that is a
range or a bound, or over figures of units that do not add up) is unknown,
never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from operator import attrgetter

from remediation.evaluation.progress import ACTIONABLE, BLOCKED, CRITICAL, OPEN
from remediation.evaluation.results import CriterionState, Evaluation, ItemEvaluation
from remediation.model.records import Assessment, Claim, ClaimScope, Counted
from remediation.model.status import Progress, Severity

__all__ = ["ItemTally", "conflicting_claims", "derive_claim", "item_statuses"]


def item_statuses(result: ItemEvaluation) -> tuple[str | None, ...]:
    """The statuses a claim may count *result* under (``None``: any status).

    Examples:
        >>> from remediation.model.status import Progress
        >>> item_statuses(
        ...     ItemEvaluation("a", "p1", Progress.PARTIAL, 0.5, closed=False, actionable=True)
        ... )
        (None, 'open', 'partial', 'actionable')
    """
    return _statuses(_signature(result))


_Signature = tuple[str, Progress, bool, bool, bool, bool]
_GROUP, _PROGRESS, _CLOSED = attrgetter("group"), attrgetter("progress"), attrgetter("closed")
_BLOCKED_BY, _ACTIONABLE = attrgetter("blocked_by"), attrgetter("actionable")
_SEVERITY = attrgetter("severity")


def _signature(result: ItemEvaluation) -> _Signature:
    """The group of *result* and all that decides the statuses it counts under."""
    closed = result.closed
    return (
        result.group,
        result.progress,
        closed,
        result.blocked,
        result.actionable,
        not closed and result.severity is Severity.CRITICAL,
    )


def _statuses(signature: _Signature) -> tuple[str | None, ...]:
    _group, progress, closed, blocked, actionable, critical = signature
    statuses: list[str | None] = [None, "closed" if closed else "open", progress.value]
    if blocked:
        statuses.append("blocked")
    if actionable:
        statuses.append("actionable")
    if critical:
        statuses.append("critical")
    return tuple(statuses)


class ItemTally:
    """How many items of each group hold each status, as a claim counts them.

    Built once from an evaluation's items (:meth:`of`); a what-if derives the
    tally of its variant from its source's with only the items that changed
    (:meth:`changed`), each counted by :func:`item_statuses` on both paths.

    Examples:
        >>> from remediation.model.status import Progress
        >>> tally = ItemTally.of([
        ...     ItemEvaluation("a", "p1", Progress.DONE, 1.0, closed=True),
        ...     ItemEvaluation("b", "p2", Progress.PARTIAL, 0.5, closed=False),
        ... ])
        >>> tally.count((), "open"), tally.count(("p1",), "open"), tally.count(("p1", "p2"), None)
        (1, 0, 2)
    """

    __slots__ = ("_groups",)

    def __init__(self, groups: dict[str | None, Counter[str | None]]) -> None:
        self._groups = groups
        """Per group id (``None``: the whole plan), the items per status."""

    @classmethod
    def of(cls, items: Iterable[ItemEvaluation]) -> ItemTally:
        """The tally of *items*."""
        # Items share a few signatures: count those (read field by field, without a call
        # per item), then the statuses of each once.
        listed = items if isinstance(items, list | tuple) else tuple(items)
        read = Counter(
            zip(
                map(_GROUP, listed),
                map(_PROGRESS, listed),
                map(_CLOSED, listed),
                map(bool, map(_BLOCKED_BY, listed)),
                map(_ACTIONABLE, listed),
                map(_SEVERITY, listed),
                strict=True,
            )
        )
        signatures: Counter[_Signature] = Counter()
        for (group_id, progress, closed, waits, actionable, severity), count in read.items():
            # as _signature reads them: blocked and critical only while open
            blocked = waits and not closed
            critical = not closed and severity is Severity.CRITICAL
            signatures[group_id, progress, closed, blocked, actionable, critical] += count
        return cls._of_signatures(signatures)

    @classmethod
    def _of_signatures(cls, signatures: Counter[_Signature]) -> ItemTally:
        # Counted in plain dictionaries (a Counter calls __missing__ for each new key).
        # A plan has many groups but few kinds of item: the statuses of each kind once.
        counts: dict[str | None, dict[str | None, int]] = {}
        total: dict[str | None, int] = {}
        statuses_of: dict[tuple[Progress, bool, bool, bool, bool], tuple[str | None, ...]] = {}
        for signature, count in signatures.items():
            group = counts.get(signature[0])
            if group is None:
                group = counts[signature[0]] = {}
            kind = signature[1:]
            statuses = statuses_of.get(kind)
            if statuses is None:
                statuses = statuses_of[kind] = _statuses(signature)
            for status in statuses:
                group[status] = group.get(status, 0) + count
                total[status] = total.get(status, 0) + count
        groups = {group_id: Counter(counted) for group_id, counted in counts.items()}
        groups[None] = Counter(total)
        return cls(groups)

    @classmethod
    def of_roles(cls, items: Iterable[ItemEvaluation], roles: Iterable[int]) -> ItemTally:
        """The tally of *items*, whose roles (:func:`~remediation.evaluation.progress.item_roles`,
        one per item, in order) a full evaluation knows already: an item's statuses follow
        from its group, its progress and its roles."""
        listed = items if isinstance(items, list | tuple) else tuple(items)
        read = Counter(zip(map(_GROUP, listed), map(_PROGRESS, listed), roles, strict=True))
        signatures: Counter[_Signature] = Counter()
        for (group_id, progress, bits), count in read.items():
            closed = not bits & OPEN
            signature = (
                group_id,
                progress,
                closed,
                bool(bits & BLOCKED),
                bool(bits & ACTIONABLE),
                bool(bits & CRITICAL),
            )
            signatures[signature] += count
        return cls._of_signatures(signatures)

    def changed(self, changes: Iterable[tuple[ItemEvaluation, ItemEvaluation]]) -> ItemTally:
        """This tally with each ``(before, after)`` result of an item replaced (a new tally)."""
        groups = dict(self._groups)
        copied: set[str | None] = set()

        def counter(group: str | None) -> Counter[str | None]:
            if group not in copied:
                copied.add(group)
                groups[group] = Counter(groups.get(group, ()))
            return groups[group]

        for before, after in changes:
            old, new = item_statuses(before), item_statuses(after)
            for group in (before.group, None):
                counter(group).subtract(old)
            for group in (after.group, None):
                counter(group).update(new)
        return ItemTally(groups)

    def count(self, within: Iterable[str], status: str | None) -> int:
        """The items of the groups *within* (none: every group) of *status* (``None``: any)."""
        groups = self._groups
        if not within:
            return groups[None][status]
        return sum(groups[g][status] for g in dict.fromkeys(within) if g in groups)


def _count(
    scope: ClaimScope, assessment: Assessment, evaluation: Evaluation, tally: ItemTally | None
) -> int:
    status = scope.status
    match scope.count:
        case Counted.ITEMS:
            if tally is None:
                tally = ItemTally.of(evaluation.items)
            return tally.count(scope.within, status)
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
    claim: Claim,
    claims: Mapping[str, Claim],
    assessment: Assessment,
    evaluation: Evaluation,
    tally: ItemTally | None = None,
) -> Decimal | None:
    """The figure the records give for *claim*'s scope, in the claim's unit; ``None``: unknown.

    *tally* is the :class:`ItemTally` of *evaluation*'s items, when known.

    A count is a bare number. A sum adds the figures of the claims it names,
    each converted to *claim*'s unit; it is unknown when one of them is
    missing, a range, a bound, or of a unit that does not convert.
    """
    scope = claim.scope
    if scope is None:
        return None
    if scope.count is not None:
        return Decimal(_count(scope, assessment, evaluation, tally))
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
