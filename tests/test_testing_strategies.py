"""The public Hypothesis strategies: their knobs, their promises, invalid documents, shrinking."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from remediation import Assessment, Progress, WhyStep, parse_status, validate
from remediation.exceptions import DependencyCycleError
from remediation.testing import assert_rejected
from remediation.testing.strategies import (
    ERROR_KINDS,
    assessments,
    invalid_documents,
    status_labels,
    statuses,
    targets,
    why_trees,
)

# Whole plans are big: no deadline, and no complaint that drawing them takes a while.
PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Small plans: the properties are about structure, not about text.
SMALL = {"max_evidence": 2, "max_gaps": 1, "max_criteria": 1, "max_next_steps": 1}


def depth(steps: tuple[WhyStep, ...]) -> int:
    """Steps on the longest chain of causes."""
    causes = {step.id: step.causes for step in steps}
    memo: dict[str, int] = {}

    def longest(step_id: str) -> int:
        if step_id not in memo:
            memo[step_id] = 1 + max((longest(c) for c in causes[step_id]), default=0)
        return memo[step_id]

    return max((longest(step.id) for step in steps), default=0)


# --------------------------------------------------------------------------- valid plans


@PROPERTY
@given(
    assessments(
        **SMALL, min_phases=1, min_items=1, done_share=0.5, dependency_density=0.5, min_why_depth=2
    )
)
def test_every_knob_still_gives_valid_plans(plan: Assessment) -> None:
    validate(plan)
    assert plan.phases
    assert all(phase.items for phase in plan.phases)
    assert depth(plan.why) >= 2


@PROPERTY
@given(st.data(), st.sampled_from([0, 0.25, 0.5, 1]))
def test_done_share_is_the_share_of_done_items(data: st.DataObject, share: float) -> None:
    plan = data.draw(assessments(**SMALL, max_phases=2, done_share=share))
    items = plan.items
    done = sum(item.status.progress is Progress.DONE for item in items)
    assert done == math.floor(share * len(items) + 0.5)


@PROPERTY
@given(assessments(**SMALL, min_phases=1, dependency_density=1))
def test_full_density_makes_each_item_depend_on_every_earlier_one(plan: Assessment) -> None:
    items = [item.id for item in plan.items]
    for index, item in enumerate(plan.items):
        assert list(item.depends_on) == items[:index]
    for index, phase in enumerate(plan.phases):
        assert list(phase.depends_on) == [p.id for p in plan.phases[:index]]


@PROPERTY
@given(assessments(**SMALL, dependency_density=0))
def test_zero_density_means_no_dependencies(plan: Assessment) -> None:
    assert not any(item.depends_on for item in plan.items)
    assert not any(phase.depends_on for phase in plan.phases)


@PROPERTY
@given(assessments(**SMALL, max_why=6, min_why_depth=2, max_why_depth=3))
def test_why_depth_stays_within_its_bounds(plan: Assessment) -> None:
    assert 2 <= depth(plan.why) <= 3


@PROPERTY
@given(st.data(), st.integers(1, 5))
def test_why_trees_have_the_depth_asked_for(data: st.DataObject, size: int) -> None:
    wanted = data.draw(st.integers(1, size))
    ids = [f"w{i}" for i in range(size)]
    steps = data.draw(why_trees(ids, min_depth=wanted, max_depth=wanted))
    assert [step.id for step in steps] == ids
    assert depth(steps) == wanted


@PROPERTY
@given(st.data(), st.sampled_from(Progress))
def test_status_labels_parse_to_the_progress_asked_for(
    data: st.DataObject, progress: Progress
) -> None:
    label = data.draw(status_labels(progress=progress))
    assert parse_status(label).progress is progress


@PROPERTY
@given(statuses(progress={Progress.PARTIAL, Progress.DEFERRED}))
def test_statuses_have_the_progress_asked_for(status: object) -> None:
    assert getattr(status, "progress", None) in {Progress.PARTIAL, Progress.DEFERRED}


@settings(PROPERTY, max_examples=200)
@given(targets())
def test_percentage_targets_are_percentages(target: object) -> None:
    # Regression: "%" targets were drawn with any value, which the records reject.
    assert target is not None


@pytest.mark.parametrize(
    "knobs",
    [
        {"min_phases": 3, "max_phases": 2},
        {"min_items": -1},
        {"done_share": 1.5},
        {"dependency_density": -0.1},
        {"min_why_depth": 6, "max_why": 5},
        {"min_why_depth": 3, "max_why_depth": 2},
    ],
)
def test_contradicting_knobs_are_refused(knobs: dict[str, float]) -> None:
    with pytest.raises(InvalidArgument):
        assessments(**knobs)  # type: ignore[arg-type]


def test_shrinking_gives_a_small_readable_plan() -> None:
    # A small plan in which some work waits for other work: the shrinker (a
    # heuristic) is not promised the very smallest, but one a reader takes in at once.
    tiny = assessments(
        min_phases=1, max_phases=1, min_items=2, max_items=3, max_next_steps=0, max_evidence=0,
        max_why=0, max_gaps=0, max_criteria=0,
    )  # fmt: skip
    plan = find(
        tiny,
        lambda a: any(item.depends_on for item in a.items),
        # Explaining the counterexample (Phase.explain) is slow and not needed here.
        settings=settings(database=None, max_examples=1000, phases=[Phase.generate, Phase.shrink]),
    )
    (phase,) = plan.phases
    assert (plan.id, phase.id, phase.title, plan.summary) == ("plan-1", "phase-1", "", "")
    items = phase.items
    assert [i.id for i in items] == [f"item-{n}" for n in range(1, len(items) + 1)]
    assert len(items) <= 3
    assert len(repr(plan)) < 2500  # drawn unshrunk, such plans run to pages
    assert [i.depends_on for i in items if i.depends_on] == [("item-1",)]


# --------------------------------------------------------------------------- invalid documents


@pytest.mark.parametrize("kind", [k for k in ERROR_KINDS if k != "malformed-yaml"])
def test_json_documents_of_each_kind_are_rejected(kind: str) -> None:
    @PROPERTY
    @given(invalid_documents(kind))
    def check(document: object) -> None:
        assert getattr(document, "kind", None) == kind
        assert_rejected(document)  # type: ignore[arg-type]

    check()


@pytest.mark.parametrize("kind", [k for k in ERROR_KINDS if k != "malformed-json"])
def test_yaml_documents_of_each_kind_are_rejected(kind: str) -> None:
    @settings(PROPERTY, max_examples=10)
    @given(invalid_documents(kind, format="yaml"))
    def check(document: object) -> None:
        assert getattr(document, "format", None) == "yaml"
        assert_rejected(document)  # type: ignore[arg-type]

    check()


@PROPERTY
@given(invalid_documents("dependency-cycle"))
def test_no_generated_plan_with_a_cycle_is_ever_accepted(document: object) -> None:
    error = assert_rejected(document)  # type: ignore[arg-type]
    assert isinstance(error, DependencyCycleError)
    assert error.cycle


@pytest.mark.parametrize(
    ("kind", "format"),
    [("dangling", "json"), (["schema-version", "nope"], "json"), (None, "toml"), ([], "json")],
)
def test_unknown_kinds_and_formats_are_refused(kind: object, format: str) -> None:  # noqa: A002
    with pytest.raises(InvalidArgument):
        invalid_documents(kind, format=format)  # type: ignore[arg-type]


def test_invalid_documents_read_well_in_a_counterexample() -> None:
    fast = settings(database=None, phases=[Phase.generate, Phase.shrink])
    document = find(invalid_documents("dangling-reference"), lambda _: True, settings=fast)
    assert repr(document) == (
        "InvalidDocument(code='dangling-reference', path='$.related[0]', format='json', "
        "kind='dangling-reference', description=\"set $.related[0] to 'missing-1', no record\")"
    )


@PROPERTY
@given(invalid_documents())
def test_any_kind_of_invalid_document_is_rejected(document: object) -> None:
    assert getattr(document, "kind", None) in ERROR_KINDS
    assert getattr(document, "kind", None) != "malformed-yaml"
    assert_rejected(document)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ids", "knobs"),
    [
        (["a", "a"], {}),
        (["a"], {"min_depth": 2}),
        (["a", "b"], {"min_depth": 2, "max_depth": 1}),
    ],
)
def test_why_trees_refuse_what_cannot_be(ids: list[str], knobs: dict[str, int]) -> None:
    with pytest.raises(InvalidArgument):
        why_trees(ids, **knobs)  # type: ignore[arg-type]


@pytest.mark.parametrize("progress", [[], ["done"]])
def test_statuses_refuse_what_is_not_a_progress(progress: object) -> None:
    with pytest.raises(InvalidArgument):
        statuses(progress=progress)  # type: ignore[arg-type]


def test_a_series_is_a_measured_value_a_gap_may_name() -> None:
    # a gap's measurement may name a series (the loader accepts it): a "dangling
    # reference" made by pointing it at one would be a valid document
    from remediation.testing.strategies._mistakes import _kind_named, _Record  # noqa: PLC0415

    series = _Record("evidence", "$.evidence[0]", {"kind": "series", "id": "s"})
    commit = _Record("evidence", "$.evidence[1]", {"kind": "commit", "id": "c"})
    assert _kind_named(series) == "evidence+measured"
    assert _kind_named(commit) == "evidence"
