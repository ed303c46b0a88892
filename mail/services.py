"""Writes for email: mailboxes, and the review inbox's corrections (which teach rules)."""

import logging

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from applications.intake.service import take_in
from applications.models import Application
from applications.services import change_status

from .models import Email, Label, Mailbox, MailRule, Review, RuleKind, Stage
from .processing import STATUS_FOR_LABEL, apply_effects, entry_from, process_emails
from .senders import is_ats_domain, is_shared_domain

logger = logging.getLogger(__name__)

# Sender names that say nothing about the employer.
_GENERIC_NAMES = {"", "no-reply", "noreply", "notifications", "careers", "recruiting", "jobs"}


@sensitive_variables("password")
def save_mailbox(mailbox: Mailbox, password: str | None) -> Mailbox:
    """Create or update; a blank password on edit keeps the stored one."""
    if password:
        mailbox.set_password(password)
    mailbox.save()
    return mailbox


def link_email(email: Email, application: Application) -> Email:
    """A person says which application this email is about: link, apply, learn."""
    with transaction.atomic():
        fields = ["application", "stage", "review", "match_score", "match_reasons"]
        if email.application_id not in (None, application.pk):
            # Moved from a wrong application: its event and status move belong to this one.
            email.effects_at = None
            fields.append("effects_at")
        email.application = application
        email.stage, email.review = Stage.USER, Review.LINKED
        email.match_score, email.match_reasons = 1.0, ["linked by you"]
        email.save(update_fields=fields)
        apply_effects(email)
        learn_rule(email, application.company)
    _reprocess_pending(email.owner_id)
    return email


def create_application_from(email: Email, company: str, title: str) -> tuple[Application, bool]:
    """(application, created). One application per email: posting again (double click,
    back button) returns the first one, not created."""
    with transaction.atomic():
        stage, app_id = (
            Email.objects.select_for_update()
            .filter(pk=email.pk)
            .values_list("stage", "application_id")
            .get()
        )
        if stage == Stage.CREATED and app_id is not None:
            return Application.objects.get(pk=app_id), False
        app = take_in(email.owner, entry_from(email, company, title, "the email")).application
        fields = ["application", "stage", "review", "match_score", "match_reasons"]
        if app_id is not None:  # it was linked elsewhere: its effects belong to the new one
            email.effects_at = None
            fields.append("effects_at")
        email.application = app
        email.stage, email.review = Stage.CREATED, Review.CREATED
        email.match_score, email.match_reasons = 1.0, ["application created by you"]
        email.save(update_fields=fields)
        apply_effects(email)
        learn_rule(email, company)
    _reprocess_pending(email.owner_id)
    return app, True


def relabel(email: Email, label: str) -> Email:
    """A person corrects the class; a linked email then moves its application (forward)."""
    email.label, email.labelled_by_user, email.confidence = Label(label), True, 1.0
    email.label_reasons = ["labelled by you"]
    if email.review == Review.NONE and label not in (Label.OTHER,):
        email.review = Review.PENDING
    email.save(update_fields=["label", "labelled_by_user", "confidence", "label_reasons", "review"])
    new_status = STATUS_FOR_LABEL.get(Label(label))
    if email.application_id and new_status:
        change_status(
            email.application,
            new_status,
            by_user=False,
            cause=f"email relabelled “{email.subject[:80]}”",
            evidence_at=email.sent_at or email.stored_at,
            email_id=email.pk,
        )
    return email


def ignore(email: Email) -> Email:
    email.review = Review.IGNORED
    email.save(update_fields=["review"])
    return email


def restore(email: Email) -> Email:
    """Back to the inbox (undo ignore)."""
    email.review = Review.PENDING
    email.save(update_fields=["review"])
    return email


def rule_key(email: Email) -> tuple[str, str] | None:
    """What a correction teaches: the sender's own domain, else its address, else its name.

    An ATS or a mail service sends for many employers, so its domain (and a no-reply
    address there) teaches nothing; the display name ("Acme Recruiting") often does.
    """
    address = email.sender_email.lower()
    domain = address.rpartition("@")[2]
    if domain and not is_ats_domain(domain) and not is_shared_domain(domain):
        return RuleKind.DOMAIN, domain
    if domain and is_shared_domain(domain) and not is_ats_domain(domain):
        return RuleKind.ADDRESS, address
    name = " ".join(email.sender_name.lower().split())
    if name not in _GENERIC_NAMES and "@" not in name:
        return RuleKind.NAME, name
    return None


def learn_rule(email: Email, company: str) -> MailRule | None:
    key = rule_key(email)
    if key is None or not company.strip():
        return None
    rule, _ = MailRule.objects.update_or_create(
        owner_id=email.owner_id, kind=key[0], value=key[1][:320], defaults={"company": company}
    )
    return rule


def delete_rule(rule: MailRule) -> None:
    rule.delete()


def _reprocess_pending(owner_id: int) -> None:
    """A new rule or link may settle other waiting emails: try them again now."""
    ids = list(
        Email.objects.filter(owner_id=owner_id, review=Review.PENDING).values_list("pk", flat=True)[
            :2000
        ]
    )
    if ids:
        process_emails(ids)


def reclassify(owner_id: int | None = None) -> int:
    """Rerun classification and correlation over stored emails (after rules change)."""
    emails = Email.objects.all()
    if owner_id is not None:
        emails = emails.filter(owner_id=owner_id)
    ids = list(emails.values_list("pk", flat=True))
    result = process_emails(ids, reclassify=True)
    logger.info("reclassified emails=%s at=%s", result.processed, timezone.now())
    return result.processed
