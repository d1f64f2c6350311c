"""The status vocabulary: words and emoji, repaired mojibake, progress apart from severity."""

from __future__ import annotations

from pathlib import Path

import pytest

from remediation import Progress, Severity, Status, accepted_status_labels, parse_status

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "issue-1176-status-assessment.md"

NOT_STARTED, PARTIAL, DONE = Progress.NOT_STARTED, Progress.PARTIAL, Progress.DONE

# The status labels of the seed document, repaired, with what each must mean:
# (label, progress, severity, missing).
REPAIRED = [
    ("✅ **RESOLVED**", DONE, None, False),
    ("✅ **CREATED**", DONE, None, False),
    ("⚠️ **PARTIAL**", PARTIAL, None, False),
    ("❌ **UNRESOLVED**", NOT_STARTED, None, False),
    ("❌ **CRITICAL**", NOT_STARTED, Severity.CRITICAL, False),
    ("❌ **MISSING**", NOT_STARTED, None, True),
    ("🚨 Required", NOT_STARTED, Severity.CRITICAL, False),
    ("⚠️ Required", NOT_STARTED, None, False),
    ("✅ Complete", DONE, None, False),
]

# The same labels as the seed's bytes have them: UTF-8 emoji read as Windows-1252.
# Note the no-break space (\xa0) inside the damaged warning sign.
DAMAGED = {
    "âœ… **RESOLVED**": "✅ **RESOLVED**",
    "âœ… **CREATED**": "✅ **CREATED**",
    "âš\xa0ï¸ **PARTIAL**": "⚠️ **PARTIAL**",
    "âŒ **UNRESOLVED**": "❌ **UNRESOLVED**",
    "âŒ **CRITICAL**": "❌ **CRITICAL**",
    "âŒ **MISSING**": "❌ **MISSING**",
    "ðŸš¨ Required": "🚨 Required",
    "âš\xa0ï¸ Required": "⚠️ Required",
    "âœ… Complete": "✅ Complete",
}


def _seed_table_statuses(text: str) -> dict[str, str]:
    """The status cell of every row of the seed's component tables, by component."""
    cells: dict[str, str] = {}
    for line in text.splitlines():
        columns = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(columns) == 3 and "**" in columns[1]:
            cells[columns[0]] = columns[1]
    return cells


def _seed_phase_statuses(text: str) -> dict[str, str]:
    """The mark and word before each "**Phase N ...**" heading, by phase number."""
    marks: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("### ") and "**Phase " in line:
            mark, _, rest = line.removeprefix("### ").partition(" **Phase ")
            number, word = rest.split()[:2]
            marks[number] = f"{mark} {word}"
    return marks


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed document not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(("label", "progress", "severity", "missing"), REPAIRED)
def test_repaired_labels(
    label: str, progress: Progress, severity: Severity | None, missing: bool
) -> None:
    status = parse_status(label)
    assert status == Status(progress=progress, severity=severity, missing=missing, label=label)


@pytest.mark.parametrize(("damaged", "repaired"), DAMAGED.items())
def test_damaged_labels_mean_what_repaired_ones_do(damaged: str, repaired: str) -> None:
    status = parse_status(damaged)
    expected = parse_status(repaired)
    assert (status.progress, status.severity, status.missing) == (
        expected.progress,
        expected.severity,
        expected.missing,
    )
    assert status.label == damaged  # the author's label is kept as written


def test_seed_table_cells_are_the_damaged_labels(seed_text: str) -> None:
    assert _seed_table_statuses(seed_text) == {
        "Auth Service Deployment": "âœ… **RESOLVED**",
        "Test Discovery": "âœ… **RESOLVED**",
        "Test Infrastructure": "âœ… **CREATED**",
        "SSOT Violations": "âš\xa0ï¸ **PARTIAL**",
        "Factory Pattern Conflicts": "âŒ **UNRESOLVED**",
        "MessageRouter Fragmentation": "âŒ **UNRESOLVED**",
        "WebSocket Interface Mismatches": "âŒ **UNRESOLVED**",
        "Service Authentication": "âŒ **CRITICAL**",
        "Infrastructure Reliability Ownership": "âŒ **MISSING**",
        "Business Impact Escalation": "âŒ **MISSING**",
        "Systematic Migration Strategy": "âŒ **MISSING**",
    }


def test_seed_table_cells_parse(seed_text: str) -> None:
    parsed = {}
    for component, cell in _seed_table_statuses(seed_text).items():
        status = parse_status(cell)
        assert status.label == cell
        parsed[component] = (status.progress, status.severity, status.missing)
    assert parsed == {
        "Auth Service Deployment": (DONE, None, False),
        "Test Discovery": (DONE, None, False),
        "Test Infrastructure": (DONE, None, False),
        "SSOT Violations": (PARTIAL, None, False),
        "Factory Pattern Conflicts": (NOT_STARTED, None, False),
        "MessageRouter Fragmentation": (NOT_STARTED, None, False),
        "WebSocket Interface Mismatches": (NOT_STARTED, None, False),
        "Service Authentication": (NOT_STARTED, Severity.CRITICAL, False),
        "Infrastructure Reliability Ownership": (NOT_STARTED, None, True),
        "Business Impact Escalation": (NOT_STARTED, None, True),
        "Systematic Migration Strategy": (NOT_STARTED, None, True),
    }


def test_seed_phase_headings_parse(seed_text: str) -> None:
    marks = _seed_phase_statuses(seed_text)
    assert marks == {
        "1": "âœ… Complete",
        "2": "âš\xa0ï¸ Required",
        "3": "ðŸš¨ Required",
    }
    parsed = {number: parse_status(mark) for number, mark in marks.items()}
    assert {n: (s.progress, s.severity) for n, s in parsed.items()} == {
        "1": (DONE, None),
        "2": (NOT_STARTED, None),
        "3": (NOT_STARTED, Severity.CRITICAL),
    }
    assert parsed["2"].label == "âš\xa0ï¸ Required"


def test_critical_is_severity_not_progress() -> None:
    critical = parse_status("❌ **CRITICAL**")
    unresolved = parse_status("❌ **UNRESOLVED**")
    assert critical.progress is unresolved.progress is NOT_STARTED
    assert critical.severity is Severity.CRITICAL
    assert unresolved.severity is None
    assert not critical.missing


def test_missing_is_open_without_severity() -> None:
    missing = parse_status("❌ **MISSING**")
    assert missing.progress is NOT_STARTED
    assert missing.missing is True
    assert missing.severity is None
    assert not missing.is_closed


def test_severity_word_alone_is_open_work() -> None:
    assert parse_status("CRITICAL") == Status(NOT_STARTED, Severity.CRITICAL, label="CRITICAL")


def test_severity_combines_with_closed_progress() -> None:
    status = parse_status("Deferred - High")
    assert (status.progress, status.severity) == (Progress.DEFERRED, Severity.HIGH)


@pytest.mark.parametrize(
    ("label", "progress"),
    [
        ("⚠️", PARTIAL),  # an emoji alone decides
        ("⚠️ REQUIRED", NOT_STARTED),  # words decide over emoji
        ("✅", DONE),
        ("❌", NOT_STARTED),
        ("Partially Resolved", PARTIAL),
        ("in-progress", PARTIAL),
        ("**done**", DONE),
        ("`Not Started`", NOT_STARTED),
    ],
)
def test_words_and_emoji(label: str, progress: Progress) -> None:
    assert parse_status(label).progress is progress


@pytest.mark.parametrize(
    ("label", "progress"),
    [
        ("accepted", Progress.ACCEPTED),
        ("Risk Accepted", Progress.ACCEPTED),
        ("deferred", Progress.DEFERRED),
        ("not applicable", Progress.NOT_APPLICABLE),
        ("N/A", Progress.NOT_APPLICABLE),
        ("won't fix", Progress.WONT_FIX),
        ("Won't-Fix", Progress.WONT_FIX),
        ("wontfix", Progress.WONT_FIX),
    ],
)
def test_closed_without_fix_words(label: str, progress: Progress) -> None:
    status = parse_status(label)
    assert status.progress is progress
    assert status.is_closed
    assert not status.is_done


@pytest.mark.parametrize(
    ("progress", "closed", "without_fix"),
    [
        (Progress.NOT_STARTED, False, False),
        (Progress.PARTIAL, False, False),
        (Progress.DONE, True, False),
        (Progress.ACCEPTED, True, True),
        (Progress.DEFERRED, True, True),
        (Progress.NOT_APPLICABLE, True, True),
        (Progress.WONT_FIX, True, True),
        (Progress.DUPLICATE, True, True),
        (Progress.SUPERSEDED, True, True),
        (Progress.MOVED, True, True),
        (Progress.UNKNOWN, False, False),
    ],
)
def test_progress_closed(progress: Progress, closed: bool, without_fix: bool) -> None:
    assert progress.is_closed is closed
    assert progress.is_closed_without_fix is without_fix


def test_every_progress_is_classified() -> None:
    assert {p for p in Progress if p.is_closed_without_fix} == {
        Progress.ACCEPTED,
        Progress.DEFERRED,
        Progress.NOT_APPLICABLE,
        Progress.WONT_FIX,
        Progress.DUPLICATE,
        Progress.SUPERSEDED,
        Progress.MOVED,
    }


def test_status_parse_is_parse_status() -> None:
    assert Status.parse("⚠️ **PARTIAL**") == parse_status("⚠️ **PARTIAL**")


def test_str_renders_the_label_or_the_parts() -> None:
    assert str(parse_status("âŒ **CRITICAL**")) == "âŒ **CRITICAL**"
    assert str(Status(NOT_STARTED, Severity.CRITICAL)) == "not_started (critical)"
    assert str(Status(DONE)) == "done"


@pytest.mark.parametrize(
    "label", ["banana", "resolved banana", "Phase 1 complete", "", "   ", "**"]
)
def test_unknown_label_raises_listing_accepted_labels(label: str) -> None:
    with pytest.raises(ValueError, match="unknown status") as info:
        parse_status(label)
    message = str(info.value)
    assert repr(label) in message
    assert "expected one of: " in message
    for accepted in ("resolved", "partial", "missing", "critical", "won't fix", "✅", "🚨"):
        assert accepted in message.partition("expected one of: ")[2]


def test_accepted_labels_are_sorted_and_cover_the_seed() -> None:
    labels = accepted_status_labels()
    assert list(labels) == sorted(labels)
    for word in ("resolved", "created", "partial", "unresolved", "critical", "missing", "required"):
        assert word in labels
    for emoji in ("✅", "⚠️", "❌", "🚨"):
        assert emoji in labels


@pytest.mark.parametrize(
    ("label", "first", "second"),
    [
        ("resolved, unresolved", "done", "not_started"),
        ("RESOLVED UNRESOLVED", "done", "not_started"),
        ("done / open", "done", "not_started"),
        ("partial - complete", "partial", "done"),
        ("accepted, resolved", "accepted", "done"),
    ],
)
def test_contradictory_words_raise(label: str, first: str, second: str) -> None:
    with pytest.raises(ValueError, match="says both") as info:
        parse_status(label)
    assert f"{first!r} and {second!r}" in str(info.value)


@pytest.mark.parametrize("label", ["critical, low", "CRITICAL HIGH"])
def test_contradictory_severities_raise(label: str) -> None:
    with pytest.raises(ValueError, match=label):
        parse_status(label)


@pytest.mark.parametrize("label", ["✅ ❌", "⚠️ ✅"])
def test_contradicting_marks_raise(label: str) -> None:
    with pytest.raises(ValueError, match="contradicting marks"):
        parse_status(label)
