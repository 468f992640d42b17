"""Cache what is costly to count (facet counts, the coverage matrix), invalidated on writes.

Every cached value's key carries the catalogue's *version*, a number bumped whenever a
catalogue, policy or mapping row is saved or deleted (signals catch the admin, the API,
imports and the shell alike). A bump makes every older entry unreachable; they expire on
their own. With Redis (``REDIS_URL``) the version is shared by every app server.

Caching is on with a shared cache (``REDIS_URL``) or in development (one process); several
app processes without a shared cache compute counts per request (``CATALOGUE_CACHE``).

Bulk operations (``QuerySet.update``, ``bulk_create``) send no signals: code that uses them
calls ``catalogue_changed()`` itself.
"""

import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "catalogue:version"
WATCHED_APPS = ["catalogue", "policies", "mappings"]


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def catalogue_changed() -> None:
    """Make every cached count stale.

    Bump now, so this transaction reads fresh counts, and again on commit, so no other
    process keeps a count it computed between the write and the commit.
    """
    _bump()
    transaction.on_commit(_bump)


def catalogue_cached(name: str, params, compute):
    """Return ``compute()``, cached under ``name`` and ``params`` for this catalogue version."""
    if not settings.CATALOGUE_CACHE:
        return compute()
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    key = f"catalogue:{name}:{catalogue_version()}:{digest[:32]}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.CATALOGUE_CACHE_SECONDS)
    return value


def _on_change(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: the import command bumps once at the end
        return
    catalogue_changed()


def connect_signals() -> None:
    for app_label in WATCHED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            uid = f"catalogue-cache-{model._meta.label}"
            post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_on_change, dispatch_uid="catalogue-cache-m2m")
