"""Ratsfaden's settings: one module, the environment decides (see .env.example)."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET = "django-insecure-dev-only-never-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address for links in e-mails, feeds and calendars, e.g. https://rat.example.org
SITE_URL = env.str("SITE_URL", default="")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.forms",
    "django.contrib.sitemaps",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "council",
    "motions",
    "committees",
    "reports",
    "portal",
    "search",
    "subscriptions",
    "oparl",
    "oparl_import",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "council.middleware.GermanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "council.urls"
# Form widgets render through the project's templates, so that templates/ can add widgets.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "council.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "council.context_processors.site",
            ],
        },
    },
]


def _database():
    default = f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    url = env.str("DATABASE_URL", default=default)
    try:
        config = env.db_url_config(url)
    except Exception as exc:  # django-environ raises several kinds for a malformed URL
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL Ratsfaden understands ({exc}). "
            "Use sqlite:///path/to/db.sqlite3 or postgres://user:password@host:5432/name."
        ) from exc
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_URL names an unsupported database ({engine or 'none'}); "
            "Ratsfaden runs on SQLite or PostgreSQL."
        )
    if engine == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        # Waiting for the write lock instead of failing at once keeps two staff members
        # submitting at the same moment from seeing "database is locked".
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL;",
            }
        )
    else:
        config.setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
        config.setdefault("CONN_HEALTH_CHECKS", True)
        # Compiling a query (JIT) pays off for long reports; for a page's short queries it costs
        # more than it saves (measured on a faction's work list: 13 ms of 108).
        config.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return config


DATABASES = {"default": _database()}


_REDIS = ("redis", "rediss", "rediscache")


def _cache():
    """Django's cache: Redis when CACHE_URL (or REDIS_URL) names one, shared by every instance;
    else the memory of each process, which needs nothing for a single machine."""
    url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    try:
        scheme = urlsplit(url).scheme
        # Django's own Redis backend, not django-redis, which django-environ would pick.
        backend = "django.core.cache.backends.redis.RedisCache" if scheme in _REDIS else None
        return env.cache_url_config(url, backend=backend)
    except Exception as exc:  # django-environ raises several kinds for a malformed URL
        raise ImproperlyConfigured(
            f"CACHE_URL is not a cache URL Ratsfaden understands ({exc}). "
            "Use redis://host:6379/0 (rediss:// with TLS) or locmemcache://."
        ) from exc


CACHES = {
    "default": _cache(),
    # Public pages (pagecache) in each process's own memory, apart from the shared cache: the
    # generation in the database keeps every process right, a new release starts empty, and
    # no flood of page variants can push sessions or throttles out of the shared cache.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratsfaden-pages",
        "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_ENTRIES", default=500)},
    },
    # Staff pages, each kept for one session (pagecache.decorators.cache_personal).
    "personal_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratsfaden-personal-pages",
        "OPTIONS": {"MAX_ENTRIES": env.int("PERSONAL_PAGE_CACHE_ENTRIES", default=200)},
    },
}

# Public pages as citizens get them are kept in the "pages" cache (pagecache.decorators) until
# anything public changes; the timeout bounds what only time changes ("overdue"). 0 = off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
# Staff work lists, each kept for the session it was rendered for until anything changes. 0 = off.
PERSONAL_PAGE_CACHE_SECONDS = env.int("PERSONAL_PAGE_CACHE_SECONDS", default=60)
# A committed write to a table of these apps makes every kept page unreachable (a new
# generation), except for the models named below, which never reach a public page.
PAGE_CACHE_APPS = ["council", "motions", "committees", "reports", "portal", "search", "oparl"]
PAGE_CACHE_IGNORED_MODELS = [
    "motions.Notification",
    "motions.LetterUpload",
    "motions.ReferenceCounter",
    "reports.Reminder",
    "portal.Feedback",
    "search.FileText",
    "oparl.FileDigest",
]
# With a shared cache, sessions live there (and in the database, so that a restart of Redis
# logs nobody out); without one, in the database, which every instance shares anyway.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    else "django.contrib.sessions.backends.db"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "council:home"
LOGOUT_REDIRECT_URL = "council:home"

# Failed logins: five tries per user name and address, then a quarter of an hour's pause.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list("AXES_IP_HEADERS", default=["REMOTE_ADDR"])

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]


def _default_storage():
    """Uploaded files and kept PDFs: an S3-compatible bucket when STORAGE_URL (or AWS_* with a
    bucket) says so, shared by every instance; otherwise MEDIA_ROOT, a shared volume when
    several instances run."""
    url = env.str("STORAGE_URL", default="")
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not url and not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {}
    if url:
        # s3://KEY:SECRET@host:port/bucket?region=…&secure=false  (host empty: Amazon S3 itself)
        parsed = urlsplit(url)
        if parsed.scheme != "s3" or not parsed.path.strip("/"):
            raise ImproperlyConfigured(
                "STORAGE_URL must look like s3://KEY:SECRET@host:port/bucket (host may be empty)."
            )
        query = dict(parse_qsl(parsed.query))
        secure = query.get("secure", "true").lower() not in ("0", "false", "no")
        options["bucket_name"] = parsed.path.strip("/")
        if parsed.username:
            options["access_key"] = unquote(parsed.username)
            options["secret_key"] = unquote(parsed.password or "")
        if parsed.hostname:
            scheme = "https" if secure else "http"
            port = f":{parsed.port}" if parsed.port else ""
            options["endpoint_url"] = f"{scheme}://{parsed.hostname}{port}"
        if "region" in query:
            options["region_name"] = query["region"]
    else:
        # django-storages reads AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_ENDPOINT_URL …
        # from the settings; the usual AWS variables are passed on as they are.
        options["bucket_name"] = bucket
        for name, option in (
            ("AWS_ACCESS_KEY_ID", "access_key"),
            ("AWS_SECRET_ACCESS_KEY", "secret_key"),
            ("AWS_S3_ENDPOINT_URL", "endpoint_url"),
            ("AWS_S3_REGION_NAME", "region_name"),
        ):
            if env.str(name, default=""):
                options[option] = env.str(name)
    # Nothing in the bucket is public: every file goes out through a view that checks who may
    # read it, so objects get no public ACL, and the bucket is never addressed by the browser.
    options.update({"default_acl": None, "querystring_auth": True, "file_overwrite": False})
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": _default_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# The bulk downloads of `manage.py export_open_data`, offered at /daten/.
OPEN_DATA_ROOT = Path(env.str("OPEN_DATA_ROOT", default=str(BASE_DIR / "var" / "offene-daten")))

# Uploaded letters and attachments: checked by content, limited in size.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024


def _mailer():
    """MAILERS (Django 6.1) from EMAIL_URL, e.g. smtp+tls://user:password@mail.example.org:587."""
    config = env.email_url("EMAIL_URL", default="consolemail://")
    options = {
        "host": config.get("EMAIL_HOST"),
        "port": config.get("EMAIL_PORT"),
        "username": config.get("EMAIL_HOST_USER"),
        "password": config.get("EMAIL_HOST_PASSWORD"),
        "use_tls": config.get("EMAIL_USE_TLS"),
        "use_ssl": config.get("EMAIL_USE_SSL"),
        "file_path": config.get("EMAIL_FILE_PATH"),
    }
    return {
        "BACKEND": config["EMAIL_BACKEND"],
        "OPTIONS": {key: value for key, value in options.items() if value not in (None, "")},
    }


MAILERS = {"default": _mailer()}

# Work that runs later (reminders): Django's tasks. "database" keeps the queue in the database,
# worked off by `manage.py db_worker`; "immediate" runs each task at once, in the process that
# queues it (development and tests, where no worker runs).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env.str("TASKS_BACKEND", default="immediate" if DEBUG else "database")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {_task_backend!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ratsfaden@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Defaults are strict whenever DEBUG is off; `manage.py check --deploy` passes.
# X-Forwarded-Proto is believed only where the deployment says that its proxy sets it (and
# strips it from clients): otherwise a plain-HTTP client could claim HTTPS and skip the redirect.
if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers ask for the health check over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
# Cookies only over HTTPS; `make run` turns this off to serve the demo on plain HTTP locally.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every layout step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# The body this installation serves; the demo creates it. Several bodies can share one database.
RATSFADEN_BODY_SHORT_NAME = env.str("RATSFADEN_BODY", default="")
