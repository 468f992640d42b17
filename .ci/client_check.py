"""Use a client generated from the served OpenAPI document as a tool builder would (issue 14).

Run by ``.ci/client_check`` with the generated ``catalogue_client`` package on PYTHONPATH,
``CATALOGUE_URL`` (a running server) and ``CATALOGUE_TOKEN`` (a curator's token). Lists
standards with filters, follows the Link header, then PATCHes one standard with If-Match,
checks the change, and checks that a stale ETag gets 412 and changes nothing. Exits non-zero
on the first surprise.
"""

import os
import sys

from catalogue_client import AuthenticatedClient, Client
from catalogue_client.api.standards import (
    v1_standards_list,
    v1_standards_partial_update,
    v1_standards_retrieve,
)
from catalogue_client.models import Error, PatchedStandardWrite, StandardDetail

BASE = os.environ["CATALOGUE_URL"]
TOKEN = os.environ["CATALOGUE_TOKEN"]
SLUG = "iso-iec-42001-2023"


def check(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"client check failed: {message}")
    sys.stdout.write(f"ok: {message}\n")


def main() -> None:
    public = Client(base_url=BASE, raise_on_unexpected_status=True)
    listed = v1_standards_list.sync_detailed(
        client=public, objective=["4.2"], jurisdiction="DE", page_size=2
    )
    page = listed.parsed
    check(listed.status_code == 200 and page.count > 0, "list with objective and jurisdiction")
    check(
        all(any(link.code == "4.2" for link in s.objectives) for s in page.results),
        "every listed standard has an approved link to objective 4.2",
    )
    check('rel="first"' in listed.headers.get("link", ""), "the list carries a Link header")

    curator = AuthenticatedClient(base_url=BASE, token=TOKEN, raise_on_unexpected_status=True)
    read = v1_standards_retrieve.sync_detailed(client=curator, slug=SLUG)
    check(isinstance(read.parsed, StandardDetail), f"read {SLUG}")
    etag = read.headers["etag"]
    summary = "Changed by the generated client in CI."
    changed = v1_standards_partial_update.sync_detailed(
        client=curator, slug=SLUG, body=PatchedStandardWrite(summary=summary), if_match=etag
    )
    check(changed.status_code == 200, f"PATCH with If-Match answers {changed.status_code}")
    check(changed.parsed.summary == summary, "the PATCH answer shows the new summary")
    again = v1_standards_retrieve.sync_detailed(client=public, slug=SLUG)
    check(again.parsed.summary == summary, "a fresh read shows the new summary")

    stale = v1_standards_partial_update.sync_detailed(
        client=curator, slug=SLUG, body=PatchedStandardWrite(summary="lost"), if_match=etag
    )
    check(stale.status_code == 412 and isinstance(stale.parsed, Error), "a stale ETag gets 412")
    final = v1_standards_retrieve.sync_detailed(client=public, slug=SLUG)
    check(final.parsed.summary == summary, "the refused PATCH changed nothing")


if __name__ == "__main__":
    main()
