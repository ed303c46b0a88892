"""Benchmarks for capture: through the test client, and under load against gunicorn."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, override_settings

from applications.models import Application
from bench.harness import Result, case, latency_notes, timed
from jobtracker.services import issue_token

UNTHROTTLED = {"auth": "1000000000/m", "anon": "1000000000/m", "user": "1000000000/m"}


@case("capture", default_size=2000, description="POST /api/capture via the test client")
def capture_case(size: int) -> list[Result]:
    from jobtracker.api import api

    user, _ = get_user_model().objects.get_or_create(username="bench-capture")
    _, token = issue_token(user, "bench")
    client = Client()
    counter = iter(range(size * 2))
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    saved = [(t, t.num_requests) for t in api.throttle]
    for throttle, _ in saved:
        throttle.num_requests = 10**9
    try:
        with override_settings(ENRICHMENT_ENABLED=False, ROOT_URLCONF="bench.urls"):

            def one():
                body = json.dumps(
                    {"url": f"https://jobs.example.com/bench/{next(counter)}", "title": "Bench"}
                )
                response = client.post(
                    "/api/capture", body, content_type="application/json", **headers
                )
                if response.status_code != 201:
                    raise RuntimeError(f"capture answered {response.status_code}")

            durations = timed(one, size)
            bare = timed(lambda: client.get("/__bench__/bare/"), size)
    finally:
        for throttle, limit in saved:
            throttle.num_requests = limit
    stored = Application.objects.filter(owner=user).count()
    notes = {**latency_notes(durations), "stored": str(stored), "reference": "bare view"}
    return [Result("capture", size, size / sum(durations), size / sum(bare), "req/s", notes)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@case("capture-load", default_size=3000, description="concurrent captures against gunicorn, ≤30 s")
def capture_load(size: int) -> list[Result]:
    if connection.vendor != "postgresql":
        sys.stderr.write("  capture-load skipped: it needs PostgreSQL (SQLite allows one writer)\n")
        return []
    user, _ = get_user_model().objects.get_or_create(username="bench-load")
    _, token = issue_token(user, "load")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jobtracker.settings",
        "DATABASE_URL": _database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_RATE_AUTH": UNTHROTTLED["auth"],
        "ENRICHMENT_ENABLED": "false",
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "jobtracker.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--log-level", "warning"],
        cwd=settings.BASE_DIR, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):  # up to 10 s for the server to start
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        script = Path(__file__).parent.parent / "clients" / "capture_load.py"
        out = subprocess.run(
            [sys.executable, str(script), str(port), token, str(size), "30", "8"],
            capture_output=True, text=True, timeout=90, check=True,
        ).stdout  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = json.loads(out.strip().splitlines()[-1])
    stored = Application.objects.filter(owner=user).count()
    if stored != report["accepted_distinct"]:
        raise RuntimeError(f"accepted {report['accepted_distinct']} postings but stored {stored}")
    notes = {
        "p50": f"{report['p50_ms']:.1f}ms", "p95": f"{report['p95_ms']:.1f}ms",
        "requests": str(report["requests"]), "errors": str(report["errors"]),
        "accepted_postings": str(report["accepted_distinct"]), "stored": str(stored),
    }  # fmt: skip
    return [Result("capture-load", size, report["rate"], None, unit="req/s", notes=notes)]


# --- correlate: classification and correlation of stored emails ------------------------------

_BODIES = {
    "rejection": "Thank you for your interest in {company}. Unfortunately we have decided to "
    "move forward with other candidates for the {title} role.",
    "received": "Thank you for applying to {company}! We have received your application for "
    "the {title} position and will review it shortly.",
    "interview": "We would like to invite you to interview for the {title} role at {company}. "
    "Are you available on March 12 at 2:00 PM?",
    "alert": "New jobs for you: {title} at {company} and 24 more. Interview tips inside. "
    "Unsubscribe at any time.",
}


def _bench_emails(user, size: int, apps: int):
    """`apps` applications at apps*0.6 companies, and `size` emails of every kind of evidence."""
    from boards.models import Board, Job
    from mail.models import Email

    board = Board.objects.create(owner=user, kind="greenhouse", token="bench")
    companies = [f"Company{i} Labs" for i in range(int(apps * 0.6))]
    titles = ["Backend Engineer", "Data Scientist", "Product Manager", "SRE", "Designer"]
    jobs, rows = [], []
    teams = ["Payments", "Search", "Growth", "Platform", "Mobile", "Billing"]

    def title_of(i: int) -> str:  # two applications at one company differ in title
        return f"{titles[(i + i // len(companies)) % 5]}, {teams[(i // len(companies)) % 6]}"

    for i in range(apps):
        company, title = companies[i % len(companies)], title_of(i)
        jobs.append(Job(owner=user, board=board, source_kind="greenhouse", board_token="bench",
                        external_id=str(900000 + i), identity=f"greenhouse:bench:{900000 + i}",
                        title=title, company=company,
                        canonical_url=f"https://boards.greenhouse.io/bench/jobs/{900000 + i}"))  # fmt: skip  # noqa: E501
    jobs = Job.objects.bulk_create(jobs)
    for i, job in enumerate(jobs):
        rows.append(Application(owner=user, company=job.company, title=job.title, status="applied",
                                job=job if i % 2 else None))  # fmt: skip
    Application.objects.bulk_create(rows)
    emails = []
    for n in range(size):
        i = n % apps
        company, title = companies[i % len(companies)], title_of(i)
        kind = n % 5
        fields = {"subject": "Your application", "sender_name": "Recruiting",
                  "sender_email": "no-reply@greenhouse-mail.io"}  # fmt: skip
        body = _BODIES["rejection"].format(company=company, title=title)
        if kind == 0:  # posting link
            body += f"\nhttps://boards.greenhouse.io/bench/jobs/{900000 + i}"
        elif kind == 1:  # company domain
            fields["sender_email"] = f"jobs@company{i % len(companies)}labs.com"
        elif kind == 2:  # company in sender name, title separates
            fields["sender_name"] = f"{company} Hiring"
            fields["subject"] = f"Your application for {title}"
        elif kind == 3:  # job alert
            fields["sender_email"], fields["subject"] = "alert@indeed.com", "New jobs for you"
            body = _BODIES["alert"].format(company=company, title=title)
        else:  # confirmation from a company never applied to: creates an application
            fields["subject"] = f"Thank you for applying to Newco{n}"
            body = _BODIES["received"].format(company=f"Newco{n}", title=title)
        emails.append(Email(owner=user, identity=f"mid:bench-{n}", message_id=f"bench-{n}",
                            text=body, is_bulk=kind == 3, **fields))  # fmt: skip
    return [e.pk for e in Email.objects.bulk_create(emails, batch_size=1000)]


@case(
    "correlate",
    default_size=10_000,
    description="classify + correlate N emails against N/5 applications (pure, then with writes)",
)
def correlate_case(size: int) -> list[Result]:
    from mail.classify import classify_email
    from mail.correlate import correlate
    from mail.models import Email
    from mail.processing import build_index, facts_of, process_emails

    user, _ = get_user_model().objects.get_or_create(username="bench-correlate")
    ids = _bench_emails(user, size, max(size // 5, 10))
    emails = list(Email.objects.filter(pk__in=ids))
    index = build_index(user.pk, emails)
    facts = [facts_of(e) for e in emails]

    def pure():
        for email, fact in zip(emails, facts, strict=True):
            classify_email(email.subject, email.sender, email.text, list_headers=email.is_bulk)
            correlate(fact, index)

    pure_s = sum(timed(pure, 1))
    # Reference: the naive way, one indexed query per email for its sender's company.
    sample = emails[: min(size, 2000)]
    naive_s = sum(
        timed(
            lambda: [
                list(Application.objects.filter(owner=user, company__iexact=e.sender_name)[:5])
                for e in sample
            ],
            1,
        )
    )
    start = time.perf_counter()
    result = process_emails(ids)
    full_s = time.perf_counter() - start
    shares = {
        f"{stage}": f"{100 * count / size:.0f}%" for stage, count in sorted(result.by_stage.items())
    }
    shares["waiting"] = f"{100 * result.pending / size:.0f}%"
    naive_rate = len(sample) / naive_s
    return [
        Result("correlate (pure)", size, size / pure_s, naive_rate, "emails/s",
               {"reference": "one query per email", **shares}),
        Result("correlate (+writes)", size, size / full_s, naive_rate, "emails/s",
               {"reference": "one query per email", "created": str(result.created)}),
    ]  # fmt: skip
