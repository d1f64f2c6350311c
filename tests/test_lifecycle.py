"""The document's lifecycle kept apart from progress; checklists evaluated against it."""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation import (
    Checklist,
    ChecklistEntry,
    FindingCode,
    Lifecycle,
    LifecycleState,
    LifecycleStatus,
)
from remediation.testing import item, phase, plan

DAY = dt.date(2025, 3, 3)


def test_published_is_the_document_not_the_work() -> None:
    # A published postmortem with open action items: no claim that the work is done.
    document = plan(
        phase("actions", item("a", "open")),
        lifecycle=LifecycleStatus("postmortem", "published"),
        date=DAY,
    )
    result = remediation.evaluate(document)
    assert result.findings_with(FindingCode.LIFECYCLE_AHEAD_OF_WORK) == ()
    assert result.findings_with(FindingCode.ASSESSMENT_STATUS_MISMATCH) == ()
    assert result.findings_with(FindingCode.LIFECYCLE_UNKNOWN) == ()


@pytest.mark.parametrize("state", ["published", "final", "Complete"])
def test_a_complete_postmortem_says_nothing_of_its_action_items(state: str) -> None:
    # "Status: Complete, action items in progress" is how postmortems are marked.
    document = plan(
        phase("actions", item("a", "open")),
        lifecycle=LifecycleStatus("postmortem", state),
        date=DAY,
    )
    assert remediation.evaluate(document).findings_with(FindingCode.LIFECYCLE_AHEAD_OF_WORK) == ()


def test_an_implemented_proposal_with_open_work_is_a_finding() -> None:
    document = plan(
        phase("beta", item("e2e", "partial"), item("docs", "done")),
        lifecycle=LifecycleStatus("enhancement", "Implemented"),
        date=DAY,
    )
    (finding,) = remediation.evaluate(document).findings_with(FindingCode.LIFECYCLE_AHEAD_OF_WORK)
    assert finding.ids == ("plan", "e2e")


def test_an_implemented_proposal_with_its_graduation_checklist_unticked_is_a_finding() -> None:
    graduation = Checklist(
        "ga",
        "Graduation criteria",
        [ChecklistEntry("Two releases in beta"), ChecklistEntry("Conformance tests")],
        required_in=["implemented"],
    )
    review = Checklist("review", "Review", [ChecklistEntry("PRR")], required_in=["implementable"])
    document = plan(
        phase("beta", item("e2e", "done")),
        lifecycle=LifecycleStatus("enhancement", "implemented"),
        checklists=[graduation, review],
        date=DAY,
    )
    (finding,) = remediation.evaluate(document).findings_with(FindingCode.CHECKLIST_UNTICKED)
    assert finding.ids == ("plan", "ga")
    assert finding.message.endswith(
        "2 of 2 entries unticked: Two releases in beta; Conformance tests"
    )
    ticked = remediation.evaluate(
        plan(
            phase("beta", item("e2e", "done")),
            lifecycle=LifecycleStatus("enhancement", "implemented"),
            checklists=[
                Checklist(
                    "ga", "GA", [ChecklistEntry("x", checked=True)], required_in=["implemented"]
                )
            ],
            date=DAY,
        )
    )
    assert ticked.findings_with(FindingCode.CHECKLIST_UNTICKED) == ()


def test_a_document_declares_its_own_lifecycle() -> None:
    release = Lifecycle(
        "release", [LifecycleState("alpha"), LifecycleState("ga", claims_done=True)]
    )
    document = plan(
        phase("p", item("a", "open")),
        lifecycle=LifecycleStatus("release", "ga"),
        lifecycles=[release],
        date=DAY,
    )
    result = remediation.evaluate(document)
    assert len(result.findings_with(FindingCode.LIFECYCLE_AHEAD_OF_WORK)) == 1
    assert result.findings_with(FindingCode.LIFECYCLE_UNKNOWN) == ()


def test_an_undeclared_lifecycle_is_a_finding() -> None:
    document = plan(lifecycle=LifecycleStatus("rfc", "final"), date=DAY)
    (finding,) = remediation.evaluate(document).findings_with(FindingCode.LIFECYCLE_UNKNOWN)
    assert "'rfc' is neither a default one" in finding.message


def test_lifecycle_and_checklists_load_and_round_trip() -> None:
    text = (
        "schema_version: 1\nid: kep\ntitle: KEP-1234\ndate: 2025-03-03\n"
        "lifecycle: {lifecycle: enhancement, state: implementable}\n"
        "lifecycles: [{name: release, states: [{name: alpha}, {name: ga, claims_done: true}]}]\n"
        "checklists:\n  - id: prr\n    title: Production readiness review\n"
        "    required_in: [implementable]\n    entries: [{text: PRR approved, checked: true}]\n"
    )
    document = remediation.loads(text, "yaml")
    assert document.lifecycle == LifecycleStatus("enhancement", "implementable")
    assert document.lifecycles[0].state("GA") == LifecycleState("ga", claims_done=True)
    assert remediation.loads(remediation.dumps(document)) == document
    assert remediation.evaluate(document).findings == ()


def test_a_variant_judges_the_lifecycle_like_a_full_evaluation() -> None:
    document = plan(
        phase("beta", item("e2e", "partial")),
        lifecycle=LifecycleStatus("enhancement", "implemented"),
        date=DAY,
    )
    evaluator = remediation.Evaluator()
    evaluator.evaluate(document)
    variant = remediation.with_status(document, "e2e", "done")
    assert evaluator.evaluate(variant) == remediation.evaluate(variant)
    assert evaluator.evaluate(variant).findings_with(FindingCode.LIFECYCLE_AHEAD_OF_WORK) == ()
