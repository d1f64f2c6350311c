"""What a timeline says in numbers: how long it took to detect, mitigate and resolve.

Each measure runs from the start of the incident to the first event of a
kind; "first" is by time, not by the document's order. The start is the
earliest impact event, or else the earliest trigger. Moments keep their
precision, so each measure is a :class:`~remediation.model.moment.Span`
between bounds; a measure whose events are missing is ``None``, never a
guess.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from remediation.model.moment import Moment, Span, between
from remediation.model.timeline import Event, EventKind

__all__ = ["TimelineEvaluation", "evaluate_timeline"]


@attrs.frozen
class TimelineEvaluation:
    """The measures of an incident derived from its timeline.

    Attributes:
        start: Id of the event the measures run from (the first impact, or
            else the first trigger); ``None`` without either.
        time_to_detect: From the start to the first detection.
        time_to_mitigate: From the start to the first mitigation.
        time_to_resolve: From the start to the first resolution.
        impact: From the start to the first recovery (or else resolution).
    """

    start: str | None = None
    time_to_detect: Span | None = None
    time_to_mitigate: Span | None = None
    time_to_resolve: Span | None = None
    impact: Span | None = None


def _first(events: Iterable[Event], *kinds: EventKind) -> Event | None:
    for kind in kinds:
        chosen = [event for event in events if event.kind is kind]
        if chosen:
            return min(chosen, key=_when)
    return None


def _when(event: Event) -> tuple[object, ...]:
    at: Moment = event.at
    return (at.earliest, at.latest)


def evaluate_timeline(events: tuple[Event, ...]) -> TimelineEvaluation:
    """The measures of the incident that *events* tell.

    Examples:
        >>> from remediation.model.moment import parse_moment
        >>> events = (
        ...     Event("a", parse_moment("2025-03-01 15:10 UTC"), "deploy", EventKind.TRIGGER),
        ...     Event("b", parse_moment("2025-03-01 15:25 UTC"), "alert", EventKind.DETECTION),
        ...     Event("c", parse_moment("2025-03-01 16:16 UTC"), "rolled back", EventKind.RECOVERY),
        ... )
        >>> result = evaluate_timeline(events)
        >>> str(result.time_to_detect), str(result.impact), result.time_to_resolve
        ('15 min', '1 h 6 min', None)
    """
    if not events:
        return TimelineEvaluation()
    start = _first(events, EventKind.IMPACT, EventKind.TRIGGER)
    if start is None:
        return TimelineEvaluation()

    def until(*kinds: EventKind) -> Span | None:
        assert start is not None  # noqa: S101  (checked above)
        end = _first(events, *kinds)
        return None if end is None else between(start.at, end.at)

    return TimelineEvaluation(
        start=start.id,
        time_to_detect=until(EventKind.DETECTION),
        time_to_mitigate=until(EventKind.MITIGATION),
        time_to_resolve=until(EventKind.RESOLUTION),
        impact=until(EventKind.RECOVERY, EventKind.RESOLUTION),
    )
