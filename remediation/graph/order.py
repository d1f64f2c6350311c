"""The order of work: :func:`dependency_order`.

Work items and phases sorted so that each comes after everything it waits
for: the items and phases it depends on, and, for a phase, its own items. The
order is networkx's topological sort of the plan's dependencies, reversed; it
is computed with the structure of the assessment and kept with it.
"""

from __future__ import annotations

from remediation.graph.structure import structure_of
from remediation.model.records import Assessment

__all__ = ["dependency_order"]


def dependency_order(assessment: Assessment) -> tuple[str, ...]:
    """Ids of work items and phases, each after everything it depends on.

    A phase comes after its own items and after the phases it depends on.

    Raises:
        PlanValidationError: The assessment is not valid (a cycle, say).

    Examples:
        >>> from remediation import examples
        >>> order = dependency_order(examples.issue_1176())
        >>> order.index("auth-service-deployment") < order.index("phase-1")
        True
    """
    return structure_of(assessment).order
