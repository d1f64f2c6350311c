"""The plan graph: nodes, edges and their direction, validation, dependency order."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from remediation import (
    Assessment,
    Criterion,
    EdgeKind,
    Gap,
    MetricSource,
    NextStep,
    NodeKind,
    Phase,
    Status,
    TestRunEvidence,
    WhyStep,
    WorkItem,
    build_graph,
    dependency_order,
    examples,
    parse_target,
    validate,
)
from remediation.exceptions import (
    DanglingReferenceError,
    DependencyCycleError,
    DocumentError,
    DuplicateIdError,
    PlanValidationError,
    RemediationError,
)
from remediation.graph.diagnosis import diagnose
from remediation.graph.references import path, records, references
from remediation.testing.strategies import assessments

ASSESSMENT_ID = "issue-1176-2025-09-15"


@pytest.fixture(scope="module")
def example() -> Assessment:
    return examples.issue_1176()


@pytest.fixture(scope="module")
def graph(example: Assessment) -> nx.DiGraph[str]:
    return build_graph(example)


def item(
    item_id: str, *, depends_on: Sequence[str] = (), addresses: Sequence[str] = ()
) -> WorkItem:
    return WorkItem(
        id=item_id,
        title=item_id.upper(),
        status=Status.parse("open"),
        depends_on=depends_on,
        addresses=addresses,
    )


def plan(*phases: Phase, gaps: Sequence[Gap] = (), why: Sequence[WhyStep] = ()) -> Assessment:
    return Assessment(
        id="plan",
        issue="#1",
        title="A plan",
        date=dt.date(2025, 1, 1),
        phases=phases,
        gaps=gaps,
        why=why,
    )


def why(step_id: str, *causes: str) -> WhyStep:
    return WhyStep(id=step_id, question=f"why {step_id}?", finding="because", causes=causes)


def invalid(assessment: Assessment) -> PlanValidationError:
    with pytest.raises(PlanValidationError) as info:
        build_graph(assessment)
    return info.value


# --------------------------------------------------------------------------- the example


def test_node_kinds(graph: nx.DiGraph[str]) -> None:
    kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
    assert kinds == {
        NodeKind.ASSESSMENT: 1,
        NodeKind.PHASE: 3,
        NodeKind.NEXT_STEP: 2,
        NodeKind.ITEM: 14,  # 4 + 4 + 3 in phases, 3 next steps
        NodeKind.GAP: 4,
        NodeKind.CRITERION: 7,
        NodeKind.WHY: 5,
        NodeKind.EVIDENCE: 13,
    }


@pytest.mark.parametrize(
    ("node", "kind"),
    [
        (ASSESSMENT_ID, NodeKind.ASSESSMENT),
        ("phase-2", NodeKind.PHASE),
        ("week-1", NodeKind.NEXT_STEP),
        ("service-authentication", NodeKind.ITEM),
        ("import-path-standardization", NodeKind.ITEM),
        ("factory-pattern-gap", NodeKind.GAP),
        ("unit-test-failures", NodeKind.CRITERION),
        ("why-5", NodeKind.WHY),
        ("commit-9c87d9def", NodeKind.EVIDENCE),
        ("unit-tests", NodeKind.EVIDENCE),
    ],
)
def test_node_kind(graph: nx.DiGraph[str], node: str, kind: NodeKind) -> None:
    assert graph.nodes[node]["kind"] is kind


def edges_of(graph: nx.DiGraph[str], kind: EdgeKind) -> set[tuple[str, str]]:
    return {(u, v) for u, v, data in graph.edges(data=True) if data["kind"] is kind}


def test_edge_kinds(graph: nx.DiGraph[str]) -> None:
    kinds = Counter(data["kind"] for _, _, data in graph.edges(data=True))
    assert kinds == {
        EdgeKind.PART_OF: 30,
        EdgeKind.EVIDENCED_BY: 19,
        EdgeKind.ADDRESSES: 16,
        EdgeKind.REFERENCES: 5,
        EdgeKind.MEASURED_BY: 5,
        EdgeKind.CAUSED_BY: 4,
        EdgeKind.BLOCKS: 3,
    }


@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [
        ("auth-service-deployment", "phase-1", EdgeKind.PART_OF),
        ("import-path-standardization", "week-2", EdgeKind.PART_OF),
        ("phase-1", ASSESSMENT_ID, EdgeKind.PART_OF),
        ("factory-pattern-gap", ASSESSMENT_ID, EdgeKind.PART_OF),
        ("factory-pattern-conflicts", "factory-pattern-gap", EdgeKind.ADDRESSES),
        ("systematic-migration-strategy", "why-5", EdgeKind.ADDRESSES),
        ("why-1", "why-2", EdgeKind.CAUSED_BY),
        ("why-4", "why-5", EdgeKind.CAUSED_BY),
        ("test-discovery", "tests-discovered", EdgeKind.EVIDENCED_BY),
        ("why-1", "unit-tests", EdgeKind.EVIDENCED_BY),
        ("unit-test-failures", "unit-tests", EdgeKind.MEASURED_BY),
        ("factory-pattern-gap", "factory-pattern-failures", EdgeKind.MEASURED_BY),
        ("service-authentication-gap", "e2e-staging-success", EdgeKind.BLOCKS),
        (ASSESSMENT_ID, "test-execution-report", EdgeKind.REFERENCES),
    ],
)
def test_edges_point_from_the_referring_record(
    graph: nx.DiGraph[str], source: str, target: str, kind: EdgeKind
) -> None:
    assert graph.edges[source, target]["kind"] is kind
    assert not graph.has_edge(target, source)


def test_why_chain_follows_caused_by(graph: nx.DiGraph[str]) -> None:
    causes = graph.edge_subgraph(edges_of(graph, EdgeKind.CAUSED_BY))
    assert list(nx.topological_sort(causes)) == ["why-1", "why-2", "why-3", "why-4", "why-5"]


def test_phase_items_are_its_part_of_predecessors(graph: nx.DiGraph[str]) -> None:
    parts = {u for u, v in edges_of(graph, EdgeKind.PART_OF) if v == "phase-1"}
    assert parts == {
        "auth-service-deployment",
        "test-discovery",
        "test-infrastructure",
        "ssot-violations",
    }


def test_tracking_references_and_part_of_run_both_ways(graph: nx.DiGraph[str]) -> None:
    # the tracking checklist refers to phase 2, which is part of the assessment
    assert graph.edges[ASSESSMENT_ID, "phase-2"]["kind"] is EdgeKind.REFERENCES
    assert graph.edges["phase-2", ASSESSMENT_ID]["kind"] is EdgeKind.PART_OF


def test_no_depends_on_edges_in_the_example(graph: nx.DiGraph[str]) -> None:
    assert edges_of(graph, EdgeKind.DEPENDS_ON) == set()


def test_measured_by_survives_the_same_evidence_listed_again() -> None:
    run = TestRunEvidence(id="run", suite="Unit", failed=1, passed=9)
    assessment = Assessment(
        id="plan",
        issue="#1",
        title="A plan",
        date=dt.date(2025, 1, 1),
        criteria=[
            Criterion(
                id="c",
                title="C",
                target=parse_target("<10%"),
                current_from=MetricSource("run"),
                evidence=["run"],
            )
        ],
        gaps=[Gap(id="g", title="G", measurement="run", evidence=["run"])],
        evidence=[run],
    )
    graph = build_graph(assessment)
    assert graph.edges["c", "run"]["kind"] is EdgeKind.MEASURED_BY
    assert graph.edges["g", "run"]["kind"] is EdgeKind.MEASURED_BY
    both = {EdgeKind.MEASURED_BY, EdgeKind.EVIDENCED_BY}
    assert graph.edges["c", "run"]["kinds"] == both
    assert graph.edges["g", "run"]["kinds"] == both


@pytest.mark.parametrize(
    ("node", "path"),
    [
        (ASSESSMENT_ID, "$"),
        ("why-1", "$.why[0]"),
        ("phase-2", "$.phases[1]"),
        ("auth-service-deployment", "$.phases[0].items[0]"),
        ("service-authentication", "$.phases[1].items[3]"),
        ("week-2", "$.next_steps[1]"),
        ("import-path-standardization", "$.next_steps[1].items[0]"),
        ("service-authentication-gap", "$.gaps[3]"),
        ("unit-test-failures", "$.criteria[1]"),
        ("unit-tests", "$.evidence[2]"),
    ],
)
def test_node_path(graph: nx.DiGraph[str], node: str, path: str) -> None:
    assert graph.nodes[node]["path"] == path


def test_nodes_carry_their_records(graph: nx.DiGraph[str], example: Assessment) -> None:
    assert graph.nodes[ASSESSMENT_ID]["record"] is example
    assert graph.nodes["phase-2"]["record"] is example.phases[1]
    assert graph.nodes["service-authentication"]["record"] is example.phases[1].items[3]
    assert graph.nodes["why-5"]["record"] is example.why[4]
    assert graph.nodes["unit-tests"]["record"] is example.evidence[2]
    for node, data in graph.nodes(data=True):
        assert set(data) == {"kind", "path", "record"}, node
        assert data["record"].id == node


def test_nodes_and_edges_come_in_document_order() -> None:
    assessment = plan(
        Phase(id="p", title="P", items=[item("a"), item("b", depends_on=["a"], addresses=["w1"])]),
        gaps=[Gap(id="g", title="G", blocks=["b"])],
        why=[why("w1", "w2"), why("w2")],
    )
    graph = build_graph(assessment)
    assert list(graph.nodes) == ["plan", "w1", "w2", "p", "a", "b", "g"]
    assert [(u, v, data["kind"].value) for u, v, data in graph.edges(data=True)] == [
        ("w1", "w2", "caused_by"),
        ("p", "plan", "part_of"),
        ("a", "p", "part_of"),
        ("b", "p", "part_of"),
        ("b", "a", "depends_on"),
        ("b", "w1", "addresses"),
        ("g", "plan", "part_of"),
        ("g", "b", "blocks"),
    ]


def test_graph_is_a_fresh_copy(example: Assessment) -> None:
    first = build_graph(example)
    first.remove_node("phase-1")
    first.nodes["why-1"]["kind"] = NodeKind.GAP
    first.edges["why-1", "why-2"]["kind"] = EdgeKind.BLOCKS
    first.add_edge("why-5", "why-1", kind=EdgeKind.CAUSED_BY)
    second = build_graph(example)
    assert second is not first
    assert second.nodes["phase-1"]["kind"] is NodeKind.PHASE
    assert second.has_edge("auth-service-deployment", "phase-1")
    assert second.nodes["why-1"]["kind"] is NodeKind.WHY
    assert second.edges["why-1", "why-2"]["kind"] is EdgeKind.CAUSED_BY
    assert not second.has_edge("why-5", "why-1")
    assert second.number_of_nodes() == 49


def _graph_through_public_methods(assessment: Assessment) -> nx.DiGraph[str]:
    """The plan graph as ``add_nodes_from`` and ``add_edges_from`` build it, edge by edge."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(
        (record_id, {"kind": kind, "path": path(where), "record": record})
        for record_id, kind, record, _container, where in records(assessment)
    )
    for record_id, _kind, _record, container, _where in records(assessment):
        if container is not None:
            kinds = frozenset((EdgeKind.PART_OF,))
            graph.add_edge(record_id, container, kind=EdgeKind.PART_OF, kinds=kinds)
    for source, targets, field, _where in references(assessment):
        for target in targets:
            if graph.has_edge(source, target):
                data = graph.edges[source, target]
                data["kinds"] = data["kinds"] | {field.kind}
            else:
                graph.add_edge(source, target, kind=field.kind, kinds=frozenset((field.kind,)))
    return graph


def _same_graph(built: nx.DiGraph[str], expected: nx.DiGraph[str]) -> None:
    assert list(built.nodes(data=True)) == list(expected.nodes(data=True))
    assert list(built.edges(data=True)) == list(expected.edges(data=True))
    assert {n: list(built.pred[n]) for n in built} == {n: list(expected.pred[n]) for n in expected}
    assert nx.utils.graphs_equal(built, expected)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_the_graph_is_the_one_networkx_methods_build(assessment: Assessment) -> None:
    # build_graph fills networkx's dictionaries directly: the result must be
    # the graph networkx's public methods make of the same nodes and edges.
    _same_graph(build_graph(assessment), _graph_through_public_methods(assessment))


def test_the_graph_built_directly_behaves_as_any_other(example: Assessment) -> None:
    graph = build_graph(example)
    _same_graph(graph, _graph_through_public_methods(example))
    edges = list(graph.edges(data=True))
    assert len({id(data) for _u, _v, data in edges}) == len(edges)  # no data dict shared
    assert graph.succ["why-1"]["why-2"] is graph.pred["why-2"]["why-1"]
    graph.add_edge("why-5", "why-1", kind=EdgeKind.CAUSED_BY)
    assert "why-5" in graph.pred["why-1"]
    assert not nx.is_directed_acyclic_graph(graph)
    graph.remove_node("phase-1")
    assert "phase-1" not in graph.succ["auth-service-deployment"]
    assert graph.reverse(copy=False).has_edge("phase-2", "service-authentication")


# --------------------------------------------------------------------------- validation


def test_duplicate_ids_name_both_places() -> None:
    error = invalid(plan(Phase(id="p", title="P", items=[item("a"), item("a")])))
    [duplicate] = error.errors
    assert isinstance(duplicate, DuplicateIdError)
    assert duplicate.id == "a"
    assert duplicate.paths == ("$.phases[0].items[0]", "$.phases[0].items[1]")
    assert duplicate.path == "$.phases[0].items[1]"
    assert duplicate.code == "duplicate-id"


def test_duplicate_ids_across_kinds() -> None:
    error = invalid(
        plan(Phase(id="p", title="P", items=[item("a")]), gaps=[Gap(id="p", title="G")])
    )
    [duplicate] = error.errors
    assert isinstance(duplicate, DuplicateIdError)
    assert duplicate.paths == ("$.phases[0]", "$.gaps[0]")


def test_dangling_reference_names_its_path() -> None:
    error = invalid(
        plan(Phase(id="p", title="P", items=[item("a"), item("b", depends_on=["nowhere"])]))
    )
    [dangling] = error.errors
    assert isinstance(dangling, DanglingReferenceError)
    assert isinstance(dangling, LookupError)
    assert dangling.path == "$.phases[0].items[1].depends_on[0]"
    assert (dangling.source, dangling.target) == ("b", "nowhere")
    assert dangling.code == "dangling-reference"


def test_reference_to_the_wrong_kind_of_record() -> None:
    error = invalid(
        plan(
            Phase(id="p", title="P", items=[item("a", depends_on=["g"])]),
            gaps=[Gap(id="g", title="G")],
        )
    )
    [wrong] = error.errors
    assert isinstance(wrong, DanglingReferenceError)
    assert wrong.path == "$.phases[0].items[0].depends_on[0]"
    assert (wrong.source, wrong.target) == ("a", "g")
    assert "not a work item or phase" in wrong.detail


def test_addresses_must_name_a_gap_or_why_step() -> None:
    error = invalid(
        plan(
            Phase(id="p", title="P", items=[item("a"), item("b", addresses=["g", "a"])]),
            gaps=[Gap(id="g", title="G")],
        )
    )
    [wrong] = error.errors
    assert isinstance(wrong, DanglingReferenceError)
    assert wrong.path == "$.phases[0].items[1].addresses[1]"
    assert "not a gap or why step" in wrong.detail


def everything_wrong() -> Assessment:
    return plan(
        Phase(
            id="p1",
            title="P1",
            items=[
                item("a"),
                item("a", depends_on=["nowhere"]),
                item("x", depends_on=["y"]),
                item("y", depends_on=["x"]),
                item("z", depends_on=["g"]),
            ],
        ),
        Phase(
            id="p2", title="P2", items=[item("m", depends_on=["n"]), item("n", depends_on=["m"])]
        ),
        gaps=[Gap(id="g", title="G")],
    )


def test_all_problems_are_reported_at_once() -> None:
    error = invalid(everything_wrong())
    assert isinstance(error, ExceptionGroup)
    assert isinstance(error, RemediationError)
    assert all(isinstance(e, DocumentError) for e in error.errors)
    assert error.errors == tuple(error.exceptions)
    assert [(e.code, e.path) for e in error.errors] == [
        ("duplicate-id", "$.phases[0].items[1]"),
        ("dangling-reference", "$.phases[0].items[1].depends_on[0]"),
        ("dependency-cycle", "$.phases[0].items[2]"),
        ("dangling-reference", "$.phases[0].items[4].depends_on[0]"),
        ("dependency-cycle", "$.phases[1].items[0]"),
    ]
    cycles = {frozenset(e.cycle) for e in error.errors if isinstance(e, DependencyCycleError)}
    assert cycles == {frozenset({"x", "y"}), frozenset({"m", "n"})}
    assert "5 problem(s)" in str(error)
    assert "$.phases[0].items[4].depends_on[0]: 'z' refers to 'g'" in str(error)


def test_validation_errors_can_be_caught_by_kind() -> None:
    cycles: list[tuple[str, ...]] = []
    rest: list[DocumentError] = []
    try:
        validate(everything_wrong())
    except* DependencyCycleError as group:
        cycles.extend(e.cycle for e in group.exceptions if isinstance(e, DependencyCycleError))
    except* DocumentError as group:
        rest.extend(e for e in group.exceptions if isinstance(e, DocumentError))
    assert sorted(sorted(c) for c in cycles) == [["m", "n"], ["x", "y"]]
    assert [type(e) for e in rest] == [
        DuplicateIdError,
        DanglingReferenceError,
        DanglingReferenceError,
    ]


def test_cycle_of_causes_is_reported() -> None:
    error = invalid(plan(why=[why("w1", "w2"), why("w2", "w3"), why("w3", "w1")]))
    [cycle] = error.errors
    assert isinstance(cycle, DependencyCycleError)
    assert sorted(cycle.cycle) == ["w1", "w2", "w3"]
    assert "dependency cycle:" in str(cycle)


def test_cycle_through_a_phase_dependency() -> None:
    # p2 waits for p1 (so for "a"), and "a" waits for p2's item "b"
    error = invalid(
        plan(
            Phase(id="p1", title="P1", items=[item("a", depends_on=["b"])]),
            Phase(id="p2", title="P2", items=[item("b")], depends_on=["p1"]),
        )
    )
    [cycle] = error.errors
    assert isinstance(cycle, DependencyCycleError)
    assert set(cycle.cycle) == {"a", "b", "p1"}


# Whole plans are large inputs: a loaded machine makes their generation slow, not wrong.
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_the_diagnosis_finds_nothing_wrong_with_a_valid_plan(assessment: Assessment) -> None:
    # The structure is built by a walk that stops at the first problem and
    # leaves the reporting to the diagnosis: the two must agree.
    assert diagnose(assessment) == []


def test_valid_plan_passes() -> None:
    validate(examples.issue_1176())
    validate(plan(Phase(id="p", title="P", items=[item("a"), item("b", depends_on=["a"])])))


# --------------------------------------------------------------------------- order


def ordered_plan() -> Assessment:
    return plan(
        Phase(
            id="p1",
            title="P1",
            items=[item("c", depends_on=["b"]), item("b", depends_on=["a"]), item("a")],
        ),
        Phase(
            id="p2",
            title="P2",
            items=[item("d"), item("e", depends_on=["d", "a"])],
            depends_on=["p1"],
        ),
    )


def test_dependency_order_puts_dependencies_first() -> None:
    order = dependency_order(ordered_plan())
    assert sorted(order) == ["a", "b", "c", "d", "e", "p1", "p2"]
    position = order.index
    for later, earlier in [
        ("b", "a"),
        ("c", "b"),
        ("e", "d"),
        ("e", "a"),
        ("p1", "a"),
        ("p1", "b"),
        ("p1", "c"),
        ("d", "p1"),  # p2's items wait for p1
        ("e", "p1"),
        ("p2", "d"),
        ("p2", "e"),
    ]:
        assert position(earlier) < position(later), (earlier, later)


def test_dependency_order_of_the_example(example: Assessment) -> None:
    order = dependency_order(example)
    assert len(order) == 17  # 14 items and 3 phases; next steps are not work
    for phase in example.phases:
        assert all(order.index(i.id) < order.index(phase.id) for i in phase.items)


def test_dependency_order_among_independent_work_is_stable() -> None:
    # Work that does not wait on each other keeps one order, release after release:
    # networkx's topological sort of the dependencies, reversed.
    source = ordered_plan()
    assert dependency_order(source) == ("a", "b", "c", "p1", "d", "e", "p2")
    bigger = plan(
        *source.phases,
        Phase(id="p3", title="P3", items=[], depends_on=["p2"]),
    )
    bigger = attrs.evolve(
        bigger,
        next_steps=[NextStep(id="n", title="N", items=[item("f", depends_on=["e"]), item("g")])],
    )
    assert dependency_order(bigger) == ("a", "b", "c", "p1", "d", "e", "p2", "p3", "g", "f")


def test_dependency_order_rejects_a_cycle() -> None:
    with pytest.raises(PlanValidationError):
        dependency_order(plan(Phase(id="p", title="P", items=[item("a", depends_on=["a"])])))
