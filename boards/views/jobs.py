"""Job pages: search and filter, detail with history, hide/seen one or many."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_POST

from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from .. import services
from ..forms import JobIdsForm
from ..job_slots import job_actions, job_panels_for, registered_fit
from ..models import Job, Remote
from ..queries import PAGE_SIZE, JobFilters, job_history, jobs_for

IGNORED_LABELS = {
    "board": "board",
    "salary_min": "salary at least",
    "posted_within": "posted within",
    "min_score": "fit at least",
}


def job_list(request):
    filters = JobFilters.from_query(request.GET)
    if filters.ignored and not request.htmx:  # a fragment has no messages; typed URLs are pages
        names = ", ".join(IGNORED_LABELS.get(name, name) for name in filters.ignored)
        messages.warning(request, f"Ignored a filter that cannot apply: {names}.")
    page = Paginator(jobs_for(request.user, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "query_string": params.urlencode(),
        "boards": request.user.boards.order_by("name").only("pk", "name"),
        "remote_choices": [c for c in Remote.choices if c[0] != Remote.UNKNOWN],
        "has_any_job": Job.objects.filter(owner=request.user).exists(),
        "fit": registered_fit(),
    }
    template = "boards/_job_results.html" if request.htmx else "boards/job_list.html"
    return render(request, template, context)


def job_detail(request, pk: int):
    job = get_owned_or_404(Job.objects.select_related("board"), request.user, pk=pk)
    if job.is_new or not job.seen:
        services.mark_seen(request.user, [job.pk])
    remote = job.get_remote_display() if job.remote != Remote.UNKNOWN else ""
    if remote.lower() in job.location.lower():  # "Remote · Remote" says it once
        remote = ""
    facts = [f for f in (job.company, job.location, remote, job.employment_type) if f]
    context = {
        "job": job,
        "job_facts": facts,
        "actions": job_actions(),
        "panels": job_panels_for(job),
    }
    return render(request, "boards/job_detail.html", {**context, **job_history(job)})


@require_POST
def job_hide(request, pk: int):
    job = get_owned_or_404(Job, request.user, pk=pk)
    services.hide_jobs(request.user, [job.pk], hidden=not job.hidden)
    if request.htmx:
        job.refresh_from_db()
        return render(request, "boards/_job_row.html", {"job": job, "fit": registered_fit()})
    return redirect_back(request, "boards:job-list")


@require_POST
def job_bulk(request):
    form = JobIdsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select at least one job first.")
        return redirect("boards:job-list")
    ids = form.cleaned_data["ids"]
    action = request.POST.get("action")
    if action == "hide":
        count = services.hide_jobs(request.user, ids)
        messages.success(request, f"Hid {_jobs(count)}.")
    elif action == "seen":
        count = services.mark_seen(request.user, ids)
        messages.success(request, f"Marked {_jobs(count)} as seen.")
    else:
        messages.error(request, "Unknown action.")
    return redirect_back(request, "boards:job-list")


def _jobs(count: int) -> str:
    return f"{count} job{pluralize(count)}"
