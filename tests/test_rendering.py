"""Every renderer, on any valid assessment the Hypothesis strategies build."""

from __future__ import annotations

import html
import re
from typing import get_args

from hypothesis import HealthCheck, given, settings

import remediation
from remediation import Assessment, TablePart
from remediation.render.formatting import visible
from remediation.testing.strategies import assessments

_NODE = re.compile(r'^\s+n\d+(\["|\{\{"|\(\["|\(")[^"\n]*("\]|"\}\}|"\]\)|"\))$')


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(assessments())
def test_any_assessment_renders_in_every_form(plan: Assessment) -> None:
    result = remediation.evaluate(plan)
    markdown = remediation.render_markdown(plan, result)
    page = remediation.render_html(plan, result)
    assert markdown.startswith("# ")
    for item in plan.items:
        assert visible(html.escape(" ".join(item.title.split()))) in " ".join(page.split())
    assert result._repr_html_().startswith('<div class="remediation">')
    assert result._repr_markdown_().startswith("# Evaluation of ")
    flowchart = remediation.mermaid_flowchart(plan, result)
    for row in flowchart.splitlines():
        if '"' in row and not row.startswith("    subgraph "):
            assert _NODE.match(row), row
    gantt = remediation.mermaid_gantt(plan, result)
    assert gantt.count(" :") == len(result.schedule.items)
    dot = remediation.to_dot(plan, result)
    assert dot.count(" -> ") == remediation.build_graph(plan).number_of_edges()
    for part in get_args(TablePart):
        rows = remediation.to_records(result, part, assessment=plan)
        assert len({tuple(row) for row in rows}) <= 1


UNESTIMATED = """{"schema_version": 1, "id": "a", "issue": "#1", "title": "T", "date": "2025-01-31",
  "phases": [{"id": "p", "title": "P", "items": [
    {"id": "i", "title": "I", "status": "open"},
    {"id": "j", "title": "J", "status": "open", "estimate": "1 month", "depends_on": ["i"]}]}]}"""


def test_reports_say_unscheduled_work_leaves_no_finish_rather_than_nothing_open() -> None:
    from remediation.render.summary import render_summary  # noqa: PLC0415  (not public API)

    plan = remediation.loads(UNESTIMATED)
    markdown = remediation.render_markdown(plan)
    assert "No open work" not in markdown
    assert "2 of 2 open items are unscheduled" in markdown
    assert "no finish date or critical path is projected" in markdown
    text = render_summary(plan, remediation.evaluate(plan))
    assert "Schedule: 2 of 2 open items unscheduled (no estimate); no finish is projected" in text
    assert "unscheduled: I (i), J (j)" in text


def test_a_carriage_return_in_a_title_is_a_line_break_in_every_output() -> None:
    from remediation.render.summary import render_summary  # noqa: PLC0415  (not public API)
    from remediation.testing import item, phase, plan  # noqa: PLC0415

    document = plan(phase("p", item("a", "open", title="first\rsecond")))
    result = remediation.evaluate(document)
    for text in (
        remediation.render_markdown(document, result),
        remediation.render_html(document, result),
        render_summary(document, result),
    ):
        assert "\r" not in text
        assert "␍" not in text
        assert "first second" in " ".join(text.split())
