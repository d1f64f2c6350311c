"""Dates a document states for its work: a day, or a moment at its real precision.

``due``, a phase's ``due``, a risk's ``deadline`` and an assessment's
``date`` take a :data:`DateOrMoment`: a plain ``YYYY-MM-DD`` is kept as a
:class:`datetime.date`, as before; anything else a :class:`~remediation.model.moment.Moment`
reads ("2024-03", "2023-MM-DD", "early March 2024", "2025-03-01 17:00 UTC")
is kept as that moment, with the author's text.

A due date is a *deadline*: work due on a day may be done until the end of
that day. A due date of lower precision names one of several days (or
times), so its deadline is itself an interval (:class:`Deadline`): work is
overdue only when the *latest* deadline it can mean has passed, and late
only when it finishes after that; finishing inside the interval is
undecidable, and said so (``None``), never guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

import attrs

from remediation.model.moment import Moment

__all__ = [
    "DateOrMoment",
    "Deadline",
    "as_moment",
    "as_stated",
    "certainly_after",
    "on_clock",
    "passed",
]

DateOrMoment: TypeAlias = dt.date | Moment
"""A stated date: a plain day, or a moment at the precision the document gives."""

_DAY = dt.timedelta(days=1)
_LAST = dt.datetime.max  # noqa: DTZ901  (naive, as every moment)


def as_moment(value: DateOrMoment) -> Moment:
    """*value* as the moment it means: a day is the whole day, a date-time its second.

    Examples:
        >>> import datetime as dt
        >>> day = as_moment(dt.date(2025, 3, 1))
        >>> day.text, day.earliest, day.latest
        ('2025-03-01', datetime.datetime(2025, 3, 1, 0, 0), datetime.datetime(2025, 3, 2, 0, 0))
    """
    if isinstance(value, Moment):
        return value
    if isinstance(value, dt.datetime):
        zoned = value.tzinfo is not None
        start = value.astimezone(dt.UTC).replace(tzinfo=None) if zoned else value
        return Moment(value.isoformat(), start, _plus(start, dt.timedelta(seconds=1)), zoned)
    start = dt.datetime.combine(value, dt.time())
    return Moment(value.isoformat(), start, _plus(start, _DAY))


def as_stated(moment: Moment) -> DateOrMoment:
    """*moment* as a stated date holds it: a plain ``YYYY-MM-DD`` day is a :class:`datetime.date`.

    Examples:
        >>> from remediation.model.moment import parse_moment
        >>> as_stated(parse_moment("2025-03-01")), str(as_stated(parse_moment("2025-03")))
        (datetime.date(2025, 3, 1), '2025-03')
    """
    text = moment.text
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return dt.date.fromisoformat(text)
    return moment


def passed(value: DateOrMoment, as_of: dt.date) -> bool:
    """Whether the last day *value* can mean is over by the day *as_of*.

    What holds "until" a date at a lower precision holds until its latest
    instant: an acceptance until "March 2026" has not expired on 2026-03-20.

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.moment import parse_moment
        >>> passed(dt.date(2026, 1, 31), dt.date(2026, 1, 31)), passed(dt.date(2026, 1, 31),
        ...     dt.date(2026, 2, 1))
        (False, True)
        >>> passed(parse_moment("2026-03"), dt.date(2026, 3, 20))
        False
    """
    return dt.datetime.combine(as_of, dt.time()) >= as_moment(value).latest


def on_clock(moment: Moment, zone: dt.tzinfo | None) -> tuple[dt.datetime, dt.datetime]:
    """The bounds of *moment* on the wall clock of *zone* (naive).

    A moment written with a zone is held in UTC; it is brought to *zone* when
    one is given, and otherwise compared as UTC. A moment without a zone is on
    the document's own clock already.
    """
    if not moment.zoned or zone is None:
        return moment.earliest, moment.latest

    def local(instant: dt.datetime) -> dt.datetime:
        if instant == _LAST:
            return instant
        try:
            return instant.replace(tzinfo=dt.UTC).astimezone(zone).replace(tzinfo=None)
        except OverflowError:
            return instant

    return local(moment.earliest), local(moment.latest)


def certainly_after(first: DateOrMoment, second: DateOrMoment) -> bool:
    """Whether *first* is after *second* whatever days or times they can mean.

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.moment import parse_moment
        >>> certainly_after(dt.date(2025, 5, 1), dt.date(2025, 4, 30))
        True
        >>> certainly_after(parse_moment("2025-04"), dt.date(2025, 4, 1))
        False
    """
    return as_moment(first).earliest >= as_moment(second).latest


@attrs.frozen
class Deadline:
    """The instants a due date can mean as a deadline, on the evaluation's clock.

    Attributes:
        earliest: Work finished by then is certainly on time.
        latest: Work still open then is certainly overdue.

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.moment import parse_moment
        >>> month = Deadline.of(parse_moment("2024-03"))
        >>> month.passed(dt.datetime(2024, 3, 15)), month.passed(dt.datetime(2024, 4, 1))
        (False, True)
        >>> month.missed_by(dt.datetime(2024, 3, 15)) is None
        True
    """

    earliest: dt.datetime
    latest: dt.datetime

    @classmethod
    def of(cls, value: DateOrMoment, zone: dt.tzinfo | None = None) -> Deadline:
        """The deadline of due date *value*: the end of the day, or of one of the days, it names.

        A moment with a time of day is due at that time (within its approximation).
        """
        moment = as_moment(value)
        earliest, latest = on_clock(moment, zone)
        midnight = dt.time()
        if (
            not moment.zoned
            and earliest.time() == midnight
            and latest.time() == midnight
            and latest - earliest >= _DAY
        ):
            earliest = _plus(
                earliest, _DAY
            )  # due on some day: at the earliest, the first day's end
        return cls(earliest, latest)

    def passed(self, now: dt.datetime) -> bool:
        """Whether every instant the deadline can mean is past at *now*."""
        return now >= self.latest

    def missed_by(self, finish: dt.datetime) -> bool | None:
        """Whether work finishing at *finish* is late: ``None`` when undecidable."""
        if finish > self.latest:
            return True
        if finish <= self.earliest:
            return False
        return None


def _plus(start: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    try:
        return start + delta
    except OverflowError:
        return _LAST
