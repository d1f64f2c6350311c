"""The ``remediation`` command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import remediation
from remediation.cli import main


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = sys.__stdin__
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_without_file_summarizes_the_embedded_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "evaluate")
    assert (code, err) == (0, "")
    assert "Recommendation: KEEP OPEN (the document also says keep open)" in out
    assert "Emergency Fixes (phase-1): 87.5%, 3/4 done, not complete" in out
    assert "phase-status-mismatch" in out


def test_evaluate_json_is_the_contract_other_tools_rely_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "evaluate", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["recommendation"]["decision"] == "keep_open"
    assert isinstance(data["recommendation"]["reasons"], list)
    assert data["recommendation"]["reasons"]
    phase_1 = data["phases"][0]
    assert (phase_1["id"], phase_1["progress"], phase_1["complete"]) == ("phase-1", 0.875, False)
    for criterion in data["criteria"]:
        assert set(criterion) >= {"id", "state", "progress"}
        assert criterion["state"] in {"met", "unmet", "unmeasured"}
    for finding in data["findings"]:
        assert set(finding) >= {"code", "severity", "message", "ids"}
    assert remediation.loads(out, kind=remediation.Evaluation) == remediation.evaluate(
        remediation.examples.issue_1176()
    )


def test_evaluate_a_yaml_file_as_of_a_later_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    remediation.dump(remediation.examples.issue_1176(), path)
    code, out, _ = run(capsys, "evaluate", str(path), "--as-of", "2025-10-01", "--format", "yaml")
    assert code == 0
    assert "as_of: '2025-10-01T00:00:00'" in out


def test_evaluate_reads_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    text = remediation.examples.issue_1176_text()
    code, out, _ = run(capsys, "evaluate", "-", "--json", stdin=text)
    assert code == 0
    assert json.loads(out)["issue"] == "#1176"


def test_check_exits_1_when_not_closable(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "evaluate", "--check")
    assert code == 1


def test_invalid_input_exits_2_with_one_line_per_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "id": "x",
                "issue": "#2",
                "title": "Bad",
                "date": "2025-02-30",
                "phases": [{"id": "p", "title": "P", "items": [{"id": "i"}]}],
            }
        )
    )
    code, out, err = run(capsys, "evaluate", str(path))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[0] == "error: assessment document is not valid"
    assert lines[1].startswith(
        f"{path}:1:65: malformed-date: $.date: '2025-02-30' is not a day: February 2025 has 28 days"
    )
    # A missing field is placed at the record that lacks it.
    assert lines[2] == (
        f"{path}:1:134: missing-field: $.phases[0].items[0].title: required field is missing"
    )
    assert "Traceback" not in err


def test_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(remediation.examples.issue_1176_text())
    assert run(capsys, "validate", str(good)) == (0, "", "")
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nid: [unclosed\n")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert err.startswith(f"{bad}:3:1: malformed-document: $: not valid YAML")


def test_missing_file_and_unknown_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "evaluate", str(tmp_path / "none.json"))
    assert code == 2
    assert "No such file" in err
    odd = tmp_path / "plan.txt"
    odd.write_text("{}")
    code, _, err = run(capsys, "evaluate", str(odd))
    assert code == 2
    assert "--input-format" in err


def test_console_script_runs_as_a_module() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "remediation", "evaluate", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["recommendation"]["decision"] == "keep_open"


def test_help_shows_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["evaluate", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "remediation evaluate plan.json --json" in out
    assert "exit codes" in out


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == remediation.json_schema()
    code, out, _ = run(capsys, "schema", "--kind", "evaluation")
    assert json.loads(out)["title"].startswith("remediation evaluation")


def test_validate_strict_refuses_a_contradicted_rate(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = json.loads(remediation.examples.issue_1176_text())
    document["evidence"][2]["stated_failure_rate"] = 45
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    assert run(capsys, "validate", str(path))[0] == 0
    code, _, err = run(capsys, "validate", "--strict", str(path))
    assert code == 2
    assert err.splitlines()[1] == (
        f"{path}:1:11237: rate-contradicts-counts: $.evidence[2].stated_failure_rate: "
        "20 failed / 17 passed is a 54.05% failure rate; "
        "the stated 45% contradicts it (expected within 0.5 points)"
    )


def test_a_file_over_the_limit_exits_2_without_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 10_000 + "]" * 10_000)
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err == "$: not valid JSON here: nested too deeply to read [too-deep]\n"


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (["render"], "# Issue #1176 - Status Assessment and Continuation Plan"),
        (["render", "--format", "html"], '<div class="remediation">'),
        (["render", "--format", "text"], "Issue #1176 - Status Assessment"),
        (["evaluate", "--format", "markdown"], "# Issue #1176"),
        (["graph"], "flowchart"),
        (["graph", "--kind", "gantt"], "gantt"),
        (["graph", "--format", "dot"], 'digraph "issue-1176-2025-09-15"'),
    ],
)
def test_render_and_graph(capsys: pytest.CaptureFixture[str], argv: list[str], start: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.startswith(start)


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, out, _ = run(capsys, "render", "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# Issue #1176")
    assert list(tmp_path.iterdir()) == [target]


def test_gantt_in_dot_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "graph", "--kind", "gantt", "--format", "dot")
    assert code == 2
    assert "Mermaid only" in err
