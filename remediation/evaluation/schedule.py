"""The projected schedule: calendar-correct start and finish of open work.

Open work items are laid out in dependency order from the evaluation date.
An item takes its own estimate; an item without one shares its phase's
timebox with the other such items of the phase: they wait for each other's
start, not finish, so that a chain of them takes one timebox, not one each.
Partial items are projected with their whole
duration, which errs late rather than early. Closed items take no time. A
phase runs from its first open item's start to its last open item's finish.
Durations are added by the calendar (:mod:`dateutil.relativedelta`).

Work whose duration nothing states (no estimate, no timebox) is *unscheduled*, and so is
everything that waits for it: its dates are the earliest it could start and
finish, not a projection, and while any open work is unscheduled the
schedule claims no finish and no critical path.

Due dates and phase starts may be stated at a lower precision than a day
("2024-03", "early March 2024"): a due date is then a deadline known only
within an interval (:class:`~remediation.model.deadline.Deadline`). Work is
overdue only once the last deadline it can mean has passed, late only when
projected to finish after that, and of undecidable lateness (``late`` is
``None``) when projected to finish inside the interval. A phase started on a
partial date is projected from the earliest instant it can mean, and its
timebox is over only when it is over from the latest.

Work on fixed dates (``fixed``: a freeze "until 2015-11-20", a meeting on a
day) runs from its fixed start (or the evaluation date) to its fixed end (or
its estimate, or the day its start names), whatever it waits for; work that
waits for it waits for that end. It is scheduled: its dates are stated. What
it waits for and is projected to finish after its start *blocks* it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from remediation.evaluation.lookup import by_id
from remediation.graph.structure import Structure
from remediation.model.deadline import DateOrMoment, Deadline, as_moment, on_clock
from remediation.model.duration import Duration
from remediation.model.moment import Moment
from remediation.model.records import FixedDates, Phase, WorkItem

__all__ = ["Schedule", "ScheduledWork", "Scheduler", "critical_path", "naive"]


@attrs.frozen
class ScheduledWork:
    """The projection of one open work item or phase.

    Attributes:
        id: The item's or phase's id.
        start: Projected start.
        finish: Projected finish.
        due: When it is due, if stated: the date planned now (after any re-plans).
        overdue: Open and past due as of the evaluation date (or, for a
            phase, past its started timebox). A due date of lower precision
            ("2024-03") is past only when the last day it can mean is.
        late: Projected to finish after it is due (never claimed for
            unscheduled work); ``None`` when the projected finish falls within
            the interval a due date of lower precision can mean, so that
            whether it is late is undecidable.
        estimated: Whether a duration is stated for it: its own estimate or
            its phase's timebox.
        scheduled: Whether its dates are a projection: its duration is known
            and so are those of everything it waits for. Otherwise *start*
            and *finish* are only the earliest they can be.
        timeboxed: It has no estimate of its own and shares its phase's
            timebox with the phase's other such items.
        fixed: It happens on dates the document fixes (:class:`~remediation.FixedDates`),
            whatever it waits for.
        blocked_by: For fixed work, the ids of what it waits for that is
            projected to finish (certainly) after its fixed start.
        ready: For fixed work that is blocked, when the last of what it waits
            for is projected to finish.
    """

    id: str
    start: dt.datetime
    finish: dt.datetime
    due: DateOrMoment | None = None
    overdue: bool = False
    late: bool | None = False
    estimated: bool = True
    scheduled: bool = True
    timeboxed: bool = False
    fixed: bool = False
    blocked_by: tuple[str, ...] = ()
    ready: dt.datetime | None = None


@attrs.frozen
class Schedule:
    """The projected schedule of an assessment's open work.

    Attributes:
        as_of: The moment the projection starts from.
        items: Open work items, in dependency order.
        phases: Phases with open work, in dependency order.
        finish: When the last open work is projected to finish; ``None``
            when nothing is open, or when some open work is unscheduled.
        critical_path: Ids of the chain of open items that decides the finish,
            first to last; empty when there is no finish.
        unscheduled: Ids of the open items whose dates are not a projection
            (see :attr:`ScheduledWork.scheduled`), in dependency order.
    """

    as_of: dt.datetime
    items: tuple[ScheduledWork, ...] = ()
    phases: tuple[ScheduledWork, ...] = ()
    finish: dt.datetime | None = None
    critical_path: tuple[str, ...] = ()
    unscheduled: tuple[str, ...] = ()
    # The projections by id, built on first lookup and kept here
    # (remediation.evaluation.lookup): never compared, copied or written.
    _index: dict[str, Mapping[str, object]] | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    @property
    def coverage(self) -> float | None:
        """Share of the open items that are scheduled; ``None`` when nothing is open.

        Examples:
            >>> from remediation import evaluate, examples
            >>> evaluate(examples.issue_1176()).schedule.coverage
            1.0
        """
        if not self.items:
            return None
        return 1 - len(self.unscheduled) / len(self.items)

    def item(self, item_id: str) -> ScheduledWork | None:
        """The projection of the open item *item_id*, or ``None`` if it is closed."""
        return by_id(self, "items", lambda: self.items).get(item_id)

    def phase(self, phase_id: str) -> ScheduledWork | None:
        """The projection of phase *phase_id*, or ``None`` if it has no open work."""
        return by_id(self, "phases", lambda: self.phases).get(phase_id)


def naive(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """*moment* on the wall clock of *zone* (UTC by default), without a time zone.

    A moment without a zone is taken to be on that clock already.
    """
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone or dt.UTC).replace(tzinfo=None)


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

    __slots__ = (
        "_calendar",
        "_deadlines",
        "_ends",
        "_spans",
        "_starts",
        "as_of",
        "groups",
        "requires",
        "today",
        "zone",
    )

    def __init__(
        self, structure: Structure, as_of: dt.datetime, zone: dt.tzinfo | None = None
    ) -> None:
        self.as_of = as_of
        self.zone = zone
        self.today = as_of.date()
        self.requires = structure.requires
        self.groups = structure.groups
        # A plan repeats a few estimates, due dates and phase starts many times.
        self._spans: dict[int, tuple[Duration, dt.timedelta | None]] = {}
        self._ends: dict[dt.date, dt.datetime] = {}
        self._starts: dict[int, tuple[dt.datetime | Moment, dt.datetime, dt.datetime]] = {}
        self._deadlines: dict[int, tuple[Moment, Deadline]] = {}
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

    def _start_of(self, start: dt.datetime | Moment, *, latest: bool = False) -> dt.datetime:
        """When a phase started, on the evaluation's clock: for a moment of lower
        precision ("2025-03"), the earliest instant it can mean, or with *latest* the last."""
        known = self._starts.get(id(start))
        if known is None or known[0] is not start:
            if isinstance(start, Moment):
                first, end = on_clock(start, self.zone)
                known = (start, first, max(first, end - dt.timedelta(microseconds=1)))
            else:
                at = naive(start, self.zone)
                known = (start, at, at)
            self._starts[id(start)] = known
        return known[2] if latest else known[1]

    def _deadline(self, due: Moment) -> Deadline:
        known = self._deadlines.get(id(due))
        if known is None or known[0] is not due:
            known = self._deadlines[id(due)] = (due, Deadline.of(due, self.zone))
        return known[1]

    def _past_and_late(
        self, due: DateOrMoment | None, finish: dt.datetime, *, scheduled: bool
    ) -> tuple[bool, bool | None]:
        """Whether work due on *due* is overdue, and whether finishing at *finish* is late."""
        if due is None:
            return False, False
        if not isinstance(due, Moment | dt.datetime):
            return due < self.today, scheduled and finish > self._end_of(due)
        deadline = self._deadline(due) if isinstance(due, Moment) else Deadline.of(due, self.zone)
        late = deadline.missed_by(finish) if scheduled else False
        return deadline.passed(self.as_of), late

    def item(
        self,
        work: WorkItem,
        holding: Phase | None,
        entry_of: Callable[[str], ScheduledWork | None],
    ) -> tuple[ScheduledWork, str | None]:
        """The projection of open item *work* (in phase *holding*), and what decides its start."""
        if work.fixed is not None:
            return self._fixed(work, work.fixed, holding, entry_of), None
        node = work.id
        begin = self.as_of
        duration = work.estimate
        timeboxed = False
        if holding is not None:
            if holding.start is not None:
                begin = max(begin, self._start_of(holding.start))
            if duration is None and holding.timebox is not None:
                duration, timeboxed = holding.timebox, True
        scheduled = duration is not None
        needs = self.requires.get(node, ())
        if timeboxed:
            assert holding is not None  # noqa: S101  (only a phase has a timebox)
            return self._timeboxed(work, holding, begin, needs, entry_of)
        decided_by = None
        for need in needs:
            entry = entry_of(need)
            if entry is None:
                continue
            scheduled = scheduled and entry.scheduled
            if entry.finish > begin:
                begin = entry.finish
                decided_by = need
        end = begin if duration is None else self._after(duration, begin)
        estimated = duration is not None
        return self._work(work, begin, end, estimated=estimated, scheduled=scheduled), decided_by

    def _fixed(
        self,
        work: WorkItem,
        fixed: FixedDates,
        holding: Phase | None,
        entry_of: Callable[[str], ScheduledWork | None],
    ) -> ScheduledWork:
        """Work on fixed dates: from its fixed start (or now) to its fixed end.

        Its dates do not move with what it waits for; what it waits for and is
        projected to finish after the last instant its start can mean blocks it.
        """
        latest_start: dt.datetime | None = None
        if fixed.start is not None:
            begin, latest_start = on_clock(as_moment(fixed.start), self.zone)
        else:
            begin = self.as_of
            if holding is not None and holding.start is not None:
                begin = max(begin, self._start_of(holding.start))
        if fixed.end is not None:
            end = Deadline.of(fixed.end, self.zone).latest
        elif work.estimate is not None:
            end = self._after(work.estimate, begin)
        else:
            assert latest_start is not None  # noqa: S101  (a start or an end is stated)
            end = latest_start  # the day, or time, the start names
        end = max(begin, end)
        blocked: list[str] = []
        ready: dt.datetime | None = None
        if latest_start is not None:
            for need in self.requires.get(work.id, ()):
                entry = entry_of(need)
                if entry is not None and entry.finish >= latest_start:
                    blocked.append(need)
                    ready = entry.finish if ready is None else max(ready, entry.finish)
        overdue, late = self._past_and_late(work.planned, end, scheduled=True)
        return ScheduledWork(
            work.id,
            begin,
            end,
            work.planned,
            overdue,
            late,
            fixed=True,
            blocked_by=tuple(blocked),
            ready=ready,
        )

    def _timeboxed(
        self,
        work: WorkItem,
        holding: Phase,
        begin: dt.datetime,
        needs: tuple[str, ...],
        entry_of: Callable[[str], ScheduledWork | None],
    ) -> tuple[ScheduledWork, str | None]:
        """An item that shares *holding*'s timebox with the phase's other items without estimates.

        Such items wait for the *start* of each other, not their finish: they
        run side by side within one timebox, however they depend on each
        other. Other work they wait for must finish first.
        """
        assert holding.timebox is not None  # noqa: S101  (the caller checked)
        decided_by = None
        scheduled = True
        groups, phase_id = self.groups, holding.id
        for need in needs:
            entry = entry_of(need)
            if entry is None:
                continue
            scheduled = scheduled and entry.scheduled
            shared = entry.timeboxed and groups.get(need) == phase_id
            at = entry.start if shared else entry.finish
            if at > begin:
                begin, decided_by = at, need
        end = self._after(holding.timebox, begin)
        projected = self._work(
            work, begin, end, estimated=True, scheduled=scheduled, timeboxed=True
        )
        return projected, decided_by

    def _work(
        self,
        work: WorkItem,
        begin: dt.datetime,
        end: dt.datetime,
        *,
        estimated: bool,
        scheduled: bool,
        timeboxed: bool = False,
    ) -> ScheduledWork:
        due = work.planned
        overdue, late = self._past_and_late(due, end, scheduled=scheduled)
        return ScheduledWork(
            work.id, begin, end, due, overdue, late, estimated, scheduled and estimated, timeboxed
        )

    def phase(
        self, phase: Phase, entry_of: Callable[[str], ScheduledWork | None]
    ) -> tuple[ScheduledWork, str] | None:
        """The projection of *phase* from those of its open items; ``None`` if none is open."""
        last: ScheduledWork | None = None
        first: dt.datetime | None = None
        scheduled = True
        for item in phase.items:
            entry = entry_of(item.id)
            if entry is None:
                continue
            scheduled = scheduled and entry.scheduled
            if last is None or entry.finish > last.finish:
                last = entry
            if first is None or entry.start < first:
                first = entry.start
        if last is None or first is None:
            return None
        timebox_over = (
            phase.start is not None
            and phase.timebox is not None
            and self._after(phase.timebox, self._start_of(phase.start, latest=True)) < self.as_of
        )
        overdue, late = self._past_and_late(phase.due, last.finish, scheduled=scheduled)
        return (
            ScheduledWork(
                id=phase.id,
                start=first,
                finish=last.finish,
                due=phase.due,
                overdue=overdue or timebox_over,
                late=late,
                scheduled=scheduled,
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
