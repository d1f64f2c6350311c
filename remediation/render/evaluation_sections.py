"""Report sections of an evaluation: root causes, schedule, recommendation, findings.

The report of an assessment and the report of an evaluation on its own both
show them; with the assessment at hand, records are named by their titles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from remediation.evaluation.results import Evaluation, Finding, RootCauseCoverage
from remediation.model.policy import FindingSeverity
from remediation.model.records import Assessment, Claim
from remediation.render.blocks import (
    Block,
    Code,
    Emphasis,
    Heading,
    Line,
    ListBlock,
    ListItem,
    Paragraph,
    StreamedList,
    Text,
    joined,
    line,
    list_of,
    strong,
)
from remediation.render.context import ReportContext
from remediation.render.formatting import decision_words, moment
from remediation.render.marks import DONE_MARK, OPEN_MARK, severity_mark
from remediation.render.work_tables import schedule_table

__all__ = [
    "addressed_parts",
    "findings_section",
    "recommendation_section",
    "root_cause_parts",
    "schedule_section",
]


def root_cause_parts(coverage: RootCauseCoverage | None, context: ReportContext) -> Line:
    """Whether a root cause is addressed, and by which work."""
    if coverage is None:
        return line(strong("Root cause."))
    if not coverage.addressed and coverage.elsewhere:
        return line(
            DONE_MARK,
            " ",
            strong("Root cause, addressed elsewhere:"),
            " " + ", ".join(coverage.elsewhere) + ".",
        )
    if not coverage.addressed and coverage.mitigated_by:
        return line(
            OPEN_MARK,
            " ",
            strong("Root cause, mitigated:"),
            " done work addresses a cause above it (",
            *context.names(coverage.mitigated_by),
            "), none addresses it.",
        )
    if not coverage.addressed_by:
        return line(OPEN_MARK, " ", strong("Root cause, not addressed:"), " no work addresses it.")
    if coverage.addressed:
        return line(
            DONE_MARK,
            " ",
            strong("Root cause, addressed"),
            " by done work: ",
            *context.names(coverage.done_by),
            ".",
        )
    return line(
        OPEN_MARK,
        " ",
        strong("Root cause, not addressed:"),
        " the work planned for it (",
        *context.names(coverage.addressed_by),
        ") is not done.",
    )


def addressed_parts(
    addressed_by: Sequence[str], open_items: Sequence[str], context: ReportContext
) -> Line:
    """The work addressing a gap: what is still open, what is done."""
    if not addressed_by:
        return line(Emphasis(line("nothing")))
    done = [i for i in addressed_by if i not in open_items]
    parts: list[Line] = []
    if open_items:
        parts.append(line("open: ", *context.names(open_items)))
    if done:
        parts.append(line("done: ", *context.names(done)))
    return joined(parts, "; ")


def schedule_section(evaluation: Evaluation, context: ReportContext) -> tuple[Block, ...]:
    """The projected schedule, with the work actionable, blocked and overdue."""
    schedule = evaluation.schedule
    blocks: list[Block] = [Heading(2, line("Schedule"))]
    if not schedule.items:
        blocks.append(Paragraph(line(f"No open work as of {moment(evaluation.as_of)}.")))
    else:
        if schedule.finish is None:
            unscheduled = schedule.unscheduled
            blocks.append(
                Paragraph(
                    line(
                        f"{len(unscheduled)} of {len(schedule.items)} open items are "
                        "unscheduled (no estimate, or waiting for work without one), so no "
                        "finish date or critical path is projected. Unscheduled: ",
                        *joined((context.name(i) for i in unscheduled), ", "),
                        ".",
                    )
                )
            )
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
        blocks.append(schedule_table(evaluation, context))
    actionable = evaluation.actionable
    overdue = evaluation.overdue
    lists = (
        (
            "Actionable now:",
            bool(actionable),
            lambda: (ListItem(context.name(i)) for i in actionable),
        ),
        (
            "Blocked:",
            any(r.blocked for r in evaluation.items),
            lambda: _blocked(evaluation, context),
        ),
        ("Overdue:", bool(overdue), lambda: (ListItem(context.name(i)) for i in overdue)),
    )
    for title, shown, entries in lists:
        if shown:
            blocks.append(Paragraph(line(strong(title))))
            blocks.append(StreamedList(entries))
    return tuple(blocks)


def _blocked(evaluation: Evaluation, context: ReportContext) -> Iterator[ListItem]:
    waits_for = Text(" waits for ")  # one for all entries: an inline is immutable
    for result in evaluation.items:
        if result.blocked:
            waits = context.names(result.blocked_by)
            yield ListItem((*context.name(result.id), waits_for, *waits))


def recommendation_section(
    assessment: Assessment | None, evaluation: Evaluation, context: ReportContext
) -> tuple[Block, ...]:
    """The derived recommendation and its reasons, next to the document's own."""
    derived = evaluation.recommendation
    agreement = ""
    if derived.stated is not None:
        verb = "also recommends" if derived.agrees else "recommends"
        agreement = f"; the document {verb} {decision_words(derived.stated)}"
    blocks: list[Block] = [
        Heading(2, line("Recommendation")),
        Paragraph(line(strong("Derived: ", decision_words(derived.decision)), agreement, ".")),
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
                    strong(decision_words(stated.decision)),
                    " — " if stated.summary else None,
                    stated.summary,
                )
            )
        )
        if stated.rationale:
            blocks.append(Paragraph(line(strong("Rationale:"))))
            blocks.extend(
                list_of(
                    (
                        ListItem(line(strong(p.title), ": " if p.text else None, p.text))
                        for p in stated.rationale
                    ),
                    ordered=True,
                )
            )
    return tuple(blocks)


def findings_section(assessment: Assessment | None, evaluation: Evaluation) -> tuple[Block, ...]:
    """The findings, and the counts the document states in its prose."""
    blocks: list[Block] = [Heading(2, line("Findings"))]
    if evaluation.findings:
        blocks.append(StreamedList(lambda: _findings(evaluation.findings)))
    else:
        blocks.append(Paragraph(line("None: the document's claims agree with its data.")))
    if assessment is not None and assessment.claims:
        blocks.append(Paragraph(line(strong("Figures stated in the prose:"))))
        blocks.append(
            ListBlock(
                tuple(
                    ListItem(
                        line(
                            f"{c.value} {_claim_subject(c)}".rstrip(),
                            ": " if c.quote else None,
                            Emphasis(line(c.quote)) if c.quote else None,
                        )
                    )
                    for c in assessment.claims
                )
            )
        )
    return tuple(blocks)


def _findings(findings: Iterable[Finding]) -> Iterator[ListItem]:
    # What precedes the message is the same for every finding of a code and severity:
    # built once for them all (an inline is immutable).
    heads: dict[tuple[FindingSeverity, str], Line] = {}
    for finding in findings:
        key = (finding.severity, str(finding.code))
        head = heads.get(key)
        if head is None:
            head = heads[key] = line(
                severity_mark(finding.severity),
                " ",
                strong(finding.severity.value),
                " ",
                Code(key[1]),
                ": ",
            )
        yield ListItem((*head, Text(finding.message)) if finding.message else head)


def _claim_subject(claim: Claim) -> str:
    """What a claim is about, in words: its scope, or its key."""
    if claim.scope is not None:
        return claim.scope.describe()
    return f"({claim.key})" if claim.key is not None else ""
