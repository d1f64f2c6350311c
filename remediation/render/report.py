"""The content of reports, apart from their format.

A report is a short tree of blocks (headings, paragraphs, lists, tables) whose
text is made of inlines (plain text, strong, emphasis, code, status marks).
The builders here decide *what* a report says, from the data alone;
``remediation.render.markdown`` and ``remediation.render.html`` decide how it is written,
and each escapes every piece of text on the way out. Text in this tree is
never pre-escaped: it is exactly what the user wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from remediation.evaluation.results import (
    CriterionEvaluation,
    CriterionState,
    Evaluation,
    FindingSeverity,
    PhaseEvaluation,
    RootCauseCoverage,
)
from remediation.exceptions import InvalidValueError
from remediation.model.duration import Duration
from remediation.model.records import (
    Assessment,
    CommitEvidence,
    Criterion,
    CriterionCategory,
    Decision,
    DocumentEvidence,
    Evidence,
    MeasurementEvidence,
    NextStep,
    NoteEvidence,
    Phase,
    TestRunEvidence,
    TestRunQuantity,
    WorkItem,
)
from remediation.model.status import Progress, Severity, Status, _repair

__all__ = [
    "Block",
    "Code",
    "Emphasis",
    "Heading",
    "Inline",
    "ListBlock",
    "ListItem",
    "Mark",
    "Paragraph",
    "Strong",
    "Table",
    "Text",
    "assessment_report",
    "checked_evaluation",
    "criterion_evaluation_report",
    "criterion_report",
    "evaluation_report",
    "phase_evaluation_report",
    "phase_report",
    "report_of",
]

# --------------------------------------------------------------------------- the tree


@attrs.frozen
class Text:
    """Plain text, exactly as written."""

    text: str


@attrs.frozen
class Strong:
    """Strongly emphasized inlines."""

    parts: tuple[Inline, ...]


@attrs.frozen
class Emphasis:
    """Emphasized inlines."""

    parts: tuple[Inline, ...]


@attrs.frozen
class Code:
    """Literal text: ids, hashes, paths, labels."""

    text: str


@attrs.frozen
class Mark:
    """A status mark (an emoji) and the state it stands for.

    Attributes:
        text: The mark as shown (``"✅"``).
        state: One of ``done``, ``partial``, ``open``, ``critical``, ``closed``,
            ``unknown``, ``info``: how a format may color it.
    """

    text: str
    state: str


Inline: TypeAlias = Text | Strong | Emphasis | Code | Mark
Line: TypeAlias = tuple[Inline, ...]


@attrs.frozen
class Heading:
    """A heading; level 1 is the title."""

    level: int
    parts: Line


@attrs.frozen
class Paragraph:
    """A paragraph."""

    parts: Line


@attrs.frozen
class ListItem:
    """One entry of a list.

    Attributes:
        parts: Its text.
        children: Blocks nested under it.
        checked: For a checklist, whether it is ticked; ``None`` for a plain list.
    """

    parts: Line
    children: tuple[Block, ...] = ()
    checked: bool | None = None


@attrs.frozen
class ListBlock:
    """A bulleted, numbered or check list."""

    items: tuple[ListItem, ...]
    ordered: bool = False


@attrs.frozen
class Table:
    """A table with a header row; each cell is a line of inlines."""

    header: tuple[Line, ...]
    rows: tuple[tuple[Line, ...], ...]


Block: TypeAlias = Heading | Paragraph | ListBlock | Table

Part: TypeAlias = "str | Inline"


def line(*parts: Part | None) -> Line:
    """Inlines from strings (plain text) and inlines; ``None`` and ``""`` are dropped."""
    return tuple(Text(p) if isinstance(p, str) else p for p in parts if p is not None and p != "")


def strong(*parts: Part | None) -> Strong:
    """Strong text."""
    return Strong(line(*parts))


def joined(lines: Iterable[Line], separator: str = ", ") -> Line:
    """Lines joined into one with *separator* between them."""
    result: list[Inline] = []
    for index, each in enumerate(lines):
        if index:
            result.append(Text(separator))
        result.extend(each)
    return tuple(result)


def _list(items: Iterable[ListItem], *, ordered: bool = False) -> tuple[Block, ...]:
    entries = tuple(items)
    return (ListBlock(entries, ordered=ordered),) if entries else ()


def _paragraphs(text: str) -> tuple[Block, ...]:
    """Text with blank lines between paragraphs, as paragraphs."""
    return tuple(
        Paragraph(line(chunk.strip())) for chunk in re.split(r"\n\s*\n", text) if chunk.strip()
    )


# --------------------------------------------------------------------------- values


def number(value: float) -> str:
    """A number with at most two decimals, trailing zeros dropped: 54.05, 13, 0.5."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(value: float, unit: str) -> str:
    """A number and its unit: ``54.05%``, ``13 failures``."""
    if unit in ("", "%"):
        return f"{number(value)}{unit}"
    return f"{number(value)} {unit}"


def percent(fraction: float) -> str:
    """A fraction in [0, 1] as a percentage: ``87.5%``."""
    return f"{number(100 * fraction)}%"


def moment(value: dt.datetime) -> str:
    """A date-time as ``2025-09-15``, or ``2025-09-15 04:00`` when the time matters."""
    if value.time() == dt.time():
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M")


_DURATION_PARTS = ("years", "months", "weeks", "days", "hours", "minutes")


def duration_words(duration: Duration) -> str:
    """A duration in words: ``4 hours``, ``1 week 2 days``."""
    words = []
    for name in _DURATION_PARTS:
        count: int = getattr(duration, name)
        if count:
            words.append(f"{count} {name[:-1] if count == 1 else name}")
    return " ".join(words) or "no time"


_DECISIONS = {
    Decision.KEEP_OPEN: "KEEP OPEN",
    Decision.CLOSE: "CLOSE",
    Decision.CLOSE_WITH_EXCEPTIONS: "CLOSE WITH EXCEPTIONS",
}

_PROGRESS_MARKS = {
    Progress.DONE: Mark("✅", "done"),
    Progress.PARTIAL: Mark("⚠️", "partial"),
    Progress.NOT_STARTED: Mark("❌", "open"),
    Progress.ACCEPTED: Mark("☑️", "closed"),
    Progress.DEFERRED: Mark("⏸️", "closed"),
    Progress.NOT_APPLICABLE: Mark("➖", "closed"),
    Progress.WONT_FIX: Mark("🚫", "closed"),
}
_STATE_MARKS = {
    CriterionState.MET: Mark("✅", "done"),
    CriterionState.UNMET: Mark("❌", "open"),
    CriterionState.UNMEASURED: Mark("❔", "unknown"),
}
_SEVERITY_MARKS = {
    FindingSeverity.ERROR: Mark("🛑", "critical"),
    FindingSeverity.WARNING: Mark("⚠️", "partial"),
    FindingSeverity.INFO: Mark("ℹ️", "info"),
}
_DONE, _OPEN = Mark("✅", "done"), Mark("❌", "open")


def _state(progress: Progress, severity: Severity | None) -> str:
    mark = _PROGRESS_MARKS[progress]
    if mark.state == "open" and severity is Severity.CRITICAL:
        return "critical"
    return mark.state


def progress_mark(progress: Progress, severity: Severity | None = None) -> Mark:
    """The mark of a progress state."""
    mark = _PROGRESS_MARKS[progress]
    return Mark(mark.text, _state(progress, severity))


def phase_mark(result: PhaseEvaluation) -> Mark:
    """✅ for a complete phase, ⚠️ for one under way, ❌ for one not started."""
    if result.complete:
        return _PROGRESS_MARKS[Progress.DONE]
    if result.progress > 0:
        return _PROGRESS_MARKS[Progress.PARTIAL]
    return _PROGRESS_MARKS[Progress.NOT_STARTED]


_LEADING_MARK = re.compile(r"^[^\w]*")


def status_parts(status: Status) -> Line:
    """A status as its mark and the author's words: ``✅ **RESOLVED**``.

    The author's label is kept, its mojibake repaired and its Markdown
    emphasis dropped (the words are set in strong type instead); a label
    without a mark of its own gets the mark of its progress.
    """
    state = _state(status.progress, status.severity)
    if status.label is None:
        words = status.progress.value.replace("_", " ")
        if status.severity is not None:
            words += f", {status.severity.value}"
        return (Mark(_PROGRESS_MARKS[status.progress].text, state), Text(" "), strong(words))
    label = " ".join(_repair(status.label).replace("**", "").replace("__", "").split())
    lead = _LEADING_MARK.match(label)
    prefix = lead.group(0) if lead else ""
    words = label[len(prefix) :].strip().strip("*_").strip()
    mark_text = prefix.strip().strip("*_").strip() or _PROGRESS_MARKS[status.progress].text
    mark = Mark(mark_text, state)
    return (mark, Text(" "), strong(words)) if words else (mark,)


# --------------------------------------------------------------------------- context


def checked_evaluation(assessment: Assessment, evaluation: Evaluation | None) -> Evaluation:
    """*evaluation*, or the assessment's evaluation as of its own date; checked to match.

    Raises:
        InvalidValueError: The evaluation is of another assessment.
    """
    if evaluation is None:
        from remediation.evaluator import evaluate  # noqa: PLC0415  (cycle-free at call)

        return evaluate(assessment)
    if evaluation.assessment != assessment.id:
        msg = (
            f"the evaluation is of assessment {evaluation.assessment!r}, "
            f"not of {assessment.id!r}; evaluate this assessment or pass its own evaluation"
        )
        raise InvalidValueError("$.assessment", msg)
    return evaluation


@attrs.frozen
class _Context:
    """What the builders need: the records by id (when known) and the evaluation."""

    evaluation: Evaluation | None
    titles: Mapping[str, str] = attrs.field(factory=dict)
    evidence: Mapping[str, Evidence] = attrs.field(factory=dict)

    @classmethod
    def of(cls, assessment: Assessment | None, evaluation: Evaluation | None) -> _Context:
        if assessment is None:
            return cls(evaluation)
        titles: dict[str, str] = {}
        for index, step in enumerate(assessment.why, start=1):
            titles[step.id] = f"Why {index}"
        for phase in assessment.phases:
            titles[phase.id] = _phase_title(phase)
        for group in assessment.next_steps:
            titles[group.id] = group.title
        for gap in assessment.gaps:
            titles[gap.id] = gap.title
        for criterion in assessment.criteria:
            titles[criterion.id] = criterion.title
        for item in assessment.items:
            titles[item.id] = item.title
        evidence = {e.id: e for e in assessment.evidence}
        return cls(evaluation, titles, evidence)

    def name(self, record_id: str) -> Line:
        """The record's title, or its id when the title is not known."""
        title = self.titles.get(record_id)
        return (Text(title),) if title else (Code(record_id),)

    def names(self, record_ids: Iterable[str]) -> Line:
        return joined(self.name(i) for i in record_ids)

    def evidence_parts(self, evidence_id: str, *, brief: bool = False) -> Line:
        record = self.evidence.get(evidence_id)
        if record is None:
            return (Code(evidence_id),)
        return evidence_parts(record, self.evaluation, brief=brief)


def _phase_title(phase: Phase) -> str:
    return f"Phase {phase.number}: {phase.title}" if phase.number is not None else phase.title


def evidence_parts(
    record: Evidence, evaluation: Evaluation | None = None, *, brief: bool = False
) -> Line:
    """One piece of evidence in words; *brief*: without a commit's summary or a note."""
    match record:
        case CommitEvidence() if brief:
            return line("Commit ", Code(record.sha))
        case CommitEvidence():
            return line(
                "Commit ",
                Code(record.sha),
                ": " if record.summary else None,
                record.summary,
                f" ({record.url})" if record.url else None,
            )
        case TestRunEvidence():
            return _test_run_parts(record, evaluation)
        case DocumentEvidence():
            path = (": ", Code(record.path)) if record.path else ()
            return line(strong(record.title), *path)
        case MeasurementEvidence():
            return line(
                strong(record.metric),
                f": {with_unit(record.value, record.unit)}",
                f" ({record.note})" if record.note and not brief else None,
                f", measured {moment(record.measured_at)}" if record.measured_at else None,
            )
        case NoteEvidence():
            return line(record.text)


def _test_run_parts(run: TestRunEvidence, evaluation: Evaluation | None) -> Line:
    counts = f": {run.failed} failed / {run.passed} passed"
    if run.skipped:
        counts += f" / {run.skipped} skipped"
    rate = run.failure_rate
    derived = "no test ran" if rate is None else f"{number(rate)}% failure rate"
    stated = ""
    if run.stated_failure_rate is not None:
        stated = f"; the document states {number(run.stated_failure_rate)}%"
        if evaluation is not None:
            result = next((t for t in evaluation.test_runs if t.id == run.id), None)
            if result is not None and result.agrees is False:
                stated += ", which disagrees"
    when = f", ran {moment(run.ran_at)}" if run.ran_at else ""
    return line(strong(run.suite), f"{counts} ({derived}{stated}{when})")


def _extra_parts(extra: Mapping[str, Any]) -> Line:
    """Free-form fields as ``key: value; key: value``."""
    return joined(
        (line(f"{key.replace('_', ' ')}: {value}") for key, value in sorted(extra.items())), "; "
    )


def _extra_paragraph(extra: Mapping[str, Any]) -> tuple[Block, ...]:
    parts = _extra_parts(extra)
    return (Paragraph((Emphasis(parts),)),) if parts else ()


# --------------------------------------------------------------------------- sections


def _header(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    fields: list[ListItem] = [ListItem(line(strong("Issue:"), " ", assessment.issue))]
    fields.append(ListItem(line(strong("Date:"), " ", assessment.date.isoformat())))
    fields.append(ListItem(line(strong("Evaluated as of:"), " ", moment(evaluation.as_of))))
    if assessment.session:
        fields.append(ListItem(line(strong("Session:"), " ", Code(assessment.session))))
    if assessment.author:
        fields.append(ListItem(line(strong("Author:"), " ", assessment.author)))
    if assessment.assessment_type:
        fields.append(ListItem(line(strong("Assessment type:"), " ", assessment.assessment_type)))
    if assessment.stated_status is not None:
        fields.append(
            ListItem(line(strong("Stated status:"), " ", *status_parts(assessment.stated_status)))
        )
    fields.append(
        ListItem(
            line(
                strong("Derived progress:"),
                f" {percent(evaluation.progress)} of the planned work",
                f" ({sum(p.complete for p in evaluation.phases)} of "
                f"{len(evaluation.phases)} phases complete)",
            )
        )
    )
    extra = _extra_parts(assessment.extra)
    if extra:
        fields.append(ListItem(line(strong("Also:"), " ", *extra)))
    return (
        Heading(1, line(assessment.title or assessment.id)),
        ListBlock(tuple(fields)),
    )


def _summary(assessment: Assessment) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if assessment.summary or assessment.metrics:
        blocks.append(Heading(2, line("Executive Summary")))
        blocks.extend(_paragraphs(assessment.summary))
    if assessment.metrics:
        blocks.append(Heading(3, line("Current State Metrics")))
        blocks.extend(
            _list(
                ListItem(
                    line(
                        *status_parts(m.status),
                        " ",
                        strong(m.title),
                        ": " if m.text else None,
                        m.text,
                    )
                )
                for m in assessment.metrics
            )
        )
    return tuple(blocks)


def _why(assessment: Assessment, context: _Context) -> tuple[Block, ...]:
    if not assessment.why:
        return ()
    blocks: list[Block] = [Heading(2, line("Five Whys Root Cause Analysis"))]
    coverage = {c.id: c for c in context.evaluation.root_causes} if context.evaluation else {}
    steps = assessment.why
    for index, step in enumerate(steps, start=1):
        blocks.append(Heading(3, line(f"Why {index}: ", step.question)))
        blocks.append(Paragraph(line(strong("Finding:"), " ", step.finding)))
        points = [ListItem(line(text)) for text in step.observations]
        points.extend(ListItem(context.evidence_parts(e)) for e in step.evidence)
        if points:
            blocks.append(Paragraph(line(strong("Evidence:"))))
            blocks.append(ListBlock(tuple(points)))
        blocks.extend(_extra_paragraph(step.extra))
        following = steps[index].id if index < len(steps) else None
        if step.causes and step.causes != (following,):
            blocks.append(
                Paragraph(line(strong("Explained by:"), " ", *context.names(step.causes)))
            )
        if step.is_root_cause:
            blocks.append(Paragraph(_root_cause_parts(coverage.get(step.id), context)))
    return tuple(blocks)


def _root_cause_parts(coverage: RootCauseCoverage | None, context: _Context) -> Line:
    if coverage is None:
        return line(strong("Root cause."))
    if not coverage.addressed_by:
        return line(_OPEN, " ", strong("Root cause, not addressed:"), " no work addresses it.")
    if coverage.addressed:
        return line(
            _DONE,
            " ",
            strong("Root cause, addressed"),
            " by done work: ",
            *context.names(coverage.done_by),
            ".",
        )
    return line(
        _OPEN,
        " ",
        strong("Root cause, not addressed:"),
        " the work planned for it (",
        *context.names(coverage.addressed_by),
        ") is not done.",
    )


_COLUMNS = (
    ("evidence", "Evidence"),
    ("impact", "Business Impact"),
    ("requirement", "Requirement"),
    ("owner", "Owner"),
    ("due", "Due"),
    ("estimate", "Estimate"),
    ("depends_on", "Depends on"),
    ("addresses", "Addresses"),
)


def _item_cell(item: WorkItem, column: str, context: _Context) -> Line:
    match column:
        case "evidence":
            return joined((context.evidence_parts(e, brief=True) for e in item.evidence), "; ")
        case "impact":
            return line(item.impact)
        case "requirement":
            return line(item.requirement)
        case "owner":
            return line(item.owner)
        case "due":
            return line(item.due.isoformat() if item.due else None)
        case "estimate":
            return line(duration_words(item.estimate) if item.estimate else None)
        case "depends_on":
            return context.names(item.depends_on)
        case _:
            return context.names(item.addresses)


def _derived_cell(item: WorkItem, context: _Context) -> Line:
    if context.evaluation is None:
        progress = item.status.progress
        words = progress.value.replace("_", " ")
        if progress is Progress.PARTIAL:
            words += f", {percent(item.credit)} done"
        return line(progress_mark(progress, item.severity), " ", words)
    result = context.evaluation.item(item.id)
    words = result.progress.value.replace("_", " ")
    if result.progress is Progress.PARTIAL:
        words += f", {percent(result.credit)} done"
    parts = line(progress_mark(result.progress, result.severity), " ", words)
    if result.blocked:
        return (*parts, Text("; blocked by "), *context.names(result.blocked_by))
    if result.actionable:
        return (*parts, Text("; actionable"))
    return parts


def _notes_cell(item: WorkItem) -> Line:
    notes: list[Line] = []
    if item.kind and item.kind not in ("component", "area", "task"):
        notes.append(line(f"kind: {item.kind}"))
    if item.fraction is not None:
        notes.append(line(f"stated {percent(item.fraction)} done"))
    if item.weight != 1:
        notes.append(line(f"weight {number(item.weight)}"))
    if item.justification:
        notes.append(line("justification: ", item.justification))
    notes.extend(line(task) for task in item.tasks)
    notes.extend(line(link) for link in item.links)
    extra = _extra_parts(item.extra)
    if extra:
        notes.append(extra)
    return joined(notes, "; ")


def _item_table(items: Sequence[WorkItem], context: _Context) -> Table:
    kinds = {item.kind or "" for item in items}
    first = kinds.pop().capitalize() if len(kinds) == 1 else ""
    first = first or "Item"
    columns = [c for c in _COLUMNS if any(_item_cell(i, c[0], context) for i in items)]
    with_notes = any(_notes_cell(i) for i in items)
    header = [line(first), line("Status"), line("Derived")]
    header.extend(line(title) for _, title in columns)
    if with_notes:
        header.append(line("Notes"))
    rows = []
    for item in items:
        row = [line(item.title), status_parts(item.status), _derived_cell(item, context)]
        row.extend(_item_cell(item, name, context) for name, _ in columns)
        if with_notes:
            row.append(_notes_cell(item))
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows))


def _phase_blocks(phase: Phase, context: _Context, level: int) -> tuple[Block, ...]:
    result = context.evaluation.phase(phase.id) if context.evaluation else None
    timebox = f" ({duration_words(phase.timebox)})" if phase.timebox else ""
    mark = (phase_mark(result), Text(" ")) if result else ()
    blocks: list[Block] = [Heading(level, line(*mark, _phase_title(phase), timebox))]
    fields: list[ListItem] = []
    if phase.stated_status is not None:
        fields.append(
            ListItem(line(strong("Stated status:"), " ", *status_parts(phase.stated_status)))
        )
    if result is not None:
        state = "complete" if result.complete else "not complete"
        fields.append(
            ListItem(
                line(
                    strong("Derived:"),
                    f" {result.done} of {result.items} "
                    f"items done, progress {percent(result.progress)}, {state}",
                )
            )
        )
        if result.stated is not None and (result.stated is Progress.DONE) != result.complete:
            fields.append(
                ListItem(
                    line(
                        _SEVERITY_MARKS[FindingSeverity.WARNING],
                        " ",
                        strong("The document's status disagrees with its items."),
                    )
                )
            )
    if phase.depends_on:
        fields.append(ListItem(line(strong("Depends on:"), " ", *context.names(phase.depends_on))))
    if phase.start is not None:
        fields.append(ListItem(line(strong("Started:"), " ", moment(phase.start))))
    if phase.due is not None:
        fields.append(ListItem(line(strong("Due:"), " ", phase.due.isoformat())))
    extra = _extra_parts(phase.extra)
    if extra:
        fields.append(ListItem(line(strong("Also:"), " ", *extra)))
    blocks.extend(_list(fields))
    if phase.items:
        blocks.append(_item_table(phase.items, context))
    else:
        blocks.append(Paragraph(line(Emphasis(line("No items.")))))
    return tuple(blocks)


def _phases(assessment: Assessment, context: _Context) -> tuple[Block, ...]:
    if not assessment.phases:
        return ()
    blocks: list[Block] = [Heading(2, line("Remediation Progress"))]
    for phase in assessment.phases:
        blocks.extend(_phase_blocks(phase, context, 3))
    return tuple(blocks)


def _next_steps(assessment: Assessment, context: _Context) -> tuple[Block, ...]:
    if not assessment.next_steps:
        return ()
    blocks: list[Block] = [Heading(2, line("Immediate Next Steps"))]
    for group in assessment.next_steps:
        title = f"{group.window}: {group.title}" if group.window else group.title
        blocks.append(Heading(3, line(title)))
        about = []
        if group.priority:
            about.append(line(strong(group.priority)))
        if context.evaluation is not None:
            result = context.evaluation.phase(group.id)
            about.append(
                line(f"{result.done} of {result.items} done, progress {percent(result.progress)}")
            )
        extra = _extra_parts(group.extra)
        if extra:
            about.append(extra)
        if about:
            blocks.append(Paragraph(joined(about, "; ")))
        blocks.extend(_list((_next_step_item(item, context) for item in group.items), ordered=True))
    return tuple(blocks)


def _next_step_item(item: WorkItem, context: _Context) -> ListItem:
    details: list[Line] = [_derived_cell(item, context)]
    if item.estimate:
        details.append(line(f"estimate {duration_words(item.estimate)}"))
    if item.owner:
        details.append(line("owner ", item.owner))
    if item.due:
        details.append(line(f"due {item.due.isoformat()}"))
    if item.addresses:
        details.append(line("addresses ", *context.names(item.addresses)))
    if item.depends_on:
        details.append(line("depends on ", *context.names(item.depends_on)))
    if item.evidence:
        details.append(joined((context.evidence_parts(e) for e in item.evidence), "; "))
    for label, text in (
        ("impact", item.impact),
        ("requirement", item.requirement),
        ("justification", item.justification),
    ):
        if text:
            details.append(line(f"{label}: ", text))
    extra = _extra_parts(item.extra)
    if extra:
        details.append(extra)
    parts = line(
        strong(item.title), ": ", *status_parts(item.status), " (", *joined(details, "; "), ")"
    )
    children = tuple(ListItem(line(task)) for task in (*item.tasks, *item.links))
    return ListItem(parts, _list(children))


def _gaps(assessment: Assessment, context: _Context) -> tuple[Block, ...]:
    if not assessment.gaps:
        return ()
    results = {g.id: g for g in context.evaluation.gaps} if context.evaluation else {}
    evidence = context.evidence
    rows = []
    for gap in assessment.gaps:
        result = results.get(gap.id)
        state: Line = ()
        if result is not None:
            state = line(_DONE, " closed") if result.closed else line(_OPEN, " open")
        measured: list[Line] = []
        if gap.measurement:
            measured.append(context.evidence_parts(gap.measurement, brief=True))
        if gap.threshold is not None:
            verdict = ""
            if result is not None and result.measurement_met is not None:
                verdict = ": met" if result.measurement_met else ": not met"
            quantity = f" ({gap.quantity.value.replace('_', ' ')})" if gap.quantity else ""
            if result is not None and result.measurement is not None:
                quantity = f" ({_measured_text(gap.measurement, gap.quantity, evidence)})"
            measured.append(line(f"threshold {gap.threshold}{quantity}{verdict}"))
        measured.extend(context.evidence_parts(e) for e in gap.evidence)
        addressed = (
            _addressed_parts(result.addressed_by, result.open_items, context) if result else ()
        )
        description = line(
            gap.description, *(("; ", *_extra_parts(gap.extra)) if gap.extra else ())
        )
        rows.append(
            (
                line(gap.title),
                description,
                state,
                joined(measured, "; "),
                context.names(gap.blocks),
                addressed,
            )
        )
    header = tuple(
        line(h) for h in ("Gap", "Description", "Derived", "Measurement", "Blocks", "Addressed by")
    )
    return Heading(2, line("Coordination Gaps")), Table(header, tuple(rows))


def _measured_text(
    evidence_id: str | None, quantity: TestRunQuantity | None, evidence: Mapping[str, Evidence]
) -> str:
    record = evidence.get(evidence_id or "")
    if isinstance(record, TestRunEvidence):
        which = quantity or TestRunQuantity.FAILURE_RATE
        value = record.quantity(which)
        unit = "%" if which in (TestRunQuantity.FAILURE_RATE, TestRunQuantity.PASS_RATE) else ""
        shown = "none ran" if value is None else with_unit(value, unit)
        return f"{which.value.replace('_', ' ')} {shown}"
    if isinstance(record, MeasurementEvidence):
        return f"measured {with_unit(record.value, record.unit)}"
    return "measured"


def _addressed_parts(
    addressed_by: Sequence[str], open_items: Sequence[str], context: _Context
) -> Line:
    if not addressed_by:
        return line(Emphasis(line("nothing")))
    done = [i for i in addressed_by if i not in open_items]
    parts: list[Line] = []
    if open_items:
        parts.append(line("open: ", *context.names(open_items)))
    if done:
        parts.append(line("done: ", *context.names(done)))
    return joined(parts, "; ")


def _test_runs(assessment: Assessment, context: _Context) -> tuple[Block, ...]:
    runs = [e for e in assessment.evidence if isinstance(e, TestRunEvidence)]
    if not runs:
        return ()
    results = {t.id: t for t in context.evaluation.test_runs} if context.evaluation else {}
    rows = []
    for run in runs:
        result = results.get(run.id)
        stated = (
            f"{number(run.stated_failure_rate)}%" if run.stated_failure_rate is not None else ""
        )
        agrees: Line = ()
        if result is not None and result.agrees is not None:
            agrees = line(_DONE, " yes") if result.agrees else line(_OPEN, " no")
        rate = run.failure_rate
        rows.append(
            (
                line(run.suite),
                line(str(run.failed)),
                line(str(run.passed)),
                line(str(run.skipped)),
                line("" if rate is None else f"{number(rate)}%"),
                line(stated),
                agrees,
            )
        )
    header = tuple(
        line(h)
        for h in (
            "Suite",
            "Failed",
            "Passed",
            "Skipped",
            "Failure rate (derived)",
            "Stated",
            "Agrees",
        )
    )
    return Heading(2, line("Test Runs")), Table(header, tuple(rows))


def _schedule(evaluation: Evaluation, context: _Context) -> tuple[Block, ...]:
    schedule = evaluation.schedule
    blocks: list[Block] = [Heading(2, line("Schedule"))]
    if schedule.finish is None:
        blocks.append(Paragraph(line(f"No open work as of {moment(evaluation.as_of)}.")))
    else:
        blocks.append(
            Paragraph(
                line(
                    f"Open work is projected to finish {moment(schedule.finish)} "
                    f"(projected from {moment(schedule.as_of)}). Critical path: ",
                    *joined((context.name(i) for i in schedule.critical_path), " → "),
                    ".",
                )
            )
        )
        rows = []
        critical = set(schedule.critical_path)
        for kind, works in (("phase", schedule.phases), ("item", schedule.items)):
            for work in works:
                flags = [
                    flag
                    for flag, on in (
                        ("critical path", work.id in critical),
                        ("overdue", work.overdue),
                        ("projected late", work.late),
                        ("no estimate", not work.estimated),
                    )
                    if on
                ]
                rows.append(
                    (
                        context.name(work.id),
                        line(kind),
                        line(moment(work.start)),
                        line(moment(work.finish)),
                        line(work.due.isoformat() if work.due else None),
                        line(", ".join(flags)),
                    )
                )
        header = tuple(line(h) for h in ("Work", "Kind", "Start", "Finish", "Due", "Flags"))
        blocks.append(Table(header, tuple(rows)))
    lists = (
        ("Actionable now:", [ListItem(context.name(i)) for i in evaluation.actionable]),
        (
            "Blocked:",
            [
                ListItem(line(*context.name(r.id), " waits for ", *context.names(r.blocked_by)))
                for r in evaluation.items
                if r.blocked
            ],
        ),
        ("Overdue:", [ListItem(context.name(i)) for i in evaluation.overdue]),
    )
    for title, entries in lists:
        if entries:
            blocks.append(Paragraph(line(strong(title))))
            blocks.append(ListBlock(tuple(entries)))
    return tuple(blocks)


def _criterion_line(
    criterion: Criterion, result: CriterionEvaluation | None, context: _Context
) -> Line:
    target = criterion.target
    parts: list[Line] = []
    if target is None:
        observed = {True: "yes", False: "no", None: "not known"}[criterion.observed]
        parts.append(line(f"condition, observed: {observed}"))
    else:
        unit = target.unit
        if criterion.baseline is not None:
            parts.append(line(f"baseline {with_unit(criterion.baseline, unit)}"))
        parts.append(line(f"target {target}"))
        current = result.current if result is not None else criterion.current
        source = criterion.current_from
        where = ""
        if source is not None:
            record = context.evidence.get(source.evidence)
            name = record.suite if isinstance(record, TestRunEvidence) else source.evidence
            which = f"{source.quantity.value.replace('_', ' ')} of " if source.quantity else ""
            where = (
                f" ({which}{name})"
                if result is not None or current is not None
                else (f" the {which}{name}")
            )
        if current is not None:
            parts.append(line(f"current {with_unit(current, unit)}{where}"))
        elif source is not None and result is None:
            parts.append(line(f"current taken from{where}"))
        else:
            parts.append(line(f"current not measured{where}"))
    if criterion.window is not None:
        parts.append(line(f"over {duration_words(criterion.window)}"))
    verdict: Line = ()
    if result is not None:
        progress = "" if result.progress is None else f", progress {percent(result.progress)}"
        verdict = line(" — ", _STATE_MARKS[result.state], f" {result.state.value}{progress}")
    return line(strong(criterion.title), ": ", *joined(parts, ", "), *verdict)


def _criteria(assessment: Assessment, context: _Context) -> tuple[Block, ...]:
    if not assessment.criteria:
        return ()
    results = {c.id: c for c in context.evaluation.criteria} if context.evaluation else {}
    blocks: list[Block] = [Heading(2, line("Success Criteria"))]
    for category, title in (
        (CriterionCategory.TECHNICAL, "Technical Metrics"),
        (CriterionCategory.BUSINESS, "Business Metrics"),
    ):
        chosen = [c for c in assessment.criteria if c.category is category]
        if not chosen:
            continue
        blocks.append(Heading(3, line(title)))
        entries = []
        for criterion in chosen:
            result = results.get(criterion.id)
            notes = []
            if criterion.description:
                notes.append(ListItem(line(Emphasis(line(criterion.description)))))
            if criterion.stated_met is not None:
                said = "met" if criterion.stated_met else "not met"
                notes.append(ListItem(line(f"the document's checkbox: {said}")))
            notes.extend(ListItem(context.evidence_parts(e)) for e in criterion.evidence)
            extra = _extra_parts(criterion.extra)
            if extra:
                notes.append(ListItem(extra))
            checked = result.state is CriterionState.MET if result else bool(criterion.stated_met)
            entries.append(
                ListItem(_criterion_line(criterion, result, context), _list(notes), checked=checked)
            )
        blocks.append(ListBlock(tuple(entries)))
    return tuple(blocks)


def _recommendation(
    assessment: Assessment | None, evaluation: Evaluation, context: _Context
) -> tuple[Block, ...]:
    derived = evaluation.recommendation
    agreement = ""
    if derived.stated is not None:
        verb = "also recommends" if derived.agrees else "recommends"
        agreement = f"; the document {verb} {_DECISIONS[derived.stated]}"
    blocks: list[Block] = [
        Heading(2, line("Recommendation")),
        Paragraph(line(strong("Derived: ", _DECISIONS[derived.decision]), agreement, ".")),
    ]
    if derived.reasons:
        blocks.append(Paragraph(line(strong("Reasons:"))))
        blocks.append(
            ListBlock(
                tuple(ListItem(line(Code(r.code.value), ": ", r.message)) for r in derived.reasons)
            )
        )
    stated = assessment.recommendation if assessment is not None else None
    if stated is not None:
        blocks.append(Heading(3, line("The document's recommendation")))
        blocks.append(
            Paragraph(
                line(
                    strong(_DECISIONS[stated.decision]),
                    " — " if stated.summary else None,
                    stated.summary,
                )
            )
        )
        if stated.rationale:
            blocks.append(Paragraph(line(strong("Rationale:"))))
            blocks.extend(
                _list(
                    (
                        ListItem(line(strong(p.title), ": " if p.text else None, p.text))
                        for p in stated.rationale
                    ),
                    ordered=True,
                )
            )
    return tuple(blocks)


def _findings(assessment: Assessment | None, evaluation: Evaluation) -> tuple[Block, ...]:
    blocks: list[Block] = [Heading(2, line("Findings"))]
    if evaluation.findings:
        blocks.append(
            ListBlock(
                tuple(
                    ListItem(
                        line(
                            _SEVERITY_MARKS[f.severity],
                            " ",
                            strong(f.severity.value),
                            " ",
                            Code(str(f.code)),
                            ": ",
                            f.message,
                        )
                    )
                    for f in evaluation.findings
                )
            )
        )
    else:
        blocks.append(Paragraph(line("None: the document's claims agree with its data.")))
    if assessment is not None and assessment.claims:
        blocks.append(Paragraph(line(strong("Counts stated in the prose:"))))
        blocks.append(
            ListBlock(
                tuple(
                    ListItem(
                        line(
                            f"{c.value} {c.subject.value.replace('_', ' ')}",
                            ": " if c.quote else None,
                            Emphasis(line(c.quote)) if c.quote else None,
                        )
                    )
                    for c in assessment.claims
                )
            )
        )
    return tuple(blocks)


def _tracking(assessment: Assessment) -> tuple[Block, ...]:
    blocks: list[Block] = []
    if assessment.tracking:
        blocks.append(Heading(2, line("Tracking and Monitoring")))
        blocks.append(
            ListBlock(
                tuple(
                    ListItem(line(entry.text), checked=entry.checked)
                    for entry in assessment.tracking
                )
            )
        )
    if assessment.success_indicators:
        level = 3 if assessment.tracking else 2
        blocks.append(Heading(level, line("Success Indicators")))
        blocks.append(ListBlock(tuple(ListItem(line(s)) for s in assessment.success_indicators)))
    return tuple(blocks)


def _references(assessment: Assessment, context: _Context) -> tuple[Block, ...]:
    entries: list[ListItem] = []
    if assessment.labels:
        entries.append(
            ListItem(
                line(
                    strong("Labels applied:"),
                    " ",
                    *joined((Code(label),) for label in assessment.labels),
                )
            )
        )
    if assessment.related:
        entries.append(
            ListItem(
                line(strong("Related documentation:")),
                _list(ListItem(context.evidence_parts(e)) for e in assessment.related),
            )
        )
    if assessment.links:
        entries.append(
            ListItem(
                line(strong("Links:")), _list(ListItem(line(link)) for link in assessment.links)
            )
        )
    if not entries:
        return ()
    return Heading(2, line("References")), ListBlock(tuple(entries))


def assessment_report(assessment: Assessment, evaluation: Evaluation) -> tuple[Block, ...]:
    """The whole report of *assessment* and its *evaluation*, in the seed document's order."""
    context = _Context.of(assessment, evaluation)
    return (
        *_header(assessment, evaluation),
        *_summary(assessment),
        *_why(assessment, context),
        *_phases(assessment, context),
        *_gaps(assessment, context),
        *_test_runs(assessment, context),
        *_next_steps(assessment, context),
        *_schedule(evaluation, context),
        *_criteria(assessment, context),
        *_recommendation(assessment, evaluation, context),
        *_findings(assessment, evaluation),
        *_tracking(assessment),
        *_references(assessment, context),
    )


# --------------------------------------------------------------------------- alone


def _phase_rows(results: Iterable[PhaseEvaluation]) -> Iterator[tuple[Line, ...]]:
    for result in results:
        yield (
            line(phase_mark(result), " ", Code(result.id)),
            line(percent(result.progress)),
            line(f"{result.done} of {result.items}"),
            line("yes" if result.complete else "no"),
            line(result.stated.value.replace("_", " ") if result.stated else None),
            joined((Code(i),) for i in result.open),
        )


_PHASE_HEADER = tuple(line(h) for h in ("Phase", "Progress", "Done", "Complete", "Stated", "Open"))


def _criterion_rows(results: Iterable[CriterionEvaluation]) -> Iterator[tuple[Line, ...]]:
    for result in results:
        unit = result.target.unit if result.target is not None else ""
        yield (
            line(_STATE_MARKS[result.state], " ", Code(result.id)),
            line(result.category.value),
            line(result.state.value),
            line(with_unit(result.baseline, unit) if result.baseline is not None else None),
            line(str(result.target) if result.target is not None else "condition"),
            line(with_unit(result.current, unit) if result.current is not None else None),
            line(percent(result.progress) if result.progress is not None else None),
        )


_CRITERION_HEADER = tuple(
    line(h) for h in ("Criterion", "Category", "State", "Baseline", "Target", "Current", "Progress")
)


def evaluation_report(evaluation: Evaluation) -> tuple[Block, ...]:
    """An evaluation on its own: records are named by id, since titles are not part of it."""
    context = _Context.of(None, evaluation)
    blocks: list[Block] = [
        Heading(1, line("Evaluation of ", Code(evaluation.assessment), f" ({evaluation.issue})")),
        Paragraph(
            line(
                f"As of {moment(evaluation.as_of)}: progress "
                f"{percent(evaluation.progress)} of the planned work."
            )
        ),
        *_recommendation(None, evaluation, context),
    ]
    if evaluation.phases:
        blocks += [
            Heading(2, line("Phases")),
            Table(_PHASE_HEADER, tuple(_phase_rows(evaluation.phases))),
        ]
    if evaluation.next_steps:
        blocks += [
            Heading(2, line("Next Steps")),
            Table(_PHASE_HEADER, tuple(_phase_rows(evaluation.next_steps))),
        ]
    if evaluation.criteria:
        blocks += [
            Heading(2, line("Success Criteria")),
            Table(_CRITERION_HEADER, tuple(_criterion_rows(evaluation.criteria))),
        ]
    if evaluation.gaps:
        rows = tuple(
            (
                line(_DONE if g.closed else _OPEN, " ", Code(g.id)),
                line("closed" if g.closed else "open"),
                line(number(g.measurement) if g.measurement is not None else None),
                _addressed_parts(g.addressed_by, g.open_items, context),
            )
            for g in evaluation.gaps
        )
        header = tuple(line(h) for h in ("Gap", "State", "Measurement", "Addressed by"))
        blocks += [Heading(2, line("Gaps")), Table(header, rows)]
    if evaluation.root_causes:
        blocks += [
            Heading(2, line("Root Causes")),
            ListBlock(
                tuple(
                    ListItem(line(Code(c.id), ": ", *_root_cause_parts(c, context)))
                    for c in evaluation.root_causes
                )
            ),
        ]
    if evaluation.test_runs:
        rows = tuple(
            (
                line(Code(t.id)),
                line(f"{number(t.failure_rate)}%" if t.failure_rate is not None else None),
                line(
                    f"{number(t.stated_failure_rate)}%"
                    if t.stated_failure_rate is not None
                    else None
                ),
                line({True: "yes", False: "no", None: ""}[t.agrees]),
            )
            for t in evaluation.test_runs
        )
        header = tuple(line(h) for h in ("Test run", "Failure rate", "Stated", "Agrees"))
        blocks += [Heading(2, line("Test Runs")), Table(header, rows)]
    blocks.extend(_schedule(evaluation, context))
    blocks.extend(_findings(None, evaluation))
    return tuple(blocks)


def phase_report(phase: Phase | NextStep) -> tuple[Block, ...]:
    """A phase (or a group of next steps) on its own, with its items' stated statuses."""
    context = _Context(None)
    if isinstance(phase, Phase):
        return _phase_blocks(phase, context, 2)
    title = f"{phase.window}: {phase.title}" if phase.window else phase.title
    about = (Paragraph(line(strong(phase.priority))),) if phase.priority else ()
    return (
        Heading(2, line(title)),
        *about,
        *_list((_next_step_item(item, context) for item in phase.items), ordered=True),
    )


def criterion_report(criterion: Criterion) -> tuple[Block, ...]:
    """A success criterion on its own, as the document states it."""
    context = _Context(None)
    notes = [ListItem(line(strong("Category:"), f" {criterion.category.value}"))]
    if criterion.description:
        notes.append(ListItem(line(strong("In the document's words:"), " ", criterion.description)))
    if criterion.stated_met is not None:
        notes.append(
            ListItem(line(strong("Checkbox:"), " met" if criterion.stated_met else " not met"))
        )
    if criterion.evidence:
        notes.append(
            ListItem(
                line(strong("Evidence:"), " ", *joined((Code(e),) for e in criterion.evidence))
            )
        )
    extra = _extra_parts(criterion.extra)
    if extra:
        notes.append(ListItem(line(strong("Also:"), " ", *extra)))
    return (Paragraph(_criterion_line(criterion, None, context)), ListBlock(tuple(notes)))


def phase_evaluation_report(result: PhaseEvaluation) -> tuple[Block, ...]:
    """A phase's evaluation on its own."""
    return (Table(_PHASE_HEADER, tuple(_phase_rows((result,)))),)


def criterion_evaluation_report(result: CriterionEvaluation) -> tuple[Block, ...]:
    """A criterion's evaluation on its own."""
    return (Table(_CRITERION_HEADER, tuple(_criterion_rows((result,)))),)


def report_of(obj: object) -> tuple[Block, ...]:
    """The blocks showing *obj*: an assessment (evaluated as of its date, or with
    its validation errors when it cannot be), an evaluation, a phase, a group of
    next steps, a criterion or the evaluation of a phase or criterion.

    Raises:
        TypeError: *obj* is none of these.
    """
    from remediation.exceptions import PlanValidationError  # noqa: PLC0415

    builders: dict[type[Any], Callable[[Any], tuple[Block, ...]]] = {
        Evaluation: evaluation_report,
        Phase: phase_report,
        NextStep: phase_report,
        Criterion: criterion_report,
        PhaseEvaluation: phase_evaluation_report,
        CriterionEvaluation: criterion_evaluation_report,
    }
    if isinstance(obj, Assessment):
        try:
            evaluation = checked_evaluation(obj, None)
        except PlanValidationError as error:
            problems = ListBlock(
                tuple(ListItem(line(Code(e.path), ": ", e.detail)) for e in error.errors)
            )
            return (
                Heading(1, line(obj.title or obj.id)),
                Paragraph(line(_OPEN, " ", strong("This assessment cannot be evaluated:"))),
                problems,
            )
        return assessment_report(obj, evaluation)
    builder = builders.get(type(obj))
    if builder is None:
        msg = f"cannot render {type(obj).__name__}"
        raise TypeError(msg)
    return builder(obj)
