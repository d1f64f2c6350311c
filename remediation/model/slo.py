"""Service-level objectives: an indicator with its own threshold, an objective, a window, a budget.

A success criterion is an SLO when it has a :class:`ServiceLevel`: its
``target`` is then the objective (``">= 99.9%"``, the share of valid events
that must be good), its ``window`` the period it is measured over, and its
current value the indicator's attainment in percent. The indicator keeps its
*own* comparator and threshold (``latency < 1000 ms`` makes a request good),
apart from the objective's, so that two statements of it can be compared.
A stated error budget ("43 minutes a month", "0.1%") is kept as written and
compared with the one the objective and the window give.
"""

from __future__ import annotations

import enum

import attrs

from remediation.model.quantity import Quantity
from remediation.model.target import Target

__all__ = ["Indicator", "ServiceLevel", "WindowKind"]


class WindowKind(enum.Enum):
    """How an SLO's window moves: rolling (the last 28 days) or calendar (this month)."""

    ROLLING = "rolling"
    CALENDAR = "calendar"


@attrs.frozen(cache_hash=True)
class Indicator:
    """What an SLO measures: which events are good, of which valid ones.

    Attributes:
        metric: What is measured ("latency", "availability"); SLOs of one
            metric must state the same threshold.
        threshold: What makes an event good, with its own comparator
            (``"< 1000 ms"``); ``None`` when good and bad are not a threshold
            (a successful response, say).
        good: The good events in words ("requests served in under 1000 ms").
        valid: The valid events in words ("all requests but health checks").
        quote: The words that state the indicator.
    """

    metric: str
    threshold: Target | None = None
    good: str = ""
    valid: str = ""
    quote: str = ""


@attrs.frozen(cache_hash=True)
class ServiceLevel:
    """What makes a criterion an SLO, besides its objective (``target``) and ``window``.

    Attributes:
        indicator: What is measured.
        window_kind: Rolling or calendar.
        error_budget: The budget the document states, as written: a duration
            ("43 minutes"), a percent ("0.1%") or a count of bad events.
    """

    indicator: Indicator
    window_kind: WindowKind = WindowKind.ROLLING
    error_budget: Quantity | None = None
