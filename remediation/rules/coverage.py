"""Rules on coverage: gaps and root causes that no work item addresses."""

from __future__ import annotations

from remediation.evaluation.results import GapEvaluation, RootCauseCoverage
from remediation.model.records import Gap, WhyStep
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = ["gap_unaddressed", "root_cause_without_work"]


@rule(
    "gap-unaddressed",
    title="Gap that no work addresses",
    scope=Scope.GAP,
    reads=("gap", "item"),
    examples=[
        Example(
            EXAMPLE_HEADER + "gaps:\n  - {id: auth, title: Service authentication}\n",
            "gap 'auth' is addressed by no work item",
        )
    ],
)
def gap_unaddressed(gap: Gap, result: GapEvaluation, context: Context) -> Found:
    """What it does:
        Flags a coordination gap that no work item lists in its ``addresses``.

    Why is this bad?
        A gap the plan does not work on stays open, and with it the issue; either the
        plan misses work or the reference is missing.
    """
    if not result.addressed_by:
        return [(f"gap {result.id!r} is addressed by no work item", (result.id,))]
    return ()


@rule(
    "root-cause-without-work",
    title="Root cause that no work addresses",
    scope=Scope.ROOT_CAUSE,
    reads=("why step", "item"),
    examples=[
        Example(
            EXAMPLE_HEADER
            + "why:\n  - {id: why-1, question: 'Why did it break?', finding: No review}\n",
            "root cause 'why-1' is addressed by no work item",
        )
    ],
)
def root_cause_without_work(step: WhyStep, result: RootCauseCoverage, context: Context) -> Found:
    """What it does:
        Flags a root cause (a why step nothing deeper explains) that no work item
        addresses.

    Why is this bad?
        Fixing symptoms while the root cause stands brings the problem back; a five-whys
        analysis is only useful if its answer becomes work.
    """
    if not result.addressed_by:
        return [(f"root cause {result.id!r} is addressed by no work item", (result.id,))]
    return ()
