"""Comparing two versions of an assessment: records, derived values, findings, recommendation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

import remediation
from conftest import Repository
from remediation import CriterionState, Decision, Progress
from remediation.cli import main
from remediation.render.diff import diff_data, diff_markdown, diff_text


@pytest.fixture
def plan() -> remediation.Assessment:
    return remediation.examples.issue_1176()


@pytest.fixture
def variant(plan: remediation.Assessment) -> remediation.Assessment:
    """Two items resolved and one criterion measured."""
    changed = remediation.with_status(plan, "factory-pattern-conflicts", "RESOLVED")
    changed = remediation.with_status(changed, "message-router-fragmentation", "RESOLVED")
    return remediation.with_measurement(changed, "ssot-compliance", 3)


def test_two_items_resolved_and_a_criterion_measured_are_exactly_what_changed(
    plan: remediation.Assessment, variant: remediation.Assessment
) -> None:
    changes = remediation.diff(plan, variant)
    assert (changes.added, changes.removed, changes.renamed, changes.moved) == ((), (), (), ())
    assert [(c.id, c.old_progress, c.progress, c.old_credit, c.credit) for c in changes.items] == [
        ("factory-pattern-conflicts", Progress.NOT_STARTED, Progress.DONE, 0.0, 1.0),
        ("message-router-fragmentation", Progress.NOT_STARTED, Progress.DONE, 0.0, 1.0),
    ]
    assert [(p.id, p.old_progress, p.progress, p.old_done, p.done) for p in changes.phases] == [
        ("phase-2", 0.0, 0.5, 0, 2)
    ]
    [criterion] = changes.criteria
    assert (criterion.id, criterion.old_state, criterion.state) == (
        "ssot-compliance",
        CriterionState.UNMEASURED,
        CriterionState.UNMET,
    )
    assert (criterion.old_current, criterion.current, criterion.target) == (
        None,
        3.0,
        "0 violations",
    )
    assert changes.dates == ()
    assert [(str(f.code), f.ids[0]) for f in changes.new_findings] == [
        ("phase-status-mismatch", "phase-2"),
        ("status-without-evidence", "factory-pattern-conflicts"),
        ("status-without-evidence", "message-router-fragmentation"),
    ]
    assert changes.fixed_findings == ()
    assert len(changes.unchanged_findings) == 4
    recommendation = changes.recommendation
    assert (recommendation.old, recommendation.new) == (Decision.KEEP_OPEN, Decision.KEEP_OPEN)
    assert not recommendation.decision_changed
    assert (recommendation.added, recommendation.removed) == ((), ())
    assert [new.code.value for _, new in recommendation.changed] == [
        "criteria-unmet",
        "criteria-unmeasured",
        "work-open",  # it names the open items, two fewer now
    ]
    assert (changes.old_progress, round(changes.progress, 4)) == (7 / 22, 0.5)


def test_the_same_version_has_no_changes(plan: remediation.Assessment) -> None:
    changes = remediation.diff(plan, plan)
    assert changes.empty
    assert len(changes.unchanged_findings) == 4
    assert "no changes" in diff_text(changes)


def test_items_added_removed_renamed_moved_and_dates_that_slip(
    plan: remediation.Assessment,
) -> None:
    phase_1, phase_2, *rest = plan.phases
    moved = phase_2.items[0]
    renamed = attrs.evolve(phase_1.items[0], title="Auth service rollout")
    due = attrs.evolve(phase_1.items[1], due=dt.date(2025, 10, 1))
    new = attrs.evolve(
        plan,
        phases=(
            attrs.evolve(
                phase_1,
                items=(renamed, due, *phase_1.items[2:], moved),
                due=dt.date(2025, 9, 20),
            ),
            attrs.evolve(
                phase_2,
                items=(
                    *phase_2.items[1:3],
                    remediation.WorkItem("new-item", "A new item", remediation.parse_status("❌")),
                ),
            ),
            *rest,
        ),
    )
    old = attrs.evolve(
        plan,
        phases=(
            attrs.evolve(
                phase_1,
                items=(
                    phase_1.items[0],
                    attrs.evolve(phase_1.items[1], due=dt.date(2025, 9, 25)),
                    *phase_1.items[2:],
                ),
            ),
            *plan.phases[1:],
        ),
    )
    changes = remediation.diff(old, new)
    assert [(i.id, i.group) for i in changes.added] == [("new-item", "phase-2")]
    assert [(i.id, i.group) for i in changes.removed] == [("service-authentication", "phase-2")]
    assert [(c.id, c.old_title, c.title) for c in changes.renamed] == [
        ("auth-service-deployment", "Auth Service Deployment", "Auth service rollout")
    ]
    assert [(c.id, c.old_group, c.group) for c in changes.moved] == [
        ("factory-pattern-conflicts", "phase-2", "phase-1")
    ]
    assert [(d.id, d.field, d.old, d.new, d.days, d.slip) for d in changes.dates] == [
        ("phase-1", "due", None, dt.date(2025, 9, 20), None, False),
        ("test-discovery", "due", dt.date(2025, 9, 25), dt.date(2025, 10, 1), 6, True),
    ]
    assert [d.id for d in changes.slips] == ["test-discovery"]
    text = diff_text(changes)
    assert "test-discovery due: 2025-09-25 → 2025-10-01 (slipped 6 days)" in text
    assert "factory-pattern-conflicts moved: phase-2 → phase-1" in text
    data = diff_data(changes)
    assert data["items"]["removed"][0]["id"] == "service-authentication"
    assert data["dates"][1] == {
        "id": "test-discovery",
        "field": "due",
        "old": "2025-09-25",
        "new": "2025-10-01",
        "days": 6,
        "slip": True,
    }
    # Removing the critical item takes its reason out of the recommendation.
    assert [r.code.value for r in changes.recommendation.removed] == ["critical-items-open"]


def test_markdown_is_short_with_unchanged_findings_folded(
    plan: remediation.Assessment, variant: remediation.Assessment
) -> None:
    text = diff_markdown(remediation.diff(plan, variant))
    assert text.startswith("**issue-1176-2025-09-15 (2025-09-15) → ")
    assert (
        "#### Items changed\n\n- `factory-pattern-conflicts` (Factory Pattern Conflicts): " in text
    )
    assert "<details>\n<summary>4 unchanged findings</summary>" in text
    assert "#### Items added" not in text  # only what happened


def test_json_names_every_kind_of_change(
    plan: remediation.Assessment, variant: remediation.Assessment
) -> None:
    data = json.loads(json.dumps(diff_data(remediation.diff(plan, variant))))
    assert [c["id"] for c in data["items"]["status"]] == [
        "factory-pattern-conflicts",
        "message-router-fragmentation",
    ]
    assert data["criteria"] == [
        {
            "id": "ssot-compliance",
            "target": "0 violations",
            "old": {"state": "unmeasured", "current": None, "progress": None},
            "new": {"state": "unmet", "current": 3.0, "progress": None},
        }
    ]
    assert len(data["findings"]["new"]) == 3
    assert data["recommendation"]["changed"] is False


def test_the_command_compares_files(
    tmp_path: Path,
    plan: remediation.Assessment,
    variant: remediation.Assessment,
    capsys: pytest.CaptureFixture[str],
) -> None:
    remediation.dump(plan, tmp_path / "old.yaml")
    remediation.dump(variant, tmp_path / "new.json")
    code = main(["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.json")])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == diff_text(remediation.diff(plan, variant))
    assert (
        main(["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.json"), "--format", "json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["phases"][0]["id"] == "phase-2"


def test_the_command_compares_git_revisions_of_one_file(
    git_repository: Repository,
    plan: remediation.Assessment,
    variant: remediation.Assessment,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    git_repository.commit("docs/plan.yaml", remediation.dumps(plan, "yaml"), "first", "2025-09-15")
    git_repository.commit(
        "docs/plan.yaml", remediation.dumps(variant, "yaml"), "second", "2025-09-16"
    )
    monkeypatch.chdir(git_repository.root)
    code = main(["diff", "HEAD~1:docs/plan.yaml", "docs/plan.yaml", "--format", "markdown"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == diff_markdown(remediation.diff(plan, variant))
    assert main(["diff", "HEAD~5:docs/plan.yaml", "docs/plan.yaml"]) == 2
    assert "docs/plan.yaml at HEAD~5: " in capsys.readouterr().err
    assert main(["diff", "nowhere.yaml", "docs/plan.yaml"]) == 2
    assert "nowhere.yaml" in capsys.readouterr().err
