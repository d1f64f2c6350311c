"""The Markdown report: every fact of the seed document, escaping, errors."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import remediation
from remediation import Assessment, Progress, Status
from remediation.exceptions import InvalidValueError
from remediation.render.markdown import escape_markdown

_SPECIAL = set("`*[]<|$~")


def _unescape(text: str) -> str:
    """Markdown text with backslash escapes undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def _plain(report: str) -> str:
    """The report's words: escapes undone, emphasis and code marks dropped."""
    return _unescape(report).replace("**", "").replace("`", "")


@pytest.fixture(scope="module")
def plan() -> Assessment:
    return remediation.examples.issue_1176()


@pytest.fixture(scope="module")
def report(plan: Assessment) -> str:
    return remediation.render_markdown(plan, remediation.evaluate(plan, as_of="2025-09-15"))


@pytest.fixture(scope="module")
def plain(report: str) -> str:
    return _plain(report)


# --------------------------------------------------------------------------- the seed's facts

HEADER = [
    "# Issue #1176 - Status Assessment and Continuation Plan",
    "- **Session:** `agent-session-20250915-163526`",
    "- **Date:** 2025-09-15",
    "- **Assessment type:** Current State Analysis and Five Whys",
    "- **Stated status:** ⚠️ **PARTIALLY RESOLVED - PHASE 1 COMPLETE, REQUIRES CONTINUED WORK**",
    "- **Author:** Claude Code Agent Session 20250915-163526",
]
SUMMARY = [
    (
        "Issue #1176 has achieved significant progress through emergency infrastructure fixes, "
        "but critical coordination gaps remain unresolved that continue to block the Golden Path "
        "user journey. This assessment confirms the issue requires continued systematic work "
        "rather than closure."
    ),
    (
        "✅ Emergency Infrastructure: Test discovery restored (0→25 tests), auth service "
        "deployment ready"
    ),
    "⚠️ Coordination Gaps: 5 out of 5 identified gaps persist with 54-100% failure rates",
    "❌ Staging Environment: 100% E2E test failure, complete Golden Path blockage",
    "⚠️ Business Impact: $500K+ ARR functionality partially protected but not fully operational",
]
WHYS = [
    "Why 1: What is the current state of Issue #1176?",
    "Finding: Emergency Phase 1 fixes stabilized infrastructure but coordination gaps persist.",
    (
        "Commit 9c87d9def: Successfully fixed auth service port (8081→8080), test discovery "
        "patterns, SSOT logging"
    ),
    (
        "Test Results: 25 tests now discovered vs 0 previously, but validation tests show "
        "continued failures"
    ),
    "Unit Tests: 20 failed / 17 passed (54.05% failure rate; the document states 54%)",
    "Integration Tests: 12 failed / 5 passed (70.59% failure rate; the document states 71%)",
    "E2E Staging: 7 failed / 0 passed (100% failure rate; the document states 100%)",
    "Tests discovered: 25 tests (0 discovered before the fix)",
    "Why 2: Why do coordination gaps persist despite infrastructure fixes?",
    (
        "Finding: Surface-level fixes addressed symptoms but underlying architectural "
        "fragmentation remains."
    ),
    "Factory Pattern Conflicts: 13 failures due to inconsistent WebSocket manager initialization",
    "MessageRouter Fragmentation: Import errors show module dependency breakdown",
    'Service Authentication: Complete staging breakdown with "E2E bypass key required" errors',
    "Why 3: Why does architectural fragmentation persist?",
    "Finding: Incomplete SSOT migration creating hybrid states with incompatible interfaces.",
    "Import Path Chaos: Multiple paths for WebSocket components causing conflicts",
    "Interface Inconsistency: Factory patterns have different parameter signatures",
    "Configuration Drift: Environment-specific coordination issues in staging",
    "Why 4: Why hasn't SSOT migration been completed systematically?",
    "Finding: Reactive hotfix approach rather than proactive architectural migration strategy.",
    "9 commits addressing Issue #1176 show incremental fixes rather than coordinated migration",
    "Commits addressing Issue #1176: 9 commits",
    "Backwards Compatibility: Legacy patterns maintained alongside new ones",
    "Missing Integration Tests: Gaps allow coordination failures to go undetected",
    "Why 5: What is the organizational root cause?",
    "Finding: Development culture prioritizes feature velocity over architectural coherence.",
    "Emergency-Driven: Infrastructure addressed only when blocking business functionality",
    "No Infrastructure Owner: Lacks dedicated role for architectural consistency",
    "Business Pressure: $500K+ ARR dependency creates quick-fix pressure",
    "evidence source: codebase",
    "evidence source: organizational patterns",
]
PHASES = [
    "### ⚠️ Phase 1: Emergency Fixes (4 hours)",
    "- **Stated status:** ✅ **Complete**",
    "- **Derived:** 3 of 4 items done, progress 87.5%, not complete",
    "| Component | Status | Derived | Evidence |",
    (
        "| Auth Service Deployment | ✅ **RESOLVED** | ✅ done | Port 8081→8080, Cloud Run ready; "
        "Commit `9c87d9def` |"
    ),
    (
        "| Test Discovery | ✅ **RESOLVED** | ✅ done | 0→25 tests, pytest patterns fixed; "
        "**Tests discovered**: 25 tests; Commit `9c87d9def` |"
    ),
    "| Test Infrastructure | ✅ **CREATED** | ✅ done | Standardized runner deployed |",
    (
        "| SSOT Violations | ⚠️ **PARTIAL** | ⚠️ partial, 50% done; actionable | 1 violation fixed, "
        "more remain; Commit `9c87d9def` |"
    ),
    "### ❌ Phase 2: SSOT Consolidation (2 weeks)",
    "- **Stated status:** ⚠️ **Required**",
    "| Component | Status | Derived | Evidence | Business Impact | Addresses |",
    "| Factory Pattern Conflicts | ❌ **UNRESOLVED** |",
    "| 13 failures blocking component coordination |",
    "| MessageRouter Fragmentation | ❌ **UNRESOLVED** |",
    "| Import conflicts causing system instability |",
    "| WebSocket Interface Mismatches | ❌ **UNRESOLVED** |",
    "| BaseEventLoop errors blocking real-time communication |",
    "| Service Authentication | ❌ **CRITICAL** |",
    "| 100% staging failure blocking Golden Path |",
    "### ❌ Phase 3: Cultural Transformation (1 month)",
    "- **Stated status:** 🚨 **Required**",
    "| Area | Status | Derived | Requirement | Addresses |",
    "| Infrastructure Reliability Ownership | ❌ **MISSING** |",
    "| Dedicated role with authority |",
    "| Business Impact Escalation | ❌ **MISSING** |",
    "| Revenue protection processes |",
    "| Systematic Migration Strategy | ❌ **MISSING** |",
    "| Proactive architectural planning |",
]
NEXT_STEPS = [
    "### Week 1: Critical Staging Environment Restoration",
    "**High Priority**; 0 of 2 done, progress 0%",
    (
        "1. **Service Authentication Emergency Fix**: ❌ **planned** (❌ not started; actionable; "
        "estimate 1 week;"
    ),
    '   - Resolve "E2E bypass key required" configuration',
    "   - Fix BaseEventLoop WebSocket compatibility",
    "   - Restore Backend API health (currently failing connection)",
    "2. **Factory Pattern SSOT Implementation**: ❌ **planned**",
    "   - Consolidate WebSocketManager factory patterns",
    "   - Standardize execution engine interfaces",
    "   - Resolve parameter signature conflicts",
    "### Week 2: MessageRouter Consolidation",
    "1. **Import Path Standardization**: ❌ **planned**",
    "   - Merge duplicate router implementations",
    "   - Resolve module dependency chains",
    "   - Implement concurrent handling safeguards",
]
CRITERIA = [
    "### Technical Metrics",
    (
        "- [ ] **E2E staging tests**: baseline 0%, target >90%, current 0% (pass rate of E2E "
        "Staging) — ❌ unmet, progress 0%"
    ),
    "  - *E2E staging tests: 0% → >90% success rate*",
    (
        "- [ ] **Unit test failures**: baseline 54%, target \\<10%, current 54.05% (failure rate "
        "of Unit Tests) — ❌ unmet, progress 0%"
    ),
    "  - *Unit test failures: 54% → \\<10% failure rate*",
    (
        "- [ ] **Integration test failures**: baseline 71%, target \\<15%, current 70.59% (failure "
        "rate of Integration Tests) — ❌ unmet"
    ),
    "  - *Integration test failures: 71% → \\<15% failure rate*",
    "- [ ] **SSOT compliance**: target 0 violations, current not measured — ❔ unmeasured",
    "  - *SSOT compliance: Eliminate remaining violations*",
    "### Business Metrics",
    "- [ ] **Golden Path user journey**: baseline 0%, target >95%, current 0% — ❌ unmet",
    "  - *Golden Path user journey: 0% → >95% success rate*",
    "- [ ] **Staging environment fully operational**: condition, observed: no — ❌ unmet",
    "  - *Staging environment: Fully operational for \\$500K+ ARR validation*",
    "- [ ] **Production readiness**: condition, observed: not known — ❔ unmeasured",
    "  - *Production readiness: Comprehensive coordination validation*",
]
RECOMMENDATION = [
    "**Derived: KEEP OPEN**; the document also recommends KEEP OPEN.",
    "- `critical-items-open`: 1 critical item open: service-authentication",
    "- `root-causes-unaddressed`: 1 root cause not addressed by any done work: why-5",
    "**KEEP OPEN** — Issue requires systematic Phase 2 and Phase 3 work",
    "1. **Emergency Phase Success**: Phase 1 infrastructure fixes demonstrate effective approach",
    "2. **Core Issues Persist**: 5 coordination gaps continue blocking business functionality",
    (
        "3. **Systematic Approach Needed**: Root causes require architectural transformation, not "
        "just fixes"
    ),
    (
        "4. **Business Continuity Risk**: \\$500K+ ARR functionality remains at risk without full "
        "resolution"
    ),
]
TRACKING_AND_REFERENCES = [
    "- [ ] Phase 2 SSOT Consolidation (2 weeks)",
    "- [ ] Phase 3 Cultural Transformation (1 month)",
    "- [ ] Ongoing coordination validation",
    "- [ ] Business impact monitoring",
    "- Staging environment fully operational",
    "- All coordination gaps resolved",
    "- Golden Path user journey >95% success",
    "- Infrastructure reliability ownership established",
    (
        "- **Labels applied:** `actively-being-worked-on`, `agent-session-20250915-163526`, "
        "`phase-1-complete`, `requires-phase-2`"
    ),
    "  - Commit `9c87d9def`: Successfully fixed auth service port",
    "  - **Test Results**: `ISSUE_1176_COMPREHENSIVE_TEST_EXECUTION_REPORT.md`",
    "  - **Remediation Plan**: `CRITICAL_INFRASTRUCTURE_REMEDIATION_PLAN_ISSUE_1176.md`",
]


@pytest.mark.parametrize(
    "expected",
    [*HEADER, *PHASES, *NEXT_STEPS, *CRITERIA, *RECOMMENDATION, *TRACKING_AND_REFERENCES],
)
def test_the_report_carries_the_seed_in_its_shape(report: str, expected: str) -> None:
    assert expected in report


@pytest.mark.parametrize("expected", [*SUMMARY, *WHYS])
def test_the_report_carries_the_seed_words(plain: str, expected: str) -> None:
    assert expected in plain


def test_every_title_label_and_note_of_the_example_is_in_the_report(
    plan: Assessment, plain: str
) -> None:
    texts: list[str] = [plan.title, plan.summary, *plan.labels, *plan.success_indicators]
    for group, item in plan.iter_items():
        texts += [group.title, item.title, *item.tasks]
        texts += [text for text in (item.impact, item.requirement) if text]
        assert item.status.label is not None
        texts.append(item.status.label.replace("**", ""))
    for step in plan.why:
        texts += [step.question, step.finding, *step.observations]
    for criterion in plan.criteria:
        texts += [criterion.title, criterion.description]
    for gap in plan.gaps:
        texts += [gap.title, gap.description]
    for evidence in plan.evidence:
        texts += [
            str(value)
            for name in ("sha", "summary", "text", "title", "path", "metric", "suite", "note")
            if isinstance(value := getattr(evidence, name, None), str)
        ]
    assert plan.recommendation is not None
    texts += [plan.recommendation.summary]
    for point in plan.recommendation.rationale:
        texts += [point.title, point.text]
    texts += [claim.quote for claim in plan.claims]
    texts += [entry.text for entry in plan.tracking]
    missing = [text for text in texts if text not in plain]
    assert missing == []


def test_sections_follow_the_seed_order(report: str) -> None:
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Executive Summary",
        "## Five Whys Root Cause Analysis",
        "## Remediation Progress",
        "## Coordination Gaps",
        "## Test Runs",
        "## Immediate Next Steps",
        "## Schedule",
        "## Success Criteria",
        "## Recommendation",
        "## Findings",
        "## Tracking and Monitoring",
        "## References",
    ]


def test_criteria_and_tracking_are_checklists(report: str) -> None:
    boxes = [line for line in report.splitlines() if line.startswith("- [")]
    assert len(boxes) == 7 + 4
    assert all(line.startswith("- [ ] ") for line in boxes)


def test_derived_facts_are_in_the_report(report: str) -> None:
    assert "- **Derived progress:** 31.82% of the planned work (0 of 3 phases complete)" in report
    assert "- ⚠️ **The document's status disagrees with its items.**" in report
    assert (
        "- ⚠️ **warning** `phase-status-mismatch`: phase 'phase-1' is stated '✅ Complete' (done)"
        in report
    )
    assert report.count("`count-mismatch`") == 3
    assert (
        "❌ **Root cause, not addressed:** the work planned for it (Infrastructure Reliability "
        "Ownership, Business Impact Escalation, Systematic Migration Strategy) is not done."
    ) in report
    assert "| Unit Tests | 20 | 17 | 0 | 54.05% | 54% | ✅ yes |" in report
    assert (
        '| Service Authentication | Complete staging breakdown with "E2E bypass key required" '
        "errors: 100% staging failure blocking Golden Path | ❌ open |"
    ) in report
    assert "Open work is projected to finish 2025-10-15 (projected from 2025-09-15)." in report
    assert (
        "| Systematic Migration Strategy | item | 2025-09-15 | 2025-10-15 |  | critical path |"
        in (report)
    )
    assert "| SSOT Violations | item | 2025-09-15 | 2025-09-15 04:00 |  |  |" in report


def test_a_met_criterion_is_ticked_and_a_fixed_item_shows_done(plan: Assessment) -> None:
    fixed = remediation.with_test_run(plan, "unit-tests", failed=1, passed=36)
    fixed = remediation.with_status(fixed, "ssot-violations", "✅ RESOLVED")
    report = remediation.render_markdown(fixed)
    assert "- [x] **Unit test failures**: baseline 54%, target \\<10%, current 2.7%" in report
    assert "### ✅ Phase 1: Emergency Fixes (4 hours)" in report
    assert "The document's status disagrees" not in report


def test_the_evaluation_defaults_to_the_documents_date(plan: Assessment, report: str) -> None:
    assert remediation.render_markdown(plan) == report


def test_an_evaluation_of_another_assessment_is_refused(plan: Assessment) -> None:
    other = attrs.evolve(plan, id="another")
    with pytest.raises(InvalidValueError, match="evaluation is of assessment 'another'") as info:
        remediation.render_markdown(plan, remediation.evaluate(other))
    assert info.value.path == "$.assessment"


# --------------------------------------------------------------------------- escaping


def _unescaped_specials(text: str) -> set[str]:
    found: set[str] = set()
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _SPECIAL:
            found.add(char)
    return found


@given(st.text())
def test_escaped_text_reads_back_and_leaves_no_markup(text: str) -> None:
    escaped = escape_markdown(text)
    assert "\n" not in escaped
    assert _unescaped_specials(escaped) == set()
    assert _unescape(escaped) == re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("> quote", "\\> quote"),
        ("snake_case and _emphasis_", "snake_case and \\_emphasis\\_"),
        ("R&D &amp; &#60;", "R&D \\&amp; \\&#60;"),
        ("line\nbreak", "line break"),
    ],
)
def test_markdown_that_would_start_a_block_is_escaped(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_inside_a_line_a_leading_mark_is_left_alone() -> None:
    assert escape_markdown("#1176", line_start=False) == "#1176"


def _cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


HOSTILE = "a | b <script>x</script> `code` *em* [l](javascript:x) $5 $6\n# h\n\n- li"


def test_hostile_text_cannot_break_tables_or_lists(plan: Assessment) -> None:
    phase = plan.phases[0]
    items = (attrs.evolve(phase.items[0], title=HOSTILE, evidence=()), *phase.items[1:])
    hostile = attrs.evolve(
        plan,
        title=HOSTILE,
        summary=f"{HOSTILE}\n\nsecond paragraph",
        phases=(attrs.evolve(phase, items=items, title=HOSTILE), *plan.phases[1:]),
    )
    report = remediation.render_markdown(hostile)
    rows = report.splitlines()
    for index, row in enumerate(rows):
        if row.startswith("| ---"):
            width = _cells(rows[index - 1])
            body = rows[index + 1 :]
            table = body[: next((i for i, r in enumerate(body) if not r.startswith("|")), None)]
            assert {_cells(r) for r in table} == {width}
    assert re.search(r"(?<!\\)<", report) is None
    assert re.search(r"(?<!\\)\]\(", report) is None
    assert rows[0] == (
        "# a \\| b \\<script>x\\</script> \\`code\\` \\*em\\* \\[l\\](javascript:x) "
        "\\$5 \\$6 # h - li"
    )
    assert "\n\nsecond paragraph\n\n" in report
    assert f"| {escape_markdown(HOSTILE, line_start=False)} | ✅ **RESOLVED** |" in report


def test_a_status_built_in_code_shows_its_progress_and_severity(plan: Assessment) -> None:
    phase = plan.phases[1]
    built = Status(Progress.NOT_STARTED, remediation.Severity.CRITICAL)
    items = (attrs.evolve(phase.items[0], status=built), *phase.items[1:])
    report = remediation.render_markdown(
        attrs.evolve(
            plan, phases=(plan.phases[0], attrs.evolve(phase, items=items), plan.phases[2])
        )
    )
    assert "| Factory Pattern Conflicts | ❌ **not started, critical** |" in report


def test_mojibake_labels_are_repaired_for_display(plan: Assessment) -> None:
    phase = plan.phases[0]
    item = attrs.evolve(phase.items[0], status=remediation.parse_status("âœ… **RESOLVED**"))
    report = remediation.render_markdown(
        attrs.evolve(
            plan, phases=(attrs.evolve(phase, items=(item, *phase.items[1:])), *plan.phases[1:])
        )
    )
    assert "| Auth Service Deployment | ✅ **RESOLVED** |" in report
    assert "âœ" not in report


# --------------------------------------------------------------------------- Jupyter


def test_assessments_and_evaluations_show_as_markdown_in_jupyter(
    plan: Assessment, report: str
) -> None:
    assert plan._repr_markdown_() == report
    result = remediation.evaluate(plan)
    shown = result._repr_markdown_()
    assert shown.startswith("# Evaluation of `issue-1176-2025-09-15` (#1176)\n")
    assert "| ⚠️ `phase-1` | 87.5% | 3 of 4 | no | done | `ssot-violations` |" in shown
    assert "| ❔ `ssot-compliance` | technical | unmeasured |  | 0 violations |  |  |" in shown
    assert "**Derived: KEEP OPEN**" in shown


def test_an_assessment_that_cannot_be_evaluated_shows_its_problems(plan: Assessment) -> None:
    phase = plan.phases[0]
    broken_item = attrs.evolve(phase.items[0], depends_on=("nowhere",))
    broken = attrs.evolve(
        plan, phases=(attrs.evolve(phase, items=(broken_item, *phase.items[1:])), *plan.phases[1:])
    )
    shown = broken._repr_markdown_()
    assert "❌ **This assessment cannot be evaluated:**" in shown
    assert "- `$.phases[0].items[0].depends_on[0]`: 'auth-service-deployment' refers to" in shown


def test_a_branching_analysis_names_the_causes_of_each_step(plan: Assessment) -> None:
    why = (attrs.evolve(plan.why[0], causes=("why-2", "why-4")), *plan.why[1:])
    report = remediation.render_markdown(attrs.evolve(plan, why=why))
    assert "**Explained by:** Why 2, Why 4" in report
    assert report.count("**Explained by:**") == 1


def _escaped_as_before(text: str, *, line_start: bool = True) -> str:
    """escape_markdown as it was written before it skipped what a text does not hold."""
    flat = re.sub(r"\s+", " ", text)
    escaped = re.sub(r"([\\`*\[\]<|$~])", r"\\\1", flat)
    escaped = re.sub(r"(?<![^\W_])_|_(?![^\W_])", r"\\_", escaped)
    escaped = re.sub(r"&(?=#?\w+;)", r"\\&", escaped)
    if not line_start:
        return escaped
    start = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
    return start.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


@given(
    st.text(alphabet=st.sampled_from("ab_ &#;1٣2.)\\`*[]<|$~>+=-\n\t\u00a0x")) | st.text(),
    st.booleans(),
)
def test_escaping_is_what_it_was(text: str, line_start: bool) -> None:
    assert escape_markdown(text, line_start=line_start) == _escaped_as_before(
        text, line_start=line_start
    )
