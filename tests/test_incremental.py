"""Incremental evaluation: a what-if variant's evaluation equals a fresh one.

An :class:`~remediation.Evaluator` evaluates a variant of an assessment it
evaluated from that evaluation; these properties check that the result is
exactly (``==``) what a full evaluation of the same data gives, for random
plans and random chains of changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import remediation
from remediation import Assessment, Evaluation, MeasurementEvidence, Status, TestRunEvidence
from remediation.evaluation.keyed import Keyed as _Keyed
from remediation.evaluation.keyed import spliced as _spliced
from remediation.evaluator import evaluate as evaluate_in_full

try:
    from remediation.testing.strategies import (  # type: ignore[import-not-found, unused-ignore]
        assessments,
        statuses,
    )
except ImportError:  # the strategies still live beside the tests
    from strategies import (  # type: ignore[import-not-found, no-redef, unused-ignore]
        assessments,
        statuses,
    )

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _changes(plan: Assessment) -> list[tuple[str, str]]:
    """Every (helper, id) a what-if can apply to *plan*."""
    found = [("status", item.id) for item in plan.items]
    found += [("measurement", c.id) for c in plan.criteria if c.target is not None]
    found += [("observation", c.id) for c in plan.criteria if c.is_condition]
    found += [("measurement", e.id) for e in plan.evidence if isinstance(e, MeasurementEvidence)]
    found += [("test_run", e.id) for e in plan.evidence if isinstance(e, TestRunEvidence)]
    return found


def _apply(plan: Assessment, change: tuple[str, str], data: st.DataObject) -> Assessment:
    helper, record_id = change
    if helper == "status":
        status: Status = data.draw(statuses(), label="status")
        return remediation.with_status(plan, record_id, status)
    if helper == "measurement":
        # Within 0..100, so that it fits a percentage too (criteria and measurements in %).
        value = data.draw(st.floats(0, 100, allow_nan=False), label="value")
        return remediation.with_measurement(plan, record_id, value)
    if helper == "observation":
        holds = data.draw(st.none() | st.booleans(), label="holds")
        return remediation.with_observation(plan, record_id, holds)
    counts = st.integers(0, 50)
    failed, passed = data.draw(counts, label="failed"), data.draw(counts, label="passed")
    return remediation.with_test_run(plan, record_id, failed=failed, passed=passed)


def _same(incremental: Evaluation, fresh: Evaluation) -> None:
    assert incremental == fresh
    assert remediation.dumps(incremental) == remediation.dumps(fresh)


@_SETTINGS
@given(plan=assessments(), data=st.data())
def test_every_step_of_a_chain_of_changes_equals_a_fresh_evaluation(
    plan: Assessment, data: st.DataObject
) -> None:
    changes = _changes(plan)
    assert isinstance(plan.date, dt.date)  # the strategy always gives a day
    as_of = data.draw(st.sampled_from([None, plan.date + dt.timedelta(days=30)]), label="as_of")
    evaluator = remediation.Evaluator()
    evaluator.evaluate(plan, as_of)
    current = plan
    for _ in range(data.draw(st.integers(1, 4), label="steps") if changes else 0):
        current = _apply(current, data.draw(st.sampled_from(changes), label="change"), data)
        _same(evaluator.evaluate(current, as_of), evaluate_in_full(current, as_of))


@_SETTINGS
@given(plan=assessments(), data=st.data())
def test_a_chain_evaluated_only_at_its_end_equals_a_fresh_evaluation(
    plan: Assessment, data: st.DataObject
) -> None:
    changes = _changes(plan)
    if not changes:
        return
    evaluator = remediation.Evaluator()
    evaluator.evaluate(plan)
    current = plan
    for _ in range(data.draw(st.integers(1, 5), label="steps")):
        current = _apply(current, data.draw(st.sampled_from(changes), label="change"), data)
    _same(evaluator.evaluate(current), evaluate_in_full(current))


def test_a_long_chain_of_changes_needs_no_deep_recursion() -> None:
    plan = remediation.examples.issue_1176()
    items = [item.id for item in plan.items]
    evaluator = remediation.Evaluator()
    current = plan
    for step in range(3000):
        current = remediation.with_status(current, items[step % len(items)], "⚠️ PARTIAL")
        evaluator.evaluate(current)
    assert evaluator.evaluate(current) == evaluate_in_full(current)


def test_a_variant_shares_untouched_results_with_its_source() -> None:
    plan = remediation.examples.issue_1176()
    evaluator = remediation.Evaluator()
    before = evaluator.evaluate(plan)
    after = evaluator.evaluate(remediation.with_status(plan, "ssot-violations", "RESOLVED"))
    assert after.phases[1] is before.phases[1]
    assert after.items[4] is before.items[4]
    assert after.criteria == before.criteria
    assert after.phase("phase-1").complete is True


@pytest.mark.parametrize("as_of", [None, "2025-10-01", dt.date(2026, 1, 1)])
def test_an_evaluator_evaluates_the_same_assessment_once(as_of: Any) -> None:
    plan = remediation.examples.issue_1176()
    evaluator = remediation.Evaluator()
    assert evaluator.evaluate(plan, as_of) is evaluator.evaluate(plan, as_of)
    assert evaluator.evaluate(plan, as_of) == evaluate_in_full(plan, as_of)


def test_an_equal_copy_evaluates_equal() -> None:
    plan = remediation.examples.issue_1176()
    copy = remediation.loads(remediation.dumps(plan))
    assert copy is not plan
    assert remediation.evaluate(copy) == remediation.evaluate(plan)


keyed_entries = st.lists(st.tuples(st.integers(0, 20), st.text(max_size=2)), max_size=30).map(
    sorted
)
keyed_changes = st.dictionaries(st.integers(0, 22), st.lists(st.text(max_size=2), max_size=3))


@settings(max_examples=300)
@given(keyed_entries, keyed_changes)
def test_replacing_keyed_entries_equals_rebuilding_them(
    entries: list[tuple[int, str]], changes: dict[int, list[str]]
) -> None:
    # What an incremental evaluation does to its long sequences (findings, blocked,
    # open items): replace the entries of some keys, keeping everything in key order.
    kept = [(key, value) for key, value in entries if key not in changes]
    added = [(key, value) for key, values in changes.items() for value in values]
    expected = sorted(kept + added, key=lambda entry: entry[0])  # stable: order within a key
    result = _Keyed.of(entries).replace({k: tuple(v) for k, v in changes.items()})
    assert list(zip(result.keys, result.values, strict=True)) == expected
    # and again, on the result (whose keys are a machine array by then)
    again = dict.fromkeys(list(changes)[:2], ("again",))
    twice = result.replace(again)
    kept = [(key, value) for key, value in expected if key not in again]
    assert list(zip(twice.keys, twice.values, strict=True)) == sorted(
        kept + [(key, "again") for key in again], key=lambda entry: entry[0]
    )


@settings(max_examples=200)
@given(st.lists(st.integers(), max_size=20), st.dictionaries(st.integers(0, 25), st.integers()))
def test_splicing_a_tuple_equals_replacing_its_entries(
    values: list[int], changes: dict[int, int]
) -> None:
    changes = {position: value for position, value in changes.items() if position < len(values)}
    listed = list(values)
    for position, value in changes.items():
        listed[position] = value
    original = tuple(values)
    result = _spliced(original, changes)
    assert result == tuple(listed)
    if not changes:
        assert result is original  # nothing copied


def test_an_evaluator_keeps_the_plan_its_variants_come_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from remediation.evaluator import evaluator as module  # noqa: PLC0415  (the one spied on)
    from remediation.evaluator.full import evaluate_full  # noqa: PLC0415

    full_evaluations: list[str] = []

    def counted(assessment: Assessment, *args: Any) -> Any:
        full_evaluations.append(assessment.id)
        return evaluate_full(assessment, *args)

    monkeypatch.setattr(module, "evaluate_full", counted)
    plan = remediation.examples.issue_1176()
    evaluator = remediation.Evaluator(keep=2)
    evaluator.evaluate(plan)
    variants = [remediation.with_status(plan, item.id, "RESOLVED") for item in plan.items]
    results = [evaluator.evaluate(variant) for variant in variants]  # more than it remembers
    assert full_evaluations == [plan.id]
    monkeypatch.undo()
    assert results == [evaluate_in_full(variant) for variant in variants]
    with pytest.raises(ValueError, match="at least 2"):
        remediation.Evaluator(keep=1)


def test_the_next_variant_of_a_plan_is_compared_with_the_plan_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from remediation.evaluator import evaluator as module  # noqa: PLC0415  (the one spied on)
    from remediation.evaluator.changes import changes_between  # noqa: PLC0415

    compared: list[tuple[str | None, ...]] = []

    def counted(old: Assessment, new: Assessment) -> Any:
        compared.append(tuple(item.status.label for item in old.items))
        return changes_between(old, new)

    plan = remediation.examples.issue_1176()
    evaluator = remediation.Evaluator()
    evaluator.evaluate(plan)
    open_ids = [item.id for item in plan.items if not item.status.is_closed]
    evaluator.evaluate(remediation.with_status(plan, open_ids[0], "RESOLVED"))
    monkeypatch.setattr(module, "changes_between", counted)
    evaluator.evaluate(remediation.with_status(plan, open_ids[1], "RESOLVED"))
    # One comparison, with the plan itself: not first with the variant evaluated before.
    assert compared == [tuple(item.status.label for item in plan.items)]


def test_an_assessment_rule_with_inputs_runs_again_only_when_they_change() -> None:
    calls: list[str] = []

    @remediation.rules.rule(
        "acme.evidence-count",
        title="Counts evidence",
        scope=remediation.rules.Scope.ASSESSMENT,
        inputs=("evidence",),
    )
    def evidence_count(assessment: Assessment, evaluation: Evaluation, context: Any) -> Any:
        """What it does:
            Reports how much evidence there is.

        Why is this bad?
            It is not; it is a test.
        """
        calls.append(assessment.id)
        return [(f"{len(assessment.evidence)} pieces of evidence", ())]

    plan = remediation.examples.issue_1176()
    evaluator = remediation.Evaluator(rules=[evidence_count])
    evaluator.evaluate(plan)
    status_only = remediation.with_status(plan, "ssot-violations", "RESOLVED")
    assert evaluator.evaluate(status_only) == evaluate_in_full(status_only, rules=[evidence_count])
    assert len(calls) == 1 + 1  # the full evaluation above, and the fresh one: not the what-if
    run = next(e for e in plan.evidence if isinstance(e, TestRunEvidence))
    measured = remediation.with_test_run(plan, run.id, failed=1, passed=99)
    calls.clear()
    assert evaluator.evaluate(measured) == evaluate_in_full(measured, rules=[evidence_count])
    assert len(calls) == 2  # the evidence changed: the what-if ran it, and so did the fresh one
