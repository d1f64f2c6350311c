"""Rules on the timeline: events out of order, logged twice, after the document; windows
stated twice with different bounds, with a duration their bounds disagree with, or with
bounds or a duration the events that began and ended them disagree with."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from remediation.evaluation.results import Evaluation
from remediation.model.deadline import as_moment
from remediation.model.moment import Moment, Span, between, order
from remediation.model.quantity import APPROXIMATION_TOLERANCE
from remediation.model.records import Assessment
from remediation.model.timeline import Window
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = [
    "event_after_document",
    "event_logged_twice",
    "timeline_out_of_order",
    "window_conflict",
    "window_duration_mismatch",
    "window_events_mismatch",
]

_TIMELINE = (
    EXAMPLE_HEADER + "timeline:\n"
    "  - {id: e1, at: '2025-03-01 15:10 UTC', what: Deploy, kind: trigger}\n"
)


@rule(
    "timeline-out-of-order",
    title="Timeline event listed out of order",
    scope=Scope.ASSESSMENT,
    inputs=("timeline",),
    reads=("timeline",),
    examples=[
        Example(
            _TIMELINE + "  - {id: e2, at: '2025-03-01 14:55 UTC', what: Alert fires}\n",
            "event 'e2' (2025-03-01 14:55 UTC) is listed after 'e1' (2025-03-01 15:10 UTC) "
            "but happened before it",
        )
    ],
)
def timeline_out_of_order(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Compares each event of the timeline with the one listed before it and flags
        an event that certainly happened earlier. Moments are compared at the
        precision the document gives: where two overlap ("2025-03", "2025-03-15")
        the order is undecidable and nothing is flagged.

    Why is this bad?
        A timeline read top to bottom is the story of the incident; an entry out of
        place is either a wrong time or a wrong story, and both mislead the reader
        who measures from it.
    """
    events = assessment.timeline
    found = []
    for before, after in itertools.pairwise(events):
        if order(before.at, after.at) is False:
            message = (
                f"event {after.id!r} ({after.at}) is listed after {before.id!r} ({before.at}) "
                "but happened before it"
            )
            found.append((message, (after.id, before.id)))
    return found


def _said(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


@rule(
    "event-logged-twice",
    title="The same event logged twice",
    scope=Scope.ASSESSMENT,
    inputs=("timeline",),
    reads=("timeline",),
    examples=[
        Example(
            _TIMELINE + "  - {id: e2, at: '2025-03-02 15:10 UTC', what: Deploy}\n",
            "'Deploy' is logged twice: 'e1' at 2025-03-01 15:10 UTC and 'e2' at "
            "2025-03-02 15:10 UTC",
        )
    ],
)
def event_logged_twice(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags two events of the timeline that say the same thing (the same words,
        case and spacing aside), whether at the same moment or at different ones.

    Why is this bad?
        An event logged on two different days has at least one wrong date; logged
        twice at the same time, it is counted twice by whoever reads the timeline.
    """
    seen: dict[str, tuple[str, Moment]] = {}
    found = []
    for event in assessment.timeline:
        key = _said(event.what)
        first = seen.get(key)
        if first is None:
            seen[key] = (event.id, event.at)
            continue
        message = (
            f"{event.what!r} is logged twice: {first[0]!r} at {first[1]} and {event.id!r} at "
            f"{event.at}"
        )
        found.append((message, (first[0], event.id)))
    return found


@rule(
    "event-after-document",
    title="Event after the document's date",
    scope=Scope.ASSESSMENT,
    inputs=("date", "timeline"),
    reads=("timeline", "assessment"),
    examples=[
        Example(
            EXAMPLE_HEADER
            + "timeline:\n  - {id: e1, at: '2025-03-05 09:00', what: Fix deployed}\n",
            "event 'e1' (2025-03-05 09:00) is after the document's date, 2025-03-03",
        )
    ],
)
def event_after_document(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags an event that certainly happened after the day the document is dated.

    Why is this bad?
        A document cannot report what had not happened yet: either the event's time
        or the document's date is wrong, or the timeline was edited later without
        the date saying so.
    """
    if assessment.date is None:
        return ()  # an undated document: nothing is after it
    end_of_day = as_moment(assessment.date).latest  # the document's last possible instant
    return [
        (
            f"event {event.id!r} ({event.at}) is after the document's date, {assessment.date}",
            (event.id,),
        )
        for event in assessment.timeline
        if event.at.earliest >= end_of_day
    ]


def _bounds(window: Window) -> str:
    return f"{window.start or '?'} to {window.end or '?'}"


def _differ(first: Moment | None, second: Moment | None) -> bool:
    """Whether two stated bounds certainly name different moments."""
    if first is None or second is None:
        return False
    return first.latest <= second.earliest or second.latest <= first.earliest


@rule(
    "window-conflict",
    title="A window stated twice with different bounds",
    scope=Scope.ASSESSMENT,
    inputs=("windows",),
    reads=("windows",),
    examples=[
        Example(
            EXAMPLE_HEADER + "windows:\n"
            "  - {id: summary, name: data loss, start: '2025-03-01 17:20 UTC', "
            "end: '2025-03-02 00:00 UTC'}\n"
            "  - {id: details, name: data loss, start: '2025-03-01 17:20 UTC', "
            "end: '2025-03-01 23:30 UTC'}\n",
            "the data loss window is stated as 2025-03-01 17:20 UTC to 2025-03-02 00:00 UTC "
            "('summary') and as 2025-03-01 17:20 UTC to 2025-03-01 23:30 UTC ('details')",
        )
    ],
)
def window_conflict(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Compares the statements of each window (those with the same name) and flags
        two whose start or end certainly differ, at the precision they are written.

    Why is this bad?
        A data-loss or outage window decides who must be told and what must be
        restored; two versions of it in one document leave the reader to guess
        which is true.
    """
    first_of: dict[str, Window] = {}
    found = []
    for window in assessment.windows:
        key = _said(window.name)
        first = first_of.setdefault(key, window)
        if first is window:
            continue
        if _differ(first.start, window.start) or _differ(first.end, window.end):
            message = (
                f"the {window.name} window is stated as {_bounds(first)} ({first.id!r}) "
                f"and as {_bounds(window)} ({window.id!r})"
            )
            found.append((message, (first.id, window.id)))
    return found


@rule(
    "window-duration-mismatch",
    title="A window's duration disagrees with its bounds",
    scope=Scope.ASSESSMENT,
    inputs=("windows",),
    reads=("windows",),
    examples=[
        Example(
            EXAMPLE_HEADER + "windows:\n"
            "  - {id: outage, name: outage, start: '2025-03-01 15:10 UTC', "
            "end: '2025-03-01 16:16 UTC', duration: 60 minutes}\n",
            "the outage window 'outage' is said to last 60 minutes, but 2025-03-01 15:10 UTC to "
            "2025-03-01 16:16 UTC is 1 h 6 min",
        )
    ],
)
def window_duration_mismatch(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        For a window stated with a start, an end and a duration ("down for 66
        minutes, 15:10-16:16"), checks the duration against the time between the
        bounds, within the precision they are written at.

    Why is this bad?
        The duration is what gets quoted (in reports, in SLO budgets); if it does
        not match the times beside it, one of them is wrong.
    """
    found = []
    for window in assessment.windows:
        if window.start is None or window.end is None or window.duration is None:
            continue
        span = between(window.start, window.end)
        stated = _stated(window, window.start)
        if stated is not None and not _overlap(stated, span):
            message = (
                f"the {window.name} window {window.id!r} is said to last {_said_duration(window)}, "
                f"but {_bounds(window)} is {span}"
            )
            found.append((message, (window.id,)))
    return found


def _stated(window: Window, origin: Moment) -> Span | None:
    """The window's stated duration, as a span its approximation allows; ``None`` past the
    calendar."""
    assert window.duration is not None  # noqa: S101  (the callers checked)
    start = origin.earliest
    try:
        stated = window.duration.after(start) - start
    except (OverflowError, ValueError):
        return None  # past the calendar: nothing to compare
    if not window.approximate:
        return Span(stated, stated)
    reach = dt.timedelta(seconds=float(Decimal(stated.total_seconds()) * APPROXIMATION_TOLERANCE))
    return Span(stated - reach, stated + reach)


def _overlap(first: Span, second: Span) -> bool:
    return first.low <= second.high and second.low <= first.high


def _said_duration(window: Window) -> str:
    assert window.duration is not None  # noqa: S101  (only windows with a duration are said)
    words = window.duration.words()
    return f"about {words}" if window.approximate else words


@rule(
    "window-events-mismatch",
    title="A window the events that began and ended it disagree with",
    scope=Scope.ASSESSMENT,
    inputs=("windows", "timeline"),
    reads=("windows", "timeline"),
    examples=[
        Example(
            _TIMELINE
            + "  - {id: e2, at: '2025-03-01 16:16 UTC', what: Rolled back, kind: recovery}\n"
            "windows:\n"
            "  - {id: outage, name: outage, duration: 60 minutes, start_event: e1, end_event: e2,\n"
            "     text: down for 60 minutes}\n",
            "the outage window 'outage' is said to last 60 minutes, but the events that began and "
            "ended it, 'e1' (2025-03-01 15:10 UTC) and 'e2' (2025-03-01 16:16 UTC), are 1 h 6 min "
            "apart",
        ),
        Example(
            _TIMELINE + "  - {id: e2, at: '2025-03-01 21:24 UTC', what: Back, kind: recovery}\n"
            "windows:\n"
            "  - {id: impact, name: impact, duration: 9 hours, approximate: true,\n"
            "     start_event: e1, end_event: e2, text: lasted approximately nine hours}\n",
            "the impact window 'impact' is said to last about 9 hours, but the events that began "
            "and ended it, 'e1' (2025-03-01 15:10 UTC) and 'e2' (2025-03-01 21:24 UTC), are "
            "6 h 14 min apart",
        ),
        Example(
            _TIMELINE + "windows:\n"
            "  - {id: loss, name: data loss, start: '2025-03-01 17:20 UTC', start_event: e1}\n",
            "the data loss window 'loss' is said to start at 2025-03-01 17:20 UTC, but the event "
            "that began it, 'e1', is at 2025-03-01 15:10 UTC",
        ),
    ],
)
def window_events_mismatch(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        For a window tied to the events of the timeline that began and ended it
        (``start_event``, ``end_event``), checks its stated start and end against
        those events, and its stated duration ("down for 66 minutes", "about nine
        hours": within 10 %) against the time between them, at the precision
        everything is written.

    Why is this bad?
        The window is what gets quoted (the impact, the data lost, the outage); when
        it disagrees with the timeline the document itself logs, either the summary
        or the timeline is wrong, and readers cannot tell which.
    """
    events = {event.id: event for event in assessment.timeline}
    found: list[tuple[str, tuple[str, ...]]] = []
    for window in assessment.windows:
        first = events.get(window.start_event) if window.start_event is not None else None
        last = events.get(window.end_event) if window.end_event is not None else None
        for bound, event, verb, began in (
            (window.start, first, "start", "began"),
            (window.end, last, "end", "ended"),
        ):
            if bound is not None and event is not None and _differ(bound, event.at):
                message = (
                    f"the {window.name} window {window.id!r} is said to {verb} at {bound}, but "
                    f"the event that {began} it, {event.id!r}, is at {event.at}"
                )
                found.append((message, (window.id, event.id)))
        if window.duration is None or first is None or last is None:
            continue
        span = between(first.at, last.at)
        stated = _stated(window, first.at)
        if stated is not None and not _overlap(stated, span):
            message = (
                f"the {window.name} window {window.id!r} is said to last {_said_duration(window)}, "
                f"but the events that began and ended it, {first.id!r} ({first.at}) and "
                f"{last.id!r} ({last.at}), are {span} apart"
            )
            found.append((message, (window.id, first.id, last.id)))
    return found
