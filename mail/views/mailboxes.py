"""Settings for email: mailboxes (add, edit, test, sync now) and the rules learned from review."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST
from django_q.tasks import async_task

from jobtracker.ownership import get_owned_or_404

from ..forms import PASSWORD_AGAIN, MailboxForm
from ..imap import check_connection
from ..models import Mailbox, MailRule
from ..queries import mailboxes_for, rules_for, unhealthy
from ..services import delete_rule, save_mailbox


def mailbox_list(request):
    return render(
        request,
        "mail/mailbox_list.html",
        {"mailboxes": mailboxes_for(request.user), "rules": rules_for(request.user)},
    )


@sensitive_post_parameters("password")
def mailbox_create(request):
    return _edit(request, Mailbox(owner=request.user))


@sensitive_post_parameters("password")
def mailbox_edit(request, pk: int):
    return _edit(request, get_owned_or_404(Mailbox, request.user, pk=pk))


@sensitive_variables("form", "candidate")
def _edit(request, mailbox: Mailbox):
    creating = mailbox.pk is None
    form = MailboxForm(request.POST or None, instance=mailbox)
    if request.method == "POST" and request.POST.get("action") == "test":
        return _test_unsaved(request, form)
    if request.method == "POST" and form.is_valid():
        saved = save_mailbox(form.save(commit=False), form.cleaned_data["password"])
        messages.success(
            request,
            f"Mailbox {saved} saved. Use “Test connection”, then “Sync now” to read it."
            if creating
            else f"Mailbox {saved} saved.",
        )
        return redirect("mail:mailbox-list")
    return render(
        request, "mail/mailbox_form.html", {"form": form, "mailbox": mailbox, "new": creating}
    )


@sensitive_variables("form", "candidate")
def _test_unsaved(request, form: MailboxForm):
    """The form's "Test connection": connect with what is typed, save nothing. Over htmx only
    the result is swapped in, so the typed password stays in its field."""
    if form.is_valid() and not form.cleaned_data["password"] and form.login_target_changed():
        # The form refuses this already; the saved password must never reach a new server.
        ok, message = False, PASSWORD_AGAIN
    elif form.is_valid():
        candidate = form.save(commit=False)  # not saved; a blank password keeps the stored one
        if form.cleaned_data["password"]:
            candidate.set_password(form.cleaned_data["password"])
        ok, message = check_connection(candidate)
    else:
        problems = [
            f"{form[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
            for name, errors in form.errors.items()
        ]
        ok, message = False, "Fix the form first. " + " ".join(problems)
    context = {"ok": ok, "message": message}
    if request.htmx:
        return render(request, "mail/_connection_result.html", context)
    mailbox = form.instance
    return render(
        request,
        "mail/mailbox_form.html",
        {"form": form, "mailbox": mailbox, "new": mailbox.pk is None, "result": context},
    )


@require_POST
def mailbox_delete(request, pk: int):
    mailbox = get_owned_or_404(Mailbox, request.user, pk=pk)
    mailbox.delete()
    messages.success(request, f"Mailbox {mailbox} removed. Emails already read are kept.")
    return redirect("mail:mailbox-list")


@require_POST
def mailbox_test(request, pk: int):
    mailbox = get_owned_or_404(Mailbox, request.user, pk=pk)
    ok, message = check_connection(mailbox)
    return render(
        request,
        "mail/_connection_result.html",
        {"ok": ok, "message": message, "mailbox": mailbox},
    )


@require_POST
def mailbox_sync(request, pk: int):
    mailbox = get_owned_or_404(Mailbox, request.user, pk=pk)
    async_task("mail.tasks.sync_mailbox_task", mailbox.pk, task_name=f"sync mailbox {mailbox.pk}")
    messages.info(request, f"Reading {mailbox} now. New emails appear in the inbox as they arrive.")
    return redirect("mail:mailbox-list")


@require_POST
def rule_delete(request, pk: int):
    rule = get_owned_or_404(MailRule, request.user, pk=pk)
    delete_rule(rule)
    messages.success(request, f"Rule {rule.value} → {rule.company} deleted.")
    return redirect("mail:mailbox-list")


def health(request):
    """Fragment for the dashboard: what failed on the last try, in plain words."""
    return render(request, "mail/_health.html", unhealthy(request.user))
