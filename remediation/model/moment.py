"""Moments as documents write them: at their real precision, often approximate.

A postmortem says "2017-01-31 ± 17:20 UTC", "early March 2024" or
"2023-02-DD"; a plan says "2025-06". A :class:`Moment` keeps the author's text
and reads it as the interval of time it can mean: a day is the whole day, a
month the whole month, an approximate time a window around it. Comparisons
honour the interval: one moment is before another only if it ends before the
other begins; when the two overlap the order is undecidable, and
:func:`order` says so with ``None`` rather than guess.

The forms read (a ``T`` or a space between date and time; the zone ``Z``,
``UTC``, ``GMT`` or an offset such as ``+02:00``; without a zone, times are
taken on the document's own clock and compared as if UTC):

* ``2025``, ``2025-03``, ``2025-03-01``: a year, a month, a day;
* ``2025-03-DD`` or ``2025-03-??`` (the day unknown), ``2025-MM-DD`` (month unknown);
* ``2025-03-01 17:20``, ``2025-03-01T17:20:05Z``, ``2025-03-01 17:20 UTC``: a minute or second;
* ``~``, ``±``, ``about``, ``approx.``, ``circa`` or ``ca.`` before the time or the whole:
  approximate, within :data:`APPROXIMATE_TIME` of a time, :data:`APPROXIMATE_DAY` of a day;
* ``early March 2024``, ``mid March 2024``, ``late March 2024``: days 1-10, 11-20, 21-end.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

__all__ = [
    "APPROXIMATE_DAY",
    "APPROXIMATE_TIME",
    "Moment",
    "Span",
    "between",
    "order",
    "parse_moment",
    "shift",
]

APPROXIMATE_TIME = dt.timedelta(minutes=15)
"""How far an approximate time ("~14:00", "± 17:20") may be from what it says."""
APPROXIMATE_DAY = dt.timedelta(days=1)
"""How far an approximate day ("about 2025-03-01") may be from what it says."""

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_APPROXIMATE = re.compile(
    r"^\s*(?:~|±|\+/-|about\b|approx\.?|approximately\b|circa\b|ca\.)\s*", re.I
)
_DATE = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{2}|MM|\?\?)(?:-(?P<day>\d{2}|DD|\?\?))?)?$", re.I
)
_TIME = re.compile(
    r"^(?P<approx>~|±|\+/-)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.I,
)
_DATE_AND_TIME = re.compile(r"^(?P<date>\S+?)(?:(?:T|\s+)(?P<time>.+))?$")
_PART_OF_MONTH = re.compile(
    r"^(?P<part>early|mid|late)[\s-]+(?P<month>[a-z]+)\.?\s+(?P<year>\d{4})$", re.I
)
_FORMS = (
    "2025, 2025-03, 2025-03-01, 2025-03-DD, 2025-03-01 17:20 UTC, 2025-03-01T17:20:05+02:00, "
    "~2025-03-01 14:00, 2025-03-01 ± 17:20 UTC, early March 2024"
)


@attrs.frozen
class Span:
    """A length of time known within bounds: between *low* and *high*.

    Attributes:
        low: The shortest it can be.
        high: The longest it can be.
    """

    low: dt.timedelta
    high: dt.timedelta

    @property
    def exact(self) -> bool:
        """Whether the bounds agree."""
        return self.low == self.high

    def __contains__(self, length: object) -> bool:
        return isinstance(length, dt.timedelta) and self.low <= length <= self.high

    def __str__(self) -> str:
        if self.exact:
            return _length(self.low)
        return f"{_length(self.low)} to {_length(self.high)}"


def _length(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{minutes} min"] if minutes or not parts else []
    return " ".join(parts)


@attrs.frozen
class Moment:
    """A point in time as a document writes it, read as the interval it can mean.

    Attributes:
        text: What the author wrote, kept for rendering and round trips.
        earliest: The first instant it can mean (UTC if a zone was given).
        latest: The instant its interval ends (exclusive).
        zoned: Whether the text gives a time zone.
        approximate: Whether the text says it is approximate.

    Examples:
        >>> day = parse_moment("2025-03-01")
        >>> day.earliest, day.latest
        (datetime.datetime(2025, 3, 1, 0, 0), datetime.datetime(2025, 3, 2, 0, 0))
        >>> parse_moment("2017-01-31 ± 17:20 UTC").earliest
        datetime.datetime(2017, 1, 31, 17, 5)
    """

    text: str
    earliest: dt.datetime
    latest: dt.datetime
    zoned: bool = False
    approximate: bool = False

    @property
    def precise(self) -> bool:
        """Whether it names one minute (or second) and is not approximate."""
        return not self.approximate and self.latest - self.earliest <= dt.timedelta(minutes=1)

    def __str__(self) -> str:
        return self.text


def order(first: Moment, second: Moment) -> bool | None:
    """Whether *first* is before *second*: ``True``, ``False``, or ``None`` when undecidable.

    Equal precise moments are in order (``True``): nothing happened out of turn.

    Examples:
        >>> order(parse_moment("2025-03-01 10:00"), parse_moment("2025-03-01 11:00"))
        True
        >>> order(parse_moment("2025-03-02"), parse_moment("2025-03-01 11:00"))
        False
        >>> order(parse_moment("2025-03"), parse_moment("2025-03-15")) is None
        True
    """
    if first.latest <= second.earliest or (
        first.earliest == second.earliest and first.latest == second.latest and first.precise
    ):
        return True
    if second.latest <= first.earliest:
        return False
    return None


def between(start: Moment, end: Moment) -> Span:
    """How long from *start* to *end*, within the bounds their precision allows (never negative).

    Examples:
        >>> str(between(parse_moment("2025-03-01 15:10"), parse_moment("2025-03-01 16:16")))
        '1 h 6 min'
    """
    zero = dt.timedelta()
    if start.precise and end.precise:
        exact = max(zero, end.earliest - start.earliest)
        return Span(exact, exact)
    return Span(max(zero, end.earliest - start.latest), max(zero, end.latest - start.earliest))


def shift(before: Moment, after: Moment) -> Span:
    """How far a date moved from *before* to *after* (never negative).

    Unlike :func:`between` (the time elapsed from one event to another), two
    dates of the same precision moved by exactly the difference of their
    starts: from 2025-03-01 to 2025-04-01 is 31 days, not 30 to 32.

    Examples:
        >>> str(shift(parse_moment("2025-03-01"), parse_moment("2025-04-01")))
        '31 d'
        >>> str(shift(parse_moment("2025-03"), parse_moment("2025-04-15")))
        '14 d to 46 d'
    """
    same = before.latest - before.earliest == after.latest - after.earliest
    if same and not (before.approximate or after.approximate):
        moved = max(dt.timedelta(), after.earliest - before.earliest)
        return Span(moved, moved)
    return between(before, after)


def parse_moment(text: str) -> Moment:
    """Read a moment in one of the forms of this module's documentation.

    Raises:
        ValueError: The text is not one of those forms, or names a day that does
            not exist; the message lists the forms.
    """
    written = text.strip()
    rest = written
    approximate = False
    match = _APPROXIMATE.match(rest)
    if match:
        approximate, rest = True, rest[match.end() :]
    part = _PART_OF_MONTH.match(rest)
    if part:
        return _part_of_month(written, part)
    parts = _DATE_AND_TIME.match(rest)
    if parts is None:
        raise ValueError(_expected(written))
    date_text, time_text = parts["date"], parts["time"] or ""
    date_match = _DATE.match(date_text)
    if date_match is None:
        raise ValueError(_expected(written))
    earliest, latest = _date_bounds(written, date_match)
    if not time_text.strip():
        if approximate:
            earliest = earliest - APPROXIMATE_DAY if earliest.year > dt.MINYEAR else earliest
            latest = _plus(latest, APPROXIMATE_DAY)
        return Moment(written, earliest, latest, approximate=approximate)
    day_text = date_match["day"]
    if day_text is None or not day_text.isdigit():
        msg = f"{written!r}: a time needs a whole date before it; expected one of: {_FORMS}"
        raise ValueError(msg)
    time_match = _TIME.match(time_text.strip())
    if time_match is None:
        raise ValueError(_expected(written))
    return _with_time(written, earliest, time_match, approximate=approximate)


def _expected(written: str) -> str:
    return f"{written!r} is not a moment; expected one of: {_FORMS}"


def _date_bounds(written: str, match: re.Match[str]) -> tuple[dt.datetime, dt.datetime]:
    year = int(match["year"])
    month_text, day_text = match["month"], match["day"]
    try:
        if month_text is None or not month_text.isdigit():
            if day_text is not None and day_text.isdigit():
                raise ValueError(_expected(written))
            start = dt.datetime(year, 1, 1)  # noqa: DTZ001  (naive by design)
            return start, start.replace(year=year + 1) if year < dt.MAXYEAR else _END
        month = int(month_text)
        if day_text is None or not day_text.isdigit():
            start = dt.datetime(year, month, 1)  # noqa: DTZ001  (naive by design)
            days = calendar.monthrange(year, month)[1]
            return start, _plus(start, dt.timedelta(days=days))
        start = dt.datetime(year, month, int(day_text))  # noqa: DTZ001  (naive by design)
    except ValueError as error:
        if "is not a moment" in str(error):
            raise
        msg = f"{written!r}: no such day ({error}); expected one of: {_FORMS}"
        raise ValueError(msg) from None
    return start, _plus(start, dt.timedelta(days=1))


_END = dt.datetime.max  # noqa: DTZ901  (naive, as every moment)
"""Where the calendar ends: an interval reaching past year 9999 ends here."""


def _plus(start: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    try:
        return start + delta
    except OverflowError:
        return _END


def _with_time(
    written: str, day: dt.datetime, match: re.Match[str], *, approximate: bool
) -> Moment:
    approximate = approximate or match["approx"] is not None
    hour, minute = int(match["hour"]), int(match["minute"])
    second = match["second"]
    try:
        start = day.replace(hour=hour, minute=minute, second=int(second or 0))
    except ValueError:
        msg = f"{written!r}: no such time of day; expected one of: {_FORMS}"
        raise ValueError(msg) from None
    zone = match["zone"]
    if zone is not None:
        try:
            start = start - _offset(zone)
        except OverflowError:
            msg = f"{written!r}: outside the calendar once brought to UTC"
            raise ValueError(msg) from None
    length = dt.timedelta(seconds=1) if second is not None else dt.timedelta(minutes=1)
    earliest, latest = start, _plus(start, length)
    if approximate:
        earliest, latest = earliest - APPROXIMATE_TIME, _plus(latest, APPROXIMATE_TIME)
    return Moment(written, earliest, latest, zoned=zone is not None, approximate=approximate)


def _offset(zone: str) -> dt.timedelta:
    if zone.upper() in {"Z", "UTC", "GMT"}:
        return dt.timedelta()
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))


def _part_of_month(written: str, match: re.Match[str]) -> Moment:
    month = _MONTHS.get(match["month"].lower())
    if month is None:
        raise ValueError(_expected(written))
    year = int(match["year"])
    first, last = _PARTS[match["part"].lower()]
    last = min(last, calendar.monthrange(year, month)[1])
    start = dt.datetime(year, month, first)  # noqa: DTZ001  (naive by design)
    end = _plus(dt.datetime(year, month, last), dt.timedelta(days=1))  # noqa: DTZ001  (naive by design)
    return Moment(written, start, end, approximate=True)  # a part of a month is vague
