"""The sections of a report about time: the timeline (events, measures, windows) and the
milestones and work items (plans, re-plans, slips)."""

from __future__ import annotations

from remediation.evaluation.milestones import MilestoneEvaluation
from remediation.evaluation.results import Evaluation
from remediation.model.records import Assessment
from remediation.render.blocks import Block, Heading, ListBlock, ListItem, Table, line, strong

__all__ = ["milestones_section", "slips_section", "timeline_section"]


def timeline_section(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    """Events, derived measures and stated windows; nothing when the document has none."""
    if not assessment.timeline and not assessment.windows:
        return ()
    blocks: list[Block] = [Heading(2, line("Timeline"))]
    measures = evaluation.timeline
    shown = [
        (label, span)
        for label, span in (
            ("Time to detect", measures.time_to_detect),
            ("Time to mitigate", measures.time_to_mitigate),
            ("Time to resolve", measures.time_to_resolve),
            ("Impact", measures.impact),
        )
        if span is not None
    ]
    if shown:
        blocks.append(
            ListBlock(
                tuple(ListItem(line(strong(f"{label}:"), f" {span}")) for label, span in shown)
            )
        )
    if assessment.timeline:
        header = tuple(line(h) for h in ("When", "Kind", "What", "Who"))
        rows = tuple(
            (
                line(str(event.at)),
                line(event.kind.value if event.kind is not None else None),
                line(event.what),
                line(event.who),
            )
            for event in assessment.timeline
        )
        blocks.append(Table(header, rows))
    if assessment.windows:
        header = tuple(line(h) for h in ("Window", "Start", "End", "Stated duration"))
        rows = tuple(
            (
                line(window.name),
                line(str(window.start) if window.start is not None else None),
                line(str(window.end) if window.end is not None else None),
                line(str(window.duration) if window.duration is not None else None),
            )
            for window in assessment.windows
        )
        blocks.append(Table(header, rows))
    return tuple(blocks)


def milestones_section(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    """Each milestone: version and stage, first plan, plan now, re-plans, slip, state."""
    if not assessment.milestones:
        return ()
    header = tuple(
        line(h)
        for h in ("Milestone", "Version", "Stage", "First planned", "Planned now", "Re-plans",
                  "Slip", "State")
    )  # fmt: skip
    rows = []
    for milestone, result in zip(assessment.milestones, evaluation.milestones, strict=True):
        state = f"reached {milestone.done}" if result.reached else _pending(result)
        rows.append(
            (
                line(milestone.name),
                line(milestone.version),
                line(milestone.stage),
                line(str(milestone.due) if milestone.due is not None else None),
                line(str(result.planned) if result.planned is not None else None),
                line(str(result.replans)),
                line(str(result.slip) if result.slip is not None else None),
                line(state),
            )
        )
    return (Heading(2, line("Milestones")), Table(header, tuple(rows)))


def _pending(result: MilestoneEvaluation) -> str:
    """The state of a plan not reached: overdue, open, or not known to be either yet."""
    if result.overdue:
        return "overdue"
    if result.overdue is None and result.planned is not None:
        return "due within its planned period"
    return "open"


def slips_section(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    """The slip table of work items: first planned, planned now, re-plans, slip, last reason.

    Only items re-planned or with a stated day of completion are listed; nothing
    when there are none.
    """
    if not evaluation.slips:
        return ()
    items = {item.id: item for _, item in assessment.iter_items()}
    header = tuple(
        line(h)
        for h in ("Work item", "First planned", "Planned now", "Re-plans", "Slip",
                  "Last reason", "State")
    )  # fmt: skip
    rows = []
    for result in evaluation.slips:
        item = items[result.id]
        if item.done_on is not None:
            state = f"done {item.done_on}"
        else:
            state = "closed" if result.reached else _pending(result)
        reason = item.replans[-1].reason if item.replans else None
        rows.append(
            (
                line(item.title),
                line(str(item.due) if item.due is not None else None),
                line(str(result.planned) if result.planned is not None else None),
                line(str(result.replans)),
                line(str(result.slip) if result.slip is not None else None),
                line(reason),
                line(state),
            )
        )
    return (Heading(2, line("Work item slips")), Table(header, tuple(rows)))
