"""The projected schedule: calendar-correct start and finish of open work.

Open work items are laid out in dependency order from the evaluation date.
An item takes its own estimate, or else its phase's timebox (the items of a
phase run side by side within it); partial items are projected with their
whole duration, which errs late rather than early. Closed items take no time.
A phase runs from its first open item's start to its last open item's finish.
Durations are added by the calendar (:mod:`dateutil.relativedelta`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from remediation._duration import Duration
from remediation._graph import Structure
from remediation._records import Assessment, Phase, WorkItem

__all__ = ["Schedule", "ScheduledWork", "compute_schedule", "naive"]


@attrs.frozen
class ScheduledWork:
    """The projection of one open work item or phase.

    Attributes:
        id: The item's or phase's id.
        start: Projected start.
        finish: Projected finish.
        due: When it is due, if stated.
        overdue: Open and past due as of the evaluation date (or, for a
            phase, past its started timebox).
        late: Projected to finish after it is due.
        estimated: Whether a duration was known (else it takes no time).
    """

    id: str
    start: dt.datetime
    finish: dt.datetime
    due: dt.date | None = None
    overdue: bool = False
    late: bool = False
    estimated: bool = True


@attrs.frozen
class Schedule:
    """The projected schedule of an assessment's open work.

    Attributes:
        as_of: The moment the projection starts from.
        items: Open work items, in dependency order.
        phases: Phases with open work, in dependency order.
        finish: When the last open work is projected to finish; ``None``
            when nothing is open.
        critical_path: Ids of the chain of open items that decides the finish,
            first to last.
    """

    as_of: dt.datetime
    items: tuple[ScheduledWork, ...] = ()
    phases: tuple[ScheduledWork, ...] = ()
    finish: dt.datetime | None = None
    critical_path: tuple[str, ...] = ()

    def item(self, item_id: str) -> ScheduledWork | None:
        """The projection of the open item *item_id*, or ``None`` if it is closed."""
        return next((work for work in self.items if work.id == item_id), None)

    def phase(self, phase_id: str) -> ScheduledWork | None:
        """The projection of phase *phase_id*, or ``None`` if it has no open work."""
        return next((work for work in self.phases if work.id == phase_id), None)


def naive(moment: dt.datetime) -> dt.datetime:
    """*moment* without a time zone: converted to UTC first if it has one."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


_NO_TIME = Duration()
_LAST = dt.datetime.max  # noqa: DTZ901  (schedules are naive calendar times)


def _after(duration: Duration, start: dt.datetime) -> dt.datetime:
    """*duration* after *start*, or the last representable moment past year 9999."""
    try:
        return duration.after(start)
    except (OverflowError, ValueError):
        return _LAST


def _end_of(day: dt.date) -> dt.datetime:
    """Midnight after *day*: work due that day may finish until then."""
    if day == dt.date.max:
        return _LAST
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def compute_schedule(
    assessment: Assessment, structure: Structure, closed: Mapping[str, bool], as_of: dt.datetime
) -> Schedule:
    """Project the open work of *assessment* from *as_of*.

    *closed* says, for each work item id, whether it needs no more work.
    """
    items: dict[str, WorkItem] = {}
    holder: dict[str, Phase | None] = {}
    for group, item in assessment.iter_items():
        items[item.id] = item
        holder[item.id] = group if isinstance(group, Phase) else None
    phases = {phase.id: phase for phase in assessment.phases}
    today = as_of.date()

    finish: dict[str, dt.datetime] = {}
    start: dict[str, dt.datetime] = {}
    decided_by: dict[str, str] = {}
    scheduled_items: list[ScheduledWork] = []
    scheduled_phases: list[ScheduledWork] = []
    for node in structure.order:
        work = items.get(node)
        if work is not None:
            if closed[node]:
                continue
            holding = holder[node]
            begin = as_of
            if holding is not None and holding.start is not None:
                begin = max(begin, naive(holding.start))
            for need in structure.requires.get(node, ()):
                if need in finish and finish[need] > begin:
                    begin = finish[need]
                    decided_by[node] = need
            duration = work.estimate or (holding.timebox if holding is not None else None)
            end = _after(duration or _NO_TIME, begin)
            start[node], finish[node] = begin, end
            scheduled_items.append(
                ScheduledWork(
                    id=node,
                    start=begin,
                    finish=end,
                    due=work.due,
                    overdue=work.due is not None and work.due < today,
                    late=work.due is not None and end > _end_of(work.due),
                    estimated=duration is not None,
                )
            )
            continue
        phase = phases[node]
        open_items = [i.id for i in phase.items if i.id in finish]
        if not open_items:
            continue
        last = max(open_items, key=finish.__getitem__)
        first = min(start[i] for i in open_items)
        finish[node] = finish[last]
        decided_by[node] = last
        timebox_over = (
            phase.start is not None
            and phase.timebox is not None
            and _after(phase.timebox, naive(phase.start)) < as_of
        )
        scheduled_phases.append(
            ScheduledWork(
                id=node,
                start=first,
                finish=finish[node],
                due=phase.due,
                overdue=(phase.due is not None and phase.due < today) or timebox_over,
                late=phase.due is not None and finish[node] > _end_of(phase.due),
            )
        )

    if not scheduled_items:
        return Schedule(as_of=as_of, phases=tuple(scheduled_phases))
    end_item = max(scheduled_items, key=lambda work: work.finish).id
    path: list[str] = []
    node_id: str | None = end_item
    while node_id is not None:
        if node_id in items:
            path.append(node_id)
        node_id = decided_by.get(node_id)
    return Schedule(
        as_of=as_of,
        items=tuple(scheduled_items),
        phases=tuple(scheduled_phases),
        finish=finish[end_item],
        critical_path=tuple(reversed(path)),
    )
