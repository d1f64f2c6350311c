"""OSCAL POA&M: the export validates with compliance-trestle, the import reads it back."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import remediation
from remediation import (
    Acceptance,
    Assessment,
    Level,
    Milestone,
    Phase,
    Risk,
    RiskLogEntry,
    RiskStatus,
    WorkItem,
    from_oscal_poam,
    parse_moment,
    parse_status,
    to_oscal_poam,
)
from remediation.cli import main
from remediation.exceptions import PlanValidationError
from remediation.io.oscal import NAMESPACE, UUID_NAMESPACE
from remediation.io.oscal_export import NOT_CARRIED
from remediation.io.oscal_writing import RISK_STATUSES
from remediation.testing.strategies import assessments, texts

poam_models = pytest.importorskip(
    "trestle.oscal.poam", reason="compliance-trestle (the test extra) validates the export"
)

FIXTURE = Path(__file__).parent / "fixtures" / "oscal" / "fedramp-poam-template.json"
ROOT = "$.plan-of-action-and-milestones"


def validated(document: dict[str, Any]) -> Any:
    """The export as compliance-trestle's OSCAL model reads it (raises when it is not valid)."""
    assert list(document) == ["plan-of-action-and-milestones"]
    return poam_models.PlanOfActionAndMilestones.model_validate(
        document["plan-of-action-and-milestones"]
    )


def held(assessment: Assessment) -> dict[str, Any]:
    """What both an assessment and a POA&M hold: all but the fields OSCAL has no place for."""
    data = remediation.to_data(assessment)
    for key in NOT_CARRIED:
        data.pop(key, None)
    for group in (*data.get("phases", []), *data.get("next_steps", [])):
        for item in group.get("items", []):
            item.pop("addresses", None)  # gaps and why steps are not carried
    return data


def with_risks(plan: Assessment) -> Assessment:
    """The reference example with two risks, a milestone, a log and an acceptance."""
    milestone = Milestone("staging-green", "Staging green", due=parse_moment("2025-10"))
    phases = list(plan.phases)
    items = list(phases[1].items)
    items[0] = attrs.evolve(items[0], milestone="staging-green", owner="platform team")
    phases[1] = attrs.evolve(phases[1], items=items)
    risks = (
        Risk(
            "auth-outage",
            "Staging stays down while service authentication fails",
            likelihood=Level.HIGH,
            impact=Level.VERY_HIGH,
            status=RiskStatus.REMEDIATING,
            deadline=dt.date(2025, 10, 31),
            owner="platform team",
            mitigating_factors=("Production is not affected",),
            remediated_by=(items[0].id, "auth-service-deployment"),
            log=(
                RiskLogEntry(dt.date(2025, 9, 1), "Risk raised", author="Ann"),
                RiskLogEntry(dt.date(2025, 9, 10), "Fix started", status=RiskStatus.REMEDIATING),
            ),
            links=("https://example.org/issues/1176",),
        ),
        Risk(
            "culture",
            "Feature velocity keeps winning over coherence",
            status=RiskStatus.ACCEPTED,
            acceptances=(Acceptance("CTO", "Phase 3 addresses it", dt.date(2025, 9, 15), None),),
        ),
    )
    return attrs.evolve(plan, phases=phases, risks=risks, milestones=(milestone,))


@pytest.fixture(scope="module")
def plan() -> Assessment:
    return with_risks(remediation.examples.issue_1176())


def test_the_export_of_the_reference_example_validates_with_trestle(plan: Assessment) -> None:
    document = to_oscal_poam(plan)
    model = validated(document)
    assert model.metadata.title == plan.title
    assert model.metadata.oscal_version.root.root == "1.1.3"
    assert model.system_id is not None
    assert model.system_id.id == plan.id
    assert len(model.poam_items) == len(plan.items)
    assert model.risks is not None
    assert len(model.risks) == 2
    assert model.observations is not None
    assert len(model.observations) == len(plan.evidence)
    result = remediation.evaluate(plan)
    assert model.findings is not None
    assert [f.description for f in model.findings] == [f.message for f in result.findings]


def test_uuids_are_derived_from_ids_stable_and_unique(plan: Assessment) -> None:
    first, again = to_oscal_poam(plan), to_oscal_poam(plan)
    assert first == again
    found = set()
    poam = first["plan-of-action-and-milestones"]
    for each in (poam, *poam["poam-items"], *poam["risks"], *poam["observations"]):
        found.add(each["uuid"])
        assert uuid.UUID(each["uuid"]).version == 5
    assert len(found) == 2 + len(plan.items) + len(plan.evidence) + 1
    item = poam["poam-items"][0]
    assert item["uuid"] == str(
        uuid.uuid5(UUID_NAMESPACE, f"item\x1f{plan.id}\x1f{plan.items[0].id}")
    )


def test_risks_carry_status_deadline_remediations_tasks_milestones_and_log(
    plan: Assessment,
) -> None:
    poam = to_oscal_poam(plan)["plan-of-action-and-milestones"]
    risk = poam["risks"][0]
    assert risk["status"] == "remediating"
    assert risk["deadline"] == "2025-10-31T00:00:00Z"
    assert risk["mitigating-factors"][0]["description"] == "Production is not affected"
    facets = {f["name"]: f["value"] for f in risk["characterizations"][0]["facets"]}
    assert facets == {"likelihood": "high", "impact": "very-high", "risk": "very-high"}
    first, second = risk["remediations"]
    assert (first["lifecycle"], second["lifecycle"]) == ("planned", "completed")
    wont = attrs.evolve(plan.phases[1].items[0], status=parse_status("won't fix"))
    rest = plan.phases[1].items[1:]
    phases = [plan.phases[0], attrs.evolve(plan.phases[1], items=[wont, *rest]), plan.phases[2]]
    closed = attrs.evolve(plan, phases=phases)
    closed_risk = to_oscal_poam(closed)["plan-of-action-and-milestones"]["risks"][0]
    assert closed_risk["remediations"][0]["lifecycle"] == "recommendation"
    milestone = next(t for t in first["tasks"] if t["type"] == "milestone")
    assert milestone["timing"] == {
        "within-date-range": {"start": "2025-10-01T00:00:00Z", "end": "2025-10-31T23:59:59Z"}
    }
    actions = [t["title"] for t in first["tasks"] if t["type"] == "action"]
    assert actions == list(plan.phases[1].items[0].tasks)
    entries = risk["risk-log"]["entries"]
    assert [e["start"] for e in entries] == ["2025-09-01T00:00:00Z", "2025-09-10T00:00:00Z"]
    assert entries[1]["status-change"] == "remediating"
    ann = next(p for p in poam["metadata"]["parties"] if p["name"] == "Ann")
    assert entries[0]["logged-by"] == [{"party-uuid": ann["uuid"]}]
    accepted = poam["risks"][1]
    assert accepted["status"] == "deviation-approved"  # OSCAL has no "accepted"
    assert {"name": "status", "ns": NAMESPACE, "value": "accepted"} in accepted["props"]


@pytest.mark.parametrize("status", list(RiskStatus))
def test_every_risk_status_maps_and_comes_back(status: RiskStatus) -> None:
    plan = Assessment(
        id="p",
        title="P",
        date=dt.date(2025, 1, 1),
        phases=[Phase("ph", "Ph", items=[WorkItem("i", "I")])],
        risks=[Risk("r", "R", status=status)],
    )
    poam = to_oscal_poam(plan)
    validated(poam)
    assert poam["plan-of-action-and-milestones"]["risks"][0]["status"] == RISK_STATUSES[status]
    assert from_oscal_poam(poam).risks[0].status is status


def test_a_round_trip_keeps_every_field_both_sides_hold(plan: Assessment) -> None:
    back = from_oscal_poam(to_oscal_poam(plan))
    assert held(back) == held(plan)
    # field by field, to name what broke
    for name in ("id", "issue", "title", "date", "author", "session", "summary", "labels"):
        assert getattr(back, name) == getattr(plan, name), name
    assert back.risks == plan.risks
    assert back.evidence == plan.evidence
    assert back.milestones == plan.milestones
    for mine, theirs in zip(back.iter_items(), plan.iter_items(), strict=True):
        assert mine[0].id == theirs[0].id
        assert mine[1] == attrs.evolve(theirs[1], addresses=())
    # what is derived from what is carried is the same
    derived, again = remediation.evaluate(plan), remediation.evaluate(back)
    assert (again.items, again.phases, again.risks) == (
        derived.items,
        derived.phases,
        derived.risks,
    )


def test_what_oscal_cannot_hold_is_left_out_and_listed(plan: Assessment) -> None:
    back = from_oscal_poam(to_oscal_poam(plan))
    assert plan.criteria
    assert plan.why
    assert plan.gaps
    assert (len(back.criteria), len(back.why), len(back.gaps)) == (0, 0, 0)
    assert back.recommendation is None
    assert {"criteria", "why", "gaps", "recommendation"} <= set(NOT_CARRIED)


_SMALL = {"max_phases": 2, "max_items": 3, "max_evidence": 3, "max_criteria": 1, "max_gaps": 1}


@st.composite
def planned(draw: st.DrawFn) -> Assessment:
    """A generated assessment with risks remediated by its items."""
    base = draw(assessments(**_SMALL))
    ids = [item.id for item in base.items]
    levels = st.none() | st.sampled_from(list(Level))
    risks = draw(
        st.lists(
            st.builds(
                Risk,
                id=st.just(""),
                statement=texts(min_size=1),
                likelihood=levels,
                impact=levels,
                status=st.sampled_from(list(RiskStatus)),
                deadline=st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
                remediated_by=st.lists(st.sampled_from(ids), unique=True) if ids else st.just([]),
                mitigating_factors=st.lists(texts(), max_size=2),
            ),
            max_size=2,
        )
    )
    risks = [attrs.evolve(r, id=f"risk-{n}") for n, r in enumerate(risks)]
    return attrs.evolve(base, risks=risks)


@given(planned())
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
def test_generated_assessments_export_validly_and_come_back(assessment: Assessment) -> None:
    if not assessment.items:
        with pytest.raises(ValueError, match="at least one POA&M item"):
            to_oscal_poam(assessment)
        return
    poam = to_oscal_poam(assessment)
    validated(poam)
    assert held(from_oscal_poam(poam)) == held(assessment)


def test_the_fedramp_template_imports() -> None:
    source = json.loads(FIXTURE.read_text(encoding="utf-8"))
    plan = from_oscal_poam(source)
    assert plan.title == "[System Name] FedRAMP Plan of Action and Milestones (POA&M)"
    assert plan.author == "Cloud Service Provider (CSP) Name"  # the prepared-by party
    weakness, vulnerability = plan.risks
    assert weakness.id == "weakness-name"
    assert weakness.status is RiskStatus.OPEN
    assert weakness.deadline == dt.date(2023, 7, 30)
    assert vulnerability.impact is Level.HIGH  # its "impact" facet
    assert vulnerability.likelihood is None  # stated nowhere: unknown
    assert len(vulnerability.mitigating_factors) == 2
    assert [e.date for e in vulnerability.log][:2] == [dt.date(2020, 7, 2), dt.date(2020, 7, 7)]
    poam_items, remediations = plan.phases
    assert [i.title for i in poam_items.items] == [
        "[EXAMPLE]POA&M Item",
        "[EXAMPLE]Infrastructure Scan Unique Vulnerability",
    ]
    # the risks are open: the items are open, how far along nobody says
    assert all(i.status.progress is remediation.Progress.UNKNOWN for i in poam_items.items)
    assert [i.kind for i in remediations.items] == [
        "recommendation",
        "planned",
        "recommendation",
        "recommendation",
        "planned",
    ]
    assert weakness.remediated_by == ("recommended-response", "csp-s-remediation-plan")
    assert plan.milestones[0].name == "[Example]Milestone 1"
    assert plan.milestones[0].due == parse_moment("2023-07-02")  # the last day of its range
    assert len(plan.evidence) == 6


def test_the_fedramp_template_survives_export_and_import() -> None:
    plan = from_oscal_poam(json.loads(FIXTURE.read_text(encoding="utf-8")))
    exported = to_oscal_poam(plan)
    validated(exported)
    poam = exported["plan-of-action-and-milestones"]
    assert poam["uuid"] == "6d072a8d-9657-446d-a487-4b6984782472"  # its own UUIDs, kept
    assert poam["risks"][0]["uuid"] == "9cbd98f3-abcb-4948-ad06-14e0bcba742f"
    assert poam["system-id"] == {"identifier-type": "https://fedramp.gov", "id": "F00000000"}
    assert "back-matter" in poam
    assert from_oscal_poam(exported) == plan


HAND_WRITTEN: dict[str, Any] = {
    "plan-of-action-and-milestones": {
        "uuid": "11111111-1111-4111-8111-111111111111",
        "metadata": {
            "title": "Payments POA&M",
            "last-modified": "2025-03-01T12:00:00+01:00",
            "version": "3",
            "oscal-version": "1.1.2",
        },
        "system-id": {"id": "payments"},
        "risks": [
            {
                "uuid": "22222222-2222-4222-8222-222222222222",
                "title": "TLS 1.0 enabled",
                "description": "Old clients",
                "statement": "Downgrade attacks",
                "status": "closed",
                "characterizations": [
                    {
                        "origin": {
                            "actors": [
                                {
                                    "type": "party",
                                    "actor-uuid": "33333333-3333-4333-8333-333333333333",
                                }
                            ]
                        },
                        "facets": [
                            {"name": "likelihood", "system": "https://x", "value": "low"},
                            {"name": "impact", "system": "https://x", "value": "moderate"},
                        ],
                    }
                ],
                "remediations": [
                    {
                        "uuid": "44444444-4444-4444-8444-444444444444",
                        "lifecycle": "completed",
                        "title": "Disable TLS 1.0",
                        "description": "On every load balancer",
                        "tasks": [
                            {
                                "uuid": "55555555-5555-4555-8555-555555555555",
                                "type": "milestone",
                                "title": "Load balancers done",
                                "timing": {"on-date": {"date": "2025-02-28T00:00:00Z"}},
                            }
                        ],
                    }
                ],
            }
        ],
        "poam-items": [
            {
                "uuid": "66666666-6666-4666-8666-666666666666",
                "title": "Weak TLS",
                "description": "Found by the scanner",
                "related-risks": [{"risk-uuid": "22222222-2222-4222-8222-222222222222"}],
            }
        ],
    }
}


@pytest.mark.parametrize("text", ["risk-accepted", "accepted"])
def test_an_accepted_risk_of_another_tool_is_accepted(text: str) -> None:
    document = json.loads(json.dumps(HAND_WRITTEN))
    document["plan-of-action-and-milestones"]["risks"][0]["status"] = text
    assert from_oscal_poam(document).risks[0].status is RiskStatus.ACCEPTED


def test_a_hand_written_poam_imports() -> None:
    plan = from_oscal_poam(HAND_WRITTEN)
    assert (plan.id, plan.date) == ("payments", dt.date(2025, 3, 1))  # the day in its zone
    (risk,) = plan.risks
    assert (risk.status, risk.likelihood, risk.impact) == (
        RiskStatus.CLOSED,
        Level.LOW,
        Level.MODERATE,
    )
    item = plan.phases[0].items[0]
    assert item.status.progress is remediation.Progress.DONE  # its only risk is closed
    fix = plan.phases[1].items[0]
    assert (fix.title, fix.status.progress, fix.milestone) == (
        "Disable TLS 1.0",
        remediation.Progress.DONE,
        "load-balancers-done",
    )
    assert plan.milestones[0].due == parse_moment("2025-02-28")
    result = remediation.evaluate(plan)
    assert result.risk("tls-1-0-enabled").closed


def _broken(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(HAND_WRITTEN))
    document["plan-of-action-and-milestones"].update(changes)
    return document


@pytest.mark.parametrize(
    ("document", "path", "code"),
    [
        ({"catalog": {}}, ROOT, "missing-field"),
        (_broken(**{"poam-items": []}), f"{ROOT}.poam-items", "missing-field"),
        (_broken(uuid=7), f"{ROOT}.uuid", "wrong-type"),
        (
            _broken(
                risks=[
                    {**HAND_WRITTEN["plan-of-action-and-milestones"]["risks"][0], "status": "fixed"}
                ]
            ),
            f"{ROOT}.risks[0].status",
            "invalid-value",
        ),
        (
            _broken(
                risks=[
                    {
                        **HAND_WRITTEN["plan-of-action-and-milestones"]["risks"][0],
                        "deadline": "next week",
                    }
                ]
            ),
            f"{ROOT}.risks[0].deadline",
            "malformed-date",
        ),
    ],
)
def test_an_invalid_poam_is_refused_naming_the_json_path(
    document: dict[str, Any], path: str, code: str
) -> None:
    with pytest.raises(PlanValidationError) as raised:
        from_oscal_poam(document)
    assert [(e.path, e.code) for e in raised.value.errors if e.path == path] == [(path, code)]


def test_a_problem_of_the_library_is_reported_at_the_oscal_path(plan: Assessment) -> None:
    document = to_oscal_poam(plan)
    item = document["plan-of-action-and-milestones"]["poam-items"][2]
    status = next(p for p in item["props"] if p["name"] == "status")
    status["value"] = "no such status"
    with pytest.raises(PlanValidationError) as raised:
        from_oscal_poam(document)
    (error,) = raised.value.errors
    assert error.path == f"{ROOT}.poam-items[2]"
    assert error.detail.startswith("status: ")


def test_the_command_line_exports_and_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "poam.json"
    assert main(["evaluate", "--format", "oscal-poam", "-o", str(exported)]) == 0
    validated(json.loads(exported.read_text(encoding="utf-8")))
    assert main(["import", "oscal-poam", str(exported), "--format", "yaml"]) == 0
    text = capsys.readouterr().out
    back = remediation.loads(text, "yaml")
    assert held(back) == held(remediation.examples.issue_1176())


def test_the_command_line_names_the_path_of_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_broken(uuid=7)), encoding="utf-8")
    assert main(["import", "oscal-poam", str(bad)]) == 2
    assert f"{ROOT}.uuid: expected a string, got an integer [wrong-type]" in capsys.readouterr().err
    bad.write_text("{", encoding="utf-8")
    assert main(["import", "oscal-poam", str(bad)]) == 2
    assert "not valid JSON: Expecting property name enclosed in double quotes" in (
        capsys.readouterr().err
    )


def test_the_status_label_survives(plan: Assessment) -> None:
    back = from_oscal_poam(to_oscal_poam(plan))
    assert back.items[3].status == parse_status("⚠️ **PARTIAL**")


def test_an_assessment_without_work_is_not_a_poam(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(remediation.dumps(Assessment(id="e", title="E", date=dt.date(2025, 1, 1))))
    assert main(["evaluate", str(empty), "--format", "oscal-poam"]) == 2
    assert "has no work items: an OSCAL POA&M holds at least one" in capsys.readouterr().err


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value."""
    inner: list[tuple[Any, ...]] = [here]
    if isinstance(value, dict):
        for key, each in value.items():
            inner += _paths(each, (*here, key))
    elif isinstance(value, list):
        for index, each in enumerate(value):
            inner += _paths(each, (*here, index))
    return inner


_FEDRAMP = json.loads(FIXTURE.read_text(encoding="utf-8"))
_OURS = to_oscal_poam(with_risks(remediation.examples.issue_1176()))
_PLACES = [(_FEDRAMP, p) for p in _paths(_FEDRAMP)[1:]] + [(_OURS, p) for p in _paths(_OURS)[1:]]
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=5), inner, max_size=2)
    ),
    max_leaves=4,
)


@given(st.sampled_from(_PLACES), _JSON)
@settings(max_examples=200, deadline=None, database=None)
def test_a_damaged_poam_is_refused_or_read_never_a_crash(
    where: tuple[dict[str, Any], tuple[Any, ...]], value: Any
) -> None:
    source, place = where
    document = json.loads(json.dumps(source))
    holder = document
    for step in place[:-1]:
        holder = holder[step]
    holder[place[-1]] = value
    problems: tuple[Any, ...] = ()
    try:
        from_oscal_poam(document)
    except PlanValidationError as error:
        problems = error.errors
    assert all(e.path.startswith("$") for e in problems)
