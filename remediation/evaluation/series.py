"""Series: the latest value, the change, the trend, and when a target will be reached.

The trend is a least-squares line through the points (value per day); with
three points or more its standard error is said, and a projection to a
target gives the moment the line reaches it with the earliest and latest
moments the slope's uncertainty (one standard error either side) allows.
With two points the uncertainty is unknown (``None``), never zero; with a
trend that does not go towards the target there is no projection.
"""

from __future__ import annotations

import datetime as dt
import math

import attrs

from remediation.model.moment import Moment
from remediation.model.series import SeriesEvidence
from remediation.model.target import Comparator, Target

__all__ = ["Projection", "SeriesEvaluation", "evaluate_series", "project"]

_DAY = 86400.0


@attrs.frozen
class Projection:
    """When a series' trend reaches a target.

    Attributes:
        at: When the fitted trend reaches the target.
        earliest: The earliest moment one standard error of the slope allows.
        latest: The latest one; ``None`` when the slope may be zero or the
            wrong way within its uncertainty, or the uncertainty is unknown.
    """

    at: dt.datetime
    earliest: dt.datetime | None
    latest: dt.datetime | None


@attrs.frozen
class SeriesEvaluation:
    """What is derived for a series.

    Attributes:
        id: Its id.
        points: How many points have a value in the series' unit.
        latest_at: When it was measured (a moment when the document says no more).
        latest_at: When it was measured.
        change: The last value minus the first.
        trend: The least-squares slope, per day; ``None`` with one point or
            all points at one moment.
        trend_error: The slope's standard error, per day; ``None`` when it
            cannot be known (fewer than three points).
    """

    id: str
    points: int
    latest: float | None
    latest_at: dt.datetime | Moment
    change: float | None
    trend: float | None
    trend_error: float | None


def _days(moment: dt.datetime, origin: dt.datetime) -> float:
    return (_aware(moment) - _aware(origin)).total_seconds() / _DAY


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def evaluate_series(series: SeriesEvidence) -> SeriesEvaluation:
    """The latest value, change and trend of *series*.

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.quantity import parse_quantity
        >>> from remediation.model.series import SeriesEvidence, SeriesPoint
        >>> day = dt.datetime(2025, 1, 1)
        >>> s = SeriesEvidence(id="s", metric="open bugs", points=[
        ...     SeriesPoint(day, parse_quantity("30")),
        ...     SeriesPoint(day + dt.timedelta(days=1), parse_quantity("20"))])
        >>> r = evaluate_series(s)
        >>> r.latest, r.change, r.trend, r.trend_error
        (20.0, -10.0, -10.0, None)
    """
    ordered = series.in_order
    latest_point = ordered[-1]
    valued = [(p.earliest, v) for p in ordered if (v := series.value_of(p)) is not None]
    latest = series.value_of(latest_point)
    change = valued[-1][1] - valued[0][1] if len(valued) > 1 else None
    # A trend is fitted through instants: a point "in March" leaves it unknown.
    trend, error = _fit(valued) if series.timed else (None, None)
    return SeriesEvaluation(
        id=series.id,
        points=len(valued),
        latest=latest,
        latest_at=latest_point.at,
        change=change,
        trend=trend,
        trend_error=error,
    )


def _fit(valued: list[tuple[dt.datetime, float]]) -> tuple[float | None, float | None]:
    """The least-squares slope per day and its standard error."""
    n = len(valued)
    if n < 2:
        return None, None
    origin = valued[0][0]
    xs = [_days(at, origin) for at, _ in valued]
    ys = [v for _, v in valued]
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return None, None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    if n < 3:
        return slope, None
    intercept = mean_y - slope * mean_x
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return slope, math.sqrt(residual / (n - 2) / sxx)


def _goal(target: Target, latest: float) -> float:
    if target.comparator is Comparator.BETWEEN and target.upper is not None:
        return target.upper if latest > target.upper else target.value
    return target.value


def project(result: SeriesEvaluation, target: Target, unit: str | None = None) -> Projection | None:
    """When *result*'s trend reaches *target* from its latest value; ``None``: not projected.

    *unit* is the series' unit (``None``: the target's); its values and
    trend are converted to the target's unit first (a series in seconds
    against a target in milliseconds). Nothing is projected when the units
    do not compare, the target is met already, the latest value or the
    trend is unknown, or the trend does not go towards the target.

    Examples:
        >>> import datetime as dt
        >>> from remediation.model.target import parse_target
        >>> result = SeriesEvaluation(id="p99", points=3, latest=0.5,
        ...     latest_at=dt.datetime(2025, 3, 3), change=-0.2, trend=-0.1, trend_error=None)
        >>> project(result, parse_target("<250 ms"), "s").at  # 500 ms, -100 ms a day
        datetime.datetime(2025, 3, 5, 12, 0)
        >>> project(result, parse_target("<10%"), "s") is None
        True
    """
    latest, slope, latest_at = result.latest, result.trend, result.latest_at
    if latest is None or slope is None or slope == 0 or isinstance(latest_at, Moment):
        return None
    scale = target.compare(1.0, unit)
    if scale is None:
        return None  # another dimension: never a projection
    latest, slope = latest * scale, slope * scale
    if target.is_met(latest):
        return None
    distance = _goal(target, latest) - latest
    if distance * slope <= 0:
        return None  # going the other way

    def moment(rate: float) -> dt.datetime:
        return latest_at + dt.timedelta(days=distance / rate)

    error = None if result.trend_error is None else result.trend_error * scale
    if error is None:
        return Projection(at=moment(slope), earliest=None, latest=None)
    fast = slope + math.copysign(error, slope)
    slow = slope - math.copysign(error, slope)
    return Projection(
        at=moment(slope),
        earliest=moment(fast),
        latest=moment(slow) if slow * slope > 0 else None,
    )
