"""GitHub issues, as ``gh issue list --json ...`` prints them, into the items of a phase.

The fields read (``gh issue list --json
number,title,state,stateReason,assignees,labels,milestone,url,closedAt,blockedBy,blocking``;
``body`` too with ``body_dependencies=True``); every other field is ignored:

==================  ==========================================================
``gh`` field         work item
==================  ==========================================================
``number``           the id: ``gh-12`` (``gh-org/repo#12`` for another
                     repository than the first issue's)
``title``            ``title``
``state``,           ``status``: see the table in ``docs/trackers.md``; open is
``stateReason``,     not started, or partial with an in-progress label; closed as
``labels``           completed is done; as not planned, won't fix (duplicate, not
                     applicable by a ``duplicate`` or ``invalid`` label); as
                     duplicate, duplicate; closed with no reason, unknown
``closedAt``         ``closure.decided_on`` of a closure without a fix
``assignees``        ``owner``: the logins, comma-separated
``labels``           kept in ``extra["tracker"]["labels"]``
``milestone``        ``due``: its ``dueOn``; its title in ``extra["tracker"]``
``url``              ``links`` (an issue link: evidence of the status)
``blockedBy``,       dependencies: see :mod:`remediation.io.trackers`
``blocking``
``parent``           kept in ``extra["tracker"]["parent"]`` (not a dependency)
``body``             with ``body_dependencies=True`` only: "blocked by #N" and
                     "depends on #N" as dependencies, a heuristic
==================  ==========================================================
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from remediation.io.trackers import Problems, TrackerIssue, TrackerRef, assemble, parse_json
from remediation.model.closure import Closure
from remediation.model.records import Assessment, WorkItem
from remediation.model.status import Progress, Status

__all__ = ["IN_PROGRESS_LABELS", "from_github_issues"]

IN_PROGRESS_LABELS = frozenset(
    {"in progress", "wip", "work in progress", "doing", "started", "in review"}
)
"""Labels (lower case, ``-`` and ``_`` read as spaces, a ``status:`` prefix dropped) that make
an open issue partial rather than not started."""

_CLOSED_BY_LABEL = {
    "duplicate": Progress.DUPLICATE,
    "invalid": Progress.NOT_APPLICABLE,
    "wontfix": Progress.WONT_FIX,
    "won't fix": Progress.WONT_FIX,
    "wont fix": Progress.WONT_FIX,
}
_URL = re.compile(r"^https?://[^/]+/([^/]+/[^/]+)/(?:issues|pull)/(\d+)(?:[/?#]|$)")
_BODY_LINK = re.compile(
    r"\b(?:blocked\s+by|depends\s+on)\s*:?\s*"
    r"((?:(?:[\w.-]+/[\w.-]+)?#\d+)(?:\s*(?:,|and|&)\s*(?:(?:[\w.-]+/[\w.-]+)?#\d+))*)",
    re.IGNORECASE,
)
_BODY_REF = re.compile(r"(?:([\w.-]+/[\w.-]+))?#(\d+)")


def _label_key(name: str) -> str:
    text = " ".join(name.lower().replace("-", " ").replace("_", " ").split())
    for prefix in ("status:", "status "):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    return text


class _Keys:
    """Keys (``#12`` in the home repository, ``org/repo#12`` elsewhere) and their ids."""

    def __init__(self, home: str | None, prefix: str) -> None:
        self.home = home
        self.prefix = prefix

    def key(self, number: int, repo: str | None) -> str:
        return f"#{number}" if repo is None or repo == self.home else f"{repo}#{number}"

    def id(self, key: str) -> str:
        return self.prefix + key.removeprefix("#")


def _repo_of(url: object) -> str | None:
    match = _URL.match(url) if isinstance(url, str) else None
    return match.group(1) if match else None


def _status(
    state: str, reason: str | None, labels: Iterable[str], in_progress: frozenset[str]
) -> Status:
    if state == "OPEN":
        marked = [name for name in labels if _label_key(name) in in_progress]
        if marked:
            return Status(Progress.PARTIAL, label=f"open, labelled {marked[0]!r}")
        return Status(Progress.NOT_STARTED, label="open")
    if reason == "COMPLETED":
        return Status(Progress.DONE, label="closed as completed")
    if reason == "DUPLICATE":
        return Status(Progress.DUPLICATE, label="closed as duplicate")
    if reason == "NOT_PLANNED":
        by_label = [name for name in labels if _label_key(name) in _CLOSED_BY_LABEL]
        if by_label:
            progress = _CLOSED_BY_LABEL[_label_key(by_label[0])]
            return Status(progress, label=f"closed as not planned, labelled {by_label[0]!r}")
        return Status(Progress.WONT_FIX, label="closed as not planned")
    said = f"closed as {reason.lower().replace('_', ' ')}" if reason else "closed, no reason given"
    return Status(Progress.UNKNOWN, label=said)


def _nodes(value: object, path: str, problems: Problems) -> tuple[list[Any], str, int | None]:
    """The issues of a relationship field: ``{nodes, totalCount}`` or a plain list."""
    if isinstance(value, Mapping):
        nodes = problems.listing(value.get("nodes"), f"{path}.nodes", "a list of issues")
        total = value.get("totalCount")
        return nodes, f"{path}.nodes", total if isinstance(total, int) else None
    return problems.listing(value, path, "a list of issues or {nodes, totalCount}"), path, None


def _refs(
    value: object, path: str, keys: _Keys, problems: Problems, *, extra: dict[str, Any], name: str
) -> list[TrackerRef]:
    nodes, where, total = _nodes(value, path, problems)
    refs = []
    for index, node in enumerate(nodes):
        at = f"{where}[{index}]"
        found = problems.mapping(node, at, "an issue {number, url, title, state}")
        if found is None:
            continue
        number = found.get("number")
        if isinstance(number, bool) or not isinstance(number, int):
            problems.wrong(f"{at}.number", "the issue's number", number)
            continue
        url = problems.text(found, "url", at, required=False)
        key = keys.key(number, _repo_of(url))
        state, reason = found.get("state"), found.get("stateReason")
        status = (
            _status(state, reason if isinstance(reason, str) else None, (), frozenset())
            if state in ("OPEN", "CLOSED")
            else Status(Progress.UNKNOWN)
        )
        title = problems.text(found, "title", at, required=False)
        refs.append(TrackerRef(key, keys.id(key), url=url, title=title, status=status))
    if total is not None and total > len(nodes):
        extra[f"{name}_unlisted"] = total - len(nodes)
    return refs


def _body_refs(body: str, keys: _Keys) -> list[TrackerRef]:
    refs = []
    for match in _BODY_LINK.finditer(body):
        for repo, number in _BODY_REF.findall(match.group(1)):
            key = keys.key(int(number), repo or None)
            refs.append(TrackerRef(key, keys.id(key)))
    return refs


def _names(value: object, path: str, key: str, expected: str, problems: Problems) -> list[str]:
    """The *key* of each object of a list (``labels``' names, ``assignees``' logins)."""
    names = []
    for index, entry in enumerate(problems.listing(value, path, "a list")):
        name = entry.get(key) if isinstance(entry, Mapping) else None
        if isinstance(name, str):
            checked = problems.checked(name, f"{path}[{index}].{key}")
            if checked is not None:
                names.append(checked)
        else:
            problems.wrong(f"{path}[{index}]", expected, entry)
    return names


def _issue(
    data: Mapping[str, Any],
    path: str,
    keys: _Keys,
    problems: Problems,
    *,
    in_progress: frozenset[str],
    body_dependencies: bool,
) -> TrackerIssue | None:
    number = data.get("number")
    if number is None:
        problems.missing(f"{path}.number", "the issue's number")
    elif isinstance(number, bool) or not isinstance(number, int):
        problems.wrong(f"{path}.number", "the issue's number", number)
    title = problems.text(data, "title", path)
    state = problems.text(data, "state", path)
    if state is not None and state.upper() not in ("OPEN", "CLOSED"):
        problems.wrong(f"{path}.state", "OPEN or CLOSED", state)
        state = None
    reason = problems.text(data, "stateReason", path, required=False)
    url = problems.text(data, "url", path, required=False)
    labels = _names(data.get("labels"), f"{path}.labels", "name", "a label {name}", problems)
    logins = _names(
        data.get("assignees"), f"{path}.assignees", "login", "an assignee {login}", problems
    )
    milestone = problems.mapping(data.get("milestone"), f"{path}.milestone", "a milestone")
    due = None
    tracker: dict[str, Any] = {"system": "github", "number": number, "labels": labels}
    if milestone is not None:
        due = problems.date(milestone.get("dueOn"), f"{path}.milestone.dueOn")
        milestone_title = problems.text(milestone, "title", f"{path}.milestone", required=False)
        if milestone_title is not None:
            tracker["milestone"] = milestone_title
    closed_on = problems.date(data.get("closedAt"), f"{path}.closedAt")
    parent = problems.mapping(data.get("parent"), f"{path}.parent", "an issue")
    if parent is not None and type(parent.get("number")) is int:
        kept: dict[str, Any] = {"number": parent["number"]}
        for name in ("url", "title"):
            text = problems.text(parent, name, f"{path}.parent", required=False)
            if text is not None:
                kept[name] = text
        tracker["parent"] = kept
    blocked_by = _refs(
        data.get("blockedBy"), f"{path}.blockedBy", keys, problems, extra=tracker, name="blocked_by"
    )
    blocks = _refs(
        data.get("blocking"), f"{path}.blocking", keys, problems, extra=tracker, name="blocking"
    )
    body = problems.text(data, "body", path, required=False) if body_dependencies else None
    if body:
        blocked_by += _body_refs(body, keys)
    if number is None or not isinstance(number, int) or title is None or state is None:
        return None
    status = _status(state.upper(), reason.upper() if reason else None, labels, in_progress)
    tracker["state"] = state.upper()
    if closed_on is not None:
        tracker["closed_on"] = closed_on.isoformat()
    if reason:
        tracker["state_reason"] = reason.upper()
    key = keys.key(number, _repo_of(url))
    closure = (
        Closure(decided_on=closed_on)
        if status.progress.is_closed_without_fix and closed_on is not None
        else None
    )
    item = WorkItem(
        id=keys.id(key),
        title=title,
        status=status,
        owner=", ".join(logins) or None,
        due=due,
        links=(url,) if url else (),
        closure=closure,
        extra={"tracker": tracker},
    )
    return TrackerIssue(key, item, blocked_by=tuple(blocked_by), blocks=tuple(blocks))


def from_github_issues(
    data: object,
    *,
    phase: str = "issues",
    title: str = "GitHub issues",
    into: Assessment | None = None,
    date: dt.date | None = None,
    prefix: str = "gh-",
    in_progress_labels: Iterable[str] = IN_PROGRESS_LABELS,
    body_dependencies: bool = False,
    file: str | None = None,
) -> Assessment:
    """The issues ``gh issue list --json ...`` printed, as the items of a phase.

    Args:
        data: The JSON: its text, or the parsed list (one issue object, as
            ``gh issue view --json`` prints it, is read as a list of one).
        phase: The id of the phase; a new assessment is ``<phase>-assessment``.
        title: The title of the phase (and of a new assessment).
        into: An assessment to put the phase in, replacing a phase of the
            same id; without it, a new assessment holds it.
        date: The date of a new assessment (its default evaluation date).
        prefix: What an item's id starts with (``gh-12``).
        in_progress_labels: Labels that make an open issue partial.
        body_dependencies: Also read "blocked by #N" and "depends on #N" in
            the body as dependencies (a heuristic: the words may say
            something else).
        file: The file the text was read from, for the positions of errors.

    Raises:
        PlanValidationError: Every problem of the input, each with its JSON
            path (``$[3].state``) and what was expected; or the links make a
            dependency cycle.

    Examples:
        >>> plan = from_github_issues('''[
        ...   {"number": 7, "title": "Rotate the key", "state": "CLOSED",
        ...    "stateReason": "COMPLETED", "url": "https://github.com/o/r/issues/7"},
        ...   {"number": 8, "title": "Audit access", "state": "OPEN",
        ...    "blockedBy": {"nodes": [{"number": 7, "state": "CLOSED"}], "totalCount": 1}}
        ... ]''')
        >>> [(i.id, i.status.progress.value, i.depends_on) for i in plan.phases[0].items]
        [('gh-7', 'done', ()), ('gh-8', 'not_started', ('gh-7',))]
    """
    parsed, source = parse_json(data, file)
    problems = Problems("GitHub issues")
    if isinstance(parsed, Mapping):
        parsed, wrapped = [parsed], True
    else:
        wrapped = False
    entries = problems.listing(parsed, "$", "a list of issues (gh issue list --json ...)")
    home = next(
        (_repo_of(e.get("url")) for e in entries if isinstance(e, Mapping) and e.get("url")), None
    )
    keys = _Keys(home, prefix)
    wanted = frozenset(_label_key(name) for name in in_progress_labels)
    issues: list[TrackerIssue] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        path = "$" if wrapped else f"$[{index}]"
        found = problems.mapping(entry, path, "an issue object")
        if found is None:
            continue
        issue = _issue(
            found, path, keys, problems, in_progress=wanted, body_dependencies=body_dependencies
        )
        if issue is None:
            continue
        if issue.key in seen:
            problems.wrong(
                f"{path}.number", f"each issue once; $[{seen[issue.key]}] is it too", issue.key
            )
            continue
        seen[issue.key] = index
        issues.append(issue)
    problems.raise_any(source)
    return assemble(issues, system="github", phase=phase, title=title, into=into, date=date)
