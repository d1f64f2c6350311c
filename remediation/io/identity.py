"""Reading ids and references: one Unicode form, nothing invisible, nothing blank.

Two ids that look the same must be the same id. The loader writes every id,
and every reference to one, in Unicode's composed form (NFC), so that
``café`` typed on two keyboards (``é`` as one character, or as ``e`` and a
combining accent) names one record. An id that is empty, blank, or holds an
invisible character (a zero-width space, a direction mark) is refused with its
path: it cannot be told apart from another when read. Ids mixing scripts
(``dеploy`` with a Cyrillic ``е``) load, and are a finding of the evaluation
(``id-mixed-script``).

Which fields hold references is what :mod:`remediation.graph.references` says.
"""

from __future__ import annotations

import typing
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.gen import override

from remediation.graph.lookalikes import invisible_characters
from remediation.graph.references import (
    ADDRESSES,
    BLOCKS,
    CAUSES,
    CURRENT_FROM,
    DEPENDS_ON,
    EVIDENCE_OF,
    MEASUREMENT,
    RELATED,
    TRACKED,
)
from remediation.io.errors import HookError
from remediation.io.limits import LIMITS
from remediation.io.scalar_hooks import structure_str

__all__ = ["id_overrides", "structure_id"]

_REFERENCE_FIELDS = frozenset(
    field.name.rsplit(".", 1)[-1]
    for field in (
        RELATED,
        TRACKED,
        EVIDENCE_OF,
        CAUSES,
        DEPENDS_ON,
        ADDRESSES,
        MEASUREMENT,
        BLOCKS,
        CURRENT_FROM,
    )
)
_ID_TYPES = (str, str | None, typing.Optional[str], tuple[str, ...])  # noqa: UP045


def _nfc(value: str) -> str:
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def structure_id(value: object, t: type) -> str:
    """A record's id: text, in NFC, neither blank nor holding invisible characters."""
    if (
        type(value) is str
        and value.isascii()  # ASCII text is in NFC and holds no invisible (format) character
        and value.isprintable()
        and len(value) <= LIMITS.get().max_string
        and not value.isspace()
        and value
    ):
        return value  # the common case, checked first
    text = _nfc(structure_str(value, t))
    if not text.strip():
        msg = f"expected an id, got {'an empty' if not text else 'a blank'} string"
        raise HookError(msg)
    hidden = invisible_characters(text)
    if hidden:
        names = ", ".join(f"U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')})" for c in hidden)
        msg = f"the id {text!a} holds invisible characters: {names}"
        raise HookError(msg)
    return text


def _reference_hook(t: Any, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    """The hook of a reference field of type *t*: as usual, then in NFC."""
    handler = converter.get_structure_hook(t)

    def structure(value: object, _: type) -> Any:
        result = handler(value, t)
        if isinstance(result, str):
            return _nfc(result)
        if (
            isinstance(result, tuple)
            and not all(map(str.isascii, result))  # ASCII text is in NFC: the common case
            and not all(unicodedata.is_normalized("NFC", each) for each in result)
        ):
            return tuple(_nfc(each) for each in result)
        return result

    return structure


def id_overrides(cls: type[Any], converter: cattrs.Converter) -> dict[str, Any]:
    """The cattrs overrides of *cls*'s id and reference fields (see the module)."""
    overrides: dict[str, Any] = {}  # cattrs' AttributeOverride, by field name
    types = typing.get_type_hints(cls)
    for attribute in attrs.fields(cls):
        kind = types.get(attribute.name)
        if not attribute.init or kind not in _ID_TYPES:
            continue
        if attribute.name == "id" and kind is str:
            overrides["id"] = override(struct_hook=structure_id)
        elif attribute.name in _REFERENCE_FIELDS:
            hook = _reference_hook(kind, converter)
            overrides[attribute.name] = override(struct_hook=hook)
    return overrides
