"""A demo account with a realistic, invented job search: for trying jobtracker offline."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from boards.models import Board, Job

from .models import PIPELINE_ORDER, Actor, Application, Contact, Event, EventKind, Source, Status
from .services import is_response

COMPANIES = [
    ("Northwind Analytics", "Berlin"), ("Bluefin Robotics", "Remote (EU)"),
    ("Copperleaf Health", "Amsterdam"), ("Lumen Freight", "Hamburg"),
    ("Quillstone Software", "Remote"), ("Harbor & Pike", "London"),
    ("Verdant Energy", "Munich"), ("Orbital Payments", "Dublin"),
    ("Saltmarsh Games", "Stockholm"), ("Tidewater Labs", "Paris"),
    ("Kestrel Security", "Remote"), ("Maple & Finch", "Zurich"),
]  # fmt: skip
TITLES = [
    "Senior Backend Engineer", "Staff Software Engineer", "Platform Engineer",
    "Data Engineer", "Engineering Manager", "Python Developer", "Site Reliability Engineer",
]  # fmt: skip
# Where each application ended up, with how far it got on the way.
OUTCOMES = (
    [Status.SAVED] * 5 + [Status.APPLIED] * 10 + [Status.SCREENING] * 3 + [Status.ASSESSMENT] * 2
    + [Status.INTERVIEWING] * 3 + [Status.OFFER] + [Status.REJECTED] * 8 + [Status.GHOSTED] * 3
    + [Status.WITHDRAWN]
)  # fmt: skip
PATH = [Status.APPLIED, Status.SCREENING, Status.ASSESSMENT, Status.INTERVIEWING, Status.OFFER]


@transaction.atomic
def build_demo(username: str = "demo", password: str | None = None, seed: int = 42):
    """Create (or rebuild) the demo account. Returns (user, number of applications)."""
    rng = random.Random(seed)
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.com"}
    )
    if password:
        user.set_password(password)
        user.save()
    elif created:
        user.set_unusable_password()
        user.save()
    # Rebuild from scratch so running it twice never doubles anything.
    Application.objects.filter(owner=user).delete()
    Job.objects.filter(owner=user).delete()
    Board.objects.filter(owner=user).delete()
    Contact.objects.filter(owner=user).delete()

    now = timezone.now()
    board = Board.objects.create(
        owner=user,
        name="Northwind Analytics",
        kind="greenhouse",
        token="northwind-demo",
        enabled=False,
        last_success_at=now - timedelta(hours=2),
    )
    for index, outcome in enumerate(OUTCOMES):
        company, location = rng.choice(COMPANIES)
        title = rng.choice(TITLES)
        created_at = now - timedelta(days=rng.randint(1, 75), hours=rng.randint(0, 23))
        job = Job.objects.create(
            owner=user,
            board=board if company == board.name else None,
            source_kind="manual",
            identity=f"url:https://jobs.example.com/demo/{index}",
            title=title,
            company=company,
            location=location,
            canonical_url=f"https://jobs.example.com/demo/{index}",
            description_text=f"{company} is hiring a {title}. Python, PostgreSQL, Kubernetes.",
            description_html=f"<p>{company} is hiring a {title}.</p><ul><li>Python</li></ul>",
            first_seen_at=created_at,
            already_applied=True,
        )
        app = Application.objects.create(
            owner=user,
            job=job,
            company=company,
            title=title,
            location=location,
            url=job.canonical_url,
            source=rng.choice([Source.BOARD, Source.EXTENSION, Source.MANUAL]),
            status=Status.SAVED,
            created_at=created_at,
            status_changed_at=created_at,
        )
        events = [
            Event(application=app, kind=EventKind.CREATED, text="Tracked", occurred_at=created_at)
        ]
        current, when = Status.SAVED, created_at
        steps = (
            []
            if outcome == Status.SAVED
            else PATH[: max(1, PATH.index(outcome) + 1)]
            if outcome in PATH
            else PATH[: rng.randint(1, 3)]
        )
        for step in steps:
            when += timedelta(days=rng.randint(1, 6))
            if when >= now:
                break
            events.append(
                Event(
                    application=app,
                    kind=EventKind.STATUS_CHANGED,
                    text=f"{current.label} → {step.label}",
                    payload={"from": current, "to": step},
                    occurred_at=when,
                )
            )
            if step == Status.APPLIED:
                app.applied_at = when
            if step == Status.INTERVIEWING:
                at = when + timedelta(days=rng.randint(2, 9), hours=rng.randint(9, 16))
                events.append(
                    Event(
                        application=app,
                        kind=EventKind.INTERVIEW_SCHEDULED,
                        text="Video interview",
                        payload={"at": at.isoformat(), "place": "https://meet.example.com/demo"},
                        occurred_at=when,
                        actor=Actor.USER,
                        scheduled_for=at,
                    )
                )
            current = step
        if outcome in (Status.REJECTED, Status.GHOSTED, Status.WITHDRAWN) and when < now:
            end = min(now - timedelta(hours=1), when + timedelta(days=rng.randint(3, 20)))
            if outcome == Status.REJECTED:
                events.append(
                    Event(
                        application=app,
                        kind=EventKind.REJECTION_RECEIVED,
                        text="Thanks, but no",
                        occurred_at=end,
                    )
                )
            events.append(
                Event(
                    application=app,
                    kind=EventKind.STATUS_CHANGED,
                    text=f"{current.label} → {outcome.label}",
                    payload={"from": current, "to": outcome},
                    occurred_at=end,
                )
            )
            current = outcome
        Event.objects.bulk_create(events)
        if app.applied_at:
            answers = [
                e.occurred_at
                for e in events
                if is_response(e.kind, e.payload) and e.occurred_at >= app.applied_at
            ]
            app.first_response_at = min(answers, default=None)
        app.status = current
        # Events were written in bulk, so record how far it got (the funnel reads this).
        reached = [e.payload["to"] for e in events if e.kind == "status_changed"]
        active = [s for s in reached if s in PIPELINE_ORDER]
        app.furthest_stage = max(active, key=PIPELINE_ORDER.index, default=Status.SAVED)
        app.status_changed_at = max(e.occurred_at for e in events)
        if current in (Status.APPLIED, Status.SCREENING) and rng.random() < 0.4:
            app.next_action = "Follow up with the recruiter"
            app.next_action_due = (now + timedelta(days=rng.randint(-2, 10))).date()
        app.save()
        if current in (Status.INTERVIEWING, Status.OFFER):
            contact = Contact.objects.create(
                owner=user,
                name=rng.choice(["Sam Rivera", "Alex Chen", "Jo Müller"]),
                role="Recruiter",
                email=f"recruiting@{company.split()[0].lower()}.example",
            )
            contact.applications.add(app)
    return user, len(OUTCOMES)
