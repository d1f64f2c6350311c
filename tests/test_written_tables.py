"""The long tables and lists written straight to text read exactly as the same inlines would.

A phase's items and the projected schedule are written row by row
(``remediation.render.work_tables``), and the next steps entry by entry
(``NextStepEntries``), instead of being built as inlines first. The reference
here is the table or list as it was built before, cell by cell or entry by
entry, as inlines: the whole report, written with each long table and list
replaced by its reference, must be the same text, in Markdown and in HTML, for
generated plans of every shape and for text that every escape applies to.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import remediation
from remediation import Assessment, Evaluation
from remediation.model.records import (
    CommitEvidence,
    DocumentEvidence,
    Evidence,
    NoteEvidence,
    Phase,
    TestRunEvidence,
    WorkItem,
)
from remediation.render import html, markdown
from remediation.render.assessment_report import assessment_blocks
from remediation.render.blocks import (
    Block,
    BuiltRows,
    Line,
    ListBlock,
    StreamedList,
    Table,
    WrittenList,
    WrittenTable,
    joined,
    line,
)
from remediation.render.context import ReportContext, extra_parts
from remediation.render.evaluation_report import evaluation_report
from remediation.render.formatting import duration_words, moment, number, percent
from remediation.render.marks import status_parts
from remediation.render.phase_sections import NextStepEntries, next_step_item, phase_report
from remediation.render.work_tables import ItemRows, ScheduleRows, derived_parts
from remediation.testing.strategies import assessments

ROOT = Path(__file__).resolve().parent.parent

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


def _item_cell(item: WorkItem, column: str, context: ReportContext) -> Line:
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
            return line(str(item.planned) if item.planned else None)
        case "estimate":
            return line(duration_words(item.estimate) if item.estimate else None)
        case "depends_on":
            return context.names(item.depends_on)
        case _:
            return context.names(item.addresses)


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
    extra = extra_parts(item.extra)
    if extra:
        notes.append(extra)
    return joined(notes, "; ")


def _item_table(items: Sequence[WorkItem], context: ReportContext) -> Table:
    """A phase's items as the report built them before they were written straight to text."""
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
        row = [line(item.title), status_parts(item.status), derived_parts(item, context)]
        row.extend(_item_cell(item, name, context) for name, _ in columns)
        if with_notes:
            row.append(_notes_cell(item))
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows))


def _schedule_table(rows_of: ScheduleRows) -> Table:
    """The schedule as the report built it before it was written straight to text."""
    schedule, context = rows_of.schedule, rows_of.context
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
                    ("maybe late", work.late is None),
                    ("no estimate", not work.estimated),
                    ("unscheduled", work.estimated and not work.scheduled),
                )
                if on
            ]
            rows.append(
                (
                    context.name(work.id),
                    line(kind),
                    line(moment(work.start)),
                    line(moment(work.finish)),
                    line(str(work.due) if work.due else None),
                    line(", ".join(flags)),
                )
            )
    header = tuple(line(h) for h in ("Work", "Kind", "Start", "Finish", "Due", "Flags"))
    return Table(header, tuple(rows))


def _reference(blocks: Iterable[Block]) -> tuple[list[Block], int]:
    """*blocks* with each long table and list built as inlines; how many were written straight."""
    out: list[Block] = []
    replaced = 0
    for block in blocks:
        if isinstance(block, WrittenTable):
            replaced += 1
            rows = block.rows
            if isinstance(rows, ItemRows):
                out.append(_item_table(rows.items, rows.context))
            elif isinstance(rows, BuiltRows):
                out.append(Table(block.header, tuple(tuple(row) for row in rows.rows())))
            else:
                assert isinstance(rows, ScheduleRows)
                out.append(_schedule_table(rows))
        elif isinstance(block, StreamedList):
            out.append(ListBlock(tuple(block.entries()), ordered=block.ordered))
        elif isinstance(block, WrittenList):
            replaced += 1
            entries = block.entries
            assert isinstance(entries, NextStepEntries)
            items = (next_step_item(item, entries.context) for item in entries.items)
            out.append(ListBlock(tuple(items), ordered=block.ordered))
        else:
            out.append(block)
    return out, replaced


def _assert_same(blocks: Iterable[Block], *, long_tables: bool = True) -> None:
    written = list(blocks)
    reference, replaced = _reference(written)
    assert replaced or not long_tables
    assert markdown._blocks(written) == markdown._blocks(reference)
    assert html._document(written) == html._document(reference)


def _report(
    plan: Assessment, result: Evaluation | None = None, *, long_tables: bool = True
) -> None:
    result = result or remediation.evaluate(plan)
    _assert_same(assessment_blocks(plan, result), long_tables=long_tables)


HOSTILE = (
    "snake_case _lead trail_ a__b",
    "pipes | in | cells",
    "`code` and ``more``",
    "# heading at the start",
    "1. numbered",
    "- bullet",
    "  runs\tof\n\nwhite   space  ",
    "&amp; &#39; & plain",
    "<script>alert(1)</script>",
    "$500K+ ~strike~ *star* [link](x) \\back",
    "",
    " ",
)


def _hostile(plan: Assessment) -> Assessment:
    """*plan* with every text of its items one of HOSTILE, in turn."""

    def text(n: int) -> str:
        return HOSTILE[n % len(HOSTILE)]

    def item(n: int, work: WorkItem) -> WorkItem:
        return attrs.evolve(
            work,
            title=text(n) or "t",
            owner=text(n + 1) or None,
            impact=text(n + 2) or None,
            requirement=text(n + 3) or None,
            justification=text(n + 4) or None,
            tasks=(text(n + 5), text(n + 6)),
            links=(text(n + 7),) if n % 3 else (),
            kind=("task", "component", text(n + 8) or None)[n % 3],
            extra={"free_field": text(n + 9), "b": n} if n % 2 else {},
        )

    counter = iter(range(10**9))

    def phase(group: Phase) -> Phase:
        return attrs.evolve(group, items=tuple(item(next(counter), w) for w in group.items))

    def evidence(n: int, record: Evidence) -> Evidence:
        # Documents, notes, commits and test runs are written straight to text: every third
        # document becomes a note, so that each kind meets every escape.
        match record:
            case DocumentEvidence() if n % 3 == 0:
                return NoteEvidence(record.id, text(n))
            case DocumentEvidence():
                return attrs.evolve(record, title=text(n), path=text(n + 1) or None)
            case CommitEvidence() if n % 2:
                return attrs.evolve(record, sha=text(n) or "0" * 7)
            case TestRunEvidence():
                return attrs.evolve(record, suite=text(n))
            case _:
                return record

    return attrs.evolve(
        plan,
        evidence=tuple(evidence(n, e) for n, e in enumerate(plan.evidence)),
        phases=tuple(phase(p) for p in plan.phases),
        next_steps=tuple(
            attrs.evolve(g, items=tuple(item(next(counter), w) for w in g.items))
            for g in plan.next_steps
        ),
    )


@pytest.fixture(scope="module")
def generated() -> list[Assessment]:
    sys.path.insert(0, str(ROOT))  # the benchmark's plan generator lives beside the tests
    try:
        from benchmarks.generate import document  # noqa: PLC0415
    finally:
        sys.path.remove(str(ROOT))
    return [remediation.loads(json.dumps(document(300, seed))) for seed in range(3)]


def test_generated_plans_read_the_same(generated: list[Assessment]) -> None:
    for plan in generated:
        _report(plan)


def test_hostile_text_reads_the_same(generated: list[Assessment]) -> None:
    for plan in generated:
        _report(_hostile(plan))


def test_the_reference_example_reads_the_same() -> None:
    plan = remediation.examples.issue_1176()
    _report(plan)
    _report(plan, remediation.evaluate(plan, as_of="2025-09-15"))


def test_a_phase_on_its_own_reads_the_same(generated: list[Assessment]) -> None:
    """Without an evaluation, the derived column is the items' stated progress."""
    for phase in generated[0].phases[:5]:
        _assert_same(phase_report(phase))


def test_an_evaluation_on_its_own_reads_the_same(generated: list[Assessment]) -> None:
    """Records are named by id: their titles are not part of an evaluation."""
    _assert_same(evaluation_report(remediation.evaluate(generated[0])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments(max_items=6, max_next_steps=2))
def test_any_plan_reads_the_same(plan: Assessment) -> None:
    _report(plan, long_tables=False)
