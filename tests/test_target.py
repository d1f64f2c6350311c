"""Targets of success criteria: parsing, comparing, direction-aware progress."""

from __future__ import annotations

import attrs
import pytest

from remediation import Comparator, Target, parse_target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<10%", Target(Comparator.LT, 10.0, unit="%")),
        (">90%", Target(Comparator.GT, 90.0, unit="%")),
        (">= 95 %", Target(Comparator.GE, 95.0, unit="%")),
        ("<=5", Target(Comparator.LE, 5.0)),
        ("≤ 5", Target(Comparator.LE, 5.0)),
        ("≥5", Target(Comparator.GE, 5.0)),
        ("0", Target(Comparator.EQ, 0.0)),
        ("=3", Target(Comparator.EQ, 3.0)),
        ("==3", Target(Comparator.EQ, 3.0)),
        ("0 violations", Target(Comparator.EQ, 0.0, unit="violations")),
        ("5 requests/s", Target(Comparator.EQ, 5.0, unit="requests/s")),
        ("10..20 ms", Target(Comparator.BETWEEN, 10.0, upper=20.0, unit="ms")),
        ("10 to 20", Target(Comparator.BETWEEN, 10.0, upper=20.0)),
        ("10–20 ms", Target(Comparator.BETWEEN, 10.0, upper=20.0, unit="ms")),
        ("p99 <250 ms", Target(Comparator.LT, 250.0, unit="ms", percentile="p99")),
        ("p99.9 < 1.5 s", Target(Comparator.LT, 1.5, unit="s", percentile="p99.9")),
        ("p50 10..20 ms", Target(Comparator.BETWEEN, 10.0, 20.0, unit="ms", percentile="p50")),
        ("-5", Target(Comparator.EQ, -5.0)),
        ("1e3 ms", Target(Comparator.EQ, 1000.0, unit="ms")),
    ],
)
def test_parse(text: str, expected: Target) -> None:
    assert parse_target(text) == expected


def test_target_parse_is_parse_target() -> None:
    assert Target.parse("<10%") == parse_target("<10%")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<<10", "not a target"),
        ("", "not a target"),
        ("abc", "not a target"),
        ("<", "not a target"),
        ("10..", "not a target"),
        ("..20", "not a target"),
        ("<10% extra!", "not a target"),
        ("nan", "not a target"),
        (">10..20", "a range takes no comparator"),
        ("20..10", "wrong way round"),
        ("1e400", "finite"),
    ],
)
def test_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_target(text)


def test_percentile_without_threshold_is_rejected() -> None:
    with pytest.raises(ValueError, match="not a target"):
        parse_target("p99")


def test_range_needs_both_bounds() -> None:
    with pytest.raises(ValueError, match="both bounds"):
        Target(Comparator.BETWEEN, 10.0)
    with pytest.raises(ValueError, match="both bounds"):
        Target(Comparator.LT, 10.0, upper=20.0)


@pytest.mark.parametrize(
    ("text", "value", "met"),
    [
        ("<10", 9.99, True),
        ("<10", 10.0, False),
        ("<10", 10.01, False),
        ("<=10", 10.0, True),
        ("<=10", 10.01, False),
        (">90", 90.0, False),
        (">90", 90.5, True),
        (">=90", 90.0, True),
        (">=90", 89.99, False),
        ("0", 0.0, True),
        ("0", 1e-13, True),  # equality within float tolerance
        ("0", 0.01, False),
        ("10..20", 9.99, False),
        ("10..20", 10.0, True),
        ("10..20", 15.0, True),
        ("10..20", 20.0, True),
        ("10..20", 20.01, False),
    ],
)
def test_is_met(text: str, value: float, met: bool) -> None:
    assert parse_target(text).is_met(value) is met


@pytest.mark.parametrize(
    ("text", "baseline", "current", "progress"),
    [
        # lower is better: 54 % failing, target <10 %, now 32 %: half way
        ("<10%", 54.0, 32.0, 0.5),
        ("<10%", 54.0, 43.0, 0.25),
        # higher is better: 0 % passing, target >90 %, now 45 %: half way
        (">90%", 0.0, 45.0, 0.5),
        (">=90", 10.0, 30.0, 0.25),
        # exact targets follow the side the baseline is on
        ("0", 13.0, 6.5, 0.5),
        ("0", -4.0, -2.0, 0.5),
        # worse than the baseline: clamped at 0
        ("<10%", 54.0, 60.0, 0.0),
        (">90%", 10.0, 5.0, 0.0),
        ("0", 13.0, 20.0, 0.0),
        # met: 1, whatever the baseline
        ("<10%", 54.0, 5.0, 1.0),
        (">90%", 0.0, 95.0, 1.0),
        ("<10%", None, 5.0, 1.0),
        ("0", 13.0, 0.0, 1.0),
        # no baseline and unmet: how far it has come is not known
        ("<10%", None, 30.0, None),
        (">90%", None, 89.0, None),
        # a baseline that already met the target says nothing about the way back
        ("<10%", 5.0, 30.0, 0.0),
    ],
)
def test_progress(
    text: str, baseline: float | None, current: float, progress: float | None
) -> None:
    found = parse_target(text).progress(baseline, current)
    assert found == (None if progress is None else pytest.approx(progress))


@pytest.mark.parametrize(
    ("baseline", "current", "progress"),
    [
        (40.0, 30.0, 0.5),  # from above, towards the upper bound 20
        (40.0, 15.0, 1.0),
        (40.0, 50.0, 0.0),
        (0.0, 5.0, 0.5),  # from below, towards the lower bound 10
        (0.0, 10.0, 1.0),
        (0.0, -5.0, 0.0),
        (15.0, 30.0, 0.0),  # baseline inside the range, now outside
    ],
)
def test_progress_towards_a_range(baseline: float, current: float, progress: float) -> None:
    assert parse_target("10..20 ms").progress(baseline, current) == pytest.approx(progress)


@pytest.mark.parametrize(("text", "baseline"), [("<10%", 54.0), (">90%", 0.0)])
def test_progress_below_one_while_unmet_at_a_strict_bound(text: str, baseline: float) -> None:
    target = parse_target(text)
    assert not target.is_met(target.value)
    progress = target.progress(baseline, target.value)
    assert progress is not None
    assert progress < 1.0


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("<10%", "<10%"),
        (">90%", ">90%"),
        (">= 95 %", ">=95%"),
        ("≤ 5", "<=5"),
        ("0", "0"),
        ("==3", "3"),
        ("0 violations", "0 violations"),
        ("10..20 ms", "10..20 ms"),
        ("10 to 20", "10..20"),
        ("p99 <250 ms", "p99 <250 ms"),
        ("p99.9 < 1.5 s", "p99.9 <1.5 s"),
        ("99.95%", "99.95%"),
        ("1e3 ms", "1000 ms"),
        ("<1e-7", "<1e-07"),
    ],
)
def test_str_round_trip(text: str, rendered: str) -> None:
    target = parse_target(text)
    assert str(target) == text  # rendered as written
    assert parse_target(str(target)) == target
    built = attrs.evolve(target, text="")  # built in code: a canonical text
    assert str(built) == rendered
    assert parse_target(str(built)) == target


@pytest.mark.parametrize("text", ["<1234567.5 ms", "<0.1234567"])
def test_str_round_trip_keeps_precision(text: str) -> None:
    target = parse_target(text)
    assert parse_target(str(target)) == target
