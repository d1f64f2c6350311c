"""The status vocabulary: progress, severity and closed-without-fix states.

A status label such as ``"❌ **CRITICAL**"`` carries two independent things:
how far the work is (*progress*) and how much it matters (*severity*).
:func:`parse_status` separates them and keeps the author's label for rendering.
"""

from __future__ import annotations

import enum
import re

import attrs

__all__ = ["Progress", "Severity", "Status", "accepted_status_labels", "parse_status"]


class Progress(enum.Enum):
    """How far a piece of work is.

    ``DONE`` is fixed; ``ACCEPTED``, ``DEFERRED``, ``NOT_APPLICABLE``,
    ``WONT_FIX``, ``DUPLICATE``, ``SUPERSEDED`` and ``MOVED`` are closed
    *without* a fix: they earn no credit, and only done work satisfies a
    dependency (see ``docs/evaluation.md``). ``UNKNOWN`` is a status the
    document does not state: open, earning nothing, and counted apart in the
    evaluation's status coverage.
    """

    NOT_STARTED = "not_started"
    PARTIAL = "partial"
    DONE = "done"
    ACCEPTED = "accepted"
    DEFERRED = "deferred"
    NOT_APPLICABLE = "not_applicable"
    WONT_FIX = "wont_fix"
    DUPLICATE = "duplicate"
    SUPERSEDED = "superseded"
    MOVED = "moved"
    UNKNOWN = "unknown"

    # Members are singletons compared by identity; hashing them by identity too
    # (instead of Enum's hash of the name, a Python call) makes the lookups of
    # an evaluation, one or more per work item, a C-level operation.
    __hash__ = object.__hash__

    @property
    def is_closed(self) -> bool:
        """Whether nothing more will be done: fixed or closed without a fix."""
        return self not in _OPEN

    @property
    def is_known(self) -> bool:
        """Whether the document states it: everything but ``UNKNOWN``."""
        return self is not Progress.UNKNOWN

    @property
    def is_closed_without_fix(self) -> bool:
        """Whether the work was closed without being done."""
        return self.is_closed and self is not Progress.DONE


_OPEN = frozenset({Progress.NOT_STARTED, Progress.PARTIAL, Progress.UNKNOWN})


class Severity(enum.Enum):
    """How much an open piece of work matters, most severe first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    __hash__ = object.__hash__  # as Progress: identity, without a Python call

    @property
    def rank(self) -> int:
        """0 for the most severe."""
        return _SEVERITY_ORDER.index(self)


_SEVERITY_ORDER = list(Severity)


@attrs.frozen
class Status:
    """A parsed status.

    Attributes:
        progress: How far the work is.
        severity: How much it matters, where the label says so ("CRITICAL").
        missing: The subject of the work does not exist yet ("MISSING").
        label: The author's original label, kept for rendering; ``None`` when
            the status was built in code.
    """

    progress: Progress
    severity: Severity | None = None
    missing: bool = False
    label: str | None = None

    @classmethod
    def parse(cls, label: str) -> Status:
        """Parse a label: see :func:`parse_status`."""
        return parse_status(label)

    @property
    def is_done(self) -> bool:
        """Whether the work is fixed."""
        return self.progress is Progress.DONE

    @property
    def is_closed(self) -> bool:
        """Whether the work is fixed or closed without a fix."""
        return self.progress.is_closed

    def __str__(self) -> str:
        if self.label is not None:
            return self.label
        return (
            self.progress.value
            if self.severity is None
            else (f"{self.progress.value} ({self.severity.value})")
        )


# Mojibake: UTF-8 emoji read as Windows-1252, with the bytes that code page
# lacks dropped, as in the seed document.
_MOJIBAKE = {
    "âœ…": "✅",
    "âŒ": "❌",
    "âš ï¸": "⚠️",
    "âš\xa0ï¸": "⚠️",
    "ðŸš¨": "🚨",
    "âš ": "⚠️",
}

# word -> (progress or None, severity or None, missing)
_WORDS: dict[str, tuple[Progress | None, Severity | None, bool]] = {
    "done": (Progress.DONE, None, False),
    "resolved": (Progress.DONE, None, False),
    "fixed": (Progress.DONE, None, False),
    "complete": (Progress.DONE, None, False),
    "completed": (Progress.DONE, None, False),
    "created": (Progress.DONE, None, False),
    "deployed": (Progress.DONE, None, False),
    "remediated": (Progress.DONE, None, False),
    "closed": (Progress.DONE, None, False),
    "mitigated": (Progress.DONE, None, False),
    "partial": (Progress.PARTIAL, None, False),
    "partially resolved": (Progress.PARTIAL, None, False),
    "partially complete": (Progress.PARTIAL, None, False),
    "in progress": (Progress.PARTIAL, None, False),
    "ongoing": (Progress.PARTIAL, None, False),
    "started": (Progress.PARTIAL, None, False),
    "unresolved": (Progress.NOT_STARTED, None, False),
    "open": (Progress.NOT_STARTED, None, False),
    "not started": (Progress.NOT_STARTED, None, False),
    "todo": (Progress.NOT_STARTED, None, False),
    "to do": (Progress.NOT_STARTED, None, False),
    "planned": (Progress.NOT_STARTED, None, False),
    "required": (Progress.NOT_STARTED, None, False),
    "pending": (Progress.NOT_STARTED, None, False),
    "blocked": (Progress.NOT_STARTED, None, False),
    "missing": (Progress.NOT_STARTED, None, True),
    "critical": (None, Severity.CRITICAL, False),
    "high": (None, Severity.HIGH, False),
    "medium": (None, Severity.MEDIUM, False),
    "low": (None, Severity.LOW, False),
    "info": (None, Severity.INFO, False),
    "informational": (None, Severity.INFO, False),
    "accepted": (Progress.ACCEPTED, None, False),
    "risk accepted": (Progress.ACCEPTED, None, False),
    "deferred": (Progress.DEFERRED, None, False),
    "not applicable": (Progress.NOT_APPLICABLE, None, False),
    "n/a": (Progress.NOT_APPLICABLE, None, False),
    "wont fix": (Progress.WONT_FIX, None, False),
    "won't fix": (Progress.WONT_FIX, None, False),
    "wontfix": (Progress.WONT_FIX, None, False),
    "duplicate": (Progress.DUPLICATE, None, False),
    "superseded": (Progress.SUPERSEDED, None, False),
    "moved": (Progress.MOVED, None, False),
    "transferred": (Progress.MOVED, None, False),
    "unknown": (Progress.UNKNOWN, None, False),
    "not stated": (Progress.UNKNOWN, None, False),
    "unstated": (Progress.UNKNOWN, None, False),
    "tbd": (Progress.UNKNOWN, None, False),
}
for _progress in Progress:
    _WORDS.setdefault(_progress.value.replace("_", " "), (_progress, None, False))
    _WORDS.setdefault(_progress.value, (_progress, None, False))

# Emoji are weaker than words: "⚠️ REQUIRED" is not started, "⚠️" alone is partial.
_EMOJI: dict[str, tuple[Progress | None, Severity | None]] = {
    "✅": (Progress.DONE, None),
    "✔️": (Progress.DONE, None),
    "✔": (Progress.DONE, None),
    "⚠️": (Progress.PARTIAL, None),
    "⚠": (Progress.PARTIAL, None),
    "❌": (Progress.NOT_STARTED, None),
    "🚨": (Progress.NOT_STARTED, Severity.CRITICAL),
}

_DECORATION = re.compile(r"[*_`~\[\]()]+")


def accepted_status_labels() -> tuple[str, ...]:
    """Every word and emoji :func:`parse_status` accepts, sorted."""
    return tuple(sorted({*_WORDS, *_EMOJI}))


def _repair(label: str) -> str:
    for broken, emoji in _MOJIBAKE.items():
        label = label.replace(broken, emoji)
    try:
        return label.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return label


def parse_status(label: str) -> Status:
    """Parse a status label, words and emoji alike.

    Markdown decoration and case are ignored; emoji damaged by a wrong text
    encoding (``"âœ…"``) are repaired. Words decide progress over emoji, so
    ``"⚠️ REQUIRED"`` is not started. A severity word alone ("CRITICAL") is an
    open item of that severity.

    Raises:
        ValueError: The label holds no known word or emoji, or words that
            contradict each other.

    Examples:
        >>> parse_status("❌ **CRITICAL**")
        Status(progress=<Progress.NOT_STARTED: 'not_started'>, severity=<Severity.CRITICAL: 'critical'>, missing=False, label='❌ **CRITICAL**')
        >>> parse_status("âœ… **CREATED**").progress
        <Progress.DONE: 'done'>
    """  # noqa: E501
    text = _repair(label)
    emoji_progress: Progress | None = None
    emoji_severity: Severity | None = None
    for emoji, (progress, marked) in _EMOJI.items():
        if emoji in text:
            text = text.replace(emoji, " ")
            if emoji_progress is not None and progress is not emoji_progress:
                msg = f"status {label!r} has contradicting marks ({emoji} and another)"
                raise ValueError(msg)
            emoji_progress = progress
            emoji_severity = emoji_severity or marked
    severity: Severity | None = None
    words = " ".join(_DECORATION.sub(" ", text).replace("\ufe0f", " ").lower().split())
    word_progress: Progress | None = None
    missing = False
    unknown: list[str] = []
    for phrase in re.split(r"\s*[-,;:/|]\s+|\s+[-,;:/|]\s*|\s*,\s*", words):
        if not phrase:
            continue
        found = _WORDS.get(phrase) or _WORDS.get(phrase.replace("-", " "))
        if found is None:
            tokens = phrase.split()
            parts = [_WORDS.get(t) for t in tokens]
            if any(p is None for p in parts):
                unknown.append(phrase)
                continue
            combined = [p for p in parts if p is not None]
        else:
            combined = [found]
        for progress, word_severity, word_missing in combined:
            if progress is not None:
                if word_progress is not None and word_progress is not progress:
                    msg = (
                        f"status {label!r} says both {word_progress.value!r} and {progress.value!r}"
                    )
                    raise ValueError(msg)
                word_progress = progress
            if word_severity is not None:
                if severity is not None and severity is not word_severity:
                    msg = (
                        f"status {label!r} says both {severity.value!r} and {word_severity.value!r}"
                    )
                    raise ValueError(msg)
                severity = word_severity
            missing = missing or word_missing
    severity = severity or emoji_severity
    if unknown or (word_progress is None and emoji_progress is None and severity is None):
        what = ", ".join(repr(u) for u in unknown) if unknown else "nothing"
        msg = f"unknown status {label!r} (found {what}); expected one of: " + ", ".join(
            accepted_status_labels()
        )
        raise ValueError(msg)
    progress = word_progress or emoji_progress or Progress.NOT_STARTED
    return Status(progress=progress, severity=severity, missing=missing, label=label)
