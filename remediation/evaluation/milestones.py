"""Milestones as of a date: the date planned now, how far it moved, whether it is overdue.

The slip of a milestone is how much later its current plan (or the day it
was reached) is than its first plan, within the precision of the two
moments; a milestone moved earlier has no slip. An unreached milestone is
overdue once the whole interval its planned date means is past; on its day it
is not yet; inside a coarser plan ("2025-03" as of March 10th) it is ``None``:
undecidable, not guessed.
"""

from __future__ import annotations

import datetime as dt

import attrs

from remediation.model.deadline import as_moment
from remediation.model.milestones import Milestone, Replan
from remediation.model.moment import Moment, Span, order, shift
from remediation.model.work import WorkItem

__all__ = ["MilestoneEvaluation", "evaluate_item_plan", "evaluate_milestone"]

_DAY = dt.timedelta(days=1)
_NONE = Span(dt.timedelta(), dt.timedelta())


@attrs.frozen
class MilestoneEvaluation:
    """What is derived for one milestone.

    Attributes:
        id: The milestone's id.
        planned: The date planned now (the last re-plan's, or the first plan).
        replans: How many times the date moved.
        slip: How much later than first planned it is now planned or was
            reached; ``None`` when either date is unknown.
        reached: Whether the document says it was reached.
        overdue: Not reached and its planned date is past as of the evaluation
            date; ``None`` when undecidable or nothing is planned.
    """

    id: str
    planned: Moment | None
    replans: int = 0
    slip: Span | None = None
    reached: bool = False
    overdue: bool | None = None


def evaluate_milestone(milestone: Milestone, as_of: dt.datetime) -> MilestoneEvaluation:
    """The evaluation of *milestone* as of *as_of*.

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.milestones import Replan
        >>> from remediation.model.moment import parse_moment
        >>> ga = Milestone("ga", "GA", due=parse_moment("2025-03-01"),
        ...                replans=(Replan(parse_moment("2025-03-15")),))
        >>> result = evaluate_milestone(ga, dt.datetime(2025, 3, 20))
        >>> str(result.slip), result.overdue
        ('14 d', True)
    """
    reached = milestone.done is not None or milestone.reached
    return _plan_history(
        milestone.id, milestone.due, milestone.replans, milestone.done, as_of, reached=reached
    )


def evaluate_item_plan(item: WorkItem, as_of: dt.datetime, *, closed: bool) -> MilestoneEvaluation:
    """The plan history of work item *item* as of *as_of*, as a milestone's: its first due
    date, re-plans, slip and whether it is overdue (*closed*: it needs no more work).

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.moment import parse_moment
        >>> item = WorkItem("a", "A", due=dt.date(2025, 3, 1),
        ...                 replans=[Replan(parse_moment("2025-03-15"), reason="vendor late")])
        >>> result = evaluate_item_plan(item, dt.datetime(2025, 3, 10), closed=False)
        >>> str(result.slip), result.replans, result.overdue
        ('14 d', 1, False)
    """
    first = as_moment(item.due) if item.due is not None else None
    done = as_moment(item.done_on) if item.done_on is not None else None
    reached = closed or done is not None
    return _plan_history(item.id, first, item.replans, done, as_of, reached=reached)


def _plan_history(
    record_id: str,
    first: Moment | None,
    replans: tuple[Replan, ...],
    done: Moment | None,
    as_of: dt.datetime,
    *,
    reached: bool,
) -> MilestoneEvaluation:
    """What a first plan, its re-plans and the day it was reached say as of *as_of*."""
    planned = replans[-1].due if replans else first
    # Reached on no stated day: when is not said, so neither is its slip.
    final = done if done is not None else None if reached else planned
    slip = None
    if first is not None and final is not None:
        later = order(first, final)
        slip = shift(first, final) if later is not False else _NONE
    overdue: bool | None = None
    if reached:
        overdue = False
    elif planned is not None:
        if planned.latest <= as_of:
            overdue = True
        elif as_of < planned.earliest or planned.latest - planned.earliest <= _DAY:
            overdue = False  # not yet, or on the day it is due
        # otherwise the date falls inside a coarser plan ("2025-03"): undecidable
    return MilestoneEvaluation(
        id=record_id,
        planned=planned,
        replans=len(replans),
        slip=slip,
        reached=reached,
        overdue=overdue,
    )
