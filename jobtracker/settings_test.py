"""Test settings: the real settings with fast hashing, synchronous tasks and loopback HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("ENCRYPTION_KEY", "q6HHtNYlrJTQhm2nkzpPbI1-Yx8O9IxcYqH9pM3mf4I=")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ["Q_SYNC"] = "true"
os.environ["HTTP_ALLOW_LOOPBACK"] = "true"
os.environ["IMAP_ALLOW_PLAIN"] = "true"

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Per-process cache so tests never share throttle counters through a table.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ENRICHMENT_ENABLED = False  # enrichment tests turn it on and serve pages from 127.0.0.1
HTTP_MIN_INTERVAL_SECONDS = 0  # loopback test servers need no politeness
HTTP_BACKOFF_SECONDS = 0.01
HTTP_READ_TIMEOUT = 3.0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
