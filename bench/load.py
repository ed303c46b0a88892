"""The `mixed-load` bench case: gunicorn under mixed traffic while a scan and an email sync run.

A second process (bench/clients/mixed_load.py) sends capture POSTs, page views and searches to
gunicorn on 127.0.0.1. Meanwhile this process scans a Greenhouse-shaped board served from
127.0.0.1 and syncs a mailbox from a local Dovecot, through the same code the background
worker runs. Afterwards every capture the script saw accepted must be stored exactly once.
"""

import contextlib
import json
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client, override_settings

from applications.models import Application, Source, Status
from bench.harness import Result, case
from bench.load_servers import (
    BOARD_TOKEN,
    COMPANIES,
    FIRST_JOB_ID,
    LEVELS,
    LOCATIONS,
    ROLES,
    AtsServer,
    Background,
    database_for_other_processes,
    greenhouse_listing,
    seeded_mailbox,
    start_gunicorn,
)
from boards.canonical import canonical_url
from boards.claims import scan_claimed
from boards.models import Board, Job, ScanRun, ScanStatus
from jobtracker.services import issue_token
from mail.models import Email
from mail.tasks import sync_mailbox_task

MAX_LOAD_SECONDS = 40.0  # the script's own bound; the whole case stays under 60 s


@dataclass
class MixedLoad:
    """What one run measured and proved; `result()` is the bench table's row."""

    size: int
    vendor: str
    report: dict  # the load script's JSON
    scan: str = "not run"
    scan_ok: bool = False
    jobs_stored: int = 0
    jobs_listed: int = 0
    email: str = "not run"
    emails_stored: int | None = None
    emails_sent: int = 0
    proof: dict[str, str] = field(default_factory=dict)
    server_errors_logged: int = 0
    setup_seconds: float = 0.0

    def result(self) -> Result:
        r = self.report
        notes = {
            "db": self.vendor,
            "requests": str(r["requests"]),
            "seconds": f"{r['seconds']:.1f}",
            "p95": f"{r['p95_ms']:.0f}ms",
            "errors": str(r["errors"]),
            "unexpected": str(r["unexpected"]),
            "setup": f"{self.setup_seconds:.1f}s",
        }
        for kind, k in sorted(r["kinds"].items()):
            notes[kind] = f"{k['rate']:.0f}/s,p95={k['p95_ms']:.0f}ms,n={k['requests']}"
        notes["scan"] = self.scan
        notes["email_sync"] = self.email
        notes.update(self.proof)
        if self.server_errors_logged:
            notes["server_errors_logged"] = str(self.server_errors_logged)
        return Result("mixed-load", self.size, r["rate"], None, unit="req/s", notes=notes)


@case(
    "mixed-load",
    default_size=3000,
    description="captures, pages, searches vs gunicorn during a scan + email sync, ≤60 s",
)
def mixed_load(size: int) -> list[Result]:
    return [run_mixed_load(size).result()]


def run_mixed_load(
    size: int, *, seconds: float = 35.0, workers: int = 2, threads: int = 8
) -> MixedLoad:
    """Seed, serve, load, scan and sync at once; raise if a capture is not stored exactly once."""
    seconds = min(seconds, MAX_LOAD_SECONDS)
    began = time.monotonic()
    listed = max(50, min(400, size // 10))  # jobs on the board and messages in the mailbox
    user, token, session, board = _seed(listed)
    # gunicorn runs the production settings, whose cache (API throttling) is this table; under
    # the test settings nobody created it.
    call_command("createcachetable", "jobtracker_cache", verbosity=0)
    outcome = MixedLoad(size, connection.vendor, report={})
    with contextlib.ExitStack() as stack:
        ats = stack.enter_context(AtsServer(BOARD_TOKEN, greenhouse_listing(listed)))
        database_url = stack.enter_context(database_for_other_processes())
        server = stack.enter_context(start_gunicorn(database_url, workers))
        mailbox = stack.enter_context(seeded_mailbox(user, listed))  # while static files collect
        server.launch()
        server.wait_healthy()
        stack.enter_context(
            override_settings(
                ATS_API_BASES={"greenhouse": ats.url},
                HTTP_ALLOW_LOOPBACK=True,
                HTTP_MIN_INTERVAL_SECONDS=0,
                IMAP_ALLOW_PLAIN=True,
                IMAP_MAX_SECONDS_PER_RUN=seconds,
            )
        )
        script = Path(__file__).parent / "clients" / "mixed_load.py"
        load = subprocess.Popen(
            [sys.executable, str(script), str(server.port), "--token", token, "--session", session,
             "--requests", str(size), "--seconds", str(seconds), "--threads", str(threads),
             "--board-token", BOARD_TOKEN, "--board-ids", f"{FIRST_JOB_ID}:{listed}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        origin = time.monotonic()
        outcome.setup_seconds = origin - began
        time.sleep(0.5)  # the background work starts while the load is already running
        scan = Background(lambda: scan_claimed(board.pk), origin)
        sync = Background(lambda: sync_mailbox_task(mailbox.pk), origin) if mailbox else None
        try:
            out, err = load.communicate(timeout=seconds + 15)
        except subprocess.TimeoutExpired:
            load.kill()
            load.communicate()
            raise RuntimeError("the load script overran its bound and was killed") from None
        if load.returncode != 0:
            raise RuntimeError(f"the load script failed: {err.strip()[-2000:]}")
        load_ended = time.monotonic() - origin
        for work in (scan, sync):
            if work is not None:
                work.join(timeout=max(1.0, seconds + 5 - load_ended))
        outcome.report = json.loads(out.strip().splitlines()[-1])
        outcome.server_errors_logged = server.errors_logged()
        if outcome.report["errors"] or outcome.server_errors_logged:
            sys.stderr.write(f"  mixed-load server log: {server.tail()}\n")
        # Inside the block: on SQLite the rows are in the file copy, read before it goes.
        _describe_scan(outcome, scan, board, listed, load_ended)
        if mailbox:
            _describe_sync(outcome, sync, mailbox, listed, load_ended)
        elif settings.ENCRYPTION_KEY:
            outcome.email = "skipped (no dovecot)"
        else:
            outcome.email = "skipped (no ENCRYPTION_KEY to store the mailbox password)"
        server.begin_stop()  # it shuts down while the mail server does
        outcome.proof = prove_exactly_once(user, outcome.report)
    return outcome


def _seed(listed: int):
    """A user with an API token and a session, some applications and jobs, and a board."""
    user, _ = get_user_model().objects.get_or_create(username="bench-mixed")
    _, token = issue_token(user, "mixed-load")
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    jobs = Job.objects.bulk_create(
        Job(owner=user, identity=f"url:https://careers.example.org/seed/{n}", source_kind="manual",
            canonical_url=f"https://careers.example.org/seed/{n}",
            title=f"{LEVELS[n % 3]} {ROLES[n % len(ROLES)]}", company=COMPANIES[n % len(COMPANIES)],
            location=LOCATIONS[n % len(LOCATIONS)])
        for n in range(listed)
    )  # fmt: skip
    Application.objects.bulk_create(
        Application(owner=user, job=job, url=job.canonical_url, title=job.title,
                    company=job.company, status=Status.APPLIED, source=Source.MANUAL)
        for job in jobs[: listed // 2]
    )  # fmt: skip
    board = Board.objects.create(owner=user, name="Loadco", kind="greenhouse", token=BOARD_TOKEN)
    return user, token, session, board


def _describe_scan(outcome: MixedLoad, scan: Background, board, listed: int, load_ended: float):
    run = ScanRun.objects.filter(board=board).order_by("-pk").first()
    outcome.jobs_listed = listed
    outcome.jobs_stored = Job.objects.filter(
        owner=board.owner, identity__startswith=f"greenhouse:{BOARD_TOKEN}:"
    ).count()
    outcome.scan_ok = run is not None and run.status == ScanStatus.OK and scan.error is None
    status = "error" if scan.error else (run.status if run else "not run")
    outcome.scan = (
        f"{status} jobs={outcome.jobs_stored}/{listed} new={getattr(run, 'new', 0)} "
        f"updated={getattr(run, 'updated', 0)} {scan.timing(load_ended)}"
    )
    if scan.error or (run and run.error):
        outcome.scan += " error=" + str(scan.error or run.error).splitlines()[0]


def _describe_sync(outcome: MixedLoad, sync: Background, mailbox, sent: int, load_ended: float):
    outcome.emails_sent = sent
    outcome.emails_stored = Email.objects.filter(mailbox=mailbox).count()
    said = sync.error or sync.value
    outcome.email = f"stored={outcome.emails_stored}/{sent} ({said}) {sync.timing(load_ended)}"


def prove_exactly_once(user, report: dict) -> dict[str, str]:
    """Every capture the script saw accepted is one row, the row it was answered with; no row
    exists that nobody was told about (except from a request that failed on the way back)."""
    accepted: dict[str, list[int]] = report["accepted"]
    stored: dict[str, list[int]] = defaultdict(list)
    for pk, url in Application.objects.filter(owner=user, source=Source.EXTENSION).values_list(
        "pk", "url"
    ):
        stored[url].append(pk)
    problems = []
    for url, ids in accepted.items():
        if len(stored.get(url, [])) != 1:
            problems.append(f"{url} accepted but stored {len(stored.get(url, []))} times")
        elif ids != stored[url]:
            problems.append(f"{url} answered as rows {ids} but stored as {stored[url]}")
    may_exist = {canonical_url(u) for u in report["failed_captures"]}
    unannounced = set(stored) - set(accepted) - may_exist
    if unannounced:
        problems.append(f"{len(unannounced)} stored captures never accepted: "
                        f"{sorted(unannounced)[:3]}")  # fmt: skip
    twin_jobs = (
        Job.objects.filter(owner=user).values("identity").annotate(n=Count("pk")).filter(n__gt=1)
    )
    if twin_jobs.exists():
        problems.append(f"jobs stored twice: {[j['identity'] for j in twin_jobs[:3]]}")
    if problems:
        raise RuntimeError("exactly-once violated: " + "; ".join(problems[:5]))
    rows = sum(len(ids) for ids in stored.values())
    return {
        "exactly_once": "ok",
        "accepted_urls": str(len(accepted)),
        "captured_rows": str(rows),
        "unacknowledged_rows": str(rows - len(accepted)),
    }
