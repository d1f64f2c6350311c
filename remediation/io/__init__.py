"""Reading and writing documents: JSON and YAML, versioned, with every problem reported at once.

- :mod:`~remediation.io.formats`: ``load``, ``loads``, ``dump``, ``dumps``, ``to_data``;
- :mod:`~remediation.io.converter`: the one cattrs converter design, fast or detailed,
  built from :mod:`~remediation.io.scalar_hooks`, :mod:`~remediation.io.value_hooks` and
  :mod:`~remediation.io.record_hooks`; :mod:`~remediation.io.errors` turns what cattrs
  raises into errors with paths;
- :mod:`~remediation.io.salvage`: what can be read of an invalid document, to report
  reference problems beside value problems;
- :mod:`~remediation.io.identity`: ids and references read in NFC, blank and invisible
  ids refused;
- :mod:`~remediation.io.output`: writing a file without damaging what it replaces;
- :mod:`~remediation.io.yaml`, :mod:`~remediation.io.migrations`,
  :mod:`~remediation.io.limits`, :mod:`~remediation.io.schema` (the JSON Schema);
- :mod:`~remediation.io.git` (versions of a file from git) and
  :mod:`~remediation.io.history` (each version evaluated);
- :mod:`~remediation.io.portfolio`: every assessment under a directory, evaluated in
  parallel into one table;
- :mod:`~remediation.io.openslo` (OpenSLO objects), :mod:`~remediation.io.oscal_export`
  and :mod:`~remediation.io.oscal_import` (OSCAL plans of action and milestones, built on
  :mod:`~remediation.io.oscal`, :mod:`~remediation.io.oscal_writing`,
  :mod:`~remediation.io.oscal_risk_writing`, :mod:`~remediation.io.oscal_reading` and
  :mod:`~remediation.io.oscal_risk_reading`).
"""
