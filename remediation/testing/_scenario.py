"""What-if scenarios: a plan, a sequence of changes, and the evaluation after each."""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from remediation.evaluation.results import Evaluation
from remediation.evaluator import as_datetime as _as_datetime
from remediation.evaluator import evaluate
from remediation.evaluator.evaluator import zone_of
from remediation.exceptions import NoEvaluationDateError
from remediation.model.duration import Duration, parse_duration
from remediation.model.moment import Moment
from remediation.model.records import Assessment
from remediation.model.status import Status
from remediation.model.whatif import (
    with_measurement,
    with_observation,
    with_status,
    with_test_run,
)

__all__ = ["Scenario"]


def _moment(value: dt.date | dt.datetime | str | Moment | None) -> dt.datetime | None:
    """The evaluation moment of *value*, keeping its time zone (its local day is "today")."""
    if value is None:
        return None
    zone = zone_of(value)
    moment = _as_datetime(value)
    return moment if zone is None else moment.replace(tzinfo=zone)


def _when(moment: dt.datetime) -> str:
    if moment.time() == dt.time() and moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(" ")


@attrs.frozen(slots=False)  # slots=False: room for the cached evaluation
class Scenario:
    """A plan and the changes made to it so far, evaluated as of a date.

    Every step returns a new scenario; the old one is unchanged, so a test can
    branch. Each step is one of the what-if helpers
    (:func:`~remediation.with_status`, :func:`~remediation.with_measurement`,
    :func:`~remediation.with_observation`, :func:`~remediation.with_test_run`)
    or a change of date. The assertions of :mod:`remediation.testing` take a
    scenario and name its steps when they fail.

    Attributes:
        assessment: The plan as changed so far.
        as_of: The evaluation date; ``None``: the plan's own date. A moment with a
            time zone keeps it: "today" is the local day there, as in
            :func:`~remediation.evaluate`.
        steps: What was done, in words, in order.

    Examples:
        >>> from remediation import examples
        >>> from remediation.testing import Scenario
        >>> scenario = Scenario(examples.issue_1176()).resolve("service-authentication")
        >>> scenario.evaluation.phase("phase-2").progress
        0.25
        >>> print(scenario.advance("2 weeks"))
        assessment 'issue-1176-2025-09-15' as of 2025-09-29, after: resolve 'service-authentication'; advance 2 weeks
    """  # noqa: E501

    assessment: Assessment = attrs.field(repr=lambda a: f"<assessment {a.id!r}>")
    as_of: dt.datetime | None = attrs.field(default=None, converter=_moment)
    steps: tuple[str, ...] = ()

    @functools.cached_property
    def evaluation(self) -> Evaluation:
        """The evaluation of the plan as changed, as of the scenario's date (computed once)."""
        return evaluate(self.assessment, as_of=self.as_of)

    @property
    def moment(self) -> dt.datetime:
        """The evaluation date: ``as_of``, or midnight of the plan's own date."""
        if self.as_of is not None:
            return self.as_of
        if self.assessment.date is None:
            raise NoEvaluationDateError(self.assessment.id)
        return _as_datetime(self.assessment.date)

    def _then(
        self, step: str, assessment: Assessment | None = None, as_of: dt.datetime | None = None
    ) -> Scenario:
        return attrs.evolve(
            self,
            assessment=assessment or self.assessment,
            as_of=as_of or self.as_of,
            steps=(*self.steps, step),
        )

    def resolve(self, *item_ids: str) -> Scenario:
        """Mark work items done (status ``RESOLVED``)."""
        assessment = self.assessment
        for item_id in item_ids:
            assessment = with_status(assessment, item_id, "RESOLVED")
        return self._then("resolve " + ", ".join(map(repr, item_ids)), assessment)

    def set_status(self, item_id: str, status: Status | str) -> Scenario:
        """Give a work item a status: a label (``"⚠️ PARTIAL"``) or a :class:`Status`."""
        changed = with_status(self.assessment, item_id, status)
        return self._then(f"set {item_id!r} to {str(status)!r}", changed)

    def record_measurement(self, record_id: str, value: float) -> Scenario:
        """Record a measured value of a metric criterion or a measurement evidence."""
        changed = with_measurement(self.assessment, record_id, value)
        return self._then(f"record {value:g} for {record_id!r}", changed)

    def record_test_run(self, evidence_id: str, *, failed: int, passed: int) -> Scenario:
        """Give a test run new counts."""
        changed = with_test_run(self.assessment, evidence_id, failed=failed, passed=passed)
        return self._then(f"record {failed} failed / {passed} passed for {evidence_id!r}", changed)

    def observe(self, criterion_id: str, *, holds: bool | None = True) -> Scenario:
        """Observe whether a yes/no criterion holds (``None``: not known)."""
        changed = with_observation(self.assessment, criterion_id, holds)
        words = {True: "holding", False: "not holding", None: "unknown"}[holds]
        return self._then(f"observe {criterion_id!r} {words}", changed)

    def advance(self, by: Duration | dt.timedelta | str) -> Scenario:
        """Move the evaluation date on by a calendar duration (``"2 weeks"``) or a timedelta."""
        duration = parse_duration(by) if isinstance(by, str) else by
        if isinstance(duration, Duration):
            later, shown = duration.after(self.moment), by if isinstance(by, str) else str(by)
        else:
            later, shown = self.moment + duration, str(duration)
        return self._then(f"advance {shown}", as_of=later)

    def at(self, as_of: dt.date | dt.datetime | str) -> Scenario:
        """Evaluate as of another date."""
        moment = _moment(as_of)
        assert moment is not None  # noqa: S101  (a moment was given)
        return self._then(f"move to {_when(moment)}", as_of=moment)

    def __str__(self) -> str:
        text = f"assessment {self.assessment.id!r} as of {_when(self.moment)}"
        return text + (", after: " + "; ".join(self.steps) if self.steps else "")
