"""Success criteria: metrics with baseline and target, and yes/no conditions."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import attrs

from remediation.model import display
from remediation.model.duration import Duration
from remediation.model.evidence import TestRunQuantity
from remediation.model.fields import as_tuple as _tuple
from remediation.model.fields import extra_field as _extra
from remediation.model.slo import ServiceLevel
from remediation.model.target import Comparator, Target
from remediation.model.validators import percentage

__all__ = [
    "Criterion",
    "CriterionCategory",
    "MetricSource",
]


class CriterionCategory(enum.Enum):
    """Whether a criterion is technical or business."""

    TECHNICAL = "technical"
    BUSINESS = "business"


@attrs.frozen(cache_hash=True)
class MetricSource:
    """Where a criterion's current value comes from: a piece of evidence.

    Attributes:
        evidence: Id of a test run or measurement.
        quantity: For a test run, which of its numbers.
    """

    evidence: str
    quantity: TestRunQuantity | None = None


@attrs.frozen(cache_hash=True)
class Criterion:
    """A success criterion: a metric with baseline and target, or a yes/no condition.

    A metric criterion has a ``target``; its current value is ``current``, or
    is taken from evidence through ``current_from``. A condition has no target;
    ``observed`` says whether it holds (``None``: not known).

    Attributes:
        id: Stable id.
        title: What is measured ("Unit test failures").
        category: Technical or business.
        target: The threshold, for a metric.
        baseline: Where the metric started.
        current: Its current value, when stated directly.
        current_from: Evidence to take the current value from.
        observed: For a condition, whether it holds.
        stated_met: The document's own checkbox, if it has one.
        window: For SLO-style targets, the measurement window.
        evidence: Ids of further evidence.
        description: The criterion in the document's words.
        slo: For a service-level objective: its indicator, window kind and
            stated error budget (``target`` is the objective, in percent, with
            a comparator; ``window`` its window).
    """

    id: str
    title: str
    category: CriterionCategory = CriterionCategory.TECHNICAL
    target: Target | None = None
    baseline: float | None = None
    current: float | None = None
    current_from: MetricSource | None = None
    observed: bool | None = None
    stated_met: bool | None = None
    window: Duration | None = None
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    description: str = ""
    slo: ServiceLevel | None = None
    extra: Mapping[str, Any] = _extra()

    def __attrs_post_init__(self) -> None:
        if self.target is not None and self.target.unit == "%":
            for name in ("baseline", "current"):
                percentage(self, attrs.fields_dict(Criterion)[name], getattr(self, name))
        if self.target is None and (self.current is not None or self.current_from is not None):
            msg = f"criterion {self.id!r} has a current value but no target to compare it with"
            raise ValueError(msg)
        if self.target is not None and self.observed is not None:
            msg = f"criterion {self.id!r} has a target, so it is measured, not observed"
            raise ValueError(msg)
        if self.slo is not None:
            target = self.target
            if target is None or target.unit != "%" or target.comparator is Comparator.EQ:
                msg = (
                    f"criterion {self.id!r} is an SLO: its target is the objective, a percent "
                    "with a comparator such as '>= 99.9%' (a bare '97%' would mean exactly 97%)"
                )
                raise ValueError(msg)
        if self.current is not None and self.current_from is not None:
            msg = f"criterion {self.id!r} states its current value twice (current, current_from)"
            raise ValueError(msg)

    @property
    def is_condition(self) -> bool:
        """Whether this is a yes/no condition rather than a metric."""
        return self.target is None

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)
