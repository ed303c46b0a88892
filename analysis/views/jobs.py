"""Fragments about one job: its fast score, and the model's analysis on demand."""

from django.contrib import messages
from django.shortcuts import render
from django.views.decorators.http import require_POST

from boards.models import Job
from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from .. import queries
from ..llm import LlmError, analyze_job, budget_for, llm_enabled
from ..models import Profile
from ..services import is_scorable


def _context(request, job, **extra) -> dict:
    score = queries.score_for(request.user, job)
    return {
        "job": job,
        "score": score,
        # Only asked when there is no score: why not, and what would make one.
        "profile_ready": score is None
        and is_scorable(Profile.objects.filter(owner=request.user).first()),
        "analysis": queries.latest_analysis(request.user, job),
        "llm_enabled": llm_enabled(),
        **extra,
    }


def job_analysis(request, pk: int):
    """The fit panel for a job page (boards' job detail loads it with htmx)."""
    job = get_owned_or_404(Job, request.user, pk=pk)
    return render(request, "analysis/_job_analysis.html", _context(request, job))


@require_POST
def job_analyze(request, pk: int):
    job = get_owned_or_404(Job, request.user, pk=pk)
    error = ""
    try:
        analyze_job(request.user, job)
    except LlmError as exc:
        error = str(exc)
    if request.htmx:
        return render(
            request,
            "analysis/_job_analysis.html",
            _context(request, job, error=error, budget=budget_for(request.user)),
        )
    if error:
        messages.error(request, error)
    return redirect_back(request, "boards:job-detail", job.pk)
