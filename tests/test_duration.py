"""Calendar durations: parsing people's words and ISO 8601, calendar arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from remediation import Duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 Hours", Duration(hours=4)),
        ("2 Weeks", Duration(weeks=2)),
        ("1 Month", Duration(months=1)),
        ("3d", Duration(days=3)),
        ("1 week 2 days", Duration(weeks=1, days=2)),
        ("1 week, 2 days", Duration(weeks=1, days=2)),
        ("2 days and 3 hours", Duration(days=2, hours=3)),
        ("a month", Duration(months=1)),
        ("an hour", Duration(hours=1)),
        ("two weeks", Duration(weeks=2)),
        ("90 min", Duration(minutes=90)),
        ("1y", Duration(years=1)),
        ("2w3d", Duration(weeks=2, days=3)),
        ("  4 Hours  ", Duration(hours=4)),
    ],
)
def test_parse_words(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT4H", Duration(hours=4)),
        ("P2W", Duration(weeks=2)),
        ("P1M", Duration(months=1)),
        ("PT1M", Duration(minutes=1)),  # M after T is minutes
        ("P1M2DT3H", Duration(months=1, days=2, hours=3)),
        ("P1Y2M3W4DT5H6M", Duration(years=1, months=2, weeks=3, days=4, hours=5, minutes=6)),
        ("p2w", Duration(weeks=2)),
        ("P0D", Duration()),
    ],
)
def test_parse_iso(text: str, expected: Duration) -> None:
    assert parse_duration(text) == expected


def test_duration_parse_is_parse_duration() -> None:
    assert Duration.parse("1 Month") == parse_duration("P1M") == Duration(months=1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "4",
        "hours",
        "4 parsecs",
        "1 week 1 week",  # a unit twice
        "1 day extra",
        "1 month 1",
        "-1 day",
        "1.5 days",
        "P",
        "PT",
        "P1.5D",
        "P-1D",
        "PT4HX",
    ],
)
def test_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration") as info:
        parse_duration(text)
    assert repr(text) in str(info.value)


def test_negative_part_rejected() -> None:
    with pytest.raises(ValueError, match="-1"):
        Duration(days=-1)


@pytest.mark.parametrize(
    ("duration", "iso"),
    [
        (Duration(hours=4), "PT4H"),
        (Duration(weeks=2), "P2W"),
        (Duration(months=1), "P1M"),
        (Duration(minutes=1), "PT1M"),
        (Duration(months=1, days=2, hours=3), "P1M2DT3H"),
        (Duration(years=1, months=2, weeks=3, days=4, hours=5, minutes=6), "P1Y2M3W4DT5H6M"),
        (Duration(), "PT0M"),
    ],
)
def test_isoformat(duration: Duration, iso: str) -> None:
    assert duration.isoformat() == iso
    assert str(duration) == iso


@pytest.mark.parametrize(
    "text", ["4 Hours", "2 Weeks", "1 Month", "3d", "1 week 2 days", "a month", "P1M2DT3H", "P0D"]
)
def test_round_trip(text: str) -> None:
    duration = parse_duration(text)
    assert parse_duration(str(duration)) == duration


def test_is_zero() -> None:
    assert Duration().is_zero
    assert parse_duration("PT0M").is_zero
    assert not Duration(minutes=1).is_zero


def at(text: str) -> dt.datetime:
    """A naive moment from ISO 8601, as the schedule uses them."""
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("start", "text", "expected"),
    [
        ("2025-01-31", "1 month", "2025-02-28"),
        ("2024-01-31", "1 month", "2024-02-29"),  # leap year
        ("2025-03-31", "1 month", "2025-04-30"),
        ("2025-01-31", "3 months", "2025-04-30"),
        ("2024-02-29", "1 year", "2025-02-28"),
        ("2025-03-01T22:00", "4 hours", "2025-03-02T02:00"),  # past midnight
        ("2025-12-31T23:30", "45 min", "2026-01-01T00:15"),  # past the new year
        ("2025-12-25", "2 weeks", "2026-01-08"),
        ("2025-02-24", "1 week", "2025-03-03"),
        ("2025-01-31", "P1M2DT3H", "2025-03-02T03:00"),  # clip to Feb 28, then add
    ],
)
def test_after(start: str, text: str, expected: str) -> None:
    assert parse_duration(text).after(at(start)) == at(expected)


def test_month_end_chain_drifts_to_the_28th() -> None:
    # Adding a month at a time loses the month end once February clips it;
    # adding three months at once keeps it.
    month = Duration(months=1)
    moment = at("2025-01-31")
    chain = []
    for _ in range(3):
        moment = month.after(moment)
        chain.append(moment)
    assert chain == [at("2025-02-28"), at("2025-03-28"), at("2025-04-28")]
    assert Duration(months=3).after(at("2025-01-31")) == at("2025-04-30")


def test_month_end_chain_in_a_leap_year() -> None:
    month = Duration(months=1)
    assert month.after(month.after(at("2024-01-31"))) == at("2024-03-29")


def test_after_keeps_time_zone() -> None:
    start = dt.datetime(2025, 3, 1, 22, tzinfo=dt.UTC)
    assert Duration(hours=4).after(start) == dt.datetime(2025, 3, 2, 2, tzinfo=dt.UTC)


def test_to_relativedelta() -> None:
    delta = parse_duration("P1M2DT3H").to_relativedelta()
    assert (delta.months, delta.days, delta.hours) == (1, 2, 3)
