"""The projected schedule: calendar-correct start and finish of open work.

Open work items are laid out in dependency order from the evaluation date.
An item takes its own estimate, or else its phase's timebox (the items of a
phase run side by side within it); partial items are projected with their
whole duration, which errs late rather than early. Closed items take no time.
A phase runs from its first open item's start to its last open item's finish.
Durations are added by the calendar (:mod:`dateutil.relativedelta`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

import attrs

from remediation.graph.structure import Structure
from remediation.model.duration import Duration
from remediation.model.records import Phase, WorkItem

__all__ = ["Schedule", "ScheduledWork", "Scheduler", "critical_path", "naive"]


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


_LAST = dt.datetime.max  # noqa: DTZ901  (schedules are naive calendar times)


def _after(duration: Duration, start: dt.datetime) -> dt.datetime:
    """*duration* after *start*, or the last representable moment past year 9999.

    Durations without years or months add as a :class:`datetime.timedelta`,
    which is what :mod:`dateutil.relativedelta` does for them too, only faster.
    """
    try:
        if duration.years or duration.months:
            return duration.after(start)
        return start + dt.timedelta(
            weeks=duration.weeks, days=duration.days, hours=duration.hours, minutes=duration.minutes
        )
    except (OverflowError, ValueError):
        return _LAST


def _end_of(day: dt.date) -> dt.datetime:
    """Midnight after *day*: work due that day may finish until then."""
    if day == dt.date.max:
        return _LAST
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


class Scheduler:
    """Projects one item or phase at a time, given the projections of what it waits for.

    The full evaluation calls it for every node in dependency order; an
    incremental evaluation calls it again only for the nodes a change reaches.
    """

    __slots__ = ("_calendar", "_ends", "_spans", "_starts", "as_of", "requires", "today")

    def __init__(self, structure: Structure, as_of: dt.datetime) -> None:
        self.as_of = as_of
        self.today = as_of.date()
        self.requires = structure.requires
        # A plan repeats a few estimates, due dates and phase starts many times.
        self._spans: dict[int, tuple[Duration, dt.timedelta | None]] = {}
        self._ends: dict[dt.date, dt.datetime] = {}
        self._starts: dict[int, tuple[dt.datetime, dt.datetime]] = {}
        # Adding months by the calendar is slow, and items of a phase often start together.
        self._calendar: dict[tuple[int, dt.datetime], tuple[Duration, dt.datetime]] = {}

    def _after(self, duration: Duration, start: dt.datetime) -> dt.datetime:
        """:func:`_after`, with the duration's :class:`~datetime.timedelta` made once."""
        known = self._spans.get(id(duration))
        if known is None or known[0] is not duration:
            span: dt.timedelta | None = None  # by the calendar (or too long for a timedelta)
            if not duration.years and not duration.months:
                with contextlib.suppress(OverflowError):
                    span = dt.timedelta(
                        weeks=duration.weeks,
                        days=duration.days,
                        hours=duration.hours,
                        minutes=duration.minutes,
                    )
            known = self._spans[id(duration)] = (duration, span)
        span = known[1]
        if span is None:
            key = (id(duration), start)
            added = self._calendar.get(key)
            if added is None or added[0] is not duration:
                added = self._calendar[key] = (duration, _after(duration, start))
            return added[1]
        try:
            return start + span
        except OverflowError:
            return _LAST

    def _end_of(self, day: dt.date) -> dt.datetime:
        end = self._ends.get(day)
        if end is None:
            end = self._ends[day] = _end_of(day)
        return end

    def _start_of(self, start: dt.datetime) -> dt.datetime:
        known = self._starts.get(id(start))
        if known is None or known[0] is not start:
            known = self._starts[id(start)] = (start, naive(start))
        return known[1]

    def item(
        self,
        work: WorkItem,
        holding: Phase | None,
        entry_of: Callable[[str], ScheduledWork | None],
    ) -> tuple[ScheduledWork, str | None]:
        """The projection of open item *work* (in phase *holding*), and what decides its start."""
        node = work.id
        begin = self.as_of
        duration = work.estimate
        if holding is not None:
            if holding.start is not None:
                begin = max(begin, self._start_of(holding.start))
            if duration is None:
                duration = holding.timebox
        decided_by = None
        for need in self.requires.get(node, ()):
            entry = entry_of(need)
            if entry is not None and entry.finish > begin:
                begin = entry.finish
                decided_by = need
        end = begin if duration is None else self._after(duration, begin)
        due = work.due
        estimated = duration is not None
        overdue = late = False
        if due is not None:
            overdue = due < self.today
            late = end > self._end_of(due)
        return ScheduledWork(node, begin, end, due, overdue, late, estimated), decided_by

    def phase(
        self, phase: Phase, entry_of: Callable[[str], ScheduledWork | None]
    ) -> tuple[ScheduledWork, str] | None:
        """The projection of *phase* from those of its open items; ``None`` if none is open."""
        last: ScheduledWork | None = None
        first: dt.datetime | None = None
        for item in phase.items:
            entry = entry_of(item.id)
            if entry is None:
                continue
            if last is None or entry.finish > last.finish:
                last = entry
            if first is None or entry.start < first:
                first = entry.start
        if last is None or first is None:
            return None
        timebox_over = (
            phase.start is not None
            and phase.timebox is not None
            and self._after(phase.timebox, self._start_of(phase.start)) < self.as_of
        )
        return (
            ScheduledWork(
                id=phase.id,
                start=first,
                finish=last.finish,
                due=phase.due,
                overdue=(phase.due is not None and phase.due < self.today) or timebox_over,
                late=phase.due is not None and last.finish > self._end_of(phase.due),
            ),
            last.id,
        )


def critical_path(
    end_item: str,
    decided_by: Callable[[str], str | None],
    is_item: Callable[[str], bool],
) -> tuple[str, ...]:
    """The chain of open items that decides the finish of *end_item*, first to last."""
    path: list[str] = []
    node: str | None = end_item
    while node is not None:
        if is_item(node):
            path.append(node)
        node = decided_by(node)
    return tuple(reversed(path))
