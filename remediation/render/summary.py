"""Rendering for people: a plain-text summary of an evaluation."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from remediation.evaluation.results import CriterionState, Evaluation, Finding
from remediation.exceptions import SourcePosition
from remediation.model.records import Assessment, Decision
from remediation.render.formatting import visible

__all__ = ["render_summary"]

_DECISION = {
    Decision.KEEP_OPEN: "KEEP OPEN",
    Decision.CLOSE: "CLOSE",
    Decision.CLOSE_WITH_EXCEPTIONS: "CLOSE WITH EXCEPTIONS",
}
_CHECK = {CriterionState.MET: "[x]", CriterionState.UNMET: "[ ]", CriterionState.UNMEASURED: "[?]"}


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:.4g}"


def _section(title: str, lines: Iterable[str]) -> list[str]:
    body = list(lines)
    return ["", title, *body] if body else []


def render_summary(
    assessment: Assessment,
    evaluation: Evaluation,
    *,
    locate: Callable[[Finding], SourcePosition | None] | None = None,
) -> str:
    """A readable summary of *evaluation* of *assessment*, for a terminal.

    Given *locate* (where a finding's record is written, as
    :func:`~remediation.io.positions.finding_position` tells), a finding it
    places is a line ``file:line:col: code: severity: message``, the form
    editors and CI annotate.

    Examples:
        >>> from remediation import evaluate, examples
        >>> plan = examples.issue_1176()
        >>> print(render_summary(plan, evaluate(plan)).splitlines()[2])
        Recommendation: KEEP OPEN (the document also says keep open)
    """
    titles = {item.id: item.title for item in assessment.items}
    titles.update({p.id: p.title for p in assessment.phases})
    titles.update({s.id: s.title for s in assessment.next_steps})
    titles.update({g.id: g.title for g in assessment.gaps})
    titles.update({c.id: c.title for c in assessment.criteria})
    stated_phase = {p.id: p.stated_status for p in assessment.phases}

    def name(record_id: str) -> str:
        title = titles.get(record_id)
        return f"{title} ({record_id})" if title else record_id

    recommendation = evaluation.recommendation
    stated = ""
    if recommendation.stated is not None:
        verb = "also says" if recommendation.agrees else "says"
        stated = f" (the document {verb} {_DECISION[recommendation.stated].lower()})"
    lines = [
        assessment.title
        if assessment.issue is None
        else f"{assessment.title} [{assessment.issue}]",
        f"As of {evaluation.as_of.date().isoformat()}: overall progress {evaluation.progress:.0%}",
        f"Recommendation: {_DECISION[recommendation.decision]}{stated}",
    ]
    lines.extend(f"  - {reason.message}" for reason in recommendation.reasons)

    def phase_line(phase_id: str) -> str:
        phase = evaluation.phase(phase_id)
        state = "complete" if phase.complete else "not complete"
        claim = stated_phase.get(phase_id)
        said = f"; stated {str(claim)!r}" if claim is not None else ""
        open_part = f"; open: {', '.join(phase.open)}" if phase.open else ""
        return (
            f"  {name(phase_id)}: {phase.progress:.1%}, {phase.done}/{phase.items} done, "
            f"{state}{said}{open_part}"
        )

    lines += _section("Phases", (phase_line(p.id) for p in assessment.phases))
    lines += _section("Next steps", (phase_line(s.id) for s in assessment.next_steps))

    def criterion_line(criterion_id: str) -> str:
        result = evaluation.criterion(criterion_id)
        if result.target is None:
            detail = "condition"
        else:
            baseline = (
                f", baseline {_number(result.baseline)}" if result.baseline is not None else ""
            )
            detail = f"current {_number(result.current)}, target {result.target}{baseline}"
        progress = "" if result.progress is None else f", progress {result.progress:.0%}"
        return (
            f"  {_CHECK[result.state]} {name(criterion_id)}: {result.state.value} "
            f"({detail}{progress})"
        )

    lines += _section("Success criteria", (criterion_line(c.id) for c in assessment.criteria))
    lines += _section(
        "Gaps",
        (
            f"  {name(gap.id)}: {'closed' if gap.closed else 'open'}"
            + (f"; waiting for {', '.join(gap.open_items)}" if gap.open_items else "")
            for gap in evaluation.gaps
        ),
    )
    lines += _section(
        "Root causes",
        (
            f"  {cause.id}: "
            + (
                f"addressed by done work ({', '.join(cause.done_by)})"
                if cause.addressed
                else "not addressed"
                + (f"; work planned: {', '.join(cause.addressed_by)}" if cause.addressed_by else "")
            )
            for cause in evaluation.root_causes
        ),
    )
    lines += _section(
        "Test runs",
        (
            f"  {run.id}: {_number(run.failure_rate)}% failing"
            + (
                f" (stated {_number(run.stated_failure_rate)}%"
                + ("" if run.agrees else ", DISAGREES")
                + ")"
                if run.stated_failure_rate is not None
                else ""
            )
            for run in evaluation.test_runs
        ),
    )
    schedule = evaluation.schedule
    if schedule.finish is not None:
        lines += [
            "",
            f"Schedule: open work projected to finish {schedule.finish.isoformat(sep=' ')}",
            f"  critical path: {' -> '.join(schedule.critical_path)}",
        ]
    elif schedule.unscheduled:
        lines += [
            "",
            (
                f"Schedule: {len(schedule.unscheduled)} of {len(schedule.items)} open items "
                "unscheduled (no estimate); no finish is projected"
            ),
            f"  unscheduled: {', '.join(name(i) for i in schedule.unscheduled)}",
        ]
    lines += _section("Actionable now", (f"  {name(i)}" for i in evaluation.actionable))
    lines += _section(
        "Blocked",
        (
            f"  {name(item.id)}: waits for {', '.join(item.blocked_by)}"
            for item in evaluation.items
            if item.blocked
        ),
    )
    lines += _section("Overdue", (f"  {name(i)}" for i in evaluation.overdue))
    lines += _section(
        "Findings",
        (_finding_line(f, locate(f) if locate is not None else None) for f in evaluation.findings),
    )
    return visible("\n".join(lines) + "\n")


def _finding_line(finding: Finding, where: SourcePosition | None) -> str:
    """A finding in one line: at its position when known (unindented, for editors)."""
    suppressed = finding.suppressed_by
    tail = f" (suppressed: {suppressed.justification})" if suppressed is not None else ""
    if where is None:
        return f"  {finding.severity.value}: {finding.code}: {finding.message}{tail}"
    return f"{where}: {finding.code}: {finding.severity.value}: {finding.message}{tail}"
