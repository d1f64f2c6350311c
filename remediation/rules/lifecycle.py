"""Rules on the document's lifecycle: a state that claims more than the work or checklists show."""

from __future__ import annotations

from remediation.evaluation.progress import WITHOUT_FIX
from remediation.evaluation.results import Evaluation
from remediation.model.checklists import find_lifecycle
from remediation.model.records import Assessment
from remediation.rules.catalogue import EXAMPLE_HEADER, Example, Found, Scope, rule
from remediation.rules.context import Context

__all__ = ["checklist_unticked", "lifecycle_ahead_of_work", "lifecycle_unknown"]


@rule(
    "lifecycle-ahead-of-work",
    title="A lifecycle state that claims work done while work is open",
    scope=Scope.ASSESSMENT,
    reads=("assessment", "item"),
    examples=[
        Example(
            EXAMPLE_HEADER + "lifecycle: {lifecycle: enhancement, state: implemented}\n"
            "phases: [{id: beta, title: Beta, items: [{id: e2e, title: E2E tests,"
            " status: in progress}]}]\n",
            "the document is implemented (enhancement lifecycle), which claims its work"
            " done, but 1 work item is open: e2e",
        )
    ],
)
def lifecycle_ahead_of_work(
    assessment: Assessment, evaluation: Evaluation, context: Context
) -> Found:
    """What it does:
        Flags a document whose lifecycle state claims its work is done ("implemented"
        for an enhancement proposal, "complete" for a postmortem, "closed" for a POA&M
        item) while work items are open or closed for a reason the policy does not
        accept.

    Why is this bad?
        The lifecycle is what dashboards and reviewers read first; a proposal marked
        implemented with its work open tells them the opposite of its own data.
    """
    status = assessment.lifecycle
    if status is None:
        return
    lifecycle = find_lifecycle(status.lifecycle, assessment.lifecycles)
    state = lifecycle.state(status.state) if lifecycle is not None else None
    if lifecycle is None or state is None or not state.claims_done:
        return
    open_ids = [
        i.id
        for i in evaluation.items
        if not i.closed or (WITHOUT_FIX[i.progress] and not i.accepted)
    ]
    if open_ids:
        count = len(open_ids)
        noun = "work item is" if count == 1 else "work items are"
        message = (
            f"the document is {status.state} ({lifecycle.name} lifecycle),"
            f" which claims its work done, but {count} {noun} open: " + ", ".join(open_ids)
        )
        yield message, (assessment.id, *open_ids)


@rule(
    "checklist-unticked",
    title="A lifecycle state claimed while its checklist is unticked",
    scope=Scope.ASSESSMENT,
    reads=("assessment", "checklist"),
    examples=[
        Example(
            EXAMPLE_HEADER + "lifecycle: {lifecycle: enhancement, state: implemented}\n"
            "checklists:\n  - id: ga\n    title: Graduation criteria (stable)\n"
            "    required_in: [implemented]\n    entries:\n"
            "      - {text: Two releases in beta, checked: true}\n"
            "      - {text: Conformance tests, checked: false}\n",
            "the document is implemented, but checklist 'ga' (Graduation criteria (stable))"
            " has 1 of 2 entries unticked: Conformance tests",
        )
    ],
)
def checklist_unticked(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags each checklist (review, sign-off, graduation criteria) that the
        document's lifecycle state requires complete (its ``required_in`` names the
        state) while some of its entries are not ticked.

    Why is this bad?
        A checklist is the evidence that a stage was earned; claiming the stage with
        the boxes empty is a claim without its evidence.
    """
    status = assessment.lifecycle
    if status is None:
        return
    state = status.state.strip().lower()
    for checklist in assessment.checklists:
        if state not in {s.strip().lower() for s in checklist.required_in}:
            continue
        unticked = checklist.unticked
        if unticked:
            message = (
                f"the document is {status.state}, but checklist {checklist.id!r}"
                f" ({checklist.title}) has {len(unticked)} of {len(checklist.entries)}"
                " entries unticked: " + "; ".join(e.text for e in unticked)
            )
            yield message, (assessment.id, checklist.id)


@rule(
    "lifecycle-unknown",
    title="A lifecycle or state nobody declared",
    scope=Scope.ASSESSMENT,
    reads=("assessment",),
    examples=[
        Example(
            EXAMPLE_HEADER + "lifecycle: {lifecycle: enhancement, state: shipped}\n",
            "the document's lifecycle state 'shipped' is not a state of the enhancement"
            " lifecycle (provisional, implementable, implemented, deferred, rejected,"
            " withdrawn, replaced)",
        )
    ],
)
def lifecycle_unknown(assessment: Assessment, evaluation: Evaluation, context: Context) -> Found:
    """What it does:
        Flags a lifecycle that is neither a default one (postmortem, enhancement, poam)
        nor declared in ``lifecycles``, or a state the lifecycle does not have.

    Why is this bad?
        A lifecycle nobody defined claims nothing anybody can check: whether the state
        says the work is done stays unknown, and the other lifecycle rules stay silent.
    """
    status = assessment.lifecycle
    if status is None:
        return
    lifecycle = find_lifecycle(status.lifecycle, assessment.lifecycles)
    if lifecycle is None:
        message = (
            f"the document's lifecycle {status.lifecycle!r} is neither a default one"
            " (postmortem, enhancement, poam) nor declared in lifecycles"
        )
        yield message, (assessment.id,)
    elif lifecycle.state(status.state) is None:
        states = ", ".join(s.name for s in lifecycle.states)
        message = (
            f"the document's lifecycle state {status.state!r} is not a state of the"
            f" {lifecycle.name} lifecycle ({states})"
        )
        yield message, (assessment.id,)
