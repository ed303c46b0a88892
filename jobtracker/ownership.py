"""Owner-scoped lookups, usable from every app (this module imports no app).

Another user's row answers 404, never 403: its existence is not revealed.
"""

from django.db import models
from django.shortcuts import get_object_or_404


def owned(model: type[models.Model], user) -> models.QuerySet:
    """All rows of `model` that belong to `user` (via its `owner` field)."""
    return model._default_manager.filter(owner=user)


def get_owned_or_404(model: type[models.Model], user, **lookup):
    return get_object_or_404(owned(model, user), **lookup)
