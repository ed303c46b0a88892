"""Builders for email rows whose defaults are valid."""

import itertools

from django.utils import timezone

from applications.models import Application, Status
from mail.models import Email, Mailbox
from mail.services import save_mailbox

MAILBOX_PASSWORD = "Hunter2-never-shown-Zq9"
REJECTION = (
    "Thank you for your interest. Unfortunately, we have decided not to move forward with "
    "your application at this time."
)

_seq = itertools.count(1)


def make_email(owner, **overrides) -> Email:
    n = next(_seq)
    values = {
        "identity": f"mid:test-{n}@example.com",
        "message_id": f"test-{n}@example.com",
        "sender": "Someone <someone@example.org>",
        "sender_email": "someone@example.org",
        "sender_name": "Someone",
        "subject": f"Hello {n}",
        "text": "",
        "sent_at": timezone.now(),
    }
    values.update(overrides)
    if "sender_email" in overrides and "sender" not in overrides:
        values["sender"] = f"{values['sender_name']} <{values['sender_email']}>"
    return Email.objects.create(owner=owner, **values)


def make_app(owner, company="Acme", title="Backend Engineer", status=Status.APPLIED, **kw):
    return Application.objects.create(
        owner=owner, company=company, title=title, status=status, **kw
    )


def make_mailbox(owner, password: str = MAILBOX_PASSWORD, **fields) -> Mailbox:
    """Saved through the service, so the password is encrypted as in the app."""
    values = {"name": "Work mail", "host": "imap.example.com", "username": "alice@example.com"}
    return save_mailbox(Mailbox(owner=owner, **{**values, **fields}), password)
