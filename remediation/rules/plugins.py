"""Rules of one's own that installed packages publish (entry-point group ``remediation.rules``).

A distribution declares, in its ``pyproject.toml``::

    [project.entry-points."remediation.rules"]
    acme = "acme_rules:RULES"

where ``acme_rules.RULES`` is a :class:`~remediation.rules.Rule` or an
iterable of them. Nothing is loaded behind the caller's back: the command
line loads them (unless ``--no-plugins``), a program asks with
:func:`plugin_rules`.
"""

from __future__ import annotations

from remediation.exceptions import RemediationError
from remediation.rules.catalogue import Rule

__all__ = ["ENTRY_POINT_GROUP", "PluginError", "plugin_rules"]

ENTRY_POINT_GROUP = "remediation.rules"


class PluginError(RemediationError, ImportError):
    """An entry point of ``remediation.rules`` could not be loaded or holds no rules.

    Attributes:
        entry_point: The entry point, as ``name = value``.
    """

    def __init__(self, entry_point: str, message: str) -> None:
        super().__init__(f"rule plugin {entry_point}: {message}")
        self.entry_point = entry_point


def plugin_rules() -> tuple[Rule, ...]:
    """The rules every installed package publishes under ``remediation.rules``, by name.

    Raises:
        PluginError: An entry point fails to load or holds something else than rules.
    """
    from importlib import metadata  # noqa: PLC0415  (costly to import; only when asked)

    found: list[Rule] = []
    for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        shown = f"{entry.name} = {entry.value}"
        try:
            value = entry.load()
        except Exception as error:
            raise PluginError(shown, f"{type(error).__name__}: {error}") from error
        rules = (value,) if isinstance(value, Rule) else value
        try:
            listed = list(rules)
        except TypeError:
            listed = [rules]
        for each in listed:
            if not isinstance(each, Rule):
                msg = f"expected a Rule or an iterable of rules, got {type(each).__name__}"
                raise PluginError(shown, msg)
            found.append(each)
    return tuple(found)
