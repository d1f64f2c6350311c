"""What happened when: the events of a postmortem's timeline and the windows it states.

A timeline is a list of :class:`Event` records in the order the document
gives them; each happened at a :class:`~remediation.model.moment.Moment` (at
the precision the author wrote). A :class:`Window` is an interval the document
states in so many words ("data loss 17:20-00:00 UTC", "down for 66 minutes"):
the evaluation checks it against the events and against other statements of
the same window.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from remediation.model.duration import Duration
from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra
from remediation.model.moment import Moment

__all__ = ["Event", "EventKind", "Window"]


class EventKind(enum.Enum):
    """What an event is in the course of an incident."""

    TRIGGER = "trigger"
    """What set the incident off (a deploy, a command, a failure)."""
    IMPACT = "impact"
    """Users or data start to be affected."""
    DETECTION = "detection"
    """Someone (or an alert) notices."""
    ESCALATION = "escalation"
    """More people or a higher severity are called in."""
    MITIGATION = "mitigation"
    """The impact is stopped or reduced."""
    RECOVERY = "recovery"
    """Service or data are back."""
    RESOLUTION = "resolution"
    """The incident is over."""
    COMMUNICATION = "communication"
    """A status update, an announcement."""
    ACTION = "action"
    """Anything else someone did."""
    OBSERVATION = "observation"
    """Anything else that was seen."""


@attrs.frozen
class Event:
    """One entry of a timeline.

    Attributes:
        id: Stable id.
        at: When it happened, as the document writes it.
        what: What happened.
        kind: What it is in the course of the incident, if the document says
            or a reader can tell.
        who: Who did or saw it.
        evidence: Ids of evidence for it.
        extra: Free-form fields.
    """

    id: str
    at: Moment
    what: str
    kind: EventKind | None = None
    who: str | None = None
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    extra: Mapping[str, Any] = _extra()


@attrs.frozen
class Window:
    """An interval the document states: an outage, an impact, a data-loss window.

    The same window may be stated several times (in the summary and in the
    timeline, say): give each statement the same *name*.

    Attributes:
        id: Stable id of this statement.
        name: Which window it is ("data loss", "outage"); statements with the
            same name are of the same window.
        start: When it began, if stated.
        end: When it ended, if stated.
        duration: How long the document says it lasted, if it says so.
        text: The statement as the document words it.
        approximate: The duration is stated as approximate ("about nine
            hours"): it reaches :data:`~remediation.APPROXIMATION_TOLERANCE`
            (10 %) either side.
        start_event: Id of the event of the timeline that began it, when the
            document ties the window to its timeline.
        end_event: Id of the event that ended it.
        extra: Free-form fields.
    """

    id: str
    name: str
    start: Moment | None = None
    end: Moment | None = None
    duration: Duration | None = None
    text: str | None = None
    approximate: bool = False
    start_event: str | None = None
    end_event: str | None = None
    extra: Mapping[str, Any] = _extra()
