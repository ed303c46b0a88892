"""Contacts: the people met across applications (a page of their own), and the Contacts panel
of the application page (add, link, unlink)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from jobtracker.ownership import get_owned_or_404
from jobtracker.params import clean_text
from jobtracker.redirects import redirect_back

from .. import queries, services
from ..forms import ContactForm
from ..models import Application, Contact
from .applications import contacts_context, render_panel


def _errors(form) -> str:
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else 'Contact'}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    )


def contact_list(request):
    q = clean_text(request.GET.get("q"), 200)
    contacts = list(queries.contacts_for(request.user, q))
    return render(
        request,
        "applications/contact_list.html",
        {"contacts": contacts, "q": q, "form": ContactForm()},
    )


@require_POST
def contact_create(request):
    """A contact from the contacts page (not yet linked to an application)."""
    form = ContactForm(request.POST)
    if form.is_valid():
        contact = services.create_contact(request.user, **form.cleaned_data)
        messages.success(request, f"Added {contact.name}.")
        return redirect("applications:contact-list")
    contacts = list(queries.contacts_for(request.user))
    return render(
        request,
        "applications/contact_list.html",
        {"contacts": contacts, "q": "", "form": form, "adding": True},
        status=422,
    )


def contact_edit(request, pk: int):
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.update_contact(contact, **form.cleaned_data)
        messages.success(request, f"Saved {contact.name}.")
        return redirect_back(request, "applications:contact-list")
    linked = contact.applications.order_by("company", "title", "id")
    back = _safe_next(request)
    return render(
        request,
        "applications/contact_form.html",
        {
            "contact": contact,
            "form": form,
            "linked": linked,
            "linkable": queries.linkable_applications(contact),
            "next": back,
            # Linking and unlinking come back to this page, keeping where "Save" goes.
            "here": request.path + (f"?{urlencode({'next': back})}" if back else ""),
        },
    )


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if ok and target.startswith("/") else ""


@require_POST
def contact_delete(request, pk: int):
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    name = contact.name
    services.delete_contact(contact)
    messages.success(request, f"Deleted {name}.")
    return redirect_back(request, "applications:contact-list")


def _application_from_post(request) -> Application:
    raw = request.POST.get("application", "")
    return get_owned_or_404(Application, request.user, pk=int(raw) if raw.isdigit() else 0)


@require_POST
def contact_link(request, pk: int):
    """Link a contact to one of the owner's applications (from either side)."""
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    application = _application_from_post(request)
    services.link_contact(contact, application)
    if request.htmx and request.POST.get("panel"):
        return render_panel(request, "applications/_contacts.html", contacts_context(application))
    messages.success(request, f"{contact.name} is linked to {application}.")
    return redirect_back(request, "applications:contact-edit", pk=contact.pk)


@require_POST
def contact_unlink(request, pk: int):
    contact = get_owned_or_404(Contact, request.user, pk=pk)
    application = _application_from_post(request)
    services.unlink_contact(contact, application)
    if request.htmx and request.POST.get("panel"):
        context = contacts_context(application)
        return render_panel(request, "applications/_contacts.html", context, with_timeline=False)
    messages.success(request, f"{contact.name} is no longer linked to {application}.")
    return redirect_back(request, "applications:contact-edit", pk=contact.pk)


@require_POST
def contact_add(request, pk: int):
    """The Contacts panel's "Add a contact" (a new person, linked to this application) and
    "Link someone you know" (`existing`: one of the owner's contacts)."""
    application = get_owned_or_404(Application, request.user, pk=pk)
    existing = request.POST.get("existing", "")
    if existing:  # "Link someone you know"
        contact_pk = int(existing) if existing.isdigit() else 0
        contact = get_owned_or_404(Contact, request.user, pk=contact_pk)
        services.link_contact(contact, application)
        if request.htmx:
            context = contacts_context(application)
            return render_panel(request, "applications/_contacts.html", context)
        messages.success(request, f"{contact.name} is linked to this application.")
        return redirect("applications:application-detail", pk=application.pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        contact = services.add_contact(application, **form.cleaned_data)
        if request.htmx:
            context = contacts_context(application)
            return render_panel(request, "applications/_contacts.html", context)
        messages.success(request, f"Added {contact.name}.")
    elif request.htmx:
        context = contacts_context(application, form=form, adding=True)
        return render_panel(request, "applications/_contacts.html", context, with_timeline=False)
    else:
        messages.error(request, "Contact not saved: " + _errors(form))
    return redirect(reverse("applications:application-detail", args=[application.pk]))
