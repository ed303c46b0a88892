"""Builders for email rows whose defaults are valid."""

import itertools

from django.utils import timezone

from ingestion.models import Email

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
