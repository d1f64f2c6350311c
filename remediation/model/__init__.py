"""The model: the records of an assessment and the values they hold; the bottom layer.

- records by kind: :mod:`~remediation.model.evidence`, :mod:`~remediation.model.causes`
  (the five whys), :mod:`~remediation.model.work` (items, phases, next steps, gaps, and
  an item's credit), :mod:`~remediation.model.criteria`,
  :mod:`~remediation.model.document` (the assessment); :mod:`~remediation.model.records`
  gathers them;
- the values in them: :mod:`~remediation.model.status`, :mod:`~remediation.model.duration`,
  :mod:`~remediation.model.target`, :mod:`~remediation.model.validators`,
  :mod:`~remediation.model.fields`;
- :mod:`~remediation.model.policy`: severities and suppressions of findings;
- :mod:`~remediation.model.whatif`: variants of an assessment with a changed status or value;
- :mod:`~remediation.model.display`: how records show themselves in Jupyter, a registry
  the render layer fills (the model imports nothing above it).
"""
