"""YAML text of plain data, as PyYAML's safe dumper writes it, without its pure-Python pipeline.

PyYAML writes a document in four pure-Python stages (represent, serialize,
emit, and a scalar analysis per character); its C emitter, libyaml's, writes
characters beyond the Basic Multilingual Plane as escapes, which would change
the text of plans with emoji statuses. :class:`YamlText` writes the same text
as :func:`~remediation.io.yaml.dump_yaml` (block style, keys in order, two
spaces of indentation, lines folded at 100 columns, Unicode as it is) in one
recursive pass that tracks only what the emitter's decisions depend on here:
the indentation and the column a scalar starts at.

Most scalars are decided at once: a text of ordinary characters, which no
implicit resolver reads as anything but text and which ends before column 100,
is written plain, as the emitter would. Every other text goes through PyYAML's
own emitter code (its scalar analysis, style choice and writers), set in the
state the whole-document emitter would be in, so its quoting, escapes and
folding are PyYAML's. Whatever this writer does not reproduce (a value of
another type, a key that is not simple text, a list or mapping appearing
twice, which PyYAML writes as an anchor and alias) raises :class:`Unusual`,
and the caller writes the document with PyYAML itself.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

__all__ = ["Unusual", "Writing", "YamlText"]


class Unusual(Exception):  # noqa: N818  (a signal, not an error a user sees)
    """Data this writer does not write as PyYAML would: PyYAML writes it."""


# An ordinary character: printable, and no line break (U+0085, U+2028, U+2029),
# byte order mark or surrogate; the emitter writes a text of them plain or quoted
# with single quotes, escaping nothing.
_UNICODE = "\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe"
_ORDINARY = re.compile(f"[\x20-\x7e{_UNICODE}]+")
_NOT_FIRST = frozenset("#,[]{}&*!|>'\"%@` ")  # an indicator or a space: not plain
_LINE_BREAKS = ("\n", "\x85", "\u2028", "\u2029")
_WIDTH = 100  # dump_yaml's width: the emitter folds at spaces past this column
_STR_TAG = "tag:yaml.org,2002:str"


class YamlText:
    """A writer of plain data as YAML text, for one dumper class of PyYAML's.

    Args:
        dumper: The dumper class whose text this writes (a subclass of
            ``yaml.SafeDumper`` writing text with ``represent_str`` styles:
            double-quoted where *quoted* characters occur, else its choice).
        quoted: Characters whose presence makes the dumper double-quote a text.

    Examples:
        >>> import yaml
        >>> text = YamlText(yaml.SafeDumper).document({"id": "a", "on": "yes", "n": [1, 2.5]})
        >>> print(text, end="")
        id: a
        'on': 'yes'
        n:
        - 1
        - 2.5
    """

    def __init__(self, dumper: type[Any], quoted: tuple[str, ...] = ()) -> None:
        self._dumper = dumper
        self._quoted = quoted
        # whether a character quoted may occur in a plain text (not the line breaks)
        self._quoted_plain = any(_ORDINARY.fullmatch(mark) for mark in quoted)
        # the implicit resolvers by the first character they read, in one pattern each
        self._resolvers: dict[str, re.Pattern[str]] = {
            first: re.compile("|".join(f"(?:{r.pattern})" for _, r in found), re.VERBOSE)
            for first, found in dumper.yaml_implicit_resolvers.items()
            if first is not None
        }
        if None in dumper.yaml_implicit_resolvers or any(
            r.flags & ~(re.VERBOSE | re.UNICODE)
            for found in dumper.yaml_implicit_resolvers.values()
            for _, r in found
        ):
            raise Unusual  # resolvers this writer does not read as PyYAML does
        self.plain = _plain_test(
            self._resolvers, tuple(m for m in quoted if _ORDINARY.fullmatch(m))
        )
        """Whether the dumper writes a text plain, as it is, when it fits on its line."""

    def document(self, data: Any) -> str:
        """*data*, a non-empty mapping, as the text ``yaml.dump`` gives with the dumper.

        Raises:
            Unusual: PyYAML would write *data* differently (or not at all).
        """
        if type(data) is not dict or not data:
            raise Unusual
        parts: list[str] = []
        Writing(self, parts).mapping(data, 0, start=True)
        parts.append("\n")
        return "".join(parts)

    def single_quoted(self, text: str) -> str | None:
        """*text* in single quotes when the dumper writes it so (and not plain), else ``None``.

        A text of ordinary characters that is not written plain is written in
        single quotes, a quote doubled.
        """
        if _ORDINARY.fullmatch(text) is None or (
            self._quoted_plain and any(mark in text for mark in self._quoted)
        ):
            return None
        return "'" + text.replace("'", "''") + "'"

    def implicit(self, text: str) -> bool:
        """Whether a plain *text* reads back as text (no resolver reads it as anything else)."""
        resolvers = self._resolvers.get(text[:1])
        return resolvers is None or resolvers.match(text) is None

    def emitter(self) -> tuple[Any, io.StringIO]:
        """A new emitter of the dumper's and its stream (one per document: never shared)."""
        stream = io.StringIO()
        return self._dumper(
            stream, allow_unicode=True, width=_WIDTH, default_flow_style=False
        ), stream

    def emitted(
        self, text: str, column: int, indent: int, *, key: bool, using: tuple[Any, io.StringIO]
    ) -> str:
        """*text* written by PyYAML's emitter code, after a ``:`` or ``-`` at *column*.

        A key (*key*) is written at the start of its line (*column* is the
        indentation), on one line, without a space before it.
        """
        emitter, stream = using
        stream.seek(0)
        stream.truncate()
        implicit = (self.implicit(text), True)
        style = '"' if any(mark in text for mark in self._quoted) else None
        emitter.event = _event(implicit, text, style)
        emitter.analysis = None
        emitter.style = None
        emitter.flow_level = 0
        emitter.root_context = False
        emitter.simple_key_context = key
        emitter.indent = indent
        emitter.column = column
        emitter.whitespace = key
        emitter.indention = key
        if key:
            emitter.analysis = emitter.analyze_scalar(text)
            if len(emitter.analysis.scalar) >= 128 or emitter.analysis.multiline or not text:
                raise Unusual  # not a simple key: written with '?' by PyYAML
        emitter.process_scalar()
        written: str = stream.getvalue()
        return written


def _plain_test(
    resolvers: dict[str, re.Pattern[str]], quoted: tuple[str, ...]
) -> Callable[[str], bool]:
    """Whether the dumper writes a text plain (a function, for speed: it is asked of every text).

    Its scalar analysis allows a plain text of ordinary characters unless it
    starts with an indicator (or ``---``, ``...``, or one of ``-?:`` and a
    space), has a space at either end, or holds ``": "``, ``" #"`` or a final
    ``:``; then no implicit resolver may read it as anything but text, and it
    may hold none of the *quoted* characters.
    """
    ordinary = _ORDINARY.fullmatch
    resolver = resolvers.get
    not_first = _NOT_FIRST

    def plain(text: str) -> bool:
        if not text or (not text.isprintable() and ordinary(text) is None):
            return False  # printable: ordinary (the converse is the pattern's)
        first = text[0]
        if (
            first in not_first
            or text[-1] in " :"
            or (first in "-?:" and (len(text) == 1 or text[1] == " "))
            or (first in "-." and text.startswith(("---", "...")))
            or ": " in text
            or " #" in text
        ):
            return False
        resolvers = resolver(first)
        if resolvers is not None and resolvers.match(text):
            return False  # read back as a number, a date, a boolean, ...
        return not quoted or not any(mark in text for mark in quoted)

    return plain


def _event(implicit: tuple[bool, bool], value: str, style: str | None) -> Any:
    from yaml.events import ScalarEvent  # noqa: PLC0415  (PyYAML is optional)

    return ScalarEvent(None, None, implicit, value, style=style)


class Writing:
    """One document being written: its pieces, and the texts already decided.

    Args:
        writer: What decides how a text is written.
        parts: Where the document's pieces go.
    """

    def __init__(self, writer: YamlText, parts: list[str]) -> None:
        self.writer = writer
        self.out = parts.append
        self.seen: set[int] = set()  # every list and mapping: one seen twice is an alias
        self.keys: dict[str, str] = {}  # a key -> its text and ':'
        self.decided: dict[tuple[str, int, int], str] = {}
        self.memo: dict[object, dict[int, Any]] = {}  # for writers of records: theirs to use
        self.keep: list[Any] = []  # values whose identity must stay theirs while written
        self._emitter: tuple[Any, io.StringIO] | None = None
        self.plain = writer.plain

    def emitter(self) -> tuple[Any, io.StringIO]:
        """This document's emitter of PyYAML's, made when a text first needs it."""
        if self._emitter is None:
            self._emitter = self.writer.emitter()
        return self._emitter

    def piece(self, value: Any, column: int, indent: int, *, in_mapping: bool = True) -> str:
        """The text of *value* after a ``:`` (or ``-``) at *column*, in a collection at *indent*.

        Raises:
            Unusual: PyYAML would write *value* differently (or not at all).
        """
        written: list[str] = []
        out = self.out
        self.out = written.append
        try:
            self.value(value, column, indent, in_mapping=in_mapping)
        finally:
            self.out = out
        return "".join(written)

    def container(self, value: Any) -> None:
        key = id(value)
        if key in self.seen:
            raise Unusual  # PyYAML writes an anchor and an alias
        self.seen.add(key)

    def key(self, key: Any, indent: int) -> str:
        """The text of a mapping's *key*, with its ``:`` (the same at every indentation)."""
        if type(key) is not str:
            raise Unusual
        quoted = self.writer.single_quoted(key) if key and len(key) < 128 else None
        if quoted is not None:
            shown = (key if self.writer.plain(key) else quoted) + ":"
        else:
            shown = self.writer.emitted(key, indent, indent, key=True, using=self.emitter()) + ":"
        self.keys[key] = shown
        return shown

    def mapping(self, value: dict[Any, Any], indent: int, *, start: bool) -> None:
        """A non-empty mapping in block style, its first key where the text is (*start*)."""
        self.container(value)
        out = self.out
        keys = self.keys
        plain = self.plain
        margin = "\n" + " " * indent
        separator = "" if start else margin
        room = _WIDTH - indent
        for key, item in value.items():
            shown = keys.get(key) or self.key(key, indent)
            if type(item) is str and len(item) + len(shown) <= room and plain(item):
                out(separator + shown + " " + item)
            else:
                out(separator + shown)
                self.value(item, indent + len(shown), indent, in_mapping=True)
            separator = margin

    def sequence(self, value: list[Any], indent: int, *, start: bool) -> None:
        """A non-empty list in block style, its first ``-`` where the text is (*start*)."""
        self.container(value)
        out = self.out
        plain = self.plain
        margin = "\n" + " " * indent
        separator = "" if start else margin
        room = _WIDTH - indent - 1
        for item in value:
            if type(item) is str and len(item) <= room and plain(item):
                out(separator + "- " + item)
            else:
                out(separator + "-")
                self.value(item, indent + 1, indent, in_mapping=False)
            separator = margin

    def value(self, value: Any, column: int, indent: int, *, in_mapping: bool) -> None:
        """*value* after a ``:`` or ``-`` at *column*, in a collection at *indent*.

        A mapping's values are indented two more than its keys, but a list, which
        starts its lines at the keys' indentation; a list's entries two more than
        its ``-``; a scalar folded onto more lines two more than its collection.
        """
        kind = type(value)
        if kind is str:
            self.out(self.text(value, column, indent))
        elif kind is dict:
            if not value:
                self.container(value)
                self.out(" {}")
            elif in_mapping:
                self.mapping(value, indent + 2, start=False)
            else:
                self.out(" ")
                self.mapping(value, indent + 2, start=True)
        elif kind is list:
            if not value:
                self.container(value)
                self.out(" []")
            elif in_mapping:
                self.sequence(value, indent, start=False)  # indentless, as PyYAML writes it
            else:
                self.out(" ")
                self.sequence(value, indent + 2, start=True)
        elif value is None:
            self.out(" null")
        elif kind is bool:
            self.out(" true" if value else " false")
        elif kind is int:
            self.out(" " + int.__repr__(value))
        elif kind is float:
            self.out(" " + _float(value))
        elif isinstance(value, str):  # a subclass (a finding's code): written as text
            self.out(self.text(str.__str__(value), column, indent))
        else:
            raise Unusual

    def text(self, value: str, column: int, indent: int) -> str:
        """A text scalar after a ``:`` or ``-`` at *column*, with its leading space."""
        if value and column + len(value) <= _WIDTH and self.plain(value):
            return " " + value
        key = (value, column, indent + 2)
        found = self.decided.get(key)
        if found is not None:
            return found
        quoted = self.writer.single_quoted(value) if value else None
        if quoted is not None and column + len(quoted) < _WIDTH and not self.plain(value):
            self.decided[key] = " " + quoted  # not folded: ends before the width
            return " " + quoted
        found = self.decided.get(key)
        if found is None:
            found = self.decided[key] = self.writer.emitted(
                value, column, indent + 2, key=False, using=self.emitter()
            )
        return found


def _float(value: float) -> str:
    """A float as PyYAML's safe representer writes it."""
    if value != value:  # noqa: PLR0124  (NaN)
        return ".nan"
    if value == float("inf"):
        return ".inf"
    if value == float("-inf"):
        return "-.inf"
    text = float.__repr__(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text
