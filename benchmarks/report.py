"""Budgets, the machine a run came from, the printed table, and the comparison of two runs."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV_TTFB_BUDGET_MS = 200
CSV_RSS_BUDGET_MB = 50
SCALING_BUDGET = 2.0  # paginated endpoints slow by at most 2x from 1,000 to 100,000 standards


def machine() -> dict:
    from django import get_version
    from django.db import connection

    info = {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": _cpu_model(),
        "memory_gb": _memory_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": get_version(),
        "database": connection.vendor,
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            info["database_version"] = f"PostgreSQL {cursor.fetchone()[0]}"
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            info["database_version"] = f"SQLite {cursor.fetchone()[0]}"
    info["git"] = _git("rev-parse", "--short", "HEAD")
    if _git("status", "--porcelain", "--untracked-files=no"):
        info["git"] += " (uncommitted changes)"
    info["date"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return info


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _memory_gb() -> float | None:
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        completed = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except OSError:
        return ""
    return completed.stdout.strip()


def check_budgets(result: dict) -> list[str]:
    """Return the budgets of issue 7 a scenario result misses (empty when all are met)."""
    missed = []
    if not result.get("available"):
        return missed
    budget = result.get("budget_ms")
    if budget is not None and result["p50_ms"] > budget:
        missed.append(f"p50 {result['p50_ms']} ms > {budget} ms")
    if "queries_page_size_1" in result and result["queries_page_size_1"] != result["queries"]:
        missed.append(
            f"queries depend on page size ({result['queries_page_size_1']} vs {result['queries']})"
        )
    if "ttfb_p50_ms" in result and result["ttfb_p50_ms"] > CSV_TTFB_BUDGET_MS:
        missed.append(f"first byte {result['ttfb_p50_ms']} ms > {CSV_TTFB_BUDGET_MS} ms")
    if result.get("rss_growth_mb", 0) > CSV_RSS_BUDGET_MB:
        missed.append(f"RSS +{result['rss_growth_mb']} MB > {CSV_RSS_BUDGET_MB} MB")
    if "streamed" in result and not result["streamed"]:
        missed.append("not streamed")
    return missed


def _cell(value, width: int, digits: int = 1) -> str:
    if value is None or value == "":
        return "-".rjust(width)
    if isinstance(value, float):
        return f"{value:.{digits}f}".rjust(width)
    return str(value).rjust(width)


def table(run: dict) -> str:
    meta = run["meta"]
    lines = [
        f"{meta['standards']:,} standards on {meta['machine']['database_version']} "
        f"({run['meta']['counts']['approved_links']:,} approved links), "
        f"{meta['machine']['nproc']} CPUs, {meta['machine']['memory_gb']} GB, "
        f"Python {meta['machine']['python']}, git {meta['machine']['git']}",
        "",
        f"{'scenario':<24}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}"
        f"{'peak MB':>9}{'budget':>8}  result",
    ]
    for result in run["scenarios"]:
        name = result["name"]
        if not result.get("available"):
            lines.append(f"{name:<24}{'':>57}  {result.get('note', 'not available')}")
            continue
        missed = check_budgets(result)
        verdict = "MISSED: " + "; ".join(missed) if missed else "ok"
        budget = f"{result['budget_ms']:.0f}" if result.get("budget_ms") else ""
        lines.append(
            f"{name:<24}{result['requests']:>4}{_cell(result['p50_ms'], 9)}"
            f"{_cell(result['p95_ms'], 9)}{_cell(result['max_ms'], 9)}"
            f"{_cell(result['queries'], 9)}{_cell(result['peak_python_mb'], 9)}"
            f"{_cell(budget, 8)}  {verdict}"
        )
        if "ttfb_p50_ms" in result:
            lines.append(
                f"{'':<24}  first byte p50 {result['ttfb_p50_ms']} ms (max "
                f"{result['ttfb_max_ms']} ms), {result.get('rows', 0):,} rows, "
                f"{result['bytes'] / 2**20:.1f} MB, peak RSS growth "
                f"{result.get('rss_growth_mb', '?')} MB (fresh process)"
            )
        if result.get("note"):
            lines.append(f"{'':<24}  {result['note']}")
    load = run.get("load")
    if load:
        if "error" in load:
            lines += ["", f"throughput (gunicorn): {load['error']}"]
        else:
            lines += [
                "",
                f"throughput (gunicorn, workers: {load['workers']}, {load['concurrency']} "
                f"client threads, {load['seconds']} s, {load['paths']} URLs): "
                f"{load['requests_per_second']} req/s, p50 {load.get('p50_ms')} ms, "
                f"p95 {load.get('p95_ms')} ms, max {load.get('max_ms')} ms, "
                f"statuses {load['statuses']}, errors {load['errors']}",
            ]
    return "\n".join(lines)


def compare(first: dict, second: dict) -> str:
    a_meta, b_meta = first["meta"], second["meta"]
    lines = [
        f"A: {a_meta['standards']:,} standards, {a_meta['machine']['database_version']}, "
        f"git {a_meta['machine']['git']}, {a_meta['machine']['date']}",
        f"B: {b_meta['standards']:,} standards, {b_meta['machine']['database_version']}, "
        f"git {b_meta['machine']['git']}, {b_meta['machine']['date']}",
        "",
        f"{'scenario':<24}{'p50 A':>9}{'p50 B':>9}{'B/A':>7}{'p95 A':>9}{'p95 B':>9}"
        f"{'queries':>10}  note",
    ]
    b_results = {result["name"]: result for result in second["scenarios"]}
    for a in first["scenarios"]:
        b = b_results.get(a["name"])
        if not b or not a.get("available") or not b.get("available"):
            lines.append(f"{a['name']:<24}{'':>53}  not available in both")
            continue
        ratio = b["p50_ms"] / a["p50_ms"] if a["p50_ms"] else float("inf")
        note = ""
        if a.get("paginated") and ratio > SCALING_BUDGET:
            note = f"slower by more than {SCALING_BUDGET:.0f}x"
        queries = f"{a['queries']}→{b['queries']}"
        lines.append(
            f"{a['name']:<24}{_cell(a['p50_ms'], 9)}{_cell(b['p50_ms'], 9)}"
            f"{_cell(ratio, 7, 2)}{_cell(a['p95_ms'], 9)}{_cell(b['p95_ms'], 9)}"
            f"{queries:>10}  {note}"
        )
    a_load, b_load = first.get("load") or {}, second.get("load") or {}
    if "requests_per_second" in a_load and "requests_per_second" in b_load:
        lines += [
            "",
            f"throughput: {a_load['requests_per_second']} → {b_load['requests_per_second']} req/s",
        ]
    return "\n".join(lines)


def markdown(runs: list[dict]) -> str:
    """A Markdown table of several runs side by side: p50 / p95 ms and queries per scenario."""
    headers = []
    for run in runs:
        database = run["meta"]["machine"]["database_version"].split(" (")[0]
        headers.append(f"{run['meta']['standards']:,} on {database}")
    lines = [
        "| scenario | " + " | ".join(headers) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    names = [result["name"] for result in runs[0]["scenarios"]]
    for name in names:
        cells = []
        for run in runs:
            result = next((r for r in run["scenarios"] if r["name"] == name), None)
            if not result or not result.get("available"):
                cells.append("n/a")
            elif "ttfb_p50_ms" in result:
                cells.append(
                    f"first byte {result['ttfb_p50_ms']:.0f}, total {result['p50_ms']:.0f}; "
                    f"RSS +{result.get('rss_growth_mb', '?')} MB"
                )
            else:
                missed = " ✗" if check_budgets(result) else ""
                timing = f"{result['p50_ms']:.1f} / {result['p95_ms']:.1f}"
                cells.append(f"{timing} ({result['queries']} q){missed}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    loads = [run.get("load") or {} for run in runs]
    lines.append(
        "| throughput (gunicorn) | "
        + " | ".join(
            f"{load['requests_per_second']} req/s, p50 {load.get('p50_ms', 0):.0f} ms"
            if "requests_per_second" in load
            else "n/a"
            for load in loads
        )
        + " |"
    )
    return "\n".join(lines)
