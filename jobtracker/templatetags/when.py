"""Times as a person says them: "just now", "in under a minute", "every 6 hours"."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil

register = template.Library()

MINUTE = timedelta(minutes=1)


@register.filter
def ago(value: datetime | None) -> str:
    """`5 minutes ago`; `just now` under a minute (never "0 minutes ago")."""
    if not value:
        return ""
    if timezone.now() - value < MINUTE:
        return "just now"
    return f"{timesince(value, depth=1)} ago"


@register.filter
def from_now(value: datetime | None) -> str:
    """`in 5 minutes`; `in under a minute` when due now or overdue (never "in 0 minutes")."""
    if not value:
        return ""
    if value - timezone.now() < MINUTE:
        return "in under a minute"
    return f"in {timeuntil(value, depth=1)}"


@register.filter
def every_minutes(minutes: int | None) -> str:
    """A scan interval: `every 6 hours`, `every hour`, `every 45 minutes`, `every day`."""
    if not minutes:
        return ""
    for size, unit in ((1440, "day"), (60, "hour")):
        if minutes % size == 0:
            count = minutes // size
            return f"every {unit}" if count == 1 else f"every {count} {unit}s"
    return f"every {minutes} minutes"
