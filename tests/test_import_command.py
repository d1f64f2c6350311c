"""``remediation import FORMAT FILE`` and ``remediation evaluate --format comment``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

import remediation
from remediation.cli import main
from remediation.cli.importing import IMPORTERS

FIXTURES = Path(__file__).parent / "fixtures" / "trackers"
GH_FILE = FIXTURES / "gh-issue-list.json"
JIRA_FILE = FIXTURES / "jira-search.json"


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: bytes | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def test_import_github_prints_a_new_assessment_as_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", "github", str(GH_FILE), "--date", "2025-09-15")
    assert (code, err) == (0, "")
    plan = remediation.loads(out, "yaml")
    assert (plan.id, plan.date) == ("issues-assessment", dt.date(2025, 9, 15))
    assert [p.id for p in plan.phases] == ["issues", "issues-external"]
    assert plan == remediation.from_github_issues(GH_FILE.read_bytes(), date=dt.date(2025, 9, 15))


def test_import_reads_standard_input_as_gh_pipes_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "import",
        "github",
        "-",
        "--phase",
        "follow-ups",
        "--title",
        "Follow-ups",
        "--format",
        "json",
        "--body-dependencies",
        "--in-progress-label",
        "documentation",
        "--prefix",
        "issue-",
        stdin=GH_FILE.read_bytes(),
    )
    assert code == 0
    plan = remediation.loads(out, "json")
    assert (plan.phases[0].id, plan.phases[0].title) == ("follow-ups", "Follow-ups")
    found = {item.id: item for item in plan.items}
    assert found["issue-107"].status.progress.value == "partial"
    assert "issue-104" in found["issue-103"].depends_on
    assert plan.date == dt.datetime.now(dt.UTC).date()  # a new assessment: dated today


def test_import_into_an_assessment_writes_it_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(remediation.dumps(remediation.examples.issue_1176()), encoding="utf-8")
    code, _, err = run(
        capsys, "import", "jira", str(JIRA_FILE), "--into", str(plan), "-o", str(plan)
    )
    assert (code, err) == (0, "")
    merged = remediation.load(plan)
    assert [p.id for p in merged.phases][-2:] == ["issues", "issues-external"]
    assert merged.date == remediation.examples.issue_1176().date
    assert plan.read_text(encoding="utf-8").startswith("{")  # JSON, as the file was


def test_bad_tracker_json_exits_2_naming_the_line_and_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    issues = json.loads(GH_FILE.read_text(encoding="utf-8"))
    issues[3]["state"] = "DRAFT"
    bad = tmp_path / "issues.json"
    bad.write_text(json.dumps(issues, indent=2), encoding="utf-8")
    code, out, err = run(capsys, "import", "github", str(bad))
    assert (code, out) == (2, "")
    line = next(n for n, text in enumerate(bad.read_text().splitlines(), 1) if '"DRAFT"' in text)
    assert err.splitlines() == [
        "error: the GitHub issues cannot be imported",
        f"{bad}:{line}:5: invalid-value: $[3].state: expected OPEN or CLOSED, got 'DRAFT'",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "github", "x.json", "--date", "soon"], "--date soon: expected a date"),
        (["import", "jira", "/nonexistent/search.json"], "No such file"),
    ],
)
def test_import_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err


def test_not_json_is_reported_as_a_malformed_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "jira", "-", stdin=b"<html>502 Bad Gateway</html>")
    assert code == 2
    assert "malformed-document" in err


def test_every_format_of_import_is_a_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert set(IMPORTERS) >= {"github", "jira"}
    for name in IMPORTERS:
        with pytest.raises(SystemExit):
            main(["import", name, "--help"])
        assert "--into" in capsys.readouterr().out


def test_evaluate_format_comment_prints_the_comment(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evaluate", "--format", "comment")
    assert (code, err) == (0, "")
    assert out == remediation.render_comment(remediation.examples.issue_1176())
