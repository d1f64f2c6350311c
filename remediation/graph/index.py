"""Where each record of an assessment sits, and who refers to it.

:class:`PlanIndex` holds the positions and reverse references that incremental
evaluation looks up when one record changes: which tuple entry to replace,
which records to look at again. It is built from the assessment and its
:class:`~remediation.graph.structure.Structure`, once, on first use (see
:meth:`Structure.index <remediation.graph.structure.Structure.index>`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from remediation.model.records import Assessment, NextStep, Phase, TestRunEvidence

__all__ = ["PlanIndex"]


class PlanIndex:
    """Where each record sits, and who refers to it: what incremental evaluation looks up.

    Built from the parts of the assessment's structure it needs: the
    dependency *order*, what each work item and phase *requires*, the gaps
    blocking each record (*blocked_by_gaps*) and the *root_causes*.

    Attributes:
        item_ids: Every work item id, in document order (phases first).
        item_index: Position of each item in *item_ids*.
        locations: For each item, ``(attribute, group position, item position)``
            with *attribute* ``"phases"`` or ``"next_steps"``.
        group_index: Position of each phase (among phases) and next step
            (among next steps).
        order_index: Position of each item and phase in the dependency order.
        dependents: For each item and phase id, the ids that require it.
        addresses: For each item, the gaps and why steps it addresses.
        blocks: For each gap, the work items it blocks.
        gap_index, root_index, criterion_index: Positions in the evaluation's tuples.
        evidence_index: Position of each piece of evidence in the assessment.
        test_run_index: Position of each test run among the test runs.
        measured_gaps: For each piece of evidence, the gaps it measures.
        sourced_criteria: For each piece of evidence, the criteria taking their value from it.
    """

    __slots__ = (
        "addresses",
        "blocks",
        "criterion_index",
        "dependents",
        "evidence_index",
        "gap_index",
        "group_index",
        "item_ids",
        "item_index",
        "locations",
        "measured_gaps",
        "order_index",
        "root_index",
        "sourced_criteria",
        "test_run_index",
    )

    def __init__(
        self,
        assessment: Assessment,
        *,
        order: tuple[str, ...],
        requires: Mapping[str, tuple[str, ...]],
        blocked_by_gaps: Mapping[str, tuple[str, ...]],
        root_causes: tuple[str, ...],
    ) -> None:
        self.locations: dict[str, tuple[str, int, int]] = {}
        self.group_index: dict[str, int] = {}
        item_ids: list[str] = []
        addresses: dict[str, tuple[str, ...]] = {}
        for attr in ("phases", "next_steps"):
            groups: tuple[Phase | NextStep, ...] = getattr(assessment, attr)
            for gi, group in enumerate(groups):
                self.group_index[group.id] = gi
                for ii, item in enumerate(group.items):
                    self.locations[item.id] = (attr, gi, ii)
                    item_ids.append(item.id)
                    if item.addresses:
                        addresses[item.id] = tuple(dict.fromkeys(item.addresses))
        self.item_ids = tuple(item_ids)
        self.item_index = {item_id: i for i, item_id in enumerate(item_ids)}
        self.order_index = {node: i for i, node in enumerate(order)}
        dependents: dict[str, list[str]] = defaultdict(list)
        for node, needs in requires.items():
            for need in needs:
                dependents[need].append(node)
        self.dependents = {k: tuple(v) for k, v in dependents.items()}
        self.addresses = addresses
        blocks: dict[str, list[str]] = defaultdict(list)
        for target, gap_ids in blocked_by_gaps.items():
            if target in self.locations:
                for gap_id in gap_ids:
                    blocks[gap_id].append(target)
        self.blocks = {k: tuple(v) for k, v in blocks.items()}
        self.gap_index = {gap.id: i for i, gap in enumerate(assessment.gaps)}
        self.root_index = {cause: i for i, cause in enumerate(root_causes)}
        self.criterion_index = {c.id: i for i, c in enumerate(assessment.criteria)}
        self.evidence_index = {e.id: i for i, e in enumerate(assessment.evidence)}
        runs = [e.id for e in assessment.evidence if isinstance(e, TestRunEvidence)]
        self.test_run_index = {run: i for i, run in enumerate(runs)}
        measured: dict[str, list[str]] = defaultdict(list)
        for gap in assessment.gaps:
            if gap.measurement is not None:
                measured[gap.measurement].append(gap.id)
        self.measured_gaps = {k: tuple(v) for k, v in measured.items()}
        sourced: dict[str, list[str]] = defaultdict(list)
        for criterion in assessment.criteria:
            if criterion.current_from is not None:
                sourced[criterion.current_from.evidence].append(criterion.id)
        self.sourced_criteria = {k: tuple(v) for k, v in sourced.items()}
