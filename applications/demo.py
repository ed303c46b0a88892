"""A demo account with a realistic, invented job search: for trying jobtracker offline.

This layer builds what applications owns (boards and jobs below it, applications, their
timelines, contacts and tasks) and then sends `demo_built`; the apps above add their part
(analysis: a profile, a resume and fit scores; mail: a demo mailbox with emails). Every
company, person and address is invented; addresses use the reserved `.example` and
`.invalid` domains, so nothing here can reach a real server.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from boards.models import Board, CompanyRule, Job, Remote, SalaryPeriod, ScanRun, ScanStatus
from boards.sources.normalize import html_to_text, sanitize_html

from .demo_content import COMPANIES, OFFERS, ROLES, TEAMS, Company, Role
from .models import (
    PIPELINE_ORDER,
    Actor,
    Application,
    Contact,
    ContactKind,
    Event,
    EventKind,
    Source,
    Status,
    Task,
    TaskKind,
)
from .services import create_contact, is_response, link_contact
from .signals import demo_built
from .task_list import add_task, set_done

# The demo user's address, so a rebuild can tell its own account from a real one.
DEMO_DOMAIN = "demo.invalid"
APPLICATIONS = 36
UNTRACKED_JOBS = 12


class NotADemoAccount(Exception):
    """The username belongs to a real account: the demo never rebuilds (deletes) it."""


# Where each application ended up.
OUTCOMES = (
    [Status.SAVED] * 5 + [Status.APPLIED] * 10 + [Status.SCREENING] * 3 + [Status.ASSESSMENT] * 2
    + [Status.INTERVIEWING] * 3 + [Status.OFFER] + [Status.REJECTED] * 8 + [Status.GHOSTED] * 3
    + [Status.WITHDRAWN]
)  # fmt: skip
PATH = [Status.APPLIED, Status.SCREENING, Status.ASSESSMENT, Status.INTERVIEWING, Status.OFFER]
PEOPLE = [
    ("Sam Rivera", ContactKind.RECRUITER, "Talent Partner"),
    ("Alex Chen", ContactKind.HIRING_MANAGER, "Head of Engineering"),
    ("Jo Müller", ContactKind.RECRUITER, "Technical Recruiter"),
    ("Priya Nair", ContactKind.INTERVIEWER, "Staff Engineer"),
    ("Tomás Ortega", ContactKind.HIRING_MANAGER, "Engineering Manager"),
]
SYMBOLS = {"EUR": "€", "GBP": "£", "CHF": "CHF ", "SEK": "SEK "}


@dataclass
class DemoResult:
    user: object
    applications: int
    jobs: int
    tasks: int
    # What each app above added (the receivers' answers), for the command to print.
    extras: list[str] = field(default_factory=list)


# --- The account ---------------------------------------------------------------------------


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_DOMAIN}"


def is_demo_account(user) -> bool:
    """Made by this module (or by its first version, which used example.com)."""
    if user.is_staff or user.is_superuser:
        return False
    return user.email in (demo_email(user.username), f"{user.username}@example.com")


def _account(username: str, password: str | None):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None and not is_demo_account(user):
        raise NotADemoAccount(
            f"'{username}' is a real account, not a demo: choose another --username."
        )
    if user is None:
        user = User(username=username, first_name="Robin", last_name="Demo")
    user.email = demo_email(username)
    if password:
        user.set_password(password)
    elif not user.has_usable_password():
        user.set_unusable_password()
    user.save()
    return user


def _clear(user) -> None:
    """This layer's rows of the demo user (the apps above clear theirs on `demo_built`)."""
    Task.objects.filter(owner=user).delete()
    Application.objects.filter(owner=user).delete()
    Contact.objects.filter(owner=user).delete()
    Job.objects.filter(owner=user).delete()
    Board.objects.filter(owner=user).delete()
    CompanyRule.objects.filter(owner=user).delete()


# --- Jobs ----------------------------------------------------------------------------------------


def _salary(company: Company, role: Role) -> tuple[Decimal, Decimal]:
    low = round(role.base * company.pay, -3)
    return Decimal(low), Decimal(round(low * 1.2, -3))


def _money(currency: str, low: Decimal, high: Decimal) -> str:
    symbol = SYMBOLS.get(currency, currency + " ")
    return f"{symbol}{int(low):,}–{int(high):,} a year"


def description_html(company: Company, role: Role, salary: str, rng: random.Random) -> str:
    work = {
        Remote.REMOTE: "Fully remote: work from anywhere within two hours of CET.",
        Remote.HYBRID: f"Hybrid: two days a week in our {company.location.split(',')[0]} office.",
        Remote.ONSITE: f"On-site in {company.location.split(',')[0]}; we help you relocate.",
    }[company.remote]
    offers = [salary, work, *rng.sample(OFFERS, 3)] if salary else [work, *rng.sample(OFFERS, 3)]
    items = lambda values: "".join(f"<li>{v}</li>" for v in values)  # noqa: E731
    return sanitize_html(
        f"<p>{company.about}</p>"
        f"<p>We are hiring a {role.title}. {role.intro}</p>"
        f"<p>{rng.choice(TEAMS).format(n=rng.randint(4, 9))}</p>"
        f"<h3>What you will do</h3><ul>{items(role.duties)}</ul>"
        f"<h3>What you bring</h3><ul><li>{role.years}+ years of professional experience</li>"
        f"{items(f'Experience with {need}' for need in role.needs)}</ul>"
        f"<h3>What we offer</h3><ul>{items(offers)}</ul>"
        f"<p><strong>How we hire:</strong> {company.process}</p>"
    )


def _boards(user, now: datetime) -> dict[str, Board]:
    """Two career sites "scanned" earlier. Paused: nothing here is ever fetched."""
    boards = {}
    for company, kind in (("Northwind Analytics", "greenhouse"), ("Gullwing Cloud", "lever")):
        board = Board.objects.create(
            owner=user,
            name=f"{company} (demo, paused)",
            kind=kind,
            token=company.split()[0].lower() + "-demo",
            enabled=False,
            last_scan_at=now - timedelta(hours=2),
            last_success_at=now - timedelta(hours=2),
        )
        ScanRun.objects.create(
            board=board,
            started_at=now - timedelta(hours=2),
            finished_at=now - timedelta(hours=2) + timedelta(seconds=3),
            status=ScanStatus.OK,
            found=6,
            new=2,
            unchanged=4,
            duration_ms=2900,
        )
        boards[company] = board
    return boards


def _jobs(user, rng: random.Random, now: datetime) -> list[Job]:
    boards = _boards(user, now)
    pairs = rng.sample([(c, r) for c in COMPANIES for r in ROLES], APPLICATIONS + UNTRACKED_JOBS)
    jobs = []
    for index, (company, role) in enumerate(pairs):
        low, high = _salary(company, role)
        has_salary = rng.random() < 0.8
        salary = _money(company.currency, low, high) if has_salary else ""
        html = description_html(company, role, salary, rng)
        url = f"https://jobs.{company.domain}/{index + 1000}-{role.title.split()[0].lower()}"
        seen = now - timedelta(days=rng.randint(0, 75), hours=rng.randint(0, 23))
        jobs.append(
            Job(
                owner=user,
                board=boards.get(company.name),
                source_kind=boards[company.name].kind if company.name in boards else "manual",
                identity=f"url:{url}",
                canonical_url=url,
                title=role.title,
                company=company.name,
                location=company.location,
                remote=company.remote,
                employment_type="Full-time",
                salary_min=low if has_salary else None,
                salary_max=high if has_salary else None,
                salary_currency=company.currency if has_salary else "",
                salary_period=SalaryPeriod.YEAR if has_salary else "",
                description_html=html,
                description_text=html_to_text(html),
                posted_at=seen - timedelta(days=rng.randint(0, 5)),
                first_seen_at=seen,
                last_seen_at=now - timedelta(hours=2),
                is_new=index >= APPLICATIONS and rng.random() < 0.5,
            )
        )
    return Job.objects.bulk_create(jobs)


# --- Applications and their timelines ---------------------------------------------------------


def _interview_at(now: datetime, days: int, hour: int) -> datetime:
    day = timezone.localdate(now) + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _first_round(status_changed: datetime) -> datetime:
    """A first interview in working hours, the day after the invitation."""
    day = timezone.localdate(status_changed) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(15, 0)))


def _timeline(app: Application, outcome: str, rng: random.Random, now: datetime) -> list[Event]:
    created = app.created_at
    events = [Event(application=app, kind=EventKind.CREATED, text="Tracked", occurred_at=created)]
    current, when = Status.SAVED, created
    if outcome == Status.SAVED:
        steps = []
    elif outcome in PATH:
        steps = PATH[: PATH.index(outcome) + 1]
    else:
        steps = PATH[: rng.randint(1, 3)]
    for step in steps:
        # Squeeze the steps into the time since it was tracked, so each stays in the past.
        room = (now - when).total_seconds() / 86400 / (len(steps) + 1)
        when += timedelta(days=max(0.2, min(room, rng.uniform(1, 6))))
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
            # The first round is behind; the next is coming up in the next days.
            for at, text in (
                (_first_round(when), "Video call with the hiring manager"),
                (_interview_at(now, rng.randint(1, 6), rng.choice((10, 14, 16))),
                 "Technical interview (90 minutes, video)"),
            ):  # fmt: skip
                events.append(
                    Event(
                        application=app,
                        kind=EventKind.INTERVIEW_SCHEDULED,
                        text=text,
                        payload={"at": at.isoformat(), "place": "https://meet.example/demo"},
                        occurred_at=when,
                        actor=Actor.USER,
                        scheduled_for=at,
                    )
                )
        if step == Status.OFFER:
            events.append(
                Event(
                    application=app,
                    kind=EventKind.OFFER_RECEIVED,
                    text="Written offer: answer within a week",
                    occurred_at=when,
                )
            )
        current = step
    if outcome in (Status.REJECTED, Status.GHOSTED, Status.WITHDRAWN):
        end = min(now - timedelta(hours=1), when + timedelta(days=rng.randint(3, 20)))
        if outcome == Status.REJECTED:
            events.append(
                Event(
                    application=app,
                    kind=EventKind.REJECTION_RECEIVED,
                    text="Not moving forward this time",
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
                actor=Actor.USER if outcome == Status.WITHDRAWN else Actor.SYSTEM,
            )
        )
        current = outcome
    app.status = current
    return events


def _finish(app: Application, events: list[Event]) -> None:
    """The summary columns services keep up to date (events were written in bulk)."""
    if app.applied_at:
        answers = [
            e.occurred_at
            for e in events
            if is_response(e.kind, e.payload) and e.occurred_at >= app.applied_at
        ]
        app.first_response_at = min(answers, default=None)
    reached = [e.payload["to"] for e in events if e.kind == EventKind.STATUS_CHANGED]
    active = [s for s in reached if s in PIPELINE_ORDER]
    app.furthest_stage = max(active, key=PIPELINE_ORDER.index, default=Status.SAVED)
    app.status_changed_at = max(e.occurred_at for e in events)


def _applications(user, jobs: list[Job], rng: random.Random, now: datetime) -> list[Application]:
    apps, events = [], []
    outcomes = list(OUTCOMES)
    rng.shuffle(outcomes)
    # A person gets furthest with the jobs nearest their background.
    titles = {role.title for role in ROLES if role.close}
    near = [job for job in jobs if job.title in titles]
    far = [job for job in jobs if job.title not in titles]
    for outcome in outcomes:
        advanced = outcome in PATH[1:]
        job = (near or far).pop() if advanced else (far or near).pop()
        app = Application.objects.create(
            owner=user,
            job=job,
            company=job.company,
            title=job.title,
            location=job.location,
            url=job.canonical_url,
            salary=_money(job.salary_currency, job.salary_min, job.salary_max)
            if job.salary_min
            else "",
            source=Source.BOARD if job.board_id else rng.choice([Source.EXTENSION, Source.MANUAL]),
            created_at=job.first_seen_at + timedelta(hours=1),
        )
        app_events = _timeline(app, outcome, rng, now)
        _finish(app, app_events)
        app.save()
        events += app_events
        apps.append(app)
    Event.objects.bulk_create(events)
    Job.objects.filter(pk__in=[a.job_id for a in apps]).update(already_applied=True, is_new=False)
    return apps


# --- Contacts, notes and tasks -----------------------------------------------------------------


def _people(user, apps: list[Application]) -> None:
    active = [a for a in apps if a.status in (Status.SCREENING, Status.ASSESSMENT,
                                              Status.INTERVIEWING, Status.OFFER)]  # fmt: skip
    for index, app in enumerate(active):
        name, kind, role = PEOPLE[index % len(PEOPLE)]
        first = name.split()[0].lower()
        domain = next(c.domain for c in COMPANIES if c.name == app.company)
        create_contact(
            user, app, name=name, kind=kind, role=role, email=f"{first}@{domain}",
            notes=f"Met during the {app.title} process at {app.company}.",
        )  # fmt: skip
        if index == 0:
            # The referrer knows people at two of the companies.
            referrer = create_contact(
                user, app, name="Hanna Berg", kind=ContactKind.REFERRER,
                role="Former colleague", email="hanna.berg@mail.example",
                notes="Offered to pass my CV on; ask how the team is doing.",
            )  # fmt: skip
            if len(active) > 1:
                link_contact(referrer, active[1])


def _tasks(user, apps: list[Application], today) -> int:
    """Some due today, some overdue, some ahead, one done, one not about an application."""
    by_status: dict[str, list[Application]] = {}
    for app in apps:
        by_status.setdefault(app.status, []).append(app)

    def pick(status: str, n: int = 0) -> Application | None:
        group = by_status.get(status, [])
        return group[min(n, len(group) - 1)] if group else None

    day = timedelta(days=1)
    planned = [
        (pick(Status.INTERVIEWING), "Send a thank-you note after the first interview",
         TaskKind.THANK_YOU, today),
        (pick(Status.INTERVIEWING, 1), "Prepare two system design stories",
         TaskKind.PREPARE, today),
        (pick(Status.APPLIED), "Follow up with the recruiter", TaskKind.FOLLOW_UP,
         today - 2 * day),
        (pick(Status.APPLIED, 1), "Follow up with the recruiter", TaskKind.FOLLOW_UP,
         today + 4 * day),
        (pick(Status.ASSESSMENT), "Finish the take-home exercise", TaskKind.OTHER, today + 2 * day),
        (pick(Status.SAVED), "Apply before the posting closes", TaskKind.APPLY, today + day),
        (pick(Status.OFFER), "Decide on the offer", TaskKind.OTHER, today + 5 * day),
        (None, "Update the CV headline for platform roles", TaskKind.OTHER, today),
        (pick(Status.SCREENING), "Send the references they asked for", TaskKind.FOLLOW_UP,
         today - day),
    ]  # fmt: skip
    count = 0
    for app, title, kind, due in planned:
        add_task(user, title, application=app, due_on=due, kind=kind)
        count += 1
    done = add_task(user, "Research the team before the screening call",
                    application=pick(Status.SCREENING), due_on=today - 3 * day,
                    kind=TaskKind.PREPARE)  # fmt: skip
    set_done(done)
    return count + 1


def _notes(apps: list[Application]) -> None:
    for app in apps:
        if app.status in (Status.INTERVIEWING, Status.OFFER):
            app.notes = (
                f"Why {app.company}: the product matters and the team writes things down.\n\n"
                "Questions to ask: how on-call works, how decisions get made, what the first "
                "90 days look like."
            )
            app.save(update_fields=["notes", "updated_at"])


# --- Everything --------------------------------------------------------------------------------


@transaction.atomic
def build_demo(username: str = "demo", password: str | None = None, seed: int = 42) -> DemoResult:
    """Create (or rebuild from scratch) the demo account; never touches another account.
    Raises NotADemoAccount when `username` is someone's real account."""
    rng = random.Random(seed)
    now = timezone.now()
    user = _account(username, password)
    _clear(user)
    jobs = _jobs(user, rng, now)
    apps = _applications(user, jobs[:APPLICATIONS], rng, now)
    _people(user, apps)
    _notes(apps)
    tasks = _tasks(user, apps, timezone.localdate(now))
    extras = [
        answer
        for _, answer in demo_built.send(sender=Application, owner_id=user.pk, now=now)
        if answer
    ]
    return DemoResult(user, len(apps), len(jobs), tasks, extras)
