"""The rule catalogue: every finding comes from a rule, and users can tune, silence or add rules.

- :mod:`~remediation.rules.catalogue`: :class:`Rule`, :class:`Scope`, :class:`Example`
  and the :func:`rule` decorator for rules of one's own;
- the built-in rules by concern: :mod:`~remediation.rules.status`,
  :mod:`~remediation.rules.claims`, :mod:`~remediation.rules.work`,
  :mod:`~remediation.rules.schedule`, :mod:`~remediation.rules.coverage`,
  :mod:`~remediation.rules.identity`,
  :mod:`~remediation.rules.units`, :mod:`~remediation.rules.series`,
  :mod:`~remediation.rules.slo`,
  :mod:`~remediation.rules.meta`; :data:`BUILTIN_RULES` lists them in order;
- :mod:`~remediation.rules.ruleset`: running them under a
  :class:`~remediation.Policy`;
- :mod:`~remediation.rules.plugins`: rules published by installed packages.

Examples:
    >>> from remediation.rules import catalogue
    >>> [rule.code for rule in catalogue()][:3]
    ['assessment-status-mismatch', 'empty-phase', 'phase-status-mismatch']
"""

from __future__ import annotations

from remediation.rules.builtin import BUILTIN_RULES, catalogue
from remediation.rules.catalogue import Check, Example, Found, Rule, Scope, rule
from remediation.rules.context import Context
from remediation.rules.plugins import ENTRY_POINT_GROUP, PluginError, plugin_rules
from remediation.rules.ruleset import RuleSet

__all__ = [
    "BUILTIN_RULES",
    "ENTRY_POINT_GROUP",
    "Check",
    "Context",
    "Example",
    "Found",
    "PluginError",
    "Rule",
    "RuleSet",
    "Scope",
    "catalogue",
    "plugin_rules",
    "rule",
]
