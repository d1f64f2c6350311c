"""An assessment's evaluation as a Markdown comment for an issue or a pull request.

Short on top, everything else folded: a headline (the recommendation, progress,
how many items are open, blocked and overdue, unmet criteria, error and
warning findings), then ``<details>`` sections a reader opens when they want
to: why, phases, open items, blocked, overdue, criteria not met, findings.
A comment on GitHub holds at most :data:`COMMENT_LIMIT` characters: a plan too
large for that is cut, section by section, and each cut section says how many
entries it leaves out and where to see all of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from remediation.evaluation.results import CriterionState, Evaluation, Finding
from remediation.model.policy import FindingSeverity
from remediation.model.records import Assessment, NextStep, Phase, WorkItem
from remediation.render.context import checked_evaluation
from remediation.render.formatting import decision_words, number, percent, visible
from remediation.render.markdown import escape_markdown

__all__ = ["COMMENT_LIMIT", "render_comment"]

COMMENT_LIMIT = 65_536
"""The most characters GitHub takes in the body of an issue or pull-request comment."""

_SEVERITY_ORDER = {FindingSeverity.ERROR: 0, FindingSeverity.WARNING: 1, FindingSeverity.INFO: 2}
_SECTION_ROOM = 200
"""Characters kept for each section still to come (its summary, its note) when cutting."""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _finding(finding: Finding) -> str:
    ids = ", ".join(f"`{escape_markdown(i, line_start=False)}`" for i in finding.ids[:5])
    more = f" (+{len(finding.ids) - 5})" if len(finding.ids) > 5 else ""
    where = f" — {ids}{more}" if ids else ""
    return (
        f"**{finding.severity.value}** `{finding.code}`: "
        f"{escape_markdown(finding.message, line_start=False)}{where}"
    )


def _headline(assessment: Assessment, evaluation: Evaluation) -> list[str]:
    recommendation = evaluation.recommendation
    stated = ""
    if recommendation.stated is not None:
        verb = "agrees" if recommendation.agrees else "says"
        stated = f" (the document {verb}: {decision_words(recommendation.stated).lower()})"
    title = escape_markdown(assessment.title)
    issue = (
        f" ({escape_markdown(assessment.issue, line_start=False)})"
        if assessment.issue and assessment.issue not in assessment.title
        else ""
    )
    items = evaluation.items
    open_items = sum(1 for i in items if not i.closed)
    done = sum(1 for i in items if i.progress.value == "done")
    unmet = sum(1 for c in evaluation.criteria if c.state is CriterionState.UNMET)
    unmeasured = sum(1 for c in evaluation.criteria if c.state is CriterionState.UNMEASURED)
    active = evaluation.active_findings
    errors = sum(1 for f in active if f.severity is FindingSeverity.ERROR)
    warnings = sum(1 for f in active if f.severity is FindingSeverity.WARNING)
    criteria = (
        f"{unmet} of {len(evaluation.criteria)} criteria unmet"
        + (f", {unmeasured} unmeasured" if unmeasured else "")
        if evaluation.criteria
        else "no criteria"
    )
    return [
        f"### {title}{issue}",
        "",
        (
            f"**{decision_words(recommendation.decision)}**{stated} · progress "
            f"**{percent(evaluation.progress)}** · as of {evaluation.as_of.date().isoformat()}"
        ),
        "",
        (
            f"{_plural(len(items), 'item')}: {done} done, {open_items} open, "
            f"{len(evaluation.blocked)} blocked, {len(evaluation.overdue)} overdue · {criteria}"
            f" · findings: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
        ),
    ]


def _sections(
    assessment: Assessment, evaluation: Evaluation
) -> list[tuple[str, list[str], list[str]]]:
    """Each section: its summary, lines before its entries (a table head), its entries."""
    records: dict[str, WorkItem] = {item.id: item for _, item in assessment.iter_items()}
    results = {item.id: item for item in evaluation.items}

    def name(record_id: str) -> str:
        item = records.get(record_id)
        title = f" {escape_markdown(item.title, line_start=False)}" if item else ""
        return f"`{escape_markdown(record_id, line_start=False)}`{title}"

    def cell(text: str | None) -> str:
        return escape_markdown(text, line_start=False) if text else ""

    def item_row(item_id: str) -> str:
        item, result = records.get(item_id), results[item_id]
        status = cell(str(item.status)) if item is not None else result.progress.value
        owner = cell(item.owner) if item is not None else ""
        due = cell(str(item.due)) if item is not None and item.due else ""
        waits = ", ".join(f"`{cell(i)}`" for i in result.blocked_by)
        return f"| {name(item_id)} | {status} | {owner} | {due} | {waits} |"

    reasons = [
        f"- {escape_markdown(r.message, line_start=False)}"
        for r in evaluation.recommendation.reasons
    ]
    groups: list[Phase | NextStep] = [*assessment.phases, *assessment.next_steps]
    phases = [
        f"| `{cell(g.id)}` {cell(g.title)} | "
        f"{percent(evaluation.phase(g.id).progress)} | "
        f"{evaluation.phase(g.id).done}/{evaluation.phase(g.id).items} | "
        f"{'yes' if evaluation.phase(g.id).complete else 'no'} |"
        for g in groups
    ]
    open_items = [item_row(i.id) for i in evaluation.items if not i.closed]
    blocked = [
        f"- {name(i)}: waits for {', '.join(f'`{cell(n)}`' for n in results[i].blocked_by)}"
        for i in evaluation.blocked
    ]
    overdue = [
        f"- {name(i)}: due {records[i].due}" if i in records and records[i].due else f"- {name(i)}"
        for i in evaluation.overdue
    ]
    titles = {c.id: c.title for c in assessment.criteria}
    unmet = [
        f"- `{cell(c.id)}` {cell(titles.get(c.id))}: {c.state.value}"
        + (f", target {cell(str(c.target))}" if c.target is not None else "")
        + (f", current {number(c.current)}" if c.current is not None else "")
        for c in evaluation.criteria
        if c.state is not CriterionState.MET
    ]
    findings = sorted(evaluation.active_findings, key=lambda f: _SEVERITY_ORDER[f.severity])
    table = "| item | status | owner | due | waits for |\n|---|---|---|---|---|"
    return [
        (f"Why: {_plural(len(reasons), 'reason')}", [], reasons),
        (
            f"Phases ({len(phases)})",
            ["| phase | progress | done | complete |", "|---|---|---|---|"],
            phases,
        ),
        (f"Open items ({len(open_items)})", table.split("\n"), open_items),
        (f"Blocked ({len(blocked)})", [], blocked),
        (f"Overdue ({len(overdue)})", [], overdue),
        (f"Criteria not met ({len(unmet)})", [], unmet),
        (f"Findings ({len(findings)})", [], [f"- {_finding(f)}" for f in findings]),
    ]


def _details(summary: str, head: Sequence[str], entries: Sequence[str], note: str) -> str:
    lines = ["<details>", f"<summary>{summary}</summary>", "", *head, *entries]
    if note:
        lines += ["", note]
    return "\n".join([*lines, "", "</details>"])


def render_comment(
    assessment: Assessment, evaluation: Evaluation | None = None, *, limit: int = COMMENT_LIMIT
) -> str:
    """A Markdown comment of *evaluation* of *assessment*: a headline, the rest folded.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its date.
        limit: The most characters the comment may have (GitHub's limit by
            default); sections are cut to fit, each saying how much it leaves out.

    Raises:
        ValueError: *limit* is too small to hold even the headline.

    Examples:
        >>> from remediation import examples
        >>> text = render_comment(examples.issue_1176())
        >>> print(text.splitlines()[2])
        **KEEP OPEN** (the document agrees: keep open) · progress **31.82%** · as of 2025-09-15
        >>> text.count("<details>")  # nothing is blocked or overdue: no such section
        5
    """
    result = checked_evaluation(assessment, evaluation)
    head = "\n".join(_headline(assessment, result))
    sections = [s for s in _sections(assessment, result) if s[2]]
    footer = "\n\n<sub>remediation · `remediation evaluate --format comment`</sub>\n"
    frame = (
        len(head)
        + len(footer)
        + sum(
            _SECTION_ROOM + len(summary) + sum(len(line) + 1 for line in lines)
            for summary, lines, _ in sections
        )
    )
    if frame > limit:
        msg = f"a comment needs at least {frame} characters here; the limit is {limit}"
        raise ValueError(msg)
    rooms = _shares(limit - frame, [sum(len(e) + 1 for e in s[2]) for s in sections])
    parts = [head]
    for (summary, lines, entries), share in zip(sections, rooms, strict=True):
        room = share
        shown: list[str] = []
        for entry in entries:
            if room < len(entry) + 1:
                break
            shown.append(entry)
            room -= len(entry) + 1
        left = len(entries) - len(shown)
        note = (
            f"_{left} more not shown: a comment holds at most {limit} characters; "
            "`remediation render` writes the full report._"
            if left
            else ""
        )
        parts.append(_details(summary, lines, shown, note))
    return visible("\n\n".join(parts) + footer)


def _shares(room: int, sizes: Sequence[int]) -> list[int]:
    """*room* shared among sections of *sizes*: each its size, or an equal share of what is left.

    The smallest sections are served first, so that one long list (a plan's
    open items) cannot crowd out the short ones after it (what is blocked).
    """
    shares = [0] * len(sizes)
    order = sorted(range(len(sizes)), key=lambda index: sizes[index])
    for served, index in enumerate(order):
        shares[index] = min(sizes[index], room // (len(order) - served))
        room -= shares[index]
    return shares
