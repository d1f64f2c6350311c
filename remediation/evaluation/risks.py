"""Risks: their level by the matrix, whether an acceptance holds, deadlines and remediation.

An accepted risk (or an approved deviation) stays accepted while one of its
acceptances holds; once every acceptance has expired it is open again, with
no one having to say so. A risk with no acceptance on record keeps the status
the document gives it. A risk is past its deadline when it is neither closed
nor accepted and the deadline has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from remediation.evaluation.results import RiskEvaluation
from remediation.model.deadline import Deadline, certainly_after
from remediation.model.records import Assessment, WorkItem
from remediation.model.risk import Acceptance, Risk, RiskMatrix, RiskStatus

__all__ = ["ACCEPTING", "evaluate_risk", "evaluate_risks"]

ACCEPTING = frozenset({RiskStatus.ACCEPTED, RiskStatus.DEVIATION_APPROVED})
"""The statuses under which a risk is accepted rather than fixed."""


def _holding(risk: Risk, as_of: dt.date) -> Acceptance | None:
    """The latest acceptance of *risk* that holds on *as_of*, if any."""
    holding = [a for a in risk.acceptances if not a.expired(as_of)]
    return holding[-1] if holding else None


def evaluate_risk(
    risk: Risk,
    matrix: RiskMatrix,
    as_of: dt.date,
    is_done: Callable[[str], bool],
    items: Mapping[str, WorkItem],
) -> RiskEvaluation:
    """What is derived for *risk* as of *as_of*.

    *is_done* tells whether a work item is done; *items* holds the work items
    by id (for their due dates).
    """
    status = risk.status
    acceptance = _holding(risk, as_of) if status in ACCEPTING else None
    expired = status in ACCEPTING and bool(risk.acceptances) and acceptance is None
    if expired:
        status = RiskStatus.OPEN
    accepted = status in ACCEPTING
    closed = status is RiskStatus.CLOSED
    open_remediation = tuple(i for i in risk.remediated_by if not is_done(i))
    late: tuple[str, ...] = ()
    if risk.deadline is not None:
        deadline = risk.deadline
        late = tuple(
            i
            for i in open_remediation
            if (due := items[i].planned) is not None and certainly_after(due, deadline)
        )
    return RiskEvaluation(
        id=risk.id,
        level=matrix.level(risk.likelihood, risk.impact),
        status=status,
        accepted=accepted,
        closed=closed,
        acceptance_expired=expired,
        past_deadline=(
            not closed
            and not accepted
            and risk.deadline is not None
            and Deadline.of(risk.deadline).passed(dt.datetime.combine(as_of, dt.time()))
        ),
        open_remediation=open_remediation,
        late_remediation=late,
        acceptance=acceptance,
    )


def evaluate_risks(
    assessment: Assessment, matrix: RiskMatrix, as_of: dt.date, is_done: Callable[[str], bool]
) -> tuple[RiskEvaluation, ...]:
    """Every risk of *assessment*, in document order (nothing to do without risks)."""
    if not assessment.risks:
        return ()
    items = {item.id: item for _, item in assessment.iter_items()}
    return tuple(evaluate_risk(risk, matrix, as_of, is_done, items) for risk in assessment.risks)
