"""Settings for the whole site, read from the environment only.

The variables that matter: DATABASE_URL (SQLite file by default), DJANGO_ENV
("production" hardens everything), DJANGO_SECRET_KEY (required in
production), DJANGO_ALLOWED_HOSTS (comma-separated, required in production) and
SITE_URL (the public address absolute links are made of; by default the first allowed
host over HTTPS in production); REDIS_URL adds a cache shared by every process.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} doit être un entier, pas {raw!r}.") from exc


def env_site_url(name: str, default: str) -> str:
    """An absolute http(s) address without path ("https://exemple.fr"), without its final /;
    `default` when the variable is unset or empty."""
    raw = env_str(name) or default
    parts = urlsplit(raw)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"{name} doit être une adresse absolue http(s) sans chemin, "
            f"par exemple https://exemple.fr, pas {raw!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


ENVIRONMENT = env_str("DJANGO_ENV", "development")
if ENVIRONMENT not in {"development", "production", "test"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV={ENVIRONMENT!r} : valeurs admises development, production, test."
    )
PRODUCTION = ENVIRONMENT == "production"
DEBUG = not PRODUCTION

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY est obligatoire quand DJANGO_ENV=production.")
    # Development only: a fixed key so sessions survive restarts; never used in production.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS est obligatoire quand DJANGO_ENV=production.")
if PRODUCTION and "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS=* est refusé quand DJANGO_ENV=production : "
        "nommez les hôtes servis (par exemple exemple.fr,www.exemple.fr)."
    )

# Absolute links (canonical, JSON-LD, sitemap, robots.txt, API) are made of this, never of
# the request's Host header, which a client chooses (core.site.absolute_url). In production
# it defaults to the first allowed host over HTTPS, which is configuration too.
SITE_URL = env_site_url(
    "SITE_URL",
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if PRODUCTION else "http://127.0.0.1:8000",
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_htmx",
    "axes",
    "reversion",
    "core",
    "skills",
    "certifications",
    "careers",
    # After the apps: their ready() registers the models' history (django-reversion)
    # before the admin's autodiscovery builds their pages.
    "django.contrib.admin",
]
# The apps whose rows make the catalogue: any write to them retires the cached pages
# (core.cache).
CATALOGUE_APPS = ["skills", "certifications", "careers"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before ConditionalGetMiddleware, so that API 304s get the CORS header too.
    "core.opendata.ApiCorsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # After ConditionalGetMiddleware: its ETag ignores the per-render CSRF mask (core/http.py).
    "core.http.PageCachingMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.RejectNulCharactersMiddleware",
    "core.middleware.FrenchMethodNotAllowedMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    # Axes must come last: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # A site package's tags (orientation is no app, so Django does not find them).
            "libraries": {"fits": "orientation.templatetags.fits"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "careers.context_processors.comparison_tray",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections outlive a request on SQLite too: opening the file parses its schema
    # (tables, indexes, search triggers), some 3 ms of CPU, more than /healthz's whole
    # request once the connection is open (BENCHMARKS.md, issue 19).
    #
    # Several writers (gunicorn workers, an editor, an import): a transaction takes the
    # write lock when it begins (IMMEDIATE), so it waits for it up to `timeout` seconds
    # instead of failing with "database is locked" when a read turns into a write; WAL
    # lets pages be read while someone writes. The in-memory test database ignores WAL.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds rendered job sheets and the whole catalogue's facet counts, keyed on
# the catalogue's version (core.cache says what bumps it). With REDIS_URL, one Redis
# shared by every worker of every server (core.cache_backends: Redis unreachable = no
# cache, never an error), and sessions read from it before the database. Without it,
# one in-memory cache per worker process; MAX_ENTRIES bounds its memory (~70 KB a sheet,
# ~20 MB a worker).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that does not answer costs a request half a second at most, then is
            # left alone for a while (core.cache_backends.RETRY_AFTER).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "orientation"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "orientation",
            "OPTIONS": {"MAX_ENTRIES": 300},
        }
    }

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if PRODUCTION else 0

ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"

# Security headers, sent everywhere (admin included).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# One static header Django has no setting for; see config/middleware.py.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), "
    "sync-xhr=(), usb=(), xr-spatial-tracking=()"
)
CSRF_FAILURE_VIEW = "core.errors.csrf_failure"

# Admin login throttling (django-axes): 5 failures for one username from one
# address, or 5 from one address whatever the username, lock out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"

if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    # Health probes call from inside, over plain HTTP: a redirect would hide the answer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Django caches compiled templates by default (cached loader), in every environment.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
