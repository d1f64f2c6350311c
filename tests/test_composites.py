"""Composite criteria: all of, any of, weighted; three-valued; counted in place of members."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import remediation
from remediation import (
    Acceptance,
    Composite,
    CompositeMode,
    CriterionState,
    Decision,
    EdgeKind,
    ReasonCode,
    Risk,
    RiskStatus,
)
from remediation.evaluation.composites import composite_state
from remediation.testing import criterion, plan

DAY = dt.date(2025, 3, 3)
HEADER = "schema_version: 1\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"
MET, UNMET, UNKNOWN = CriterionState.MET, CriterionState.UNMET, CriterionState.UNMEASURED


def composite(criterion_id: str, mode: str, *members: str, **fields: object) -> object:
    return criterion(
        criterion_id,
        composite=Composite(CompositeMode(mode), members, **fields),
    )


def of(mode: str, count: int, **fields: object) -> Composite:
    return Composite(CompositeMode(mode), [f"m{i}" for i in range(count)], **fields)


@pytest.mark.parametrize(
    ("states", "all_of", "any_of"),
    [
        ((MET, MET), MET, MET),
        ((MET, UNMET), UNMET, MET),
        ((UNMET, UNMET), UNMET, UNMET),
        ((MET, UNKNOWN), UNKNOWN, MET),
        ((UNMET, UNKNOWN), UNMET, UNKNOWN),  # one not met decides all of; any of stays unknown
        ((UNKNOWN, UNKNOWN), UNKNOWN, UNKNOWN),
    ],
)
def test_all_of_and_any_of_follow_three_valued_logic(
    states: tuple[CriterionState, ...], all_of: CriterionState, any_of: CriterionState
) -> None:
    assert composite_state(of("all_of", 2), states)[0] is all_of
    assert composite_state(of("any_of", 2), states)[0] is any_of


@pytest.mark.parametrize(
    ("states", "expected", "progress"),
    [
        ((MET, UNMET, UNMET), MET, 1.0),  # 0.6 of the weight reaches 0.5
        ((UNMET, MET, MET), UNMET, 0.8),  # 0.4 does not, and nothing is unknown
        ((UNKNOWN, MET, UNMET), UNKNOWN, None),  # 0.2 met, 0.8 if the unknown one is
        ((UNMET, UNKNOWN, UNMET), UNMET, 0.0),  # even with the unknown met: 0.2
    ],
)
def test_weighted_normalises_its_weights_and_knows_when_it_cannot_tell(
    states: tuple[CriterionState, ...], expected: CriterionState, progress: float | None
) -> None:
    weighted = of("weighted", 3, weights=[3, 1, 1], threshold=0.5)  # 0.6, 0.2, 0.2
    assert weighted.shares == pytest.approx((0.6, 0.2, 0.2))
    state, found = composite_state(weighted, states)
    assert state is expected
    assert found == (None if progress is None else pytest.approx(progress))


def test_weighted_without_weights_weighs_every_member_the_same() -> None:
    two_of_three = of("weighted", 3, threshold=0.6)
    assert composite_state(two_of_three, (MET, MET, UNMET))[0] is MET
    assert composite_state(two_of_three, (MET, UNMET, UNKNOWN))[0] is UNKNOWN


def accepted_risk(risk_id: str = "staging-risk", **fields: object) -> Risk:
    fields.setdefault("status", RiskStatus.ACCEPTED)
    fields.setdefault("acceptances", [Acceptance(approver="CISO", justification="canary")])
    return Risk(id=risk_id, statement="Staging differs from production", **fields)  # type: ignore[arg-type]


def close_when(*, staging: bool | None, rate: float, risk: Risk) -> remediation.Assessment:
    """Close when the failure rate is under 10 % and either staging passes or the risk
    is accepted."""
    return plan(
        criterion("failure-rate", "<10%", current=rate),
        criterion("staging", observed=staging),
        composite("staging-or-risk", "any_of", "staging", "staging-risk"),
        composite("ready", "all_of", "failure-rate", "staging-or-risk"),
        risks=[risk],
        date=DAY,
    )


def test_an_accepted_risk_stands_in_for_a_failed_staging_run() -> None:
    result = remediation.evaluate(close_when(staging=False, rate=4, risk=accepted_risk()))
    assert result.criterion("staging").state is UNMET
    assert result.criterion("staging-or-risk").state is MET
    assert result.criterion("staging-or-risk").members == (
        ("staging", UNMET),
        ("staging-risk", MET),
    )
    ready = result.criterion("ready")
    assert (ready.state, ready.part_of) == (MET, ())
    assert result.criterion("staging").part_of == ("staging-or-risk",)
    # The failed member does not hold the issue open: its composite decides for it.
    assert result.recommendation.decision is Decision.CLOSE_WITH_EXCEPTIONS
    (met,) = [r for r in result.recommendation.reasons if r.code is ReasonCode.CRITERIA_MET]
    assert (met.message, met.ids) == ("all 1 success criterion met", ("ready",))


def test_an_open_risk_and_a_failed_run_keep_the_composite_unmet() -> None:
    open_risk = accepted_risk(status=RiskStatus.OPEN, acceptances=[])
    result = remediation.evaluate(close_when(staging=False, rate=4, risk=open_risk))
    assert result.criterion("ready").state is UNMET
    (unmet,) = [r for r in result.recommendation.reasons if r.code is ReasonCode.CRITERIA_UNMET]
    assert unmet.ids == ("ready",)  # the composite, not its members
    closed = accepted_risk(status=RiskStatus.CLOSED, acceptances=[])
    assert (
        remediation.evaluate(close_when(staging=False, rate=4, risk=closed))
        .criterion("ready")
        .state
        is MET
    )


def test_an_expired_acceptance_no_longer_stands_in() -> None:
    expired = accepted_risk(acceptances=[Acceptance(approver="CISO", expires=dt.date(2025, 3, 1))])
    result = remediation.evaluate(close_when(staging=False, rate=4, risk=expired))
    assert result.criterion("staging-or-risk").state is UNMET


def test_an_unknown_member_leaves_any_of_unknown_but_all_of_fails_on_a_known_miss() -> None:
    open_risk = accepted_risk(status=RiskStatus.OPEN, acceptances=[])
    unknown = remediation.evaluate(close_when(staging=None, rate=4, risk=open_risk))
    assert unknown.criterion("staging-or-risk").state is UNKNOWN
    assert unknown.criterion("ready").state is UNKNOWN
    (reason,) = [
        r for r in unknown.recommendation.reasons if r.code is ReasonCode.CRITERIA_UNMEASURED
    ]
    assert reason.ids == ("ready",)
    failing = remediation.evaluate(close_when(staging=None, rate=40, risk=open_risk))
    assert failing.criterion("ready").state is UNMET  # one not met, whatever the other


def test_a_what_if_on_a_member_gives_what_a_full_evaluation_gives() -> None:
    open_risk = accepted_risk(status=RiskStatus.OPEN, acceptances=[])
    document = close_when(staging=False, rate=4, risk=open_risk)
    evaluator = remediation.Evaluator()
    before = evaluator.evaluate(document)
    assert before.criterion("ready").state is UNMET
    passed = remediation.with_observation(document, "staging", True)
    after = evaluator.evaluate(passed)
    assert after == remediation.evaluate(passed)
    assert after.criterion("ready").state is MET
    codes = [r.code for r in after.recommendation.reasons]
    assert ReasonCode.CRITERIA_UNMET not in codes
    worse = attrs_evolve_current(passed, "failure-rate", 40)
    assert evaluator.evaluate(worse) == remediation.evaluate(worse)


def attrs_evolve_current(
    document: remediation.Assessment, criterion_id: str, value: float
) -> remediation.Assessment:
    criteria = tuple(
        attrs.evolve(c, current=value) if c.id == criterion_id else c for c in document.criteria
    )
    return attrs.evolve(document, criteria=criteria)


_DOCUMENT = HEADER + (
    "criteria:\n"
    "  - {id: failure-rate, title: Failure rate, target: '<10%', current: 4}\n"
    "  - {id: staging, title: Staging passes, observed: false}\n"
    "  - id: staging-or-risk\n"
    "    title: Staging passes or the risk is accepted\n"
    "    composite: {mode: any_of, members: [staging, staging-risk]}\n"
    "  - id: ready\n"
    "    title: Ready to close\n"
    "    composite: {mode: weighted, members: [failure-rate, staging-or-risk],"
    " weights: [3, 1], threshold: 1}\n"
    "risks:\n"
    "  - id: staging-risk\n"
    "    statement: Staging differs from production\n"
    "    status: accepted\n"
    "    acceptances: [{approver: CISO, justification: canary releases instead}]\n"
)


def test_a_document_states_composites_and_round_trips() -> None:
    document = remediation.loads(_DOCUMENT, "yaml")
    ready = document.criteria[3].composite
    assert ready is not None
    assert (ready.mode, ready.members, ready.weights, ready.threshold) == (
        CompositeMode.WEIGHTED,
        ("failure-rate", "staging-or-risk"),
        (3.0, 1.0),
        1.0,
    )
    assert remediation.loads(remediation.dumps(document)) == document
    assert remediation.loads(remediation.dumps(document, "yaml"), "yaml") == document
    assert remediation.evaluate(document).criterion("ready").state is MET


def test_composites_are_nodes_with_edges_to_their_members() -> None:
    graph = remediation.build_graph(remediation.loads(_DOCUMENT, "yaml"))
    members = sorted(
        (u, v) for u, v in graph.edges if graph.edges[u, v]["kind"] is EdgeKind.HAS_MEMBER
    )
    assert members == [
        ("ready", "failure-rate"),
        ("ready", "staging-or-risk"),
        ("staging-or-risk", "staging"),
        ("staging-or-risk", "staging-risk"),
    ]


def problems(text: str) -> list[str]:
    with pytest.raises(remediation.exceptions.RemediationError) as raised:
        remediation.loads(text, "yaml")
    return [str(p) for p in getattr(raised.value, "exceptions", (raised.value,))]


def test_a_member_that_names_nothing_or_a_work_item_is_an_error_with_its_path() -> None:
    text = HEADER + (
        "phases: [{id: p, title: P, items: [{id: fix, title: Fix}]}]\n"
        "criteria:\n"
        "  - {id: c, title: C, observed: true}\n"
        "  - {id: both, title: Both, composite: {mode: all_of, members: [c, cc, fix]}}\n"
    )
    found = problems(text)
    assert found[0].startswith(
        "$.criteria[1].composite.members[1]: 'both' refers to 'cc', which is not a criterion"
        " or risk"
    )
    assert found[1] == (
        "$.criteria[1].composite.members[2]: 'both' refers to 'fix', which is a work item, "
        "not a criterion or risk"
    )


def test_a_composite_that_is_its_own_member_is_a_cycle_with_its_path() -> None:
    text = HEADER + (
        "criteria:\n"
        "  - {id: c, title: C, observed: true}\n"
        "  - {id: a, title: A, composite: {mode: all_of, members: [c, b]}}\n"
        "  - {id: b, title: B, composite: {mode: any_of, members: [a]}}\n"
    )
    assert problems(text) == ["$.criteria[1]: dependency cycle: a -> b -> a"]


@pytest.mark.parametrize(
    ("composite_text", "message"),
    [
        ("{mode: all_of, members: []}", "members: a composite criterion needs at least one"),
        ("{mode: all_of, members: [c, c]}", "members: a member is listed twice"),
        ("{mode: any_of, members: [c], weights: [1]}", "weights: only a weighted composite"),
        ("{mode: weighted, members: [c], weights: [1, 2], threshold: 0.5}", "one weight a"),
        ("{mode: weighted, members: [c], weights: [0], threshold: 0.5}", "positive weights"),
        ("{mode: weighted, members: [c]}", "threshold: a weighted composite needs a threshold"),
        ("{mode: weighted, members: [c], threshold: 50}", "a threshold in (0, 1]"),
        ("{mode: some_of, members: [c]}", "mode"),
    ],
)
def test_a_malformed_composite_says_what_is_expected(composite_text: str, message: str) -> None:
    text = HEADER + (
        "criteria:\n  - {id: c, title: C, observed: true}\n"
        f"  - {{id: x, title: X, composite: {composite_text}}}\n"
    )
    (found,) = problems(text)
    assert found.startswith("$.criteria[1].composite")
    assert message in found


def test_a_composite_has_no_target_of_its_own() -> None:
    with pytest.raises(ValueError, match="its members decide it"):
        criterion("x", "<10%", composite=Composite(CompositeMode.ALL_OF, ["a"]))


def test_the_report_names_the_members_and_their_states() -> None:
    document = remediation.loads(_DOCUMENT, "yaml")
    text = remediation.render_markdown(document, remediation.evaluate(document))
    assert (
        "**Staging passes or the risk is accepted**: any of: `staging` (unmet), "
        "`staging-risk` (met) — ✅ met, progress 100%; counted through `ready`"
    ) in text
    assert (
        "**Ready to close**: weighted: `failure-rate` (75%, met), `staging-or-risk` "
        "(25%, met), at least 100% of the weight met — ✅ met"
    ) in text


@st.composite
def composite_plans(draw: st.DrawFn) -> remediation.Assessment:
    """Conditions observed or not, and composites over earlier criteria (no cycles)."""
    observed = st.none() | st.booleans()
    records: list[object] = [
        criterion(f"c{i}", observed=draw(observed)) for i in range(draw(st.integers(1, 4)))
    ]
    for j in range(draw(st.integers(1, 4))):
        earlier = [r.id for r in records]  # type: ignore[attr-defined]
        members = draw(st.lists(st.sampled_from(earlier), min_size=1, unique=True))
        mode = draw(st.sampled_from(CompositeMode))
        fields: dict[str, object] = {}
        if mode is CompositeMode.WEIGHTED:
            fields["threshold"] = draw(st.sampled_from([0.25, 0.5, 1.0]))
            fields["weights"] = draw(
                st.lists(st.integers(1, 3), min_size=len(members), max_size=len(members))
            )
        records.append(composite(f"k{j}", mode.value, *members, **fields))
    return plan(*records, date=DAY)


@settings(max_examples=60, deadline=None)
@given(composite_plans(), st.data())
def test_what_ifs_on_members_equal_a_fresh_evaluation(
    document: remediation.Assessment, data: st.DataObject
) -> None:
    evaluator = remediation.Evaluator()
    evaluator.evaluate(document)
    conditions = [c.id for c in document.criteria if c.composite is None]
    for _ in range(3):
        changed = data.draw(st.sampled_from(conditions))
        document = remediation.with_observation(
            document, changed, data.draw(st.none() | st.booleans())
        )
        assert evaluator.evaluate(document) == remediation.evaluate(document)
