"""JSON and YAML documents: round trips, versioning, every problem at once, atomic files."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from remediation import (
    SCHEMA_VERSION,
    Assessment,
    Comparator,
    Criterion,
    Evaluation,
    Format,
    Progress,
    Severity,
    Status,
    Target,
    dump,
    dumps,
    evaluate,
    examples,
    load,
    loads,
    parse_status,
    to_data,
    validate,
)
from remediation.exceptions import (
    DocumentError,
    FormatError,
    InvalidValueError,
    PlanValidationError,
    RemediationError,
    SchemaVersionError,
    UnknownFieldError,
)
from remediation.io.converter import make_converter, make_fast_converter
from remediation.testing.strategies import assessments, dates, datetimes

FORMATS: tuple[Format, ...] = ("json", "yaml")

# Each property draws whole assessments (tens of records); 30 examples each
# keeps the file at a few seconds. Serializing is fast, but a slow machine
# must not make the properties flaky, hence no deadline.
PROPERTY = settings(max_examples=30, deadline=None)


def parse(text: str, format: Format) -> Any:  # noqa: A002
    """The document as plain data, read by the standard parsers."""
    return json.loads(text) if format == "json" else yaml.safe_load(text)


def render(data: Any, format: Format) -> str:  # noqa: A002
    """Plain data as a document in *format*, written by the standard writers."""
    if format == "json":
        return json.dumps(data, ensure_ascii=False)
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text


@pytest.fixture(scope="module")
def reference() -> Assessment:
    return examples.issue_1176()


@pytest.fixture
def reference_data(reference: Assessment) -> dict[str, Any]:
    """A fresh, mutable copy of the reference example as plain data."""
    data: dict[str, Any] = json.loads(json.dumps(to_data(reference)))
    return data


# --------------------------------------------------------------------------- properties


@PROPERTY
@given(assessments())
def test_generated_assessments_are_valid(assessment: Assessment) -> None:
    # The strategy's promise, checked by the library itself: unique ids,
    # references that resolve, no cycles.
    validate(assessment)


@PROPERTY
@given(assessments())
def test_json_round_trip(assessment: Assessment) -> None:
    assert loads(dumps(assessment)) == assessment


@PROPERTY
@given(assessments())
def test_valid_documents_read_in_one_fast_pass(assessment: Assessment) -> None:
    # Loading tries the fast converter first; a valid document must not need
    # the detailed one (that would double its cost), and both build the same.
    data = to_data(assessment)
    body = {k: v for k, v in data.items() if k not in ("schema_version", "kind")}
    assert make_fast_converter().structure(body, Assessment) == assessment
    assert make_converter().structure(body, Assessment) == assessment


@PROPERTY
@given(assessments())
def test_yaml_round_trip(assessment: Assessment) -> None:
    assert loads(dumps(assessment, "yaml"), "yaml") == assessment


@PROPERTY
@given(assessments(), st.sampled_from(FORMATS))
def test_dumps_is_deterministic(assessment: Assessment, format: Format) -> None:  # noqa: A002
    text = dumps(assessment, format)
    assert dumps(assessment, format) == text
    assert dumps(loads(text, format), format) == text


@PROPERTY
@given(assessments())
def test_json_to_yaml_to_json_is_the_identity(assessment: Assessment) -> None:
    json_text = dumps(assessment)
    yaml_text = dumps(loads(json_text), "yaml")
    assert dumps(loads(yaml_text, "yaml")) == json_text


@PROPERTY
@given(
    assessments(),
    st.none() | dates() | datetimes(),
    st.sampled_from(FORMATS),
)
def test_evaluation_round_trip(
    assessment: Assessment,
    as_of: dt.date | None,
    format: Format,  # noqa: A002
) -> None:
    result = evaluate(assessment, as_of=as_of)
    text = dumps(result, format)
    assert loads(text, format, kind=Evaluation) == result
    assert dumps(loads(text, format, kind=Evaluation), format) == text


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("value", [0.1234567, 1234567.0, 99.99999, 1 / 3, 1e-300, 1.5e17, -0.0])
def test_target_keeps_every_digit(value: float, format: Format) -> None:  # noqa: A002
    # A target is written as text ("<0.1234567"); six significant digits would lose some.
    criterion = Criterion(id="c", title="C", target=Target(Comparator.LT, value), current=0.0)
    plan = Assessment(id="a", issue="#1", title="A", date=dt.date(2025, 1, 1), criteria=[criterion])
    assert loads(dumps(plan, format), format).criteria[0].target == criterion.target


# --------------------------------------------------------------------------- the reference example


def test_reference_example_dumps_to_the_shipped_text_byte_for_byte(reference: Assessment) -> None:
    shipped = examples.issue_1176_text()
    assert dumps(reference) == shipped
    assert dumps(reference).encode("utf-8") == shipped.encode("utf-8")


def test_reference_example_yaml_round_trip(reference: Assessment) -> None:
    text = dumps(reference, "yaml")
    assert loads(text, "yaml") == reference
    assert dumps(loads(text, "yaml")) == examples.issue_1176_text()


@pytest.mark.parametrize("format", FORMATS)
def test_reference_evaluation_round_trip(reference: Assessment, format: Format) -> None:  # noqa: A002
    result = evaluate(reference, as_of="2025-09-15")
    assert loads(dumps(result, format), format, kind=Evaluation) == result


def test_output_is_readable_text(reference: Assessment) -> None:
    text = dumps(reference)
    assert text.endswith("}\n")
    assert "\n  " in text  # two-space indent
    assert "✅ **RESOLVED**" in text  # emoji written as themselves, not \u escapes
    assert "\\u2705" not in text
    yaml_text = dumps(reference, "yaml")
    assert "✅ **RESOLVED**" in yaml_text
    assert "\\u2705" not in yaml_text


# --------------------------------------------------------------------------- version and kind


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize(("kind", "make"), [("assessment", False), ("evaluation", True)])
def test_document_starts_with_schema_version_then_kind(
    reference: Assessment,
    format: Format,  # noqa: A002
    kind: str,
    make: bool,
) -> None:
    obj: Assessment | Evaluation = evaluate(reference) if make else reference
    text = dumps(obj, format)
    data = parse(text, format)
    assert list(data)[:2] == ["schema_version", "kind"]
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["kind"] == kind
    first_lines = text.splitlines()[:3]
    if format == "json":
        assert first_lines == [
            "{",
            f'  "schema_version": {SCHEMA_VERSION},',
            f'  "kind": "{kind}",',
        ]
    else:
        assert first_lines[:2] == [f"schema_version: {SCHEMA_VERSION}", f"kind: {kind}"]


def test_schema_version_is_two() -> None:
    assert SCHEMA_VERSION == 2  # 2: claims have a scope, not one of nine count subjects


BAD_VERSIONS = [
    pytest.param("missing", id="missing"),
    pytest.param(None, id="null"),
    pytest.param("1", id="string"),
    pytest.param(1.0, id="float"),
    pytest.param(1.5, id="fraction"),
    pytest.param(True, id="boolean"),
    pytest.param([1], id="list"),
    pytest.param(0, id="zero"),
    pytest.param(-1, id="negative"),
    pytest.param(SCHEMA_VERSION + 1, id="newer"),
    pytest.param(10**20, id="much-newer"),
]


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("version", BAD_VERSIONS)
def test_bad_schema_version_is_rejected(
    reference_data: dict[str, Any],
    version: object,
    format: Format,  # noqa: A002
) -> None:
    if version == "missing":
        del reference_data["schema_version"]
    else:
        reference_data["schema_version"] = version
    with pytest.raises(SchemaVersionError) as caught:
        loads(render(reference_data, format), format)
    error = caught.value
    assert error.path == "$.schema_version"
    assert error.code == "schema-version"
    assert isinstance(error, RemediationError)
    assert isinstance(error, ValueError)


def test_newer_schema_version_says_to_upgrade(reference_data: dict[str, Any]) -> None:
    reference_data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(SchemaVersionError, match="newer") as caught:
        loads(json.dumps(reference_data))
    assert "upgrade" in str(caught.value)


@pytest.mark.parametrize("kind", ["plan", "Assessment", "", 3, None, True])
def test_unknown_kind_is_rejected(reference_data: dict[str, Any], kind: object) -> None:
    reference_data["kind"] = kind
    with pytest.raises(InvalidValueError) as caught:
        loads(json.dumps(reference_data))
    assert caught.value.path == "$.kind"
    assert caught.value.code == "invalid-value"
    assert "'assessment'" in caught.value.detail


@pytest.mark.parametrize("kind", [["assessment"], {"name": "assessment"}])
def test_unhashable_kind_is_rejected(reference_data: dict[str, Any], kind: object) -> None:
    # not a bare TypeError from looking an unhashable value up in a dict
    reference_data["kind"] = kind
    with pytest.raises(InvalidValueError) as caught:
        loads(json.dumps(reference_data))
    assert caught.value.path == "$.kind"


def test_evaluation_text_does_not_load_as_an_assessment(reference: Assessment) -> None:
    text = dumps(evaluate(reference))
    with pytest.raises(InvalidValueError) as caught:
        loads(text)
    assert caught.value.path == "$.kind"
    assert "'evaluation'" in caught.value.detail
    assert "'assessment'" in caught.value.detail
    # and with the right kind it loads
    assert loads(text, kind=Evaluation) == evaluate(reference)


def test_assessment_text_does_not_load_as_an_evaluation(reference: Assessment) -> None:
    with pytest.raises(InvalidValueError) as caught:
        loads(dumps(reference), kind=Evaluation)
    assert caught.value.path == "$.kind"
    assert "'evaluation'" in caught.value.detail


@pytest.mark.parametrize("text", ["[]", '"plan"', "3", "null"])
def test_document_must_be_a_mapping(text: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        loads(text)
    assert caught.value.path == "$"


# --------------------------------------------------------------------------- bad input


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


# (where to put it, the bad value, the JSON path reported, error class, code, words in the message)
PROBLEMS: list[Any] = [
    pytest.param(
        ("date",), 12, "$.date", InvalidValueError, "malformed-date", ["date", "integer"],
        id="wrong-type",
    ),
    pytest.param(
        ("titel",), "Issue", "$.titel", UnknownFieldError, "unknown-field",
        ["did you mean 'title'"], id="unknown-field",
    ),
    pytest.param(
        ("phases", 0, "items", 0, "status"), "SHIPPED", "$.phases[0].items[0].status",
        InvalidValueError, "unknown-status",
        ["'SHIPPED'", "docs/format.md", "progress"], id="unknown-status",
    ),
    pytest.param(
        ("criteria", 0, "target"), "<<10", "$.criteria[0].target", InvalidValueError,
        "malformed-target", ["'<<10'", "target"], id="malformed-target",
    ),
    pytest.param(
        ("criteria", 1, "baseline"), "3", "$.criteria[1].baseline", InvalidValueError,
        "wrong-type", ["number", "string"], id="string-for-number",
    ),
    pytest.param(
        ("evidence", 2, "failed"), "20", "$.evidence[2].failed", InvalidValueError,
        "wrong-type", ["integer", "string"], id="string-for-integer",
    ),
    pytest.param(
        ("labels",), "abc", "$.labels", InvalidValueError, "wrong-type", ["list", "string"],
        id="string-for-list",
    ),
    pytest.param(
        ("evidence", 0, "kind"), "comit", "$.evidence[0].kind", InvalidValueError,
        "invalid-value", ["did you mean 'commit'", "test_run"], id="unknown-evidence-kind",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("where", "value", "path", "error_type", "code", "words"), PROBLEMS)
def test_each_problem_is_reported_with_its_path_and_code(
    reference_data: dict[str, Any],
    where: tuple[str | int, ...],
    value: object,
    path: str,
    error_type: type[DocumentError],
    code: str,
    words: list[str],
) -> None:
    _set(reference_data, where, value)
    with pytest.raises(PlanValidationError) as caught:
        loads(json.dumps(reference_data, ensure_ascii=False))
    (error,) = caught.value.errors
    assert type(error) is error_type
    assert error.path == path
    assert error.code == code
    for word in words:
        assert word in error.detail
    assert path in str(caught.value)


def test_problem_table_matches_the_reference_layout(reference_data: dict[str, Any]) -> None:
    # The problem table above relies on the reference example's layout.
    assert reference_data["evidence"][0]["kind"] == "commit"
    assert reference_data["evidence"][2]["kind"] == "test_run"
    assert isinstance(reference_data["criteria"][1]["baseline"], float)
    assert isinstance(reference_data["phases"][0]["items"][0]["status"], str)


@pytest.mark.parametrize("format", FORMATS)
def test_every_problem_is_reported_at_once(
    reference_data: dict[str, Any],
    format: Format,  # noqa: A002
) -> None:
    expected: dict[str, str] = {}
    for problem in PROBLEMS:
        where, value, path, _error_type, code, _words = problem.values
        _set(reference_data, where, value)
        expected[path] = code
    with pytest.raises(PlanValidationError) as caught:
        loads(render(reference_data, format), format)
    group = caught.value
    assert isinstance(group, ExceptionGroup)
    assert isinstance(group, RemediationError)
    assert all(isinstance(error, DocumentError) for error in group.exceptions)
    assert {error.path: error.code for error in group.errors} == expected
    assert len(group.errors) == len(expected)
    text = str(group)
    for path in expected:
        assert path in text


def test_a_string_is_not_split_into_letters(reference_data: dict[str, Any]) -> None:
    reference_data["phases"][0]["items"][0]["depends_on"] = "ab"
    with pytest.raises(PlanValidationError) as caught:
        loads(json.dumps(reference_data))
    assert [e.path for e in caught.value.errors] == ["$.phases[0].items[0].depends_on"]


@pytest.mark.parametrize("number", ["3", "3.0", "1e2", " 54 "])
def test_numeric_strings_are_not_coerced(reference_data: dict[str, Any], number: str) -> None:
    reference_data["criteria"][1]["baseline"] = number
    with pytest.raises(PlanValidationError) as caught:
        loads(json.dumps(reference_data))
    assert [e.path for e in caught.value.errors] == ["$.criteria[1].baseline"]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ('{"schema_version": 1,\n  "kind": }', 2, 11),
        ('{"schema_version": 1,\n"kind": "assessment",\n', 3, 1),
        ("{\n\n   ,}", 3, 4),
    ],
)
def test_malformed_json_is_a_format_error_with_line_and_column(
    text: str, line: int, column: int
) -> None:
    with pytest.raises(FormatError) as caught:
        loads(text)
    assert caught.value.code == "malformed-document"
    assert caught.value.path == "$"
    assert f"line {line}, column {column}" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("schema_version: 1\nkind: [assessment\n", 3, 1),
        ("schema_version: 1\nkind: assessment\n  id: : x\n", 3, 5),
        ("schema_version: 1\n\tkind: assessment\n", 2, 1),
    ],
)
def test_malformed_yaml_is_a_format_error_with_line_and_column(
    text: str, line: int, column: int
) -> None:
    with pytest.raises(FormatError) as caught:
        loads(text, "yaml")
    assert caught.value.code == "malformed-document"
    assert f"line {line}, column {column}" in str(caught.value)


def test_bytes_that_are_not_utf8_are_a_format_error() -> None:
    with pytest.raises(FormatError, match="UTF-8"):
        loads(b'{"schema_version": 1, "title": "\xff"}')


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:pathlib.Path.touch [{marker}]",
        "!!python/object/new:pathlib.Path [{marker}]",
        "!!python/object:pathlib.PurePath {{}}",
        "!!python/name:os.system",
    ],
)
def test_yaml_python_tags_are_rejected_not_executed(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "executed"
    value = tag.format(marker=json.dumps(str(marker)))
    text = f"schema_version: 1\nkind: assessment\nid: {value}\nissue: '#1'\n"
    with pytest.raises(RemediationError) as caught:
        loads(text, "yaml")
    assert isinstance(caught.value, FormatError)
    assert "python" in str(caught.value)
    assert not marker.exists()


# --------------------------------------------------------------------------- regressions


@pytest.mark.parametrize(
    "status",
    [
        Status(Progress.PARTIAL, severity=None, label="❌ **CRITICAL**"),
        Status(Progress.PARTIAL, severity=None, missing=False, label="❌ **MISSING**"),
        Status(Progress.DONE, severity=Severity.LOW, missing=False, label="🚨 MISSING"),
    ],
    ids=["severity-dropped", "missing-dropped", "both"],
)
@pytest.mark.parametrize("format", FORMATS)
def test_status_overriding_its_label_round_trips(status: Status, format: Format) -> None:  # noqa: A002
    assert parse_status(status.label or "") != status  # so it is written in mapping form
    plan = Assessment(id="a", issue="#1", title="A", date=dt.date(2025, 1, 1), stated_status=status)
    assert loads(dumps(plan, format), format).stated_status == status


def test_explicit_null_severity_overrides_the_label() -> None:
    text = json.dumps(
        {
            "schema_version": 1,
            "kind": "assessment",
            "id": "a",
            "issue": "#1",
            "title": "A",
            "date": "2025-01-01",
            "stated_status": {"label": "🚨 MISSING", "progress": "done", "severity": None},
        }
    )
    status = loads(text).stated_status
    assert status == Status(Progress.DONE, severity=None, missing=True, label="🚨 MISSING")


@pytest.mark.parametrize(
    "title", ["\x85", "Ã\x85", "line\x85break", "\u2028", "a\u2029b", "Ã\x85 \u2028 x"]
)
def test_yaml_keeps_unicode_line_breaks(title: str) -> None:
    # PyYAML folds NEL (U+0085, as in mojibake "Ã\x85"), LS and PS into spaces
    # unless the scalar is double-quoted.
    plan = Assessment(id="a", issue="#1", title=title, date=dt.date(2025, 1, 1))
    assert loads(dumps(plan, "yaml"), "yaml").title == title


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("plan.json", "json"),
        ("plan.yaml", "yaml"),
        ("plan.yml", "yaml"),
        ("PLAN.JSON", "json"),
        ("plan.Yaml", "yaml"),
    ],
)
def test_file_format_follows_the_suffix(
    tmp_path: Path,
    reference: Assessment,
    name: str,
    format: Format,  # noqa: A002
) -> None:
    path = tmp_path / name
    dump(reference, path)
    assert path.read_text(encoding="utf-8") == dumps(reference, format)
    assert load(path) == reference
    assert load(str(path)) == reference


def test_evaluation_file_round_trip(tmp_path: Path, reference: Assessment) -> None:
    result = evaluate(reference)
    path = tmp_path / "evaluation.yaml"
    dump(result, str(path))
    assert load(path, kind=Evaluation) == result
    with pytest.raises(InvalidValueError):
        load(path)


def test_explicit_format_overrides_the_suffix(tmp_path: Path, reference: Assessment) -> None:
    path = tmp_path / "plan.txt"
    dump(reference, path, format="yaml")
    assert path.read_text(encoding="utf-8") == dumps(reference, "yaml")
    assert load(path, format="yaml") == reference


@pytest.mark.parametrize("name", ["plan.txt", "plan", "plan.json.bak", "plan.toml"])
def test_unknown_suffix_is_a_value_error(tmp_path: Path, reference: Assessment, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(ValueError, match="suffix"):
        dump(reference, path)
    assert list(tmp_path.iterdir()) == []
    path.write_text(dumps(reference), encoding="utf-8")
    with pytest.raises(ValueError, match="suffix"):
        load(path)


def _fail(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


class _HalfWriter:
    """A text file whose write puts half the text on disk, then fails."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, text: str) -> int:
        self._handle.write(text[: len(text) // 2])
        self._handle.flush()
        raise OSError(28, "No space left on device")

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def _break_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", _fail)
    monkeypatch.setattr(os, "rename", _fail)
    monkeypatch.setattr(Path, "replace", _fail)
    monkeypatch.setattr(Path, "rename", _fail)


def _break_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", _fail)


def _break_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    def fdopen(*args: Any, **kwargs: Any) -> _HalfWriter:
        return _HalfWriter(real_fdopen(*args, **kwargs))

    monkeypatch.setattr(os, "fdopen", fdopen)


def _interrupt_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)


FAILURES: dict[str, tuple[Callable[[pytest.MonkeyPatch], None], type[BaseException]]] = {
    "replace-fails": (_break_replace, OSError),
    "fsync-fails": (_break_fsync, OSError),
    "write-fails-midway": (_break_write, OSError),
    "interrupted": (_interrupt_fsync, KeyboardInterrupt),
}


@pytest.fixture(params=sorted(FAILURES))
def failing_write(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> type[BaseException]:
    """Break the file system at one point of writing; the exception to expect."""
    breaker, expected = FAILURES[request.param]
    breaker(monkeypatch)
    return expected


@pytest.mark.parametrize("name", ["plan.json", "plan.yaml"])
def test_dump_is_atomic_when_writing_fails(
    tmp_path: Path, reference: Assessment, name: str, failing_write: type[BaseException]
) -> None:
    path = tmp_path / name
    old = "old content, must survive\n"
    path.write_text(old, encoding="utf-8")
    with pytest.raises(failing_write):
        dump(reference, path)
    assert path.read_text(encoding="utf-8") == old
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_dump_leaves_nothing_when_a_new_file_fails(
    tmp_path: Path, reference: Assessment, failing_write: type[BaseException]
) -> None:
    with pytest.raises(failing_write):
        dump(reference, tmp_path / "plan.json")
    assert list(tmp_path.iterdir()) == []


def test_dump_replaces_an_existing_file(tmp_path: Path, reference: Assessment) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old\n" * 10_000, encoding="utf-8")
    dump(reference, path)
    assert path.read_text(encoding="utf-8") == examples.issue_1176_text()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("name", ["plan.json", "plan.yml"])
def test_new_file_gets_normal_permissions(tmp_path: Path, reference: Assessment, name: str) -> None:
    path = tmp_path / name
    dump(reference, path)
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode == 0o644  # 0o666 minus the umask, not mkstemp's 0o600
    # the same as an ordinary write would give
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    assert mode == stat.S_IMODE(plain.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_existing_file_keeps_its_permissions(tmp_path: Path, reference: Assessment) -> None:
    path = tmp_path / "plan.json"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    dump(reference, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load(path) == reference
