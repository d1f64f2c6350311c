"""Status marks: the emoji set before a state (✅ ⚠️ ❌ ...), its meaning and its colors."""

from __future__ import annotations

import re
from collections.abc import Mapping

from remediation.evaluation.results import CriterionState, FindingSeverity, PhaseEvaluation
from remediation.model.status import Progress, Severity, Status, _repair
from remediation.render.blocks import Line, Mark, Text, strong

__all__ = [
    "DONE_MARK",
    "OPEN_MARK",
    "STATE_COLORS",
    "phase_mark",
    "progress_mark",
    "severity_mark",
    "state_mark",
    "status_parts",
]


_PROGRESS_MARKS = {
    Progress.DONE: Mark("✅", "done"),
    Progress.PARTIAL: Mark("⚠️", "partial"),
    Progress.NOT_STARTED: Mark("❌", "open"),
    Progress.ACCEPTED: Mark("☑️", "closed"),
    Progress.DEFERRED: Mark("⏸️", "closed"),
    Progress.NOT_APPLICABLE: Mark("➖", "closed"),
    Progress.WONT_FIX: Mark("🚫", "closed"),
    Progress.DUPLICATE: Mark("⧉", "closed"),
    Progress.SUPERSEDED: Mark("⤴️", "closed"),
    Progress.MOVED: Mark("➡️", "closed"),
    Progress.UNKNOWN: Mark("❔", "unknown"),
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
#: The marks of a thing done and of a thing still open, where no progress applies.
DONE_MARK = Mark("✅", "done")
OPEN_MARK = Mark("❌", "open")


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


def state_mark(state: CriterionState) -> Mark:
    """✅ for a criterion met, ❌ for one unmet, ❔ for one not measured."""
    return _STATE_MARKS[state]


def severity_mark(severity: FindingSeverity) -> Mark:
    """🛑 for an error, ⚠️ for a warning, ℹ️ for information."""
    return _SEVERITY_MARKS[severity]


#: The colors of each state in pictures: fill, stroke and extra Mermaid style.
STATE_COLORS: Mapping[str, tuple[str, str, str]] = {
    "done": ("#dcf5e3", "#1b7a2f", ""),
    "partial": ("#fff4d6", "#9a6700", ""),
    "open": ("#fde4e1", "#b42318", ""),
    "critical": ("#f8c5bf", "#7a0d0d", ",stroke-width:3px"),
    "closed": ("#eceff1", "#57606a", ""),
    "unknown": ("#eceff1", "#57606a", ",stroke-dasharray:5 5"),
    "neutral": ("#eef2f7", "#5c6b7a", ""),
}


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
