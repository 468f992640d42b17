"""``python -m benchmarks peer``: the project against Datasette on the same SQLite file.

Datasette (pinned, ``DATASETTE_VERSION``) lives in its own virtual environment under the
git-ignored ``.bench/`` folder of the repository, created on first use with ``python -m venv``
and ``pip`` (the package registry is the only thing it reaches); it is never a dependency of
the project. It serves the benchmark database read-only (``--immutable``) on a free loopback
port, with hand-written SQL of the project's semantics as canned queries in a metadata file
written here (``canned_queries``). The project is served by its own gunicorn as ``make serve``
does (production settings, ``config/gunicorn.conf.py``, 2 workers, no ``REDIS_URL``).

Each scenario is measured interleaved, one request to the project then one to Datasette,
after a warm-up, for a bounded number of requests and seconds; every pair of answers must
name the same standards in the same order with the same count, or the run says where they
differ and exits with status 1. Then throughput at 8 concurrent clients for both on the
filtered and the plain list, and the raw time of the project's own SQL for the filtered list
run directly on the file. Both servers are stopped at the end, on error or interrupt too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import html
import http.client
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode

from benchmarks.load import HOST, ROOT, free_port, gunicorn, run_load

DATASETTE_VERSION = "0.65.5"
BENCH_DIR = ROOT / ".bench"
VENV_DIR = BENCH_DIR / f"datasette-{DATASETTE_VERSION}"
WORKERS = 2  # as ``make serve`` is run for issue 12's comparison
WARM_UP = 3
PAGE = 50
LOAD_CONCURRENCY = 8
REQUEST_TIMEOUT = 60


# The peer's virtual environment.
def datasette_executable(log=print) -> Path:
    """Return Datasette's executable, installing the pinned version first if needed."""
    executable = VENV_DIR / "bin" / "datasette"
    marker = VENV_DIR / ".installed"
    if marker.exists() and executable.exists():
        return executable
    log(f"Installing Datasette {DATASETTE_VERSION} into {VENV_DIR.relative_to(ROOT)}/ …")
    BENCH_DIR.mkdir(exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "venv", "--clear", str(VENV_DIR)], check=True, timeout=300
    )
    pip = [str(VENV_DIR / "bin" / "python"), "-m", "pip", "--disable-pip-version-check"]
    install = subprocess.run(
        [*pip, "install", "--quiet", f"datasette=={DATASETTE_VERSION}"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if install.returncode != 0:
        raise RuntimeError(f"pip could not install Datasette:\n{install.stderr[-3000:]}")
    version = subprocess.run(
        [str(executable), "--version"], check=True, capture_output=True, text=True, timeout=120
    ).stdout
    if DATASETTE_VERSION not in version:
        raise RuntimeError(f"Expected Datasette {DATASETTE_VERSION}, got {version.strip()!r}")
    marker.write_text(version, encoding="utf-8")
    return executable


# The same semantics in hand-written SQL.
def _literal(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _tables() -> dict[str, str]:
    from catalogue.models import (
        Committee,
        LifecycleStage,
        NationalAdoption,
        Standard,
        StandardsBody,
    )
    from discovery.models import StandardSearch
    from mappings.models import StandardLifecycleLink, StandardObjectiveLink, StandardProvisionLink
    from policies.models import BlocMembership, Jurisdiction, Objective, PolicyInstrument

    models = {
        "standard": Standard,
        "committee": Committee,
        "stage": LifecycleStage,
        "adoption": NationalAdoption,
        "body": StandardsBody,
        "objective_link": StandardObjectiveLink,
        "lifecycle_link": StandardLifecycleLink,
        "provision_link": StandardProvisionLink,
        "membership": BlocMembership,
        "jurisdiction": Jurisdiction,
        "objective": Objective,
        "instrument": PolicyInstrument,
        "search": StandardSearch,
    }
    return {key: model._meta.db_table for key, model in models.items()}


def _values() -> dict[str, str]:
    from catalogue.models import Degree, NationalAdoption
    from core.models import ReviewState
    from discovery.applies_in import ADOPTING_DEGREES, GLOBAL_CODE

    return {
        "approved": _literal(ReviewState.APPROVED),
        "global": _literal(GLOBAL_CODE),
        "degrees": ", ".join(_literal(Degree(degree).value) for degree in ADOPTING_DEGREES),
        "current": _literal(NationalAdoption.AdoptionStatus.CURRENT),
    }


def _conditions(
    t: dict, v: dict, *, objective: str, jurisdiction: str, stage: str | None, s: str = "s"
) -> str:
    """``WHERE`` conditions on the standard ``s``: public, with an approved link to the
    objective (and to the stage, if any), applying in the jurisdiction (inherited scope:
    its own, its blocs' and the global instruments, and current IDT/MOD adoptions by bodies
    of those)."""
    codes = f"{jurisdiction}, {v['global']}"
    scope = f"""SELECT j.id FROM {t["jurisdiction"]} j WHERE j.code IN ({codes})
      UNION SELECT m.bloc_id FROM {t["membership"]} m
      JOIN {t["jurisdiction"]} mj ON mj.id = m.member_id WHERE mj.code = {jurisdiction}"""
    stage_condition = f"""
  AND EXISTS (
    SELECT 1 FROM {t["lifecycle_link"]} ll JOIN {t["stage"]} st ON st.id = ll.stage_id
    WHERE ll.standard_id = {s}.id AND ll.review_state = {v["approved"]} AND st.slug = {stage})"""
    return f"""{s}.review_state = {v["approved"]}
  AND EXISTS (
    SELECT 1 FROM {t["objective_link"]} ol JOIN {t["objective"]} o ON o.id = ol.objective_id
    WHERE ol.standard_id = {s}.id AND ol.review_state = {v["approved"]} AND o.code = {objective})
  {stage_condition if stage is not None else ""}
  AND {s}.id IN (
    SELECT pl.standard_id FROM {t["provision_link"]} pl
    JOIN {t["instrument"]} i ON i.id = pl.instrument_id
    WHERE pl.review_state = {v["approved"]} AND i.jurisdiction_id IN ({scope})
    UNION
    SELECT a.standard_id FROM {t["adoption"]} a JOIN {t["body"]} b ON b.id = a.body_id
    WHERE a.degree IN ({v["degrees"]}) AND a.status = {v["current"]}
      AND b.country_id IN ({scope}))"""


def _links(t: dict, v: dict, standard: str) -> str:
    """The approved links of ``standard`` as three JSON arrays (what each API row lists)."""

    def array(table, alias, join, target, fields):
        pairs = ", ".join(f"'{name}', {alias}.{name}" for name in fields)
        return f"""(SELECT json_group_array(json_object('target', {target}, {pairs}))
    FROM {table} {alias} {join}
    WHERE {alias}.standard_id = {standard} AND {alias}.review_state = {v["approved"]})"""

    common = ["relationship", "source", "locator", "confidence"]
    objective = array(
        t["objective_link"],
        "xo",
        f"JOIN {t['objective']} xoo ON xoo.id = xo.objective_id",
        "xoo.code",
        common,
    )
    stage_join = f"JOIN {t['stage']} xls ON xls.id = xl.stage_id"
    stage = array(t["lifecycle_link"], "xl", stage_join, "xls.slug", common)
    provision = array(
        t["provision_link"],
        "xp",
        f"JOIN {t['instrument']} xpi ON xpi.id = xp.instrument_id",
        "xpi.slug",
        [*common, "provision_id"],
    )
    return (
        f"{objective} AS objectives,\n  {stage} AS lifecycle_stages,\n  {provision} AS provisions"
    )


def _page(t: dict, v: dict, where: str, rank: str = "0") -> str:
    """A page of 50 standards matching ``where``, by ``rank`` (``q``'s relevance), then
    reference, then id, with the count."""
    return f"""WITH matching AS (
  SELECT s.id, s.reference, s.sort_key, {rank} AS rank FROM {t["standard"]} s WHERE {where}
), page AS (
  SELECT id, rank FROM matching ORDER BY rank, sort_key, id LIMIT {PAGE}
)
SELECT s.reference, s.slug, s.title, s.deliverable_type, s.stage_code, s.year,
  c.code AS committee, (SELECT count(*) FROM matching) AS count,
  {_links(t, v, "s.id")}
FROM page JOIN {t["standard"]} s ON s.id = page.id
LEFT JOIN {t["committee"]} c ON c.id = s.committee_id
ORDER BY page.rank, s.sort_key, s.id"""


def _search(t: dict, v: dict) -> tuple[str, str]:
    """``q`` as the project searches (``discovery.search``), for one lower-case word of letters
    and digits (the harness's words): a substring of the printed references (through their
    FTS5 trigram table), or a word prefix in the words the other FTS5 table holds, confirmed
    in the texts; ranked reference, title, rest."""
    fts, printed = f"{t['search']}_fts", f"{t['search']}_printed"
    where = f"""s.review_state = {v["approved"]} AND s.id IN (
    SELECT x.standard_id FROM {t["search"]} x
    WHERE x.standard_id IN (SELECT rowid FROM {printed} WHERE printed GLOB '*' || :q || '*') OR (
      x.standard_id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH '"' || :q || '"*')
      AND (x.reference LIKE '% ' || :q || '%' OR x.title LIKE '% ' || :q || '%'
        OR x.summary LIKE '% ' || :q || '%')))"""
    rank = f"""(SELECT CASE
      WHEN x.printed LIKE '%' || :q || '%' OR x.reference LIKE '% ' || :q || '%' THEN 0
      WHEN x.title LIKE '% ' || :q || '%' THEN 1 ELSE 2 END
    FROM {t["search"]} x WHERE x.standard_id = s.id)"""
    return where, rank


def canned_queries() -> dict[str, dict]:
    """The canned queries Datasette serves: one per API scenario."""
    t, v = _tables(), _values()
    filtered = _conditions(
        t, v, objective=":objective", jurisdiction=":jurisdiction", stage=":stage"
    )
    search, rank = _search(t, v)
    detail = f"""SELECT s.reference, s.slug, s.title, s.summary, s.deliverable_type, s.number,
  s.part, s.year, s.edition, s.publication_date, s.stage_code, s.url, s.in_brief,
  s.updated_at, c.code AS committee, 1 AS count,
  {_links(t, v, "s.id")},
  (SELECT json_group_array(json_object('designation', a.designation, 'degree', a.degree,
      'status', a.status, 'body', b.acronym))
    FROM {t["adoption"]} a JOIN {t["body"]} b ON b.id = a.body_id
    WHERE a.standard_id = s.id) AS adoptions
FROM {t["standard"]} s LEFT JOIN {t["committee"]} c ON c.id = s.committee_id
WHERE s.slug = :slug AND s.review_state = {v["approved"]}"""
    return {
        "standards_filtered": {"sql": _page(t, v, filtered)},
        "standards_list": {"sql": _page(t, v, f"s.review_state = {v['approved']}")},
        "standard_detail": {"sql": detail},
        "standards_search": {"sql": _page(t, v, search, rank)},
    }


def table_where(*, objective: str, jurisdiction: str) -> str:
    """The ``_where`` of Datasette's table view for the faceted page (values inlined)."""
    t, v = _tables(), _values()
    return _conditions(
        t,
        v,
        objective=_literal(objective),
        jurisdiction=_literal(jurisdiction),
        stage=None,
        s=f'"{t["standard"]}"',
    )


def write_metadata(path: Path, database: str) -> None:
    metadata = {
        "title": "Benchmark peer",
        "databases": {database: {"queries": canned_queries()}},
    }
    path.write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")


@contextlib.contextmanager
def datasette(executable: Path, database: Path, metadata: Path, *, timeout: float = 60):
    """Serve ``database`` read-only on a free loopback port; yield the port."""
    port = free_port()
    command = [
        str(executable),
        "serve",
        "--immutable",
        str(database),
        "--host",
        HOST,
        "--port",
        str(port),
        "--metadata",
        str(metadata),
        # No answer may be cut short by Datasette's time limits on a loaded machine.
        "--setting",
        "sql_time_limit_ms",
        "60000",
        "--setting",
        "facet_time_limit_ms",
        "60000",
        "--setting",
        "suggest_facets",
        "off",
    ]
    log = (BENCH_DIR / "datasette.log").open("w", encoding="utf-8")
    server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"Datasette exited with {server.returncode}; see {log.name}")
            try:
                if fetch(port, "/-/versions.json", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Datasette did not answer in time")
            time.sleep(0.2)
        yield port
    finally:
        _stop(server)
        log.close()


def _stop(server: subprocess.Popen):
    if server.poll() is None:
        server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(port: int, path: str, *, timeout: float = REQUEST_TIMEOUT) -> tuple[int, bytes, float]:
    """GET ``path``: status, body and seconds until the whole body was read."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Host": HOST, "Connection": "close"})
        response = connection.getresponse()
        body = response.read()
        return response.status, body, time.perf_counter() - started
    finally:
        connection.close()


# What each answer says: the references of the page, in order, and the count.
def api_list(body: bytes) -> tuple[list[str], int]:
    data = json.loads(body)
    return [row["reference"] for row in data["results"]], data["count"]


def api_detail(body: bytes) -> tuple[list[str], int]:
    return [json.loads(body)["reference"]], 1


def canned(body: bytes) -> tuple[list[str], int]:
    rows = json.loads(body)
    return [row["reference"] for row in rows], (rows[0]["count"] if rows else 0)


REFERENCE = re.compile(r'class="result__reference"[^>]*>\s*<a [^>]*>(.*?)</a>', re.S)
COUNT = re.compile(r'class="results__count"[^>]*>(.*?)</h2>', re.S)


def page(body: bytes) -> tuple[list[str], int]:
    text = body.decode("utf-8")
    count = COUNT.search(text)
    if not count:
        raise ValueError("no result count on the page")
    digits = re.sub(r"\D", "", html.unescape(count.group(1)))
    return [html.unescape(ref).strip() for ref in REFERENCE.findall(text)], int(digits or 0)


def table_json(body: bytes) -> tuple[list[str], int]:
    data = json.loads(body)
    return [row["reference"] for row in data["rows"]], data["filtered_table_rows_count"]


@dataclasses.dataclass
class Pair:
    name: str
    title: str
    project: list[str]  # paths, in turn
    peer: list[str]  # the same questions to Datasette, in the same turn
    project_result: Callable[[bytes], tuple[list[str], int]]
    peer_result: Callable[[bytes], tuple[list[str], int]]
    peer_check: list[str] | None = None  # where the peer's answer is read, if not ``peer``


def pairs(database: str, p) -> list[Pair]:
    from benchmarks.scenarios import API_STANDARDS
    from discovery.facets import PAGE_SIZE

    db = "/" + quote(database)
    filters = {"objective": p.objective, "jurisdiction": p.country}
    filtered = {**filters, "lifecycle_stage": p.stage}
    canned_filtered = {**filters, "stage": p.stage, "_shape": "array"}
    table = {
        "_where": table_where(objective=p.objective, jurisdiction=p.country),
        "_sort": "sort_key",
        "_size": PAGE_SIZE,  # the page's own page size
    }
    facets = "&".join(
        f"_facet={name}" for name in ("committee_id", "stage_code", "deliverable_type")
    )
    table_query = f"{urlencode(table)}&{facets}"
    return [
        Pair(
            "api_list_filtered",
            f"API list filtered by objective {p.objective} + jurisdiction {p.country} "
            f"(inherited) + stage {p.stage}",
            [f"{API_STANDARDS}?{urlencode(filtered)}"],
            [f"{db}/standards_filtered.json?{urlencode(canned_filtered)}"],
            api_list,
            canned,
        ),
        Pair(
            "api_list",
            "API list, unfiltered",
            [API_STANDARDS],
            [f"{db}/standards_list.json?_shape=array"],
            api_list,
            canned,
        ),
        Pair(
            "api_detail",
            f"API detail ({len(p.detail_slugs)} standards in turn)",
            [f"{API_STANDARDS}{slug}/" for slug in p.detail_slugs],
            [
                f"{db}/standard_detail.json?{urlencode({'slug': slug, '_shape': 'array'})}"
                for slug in p.detail_slugs
            ],
            api_detail,
            canned,
        ),
        Pair(
            "standards_page_filtered",
            f"`/standards/?objective={p.objective}&jurisdiction={p.country}` with its facets "
            "(Datasette: table view, 3 facets)",
            [f"/standards/?{urlencode(filters)}"],
            [f"{db}/{_tables()['standard']}?{table_query}"],
            page,
            table_json,
            peer_check=[f"{db}/{_tables()['standard']}.json?{table_query}&_shape=objects"],
        ),
        Pair(
            "api_search",
            f"`q={p.search}`",
            [f"{API_STANDARDS}?{urlencode({'q': p.search})}"],
            [f"{db}/standards_search.json?{urlencode({'q': p.search, '_shape': 'array'})}"],
            api_list,
            canned,
        ),
    ]


class Mismatch(Exception):
    pass


def same_result(pair: Pair, index: int, project: bytes, peer: bytes) -> None:
    mine, theirs = pair.project_result(project), pair.peer_result(peer)
    if mine == theirs:
        return
    (refs, count), (peer_refs, peer_count) = mine, theirs
    lines = [f"{pair.name}: the project and Datasette disagree on {pair.project[index]}"]
    if count != peer_count:
        lines.append(f"  count: project {count}, Datasette {peer_count}")
    if refs != peer_refs:
        first = next(
            (i for i, (a, b) in enumerate(zip(refs, peer_refs, strict=False)) if a != b),
            min(len(refs), len(peer_refs)),
        )
        lines.append(f"  references: {len(refs)} vs {len(peer_refs)}; first difference at {first}:")
        lines.append(f"    project:   {refs[first : first + 3]}")
        lines.append(f"    Datasette: {peer_refs[first : first + 3]}")
        only_mine = sorted(set(refs) - set(peer_refs))[:5]
        only_theirs = sorted(set(peer_refs) - set(refs))[:5]
        if only_mine or only_theirs:
            lines.append(f"    only the project: {only_mine}; only Datasette: {only_theirs}")
    raise Mismatch("\n".join(lines))


def _get_ok(port: int, path: str, who: str) -> tuple[bytes, float]:
    status, body, seconds = fetch(port, path)
    if status != 200:
        raise RuntimeError(f"{who} answered {status} for {path}: {body[:300]!r}")
    return body, seconds


def measure(pair: Pair, project_port: int, peer_port: int, *, requests: int, max_seconds: float):
    """Interleave the project's and Datasette's requests; check every pair of answers."""
    n = len(pair.project)
    check = pair.peer_check or pair.peer
    for index in range(n):  # the same-result check on every question (not timed)
        mine, _ = _get_ok(project_port, pair.project[index], "the project")
        theirs, _ = _get_ok(peer_port, check[index], "Datasette")
        same_result(pair, index, mine, theirs)
    for index in range(WARM_UP):
        _get_ok(project_port, pair.project[index % n], "the project")
        _get_ok(peer_port, pair.peer[index % n], "Datasette")
    project, peer = [], []
    started = time.perf_counter()
    for index in range(requests):
        body, seconds = _get_ok(project_port, pair.project[index % n], "the project")
        project.append(seconds)
        body, seconds = _get_ok(peer_port, pair.peer[index % n], "Datasette")
        peer.append(seconds)
        if time.perf_counter() - started > max_seconds and index + 1 >= 5:
            break
    mine, theirs = statistics.median(project) * 1000, statistics.median(peer) * 1000
    return {
        "name": pair.name,
        "title": pair.title,
        "project_path": pair.project[0],
        "peer_path": pair.peer[0],
        "requests": len(project),
        "project_p50_ms": round(mine, 2),
        "peer_p50_ms": round(theirs, 2),
        "ratio": round(mine / theirs, 2) if theirs else None,
        "same_result": True,
    }


def raw_sql(path: str, database: Path, *, runs: int = 20, max_seconds: float = 20) -> dict:
    """Time the SQL one warm request to ``path`` runs, executed directly on the file."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)
    client.get(path)  # caches warm, as in a served worker
    with CaptureQueriesContext(connection) as context:
        status = client.get(path).status_code
    if status != 200:
        raise RuntimeError(f"{path} answered {status} in process")
    statements = [query["sql"] for query in context.captured_queries]
    sqlite = sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True)
    try:
        times = []
        started = time.perf_counter()
        for _ in range(runs):
            begun = time.perf_counter()
            for sql in statements:
                sqlite.execute(sql).fetchall()
            times.append(time.perf_counter() - begun)
            if time.perf_counter() - started > max_seconds and len(times) >= 3:
                break
    finally:
        sqlite.close()
    p50 = round(statistics.median(times) * 1000, 2)
    return {"queries": len(statements), "runs": len(times), "p50_ms": p50}


def _terminate_on_sigterm():
    """Turn SIGTERM into an exception so that the servers' ``finally`` blocks run."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def run(args, database: Path, log) -> dict:
    """Measure everything; return the results (``mismatch`` is set if answers differed)."""
    from django.db import connections

    from benchmarks.report import machine
    from benchmarks.scenarios import parameters

    _terminate_on_sigterm()
    load_at_start = os.getloadavg()
    executable = datasette_executable(log)
    p = parameters()
    name = database.stem
    chosen = pairs(name, p)
    if args.only:
        names = set(args.only.split(","))
        chosen = [pair for pair in chosen if pair.name in names]
    BENCH_DIR.mkdir(exist_ok=True)
    metadata = BENCH_DIR / "peer-metadata.json"
    write_metadata(metadata, name)
    info = machine()
    output = {
        "meta": {
            "standards": args.standards,
            "seed": args.seed,
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load_average_at_start": [round(value, 2) for value in load_at_start],
            "machine": info,
            "datasette": DATASETTE_VERSION,
            "workers": WORKERS,
            "parameters": dataclasses.asdict(p) | {"detail_slugs": len(p.detail_slugs)},
        },
        "scenarios": [],
        "throughput": [],
        "raw_sql": None,
        "mismatch": None,
    }
    filtered = next((pair for pair in chosen if pair.name == "api_list_filtered"), None)
    if filtered is not None and not args.no_raw_sql:
        log("  raw SQL of the filtered list …")
        raw = raw_sql(filtered.project[0], database)
        output["raw_sql"] = raw
    connections.close_all()
    os.environ.pop("REDIS_URL", None)
    ready = chosen[0].project[0] if chosen else "/"
    with gunicorn(workers=WORKERS, ready_path=ready) as project_port:
        with datasette(executable, database, metadata) as peer_port:
            for pair in chosen:
                log(f"  {pair.name}: project and Datasette in turn …")
                try:
                    result = measure(
                        pair,
                        project_port,
                        peer_port,
                        requests=args.requests,
                        max_seconds=args.max_seconds,
                    )
                except (Mismatch, RuntimeError, ValueError, KeyError, TypeError) as error:
                    # One scenario that disagrees or breaks must not lose the others.
                    text = (
                        str(error)
                        if isinstance(error, Mismatch)
                        else (f"{pair.name}: {type(error).__name__}: {error}")
                    )
                    log(text)
                    output["mismatch"] = (output["mismatch"] or "") + text + "\n"
                    result = {"name": pair.name, "title": pair.title, "same_result": False}
                output["scenarios"].append(result)
            if not args.no_load:
                for pair in chosen:
                    if pair.name not in ("api_list_filtered", "api_list"):
                        continue
                    row = {"name": pair.name, "title": pair.title}
                    for who, port, path in (
                        ("project", project_port, pair.project[0]),
                        ("peer", peer_port, pair.peer[0]),
                    ):
                        log(f"  throughput of {pair.name} ({who}), {LOAD_CONCURRENCY} clients …")
                        row[who] = run_load(
                            port, [path], concurrency=LOAD_CONCURRENCY, seconds=args.load_seconds
                        )
                    output["throughput"].append(row)
    if output["raw_sql"] is not None:
        result = next((r for r in output["scenarios"] if r["name"] == "api_list_filtered"), {})
        if result.get("project_p50_ms"):
            output["raw_sql"]["ratio"] = round(
                result["project_p50_ms"] / output["raw_sql"]["p50_ms"], 2
            )
    return output


# Printing.
def _ms(value) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def table(output: dict) -> str:
    lines = [
        "| scenario | project p50 | Datasette p50 | project / Datasette | requests | same result |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in output["scenarios"]:
        ratio = f"{row['ratio']:.2f}×" if row.get("ratio") else "–"
        lines.append(
            f"| {row['title']} | {_ms(row.get('project_p50_ms'))} | {_ms(row.get('peer_p50_ms'))} "
            f"| {ratio} | {row.get('requests', '–')} | {'yes' if row['same_result'] else '✗ no'} |"
        )
    for row in output["throughput"]:
        mine, theirs = row["project"], row["peer"]
        lines.append("")
        lines.append(
            f"Throughput at {mine['concurrency']} clients, {row['name']}: project "
            f"{mine['requests_per_second']} requests/s vs Datasette "
            f"{theirs['requests_per_second']} ({mine['seconds']} s each; statuses "
            f"{mine['statuses']} / {theirs['statuses']}, errors {mine['errors']} / "
            f"{theirs['errors']})."
        )
    raw = output.get("raw_sql")
    if raw:
        ratio = f"; filtered list / raw SQL {raw['ratio']:.1f}×" if raw.get("ratio") else ""
        lines.append("")
        lines.append(
            f"Raw SQL of the filtered list (the project's {raw['queries']} queries run directly "
            f"on the file, p50 of {raw['runs']}): {_ms(raw['p50_ms'])}{ratio}."
        )
    return "\n".join(lines)


def markdown(output: dict) -> str:
    meta, info = output["meta"], output["meta"]["machine"]
    load = ", ".join(f"{value:.2f}" for value in meta["load_average_at_start"])
    lines = [
        f"At {meta['standards']:,} standards on {info.get('database_version', 'SQLite')}, "
        f"{meta['date']}; project: gunicorn, {meta['workers']} workers, production settings, "
        f"no Redis; Datasette {meta['datasette']} `--immutable` on the same file. Machine: "
        f"{info.get('cpu') or 'unknown CPU'}, `nproc` {info.get('nproc')}, Python "
        f"{info.get('python')}, Django {info.get('django')}, at `{info.get('git')}`; load "
        f"average at start {load} "
        "(the machine is shared with other engineers' test runs, so the figures are noisy).",
        "",
        table(output),
    ]
    return "\n".join(lines)
