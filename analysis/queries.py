"""Reads for analysis, always scoped to one owner."""

from datetime import timedelta

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from boards.job_slots import Fit

from .models import Document, LlmAnalysis, LlmCall, RescoreRun, Resume, Score

BANDS = ("strong", "good", "fair", "weak")

# The fit filter, sort and column of boards' job list (registered in apps.py). One Score per
# job, so the join neither repeats nor drops a job.
JOB_LIST_FIT = Fit(
    at_least=lambda score: Q(scores__total__gte=score),
    best_first=F("scores__total").desc(nulls_last=True),
    prefetch="scores",
    cell_template="analysis/_job_score.html",
)


def score_for(user, job) -> Score | None:
    return Score.objects.filter(owner=user, job=job).first()


def latest_analysis(user, job) -> LlmAnalysis | None:
    return LlmAnalysis.objects.filter(owner=user, job=job).order_by("-created_at").first()


def resumes_for(user) -> QuerySet:
    return Resume.objects.filter(owner=user).defer("text").order_by("-is_active", "-uploaded_at")


def active_resume(user) -> Resume | None:
    return Resume.objects.filter(owner=user, is_active=True).first()


def latest_rescore(user) -> RescoreRun | None:
    return RescoreRun.objects.filter(owner=user).order_by("-created_at").first()


def documents_for(user, application) -> QuerySet:
    return Document.objects.filter(owner=user, application=application).order_by("-created_at")


def band_counts(user) -> dict[str, int]:
    rows = Score.objects.filter(owner=user).values("band").annotate(n=Count("pk"))
    counts = {band: 0 for band in BANDS}
    counts.update({row["band"]: row["n"] for row in rows})
    return counts


def usage(user, days: int = 30) -> dict:
    """Calls, tokens and cost per day and per model over the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    calls = LlmCall.objects.filter(owner=user, created_at__gte=since)
    sums = {
        "calls": Count("pk"),
        "failed": Count("pk", filter=Q(ok=False)),
        "input": Sum("input_tokens"),
        "output": Sum("output_tokens"),
        "cache_read": Sum("cache_read_tokens"),
        "cache_write": Sum("cache_write_tokens"),
        "cost": Sum("cost"),
    }
    per_day = list(
        calls.annotate(day=TruncDate("created_at")).values("day").annotate(**sums).order_by("-day")
    )
    per_model = list(calls.values("model", "provider").annotate(**sums).order_by("-cost", "model"))
    totals = calls.aggregate(**sums)
    return {"per_day": per_day, "per_model": per_model, "totals": totals, "days": days}


def recent_calls(user, limit: int = 50) -> QuerySet:
    return LlmCall.objects.filter(owner=user).order_by("-created_at")[:limit]
