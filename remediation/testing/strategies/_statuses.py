"""Strategies for statuses: labels as documents write them, and statuses in mapping form."""

from __future__ import annotations

import functools
from collections.abc import Collection

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from remediation.model.status import Progress, Severity, Status, parse_status
from remediation.testing.strategies._values import _optional

__all__ = ["status_labels", "statuses"]


_MARKS = ("✅", "✔️", "✔", "⚠️", "⚠", "❌", "🚨", "âœ…", "âŒ", "âš ï¸", "ðŸš¨")
"""Status emoji, and as they arrive after a wrong text encoding (mojibake)."""
_PROGRESS_WORDS = (
    "resolved", "created", "partial", "partially resolved", "unresolved", "missing",
    "required", "done", "fixed", "complete", "in progress", "not started", "open",
    "pending", "blocked", "deferred", "accepted", "risk accepted", "not applicable",
    "n/a", "won't fix", "wontfix", "wont_fix", "duplicate", "superseded", "moved",
    "unknown", "not stated",
)  # fmt: skip
_SEVERITY_WORDS = ("critical", "high", "medium", "low", "info")


def _progress_set(progress: Progress | Collection[Progress] | None) -> frozenset[Progress]:
    if progress is None:
        return frozenset(Progress)
    allowed = frozenset([progress] if isinstance(progress, Progress) else progress)
    if not allowed or not all(isinstance(p, Progress) for p in allowed):
        msg = f"progress: expected a Progress or a non-empty collection of them, got {progress!r}"
        raise InvalidArgument(msg)
    return allowed


def status_labels(
    *, progress: Progress | Collection[Progress] | None = None
) -> st.SearchStrategy[str]:
    """A label such as the seed's: ``"✅ **RESOLVED**"``, ``"⚠️ PARTIAL"``, ``"❌ **CRITICAL**"``.

    An optional emoji (possibly mojibake), an optional word in any case and
    markdown decoration, and an optional ``" - SEVERITY"``; never two
    progress words, so the label always parses. With *progress*, the label
    parses to that progress (or to one of those).
    """
    return _status_labels(_progress_set(progress))


@functools.cache
def _status_labels(allowed: frozenset[Progress]) -> st.SearchStrategy[str]:
    def progress_of(label: str) -> Progress:
        return parse_status(label).progress

    words = tuple(w for w in _PROGRESS_WORDS if progress_of(w) in allowed)

    @st.composite
    def labels(draw: st.DrawFn) -> str:
        mark = draw(_optional(st.sampled_from(_MARKS)))
        # Words decide progress over emoji; a severity word alone leaves it to the
        # mark (or to "not started" without one).
        implied = Progress.NOT_STARTED if mark is None else progress_of(mark)
        choices = words + (_SEVERITY_WORDS if implied in allowed else ())
        if mark is not None and implied in allowed:
            word = draw(_optional(st.sampled_from(choices)))
        else:
            word = draw(st.sampled_from(choices))
        parts = [] if mark is None else [mark]
        if word is not None:
            word = draw(st.sampled_from([word, word.upper(), word.title()]))
            parts.append(draw(st.sampled_from(["{}", "**{}**", "`{}`", "_{}_"])).format(word))
            severity = draw(_optional(st.sampled_from(_SEVERITY_WORDS)))
            if severity is not None and word.lower() in _PROGRESS_WORDS:
                parts.append(f"- {severity.upper()}")
        return " ".join(parts)

    return labels()


_FREE_LABELS = (
    "Needs triage", "On hold 🛑", "En cours", "进行中", "Blocked by vendor",
    "Waiting for sign-off ✍️", "§ 4.2 pending review",
)  # fmt: skip
"""Labels no vocabulary knows; a status with such a label states its progress explicitly."""


def statuses(
    *, progress: Progress | Collection[Progress] | None = None
) -> st.SearchStrategy[Status]:
    """A status: parsed from a label, or in mapping form with explicit fields.

    Mapping form comes in three shapes: no label; a label no vocabulary
    knows; a recognised label whose meaning the explicit fields override,
    in any direction (a "CRITICAL" label with no severity, say). With
    *progress*, every status has that progress (or one of those).
    """
    return _statuses(_progress_set(progress))


@functools.cache
def _statuses(allowed: frozenset[Progress]) -> st.SearchStrategy[Status]:
    progresses = st.sampled_from([p for p in Progress if p in allowed])

    @st.composite
    def build(draw: st.DrawFn) -> Status:
        shape = draw(st.sampled_from(["label", "bare", "free", "override"]))
        if shape == "label":
            return parse_status(draw(_status_labels(allowed)))
        label = None
        if shape == "free":
            label = draw(st.sampled_from(_FREE_LABELS))
        elif shape == "override":
            label = draw(status_labels())
        return Status(
            progress=draw(progresses),
            severity=draw(_optional(st.sampled_from(Severity))),
            missing=draw(st.booleans()),
            label=label,
        )

    return build()
