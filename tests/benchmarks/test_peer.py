"""``python -m benchmarks peer``: the peer's SQL means what the project means, the
same-result check fails loudly, and the peer's server stops even when the run fails.

The canned queries are SQLite (Datasette serves a SQLite file), so their tests run on
SQLite only; the rest runs on both databases.
"""

import json
import socket
import stat
import sys
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.db import connection

from benchmarks import peer
from benchmarks.scenarios import parameters
from catalogue.models import LifecycleStage
from policies.models import Jurisdiction

pytestmark = pytest.mark.django_db

API = "/api/v1/standards/"


def _sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("Datasette's canned queries are SQLite")


def _canned(name: str, **params) -> list[dict]:
    connection.ensure_connection()
    sql = peer.canned_queries()[name]["sql"]
    cursor = connection.connection.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _api(client, **params) -> tuple[list[str], int]:
    response = client.get(f"{API}?{urlencode(params)}" if params else API)
    assert response.status_code == 200
    return peer.api_list(response.content)


def _peer_answer(rows) -> tuple[list[str], int]:
    return peer.canned(json.dumps(rows, default=str).encode())


def test_filtered_canned_query_matches_the_api_across_jurisdictions(client):
    """A bloc member (own, bloc and global reasons), its blocs, the global jurisdiction and
    a few others, at two stages."""
    _sqlite_only()
    p = parameters()
    member = Jurisdiction.objects.get(code=p.country)
    codes = {p.country, "INT", *member.blocs.values_list("code", flat=True)}
    codes.update(Jurisdiction.objects.order_by("code").values_list("code", flat=True)[:3])
    stages = [p.stage, LifecycleStage.objects.exclude(slug=p.stage).order_by("order")[0].slug]
    non_empty = 0
    for code in sorted(codes):
        for stage in stages:
            expected = _api(client, objective=p.objective, jurisdiction=code, lifecycle_stage=stage)
            rows = _canned(
                "standards_filtered", objective=p.objective, jurisdiction=code, stage=stage
            )
            assert _peer_answer(rows) == expected, (code, stage)
            non_empty += expected[1] > 0
    assert non_empty > 0  # the comparison covered real results, not only empty pages


def test_list_search_and_detail_canned_queries_match_the_api(client):
    _sqlite_only()
    assert _peer_answer(_canned("standards_list")) == _api(client)
    for word in ("robustness", "risk", "42001"):
        assert _peer_answer(_canned("standards_search", q=word)) == _api(client, q=word), word
    slug = parameters().detail_slugs[0]
    response = client.get(f"{API}{slug}/")
    assert _peer_answer(_canned("standard_detail", slug=slug)) == peer.api_detail(response.content)


def test_table_view_condition_matches_the_standards_page(client):
    _sqlite_only()
    p = parameters()
    where = peer.table_where(objective=p.objective, jurisdiction=p.country)
    connection.ensure_connection()
    table = peer._tables()["standard"]
    references = [
        row[0]
        for row in connection.connection.execute(
            f'SELECT reference FROM "{table}" WHERE {where} ORDER BY reference, id'
        )
    ]
    response = client.get(
        f"/standards/?{urlencode({'objective': p.objective, 'jurisdiction': p.country})}"
    )
    assert response.status_code == 200
    shown, count = peer.page(response.content)
    assert count == len(references) > 0
    assert shown == references[: len(shown)]


def test_page_reader_reads_references_and_count_of_the_real_page(client):
    p = parameters()
    params = {"objective": p.objective, "jurisdiction": p.country}
    shown, count = peer.page(client.get(f"/standards/?{urlencode(params)}").content)
    references, api_count = _api(client, **params)
    assert count == api_count > 0
    assert shown and shown == references[: len(shown)]


def test_same_result_check_names_the_difference():
    pair = peer.Pair("api_list", "API list", ["/a/"], ["/b/"], peer.api_list, peer.canned)
    project = json.dumps({"count": 3, "results": [{"reference": r} for r in "ABC"]}).encode()
    same = json.dumps([{"reference": r, "count": 3} for r in "ABC"]).encode()
    peer.same_result(pair, 0, project, same)  # no exception
    other = json.dumps([{"reference": r, "count": 4} for r in "ABD"]).encode()
    with pytest.raises(peer.Mismatch) as error:
        peer.same_result(pair, 0, project, other)
    message = str(error.value)
    assert "count: project 3, Datasette 4" in message
    assert "first difference at 2" in message
    assert "only the project: ['C']; only Datasette: ['D']" in message


FAKE_SERVER = """#!{python}
import http.server, sys
port = int(sys.argv[sys.argv.index("--port") + 1])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{{}}")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
"""


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_peer_server_stops_when_the_run_fails(tmp_path, monkeypatch):
    executable = tmp_path / "datasette"
    executable.write_text(FAKE_SERVER.format(python=sys.executable), encoding="utf-8")
    executable.chmod(executable.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(peer, "BENCH_DIR", tmp_path)
    seen = SimpleNamespace(port=None)
    with pytest.raises(RuntimeError, match="the run broke"):
        with peer.datasette(executable, tmp_path / "db.sqlite3", tmp_path / "m.json") as port:
            seen.port = port
            assert _answers(port)
            raise RuntimeError("the run broke")
    assert seen.port is not None
    assert not _answers(seen.port)


def test_metadata_names_the_database_and_its_canned_queries(tmp_path):
    path = tmp_path / "metadata.json"
    peer.write_metadata(path, "bench-10000")
    queries = json.loads(path.read_text(encoding="utf-8"))["databases"]["bench-10000"]["queries"]
    assert set(queries) == {
        "standards_filtered",
        "standards_list",
        "standard_detail",
        "standards_search",
    }
    assert all("SELECT" in query["sql"] for query in queries.values())
