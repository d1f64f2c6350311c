"""Documents the library must reject, and the assertion that it does."""

from __future__ import annotations

import attrs

from remediation.exceptions import DocumentError, PlanValidationError
from remediation.io.formats import Format, loads

__all__ = ["InvalidDocument", "assert_rejected"]


@attrs.frozen
class InvalidDocument:
    """A document the library must reject, and what it must report.

    :func:`remediation.testing.strategies.invalid_documents` draws them; build
    one yourself for a document of your own.

    Attributes:
        text: The document (left out of the repr: ``description`` says what is wrong).
        code: The :attr:`~remediation.exceptions.DocumentError.code` the loader must report.
        path: Where it must report it, as a JSON path; ``None``: anywhere.
        format: ``"json"`` or ``"yaml"``.
        kind: Which kind of mistake it holds (see
            :data:`~remediation.testing.strategies.ERROR_KINDS`).
        description: What was done to a valid document to break it.
    """

    text: str = attrs.field(repr=False)
    code: str
    path: str | None = None
    format: Format = "json"
    kind: str = ""
    description: str = ""


def assert_rejected(document: InvalidDocument) -> DocumentError:
    """Check that loading *document* fails with its code at its path; return that error.

    Every problem the loader reports is looked at, so the expected one may
    come with others (a duplicated id can leave a reference dangling, say).

    Raises:
        AssertionError: The document loads, or none of the problems reported
            is the expected one; the message lists what was reported.

    Examples:
        >>> from remediation.testing import InvalidDocument, assert_rejected
        >>> document = InvalidDocument('{"schema_version": 9}', code="schema-version")
        >>> assert_rejected(document).path
        '$.schema_version'
        >>> assert_rejected(InvalidDocument("{}", code="duplicate-id"))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        AssertionError: expected the document to be rejected with duplicate-id, but it reported:
          $.schema_version: ... (schema-version)
    """
    __tracebackhide__ = True
    expected = document.code + ("" if document.path is None else f" at {document.path}")
    what = f" ({document.kind}: {document.description})" if document.description else ""
    try:
        loads(document.text, document.format)
    except PlanValidationError as error:
        reported = error.errors
    except DocumentError as error:
        reported = (error,)
    else:
        msg = f"expected the document{what} to be rejected with {expected}, but it loaded"
        raise AssertionError(msg)
    for problem in reported:
        if problem.code == document.code and document.path in (None, problem.path):
            return problem
    lines = [f"expected the document{what} to be rejected with {expected}, but it reported:"]
    lines.extend(f"  {problem} ({problem.code})" for problem in reported)
    raise AssertionError("\n".join(lines))
