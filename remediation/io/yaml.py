"""YAML through PyYAML's safe loader and dumper only, bounded and lossless.

PyYAML is optional (``pip install 'remediation[yaml]'``) and imported only
when YAML is read or written. The loader refuses repeated keys, recursive
aliases and documents that expand (through aliases) beyond the node limit;
the dumper double-quotes text whose line breaks PyYAML would otherwise read
back as spaces.
"""

from __future__ import annotations

import functools
from typing import Any

from remediation.exceptions import FormatError, MissingDependencyError
from remediation.io.limits import current_limits

__all__ = ["dump_yaml", "load_yaml"]

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
            self.expanded: dict[int, int] = {}
            self.max_nodes = current_limits().max_nodes

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
                if isinstance(node, yaml.SequenceNode):
                    size = 1 + sum(self.expanded[id(child)] for child in node.value)
                elif isinstance(node, yaml.MappingNode):
                    size = 1 + sum(
                        self.expanded[id(key)] + self.expanded[id(value)]
                        for key, value in node.value
                    )
                else:
                    size = 1
                self.expanded[id(node)] = size
            if size > self.max_nodes:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"the document expands to more than {self.max_nodes} values "
                    "(aliases counted each time they are used)",
                    node.start_mark,
                )
            return node

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

    def construct_timestamp(loader: Any, node: Any) -> Any:
        # Dates stay text here: the document checker parses them, so that a bad date
        # (2025-02-30) is reported with its path like any other value.
        return loader.construct_scalar(node)

    BoundedSafeLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping
    )
    BoundedSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    return BoundedSafeLoader


def load_yaml(text: str) -> Any:
    """Parse YAML text safely.

    Raises:
        FormatError: Not valid YAML, a repeated key, a recursive alias, or
            more than the node limit once aliases are expanded.
    """
    yaml = _yaml()
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        msg = f"not valid YAML: {problem}{where}"
        raise FormatError("$", msg) from None
    except RecursionError:
        msg = "not valid YAML here: nested too deeply to read"
        raise FormatError("$", msg, code="too-deep") from None
    except (ValueError, OverflowError) as error:  # a scalar PyYAML cannot build
        msg = f"not valid YAML: {error}"
        raise FormatError("$", msg) from None


def dump_yaml(data: Any) -> str:
    """YAML text of plain data, block style, keys in the given order."""
    text: str = _yaml().dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text
