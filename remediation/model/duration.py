"""Calendar durations: "4 Hours", "2 Weeks", "1 Month", ``P1M2D``, ``PT4H``.

A :class:`Duration` is calendar arithmetic, not a number of seconds: one month
after 2025-01-31 is 2025-02-28. Adding is done by :mod:`dateutil.relativedelta`.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
from dateutil.relativedelta import relativedelta

from remediation.model.validators import non_negative

__all__ = ["Duration", "parse_duration"]

_UNITS = {
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
    "mo": "months", "mon": "months", "month": "months", "months": "months",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "d": "days", "day": "days", "days": "days",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
    "minutes": "minutes",
}  # fmt: skip

_ISO = re.compile(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?)?",
)
_PART = re.compile(r"(\d+)\s*([a-z]+)")
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12}  # fmt: skip


@attrs.frozen
class Duration:
    """A calendar duration in whole units.

    Attributes:
        years, months, weeks, days, hours, minutes: The parts; none negative.
    """

    years: int = attrs.field(default=0, validator=non_negative)
    months: int = attrs.field(default=0, validator=non_negative)
    weeks: int = attrs.field(default=0, validator=non_negative)
    days: int = attrs.field(default=0, validator=non_negative)
    hours: int = attrs.field(default=0, validator=non_negative)
    minutes: int = attrs.field(default=0, validator=non_negative)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse text: see :func:`parse_duration`."""
        return parse_duration(text)

    def to_relativedelta(self) -> relativedelta:
        """The duration as a :class:`~dateutil.relativedelta.relativedelta`."""
        return relativedelta(
            years=self.years,
            months=self.months,
            weeks=self.weeks,
            days=self.days,
            hours=self.hours,
            minutes=self.minutes,
        )

    def after(self, start: dt.datetime) -> dt.datetime:
        """The moment this duration after *start*, by the calendar.

        Examples:
            >>> import datetime as dt
            >>> Duration(months=1).after(dt.datetime(2025, 1, 31))
            datetime.datetime(2025, 2, 28, 0, 0)
        """
        result: dt.datetime = start + self.to_relativedelta()
        return result

    @property
    def is_zero(self) -> bool:
        """Whether every part is zero."""
        return not any(attrs.astuple(self))

    def isoformat(self) -> str:
        """The ISO 8601 form, such as ``P1M2D`` or ``PT4H``."""
        date_part = "".join(
            f"{value}{unit}"
            for value, unit in (
                (self.years, "Y"), (self.months, "M"), (self.weeks, "W"), (self.days, "D"),
            )
            if value
        )  # fmt: skip
        time_part = "".join(
            f"{value}{unit}" for value, unit in ((self.hours, "H"), (self.minutes, "M")) if value
        )
        if not date_part and not time_part:
            return "PT0M"
        return f"P{date_part}" + (f"T{time_part}" if time_part else "")

    def __str__(self) -> str:
        return self.isoformat()

    def words(self) -> str:
        """The duration in words, for messages (``"9 hours"``, ``"1 week 2 days"``).

        Examples:
            >>> parse_duration("9 hours").words(), Duration(weeks=1, days=2).words()
            ('9 hours', '1 week 2 days')
            >>> Duration().words()
            'no time'
        """
        parts = [
            f"{value} {unit if value == 1 else unit + 's'}"
            for value, unit in (
                (self.years, "year"),
                (self.months, "month"),
                (self.weeks, "week"),
                (self.days, "day"),
                (self.hours, "hour"),
                (self.minutes, "minute"),
            )
            if value
        ]
        return " ".join(parts) or "no time"


def parse_duration(text: str) -> Duration:
    """Parse a duration written by a person or in ISO 8601.

    Accepted: ``"4 Hours"``, ``"2 weeks"``, ``"1 Month"``, ``"3d"``,
    ``"1 week 2 days"``, ``"a month"``, ``"PT4H"``, ``"P2W"``, ``"P1M2DT3H"``.

    Raises:
        ValueError: The text is not a duration.

    Examples:
        >>> parse_duration("4 Hours")
        Duration(years=0, months=0, weeks=0, days=0, hours=4, minutes=0)
        >>> str(parse_duration("2 Weeks")), str(parse_duration("P1M"))
        ('P2W', 'P1M')
    """
    stripped = text.strip()
    iso = _ISO.fullmatch(stripped.upper())
    if iso is not None:
        return Duration(**{k: int(v) for k, v in iso.groupdict().items() if v is not None})
    lowered = stripped.lower().replace(",", " ").replace(" and ", " ")
    for word, number in _WORD_NUMBERS.items():
        lowered = re.sub(rf"\b{word}\b\s+(?=[a-z])", f"{number} ", lowered)
    parts: dict[str, int] = {}
    position = 0
    for match in _PART.finditer(lowered):
        if lowered[position : match.start()].strip():
            break
        unit = _UNITS.get(match.group(2))
        if unit is None or unit in parts:
            break
        parts[unit] = int(match.group(1))
        position = match.end()
    else:
        if parts and not lowered[position:].strip():
            return Duration(**parts)
    msg = (
        f"not a duration: {text!r}; expected a number and a unit (hours, days, weeks, "
        "months, years), such as '4 hours' or '2 weeks', or ISO 8601 such as 'P2W' or 'PT4H'"
    )
    raise ValueError(msg)
