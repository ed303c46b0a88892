"""The review inbox: emails the matcher was unsure about, one click each to settle."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from applications.models import Application
from jobtracker.ownership import get_owned_or_404
from jobtracker.redirects import redirect_back

from ..extract import company_from_email, title_from_email
from ..forms import CreateApplicationForm, LinkForm, RelabelForm
from ..models import Email, Label
from ..queries import (
    INBOX_VIEWS,
    candidate_applications,
    emails_for_application,
    inbox_counts,
    inbox_emails,
    mailboxes_for,
)
from ..services import create_application_from, ignore, link_email, relabel, restore

PAGE_SIZE = 50


def inbox(request):
    view = request.GET.get("view") if request.GET.get("view") in INBOX_VIEWS else "waiting"
    page = Paginator(inbox_emails(request.user, view), PAGE_SIZE).get_page(request.GET.get("page"))
    _attach_candidates(request.user, page.object_list)
    return render(
        request,
        "mail/inbox.html",
        {
            "view": view,
            "page": page,
            "counts": inbox_counts(request.user),
            "has_mailbox": mailboxes_for(request.user).exists(),
            "labels": Label.choices,
        },
    )


def _attach_candidates(user, emails) -> None:
    apps = candidate_applications(user, emails)
    for email in emails:
        email.candidate_rows = [
            (apps[c["id"]], c) for c in (email.candidates or []) if c.get("id") in apps
        ]


def email_detail(request, pk: int):
    email = get_owned_or_404(
        Email.objects.select_related("application", "mailbox"), request.user, pk=pk
    )
    _attach_candidates(request.user, [email])
    return render(
        request,
        "mail/email_detail.html",
        {
            "email": email,
            "applications": Application.objects.filter(owner=request.user, archived=False)
            .only("id", "company", "title")
            .order_by("company", "title")[:500],
            "labels": Label.choices,
            "guess_company": company_from_email(
                email.subject, email.sender_name, email.sender_email, email.text
            ),
            "guess_title": title_from_email(email.subject, email.text),
        },
    )


@require_POST
def email_link(request, pk: int):
    email = get_owned_or_404(Email, request.user, pk=pk)
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose an application to link this email to.")
        return redirect("mail:email-detail", pk=pk)
    application = get_owned_or_404(Application, request.user, pk=form.cleaned_data["application"])
    link_email(email, application)
    messages.success(
        request, f"Linked to {application.company} – {application.title}. Mail from this "
        "sender now goes there by itself."
    )  # fmt: skip
    return redirect_back(request, "mail:inbox")


@require_POST
def email_create(request, pk: int):
    email = get_owned_or_404(Email, request.user, pk=pk)
    form = CreateApplicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter at least the company to create an application.")
        return redirect("mail:email-detail", pk=pk)
    company, title = form.cleaned_data["company"], form.cleaned_data["title"]
    app, created = create_application_from(email, company, title)
    if not created:
        messages.info(request, f"This email already created the application at {app.company}.")
    else:
        messages.success(request, f"Application at {app.company} created from this email.")
    return redirect("applications:application-detail", pk=app.pk)


@require_POST
def email_relabel(request, pk: int):
    email = get_owned_or_404(Email, request.user, pk=pk)
    form = RelabelForm(request.POST)
    if form.is_valid():
        relabel(email, form.cleaned_data["label"])
        messages.success(request, f"Marked as {Label(form.cleaned_data['label']).label}.")
    else:
        messages.error(request, "Unknown label.")
    return redirect_back(request, "mail:inbox")


@require_POST
def email_ignore(request, pk: int):
    ignore(get_owned_or_404(Email, request.user, pk=pk))
    messages.success(request, "Ignored. It stays under “Ignored” if you change your mind.")
    return redirect_back(request, "mail:inbox")


@require_POST
def email_restore(request, pk: int):
    restore(get_owned_or_404(Email, request.user, pk=pk))
    messages.success(request, "Back in the inbox.")
    return redirect_back(request, "mail:inbox")


def application_emails(request, pk: int):
    """Panel on the application page: the emails linked to it."""
    application = get_owned_or_404(Application, request.user, pk=pk)
    return render(
        request,
        "mail/_application_emails.html",
        {"application": application, "emails": emails_for_application(request.user, application)},
    )
