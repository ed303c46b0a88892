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
    "mail",
    "bench",
]

MIDDLEWARE = [
    "jobtracker.middleware.RequestSizeLimitMiddleware",  # first: refuses before any body is read
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jobtracker.timezones.TimezoneMiddleware",  # the browser's zone for forms and pages
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
# Where "home" leads a signed-in person. Named here, in the composition root, because core's
# views sit below the app that owns the page.
HOME_URL = "applications:dashboard"
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
# Any request body above this is refused (413) from its Content-Length, before it is read.
# Above the largest real upload: resumes (RESUME_MAX_BYTES, 5 MB), CSV (5 MB), captures (2 MB).
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=12 * 1024 * 1024)
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
HTTP_TOTAL_TIMEOUT = 60.0  # one deadline per fetch: connect, headers, body, redirects, retries
# Fetches made while a person waits (prefill of a pasted posting, quick add of a board) end
# within this many seconds, so a slow site cannot hold a web worker; the rest is background.
HTTP_WEB_DEADLINE_SECONDS = env.float("HTTP_WEB_DEADLINE_SECONDS", default=5.0)
HTTP_MAX_BYTES = env.int("HTTP_MAX_BYTES", default=10 * 1024 * 1024)
HTTP_RETRIES = 2  # retries after the first try, on 429/5xx and connection errors
HTTP_BACKOFF_SECONDS = 1.0  # doubled each retry, with jitter
HTTP_MAX_RETRY_WAIT = 60.0  # cap on a server's Retry-After
# Read captured postings in the background (tests turn it off: they would fetch real sites).
ENRICHMENT_ENABLED = env.bool("ENRICHMENT_ENABLED", default=True)
# Adzuna's search API (https://developer.adzuna.com): needed only for boards of kind adzuna.
ADZUNA_APP_ID = env.str("ADZUNA_APP_ID", default="")
ADZUNA_APP_KEY = env.str("ADZUNA_APP_KEY", default="")

# --- Email: IMAP mailboxes (mail app) ------------------------------------------------------
IMAP_TIMEOUT_SECONDS = env.float("IMAP_TIMEOUT_SECONDS", default=30.0)
IMAP_BATCH_SIZE = env.int("IMAP_BATCH_SIZE", default=50)  # messages fetched per round trip
IMAP_MAX_SECONDS_PER_RUN = env.float("IMAP_MAX_SECONDS_PER_RUN", default=120.0)
# Bodies longer than this are cut when stored (the original's size is kept).
IMAP_MAX_TEXT_CHARS = env.int("IMAP_MAX_TEXT_CHARS", default=200_000)
# Unencrypted IMAP to any server sends the password in clear (tests; IMAP_ALLOW_LOOPBACK
# alone accepts it for a server on this machine).
IMAP_ALLOW_PLAIN = env.bool("IMAP_ALLOW_PLAIN", default=False)
# A mail server on this machine (127.0.0.1, localhost: Proton Mail Bridge, a local Dovecot).
# Off by default: on a server several people use, it would let any of them make this server
# talk to its own services. On it, "security: none" is also accepted for that server, since
# the password never leaves the machine. (HTTP_ALLOW_LOOPBACK, for tests, implies it.)
IMAP_ALLOW_LOOPBACK = env.bool("IMAP_ALLOW_LOOPBACK", default=False)
# A mail server on your LAN (10.x, 192.168.x): refused by default so one user cannot make
# this server probe internal hosts. Turn on for a single-user install.
IMAP_ALLOW_PRIVATE = env.bool("IMAP_ALLOW_PRIVATE", default=False)
# Extra CA bundle for a mail server with a private certificate authority.
IMAP_CA_FILE = env.str("IMAP_CA_FILE", default="")
# Bodies are fetched up to this size; a larger message is stored cut (its size is kept).
IMAP_MAX_FETCH_BYTES = env.int("IMAP_MAX_FETCH_BYTES", default=5_000_000)
# Correlation at or above this links an email without asking; below, it waits for review.
EMAIL_AUTO_LINK_THRESHOLD = env.float("EMAIL_AUTO_LINK_THRESHOLD", default=0.8)
# Below this rule confidence, mailboxes that opted in ask the language model (once per email).
EMAIL_MODEL_BELOW = env.float("EMAIL_MODEL_BELOW", default=0.6)

# --- Analysis: resumes, scoring, language models (analysis app) --------------------------------
RESUME_MAX_BYTES = env.int("RESUME_MAX_BYTES", default=5 * 1024 * 1024)
# A DOCX is a zip: one that would unpack to more than this is refused before it is read.
RESUME_MAX_UNPACKED_BYTES = env.int("RESUME_MAX_UNPACKED_BYTES", default=30 * 1024 * 1024)
# Which model reads jobs and writes letters: "anthropic", "openai" (any OpenAI-compatible
# server, e.g. a local Ollama or llama.cpp) or "none" (fast scores only, no model calls).
LLM_PROVIDER = env.str("LLM_PROVIDER", default="none")
ANTHROPIC_API_KEY = env.str("ANTHROPIC_API_KEY", default="")
ANTHROPIC_MODEL_SCORING = env.str("ANTHROPIC_MODEL_SCORING", default="claude-haiku-5-5")
ANTHROPIC_MODEL_WRITING = env.str("ANTHROPIC_MODEL_WRITING", default="claude-sonnet-5-5")
LLM_BASE_URL = env.str("LLM_BASE_URL", default="")  # e.g. http://127.0.0.1:11434/v1
LLM_MODEL = env.str("LLM_MODEL", default="")
LLM_API_KEY = env.str("LLM_API_KEY", default="")
# A local model server is on this machine or the LAN: allow the OpenAI-compatible provider to
# reach such an address (loopback also needs HTTP_ALLOW_LOOPBACK; see README/.env.example).
LLM_ALLOW_LOCAL = env.bool("LLM_ALLOW_LOCAL", default=False)
LLM_TIMEOUT_SECONDS = env.float("LLM_TIMEOUT_SECONDS", default=120.0)
LLM_MAX_RETRIES = env.int("LLM_MAX_RETRIES", default=2)  # on 429/529, after the first try
LLM_RETRY_BACKOFF_SECONDS = env.float("LLM_RETRY_BACKOFF_SECONDS", default=2.0)
# Per user and calendar month; 0 = no limit. A profile may set its own.
LLM_MONTHLY_TOKEN_BUDGET = env.int("LLM_MONTHLY_TOKEN_BUDGET", default=2_000_000)
LLM_MONTHLY_COST_BUDGET = env.float("LLM_MONTHLY_COST_BUDGET", default=5.0)  # USD
# Analyse automatically only the best K new jobs of each scan (by fast score); 0 = none.
LLM_AUTO_ANALYZE_TOP_K = env.int("LLM_AUTO_ANALYZE_TOP_K", default=5)
# USD per million tokens: input, output, cache_read, cache_write. Models not listed cost 0
# (local models). Defaults are list prices as assumed when written: check your contract.
LLM_PRICES = env.json(
    "LLM_PRICES",
    default={
        "claude-haiku-5-5": {"input": 1.0, "output": 5.0, "cache_read": 0.1, "cache_write": 1.25},
        "claude-sonnet-5-5": {"input": 3.0, "output": 15.0, "cache_read": 0.3,
                              "cache_write": 3.75},
        "claude-opus-5-5": {"input": 5.0, "output": 25.0, "cache_read": 0.5, "cache_write": 6.25},
    },
)  # fmt: skip

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
# How many reverse proxies in front append to X-Forwarded-For (1 behind the TLS proxy the
# README recommends). 0 trusts no header: the address is the connection's. Too high a number
# lets a client pick its own address (and dodge or cause lockouts).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "jobtracker.proxies.client_ip"
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
