"""The strategy for documents the library must reject, one kind of mistake at a time.

Each document is a valid assessment broken in one place, in its data (see
:mod:`remediation.testing.strategies._mistakes`) or in its text, and
rendered as JSON or YAML. It knows what a loader must report: the error
code and, where the library's rules fix it, the path.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from remediation.io.formats import Format, dumps
from remediation.model.records import Assessment
from remediation.testing._rejection import InvalidDocument
from remediation.testing.strategies._assessments import assessments
from remediation.testing.strategies._mistakes import _DATA_BREAKERS, _Data

__all__ = ["ERROR_KINDS", "invalid_documents"]


ERROR_KINDS = (
    "wrong-type",
    "unknown-field",
    "unknown-status",
    "malformed-target",
    "duplicate-id",
    "dangling-reference",
    "dependency-cycle",
    "schema-version",
    "malformed-json",
    "malformed-yaml",
)
"""The kinds of mistake :func:`invalid_documents` can make, one per error the library reports."""


@st.composite
def _malformed_json(draw: st.DrawFn, assessment: Assessment) -> InvalidDocument:
    text = dumps(assessment)
    how = draw(st.sampled_from(["cut", "extra", "duplicate key", "trailing comma"]))
    if how == "cut":
        # Every proper prefix of an object is broken (the last brace closes it).
        end = draw(st.integers(0, text.rindex("}") - 1))
        text, description = text[:end], f"cut after {end} characters"
    elif how == "extra":
        extra = draw(st.sampled_from(["x", "}", "{}", ",", "[]"]))
        text, description = text + extra, f"added {extra!r} after the document"
    elif how == "duplicate key":
        text, description = '{"id": "again",' + text[1:], "gave the document a second 'id'"
    else:
        end = text.rindex("}")
        text, description = text[:end].rstrip() + ",\n}\n", "added a comma after the last field"
    return InvalidDocument(
        text, "malformed-document", "$", "json", "malformed-json", description
    )  # fmt: skip


_BROKEN_YAML = (
    "broken: [unclosed\n", "broken: {unclosed\n", 'broken: "unterminated\n',
    "\tbroken: indented with a tab\n", "id: again\n", "broken: 'unterminated\n",
)  # fmt: skip


@st.composite
def _malformed_yaml(draw: st.DrawFn, assessment: Assessment) -> InvalidDocument:
    tail = draw(st.sampled_from(_BROKEN_YAML))
    return InvalidDocument(
        dumps(assessment, "yaml") + tail,
        "malformed-document",
        "$",
        "yaml",
        "malformed-yaml",
        f"added {tail!r} at the end",
    )


def _render(data: _Data, format: Format) -> str:  # noqa: A002
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    import yaml  # noqa: PLC0415  (optional, and only for YAML documents)

    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text


@st.composite
def _broken_data(
    draw: st.DrawFn,
    base: st.SearchStrategy[Assessment],
    kind: str,
    format: Format,  # noqa: A002
) -> InvalidDocument:
    data: _Data = json.loads(dumps(draw(base)))
    broken = draw(_DATA_BREAKERS[kind](data))
    return InvalidDocument(
        _render(data, format), broken.code, broken.path, format, kind, broken.description
    )


def _kinds(kind: str | Collection[str] | None, format: Format) -> tuple[str, ...]:  # noqa: A002
    if format not in ("json", "yaml"):
        msg = f"format: expected 'json' or 'yaml', got {format!r}"
        raise InvalidArgument(msg)
    other = "malformed-yaml" if format == "json" else "malformed-json"
    if kind is None:
        return tuple(k for k in ERROR_KINDS if k != other)
    kinds = (kind,) if isinstance(kind, str) else tuple(kind)
    unknown = [k for k in kinds if k not in ERROR_KINDS]
    if unknown or not kinds:
        msg = f"kind: expected some of {', '.join(ERROR_KINDS)}, got {kind!r}"
        raise InvalidArgument(msg)
    return kinds


def invalid_documents(
    kind: str | Collection[str] | None = None,
    *,
    format: Format = "json",  # noqa: A002
    base: st.SearchStrategy[Assessment] | None = None,
) -> st.SearchStrategy[InvalidDocument]:
    """Documents holding one mistake of *kind*, with the error a loader must report.

    Each is a valid assessment drawn from *base* (small ones by default),
    broken in one place:

    - ``wrong-type``: a field holds a value of the wrong type (``invalid-value``);
    - ``unknown-field``: a record holds a key it does not have (``unknown-field``);
    - ``unknown-status``: a status label no vocabulary knows (``invalid-value``);
    - ``malformed-target``: a criterion's target or a gap's threshold that is
      not a target (``invalid-value``);
    - ``duplicate-id``: a new record takes an existing id (``duplicate-id``,
      at whichever of the two is read later);
    - ``dangling-reference``: a reference to no record, or to a record of the
      wrong kind (``dangling-reference``);
    - ``dependency-cycle``: an item depending on itself, a why step causing
      itself, or a ring of new items or why steps (``dependency-cycle``, at
      the first record of the cycle);
    - ``schema-version``: the version missing, of the wrong type, or out of
      range (``schema-version``);
    - ``malformed-json``, ``malformed-yaml``: text that does not parse
      (``malformed-document``, at ``$``).

    *kind* may be one kind, several, or ``None`` for any of them. *format*
    is the format of the documents, except for the malformed kinds, which
    have their own; ``None`` kinds leave out the malformed kind of the other
    format.

    Raises:
        hypothesis.errors.InvalidArgument: An unknown kind or format.
    """
    kinds = _kinds(kind, format)
    if base is None:
        base = assessments(
            max_phases=2, max_items=3, max_next_steps=1, max_evidence=3, max_why=3, max_gaps=2,
            max_criteria=2,
        )  # fmt: skip
    return st.one_of(*_strategies(kinds, base, format))


def _strategies(
    kinds: tuple[str, ...],
    base: st.SearchStrategy[Assessment],
    format: Format,  # noqa: A002
) -> Iterator[st.SearchStrategy[InvalidDocument]]:
    for kind in kinds:
        if kind == "malformed-json":
            yield base.flatmap(_malformed_json)
        elif kind == "malformed-yaml":
            yield base.flatmap(_malformed_yaml)
        else:
            yield _broken_data(base, kind, format)
