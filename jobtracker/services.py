"""Writes for accounts and API tokens."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from .models import ApiToken, hash_token

logger = logging.getLogger(__name__)


class SetupClosed(Exception):
    """First-run setup was attempted after an account already exists."""


def _real_accounts():
    # Addresses at a .invalid domain (RFC 2606) can't receive mail: `make demo` makes its
    # account that way, and trying the demo first must not close the first-run page.
    return get_user_model().objects.exclude(email__iendswith=".invalid")


def needs_first_run() -> bool:
    return not _real_accounts().exists()


# Any constant bigint: names the PostgreSQL advisory lock first-run setup holds.
FIRST_RUN_LOCK = 0x6A74_0001

# Backends that print or drop mail: a reset link sent through them lands in a log or nowhere.
NO_MAIL_BACKENDS = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
)


def mail_is_configured() -> bool:
    return settings.EMAIL_BACKEND not in NO_MAIL_BACKENDS


def password_reset_by_mail_available() -> bool:
    """A reset link may be sent: real mail, or a developer reading the console (DEBUG)."""
    return mail_is_configured() or settings.DEBUG


def _serialize_first_run() -> None:
    """Make concurrent first-run attempts take turns until this transaction ends.

    PostgreSQL: a transaction-scoped advisory lock; under READ COMMITTED the check after it
    sees the account a previous holder committed. SQLite: transactions already begin
    IMMEDIATE (settings), taking the database's write lock before the check.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FIRST_RUN_LOCK])


@transaction.atomic
def create_first_user(username: str, email: str, password: str):
    """Create the first account as an administrator; refuse once any account exists."""
    User = get_user_model()
    _serialize_first_run()
    if not needs_first_run():
        raise SetupClosed("An account already exists; sign in instead.")
    user = User.objects.create_superuser(username=username, email=email, password=password)
    logger.info("first-run account created user=%s", user.pk)
    return user


def issue_token(user, name: str) -> tuple[ApiToken, str]:
    """Create a token for `user`; returns it with the raw key, which is never stored."""
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "token", prefix=raw[:10], key_hash=hash_token(raw)
    )
    logger.info("api token issued user=%s token=%s", user.pk, token.pk)
    return token, raw


def revoke_token(user, token_id: int) -> bool:
    """Revoke one of `user`'s tokens. Returns False if it is not theirs or already revoked."""
    return bool(ApiToken.objects.filter(pk=token_id, user=user).revoke())


def authenticate_token(raw: str) -> ApiToken | None:
    """The active token for a raw key, with its last-used time stamped; None if unknown."""
    if not raw or not raw.startswith("jt_"):
        return None
    token = (
        ApiToken.objects.active().select_related("user").filter(key_hash=hash_token(raw)).first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Stamp at most once a minute: a write per request would halve API throughput.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
