"""Reads for accounts and tokens."""

from .models import ApiToken


def tokens_for(user):
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")
