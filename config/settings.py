"""Settings for the AI standards catalogue, read from the environment.

Development needs nothing: without ``DATABASE_URL`` the catalogue runs on a SQLite file in
the project directory with ``DEBUG`` on. ``DEBUG=0`` turns on production settings, which
refuse to start without ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

INSTALLED_APPS = [
    # Before the admin: it registers the Japanese fields (and their history) first.
    "modeltranslation",
    "curation.sites.CurationAdminConfig",  # django.contrib.admin, branded for curators
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "core",
    "catalogue",
    "policies",
    "mappings",
    "discovery",
    "exchange",
    "curation",
    "website",
    "benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control: public for anonymous reads, private for anything personal. Outside the
    # session and CSRF middleware, so it sees the cookies they set.
    "core.middleware.CacheControlMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The API and the feeds: ?lang= or Accept-Language, whatever the address (core/language.py).
    "core.language.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.cache.CatalogueVersionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
# Read replicas: reads go to a replica, writes (and reads inside a write transaction) to the
# primary. See config/db_router.py.
for index, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica{index}"] = {
        **dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]

# An optional shared cache (Redis) for throttling counters, facet counts and the coverage
# matrix; without it each process keeps its own in memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# How long browsers and shared caches may keep an anonymous read (pages, API, feeds).
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "60"))
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "600"))
# Counts are cached under the catalogue version, a database row every process reads
# (core.cache): correct with Redis shared by every app server or with each one's own memory.
CATALOGUE_CACHE = env_bool("CATALOGUE_CACHE", True)

# Imports (ISO Open Data, CSV) refuse more bytes than this after decompression, and longer
# lines; commands take --max-bytes / --max-line-bytes (exchange/streams.py).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(512 * 1024 * 1024)))
IMPORT_MAX_LINE_BYTES = int(os.environ.get("IMPORT_MAX_LINE_BYTES", str(1024 * 1024)))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers follow the page's language (config/formats/en: ISO dates in English).
FORMAT_MODULE_PATH = ["config.formats"]
# Content fields with a Japanese text (catalogue/translation.py, policies/translation.py):
# English is the original and the fallback for a missing Japanese text.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ja")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed, cache-busted names in production (after collectstatic).
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []

# How many reverse proxies (nginx, a load balancer) stand between clients and the app, each
# appending the address it was reached from to X-Forwarded-For. 0: the connecting address is
# the client's, and X-Forwarded-For is ignored. Lockouts and throttling both read it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": [
        "core.permissions.ModelPermissionsOrReadOnly",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    # The client's address for throttling, read as core/client_ip.py reads it for lockouts:
    # 0 ignores X-Forwarded-For (anyone can write it); N takes its N-th entry from the right.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    # Anonymous clients, per IP address; API_ANON_RATE=none turns throttling off.
    "DEFAULT_THROTTLE_RATES": {
        "anon": None
        if os.environ.get("API_ANON_RATE", "").lower() == "none"
        else os.environ.get("API_ANON_RATE", "1000/hour")
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "AI standards catalogue API",
    "DESCRIPTION": (
        "Read the catalogue of international AI standards and the policy instruments that "
        "rely on them: filter standards by objective, jurisdiction and AI life-cycle stage, "
        "and see why each is listed."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema reads enumerations (objective codes …) from the database; check --deploy
    # must not need one. The schema's validity is tested in tests/api instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Operations start folded: Swagger UI draws the page at once instead of every operation.
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": True,
        "docExpansion": "none",
        "defaultModelsExpandDepth": -1,
        "displayRequestDuration": True,
    },
    "OAS_VERSION": "3.1.0",
    # The catalogue's own data has no licence declared yet; only the ISO Open Data fields
    # (stage, edition, dates, committee, ISO id, title, abstract) carry one. Say exactly that.
    "LICENSE": {
        "name": "ISO Open Data fields: ODC-By 1.0 (attribution: ISO); the rest of the "
        "catalogue: no licence declared yet",
        "url": "https://opendatacommons.org/licenses/by/1-0/",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.add_servers_and_error_schema",
        "core.api.readable_enum_names",
    ],
    "ENUM_NAME_OVERRIDES": {
        "JurisdictionKindEnum": "policies.models.JurisdictionKind",
        "InstrumentKindEnum": "policies.models.InstrumentKind",
        "RelationKindEnum": "catalogue.models.RelationKind",
        "ObjectiveRelationshipEnum": "mappings.models.ObjectiveRelationship",
        "ProvisionRelationshipEnum": "mappings.models.ProvisionRelationship",
        "LifecycleRelationshipEnum": "mappings.models.LifecycleRelationship",
        "MappingRelationshipEnum": "discovery.mapping_filters.RELATIONSHIP_CHOICES",
        "AdoptionStatusEnum": "catalogue.models.AdoptionStatus",
        "AdoptionDegreeEnum": "catalogue.models.Degree",
        "TargetTypeEnum": ["objective", "instrument", "provision", "lifecycle_stage"],
        "RelationDirectionEnum": ["outgoing", "incoming"],
        "ReviewActionEnum": ["approve", "reject", "withdraw"],
    },
}

# A regulator's dashboard may read the API from a browser; nothing else is cross-origin.
# Writes are not: they need a curator's token, which belongs in a script, not in a third
# party's web page, so If-Match is not an allowed header and PUT/PATCH/DELETE/POST are not
# allowed methods. Browsers may revalidate (If-None-Match) and read ETag, Link (pagination)
# and Retry-After (throttling).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "content-type", "if-none-match", "origin"]
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Retry-After"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Content Security Policy: no inline scripts, no third-party origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Repeated failed logins lock out one username *from one address* for a while (django-axes):
# failures from elsewhere cannot lock a curator out. Addresses behind a proxy are read as
# TRUSTED_PROXY_COUNT says (core/client_ip.py).
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Off only to try the production stack over plain http on one's own machine.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
    if env_bool("BEHIND_TLS_PROXY", False):
        # The proxy terminates TLS and says so in this header.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
