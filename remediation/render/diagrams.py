"""Pictures of a plan as text: Mermaid flowcharts and Gantt charts, Graphviz DOT.

Mermaid renders on GitHub and in JupyterLab with nothing to install; DOT is
for Graphviz and the tools that read it. Records are colored by their
*derived* state: done (green), under way (amber), open (red), critical (dark
red, thick border), closed without a fix (grey), not measured (grey, dashed).

No user text reaches a diagram raw. Node names are generated (``n1``, ``n2``,
...), so an id cannot clash with a keyword such as ``end``; in Mermaid every
character of a label other than letters, digits, spaces and plain punctuation
is written as an entity code (``#35;``), so quotes, brackets, ``<script>``,
``%%`` and ``:`` cannot break the diagram; in DOT every string is quoted, with
backslashes and quotes escaped, and line breaks written as ``\\n``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping

from remediation.evaluation.lookup import by_id
from remediation.evaluation.results import CriterionState, Evaluation
from remediation.graph.adjacency import plan_adjacency
from remediation.graph.kinds import EdgeKind, NodeKind
from remediation.model.records import (
    Assessment,
    CommitEvidence,
    Criterion,
    DocumentEvidence,
    Event,
    Gap,
    MeasurementEvidence,
    Milestone,
    NextStep,
    NoteEvidence,
    Phase,
    Risk,
    TestRunEvidence,
    WhyStep,
    Window,
    WorkItem,
)
from remediation.render.context import checked_evaluation, phase_title
from remediation.render.formatting import percent, visible
from remediation.render.marks import (
    DONE_MARK,
    OPEN_MARK,
    STATE_COLORS,
    phase_mark,
    progress_mark,
)

__all__ = ["mermaid_flowchart", "mermaid_gantt", "mermaid_text", "mermaid_timeline", "to_dot"]

_FLOW_EDGES = {
    EdgeKind.DEPENDS_ON: "-->",
    EdgeKind.ADDRESSES: "-->",
    EdgeKind.BLOCKS: "-.->",
    EdgeKind.CAUSED_BY: "==>",
}
# Each arrow with its label: "-->|depends on|".
_FLOW_ARROWS = {
    kind: f"{arrow}|{kind.value.replace('_', ' ')}|" for kind, arrow in _FLOW_EDGES.items()
}
_SAFE = re.compile(r"[A-Za-z0-9 .,'!?/+=^~_-]")
# Every ASCII character but the safe ones, and the two Mermaid decodes, as an entity code:
# one translate per label rather than a test per character.
_ENTITIES = {
    code: f"#{code};"
    for code in (*range(128), ord("ﬂ"), ord("¶"))
    if code > 127 or not _SAFE.fullmatch(chr(code))
}


def mermaid_text(text: str) -> str:
    """*text* for a Mermaid label: one line, every special character as an entity code.

    Examples:
        >>> mermaid_text('Say "hi" <b>#1</b>')
        'Say #34;hi#34; #60;b#62;#35;1#60;/b#62;'
    """
    # Mermaid turns "ﬂ°" into "&" and "¶ß" into ";" when it decodes labels, more than
    # once in flowcharts; a word joiner (invisible) keeps such pairs apart.
    flat = " ".join(text.split()).replace("ﬂ°", "ﬂ\u2060°").replace("¶ß", "¶\u2060ß")
    return flat.translate(_ENTITIES)


def _state_of(node: str, kind: NodeKind, evaluation: Evaluation) -> str:
    """The color state of a node of *kind*, from the evaluation."""
    if kind is NodeKind.ITEM:
        result = evaluation.item(node)
        return progress_mark(result.progress, result.severity).state
    if kind is NodeKind.PHASE or kind is NodeKind.NEXT_STEP:
        return phase_mark(evaluation.phase(node)).state
    if kind is NodeKind.GAP:
        return "done" if evaluation.gap(node).closed else "open"
    if kind is NodeKind.CRITERION:
        return {
            CriterionState.MET: "done",
            CriterionState.UNMET: "open",
            CriterionState.UNMEASURED: "unknown",
        }[evaluation.criterion(node).state]
    if kind is NodeKind.WHY:
        coverage = by_id(evaluation, "root_causes", lambda: evaluation.root_causes).get(node)
        if coverage is not None:
            return "done" if coverage.addressed else "open"
    return "neutral"


_MARK_OF_STATE = {
    "done": "✅",
    "partial": "⚠️",
    "open": "❌",
    "critical": "❌",
    "closed": "➖",
    "unknown": "❔",
}


def _label(record: object, why_number: Mapping[str, int]) -> str:
    """What a node says: the record's title, or what stands for one."""
    match record:
        case WorkItem() | Gap() | Criterion() | NextStep():
            prefix = "Gap: " if isinstance(record, Gap) else ""
            return prefix + record.title
        case Phase():
            number = f"Phase {record.number}: " if record.number is not None else ""
            return number + record.title
        case WhyStep():
            root = " (root cause)" if record.is_root_cause else ""
            return f"Why {why_number[record.id]}{root}: {record.question}"
        case CommitEvidence():
            return f"Commit {record.sha}"
        case TestRunEvidence():
            return f"{record.suite}: {record.failed} failed / {record.passed} passed"
        case DocumentEvidence():
            return record.title
        case MeasurementEvidence():
            return record.metric
        case NoteEvidence():
            return record.text
        case Assessment():
            return record.title if record.issue is None else f"{record.issue}: {record.title}"
        case Event():
            return f"{record.at}: {record.what}"
        case Window():
            return f"{record.name} window"
        case Milestone():
            return f"Milestone: {record.name}"
        case Risk():
            return f"Risk: {record.statement}"
        case _:
            return ""


def _numbered(nodes: Iterable[str]) -> dict[str, str]:
    return {node: f"n{index}" for index, node in enumerate(nodes, start=1)}


def _class_lines(states: Mapping[str, str], names: Mapping[str, str]) -> Iterator[str]:
    used = sorted(set(states.values()))
    for state in used:
        fill, stroke, more = STATE_COLORS[state]
        yield f"    classDef {state} fill:{fill},stroke:{stroke},color:#1f2328{more}"
    for state in used:
        members = ",".join(names[node] for node, s in states.items() if s == state)
        yield f"    class {members} {state}"


def mermaid_flowchart(assessment: Assessment, evaluation: Evaluation | None = None) -> str:
    """A Mermaid flowchart of the plan graph, colored by derived status.

    Phases and groups of next steps are boxes holding their work items; gaps
    (hexagons), success criteria (stadiums) and why steps (rounded) stand
    around them. Arrows follow the graph's convention, from the record that
    holds a reference to the one it names: ``depends on``, ``addresses``,
    ``blocks`` (dotted) and ``caused by`` (thick). Evidence is left out.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its own date.

    Raises:
        InvalidValueError: *evaluation* is of another assessment.
        PlanValidationError: The assessment cannot be evaluated.

    Examples:
        >>> import remediation
        >>> chart = remediation.mermaid_flowchart(remediation.examples.issue_1176())
        >>> print(chart.splitlines()[0])
        flowchart LR
        >>> print(next(row for row in chart.splitlines() if "SSOT Violations" in row))
                n5["⚠️ SSOT Violations"]
        >>> print(next(row for row in chart.splitlines() if row.endswith("critical")))
            class n10 critical
    """
    evaluation = checked_evaluation(assessment, evaluation)
    graph = plan_adjacency(assessment)
    nodes = graph.nodes
    why_number = {step.id: index for index, step in enumerate(assessment.why, start=1)}
    groups: tuple[Phase | NextStep, ...] = (*assessment.phases, *assessment.next_steps)
    shown = [
        *(record_id for group in groups for record_id in (group.id, *(i.id for i in group.items))),
        *(step.id for step in assessment.why),
        *(gap.id for gap in assessment.gaps),
        *(criterion.id for criterion in assessment.criteria),
    ]
    names = _numbered(shown)
    states = {node: _state_of(node, nodes[node][0], evaluation) for node in shown}

    def label(node: str) -> str:
        mark = _MARK_OF_STATE.get(states[node])
        kind, record = nodes[node]
        text = _label(record, why_number)
        if kind in (NodeKind.PHASE, NodeKind.NEXT_STEP):
            text += f" · {percent(evaluation.phase(node).progress)}"
        return mermaid_text(f"{mark} {text}" if mark else text)

    shapes = {
        NodeKind.ITEM: ('["', '"]'),
        NodeKind.GAP: ('{{"', '"}}'),
        NodeKind.CRITERION: ('(["', '"])'),
        NodeKind.WHY: ('("', '")'),
    }
    rows = ["flowchart LR"]
    for group in groups:
        rows.append(f'    subgraph {names[group.id]} ["{label(group.id)}"]')
        rows.append("        direction TB")
        rows.extend(f'        {names[item.id]}["{label(item.id)}"]' for item in group.items)
        rows.append("    end")
    for node in shown:
        node_kind = nodes[node][0]
        if node_kind in shapes and node_kind is not NodeKind.ITEM:
            opening, closing = shapes[node_kind]
            rows.append(f"    {names[node]}{opening}{label(node)}{closing}")
    for source, targets in graph.edges.items():
        if source not in names:
            continue
        for target, kind in targets.items():
            arrow = _FLOW_ARROWS.get(kind)
            if arrow is not None and target in names:
                rows.append(f"    {names[source]} {arrow} {names[target]}")
    box_states = {n: s for n, s in states.items() if nodes[n][0] in shapes}
    rows.extend(_class_lines(box_states, names))
    for group in groups:
        fill, stroke, more = STATE_COLORS[states[group.id]]
        rows.append(f"    style {names[group.id]} fill:{fill},stroke:{stroke}{more}")
    return visible("\n".join(rows) + "\n")


def _gantt_moment(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def mermaid_gantt(assessment: Assessment, evaluation: Evaluation | None = None) -> str:
    """A Mermaid Gantt chart of the projected schedule of open work.

    One section per phase or group of next steps, one bar per open work item
    from its projected start to its projected finish. Items on the critical
    path are marked ``crit``, partly done ones ``active``, and items without an
    estimate (unscheduled: drawn at their earliest start) are milestones. Closed
    work is not drawn: it needs no time. The assessment's milestones follow in a
    section of their own, at the date planned now, with their slip.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its own date.

    Raises:
        InvalidValueError: *evaluation* is of another assessment.
        PlanValidationError: The assessment cannot be evaluated.

    Examples:
        >>> import remediation
        >>> chart = remediation.mermaid_gantt(remediation.examples.issue_1176())
        >>> print(chart.splitlines()[3])
            dateFormat YYYY-MM-DD HH:mm
        >>> print(next(row for row in chart.splitlines() if "Migration" in row))
                ❌ Systematic Migration Strategy :crit, n11, 2025-09-15 00:00, 2025-10-15 00:00
    """
    evaluation = checked_evaluation(assessment, evaluation)
    schedule = evaluation.schedule
    scheduled = {work.id: work for work in schedule.items}
    critical = set(schedule.critical_path)
    names = _numbered(item.id for item in assessment.items)
    rows = [
        "gantt",
        f"    title {mermaid_text(assessment.title or assessment.id)}",
        "    todayMarker off",
        "    dateFormat YYYY-MM-DD HH:mm",
        "    axisFormat %Y-%m-%d",
    ]
    groups: tuple[Phase | NextStep, ...] = (*assessment.phases, *assessment.next_steps)
    for group in groups:
        works = [(item, scheduled[item.id]) for item in group.items if item.id in scheduled]
        if not works:
            continue
        result = evaluation.phase(group.id)
        title = phase_title(group)
        rows.append(f"    section {mermaid_text(f'{title} · {percent(result.progress)}')}")
        for item, work in works:
            item_result = evaluation.item(item.id)
            mark = progress_mark(item_result.progress, item_result.severity).text
            tags = [
                tag
                for tag, on in (
                    ("crit", item.id in critical),
                    ("active", item_result.credit > 0),
                    ("milestone", not work.estimated),
                )
                if on
            ]
            data = ", ".join(
                [*tags, names[item.id], _gantt_moment(work.start), _gantt_moment(work.finish)]
            )
            rows.append(f"        {mermaid_text(f'{mark} {item.title}')} :{data}")
    rows.extend(_milestone_rows(assessment, evaluation))
    return visible("\n".join(rows) + "\n")


def _dot_string(text: str) -> str:
    """*text* as a DOT quoted string: backslashes and quotes escaped, line breaks ``\\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{escaped}"'


_DOT_SHAPES = {
    NodeKind.ASSESSMENT: "doubleoctagon",
    NodeKind.PHASE: "folder",
    NodeKind.NEXT_STEP: "folder",
    NodeKind.ITEM: "box",
    NodeKind.GAP: "hexagon",
    NodeKind.CRITERION: "diamond",
    NodeKind.WHY: "ellipse",
    NodeKind.EVIDENCE: "note",
    NodeKind.EVENT: "cds",
    NodeKind.WINDOW: "larrow",
    NodeKind.MILESTONE: "invhouse",
    NodeKind.RISK: "octagon",
}


# What follows an edge's ends: its label, its kind, and the style of a "blocks" edge.
_DOT_EDGES = {
    kind: f' [label="{kind.value.replace("_", " ")}", kind="{kind.value}"'
    + (", style=dashed];" if kind is EdgeKind.BLOCKS else "];")
    for kind in EdgeKind
}


def to_dot(assessment: Assessment, evaluation: Evaluation | None = None) -> str:
    """The whole plan graph in Graphviz DOT, colored by derived status.

    Every node of :func:`~remediation.build_graph` (evidence and the assessment
    included) with its title as label, its id as tooltip and ``kind`` and
    ``state`` attributes; every edge with its kind as label, in the graph's
    direction. Render it with ``dot -Tsvg plan.dot -o plan.svg``.

    Args:
        assessment: The assessment.
        evaluation: Its evaluation; by default it is evaluated as of its own date.

    Raises:
        InvalidValueError: *evaluation* is of another assessment.
        PlanValidationError: The assessment cannot be evaluated.

    Examples:
        >>> import remediation
        >>> dot = remediation.to_dot(remediation.examples.issue_1176())
        >>> print(dot.splitlines()[0])
        digraph "issue-1176-2025-09-15" {
        >>> print(next(row for row in dot.splitlines() if '"why-4" -> "why-5"' in row))
          "why-4" -> "why-5" [label="caused by", kind="caused_by"];
    """
    evaluation = checked_evaluation(assessment, evaluation)
    graph = plan_adjacency(assessment)
    why_number = {step.id: index for index, step in enumerate(assessment.why, start=1)}
    rows = [
        f"digraph {_dot_string(assessment.id)} {{",
        f"  graph [rankdir=LR, labelloc=t, label={_dot_string(assessment.title)}];",
        '  node [style="rounded,filled", fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    quoted: dict[str, str] = {}  # each node's id as a DOT string, for its edges
    for node, (node_kind, record) in graph.nodes.items():
        state = _state_of(node, node_kind, evaluation)
        fill, stroke, _ = STATE_COLORS[state]
        mark = _MARK_OF_STATE.get(state)
        text = _label(record, why_number)
        shape = _DOT_SHAPES[node_kind]
        name = quoted[node] = _dot_string(node)
        width = ", penwidth=3" if state == "critical" else ""
        dashed = ', style="rounded,filled,dashed"' if state == "unknown" else ""
        attributes = (
            f"label={_dot_string(f'{mark} {text}' if mark else text)}, "
            f"tooltip={name}, shape={shape}, "
            f'fillcolor="{fill}", color="{stroke}"{width}{dashed}, '
            f'kind="{node_kind.value}", state="{state}"'
        )
        rows.append(f"  {name} [{attributes}];")
    for source, targets in graph.edges.items():
        start = f"  {quoted[source]} -> "
        rows.extend(
            f"{start}{quoted[target]}{_DOT_EDGES[kind]}" for target, kind in targets.items()
        )
    rows.append("}")
    return visible("\n".join(rows) + "\n")


def mermaid_timeline(assessment: Assessment) -> str:
    """A Mermaid ``timeline`` of the events, in the document's order, each at its written time.

    Examples:
        >>> import remediation
        >>> plan = remediation.loads(
        ...     "schema_version: 1\\nid: pm\\nissue: '#1'\\ntitle: Outage\\ndate: 2025-03-02\\n"
        ...     "timeline:\\n  - {id: a, at: '2025-03-01 15:10 UTC', what: Deploy,"
        ...     " kind: trigger}\\n",
        ...     "yaml")
        >>> print(remediation.mermaid_timeline(plan))
        timeline
            title Outage
            2025-03-01 15#58;10 UTC : Deploy · trigger
        <BLANKLINE>
    """
    rows = ["timeline", f"    title {mermaid_text(assessment.title or assessment.id)}"]
    for event in assessment.timeline:
        kind = f" · {event.kind.value}" if event.kind is not None else ""
        rows.append(f"    {mermaid_text(str(event.at))} : {mermaid_text(event.what + kind)}")
    return "\n".join(rows) + "\n"


def _milestone_rows(assessment: Assessment, evaluation: Evaluation) -> list[str]:
    """The ``Milestones`` section of the Gantt chart: each at the date planned now (or
    reached), saying how far it slipped; none without milestones."""
    rows: list[str] = []
    for number, (milestone, result) in enumerate(
        zip(assessment.milestones, evaluation.milestones, strict=True), start=1
    ):
        when = milestone.done if milestone.done is not None else result.planned
        if when is None:
            continue
        if not rows:
            rows.append("    section Milestones")
        slip = result.slip
        slipped = f" (slipped {slip})" if slip is not None and slip.high > dt.timedelta() else ""
        mark = (DONE_MARK if result.reached else OPEN_MARK).text
        name = mermaid_text(f"{mark} {milestone.name}{slipped}")
        tags = "done, milestone" if result.reached else "milestone"
        rows.append(f"        {name} :{tags}, m{number}, {_gantt_moment(when.earliest)}, 0d")
    return rows
