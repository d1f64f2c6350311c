"""Where things are written: the file, line and column of a JSON path or a record.

A document read by :func:`~remediation.load` or :func:`~remediation.loads`
keeps a reference to its text (a :class:`SourceText`, on the assessment, never
compared or written). Nothing more is done while reading: the positions are
found only when an error or a finding asks for one, by reading the text once
more with a pass that notes where each value starts (PyYAML's composer for
YAML, a small scanner for JSON), and kept on that :class:`SourceText`.

A field is placed where its key is written, an entry of a list where the entry
starts. A path that is not written (a missing field) is placed at the nearest
enclosing value that is. Lines and columns start at 1; columns count characters.

Examples:
    >>> from remediation import loads
    >>> plan = loads('{"schema_version": 1, "id": "a", "issue": "#1", "title": "A",\\n'
    ...              ' "date": "2025-01-01", "gaps": [{"id": "g", "title": "G"}]}')
    >>> str(position_of(plan, "g"))
    '<input>:2:33'
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from remediation.evaluation.results import Finding
from remediation.exceptions import DocumentError, PlanValidationError, SourcePosition
from remediation.graph.references import path, records
from remediation.io.yaml import compose_yaml
from remediation.model.records import Assessment

__all__ = [
    "SourceText",
    "finding_position",
    "place_errors",
    "position_of",
    "positions",
]

_Spots = dict[str, int]
"""JSON path -> offset in the text where it is written."""
_Ids = dict[str, str]
"""The value of an ``id`` field -> the JSON path of the mapping holding it (the first)."""


class SourceText:
    """The text a document was read from, and where each of its values is written.

    Attributes:
        text: The text (decoded).
        format: ``"json"`` or ``"yaml"``.
        file: The file it was read from, if any.
    """

    __slots__ = ("_ids", "_lines", "_records", "_spots", "file", "format", "text")

    def __init__(self, text: str, format: str, file: str | None = None) -> None:  # noqa: A002
        self.text = text
        self.format = format
        self.file = file
        self._spots: _Spots | None = None
        self._ids: _Ids = {}
        self._lines: list[int] | None = None
        self._records: _Ids | None = None

    def __repr__(self) -> str:
        return f"SourceText(file={self.file!r}, format={self.format!r}, {len(self.text)} chars)"

    def position(self, json_path: str) -> SourcePosition | None:
        """Where *json_path* (``$.phases[1].items[0]``) is written, or its nearest written parent.

        ``None`` when the text cannot be read again (it was not well-formed).
        """
        spots = self._read()
        if not spots:
            return None
        where = json_path
        while where not in spots:
            cut = max(where.rfind("."), where.rfind("["))
            if cut <= 0:
                where = "$"
                break
            where = where[:cut]
        offset = spots.get(where)
        if offset is None:
            return None
        if self._lines is None:
            self._lines = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]
        line = bisect.bisect_right(self._lines, offset)
        return SourcePosition(self.file, line, offset - self._lines[line - 1] + 1)

    def record_path(self, assessment: Assessment, record_id: str) -> str | None:
        """The JSON path of the record of *assessment* with *record_id*.

        The records of the plan graph first (the first of a duplicate id), then
        any other mapping of the text with that ``id`` (a count claim, a stage
        claim).
        """
        if self._records is None:
            known: _Ids = {}
            for found, _kind, _record, _container, location in records(assessment):
                known.setdefault(found, path(location))
            self._records = known
        found_path = self._records.get(record_id)
        if found_path is None:
            self._read()
            found_path = self._ids.get(record_id)
        return found_path

    def _read(self) -> _Spots:
        if self._spots is None:
            self._spots = _spots(self.text, self.format, self._ids)
        return self._spots


def positions(assessment: Assessment) -> SourceText | None:
    """The text *assessment* was read from, or ``None`` (built in code, or a variant)."""
    source = assessment._source  # kept on the document, like its structure
    return source if isinstance(source, SourceText) else None


def position_of(assessment: Assessment, record_id: str) -> SourcePosition | None:
    """Where the record *record_id* of *assessment* is written, if it was read from text.

    ``None`` for an assessment built in code (or changed with ``attrs.evolve``:
    its records are no longer where the text has them) and for an unknown id.
    """
    source = positions(assessment)
    if source is None:
        return None
    where = source.record_path(assessment, record_id)
    return source.position(where) if where is not None else None


def finding_position(assessment: Assessment, finding: Finding) -> SourcePosition | None:
    """Where the first record of *finding* that is written is, if *assessment* was read from text.

    A finding about the whole document (no ids) is placed at the assessment.
    """
    for record_id in finding.ids or (assessment.id,):
        found = position_of(assessment, record_id)
        if found is not None:
            return found
    return None


def place_errors(error: DocumentError | PlanValidationError, source: SourceText) -> None:
    """Set the ``position`` of *error* (or of each of its problems) from *source*.

    A position already known (the parser's, for text that is not well-formed)
    gets the file name; the others are looked up by path. A problem of the
    whole document (``$``: too large, too deep, of the wrong kind) has no line
    and is left without one; the text is not read again for it.
    """
    problems = error.errors if isinstance(error, PlanValidationError) else (error,)
    for problem in problems:
        known = problem.position
        if known is not None:
            problem.position = known._replace(file=source.file)
        elif problem.path != "$":
            problem.position = source.position(problem.path)


# --------------------------------------------------------------------------- the passes


def _spots(text: str, format: str, ids: _Ids) -> _Spots:  # noqa: A002
    """Every JSON path of the document with its offset (and into *ids*, every ``id``).

    Empty if the text cannot be read again.
    """
    spots: _Spots = {}
    try:
        if format == "yaml":
            _yaml_spots(compose_yaml(text), "$", 0, (spots, ids), set())
        else:
            _json_spots(text, spots, ids)
    except (ValueError, RecursionError, IndexError):  # not readable again: no positions
        ids.clear()
        return {}
    return spots


def _yaml_spots(
    node: Any, where: str, offset: int, found: tuple[_Spots, _Ids], seen: set[int]
) -> None:
    """Note *node* at *where*; walk what it holds (a node shared by aliases, once)."""
    spots, ids = found
    spots.setdefault(where, offset)
    if id(node) in seen:
        return
    seen.add(id(node))
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return
    if node.id == "mapping":
        for key, inner in value:
            name = key.value if isinstance(key.value, str) else None
            if name is None:
                continue
            if name == "id" and isinstance(inner.value, str):
                ids.setdefault(inner.value, where)
            _yaml_spots(inner, f"{where}.{name}", key.start_mark.index, found, seen)
    else:
        for index, inner in enumerate(value):
            _yaml_spots(inner, f"{where}[{index}]", inner.start_mark.index, found, seen)


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
"""A string (its escapes inside), a bracket or punctuation, or a number, true, false, null."""


def _json_spots(text: str, spots: _Spots, ids: _Ids) -> None:
    """Note where each value of well-formed JSON *text* starts (a field: where its key is).

    One pass over the tokens with a stack of the open lists and mappings, so
    that no nesting is too deep for it. Each frame is ``[path, is_mapping,
    index, key, expecting_key]``.
    """
    stack: list[list[Any]] = []
    for token in _TOKEN.finditer(text):
        value = token.group()
        start = token.start()
        if len(value) == 1 and value in ",:]}":
            if value == ",":
                open_one = stack[-1]
                open_one[2] += 1
                open_one[4] = open_one[1]
            elif value != ":":
                stack.pop()
            continue
        if not stack:
            where = "$"
            spots.setdefault(where, start)
        elif stack[-1][4]:  # a key of a mapping
            frame = stack[-1]
            if not value.startswith('"'):
                msg = f"expected a key at offset {start}"
                raise ValueError(msg)
            key = json.loads(value) if "\\" in value else value[1:-1]
            frame[3] = key
            frame[4] = False
            spots.setdefault(f"{frame[0]}.{key}", start)
            continue
        elif stack[-1][1]:
            frame = stack[-1]
            where = f"{frame[0]}.{frame[3]}"
            if frame[3] == "id" and value.startswith('"'):
                ids.setdefault(json.loads(value), frame[0])
        else:
            frame = stack[-1]
            where = f"{frame[0]}[{frame[2]}]"
            spots.setdefault(where, start)
        if value == "{":
            stack.append([where, True, 0, None, True])
        elif value == "[":
            stack.append([where, False, 0, None, False])
    if stack:
        msg = "the text ends inside a list or mapping"
        raise ValueError(msg)
