"""Cache-Control for every page, API read and feed, set in one place.

- Public reads (anonymous ``GET``/``HEAD`` answered 200 or 304): ``public, max-age=N``
  (``PUBLIC_CACHE_SECONDS``, 60 by default), so browsers and shared caches may keep them
  briefly; each also has a validator (ETag or Last-Modified) for revalidation.
- Anything personal (a request with a session cookie or an Authorization header, a
  response setting a cookie, the admin and the curation queue): ``private, no-store``.
- A response that set its own ``Cache-Control`` (the admin's ``never_cache``) keeps it;
  errors and writes get none.
"""

from django.conf import settings
from django.utils.translation import get_language_from_path

PRIVATE_PREFIXES = ("/admin/", "/curation/")
PRIVATE = "private, no-store"


def unprefixed(path: str) -> str:
    """``path`` without its language prefix: ``/ja/admin/`` is ``/admin/``."""
    language = get_language_from_path(path)
    return path[len(language) + 1 :] if language else path


def cache_control_for(request, response) -> str | None:
    if request.method not in ("GET", "HEAD") or response.status_code not in (200, 304):
        return None
    # Credentials are read from the request, not from request.user: loading a session here,
    # after the view, would cost a query on every signed-in page.
    personal = (
        unprefixed(request.path).startswith(PRIVATE_PREFIXES)
        or "HTTP_AUTHORIZATION" in request.META
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or bool(response.cookies)
    )
    if personal:
        return PRIVATE
    return f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            value = cache_control_for(request, response)
            if value:
                response["Cache-Control"] = value
        return response
