"""Best-effort records from a document that has errors, to check its references too.

When some values of a document are wrong, the records cannot be built, and
so the plan graph cannot check ids, references and cycles. To report every
problem in one pass anyway, :func:`salvage` builds a stand-in assessment:
each value that reads on its own is kept, each that does not is replaced by
a neutral placeholder (a record without a usable id gets a placeholder id
that nothing refers to), so that every record stays at its place in the
document and the graph's paths stay right. Problems that involve a
placeholder id are not reported: the value behind it already was.

Salvaging walks records, lists, optionals and evidence itself (it keeps what
reads where the converter's hooks would refuse the whole), recognising them
as the converter does (:mod:`~remediation.io.record_hooks`); every other
value is read by the converter's own hook for its type, so a value salvage
keeps is one the converter reads.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
import unicodedata
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs

from remediation.io.record_hooks import EVIDENCE_KINDS, is_evidence, is_optional, is_variadic_tuple
from remediation.model.records import NoteEvidence
from remediation.model.status import Progress, Status

__all__ = ["PLACEHOLDER", "salvage"]

PLACEHOLDER = "\x00unreadable"
"""Start of the ids given to records whose id could not be read."""

_MISSING = object()


def _hints(cls: type[Any]) -> dict[str, Any]:
    return {field.name: field.type for field in attrs.fields(attrs.resolve_types(cls))}


class _Salvager:
    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self.count = 0

    def placeholder_id(self) -> str:
        self.count += 1
        return f"{PLACEHOLDER}#{self.count}"

    def record(self, raw: object, cls: type[Any]) -> Any:
        data = raw if isinstance(raw, Mapping) else {}
        hints = _hints(cls)
        kept: dict[str, Any] = {}
        for field in (f for f in attrs.fields(cls) if f.init):
            value = self.value(data.get(field.name, _MISSING), hints[field.name])
            if value is _MISSING and field.default is attrs.NOTHING:
                value = self.placeholder_id() if field.name == "id" else _neutral(hints[field.name])
            if value is not _MISSING:
                kept[field.name] = value
        for keep in (_everything, _references_only, _required_only):
            try:
                return cls(**{k: v for k, v in kept.items() if keep(cls, k, hints[k])})
            except (ValueError, TypeError):
                continue
        return None

    def value(self, raw: object, hint: Any) -> Any:
        if raw is _MISSING:
            return _MISSING
        if is_evidence(hint):
            kind = raw.get("kind") if isinstance(raw, Mapping) else None
            cls = EVIDENCE_KINDS.get(kind) if isinstance(kind, str) else None
            rest = {k: v for k, v in raw.items() if k != "kind"} if isinstance(raw, Mapping) else {}
            return self.record(rest, cls or NoteEvidence)
        if is_variadic_tuple(hint) and isinstance(raw, list):
            element = typing.get_args(hint)[0]
            items = [self.value(each, element) for each in raw]
            if attrs.has(element) or is_evidence(element):
                return tuple(item for item in items if item is not None)
            return tuple(item for item in items if item is not _MISSING)
        if is_optional(hint) and raw is not None:
            return self.value(raw, typing.get_args(hint)[0])
        if attrs.has(hint):
            return self.record(raw, hint)
        try:
            value = self.converter.get_structure_hook(hint)(raw, hint)
        except Exception:  # unreadable on its own: left out, or a neutral value
            return _MISSING
        # ids and references are compared in NFC, as the loader reads them
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _everything(_cls: type[Any], _name: str, _hint: Any) -> bool:
    return True


def _references_only(cls: type[Any], name: str, hint: Any) -> bool:
    return _required(cls, name) or _may_refer(hint)


def _required_only(cls: type[Any], name: str, _hint: Any) -> bool:
    return _required(cls, name)


def _required(cls: type[Any], name: str) -> bool:
    return bool(attrs.fields_dict(cls)[name].default is attrs.NOTHING)


def _may_refer(hint: Any) -> bool:
    """Whether a field of this type can hold ids or records."""
    if hint is str or is_evidence(hint) or attrs.has(hint):
        return True
    return any(_may_refer(arg) for arg in typing.get_args(hint) if arg is not Ellipsis)


def _neutral(hint: Any) -> Any:
    """A value of type *hint* that claims nothing."""
    if hint is str:
        return ""
    if hint is Status:
        return Status(Progress.NOT_STARTED)
    if hint is dt.date:
        return dt.date.min
    if hint is dt.datetime:
        return dt.datetime.min  # noqa: DTZ901  (a placeholder, never compared)
    if hint in (int, float):
        return hint(0)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    if typing.get_origin(hint) is tuple:
        return ()
    return None


def salvage(converter: cattrs.Converter, data: Mapping[str, Any], cls: type[Any]) -> Any:
    """A stand-in record of *cls* from *data*, keeping what reads; ``None`` if none can be made."""
    return _Salvager(converter).record(data, cls)
