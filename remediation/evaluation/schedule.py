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
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from remediation.evaluation.lookup import by_id
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
        late: Projected to finish after it is due (never claimed for
            unscheduled work).
        estimated: Whether a duration is stated for it: its own estimate or
            its phase's timebox.
        scheduled: Whether its dates are a projection: its duration is known
            and so are those of everything it waits for. Otherwise *start*
            and *finish* are only the earliest they can be.
        timeboxed: It has no estimate of its own and shares its phase's
            timebox with the phase's other such items.
    """

    id: str
    start: dt.datetime
    finish: dt.datetime
    due: dt.date | None = None
    overdue: bool = False
    late: bool = False
    estimated: bool = True
    scheduled: bool = True
    timeboxed: bool = False


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
            known = self._starts[id(start)] = (start, naive(start, self.zone))
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
        due = work.due
        overdue = late = False
        if due is not None:
            overdue = due < self.today
            late = scheduled and end > self._end_of(due)
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
            and self._after(phase.timebox, self._start_of(phase.start)) < self.as_of
        )
        return (
            ScheduledWork(
                id=phase.id,
                start=first,
                finish=last.finish,
                due=phase.due,
                overdue=(phase.due is not None and phase.due < self.today) or timebox_over,
                late=scheduled and phase.due is not None and last.finish > self._end_of(phase.due),
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
