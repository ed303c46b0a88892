"""Benchmark: the dashboard and pipeline of a heavy user, against a bare request."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.utils import timezone

from applications.models import PIPELINE_ORDER, Application, Event, Status
from bench.harness import Result, case, latency_notes, timed

STATUSES = [*PIPELINE_ORDER, Status.REJECTED, Status.GHOSTED, Status.WITHDRAWN]


def _fill(user, applications: int, events_per_app: int) -> None:
    rng = random.Random(3)
    now = timezone.now()
    apps = []
    for i in range(applications):
        created = now - timedelta(days=rng.randint(0, 120))
        status = rng.choice(STATUSES)
        apps.append(Application(
            owner=user, title=f"Engineer {i}", company=f"Company {i % 700}",
            url=f"https://jobs.example.com/bench/{i}", status=status,
            furthest_stage=status if status in PIPELINE_ORDER else Status.APPLIED,
            applied_at=created if status != Status.SAVED else None, created_at=created,
            first_response_at=created + timedelta(days=rng.randint(1, 20))
            if status not in (Status.SAVED, Status.APPLIED, Status.GHOSTED) else None,
            source=rng.choice(["manual", "board", "extension", "email"]),
        ))  # fmt: skip
    Application.objects.bulk_create(apps, batch_size=1000)
    ids = list(Application.objects.filter(owner=user).values_list("pk", "created_at"))
    kinds = ["note_added", "status_changed", "email_received", "interview_scheduled", "scored"]
    batch = []
    for pk, created in ids:
        for j in range(events_per_app):
            kind = rng.choice(kinds)
            payload = {"to": rng.choice(STATUSES)} if kind == "status_changed" else {}
            when = created + timedelta(days=j)
            batch.append(Event(application_id=pk, kind=kind, text="bench", payload=payload,
                               occurred_at=when, scheduled_for=when + timedelta(days=3)
                               if kind == "interview_scheduled" else None))  # fmt: skip
        if len(batch) >= 5000:
            Event.objects.bulk_create(batch, batch_size=5000)
            batch = []
    Event.objects.bulk_create(batch, batch_size=5000)


@case(
    "dashboard", default_size=10_000, description="dashboard and pipeline with N apps, 10N events"
)
def dashboard_case(size: int) -> list[Result]:
    user, _ = get_user_model().objects.get_or_create(username="bench-dashboard")
    _fill(user, size, 10)
    client = Client()
    client.force_login(user)
    rounds = 30
    results = []
    with override_settings(ROOT_URLCONF="bench.urls"):
        bare = timed(lambda: client.get("/__bench__/bare/"), rounds * 3)
        for name, url in (("dashboard", "/dashboard/"), ("pipeline", "/pipeline/")):
            client.get(url)  # warm
            durations = timed(lambda url=url: _ok(client.get(url)), rounds)
            notes = {**latency_notes(durations), "events": str(size * 10), "reference": "bare view"}
            rate, reference = rounds / sum(durations), len(bare) / sum(bare)
            results.append(Result(name, size, rate, reference, unit="req/s", notes=notes))
    return results


def _ok(response):
    if response.status_code != 200:
        raise RuntimeError(f"bench page answered {response.status_code}")
