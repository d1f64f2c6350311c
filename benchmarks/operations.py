"""The rows of the benchmark for the operations after loading: graph, reports, diagrams, diff, YAML.

:func:`graph_rows` builds and validates the plan graph of a new copy of the
plan, beside building the same :class:`networkx.DiGraph` (the same nodes and
edges, with their data) directly with ``add_nodes_from`` and
``add_edges_from``; :func:`render_rows` times each report and diagram of a
plan whose evaluation is known, beside the full evaluation; :func:`diff_row`
compares the plan with a variant (both evaluated, as :func:`remediation.diff`
does); :func:`yaml_dump_row` writes YAML beside writing JSON; and
:func:`records_of` counts the records of a plan, for the memory per million
records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import attrs
import networkx as nx

import remediation
from benchmarks.harness import Measured
from benchmarks.rows import Row

__all__ = ["RENDERERS", "diff_row", "graph_rows", "records_of", "render_rows", "yaml_dump_row"]


class Timed(Protocol):
    """How a figure is measured: ``timed(action)``, or ``timed(action, fresh=make)`` for
    ``action(make())`` on a new subject each run (made outside the timing)."""

    def __call__(
        self, action: Callable[..., object], *, fresh: Callable[[], object] | None = None
    ) -> Measured: ...


RENDERERS: dict[str, Callable[[remediation.Assessment, remediation.Evaluation], object]] = {
    "render Markdown": remediation.render_markdown,
    "render HTML": remediation.render_html,
    "render DOT": remediation.to_dot,
    "render Mermaid flowchart": remediation.mermaid_flowchart,
    "render Mermaid Gantt": remediation.mermaid_gantt,
    "render Mermaid timeline": lambda plan, _result: remediation.mermaid_timeline(plan),
}
"""Every report and diagram, given a plan and its evaluation."""


def graph_rows(plan: remediation.Assessment, timed: Timed, *, targets: bool) -> list[Row]:
    """Validate, and build and validate the graph, of a new copy for each run; the same
    graph built directly."""
    graph = remediation.build_graph(plan)
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(data=True))

    def direct() -> nx.DiGraph[str]:
        built: nx.DiGraph[str] = nx.DiGraph()
        built.add_nodes_from(nodes)
        built.add_edges_from(edges)
        return built

    baseline = timed(direct)

    def fresh() -> remediation.Assessment:
        return attrs.evolve(plan)  # a copy without the structure its source keeps

    build = Row(
        "build + validate graph",
        timed(remediation.build_graph, fresh=fresh),
        "the same DiGraph built directly",
        baseline,
    )
    if targets:
        build.judge("<= 1.5x the DiGraph built directly", 1.5)
    validate = Row(
        "validate",
        timed(remediation.validate, fresh=fresh),
        "the same DiGraph built directly",
        baseline,
    )
    return [build, validate]


def render_rows(
    plan: remediation.Assessment,
    result: remediation.Evaluation,
    evaluation: Measured,
    timed: Timed,
    *,
    targets: bool,
) -> list[Row]:
    """Each report and diagram of *plan*, its evaluation known, beside a full evaluation."""
    rows = []
    for name, render in RENDERERS.items():
        row = Row(
            name,
            timed(lambda render=render: render(plan, result)),
            "full evaluation",
            evaluation,
        )
        if targets:
            row.judge("<= 2x full evaluation", 2)
        rows.append(row)
    return rows


def diff_row(
    plan: remediation.Assessment, evaluation: Measured, timed: Timed, *, item_id: str | None
) -> Row:
    """:func:`remediation.diff` of *plan* and a variant with one item resolved (or itself)."""
    variant = plan if item_id is None else remediation.with_status(plan, item_id, "✅ RESOLVED")
    return Row(
        "diff (evaluates both)",
        timed(lambda: remediation.diff(plan, variant)),
        "full evaluation",
        evaluation,
    )


def yaml_dump_row(
    plan: remediation.Assessment, dump_json: Measured, timed: Timed, *, targets: bool
) -> Row:
    """Writing *plan* as YAML, beside writing it as JSON."""
    row = Row("dump YAML", timed(lambda: remediation.dumps(plan, "yaml")), "dump JSON", dump_json)
    if targets:
        row.judge("<= 2x dump JSON", 2)
    return row


def records_of(plan: remediation.Assessment) -> int:
    """The records of *plan*: every node of its graph (items, phases, evidence, ...)."""
    return remediation.build_graph(plan).number_of_nodes()
