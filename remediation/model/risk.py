"""Risks: what may go wrong while the work is open, how likely, how bad, and what was decided.

A :class:`Risk` is the risk of a plan of action and milestones (NIST OSCAL
POA&M), an audit or a postmortem: a statement, a likelihood and an impact
(the level follows from them by a :class:`RiskMatrix`), a status, a
deadline, mitigating factors, the work items that remediate it, a dated risk
log and acceptances that expire. What is derived from it (its level, whether
an acceptance still holds, whether it is past its deadline) lives in
:mod:`remediation.evaluation.risks`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from remediation.model.deadline import DateOrMoment, passed
from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra

__all__ = [
    "DEFAULT_RISK_MATRIX",
    "Acceptance",
    "Level",
    "Risk",
    "RiskLogEntry",
    "RiskMatrix",
    "RiskStatus",
]


class Level(enum.Enum):
    """A qualitative level of likelihood, impact or risk (NIST SP 800-30's five)."""

    VERY_LOW = "very_low"
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    VERY_HIGH = "very_high"

    __hash__ = object.__hash__

    @property
    def rank(self) -> int:
        """0 for very low, 4 for very high."""
        return _LEVELS.index(self)


_LEVELS = list(Level)


class RiskStatus(enum.Enum):
    """Where a risk stands (the states of an OSCAL POA&M risk)."""

    OPEN = "open"
    INVESTIGATING = "investigating"
    REMEDIATING = "remediating"
    DEVIATION_REQUESTED = "deviation_requested"
    DEVIATION_APPROVED = "deviation_approved"
    ACCEPTED = "accepted"
    CLOSED = "closed"

    __hash__ = object.__hash__


def _matrix(value: Any) -> tuple[tuple[Level, ...], ...]:
    rows = tuple(tuple(Level(cell) for cell in row) for row in value)
    if len(rows) != len(_LEVELS) or any(len(row) != len(_LEVELS) for row in rows):
        msg = f"expected {len(_LEVELS)} rows of {len(_LEVELS)} levels, very low likelihood first"
        raise ValueError(msg)
    return rows


@attrs.frozen(cache_hash=True)
class RiskMatrix:
    """The level of a risk from its likelihood and impact.

    Attributes:
        rows: One row per likelihood, very low first; in each row one level
            per impact, very low first.

    Examples:
        >>> DEFAULT_RISK_MATRIX.level(Level.HIGH, Level.MODERATE)
        <Level.MODERATE: 'moderate'>
        >>> DEFAULT_RISK_MATRIX.level(Level.VERY_HIGH, Level.VERY_HIGH)
        <Level.VERY_HIGH: 'very_high'>
        >>> DEFAULT_RISK_MATRIX.level(None, Level.HIGH) is None
        True
    """

    rows: tuple[tuple[Level, ...], ...] = attrs.field(converter=_matrix)

    def level(self, likelihood: Level | None, impact: Level | None) -> Level | None:
        """The level of a risk; ``None`` (unknown) when either input is unknown."""
        if likelihood is None or impact is None:
            return None
        return self.rows[likelihood.rank][impact.rank]


_VL, _L, _M, _H, _VH = _LEVELS
DEFAULT_RISK_MATRIX = RiskMatrix(
    rows=(
        (_VL, _VL, _VL, _L, _L),  # very low likelihood
        (_VL, _L, _L, _L, _M),  # low
        (_VL, _L, _M, _M, _H),  # moderate
        (_VL, _L, _M, _H, _VH),  # high
        (_VL, _L, _M, _H, _VH),  # very high
    )
)
"""NIST SP 800-30 Rev. 1, Table I-2: the level of risk from likelihood and impact."""


@attrs.frozen(cache_hash=True)
class RiskLogEntry:
    """A dated entry of a risk's log.

    Attributes:
        date: When.
        text: What happened.
        author: Who wrote it.
        status: The status the risk moved to, if the entry changes it.
    """

    date: DateOrMoment
    text: str = ""
    author: str | None = None
    status: RiskStatus | None = None


@attrs.frozen(cache_hash=True)
class Acceptance:
    """An acceptance of a risk (or an approved deviation): who, why, until when.

    Attributes:
        approver: Who accepted it.
        justification: Why.
        date: When it was accepted.
        expires: The last day it holds; ``None``: it does not expire.
    """

    approver: str
    justification: str = ""
    date: DateOrMoment | None = None
    expires: DateOrMoment | None = None

    def expired(self, as_of: dt.date) -> bool:
        """Whether it no longer holds on *as_of* (a date at a lower precision holds until its
        last day)."""
        return self.expires is not None and passed(self.expires, as_of)


@attrs.frozen(cache_hash=True)
class Risk:
    """A risk of the plan.

    Attributes:
        id: Stable id.
        statement: What may happen.
        likelihood: How likely it is, if stated.
        impact: How bad it would be, if stated.
        status: Where it stands.
        deadline: When it must be remediated: a day or a moment at its precision.
        owner: Who owns it.
        mitigating_factors: What lowers it meanwhile, in words.
        remediated_by: Ids of the work items that remediate it.
        log: Its risk log, oldest first.
        acceptances: Its acceptances and approved deviations; the latest
            that has not expired is the one that holds.
        links: Tracker links and other URLs.
        extra: Free-form fields.
    """

    id: str
    statement: str
    likelihood: Level | None = None
    impact: Level | None = None
    status: RiskStatus = RiskStatus.OPEN
    deadline: DateOrMoment | None = None
    owner: str | None = None
    mitigating_factors: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    remediated_by: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    log: tuple[RiskLogEntry, ...] = attrs.field(default=(), converter=_tuple)
    acceptances: tuple[Acceptance, ...] = attrs.field(default=(), converter=_tuple)
    links: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    extra: Mapping[str, Any] = _extra()
