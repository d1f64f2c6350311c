"""Success criteria: metrics with baseline and target, and yes/no conditions."""

from __future__ import annotations

import enum
import math
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
from remediation.model.validators import FieldValueError, finite, percentage

__all__ = [
    "Composite",
    "CompositeMode",
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


class CompositeMode(enum.Enum):
    """How a composite criterion is decided by its members."""

    ALL_OF = "all_of"
    """Met when every member is met."""
    ANY_OF = "any_of"
    """Met when any member is met."""
    WEIGHTED = "weighted"
    """Met when the weights of the members met reach the threshold."""


def _number(value: Any) -> Any:
    """An integer as the float it stands for (3 is 3.0), so that it is written as it reads."""
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _weights(value: Any) -> tuple[float, ...]:
    return tuple(_number(weight) for weight in _tuple(value))


@attrs.frozen(cache_hash=True)
class Composite:
    """What makes a criterion a composite: the criteria and risks that decide it.

    "Close when the failure rate is under 10 % and either staging passes or
    the risk is accepted" is two composites: ``all_of: [failure-rate,
    staging-or-risk]`` and ``any_of: [staging, staging-risk]``.

    Attributes:
        mode: All of, any of, or weighted.
        members: Ids of criteria (composites too) and of risks; a risk counts
            as met when it no longer stands (accepted with an acceptance that
            holds, or closed).
        weights: For ``weighted``, one weight a member, in their order; they
            are normalised (3 and 1 are 0.75 and 0.25). Left out, every member
            weighs the same.
        threshold: For ``weighted``, the share of the weight that must be met,
            in (0, 1].
    """

    mode: CompositeMode
    members: tuple[str, ...] = attrs.field(converter=_tuple)
    weights: tuple[float, ...] = attrs.field(default=(), converter=_weights)
    threshold: float | None = attrs.field(default=None, converter=_number, validator=finite)

    def __attrs_post_init__(self) -> None:
        if not self.members:
            msg = "a composite criterion needs at least one member"
            raise FieldValueError("members", msg)
        if len(set(self.members)) != len(self.members):
            msg = f"a member is listed twice: {list(self.members)}"
            raise FieldValueError("members", msg)
        weighted = self.mode is CompositeMode.WEIGHTED
        if self.weights and not weighted:
            msg = f"only a weighted composite has weights, not {self.mode.value}"
            raise FieldValueError("weights", msg)
        if self.weights and len(self.weights) != len(self.members):
            msg = (
                f"expected one weight a member: {len(self.members)} members, "
                f"{len(self.weights)} weights"
            )
            raise FieldValueError("weights", msg)
        if any(not math.isfinite(w) or w <= 0 for w in self.weights):
            msg = f"expected positive weights, such as [0.6, 0.4], got {list(self.weights)}"
            raise FieldValueError("weights", msg)
        if weighted != (self.threshold is not None):
            msg = (
                "a weighted composite needs a threshold, such as 0.5 (the share of the "
                "weight that must be met); only a weighted one has one"
            )
            raise FieldValueError("threshold", msg)
        if self.threshold is not None and not 0 < self.threshold <= 1:
            msg = f"expected a threshold in (0, 1], such as 0.5, got {self.threshold:g}"
            raise FieldValueError("threshold", msg)

    @property
    def shares(self) -> tuple[float, ...]:
        """Each member's share of the weight, normalised to sum to 1."""
        weights = self.weights or (1.0,) * len(self.members)
        total = math.fsum(weights)
        return tuple(w / total for w in weights)


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
        composite: For a composite criterion: the criteria and risks that
            decide it (it then has no target, current value or observation of
            its own).
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
    composite: Composite | None = None
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
        if self.composite is not None and (
            self.target is not None or self.observed is not None or self.slo is not None
        ):
            msg = (
                f"criterion {self.id!r} is a composite: its members decide it, so it has "
                "no target, observation or SLO of its own"
            )
            raise ValueError(msg)
        if self.current is not None and self.current_from is not None:
            msg = f"criterion {self.id!r} states its current value twice (current, current_from)"
            raise ValueError(msg)

    @property
    def is_condition(self) -> bool:
        """Whether this is a yes/no condition rather than a metric (or a composite)."""
        return self.target is None and self.composite is None

    def _repr_html_(self) -> str:
        """HTML for Jupyter (see ``remediation.model.display``)."""
        return display.html(self)
