"""The changes between two versions of an assessment, as text, Markdown and JSON-ready data.

The Markdown is meant for a pull-request comment: a one-line summary, a
section a kind of change, and the findings that did not change folded away.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from remediation.evaluation.diff import (
    AssessmentDiff,
    CriterionChange,
    DateChange,
    ItemChange,
    PhaseChange,
)
from remediation.evaluation.results import Finding, Reason
from remediation.model.moment import Moment
from remediation.render.formatting import decision_words, number, percent

__all__ = ["diff_data", "diff_markdown", "diff_text"]


def _iso(day: dt.date | Moment | None) -> str | None:
    return None if day is None else str(day)


def _day(day: dt.date | Moment | None) -> str:
    return "undated" if day is None else str(day)


def _progress(value: float | None) -> str:
    return "none" if value is None else percent(value)


def _item(change: ItemChange) -> list[str]:
    lines = []
    if change.renamed:
        lines.append(f"`{change.id}` renamed: {change.old_title!r} → {change.title!r}")
    if change.moved:
        lines.append(f"`{change.id}` moved: {change.old_group} → {change.group}")
    if change.status_changed:
        lines.append(
            f"`{change.id}` ({change.title}): {change.old_progress.value} → "
            f"{change.progress.value} (status {change.old_status!r} → {change.status!r}, "
            f"credit {number(change.old_credit)} → {number(change.credit)})"
        )
    return lines


def _phase(change: PhaseChange) -> str:
    if change.old_progress is None:
        return f"`{change.id}` ({change.title}) added: {_progress(change.progress)}"
    if change.progress is None:
        return f"`{change.id}` ({change.title}) removed (was {_progress(change.old_progress)})"
    complete = ""
    if change.old_complete != change.complete:
        complete = ", now complete" if change.complete else ", no longer complete"
    return (
        f"`{change.id}` ({change.title}): {_progress(change.old_progress)} → "
        f"{_progress(change.progress)}, {change.old_done} → {change.done} done{complete}"
    )


def _value(value: float | None) -> str:
    return "unmeasured" if value is None else number(value)


def _criterion(change: CriterionChange) -> str:
    old = change.old_state.value if change.old_state else "absent"
    new = change.state.value if change.state else "removed"
    target = f", target {change.target}" if change.target else ""
    return (
        f"`{change.id}` ({change.title}): {old} → {new}, value {_value(change.old_current)} → "
        f"{_value(change.current)}{target}, progress {_progress(change.old_progress)} → "
        f"{_progress(change.progress)}"
    )


def _date(change: DateChange) -> str:
    def day(value: dt.date | Moment | None) -> str:
        return "none" if value is None else str(value)

    days = change.days
    moved = ""
    if days:
        moved = f" (slipped {days} days)" if days > 0 else f" ({-days} days earlier)"
    return f"`{change.id}` {change.field}: {day(change.old)} → {day(change.new)}{moved}"


def _finding(finding: Finding) -> str:
    return f"{finding.code} ({finding.severity.value}): {finding.message}"


def _reason(reason: Reason) -> str:
    return f"{reason.code.value}: {reason.message}"


def _sections(changes: AssessmentDiff) -> list[tuple[str, list[str]]]:
    rec = changes.recommendation
    decision = (
        f"{decision_words(rec.old)} → {decision_words(rec.new)}"
        if rec.decision_changed
        else f"{decision_words(rec.new)} (unchanged)"
    )
    why = [
        *(f"new reason: {_reason(r)}" for r in rec.added),
        *(f"reason gone: {_reason(r)}" for r in rec.removed),
        *(f"reason changed: {_reason(old)} → {new.message}" for old, new in rec.changed),
    ]
    return [
        ("Recommendation", [decision, *why]),
        (
            "Items added",
            [f"`{i.id}` ({i.title}) in {i.group}: {i.progress.value}" for i in changes.added],
        ),
        ("Items removed", [f"`{i.id}` ({i.title}) from {i.group}" for i in changes.removed]),
        ("Items changed", [line for change in changes.items for line in _item(change)]),
        ("Phases", [_phase(change) for change in changes.phases]),
        ("Criteria", [_criterion(change) for change in changes.criteria]),
        ("Dates", [_date(change) for change in changes.dates]),
        ("New findings", [_finding(f) for f in changes.new_findings]),
        ("Fixed findings", [_finding(f) for f in changes.fixed_findings]),
    ]


def _headline(changes: AssessmentDiff) -> str:
    return (
        f"{changes.old_id} ({_day(changes.old_date)}) → {changes.new_id} "
        f"({_day(changes.new_date)}): progress {percent(changes.old_progress)} → "
        f"{percent(changes.progress)}; items: {len(changes.status_changes)} changed status, "
        f"{len(changes.added)} added, {len(changes.removed)} removed; findings: "
        f"{len(changes.new_findings)} new, {len(changes.fixed_findings)} fixed, "
        f"{len(changes.unchanged_findings)} unchanged"
    )


def diff_text(changes: AssessmentDiff) -> str:
    """The changes for a terminal: a headline, then each kind of change that happened."""
    lines = [_headline(changes)]
    if changes.empty:
        lines.append("no changes")
    for heading, entries in _sections(changes):
        if entries:
            lines += ["", f"{heading}:", *(f"  {entry.replace('`', '')}" for entry in entries)]
    return "\n".join(lines) + "\n"


def diff_markdown(changes: AssessmentDiff) -> str:
    """The changes as Markdown for a pull-request comment; unchanged findings folded away."""
    lines = [f"**{_headline(changes)}**"]
    if changes.empty:
        lines += ["", "No changes."]
    for heading, entries in _sections(changes):
        if entries:
            lines += ["", f"#### {heading}", "", *(f"- {entry}" for entry in entries)]
    if changes.unchanged_findings:
        lines += [
            "",
            "<details>",
            f"<summary>{len(changes.unchanged_findings)} unchanged findings</summary>",
            "",
            *(f"- {_finding(f)}" for f in changes.unchanged_findings),
            "",
            "</details>",
        ]
    return "\n".join(lines) + "\n"


def _finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "code": str(finding.code),
        "severity": finding.severity.value,
        "message": finding.message,
        "ids": list(finding.ids),
    }


def _reason_data(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code.value, "message": reason.message, "ids": list(reason.ids)}


def _date_text(value: dt.date | Moment | None) -> str | None:
    return None if value is None else str(value)


def diff_data(changes: AssessmentDiff) -> dict[str, Any]:
    """The changes as JSON-ready data (``json.dumps`` it): one key a kind of change."""
    rec = changes.recommendation
    return {
        "old": {
            "id": changes.old_id,
            "date": _iso(changes.old_date),
            "progress": changes.old_progress,
        },
        "new": {
            "id": changes.new_id,
            "date": _iso(changes.new_date),
            "progress": changes.progress,
        },
        "items": {
            "added": [
                {"id": i.id, "title": i.title, "group": i.group, "progress": i.progress.value}
                for i in changes.added
            ],
            "removed": [
                {"id": i.id, "title": i.title, "group": i.group, "progress": i.progress.value}
                for i in changes.removed
            ],
            "renamed": [{"id": c.id, "old": c.old_title, "new": c.title} for c in changes.renamed],
            "moved": [{"id": c.id, "old": c.old_group, "new": c.group} for c in changes.moved],
            "status": [
                {
                    "id": c.id,
                    "old": {
                        "progress": c.old_progress.value,
                        "status": c.old_status,
                        "credit": c.old_credit,
                    },
                    "new": {"progress": c.progress.value, "status": c.status, "credit": c.credit},
                }
                for c in changes.status_changes
            ],
        },
        "phases": [
            {
                "id": c.id,
                "old": {"progress": c.old_progress, "complete": c.old_complete, "done": c.old_done},
                "new": {"progress": c.progress, "complete": c.complete, "done": c.done},
            }
            for c in changes.phases
        ],
        "criteria": [
            {
                "id": c.id,
                "target": c.target,
                "old": {
                    "state": c.old_state.value if c.old_state else None,
                    "current": c.old_current,
                    "progress": c.old_progress,
                },
                "new": {
                    "state": c.state.value if c.state else None,
                    "current": c.current,
                    "progress": c.progress,
                },
            }
            for c in changes.criteria
        ],
        "dates": [
            {
                "id": c.id,
                "field": c.field,
                "old": _date_text(c.old),
                "new": _date_text(c.new),
                "days": c.days,
                "slip": c.slip,
            }
            for c in changes.dates
        ],
        "findings": {
            "new": [_finding_data(f) for f in changes.new_findings],
            "fixed": [_finding_data(f) for f in changes.fixed_findings],
            "unchanged": [_finding_data(f) for f in changes.unchanged_findings],
        },
        "recommendation": {
            "old": rec.old.value,
            "new": rec.new.value,
            "changed": rec.decision_changed,
            "reasons_added": [_reason_data(r) for r in rec.added],
            "reasons_removed": [_reason_data(r) for r in rec.removed],
            "reasons_changed": [
                {"old": _reason_data(old), "new": _reason_data(new)} for old, new in rec.changed
            ],
        },
    }
