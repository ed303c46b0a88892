"""The application list, detail page, add/edit forms and the actions on one application."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from boards.models import Job
from boards.sources import SourceError
from boards.sources.registry import read_posting_for_url
from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from .. import services
from ..forms import ApplicationForm, BulkForm, ContactForm, ManualEventForm, NoteForm
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
        messages.success(request, f"Moved {count} application(s).")
    elif action in ("archive", "unarchive"):
        count = services.set_archived(request.user, ids, archived=action == "archive")
        messages.success(request, f"{action.title()}d {count} application(s).")
    else:
        count = services.delete_applications(request.user, ids)
        messages.success(request, f"Deleted {count} application(s).")
    return redirect_back(request, "applications:application-list")


def application_detail(request, pk: int):
    application = get_owned_or_404(Application.objects.select_related("job"), request.user, pk=pk)
    days = timeline(application)
    link_events(event for _, events in days for event in events)
    return render(
        request,
        "applications/application_detail.html",
        {
            "app": application,
            "days": days,
            "contacts": application.contacts.all(),
            "statuses": Status.choices,
            "note_form": NoteForm(),
            "contact_form": ContactForm(),
            "event_form": ManualEventForm(),
            "panels": panels_for(application),
        },
    )


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
            extra={k: data[k] for k in ("next_action", "next_action_due") if data[k]},
        )
        try:
            taken = take_in(request.user, entry)
        except IntakeError as exc:
            form.add_error("url" if data["url"] else None, str(exc))
        else:
            if not taken.created:
                messages.info(request, "You already track this posting; here it is.")
            else:
                messages.success(request, "Application added.")
            return redirect("applications:application-detail", pk=taken.application.pk)
    return render(request, "applications/application_form.html", {"form": form, "creating": True})


def application_prefill(request):
    """htmx: read the pasted posting and fill the form's fields (never fails loudly)."""
    url = (request.GET.get("url") or "").strip()
    posting, error = None, ""
    if url.startswith(("http://", "https://")):
        try:
            posting = read_posting_for_url(url)
        except SourceError as exc:
            error = str(exc)
        if posting is None and not error:
            error = "No job details found on that page."
    return render(
        request, "applications/_prefill.html", {"posting": posting, "error": error, "url": url}
    )


def application_edit(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "status"}
        application.refresh_from_db()
        services.update_application(application, data)
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
    if form.is_valid():
        services.add_note(application, form.cleaned_data["text"])
    else:
        messages.error(request, "The note is empty or too long.")
    return redirect("applications:application-detail", pk=application.pk)


@require_POST
def contact_add(request, pk: int):
    application = get_owned_or_404(Application, request.user, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        services.add_contact(application, **form.cleaned_data)
    else:
        messages.error(request, "Contact not saved: " + "; ".join(
            f"{k}: {' '.join(v)}" for k, v in form.errors.items()))  # fmt: skip
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
        messages.success(request, f"Tracking {job.title}. It is in your pipeline as saved.")
    else:
        messages.info(request, "You already track this job.")
    return redirect("boards:job-detail", pk=job.pk)
