"""Load test: the production stack (gunicorn, DEBUG off) on loopback under a bounded load.

    python -m benchmarks.loadtest [--seconds 60] [--concurrency 32] [--workers N] [--json PATH]

Serves the reference catalogue from a throwaway SQLite database (or ``--database-url``),
then ``--concurrency`` client threads cycle through a mix of API and page requests until
``--seconds`` have passed. Reports throughput, latency percentiles (p50, p95, p99, max) and
every status; exits non-zero on any error or any status other than 200. CI runs a 10-second
version; the issue's figure is the 60-second run at 32 clients.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.load import gunicorn, run_load

ROOT = Path(__file__).resolve().parent.parent

MIX = [
    "/api/v1/standards/",
    "/api/v1/standards/?objective=4.2",
    "/api/v1/standards/?jurisdiction=DE&lifecycle_stage=deployment",
    "/api/v1/standards/?q=management",
    "/api/v1/standards/iso-iec-42001-2023/",
    "/api/v1/objectives/",
    "/api/v1/instruments/eu-ai-act/",
    "/api/v1/mappings/?target=objective:4.3",
    "/",
    "/standards/",
    "/standards/?objective=4.3&jurisdiction=EU",
    "/standards/iso-iec-42001-2023/",
    "/coverage/",
    "/jurisdictions/DE/",
    "/instruments/eu-ai-act/",
    "/objectives/4.2/",
]


def prepare(env: dict) -> None:
    """Migrate, load the reference catalogue and collect static files, as a deployment does."""
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_catalogue", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    parser.add_argument("--database-url", help="Defaults to a throwaway SQLite database.")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    options = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as work:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DATABASE_URL": options.database_url or f"sqlite:///{work}/load.sqlite3",
        }
        prepare(env)
        saved = dict(os.environ)
        os.environ.update(env)  # gunicorn() starts the server with this environment
        try:
            with gunicorn(workers=options.workers, ready_path="/api/v1/objectives/") as port:
                outcome = run_load(
                    port, MIX, concurrency=options.concurrency, seconds=options.seconds
                )
        finally:
            os.environ.clear()
            os.environ.update(saved)

    outcome["workers"] = options.workers
    bad = {status: n for status, n in outcome["statuses"].items() if status != "200"}
    outcome["passed"] = outcome["errors"] == 0 and not bad and outcome["requests"] > 0
    sys.stdout.write(
        f"{outcome['requests']} requests in {outcome['seconds']} s at {options.concurrency} "
        f"clients, {options.workers} gunicorn workers: {outcome['requests_per_second']} req/s; "
        f"p50 {outcome.get('p50_ms')} ms, p95 {outcome.get('p95_ms')} ms, "
        f"p99 {outcome.get('p99_ms')} ms, max {outcome.get('max_ms')} ms; "
        f"statuses {outcome['statuses']}, connection errors {outcome['errors']}.\n"
    )
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(outcome, indent=2) + "\n")
    if not outcome["passed"]:
        sys.stdout.write("FAILED: every request must answer 200, without connection errors.\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
