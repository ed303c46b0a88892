"""Settings for jobtracker: one file, every value from the environment (see .env.example).

Any variable may also come from a file: FOO_FILE=/run/secrets/foo (environ.FileAwareEnv).
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.FileAwareEnv()
environ.FileAwareEnv.read_env(BASE_DIR / ".env")  # real environment variables win over .env

DATA_DIR = Path(env.str("DATA_DIR", default="") or BASE_DIR / "data")

SECRET_KEY = env.str("SECRET_KEY")  # required: `make run` writes one into .env once
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Fernet key for secrets stored at rest (IMAP passwords). `make run` generates one.
ENCRYPTION_KEY = env.str("ENCRYPTION_KEY", default="")
ALLOW_SIGNUP = env.bool("ALLOW_SIGNUP", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_q",
    "ninja",
    "axes",
    "jobtracker",
    "boards",
    "applications",
    "analysis",
    "ingestion",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jobtracker.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns lockouts into the locked-out page
]

AUTHENTICATION_BACKENDS = [
    "jobtracker.auth_backends.LockoutBackend",  # django-axes: refuses locked-out logins
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "jobtracker.urls"
WSGI_APPLICATION = "jobtracker.wsgi.application"
AUTH_USER_MODEL = "jobtracker.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default, opened for a web process and a worker at once: WAL lets
# readers run beside the writer, IMMEDIATE takes the write lock up front (no upgrade deadlock),
# and the busy timeout waits instead of failing with "database is locked".
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
}
IS_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if IS_SQLITE:
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # Persistent connections: ~6x more requests/s than reconnecting per request (DESIGN.md).
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # SSD costs: with the default 4.0 the planner picked a ~490 ms plan for "newest jobs
    # matching a common word" over a 25 ms index walk (DESIGN.md, measured).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every process: API throttling and django-q2's cluster stats live here.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jobtracker_cache",
    }
}

# --- Background work --------------------------------------------------------------------------
# SQLite allows one writer at a time, so one worker there; PostgreSQL takes as many as asked.
Q_WORKERS = env.int("Q_WORKERS", default=1 if IS_SQLITE else 2)
Q_CLUSTER = {
    "name": "jobtracker",
    "orm": "default",
    "workers": Q_WORKERS,
    "timeout": env.int("Q_TIMEOUT", default=300),
    "retry": env.int("Q_TIMEOUT", default=300) + 60,  # must exceed timeout, or tasks run twice
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 500,
    "poll": 1,
    "sync": env.bool("Q_SYNC", default=False),
}

# --- API ----------------------------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024  # a captured page's HTML may be up to 2 MB
NINJA_DEFAULT_THROTTLE_RATES = {
    "auth": env.str("API_RATE_AUTH", default="120/m"),
    "anon": env.str("API_RATE_ANON", default="30/m"),
    "user": env.str("API_RATE_AUTH", default="120/m"),
}

# --- Google Sheets sync ------------------------------------------------------------------------
# A service account's JSON key, as a file path or inline; share each sheet with its client_email.
GOOGLE_SERVICE_ACCOUNT_FILE = env.str("GOOGLE_SERVICE_ACCOUNT_FILE", default="")
GOOGLE_SERVICE_ACCOUNT_JSON = env.str("GOOGLE_SERVICE_ACCOUNT_JSON", default="")

# --- Outbound HTTP ------------------------------------------------------------------------------
# Loopback targets are refused unless this is on; only the test settings turn it on.
HTTP_ALLOW_LOOPBACK = env.bool("HTTP_ALLOW_LOOPBACK", default=False)
HTTP_USER_AGENT = env.str(
    "HTTP_USER_AGENT", default="jobtracker/1.0 (+self-hosted job search; contact the owner)"
)
HTTP_MIN_INTERVAL_SECONDS = env.float("HTTP_MIN_INTERVAL_SECONDS", default=1.0)  # per host
HTTP_CONNECT_TIMEOUT = env.float("HTTP_CONNECT_TIMEOUT", default=5.0)
HTTP_READ_TIMEOUT = env.float("HTTP_READ_TIMEOUT", default=20.0)
HTTP_TOTAL_TIMEOUT = 60.0  # seconds for a whole response body
HTTP_MAX_BYTES = env.int("HTTP_MAX_BYTES", default=10 * 1024 * 1024)
HTTP_RETRIES = 2  # retries after the first try, on 429/5xx and connection errors
HTTP_BACKOFF_SECONDS = 1.0  # doubled each retry, with jitter
HTTP_MAX_RETRY_WAIT = 60.0  # cap on a server's Retry-After
# Read captured postings in the background (tests turn it off: they would fetch real sites).
ENRICHMENT_ENABLED = env.bool("ENRICHMENT_ENABLED", default=True)
# Adzuna's search API (https://developer.adzuna.com): needed only for boards of kind adzuna.
ADZUNA_APP_ID = env.str("ADZUNA_APP_ID", default="")
ADZUNA_APP_KEY = env.str("ADZUNA_APP_KEY", default="")

# --- Passwords, i18n, static ------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Email (digests, password reset) ----------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="jobtracker@localhost")
# How emails link back to this server.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Security -----------------------------------------------------------------------------------
# Served over plain http://127.0.0.1 by default; behind TLS turn these on (README: HTTPS).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)  # opt-in: browsers remember it
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No page needs inline script; styles allow inline attributes (SVG charts, htmx indicators).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login brute-force protection (django-axes): 5 failures for one username from one address
# lock that pair out for 15 minutes; a success resets the count.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3  # a reset link works for three hours

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
