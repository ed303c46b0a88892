"""System checks for configurations that lose data or leak secrets."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Warning, register

from .services import mail_is_configured


@register()
def sqlite_with_many_workers(app_configs, **kwargs):
    if settings.IS_SQLITE and settings.Q_CLUSTER.get("workers", 1) > 1:
        return [
            Warning(
                "SQLite with more than one background worker.",
                hint="SQLite allows one writer at a time; set Q_WORKERS=1 or move to "
                "PostgreSQL with DATABASE_URL.",
                id="jobtracker.W001",
            )
        ]
    return []


@register()
def encryption_key(app_configs, **kwargs):
    key = settings.ENCRYPTION_KEY
    if not key:
        return [
            Warning(
                "ENCRYPTION_KEY is not set: mailbox passwords cannot be stored.",
                hint="Generate one with `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'` and put it in .env.",
                id="jobtracker.W002",
            )
        ]
    try:
        Fernet(key)
    except (ValueError, TypeError):
        return [
            Error(
                "ENCRYPTION_KEY is not a valid Fernet key (32 url-safe base64-encoded bytes).",
                id="jobtracker.E001",
            )
        ]
    return []


@register()
def queue_retry_exceeds_timeout(app_configs, **kwargs):
    q = settings.Q_CLUSTER
    if q.get("retry", 0) <= q.get("timeout", 0):
        return [
            Error(
                "Q_CLUSTER retry must be greater than timeout, or long tasks run twice.",
                id="jobtracker.E002",
            )
        ]
    return []


@register()
def loopback_http_in_production(app_configs, **kwargs):
    if settings.HTTP_ALLOW_LOOPBACK and not settings.DEBUG and not settings.Q_CLUSTER["sync"]:
        return [
            Warning(
                "HTTP_ALLOW_LOOPBACK is on: fetched URLs may reach services on this machine.",
                hint="Only tests should turn it on.",
                id="jobtracker.W003",
            )
        ]
    return []


@register()
def mail_configured(app_configs, **kwargs):
    if not mail_is_configured() and not settings.DEBUG:
        return [
            Warning(
                "EMAIL_URL sends no real mail (console or dummy): password reset by email "
                "is turned off and digests go nowhere.",
                hint="Set EMAIL_URL to your SMTP server, e.g. "
                "smtp+tls://user:pass@smtp.example.com:587; meanwhile an administrator sets "
                "passwords with `manage.py changepassword NAME`.",
                id="jobtracker.W004",
            )
        ]
    return []
