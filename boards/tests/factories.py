"""Builders with valid defaults: make_board(owner, **overrides), make_job(owner, **overrides)."""

import itertools

from django.utils import timezone

from boards.models import Board, Job
from boards.sources import Posting

_seq = itertools.count(1)


def make_board(owner, **overrides) -> Board:
    n = next(_seq)
    values = {"name": f"Acme {n}", "kind": "greenhouse", "token": f"acme{n}"}
    values.update(overrides)
    return Board.objects.create(owner=owner, **values)


def make_job(owner, **overrides) -> Job:
    n = next(_seq)
    values = {
        "title": f"Backend Engineer {n}",
        "company": "Acme",
        "location": "Berlin",
        "canonical_url": f"https://jobs.example.com/{n}",
        "identity": f"url:https://jobs.example.com/{n}",
        "description_text": "Python, Django and PostgreSQL.",
        "first_seen_at": timezone.now(),
    }
    values.update(overrides)
    return Job.objects.create(owner=owner, **values)


def posting(n: int, **overrides) -> Posting:
    values = {
        "external_id": str(n),
        "url": f"https://boards.greenhouse.io/acme/jobs/{n}",
        "title": f"Engineer {n}",
        "company": "Acme",
        "location": "Berlin",
        "description_html": f"<p>Role {n}</p>",
        "description_text": f"Role {n}",
    }
    values.update(overrides)
    return Posting(**values)
