"""Record every public response of the reference catalogue, to prove a refactor changes none.

    python -m tests.snapshot record OUTDIR          # before and after the change
    python -m tests.snapshot compare DIR_A DIR_B    # exit 1 when anything differs

``record`` builds a fresh SQLite catalogue (``migrate``, ``load_catalogue``) with
``config.settings``, then crawls it anonymously with Django's test ``Client`` as a production
server would answer (``DEBUG`` off at run time, as under the test runner, so 404s are the
public pages). The URLs are discovered, not listed: ``SEEDS`` (the entry pages of
config/urls.py and config/api_urls.py, the schema, the feeds, a 404, an API 404 and 400s), every
literal public URL in tests/, then every link that resolves to a public view: ``href``/``src``
in HTML and Atom, absolute URLs in JSON (``next``, ``api_url``, ``standards_url`` …). Pages
without a query string are crawled fully; they also give every choice of their GET forms as
a one-parameter query (coverage per jurisdiction, each standards facet, the jurisdiction
picker's redirects). A page with a query string is a leaf: only its own further pages are
followed. Each API list adds ``?page_size=200`` and ``?format=csv``; each standards filter the
home page links to adds its Atom feed. Admin and curation pages are left out.

Each response goes to one file: the status line, the headers in ``HEADERS`` (sorted), a blank
line, the body. ``index.tsv`` lists url, status and file, sorted by URL.

What is made deterministic (two records of the same code are byte-identical):

- Clock: ``django.utils.timezone.now`` returns ``FIXED_NOW`` throughout, and after loading
  every non-null datetime column of every model (``created_at``, ``updated_at``,
  ``recorded_at``, simple-history's ``history_date`` …) is set to ``FIXED_NOW``.
- Environment: no Redis (local-memory cache, cleared after loading), no replicas, no API
  throttling, one host (``HOST``), ``DEBUG=1`` at import so static files need no manifest.
- Body text (``NORMALISE``): the Swagger UI start-up script (``/api/docs/?script=``) embeds
  a fresh CSRF token in every response; it becomes ``<CSRF-TOKEN>``, and the ETag computed
  from the raw body becomes ``"<ETAG-OF-BODY-BEFORE-NORMALISATION>"``. Nothing else needed
  it: no public page has a CSRF form field or a CSP nonce, and absolute URLs all name ``HOST``.
"""

import datetime
import difflib
import hashlib
import html
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections import deque
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qsl, urlencode, urlsplit

FIXED_NOW = datetime.datetime(2025, 1, 1, 12, 0, tzinfo=datetime.UTC)
HOST = "localhost"
HEADERS = ["Cache-Control", "Content-Disposition", "Content-Type", "ETag", "Location", "Vary"]
NORMALISE = [
    (re.compile(rb'(\["X-CSRFTOKEN"\] = ")[^"]+'), rb"\1<CSRF-TOKEN>"),
]
SEEDS = [
    "/",
    "/about/",
    "/coverage/",
    "/standards/",
    "/objectives/",
    "/instruments/",
    "/jurisdictions/",
    "/committees/",
    "/api/v1/",
    "/api/schema/",
    "/api/schema/?format=json",
    "/api/docs/",
    "/feeds/changes/",
    "/feeds/standards/",
    "/snapshot-no-such-page/",
    "/api/v1/snapshot-no-such-resource/",
    "/standards/?objective=not-a-code",
    "/api/v1/standards/?objective=not-a-code",
    "/api/v1/standards/?page_size=0",
    "/feeds/standards/?objective=not-a-code",
]
PUBLIC_PREFIXES = (
    "standards|objectives|instruments|jurisdictions|committees|coverage|about|api|feeds"
)
TEST_LITERAL = re.compile(rf"""["'](/(?:{PUBLIC_PREFIXES})\b[^"'\s{{}}<>]*)["']""")
LINK = re.compile(r'(?:href|src)="([^"]+)"')
JSON_URL = re.compile(rf'"(http://{HOST}/[^"]*)"')
GET_FORM = re.compile(r'<form\b([^>]*method="get"[^>]*)>(.*?)</form>', re.S)
SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
OPTION = re.compile(r'<option\b[^>]*value="([^"]*)"')
CHOICE = re.compile(r'<input\b(?=[^>]*type="(?:checkbox|radio)")[^>]*>')
MAX_URLS = 20000


def test_literals() -> list[str]:
    """Every literal public URL in the test suite (f-strings with placeholders are skipped)."""
    found = set()
    for path in sorted(Path(__file__).resolve().parent.parent.rglob("*.py")):
        if "snapshot" not in path.parts:
            found.update(html.unescape(m) for m in TEST_LITERAL.findall(path.read_text()))
    return sorted(found)


def attribute(tag: str, name: str) -> str:
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return html.unescape(found[1]) if found else ""


def form_urls(page: str) -> list[str]:
    """One ``action?name=value`` per choice (option, checkbox, radio) of each GET form."""
    urls = []
    for form_tag, form in GET_FORM.findall(page):
        pairs = [(name, v) for name, body in SELECT.findall(form) for v in OPTION.findall(body)]
        pairs += [(attribute(tag, "name"), attribute(tag, "value")) for tag in CHOICE.findall(form)]
        action = attribute(form_tag, "action")
        urls += [f"{action}?{urlencode({n: html.unescape(v)})}" for n, v in pairs if n and v]
    return urls


def clean(link: str) -> str:
    """A harvested link as a path: unescaped, without this host or a fragment."""
    return html.unescape(link).removeprefix(f"http://{HOST}").split("#")[0]


def family(url: str) -> tuple[str, list]:
    """A URL without its page number: the pages of one list share their family."""
    parts = urlsplit(url)
    return parts.path, sorted(p for p in parse_qsl(parts.query) if p[0] != "page")


def file_name(url: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", url.strip("/")) or "home"
    return f"{slug[:80]}-{hashlib.sha256(url.encode()).hexdigest()[:10]}.http"


def serialise(response) -> bytes:
    """The status line, the ``HEADERS`` present, a blank line and the (normalised) body."""
    body = response.getvalue()
    response.close()
    normalised = body
    for pattern, replacement in NORMALISE:
        normalised = pattern.sub(replacement, normalised)
    head = [f"HTTP {response.status_code} {response.reason_phrase}"]
    for name in HEADERS:
        if response.has_header(name):
            value = response[name]
            if name == "ETag" and normalised != body:
                value = '"<ETAG-OF-BODY-BEFORE-NORMALISATION>"'
            head.append(f"{name}: {value}")
    return "\n".join(head).encode() + b"\n\n" + normalised


def record(outdir: Path) -> int:
    """Build a fresh catalogue in a temporary SQLite file and record it into ``outdir``."""
    if outdir.exists() and any(outdir.iterdir()):
        sys.exit(f"{outdir} is not empty; record into a new directory.")
    outdir.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="snapshot-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{workdir / 'catalogue.sqlite3'}",
        DEBUG="1",
        REDIS_URL="",
        DATABASE_REPLICA_URLS="",
        CATALOGUE_CACHE="1",
        API_ANON_RATE="none",
        LOG_LEVEL="ERROR",
    )
    started = time.monotonic()
    try:
        with mock.patch("django.utils.timezone.now", return_value=FIXED_NOW):
            count = _record(outdir)
    finally:
        shutil.rmtree(workdir)
    sys.stdout.write(f"{count} URLs recorded in {time.monotonic() - started:.0f} s.\n")
    return 0


def _record(outdir: Path) -> int:
    import django
    from django.apps import apps
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import models
    from django.test import Client
    from django.urls import Resolver404, resolve

    warnings.filterwarnings("ignore", "No directory at")  # whitenoise: no collectstatic
    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404s and 400s are expected
    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField):
                rows = model._base_manager.filter(**{f"{field.name}__isnull": False})
                rows.update(**{field.name: FIXED_NOW})
    cache.clear()
    settings.DEBUG = False
    client = Client(HTTP_HOST=HOST, raise_request_exception=False)

    queue, seen, index = deque(), set(), []

    def add(url: str, *, seed: bool = False) -> None:
        """Queue a URL once. A link must resolve to a public view; a seed is recorded anyway."""
        if url in seen or not url.startswith("/") or url.startswith("//"):
            return
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            match = None
        if not seed and (match is None or match.namespace in ("admin", "mappings")):
            return
        seen.add(url)
        queue.append(url)
        if match and match.namespace == "api" and match.url_name.endswith("-list"):
            if not urlsplit(url).query:
                add(f"{url}?page_size=200")
                add(f"{url}?format=csv")

    for url in SEEDS + test_literals():
        add(url, seed=True)
    while queue:
        if len(seen) > MAX_URLS:
            sys.exit(f"More than {MAX_URLS} URLs: is some link generating new ones forever?")
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            sys.stderr.write(f"{response.status_code} for {url}\n")
        content = serialise(response)
        name = file_name(url)
        (outdir / name).write_bytes(content)
        index.append((url, str(response.status_code), name))
        kind = response.get("Content-Type", "")
        text = content.split(b"\n\n", 1)[1].decode(errors="replace")
        links = []
        if "html" in kind or "xml" in kind:
            links = [clean(link) for link in LINK.findall(text)]
            if url == "/":  # the standards feed of every filter the home page links to
                prefix = "/standards/?"
                links += [f"/feeds{link}" for link in links if link.startswith(prefix)]
            if not family(url)[1]:
                links += form_urls(text)
        elif "json" in kind:
            links = [clean(link) for link in JSON_URL.findall(text)]
        for link in links:
            # A filtered page is a leaf: only its own other pages are followed.
            if not family(url)[1] or family(link) == family(url):
                add(link)
    rows = ["url\tstatus\tfile"] + ["\t".join(row) for row in sorted(index)]
    (outdir / "index.tsv").write_text("\n".join(rows) + "\n")
    return len(index)


def read_index(directory: Path) -> dict[str, tuple[str, str]]:
    lines = (directory / "index.tsv").read_text().splitlines()[1:]
    return {url: (status, name) for url, status, name in (line.split("\t") for line in lines)}


def readable(content: bytes) -> list[str]:
    """The lines to diff: JSON bodies re-indented so that a difference has a short line."""
    head, _, body = content.partition(b"\n\n")
    text = body.decode(errors="replace")
    if b"json" in head:
        try:
            text = json.dumps(json.loads(body), indent=1, ensure_ascii=False)
        except ValueError:
            pass
    return head.decode(errors="replace").splitlines() + [""] + text.splitlines()


def compare(left: Path, right: Path) -> int:
    """Report URLs recorded on one side only and responses that differ; 1 if any, else 0."""
    a, b = read_index(left), read_index(right)
    problems = 0
    for url in sorted(a.keys() - b.keys()):
        sys.stdout.write(f"only in {left}: {url}\n")
        problems += 1
    for url in sorted(b.keys() - a.keys()):
        sys.stdout.write(f"only in {right}: {url}\n")
        problems += 1
    for url in sorted(a.keys() & b.keys()):
        old, new = (left / a[url][1]).read_bytes(), (right / b[url][1]).read_bytes()
        if old == new:
            continue
        problems += 1
        sys.stdout.write(f"differs: {url}\n")
        diff = difflib.unified_diff(readable(old), readable(new), str(left), str(right), n=2)
        for line in list(diff)[:30]:
            sys.stdout.write(f"    {line[:200].rstrip()}\n")
    common = len(a.keys() & b.keys())
    sys.stdout.write(f"{common} URLs in both, {problems} differences.\n")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "record":
        return record(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2
