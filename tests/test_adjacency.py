"""The plan graph in plain dictionaries is the networkx graph's nodes and edges, in its order.

DOT and the Mermaid flowchart are drawn from :func:`plan_adjacency` instead of
:func:`build_graph`: they read each node's kind and record and each edge's
kind, in the graph's order, so these must be the graph's, for any plan.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import remediation
from remediation import Assessment, build_graph
from remediation.exceptions import PlanValidationError
from remediation.graph.adjacency import PlanAdjacency, plan_adjacency
from remediation.graph.kinds import EdgeKind
from remediation.model.records import Gap, TestRunEvidence, WorkItem
from remediation.testing.strategies import assessments


def _same_as_the_graph(adjacency: PlanAdjacency, assessment: Assessment) -> None:
    graph = build_graph(assessment)
    assert [(node, kind, record) for node, (kind, record) in adjacency.nodes.items()] == [
        (node, data["kind"], data["record"]) for node, data in graph.nodes(data=True)
    ]
    assert [
        (source, target, kind)
        for source, targets in adjacency.edges.items()
        for target, kind in targets.items()
    ] == [(source, target, data["kind"]) for source, target, data in graph.edges(data=True)]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_any_plan_has_the_graphs_nodes_and_edges(assessment: Assessment) -> None:
    _same_as_the_graph(plan_adjacency(assessment), assessment)


def test_the_reference_example_has_the_graphs_nodes_and_edges() -> None:
    plan = remediation.examples.issue_1176()
    _same_as_the_graph(plan_adjacency(plan), plan)


def test_two_references_between_the_same_records_are_one_edge_of_the_first_kind() -> None:
    # The gap is measured by the run and lists it as evidence: two references, one
    # edge, whose kind is the first (the graph keeps both under "kinds").
    run = TestRunEvidence(id="run", suite="Unit", failed=1, passed=9)
    plan = Assessment(
        id="plan",
        issue="#1",
        title="A plan",
        date=dt.date(2025, 1, 1),
        gaps=[Gap(id="g", title="G", measurement="run", evidence=["run"])],
        evidence=[run],
    )
    adjacency = plan_adjacency(plan)
    assert list(adjacency.edges["g"].items()) == [
        ("plan", EdgeKind.PART_OF),
        ("run", EdgeKind.MEASURED_BY),
    ]
    _same_as_the_graph(adjacency, plan)


def test_an_invalid_plan_is_refused_as_the_graph_is() -> None:
    plan = remediation.examples.issue_1176()
    phase = plan.phases[0]
    dangling = WorkItem("x", "X", depends_on=("nowhere",))
    phase = attrs.evolve(phase, items=(*phase.items, dangling))
    plan = attrs.evolve(plan, phases=(phase, *plan.phases[1:]))
    with pytest.raises(PlanValidationError) as refused:
        plan_adjacency(plan)
    with pytest.raises(PlanValidationError) as expected:
        build_graph(plan)
    assert [str(e) for e in refused.value.errors] == [str(e) for e in expected.value.errors]
    assert any("nowhere" in str(e) for e in refused.value.errors)


def test_diagrams_are_drawn_without_networkx() -> None:
    code = (
        "import sys, remediation\n"
        "plan = remediation.examples.issue_1176()\n"
        "remediation.to_dot(plan)\n"
        "remediation.mermaid_flowchart(plan)\n"
        "print('networkx' in sys.modules)\n"
    )
    completed = subprocess.run(  # noqa: S603  (our own interpreter, our own code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.splitlines() == ["False"]
