"""``python -m benchmarks run|compare``: see ``benchmarks/__init__.py`` and the README."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from benchmarks import database
from benchmarks.report import compare, markdown, table

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="Build or reuse a database and measure every scenario.")
    _database_arguments(run)
    run.add_argument("--requests", type=int, default=50, help="Measured requests per scenario.")
    run.add_argument(
        "--max-seconds",
        type=float,
        default=120,
        help="Stop a scenario after this long (with at least 3 requests).",
    )
    run.add_argument("--only", help="Comma-separated scenario names.")
    run.add_argument("--json", type=Path, help="Where to write the results (JSON).")
    run.add_argument("--no-load", action="store_true", help="Skip the gunicorn throughput run.")
    run.add_argument("--load-seconds", type=float, default=15)
    run.add_argument("--concurrency", type=int, default=4, help="Client threads of the load run.")
    run.add_argument(
        "--workers", type=int, help="gunicorn workers (default: config/gunicorn.conf.py's)."
    )

    peer = commands.add_parser(
        "peer", help="The project against Datasette on the same SQLite file (issue 12)."
    )
    _database_arguments(peer, postgres=False)
    peer.add_argument("--requests", type=int, default=50, help="Measured requests per side.")
    peer.add_argument(
        "--max-seconds",
        type=float,
        default=60,
        help="Stop a scenario after this long (with at least 5 requests per side).",
    )
    peer.add_argument("--only", help="Comma-separated scenario names.")
    peer.add_argument("--load-seconds", type=float, default=10, help="Per throughput run.")
    peer.add_argument("--no-load", action="store_true", help="Skip the throughput runs.")
    peer.add_argument("--no-raw-sql", action="store_true", help="Skip the raw SQL timing.")
    peer.add_argument("--markdown", action="store_true", help="Print the README's table.")
    peer.add_argument("--json", type=Path, help="Where to write the results (JSON).")

    build = commands.add_parser("build", help="Only build the database (as run would).")
    _database_arguments(build)

    comparison = commands.add_parser("compare", help="Compare two runs' JSON files.")
    comparison.add_argument("first", type=Path)
    comparison.add_argument("second", type=Path)

    table = commands.add_parser("markdown", help="Several runs' JSON as one Markdown table.")
    table.add_argument("runs", type=Path, nargs="+")

    rss = commands.add_parser("rss", help=argparse.SUPPRESS)
    rss.add_argument("path")

    args = parser.parse_args(argv)
    if args.command == "compare":
        _out(compare(_read(args.first), _read(args.second)))
        return 0
    if args.command == "markdown":
        _out(markdown([_read(path) for path in args.runs]))
        return 0
    if args.command == "rss":
        return _rss(args.path)
    _setup(args)
    if args.command == "build":
        return 0
    if args.command == "peer":
        return _peer(args)
    return _run(args)


def _out(text: str):
    sys.stdout.write(text + "\n")


def _err(text: str):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _database_arguments(parser, *, postgres: bool = True):
    parser.add_argument("--standards", type=int, default=10_000)
    if postgres:
        parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    else:  # Datasette serves a SQLite file
        parser.set_defaults(database="sqlite", database_url=None)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--rebuild", action="store_true", help="Start from an empty database.")
        return
    parser.add_argument(
        "--database-url",
        help=f"Another database (default: a SQLite file under benchmarks/.data/ or "
        f"{database.POSTGRES_URL}).",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rebuild", action="store_true", help="Start from an empty database.")


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _setup(args):
    url = database.database_url(args.database, args.standards, args.database_url)
    database.configure(url)
    if args.rebuild:
        database.reset(url)
    database.create(url)
    import django

    django.setup()
    import config.wsgi  # noqa: F401  the process set-up gunicorn's workers get (GC thresholds)

    args.prepare = database.prepare(standards=args.standards, seed=args.seed)


def _rss(path: str) -> int:
    import django

    from benchmarks.measure import rss_growth, with_param

    django.setup()
    _out(json.dumps(rss_growth(path, with_param(path, q="no-such-standard-anywhere"))))
    return 0


def _run(args) -> int:
    from benchmarks.load import gunicorn, run_load
    from benchmarks.measure import run_scenario
    from benchmarks.report import machine
    from benchmarks.scenarios import parameters, scenarios

    chosen = scenarios(parameters())
    if args.only:
        names = set(args.only.split(","))
        chosen = [scenario for scenario in chosen if scenario.name in names]
    results = []
    for scenario in chosen:
        _err(f"  measuring {scenario.name} …")
        try:
            result = run_scenario(scenario, requests=args.requests, max_seconds=args.max_seconds)
        except Exception as error:  # one broken endpoint must not lose the other results
            result = {"name": scenario.name, "title": scenario.title, "path": scenario.path}
            result.update(available=False, note=f"failed: {type(error).__name__}: {error}")
        result.update(budget_ms=scenario.budget_ms, paginated=scenario.paginated)
        results.append(result)

    load = None
    if not args.no_load:
        available = {result["name"] for result in results if result.get("available")}
        mix = [s for s in chosen if s.in_load_mix and s.name in available]
        longest = max((len(s.paths) for s in mix), default=0)
        paths = [s.paths[i % len(s.paths)] for i in range(longest) for s in mix]
        if not paths:
            load = {"error": "not available (no endpoint to load)"}
        else:
            _err("  throughput through gunicorn …")
            from django.db import connections

            connections.close_all()
            try:
                with gunicorn(workers=args.workers, ready_path=paths[0]) as port:
                    load = run_load(
                        port, paths, concurrency=args.concurrency, seconds=args.load_seconds
                    )
                load["workers"] = args.workers or "config"
            except RuntimeError as error:
                load = {"error": str(error)}

    from benchmarks.database import catalogue_counts

    output = {
        "meta": {
            "standards": args.standards,
            "seed": args.seed,
            "requests": args.requests,
            "machine": machine(),
            "counts": catalogue_counts(),
            "prepare": args.prepare,
        },
        "scenarios": results,
        "load": load,
    }
    path = args.json or RESULTS_DIR / (
        f"{args.database}-{args.standards}-"
        f"{datetime.datetime.now(datetime.UTC).strftime('%Y%m%d-%H%M%S')}.json"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(output, indent=2) + "\n", encoding="utf-8")
    _out(table(output))
    _out(f"\nWritten to {path}")
    return 0


def _peer(args) -> int:
    from urllib.parse import urlsplit

    from benchmarks import peer

    url = database.database_url(args.database, args.standards, args.database_url)
    output = peer.run(args, Path("/" + urlsplit(url).path.lstrip("/")), log=_err)
    path = args.json or RESULTS_DIR / (
        f"peer-{args.standards}-{datetime.datetime.now(datetime.UTC).strftime('%Y%m%d-%H%M%S')}"
        ".json"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(output, indent=2) + "\n", encoding="utf-8")
    _out(peer.markdown(output) if args.markdown else peer.table(output))
    _out(f"\nWritten to {path}")
    if output["mismatch"]:
        _err("\nThe project and Datasette returned different results:\n" + output["mismatch"])
        return 1
    return 0
