"""Scoped claims: figures of the prose compared with what the records give for their scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import remediation
from remediation import Claim, ClaimScope, Counted, FindingCode, Quantity, parse_quantity
from remediation.evaluation.claims import ItemTally, item_statuses
from remediation.evaluation.results import ItemEvaluation
from remediation.io import migrations
from remediation.model.status import Progress, Severity
from remediation.testing import criterion, item, phase, plan

DAY = dt.date(2025, 3, 3)
IMPROVEMENTS = phase("improvements", *(item(f"i{n}", "partial") for n in range(13)))
LATER = phase("later", *(item(f"l{n}", "missing") for n in range(15)))


def claim(claim_id: str, value: str, **fields: object) -> Claim:
    return Claim(id=claim_id, value=parse_quantity(value), **fields)  # type: ignore[arg-type]


def findings(*records: object, code: FindingCode) -> list[str]:
    result = remediation.evaluate(plan(*records, date=DAY))
    return [f.message for f in result.findings_with(code)]


def test_a_claim_scoped_to_its_list_finds_the_real_mismatch() -> None:
    """'We are working on 14 improvements' speaks of the 13 of its phase, not the 28."""
    working_on = claim(
        "working-on",
        "14",
        scope=ClaimScope(count=Counted.ITEMS, within=("improvements",)),
        quote="we are working on 14 improvements",
    )
    assert findings(IMPROVEMENTS, LATER, working_on, code=FindingCode.COUNT_MISMATCH) == [
        (
            "the document counts 14 items in improvements ('we are working on 14 improvements'), "
            "but the records hold 13"
        )
    ]
    right = claim("right", "13", scope=ClaimScope(count=Counted.ITEMS, within=("improvements",)))
    assert findings(IMPROVEMENTS, LATER, right, code=FindingCode.COUNT_MISMATCH) == []


def test_a_keyed_claim_is_not_compared_with_the_records() -> None:
    """'4 stages' is not about the 6 phases: a key, not a scope."""
    phases = [phase(f"p{n}", item(f"p{n}-a", "done")) for n in range(6)]
    stages = claim("stages", "4", key="stages", quote="a plan of 4 stages")
    assert findings(*phases, stages, code=FindingCode.COUNT_MISMATCH) == []


@pytest.mark.parametrize(
    ("scope", "derived"),
    [
        (ClaimScope(count=Counted.ITEMS), 28),
        (ClaimScope(count=Counted.ITEMS, status="partial"), 13),
        (ClaimScope(count=Counted.ITEMS, status="open"), 28),
        (ClaimScope(count=Counted.ITEMS, status="done"), 0),
        (ClaimScope(count=Counted.ITEMS, within=("later",), status="not_started"), 15),
        (ClaimScope(count=Counted.PHASES), 2),
        (ClaimScope(count=Counted.PHASES, status="complete"), 0),
        (ClaimScope(count=Counted.CRITERIA), 1),
        (ClaimScope(count=Counted.CRITERIA, status="unmet"), 1),
        (ClaimScope(count=Counted.GAPS, status="open"), 0),
        (ClaimScope(count=Counted.EVIDENCE), 0),
    ],
)
def test_each_scope_counts_what_it_says(scope: ClaimScope, derived: int) -> None:
    records = (IMPROVEMENTS, LATER, criterion("c", "<1%", current=5))
    right = Claim(id="right", value=Quantity(Decimal(derived)), scope=scope)
    wrong = Claim(id="wrong", value=Quantity(Decimal(derived + 1)), scope=scope)
    assert findings(*records, right, code=FindingCode.COUNT_MISMATCH) == []
    (message,) = findings(*records, wrong, code=FindingCode.COUNT_MISMATCH)
    assert f"{scope.describe()}" in message
    assert f"but the records hold {derived}" in message


def test_a_count_is_compared_within_the_claims_own_tolerance() -> None:
    about = claim(
        "about", "about 12", scope=ClaimScope(count=Counted.ITEMS, within=("improvements",))
    )
    range_ = claim(
        "range", "10–15", scope=ClaimScope(count=Counted.ITEMS, within=("improvements",))
    )
    at_least = claim("least", "at least 20", scope=ClaimScope(count=Counted.ITEMS))
    assert (
        findings(IMPROVEMENTS, LATER, about, range_, at_least, code=FindingCode.COUNT_MISMATCH)
        == []
    )
    few = claim("few", "at least 30", scope=ClaimScope(count=Counted.ITEMS))
    assert len(findings(IMPROVEMENTS, LATER, few, code=FindingCode.COUNT_MISMATCH)) == 1


def test_parts_that_do_not_sum_to_their_total_are_a_finding_that_shows_the_arithmetic() -> None:
    dev = claim("dev", "$1M")
    ops = claim("ops", "$500k")
    total = claim("total", "$2M", scope=ClaimScope(sum_of=("dev", "ops")), quote="a budget of $2M")
    (message,) = findings(dev, ops, total, code=FindingCode.SUM_MISMATCH)
    assert message == (
        "the document states $2M as the sum of dev, ops ('a budget of $2M'), "
        "but $1M + $500k = $1500000"
    )
    split = claim("split", "$1M")
    fine = claim("fine", "$2M", scope=ClaimScope(sum_of=("dev", "split")))
    assert findings(dev, split, fine, code=FindingCode.SUM_MISMATCH) == []


def test_a_sum_converts_its_parts_and_does_not_add_what_does_not_convert() -> None:
    a = claim("a", "500 ms")
    b = claim("b", "1.5 s")
    total = claim("total", "2 s", scope=ClaimScope(sum_of=("a", "b")))
    assert findings(a, b, total, code=FindingCode.SUM_MISMATCH) == []
    euros = claim("euros", "€1M")
    unknown = claim("unknown", "$5M", scope=ClaimScope(sum_of=("a", "euros")))
    assert findings(a, euros, unknown, code=FindingCode.SUM_MISMATCH) == []  # unknown, not wrong


def test_claims_of_one_key_must_agree() -> None:
    early = claim("early", "~15K", key="queries", quote="about 15K queries at 11:27")
    late = claim("late", "13,337", key="queries", quote="13,337 queries at 13:07")
    (message,) = findings(early, late, code=FindingCode.CLAIM_CONFLICT)
    assert "~15K" in message
    assert "13,337" in message
    close = claim("close", "14,200", key="queries")
    assert findings(early, close, code=FindingCode.CLAIM_CONFLICT) == []
    seconds = claim("s", "0.9 s", key="latency")
    millis = claim("ms", "900 ms", key="latency")
    assert findings(seconds, millis, code=FindingCode.CLAIM_CONFLICT) == []
    dollars = claim("usd", "$2M", key="budget")
    euros = claim("eur", "€2M", key="budget")
    assert len(findings(dollars, euros, code=FindingCode.CLAIM_CONFLICT)) == 1


def test_claims_of_one_key_in_units_that_do_not_compare_say_so() -> None:
    days = claim("days", "65 days", key="reza")
    bare = claim("bare", "65", key="reza")
    (message,) = findings(days, bare, code=FindingCode.CLAIM_CONFLICT)
    assert message == (
        "the document states reza as 65 days and as 65: in units that do not compare "
        "('days' and a bare number)"
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "a count or a sum"),
        ({"count": Counted.ITEMS, "sum_of": ("a",)}, "a count or a sum"),
        ({"count": Counted.GAPS, "within": ("p",)}, "only a count of items"),
        ({"count": Counted.GAPS, "status": "done"}, "takes a status of open, closed"),
    ],
)
def test_a_scope_says_what_it_accepts(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClaimScope(**fields)  # type: ignore[arg-type]


def test_a_bad_scope_in_a_document_names_its_path() -> None:
    text = (
        "schema_version: 2\nid: a\nissue: '#1'\ntitle: T\ndate: 2025-03-03\n"
        "claims: [{id: c, value: 3, scope: {count: gaps, status: done}}]\n"
    )
    with pytest.raises(remediation.exceptions.PlanValidationError) as info:
        remediation.loads(text, "yaml")
    assert "$.claims[0].scope" in str(info.value)


def test_claims_round_trip_with_their_figures_as_written() -> None:
    records = (
        claim("dev", "$1M"),
        claim("total", "~$2M", scope=ClaimScope(sum_of=("dev",)), source="Budget, line 3"),
        claim("q", "1.21B queries", key="queries"),
    )
    document = plan(*records, date=DAY)
    again = remediation.loads(remediation.dumps(document))
    assert again == document
    assert [str(c.value) for c in again.claims] == ["$1M", "~$2M", "1.21B queries"]


def test_version_1_count_subjects_migrate_to_scopes() -> None:
    old = {
        "schema_version": 1,
        "phases": [{"id": "p1"}, {"id": "p2"}],
        "next_steps": [{"id": "n1"}],
        "claims": [
            {"id": "a", "subject": "open_items", "value": 3, "quote": "3 open"},
            {"id": "b", "subject": "met_criteria", "value": 0},
            {"id": "c", "subject": "gaps", "value": 5},
        ],
    }
    new = migrations.upgrade(old)
    assert new["schema_version"] == 2
    assert new["claims"] == [
        {
            "id": "a",
            "value": 3,
            "quote": "3 open",
            "scope": {"count": "items", "within": ["p1", "p2"], "status": "open"},
        },
        {"id": "b", "value": 0, "scope": {"count": "criteria", "status": "met"}},
        {"id": "c", "value": 5, "scope": {"count": "gaps"}},
    ]
    without_next_steps = migrations.upgrade({**old, "next_steps": []})
    assert without_next_steps["claims"][0]["scope"] == {"count": "items", "status": "open"}


def test_a_migrated_count_counts_what_version_1_counted() -> None:
    text = (
        "schema_version: 1\nid: plan\nissue: '#1'\ntitle: T\ndate: 2025-03-03\n"
        "phases: [{id: p1, title: P, items: [{id: a, title: A, status: missing}]}]\n"
        "next_steps: [{id: n1, title: N, items: [{id: b, title: B, status: missing}]}]\n"
        "claims: [{id: c, subject: items, value: 1}]\n"
    )
    result = remediation.evaluate(remediation.loads(text, "yaml"))
    assert result.findings_with(FindingCode.COUNT_MISMATCH) == ()


_COUNTED_AS: dict[str | None, Callable[[ItemEvaluation], bool]] = {
    None: lambda r: True,
    "open": lambda r: not r.closed,
    "closed": lambda r: r.closed,
    "blocked": lambda r: r.blocked,
    "actionable": lambda r: r.actionable,
    "critical": lambda r: not r.closed and r.severity is remediation.Severity.CRITICAL,
    "done": lambda r: r.progress is remediation.Progress.DONE,
    "partial": lambda r: r.progress is remediation.Progress.PARTIAL,
}


@pytest.mark.parametrize("status", list(_COUNTED_AS))
@pytest.mark.parametrize("within", [(), ("phase-1",), ("phase-1", "phase-3")])
def test_a_count_of_items_counts_the_items_of_its_status_and_phases(
    status: str | None, within: tuple[str, ...]
) -> None:
    plan = remediation.examples.issue_1176()
    result = remediation.evaluate(plan)
    scope = remediation.ClaimScope(count=remediation.Counted.ITEMS, status=status, within=within)
    claim = remediation.Claim(id="c", value=remediation.parse_quantity("1"), scope=scope)
    matches = _COUNTED_AS[status]
    expected = sum(1 for r in result.items if matches(r) and (not within or r.group in within))
    derived = remediation.evaluation.claims.derive_claim(claim, {}, plan, result)
    assert derived == expected


def test_a_tally_changed_by_some_items_equals_the_tally_of_the_changed_items() -> None:
    plan = remediation.examples.issue_1176()
    before = remediation.evaluate(plan).items
    open_ids = [r.id for r in before if not r.closed][:3]
    variant = plan
    for item_id in open_ids:
        variant = remediation.with_status(variant, item_id, "✅ RESOLVED")
    after = remediation.evaluate(variant).items
    pairs = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert pairs  # the what-if changed some items
    changed = ItemTally.of(before).changed(pairs)
    fresh = ItemTally.of(after)
    groups = sorted({r.group for r in after})
    for status in (*_COUNTED_AS, "not_started"):
        for within in ((), *((g,) for g in groups)):
            assert changed.count(within, status) == fresh.count(within, status)


_ITEM_RESULTS = st.builds(
    ItemEvaluation,
    id=st.sampled_from(["a", "b", "c"]),
    group=st.sampled_from(["p1", "p2"]),
    progress=st.sampled_from(list(Progress)),
    credit=st.just(0.0),
    closed=st.booleans(),
    blocked_by=st.sampled_from([(), ("x",)]),
    actionable=st.booleans(),
    severity=st.sampled_from([None, *Severity]),
    accepted=st.booleans(),
)
"""Item results of two groups, of any progress, roles and severity (not all consistent)."""


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_tally_counts_each_item_under_the_statuses_item_statuses_gives(
    data: st.DataObject,
) -> None:
    # ItemTally.of reads the items field by field; it must count every item under
    # exactly the statuses item_statuses (the one definition) gives it
    results = data.draw(st.lists(_ITEM_RESULTS, max_size=12))
    tally = ItemTally.of(results)
    for groups in [(), ("p1",), ("p2",), ("p1", "p2")]:
        for status in [None, "open", "closed", "blocked", "actionable", "critical", "done"]:
            expected = sum(
                1
                for r in results
                if (not groups or r.group in groups) and status in item_statuses(r)
            )
            assert tally.count(groups, status) == expected, (groups, status)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_a_tally_from_roles_is_the_tally_of_the_items(data: st.DataObject) -> None:
    # a full evaluation counts its items from the roles it computed; the tally must be
    # the one ItemTally.of reads from the items themselves (items as an evaluation makes
    # them: actionable exactly when open and waiting for nothing)
    from remediation.evaluation.progress import item_roles  # noqa: PLC0415

    made = _ITEM_RESULTS.filter(lambda r: r.actionable == (not r.closed and not r.blocked_by))
    results = data.draw(st.lists(made, max_size=12))
    by_roles = ItemTally.of_roles(results, [item_roles(r) for r in results])
    direct = ItemTally.of(results)
    for groups in [(), ("p1",), ("p2",)]:
        for status in [None, "open", "closed", "blocked", "actionable", "critical", "done"]:
            assert by_roles.count(groups, status) == direct.count(groups, status)
