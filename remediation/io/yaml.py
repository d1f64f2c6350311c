"""YAML through PyYAML's safe loader and dumper only, bounded and lossless.

PyYAML is optional (``pip install 'remediation[yaml]'``) and imported only
when YAML is read or written. The loader refuses repeated keys, recursive
aliases and documents that expand (through aliases) beyond the node limit
or, counting their text, beyond the size limit; integers too long to be
numbers stay :class:`~remediation.io.limits.OversizedNumber` for the checker;
the dumper double-quotes text whose line breaks PyYAML would otherwise read
back as spaces.
"""

from __future__ import annotations

import functools
from typing import Any

from remediation.exceptions import FormatError, MissingDependencyError, SourcePosition
from remediation.io.limits import (
    MAX_INTEGER_DIGITS,
    OversizedNumber,
    current_limits,
    raise_hint,
)
from remediation.io.yaml_events import Unusual as UnusualEvents
from remediation.io.yaml_events import event_parser, load_events
from remediation.io.yaml_text import Unusual, YamlText

__all__ = [
    "compose_yaml",
    "dump_yaml",
    "dump_yaml_with_pyyaml",
    "load_yaml",
    "yaml_text_writer",
]

# Line breaks YAML folds into spaces unless the scalar is double-quoted.
_BREAKS = ("\x85", "\u2028", "\u2029")


def _yaml() -> Any:
    try:
        import yaml  # noqa: PLC0415  (optional, and slow to import)
    except ImportError:
        raise MissingDependencyError("YAML", "PyYAML", "yaml") from None
    return yaml


@functools.cache
def _dumper() -> Any:
    yaml = _yaml()

    class KeepingSafeDumper(yaml.SafeDumper):  # type: ignore[misc,name-defined]
        """A safe dumper of its own, so that its representers leave PyYAML's alone."""

    def represent_str(dumper: Any, data: str) -> Any:
        style = '"' if any(mark in data for mark in _BREAKS) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    KeepingSafeDumper.add_representer(str, represent_str)
    KeepingSafeDumper.add_multi_representer(str, represent_str)  # subclasses: finding codes
    return KeepingSafeDumper


@functools.cache
def _loader() -> Any:
    yaml = _yaml()

    class BoundedSafeLoader(yaml.SafeLoader):  # type: ignore[misc,name-defined]
        """The safe loader, counting what aliases expand to."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            # id of a node -> (values, characters) it expands to, aliases counted each time
            self.expanded: dict[int, tuple[int, int]] = {}
            limits = current_limits()
            self.max_nodes = limits.max_nodes
            self.max_chars = limits.max_bytes

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                anchor = self.peek_event().anchor
                target = self.anchors.get(anchor)
                if target is not None and id(target) not in self.expanded:
                    event = self.peek_event()
                    raise yaml.composer.ComposerError(
                        None, None, f"the alias *{anchor} refers to itself", event.start_mark
                    )
            node = super().compose_node(parent, index)
            size = self.expanded.get(id(node))
            if size is None:
                size = self.expanded[id(node)] = self._size(node)
            if size[0] > self.max_nodes:
                self._refuse(node, f"more than {self.max_nodes} values", "max_nodes")
            if size[1] > self.max_chars:
                self._refuse(node, f"more than {self.max_chars} characters", "max_bytes")
            return node

        def _size(self, node: Any) -> tuple[int, int]:
            if isinstance(node, yaml.SequenceNode):
                children = [self.expanded[id(child)] for child in node.value]
            elif isinstance(node, yaml.MappingNode):
                children = [self.expanded[id(n)] for pair in node.value for n in pair]
            else:
                return 1, len(node.value)
            return 1 + sum(c[0] for c in children), sum(c[1] for c in children)

        def _refuse(self, node: Any, what: str, limit: str) -> None:
            mark = node.start_mark
            msg = (
                f"the document expands to {what} (aliases counted each time they are used) "
                f"at line {mark.line + 1}, column {mark.column + 1}; {raise_hint(limit)}"
            )
            raise FormatError("$", msg, code="too-large")

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> Any:  # noqa: FBT001, FBT002
        loader.flatten_mapping(node)
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = loader.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:
                continue  # an unhashable key: the safe loader reports it
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found the key {key!r} twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    def construct_int(loader: Any, node: Any) -> Any:
        # Count the digits before building the number: Python refuses past 4300
        # digits, and a long one would only be refused later, at greater cost.
        text = str(node.value).replace("_", "")
        digits = len(text) - (text[:1] in "+-")
        if digits > MAX_INTEGER_DIGITS:
            return OversizedNumber(digits)
        return yaml.SafeLoader.construct_yaml_int(loader, node)

    def construct_timestamp(loader: Any, node: Any) -> Any:
        # Dates stay text here: the document checker parses them, so that a bad date
        # (2025-02-30) is reported with its path like any other value.
        return loader.construct_scalar(node)

    BoundedSafeLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    BoundedSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    BoundedSafeLoader.add_constructor("tag:yaml.org,2002:int", construct_int)
    return BoundedSafeLoader


def load_yaml(text: str) -> Any:
    """Parse YAML text safely: with libyaml's parser where it can, else PyYAML's own.

    A document is read from libyaml's events (:mod:`remediation.io.yaml_events`),
    bounded the same way; one that uses what only the pure-Python loader reads
    as it should (explicit tags, merge keys, repeated keys, an error) is read
    again by it, so that values and error messages are the same either way.

    Raises:
        FormatError: Not valid YAML, a repeated key, a recursive alias, or
            more than the node limit once aliases are expanded.
    """
    yaml = _yaml()
    parser = event_parser(yaml)
    if parser is not None:
        limits = current_limits()
        try:
            return load_events(
                yaml, parser, text, max_nodes=limits.max_nodes, max_chars=limits.max_bytes
            )
        except UnusualEvents:
            pass  # read again below, by the loader whose values and errors these are
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        msg = f"not valid YAML: {problem}{where}"
        refused = FormatError("$", msg)
        if mark:
            refused.position = SourcePosition(None, mark.line + 1, mark.column + 1)
        raise refused from None
    except FormatError:
        raise  # a limit, reported as it is
    except RecursionError:
        msg = "not valid YAML here: nested too deeply to read"
        raise FormatError("$", msg, code="too-deep") from None
    except (ValueError, OverflowError) as error:  # a scalar PyYAML cannot build
        msg = f"not valid YAML: {error}"
        raise FormatError("$", msg) from None


def compose_yaml(text: str) -> Any:
    """The node tree of YAML text, with where each node starts (``start_mark``).

    Nothing is constructed and aliases are not expanded: an alias is the node
    it names, shared.

    Raises:
        MissingDependencyError: PyYAML is not installed.
        FormatError: The text is not valid YAML.
    """
    yaml = _yaml()
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise FormatError("$", f"not valid YAML: {error}") from None


def dump_yaml(data: Any) -> str:
    """YAML text of plain data, block style, keys in the given order.

    Written by :class:`~remediation.io.yaml_text.YamlText`, which writes what
    PyYAML's dumper writes, faster; what it does not write, PyYAML does.
    """
    try:
        return yaml_text_writer().document(data)
    except Unusual:
        return dump_yaml_with_pyyaml(data)


@functools.cache
def yaml_text_writer() -> YamlText:
    """The writer of :func:`dump_yaml`'s text (it needs PyYAML: its decisions are PyYAML's).

    Raises:
        MissingDependencyError: PyYAML is not installed.
    """
    return YamlText(_dumper(), _BREAKS)


def dump_yaml_with_pyyaml(data: Any) -> str:
    """YAML text of plain data written by PyYAML's own dumper (as :func:`dump_yaml` writes it)."""
    text: str = _yaml().dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text
