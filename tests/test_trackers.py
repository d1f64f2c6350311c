"""Work items from GitHub issues (``gh issue list --json``) and Jira's REST search."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import remediation
from remediation.exceptions import DependencyCycleError, PlanValidationError
from remediation.io.github_issues import from_github_issues
from remediation.io.jira_issues import from_jira_issues
from remediation.model.records import Assessment, WorkItem

FIXTURES = Path(__file__).parent / "fixtures" / "trackers"
GH_FILE = FIXTURES / "gh-issue-list.json"
JIRA_FILE = FIXTURES / "jira-search.json"


def gh_data() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(GH_FILE.read_text(encoding="utf-8"))
    return data


def jira_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(JIRA_FILE.read_text(encoding="utf-8"))
    return data


def items(plan: Assessment) -> dict[str, WorkItem]:
    return {item.id: item for item in plan.items}


def problems(error: PlanValidationError) -> list[tuple[str, str]]:
    return [(e.path, e.detail) for e in error.errors]


# --------------------------------------------------------------------------- GitHub


def test_every_github_state_maps_to_its_progress_and_unknown_stays_unknown() -> None:
    found = items(from_github_issues(GH_FILE.read_bytes()))
    progress = {i: found[f"gh-{i}"].status.progress.value for i in range(101, 109)}
    assert progress == {
        101: "done",  # CLOSED, COMPLETED
        102: "partial",  # OPEN, labelled status: in-progress
        103: "not_started",  # OPEN
        104: "wont_fix",  # CLOSED, NOT_PLANNED
        105: "duplicate",  # CLOSED, DUPLICATE
        106: "unknown",  # CLOSED with no reason: not guessed
        107: "not_started",  # OPEN, REOPENED
        108: "duplicate",  # CLOSED, NOT_PLANNED, labelled duplicate
    }
    assert str(found["gh-102"].status) == "open, labelled 'status: in-progress'"
    assert str(found["gh-106"].status) == "closed, no reason given"


@pytest.mark.parametrize(
    ("state", "reason", "labels", "progress", "label"),
    [
        ("OPEN", "", [], "not_started", "open"),
        ("OPEN", "", ["WIP"], "partial", "open, labelled 'WIP'"),
        ("OPEN", "", ["in_review"], "partial", "open, labelled 'in_review'"),
        ("OPEN", "REOPENED", ["bug"], "not_started", "open"),
        ("CLOSED", "COMPLETED", ["wip"], "done", "closed as completed"),
        ("CLOSED", "NOT_PLANNED", [], "wont_fix", "closed as not planned"),
        ("CLOSED", "NOT_PLANNED", ["invalid"], "not_applicable", None),
        ("CLOSED", "NOT_PLANNED", ["wontfix"], "wont_fix", None),
        ("CLOSED", "DUPLICATE", [], "duplicate", "closed as duplicate"),
        ("CLOSED", None, [], "unknown", "closed, no reason given"),
        ("CLOSED", "ARCHIVED_BY_BOT", [], "unknown", "closed as archived by bot"),
        ("closed", "completed", [], "done", "closed as completed"),
    ],
)
def test_a_github_state_and_reason_give_the_status(
    state: str, reason: str | None, labels: list[str], progress: str, label: str | None
) -> None:
    issue = {
        "number": 1,
        "title": "T",
        "state": state,
        "stateReason": reason,
        "labels": [{"name": name, "color": "ededed"} for name in labels],
    }
    (item,) = from_github_issues([issue]).items
    assert item.status.progress.value == progress
    if label is not None:
        assert str(item.status) == label


def test_github_fields_become_owner_due_links_closure_and_tracker_extras() -> None:
    found = items(from_github_issues(gh_data()))
    rotated, scanning, vault = found["gh-101"], found["gh-102"], found["gh-104"]
    assert rotated.title == "Rotate the leaked payments API key"
    assert (rotated.owner, scanning.owner) == ("alice", "bob, carol")
    assert rotated.due == dt.date(2025, 9, 30)  # the milestone's dueOn
    assert found["gh-103"].due is None  # no milestone: GitHub has no due date of its own
    assert rotated.links == ("https://github.com/acme/payments/issues/101",)
    assert rotated.closure is None  # done: no closure without a fix
    assert vault.closure == remediation.Closure(decided_on=dt.date(2025, 8, 28))
    assert rotated.extra["tracker"] == {
        "system": "github",
        "number": 101,
        "labels": ["security", "P0"],
        "milestone": "Incident 2025-08 follow-ups",
        "state": "CLOSED",
        "state_reason": "COMPLETED",
        "closed_on": "2025-08-21",
    }
    assert found["gh-106"].extra["tracker"]["closed_on"] == "2025-08-25"


def test_github_blocked_by_and_blocking_become_dependencies_once() -> None:
    plan = from_github_issues(gh_data())
    found = items(plan)
    # 101 blocks 102 (said on both sides): one dependency.
    assert found["gh-102"].depends_on == ("gh-101",)
    # 103 is blocked by 102 and by an issue of another repository; 107 blocks it.
    assert found["gh-103"].depends_on == ("gh-102", "gh-acme/platform#55", "gh-107")
    assert found["gh-101"].depends_on == ()


def test_a_github_blocker_outside_the_import_is_an_item_of_its_own_phase() -> None:
    plan = from_github_issues(gh_data())
    assert [p.id for p in plan.phases] == ["issues", "issues-external"]
    (outside,) = plan.phases[1].items
    assert (outside.id, outside.title, outside.kind) == (
        "gh-acme/platform#55",
        "Export gateway logs to the SIEM",
        "external",
    )
    assert outside.status.progress.value == "not_started"  # the link says OPEN
    assert outside.links == ("https://github.com/acme/platform/issues/55",)
    assert outside.extra["tracker"]["external"] is True
    result = remediation.evaluate(plan, as_of=dt.date(2025, 9, 15))
    assert result.item("gh-103").blocked_by == ("gh-102", "gh-acme/platform#55", "gh-107")


def test_an_issue_outside_the_import_that_an_imported_one_blocks_is_kept_on_it() -> None:
    found = items(from_github_issues(gh_data()))
    assert found["gh-107"].extra["tracker"]["blocks"] == [
        {
            "key": "acme/docs#9",
            "url": "https://github.com/acme/docs/issues/9",
            "title": "Publish the incident summary",
        }
    ]
    assert "gh-acme/docs#9" not in found


def test_a_closed_blocker_outside_the_import_keeps_its_dependent_waiting() -> None:
    issue = {
        "number": 5,
        "title": "Ship",
        "state": "OPEN",
        "url": "https://github.com/o/r/issues/5",
        "blockedBy": {
            "nodes": [{"number": 9, "state": "CLOSED", "url": "https://github.com/o/r/issues/9"}],
            "totalCount": 3,
        },
    }
    plan = from_github_issues([issue], date=dt.date(2025, 1, 1))
    (item,) = plan.phases[0].items
    assert item.extra["tracker"]["blocked_by_unlisted"] == 2  # gh listed 1 of 3
    (outside,) = plan.phases[1].items
    assert outside.status.progress.value == "unknown"  # closed, but how is not said
    assert remediation.evaluate(plan).item("gh-5").blocked


def test_body_dependencies_are_read_only_when_asked() -> None:
    assert "gh-104" not in items(from_github_issues(gh_data()))["gh-103"].depends_on
    asked = items(from_github_issues(gh_data(), body_dependencies=True))
    assert asked["gh-103"].depends_on == ("gh-102", "gh-acme/platform#55", "gh-104", "gh-107")


def test_a_single_issue_as_gh_issue_view_prints_it_is_read() -> None:
    (item,) = from_github_issues(json.dumps(gh_data()[0])).items
    assert item.id == "gh-101"


def test_github_in_progress_labels_and_prefix_are_the_callers() -> None:
    found = items(from_github_issues(gh_data(), in_progress_labels=["documentation"], prefix="#"))
    assert found["#107"].status.progress.value == "partial"
    assert found["#102"].status.progress.value == "not_started"


def test_bad_github_input_names_every_path_and_its_line() -> None:
    issues = gh_data()[:4]
    issues[0]["state"] = "MERGED"
    del issues[1]["number"]
    issues[2]["labels"] = "security"
    issues[3]["milestone"] = {"title": "x", "dueOn": "next week"}
    text = json.dumps(issues, indent=2)
    with pytest.raises(PlanValidationError) as caught:
        from_github_issues(text, file="issues.json")
    assert problems(caught.value) == [
        ("$[0].state", "expected OPEN or CLOSED, got 'MERGED'"),
        ("$[1].number", "missing: expected the issue's number"),
        ("$[2].labels", "expected a list, got 'security'"),
        (
            "$[3].milestone.dueOn",
            "expected an ISO 8601 date (2025-10-01) or date and time, got 'next week'",
        ),
    ]
    lines = text.splitlines()
    where = caught.value.errors[0].position
    assert where is not None
    assert where.file == "issues.json"
    assert '"state": "MERGED"' in lines[where.line - 1]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"issues": []},  # a Jira response: read as one issue, which it is not
            [
                ("$.number", "missing: expected the issue's number"),
                ("$.state", "missing: expected a string"),
                ("$.title", "missing: expected a string"),
            ],
        ),
        ("[1]", [("$[0]", "expected an issue object, got 1")]),
        ('"issues"', [("$", "expected a list of issues (gh issue list --json ...), got 'issues'")]),
        (
            [
                {"number": 1, "title": "A", "state": "OPEN"},
                {"number": 1, "title": "B", "state": "OPEN"},
            ],
            [("$[1].number", "expected each issue once; $[0] is it too, got '#1'")],
        ),
        (
            [{"number": "7", "title": 7, "state": "OPEN", "assignees": [{"name": "x"}]}],
            [
                ("$[0].assignees[0]", "expected an assignee {login}, got {'name': 'x'}"),
                ("$[0].number", "expected the issue's number, got '7'"),
                ("$[0].title", "expected a string, got 7"),
            ],
        ),
    ],
)
def test_bad_github_input_is_refused_with_what_was_expected(
    data: object, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(PlanValidationError) as caught:
        from_github_issues(data)
    assert problems(caught.value) == expected


def test_github_links_that_make_a_cycle_are_refused_with_the_cycle() -> None:
    issues = [
        {"number": 1, "title": "A", "state": "OPEN", "blockedBy": [{"number": 2}]},
        {"number": 2, "title": "B", "state": "OPEN", "blockedBy": [{"number": 1}]},
    ]
    with pytest.raises(PlanValidationError) as caught:
        from_github_issues(issues)
    (cycle,) = caught.value.errors
    assert isinstance(cycle, DependencyCycleError)
    assert "gh-1 -> gh-2 -> gh-1" in str(cycle)


def test_an_import_goes_into_an_assessment_and_a_second_import_refreshes_it() -> None:
    plan = remediation.examples.issue_1176()
    merged = from_github_issues(gh_data(), phase="tracked", title="Tracked", into=plan)
    assert [p.id for p in merged.phases] == [
        *(p.id for p in plan.phases),
        "tracked",
        "tracked-external",
    ]
    assert merged.phases[-2].title == "Tracked"
    assert (merged.id, merged.date) == (plan.id, plan.date)
    # Later the cross-repository blocker is gone and 101 is reopened.
    later = gh_data()
    later[0]["state"], later[0]["stateReason"] = "OPEN", "REOPENED"
    later[2]["blockedBy"] = {"nodes": [], "totalCount": 0}
    again = from_github_issues(later, phase="tracked", into=merged)
    assert [p.id for p in again.phases] == [*(p.id for p in plan.phases), "tracked"]
    assert items(again)["gh-101"].status.progress.value == "not_started"
    assert again.phases[-1].title == "Tracked"  # the phase keeps its title


def test_an_imported_assessment_writes_and_reads_back_the_same() -> None:
    plan = from_github_issues(gh_data(), date=dt.date(2025, 9, 15))
    for kind in ("json", "yaml"):
        assert remediation.loads(remediation.dumps(plan, kind), kind) == plan


def test_imported_github_work_is_evaluated() -> None:
    result = remediation.evaluate(from_github_issues(gh_data()), as_of=dt.date(2025, 10, 2))
    assert result.item("gh-101").credit == 1.0
    assert result.item("gh-104").credit == 0.0  # closed without a fix earns nothing
    assert "gh-106" in result.unstated  # unknown is counted apart
    assert set(result.overdue) == {"gh-102", "gh-107"}  # past their milestone's due date
    assert not result.findings_with("status-without-evidence")  # the issue link is evidence


# --------------------------------------------------------------------------- Jira


def test_every_jira_status_and_resolution_maps_and_unknown_stays_unknown() -> None:
    found = items(from_jira_issues(JIRA_FILE.read_text(encoding="utf-8")))
    assert {key: item.status.progress.value for key, item in found.items()} == {
        "OPS-1": "done",  # Done (Done)
        "OPS-2": "partial",  # In Progress, category indeterminate
        "OPS-3": "not_started",  # To Do, category new
        "OPS-4": "wont_fix",  # Closed (Won't Do)
        "OPS-5": "duplicate",  # Closed (Duplicate)
        "OPS-6": "unknown",  # Triage, category undefined
        "OPS-7": "unknown",  # Closed (Obsolete): resolved, how is not known
        "OPS-8": "not_started",
        "SEC-77": "partial",  # outside the import: In Review, as its link shows
    }
    assert str(found["OPS-4"].status) == "Closed (Won't Do)"
    assert str(found["OPS-6"].status) == "Triage"


@pytest.mark.parametrize(
    ("resolution", "category", "progress"),
    [
        ("Done", "done", "done"),
        ("Fixed", "done", "done"),
        ("Won't Do", "done", "wont_fix"),
        ("Won\u2019t Fix", "done", "wont_fix"),
        ("Declined", "done", "wont_fix"),
        ("Duplicate", "done", "duplicate"),
        ("Cannot Reproduce", "done", "not_applicable"),
        ("Deferred", "done", "deferred"),
        ("Incomplete", "done", "unknown"),
        ("Done", "indeterminate", "done"),  # a resolution decides
        (None, "new", "not_started"),
        (None, "indeterminate", "partial"),
        (None, "done", "done"),
        (None, "undefined", "unknown"),
        (None, None, "unknown"),
    ],
)
def test_a_jira_resolution_or_status_category_gives_the_status(
    resolution: str | None, category: str | None, progress: str
) -> None:
    status: dict[str, Any] = {"name": "Some status"}
    if category is not None:
        status["statusCategory"] = {"key": category}
    fields = {
        "summary": "S",
        "status": status,
        "resolution": None if resolution is None else {"name": resolution},
    }
    (item,) = from_jira_issues({"issues": [{"key": "X-1", "fields": fields}]}).items
    assert item.status.progress.value == progress


def test_jira_fields_become_kind_owner_due_links_and_closure() -> None:
    found = items(from_jira_issues(jira_data()))
    patch, certs, lb, dup = found["OPS-1"], found["OPS-2"], found["OPS-4"], found["OPS-5"]
    assert (patch.kind, certs.kind) == ("bug", "task")
    assert (patch.owner, certs.owner, found["OPS-3"].owner) == ("Dana Ito", "Eve Moreau", None)
    assert (patch.due, certs.due) == (dt.date(2025, 8, 31), dt.date(2025, 9, 10))
    assert patch.links == ("https://acme.atlassian.net/browse/OPS-1",)
    assert lb.closure == remediation.Closure(decided_on=dt.date(2025, 8, 29))
    assert dup.closure == remediation.Closure(decided_on=dt.date(2025, 8, 19), to="OPS-1")
    assert patch.extra["tracker"] == {
        "system": "jira",
        "key": "OPS-1",
        "labels": ["cve-2025-1234", "edge"],
        "status_category": "done",
        "resolution": "Done",
    }


def test_jira_blocks_links_become_dependencies_and_others_are_not_read() -> None:
    plan = from_jira_issues(jira_data())
    found = items(plan)
    assert found["OPS-2"].depends_on == ("OPS-1",)
    assert found["OPS-3"].depends_on == ("OPS-2", "SEC-77")  # not OPS-9: that link relates
    assert found["OPS-1"].depends_on == ()
    assert [i.id for i in plan.phases[1].items] == ["SEC-77"]
    outside = found["SEC-77"]
    assert (outside.title, outside.links) == (
        "Approve the new CA chain",
        ("https://acme.atlassian.net/browse/SEC-77",),
    )
    assert found["OPS-8"].extra["tracker"]["blocks"] == [
        {
            "key": "SEC-80",
            "url": "https://acme.atlassian.net/browse/SEC-80",
            "title": "Security review sign-off",
        }
    ]


def test_jira_base_url_prefix_and_a_plain_list_of_issues() -> None:
    issues = jira_data()["issues"][:2]
    found = items(from_jira_issues(issues, prefix="jira-", base_url="https://jira.example.org/"))
    assert found["jira-OPS-2"].depends_on == ("jira-OPS-1",)
    assert found["jira-OPS-2"].links == ("https://jira.example.org/browse/OPS-2",)


def test_bad_jira_input_names_every_path() -> None:
    data = jira_data()
    data["issues"] = copy.deepcopy(data["issues"][:3])
    del data["issues"][0]["fields"]["summary"]
    data["issues"][1]["fields"]["duedate"] = "10/09/2025"
    data["issues"][2]["fields"]["status"] = "To Do"
    with pytest.raises(PlanValidationError) as caught:
        from_jira_issues(json.dumps(data, indent=1))
    assert problems(caught.value) == [
        ("$.issues[0].fields.summary", "missing: expected a string"),
        (
            "$.issues[1].fields.duedate",
            "expected an ISO 8601 date (2025-10-01) or date and time, got '10/09/2025'",
        ),
        ("$.issues[2].fields.status", "expected a status {name}, got 'To Do'"),
    ]
    assert all(e.position is not None for e in caught.value.errors)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"total": 0}, [("$.issues", "missing: expected the issues of a search response")]),
        (
            {"issues": [{"key": "A-1"}]},
            [("$.issues[0].fields", "missing: expected the issue's fields")],
        ),
        (
            {"issues": [{"key": "A-1", "fields": {"summary": "S"}}] * 2},
            [("$.issues[1].key", "expected each issue once; $.issues[0] is it too, got 'A-1'")],
        ),
    ],
)
def test_bad_jira_input_is_refused_with_what_was_expected(
    data: object, expected: list[tuple[str, str]]
) -> None:
    with pytest.raises(PlanValidationError) as caught:
        from_jira_issues(data)
    assert problems(caught.value) == expected


def test_imported_jira_work_is_evaluated_with_its_links_as_evidence() -> None:
    plan = from_jira_issues(jira_data(), date=dt.date(2025, 9, 15))
    result = remediation.evaluate(plan)
    assert result.overdue == ("OPS-2",)
    assert result.item("OPS-3").blocked_by == ("OPS-2", "SEC-77")
    assert not result.findings_with("status-without-evidence")
    assert remediation.loads(remediation.dumps(plan, "yaml"), "yaml") == plan


def test_text_a_document_may_not_hold_is_refused_at_its_path_as_load_would() -> None:
    issue = {
        "number": 1,
        "title": "red\x1b[31m alert",
        "state": "OPEN",
        "labels": [{"name": "a\x00"}],
    }
    with pytest.raises(PlanValidationError) as caught:
        from_github_issues([issue])
    assert [e.path for e in caught.value.errors] == ["$[0].labels[0].name", "$[0].title"]
    assert "U+001B" in caught.value.errors[1].detail
    search = {"issues": [{"key": "OPS-\u200b1", "fields": {"summary": "S"}}]}
    with pytest.raises(PlanValidationError) as caught:
        from_jira_issues(search)
    ((path, detail),) = problems(caught.value)
    assert (path, "U+200B" in detail) == ("$.issues[0].key", True)


def test_an_issue_body_is_not_read_unless_asked() -> None:
    issue = {"number": 1, "title": "T", "state": "OPEN", "body": "log: \x1b[31mFAILED"}
    (item,) = from_github_issues([issue]).items  # a pasted terminal log is no problem
    assert item.depends_on == ()
    with pytest.raises(PlanValidationError):
        from_github_issues([issue], body_dependencies=True)
