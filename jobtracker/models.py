import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from .signals import credentials_changed

TOKEN_PREFIX = "jt_"


class User(AbstractUser):
    """The account. Custom from day one so fields can be added without a painful swap."""

    # The IANA zone the person's browser last reported (empty: the server's TIME_ZONE). Kept
    # so work without a request (the morning task email) follows the person's clock.
    time_zone = models.CharField(max_length=64, blank=True)

    def save(self, *args, **kwargs):
        # set_password() leaves the raw password in _password until saved; hash upgrades on
        # sign-in clear it first, so only a real change or reset counts.
        update_fields = kwargs.get("update_fields")
        password_changed = (
            self._password is not None
            and not self._state.adding
            and (update_fields is None or "password" in update_fields)
        )
        super().save(*args, **kwargs)
        if password_changed:
            # Whoever knew the old password may have made tokens with it: they end here.
            ApiToken.objects.filter(user=self).revoke()
            credentials_changed.send(sender=type(self), user=self)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def revoke(self) -> int:
        """Revoke every token here that is not revoked yet; returns how many."""
        return self.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class ApiToken(models.Model):
    """A named, revocable API key. Only its sha256 is stored; the raw key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="First characters, to tell tokens apart.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Used by ninja's AuthRateThrottle as the throttle identity: one bucket per token.
        return f"token:{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @staticmethod
    def new_raw_key() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
