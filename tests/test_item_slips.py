"""Planned versus actual dates of work items: a baseline, re-plans, the slip."""

from __future__ import annotations

import datetime as dt

import remediation
from remediation import Replan, WorkItem, parse_moment

PLAN = """\
schema_version: 2
id: plan
title: Plan
date: 2025-04-10
phases:
  - id: p
    title: P
    items:
      - id: migrate
        title: Migrate the database
        status: open
        estimate: 1 week
        due: 2025-03-01
        replans:
          - {due: 2025-03-20, at: 2025-02-25, reason: vendor late}
          - {due: 2025-04, at: 2025-03-18, reason: freeze}
      - id: audit
        title: Audit
        status: done
        due: 2025-03-01
        done_on: 2025-03-05
      - {id: plain, title: Plain, status: open, due: 2025-05-01}
"""


def test_an_items_due_date_planned_now_is_its_last_replan() -> None:
    plan = remediation.loads(PLAN, "yaml")
    migrate = plan.phases[0].items[0]
    assert migrate.due == dt.date(2025, 3, 1)  # the baseline
    assert str(migrate.planned) == "2025-04"
    result = remediation.evaluate(plan)
    work = result.schedule.item("migrate")
    assert work is not None
    assert str(work.due) == "2025-04"
    assert result.overdue == ()  # 2025-04 is not past on April 10th, the baseline is


def test_slip_per_item_counts_replans_and_days_at_their_precision() -> None:
    result = remediation.evaluate(remediation.loads(PLAN, "yaml"))
    migrate, audit = result.slips
    assert migrate.id == "migrate"
    assert migrate.replans == 2
    assert str(migrate.slip) == "30 d to 61 d"  # from March 1st to some day of April
    assert migrate.overdue is None  # inside its planned month
    assert audit.id == "audit"
    assert audit.replans == 0
    assert str(audit.slip) == "4 d"  # done four days after its due date
    assert audit.reached
    assert [s.id for s in result.slips] == ["migrate", "audit"]  # not the unplanned 'plain'


def test_an_item_moved_earlier_has_no_slip() -> None:
    item = WorkItem(
        "a", "A", due=dt.date(2025, 3, 10), replans=[Replan(parse_moment("2025-03-01"))]
    )
    plan = remediation.Assessment(
        id="x",
        title="X",
        date=dt.date(2025, 2, 1),
        phases=[remediation.Phase("p", "P", items=[item])],
    )
    (slip,) = remediation.evaluate(plan).slips
    assert str(slip.slip) == "0 min"


def test_replanned_due_dates_feed_the_milestone_rule() -> None:
    text = PLAN.replace(
        "title: Plan\n", "title: Plan\nmilestones:\n  - {id: m, name: M, due: 2025-03-25}\n"
    )
    text = text.replace(
        "        estimate: 1 week\n", "        estimate: 1 week\n        milestone: m\n"
    )
    result = remediation.evaluate(remediation.loads(text, "yaml"))
    (finding,) = result.findings_with("due-after-milestone")
    assert "is due 2025-04, after milestone 'm'" in finding.message


def test_the_report_has_a_slip_table_of_work_items() -> None:
    plan = remediation.loads(PLAN, "yaml")
    markdown = remediation.render_markdown(plan, remediation.evaluate(plan))
    assert "## Work item slips" in markdown
    table = markdown[markdown.index("## Work item slips") :]
    row = next(line for line in table.splitlines() if line.startswith("| Migrate"))
    assert row == (
        "| Migrate the database | 2025-03-01 | 2025-04 | 2 | 30 d to 61 d | freeze | "
        "due within its planned period |"
    )
    assert "| 2025-04 | 1 week |" in markdown  # the items table shows the date planned now
    html = remediation.render_html(plan, remediation.evaluate(plan))
    assert "Work item slips" in html


def test_replans_round_trip_and_a_what_if_keeps_the_slips() -> None:
    plan = remediation.loads(PLAN, "yaml")
    assert remediation.loads(remediation.dumps(plan, "yaml"), "yaml") == plan
    evaluator = remediation.Evaluator()
    first = evaluator.evaluate(plan)
    moved = remediation.loads(PLAN.replace("due: 2025-04,", "due: 2025-05,"), "yaml")
    again = evaluator.evaluate(moved)
    assert again == remediation.evaluate(moved)
    assert str(again.slips[0].slip) != str(first.slips[0].slip)
    result = remediation.evaluate(plan)
    assert remediation.loads(remediation.dumps(result), kind=remediation.Evaluation) == result
