"""Owner-scoped lookups, usable from every app (this module imports no app).

Another user's row answers 404, never 403: its existence is not revealed.
"""

from django.db import models
from django.shortcuts import get_object_or_404


def owned(model_or_queryset, user) -> models.QuerySet:
    """The rows (of a model, or of a queryset) that belong to `user` via their `owner`."""
    if isinstance(model_or_queryset, models.QuerySet):
        return model_or_queryset.filter(owner=user)
    return model_or_queryset._default_manager.filter(owner=user)


def get_owned_or_404(model_or_queryset, user, **lookup):
    return get_object_or_404(owned(model_or_queryset, user), **lookup)
