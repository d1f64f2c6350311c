"""The structure of an assessment, against the same structure computed the plain way.

:func:`compute_structure` is written to make few objects (one dictionary of ids
for every check, a work item's dependencies shared with its phase's or its
own); these tests compare every part of it, in its order, with what the walks
of :mod:`remediation.graph.references` and networkx's topological sort give
when nothing is shared.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx
from hypothesis import HealthCheck, given, settings

from remediation import Assessment, NextStep, Phase, Status, WorkItem, examples
from remediation.graph.kinds import EdgeKind, NodeKind
from remediation.graph.references import records, references
from remediation.graph.structure import Structure, compute_structure
from remediation.model.records import WhyStep
from remediation.testing.strategies import assessments


def _plain(assessment: Assessment) -> dict[str, object]:
    """Every part of the structure, from lists of everything, deduplicated at the end."""
    groups: dict[str, str] = {}
    requires: defaultdict[str, list[str]] = defaultdict(list)
    work: dict[str, None] = {}
    phases: list[str] = []
    root_causes: list[str] = []
    group, in_phase = "", False
    waits: tuple[str, ...] = ()
    for record_id, kind, record, _container, _where in records(assessment):
        if kind is NodeKind.ITEM:
            groups[record_id] = group
            work[record_id] = None
            if in_phase:
                work[group] = None
                requires[group].append(record_id)
                requires[record_id].extend(waits)
        elif isinstance(record, Phase):
            phases.append(record_id)
            group, waits, in_phase = record_id, record.depends_on, True
        elif isinstance(record, NextStep):
            group, in_phase = record_id, False
        elif isinstance(record, WhyStep) and not record.causes:
            root_causes.append(record_id)
    addressed_by: defaultdict[str, list[str]] = defaultdict(list)
    blocked_by: defaultdict[str, list[str]] = defaultdict(list)
    for source, targets, field, _where in references(assessment):
        if field.kind is EdgeKind.DEPENDS_ON:
            requires[source].extend(targets)
        elif field.kind is EdgeKind.ADDRESSES:
            for target in dict.fromkeys(targets):
                addressed_by[target].append(source)
        elif field.kind is EdgeKind.BLOCKS:
            for target in dict.fromkeys(targets):
                blocked_by[target].append(source)
    unique = {node: tuple(dict.fromkeys(needs)) for node, needs in requires.items()}
    work.update(dict.fromkeys(phases))
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(work)
    graph.add_edges_from((node, need) for node, needs in unique.items() for need in needs)
    return {
        "groups": list(groups.items()),
        "order": tuple(reversed(list(nx.topological_sort(graph)))),
        "requires": list(unique.items()),
        "addressed_by": [(k, tuple(v)) for k, v in addressed_by.items()],
        "blocked_by_gaps": [(k, tuple(v)) for k, v in blocked_by.items()],
        "root_causes": tuple(root_causes),
        "ascii_ids": "".join(r[0] for r in records(assessment)).isascii(),
    }


def _parts(structure: Structure) -> dict[str, object]:
    return {
        "groups": list(structure.groups.items()),
        "order": structure.order,
        "requires": list(structure.requires.items()),
        "addressed_by": list(structure.addressed_by.items()),
        "blocked_by_gaps": list(structure.blocked_by_gaps.items()),
        "root_causes": structure.root_causes,
        "ascii_ids": structure.ascii_ids,
    }


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_the_structure_is_the_plain_one(assessment: Assessment) -> None:
    assert _parts(compute_structure(assessment)) == _plain(assessment)


def test_the_structure_of_the_example_is_the_plain_one() -> None:
    example = examples.issue_1176()
    assert _parts(compute_structure(example)) == _plain(example)


def _item(item_id: str, *depends_on: str) -> WorkItem:
    return WorkItem(id=item_id, title=item_id, status=Status.parse("open"), depends_on=depends_on)


def test_repeated_dependencies_are_listed_once_in_the_plain_order() -> None:
    # A phase's dependencies come before its items' own, each once; a phase
    # waits for its items, then for its own dependencies; a phase without
    # items and the items of next steps come last.
    plan = Assessment(
        id="plan",
        issue="#1",
        title="Plan",
        date=dt.date(2025, 1, 1),
        phases=[
            Phase(id="p1", title="P1", items=[_item("a"), _item("b", "a", "a")]),
            Phase(
                id="p2",
                title="P2",
                items=[_item("c", "a", "p1", "a"), _item("d")],
                depends_on=["p1", "p1", "b"],
            ),
            Phase(id="p3", title="P3", depends_on=["p2", "p2"]),
        ],
        next_steps=[NextStep(id="n", title="N", items=[_item("e", "c", "c"), _item("f")])],
    )
    structure = compute_structure(plan)
    assert _parts(structure) == _plain(plan)
    assert list(structure.requires.items()) == [
        ("p1", ("a", "b")),
        ("a", ()),
        ("b", ("a",)),
        ("p2", ("c", "d", "p1", "b")),
        ("c", ("p1", "b", "a")),
        ("d", ("p1", "b")),
        ("p3", ("p2",)),
        ("e", ("c",)),
    ]


def test_a_work_item_shares_the_tuple_of_what_it_requires() -> None:
    # No tuple or list is made for a work item that requires only its phase's
    # dependencies or only its own: computing the structure of a large plan
    # made one per item, and the collector walked them.
    own = _item("b", "a")
    plan = Assessment(
        id="plan",
        issue="#1",
        title="Plan",
        date=dt.date(2025, 1, 1),
        phases=[
            Phase(id="p1", title="P1", items=[_item("a"), own]),
            Phase(id="p2", title="P2", items=[_item("c"), _item("d")], depends_on=["p1"]),
        ],
    )
    structure = compute_structure(plan)
    assert structure.requires["b"] is own.depends_on
    assert structure.requires["c"] is structure.requires["d"] is plan.phases[1].depends_on
