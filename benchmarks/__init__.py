"""Benchmarks of remediation against what a user would write instead.

Not part of the library nor of the test run: ``python -m benchmarks`` measures
and prints a table (see :mod:`benchmarks.run`); ``tests/test_benchmarks.py``
runs it on a tiny size only.
"""
