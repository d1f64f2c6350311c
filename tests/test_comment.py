"""The Markdown comment: a headline, folded details, and GitHub's limit on a comment's size."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import remediation
from remediation import Assessment, Phase, Status, WorkItem
from remediation.io.github_issues import from_github_issues
from remediation.render.comment import COMMENT_LIMIT, render_comment

GH_FILE = Path(__file__).parent / "fixtures" / "trackers" / "gh-issue-list.json"


def summaries(text: str) -> list[str]:
    return re.findall(r"<summary>(.*?)</summary>", text)


def tags(text: str, tag: str) -> int:
    """How many times *tag* is written as HTML (not escaped as text, ``\\<b>``)."""
    return len(re.findall(rf"(?<!\\){re.escape(tag)}", text))


def assert_balanced(text: str) -> None:
    assert tags(text, "<details>") == tags(text, "</details>") == len(summaries(text))


def test_the_comment_of_the_reference_example_is_a_headline_and_folded_sections() -> None:
    text = render_comment(remediation.examples.issue_1176())
    lines = text.splitlines()
    assert lines[0] == "### Issue #1176 - Status Assessment and Continuation Plan"  # #1176 once
    assert lines[2] == (
        "**KEEP OPEN** (the document agrees: keep open) · progress **31.82%** · as of 2025-09-15"
    )
    assert lines[4] == (
        "14 items: 3 done, 11 open, 0 blocked, 0 overdue · 5 of 7 criteria unmet, "
        "2 unmeasured · findings: 0 errors, 4 warnings"
    )
    assert summaries(text) == [
        "Why: 6 reasons",
        "Phases (5)",
        "Open items (11)",
        "Criteria not met (7)",
        "Findings (4)",
    ]
    assert_balanced(text)
    assert "| `phase-1` Emergency Fixes | 87.5% | 3/4 | no |" in text
    assert "- `unit-test-failures` Unit test failures: unmet, target \\<10%, current 54.05" in text


def test_blocked_and_overdue_work_and_error_findings_come_first() -> None:
    plan = from_github_issues(GH_FILE.read_bytes(), date=dt.date(2025, 10, 2))
    text = render_comment(plan)
    assert "9 items: 1 done, 5 open, 1 blocked, 2 overdue · no criteria" in text
    assert summaries(text)[3:5] == ["Blocked (1)", "Overdue (2)"]
    assert (
        "- `gh-103` Audit access logs for use of the old key: waits for `gh-102`, "
        "`gh-acme/platform#55`, `gh-107`" in text
    )
    assert "- `gh-102` Add secret scanning to CI: due 2025-09-30" in text
    findings = text.split("<summary>Findings")[1]
    severities = re.findall(r"^- \*\*(\w+)\*\*", findings, re.MULTILINE)
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_the_document_text_cannot_break_the_comment() -> None:
    item = WorkItem(
        "x", "</details><script>alert(1)</script> | *bold*", status=Status.parse("open")
    )
    plan = Assessment(
        id="p", title="# Plan <b>", date=dt.date(2025, 1, 1), phases=[Phase("ph", "P", [item])]
    )
    text = render_comment(plan)
    assert tags(text, "<script>") == 0
    assert_balanced(text)
    assert "\\</details>\\<script>alert(1)\\</script> \\| \\*bold\\*" in text
    assert text.startswith("### \\# Plan \\<b>")


def big_plan(count: int) -> Assessment:
    """*count* items in phases of 100: some done, some blocked, some overdue."""
    phases = []
    for p in range(count // 100):
        items = []
        for i in range(100):
            n = p * 100 + i
            progress = ("done", "open", "in progress", "open")[n % 4]
            items.append(
                WorkItem(
                    f"item-{n:05d}",
                    f"Work item number {n} with a title of ordinary length",
                    status=Status.parse(progress),
                    owner=f"owner-{n % 17}",
                    due=dt.date(2025, 1, 1) + dt.timedelta(days=n % 90),
                    depends_on=(f"item-{n - 1:05d}",) if i and n % 5 == 0 else (),
                )
            )
        phases.append(Phase(f"phase-{p:03d}", f"Phase {p}", items))
    return Assessment(id="big", title="A large plan", date=dt.date(2025, 3, 1), phases=phases)


def test_a_huge_plan_is_cut_under_githubs_limit_and_says_what_it_leaves_out() -> None:
    plan = big_plan(10_000)
    result = remediation.evaluate(plan)
    text = render_comment(plan, result)
    assert len(text) <= COMMENT_LIMIT
    assert "10000 items: 2500 done, 7500 open" in text
    assert_balanced(text)
    notes = re.findall(r"_(\d+) more not shown: a comment holds at most 65536 characters", text)
    assert notes  # something was cut, and said so
    shown_rows = text.split("<summary>Open items (7500)</summary>")[1].split("</details>")[0]
    rows = [line for line in shown_rows.splitlines() if line.startswith("| `item-")]
    open_note = re.search(r"_(\d+) more not shown", shown_rows)
    assert open_note is not None
    assert len(rows) + int(open_note.group(1)) == 7500  # every open item is shown or counted
    # The long list of open items does not crowd out the sections after it.
    for section in ("Blocked (1000)", "Overdue (4892)", "Findings (17792)"):
        shown = text.split(f"<summary>{section}</summary>")[1].split("</details>")[0]
        assert len(re.findall(r"^- ", shown, re.MULTILINE)) > 50


@pytest.mark.parametrize("limit", [2_000, 5_000, 20_000])
def test_a_smaller_limit_is_kept_too(limit: int) -> None:
    plan = big_plan(1_000)
    text = render_comment(plan, remediation.evaluate(plan), limit=limit)
    assert len(text) <= limit
    assert_balanced(text)


def test_a_limit_too_small_for_the_headline_is_refused() -> None:
    with pytest.raises(ValueError, match="the limit is 500"):
        render_comment(remediation.examples.issue_1176(), limit=500)
