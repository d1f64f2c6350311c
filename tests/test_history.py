"""An assessment over its git history: versions evaluated, a table and a burn-up chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import remediation
from conftest import Repository
from remediation import Decision
from remediation.cli import main
from remediation.exceptions import RevisionError
from remediation.io.git import file_revisions, read_revision
from remediation.render.history import history_markdown, history_text


@pytest.fixture
def committed(git_repository: Repository) -> Repository:
    """Three versions of the reference example, one broken version, and a rename."""
    plan = remediation.examples.issue_1176()
    step = remediation.with_status(plan, "ssot-violations", "RESOLVED")
    done = remediation.with_status(step, "service-authentication", "RESOLVED")
    git_repository.commit("plan.yaml", remediation.dumps(plan, "yaml"), "first", "2025-09-15")
    git_repository.commit("plan.yaml", remediation.dumps(step, "yaml"), "ssot", "2025-09-20")
    git_repository.commit("plan.yaml", "id: [unclosed\n", "broken", "2025-09-21")
    git_repository.commit("plan.yaml", remediation.dumps(step, "yaml"), "fixed", "2025-09-22")
    git_repository.git("mv", "plan.yaml", "issue.yaml")
    git_repository.git("commit", "-q", "-m", "rename", date="2025-09-23T12:00:00+00:00")
    git_repository.commit("issue.yaml", remediation.dumps(done, "yaml"), "auth", "2025-09-25")
    return git_repository


def test_every_version_is_read_oldest_first_across_a_rename(committed: Repository) -> None:
    revisions = file_revisions(committed.root / "issue.yaml")
    assert [(r.subject, r.path) for r in revisions] == [
        ("first", "plan.yaml"),
        ("ssot", "plan.yaml"),
        ("broken", "plan.yaml"),
        ("fixed", "plan.yaml"),
        ("rename", "issue.yaml"),
        ("auth", "issue.yaml"),
    ]
    assert read_revision(committed.root / "issue.yaml", revisions[2]) == "id: [unclosed\n"


def test_history_derives_progress_criteria_and_findings_and_keeps_a_broken_version(
    committed: Repository,
) -> None:
    points = remediation.history(committed.root / "issue.yaml")
    assert [p.revision.subject for p in points] == [
        "first",
        "ssot",
        "broken",
        "fixed",
        "rename",
        "auth",
    ]
    first, ssot, broken, _, _, auth = points
    assert (first.items, first.done, first.closed) == (14, 3, 3)
    assert (ssot.done, auth.done) == (4, 5)
    assert first.progress is not None
    assert ssot.progress is not None
    assert first.progress < ssot.progress
    assert (first.criteria, first.criteria_met) == (7, 0)
    assert (first.findings, ssot.findings, auth.findings) == (4, 3, 4)
    assert first.decision is Decision.KEEP_OPEN
    assert broken.error is not None
    assert "$" in broken.error
    assert (broken.progress, broken.items, broken.decision) == (None, None, None)


def test_the_table_and_the_burn_up_chart(committed: Repository) -> None:
    points = remediation.history(committed.root / "issue.yaml")
    text = history_text(points)
    assert text.splitlines()[0].split() == [
        "committed",
        "commit",
        "date",
        "progress",
        "done",
        "criteria",
        "met",
        "findings",
        "decision",
    ]
    assert "2025-09-15 12:00" in text
    assert "4/14" in text
    assert "not evaluated: " in text
    markdown = history_markdown(points)
    assert "```mermaid\nxychart-beta\n" in markdown
    assert "    line [14, 14, 14, 14, 14]\n    line [3, 4, 4, 4, 5]\n" in markdown
    ax = remediation.plot_burnup(points)
    scope, closed, _ = ax.get_lines()
    assert scope.get_ydata().tolist() == [14] * 5  # type: ignore[union-attr]
    assert closed.get_ydata().tolist() == [3, 4, 4, 4, 5]  # type: ignore[union-attr]


def test_the_command_prints_the_history_and_draws_the_chart(
    committed: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    chart = committed.root / "burnup.svg"
    file = str(committed.root / "issue.yaml")
    assert main(["history", file, "--chart", str(chart)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == history_text(remediation.history(file))
    assert chart.read_text(encoding="utf-8").startswith("<?xml")
    assert main(["history", file, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["done"] for row in rows] == [3, 4, None, 4, 4, 5]
    assert rows[2]["error"]


def test_a_file_outside_git_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    remediation.dump(remediation.examples.issue_1176(), plan)
    with pytest.raises(RevisionError):
        remediation.history(plan)
    assert main(["history", str(plan)]) == 2
    assert str(plan) in capsys.readouterr().err


def test_the_command_writes_markdown_for_a_page(
    committed: Repository, capsys: pytest.CaptureFixture[str]
) -> None:
    file = str(committed.root / "issue.yaml")
    assert main(["history", file, "--format", "markdown", "--as-of", "2025-10-01"]) == 0
    out = capsys.readouterr().out
    assert out == history_markdown(remediation.history(file, as_of="2025-10-01"))
    assert out.startswith("| committed | commit | date | progress |")
