"""How work was closed without a fix: the decision, who took it, when, until when, where to.

A work item whose status is a closure without a fix (accepted, deferred, not
applicable, won't fix, duplicate, superseded, moved) says *why* in a
:class:`Closure`. The reason itself is the status's progress; the closure
holds what a reviewer needs to trust it. Whether the recommendation accepts
it is the closing policy's call (:class:`~remediation.ClosingPolicy`).
"""

from __future__ import annotations

import datetime as dt

import attrs

from remediation.model.deadline import DateOrMoment, passed
from remediation.model.status import Progress

__all__ = ["TARGETED_CLOSURES", "Closure"]

TARGETED_CLOSURES = frozenset(
    {Progress.DEFERRED, Progress.DUPLICATE, Progress.SUPERSEDED, Progress.MOVED}
)
"""The closures that name where the work is now: deferred to, duplicate of, superseded by,
moved to."""


@attrs.frozen(cache_hash=True)
class Closure:
    """The decision behind a closure without a fix.

    Attributes:
        justification: Why the work is not fixed.
        decided_by: Who decided it.
        decided_on: When it was decided.
        until: The last day the decision holds (an acceptance that expires);
            after it the closure no longer counts as accepted. A date at a lower
            precision ("2026-03") holds until its last day.
        to: Where the work is now: what it duplicates, what supersedes it, the
            issue or link it moved to, the release it was deferred to.

    Examples:
        >>> closure = Closure("Out of scope", decided_by="security board",
        ...     until=dt.date(2026, 1, 31))
        >>> closure.expired(dt.date(2026, 2, 1)), closure.expired(dt.date(2026, 1, 31))
        (True, False)
    """

    justification: str | None = None
    decided_by: str | None = None
    decided_on: DateOrMoment | None = None
    until: DateOrMoment | None = None
    to: str | None = None

    def expired(self, as_of: dt.date) -> bool:
        """Whether the decision no longer holds on *as_of*."""
        return self.until is not None and passed(self.until, as_of)
