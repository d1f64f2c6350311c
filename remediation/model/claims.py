"""Claims: figures the document states, with what each is about.

A :class:`Claim` records a figure of the prose ("we are working on 14
improvements", "$2M in total", "~15K queries") with its quote and where it
stands. What it is about is a named ``key`` (two claims with the same key
must agree), or a :class:`ClaimScope` the library derives from the records:
the count of items in some phases or next steps (of a status), of phases,
gaps, criteria, root causes or evidence (of a status), or the sum of other
claims. The evaluation compares stated and derived within the claim's own
tolerance (see :mod:`remediation.model.quantity`).
"""

from __future__ import annotations

import enum

import attrs

from remediation.model.fields import as_tuple as _tuple
from remediation.model.quantity import Quantity

__all__ = ["STATUS_FILTERS", "Claim", "ClaimScope", "Counted"]


class Counted(enum.Enum):
    """What a scoped claim counts."""

    ITEMS = "items"
    PHASES = "phases"
    GAPS = "gaps"
    CRITERIA = "criteria"
    ROOT_CAUSES = "root_causes"
    EVIDENCE = "evidence"


STATUS_FILTERS: dict[Counted, tuple[str, ...]] = {
    Counted.ITEMS: (
        "open", "closed", "done", "partial", "not_started", "accepted", "deferred",
        "not_applicable", "wont_fix", "blocked", "actionable", "critical",
    ),
    Counted.PHASES: ("complete", "incomplete"),
    Counted.GAPS: ("open", "closed"),
    Counted.CRITERIA: ("met", "unmet", "unmeasured"),
    Counted.ROOT_CAUSES: ("addressed", "unaddressed"),
    Counted.EVIDENCE: ("commit", "test_run", "document", "measurement", "note", "series"),
}  # fmt: skip
"""The statuses a claim may count, for each thing counted (for evidence: its kind)."""


@attrs.frozen(cache_hash=True)
class ClaimScope:
    """What a claim's figure is, in terms the library can derive.

    Either a count (``count``, narrowed by ``within`` and ``status``) or a sum
    (``sum_of``), never both.

    Attributes:
        count: What is counted.
        within: For items: ids of the phases and next steps whose items are
            counted (empty: every item of the document).
        status: Count only those of this status (see :data:`STATUS_FILTERS`).
        sum_of: Ids of other claims whose figures add up to this one.
    """

    count: Counted | None = None
    within: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    status: str | None = None
    sum_of: tuple[str, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        if (self.count is None) == (not self.sum_of):
            msg = "a claim's scope is a count or a sum: give 'count' or 'sum_of', one of them"
            raise ValueError(msg)
        if self.within and self.count is not Counted.ITEMS:
            msg = "only a count of items can be narrowed to phases and next steps ('within')"
            raise ValueError(msg)
        if self.status is not None:
            accepted = STATUS_FILTERS[self.count] if self.count is not None else ()
            if self.status not in accepted:
                what = self.count.value if self.count is not None else "a sum"
                msg = (
                    f"a count of {what} takes a status of {', '.join(accepted) or 'none'}; "
                    f"got {self.status!r}"
                )
                raise ValueError(msg)

    def describe(self) -> str:
        """The scope in words: ``"open items in phase-2"``, ``"the sum of a, b"``."""
        if self.count is None:
            return f"the sum of {', '.join(self.sum_of)}"
        counted = self.count.value.replace("_", " ")
        if self.status is not None:
            counted = f"{self.status.replace('_', ' ')} {counted}"
        if self.within:
            counted += f" in {', '.join(self.within)}"
        return counted


@attrs.frozen(cache_hash=True)
class Claim:
    """A figure the document states.

    Attributes:
        id: Stable id.
        value: The figure, as written (``"14"``, ``"~15K"``, ``"$2M"``).
        key: What it is about, by name: claims with the same key must agree.
        scope: What it is about, in terms the library derives.
        quote: The words that state it.
        source: Where in the source it stands (a section, a line).
    """

    id: str
    value: Quantity
    key: str | None = None
    scope: ClaimScope | None = None
    quote: str = ""
    source: str | None = None
