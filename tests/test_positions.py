"""Source positions: the file, line and column of every error and every finding about a record."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import remediation
from remediation import SourcePosition, finding_position, position_of
from remediation.cli import main
from remediation.exceptions import DocumentError, PlanValidationError
from remediation.graph.references import path as remediation_path
from remediation.graph.references import records
from remediation.io.positions import SourceText, positions
from remediation.testing.strategies import assessments

YAML_PLAN = """\
schema_version: 1
id: plan
issue: "#7"
title: Checkout errors
date: 2025-05-01
phases:
  - id: p
    title: P
    items:
      - id: a
        title: A
        status: sometimes
      - id: b
        title: B
        status: open
        depends_on: [nowhere]
        colour: red
  - id: q
    items: []
"""


def error_list(text: str, format: remediation.Format) -> list[DocumentError]:  # noqa: A002
    with pytest.raises((PlanValidationError, DocumentError)) as caught:
        remediation.loads(text, format)
    error = caught.value
    if isinstance(error, PlanValidationError):
        return list(error.errors)
    assert isinstance(error, DocumentError)
    return [error]


def at(text: str, position: SourcePosition | None) -> str:
    """The text from *position* to the end of its line."""
    assert position is not None
    return text.splitlines()[position.line - 1][position.column - 1 :]


def test_every_yaml_error_is_placed_where_its_field_or_record_is_written() -> None:
    placed = {(e.path, e.code): at(YAML_PLAN, e.position) for e in error_list(YAML_PLAN, "yaml")}
    assert placed == {
        ("$.phases[0].items[0].status", "unknown-status"): "status: sometimes",
        ("$.phases[0].items[1].colour", "unknown-field"): "colour: red",
        # A missing field is placed at the record that lacks it.
        ("$.phases[1].title", "missing-field"): "id: q",
        ("$.phases[0].items[1].depends_on[0]", "dangling-reference"): "nowhere]",
    }


def test_every_json_error_is_placed_the_same_way() -> None:
    document = {
        "schema_version": 1,
        "id": "plan",
        "issue": "#7",
        "title": 'Checkout [errors], {really}: "quoted" \u00e9t\u00e9',
        "date": "2025-05-01",
        "phases": [
            {"id": "p", "title": "P", "items": [{"id": "a", "title": "A", "status": "rarely"}]},
            {"id": "p", "title": "Again"},
        ],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False).replace("\n", "\r\n")
    placed = {(e.path, e.code): at(text, e.position) for e in error_list(text, "json")}
    assert placed == {
        ("$.phases[0].items[0].status", "unknown-status"): '"status": "rarely"',
        ("$.phases[1]", "duplicate-id"): "{",
    }
    # One line: columns count characters, past escapes and brackets inside strings.
    flat = json.dumps(document, ensure_ascii=True)
    (status, _duplicate) = error_list(flat, "json")
    assert flat[status.position.column - 1 :].startswith('"status": "rarely"')  # type: ignore[union-attr]


def test_a_text_that_is_not_well_formed_is_placed_where_the_parser_stopped(
    tmp_path: Path,
) -> None:
    (yaml_error,) = error_list("id: [unclosed\ntitle: x\n", "yaml")
    assert yaml_error.position == SourcePosition(None, 2, 6)
    (json_error,) = error_list('{\n  "id": ,\n}', "json")
    assert json_error.position == SourcePosition(None, 2, 9)
    file = tmp_path / "broken.json"
    file.write_text('{\n  "id": ,\n}', encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        remediation.load(file)
    assert str(caught.value.position) == f"{file}:2:9"


def test_a_problem_of_the_whole_document_has_no_line() -> None:
    (error,) = error_list('["a list"]', "json")
    assert (error.path, error.position) == ("$", None)


def test_load_names_the_file(tmp_path: Path) -> None:
    file = tmp_path / "plan.yaml"
    file.write_text(YAML_PLAN, encoding="utf-8")
    with pytest.raises(PlanValidationError) as caught:
        remediation.load(file)
    first = caught.value.errors[0]
    assert str(first.position) == f"{file}:12:9"


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_every_record_of_the_reference_example_is_placed_at_its_id(
    format: remediation.Format,  # noqa: A002
) -> None:
    text = remediation.dumps(remediation.examples.issue_1176(), format)
    plan = remediation.loads(text, format)
    lines = text.splitlines()
    for record_id, _kind, _record, _container, _where in records(plan):
        position = position_of(plan, record_id)
        assert position is not None
        # The record starts there: its id is among its first fields (after schema_version
        # and kind for the document, after kind for evidence; JSON opens a brace first).
        written = lines[position.line - 1 : position.line + 3]
        assert any(f"id: {record_id}" in line or f'"id": "{record_id}"' in line for line in written)
    assert position_of(plan, "no-such-record") is None


@pytest.mark.parametrize("format", ["json", "yaml"])
def test_every_finding_of_the_reference_example_is_placed_at_one_of_its_records(
    format: remediation.Format,  # noqa: A002
) -> None:
    text = remediation.dumps(remediation.examples.issue_1176(), format)
    plan = remediation.loads(text, format)
    evaluation = remediation.evaluate(plan)
    assert evaluation.findings
    for finding in evaluation.findings:
        position = finding_position(plan, finding)
        assert position is not None, finding
        written = " ".join(text.splitlines()[position.line - 1 : position.line + 1])
        # A count claim is no record of the plan graph: it is found by its id too.
        assert any(record_id in written for record_id in finding.ids), finding


def test_positions_are_computed_only_when_asked_for() -> None:
    plan = remediation.loads(remediation.examples.issue_1176_text())
    source = positions(plan)
    assert source is not None
    assert source._spots is None  # loading read the text once, and only once
    assert position_of(plan, "phase-1") is not None
    assert source._spots is not None


def test_an_assessment_built_in_code_or_changed_has_no_positions() -> None:
    built = remediation.examples.issue_1176()
    plan = remediation.loads(remediation.dumps(built))
    assert position_of(plan, "phase-1") is not None
    changed = attrs.evolve(plan, title="Another title")
    assert position_of(changed, "phase-1") is None
    changed_status = remediation.with_status(plan, "ssot-violations", "RESOLVED")
    assert position_of(changed_status, "phase-1") is None
    built_in_code = remediation.Assessment(id="x", issue="#1", title="X", date=plan.date)
    assert position_of(built_in_code, "x") is None


def test_yaml_aliases_are_walked_once() -> None:
    text = "a: &a {id: x, title: t}\nb: [*a, *a, *a]\n"
    source = SourceText(text, "yaml")
    assert source.position("$.b") == SourcePosition(None, 2, 1)
    # An alias is the value its anchor names: placed where the anchor is written (&a).
    assert source.position("$.b[2]") == SourcePosition(None, 1, 4)
    assert source.position("$.a.title") == SourcePosition(None, 1, 15)
    # Below an alias nothing is walked again: a path there is placed at the alias.
    assert source.position("$.b[2].title") == SourcePosition(None, 1, 4)


def test_a_text_that_cannot_be_read_again_has_no_positions() -> None:
    assert SourceText("{not json", "json").position("$.a") is None
    assert SourceText("a: [", "yaml").position("$.a") is None


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_prints_errors_as_file_line_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "plan.yaml"
    file.write_text(YAML_PLAN, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(file))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert lines[1].startswith(
        f"{file}:12:9: unknown-status: $.phases[0].items[0].status: unknown status; "
    )
    assert "{label: 'sometimes', progress: " in lines[1]
    assert lines[2].startswith(
        f"{file}:17:9: unknown-field: $.phases[0].items[1].colour: unknown field 'colour'"
    )


def test_the_command_line_prints_findings_as_file_line_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    file = tmp_path / "plan.yaml"
    remediation.dump(remediation.examples.issue_1176(), file)
    code, out, _ = run(capsys, "evaluate", str(file))
    assert code == 0
    located = [line for line in out.splitlines() if line.startswith(f"{file}:")]
    plan = remediation.load(file)
    findings = remediation.evaluate(plan).findings
    assert len(located) == len(findings)
    first = findings[0]
    where = finding_position(plan, first)
    assert located[0] == (f"{where}: {first.code}: {first.severity.value}: {first.message}")
    # Standard input is <input>; the embedded example keeps the summary's own form.
    sys.stdin = io.StringIO(file.read_text(encoding="utf-8"))
    try:
        code, out, _ = run(capsys, "evaluate", "-")
    finally:
        sys.stdin = sys.__stdin__
    assert f"<input>:{where.line}:{where.column}: {first.code}" in out  # type: ignore[union-attr]
    code, out, _ = run(capsys, "evaluate")
    assert f"  {first.severity.value}: {first.code}: " in out


def test_the_problem_matcher_of_the_ci_how_to_reads_errors_and_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = (Path(__file__).parent.parent / "docs" / "howto-ci.md").read_text(encoding="utf-8")
    matcher = json.loads(page.split("```json")[1].split("```")[0])
    pattern = re.compile(matcher["problemMatcher"][0]["pattern"][0]["regexp"])
    bad = tmp_path / "bad.yaml"
    bad.write_text(YAML_PLAN, encoding="utf-8")
    good = tmp_path / "good.yaml"
    remediation.dump(remediation.examples.issue_1176(), good)
    _, _, err = run(capsys, "validate", str(bad))
    _, out, _ = run(capsys, "evaluate", str(good))
    lines = [
        line for line in (*err.splitlines(), *out.splitlines()) if line.startswith(str(tmp_path))
    ]
    assert len(lines) == 4 + len(remediation.evaluate(remediation.load(good)).findings)
    for line in lines:
        found = pattern.match(line)
        assert found is not None, line
        assert Path(found[1]) in (bad, good)
        assert int(found[2]) > 0
        assert int(found[3]) > 0


def offset_of(text: str, position: SourcePosition) -> int:
    """The offset of *position* (lines end at CR, LF or CRLF only, as editors count them)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    return starts[position.line - 1] + position.column - 1


@settings(max_examples=30, deadline=None)
@given(assessments(), st.sampled_from(["json", "yaml"]))
def test_every_generated_record_is_placed_at_its_start_and_its_id_at_its_key(
    assessment: remediation.Assessment,
    format: remediation.Format,  # noqa: A002
) -> None:
    text = remediation.dumps(assessment, format)
    plan = remediation.loads(text, format)
    source = positions(plan)
    assert source is not None
    for _id, _kind, _record, _container, where in records(plan):
        record_path = remediation_path(where)
        start = source.position(record_path)
        key = source.position(f"{record_path}.id" if where else "$.id")
        assert start is not None
        assert key is not None
        assert offset_of(text, start) <= offset_of(text, key)
        assert text[offset_of(text, key) :].startswith(('"id"', "id:"))


def test_json_keys_are_read_with_their_escapes_and_strings_hide_brackets() -> None:
    text = '{"a\\u0062": [1, {"c": "]}\\"[{"}, -2.5e3, true, null], "d": {}}'
    source = SourceText(text, "json")
    assert source.position("$.ab[1].c") == SourcePosition(None, 1, 18)
    assert source.position("$.ab[3]") == SourcePosition(None, 1, 42)
    assert source.position("$.d") == SourcePosition(None, 1, 55)
    assert source.position("$.ab[9]") == SourcePosition(None, 1, 2)  # the nearest: $.ab


def test_json_nested_deeper_than_the_interpreter_recurses_is_still_placed() -> None:
    depth = 5000
    source = SourceText("[" * depth + "]" * depth, "json")
    assert source.position("$" + "[0]" * (depth - 1)) == SourcePosition(None, 1, depth)
