"""Measure scenarios through Django's full stack in process, with the test client.

For each scenario: latency over ``requests`` requests (after a warm-up), the SQL query count
of one request (and, for lists, of a page of one: it must be the same), the peak Python
memory of one request (tracemalloc), and for a streamed response the time to first byte and
the growth of the process's peak RSS while streaming.
"""

from __future__ import annotations

import math
import os
import statistics
import time
import tracemalloc

from benchmarks.scenarios import Scenario, available

WARM_UP = 3
MIN_REQUESTS = 3  # a scenario past its time limit still reports at least this many
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summary(values: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(percentile(values, 0.95) * 1000, 2),
        "p99_ms": round(percentile(values, 0.99) * 1000, 2),
        "max_ms": round(max(values) * 1000, 2),
    }


def rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except OSError:
        return None


def peak_rss_bytes() -> int | None:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux ``clear_refs`` 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True


class Fetch:
    """One request: status, total time, time to first byte, bytes and lines received."""

    def __init__(self, client, path: str):
        started = time.perf_counter()
        response = client.get(path)
        first = None
        size = lines = 0
        if response.streaming:
            for chunk in response.streaming_content:
                if first is None:
                    first = time.perf_counter()
                size += len(chunk)
                lines += chunk.count(b"\n")
            response.close()
        else:
            size = len(response.content)
            lines = response.content.count(b"\n")
        self.seconds = time.perf_counter() - started
        self.ttfb = (first or started + self.seconds) - started
        self.status = response.status_code
        self.streaming = response.streaming
        self.size = size
        self.lines = lines


def query_count(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        Fetch(client, path)
    return len(context.captured_queries)


def peak_python_memory(client, path: str) -> int:
    tracemalloc.start()
    try:
        Fetch(client, path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def rss_growth(path: str, warm_path: str) -> dict:
    """Fetch ``path`` once and report how far the peak RSS rose above the RSS before it.

    Meant for a fresh process (``python -m benchmarks rss``): in a process that has served
    the request before, freed memory is reused and the growth would look smaller.
    """
    from django.test import Client

    client = Client(raise_request_exception=False)
    Fetch(client, warm_path)  # imports, connection, caches: not the response's cost
    baseline = rss_bytes()
    if baseline is None or not reset_peak_rss():
        return {}
    fetch = Fetch(client, path)
    return {
        "rss_before_mb": round(baseline / 2**20, 1),
        "rss_growth_mb": round((peak_rss_bytes() - baseline) / 2**20, 2),
        "rss_status": fetch.status,
    }


def fresh_process_rss(path: str) -> dict:
    """Run ``rss_growth`` in a new interpreter with the same database and settings."""
    import json
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks", "rss", path],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0:
        return {"rss_error": completed.stderr.strip().splitlines()[-1:]}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def with_param(path: str, **params) -> str:
    from urllib.parse import urlencode

    return f"{path}{'&' if '?' in path else '?'}{urlencode(params)}"


def run_scenario(scenario: Scenario, *, requests: int, max_seconds: float) -> dict:
    from django.test import Client

    result = {"name": scenario.name, "title": scenario.title, "path": scenario.path}
    if not available(scenario.path):
        return {**result, "available": False, "note": "not available (URL does not resolve)"}
    client = Client(raise_request_exception=False)
    # A streamed export is one long request: one warm-up is enough.
    warm_up = 1 if scenario.streaming else WARM_UP
    warm = [Fetch(client, scenario.paths[i % len(scenario.paths)]) for i in range(warm_up)]
    if warm[-1].status != 200:
        note = f"not available (HTTP {warm[-1].status})"
        return {**result, "available": False, "status": warm[-1].status, "note": note}

    result["available"] = True
    result["queries"] = query_count(client, scenario.path)
    if scenario.page_size_param:
        result["queries_page_size_1"] = query_count(client, with_param(scenario.path, page_size=1))
    result["peak_python_mb"] = round(peak_python_memory(client, scenario.path) / 2**20, 2)

    times, ttfbs, statuses = [], [], set()
    started = time.perf_counter()
    for index in range(requests):
        fetch = Fetch(client, scenario.paths[index % len(scenario.paths)])
        times.append(fetch.seconds)
        ttfbs.append(fetch.ttfb)
        statuses.add(fetch.status)
        if time.perf_counter() - started > max_seconds and index + 1 >= MIN_REQUESTS:
            result["note"] = f"stopped after {index + 1} requests ({max_seconds:.0f} s limit)"
            break
    result.update(summary(times), requests=len(times), statuses=sorted(statuses))
    result["bytes"] = fetch.size
    if scenario.streaming:
        result["streamed"] = fetch.streaming
        result["rows"] = max(0, fetch.lines - 1)  # less the header
        result["ttfb_p50_ms"] = round(statistics.median(ttfbs) * 1000, 2)
        result["ttfb_max_ms"] = round(max(ttfbs) * 1000, 2)
        result.update(fresh_process_rss(scenario.path))
    if statuses != {200}:
        result["note"] = f"unexpected statuses {sorted(statuses)}"
    return result
