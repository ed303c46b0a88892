"""Writes for accounts and API tokens."""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction
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


@transaction.atomic
def create_first_user(username: str, email: str, password: str):
    """Create the first account as an administrator; refuse once any account exists."""
    User = get_user_model()
    # Lock-free guard: a second racing request fails on the username or sees a user here.
    if _real_accounts().exists():
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
    changed = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return bool(changed)


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
