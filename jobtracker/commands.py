"""Pieces shared by the manage.py commands of every app."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def user_named(username: str):
    """The user with this username; a CommandError naming it when there is none."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no user named {username!r}")
    return user


def require_ids(asked: list[int], found, what: str) -> None:
    """A CommandError listing the ids asked for that are not among the `found` rows."""
    missing = sorted(set(asked) - {row.pk for row in found})
    if missing:
        raise CommandError(f"no {what} with id {', '.join(map(str, missing))}")
