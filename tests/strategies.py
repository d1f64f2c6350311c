"""Hypothesis strategies that build valid assessments.

One strategy per record; :func:`assessments` composes them. Every record that
can be referenced gets a unique id, and every reference points at a record of
the right kind:

* work items depend only on *earlier* work items (phases first, then next
  steps) and phases only on earlier phases, so dependencies are acyclic;
* why steps name as causes only *later* steps, so the five whys form a DAG
  (a tree when each step has at most one parent);
* items address existing gaps and why steps; gaps block existing items and
  criteria; measured values come from test runs or measurements.

Floats are always finite. Text mixes ASCII, any Unicode (no surrogates) and
emoji, including ZWJ sequences and variation selectors.

Target values are numbers as documents write them (``"<10%"``,
``"p99 <=250 ms"``, ``"99.95"``) or any finite float.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from remediation import (
    Assessment,
    ChecklistEntry,
    CommitEvidence,
    Comparator,
    CountClaim,
    CountSubject,
    Criterion,
    CriterionCategory,
    Decision,
    DocumentEvidence,
    Duration,
    Evidence,
    Gap,
    MeasurementEvidence,
    MetricSource,
    NextStep,
    NoteEvidence,
    Phase,
    Progress,
    RationalePoint,
    Severity,
    StatedRecommendation,
    StateMetric,
    Status,
    Target,
    TestRunEvidence,
    TestRunQuantity,
    WhyStep,
    WorkItem,
    parse_status,
)

__all__ = [
    "EMOJI",
    "assessments",
    "checklist_entries",
    "claims",
    "commit_evidence",
    "criteria",
    "dates",
    "datetimes",
    "document_evidence",
    "durations",
    "evidence",
    "extra_fields",
    "gaps",
    "json_values",
    "measurement_evidence",
    "next_steps",
    "note_evidence",
    "phases",
    "recommendations",
    "state_metrics",
    "status_labels",
    "statuses",
    "targets",
    "test_run_evidence",
    "texts",
    "why_steps",
    "work_items",
]

T = TypeVar("T")

# --------------------------------------------------------------------------- text

EMOJI = (
    "✅", "⚠️", "❌", "🚨", "✔️", "🔥", "🚀", "📈", "🛑", "💥",
    "👩‍💻", "🏳️‍🌈", "👍🏽", "🇫🇷", "1️⃣",
)  # fmt: skip
"""Emoji, some of them several code points (ZWJ sequences, variation selectors, flags)."""

_CHARACTERS = st.characters(codec="utf-8")  # every code point but surrogates
_SPICE = (
    "", *EMOJI, "SSOT", "naïve", "Größe", "日本語", "Ελληνικά", "مرحبا", "→", "\n", "  ",
    "Ã\x85", "\u2028", "\t", "'\"",
)  # fmt: skip


@functools.cache
def texts(*, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Free text: any characters, with an emoji or a non-Latin word in the middle."""
    half = max_size // 2
    return st.builds(
        lambda head, spice, tail: head + spice + tail,
        st.text(_CHARACTERS, min_size=min_size, max_size=max(half, min_size)),
        st.sampled_from(_SPICE),
        st.text(_CHARACTERS, max_size=half),
    )


@functools.cache
def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _text_tuple(max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), max_size=max_size).map(tuple)


_IDS = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.#/é日✅"), min_size=1, max_size=8
) | st.sampled_from(EMOJI)


def _unique_ids(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_IDS, min_size=count, max_size=count, unique=True)


@functools.cache
def _subsets(pool: tuple[str, ...], max_size: int) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(pool), unique=True, max_size=max_size).map(tuple)


def _subset(draw: st.DrawFn, pool: Sequence[str], max_size: int = 3) -> tuple[str, ...]:
    """Some distinct members of *pool*, in drawn order."""
    return draw(_subsets(tuple(pool), max_size)) if pool else ()


# --------------------------------------------------------------------------- plain values

_FINITE = st.floats(allow_nan=False, allow_infinity=False)


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Calendar dates, 1900 to 2200 (the schedule adds centuries of estimates to them)."""
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@functools.cache
def datetimes() -> st.SearchStrategy[dt.datetime]:
    """Moments, naive or with a fixed UTC offset in whole minutes."""
    offsets = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
        lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
    )
    return st.datetimes(
        min_value=dt.datetime(1900, 1, 1),
        max_value=dt.datetime(2200, 1, 1),
        timezones=st.one_of(st.none(), offsets),
    )


@functools.cache
def json_values(*, max_leaves: int = 4) -> st.SearchStrategy[Any]:
    """JSON-compatible values: str, int, finite float, bool, None, lists, str-keyed dicts."""
    scalars = st.none() | st.booleans() | st.integers() | _FINITE | texts(max_size=8)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(texts(max_size=6), inner, max_size=3)
        ),
        max_leaves=max_leaves,
    )


@functools.cache
def extra_fields() -> st.SearchStrategy[dict[str, Any]]:
    """The free-form ``extra`` mapping of a record."""
    return st.dictionaries(texts(min_size=1, max_size=8), json_values(), max_size=2)


# --------------------------------------------------------------------------- status

_MARKS = ("✅", "✔️", "✔", "⚠️", "⚠", "❌", "🚨", "âœ…", "âŒ", "âš ï¸", "ðŸš¨")
"""Status emoji, and as they arrive after a wrong text encoding (mojibake)."""
_PROGRESS_WORDS = (
    "resolved", "created", "partial", "partially resolved", "unresolved", "missing",
    "required", "done", "fixed", "complete", "in progress", "not started", "open",
    "pending", "blocked", "deferred", "accepted", "risk accepted", "not applicable",
    "n/a", "won't fix", "wontfix", "wont_fix",
)  # fmt: skip
_SEVERITY_WORDS = ("critical", "high", "medium", "low", "info")


@functools.cache
@st.composite
def status_labels(draw: st.DrawFn) -> str:
    """A label such as the seed's: ``"✅ **RESOLVED**"``, ``"⚠️ PARTIAL"``, ``"❌ **CRITICAL**"``.

    An optional emoji (possibly mojibake), an optional progress word in any
    case and markdown decoration, and an optional ``" - SEVERITY"``; never
    two progress words, so the label always parses.
    """
    mark = draw(_optional(st.sampled_from(_MARKS)))
    word = draw(_optional(st.sampled_from(_PROGRESS_WORDS + _SEVERITY_WORDS)))
    if mark is None and word is None:
        word = draw(st.sampled_from(_PROGRESS_WORDS))
    parts = [] if mark is None else [mark]
    if word is not None:
        word = draw(st.sampled_from([word, word.upper(), word.title()]))
        parts.append(draw(st.sampled_from(["{}", "**{}**", "`{}`", "_{}_"])).format(word))
        severity = draw(_optional(st.sampled_from(_SEVERITY_WORDS)))
        if severity is not None and word.lower() in _PROGRESS_WORDS:
            parts.append(f"- {severity.upper()}")
    return " ".join(parts)


_FREE_LABELS = (
    "Needs triage", "On hold 🛑", "En cours", "进行中", "Blocked by vendor",
    "Waiting for sign-off ✍️", "§ 4.2 pending review",
)  # fmt: skip
"""Labels no vocabulary knows; a status with such a label states its progress explicitly."""


@functools.cache
@st.composite
def statuses(draw: st.DrawFn) -> Status:
    """A status: parsed from a label, or in mapping form with explicit fields.

    Mapping form comes in three shapes: no label; a label no vocabulary
    knows; a recognised label whose meaning the explicit fields override,
    in any direction (a "CRITICAL" label with no severity, say).
    """
    shape = draw(st.sampled_from(["label", "bare", "free", "override"]))
    if shape == "label":
        return parse_status(draw(status_labels()))
    label = None
    if shape == "free":
        label = draw(st.sampled_from(_FREE_LABELS))
    elif shape == "override":
        label = draw(status_labels())
    return Status(
        progress=draw(st.sampled_from(Progress)),
        severity=draw(_optional(st.sampled_from(Severity))),
        missing=draw(st.booleans()),
        label=label,
    )


# --------------------------------------------------------------------------- durations, targets


@functools.cache
def durations() -> st.SearchStrategy[Duration]:
    """Calendar durations, zero included."""
    part = st.integers(min_value=0, max_value=30)
    return st.builds(
        Duration, years=part, months=part, weeks=part, days=part, hours=part, minutes=part
    )


@functools.cache
def _document_numbers() -> st.SearchStrategy[float]:
    """Numbers as documents write them: at most five significant digits."""
    return st.builds(
        lambda mantissa, places: mantissa / 10**places,
        st.integers(min_value=-99_999, max_value=99_999),
        st.integers(min_value=0, max_value=4),
    )


_UNITS = ("", "%", "ms", "s", "req/s", "errors per day", "GB", "tests")
_PERCENTILES = (None, "p50", "p90", "p95", "p99", "p99.9")


@functools.cache
@st.composite
def targets(draw: st.DrawFn) -> Target:
    """A target: every comparator, ranges, percentiles and units."""
    comparator = draw(st.sampled_from(Comparator))
    numbers = _document_numbers() | _FINITE
    value = draw(numbers)
    upper = None
    if comparator is Comparator.BETWEEN:
        other = draw(numbers)
        value, upper = min(value, other), max(value, other)
    return Target(
        comparator=comparator,
        value=value,
        upper=upper,
        unit=draw(st.sampled_from(_UNITS)),
        percentile=draw(st.sampled_from(_PERCENTILES)),
    )


# --------------------------------------------------------------------------- evidence


def commit_evidence(evidence_id: str) -> st.SearchStrategy[CommitEvidence]:
    """A commit."""
    return st.builds(
        CommitEvidence,
        id=st.just(evidence_id),
        sha=st.text("0123456789abcdef", min_size=7, max_size=40),
        summary=texts(),
        url=_optional(st.just("https://example.org/commit/9c87d9def")),
        extra=extra_fields(),
    )


def test_run_evidence(evidence_id: str) -> st.SearchStrategy[TestRunEvidence]:
    """A test run with counts (possibly none ran) and a stated rate."""
    count = st.integers(min_value=0, max_value=10_000)
    return st.builds(
        TestRunEvidence,
        id=st.just(evidence_id),
        suite=texts(min_size=1),
        failed=count,
        passed=count,
        skipped=count,
        stated_failure_rate=_optional(st.floats(min_value=0, max_value=100)),
        ran_at=_optional(datetimes()),
        source=_optional(texts()),
        extra=extra_fields(),
    )


test_run_evidence.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def document_evidence(evidence_id: str) -> st.SearchStrategy[DocumentEvidence]:
    """A document."""
    return st.builds(
        DocumentEvidence,
        id=st.just(evidence_id),
        title=texts(),
        path=_optional(texts()),
        extra=extra_fields(),
    )


def measurement_evidence(evidence_id: str) -> st.SearchStrategy[MeasurementEvidence]:
    """A measured value."""
    return st.builds(
        MeasurementEvidence,
        id=st.just(evidence_id),
        metric=texts(),
        value=_FINITE,
        unit=st.sampled_from(_UNITS),
        measured_at=_optional(datetimes()),
        note=_optional(texts()),
        extra=extra_fields(),
    )


def note_evidence(evidence_id: str) -> st.SearchStrategy[NoteEvidence]:
    """A note ("Port 8081→8080, Cloud Run ready")."""
    return st.builds(NoteEvidence, id=st.just(evidence_id), text=texts(), extra=extra_fields())


def evidence(evidence_id: str) -> st.SearchStrategy[Evidence]:
    """Evidence of any kind."""
    return st.one_of(
        commit_evidence(evidence_id),
        test_run_evidence(evidence_id),
        document_evidence(evidence_id),
        measurement_evidence(evidence_id),
        note_evidence(evidence_id),
    )


# --------------------------------------------------------------------------- records


@st.composite
def why_steps(
    draw: st.DrawFn, step_id: str, deeper: Sequence[str], evidence_ids: Sequence[str]
) -> WhyStep:
    """A why step whose causes are among the *deeper* (later) steps."""
    return WhyStep(
        id=step_id,
        question=draw(texts()),
        finding=draw(texts()),
        evidence=_subset(draw, evidence_ids),
        causes=_subset(draw, deeper, max_size=2),
        observations=draw(_text_tuple()),
        extra=draw(extra_fields()),
    )


@st.composite
def work_items(
    draw: st.DrawFn,
    item_id: str,
    *,
    earlier: Sequence[str] = (),
    addressable: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
) -> WorkItem:
    """A work item depending only on *earlier* items, addressing gaps or why steps."""
    return WorkItem(
        id=item_id,
        title=draw(texts()),
        status=draw(statuses()),
        kind=draw(_optional(st.sampled_from(["component", "area", "mitigate", "prevent"]))),
        fraction=draw(_optional(st.floats(min_value=0, max_value=1))),
        weight=draw(st.floats(min_value=0, max_value=1e6)),
        evidence=_subset(draw, evidence_ids),
        impact=draw(_optional(texts())),
        requirement=draw(_optional(texts())),
        tasks=draw(_text_tuple()),
        depends_on=_subset(draw, earlier),
        addresses=_subset(draw, addressable),
        estimate=draw(_optional(durations())),
        owner=draw(_optional(texts())),
        due=draw(_optional(dates())),
        links=draw(st.lists(st.just("https://tracker.example/1176"), max_size=1).map(tuple)),
        justification=draw(_optional(texts())),
        extra=draw(extra_fields()),
    )


@st.composite
def phases(
    draw: st.DrawFn, phase_id: str, items: Sequence[WorkItem], earlier: Sequence[str] = ()
) -> Phase:
    """A phase holding *items*, depending only on *earlier* phases."""
    return Phase(
        id=phase_id,
        title=draw(texts()),
        items=tuple(items),
        number=draw(_optional(st.integers(min_value=0, max_value=99))),
        timebox=draw(_optional(durations())),
        stated_status=draw(_optional(statuses())),
        depends_on=_subset(draw, earlier, max_size=2),
        start=draw(_optional(datetimes())),
        due=draw(_optional(dates())),
        extra=draw(extra_fields()),
    )


@st.composite
def next_steps(draw: st.DrawFn, step_id: str, items: Sequence[WorkItem]) -> NextStep:
    """A group of next steps holding *items*."""
    return NextStep(
        id=step_id,
        title=draw(texts()),
        items=tuple(items),
        window=draw(_optional(st.sampled_from(["Week 1", "Week 2-3", "Q3", "Sprint 12"]))),
        priority=draw(_optional(st.sampled_from(["High Priority", "P0", "low"]))),
        extra=draw(extra_fields()),
    )


@st.composite
def gaps(
    draw: st.DrawFn,
    gap_id: str,
    *,
    test_runs: Sequence[str] = (),
    measurements: Sequence[str] = (),
    blockable: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
) -> Gap:
    """A gap, measured by a test run or a measurement if any, with a threshold."""
    measurement = (
        draw(_optional(st.sampled_from([*test_runs, *measurements])))
        if (test_runs or measurements)
        else None
    )
    quantity = (
        draw(_optional(st.sampled_from(TestRunQuantity))) if measurement in test_runs else None
    )
    return Gap(
        id=gap_id,
        title=draw(texts()),
        description=draw(texts()),
        measurement=measurement,
        quantity=quantity,
        threshold=draw(_optional(targets())),
        blocks=_subset(draw, blockable),
        evidence=_subset(draw, evidence_ids),
        extra=draw(extra_fields()),
    )


@st.composite
def criteria(
    draw: st.DrawFn,
    criterion_id: str,
    *,
    test_runs: Sequence[str] = (),
    measurements: Sequence[str] = (),
    evidence_ids: Sequence[str] = (),
) -> Criterion:
    """A metric (current stated, taken from evidence, or unknown), or a yes/no condition."""
    shape = draw(st.sampled_from(["condition", "current", "current_from", "unmeasured"]))
    if shape == "current_from" and not (test_runs or measurements):
        shape = "current"
    current = current_from = observed = None
    if shape == "condition":
        observed = draw(_optional(st.booleans()))
    elif shape == "current":
        current = draw(_FINITE)
    elif shape == "current_from":
        source = draw(st.sampled_from([*test_runs, *measurements]))
        quantity = (
            draw(_optional(st.sampled_from(TestRunQuantity))) if source in test_runs else None
        )
        current_from = MetricSource(evidence=source, quantity=quantity)
    return Criterion(
        id=criterion_id,
        title=draw(texts()),
        category=draw(st.sampled_from(CriterionCategory)),
        target=None if shape == "condition" else draw(targets()),
        baseline=None if shape == "condition" else draw(_optional(_FINITE)),
        current=current,
        current_from=current_from,
        observed=observed,
        stated_met=draw(_optional(st.booleans())),
        window=draw(_optional(durations())),
        evidence=_subset(draw, evidence_ids),
        description=draw(texts()),
        extra=draw(extra_fields()),
    )


def claims(claim_id: str) -> st.SearchStrategy[CountClaim]:
    """A count stated in the prose."""
    return st.builds(
        CountClaim,
        id=st.just(claim_id),
        subject=st.sampled_from(CountSubject),
        value=st.integers(min_value=0, max_value=100),
        quote=texts(),
    )


def checklist_entries(refs: Sequence[str] = ()) -> st.SearchStrategy[ChecklistEntry]:
    """A tracking checklist line referring to some of *refs*."""
    ref_lists = st.lists(st.sampled_from(refs), unique=True, max_size=2) if refs else st.just([])
    return st.builds(ChecklistEntry, text=texts(), checked=st.booleans(), refs=ref_lists)


@functools.cache
def state_metrics() -> st.SearchStrategy[StateMetric]:
    """A line of the current-state metrics."""
    return st.builds(StateMetric, title=texts(), status=statuses(), text=texts())


@functools.cache
def recommendations() -> st.SearchStrategy[StatedRecommendation]:
    """The document's own recommendation."""
    return st.builds(
        StatedRecommendation,
        decision=st.sampled_from(Decision),
        summary=texts(),
        rationale=st.lists(st.builds(RationalePoint, title=texts(), text=texts()), max_size=3),
    )


# --------------------------------------------------------------------------- the document


@st.composite
def assessments(
    draw: st.DrawFn,
    *,
    max_evidence: int = 5,
    max_why: int = 5,
    max_phases: int = 3,
    max_next_steps: int = 2,
    max_items: int = 4,
    max_gaps: int = 3,
    max_criteria: int = 4,
) -> Assessment:
    """A valid assessment: unique ids, references that resolve, no cycles.

    The ``max_*`` knobs bound how many records of each kind are drawn
    (``max_items`` per phase or next-step group).
    """
    n_evidence = draw(st.integers(0, max_evidence))
    n_why = draw(st.integers(0, max_why))
    group_sizes = draw(st.lists(st.integers(0, max_items), max_size=max_phases))
    step_sizes = draw(st.lists(st.integers(0, max_items), max_size=max_next_steps))
    n_gaps = draw(st.integers(0, max_gaps))
    n_criteria = draw(st.integers(0, max_criteria))
    n_claims = draw(st.integers(0, 2))
    n_items = sum(group_sizes) + sum(step_sizes)
    total = 1 + n_evidence + n_why + len(group_sizes) + len(step_sizes) + n_items
    total += n_gaps + n_criteria + n_claims
    pool = iter(draw(_unique_ids(total)))

    def take(count: int) -> list[str]:
        return [next(pool) for _ in range(count)]

    assessment_id = next(pool)
    evidence_ids, why_ids = take(n_evidence), take(n_why)
    phase_ids, step_ids, item_ids = take(len(group_sizes)), take(len(step_sizes)), take(n_items)
    gap_ids, criterion_ids, claim_ids = take(n_gaps), take(n_criteria), take(n_claims)

    records = [draw(evidence(evidence_id)) for evidence_id in evidence_ids]
    test_runs = [e.id for e in records if isinstance(e, TestRunEvidence)]
    measurements = [e.id for e in records if isinstance(e, MeasurementEvidence)]
    why = [
        draw(why_steps(step_id, why_ids[i + 1 :], evidence_ids))
        for i, step_id in enumerate(why_ids)
    ]
    items = [
        draw(
            work_items(
                item_id,
                earlier=item_ids[:i],
                addressable=[*gap_ids, *why_ids],
                evidence_ids=evidence_ids,
            )
        )
        for i, item_id in enumerate(item_ids)
    ]
    held = iter(items)
    plan = [
        draw(phases(phase_id, [next(held) for _ in range(size)], earlier=phase_ids[:i]))
        for i, (phase_id, size) in enumerate(zip(phase_ids, group_sizes, strict=True))
    ]
    steps = [
        draw(next_steps(step_id, [next(held) for _ in range(size)]))
        for step_id, size in zip(step_ids, step_sizes, strict=True)
    ]
    sources = {"test_runs": test_runs, "measurements": measurements, "evidence_ids": evidence_ids}
    gap_records = [
        draw(gaps(gap_id, blockable=[*item_ids, *criterion_ids], **sources)) for gap_id in gap_ids
    ]
    criterion_records = [draw(criteria(criterion_id, **sources)) for criterion_id in criterion_ids]
    every_id = [assessment_id, *evidence_ids, *why_ids, *phase_ids, *step_ids, *item_ids]
    every_id += [*gap_ids, *criterion_ids]
    return Assessment(
        id=assessment_id,
        issue=draw(st.sampled_from(["#1176", "INC-42", "GHSA-xxxx", "POAM-7"])),
        title=draw(texts(min_size=1)),
        date=draw(dates()),
        author=draw(_optional(texts())),
        session=draw(_optional(texts())),
        assessment_type=draw(_optional(texts())),
        stated_status=draw(_optional(statuses())),
        summary=draw(texts()),
        metrics=draw(st.lists(state_metrics(), max_size=3)),
        labels=draw(_text_tuple()),
        related=_subset(draw, evidence_ids),
        why=why,
        phases=plan,
        next_steps=steps,
        gaps=gap_records,
        criteria=criterion_records,
        evidence=records,
        recommendation=draw(_optional(recommendations())),
        claims=[draw(claims(claim_id)) for claim_id in claim_ids],
        tracking=draw(st.lists(checklist_entries(every_id), max_size=3)),
        success_indicators=draw(_text_tuple()),
        links=draw(st.lists(st.just("https://example.org/issues/1176"), max_size=1)),
        extra=draw(extra_fields()),
    )
