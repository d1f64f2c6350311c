"""Mermaid flowcharts and Gantt charts, and Graphviz DOT: structure, colors, escaping."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import remediation
from remediation import Assessment
from remediation.exceptions import InvalidValueError
from remediation.render.diagrams import mermaid_text

HOSTILE = 'Q "x" <script>alert(1)</script> [a] {b} (c) %%{init} :;# `t` end\nsecond |p| ﬂ°¶ß'


@pytest.fixture(scope="module")
def plan() -> Assessment:
    return remediation.examples.issue_1176()


def _hostile(plan: Assessment) -> Assessment:
    phase = plan.phases[0]
    items = (attrs.evolve(phase.items[0], title=HOSTILE), *phase.items[1:])
    why = (attrs.evolve(plan.why[0], question=HOSTILE), *plan.why[1:])
    return attrs.evolve(
        plan,
        title=HOSTILE,
        why=why,
        phases=(attrs.evolve(phase, title=HOSTILE, items=items), *plan.phases[1:]),
        gaps=(attrs.evolve(plan.gaps[0], title=HOSTILE), *plan.gaps[1:]),
    )


def _decode(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), label)


# --------------------------------------------------------------------------- labels


@given(st.text())
def test_mermaid_text_holds_no_syntax_and_decodes_to_the_text(text: str) -> None:
    label = mermaid_text(text)
    plain = re.sub(r"#\d+;", "", label)
    assert re.search(r"[^A-Za-z0-9 .,'!?/+=^~_\-\u0080-\U0010ffff]", plain) is None
    assert "ﬂ" not in plain
    assert "¶" not in plain
    flat = " ".join(text.split())
    assert _decode(label) == flat.replace("ﬂ°", "ﬂ\u2060°").replace("¶ß", "¶\u2060ß")


def test_mermaid_text_keeps_mermaids_placeholders_apart() -> None:
    assert mermaid_text("ﬂ°x¶ß") == "#64258;\u2060°x#182;\u2060ß"


# --------------------------------------------------------------------------- flowchart


def test_the_flowchart_groups_items_in_their_phases(plan: Assessment) -> None:
    chart = remediation.mermaid_flowchart(plan)
    rows = chart.splitlines()
    assert rows[0] == "flowchart LR"
    assert rows[1:8] == [
        '    subgraph n1 ["⚠️ Phase 1#58; Emergency Fixes · 87.5#37;"]',
        "        direction TB",
        '        n2["✅ Auth Service Deployment"]',
        '        n3["✅ Test Discovery"]',
        '        n4["✅ Test Infrastructure"]',
        '        n5["⚠️ SSOT Violations"]',
        "    end",
    ]
    assert '    subgraph n15 ["❌ Critical Staging Environment Restoration · 0#37;"]' in rows
    assert rows.count("    end") == 5


def test_the_flowchart_draws_gaps_criteria_and_whys(plan: Assessment) -> None:
    rows = remediation.mermaid_flowchart(plan).splitlines()
    assert '    n24("❌ Why 5 #40;root cause#41;#58; What is the organizational root cause?")' in (
        rows
    )
    assert '    n25{{"❌ Gap#58; Factory Pattern Conflicts"}}' in rows
    assert '    n32(["❔ SSOT compliance"])' in rows
    assert not any("Commit" in row or "Unit Tests" in row for row in rows)


def test_the_flowchart_edges_follow_the_graph(plan: Assessment) -> None:
    rows = remediation.mermaid_flowchart(plan).splitlines()
    edges = [row.strip() for row in rows if "|" in row and "#" not in row]
    assert sum("==>|caused by|" in edge for edge in edges) == 4
    assert sum("-.->|blocks|" in edge for edge in edges) == 3
    assert sum("-->|addresses|" in edge for edge in edges) == 16
    assert "n23 ==>|caused by| n24" in edges
    assert "n28 -.->|blocks| n33" in edges


def test_the_flowchart_is_colored_by_derived_state(plan: Assessment) -> None:
    rows = remediation.mermaid_flowchart(plan).splitlines()
    assert "    classDef done fill:#dcf5e3,stroke:#1b7a2f,color:#1f2328" in rows
    assert (
        "    classDef critical fill:#f8c5bf,stroke:#7a0d0d,color:#1f2328,stroke-width:3px" in rows
    )
    assert "    class n2,n3,n4 done" in rows
    assert "    class n5 partial" in rows
    assert "    class n10 critical" in rows
    assert "    class n32,n35 unknown" in rows
    assert "    style n1 fill:#fff4d6,stroke:#9a6700" in rows
    assert "    style n6 fill:#fde4e1,stroke:#b42318" in rows


def test_a_fixed_item_turns_green(plan: Assessment) -> None:
    fixed = remediation.with_status(plan, "service-authentication", "✅ RESOLVED")
    rows = remediation.mermaid_flowchart(fixed).splitlines()
    assert '        n10["✅ Service Authentication"]' in rows
    assert not any(row.startswith("    class ") and row.endswith(" critical") for row in rows)


def test_hostile_titles_stay_inside_their_labels(plan: Assessment) -> None:
    chart = remediation.mermaid_flowchart(_hostile(plan))
    node = re.compile(r'^\s+n\d+(\["|\{\{"|\(\["|\(")[^"\n]*("\]|"\}\}|"\]\)|"\))$')
    subgraph = re.compile(r'^    subgraph n\d+ \["[^"\n]*"\]$')
    for row in chart.splitlines()[1:]:
        if row.lstrip().startswith(("subgraph",)):
            assert subgraph.match(row), row
        elif '"' in row:
            assert node.match(row), row
    label = mermaid_text(HOSTILE)
    assert f'        n2["✅ {label}"]' in chart
    assert "<" not in chart
    assert "%%" not in chart


def test_a_mismatched_evaluation_is_refused(plan: Assessment) -> None:
    other = remediation.evaluate(attrs.evolve(plan, id="other"))
    for draw in (remediation.mermaid_flowchart, remediation.mermaid_gantt, remediation.to_dot):
        with pytest.raises(InvalidValueError, match="evaluation is of assessment 'other'"):
            draw(plan, other)


# --------------------------------------------------------------------------- Gantt


def test_the_gantt_chart_has_a_section_per_group_with_open_work(plan: Assessment) -> None:
    rows = remediation.mermaid_gantt(plan).splitlines()
    assert rows[:5] == [
        "gantt",
        "    title Issue #35;1176 - Status Assessment and Continuation Plan",
        "    todayMarker off",
        "    dateFormat YYYY-MM-DD HH:mm",
        "    axisFormat %Y-%m-%d",
    ]
    sections = [row.strip() for row in rows if row.startswith("    section ")]
    assert sections == [
        "section Phase 1#58; Emergency Fixes · 87.5#37;",
        "section Phase 2#58; SSOT Consolidation · 0#37;",
        "section Phase 3#58; Cultural Transformation · 0#37;",
        "section Critical Staging Environment Restoration · 0#37;",
        "section MessageRouter Consolidation · 0#37;",
    ]
    tasks = [row.strip() for row in rows if row.startswith("        ")]
    assert len(tasks) == 11
    assert tasks[0] == "⚠️ SSOT Violations :active, n4, 2025-09-15 00:00, 2025-09-15 04:00"
    assert (
        "❌ Systematic Migration Strategy :crit, n11, 2025-09-15 00:00, 2025-10-15 00:00" in tasks
    )
    assert "❌ Service Authentication :n8, 2025-09-15 00:00, 2025-09-29 00:00" in tasks
    assert not any("Auth Service Deployment" in task for task in tasks)


def test_work_without_an_estimate_is_a_milestone_and_no_path_is_critical() -> None:
    plan = remediation.loads(
        """{"schema_version": 1, "id": "a", "issue": "#1", "title": "T", "date": "2025-01-31",
        "phases": [{"id": "p", "title": "P", "items": [
          {"id": "i", "title": "I", "status": "open"},
          {"id": "j", "title": "J", "status": "open", "estimate": "1 month", "depends_on": ["i"]},
          {"id": "k", "title": "K", "status": "done"}]}]}"""
    )
    tasks = [row.strip() for row in remediation.mermaid_gantt(plan).splitlines()[6:]]
    assert tasks == [
        "❌ I :milestone, n1, 2025-01-31 00:00, 2025-01-31 00:00",
        "❌ J :n2, 2025-01-31 00:00, 2025-02-28 00:00",
    ]  # J waits for unscheduled work: its dates are the earliest, no critical path is claimed


def test_nothing_open_draws_no_bars(plan: Assessment) -> None:
    done = plan
    for item in plan.items:
        done = remediation.with_status(done, item.id, "done")
    assert len(remediation.mermaid_gantt(done).splitlines()) == 5


def test_hostile_titles_cannot_break_the_gantt_chart(plan: Assessment) -> None:
    rows = remediation.mermaid_gantt(_hostile(plan)).splitlines()
    label = mermaid_text(HOSTILE)
    assert rows[1] == f"    title {label}"
    assert rows[5].startswith(f"    section Phase 1#58; {label}")
    for row in [rows[1], *rows[5:]]:
        text = re.sub(r"#\d+;", "", row.split(" :", 1)[0])
        assert not set(text) & set(':;#%<>"`'), row


# --------------------------------------------------------------------------- DOT


def test_dot_holds_every_node_and_edge_of_the_graph(plan: Assessment) -> None:
    dot = remediation.to_dot(plan)
    graph = remediation.build_graph(plan)
    rows = dot.splitlines()
    assert rows[0] == 'digraph "issue-1176-2025-09-15" {'
    assert rows[-1] == "}"
    nodes = [row for row in rows if row.startswith('  "') and " -> " not in row]
    edges = [row for row in rows if " -> " in row]
    assert len(nodes) == graph.number_of_nodes()
    assert len(edges) == graph.number_of_edges()
    assert (
        '  "service-authentication" [label="❌ Service Authentication", '
        'tooltip="service-authentication", shape=box, fillcolor="#f8c5bf", color="#7a0d0d", '
        'penwidth=3, kind="item", state="critical"];'
    ) in rows
    assert (
        '  "production-readiness" [label="❔ Production readiness", tooltip="production-readiness",'
        ' shape=diamond, fillcolor="#eceff1", color="#57606a", style="rounded,filled,dashed", '
        'kind="criterion", state="unknown"];'
    ) in rows
    assert (
        '  "service-authentication-gap" -> "golden-path-success" [label="blocks", kind="blocks", '
        "style=dashed];"
    ) in rows
    assert '  "ssot-violations" -> "phase-1" [label="part of", kind="part_of"];' in rows


def test_dot_strings_are_escaped(plan: Assessment) -> None:
    title = 'a "quoted" \\N back\\slash\nnext'
    dot = remediation.to_dot(attrs.evolve(plan, title=title))
    assert 'label="a \\"quoted\\" \\\\N back\\\\slash\\nnext"' in dot
    string = r'"(?:[^"\\\n]|\\.)*"'
    attribute = rf"\w+=(?:{string}|[\w.]+)"
    node = re.compile(rf"^  {string} \[{attribute}(?:, {attribute})*\];$")
    edge = re.compile(rf"^  {string} -> {string} \[{attribute}(?:, {attribute})*\];$")
    for row in remediation.to_dot(_hostile(plan)).splitlines()[4:-1]:
        assert node.match(row) or edge.match(row), row


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_graphviz_reads_the_dot(plan: Assessment, tmp_path: Path) -> None:
    source = tmp_path / "plan.dot"
    source.write_text(remediation.to_dot(_hostile(plan)), encoding="utf-8")
    done = subprocess.run(  # noqa: S603
        ["dot", "-Tsvg", str(source)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in done.stdout


def test_dot_draws_milestones_and_risks() -> None:
    plan = remediation.loads(
        "schema_version: 1\nid: p\ntitle: P\ndate: 2025-06-01\n"
        "milestones: [{id: ga, name: GA, due: 2025-08-01}]\n"
        "risks: [{id: r, statement: Data loss, remediated_by: [w]}]\n"
        "phases: [{id: ph, title: Ph, items: [{id: w, title: W, status: open, milestone: ga}]}]\n",
        "yaml",
    )
    dot = remediation.to_dot(plan)
    milestone = next(row for row in dot.splitlines() if row.startswith('  "ga" ['))
    assert 'label="Milestone: GA"' in milestone
    assert "shape=invhouse" in milestone
    risk = next(row for row in dot.splitlines() if row.startswith('  "r" ['))
    assert 'label="Risk: Data loss"' in risk
    assert "shape=octagon" in risk


def _mermaid_text_as_before(text: str) -> str:
    """mermaid_text as it was written before it used one translate per label."""
    flat = " ".join(text.split()).replace("ﬂ°", "ﬂ\u2060°").replace("¶ß", "¶\u2060ß")
    safe = re.compile(r"[A-Za-z0-9 .,'!?/+=^~_-]")
    return "".join(
        ch if (safe.fullmatch(ch) or ord(ch) > 127) and ch not in "ﬂ¶" else f"#{ord(ch)};"
        for ch in flat
    )


@given(st.text() | st.text(alphabet=st.sampled_from('ﬂ°¶ß#;"<>[]{}()%:` \n\tazé😀')))
def test_mermaid_labels_are_written_as_before(text: str) -> None:
    assert mermaid_text(text) == _mermaid_text_as_before(text)
