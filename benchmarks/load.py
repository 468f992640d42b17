"""Throughput through a real server: gunicorn on loopback and a bounded thread-pool client.

Each client thread opens a connection per request (gunicorn's sync workers close it after
each response), cycles through the scenario URLs, and stops at a hard deadline; a request
that hangs is cut by a socket timeout. Nothing here can run longer than ``seconds`` plus the
timeout plus the server's start-up.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.measure import summary

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, workers: int | None, ready_path: str, timeout: float = 30):
    """Serve the project as ``make serve`` does (``config/gunicorn.conf.py``) on a free
    loopback port, without the access log; yield the port."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi:application",
        "--config",
        "config/gunicorn.conf.py",
        "--log-level",
        "warning",
    ]
    env = {**os.environ, "GUNICORN_BIND": f"{HOST}:{port}", "GUNICORN_ACCESS_LOG": "/dev/null"}
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {server.returncode}")
            try:
                status, _ = get(port, ready_path, timeout=5)
                if status < 500:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer in time")
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def get(port: int, path: str, *, timeout: float) -> tuple[int, int]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST, "Connection": "close"})
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def run_load(
    port: int, paths: list[str], *, concurrency: int, seconds: float, timeout: float = 10
) -> dict:
    deadline = time.monotonic() + seconds

    def client(index: int):
        latencies, statuses, errors = [], Counter(), 0
        position = index
        while time.monotonic() < deadline:
            path = paths[position % len(paths)]
            position += 1
            started = time.perf_counter()
            try:
                status, _ = get(port, path, timeout=timeout)
            except OSError:
                errors += 1
                continue
            latencies.append(time.perf_counter() - started)
            statuses[status] += 1
        return latencies, statuses, errors

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(client, range(concurrency)))
    elapsed = time.monotonic() - started
    latencies = [value for result in results for value in result[0]]
    statuses = sum((result[1] for result in results), Counter())
    errors = sum(result[2] for result in results)
    outcome = {
        "seconds": round(elapsed, 1),
        "concurrency": concurrency,
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "errors": errors,
        "paths": len(paths),
    }
    if latencies:
        outcome.update(summary(latencies))
    return outcome
