"""Quantities and units: every figure form parses, reads back the same and renders as written."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs
import pytest

import remediation
from remediation import Bound, Claim, FindingCode, Kind, Quantity, parse_quantity, parse_unit
from remediation.testing import plan

D = Decimal


FORMS = [
    ("54%", Quantity(D(54), "%")),
    ("99.9 %", Quantity(D("99.9"), "%")),
    ("0.9 s", Quantity(D("0.9"), "s")),
    ("13,337", Quantity(D(13337))),
    ("1,000 ms", Quantity(D(1000), "ms")),
    ("15K", Quantity(D(15000))),
    ("about 15K", Quantity(D(15000), approximate=True)),
    ("~15K", Quantity(D(15000), approximate=True)),
    ("1.21B queries", Quantity(D(1210000000), "queries")),
    ("$2M", Quantity(D(2000000), "$")),
    ("$500k", Quantity(D(500000), "$")),
    ("2M USD", Quantity(D(2000000), "USD")),
    ("€1,250.50", Quantity(D("1250.50"), "€")),
    ("1.5x", Quantity(D("1.5"), "x")),
    ("~5x", Quantity(D(5), "x", approximate=True)),
    ("about 5x", Quantity(D(5), "x", approximate=True)),
    ("5–8 validators", Quantity(D(5), "validators", upper=D(8))),
    ("10..20 ms", Quantity(D(10), "ms", upper=D(20))),
    ("5 to 8", Quantity(D(5), upper=D(8))),
    ("at least 3", Quantity(D(3), bound=Bound.AT_LEAST)),
    ("at most $500k", Quantity(D(500000), "$", bound=Bound.AT_MOST)),
    ("< 250 ms", Quantity(D(250), "ms", bound=Bound.LESS_THAN)),
    ("≥ 99.9%", Quantity(D("99.9"), "%", bound=Bound.AT_LEAST)),
    ("more than 20", Quantity(D(20), bound=Bound.MORE_THAN)),
    ("250 ms ± 10%", Quantity(D(250), "ms", tolerance=D(10), tolerance_unit="%")),
    ("250 ms ± 5 ms", Quantity(D(250), "ms", tolerance=D(5))),
    ("43 minutes", Quantity(D(43), "minutes")),
    ("5 requests/s", Quantity(D(5), "requests/s")),
    ("10 GB", Quantity(D(10), "GB")),
    ("-5", Quantity(D(-5))),
]
"""Every figure form the format accepts, with the quantity it reads as."""


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_every_form_parses_reads_back_and_renders_as_written(text: str, expected: Quantity) -> None:
    parsed = parse_quantity(text)
    assert parsed == expected
    assert str(parsed) == text  # renders as written
    assert parse_quantity(str(parsed)) == parsed  # and reads back the same
    built = attrs.evolve(parsed, text="")  # built in code: a canonical text that reads back
    assert parse_quantity(str(built)) == parsed


def test_money_is_a_decimal_with_its_currency() -> None:
    budget = parse_quantity("$0.10")
    assert isinstance(budget.value, Decimal)
    assert budget.value * 3 == D("0.30")  # no float rounding
    assert budget.kind is Kind.MONEY
    assert budget.measure.detail == "USD"
    assert parse_quantity("€5").measure.detail == "EUR"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("8", Kind.COUNT),
        ("8 failures", Kind.COUNT),
        ("54%", Kind.PERCENT),
        ("2 weeks", Kind.DURATION),
        ("$2M", Kind.MONEY),
        ("10 GiB", Kind.SIZE),
        ("3 errors per minute", Kind.RATE),
        ("1.5x", Kind.MULTIPLIER),
        ("1 in 5", Kind.RATIO),
    ],
)
def test_each_figure_has_a_kind(text: str, kind: Kind) -> None:
    assert parse_quantity(text).kind is kind


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("0.9 s", "ms", D(900)),
        ("1,000 ms", "s", D(1)),
        ("2 hours", "min", D(120)),
        ("1 GiB", "MiB", D(1024)),
        ("2 GB", "MB", D(2000)),
        ("60 requests/min", "requests/s", D(1)),
        ("8 failures", "", D(8)),
    ],
)
def test_units_of_one_dimension_convert(text: str, unit: str, expected: Decimal) -> None:
    assert parse_quantity(text).to(unit) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("8", "%"),
        ("54%", "ms"),
        ("$2M", "EUR"),
        ("2 hours", "GB"),
        ("8 failures", "violations"),
        ("1.5x", "%"),
    ],
)
def test_units_of_different_dimensions_never_convert(text: str, unit: str) -> None:
    with pytest.raises(ValueError, match="does not convert"):
        parse_quantity(text).to(unit)
    assert not parse_unit(unit).compares_with(parse_quantity(text).measure)


@pytest.mark.parametrize(
    ("text", "value", "agrees"),
    [
        ("54%", 54, True),
        ("54%", D("54.05"), False),
        ("~15K", 13_337, False),
        ("~15K", 14_000, True),
        ("about 5x", D("5.0625"), True),
        ("about 5x", 4, False),
        ("250 ms ± 10%", 274, True),
        ("250 ms ± 10%", 276, False),
        ("250 ms ± 5 ms", 245, True),
        ("5–8 validators", 6, True),
        ("5–8 validators", 9, False),
        ("at least 3", 3, True),
        ("at least 3", 2, False),
        ("more than 3", 3, False),
        ("< 250 ms", 249, True),
        ("< 250 ms", 250, False),
    ],
)
def test_agreement_within_the_tolerance_stated(text: str, value: float, agrees: bool) -> None:
    assert parse_quantity(text).agrees_with(value) is agrees


def test_the_default_tolerance_of_an_approximation_is_documented() -> None:
    assert parse_quantity("~100").interval() == (D(90), D(110))
    assert parse_quantity("100").interval() == (D(100), D(100))
    assert parse_quantity("at most 5").interval() == (None, D(5))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a number with an optional unit"),
        ("abc", "such as|'54%'"),
        ("p99", "'1.5x'"),
        ("1,00", "not a figure"),
        ("$5 ms", "money takes its currency once"),
        ("10% ± 2 ms", "a tolerance is in percent or in the figure's own unit"),
        ("8–5", "wrong way round"),
        ("at least 5–8", "a range has no bound"),
    ],
)
def test_parse_errors_say_which_forms_are_accepted(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_quantity(text)


def test_the_error_lists_every_form_with_an_example() -> None:
    with pytest.raises(ValueError, match="not a figure") as info:
        parse_quantity("lots")
    for example in ("'54%'", "'$2M'", "'1.5x'", "'5–8 validators'", "'~5x'", "'at least 3'"):
        assert example in str(info.value)


HEADER = "schema_version: 2\nid: plan\nissue: '#1'\ntitle: Plan\ndate: 2025-03-03\n"


@pytest.mark.parametrize("text", [text for text, _ in FORMS])
def test_every_form_in_a_document_round_trips_exactly_and_shows_as_written(text: str) -> None:
    written = text.replace("'", "''")
    document = remediation.loads(
        HEADER + f"claims:\n  - {{id: figure, key: figure, value: '{written}'}}\n", "yaml"
    )
    (claim,) = document.claims
    assert str(claim.value) == text
    for format_ in ("json", "yaml"):
        again = remediation.loads(remediation.dumps(document, format_), format_)
        assert again == document
        assert str(again.claims[0].value) == text  # the document's own spelling, kept
    report = remediation.render_markdown(document, remediation.evaluate(document))
    assert markdown_text(report).count(f"{text} (figure)") == 1


def markdown_text(report: str) -> str:
    """The report with Markdown's escapes undone, to read figures as shown."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>~|$])", r"\1", report)


@pytest.mark.parametrize(
    ("text", "fraction", "approximate"),
    [
        ("1 in 5", "0.2", False),
        ("1 out of 5", "0.2", False),
        ("3:1", "3", False),
        ("~1:4", "0.25", True),
        ("about 1 in 4", "0.25", True),
    ],
)
def test_a_ratio_is_its_fraction_and_written_as_it_was(
    text: str, fraction: str, approximate: bool
) -> None:
    figure = parse_quantity(text)
    assert figure.kind is Kind.RATIO
    assert (figure.value, figure.approximate, str(figure)) == (
        Decimal(fraction),
        approximate,
        text,
    )
    assert parse_quantity(str(figure)) == figure


def test_a_ratio_compares_with_a_percent_and_nothing_else() -> None:
    assert parse_quantity("1 in 5").to("%") == 20
    assert parse_quantity("20%").to("ratio") == Decimal("0.2")
    with pytest.raises(ValueError, match="does not convert"):
        parse_quantity("1 in 5").to("ms")
    with pytest.raises(ValueError, match="cannot be 0"):
        parse_quantity("1 in 0")


def test_claims_stated_as_a_ratio_and_a_percent_agree_within_tolerance() -> None:
    first = Claim(id="a", key="share", value=parse_quantity("about 1 in 3"))
    same = Claim(id="b", key="share", value=parse_quantity("33%"))
    other = Claim(id="c", key="share", value=parse_quantity("50%"))
    result = remediation.evaluate(plan(first, same, date=dt.date(2025, 3, 3)))
    assert result.findings_with(FindingCode.CLAIM_CONFLICT) == ()
    result = remediation.evaluate(plan(first, other, date=dt.date(2025, 3, 3)))
    assert len(result.findings_with(FindingCode.CLAIM_CONFLICT)) == 1
