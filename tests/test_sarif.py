"""Findings as SARIF 2.1.0: valid against the published schema, stable, suppressed, baselined."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import remediation
from remediation import Finding, FindingSeverity, Policy, Suppression
from remediation.cli import main
from remediation.evaluation.fingerprints import fingerprint, fingerprints
from remediation.render.sarif import FINGERPRINT_KEY, render_sarif, to_sarif
from remediation.rules import Found, Scope, catalogue, rule

SCHEMA = json.loads(
    (Path(__file__).parent / "fixtures" / "sarif" / "sarif-schema-2.1.0.json").read_text(
        encoding="utf-8"
    )
)


def assert_valid(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(
        SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert problems == []


def test_the_schema_catches_what_is_not_sarif() -> None:
    # The schema file is the real one: a result without a message is refused.
    with pytest.raises(AssertionError):
        assert_valid(
            {
                "version": "2.1.0",
                "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "x"}]}],
            }
        )


@pytest.fixture
def plan() -> remediation.Assessment:
    return remediation.examples.issue_1176()


def results(log: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = log["runs"][0]["results"]
    return found


def test_the_log_is_valid_sarif_with_the_rule_catalogue_as_the_tools_rules(
    plan: remediation.Assessment,
) -> None:
    log = to_sarif(remediation.evaluate(plan), assessment=plan, artifact="docs/plan.yaml")
    assert_valid(log)
    driver = log["runs"][0]["tool"]["driver"]
    listed = catalogue()
    assert [r["id"] for r in driver["rules"]] == [str(r.code) for r in listed]
    by_id = {r["id"]: r for r in driver["rules"]}
    mismatch = by_id["phase-status-mismatch"]
    assert mismatch["name"] == "PhaseStatusMismatch"
    assert mismatch["defaultConfiguration"] == {"level": "warning"}
    assert "Why is this bad?" in mismatch["help"]["text"]
    for result in results(log):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    first = results(log)[0]
    assert first["ruleId"] == "phase-status-mismatch"
    assert first["level"] == "warning"
    assert first["message"]["text"].startswith("phase 'phase-1' is stated")
    location = first["locations"][0]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "docs/plan.yaml", "index": 0}
    }
    assert [loc["name"] for loc in location["logicalLocations"]] == ["phase-1", "ssot-violations"]
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "issue-1176-2025-09-15/phase-1"
    assert log["runs"][0]["properties"]["decision"] == "keep_open"


def test_a_policy_severity_is_the_results_level_and_info_is_a_note(
    plan: remediation.Assessment,
) -> None:
    policy = Policy(severities={"count-mismatch": FindingSeverity.INFO})
    log = to_sarif(remediation.evaluate(plan, policy=policy), assessment=plan)
    levels = {(r["ruleId"], r["level"]) for r in results(log)}
    assert levels == {("phase-status-mismatch", "warning"), ("count-mismatch", "note")}
    assert_valid(log)


def test_without_a_file_results_have_logical_locations_only(plan: remediation.Assessment) -> None:
    log = to_sarif(remediation.evaluate(plan))
    assert all("physicalLocation" not in r["locations"][0] for r in results(log))
    assert "artifacts" not in log["runs"][0]


def test_a_locator_gives_results_a_region(plan: remediation.Assessment) -> None:
    # The seam for source positions: a function from a record id to (line, column).
    where = {"phase-1": (40, 5)}
    log = to_sarif(remediation.evaluate(plan), artifact="plan.yaml", locate=where.get)
    first = results(log)[0]["locations"][0]["physicalLocation"]
    assert first["region"] == {"startLine": 40, "startColumn": 5}
    assert "region" not in results(log)[1]["locations"][0]["physicalLocation"]
    assert_valid(log)


def test_fingerprints_survive_new_wording_and_changes_elsewhere(
    plan: remediation.Assessment,
) -> None:
    before = to_sarif(remediation.evaluate(plan))
    # Work elsewhere in the document changes (a Phase 2 item is resolved, which closes a
    # gap and adds a finding before the others): the findings of both keep their keys.
    changed = remediation.with_status(plan, "service-authentication", "RESOLVED")
    after = to_sarif(remediation.evaluate(changed))

    def keyed(log: dict[str, Any]) -> dict[tuple[str, str], str]:
        return {
            (r["ruleId"], r["locations"][0]["logicalLocations"][0]["name"]): r[
                "partialFingerprints"
            ][FINGERPRINT_KEY]
            for r in results(log)
        }

    old, new = keyed(before), keyed(after)
    assert len(new) == len(old) + 1
    assert {key: new[key] for key in old} == old
    assert len(set(new.values())) == len(new)
    worded = Finding("overdue", FindingSeverity.WARNING, "item 'a' is 3 days overdue", ("a",))
    reworded = Finding("overdue", FindingSeverity.ERROR, "item 'a' is 9 days overdue", ("a",))
    assert fingerprint(worded) == fingerprint(reworded)
    assert fingerprint(worded) != fingerprint(Finding("overdue", worded.severity, "", ("b",)))


def test_repeated_findings_about_the_same_records_have_fingerprints_of_their_own() -> None:
    one = Finding("x.rule", FindingSeverity.INFO, "first", ("a",))
    two = Finding("x.rule", FindingSeverity.INFO, "second", ("a",))
    keys = fingerprints([one, two])
    assert keys[0] == fingerprint(one)
    assert keys[0] != keys[1]


def test_suppressions_carry_their_justification_and_say_where_they_come_from(
    plan: remediation.Assessment,
) -> None:
    own = Suppression(
        code="phase-status-mismatch", justification="phase 1 was signed off", author="lead"
    )
    theirs = Suppression(
        code="count-mismatch",
        justification="the prose counts a gap we merged",
        author="qa",
        ids=["claim-gaps-identified"],
    )
    documented = attrs.evolve(plan, policy=Policy(suppressions=[own]))
    log = to_sarif(
        remediation.evaluate(documented, policy=Policy(suppressions=[theirs])),
        assessment=documented,
    )
    assert_valid(log)
    suppressed = {
        r["ruleId"] + str(r["locations"][0]["logicalLocations"][0]["name"]): r.get("suppressions")
        for r in results(log)
    }
    assert suppressed["phase-status-mismatchphase-1"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "phase 1 was signed off",
            "properties": {"author": "lead"},
        }
    ]
    [external] = suppressed["count-mismatchclaim-gaps-identified"] or []
    assert (external["kind"], external["justification"]) == (
        "external",
        "the prose counts a gap we merged",
    )
    assert suppressed["count-mismatchclaim-gaps-persist"] is None


def test_a_baseline_marks_results_new_unchanged_updated_and_absent(
    plan: remediation.Assessment,
) -> None:
    resolved = remediation.with_status(plan, "ssot-violations", "RESOLVED")
    baseline = to_sarif(remediation.evaluate(plan))
    # One finding of the baseline was worded differently then: it is "updated".
    results(baseline)[1]["message"]["text"] = "an older wording"
    log = to_sarif(remediation.evaluate(resolved), baseline=baseline)
    assert_valid(log)
    states = [(r["ruleId"], r["baselineState"]) for r in results(log)]
    assert states == [
        ("count-mismatch", "updated"),
        ("count-mismatch", "unchanged"),
        ("count-mismatch", "unchanged"),
        ("phase-status-mismatch", "absent"),
    ]
    back = to_sarif(remediation.evaluate(plan), baseline=log)
    assert results(back)[0]["baselineState"] == "new"
    assert len(results(back)) == 4  # the absent result of the baseline is not carried on


def test_a_baseline_that_is_not_sarif_is_refused(plan: remediation.Assessment) -> None:
    with pytest.raises(ValueError, match=r"baseline: expected a SARIF 2\.1\.0 log"):
        to_sarif(remediation.evaluate(plan), baseline={"runs": []})


def test_the_command_line_writes_sarif_with_a_baseline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.json").write_text(remediation.dumps(remediation.examples.issue_1176()))
    assert main(["evaluate", "plan.json", "--format", "sarif", "-o", "old.sarif"]) == 0
    old = json.loads(Path("old.sarif").read_text(encoding="utf-8"))
    assert_valid(old)
    assert results(old)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "plan.json"
    )
    code = main(["evaluate", "plan.json", "--format", "sarif", "--baseline", "old.sarif"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert {r["baselineState"] for r in results(json.loads(out))} == {"unchanged"}
    read = remediation.load("plan.json")

    def locate(record_id: str) -> tuple[int, int] | None:
        where = remediation.position_of(read, record_id)
        return None if where is None else (where.line, where.column)

    assert out == render_sarif(
        remediation.evaluate(remediation.examples.issue_1176()),
        artifact="plan.json",
        baseline=old,
        assessment=remediation.examples.issue_1176(),
        locate=locate,
    )


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_the_command_line_gives_each_result_the_region_of_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.chdir(tmp_path)
    name = f"plan{suffix}"
    remediation.dump(remediation.examples.issue_1176(), name)
    assert main(["evaluate", name, "--format", "sarif", "-o", "out.sarif"]) == 0
    log = json.loads(Path("out.sarif").read_text(encoding="utf-8"))
    assert_valid(log)
    lines = Path(name).read_text(encoding="utf-8").splitlines()
    for result in results(log):
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        first_id = location["logicalLocations"][0]["name"]
        # The region starts the record: its id is on that line (YAML) or the next (JSON).
        written = lines[region["startLine"] - 1 : region["startLine"] + 1]
        assert any(first_id in line for line in written), (first_id, region)


def test_the_command_line_refuses_a_bad_baseline_and_a_baseline_without_sarif(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "old.sarif"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["evaluate", "--format", "sarif", "--baseline", str(broken)]) == 2
    assert f"{broken}: expected a SARIF file (JSON)" in capsys.readouterr().err
    assert main(["evaluate", "--format", "json", "--baseline", str(broken)]) == 2
    assert "use it with --format sarif" in capsys.readouterr().err


def test_the_baseline_is_not_changed(plan: remediation.Assessment) -> None:
    baseline = to_sarif(remediation.evaluate(plan))
    kept = copy.deepcopy(baseline)
    to_sarif(
        remediation.evaluate(remediation.with_status(plan, "ssot-violations", "RESOLVED")),
        baseline=baseline,
    )
    assert baseline == kept


@rule("acme.untitled-phase", title="A phase without a number", scope=Scope.PHASE)
def untitled_phase(phase: remediation.Phase, result: object, context: object) -> Found:
    """What it does:
        Flags phases the document does not number.

    Why is this bad?
        A plan read aloud needs its phases numbered.
    """
    if phase.number is None:
        yield f"phase {phase.id!r} has no number", (phase.id,)
    if phase.id == "phase-1":
        yield "phase 'phase-1' is first", (phase.id,)


def test_a_rule_of_ones_own_is_a_rule_of_the_run(plan: remediation.Assessment) -> None:
    numbered = attrs.evolve(
        plan, phases=(attrs.evolve(plan.phases[0], number=None), *plan.phases[1:])
    )
    log = to_sarif(remediation.evaluate(numbered, rules=[untitled_phase]), rules=[untitled_phase])
    assert_valid(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[-1]["id"] == "acme.untitled-phase"
    assert rules[-1]["name"] == "AcmeUntitledPhase"
    own = [r for r in results(log) if r["ruleId"] == "acme.untitled-phase"]
    assert [r["ruleIndex"] for r in own] == [len(rules) - 1] * len(own)
    assert [r["message"]["text"] for r in own] == [
        "phase 'phase-1' has no number",
        "phase 'phase-1' is first",
    ]
    # Two findings of one rule on the same record: each has a fingerprint of its own.
    keys = [r["partialFingerprints"][FINGERPRINT_KEY] for r in own]
    assert len(set(keys)) == 2
