"""The optional daily email of what is due: opted into with Preferences.task_email, sent at
most once per user per local day (task_email_sent_on is claimed with a conditional UPDATE,
so two workers or a retried schedule cannot send it twice)."""

import logging
from datetime import date, datetime, timedelta, tzinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from jobtracker.timezones import zone_of_user

from .dashboard import today_tasks
from .models import Preferences

logger = logging.getLogger(__name__)
SEND_FROM_HOUR = 7  # local time: the email arrives with the morning, not at midnight


def set_task_email(owner, enabled: bool) -> Preferences:
    prefs, _ = Preferences.objects.get_or_create(owner=owner)
    if prefs.task_email != enabled:
        prefs.task_email = enabled
        prefs.save(update_fields=["task_email"])
    return prefs


def zone_of(prefs: Preferences) -> tzinfo:
    """The zone whose morning the email follows: the one the person's browser last reported,
    else the server's TIME_ZONE."""
    return zone_of_user(prefs.owner) or timezone.get_default_timezone()


def claim(prefs_id: int, today: date) -> bool:
    """Mark today's email as sent; True for the one caller whose UPDATE changed the row."""
    not_yet = Q(task_email_sent_on__isnull=True) | Q(task_email_sent_on__lt=today)
    return bool(
        Preferences.objects.filter(not_yet, pk=prefs_id, task_email=True).update(
            task_email_sent_on=today
        )
    )


def _message(owner, items: list[dict], today: date) -> EmailMultiAlternatives:
    site = settings.SITE_URL
    for item in items:
        pk = item["task"].application_id
        item["url"] = site + reverse("applications:application-detail", args=[pk]) if pk else ""
    context = {
        "user": owner,
        "items": items,
        "overdue": sum(1 for item in items if item["late"] > 0),
        "today": today,
        "dashboard_url": site + reverse("applications:dashboard"),
    }
    subject = render_to_string("emails/tasks_due_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        render_to_string("emails/tasks_due_body.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [owner.email],
    )
    message.attach_alternative(render_to_string("emails/tasks_due_body.html", context), "text/html")
    return message


def send_task_email(prefs_id: int, now: datetime | None = None) -> int:
    """Email one user their tasks due today and overdue, once per local day, from
    SEND_FROM_HOUR. Returns the number of tasks listed (0: nothing sent)."""
    prefs = (
        Preferences.objects.select_related("owner")
        .filter(pk=prefs_id, task_email=True, owner__is_active=True)
        .first()
    )
    if prefs is None or not prefs.owner.email:
        return 0
    local = timezone.localtime(now or timezone.now(), zone_of(prefs))
    today = local.date()
    if local.hour < SEND_FROM_HOUR or prefs.task_email_sent_on == today:
        return 0
    items = today_tasks(prefs.owner, today)
    if not items or not claim(prefs.pk, today):
        return 0
    try:
        with timezone.override(zone_of(prefs)):
            _message(prefs.owner, items, today).send()
    except Exception:
        # Give the day back so the next run tries again, then let the task fail visibly.
        Preferences.objects.filter(pk=prefs.pk, task_email_sent_on=today).update(
            task_email_sent_on=prefs.task_email_sent_on
        )
        logger.exception("task email failed user=%s", prefs.owner_id)
        raise
    logger.info("task email sent user=%s tasks=%s", prefs.owner_id, len(items))
    return len(items)


def due_recipients(now: datetime | None = None) -> list[int]:
    """Preferences ids of users who opted in and may not have had today's email yet (no
    local date on Earth is later than UTC + 14 hours)."""
    latest_today = ((now or timezone.now()) + timedelta(hours=14)).date()
    not_yet = Q(task_email_sent_on__isnull=True) | Q(task_email_sent_on__lt=latest_today)
    return list(
        Preferences.objects.filter(not_yet, task_email=True, owner__is_active=True)
        .exclude(owner__email="")
        .values_list("pk", flat=True)
    )
