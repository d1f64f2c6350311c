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
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

import cattrs

from remediation._converter import collect_errors, make_converter, type_name
from remediation._evaluation import Evaluation
from remediation._graph import structure_of
from remediation._records import Assessment
from remediation.exceptions import (
    FormatError,
    InvalidValueError,
    MissingDependencyError,
    PlanValidationError,
    SchemaVersionError,
)

__all__ = ["SCHEMA_VERSION", "Format", "dump", "dumps", "load", "loads", "to_data"]

SCHEMA_VERSION = 1
"""The schema version this library writes, and the newest it reads."""

Format = Literal["json", "yaml"]
_Document = Assessment | Evaluation
_KINDS: dict[str, type[_Document]] = {"assessment": Assessment, "evaluation": Evaluation}
_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_T = TypeVar("_T", Assessment, Evaluation)


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def _kind_of(obj: object) -> str:
    for name, cls in _KINDS.items():
        if isinstance(obj, cls):
            return name
    msg = f"expected an Assessment or an Evaluation, got {type(obj).__name__}"
    raise TypeError(msg)


def to_data(obj: Assessment | Evaluation) -> dict[str, Any]:
    """The document of *obj* as plain data (dicts, lists, strings, numbers, booleans).

    Examples:
        >>> from remediation import examples
        >>> data = to_data(examples.issue_1176())
        >>> list(data)[:3]
        ['schema_version', 'kind', 'id']
    """
    body: dict[str, Any] = _converter().unstructure(obj)
    return {"schema_version": SCHEMA_VERSION, "kind": _kind_of(obj), **body}


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415  (optional, and slow to import)
    except ImportError:
        raise MissingDependencyError("YAML", "PyYAML", "yaml") from None
    return yaml


def _checked(value: str) -> str:
    if value not in ("json", "yaml"):
        msg = f"format: expected 'json' or 'yaml', got {value!r}"
        raise ValueError(msg)
    return value


def dumps(obj: Assessment | Evaluation, format: Format = "json") -> str:  # noqa: A002
    """Serialize an assessment or evaluation to JSON or YAML text.

    Raises:
        MissingDependencyError: YAML was asked for and PyYAML is not installed.
        ValueError: *format* is neither ``"json"`` nor ``"yaml"``.
    """
    data = to_data(obj)
    if _checked(format) == "json":
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if format == "yaml":
        text: str = _yaml().dump(
            data,
            Dumper=_safe_dumper(),
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
        return text
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            msg = f"not valid JSON: the key {key!r} appears twice in one object"
            raise FormatError("$", msg)
        result[key] = value
    return result


# Line breaks YAML folds into spaces unless the scalar is double-quoted.
_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


@functools.cache
def _safe_dumper() -> Any:
    """PyYAML's safe dumper, double-quoting text whose line breaks it would lose."""
    yaml = _yaml()

    class KeepingSafeDumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
        pass

    def represent_str(dumper: Any, data: str) -> Any:
        style = '"' if any(mark in data for mark in _YAML_BREAKS) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    KeepingSafeDumper.add_representer(str, represent_str)
    return KeepingSafeDumper


@functools.cache
def _strict_loader() -> Any:
    """PyYAML's safe loader, refusing a key that appears twice in one mapping."""
    yaml = _yaml()

    class StrictSafeLoader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        pass

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> Any:  # noqa: FBT001, FBT002
        loader.flatten_mapping(node)
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = loader.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:
                continue  # an unhashable key: the safe loader reports it
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found the key {key!r} twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    StrictSafeLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    return StrictSafeLoader


def _parse(text: str | bytes, format: Format) -> Any:  # noqa: A002
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            msg = f"not UTF-8 text: {error.reason} at byte {error.start}"
            raise FormatError("$", msg) from None
    if _checked(format) == "json":
        try:
            return json.loads(text, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as error:
            msg = f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
            raise FormatError("$", msg) from None
    yaml = _yaml()
    try:
        return yaml.load(text, Loader=_strict_loader())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        msg = f"not valid YAML: {problem}{where}"
        raise FormatError("$", msg) from None


def from_data(data: object, kind: type[Any]) -> Any:
    """Build an assessment or evaluation from plain data, checking everything.

    Raises:
        SchemaVersionError: The version is missing, unknown or newer than this library.
        PlanValidationError: Every problem found, each with its path.
    """
    if not isinstance(data, Mapping):
        msg = f"expected a mapping at the top of the document, got {type_name(data)}"
        raise InvalidValueError("$", msg)
    version = data.get("schema_version")
    if version is None:
        msg = f"schema_version is missing; expected {SCHEMA_VERSION}"
        raise SchemaVersionError("$.schema_version", msg)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        msg = f"expected a schema version from 1 to {SCHEMA_VERSION}, got {version!r}"
        raise SchemaVersionError("$.schema_version", msg)
    if version > SCHEMA_VERSION:
        msg = (
            f"schema version {version} is newer than this library reads (up to "
            f"{SCHEMA_VERSION}); upgrade remediation"
        )
        raise SchemaVersionError("$.schema_version", msg)
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
    try:
        result = _converter().structure(body, kind)
    except Exception as error:
        errors = collect_errors(error)
        msg = f"{wanted} document is not valid"
        raise PlanValidationError(msg, errors) from None
    if isinstance(result, Assessment):
        structure_of(result)
    return result


def _kind_of_class(kind: type[Any]) -> str:
    for name, cls in _KINDS.items():
        if kind is cls:
            return name
    msg = f"kind: expected Assessment or Evaluation, got {kind!r}"
    raise TypeError(msg)


@overload
def loads(text: str | bytes, format: Format = "json") -> Assessment: ...
@overload
def loads(text: str | bytes, format: Format = "json", *, kind: type[_T]) -> _T: ...
def loads(
    text: str | bytes,
    format: Format = "json",  # noqa: A002
    *,
    kind: type[Any] = Assessment,
) -> Any:
    """Read an assessment (or, with ``kind=Evaluation``, an evaluation) from text.

    Raises:
        FormatError: The text is not well-formed JSON or YAML.
        SchemaVersionError: The schema version is missing, unknown or newer.
        PlanValidationError: Every problem found, each with its path.

    Examples:
        >>> from remediation import dumps, examples, loads
        >>> plan = examples.issue_1176()
        >>> loads(dumps(plan)) == plan
        True
    """
    return from_data(_parse(text, format), kind)


def _format_of(path: Path, format: Format | None) -> Format:  # noqa: A002
    if format is not None:
        return format
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        msg = f"{path}: cannot tell the format from the suffix; use .json, .yaml or .yml"
        raise ValueError(msg) from None


@overload
def load(path: str | os.PathLike[str], format: Format | None = None) -> Assessment: ...
@overload
def load(
    path: str | os.PathLike[str],
    format: Format | None = None,
    *,
    kind: type[_T],
) -> _T: ...
def load(
    path: str | os.PathLike[str],
    format: Format | None = None,  # noqa: A002
    *,
    kind: type[Any] = Assessment,
) -> Any:
    """Read an assessment (or evaluation) from a file; the format follows the suffix.

    Raises:
        OSError: The file cannot be read.
        FormatError, SchemaVersionError, PlanValidationError: As :func:`loads`.
    """
    file = Path(path)
    return from_data(_parse(file.read_bytes(), _format_of(file, format)), kind)


def dump(
    obj: Assessment | Evaluation,
    path: str | os.PathLike[str],
    format: Format | None = None,  # noqa: A002
) -> None:
    """Write an assessment or evaluation to a file, atomically.

    The text goes to a temporary file beside *path*, which then replaces
    *path*: a failure midway leaves any earlier file untouched.
    """
    file = Path(path)
    text = dumps(obj, _format_of(file, format))
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{file.name}.", suffix=".tmp", dir=file.parent
    )
    try:
        os.fchmod(descriptor, _mode_for(file))
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(file: Path) -> int:
    """The existing file's permissions, or what a new file would get."""
    try:
        return file.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
