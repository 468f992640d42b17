"""Cache what is costly to count (facet counts, coverage, list counts, choice lists), keyed
by the catalogue's version.

The version is a row in the database (``core.models.CatalogueVersion``) whose token changes in
the same transaction as every write to a catalogue, policy or mapping row (signals catch the
admin, the API, imports and the shell alike). Every process reads that row, so a value cached
by one process under the old token is unreachable for all of them the moment the write
commits, with a shared cache (``REDIS_URL``) or with each process's own memory. Within a
request the token is read once (``CatalogueVersionMiddleware``); a write in that request
gives it the new one.

Bulk operations (``QuerySet.update``, ``bulk_create``) send no signals: code that uses them
calls ``catalogue_changed()`` itself.
"""

import contextvars
import hashlib
import json
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

from core.models import CatalogueVersion

WATCHED_APPS = ["catalogue", "policies", "mappings"]

_request_version: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "catalogue_version", default=None
)


def catalogue_version() -> str:
    """The current version token (one query, or none when this request has read it)."""
    version = _request_version.get()
    if version is None:
        version = CatalogueVersion.objects.values_list("token", flat=True).first() or "0"
        if _in_request.get():
            _request_version.set(version)
    return version


def catalogue_changed_at():
    """When the catalogue last changed (``None`` before the first write)."""
    return CatalogueVersion.objects.values_list("changed_at", flat=True).first()


def catalogue_changed() -> None:
    """Give the catalogue a new version, in the current transaction: every cached value of
    every process is stale once it commits, and none is if it rolls back."""
    token, now = uuid.uuid4().hex, timezone.now()
    if not CatalogueVersion.objects.filter(pk=1).update(token=token, changed_at=now):
        CatalogueVersion.objects.update_or_create(
            pk=1, defaults={"token": token, "changed_at": now}
        )
    if _in_request.get():
        _request_version.set(token)


def catalogue_cached(name: str, params, compute):
    """Return ``compute()``, cached under ``name`` and ``params`` for this catalogue version
    and the active language (facet counts, choices and coverage hold labels)."""
    if not settings.CATALOGUE_CACHE:
        return compute()
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    language = get_language() or settings.LANGUAGE_CODE
    key = f"catalogue:{name}:{catalogue_version()}:{language}:{digest[:32]}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.CATALOGUE_CACHE_SECONDS)
    return value


_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "catalogue_in_request", default=False
)


class CatalogueVersionMiddleware:
    """Read the version at most once per request (and forget it after)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_request = _in_request.set(True)
        version = _request_version.set(None)
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(version)
            _in_request.reset(in_request)


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: the import command bumps once at the end
        return
    if sender._meta.app_label not in WATCHED_APPS:  # m2m_changed comes for every through model
        return
    catalogue_changed()


def connect_signals() -> None:
    for app_label in WATCHED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            uid = f"catalogue-cache-{model._meta.label}"
            post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_on_change, dispatch_uid="catalogue-cache-m2m")
