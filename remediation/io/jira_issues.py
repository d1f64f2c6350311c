"""Jira issues, as the REST search returns them, into the items of a phase.

The response of ``/rest/api/2/search``, ``/rest/api/3/search`` or
``/rest/api/3/search/jql`` (``{"issues": [...]}``; a plain list of issues is
read too). The fields read; every other field is ignored:

=============================  ===================================================
Jira                            work item
=============================  ===================================================
``key``                         the id (``PROJ-12``, after ``prefix``)
``fields.summary``              ``title``
``fields.resolution.name``,     ``status``: see the table in ``docs/trackers.md``;
``fields.status.name``,         a resolution decides (Done/Fixed is done, Won't
``fields.status.statusCategory  Do/Won't Fix won't fix, Duplicate duplicate, ...);
.key``                          without one, the category: new is not started,
                                indeterminate partial, done done; any other is
                                unknown
``fields.resolutiondate``       ``closure.decided_on`` of a closure without a fix
``fields.assignee``             ``owner``: ``displayName`` (else ``emailAddress``,
                                ``name``, ``accountId``)
``fields.issuetype.name``       ``kind``, in lower case
``fields.labels``               kept in ``extra["tracker"]["labels"]``
``fields.duedate``              ``due``
``self``                        ``links``: the issue's ``/browse/KEY`` page, on the
                                host of ``self`` (or ``base_url``)
``fields.issuelinks``           links of the type ``Blocks`` ("is blocked by" /
                                "blocks"): dependencies, see
                                :mod:`remediation.io.trackers`; ``Duplicate``
                                ("duplicates"): ``closure.to`` of a duplicate
=============================  ===================================================
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping
from typing import Any

from remediation.io.trackers import Problems, TrackerIssue, TrackerRef, assemble, parse_json
from remediation.model.closure import Closure
from remediation.model.records import Assessment, WorkItem
from remediation.model.status import Progress, Status

__all__ = ["RESOLUTIONS", "STATUS_CATEGORIES", "from_jira_issues"]

RESOLUTIONS: Mapping[str, Progress] = {
    "done": Progress.DONE,
    "fixed": Progress.DONE,
    "resolved": Progress.DONE,
    "complete": Progress.DONE,
    "completed": Progress.DONE,
    "won't do": Progress.WONT_FIX,
    "won't fix": Progress.WONT_FIX,
    "wont do": Progress.WONT_FIX,
    "wont fix": Progress.WONT_FIX,
    "declined": Progress.WONT_FIX,
    "rejected": Progress.WONT_FIX,
    "duplicate": Progress.DUPLICATE,
    "cannot reproduce": Progress.NOT_APPLICABLE,
    "not a bug": Progress.NOT_APPLICABLE,
    "invalid": Progress.NOT_APPLICABLE,
    "deferred": Progress.DEFERRED,
}
"""Jira resolution names (lower case, curly apostrophes read as straight) and their progress.
Any other resolution is unknown: the issue is resolved, but how is not known."""

STATUS_CATEGORIES: Mapping[str, Progress] = {
    "new": Progress.NOT_STARTED,
    "indeterminate": Progress.PARTIAL,
    "done": Progress.DONE,
}
"""Jira status category keys and their progress, for an issue without a resolution."""


def _name(value: Mapping[str, Any] | None, path: str, problems: Problems) -> str | None:
    """The ``name`` of a Jira object (a status, a resolution, an issue type), if it has one."""
    return None if value is None else problems.text(value, "name", path, required=False)


def _category(status: Mapping[str, Any] | None) -> str | None:
    category = status.get("statusCategory") if status is not None else None
    if isinstance(category, Mapping) and isinstance(category.get("key"), str):
        return str(category["key"])
    return None


def _status(status: Mapping[str, Any] | None, name: str | None, resolution: str | None) -> Status:
    name = name or "no status"
    if resolution is not None:
        progress = RESOLUTIONS.get(" ".join(resolution.lower().replace("\u2019", "'").split()))
        return Status(progress or Progress.UNKNOWN, label=f"{name} ({resolution})")
    category = _category(status)
    progress = STATUS_CATEGORIES.get(category or "", Progress.UNKNOWN)
    return Status(progress, label=name)


def _browse(self_url: object, key: str, base_url: str | None) -> str | None:
    if base_url is not None:
        return f"{base_url.rstrip('/')}/browse/{key}"
    if not isinstance(self_url, str):
        return None
    parts = urllib.parse.urlsplit(self_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    root = parts.path.split("/rest/", 1)[0] if "/rest/" in parts.path else ""
    return f"{parts.scheme}://{parts.netloc}{root}/browse/{key}"


def _link_kind(link: Mapping[str, Any]) -> str | None:
    """``blocks``, ``duplicates`` or ``None``: what kind of link, by its type's name or words."""
    kind = link.get("type")
    if not isinstance(kind, Mapping):
        return None
    words = {str(kind.get(k, "")).lower() for k in ("name", "outward", "inward")}
    if words & {"blocks", "is blocked by"}:
        return "blocks"
    if words & {"duplicate", "duplicates", "is duplicated by"}:
        return "duplicates"
    return None


def _ref(
    linked: Mapping[str, Any], path: str, prefix: str, base_url: str | None, problems: Problems
) -> TrackerRef | None:
    key = problems.key(linked, "key", path)
    if key is None:
        return None
    given = linked.get("fields")
    fields: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    summary = problems.text(fields, "summary", f"{path}.fields", required=False)
    status = problems.mapping(fields.get("status"), f"{path}.fields.status", "a status")
    found = (
        _status(status, _name(status, f"{path}.fields.status", problems), None)
        if status is not None
        else Status(Progress.UNKNOWN)
    )
    url = _browse(linked.get("self"), key, base_url)
    return TrackerRef(key, prefix + key, url=url, title=summary, status=found)


def _links(
    fields: Mapping[str, Any], at: str, problems: Problems, prefix: str, base_url: str | None
) -> tuple[list[TrackerRef], list[TrackerRef], list[str]]:
    """What the issue's links say: the issues blocking it, those it blocks, what it duplicates."""
    blocked_by: list[TrackerRef] = []
    blocks: list[TrackerRef] = []
    duplicates: list[str] = []
    links = problems.listing(fields.get("issuelinks"), f"{at}.issuelinks", "a list of links")
    for index, link in enumerate(links):
        where = f"{at}.issuelinks[{index}]"
        found = problems.mapping(link, where, "an issue link")
        if found is None:
            continue
        relation = _link_kind(found)
        if relation is None:
            continue
        for side, into in (("inwardIssue", blocked_by), ("outwardIssue", blocks)):
            linked = problems.mapping(found.get(side), f"{where}.{side}", "an issue {key}")
            if linked is None:
                continue
            ref = _ref(linked, f"{where}.{side}", prefix, base_url, problems)
            if ref is None:
                continue
            if relation == "blocks":
                into.append(ref)
            elif side == "outwardIssue":
                duplicates.append(ref.key)
    return blocked_by, blocks, duplicates


def _issue(
    data: Mapping[str, Any], path: str, problems: Problems, prefix: str, base_url: str | None
) -> TrackerIssue | None:
    key = problems.key(data, "key", path)
    fields = data.get("fields")
    if fields is None:
        problems.missing(f"{path}.fields", "the issue's fields")
        return None
    fields = problems.mapping(fields, f"{path}.fields", "the issue's fields")
    if fields is None:
        return None
    at = f"{path}.fields"
    summary = problems.text(fields, "summary", at)
    status = problems.mapping(fields.get("status"), f"{at}.status", "a status {name}")
    if status is not None and _category(status) is None and "statusCategory" in status:
        problems.wrong(f"{at}.status.statusCategory", "{key: new|indeterminate|done}", None)
    resolution_data = problems.mapping(fields.get("resolution"), f"{at}.resolution", "{name}")
    resolution = _name(resolution_data, f"{at}.resolution", problems)
    if resolution_data is not None and resolution is None:
        problems.missing(f"{at}.resolution.name", "the resolution's name")
    assignee = problems.mapping(fields.get("assignee"), f"{at}.assignee", "a user")
    owner = None
    if assignee is not None:
        for name in ("displayName", "emailAddress", "name", "accountId"):
            if isinstance(assignee.get(name), str):
                owner = problems.text(assignee, name, f"{at}.assignee")
                break
    labels = problems.listing(fields.get("labels"), f"{at}.labels", "a list of labels")
    for index, label in enumerate(labels):
        if not isinstance(label, str):
            problems.wrong(f"{at}.labels[{index}]", "a label", label)
        else:
            problems.checked(label, f"{at}.labels[{index}]")
    due = problems.date(fields.get("duedate"), f"{at}.duedate")
    resolved_on = problems.date(fields.get("resolutiondate"), f"{at}.resolutiondate")
    kind = _name(
        problems.mapping(fields.get("issuetype"), f"{at}.issuetype", "an issue type {name}"),
        f"{at}.issuetype",
        problems,
    )
    blocked_by, blocks, duplicates = _links(fields, at, problems, prefix, base_url)
    if key is None or summary is None:
        return None
    found_status = _status(status, _name(status, f"{at}.status", problems), resolution)
    closure = None
    if found_status.progress.is_closed_without_fix:
        to = duplicates[0] if found_status.progress is Progress.DUPLICATE and duplicates else None
        if resolved_on is not None or to is not None:
            closure = Closure(decided_on=resolved_on, to=to)
    tracker: dict[str, Any] = {
        "system": "jira",
        "key": key,
        "labels": [label for label in labels if isinstance(label, str)],
    }
    if _category(status) in STATUS_CATEGORIES:
        tracker["status_category"] = _category(status)
    if resolution is not None:
        tracker["resolution"] = resolution
    url = _browse(data.get("self"), key, base_url)
    item = WorkItem(
        id=prefix + key,
        title=summary,
        status=found_status,
        kind=kind.lower() if kind else None,
        owner=owner,
        due=due,
        links=(url,) if url else (),
        closure=closure,
        extra={"tracker": tracker},
    )
    return TrackerIssue(key, item, blocked_by=tuple(blocked_by), blocks=tuple(blocks))


def from_jira_issues(
    data: object,
    *,
    phase: str = "issues",
    title: str = "Jira issues",
    into: Assessment | None = None,
    date: dt.date | None = None,
    prefix: str = "",
    base_url: str | None = None,
    file: str | None = None,
) -> Assessment:
    """The issues of a Jira REST search response, as the items of a phase.

    Args:
        data: The JSON: its text, or the parsed response.
        phase: The id of the phase; a new assessment is ``<phase>-assessment``.
        title: The title of the phase (and of a new assessment).
        into: An assessment to put the phase in, replacing a phase of the
            same id; without it, a new assessment holds it.
        date: The date of a new assessment (its default evaluation date).
        prefix: What an item's id starts with, before the issue key.
        base_url: The Jira site (``https://acme.atlassian.net``) for the links
            to the issues; by default the host of each issue's ``self``.
        file: The file the text was read from, for the positions of errors.

    Raises:
        PlanValidationError: Every problem of the input, each with its JSON
            path (``$.issues[3].fields.status``) and what was expected; or the
            links make a dependency cycle.

    Examples:
        >>> plan = from_jira_issues({"issues": [
        ...     {"key": "OPS-1", "fields": {"summary": "Patch the hosts",
        ...      "status": {"name": "Closed", "statusCategory": {"key": "done"}},
        ...      "resolution": {"name": "Won't Do"}}},
        ...     {"key": "OPS-2", "fields": {"summary": "Rotate the keys",
        ...      "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}},
        ...      "resolution": None}}]})
        >>> [(i.id, i.status.progress.value) for i in plan.phases[0].items]
        [('OPS-1', 'wont_fix'), ('OPS-2', 'partial')]
    """
    parsed, source = parse_json(data, file)
    problems = Problems("Jira issues")
    if isinstance(parsed, Mapping):
        if "issues" not in parsed:
            problems.missing("$.issues", "the issues of a search response")
        entries = problems.listing(parsed.get("issues"), "$.issues", "a list of issues")
        base = "$.issues"
    else:
        entries = problems.listing(parsed, "$", "a search response {issues: [...]}")
        base = "$"
    issues: list[TrackerIssue] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        path = f"{base}[{index}]"
        found = problems.mapping(entry, path, "an issue object")
        if found is None:
            continue
        issue = _issue(found, path, problems, prefix, base_url)
        if issue is None:
            continue
        if issue.key in seen:
            problems.wrong(
                f"{path}.key", f"each issue once; {base}[{seen[issue.key]}] is it too", issue.key
            )
            continue
        seen[issue.key] = index
        issues.append(issue)
    problems.raise_any(source)
    return assemble(issues, system="jira", phase=phase, title=title, into=into, date=date)
