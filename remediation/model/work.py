"""Work: items with their credit, the phases and next steps holding them, coordination gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from remediation.model import display
from remediation.model.closure import Closure
from remediation.model.deadline import DateOrMoment, as_stated, certainly_after
from remediation.model.duration import Duration
from remediation.model.evidence import TestRunQuantity
from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra
from remediation.model.milestones import Replan
from remediation.model.moment import Moment
from remediation.model.status import Progress, Severity, Status
from remediation.model.target import Target
from remediation.model.validators import FieldValueError, non_negative, unit_interval

__all__ = [
    "PARTIAL_CREDIT",
    "FixedDates",
    "Gap",
    "NextStep",
    "Phase",
    "WorkItem",
    "credit",
]


PARTIAL_CREDIT = 0.5
"""The credit of partial work whose author states no fraction."""


def credit(progress: Progress, fraction: float | None) -> float:
    """The share of a work item done: the one definition of an item's credit.

    Done earns 1; partial work its stated *fraction*, or
    :data:`PARTIAL_CREDIT`; everything else (not started, not stated, and every
    closure without a fix) earns nothing.

    Examples:
        >>> credit(Progress.PARTIAL, None), credit(Progress.PARTIAL, 0.25)
        (0.5, 0.25)
        >>> credit(Progress.DONE, 0.25), credit(Progress.WONT_FIX, None)
        (1.0, 0.0)
    """
    if progress is Progress.DONE:
        return 1.0
    if progress is Progress.PARTIAL:
        return PARTIAL_CREDIT if fraction is None else fraction
    return 0.0


@attrs.frozen(cache_hash=True)
class FixedDates:
    """When work happens whatever it waits for: a freeze, a meeting, a release window.

    Attributes:
        start: When it starts ("2015-11-01"); ``None``: it is in effect already,
            from the evaluation date ("a freeze until 2015-11-20").
        end: When it ends, the whole of that day ("until 2015-11-20"); ``None``:
            it takes its estimate from its start or, without one, the day (or
            time) its start names ("a meeting on 2025-03-05").

    Examples:
        >>> FixedDates(end=dt.date(2015, 11, 20)).end
        datetime.date(2015, 11, 20)
    """

    start: DateOrMoment | None = None
    end: DateOrMoment | None = None

    def __attrs_post_init__(self) -> None:
        if self.start is None and self.end is None:
            raise FieldValueError("start", "expected a start, an end or both")
        if (
            self.start is not None
            and self.end is not None
            and certainly_after(self.start, self.end)
        ):
            msg = f"expected an end not before the start, got {self.start} to {self.end}"
            raise FieldValueError("end", msg)


@attrs.frozen(cache_hash=True)
class WorkItem:
    """A component, task or area of work.

    Attributes:
        id: Stable id.
        title: What the work is.
        status: Where it stands; see :class:`~remediation.Status`. A document
            that states none gives an unknown status, which earns nothing.
        kind: Free classification ("component", "area", "mitigate", "prevent", ...).
        fraction: Share done, for partial work, when the author states it;
            otherwise partial work earns 0.5.
        weight: Weight in its phase's progress.
        evidence: Ids of evidence for the status.
        impact: Business impact of the work not being done.
        requirement: What the work requires.
        tasks: Sub-tasks in words.
        depends_on: Ids of work items that must be done first.
        addresses: Ids of gaps and why steps this work addresses.
        estimate: How long the work takes, as a calendar duration.
        owner: Who owns it.
        due: When it is due: a day (a :class:`datetime.date`), or a moment at the
            precision the document gives ("2024-03", "early March 2024"), kept as written.
            With *replans*, the first plan (the baseline); see :attr:`planned`.
        milestone: Id of the milestone or release it serves.
        links: Tracker links and other URLs.
        justification: Why it was closed without a fix, for such states.
        closure: The decision behind a closure without a fix: justification,
            who decided, when, until when, and where the work went.
        proceeds_without: Ids among ``depends_on`` this item can do without: a
            closure without a fix of one of them does not keep this item
            waiting (only done work satisfies any other dependency).
        fixed: The dates it happens on whatever it waits for (a freeze, a
            meeting): the schedule starts and ends it then, and work that
            waits for it waits for that end.
        replans: Each later move of its due date, in order, with when and why
            (as a milestone's): the last is the date planned now.
        done_on: When it was done, if the document says.
        extra: Free-form fields.
    """

    id: str
    title: str
    status: Status = attrs.field(factory=lambda: Status(Progress.UNKNOWN))
    kind: str | None = None
    fraction: float | None = attrs.field(default=None, validator=unit_interval)
    weight: float = attrs.field(default=1.0, validator=non_negative)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    impact: str | None = None
    requirement: str | None = None
    tasks: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    addresses: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    estimate: Duration | None = None
    owner: str | None = None
    due: DateOrMoment | None = None
    milestone: str | None = None
    links: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    justification: str | None = None
    closure: Closure | None = None
    proceeds_without: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    fixed: FixedDates | None = None
    replans: tuple[Replan, ...] = attrs.field(default=(), converter=_tuple)
    done_on: DateOrMoment | None = None
    extra: Mapping[str, Any] = _extra()

    @proceeds_without.validator
    def _among_dependencies(self, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
        stray = [need for need in value if need not in self.depends_on]
        if stray:
            msg = f"expected ids among depends_on, got {', '.join(map(repr, stray))}"
            raise FieldValueError(attribute.name, msg)

    @property
    def planned(self) -> DateOrMoment | None:
        """The due date planned now: the last re-plan's, or else ``due``.

        A re-plan to a plain day is that :class:`datetime.date`, as ``due`` would
        hold it, so that results read back from a document equal the ones written.

        Examples:
            >>> from remediation.model.moment import parse_moment
            >>> item = WorkItem("a", "A", due=dt.date(2025, 3, 1),
            ...                 replans=[Replan(parse_moment("2025-04"))])
            >>> str(item.planned)
            '2025-04'
            >>> WorkItem("a", "A", replans=[Replan(parse_moment("2025-04-02"))]).planned
            datetime.date(2025, 4, 2)
        """
        return as_stated(self.replans[-1].due) if self.replans else self.due

    @property
    def credit(self) -> float:
        """Share of the work done: 1 when done, the stated fraction or 0.5 when partial."""
        return credit(self.status.progress, self.fraction)

    @property
    def severity(self) -> Severity | None:
        """The status's severity."""
        return self.status.severity

    @property
    def reason(self) -> str | None:
        """Why it was closed without a fix: the closure's justification, or the item's."""
        if self.closure is not None and self.closure.justification:
            return self.closure.justification
        return self.justification


@attrs.frozen(cache_hash=True)
class Phase:
    """A phase of the remediation plan.

    Attributes:
        id: Stable id.
        title: Its name ("Emergency Fixes").
        number: Its position as the document numbers it.
        timebox: How long it is given ("4 Hours").
        stated_status: The status the document gives the phase, if any.
        items: Its work items.
        depends_on: Ids of phases that must be complete first.
        start: When work on it started, if known: a date-time, or a moment at the
            precision the document gives ("2025-03").
        due: When it is due, if known: a day or a moment, as for a work item.
        milestone: Id of the milestone or release it serves.
    """

    id: str
    title: str
    items: tuple[WorkItem, ...] = attrs.field(default=(), converter=_tuple)
    number: int | None = None
    timebox: Duration | None = None
    stated_status: Status | None = None
    depends_on: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    start: dt.datetime | Moment | None = None
    due: DateOrMoment | None = None
    milestone: str | None = None
    extra: Mapping[str, Any] = _extra()

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)


@attrs.frozen(cache_hash=True)
class NextStep:
    """A group of immediate next steps ("Week 1: Critical Staging Environment Restoration").

    Attributes:
        id: Stable id.
        title: What the group is for.
        window: When, in words ("Week 1").
        priority: In words ("High Priority").
        items: The steps, as work items.
    """

    id: str
    title: str
    items: tuple[WorkItem, ...] = attrs.field(default=(), converter=_tuple)
    window: str | None = None
    priority: str | None = None
    extra: Mapping[str, Any] = _extra()

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)


@attrs.frozen(cache_hash=True)
class Gap:
    """A coordination gap: something broken between parts, with its measurements.

    A gap is closed when every work item addressing it is done and, if it has
    a measurement and a threshold, the measurement meets the threshold.

    Attributes:
        id: Stable id.
        title: Its name ("Factory Pattern Conflicts").
        description: What is broken.
        measurement: Id of evidence measuring it (a test run or a measurement).
        quantity: Which number of a test run the threshold applies to.
        threshold: What the measurement must meet for the gap to be closed.
        blocks: Ids of records it blocks (work items, criteria).
        evidence: Ids of further evidence.
    """

    id: str
    title: str
    description: str = ""
    measurement: str | None = None
    quantity: TestRunQuantity | None = None
    threshold: Target | None = None
    blocks: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    extra: Mapping[str, Any] = _extra()
