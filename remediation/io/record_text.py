"""JSON text of records written straight from their fields, without the plain data between.

:func:`dumps <remediation.io.formats.dumps>` used to unstructure a document
into dicts and lists with the converter, then write those as text. A
:class:`RecordText` writes the same bytes from the records themselves: for
each record class it generates, once, a function from the class's attrs
fields (as cattrs generates its unstructure functions) that leaves out the
fields equal to their defaults and appends each field's text, at the
indentation of its depth, with the standard library's C string encoder for
text. Fields of types the converter has its own hook for (statuses,
durations, dates, enums, free-form fields, ...) are unstructured by that hook
and written as :func:`~remediation.io.json_text.write_indented` writes them.

The text is the text of ``indented(converter.unstructure(record))``: the same
fields in the same order, left out under the same condition (``value !=
default``, evaluation results spelling out every field). A record holding a
value its annotation does not describe (a number in a text field, say)
raises :class:`TypeError`; :func:`~remediation.io.formats.dumps` then writes
the document the slow way, which writes whatever is there.
"""

from __future__ import annotations

import abc
import json.encoder
import types
import typing
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs
import cattrs

from remediation.io.json_text import scalar_text, write_indented
from remediation.io.record_hooks import EVIDENCE_KIND_OF, is_result, is_variadic_tuple

__all__ = [
    "SEQUENCES",
    "GeneratedWriters",
    "RecordText",
    "default_condition",
    "union_members",
    "wrong_type",
]

_W = TypeVar("_W")
_Cache = dict[object, dict[int, str]]
_Writer = Callable[[Any, str, _Cache], str]

_string = json.encoder.encode_basestring  # the C encoder where the interpreter has it
_SCALARS = (int, float, bool)
SEQUENCES = (list, tuple)
"""What a list field may hold (a tuple of types: ``isinstance`` tests it quicker than a union)."""


def _strings(value: Any, margin: str) -> str:
    """A list of strings at *margin*: each string through the C encoder, joined in C."""
    if not isinstance(value, SEQUENCES):
        raise TypeError(type(value).__name__)
    if not value:
        return "[]"
    inner = "\n" + margin + "  "
    return f"[{inner}{(',' + inner).join(map(_string, value))}\n{margin}]"


def union_members(t: Any) -> tuple[Any, ...]:
    """The types a union is made of (without ``None``), or *t* alone."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        return tuple(a for a in typing.get_args(t) if a is not type(None))
    return (t,)


def _joined(texts: list[str], margin: str) -> str:
    """A list of records' *texts* at *margin*."""
    if not texts:
        return "[]"
    inner = "\n" + margin + "  "
    return f"[{inner}{(',' + inner).join(texts)}\n{margin}]"


def _parts(texts: list[str], margin: str, out: list[str]) -> None:
    """A list of records' *texts* at *margin*, appended to *out* without joining them."""
    if not texts:
        out.append("[]")
        return
    separator = ",\n" + margin + "  "
    out.append("[\n" + margin + "  ")
    for text in texts:
        out.append(text)
        out.append(separator)
    out[-1] = "\n" + margin + "]"


def wrong_type(value: Any) -> str:
    raise TypeError(type(value).__name__)


_NO_DEFAULT = object()


def _hooked(hook: Callable[[Any], Any], default: Any = _NO_DEFAULT) -> _Writer:
    """The text of a value as *hook* unstructures it, once per value object in a document.

    With a *default*, a value equal to it is the empty text: the field is left out.
    A document read from text shares its statuses, durations and targets (each
    distinct one is parsed once), so most are compared and written once and then
    repeated. The cache is the document's own, keyed by the identity of objects
    the document keeps alive while it is written.
    """
    key = object()  # this field's entry in the cache

    def text(value: Any, margin: str, cache: _Cache) -> str:
        known = cache.get(key)
        if known is None:
            known = cache[key] = {}
        found: str | None = known.get(id(value))
        if found is not None:
            return found
        if default is not _NO_DEFAULT and not value != default:  # noqa: SIM202  (as cattrs)
            found = known[id(value)] = ""
            return found
        data = hook(value)
        if type(data) is str:
            found = known[id(value)] = _string(data)
            return found
        parts: list[str] = []
        write_indented(data, margin, parts.append)  # a mapping: depends on the margin
        return "".join(parts)

    return text


class GeneratedWriters(abc.ABC, Generic[_W]):
    """What the JSON and YAML writers of records share: a writer generated per record
    class on first use (and per class and header for a whole document), for the records
    the converter writes field by field.

    Args:
        converter: The converter whose hooks write the values that are not records.
        values: The attrs classes the converter writes as values with hooks of their own.
    """

    def __init__(self, converter: cattrs.Converter, values: frozenset[type[Any]]) -> None:
        self._converter = converter
        self._values = values
        self._writers: dict[Any, _W] = {}

    def _is_record(self, t: Any) -> bool:
        return isinstance(t, type) and attrs.has(t) and t not in self._values

    def _document(self, cls: type[Any], header: dict[str, Any]) -> _W:
        """The writer of a whole document of record class *cls*, *header*'s fields first.

        Raises:
            TypeError: *cls* is no record, or has a field the header names.
        """
        key = (cls, tuple(header.items()))
        writer = self._writers.get(key)
        if writer is None:
            if not self._is_record(cls) or any(a.name in header for a in attrs.fields(cls)):
                raise TypeError(cls.__name__)  # not a record, or a field the header names
            writer = self._writers[key] = self._generate_document(cls, header)
        return writer

    def _record(self, cls: type[Any]) -> _W:
        """The writer of a record of class *cls* within a document (evidence with its kind)."""
        writer = self._writers.get(cls)
        if writer is None:
            kind = EVIDENCE_KIND_OF.get(cls)
            writer = self._writers[cls] = self._generate_record(cls, kind)
        return writer

    @abc.abstractmethod
    def _generate_document(self, cls: type[Any], header: dict[str, Any]) -> _W:
        """A new writer of a whole document of *cls*, *header*'s fields first."""

    @abc.abstractmethod
    def _generate_record(self, cls: type[Any], kind: str | None) -> _W:
        """A new writer of a record of *cls*, tagged with *kind* when it has one."""


class RecordText(GeneratedWriters[_Writer]):
    """Writers of records as indented JSON text, generated per record class on first use.

    Args:
        converter: The converter whose hooks write the values that are not
            records, text, numbers or lists of them; it must be one made by
            :func:`~remediation.io.converter.make_converter`.
        values: The attrs classes the converter writes as values with hooks
            of their own (a status as its label), not field by field.

    Examples:
        >>> from remediation.io.converter import VALUE_CLASSES, make_converter
        >>> from remediation.model.records import Phase
        >>> text = RecordText(make_converter(), VALUE_CLASSES)
        >>> print(text.document(Phase(id="p1", title="Fixes"), {"kind": "phase"}))
        {
          "kind": "phase",
          "id": "p1",
          "title": "Fixes"
        }
    """

    def document(self, record: Any, header: dict[str, Any]) -> str:
        """*record* as JSON text, the fields of *header* (plain data) first.

        Raises:
            TypeError: A field holds a value its annotation does not describe.
            ValueError: A float that is not a number.
        """
        return self._document(type(record), header)(record, "", {})

    # ------------------------------------------------------------------ generation

    def _generate_document(self, cls: type[Any], header: dict[str, Any]) -> _Writer:
        leading = tuple((name, scalar_text(value)) for name, value in header.items())
        return self._generate(cls, leading, "\n")

    def _generate_record(self, cls: type[Any], kind: str | None) -> _Writer:
        return self._generate(cls, (("kind", _string(kind)),) if kind is not None else ())

    def _one(self, members: tuple[type[Any], ...]) -> _Writer:
        """The writer of a record of one of *members* (or of ``None``)."""
        allowed = frozenset(members)

        def write(value: Any, margin: str, cache: _Cache) -> str:
            if value is None:
                return "null"
            if type(value) not in allowed:
                raise TypeError(type(value).__name__)
            return self._record(type(value))(value, margin, cache)

        return write

    def _texts(self, members: tuple[type[Any], ...]) -> Callable[[Any, str, _Cache], list[str]]:
        """The texts of a list of records, each of one of *members*, at its entries' margin."""
        allowed = frozenset(members)
        record = self._record

        def texts(value: Any, margin: str, cache: _Cache) -> list[str]:
            if not isinstance(value, SEQUENCES):
                raise TypeError(type(value).__name__)
            inner = margin + "  "
            if len(allowed) == 1:
                (only,) = allowed
                w = record(only)
                return [w(x, inner, cache) if type(x) is only else wrong_type(x) for x in value]
            return [
                record(type(x))(x, inner, cache) if type(x) in allowed else wrong_type(x)
                for x in value
            ]

        return texts

    def _kind(self, t: Any) -> tuple[str, Any]:
        """How a field of type *t* is written: a kind, and the writer it needs."""
        if t is str or t == str | None:
            return "str", None
        if all(m in _SCALARS for m in union_members(t)):
            return "scalar", None
        if is_variadic_tuple(t):
            element = typing.get_args(t)[0]
            if element is str:
                return "strings", None
            members = union_members(element)
            if all(self._is_record(m) for m in members):
                return "records", self._texts(members)
        else:
            members = union_members(t)
            if all(self._is_record(m) for m in members):
                # cattrs writes a record as its class's hook does, by the field's type
                # where it names one class and by the value's class in a union: the
                # same, since a field holding another class is refused here
                return "writer", self._one(members)
        return "hook", self._converter.get_unstructure_hook(t)

    def _generate(
        self, cls: type[Any], leading: tuple[tuple[str, str], ...], tail: str = ""
    ) -> _Writer:
        """A function writing a *cls* record: one f-string, a part per field.

        A part is ``",\n" + indentation + key + value`` where the field is
        written and empty where it is left out; the text is ``{`` and the parts
        without the first one's comma, or ``{}`` without any. A document (with
        a *tail*) keeps the texts of its lists of records apart, joined once.
        """
        attrs.resolve_types(cls)
        glob: dict[str, Any] = {"_string": _string, "_strings": _strings, "_scalar": scalar_text}
        glob.update(_joined=_joined, _parts=_parts, tail=tail)
        parts: list[_Part] = []
        for index, (key, text) in enumerate(leading):
            glob[f"l{index}"] = _string(key) + ": " + text
            parts.append(_Part(f"{{n}}{{l{index}}}"))
        fields = [a for a in attrs.fields(cls) if a.init]
        for index, a in enumerate(fields):
            parts.append(self._part(glob, index, a, omit=not is_result(cls), apart=bool(tail)))
        script = "\n".join(_function(parts))
        exec(compile(script, f"<record text of {cls.__qualname__}>", "exec"), glob)  # noqa: S102
        writer: _Writer = glob["write"]
        return writer

    def _part(
        self, glob: dict[str, Any], index: int, a: attrs.Attribute[Any], *, omit: bool, apart: bool
    ) -> _Part:
        """The part of field *a* (the *index*-th), its names defined in *glob*."""
        kind, helper = self._kind(a.type)
        glob[f"k{index}"] = _string(a.name) + ": "
        glob[f"h{index}"] = helper
        v = f"o.{a.name}"
        condition = (
            default_condition(glob, index, a) if omit and a.default is not attrs.NOTHING else None
        )
        if kind == "hook":
            default = glob.pop(f"d{index}", _NO_DEFAULT)
            glob[f"h{index}"] = _hooked(helper, default)
            if default is not _NO_DEFAULT:  # compared with its default by the hook, once a value
                call = f"h{index}({v}, i, c)"
                return _Part(f"{{n + k{index} + t if (t := {call}) else ''}}", condition=condition)
            kind = "writer"
        if kind == "str" and a.type is not str and condition != f"{v} is not None":
            kind = "scalar"  # text or None, None written too
        if condition is not None:  # the value read once, where the condition reads it
            condition = condition.replace(v, f"(v := {v})", 1)
            v = "v"
        if kind == "records" and apart:
            return _Part(None, condition=condition, call=f"h{index}({v}, i, c)", key=f"k{index}")
        value = {
            "str": f"_string({v})",
            "scalar": f"_scalar({v})",
            "strings": f"_strings({v}, i)",
            "writer": f"h{index}({v}, i, c)",
            "records": f"_joined(h{index}({v}, i, c), i)",
        }[kind]
        if condition is None:
            return _Part(f"{{n}}{{k{index}}}{{{value}}}")
        return _Part(f"{{n + k{index} + {value} if {condition} else ''}}", condition=condition)


@attrs.frozen
class _Part:
    """The source of one field's part of a record's text.

    Attributes:
        source: Its part of the f-string, or ``None`` for a list of records
            appended to the document's pieces apart.
        condition: When it is written; ``None``: always.
        call: For a list apart, the call giving the texts of its records.
        key: For a list apart, the name of its key's text.
    """

    source: str | None
    condition: str | None = None
    call: str = ""
    key: str = ""


def _function(parts: list[_Part]) -> list[str]:
    """The lines of the function writing a record of *parts*."""
    lines = ["def write(o, m, c):", "  i = m + '  '", "  n = ',\\n' + i"]
    closing = "\n{m}}}{tail}"
    if not parts or parts[0].condition is not None:  # small records, maybe with nothing written
        body = f"f{''.join(str(p.source) for p in parts)!r}" if parts else "''"
        lines.append(f"  body = {body}")
        lines.append("  return ('{' + body[1:] + '\\n' + m + '}' if body else '{}') + tail")
        return lines
    opening = "{{\n{i}" + str(parts[0].source).removeprefix("{n}")
    if all(p.source is not None for p in parts):  # one f-string: the text copied once
        sources = [opening, *(str(p.source) for p in parts[1:]), closing]
        lines.append(f"  return f{''.join(sources)!r}")
        return lines
    # A document: its pieces joined once, at the end.
    lines.append("  p = []")
    pending = [opening]
    for part in parts[1:]:
        if part.source is not None:
            pending.append(part.source)
            continue
        lines.append(f"  p.append(f{''.join(pending)!r})")
        pending = []
        indent = "  "
        if part.condition is not None:
            lines.append(f"  if {part.condition}:")
            indent = "    "
        lines.append(f"{indent}p.append(n + {part.key})")
        lines.append(f"{indent}_parts({part.call}, i, p)")
    lines.append(f"  p.append(f{''.join([*pending, closing])!r})")
    lines.append("  return ''.join(p)")
    return lines


def default_condition(glob: dict[str, Any], index: int, a: attrs.Attribute[Any]) -> str:
    """The condition on which cattrs writes field *a*: it differs from its default.

    A default made by a factory is made once here, as cattrs makes it for every
    record: the factories of records make equal values each time.
    """
    v = f"o.{a.name}"
    default: Any = a.default
    convert: Any = a.converter
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory: Any = default.factory
        if default.takes_self or convert is not None:
            glob[f"f{index}"] = factory
            call = f"f{index}(o)" if default.takes_self else f"f{index}()"
            if convert is not None:
                glob[f"c{index}"] = convert
                call = f"c{index}({call})"
            return f"{v} != {call}"
        default = factory()
    elif convert is not None:
        default = convert(default)
    if default is None:
        return f"{v} is not None"
    glob[f"d{index}"] = default
    return f"{v} != d{index}"
