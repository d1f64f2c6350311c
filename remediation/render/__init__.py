"""Rendering: reports, pictures and tables of assessments and their evaluations.

The layer above evaluation. A report is built once as a tree of blocks
(``blocks``), from values in words (``formatting``), status marks (``marks``)
and what the report knows of the records (``context``); its sections are in
``assessment_report``, ``phase_sections``, ``criterion_sections``,
``evaluation_sections`` and ``evaluation_report``, and ``report`` chooses the
report of any object. ``markdown`` and ``html`` write the tree out;
``jupyter`` registers them as the way records show themselves in a notebook.
``diagrams``, ``charts``, ``tables`` and ``summary`` are the other forms;
``rules`` shows the rule catalogue; ``sarif`` writes findings as SARIF 2.1.0;
``diff`` and ``history`` show what changed between versions and over time.
"""
