"""remediation.testing: builders, assertions and their messages, scenarios, stored evaluations."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from remediation import (
    Assessment,
    Decision,
    Duration,
    FindingCode,
    MeasurementEvidence,
    NoteEvidence,
    Progress,
    ReasonCode,
    TestRunEvidence,
    dumps,
    evaluate,
)
from remediation.exceptions import DependencyCycleError, PlanValidationError
from remediation.testing import (
    InvalidDocument,
    Scenario,
    assert_actionable,
    assert_blocked,
    assert_closable,
    assert_criterion_met,
    assert_criterion_not_met,
    assert_finding,
    assert_gap_closed,
    assert_matches_expected,
    assert_no_finding,
    assert_not_closable,
    assert_phase_complete,
    assert_rejected,
    assert_root_cause_addressed,
    assert_root_cause_unaddressed,
    criterion,
    gap,
    item,
    phase,
    plan,
    why,
)


def failure(check: object, *args: object, **kwargs: object) -> str:
    """The message of the AssertionError that *check* raises."""
    with pytest.raises(AssertionError) as caught:
        check(*args, **kwargs)  # type: ignore[operator]
    return str(caught.value)


@pytest.fixture
def release() -> Assessment:
    """Two fixes and a docs item, a metric, a condition, a gap and a root cause."""
    return plan(
        phase("fixes", item("fix", addresses=["cause"]), item("docs", depends_on=["fix"])),
        criterion("errors", "<1%", baseline=12, current=3),
        criterion("staging-up", observed=False),
        gap("auth-gap", blocks=["docs"], measurement="auth-failures", threshold="0"),
        why("symptom", "cause"),
        why("cause"),
        MeasurementEvidence(id="auth-failures", metric="failures", value=2),
    )


# --------------------------------------------------------------------------- builders


def test_plan_puts_each_record_where_it_belongs(release: Assessment) -> None:
    assert (release.id, release.issue, release.date) == ("plan", "#1", dt.date(2025, 1, 1))
    assert [p.id for p in release.phases] == ["fixes"]
    assert [c.id for c in release.criteria] == ["errors", "staging-up"]
    assert [g.id for g in release.gaps] == ["auth-gap"]
    assert [w.id for w in release.why] == ["symptom", "cause"]
    assert [e.id for e in release.evidence] == ["auth-failures"]
    assert release.gaps[0].threshold is not None
    assert str(release.gaps[0].threshold) == "0"


def test_loose_items_make_one_phase_and_keywords_come_first() -> None:
    built = plan(
        item("b", "done", evidence=["n2"]),
        NoteEvidence(id="n2", text="second"),
        evidence=[NoteEvidence(id="n1", text="first")],
        title="Mine",
    )
    assert [(p.id, [i.id for i in p.items]) for p in built.phases] == [("phase-1", ["b"])]
    assert [e.id for e in built.evidence] == ["n1", "n2"]
    assert built.title == "Mine"
    assert built.phases[0].items[0].status.progress is Progress.DONE


def test_plan_refuses_what_it_cannot_place() -> None:
    with pytest.raises(TypeError, match="not both"):
        plan(phase("p"), item("a"))
    with pytest.raises(TypeError, match="got 3"):
        plan(3)


def test_plan_is_validated_where_it_is_built() -> None:
    with pytest.raises(PlanValidationError) as caught:
        plan(item("a", depends_on=["b"]), item("b", depends_on=["a"]))
    (error,) = caught.value.errors
    assert isinstance(error, DependencyCycleError)
    assert error.cycle == ("a", "b")


# --------------------------------------------------------------------------- the recommendation


def test_assert_closable_says_what_stands_in_the_way(release: Assessment) -> None:
    message = failure(assert_closable, release)
    assert message == (
        "assessment 'plan' as of 2025-01-01: expected the issue to be closable, but the "
        "evaluation says keep_open:\n"
        "  - criteria-unmet: 2 success criteria of 2 not met: errors, staging-up\n"
        "      errors: current 3 does not meet target <1% (baseline 12, progress 0.82)\n"
        "      staging-up: observed not to hold\n"
        "  - work-open: 2 work items open: fix, docs\n"
        "      fix: not_started; actionable\n"
        "      docs: not_started; waits for fix (item, not_started), auth-gap (open gap)\n"
        "  - root-causes-unaddressed: 1 root cause not addressed by any done work: cause\n"
        "      cause: addressed by fix (item, not_started); done: none\n"
        "  - gaps-open: 1 gap open: auth-gap\n"
        "      auth-gap: measurement 2 misses its threshold"
    )


def test_assert_closable_passes_and_returns_the_evaluation(release: Assessment) -> None:
    done = (
        Scenario(release)
        .resolve("fix", "docs")
        .record_measurement("errors", 0.5)
        .observe("staging-up")
        .record_measurement("auth-failures", 0)
    )
    result = assert_closable(done)
    assert result.recommendation.decision is Decision.CLOSE
    assert assert_closable(done.evaluation) is done.evaluation


def test_assert_not_closable_checks_the_reasons(release: Assessment) -> None:
    result = assert_not_closable(release, because=["criteria-unmet", ReasonCode.GAPS_OPEN])
    assert result.recommendation.decision is Decision.KEEP_OPEN
    message = failure(assert_not_closable, release, because="critical-items-open")
    assert message.startswith(
        "assessment 'plan' as of 2025-01-01: the issue stays open, but not because of "
        "critical-items-open; its reasons are:\n  - criteria-unmet:"
    )


def test_assert_not_closable_says_why_it_could_close() -> None:
    message = failure(assert_not_closable, plan(item("a", "won't fix", justification="obsolete")))
    assert message == (
        "assessment 'plan' as of 2025-01-01: expected the issue to stay open, but the evaluation "
        "says close_with_exceptions:\n"
        "  - work-closed: all 1 work item done or closed with an accepted reason\n"
        "  - closed-without-fix: 1 item closed without a fix: a (wont fix: obsolete)\n"
        "      a: wont_fix"
    )


# --------------------------------------------------------------------------- criteria, work, gaps


def test_criterion_assertions(release: Assessment) -> None:
    assert assert_criterion_not_met(release, "errors").current == 3
    assert "current 3 does not meet target <1%" in failure(assert_criterion_met, release, "errors")
    met = Scenario(release).record_measurement("errors", 0.2)
    assert assert_criterion_met(met, "errors").progress == 1.0
    assert failure(assert_criterion_not_met, met, "errors") == (
        "assessment 'plan' as of 2025-01-01, after: record 0.2 for 'errors': expected "
        "criterion 'errors' not to be met, but it is: current 0.2 meets target <1%"
    )
    unknown = plan(criterion("up"))
    assert failure(assert_criterion_met, unknown, "up").endswith("it is unmeasured: not observed")


def test_blocked_and_actionable_name_what_an_item_waits_for(release: Assessment) -> None:
    assert assert_blocked(release, "docs", by=["fix", "auth-gap"]).blocked_by == (
        "fix",
        "auth-gap",
    )
    assert failure(assert_actionable, release, "docs").endswith(
        "expected item 'docs' to be actionable, but it waits for fix (item, not_started), "
        "auth-gap (open gap)"
    )
    assert failure(assert_blocked, release, "docs", by="staging-up").endswith(
        "expected item 'docs' to be blocked by staging-up, but it waits only for "
        "fix (item, not_started), auth-gap (open gap)"
    )
    assert assert_actionable(release, "fix").id == "fix"
    assert failure(assert_blocked, release, "fix").endswith(
        "expected item 'fix' to be blocked, but it is actionable: not_started, waiting for nothing"
    )
    resolved = Scenario(release).resolve("fix")
    assert failure(assert_actionable, resolved, "fix").endswith("but it is closed (done)")
    assert failure(assert_blocked, resolved, "fix").endswith("but it is closed (done)")


def test_a_waiting_phase_is_named_with_its_progress() -> None:
    staged = plan(
        phase("one", item("a", "partial")),
        phase("two", item("b"), depends_on=["one"]),
    )
    assert failure(assert_actionable, staged, "b").endswith(
        "but it waits for one (phase, progress 0.5)"
    )


def test_phase_and_gap_assertions(release: Assessment) -> None:
    assert failure(assert_phase_complete, release, "fixes").endswith(
        "expected phase 'fixes' to be complete, but 0 of 2 items are done (progress 0); open: "
        "fix (item, not_started), docs (item, not_started)"
    )
    assert assert_phase_complete(Scenario(release).resolve("fix", "docs"), "fixes").done == 2
    assert failure(assert_phase_complete, plan(phase("empty")), "empty").endswith(
        "but it has no work items"
    )
    assert failure(assert_gap_closed, release, "auth-gap").endswith(
        "expected gap 'auth-gap' to be closed, but it is open: measurement 2 misses its threshold"
    )
    fixed = Scenario(release).record_measurement("auth-failures", 0)
    assert assert_gap_closed(fixed, "auth-gap").measurement_met is True


def test_root_cause_assertions(release: Assessment) -> None:
    assert assert_root_cause_unaddressed(release, "cause").addressed_by == ("fix",)
    assert failure(assert_root_cause_addressed, release, "cause").endswith(
        "expected root cause 'cause' to be addressed, but it is not: addressed by fix "
        "(item, not_started); done: none"
    )
    assert failure(assert_root_cause_addressed, release, "symptom").endswith(
        "'symptom' is not a root cause; the root causes are: cause"
    )
    fixed = Scenario(release).resolve("fix")
    assert assert_root_cause_addressed(fixed, "cause").done_by == ("fix",)
    assert failure(assert_root_cause_unaddressed, fixed, "cause").endswith(
        "expected root cause 'cause' to be unaddressed, but done work addresses it: fix"
    )
    orphan = plan(why("alone"))
    assert failure(assert_root_cause_addressed, orphan, "alone").endswith(
        "it is not: no work item addresses it"
    )


def test_finding_assertions() -> None:
    early = plan(item("a", "done", depends_on=["b"]), item("b"))
    finding = assert_finding(early, FindingCode.DONE_BEFORE_DEPENDENCY, ids=["a", "b"])
    assert finding.ids == ("a", "b")
    assert assert_finding(early, "status-without-evidence").ids == ("a",)
    message = failure(assert_finding, early, "overdue")
    assert message.startswith(
        "assessment 'plan' as of 2025-01-01: expected a finding overdue, but the findings are:\n"
    )
    assert (
        "\n  - [warning] done-before-dependency (a, b): item 'a' is done, but it depends on open"
        in message
    )
    assert "about a" in failure(assert_finding, early, "done-before-dependency", ids="a")
    assert_no_finding(early, FindingCode.OVERDUE)
    assert failure(assert_no_finding, early, "status-without-evidence").endswith(
        "expected no finding status-without-evidence, but:\n"
        "  - [info] status-without-evidence (a): item 'a' is done with no evidence"
    )
    assert_no_finding(plan())
    assert "expected no findings, but:" in failure(assert_no_finding, early)
    assert "(none)" in failure(assert_finding, plan(), "overdue")


def test_subjects_and_dates() -> None:
    open_work = plan(item("a", due=dt.date(2025, 1, 10)))
    assert_no_finding(open_work, "overdue")
    assert_finding(open_work, "overdue", as_of="2025-02-01")
    message = failure(assert_no_finding, open_work, "overdue", as_of=dt.date(2025, 2, 1))
    assert message.startswith("assessment 'plan' as of 2025-02-01:")
    with pytest.raises(TypeError, match="as_of"):
        assert_closable(evaluate(open_work), as_of="2025-02-01")
    with pytest.raises(TypeError, match="expected an Evaluation"):
        assert_closable("plan")  # type: ignore[arg-type]
    moment = evaluate(open_work, as_of="2025-02-01T09:30")
    assert failure(assert_closable, moment).startswith(
        "assessment 'plan' as of 2025-02-01 09:30:00:"
    )


# --------------------------------------------------------------------------- scenarios


def test_a_scenario_applies_each_step_and_keeps_the_old_one(release: Assessment) -> None:
    start = Scenario(release)
    fixed = start.resolve("fix")
    assert start.evaluation.item("fix").closed is False
    assert fixed.evaluation.item("fix").closed is True
    assert fixed.assessment is not release
    assert start.steps == ()
    stepped = fixed.set_status("docs", "⚠️ PARTIAL")
    assert stepped.evaluation.item("docs").progress is Progress.PARTIAL
    assert stepped.steps == ("resolve 'fix'", "set 'docs' to '⚠️ PARTIAL'")


def test_scenario_steps_read_as_sentences() -> None:
    runs = plan(
        item("a"), criterion("up"), TestRunEvidence(id="unit", suite="unit", failed=5, passed=5)
    )
    scenario = (
        Scenario(runs, as_of="2025-01-01")
        .record_test_run("unit", failed=0, passed=10)
        .observe("up", holds=None)
        .observe("up", holds=False)
        .advance("2 weeks")
        .advance(dt.timedelta(hours=12))
        .advance(Duration(months=1))
        .at("2025-03-01")
    )
    assert scenario.steps == (
        "record 0 failed / 10 passed for 'unit'",
        "observe 'up' unknown",
        "observe 'up' not holding",
        "advance 2 weeks",
        "advance 12:00:00",
        "advance P1M",
        "move to 2025-03-01",
    )
    assert scenario.evaluation.test_run("unit").failure_rate == 0.0
    assert str(scenario).startswith("assessment 'plan' as of 2025-03-01, after: record 0 failed")
    assert repr(Scenario(runs)) == "Scenario(assessment=<assessment 'plan'>, as_of=None, steps=())"


def test_advancing_the_date_follows_the_calendar() -> None:
    due = plan(item("a", due=dt.date(2025, 2, 28)), date=dt.date(2025, 1, 31))
    scenario = Scenario(due).advance("1 month")
    assert scenario.as_of == dt.datetime(2025, 2, 28)
    assert_no_finding(scenario, "overdue")
    later = scenario.advance("1 day")
    assert later.as_of == dt.datetime(2025, 3, 1)
    assert assert_finding(later, "overdue").ids == ("a",)


def test_a_scenario_failure_names_its_steps() -> None:
    # Met criteria and every item done: the issue may close.
    two = plan(item("a"), item("b"), criterion("c", observed=True))
    assert failure(assert_not_closable, Scenario(two).resolve("a").resolve("b")) == (
        "assessment 'plan' as of 2025-01-01, after: resolve 'a'; resolve 'b': expected the issue"
        " to stay open, but the evaluation says close:\n"
        "  - criteria-met: all 1 success criterion met\n"
        "      c: observed to hold\n"
        "  - work-closed: all 2 work items done or closed with an accepted reason"
    )


# --------------------------------------------------------------------------- rejection


def test_assert_rejected_says_what_was_reported_instead() -> None:
    text = dumps(plan(item("a")))
    loaded = InvalidDocument(text, code="duplicate-id", kind="duplicate-id", description="none")
    assert failure(assert_rejected, loaded) == (
        "expected the document (duplicate-id: none) to be rejected with duplicate-id, but it loaded"
    )
    broken = json.loads(text)
    broken["phases"][0]["items"][0]["depends_on"] = ["nowhere"]
    document = InvalidDocument(
        json.dumps(broken), code="dangling-reference", path="$.phases[0].items[0].depends_on[0]"
    )
    assert assert_rejected(document).path == "$.phases[0].items[0].depends_on[0]"
    elsewhere = InvalidDocument(json.dumps(broken), code="dangling-reference", path="$.related[0]")
    assert failure(assert_rejected, elsewhere) == (
        "expected the document to be rejected with dangling-reference at $.related[0], but it "
        "reported:\n  $.phases[0].items[0].depends_on[0]: 'a' refers to 'nowhere', which is not "
        "a work item or phase (dangling-reference)"
    )


# --------------------------------------------------------------------------- stored evaluations


def test_a_missing_expected_file_is_written(tmp_path: Path, release: Assessment) -> None:
    result = evaluate(release)
    path = tmp_path / "expected" / "release.json"
    assert_matches_expected(result, path)
    assert path.read_text(encoding="utf-8") == dumps(result)
    assert_matches_expected(result, path)  # and then it matches
    yaml_path = tmp_path / "release.yaml"
    assert_matches_expected(result, yaml_path)
    assert yaml_path.read_text(encoding="utf-8") == dumps(result, "yaml")


def test_a_missing_expected_file_fails_when_it_may_not_be_created(tmp_path: Path) -> None:
    message = failure(assert_matches_expected, evaluate(plan()), tmp_path / "x.json", create=False)
    assert message == (
        f"no expected evaluation at {tmp_path / 'x.json'}; run pytest with --remediation-update "
        "to write it"
    )
    assert not (tmp_path / "x.json").exists()


def test_a_changed_evaluation_fails_with_its_changes_and_a_diff(
    tmp_path: Path, release: Assessment
) -> None:
    path = tmp_path / "release.json"
    assert_matches_expected(evaluate(release), path)
    changed = Scenario(release).resolve("fix").evaluation
    message = failure(assert_matches_expected, changed, path)
    lines = message.splitlines()
    assert lines[0] == (
        f"the evaluation differs from the expected one in {path} (run pytest with "
        "--remediation-update to accept it):"
    )
    assert "  $.progress: 0.0 -> 0.5" in lines
    assert '  $.items[id=fix].progress: "not_started" -> "done"' in lines
    assert '  $.items[id=docs].blocked_by[0]: "fix" -> "auth-gap"' in lines
    assert f"--- {path} (expected)" in lines
    assert "+++ actual" in lines
    assert '-  "progress": 0.0,' in lines
    assert '+  "progress": 0.5,' in lines
    assert_matches_expected(changed, path, update=True)
    assert_matches_expected(changed, path)


def test_the_change_list_is_capped_and_survives_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    message = failure(assert_matches_expected, evaluate(plan()), path)
    assert "  (the stored file does not parse)" in message.splitlines()
    many = tmp_path / "many.json"
    assert_matches_expected(evaluate(plan(*(item(f"i{n}") for n in range(30)))), many)
    done = plan(
        *(item(f"i{n}", "done", evidence=["n"]) for n in range(30)),
        NoteEvidence(id="n", text="shipped"),
    )
    message = failure(assert_matches_expected, evaluate(done), many)
    assert any(line.startswith("  ... and ") for line in message.splitlines())


def test_expected_files_need_a_known_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.json, \.yaml or \.yml"):
        assert_matches_expected(evaluate(plan()), tmp_path / "x.txt")


def test_long_reasons_are_capped_and_every_state_has_words() -> None:
    crowded = plan(
        item("a"),
        item("fix", "done", addresses=["partly"]),
        *(criterion(f"c{n}", "<1%") for n in range(12)),
        gap("lonely"),
        gap("partly"),
    )
    message = failure(assert_closable, crowded)
    assert "      c0: no current value (target <1%)" in message
    assert "      ... and 2 more" in message
    assert "      lonely: no work item addresses it and nothing measures it" in message
    assert "partly" not in message  # closed: its only fix is done


def test_yaml_expected_files_list_their_changes_too(tmp_path: Path) -> None:
    path = tmp_path / "expected.yaml"
    assert_matches_expected(evaluate(plan(item("a"))), path)
    message = failure(assert_matches_expected, evaluate(plan(item("a", "done"))), path)
    assert '  $.items[id=a].progress: "not_started" -> "done"' in message.splitlines()


def test_added_and_removed_fields_are_named(tmp_path: Path) -> None:
    path = tmp_path / "expected.json"
    result = evaluate(plan(item("a")))
    stored = json.loads(dumps(result))
    stored["note"] = "gone"
    del stored["issue"]
    path.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    lines = failure(assert_matches_expected, result, path).splitlines()
    assert '  $.note: removed (was "gone")' in lines
    assert '  $.issue: added "#1"' in lines


def test_a_scenario_keeps_the_time_zone_of_its_moment() -> None:
    due_today = plan(
        phase("fixes", item("fix", "open", due=dt.date(2025, 3, 3))), date=dt.date(2025, 3, 1)
    )
    evening = "2025-03-03T18:00:00-07:00"  # 01:00 UTC on the 4th: still the 3rd there
    scenario = Scenario(due_today).at(evening)
    assert scenario.evaluation == evaluate(due_today, as_of=evening)
    assert scenario.evaluation.overdue == ()
    assert str(scenario).endswith(
        "as of 2025-03-03 18:00:00-07:00, after: move to 2025-03-03 18:00:00-07:00"
    )
    later = scenario.advance("1 day")
    assert later.evaluation.overdue == ("fix",)
    assert later.moment.utcoffset() == dt.timedelta(hours=-7)
