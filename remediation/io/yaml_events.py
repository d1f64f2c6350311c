"""YAML read from libyaml's events: the common document at the speed of the C parser, bounded.

PyYAML's pure-Python loader reads a plan 30 to 50 times slower than the same
plan in JSON, and its C loader (``CSafeLoader``) composes every node in C,
where the alias-expansion bound of :mod:`remediation.io.yaml` cannot count.
:func:`load_events` instead takes the events of libyaml's parser (``CParser``)
and builds the plain values itself, the way the safe loader would:

- a plain scalar is resolved by the safe loader's own implicit resolvers and
  constructors (null, booleans, numbers; dates stay text; an integer too long
  to be a number stays :class:`~remediation.io.limits.OversizedNumber`), once
  per distinct text;
- an alias is the value its anchor names, shared, never copied;
- what each collection expands to (values and characters, every use of an
  alias counted) is summed as it ends, and a collection past the limits is
  refused at once, where it starts, as :mod:`remediation.io.yaml` does.

Whatever the safe loader would treat in a way of its own (an explicit tag, a
merge key, a key that is a collection, a repeated key or anchor, an alias that
names nothing or itself, more than one document, nesting deeper than Python
reads), and every error of the parser, is :class:`Unusual`: the caller reads
the text again with the pure-Python loader, which gives the same values or the
same error message as before. A document is never read twice otherwise.
"""

from __future__ import annotations

import functools
from typing import Any

from remediation.exceptions import FormatError
from remediation.io.limits import MAX_INTEGER_DIGITS, OversizedNumber, raise_hint

__all__ = ["Unusual", "event_parser", "load_events"]

# Deeper than this, the pure-Python loader runs out of stack and says so: it is read there.
_MAX_DEPTH = 500
_STR = "tag:yaml.org,2002:str"
_KNOWN_TAGS = frozenset({None, _STR, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


class Unusual(Exception):  # noqa: N818  (not an error: a document the fast path leaves to another)
    """The document needs the pure-Python loader: its values or its error are that loader's."""


def event_parser(yaml: Any) -> Any:
    """libyaml's event parser class, or ``None`` where PyYAML is built without libyaml."""
    try:
        from yaml._yaml import CParser  # noqa: PLC0415  (optional, beside PyYAML)
    except ImportError:
        return None
    return CParser if getattr(yaml, "__with_libyaml__", False) else None


@functools.cache
def _scalar_kinds(yaml: Any) -> tuple[dict[str, tuple[Any, ...]], Any]:
    """The safe loader's implicit resolvers by first character, and a constructor to use them.

    A plain scalar whose first character has none is text (PyYAML has no
    resolver for every character; if it had, every character is listed).
    """
    resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers
    anywhere = tuple(resolvers.get(None, ()))
    by_first = {first: (*found, *anywhere) for first, found in resolvers.items() if first}
    if anywhere:
        by_first = {chr(code): by_first.get(chr(code), anywhere) for code in range(0x110000)}
    by_first[""] = (*resolvers.get("", ()), *anywhere)
    return by_first, yaml.constructor.SafeConstructor()


def _plain(yaml: Any, value: str) -> Any:
    """A plain scalar's value, as the safe loader (with this package's constructors) makes it."""
    resolvers, constructor = _scalar_kinds(yaml)
    candidates = resolvers.get(value[:1], ())
    tag = next((tag for tag, pattern in candidates if pattern.match(value)), None)
    if tag is None:
        return value
    node = yaml.ScalarNode(tag, value)
    match tag.rpartition(":")[2]:
        case "null":
            return None
        case "bool":
            return constructor.construct_yaml_bool(node)
        case "int":
            text = value.replace("_", "")
            digits = len(text) - (text[:1] in "+-")
            if digits > MAX_INTEGER_DIGITS:
                return OversizedNumber(digits)
            return constructor.construct_yaml_int(node)
        case "float":
            return constructor.construct_yaml_float(node)
        case "timestamp":
            return value  # dates stay text: the document checker parses them
    raise Unusual(tag)  # a merge key, a value key: the safe loader's own


_NO_VALUE: Any = object()


def _refuse(mark: Any, what: str, limit: str) -> FormatError:
    msg = (
        f"the document expands to {what} (aliases counted each time they are used) "
        f"at line {mark.line + 1}, column {mark.column + 1}; {raise_hint(limit)}"
    )
    return FormatError("$", msg, code="too-large")


def _mapping(pairs: list[Any]) -> dict[Any, Any]:
    """The mapping of alternating keys and values; :class:`Unusual` for a key that cannot be one."""
    keys = iter(pairs)
    try:
        mapping = dict(zip(keys, keys, strict=True))
    except TypeError:
        raise Unusual("a key that is a collection") from None
    if 2 * len(mapping) != len(pairs):
        raise Unusual("a repeated key")
    return mapping


def load_events(  # noqa: PLR0915  (one loop over the events, dispatched by kind)
    yaml: Any, parser_class: Any, text: str, *, max_nodes: int, max_chars: int
) -> Any:
    """The plain data of YAML *text*, read from libyaml's events.

    What a collection expands to is what the document's running counts (of
    values and of characters, an alias adding its anchor's) grew by between
    its start and its end.

    Raises:
        FormatError: The document expands (aliases counted each time) past
            *max_nodes* values or *max_chars* characters.
        Unusual: Anything the pure-Python loader must read (see the module).
    """
    if max_nodes < 1:
        raise Unusual("no value allowed")  # every scalar is refused: the pure loader says where
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    try:
        parser = parser_class(text)
    except Exception as error:  # the text cannot be handed to libyaml (a lone surrogate, say)
        raise Unusual(error) from error
    get_event = parser.get_event
    typed = _scalar_kinds(yaml)[0]
    anchors: dict[str, tuple[Any, int, int]] = {}
    opened: set[str] = set()
    plain: dict[str, Any] = {}
    # Each open collection: its parent's values, its start counts, its anchor and mark.
    stack: list[tuple[list[Any], int, int, str | None, Any]] = []
    values: list[Any] = []  # of the open collection (keys and values alternate in a mapping)
    append = values.append
    nodes = chars = documents = 0
    try:
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                scalar = event.value
                tag = event.tag
                if tag is None and event.implicit[0]:
                    if scalar[:1] not in typed:
                        value = scalar  # no resolver for its first character: text
                    else:
                        value = plain.get(scalar, _NO_VALUE)
                        if value is _NO_VALUE:
                            value = plain[scalar] = _plain(yaml, scalar)
                elif tag is None or tag == _STR:
                    value = scalar
                else:
                    raise Unusual(tag)
                nodes += 1
                chars += len(scalar)
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchors or anchor in opened:
                        raise Unusual("a repeated anchor")
                    anchors[anchor] = (value, 1, len(scalar))
                append(value)
            elif kind is mapping_end or kind is sequence_end:
                parent, start_nodes, start_chars, anchor, mark = stack.pop()
                size, length = nodes - start_nodes, chars - start_chars
                if size > max_nodes:
                    raise _refuse(mark, f"more than {max_nodes} values", "max_nodes")
                if length > max_chars:
                    raise _refuse(mark, f"more than {max_chars} characters", "max_bytes")
                value = _mapping(values) if kind is mapping_end else values
                if anchor is not None:
                    opened.discard(anchor)
                    anchors[anchor] = (value, size, length)
                values = parent
                append = values.append
                append(value)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag not in _KNOWN_TAGS:
                    raise Unusual(event.tag)
                anchor = event.anchor
                if anchor is not None:
                    if anchor in anchors or anchor in opened:
                        raise Unusual("a repeated anchor")
                    opened.add(anchor)
                if len(stack) >= _MAX_DEPTH:
                    raise Unusual("nested too deeply")
                stack.append((values, nodes, chars, anchor, event.start_mark))
                nodes += 1
                values = []
                append = values.append
            elif kind is alias_event:
                known = anchors.get(event.anchor)
                if known is None:
                    raise Unusual("an alias that names nothing or itself")
                value, size, length = known
                nodes += size
                chars += length
                append(value)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Unusual("more than one document")
    except (FormatError, Unusual):
        raise
    except Exception as error:  # the parser's: the pure-Python loader words it as before
        raise Unusual(error) from error
    return values[0] if values else None
