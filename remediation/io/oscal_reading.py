"""What the OSCAL POA&M import's parts share: reading values, ids, what is kept, paths.

The import (:mod:`remediation.io.oscal_import`) is one :class:`Reading` of a
document: each value is read with the JSON path it is at, and a problem is
noted there (every problem is reported at once); each record gets a fresh id;
what OSCAL says that a record has no field for is kept; and a problem the
library finds in what was read is reported at the OSCAL path it came from
(:meth:`Reading.translated`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from remediation.exceptions import DocumentError, InvalidValueError, MissingFieldError
from remediation.io.errors import type_name
from remediation.io.oscal import KEPT, decode_props, is_ours, oscal_date, record_uuid

__all__ = ["ROOT", "Reading", "shape_errors", "slug", "with_kept"]

ROOT = "$.plan-of-action-and-milestones"
"""The JSON path of the POA&M in its document."""


_PROPS: list[Any] = [{"name": str, "ns": str, "class": str, "value": str}]
_LINKS: list[Any] = [{"href": str}]
_TASK: dict[str, Any] = {
    "props": _PROPS,
    "type": str,
    "title": str,
    "description": str,
    "timing": {"on-date": {"date": str}, "within-date-range": {"start": str, "end": str}},
}
_SHAPE: dict[str, Any] = {
    "plan-of-action-and-milestones": {
        "uuid": str,
        "metadata": {
            "title": str,
            "last-modified": str,
            "version": str,
            "oscal-version": str,
            "props": _PROPS,
            "links": _LINKS,
            "parties": [{"uuid": str, "name": str, "props": _PROPS}],
            "roles": [{"id": str}],
            "responsible-parties": [{"role-id": str, "party-uuids": [str]}],
        },
        "system-id": {"id": str, "identifier-type": str},
        "local-definitions": {"components": [{"title": str}]},
        "observations": [{"title": str, "description": str, "props": _PROPS, "collected": str}],
        "risks": [
            {
                "title": str,
                "description": str,
                "statement": str,
                "status": str,
                "deadline": str,
                "props": _PROPS,
                "links": _LINKS,
                "characterizations": [
                    {"origin": {"actors": [{"type": str}]}, "facets": [{"name": str, "value": str}]}
                ],
                "mitigating-factors": [{"description": str}],
                "remediations": [
                    {"title": str, "lifecycle": str, "props": _PROPS, "tasks": [_TASK]}
                ],
                "risk-log": {
                    "entries": [
                        {
                            "props": _PROPS,
                            "logged-by": [{"party-uuid": str}],
                            "start": str,
                            "title": str,
                            "description": str,
                            "status-change": str,
                        }
                    ]
                },
            }
        ],
        "findings": [{"props": _PROPS}],
        "poam-items": [
            {
                "title": str,
                "description": str,
                "props": _PROPS,
                "links": _LINKS,
                "related-observations": [{"observation-uuid": str}],
                "related-risks": [{"risk-uuid": str}],
                "related-findings": [{"finding-uuid": str}],
            }
        ],
    }
}
"""The shape of what the import reads: the type of each field it uses (others are kept as is)."""


def shape_errors(value: object, shape: Any = None, where: str = "$") -> list[DocumentError]:
    """Where *value* does not have the shape the import reads (every place, with its path).

    Examples:
        >>> [str(e) for e in shape_errors({"plan-of-action-and-milestones": {"risks": {}}})]
        ['$.plan-of-action-and-milestones.risks: expected an array, got a mapping']
    """
    shape = _SHAPE if shape is None else shape
    if isinstance(shape, dict):
        if not isinstance(value, Mapping):
            return [_wrong(where, "an object", value)]
        return [
            error
            for key, inner in shape.items()
            if key in value
            for error in shape_errors(value[key], inner, f"{where}.{key}")
        ]
    if isinstance(shape, list):
        if not isinstance(value, list):
            return [_wrong(where, "an array", value)]
        return [e for i, v in enumerate(value) for e in shape_errors(v, shape[0], f"{where}[{i}]")]
    return [] if isinstance(value, shape) else [_wrong(where, "a string", value)]


def _wrong(where: str, expected: str, value: object) -> DocumentError:
    return InvalidValueError(
        where, f"expected {expected}, got {type_name(value)}", code="wrong-type"
    )


def slug(text: str) -> str:
    """*text* as an id: lower-case letters and digits, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Reading:
    """One import: the problems found, the ids taken, the UUIDs met and what they became."""

    def __init__(self) -> None:
        self.errors: list[DocumentError] = []
        self.taken: set[str] = set()
        self.ids: dict[str, str] = {}  # OSCAL UUID -> the id of the record it became
        self.places: list[tuple[str, str]] = []  # library path -> OSCAL path
        self.assessment_id = ""
        self.parties: dict[object, object] = {}
        self.records: dict[str, dict[str, Any]] = {}  # work items by id, as they are read
        self.modified = ""  # the metadata's last-modified

    def mapping(self, value: object, where: str) -> Mapping[str, Any]:
        if isinstance(value, Mapping):
            return value
        self.errors.append(
            InvalidValueError(
                where, f"expected an object, got {type_name(value)}", code="wrong-type"
            )
        )
        return {}

    def objects(self, value: object, where: str) -> list[tuple[str, Mapping[str, Any]]]:
        """The objects of an OSCAL array, each with its path."""
        if value is None:
            return []
        if not isinstance(value, list):
            msg = f"expected an array, got {type_name(value)}"
            self.errors.append(InvalidValueError(where, msg, code="wrong-type"))
            return []
        return [(f"{where}[{i}]", self.mapping(v, f"{where}[{i}]")) for i, v in enumerate(value)]

    def text(self, obj: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = obj.get(key)
        if isinstance(value, str):
            return value
        if value is None and not required:
            return ""
        if value is None:
            self.errors.append(MissingFieldError(f"{where}.{key}", "required by OSCAL, missing"))
        else:
            msg = f"expected a string, got {type_name(value)}"
            self.errors.append(InvalidValueError(f"{where}.{key}", msg, code="wrong-type"))
        return ""

    def date(self, obj: Mapping[str, Any], key: str, where: str) -> str | None:
        """An OSCAL date-time as the day it names (in its own zone), ISO 8601."""
        value = obj.get(key)
        if value is None:
            return None
        try:
            return dt.datetime.fromisoformat(str(value)).date().isoformat()
        except ValueError:
            msg = f"expected an OSCAL date-time such as 2025-09-30T00:00:00Z, got {value!r}"
            self.errors.append(InvalidValueError(f"{where}.{key}", msg, code="malformed-date"))
            return None

    def props(self, obj: Mapping[str, Any], where: str) -> dict[str, Any]:
        try:
            return dict(decode_props(obj.get("props"), where))
        except DocumentError as error:
            self.errors.append(error)
            return {}

    def new_id(self, wanted: str, fallback: str) -> str:
        """A fresh id: *wanted* as a slug, numbered when taken."""
        stem = slug(wanted) or fallback
        chosen, number = stem, 1
        while chosen in self.taken:
            number += 1
            chosen = f"{stem}-{number}"
        self.taken.add(chosen)
        return chosen

    def keep(
        self,
        kind: str,
        record_id: str,
        obj: Mapping[str, Any],
        mapped: set[str],
        defaults: Mapping[str, Any],
    ) -> dict[str, Any]:
        """What *obj* says that the record has no field for; its UUID when not derived.

        *defaults* are the values the export writes for the record: a field
        holding its default says nothing more.
        """
        kept = {k: v for k, v in obj.items() if k not in mapped and k != "uuid"}
        kept = {k: v for k, v in kept.items() if k not in defaults or defaults[k] != v}
        props = [p for p in obj.get("props", []) if not is_ours(p)]
        kept.pop("props", None)
        if props:
            kept["props"] = props
        uid = obj.get("uuid")
        if isinstance(uid, str) and uid != record_uuid(kind, self.assessment_id, record_id, {}):
            kept["uuid"] = uid
        return kept

    def collected(self, record: Mapping[str, Any]) -> set[str]:
        """The times the export writes as when a piece of evidence was collected."""
        when = record.get("ran_at") or record.get("measured_at")
        times = {self.modified}
        if isinstance(when, str):
            with contextlib.suppress(ValueError):  # not a time: nothing to compare
                times.add(oscal_date(dt.datetime.fromisoformat(when)))
        return times

    def places_of(self, prefix: str) -> list[str]:
        return [p for p, _ in self.places if p.startswith(prefix + "[")]

    def remember(self, obj: Mapping[str, Any], record_id: str) -> None:
        uid = obj.get("uuid")
        if isinstance(uid, str):
            self.ids[uid] = record_id

    def translated(self, error: DocumentError) -> DocumentError:
        """*error* of the library's document, at the place of the OSCAL document it came from."""
        best = max(
            (p for p in self.places if error.path.startswith(p[0])),
            key=lambda p: len(p[0]),
            default=None,
        )
        if best is None:
            return DocumentError(
                f"{ROOT}.metadata", f"{error.path}: {error.detail}", code=error.code
            )
        rest = error.path[len(best[0]) :].lstrip(".")
        return DocumentError(
            best[1], f"{rest}: {error.detail}" if rest else error.detail, code=error.code
        )


def with_kept(record: dict[str, Any], kept: Mapping[str, Any]) -> dict[str, Any]:
    """*record* with *kept* in its ``extra["oscal"]``."""
    if not kept:
        return record
    extra = dict(record.get("extra", {}))
    extra[KEPT] = {**extra.get(KEPT, {}), **kept}
    return {**record, "extra": extra}
