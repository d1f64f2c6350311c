"""YAML text of records written straight from their fields, as PyYAML writes their plain data.

The YAML counterpart of :mod:`~remediation.io.record_text`: for each record
class a function is generated once from its attrs fields, leaving out the
fields cattrs leaves out, that writes the record's block mapping at a given
indentation: ``key: value`` lines, lists of text as ``- `` lines, records of
a list each after a ``- ``. Each text is decided as
:class:`~remediation.io.yaml_text.YamlText` decides it (plain, quoted,
escaped or folded, by the column it starts at); the values the converter has
hooks for are unstructured by them and written by a
:class:`~remediation.io.yaml_text.Writing`, which also notices a list or
mapping seen twice (PyYAML writes an alias).

The text is the text of ``dump_yaml(converter.unstructure(record))``; what
this writer does not write as PyYAML would raises :class:`TypeError`,
:class:`ValueError` or :class:`~remediation.io.yaml_text.Unusual`, and
:func:`~remediation.io.formats.dumps` writes the plain data instead.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs

from remediation.io.record_hooks import is_result, is_variadic_tuple
from remediation.io.record_text import (
    SEQUENCES,
    GeneratedWriters,
    default_condition,
    union_members,
    wrong_type,
)
from remediation.io.yaml_text import Unusual, Writing, YamlText

__all__ = ["RecordYaml"]

_Writer = Callable[[Any, int, Writing], str]
_SCALARS = (int, float, bool)
_WIDTH = 100
_NO_DEFAULT = object()
_LEFT_OUT = object()  # a value equal to its default


def _margins(indent: int) -> str:
    return "\n" + " " * indent


def _entries(bodies: list[str], indent: int) -> str:
    """A list of records' texts (each a mapping at *indent* + 2) after a key at *indent*."""
    if not bodies:
        return " []"
    item = "\n" + " " * indent + "- "
    return item + item.join([body or "{}" for body in bodies])


class RecordYaml(GeneratedWriters[_Writer]):
    """Writers of records as YAML text, generated per record class on first use.

    Args:
        converter: The converter whose hooks write the values that are not
            records, text, numbers or lists of them (made by
            :func:`~remediation.io.converter.make_converter`).
        values: The attrs classes the converter writes with hooks of their own.
        text: What decides how each text is written.

    Examples:
        >>> import yaml
        >>> from remediation.io.converter import VALUE_CLASSES, make_converter
        >>> from remediation.model.records import Phase
        >>> writer = RecordYaml(make_converter(), VALUE_CLASSES, YamlText(yaml.SafeDumper))
        >>> print(writer.document(Phase(id="p1", title="yes"), {"kind": "phase"}), end="")
        kind: phase
        id: p1
        title: 'yes'
    """

    def __init__(
        self, converter: cattrs.Converter, values: frozenset[type[Any]], text: YamlText
    ) -> None:
        super().__init__(converter, values)
        self._text = text

    def document(self, record: Any, header: dict[str, Any]) -> str:
        """*record* as YAML text, the fields of *header* (short plain scalars) first.

        Raises:
            TypeError: A field holds a value its annotation does not describe.
            ValueError: A float that is not a number, written otherwise by PyYAML.
            Unusual: PyYAML would write the document differently.
        """
        writer = self._document(type(record), header)
        return writer(record, 0, Writing(self._text, [])) + "\n"

    def _generate_document(self, cls: type[Any], header: dict[str, Any]) -> _Writer:
        return self._generate(cls, header)

    def _generate_record(self, cls: type[Any], kind: str | None) -> _Writer:
        return self._generate(cls, {} if kind is None else {"kind": kind})

    # ------------------------------------------------------------------ helpers of a kind

    def _one(self, members: tuple[type[Any], ...]) -> _Writer:
        """A field holding a record of one of *members* (or ``None``), after its key."""
        allowed = frozenset(members)

        def write(value: Any, indent: int, writing: Writing) -> str:
            if value is None:
                return " null"
            if type(value) not in allowed:
                raise TypeError(type(value).__name__)
            body = self._record(type(value))(value, indent + 2, writing)
            return _margins(indent + 2) + body if body else " {}"

        return write

    def _list(self, members: tuple[type[Any], ...]) -> _Writer:
        """A field holding a list of records, each of one of *members*, after its key."""
        allowed = frozenset(members)
        record = self._record

        def write(value: Any, indent: int, writing: Writing) -> str:
            if not isinstance(value, SEQUENCES):
                raise TypeError(type(value).__name__)
            inner = indent + 2
            if len(allowed) == 1:
                (only,) = allowed
                w = record(only)
                bodies = [w(x, inner, writing) if type(x) is only else wrong_type(x) for x in value]
            else:
                bodies = [
                    record(type(x))(x, inner, writing) if type(x) in allowed else wrong_type(x)
                    for x in value
                ]
            return _entries(bodies, indent)

        return write

    def _strings(self) -> _Writer:
        """A field holding a list of texts, after its key: an indentless list."""
        plain = self._text.plain

        def write(value: Any, indent: int, writing: Writing) -> str:
            if not isinstance(value, SEQUENCES):
                raise TypeError(type(value).__name__)
            if not value:
                return " []"
            margin = _margins(indent)
            room = _WIDTH - indent - 1
            return "".join(
                [
                    margin + "- " + item
                    if type(item) is str and len(item) <= room and plain(item)
                    else margin + "-" + writing.piece(item, indent + 1, indent, in_mapping=False)
                    for item in value
                ]
            )

        return write

    def _hooked(self, hook: Callable[[Any], Any], default: Any) -> Callable[..., str]:
        """A value the converter's *hook* writes, after a key ending at *column*.

        With a *default*, a value equal to it is the empty text (left out); that
        comparison, and a hook giving text, are made once per value object.
        """
        key = object()
        plain = self._text.plain

        def write(value: Any, column: int, indent: int, writing: Writing) -> str:
            known = writing.memo.get(key)
            if known is None:
                known = writing.memo[key] = {}
            found = known.get(id(value))  # [its text, the column and text it was last written at]
            if found is not None:
                if found[1] == column:
                    return str(found[2])
                text = found[0]
            elif default is not _NO_DEFAULT and not value != default:  # noqa: SIM202  (as cattrs)
                text = _LEFT_OUT
            else:
                data = hook(value)
                if type(data) is not str:  # a new mapping each time, as in the plain data
                    writing.keep.append(data)  # its identity its own while the text is written
                    return writing.piece(data, column, indent)
                text = data
            if text is _LEFT_OUT:
                written = ""
            elif column + len(text) <= _WIDTH and plain(text):
                written = " " + text
            else:
                written = writing.piece(text, column, indent)
            known[id(value)] = [text, column, written]
            return written

        return write

    # ------------------------------------------------------------------ generation

    def _kind(self, t: Any) -> tuple[str, Any]:
        if t is str:
            return "str", None
        if t == str | None:
            return "text or None", None
        if is_variadic_tuple(t):
            element = typing.get_args(t)[0]
            if element is str:
                return "writer", self._strings()
            members = union_members(element)
            if all(self._is_record(m) for m in members):
                return "writer", self._list(members)
        elif all(m in _SCALARS or m is str for m in union_members(t)):
            return "scalar", None
        else:
            members = union_members(t)
            if all(self._is_record(m) for m in members):
                return "writer", self._one(members)
        return "hook", self._converter.get_unstructure_hook(t)

    def _generate(self, cls: type[Any], header: dict[str, Any]) -> _Writer:
        """A function writing a *cls* record's mapping at an indentation, its first key inline."""
        attrs.resolve_types(cls)
        omit = not is_result(cls)
        glob: dict[str, Any] = {"_text": self._text_of, "_margins": _margins}
        glob["_plain"] = self._text.plain
        parts: list[tuple[str, bool]] = []  # f-string source, and whether always written
        for index, (key, value) in enumerate(header.items()):
            shown = f"{key}: {value}"
            if self._text.document({key: value}) != shown + "\n":
                raise Unusual  # not a short plain key and scalar
            glob[f"l{index}"] = shown
            parts.append((f"{{m}}{{l{index}}}", True))
        for index, a in enumerate(f for f in attrs.fields(cls) if f.init):
            parts.append(self._part(glob, index, a, omit=omit))
        lines = ["def write(o, k, w):", "  m = _margins(k)"]
        sources = [source for source, _ in parts]
        if parts and parts[0][1]:  # always written first: no margin before it
            sources[0] = sources[0].removeprefix("{m}")
            lines.append(f"  return f{''.join(sources)!r}")
        else:
            lines.append(f"  return f{''.join(sources)!r}[len(m):]" if parts else "  return ''")
        script = "\n".join(lines)
        exec(compile(script, f"<record yaml of {cls.__qualname__}>", "exec"), glob)  # noqa: S102
        writer: _Writer = glob["write"]
        return writer

    def _part(
        self, glob: dict[str, Any], index: int, a: attrs.Attribute[Any], *, omit: bool
    ) -> tuple[str, bool]:
        shown = self._text.document({a.name: 0}).removesuffix(" 0\n")
        if shown != a.name + ":":
            raise Unusual  # a key PyYAML quotes: the plain data's writer writes it
        kind, helper = self._kind(a.type)
        glob[f"k{index}"] = shown
        glob[f"h{index}"] = helper
        column = f"k + {len(shown)}"
        v = f"o.{a.name}"
        condition = (
            default_condition(glob, index, a) if omit and a.default is not attrs.NOTHING else None
        )
        if kind == "hook":
            default = glob.pop(f"d{index}", _NO_DEFAULT)
            glob[f"h{index}"] = self._hooked(helper, default)
            call = f"h{index}({v}, {column}, k, w)"
            if default is not _NO_DEFAULT:
                return f"{{m + k{index} + t if (t := {call}) else ''}}", False
            kind = "hooked"
        if kind == "text or None":  # text where None is left out, else text or None
            kind = "str" if condition == f"{v} is not None" else "scalar"
        if condition is not None:
            condition = condition.replace(v, f"(v := {v})", 1)
            v = "v"
        # a text that fits and is plain is written as it is, without a call
        fits = f"type({'v' if v == 'v' else f'v := {v}'}) is str and {column} + len(v) <= {_WIDTH}"
        value = {
            "str": f"' ' + v if ({fits} and _plain(v)) else _text(v, {column}, k, w)",
            "scalar": f"w.piece({v}, {column}, k)",
            "writer": f"h{index}({v}, k, w)",
            "hooked": f"h{index}({v}, {column}, k, w)",
        }[kind]
        if condition is None:
            return f"{{m}}{{k{index}}}{{({value})}}", True
        return f"{{m + k{index} + ({value}) if {condition} else ''}}", False

    def _text_of(self, value: Any, column: int, indent: int, writing: Writing) -> str:
        """A text field's value after its key, which ends at *column*."""
        if type(value) is str and column + len(value) <= _WIDTH and self._text.plain(value):
            return " " + value
        return writing.piece(value, column, indent)
