"""A lenient load: dangling references become error findings; the rest is evaluated."""

from __future__ import annotations

from pathlib import Path

import pytest

import remediation
from remediation import FindingCode, FindingSeverity
from remediation.cli import main

HEADER = "schema_version: 1\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"
BROKEN = HEADER + (
    "why: [{id: why-1, question: Why, finding: Because}]\n"
    "phases:\n  - id: p\n    title: P\n    items:\n"
    "      - {id: a, title: A, status: done, depends_on: [why-1, b, nowhere]}\n"
    "      - {id: b, title: B, status: open, addresses: [why-1, ghost]}\n"
    "criteria:\n  - {id: c, title: C, target: '<1%',"
    " current_from: {evidence: missing-run}}\n"
)


def test_a_strict_load_refuses_a_dangling_reference() -> None:
    with pytest.raises(remediation.exceptions.PlanValidationError) as raised:
        remediation.loads(BROKEN, "yaml")
    assert len(raised.value.exceptions) == 4


def test_a_lenient_load_drops_them_and_keeps_the_rest() -> None:
    plan = remediation.loads(BROKEN, "yaml", lenient=True)
    items = plan.phases[0].items
    assert items[0].depends_on == ("b",)
    assert items[1].addresses == ("why-1",)
    assert plan.criteria[0].current_from is None
    dropped = {d.path: d for d in plan.dropped_references}
    assert {path: d.target for path, d in dropped.items()} == {
        "$.phases[0].items[0].depends_on[0]": "why-1",
        "$.phases[0].items[0].depends_on[2]": "nowhere",
        "$.phases[0].items[1].addresses[1]": "ghost",
        "$.criteria[0].current_from.evidence": "missing-run",
    }
    assert dropped["$.phases[0].items[0].depends_on[0]"].problem == (
        "'a' refers to 'why-1', which is a why step, not a work item or phase"
    )
    result = remediation.evaluate(plan)
    findings = result.findings_with(FindingCode.REFERENCE_DROPPED)
    assert len(findings) == 4
    assert {f.severity for f in findings} == {FindingSeverity.ERROR}
    assert result.item("b").actionable is True
    assert remediation.loads(remediation.dumps(plan)) == plan


def test_a_lenient_load_still_refuses_other_problems() -> None:
    duplicate = HEADER + (
        "phases: [{id: p, title: P, items: [{id: a, title: A}, {id: a, title: B}]}]\n"
    )
    with pytest.raises(remediation.exceptions.PlanValidationError):
        remediation.loads(duplicate, "yaml", lenient=True)


def test_a_valid_document_loads_the_same_either_way() -> None:
    text = remediation.dumps(remediation.examples.issue_1176())
    assert remediation.loads(text, lenient=True) == remediation.loads(text)


def test_the_command_line_reads_leniently_when_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["evaluate", str(path)]) == 2
    capsys.readouterr()
    assert main(["evaluate", str(path), "--lenient"]) == 0
    out = capsys.readouterr().out
    assert "reference-dropped" in out


# --------------------------------------------------------------------------- links as evidence


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://github.com/org/repo/pull/42", remediation.LinkKind.PULL_REQUEST),
        ("https://github.com/org/repo/pull/42/files", remediation.LinkKind.PULL_REQUEST),
        ("https://gitlab.com/org/repo/-/merge_requests/7", remediation.LinkKind.PULL_REQUEST),
        ("https://codeberg.org/org/repo/pulls/3", remediation.LinkKind.PULL_REQUEST),
        ("https://review.example.org/c/project/+/1234", remediation.LinkKind.PULL_REQUEST),
        ("https://github.com/org/repo/commit/9c87d9def", remediation.LinkKind.COMMIT),
        ("https://gitlab.com/org/repo/-/commit/9c87d9def0", remediation.LinkKind.COMMIT),
        ("https://github.com/org/repo/issues/1176", remediation.LinkKind.ISSUE),
        ("https://gitlab.com/org/repo/-/issues/5", remediation.LinkKind.ISSUE),
        ("https://acme.atlassian.net/browse/OPS-12", remediation.LinkKind.ISSUE),
        ("https://jira.example.org/jira/browse/SEC_OPS-7", remediation.LinkKind.ISSUE),
        ("https://example.org/browse/photos", remediation.LinkKind.OTHER),
        ("https://example.org/postmortem", remediation.LinkKind.OTHER),
        ("https://github.com/org/repo/issues", remediation.LinkKind.OTHER),
        ("not a url /pull/1", remediation.LinkKind.OTHER),
    ],
)
def test_a_link_kind_is_recognised_from_the_url(url: str, kind: remediation.LinkKind) -> None:
    assert remediation.link_kind(url) is kind


def test_a_link_to_a_pull_request_is_evidence_of_a_status() -> None:
    text = HEADER + (
        "phases:\n  - id: p\n    title: P\n    items:\n"
        "      - {id: a, title: A, status: done, links: ['https://github.com/o/r/pull/9']}\n"
        "      - {id: b, title: B, status: done, links: ['https://example.org/notes']}\n"
    )
    result = remediation.evaluate(remediation.loads(text, "yaml"))
    findings = result.findings_with(FindingCode.STATUS_WITHOUT_EVIDENCE)
    assert [f.ids for f in findings] == [("b",)]


# ------------------------------------------------------------------ issue and date optional


def test_issue_and_date_are_optional() -> None:
    text = (
        "schema_version: 1\nid: audit\ntitle: Audit remediation\n"
        "phases: [{id: p, title: P, items: [{id: a, title: A, status: done}]}]\n"
    )
    plan = remediation.loads(text, "yaml")
    assert (plan.issue, plan.date) == (None, None)
    with pytest.raises(remediation.exceptions.NoEvaluationDateError, match="pass as_of"):
        remediation.evaluate(plan)
    result = remediation.evaluate(plan, as_of="2025-03-03")
    assert result.issue is None
    assert remediation.loads(remediation.dumps(plan)) == plan
    markdown = remediation.render_markdown(plan, result)
    assert "Issue:" not in markdown
    assert "Date:" not in markdown
    assert "Audit remediation" in markdown


def test_the_command_line_asks_for_a_date_when_the_document_has_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("schema_version: 1\nid: audit\ntitle: Audit\n", encoding="utf-8")
    assert main(["evaluate", str(path), "--as-of", "2025-03-03"]) == 0
    assert capsys.readouterr().out.startswith("Audit\n")
    assert main(["evaluate", str(path)]) == 2
    assert "has no date to evaluate it as of; pass as_of" in capsys.readouterr().err
