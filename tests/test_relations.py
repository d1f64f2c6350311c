"""Relations: arithmetic the document asserts between its figures, checked within tolerance."""

from __future__ import annotations

import datetime as dt

import pytest

import remediation
from remediation import Claim, FindingCode, Relation, RelationKind, parse_quantity
from remediation.testing import plan

DAY = dt.date(2025, 3, 3)


def claim(claim_id: str, value: str, quote: str = "") -> Claim:
    return Claim(id=claim_id, value=parse_quantity(value), quote=quote)


def mismatches(*records: object) -> list[str]:
    result = remediation.evaluate(plan(*records, date=DAY))
    return [f.message for f in result.findings_with(FindingCode.RELATION_MISMATCH)]


def product(result: str, *factors: str) -> Relation:
    return Relation(id="r", kind=RelationKind.PRODUCT, result=result, of=factors)


def test_stages_times_cost_is_the_total() -> None:
    records = (claim("stages", "4"), claim("per-stage", "$500k"), claim("total", "$2M"))
    assert mismatches(*records, product("total", "stages", "per-stage")) == []
    wrong = (claim("stages", "4"), claim("per-stage", "$500k"), claim("total", "$2.5M", "$2.5M"))
    assert mismatches(*wrong, product("total", "stages", "per-stage")) == [
        "relation 'r' (product): 4 × $500k = $2000000, but the document states $2.5M ('$2.5M')"
    ]


def test_stage_multipliers_compound_to_about_the_total() -> None:
    stage, about = claim("stage", "1.5x"), claim("overall", "about 5x")
    assert mismatches(stage, about, product("overall", *["stage"] * 4)) == []  # 5.0625x
    exact = claim("overall", "5x")
    (message,) = mismatches(stage, exact, product("overall", *["stage"] * 4))
    assert "1.5x × 1.5x × 1.5x × 1.5x = 5.0625x" in message


def test_a_split_of_a_total_gives_each_part_its_share() -> None:
    records = (claim("budget", "$2M"), claim("dev", "$1M"), claim("ops", "$1.2M", "$1.2M ops"))
    split = Relation(
        id="split",
        kind=RelationKind.SHARES,
        result="budget",
        of=("dev", "ops"),
        shares=(parse_quantity("50%"), parse_quantity("50%")),
        quote="a 50/50 split of $2M",
    )
    assert mismatches(*records, split) == [
        (
            "relation 'split' (shares): 50% of $2M = $1000000, but the document states $1.2M "
            "('$1.2M ops')"
        )
    ]


def test_parts_sum_to_their_total_in_its_unit() -> None:
    records = (claim("a", "500 ms"), claim("b", "1.5 s"), claim("total", "2 s"))
    relation = Relation(id="r", kind=RelationKind.SUM, result="total", of=("a", "b"))
    assert mismatches(*records, relation) == []
    off = (claim("a", "500 ms"), claim("b", "1.5 s"), claim("total", "3 s"))
    assert mismatches(*off, relation) == [
        "relation 'r' (sum): 500 ms + 1.5 s = 2 s, but the document states 3 s"
    ]


@pytest.mark.parametrize(("rate", "holds"), [("80%", True), ("~75%", True), ("10%", False)])
def test_a_rate_is_failures_over_runs(rate: str, holds: bool) -> None:
    records = (claim("failed", "8 runs"), claim("runs", "10 runs"), claim("rate", rate))
    relation = Relation(id="r", kind=RelationKind.RATIO, result="rate", of=("failed", "runs"))
    assert (mismatches(*records, relation) == []) is holds


def test_a_long_derived_figure_is_shown_rounded_beside_the_stated_one() -> None:
    records = (claim("accepted", "141"), claim("significant", "149"), claim("share", "94%"))
    relation = Relation(
        id="r", kind=RelationKind.RATIO, result="share", of=("accepted", "significant")
    )
    assert mismatches(*records, relation) == [
        "relation 'r' (ratio): 141 / 149 = 94.63%, but the document states 94%"
    ]


@pytest.mark.parametrize(
    "records",
    [
        (claim("a", "$1M"), claim("b", "€1M"), claim("total", "$5M")),  # dollars and euros
        (claim("a", "5–8"), claim("b", "1"), claim("total", "100")),  # a range: unknown
    ],
)
def test_what_cannot_be_computed_is_not_a_finding(records: tuple[Claim, ...]) -> None:
    relation = Relation(id="r", kind=RelationKind.SUM, result="total", of=("a", "b"))
    assert mismatches(*records, relation) == []


def test_a_relation_naming_an_unknown_claim_is_refused_with_its_ids() -> None:
    with pytest.raises(ValueError, match="relation 'r' names claim 'nope'"):
        plan(
            claim("total", "1"),
            Relation(id="r", kind=RelationKind.SUM, result="total", of=("nope",)),
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": RelationKind.SUM, "of": ()}, "relates nothing"),
        ({"kind": RelationKind.RATIO, "of": ("a",)}, "numerator and a denominator"),
        ({"kind": RelationKind.SHARES, "of": ("a",)}, "'shares' go with"),
        ({"kind": RelationKind.SUM, "of": ("a",), "shares": ("50%",)}, "'shares' go with"),
    ],
)
def test_a_relation_says_what_it_needs(fields: dict[str, object], message: str) -> None:
    if "shares" in fields:
        fields["shares"] = tuple(parse_quantity(s) for s in fields["shares"])  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=message):
        Relation(id="r", result="t", **fields)  # type: ignore[arg-type]


def test_relations_round_trip() -> None:
    records = (
        claim("budget", "$2M"),
        claim("dev", "$1M"),
        Relation(
            id="split",
            kind=RelationKind.SHARES,
            result="budget",
            of=("dev",),
            shares=(parse_quantity("50%"),),
        ),
    )
    document = plan(*records, date=DAY)
    assert remediation.loads(remediation.dumps(document)) == document


def test_a_document_naming_an_unknown_claim_is_refused() -> None:
    text = (
        "schema_version: 2\nid: p\nissue: '#1'\ntitle: T\ndate: 2025-03-03\n"
        "claims: [{id: t, value: 1}]\nrelations: [{id: r, kind: sum, result: t, of: [nope]}]\n"
    )
    with pytest.raises(remediation.exceptions.PlanValidationError) as info:
        remediation.loads(text, "yaml")
    assert "relation 'r' names claim 'nope'" in str(info.value.exceptions[0])
