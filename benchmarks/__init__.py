"""The performance harness (issue 7): not part of the test suite.

``python -m benchmarks run --standards 10000 --database sqlite`` builds (or reuses) a database
holding the reference catalogue plus a synthetic one of that size, measures each scenario
through Django's full stack in process and a throughput mix through gunicorn on loopback,
prints a table and writes JSON; ``python -m benchmarks compare A.json B.json`` compares runs.
``python -m benchmarks peer --standards 10000`` measures the project against Datasette on the
same SQLite file (issue 12; ``benchmarks/peer.py``).
"""
