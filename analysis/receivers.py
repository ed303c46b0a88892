"""Receivers for news from boards: new and changed postings get scored."""

import logging

from django.dispatch import receiver
from django_q.tasks import async_task

from boards.signals import postings_changed

logger = logging.getLogger(__name__)


@receiver(postings_changed, dispatch_uid="analysis.score_changed_postings")
def score_changed_postings(
    sender, owner_id, new_job_ids=(), updated_job_ids=(), scan_run_id=None, **kwargs
) -> None:
    """Queue scoring by id. New jobs of a scan may also get a model's analysis (top K)."""
    job_ids = sorted({*new_job_ids, *updated_job_ids})
    if not job_ids:
        return
    try:
        async_task(
            "analysis.tasks.score_jobs_task",
            owner_id,
            job_ids,
            sorted(new_job_ids) if scan_run_id else None,
            task_name=f"score {len(job_ids)} jobs of user {owner_id}",
        )
    except Exception:  # scoring must never break the scan or enrichment that sent this
        logger.exception("scoring not queued owner=%s jobs=%s", owner_id, len(job_ids))
