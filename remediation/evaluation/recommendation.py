"""The recommendation: keep the issue open or close it, derived by the closing policy.

The policy (:class:`~remediation.ClosingPolicy`) names the rules that hold
the issue open; every reason says which rule produced it. See the
"Recommendation" section of ``docs/evaluation.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from remediation.evaluation.results import (
    ClosureException,
    CriterionEvaluation,
    Reason,
    ReasonCode,
    Recommendation,
    RiskEvaluation,
)
from remediation.model.policy import ClosingPolicy, ClosingRule
from remediation.model.records import Assessment, Decision, WorkItem
from remediation.model.status import Progress

__all__ = ["Standing", "recommend"]


class Standing(NamedTuple):
    """The lists of ids the recommendation weighs, each in document order."""

    unmet: tuple[str, ...]
    """Criteria not met."""
    unmeasured: tuple[str, ...]
    """Criteria without a current value."""
    critical: tuple[str, ...]
    """Open items of critical severity."""
    unaddressed: tuple[str, ...]
    """Root causes that no done work addresses."""
    open_gaps: tuple[str, ...]
    """Gaps not closed."""
    open_items: tuple[str, ...]
    """Items that need work."""
    without_fix: tuple[str, ...]
    """Items closed without a fix with a reason the closing policy accepts."""
    unaccepted: tuple[str, ...] = ()
    """Items closed without a fix with a reason the closing policy does not accept."""
    risks: tuple[RiskEvaluation, ...] = ()
    """Every risk."""


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


def recommend(
    assessment: Assessment,
    criteria: Sequence[CriterionEvaluation],
    standing: Standing,
    closing: ClosingPolicy | None = None,
) -> Recommendation:
    """The derived recommendation: keep open, close, or close with exceptions, with reasons.

    By the default *closing* policy: keep open while a criterion is unmet or
    unmeasured, a work item is open (critical ones named apart) or closed
    without a fix for a reason the policy does not accept, a root cause is
    unaddressed, a risk is open or a gap is open; otherwise close, with
    exceptions when items were closed without a fix for an accepted reason or
    risks are accepted, each listed. A rule the policy leaves out holds
    nothing open. The criteria counted are those that are no member of a
    composite criterion (the composite counts for its members).
    """
    policy = closing if closing is not None else ClosingPolicy()
    applies = policy.applies
    # A member of a composite criterion is decided through its composite.
    criteria = [c for c in criteria if not c.part_of]
    against: list[Reason] = []
    if applies(ClosingRule.CRITERIA_MET):
        against.extend(_criteria_against(standing, len(criteria)))
    if applies(ClosingRule.WORK_CLOSED):
        against.extend(_work_against(standing))
    unaddressed = standing.unaddressed
    if unaddressed and applies(ClosingRule.ROOT_CAUSES_ADDRESSED):
        against.append(Reason(
            ReasonCode.ROOT_CAUSES_UNADDRESSED,
            f"{_plural(len(unaddressed), 'root cause')} not addressed by any done work: "
            + _named(unaddressed),
            unaddressed,
            ClosingRule.ROOT_CAUSES_ADDRESSED,
        ))  # fmt: skip
    open_risks = tuple(r.id for r in standing.risks if r.open)
    if open_risks and applies(ClosingRule.RISKS_CLOSED):
        against.append(Reason(
            ReasonCode.RISKS_OPEN,
            f"{_plural(len(open_risks), 'risk')} open: " + _named(open_risks),
            open_risks,
            ClosingRule.RISKS_CLOSED,
        ))  # fmt: skip
    open_gaps = standing.open_gaps
    if open_gaps and applies(ClosingRule.GAPS_CLOSED):
        against.append(Reason(
            ReasonCode.GAPS_OPEN,
            f"{_plural(len(open_gaps), 'gap')} open: " + _named(open_gaps),
            open_gaps,
            ClosingRule.GAPS_CLOSED,
        ))  # fmt: skip
    stated = assessment.recommendation.decision if assessment.recommendation else None
    if against:
        return Recommendation(Decision.KEEP_OPEN, tuple(against), stated)
    support: list[Reason] = []
    if criteria and applies(ClosingRule.CRITERIA_MET):
        support.append(Reason(
            ReasonCode.CRITERIA_MET,
            f"all {_plural(len(criteria), 'success criterion')} met",
            tuple(c.id for c in criteria),
            ClosingRule.CRITERIA_MET,
        ))  # fmt: skip
    open_items = standing.open_items
    if open_items:  # only where the policy does not require closed work
        support.append(Reason(
            ReasonCode.WORK_OPEN,
            f"{_plural(len(open_items), 'work item')} still open; the policy does not"
            " require closed work",
            open_items,
        ))  # fmt: skip
    elif applies(ClosingRule.WORK_CLOSED) and assessment.items:
        support.append(Reason(
            ReasonCode.WORK_CLOSED,
            f"all {_plural(len(assessment.items), 'work item')} done or closed with an"
            " accepted reason",
            (),
            ClosingRule.WORK_CLOSED,
        ))  # fmt: skip
    without_fix = standing.without_fix
    accepted_risks = tuple(r for r in standing.risks if r.accepted)
    if not without_fix and not accepted_risks:
        return Recommendation(Decision.CLOSE, tuple(support), stated)
    listed = applies(ClosingRule.EXCEPTIONS_LISTED)
    rule = ClosingRule.EXCEPTIONS_LISTED if listed else None
    exceptions = _exceptions(assessment, without_fix)
    if without_fix:
        support.append(_listing(ReasonCode.CLOSED_WITHOUT_FIX, "item", "closed without a fix",
                                exceptions, rule))  # fmt: skip
    risk_exceptions = tuple(_risk_exception(r) for r in accepted_risks)
    if risk_exceptions:
        support.append(_listing(ReasonCode.RISKS_ACCEPTED, "risk", "accepted", risk_exceptions,
                                rule))  # fmt: skip
    decision = Decision.CLOSE_WITH_EXCEPTIONS if listed else Decision.CLOSE
    return Recommendation(decision, tuple(support), stated, (*exceptions, *risk_exceptions))


def _listing(
    code: ReasonCode,
    noun: str,
    verb: str,
    exceptions: Sequence[ClosureException],
    rule: ClosingRule | None,
) -> Reason:
    more = len(exceptions) - _NAMED
    return Reason(
        code,
        f"{_plural(len(exceptions), noun)} {verb}: "
        + "; ".join(_exception_text(e) for e in exceptions[:_NAMED])
        + (f"; and {more} more" if more > 0 else ""),
        tuple(e.id for e in exceptions),
        rule,
    )


def _risk_exception(risk: RiskEvaluation) -> ClosureException:
    acceptance = risk.acceptance
    return ClosureException(
        id=risk.id,
        reason=Progress.ACCEPTED,
        justification=acceptance.justification or None if acceptance else None,
        decided_by=acceptance.approver if acceptance else None,
        until=acceptance.expires if acceptance else None,
        record="risk",
    )


def _criteria_against(standing: Standing, total: int) -> list[Reason]:
    against: list[Reason] = []
    unmet = standing.unmet
    unmeasured = standing.unmeasured
    if unmet:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMET,
            f"{_plural(len(unmet), 'success criterion')} of {total} not met: " + _named(unmet),
            unmet,
            ClosingRule.CRITERIA_MET,
        ))  # fmt: skip
    if unmeasured:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMEASURED,
            f"{_plural(len(unmeasured), 'success criterion')} without a current value: "
            + _named(unmeasured),
            unmeasured,
            ClosingRule.CRITERIA_MET,
        ))  # fmt: skip
    return against


def _work_against(standing: Standing) -> list[Reason]:
    against: list[Reason] = []
    critical = standing.critical
    if critical:
        against.append(Reason(
            ReasonCode.CRITICAL_ITEMS_OPEN,
            f"{_plural(len(critical), 'critical item')} open: " + _named(critical),
            critical,
            ClosingRule.WORK_CLOSED,
        ))  # fmt: skip
    open_items = standing.open_items
    if open_items:
        against.append(Reason(
            ReasonCode.WORK_OPEN,
            f"{_plural(len(open_items), 'work item')} open: " + _named(open_items),
            open_items,
            ClosingRule.WORK_CLOSED,
        ))  # fmt: skip
    unaccepted = standing.unaccepted
    if unaccepted:
        against.append(Reason(
            ReasonCode.CLOSURES_NOT_ACCEPTED,
            f"{_plural(len(unaccepted), 'item')} closed without a fix for a reason the policy"
            " does not accept (deferred, expired or without a justification): "
            + _named(unaccepted),
            unaccepted,
            ClosingRule.WORK_CLOSED,
        ))  # fmt: skip
    return against


def _exceptions(assessment: Assessment, ids: Sequence[str]) -> tuple[ClosureException, ...]:
    wanted = set(ids)
    items: dict[str, WorkItem] = {
        item.id: item for _, item in assessment.iter_items() if item.id in wanted
    }
    out: list[ClosureException] = []
    for item_id in ids:
        item = items[item_id]
        closure = item.closure
        out.append(
            ClosureException(
                id=item_id,
                reason=item.status.progress,
                justification=item.reason,
                decided_by=closure.decided_by if closure else None,
                until=closure.until if closure else None,
                to=closure.to if closure else None,
            )
        )
    return tuple(out)


def _exception_text(exception: ClosureException) -> str:
    """One exception in words: id, how it was closed, why, until when.

    Examples:
        >>> import datetime as dt
        >>> _exception_text(ClosureException("legacy", Progress.WONT_FIX, "retired",
        ...     until=dt.date(2026, 1, 31)))
        'legacy (wont fix: retired; until 2026-01-31)'
    """
    parts = [exception.reason.value.replace("_", " ")]
    text = f"{parts[0]}: {exception.justification or 'no justification'}"
    if exception.to:
        text += f"; to {exception.to}"
    if exception.until:
        text += f"; until {exception.until}"
    return f"{exception.id} ({text})"
