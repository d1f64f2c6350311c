"""HTML reports and Jupyter's ``_repr_html_``: content, escaping, and a real browser.

The browser test renders the HTML of an assessment full of script payloads in
headless Chromium (Debian's ``chromium``) and checks, from the DOM Chromium
dumps, that no payload ran and that every payload shows as text. A control
page with one unescaped payload proves that the browser would have run it.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import remediation
from remediation import Assessment, Evaluation, Progress, Status
from remediation.exceptions import InvalidValueError
from remediation.render.formatting import visible
from remediation.render.html import repr_html

_ALLOWED_TAGS = {
    "div", "style", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "th", "td", "strong", "em", "code", "span",
}  # fmt: skip


_BLOCKS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "tr", "th", "td"}


class _Page(HTMLParser):
    """Collects the tags and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"
        if tag in _BLOCKS:
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


def _parse(fragment: str) -> _Page:
    page = _Page()
    page.feed(fragment)
    page.close()
    return page


def _words(fragment: str) -> str:
    return " ".join("".join(_parse(fragment).text).split())


@pytest.fixture(scope="module")
def plan() -> Assessment:
    return remediation.examples.issue_1176()


@pytest.fixture(scope="module")
def result(plan: Assessment) -> Evaluation:
    return remediation.evaluate(plan)


# --------------------------------------------------------------------------- content


def test_the_report_is_one_scoped_fragment_without_script(plan: Assessment) -> None:
    page = remediation.render_html(plan)
    assert page.startswith('<div class="remediation">\n<style>')
    assert page.endswith("</div>\n")
    tags = {tag for tag, _ in _parse(page).tags}
    assert tags <= _ALLOWED_TAGS
    assert {"h1", "h2", "h3", "table", "ul", "ol", "span", "code"} <= tags


def test_the_html_report_says_what_the_markdown_report_says(plan: Assessment) -> None:
    words = _words(remediation.render_html(plan))
    for expected in (
        "Issue #1176 - Status Assessment and Continuation Plan",
        "⚠️ Phase 1: Emergency Fixes (4 hours)",
        "Derived: 3 of 4 items done, progress 87.5%, not complete",
        "Auth Service Deployment ✅ RESOLVED ✅ done Port 8081→8080, Cloud Run ready",
        (
            "[ ] Unit test failures: baseline 54%, target <10%, current 54.05% (failure rate of "
            "Unit Tests) — ❌ unmet, progress 0%"
        ),
        "Derived: KEEP OPEN; the document also recommends KEEP OPEN.",
        "$500K+ ARR functionality remains at risk without full resolution",
        'Resolve "E2E bypass key required" configuration',
        "warning phase-status-mismatch: phase 'phase-1' is stated '✅ Complete' (done)",
    ):
        assert expected in words


def test_status_marks_carry_their_state_for_coloring(plan: Assessment) -> None:
    page = remediation.render_html(plan)
    assert '<span class="rm-mark rm-critical" title="critical">❌</span> <strong>CRITICAL' in page
    assert '<span class="rm-mark rm-partial" title="partial">⚠️</span> <strong>PARTIAL' in page
    assert '<span class="rm-box" title="not checked">[ ]</span>' in page


def test_an_evaluation_of_another_assessment_is_refused(plan: Assessment) -> None:
    with pytest.raises(InvalidValueError, match="not of 'issue-1176-2025-09-15'"):
        remediation.render_html(plan, remediation.evaluate(attrs.evolve(plan, id="other")))


def test_records_show_themselves_in_jupyter(plan: Assessment, result: Evaluation) -> None:
    assert plan._repr_html_() == remediation.render_html(plan)
    shown = {
        "evaluation": _words(result._repr_html_()),
        "phase": _words(plan.phases[0]._repr_html_()),
        "next step": _words(plan.next_steps[0]._repr_html_()),
        "criterion": _words(plan.criteria[1]._repr_html_()),
        "condition": _words(plan.criteria[5]._repr_html_()),
        "phase evaluation": _words(result.phases[0]._repr_html_()),
        "criterion evaluation": _words(result.criteria[1]._repr_html_()),
    }
    assert "Evaluation of issue-1176-2025-09-15 (#1176)" in shown["evaluation"]
    assert "Critical path: systematic-migration-strategy." in shown["evaluation"]
    assert "Phase 1: Emergency Fixes (4 hours)" in shown["phase"]
    assert "SSOT Violations ⚠️ PARTIAL ⚠️ partial, 50% done" in shown["phase"]
    assert "Evidence ssot-violations-note; commit-9c87d9def" not in shown["phase"]
    assert "ssot-violations-note; commit-9c87d9def" in shown["phase"]
    assert "Week 1: Critical Staging Environment Restoration High Priority" in shown["next step"]
    assert "Fix BaseEventLoop WebSocket compatibility" in shown["next step"]
    assert shown["criterion"].startswith(
        "Unit test failures: baseline 54%, target <10%, current taken from the failure rate "
        "of unit-tests Category: technical"
    )
    assert "Checkbox: not met" in shown["criterion"]
    assert "condition, observed: no" in shown["condition"]
    assert "⚠️ phase-1 87.5% 3 of 4 no done ssot-violations" in shown["phase evaluation"]
    assert (
        "❌ unit-test-failures technical unmet 54% <10% 54.05% 0%"
        in (shown["criterion evaluation"])
    )


def test_rendering_anything_else_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot render object"):
        repr_html(object())


_PIECES = ("<", ">", "&", "&amp;", '"', "'", "/", "=", " ", "\n", "b", "script", "é", "🚨")


@settings(max_examples=50)
@given(st.text(min_size=1) | st.lists(st.sampled_from(_PIECES), min_size=1).map("".join))
def test_any_title_is_escaped(title: str) -> None:
    phase = remediation.Phase(
        id="p",
        title=title,
        items=[
            remediation.WorkItem(id="i", title=title, status=Status(Progress.DONE, label=title))
        ],
    )
    page = _parse(phase._repr_html_())
    assert {tag for tag, _ in page.tags} <= _ALLOWED_TAGS
    text = "".join(page.text)
    # control characters show as their symbols (see remediation.render.formatting.visible)
    shown = visible(title.replace("\r\n", "\n").replace("\r", "\n"))
    assert shown in text or "\r" in title


# --------------------------------------------------------------------------- in a browser

_MARKERS = ("script-ran", "img-ran", "svg-ran", "quote-ran", "style-ran", "iframe-ran")
_SET = "document.documentElement.setAttribute('data-{0}-' + 'ran', '1')"
PAYLOADS = (
    f"<script>{_SET.format('script')}</script>",
    f'<img src=x onerror="{_SET.format("img")}">',
    f'<svg onload="{_SET.format("svg")}"></svg>',
    f"</style><script>{_SET.format('style')}</script>",
    f'<iframe srcdoc="<script>parent.{_SET.format("iframe")}</script>"></iframe>',
    f'"><script>{_SET.format("quote")}</script><b title="',
)


def _hostile(plan: Assessment) -> Assessment:
    """The reference example with a payload in every kind of text a report shows."""
    text = iter(PAYLOADS * 20)
    phase = plan.phases[0]
    items = tuple(
        attrs.evolve(item, title=next(text), status=Status(item.status.progress, label=next(text)))
        for item in phase.items
    )
    evidence = tuple(
        attrs.evolve(e, text=next(text)) if isinstance(e, remediation.NoteEvidence) else e
        for e in plan.evidence
    )
    assert plan.recommendation is not None
    return attrs.evolve(
        plan,
        title=next(text),
        summary=next(text),
        labels=(next(text),),
        metrics=(attrs.evolve(plan.metrics[0], title=next(text), text=next(text)),),
        why=(attrs.evolve(plan.why[0], question=next(text), finding=next(text)), *plan.why[1:]),
        phases=(
            attrs.evolve(
                phase,
                title=next(text),
                items=items,
                stated_status=Status(Progress.DONE, label=next(text)),
            ),
            *plan.phases[1:],
        ),
        gaps=(attrs.evolve(plan.gaps[0], title=next(text), description=next(text)), *plan.gaps[1:]),
        criteria=(
            attrs.evolve(plan.criteria[0], title=next(text), description=next(text)),
            *plan.criteria[1:],
        ),
        evidence=evidence,
        recommendation=attrs.evolve(plan.recommendation, summary=next(text)),
        extra={"note": next(text)},
    )


def _chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        reason = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must run the browser test, and .ci/run installs it")
        pytest.skip(f"{reason}; CI installs it and runs this test")
    return found


def _dump_dom(page: str, folder: Path) -> str:
    """The DOM of *page* once headless Chromium has loaded it and run what it runs."""
    path = folder / "page.html"
    path.write_text(page, encoding="utf-8")
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={folder / 'profile'}",
        "--virtual-time-budget=2000",
        "--dump-dom",
        path.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert "<body" in done.stdout, done.stderr
    return done.stdout


def _page(*fragments: str) -> str:
    body = "\n".join(fragments)
    return f'<!doctype html>\n<html><head><meta charset="utf-8"></head><body>{body}</body></html>'


def test_the_browser_runs_an_unescaped_payload(tmp_path: Path) -> None:
    """The control: with these flags Chromium does run scripts and handlers."""
    dom = _dump_dom(_page(*PAYLOADS), tmp_path)
    assert [marker for marker in _MARKERS if marker not in dom] == []


def test_no_payload_runs_in_a_browser_and_each_shows_as_text(
    plan: Assessment, tmp_path: Path
) -> None:
    hostile = _hostile(plan)
    result = remediation.evaluate(hostile)
    fragments = [
        remediation.render_html(hostile, result),
        hostile._repr_html_(),
        result._repr_html_(),
        hostile.phases[0]._repr_html_(),
        hostile.criteria[0]._repr_html_(),
        result.phases[0]._repr_html_(),
    ]
    dom = _dump_dom(_page(*fragments), tmp_path)
    assert [marker for marker in _MARKERS if marker in dom] == []
    parsed = _parse(dom.split("<body", 1)[1])
    assert {tag for tag, _ in parsed.tags} <= _ALLOWED_TAGS | {"body"}
    text = "".join(parsed.text)
    for payload in PAYLOADS:
        assert text.count(payload) >= 5, payload


def _attributes(page: _Page) -> list[dict[str, Any]]:
    return [dict(attributes) for _, attributes in page.tags]


def test_user_text_never_reaches_an_attribute(plan: Assessment) -> None:
    page = _parse(remediation.render_html(_hostile(plan)))
    values = {value for attributes in _attributes(page) for value in attributes.values()}
    assert all(value is None or "-ran" not in value for value in values)
    assert html.escape(PAYLOADS[0]) in remediation.render_html(_hostile(plan))


def test_in_ci_a_missing_browser_fails_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser test"):
        _chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        _chromium()
