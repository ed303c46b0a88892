"""Background work for analysis. Tasks take ids, re-fetch, and return quietly if gone."""

import logging

from django.contrib.auth import get_user_model
from django_q.tasks import async_task

from boards.models import Job

from . import services
from .llm import analyze_job, llm_enabled

logger = logging.getLogger(__name__)


def score_jobs_task(
    user_id: int, job_ids: list[int], analyze_candidates: list[int] | None = None
) -> int:
    """Score these jobs of the user; then queue a model's analysis of the best K of
    `analyze_candidates` (a scan's new jobs), when a model is configured."""
    if not get_user_model().objects.filter(pk=user_id).exists():
        return 0
    scored = services.score_jobs(user_id, job_ids)
    if scored and analyze_candidates and llm_enabled():
        top = services.top_jobs(user_id, analyze_candidates, services.auto_analyze_k())
        for job_id in top:
            async_task(
                "analysis.tasks.analyze_job_task",
                job_id,
                True,
                task_name=f"analyse job {job_id}",
            )
    return scored


def rescore_task(run_id: int) -> int | None:
    run = services.run_rescore(run_id)
    return run.done if run else None


def analyze_job_task(job_id: int, automatic: bool = False) -> str | None:
    """A model's analysis of one job; failures are stored on the analysis row."""
    job = Job.objects.filter(pk=job_id).select_related("owner").first()
    if job is None:
        return None
    analysis = analyze_job(job.owner, job, automatic=automatic, raise_errors=False)
    return analysis.status if analysis else None
