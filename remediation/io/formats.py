"""Reading and writing documents: JSON and YAML, versioned.

Every document is a mapping that starts with ``schema_version`` and ``kind``
(``"assessment"`` or ``"evaluation"``), followed by the record's fields.
Output is deterministic (fields in schema order, defaults left out, two-space
indent, a final newline), so the same input gives byte-identical output and
diffs stay small. ``loads(dumps(x)) == x`` for every assessment and evaluation.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

import attrs
import cattrs

from remediation.evaluation.results import RATE_TOLERANCE, Evaluation
from remediation.exceptions import (
    DocumentError,
    FormatError,
    InvalidValueError,
    PlanValidationError,
    SourcePosition,
)
from remediation.graph.structure import structure_of
from remediation.graph.validation import validate
from remediation.io.converter import VALUE_CLASSES, make_converter, make_fast_converter
from remediation.io.errors import collect_errors, type_name
from remediation.io.json_text import indented
from remediation.io.lenient import drop_dangling
from remediation.io.limits import (
    Limits,
    current_limits,
    integer_of,
    limits_in_force,
    raise_hint,
)
from remediation.io.migrations import SCHEMA_VERSION, upgrade
from remediation.io.output import write_text
from remediation.io.positions import SourceText, place_errors
from remediation.io.record_text import RecordText
from remediation.io.record_yaml import RecordYaml
from remediation.io.salvage import PLACEHOLDER, salvage
from remediation.io.value_hooks import parsing_once
from remediation.io.yaml import dump_yaml, load_yaml, yaml_text_writer
from remediation.io.yaml_text import Unusual
from remediation.model.policy import Policy
from remediation.model.records import Assessment, TestRunEvidence

__all__ = [
    "SCHEMA_VERSION",
    "Format",
    "decoded_text",
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "parse_text",
    "to_data",
]

Format = Literal["json", "yaml"]
_Document = Assessment | Evaluation | Policy
_KINDS: dict[str, type[_Document]] = {
    "assessment": Assessment,
    "evaluation": Evaluation,
    "policy": Policy,
}
_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_T = TypeVar("_T", Assessment, Evaluation, Policy)


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


@functools.cache
def _record_text() -> RecordText:
    return RecordText(_converter(), VALUE_CLASSES)


@functools.cache
def _record_yaml() -> RecordYaml:
    return RecordYaml(_converter(), VALUE_CLASSES, yaml_text_writer())


@functools.cache
def _fast_converter() -> cattrs.Converter:
    return make_fast_converter()


def _kind_of(obj: object) -> str:
    for name, cls in _KINDS.items():
        if isinstance(obj, cls):
            return name
    msg = f"expected an Assessment, an Evaluation or a Policy, got {type(obj).__name__}"
    raise TypeError(msg)


def to_data(obj: Assessment | Evaluation | Policy) -> dict[str, Any]:
    """The document of *obj* as plain data (dicts, lists, strings, numbers, booleans).

    Examples:
        >>> from remediation import examples
        >>> data = to_data(examples.issue_1176())
        >>> list(data)[:3]
        ['schema_version', 'kind', 'id']
    """
    with parsing_once():
        body: dict[str, Any] = _converter().unstructure(obj)
    return {"schema_version": SCHEMA_VERSION, "kind": _kind_of(obj), **body}


def _checked(value: str) -> str:
    if value not in ("json", "yaml"):
        msg = f"format: expected 'json' or 'yaml', got {value!r}"
        raise ValueError(msg)
    return value


def dumps(obj: Assessment | Evaluation | Policy, format: Format = "json") -> str:  # noqa: A002
    """Serialize an assessment or evaluation to JSON or YAML text.

    Raises:
        MissingDependencyError: YAML was asked for and PyYAML is not installed.
        ValueError: *format* is neither ``"json"`` nor ``"yaml"``.
    """
    header = {"schema_version": SCHEMA_VERSION, "kind": _kind_of(obj)}
    with parsing_once():
        if _checked(format) == "json":
            try:  # the text of indented(to_data(obj)), written from the records directly
                return _record_text().document(obj, header)
            except (TypeError, ValueError):
                pass  # a value its annotation does not describe: written below, or refused
            return indented(to_data(obj)) + "\n"  # as json.dumps(indent=2, ensure_ascii=False)
        try:  # the text of dump_yaml(to_data(obj)), written from the records directly
            return _record_yaml().document(obj, header)
        except (TypeError, ValueError, Unusual):
            pass  # written below from the plain data, by PyYAML where it must
        return dump_yaml(to_data(obj))


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    result = {}
    for key, value in pairs:
        if key in result:
            msg = f"not valid JSON: the key {key!r} appears twice in one object"
            raise FormatError("$", msg)
        result[key] = value
    return result


def decoded_text(text: str | bytes) -> str:
    """The text, checked against the size limit and decoded from UTF-8."""
    limits = current_limits()
    if len(text) > limits.max_bytes:
        unit = "bytes" if isinstance(text, bytes) else "characters"
        msg = (
            f"the document is {len(text)} {unit}, more than the limit of {limits.max_bytes}; "
            f"{raise_hint('max_bytes')}"
        )
        raise FormatError("$", msg, code="too-large")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            msg = f"not UTF-8 text: {error.reason} at byte {error.start}"
            raise FormatError("$", msg) from None
    return text


def parse_text(text: str, format: Format) -> Any:  # noqa: A002
    """*text* parsed as JSON or YAML into plain data, its errors placed at a line and column."""
    if _checked(format) == "yaml":
        return load_yaml(text)
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_int=integer_of)
    except json.JSONDecodeError as error:
        msg = f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
        refused = FormatError("$", msg)
        refused.position = SourcePosition(None, error.lineno, error.colno)
        raise refused from None
    except RecursionError:
        msg = "not valid JSON here: nested too deeply to read"
        raise FormatError("$", msg, code="too-deep") from None


def from_data(data: object, kind: type[Any], *, strict: bool = False, lenient: bool = False) -> Any:
    """Build an assessment or evaluation from plain data, checking everything.

    With *lenient*, references that name no record of the kind they must are
    dropped and kept in ``Assessment.dropped_references`` (see
    :mod:`remediation.io.lenient`) instead of refusing the document.

    Raises:
        SchemaVersionError: The version is missing, unknown or newer than this library.
        PlanValidationError: Every problem found, each with its path.
    """
    if not isinstance(data, Mapping):
        msg = f"expected a mapping at the top of the document, got {type_name(data)}"
        raise InvalidValueError("$", msg)
    data = upgrade(data)
    wanted = _kind_of_class(kind)
    stated = data.get("kind", "assessment")
    if stated != wanted:
        expected = ", ".join(repr(k) for k in _KINDS)
        msg = (
            f"expected kind {wanted!r}, got {stated!r}"
            if isinstance(stated, str) and stated in _KINDS
            else f"expected one of {expected}, got {stated!r}"
        )
        raise InvalidValueError("$.kind", msg)
    body = {k: v for k, v in data.items() if k not in ("schema_version", "kind")}
    if lenient and kind is Assessment:
        result, dropped = drop_dangling(body, lambda b: _from_body(b, kind, wanted))
        if dropped:
            result = attrs.evolve(result, dropped_references=dropped)
        if strict:
            _refuse_contradictions(result)
        return result
    result = _records(body, kind, wanted)
    # The plain data is let go before the structure is computed: it would be
    # walked by every collection of Python's garbage collector that building
    # the structure sets off, and it is larger than the records.
    del data, body
    if isinstance(result, Assessment):
        structure_of(result)
        if strict:
            _refuse_contradictions(result)
    return result


def _from_body(body: Mapping[str, Any], kind: type[Any], wanted: str) -> Any:
    """Read the body of a document (without version and kind), validating an assessment."""
    result = _records(body, kind, wanted)
    if isinstance(result, Assessment):
        structure_of(result)
    return result


def _records(body: Mapping[str, Any], kind: type[Any], wanted: str) -> Any:
    """The records of the body of a document (without version and kind), not yet validated."""
    with parsing_once():
        try:
            # Valid documents are the common case: read them without collecting
            # errors, and read again in detail only a document that has some.
            return _fast_converter().structure(body, kind)
        except Exception:  # any problem: the detailed pass finds and reports it
            return _detailed(body, kind, wanted)


def _detailed(body: Mapping[str, Any], kind: type[Any], wanted: str) -> Any:
    """Read *body* collecting every problem, each with its path."""
    try:
        return _converter().structure(body, kind)
    except Exception as error:
        errors = collect_errors(error)
        if kind is Assessment:
            errors.extend(_reference_errors(body))
        msg = f"{wanted} document is not valid"
        raise PlanValidationError(msg, errors) from None


def _reference_errors(body: Mapping[str, Any]) -> list[DocumentError]:
    """Id, reference and cycle problems of a document whose values have errors too."""
    stand_in = salvage(_converter(), body, Assessment)
    if stand_in is None:
        return []
    try:
        validate(stand_in)
    except PlanValidationError as problems:
        return [e for e in problems.errors if not _involves_placeholder(e)]
    return []


def _involves_placeholder(error: DocumentError) -> bool:
    """Whether a problem is about a record whose id could not be read (reported already)."""
    ids = [getattr(error, name, "") for name in ("id", "source", "target")]
    ids.extend(getattr(error, "cycle", ()))
    return any(isinstance(i, str) and i.startswith(PLACEHOLDER) for i in ids)


def _refuse_contradictions(assessment: Assessment) -> None:
    errors: list[DocumentError] = []
    for index, evidence in enumerate(assessment.evidence):
        if not isinstance(evidence, TestRunEvidence):
            continue
        stated, rate = evidence.stated_failure_rate, evidence.failure_rate
        if stated is None or rate is None or abs(stated - rate) <= RATE_TOLERANCE:
            continue
        msg = (
            f"{evidence.failed} failed / {evidence.passed} passed is a {rate:.2f}% failure "
            f"rate; the stated {stated:g}% contradicts it (expected within "
            f"{RATE_TOLERANCE:g} points)"
        )
        path = f"$.evidence[{index}].stated_failure_rate"
        errors.append(InvalidValueError(path, msg, code="rate-contradicts-counts"))
    if errors:
        msg = f"assessment {assessment.id!r} contradicts itself"
        raise PlanValidationError(msg, errors)


def _kind_of_class(kind: type[Any]) -> str:
    for name, cls in _KINDS.items():
        if kind is cls:
            return name
    msg = f"kind: expected Assessment, Evaluation or Policy, got {kind!r}"
    raise TypeError(msg)


@overload
def loads(
    text: str | bytes,
    format: Format = "json",
    *,
    limits: Limits | None = None,
    strict: bool = False,
    lenient: bool = False,
) -> Assessment: ...
@overload
def loads(
    text: str | bytes,
    format: Format = "json",
    *,
    kind: type[_T],
    limits: Limits | None = None,
    strict: bool = False,
    lenient: bool = False,
) -> _T: ...
def loads(
    text: str | bytes,
    format: Format = "json",  # noqa: A002
    *,
    kind: type[Any] = Assessment,
    limits: Limits | None = None,
    strict: bool = False,
    lenient: bool = False,
) -> Any:
    """Read an assessment (or, with ``kind=Evaluation``, an evaluation) from text.

    Args:
        text: The document, as text or UTF-8 bytes.
        format: ``"json"`` or ``"yaml"``.
        kind: :class:`~remediation.Assessment` (the default) or
            :class:`~remediation.Evaluation`.
        limits: How large the document may be; see :class:`~remediation.Limits`.
        strict: Also refuse figures the document contradicts itself on (a
            stated failure rate its test counts disagree with), which by
            default load and become findings of the evaluation.
        lenient: Drop references to missing ids (or to records of the wrong
            kind) instead of refusing the document; each dropped reference is
            kept in ``dropped_references`` and becomes an error finding.

    Raises:
        FormatError: The text is not well-formed JSON or YAML, or is over a limit.
        SchemaVersionError: The schema version is missing, unknown or newer.
        PlanValidationError: Every problem found, each with its path.

    Examples:
        >>> from remediation import dumps, examples, loads
        >>> plan = examples.issue_1176()
        >>> loads(dumps(plan)) == plan
        True
    """
    with limits_in_force(limits or current_limits()):
        return _read(decoded_text(text), format, kind, strict=strict, lenient=lenient, file=None)


def _read(
    text: str,
    format: Format,  # noqa: A002
    kind: type[Any],
    *,
    strict: bool,
    lenient: bool,
    file: str | None,
) -> Any:
    """Parse and build the document; its errors, and the assessment, know where they are written.

    Nothing about positions is computed here: the text is kept (a reference)
    and read again only when an error or a finding asks where it is.
    """
    source = SourceText(text, format, file)
    try:
        result = from_data(parse_text(text, format), kind, strict=strict, lenient=lenient)
    except (DocumentError, PlanValidationError) as error:
        place_errors(error, source)
        raise
    if isinstance(result, Assessment):
        object.__setattr__(result, "_source", source)
    return result


def _format_of(path: Path, format: Format | None) -> Format:  # noqa: A002
    if format is not None:
        return format
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        msg = f"{path}: cannot tell the format from the suffix; use .json, .yaml or .yml"
        raise ValueError(msg) from None


@overload
def load(
    path: str | os.PathLike[str],
    format: Format | None = None,
    *,
    limits: Limits | None = None,
    strict: bool = False,
    lenient: bool = False,
) -> Assessment: ...
@overload
def load(
    path: str | os.PathLike[str],
    format: Format | None = None,
    *,
    kind: type[_T],
    limits: Limits | None = None,
    strict: bool = False,
    lenient: bool = False,
) -> _T: ...
def load(
    path: str | os.PathLike[str],
    format: Format | None = None,  # noqa: A002
    *,
    kind: type[Any] = Assessment,
    limits: Limits | None = None,
    strict: bool = False,
    lenient: bool = False,
) -> Any:
    """Read an assessment (or evaluation) from a file; the format follows the suffix.

    The arguments are those of :func:`loads`; a file over the size limit is
    refused before it is read.

    Raises:
        OSError: The file cannot be read.
        FormatError, SchemaVersionError, PlanValidationError: As :func:`loads`.
    """
    file = Path(path)
    chosen = _format_of(file, format)
    with limits_in_force(limits or current_limits()) as limit:
        size = file.stat().st_size
        if size > limit.max_bytes:
            msg = (
                f"{file} is {size} bytes, more than the limit of {limit.max_bytes}; "
                f"{raise_hint('max_bytes')}"
            )
            raise FormatError("$", msg, code="too-large")
        return _read(
            decoded_text(file.read_bytes()),
            chosen,
            kind,
            strict=strict,
            lenient=lenient,
            file=str(path),
        )


def dump(
    obj: Assessment | Evaluation | Policy,
    path: str | os.PathLike[str],
    format: Format | None = None,  # noqa: A002
    *,
    force: bool = False,
) -> None:
    """Write an assessment or evaluation to a file, atomically.

    The text goes to a temporary file beside *path*, which then replaces
    *path*: a failure midway leaves any earlier file untouched. A replaced
    file keeps its permissions and a new one gets them from the umask; a
    read-only file is refused unless *force* is given; a symbolic link is
    written through; a device or pipe is written into, never replaced; ``"-"``
    is standard output (give *format*). See
    :func:`~remediation.io.output.write_text`.

    Raises:
        PermissionError: *path* is read-only (without *force*).
        OSError: The file cannot be written; an earlier file is left as it was.
    """
    write_text(dumps(obj, _format_of(Path(path), format)), path, force=force)
