"""The application list, detail page, add/edit forms and the actions on one application."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from boards import http
from boards.models import Job
from boards.sources import SourceError
from boards.sources.registry import read_posting_for_url
from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from .. import queries, services, task_list
from ..forms import (
    ApplicationForm,
    BulkForm,
    ContactForm,
    ManualEventForm,
    NoteForm,
    SummaryForm,
    TaskForm,
)
from ..intake.service import Entry, IntakeError, take_in
from ..models import Application, Source, Status
from ..panels import link_events, panels_for
from ..queries import SORTS, AppFilters, applications_for, timeline


def application_list(request):
    filters = AppFilters.from_query(request.GET)
    page = Paginator(applications_for(request.user, filters).select_related("job"), 50).get_page(
        request.GET.get("page")
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "applications/application_list.html",
        {
            "page": page,
            "filters": filters,
            "query_string": params.urlencode(),
            "statuses": Status.choices,
            "sources": Source.choices,
            "sorts": list(SORTS),
            "bulk_actions": BulkForm.ACTIONS,
        },
    )


def _applications(count: int) -> str:
    return f"{count} application" + ("" if count == 1 else "s")


@require_POST
def application_bulk(request):
    form = BulkForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors() or ["Select at least one application."]:
            messages.error(request, error)
        return redirect_back(request, "applications:application-list")
    ids, action = form.cleaned_data["ids"], form.cleaned_data["action"]
    if action == "status":
        count = services.bulk_status(request.user, ids, form.cleaned_data["status"])
        messages.success(request, f"Moved {_applications(count)}.")
    elif action in ("archive", "unarchive"):
        count = services.set_archived(request.user, ids, archived=action == "archive")
        messages.success(request, f"{action.title()}d {_applications(count)}.")
    else:
        count = services.delete_applications(request.user, ids)
        messages.success(request, f"Deleted {_applications(count)}.")
    return redirect_back(request, "applications:application-list")


def application_detail(request, pk: int):
    application = get_owned_or_404(Application.objects.select_related("job"), request.user, pk=pk)
    return render(
        request,
        "applications/application_detail.html",
        {
            "app": application,
            "statuses": Status.choices,
            "event_form": ManualEventForm(),
            "panels": panels_for(application),
            **timeline_context(application),
            **notes_context(application),
            **tasks_context(application),
            **contacts_context(application),
        },
    )


# --- The panels of the detail page: each renders alone for htmx, with the timeline ------------


def timeline_context(application: Application) -> dict:
    days = timeline(application)
    link_events(event for _, events in days for event in events)
    return {"days": days}


def notes_context(application: Application, form=None, summary_form=None, **extra) -> dict:
    return {
        "app": application,
        "notes": list(queries.notes_for(application)),
        "note_form": form or NoteForm(),
        "summary_form": summary_form or SummaryForm(initial={"notes": application.notes}),
        **extra,
    }


def tasks_context(application: Application, form=None, **extra) -> dict:
    open_tasks, done_tasks = queries.tasks_for(application)
    return {
        "app": application,
        "open_tasks": open_tasks,
        "done_tasks": done_tasks,
        "task_form": form or TaskForm(),
        "presets": task_list.PRESETS,
        **extra,
    }


def contacts_context(application: Application, form=None, **extra) -> dict:
    return {
        "app": application,
        "contacts": list(queries.contacts_of(application)),
        "linkable": list(queries.linkable_contacts(application)),
        "contact_form": form or ContactForm(),
        **extra,
    }


def render_panel(request, template: str, context: dict, *, with_timeline: bool = True):
    """A panel of the detail page for htmx, plus the timeline swapped out of band (what was
    just done is on it too)."""
    html = render_to_string(template, context, request)
    if with_timeline:
        timeline_ctx = {"app": context["app"], "oob": True, **timeline_context(context["app"])}
        html += render_to_string("applications/_timeline.html", timeline_ctx, request)
    return HttpResponse(html)


def application_create(request):
    initial = {k: request.GET.get(k, "") for k in ("url", "title", "company")}
    form = ApplicationForm(request.POST or None, creating=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = Entry(
            source=Source.MANUAL,
            url=data["url"],
            status=data["status"],
            **{k: data[k] for k in ("title", "company", "location", "salary", "notes")},
        )
        try:
            taken = take_in(request.user, entry)
        except IntakeError as exc:
            form.add_error("url" if data["url"] else None, str(exc))
        else:
            if taken.created and data["next_action"]:
                task_list.set_next_action(
                    taken.application, data["next_action"], data["next_action_due"]
                )
            if not taken.created:
                messages.info(request, "You already track this posting; here it is.")
            else:
                messages.success(request, "Application added.")
            return redirect("applications:application-detail", pk=taken.application.pk)
    return render(request, "applications/application_form.html", {"form": form, "creating": True})


def application_prefill(request):
    """htmx: read the pasted posting and fill the form's fields (never fails loudly)."""
    url = (request.GET.get("url") or "").strip()
    posting, error, slow = None, "", False
    if url.startswith(("http://", "https://")):
        # A person is waiting and a slow site must not hold the worker: a short deadline for
        # every fetch inside; enrichment reads the page again after the save, unhurried.
        with http.deadline(settings.HTTP_WEB_DEADLINE_SECONDS) as limit:
            try:
                posting = read_posting_for_url(url)
            except SourceError as exc:
                error = str(exc)
                slow = limit.expired or http.timed_out(exc)
        if posting is None and not error:
            error = "No job details found on that page."
    context = {"posting": posting, "error": error, "slow": slow, "url": url}
    return render(request, "applications/_prefill.html", context)


def application_edit(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        skip = {"status", "next_action", "next_action_due"}
        data = {k: v for k, v in form.cleaned_data.items() if k not in skip}
        application.refresh_from_db()
        services.update_application(application, data)
        task_list.set_next_action(
            application, form.cleaned_data["next_action"], form.cleaned_data["next_action_due"]
        )
        task_list.refresh_next_action(application)  # a next action typed before tasks existed
        if form.cleaned_data["status"] != application.status:
            services.change_status(
                application, form.cleaned_data["status"], by_user=True, cause="edited"
            )
        messages.success(request, "Saved.")
        return redirect("applications:application-detail", pk=application.pk)
    return render(request, "applications/application_form.html", {"form": form, "app": application})


@require_POST
def application_archive(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    services.set_archived(request.user, [application.pk], archived=not application.archived)
    messages.success(request, "Unarchived." if application.archived else "Archived.")
    return redirect("applications:application-detail", pk=application.pk)


@require_POST
def application_delete(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Confirm the deletion first.")
        return redirect("applications:application-detail", pk=application.pk)
    services.delete_applications(request.user, [application.pk])
    messages.success(request, "Application deleted.")
    return redirect("applications:application-list")


@require_POST
def note_add(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid() and form.cleaned_data["text"].replace("\x00", "").strip():
        services.add_note(application, form.cleaned_data["text"])
        if request.htmx:
            return render_panel(request, "applications/_notes.html", notes_context(application))
        messages.success(request, "Note added.")
    else:
        if not form.errors:
            form.add_error("text", "The note is empty.")
        if request.htmx:
            context = notes_context(application, form=form)
            return render_panel(request, "applications/_notes.html", context, with_timeline=False)
        messages.error(request, "Note not added: " + " ".join(form.errors.get("text", [])))
    return redirect("applications:application-detail", pk=application.pk)


@require_POST
def summary_edit(request, pk: int):
    """The free-text notes of an application (its summary), edited in the Notes panel."""
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        services.set_summary(application, form.cleaned_data["notes"])
        if request.htmx:
            context = notes_context(application)
            return render_panel(request, "applications/_notes.html", context, with_timeline=False)
        messages.success(request, "Summary saved.")
    else:
        if request.htmx:
            context = notes_context(application, summary_form=form, editing_summary=True)
            return render_panel(request, "applications/_notes.html", context, with_timeline=False)
        messages.error(request, "Summary not saved: it is too long.")
    return redirect("applications:application-detail", pk=application.pk)


@require_POST
def event_add(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = ManualEventForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        services.add_manual_event(
            application, data["kind"], data["when"], data["text"], place=data["place"]
        )
    else:
        messages.error(request, "Event not saved: check the date and kind.")
    return redirect("applications:application-detail", pk=application.pk)


@require_POST
def track_job_view(request, job_id: int):
    """'Track' on a job: one saved application per posting (again: the existing one)."""
    job = get_owned_or_404(Job, request.user, pk=job_id)
    entry = Entry(source=Source.BOARD, job=job, title=job.title, company=job.company,
                  location=job.location)  # fmt: skip
    if take_in(request.user, entry).created:
        messages.success(request, f"Tracking {job.title}: it is in your pipeline under Saved.")
    else:
        messages.info(request, "You already track this job.")
    return redirect("boards:job-detail", pk=job.pk)
