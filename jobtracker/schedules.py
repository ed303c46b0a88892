"""Schedules are data: each app lists its own in `<app>/schedules.py` as SCHEDULES.

`manage.py setup_schedules` upserts them by name (idempotent) and removes managed schedules
that no app declares any more. Every managed name starts with MANAGED_PREFIX.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from django_q.models import Schedule

MANAGED_PREFIX = "jt:"


@dataclass(frozen=True)
class ScheduleSpec:
    name: str  # without MANAGED_PREFIX
    func: str  # dotted path of a task taking no arguments
    schedule_type: str  # django_q Schedule.MINUTES, CRON, ...
    minutes: int | None = None
    cron: str | None = None
    kwargs: dict = field(default_factory=dict)


def declared_schedules() -> list[ScheduleSpec]:
    specs: list[ScheduleSpec] = []
    # Found through the app registry, like admin.autodiscover: core names no app above it.
    for config in apps.get_app_configs():
        ours = config.path.startswith(str(settings.BASE_DIR))
        if ours and module_has_submodule(config.module, "schedules"):
            module = import_module(f"{config.name}.schedules")
            specs.extend(getattr(module, "SCHEDULES", []))
    return specs


def sync_schedules() -> tuple[int, int, int]:
    """Upsert every declared schedule; returns (created, updated, removed)."""
    created = updated = 0
    names = []
    for spec in declared_schedules():
        name = MANAGED_PREFIX + spec.name
        names.append(name)
        defaults = {
            "func": spec.func,
            "schedule_type": spec.schedule_type,
            "minutes": spec.minutes,
            "cron": spec.cron,
            "kwargs": spec.kwargs or None,
            "repeats": -1,
        }
        _, was_created = Schedule.objects.update_or_create(name=name, defaults=defaults)
        created += was_created
        updated += not was_created
    stale = Schedule.objects.filter(name__startswith=MANAGED_PREFIX).exclude(name__in=names)
    removed, _ = stale.delete()
    return created, updated, removed
