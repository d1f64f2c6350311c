"""The JSON Schema of the document format, generated from the records.

Generated, not written by hand, so it cannot drift from what the loader
accepts: each attrs record becomes a definition whose properties are its
fields (described by the record's ``Attributes:`` docstring), with the same
string forms the converter reads for statuses, durations, targets and dates.
Editors use it for completion and checking of YAML and JSON documents.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import inspect
import re
import types
import typing
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from remediation.evaluation.results import Evaluation
from remediation.io.migrations import SCHEMA_VERSION
from remediation.io.record_hooks import EVIDENCE_KINDS
from remediation.model.duration import Duration
from remediation.model.moment import Moment
from remediation.model.quantity import Quantity
from remediation.model.records import Assessment, Evidence
from remediation.model.status import Progress, Severity, Status, accepted_status_labels
from remediation.model.target import Target

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_ROOTS: dict[str, type[Any]] = {"assessment": Assessment, "evaluation": Evaluation}
_ROLE = re.compile(r":\w+:`~?(?:[\w.]*\.)?(\w+)`")
_FIELD_DOC = re.compile(r"^\s{8}(?P<names>[a-z_][a-z_, ]*):\s*(?P<text>.*)$")


def _field_docs(cls: type[Any]) -> dict[str, str]:
    """Field descriptions from the class docstring's ``Attributes:`` block."""
    doc = cls.__doc__ or ""
    if "Attributes:" not in doc:
        return {}
    found: dict[str, str] = {}
    current: list[str] = []
    for line in doc.split("Attributes:", 1)[1].splitlines():
        match = _FIELD_DOC.match(line)
        if match:
            current = [name.strip() for name in match.group("names").split(",")]
            for name in current:
                found[name] = _ROLE.sub(r"\1", match.group("text").strip())
        elif line.startswith(" " * 12) and current:
            more = _ROLE.sub(r"\1", line.strip())
            for name in current:
                found[name] = f"{found[name]} {more}"
        elif line.strip():
            current = []
    return found


def _summary(cls: type[Any]) -> str:
    return inspect.cleandoc(cls.__doc__ or "").split("\n\n", 1)[0].replace("\n", " ")


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: records may refer to themselves
            self.defs[name] = self.record(cls)
        return {"$ref": f"#/$defs/{name}"}

    def record(self, cls: type[Any], extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        docs = _field_docs(cls)
        properties: dict[str, Any] = dict(extra or {})
        required: list[str] = list(extra or {})
        for field in attrs.fields(cls):
            if not field.init:
                continue  # kept by the record for itself (its structure), never written
            schema = self.of(hints[field.name])
            if field.name in docs:
                schema = {**schema, "description": docs[field.name]}
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        return {
            "type": "object",
            "description": _summary(cls),
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def of(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if hint is Evidence:
            return {"oneOf": [self.evidence(kind, cls) for kind, cls in EVIDENCE_KINDS.items()]}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [self.of(arg) for arg in typing.get_args(hint)]}
        if origin is tuple:
            return {"type": "array", "items": self.of(typing.get_args(hint)[0])}
        if origin is Mapping or hint is Any:
            return {"type": "object", "description": "Free-form fields."}
        return self.simple(hint)

    def simple(self, hint: Any) -> dict[str, Any]:
        if hint is type(None):
            return {"type": "null"}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is float:
            return {"type": "number"}
        if hint is str:
            return {"type": "string"}
        if hint is dt.datetime:
            return {
                "type": "string",
                "description": "ISO 8601 date and time, such as 2025-09-15T16:35:26",
            }
        if hint is dt.date:
            return {"type": "string", "format": "date", "description": "ISO 8601 date, YYYY-MM-DD"}
        if hint is Status:
            return _STATUS
        if hint is Duration:
            return _DURATION
        if hint is dt.timedelta:
            return {
                "type": "string",
                "pattern": r"^P(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?$",
                "description": "a length of time in ISO 8601, such as PT1H6M",
            }
        if hint is Moment:
            return {
                "type": "string",
                "description": "a moment at the precision the document gives: 2025, 2025-03, "
                "2025-03-01, 2025-03-DD, 2025-03-01 17:20 UTC, 2025-03-01T17:20:05+02:00, "
                "~2025-03-01 14:00, 2025-03-01 ± 17:20 UTC, early March 2024",
            }
        if hint is Target:
            return _TARGET
        if hint is Quantity:
            return _QUANTITY
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        if attrs.has(hint):
            return self.ref(hint)
        msg = f"no JSON Schema for {hint!r}"
        raise TypeError(msg)

    def evidence(self, kind: str, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = self.record(
                cls, {"kind": {"const": kind, "description": "What kind of evidence this is."}}
            )
        return {"$ref": f"#/$defs/{name}"}


_STATUS: dict[str, Any] = {
    "description": (
        "A status label, words and emoji alike (RESOLVED, ✅ **CREATED**, ⚠️ PARTIAL, "
        "❌ **CRITICAL**, MISSING, 🚨 Required, won't fix), or a mapping for a label "
        "outside the vocabulary."
    ),
    "anyOf": [
        {"type": "string", "examples": list(accepted_status_labels())},
        {
            "type": "object",
            "properties": {
                "label": {"type": "string", "description": "The author's label."},
                "progress": {"enum": [p.value for p in Progress]},
                "severity": {"anyOf": [{"enum": [s.value for s in Severity]}, {"type": "null"}]},
                "missing": {"type": "boolean"},
            },
            "additionalProperties": False,
        },
    ],
}
_DURATION: dict[str, Any] = {
    "type": "string",
    "description": "A calendar duration: '4 hours', '2 weeks', '1 month', or ISO 8601 ('P2W').",
    "examples": ["4 hours", "2 weeks", "1 month", "PT4H", "P2W", "P1M"],
}
_QUANTITY: dict[str, Any] = {
    "description": (
        "A figure as written: '54%', '0.9 s', '13,337', '1.21B queries', '$2M', '1.5x', "
        "'5–8 validators', '~5x', 'about 15K', '250 ms ± 10%', 'at least 3'."
    ),
    "anyOf": [{"type": "string", "examples": ["54%", "~15K", "$2M"]}, {"type": "number"}],
}
_TARGET: dict[str, Any] = {
    "description": "A target: '<10%', '>= 95 %', '0', '0 violations', '10..20 ms', 'p99 <250 ms'.",
    "anyOf": [{"type": "string", "examples": ["<10%", ">90%", "0"]}, {"type": "number"}],
}


@functools.cache
def _cached(kind: str) -> types.MappingProxyType[str, Any]:
    builder = _Builder()
    root = builder.record(
        _ROOTS[kind],
        {
            "schema_version": {
                "type": "integer",
                "minimum": 1,
                "maximum": SCHEMA_VERSION,
                "description": "The version of the document format.",
            },
            "kind": {"const": kind, "description": "What the document holds."},
        },
    )
    if kind == "assessment":
        root["required"].remove("kind")  # an assessment may leave its kind out
    return types.MappingProxyType(
        {
            "$schema": _DIALECT,
            "title": f"remediation {kind}, schema version {SCHEMA_VERSION}",
            **root,
            "$defs": dict(sorted(builder.defs.items())),
        }
    )


def json_schema(kind: Literal["assessment", "evaluation"] = "assessment") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of assessment or evaluation documents.

    Examples:
        >>> schema = json_schema()
        >>> schema["properties"]["schema_version"]["maximum"]
        2
        >>> sorted(schema["$defs"])[:3]
        ['Acceptance', 'Checklist', 'ChecklistEntry']
    """
    if kind not in _ROOTS:
        msg = f"kind: expected 'assessment' or 'evaluation', got {kind!r}"
        raise ValueError(msg)
    return copy.deepcopy(dict(_cached(kind)))
