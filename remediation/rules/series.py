"""Rules on measurement series: what they declare, when they were measured, their units."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence

from remediation.evaluation.results import Evaluation
from remediation.model.deadline import as_moment
from remediation.model.moment import Moment
from remediation.model.records import Assessment, MeasurementEvidence, SeriesEvidence
from remediation.model.series import Direction, SeriesPoint
from remediation.model.units import parse_unit
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "measurement_after_date",
    "series_out_of_bounds",
    "series_unit_mismatch",
    "series_wrong_direction",
]


def _series(assessment: Assessment) -> Iterator[SeriesEvidence]:
    return (e for e in assessment.evidence if isinstance(e, SeriesEvidence))


def _said(point: SeriesPoint) -> str:
    quote = f" ({point.quote!r})" if point.quote else ""
    at = point.at
    when = str(at) if isinstance(at, Moment) else at.isoformat(sep=" ", timespec="minutes")
    return f"{point.value} at {when}{quote}"


_QUERIES = (
    EXAMPLE_HEADER + "evidence:\n  - kind: series\n    id: queries\n    metric: queries served\n"
    "    cumulative: true\n    points:\n"
    "      - {at: 2025-03-03T11:27, value: ~15K, quote: about 15K queries so far}\n"
    "      - {at: 2025-03-03T13:07, value: '13,337', quote: '13,337 queries served'}\n"
)


@rule(
    "series-wrong-direction",
    title="A series goes the way it says it cannot",
    scope=Scope.ASSESSMENT,
    inputs=("evidence",),
    reads=("evidence",),
    examples=[
        Example(
            _QUERIES,
            "series 'queries' is cumulative but decreases: ~15K at 2025-03-03 11:27 "
            "('about 15K queries so far'), then 13,337 at 2025-03-03 13:07 "
            "('13,337 queries served')",
        )
    ],
)
def series_wrong_direction(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Walks each series in time order and flags a step the other way than it
        declares: a cumulative series (a running total) or an increasing one that
        decreases, a decreasing one that increases. An approximate point is compared
        within its tolerance ("~15K" allows 13.5K to 16.5K).

    Why is this bad?
        A running total that goes down means one of the figures is wrong (or it is
        not the same metric), and every rate or projection built on them is too.
    """
    found: list[tuple[str, Sequence[str]]] = []
    for series in _series(assessment):
        rising = series.cumulative or series.monotonic is Direction.INCREASING
        falling = series.monotonic is Direction.DECREASING
        if not (rising or falling):
            continue
        what = "cumulative" if series.cumulative else "monotonic"
        for (before, _, first), (after, _, then) in itertools.pairwise(context.points(series)):
            if before.latest > after.earliest:
                continue  # which came first is not known: no step to judge
            if first is None or then is None:
                continue  # another rule's concern: series-unit-mismatch
            if rising and _below(then[1], first[0]):
                verb = "decreases"
            elif falling and _below(first[1], then[0]):
                verb = "increases"
            else:
                continue
            message = (
                f"series {series.id!r} is {what} but {verb}: {_said(before)}, then {_said(after)}"
            )
            found.append((message, (series.id,)))
    return found


@rule(
    "series-out-of-bounds",
    title="A series leaves the bounds it declares",
    scope=Scope.ASSESSMENT,
    inputs=("evidence",),
    reads=("evidence",),
    examples=[
        Example(
            EXAMPLE_HEADER + "evidence:\n  - kind: series\n    id: availability\n"
            "    metric: availability\n    unit: '%'\n    upper: 100\n    points:\n"
            "      - {at: 2025-03-01, value: 99.95%}\n      - {at: 2025-03-02, value: 100.5%}\n",
            "series 'availability' is at most 100 %, but 100.5% at 2025-03-02 00:00 is above it",
        )
    ],
)
def series_out_of_bounds(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags a point of a series outside the ``lower`` and ``upper`` bounds the series
        declares (in the series' unit).

    Why is this bad?
        A percentage over 100 or a negative count is a typo or a different metric.
    """
    found: list[tuple[str, Sequence[str]]] = []
    for series in _series(assessment):
        unit = f" {series.unit}" if series.unit else ""
        for point, value, _ in context.points(series):
            if value is None:
                continue
            if series.upper is not None and value > series.upper:
                bound = f"at most {series.upper:g}{unit}, but {_said(point)} is above it"
            elif series.lower is not None and value < series.lower:
                bound = f"at least {series.lower:g}{unit}, but {_said(point)} is below it"
            else:
                continue
            found.append((f"series {series.id!r} is {bound}", (series.id,)))
    return found


@rule(
    "measurement-after-date",
    title="A measurement is dated after the document",
    scope=Scope.ASSESSMENT,
    inputs=("date", "evidence"),
    reads=("assessment", "evidence"),
    examples=[
        Example(
            EXAMPLE_HEADER + "evidence:\n  - {kind: measurement, id: p99, metric: p99 latency,"
            " value: 240, unit: ms, measured_at: 2025-03-04T09:00}\n",
            "measurement 'p99' is dated 2025-03-04 09:00, after the document's date 2025-03-03",
        )
    ],
)
def measurement_after_date(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Flags a measurement, or a point of a series, dated after the day the document
        is dated.

    Why is this bad?
        A document cannot report what was measured after it was written: the date of
        the measurement or of the document is wrong, and so is every "current" value
        or trend that relies on it.
    """
    if assessment.date is None:
        return ()  # an undated document: nothing is after it
    end = as_moment(assessment.date).latest  # the document's last possible instant
    found: list[tuple[str, Sequence[str]]] = []
    day = str(assessment.date)
    for record in assessment.evidence:
        if isinstance(record, MeasurementEvidence) and record.measured_at is not None:
            measured = record.measured_at
            if isinstance(measured, Moment):
                after = measured.earliest >= end  # only when certainly after
                at = str(measured)
            else:
                after = _naive(measured) >= end
                at = measured.isoformat(sep=" ", timespec="minutes")
            if after:
                message = (
                    f"measurement {record.id!r} is dated {at}, after the document's date {day}"
                )
                found.append((message, (record.id,)))
        elif isinstance(record, SeriesEvidence):
            late = [p.point for p in context.points(record) if _after(p.point, end)]
            if late:
                message = (
                    f"series {record.id!r} has {len(late)} point(s) after the document's date "
                    f"{day}: {_said(late[0])}"
                )
                found.append((message, (record.id,)))
    return found


def _below(high: float | None, low: float | None) -> bool:
    """Whether every value up to *high* is below every value from *low*."""
    return high is not None and low is not None and high < low


def _after(point: SeriesPoint, end: dt.datetime) -> bool:
    """Whether *point* was certainly measured at or after *end* (the document's last instant)."""
    at = point.at
    return (at.earliest if isinstance(at, Moment) else _naive(at)) >= end


def _naive(moment: dt.datetime) -> dt.datetime:
    """A moment compared with the document's date: its own wall-clock time."""
    return moment.replace(tzinfo=None)


@rule(
    "series-unit-mismatch",
    title="A point of a series is in a unit the series cannot take",
    scope=Scope.ASSESSMENT,
    inputs=("evidence",),
    reads=("evidence",),
    examples=[
        Example(
            EXAMPLE_HEADER + "evidence:\n  - kind: series\n    id: latency\n"
            "    metric: p99 latency\n    unit: ms\n    points:\n"
            "      - {at: 2025-03-01, value: 240 ms}\n      - {at: 2025-03-02, value: 12%}\n",
            "series 'latency' is in 'ms' (a duration), but 12% at 2025-03-02 00:00 is in "
            "'%' (a percent)",
        )
    ],
)
def series_unit_mismatch(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags a point of a series whose figure is in a unit that does not convert to the
        series' unit (a percent in a latency series). Points in a unit of the same
        dimension (seconds in a series in milliseconds) are converted.

    Why is this bad?
        A point of another dimension is not a measurement of the same metric: the
        latest value, the change and the trend would mix two things.
    """
    found: list[tuple[str, Sequence[str]]] = []
    for series in _series(assessment):
        unit = _unit_words(series.unit)
        for point, value, _ in context.points(series):
            if value is None:
                message = (
                    f"series {series.id!r} is in {unit}, but {_said(point)} is in "
                    f"{_unit_words(point.value.unit)}"
                )
                found.append((message, (series.id,)))
    return found


def _unit_words(unit: str) -> str:
    return parse_unit(unit).describe()
