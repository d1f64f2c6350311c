"""The recommendation: keep the issue open or close it, derived with its reasons."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from remediation.evaluation.results import (
    CriterionEvaluation,
    Reason,
    ReasonCode,
    Recommendation,
)
from remediation.model.records import Assessment, Decision

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
    """Items closed without a fix."""


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
    assessment: Assessment, criteria: Sequence[CriterionEvaluation], standing: Standing
) -> Recommendation:
    """The derived recommendation: keep open, close, or close with exceptions, with reasons.

    Keep open while a criterion is unmet or unmeasured, a critical item is
    open, a root cause is unaddressed or a gap is open (or, with no criteria
    at all, while any work is open); otherwise close, with exceptions when
    items were closed without a fix.
    """
    against: list[Reason] = []
    unmet = standing.unmet
    unmeasured = standing.unmeasured
    if unmet:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMET,
            f"{_plural(len(unmet), 'success criterion')} of {len(criteria)} not met: "
            + _named(unmet),
            unmet,
        ))  # fmt: skip
    if unmeasured:
        against.append(Reason(
            ReasonCode.CRITERIA_UNMEASURED,
            f"{_plural(len(unmeasured), 'success criterion')} without a current value: "
            + _named(unmeasured),
            unmeasured,
        ))  # fmt: skip
    critical = standing.critical
    if critical:
        against.append(Reason(
            ReasonCode.CRITICAL_ITEMS_OPEN,
            f"{_plural(len(critical), 'critical item')} open: " + _named(critical),
            critical,
        ))  # fmt: skip
    unaddressed = standing.unaddressed
    if unaddressed:
        against.append(Reason(
            ReasonCode.ROOT_CAUSES_UNADDRESSED,
            f"{_plural(len(unaddressed), 'root cause')} not addressed by any done work: "
            + _named(unaddressed),
            unaddressed,
        ))  # fmt: skip
    open_gaps = standing.open_gaps
    if open_gaps:
        against.append(Reason(
            ReasonCode.GAPS_OPEN,
            f"{_plural(len(open_gaps), 'gap')} open: " + _named(open_gaps),
            open_gaps,
        ))  # fmt: skip
    open_items = standing.open_items
    if not criteria and open_items:
        against.append(Reason(
            ReasonCode.WORK_OPEN,
            f"no success criteria, and {_plural(len(open_items), 'work item')} open",
            open_items,
        ))  # fmt: skip
    stated = assessment.recommendation.decision if assessment.recommendation else None
    if against:
        return Recommendation(Decision.KEEP_OPEN, tuple(against), stated)
    support: list[Reason] = []
    if criteria:
        support.append(Reason(
            ReasonCode.CRITERIA_MET,
            f"all {_plural(len(criteria), 'success criterion')} met",
            tuple(c.id for c in criteria),
        ))  # fmt: skip
    without_fix = standing.without_fix
    if without_fix:
        support.append(Reason(
            ReasonCode.CLOSED_WITHOUT_FIX,
            f"{_plural(len(without_fix), 'item')} closed without a fix: " + _named(without_fix),
            without_fix,
        ))  # fmt: skip
        return Recommendation(Decision.CLOSE_WITH_EXCEPTIONS, tuple(support), stated)
    if open_items:
        support.append(Reason(
            ReasonCode.WORK_OPEN,
            f"{_plural(len(open_items), 'work item')} still open, none of them critical",
            open_items,
        ))  # fmt: skip
    return Recommendation(Decision.CLOSE, tuple(support), stated)
