"""Measurement series: a metric measured at several times, with the properties it must have.

A :class:`SeriesEvidence` is a piece of evidence (``kind: series``): its
points are figures (:class:`~remediation.model.quantity.Quantity`) with the
moment each was measured. The author (or a rule) declares what the series
must do: a ``cumulative`` count never decreases, a ``monotonic`` series only
goes one way, a bounded one stays within ``lower`` and ``upper``. A
criterion may take its current value from a series (``current_from``): the
latest point's value.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra
from remediation.model.moment import Moment
from remediation.model.quantity import Quantity
from remediation.model.units import Unit, parse_unit
from remediation.model.validators import finite

__all__ = ["Direction", "SeriesEvidence", "SeriesPoint"]


class Direction(enum.Enum):
    """Which way a monotonic series goes (never the other way; staying is allowed)."""

    INCREASING = "increasing"
    DECREASING = "decreasing"


@attrs.frozen(cache_hash=True)
class SeriesPoint:
    """One measurement of a series.

    Attributes:
        at: When it was measured: a date-time, or a moment at the precision the
            document gives ("early March 2024"); a series with such a point has no
            trend (a trend is fitted through instants).
        value: The figure, as written (``"~15K"``, ``"13,337"``, ``"0.9 s"``).
        quote: The words that state it.
    """

    at: dt.datetime | Moment
    value: Quantity
    quote: str = ""

    @property
    def instant(self) -> bool:
        """Whether it was measured at an instant (a date-time, or a moment of a minute)."""
        at = self.at
        return not isinstance(at, Moment) or at.precise

    @property
    def earliest(self) -> dt.datetime:
        """The earliest instant it can have been measured at (naive taken as UTC)."""
        at = self.at
        return _sortable(at.earliest if isinstance(at, Moment) else at)

    @property
    def latest(self) -> dt.datetime:
        """The latest instant it can have been measured at (naive taken as UTC)."""
        at = self.at
        return _sortable(at.latest if isinstance(at, Moment) else at)


def _points(value: Any) -> tuple[SeriesPoint, ...]:
    points: tuple[SeriesPoint, ...] = _tuple(value)
    return points


@attrs.frozen(cache_hash=True)
class SeriesEvidence:
    """A metric measured at several times.

    Attributes:
        id: Stable id.
        metric: What is measured ("queries served").
        unit: The series' unit; each point's figure must be in a unit that
            converts to it (``""``: a bare count).
        points: The measurements, in any order (they are taken in time order).
        cumulative: A running total: it never decreases.
        monotonic: It only goes this way.
        lower: No value is below this (in the series' unit).
        upper: No value is above this (in the series' unit).
        note: How it was measured.
    """

    id: str
    metric: str
    points: tuple[SeriesPoint, ...] = attrs.field(converter=_points)
    unit: str = ""
    cumulative: bool = False
    monotonic: Direction | None = None
    lower: float | None = attrs.field(default=None, validator=finite)
    upper: float | None = attrs.field(default=None, validator=finite)
    note: str | None = None
    extra: Mapping[str, Any] = _extra()

    def __attrs_post_init__(self) -> None:
        if not self.points:
            msg = f"series {self.id!r} has no points; a series needs at least one measurement"
            raise ValueError(msg)
        if self.lower is not None and self.upper is not None and self.upper < self.lower:
            msg = f"series {self.id!r}: upper {self.upper:g} is below lower {self.lower:g}"
            raise ValueError(msg)

    @property
    def in_order(self) -> tuple[SeriesPoint, ...]:
        """The points in time order (points at one moment keep their listed order; points
        at a lower precision by their earliest instant)."""
        return tuple(sorted(self.points, key=lambda p: p.earliest))

    @property
    def timed(self) -> bool:
        """Whether every point was measured at an instant, so that a trend can be fitted."""
        return all(p.instant for p in self.points)

    def value_of(self, point: SeriesPoint) -> float | None:
        """*point*'s value in the series' unit; ``None`` when its unit does not convert."""
        return _value(point, _factor(parse_unit(self.unit), point))

    def interval_of(self, point: SeriesPoint) -> tuple[float | None, float | None] | None:
        """The values *point*'s figure allows (its tolerance), in the series' unit;
        ``None`` when its unit does not convert."""
        return _interval(point, _factor(parse_unit(self.unit), point))

    def readings(
        self,
    ) -> tuple[tuple[SeriesPoint, float | None, tuple[float | None, float | None] | None], ...]:
        """Each point in time order with :meth:`value_of` and :meth:`interval_of` it (the
        series' unit read once)."""
        unit = parse_unit(self.unit)
        readings: list[
            tuple[SeriesPoint, float | None, tuple[float | None, float | None] | None]
        ] = []
        factors: dict[str, Decimal | None] = {}  # by the unit written: points share a few
        for point in self.in_order:
            quantity = point.value
            written = quantity.unit
            if written in factors:
                factor = factors[written]
            else:
                factor = factors[written] = _factor(unit, point)
            if factor is None:
                readings.append((point, None, None))
            elif _exact(quantity):  # its interval is its value: the same number, made once
                value = float(quantity.value * factor)
                readings.append((point, value, (value, value)))
            else:
                readings.append((point, _value(point, factor), _interval(point, factor)))
        return tuple(readings)

    @property
    def latest(self) -> SeriesPoint:
        """The last point measured."""
        return self.in_order[-1]


def _factor(series_unit: Unit, point: SeriesPoint) -> Decimal | None:
    """What converts *point*'s figure to the series' unit; ``None`` when it does not convert."""
    measure = point.value.measure
    if not series_unit.compares_with(measure):
        return None
    return measure.factor / series_unit.factor


def _value(point: SeriesPoint, factor: Decimal | None) -> float | None:
    return None if factor is None else float(point.value.value * factor)


def _exact(quantity: Quantity) -> bool:
    """Whether *quantity* allows its value only (:meth:`Quantity.interval` gives it twice)."""
    return (
        quantity.bound is None
        and quantity.upper is None
        and quantity.tolerance is None
        and not quantity.approximate
    )


def _interval(
    point: SeriesPoint, factor: Decimal | None
) -> tuple[float | None, float | None] | None:
    if factor is None:
        return None
    low, high = point.value.interval()
    return (
        None if low is None else float(low * factor),
        None if high is None else float(high * factor),
    )


def _sortable(moment: dt.datetime) -> dt.datetime:
    """A moment comparable with any other: a naive one is taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
