"""One definition of every derived value: an Evaluator's what-if equals a fresh evaluation.

For random plans and random chains of changes (statuses, measurements,
observations, test runs, estimates, due dates, stated statuses, dependencies
added and removed, several records at once), with rules of one's own on every
scope, each evaluation an :class:`~remediation.Evaluator` derives from a
remembered one equals, field by field, :func:`remediation.evaluate` of the
same data. A change of references (a dependency) is evaluated in full; every
other change incrementally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import remediation
from remediation import Assessment, MeasurementEvidence, TestRunEvidence, WorkItem
from remediation.exceptions import PlanValidationError
from remediation.rules import Found, Rule, Scope, rule
from remediation.testing.strategies import assessments, durations, statuses

# Rules of one's own, one per scope, each reading its own subject only.


def _user_rule(scope: Scope, check: Callable[[Any, Any], bool]) -> Rule:
    def checked(record: Any, result: Any, context: Any) -> Found:
        """What it does:
            Flags what the test says.

        Why is this bad?
            It is a test.
        """
        subject = str(getattr(result, "id", None) or getattr(record, "id", ""))
        return [(f"{scope.value} {subject!r}", (subject,))] if check(record, result) else []

    return rule(f"test.{scope.value.replace('_', '-')}", title=scope.value, scope=scope)(checked)


USER_RULES = (
    _user_rule(Scope.ITEM, lambda item, result: item.owner is None and not result.closed),
    _user_rule(Scope.PHASE, lambda phase, result: result.progress > 0.5),
    _user_rule(Scope.CRITERION, lambda criterion, result: result.progress is not None),
    _user_rule(Scope.TEST_RUN, lambda run, result: run.failed > run.passed),
    _user_rule(Scope.GAP, lambda gap, result: result.closed),
    _user_rule(Scope.ROOT_CAUSE, lambda step, result: not result.addressed),
    _user_rule(Scope.SCHEDULE, lambda record, work: work.finish.weekday() == 0),
    _user_rule(Scope.ASSESSMENT, lambda plan, result: len(result.blocked) > 1),
)


def _replace_item(
    plan: Assessment, item_id: str, change: Callable[[WorkItem], WorkItem]
) -> Assessment:
    for attr in ("phases", "next_steps"):
        groups = getattr(plan, attr)
        for index, group in enumerate(groups):
            for at, item in enumerate(group.items):
                if item.id == item_id:
                    items = (*group.items[:at], change(item), *group.items[at + 1 :])
                    new_group = attrs.evolve(group, items=items)
                    changed: dict[str, Any] = {
                        attr: (*groups[:index], new_group, *groups[index + 1 :])
                    }
                    return attrs.evolve(plan, **changed)
    raise AssertionError(item_id)


def _kinds(plan: Assessment) -> list[str]:
    kinds = []
    if plan.items:
        kinds += ["status", "estimate", "due", "dependency", "several"]
    if plan.phases:
        kinds.append("stated")
    if any(c.target is not None for c in plan.criteria):
        kinds.append("measurement")
    if any(c.is_condition for c in plan.criteria):
        kinds.append("observation")
    if any(isinstance(e, MeasurementEvidence) for e in plan.evidence):
        kinds.append("measured")
    if any(isinstance(e, TestRunEvidence) for e in plan.evidence):
        kinds.append("test_run")
    return kinds


def _change(plan: Assessment, kind: str, data: st.DataObject) -> Assessment:
    items = [item.id for item in plan.items]
    pick: Callable[[Sequence[str]], str] = lambda ids: data.draw(st.sampled_from(ids))  # noqa: E731
    if kind == "status":
        return remediation.with_status(plan, pick(items), data.draw(statuses()))
    if kind == "estimate":
        estimate = data.draw(st.none() | durations())
        return _replace_item(plan, pick(items), lambda i: attrs.evolve(i, estimate=estimate))
    if kind == "due":
        due = data.draw(st.none() | st.dates(dt.date(2024, 1, 1), dt.date(2027, 1, 1)))
        return _replace_item(plan, pick(items), lambda i: attrs.evolve(i, due=due))
    if kind == "dependency":
        item_id, other = pick(items), pick(items)

        def toggle(item: WorkItem) -> WorkItem:
            needs = item.depends_on
            return attrs.evolve(
                item,
                depends_on=tuple(n for n in needs if n != other)
                if other in needs
                else (*needs, other),
            )

        return _replace_item(plan, item_id, toggle)
    if kind == "several":
        for _ in range(data.draw(st.integers(2, 3))):
            plan = remediation.with_status(plan, pick(items), data.draw(statuses()))
        return plan
    if kind == "stated":
        index = data.draw(st.integers(0, len(plan.phases) - 1))
        phase = attrs.evolve(plan.phases[index], stated_status=data.draw(st.none() | statuses()))
        return attrs.evolve(plan, phases=(*plan.phases[:index], phase, *plan.phases[index + 1 :]))
    if kind == "measurement":
        criterion = pick([c.id for c in plan.criteria if c.target is not None])
        return remediation.with_measurement(plan, criterion, data.draw(st.floats(0, 100)))
    if kind == "observation":
        criterion = pick([c.id for c in plan.criteria if c.is_condition])
        return remediation.with_observation(plan, criterion, data.draw(st.none() | st.booleans()))
    if kind == "measured":
        measured = pick([e.id for e in plan.evidence if isinstance(e, MeasurementEvidence)])
        return remediation.with_measurement(plan, measured, data.draw(st.floats(0, 100)))
    run = pick([e.id for e in plan.evidence if isinstance(e, TestRunEvidence)])
    counts = st.integers(0, 40)
    return remediation.with_test_run(plan, run, failed=data.draw(counts), passed=data.draw(counts))


def _fresh(plan: Assessment, as_of: dt.date | None) -> remediation.Evaluation | None:
    try:
        return remediation.evaluate(plan, as_of, rules=USER_RULES)
    except PlanValidationError:
        return None  # a dependency that closes a cycle: both ways must refuse it


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plan=assessments(), data=st.data())
def test_every_what_if_equals_a_fresh_evaluation(plan: Assessment, data: st.DataObject) -> None:
    assert isinstance(plan.date, dt.date)  # the strategy always gives a day
    as_of = data.draw(st.sampled_from([None, plan.date + dt.timedelta(days=45)]))
    evaluator = remediation.Evaluator(rules=USER_RULES)
    assert evaluator.evaluate(plan, as_of) == _fresh(plan, as_of)
    kinds = _kinds(plan)
    current = plan
    for _ in range(data.draw(st.integers(1, 4)) if kinds else 0):
        changed = _change(current, data.draw(st.sampled_from(kinds)), data)
        expected = _fresh(changed, as_of)
        if expected is None:
            try:
                evaluator.evaluate(changed, as_of)
            except PlanValidationError:
                continue
            raise AssertionError("the evaluator accepted a plan with a cycle")
        current = changed
        assert evaluator.evaluate(current, as_of) == expected
