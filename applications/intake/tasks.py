"""Background work for the intake: reading tracked postings. One enqueue helper per task."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task, schedule

from .enrichment import enrich

ENRICH_TASK = "applications.intake.tasks.enrich_application"


def enrich_application(application_id: int, attempt: int = 1) -> str:
    """Read a tracked posting and fill in the job and application; a failed read is tried
    again later (1, 5, 15 minutes), then recorded as failed on the timeline."""
    outcome = enrich(application_id, attempt)
    if outcome.status == "retry":
        schedule(
            ENRICH_TASK,
            application_id,
            attempt + 1,
            schedule_type=Schedule.ONCE,
            repeats=1,
            next_run=timezone.now() + timedelta(minutes=outcome.retry_in_minutes),
        )
    return outcome.status


def enqueue_enrichment(application_id: int) -> bool:
    """Queue enrichment once the current transaction commits (when ENRICHMENT_ENABLED)."""
    if not settings.ENRICHMENT_ENABLED:
        return False
    transaction.on_commit(
        lambda: async_task(
            ENRICH_TASK, application_id, task_name=f"enrich application {application_id}"
        )
    )
    return True
