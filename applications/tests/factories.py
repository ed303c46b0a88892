"""Builders with valid defaults for applications tests."""

import itertools

from applications.models import Application, Event
from boards.tests.factories import make_job  # noqa: F401  (re-exported for convenience)

_seq = itertools.count(1)


def make_application(owner, **overrides) -> Application:
    n = next(_seq)
    values = {
        "title": f"Engineer {n}",
        "company": f"Company {n}",
        "url": f"https://jobs.example.com/{n}",
        "status": "applied",
    }
    values.update(overrides)
    return Application.objects.create(owner=owner, **values)


def make_event(application, **overrides) -> Event:
    values = {"kind": "note_added", "text": "A note"}
    values.update(overrides)
    return Event.objects.create(application=application, **values)
