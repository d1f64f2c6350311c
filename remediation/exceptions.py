"""Exceptions raised by :mod:`remediation`.

Every exception derives from :class:`RemediationError`; where a builtin fits,
the exception derives from it too, so ``except ValueError`` keeps working.
Errors carry data (paths, ids, the cycle), not only text.

Where several problems are found at once they are raised together as a
:class:`PlanValidationError` (an :class:`ExceptionGroup`), one sub-exception a
problem, each naming where it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "ERROR_CODES",
    "DanglingReferenceError",
    "DependencyCycleError",
    "DocumentError",
    "DuplicateIdError",
    "FormatError",
    "InvalidValueError",
    "MissingDependencyError",
    "MissingFieldError",
    "NoEvaluationDateError",
    "PlanValidationError",
    "RemediationError",
    "RevisionError",
    "SchemaVersionError",
    "SourcePosition",
    "UnknownFieldError",
    "UnknownRecordError",
]


ERROR_CODES: tuple[tuple[str, str], ...] = (
    ("malformed-document", "the text is not well-formed JSON or YAML (or repeats a key)"),
    ("too-large", "the document or a string in it is over its size limit"),
    ("too-deep", "lists and mappings are nested deeper than the limit"),
    ("schema-version", "the schema version is missing, not a version, or newer"),
    ("wrong-type", "a value has the wrong type: text where a number belongs, say"),
    ("invalid-value", "a value of the right type is not one of those accepted"),
    ("unknown-status", "a status label is not in the vocabulary"),
    ("malformed-target", "a target is not a comparator, a number and a unit"),
    (
        "malformed-figure",
        "a figure is not a number with a unit, a range, an approximation or a bound",
    ),
    ("malformed-duration", "a duration is not a number and a unit, nor ISO 8601"),
    ("malformed-date", "a date or time is not ISO 8601"),
    ("out-of-range", "a number is outside its range: a negative count, a percentage over 100"),
    ("rate-contradicts-counts", "a stated failure rate disagrees with its test counts (strict)"),
    ("missing-field", "a required field is missing"),
    ("unknown-field", "a field the record does not have"),
    ("duplicate-id", "two records share an id"),
    ("dangling-reference", "a reference names no record, or a record of the wrong kind"),
    ("dependency-cycle", "dependencies (or causes) form a cycle"),
)
"""Every error code, with what it means; see ``docs/errors.md``."""


_FOLLOW_ON = frozenset({"duplicate-id", "dangling-reference", "dependency-cycle"})
"""Codes of problems between records, which a problem of a value or field often causes."""


def _problem_key(error: DocumentError) -> tuple[int, tuple[tuple[int, int, str], ...]]:
    """Sort key: problems of values and fields first (the causes), each group in document order."""
    return (error.code in _FOLLOW_ON, _path_key(error.path))


def _path_key(path: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key putting JSON paths in document order: ``$.a[2]`` before ``$.a[10]``."""
    parts = path.replace("]", "").replace("[", ".").split(".")
    # isdigit() alone also accepts "²", which int() refuses: only ASCII digits are indexes.
    return tuple((0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p) for p in parts)


class SourcePosition(NamedTuple):
    """Where something is written in a file: its 1-based line and column.

    Columns count characters (not bytes). ``str()`` gives ``file:line:col``,
    the form editors and CI annotate; a text read without a file name shows
    ``<input>``.

    Attributes:
        file: The file it was read from, if any.
        line: The line, the first is 1.
        column: The column, the first is 1.

    Examples:
        >>> str(SourcePosition("plan.yaml", 12, 5))
        'plan.yaml:12:5'
    """

    file: str | None
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file if self.file is not None else '<input>'}:{self.line}:{self.column}"


class RemediationError(Exception):
    """Base class of every error this library raises."""


class DocumentError(RemediationError, ValueError):
    """A problem at one place of a document.

    Attributes:
        path: Where the problem is, as a JSON path (``$.phases[1].items[0].status``).
        code: A stable, machine-readable code for the kind of problem.
        detail: What was found and what was expected.
        position: Where in the file the path is written (the field, or the
            nearest record that is written when the field is missing), set
            by :func:`~remediation.load` and :func:`~remediation.loads`;
            ``None`` for data not read from text.
    """

    code = "invalid-document"
    position: SourcePosition | None = None

    def __init__(self, path: str, detail: str, *, code: str | None = None) -> None:
        self.path = path
        self.detail = detail
        if code is not None:
            self.code = code
        super().__init__(f"{path}: {detail}")


class InvalidValueError(DocumentError):
    """A value has the wrong type or is outside what is accepted.

    Its ``code`` says which: ``wrong-type``, ``invalid-value``, ``unknown-status``,
    ``malformed-target``, ``malformed-duration``, ``malformed-date``,
    ``out-of-range`` or ``rate-contradicts-counts``.
    """

    code = "invalid-value"


class MissingFieldError(DocumentError):
    """A record lacks a field it requires."""

    code = "missing-field"


class UnknownFieldError(DocumentError):
    """A mapping holds a key that the record does not have."""

    code = "unknown-field"


class FormatError(DocumentError):
    """The text is not well-formed JSON or YAML, or is too large or too deep."""

    code = "malformed-document"


class SchemaVersionError(DocumentError):
    """The document's schema version is missing, unknown or newer than this library."""

    code = "schema-version"


class DuplicateIdError(DocumentError):
    """Two records share an id.

    Attributes:
        id: The id used more than once.
        paths: Where each use is.
    """

    code = "duplicate-id"

    def __init__(self, record_id: str, paths: Sequence[str]) -> None:
        self.id = record_id
        self.paths = tuple(paths)
        super().__init__(
            self.paths[-1],
            f"id {record_id!r} is already used at {', '.join(self.paths[:-1])}",
        )


class DanglingReferenceError(DocumentError, LookupError):
    """A record refers to an id that no record has (or to a record of the wrong kind).

    Attributes:
        source: The id of the record holding the reference.
        target: The id it names.
        suggestion: The id it was probably meant to name (one that differs only in
            case, Unicode normalization, invisible or look-alike characters), if any.
        found: What the record of that id is, in words, when it exists but is of
            the wrong kind ("a why step"); ``None`` when no record has the id.
    """

    code = "dangling-reference"

    def __init__(
        self,
        path: str,
        source: str,
        target: str,
        expected: str,
        found: str | None = None,
        *,
        suggestion: tuple[str, str] | None = None,
    ) -> None:
        self.source = source
        self.target = target
        self.found = found
        self.suggestion = suggestion[0] if suggestion is not None else None
        what = f"{found}, not {expected}" if found is not None else f"not {expected}"
        detail = f"{source!r} refers to {target!r}, which is {what}"
        if suggestion is not None:
            meant, how = suggestion
            # Where the two look the same, ascii() shows the difference (e\u0301, \u200b).
            same_look = "normalization" in how or "invisible" in how
            show = ascii if same_look else repr
            detail += f"; did you mean {show(meant)}? ({show(target)} is not it: {how})"
        super().__init__(path, detail)


class UnknownRecordError(RemediationError, KeyError):
    """An id passed to an API function names no record of the assessment."""

    def __init__(self, record_id: str, expected: str) -> None:
        self.id = record_id
        super().__init__(f"no {expected} with id {record_id!r}")

    def __str__(self) -> str:
        return str(self.args[0])


class DependencyCycleError(DocumentError):
    """Dependencies form a cycle, so no order of work exists.

    Attributes:
        cycle: The ids on the cycle, in order, each depending on the next; the
            last depends on the first.
        path: Where the first record of the cycle is in the document.
    """

    code = "dependency-cycle"

    def __init__(self, cycle: Sequence[str], path: str = "$") -> None:
        self.cycle = tuple(cycle)
        shown = " -> ".join((*self.cycle, self.cycle[0]))
        super().__init__(path, f"dependency cycle: {shown}")


class PlanValidationError(RemediationError, ExceptionGroup[DocumentError]):
    """Every problem found in a document, raised at once.

    Each sub-exception is a :class:`DocumentError` with its own ``path`` and
    ``code``. Causes come first: problems of values and fields (an unknown
    field, a missing one, a wrong type), in document order (by path); then
    problems between records (duplicate ids, dangling references, cycles),
    which the first kind often causes, in document order too.
    """

    def __new__(cls, message: str, errors: Sequence[DocumentError]) -> PlanValidationError:
        return super().__new__(cls, message, sorted(errors, key=_problem_key))

    def derive(  # type: ignore[override]
        self, excs: Sequence[DocumentError]
    ) -> PlanValidationError:
        return PlanValidationError(self.message, excs)

    @property
    def errors(self) -> tuple[DocumentError, ...]:
        """The problems: those of values and fields first, then those between records."""
        return tuple(e for e in self.exceptions if isinstance(e, DocumentError))

    def __str__(self) -> str:
        lines = [f"{self.message} ({len(self.exceptions)} problem(s)):"]
        lines.extend(f"  {e}" for e in self.exceptions)
        return "\n".join(lines)


class NoEvaluationDateError(RemediationError, ValueError):
    """An assessment without a ``date`` is evaluated without an ``as_of`` date.

    Attributes:
        assessment: The assessment's id.
    """

    def __init__(self, assessment: str) -> None:
        self.assessment = assessment
        super().__init__(
            f"assessment {assessment!r} has no date to evaluate it as of; pass as_of "
            "(--as-of on the command line)"
        )


class MissingDependencyError(RemediationError, ImportError):
    """An optional feature needs a package that is not installed.

    Attributes:
        package: The package to install.
        extra: The extra of ``remediation`` that installs it.
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{feature} needs {package}: install it with pip install 'remediation[{extra}]'"
        )


class RevisionError(RemediationError, LookupError):
    """A version of a file could not be read from git.

    Attributes:
        path: The file.
        revision: The revision asked for (``None``: its history was asked for).
        detail: What git said, or why git could not run.
    """

    def __init__(self, path: str, revision: str | None, detail: str) -> None:
        self.path = path
        self.revision = revision
        self.detail = detail
        at = f" at {revision}" if revision is not None else ""
        super().__init__(f"{path}{at}: {detail}")
