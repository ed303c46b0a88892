from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from boards.models import Job
from jobtracker.ownership import get_owned_or_404

from .models import Source
from .services import track_job


def dashboard(request):
    return render(request, "applications/dashboard.html")


def pipeline(request):
    return render(request, "applications/pipeline.html")


@require_POST
def track_job_view(request, job_id: int):
    """'Track' on a job: one saved application per posting (again: the existing one)."""
    job = get_owned_or_404(Job, request.user, pk=job_id)
    tracked = track_job(request.user, job, source=Source.BOARD)
    if tracked.created:
        messages.success(request, f"Tracking {job.title}. It is in your pipeline as saved.")
    else:
        messages.info(request, "You already track this job.")
    return redirect("boards:job-detail", pk=job.pk)
