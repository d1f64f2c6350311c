"""Rules on the schedule: open work past due, projected late, or without any estimate."""

from __future__ import annotations

import datetime as dt

from remediation.evaluation.schedule import ScheduledWork
from remediation.model.policy import FindingSeverity
from remediation.model.records import Phase, WorkItem
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "beyond_calendar",
    "fixed_date_blocked",
    "missing_estimate",
    "overdue",
    "projected_late",
]


@rule(
    "overdue",
    title="Open work past its due date",
    scope=Scope.SCHEDULE,
    reads=("item", "phase", "schedule"),
    when=("overdue", [True]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: open, estimate: 1 day, due: 2025-03-01}\n",
            "'patch' is open and past due (2025-03-01) as of 2025-03-03",
        ),
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: not stated, estimate: 1 day,"
            " due: 2025-03-01}\n",
            "'patch' is past due (2025-03-01) as of 2025-03-03, and the document does not say "
            "whether it is done",
        ),
    ],
)
def overdue(record: WorkItem | Phase, work: ScheduledWork, context: Context) -> Found:
    """What it does:
        Flags open work whose due date has passed as of the evaluation date, and a
        phase whose timebox, counted from its start, is over while work is open. Work
        whose status the document does not state is flagged as past due without being
        called open: whether it is done is not known.

    Why is this bad?
        A due date that passed unremarked is a plan nobody is following; the document
        should say what happened and when the work is now expected.
    """
    if work.overdue:
        unstated = isinstance(record, WorkItem) and not record.status.progress.is_known
        state = "is past due" if unstated else "is open and past due"
        message = f"{work.id!r} {state} ({work.due or 'timebox over'}) as of {context.as_of.date()}"
        if unstated:
            message += ", and the document does not say whether it is done"
        return [(message, (work.id,))]
    return ()


@rule(
    "projected-late",
    title="Projected to finish after its due date",
    scope=Scope.SCHEDULE,
    reads=("item", "phase", "schedule"),
    when=("late", [True]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: open, estimate: 2 weeks, due: 2025-03-07}\n",
            "'patch' is due 2025-03-07 but projected to finish 2025-03-17",
        )
    ],
)
def projected_late(record: WorkItem | Phase, work: ScheduledWork, context: Context) -> Found:
    """What it does:
        Projects open work from the evaluation date in dependency order, with its
        estimates, and flags work (not yet overdue) that finishes after it is due.

    Why is this bad?
        A due date the plan cannot meet will be missed; saying so early is the point
        of a schedule.
    """
    if work.late and not work.overdue:
        message = f"{work.id!r} is due {work.due} but projected to finish {work.finish.date()}"
        return [(message, (work.id,))]
    return ()


@rule(
    "schedule-beyond-calendar",
    title="Projected past what the calendar holds",
    scope=Scope.SCHEDULE,
    reads=("item", "phase", "schedule"),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: open, estimate: 9000 years}\n",
            "'patch' is projected to finish after the year 9999, past what dates can hold; "
            "its finish is unknown",
        )
    ],
)
def beyond_calendar(record: WorkItem | Phase, work: ScheduledWork, context: Context) -> Found:
    """What it does:
        Flags open work whose projected finish falls after the year 9999, the last a
        date can hold. The schedule shows it at the last moment there is.

    Why is this bad?
        The finish shown is not a projection but the end of the calendar; the estimate
        behind it (thousands of years, or one in the wrong unit) is almost certainly a
        mistake, and everything scheduled after it is unknown too.
    """
    if work.finish == dt.datetime.max:  # noqa: DTZ901  (schedules are naive calendar times)
        message = (
            f"{work.id!r} is projected to finish after the year 9999, past what dates can "
            "hold; its finish is unknown"
        )
        return [(message, (work.id,))]
    return ()


@rule(
    "fixed-date-blocked",
    title="Work on fixed dates waiting for work that finishes later",
    scope=Scope.SCHEDULE,
    reads=("item", "phase", "schedule"),
    when=("fixed", [True]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: open, estimate: 2 weeks}\n"
            "      - {id: review, title: Review meeting, status: open, depends_on: [patch],\n"
            "         fixed: {start: 2025-03-05}}\n",
            "'review' is fixed to start 2025-03-05, but 'patch' it waits for is projected to "
            "finish 2025-03-17",
        )
    ],
)
def fixed_date_blocked(record: WorkItem | Phase, work: ScheduledWork, context: Context) -> Found:
    """What it does:
        Flags work on fixed dates (a meeting, a freeze, a release window) whose
        dependencies are projected to finish after the last instant its fixed start
        can mean.

    Why is this bad?
        Work on fixed dates does not wait: the meeting happens on its day, ready or
        not. Work it needs that cannot be done by then means that either the date or
        the plan for what comes before it has to change, and the plan should say which.
    """
    if not work.blocked_by or not isinstance(record, WorkItem) or record.fixed is None:
        return ()
    start = record.fixed.start
    needs = ", ".join(map(repr, work.blocked_by))
    ready = f" {work.ready.date()}" if work.ready is not None else " after it"
    message = f"{work.id!r} is fixed to start {start}, but {needs} it waits for"
    message += f" {'is' if len(work.blocked_by) == 1 else 'are'} projected to finish{ready}"
    return [(message, (work.id, *work.blocked_by))]


@rule(
    "missing-estimate",
    title="Open work without an estimate",
    scope=Scope.SCHEDULE,
    severity=FindingSeverity.INFO,
    reads=("item", "phase", "schedule"),
    when=("estimated", [False]),
    examples=[
        Example(
            EXAMPLE_HEADER + "phases:\n  - id: fix\n    title: Fix\n    items:\n"
            "      - {id: patch, title: Patch, status: open}\n",
            "item 'patch' has no estimate and no phase timebox: it is unscheduled, and no "
            "finish date or critical path is projected",
        ),
    ],
)
def missing_estimate(record: WorkItem | Phase, work: ScheduledWork, context: Context) -> Found:
    """What it does:
        Flags an open item with neither an estimate of its own nor a timebox of its
        phase.

    Why is this bad?
        Nothing says how long such an item takes, so it is unscheduled: no finish
        date or critical path can be projected through it or the work that waits
        for it. Giving it a zero duration would make every date earlier than it can be.
    """
    if work.estimated:
        return ()
    message = (
        f"item {work.id!r} has no estimate and no phase timebox: it is unscheduled, "
        "and no finish date or critical path is projected"
    )
    return [(message, (work.id,))]
