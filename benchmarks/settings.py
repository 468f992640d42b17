"""Settings for benchmark runs: the production settings, minus what a load test must not hit.

The harness points ``DJANGO_SETTINGS_MODULE`` here, for the in-process client and for
gunicorn alike, so both measure the same configuration.
"""

import os
from pathlib import Path

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from config.settings import *  # noqa: E402, F403
from config.settings import REST_FRAMEWORK  # noqa: E402

# Production serves collected, hashed static files; the harness collects them here.
STATIC_ROOT = Path(__file__).resolve().parent / ".data" / "static"

# Production runs several workers with Redis (REDIS_URL), which keeps cached counts right
# across them. The benchmark only reads, so each worker's own cache gives the same answers
# without needing a Redis server.
CATALOGUE_CACHE = True

# Requests go over plain HTTP on loopback.
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None

# Keep throttling in the request path (its cost is real) but never let it refuse a request.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(
        REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}), "1000000/second"
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
    # A failing URL shows as its status in the table; run it under runserver for the trace.
    "loggers": {"django.request": {"level": "CRITICAL"}},
}
