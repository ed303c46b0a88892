"""The `mixed-load` bench case: gunicorn under mixed traffic while a scan and an email sync run.

A second process (scripts/mixed_load.py) sends capture POSTs, page views and searches to
gunicorn on 127.0.0.1. Meanwhile this process scans a Greenhouse-shaped board served from
127.0.0.1 and syncs a mailbox from a local Dovecot, through the same code the background
worker runs. Afterwards every capture the script saw accepted must be stored exactly once.
"""

import contextlib
import html
import http.client
import imaplib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import Count
from django.test import Client, override_settings

from applications.models import Application, Source, Status
from boards.canonical import canonical_url
from boards.models import Board, Job, ScanRun, ScanStatus
from boards.scanning import scan_claimed
from ingestion.bench import _BODIES, UNTHROTTLED, _database_url, _free_port
from ingestion.models import Email, Mailbox, Security
from ingestion.tasks import sync_mailbox_task

from .benchmarks import Result, case
from .services import issue_token

BOARD_TOKEN = "loadco"
FIRST_JOB_ID = 7_000_000
MAX_LOAD_SECONDS = 40.0  # the script's own bound; the whole case stays under 60 s
SERVER_START_SECONDS = 15.0
COMPANIES = ["Acme Robotics", "Globex", "Initech", "Umbrella Health", "Hooli", "Stark Labs",
             "Wayne Data", "Cyberdyne", "Tyrell Systems", "Soylent Foods"]  # fmt: skip
ROLES = ["Backend Engineer", "Data Scientist", "Platform Engineer", "Product Manager",
         "Site Reliability Engineer", "Data Engineer", "Engineering Manager"]  # fmt: skip
LEVELS = ["Senior", "Staff", "Junior"]
LOCATIONS = ["Remote - Europe", "Berlin", "New York, NY", "Remote - US", "London (Hybrid)"]


class ServerDidNotStart(RuntimeError):
    """gunicorn did not answer on 127.0.0.1 in time (the test skips on this)."""


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
        ats = stack.enter_context(_AtsServer(BOARD_TOKEN, _greenhouse_listing(listed)))
        database_url = stack.enter_context(_database_for_other_processes())
        server = stack.enter_context(_gunicorn(database_url, workers))
        mailbox = stack.enter_context(_mailbox(user, listed))  # while static files collect
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
        script = Path(settings.BASE_DIR) / "scripts" / "mixed_load.py"
        load = subprocess.Popen(
            [sys.executable, str(script), str(server.port), "--token", token, "--session", session,
             "--requests", str(size), "--seconds", str(seconds), "--threads", str(threads),
             "--board-token", BOARD_TOKEN, "--board-ids", f"{FIRST_JOB_ID}:{listed}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        origin = time.monotonic()
        outcome.setup_seconds = origin - began
        time.sleep(0.5)  # the background work starts while the load is already running
        scan = _Background(lambda: scan_claimed(board.pk), origin)
        sync = _Background(lambda: sync_mailbox_task(mailbox.pk), origin) if mailbox else None
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


def _greenhouse_listing(count: int) -> bytes:
    """`GET /v1/boards/{token}/jobs?content=true` in Greenhouse's shape (entity-escaped HTML)."""
    jobs = []
    for n in range(count):
        job_id, title = FIRST_JOB_ID + n, f"{LEVELS[n % 3]} {ROLES[n % len(ROLES)]}"
        low = 60_000 + 1000 * (n % 40)
        jobs.append({
            "id": job_id, "title": title,
            "absolute_url": f"https://job-boards.greenhouse.io/{BOARD_TOKEN}/jobs/{job_id}",
            "location": {"name": LOCATIONS[n % len(LOCATIONS)]},
            "updated_at": "2026-11-01T10:00:00-04:00",
            "first_published": "2026-10-30T10:00:00-04:00", "company_name": "Loadco",
            "content": html.escape(f"<p>As a <strong>{title}</strong> you build Loadco.</p>"),
            "metadata": [{"name": "Salary Range", "value_type": "currency_range",
                          "value": {"unit": "USD", "min_value": f"{low}.0",
                                    "max_value": f"{low + 20_000}.0"}}],
        })  # fmt: skip
    return json.dumps({"jobs": jobs, "meta": {"total": count}}).encode()


class _AtsServer:
    """Greenhouse's job-board API on 127.0.0.1: one board's listing, served from memory."""

    def __init__(self, token: str, body: bytes):
        path = f"/v1/boards/{token}/jobs"

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                found = urlsplit(self.path).path == path
                payload = body if found else b'{"status": 404, "error": "Job board not found"}'
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "_AtsServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _message(n: int) -> bytes:
    """Rejections, confirmations, interview invitations and job alerts from the companies."""
    from ingestion.tests.imap_server import make_message

    company, title = COMPANIES[n % len(COMPANIES)], ROLES[n % len(ROLES)]
    domain = company.lower().replace(" ", "") + ".com"
    kind = ["rejection", "received", "interview", "alert"][n % 4]
    subject = "New jobs for you" if kind == "alert" else f"Your application to {company}"
    return make_message(subject, _BODIES[kind].format(company=company, title=title),
                        sender=f"{company} Recruiting <jobs@{domain}>",
                        message_id=f"<load-{n}@{domain}>")  # fmt: skip


@contextlib.contextmanager
def _mailbox(user, messages: int):
    """A Mailbox on a local Dovecot holding `messages` recruiting emails; None without one."""
    from ingestion.tests.imap_server import DOVECOT, PASSWORD, DovecotServer

    if not os.path.exists(DOVECOT) or not settings.ENCRYPTION_KEY:  # notes say "skipped"
        yield None
        return
    server = DovecotServer()
    try:
        account = server.add_user()
        client = server.client(account)
        try:
            for n in range(messages):
                client.append("INBOX", "", imaplib.Time2Internaldate(time.time()), _message(n))
        finally:
            client.logout()
        mailbox = Mailbox(owner=user, name="load", host="127.0.0.1", port=server.port,
                          security=Security.PLAIN, username=account)  # fmt: skip
        mailbox.set_password(PASSWORD)
        mailbox.save()
        yield mailbox
    finally:
        server.stop()


@contextlib.contextmanager
def _database_for_other_processes():
    """The DATABASE_URL of this database for gunicorn.

    SQLite's test database lives in this process's memory: it is copied to a file and this
    process (every thread) uses the copy until the case ends; the in-memory one is untouched.
    """
    if connection.vendor == "postgresql":
        yield _database_url()
        return
    if connection.vendor != "sqlite":
        raise RuntimeError(f"mixed-load runs on PostgreSQL or SQLite, not {connection.vendor}")
    if not connection.is_in_memory_db():
        yield f"sqlite:///{connection.settings_dict['NAME']}"
        return
    memory = connections["default"]
    memory.ensure_connection()
    directory = Path(tempfile.mkdtemp(prefix="jt-mixed-load-"))
    path = directory / "db.sqlite3"
    target = sqlite3.connect(path)
    try:
        memory.connection.backup(target)
    finally:
        target.close()
    # The settings dict is shared by every thread's connection: new ones open the file.
    name = memory.settings_dict["NAME"]
    memory.settings_dict["NAME"] = str(path)
    copy = connections.create_connection("default")
    connections["default"] = copy
    try:
        yield f"sqlite:///{path}"
    finally:
        copy.close()
        memory.settings_dict["NAME"] = name
        connections["default"] = memory
        shutil.rmtree(directory, ignore_errors=True)


class _Gunicorn:
    """gunicorn with the production settings on a free 127.0.0.1 port."""

    def __init__(self, database_url: str, workers: int):
        self.port, self.workers = _free_port(), workers
        self.dir = Path(tempfile.mkdtemp(prefix="jt-mixed-web-"))
        self.log = self.dir / "gunicorn.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "jobtracker.settings",
            "DATABASE_URL": database_url,
            "DATA_DIR": str(self.dir),
            "SECRET_KEY": settings.SECRET_KEY,  # the session cookie was signed with it
            "ENCRYPTION_KEY": settings.ENCRYPTION_KEY,
            "ALLOWED_HOSTS": "127.0.0.1",
            "API_RATE_AUTH": UNTHROTTLED["auth"],
            "ENRICHMENT_ENABLED": "false",
            "LOG_LEVEL": "WARNING",
        }
        self.collect: subprocess.Popen | None = None
        self.process: subprocess.Popen | None = None

    def collect_static(self) -> None:
        """Start collecting: pages need the static manifest, as in production (the admin's
        files are not used)."""
        self.collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0",
             "-i", "admin", "-i", "django_q", "-i", "ninja"],
            cwd=settings.BASE_DIR, env=self.env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def launch(self) -> None:
        try:
            _, err = self.collect.communicate(timeout=60)
            if self.collect.returncode != 0:
                raise ServerDidNotStart(f"collectstatic failed: {err.strip()[-1000:]}")
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "jobtracker.wsgi",
                 "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                 "--threads", "4", "--log-level", "warning", "--error-logfile", str(self.log),
                 "--preload"],  # one import of the app, not one per worker: a faster start
                cwd=settings.BASE_DIR, env=self.env, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            raise ServerDidNotStart(str(exc)) from exc

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerDidNotStart(
                    f"gunicorn exited ({self.process.returncode}): {self.tail()}"
                )
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            time.sleep(0.1)
        raise ServerDidNotStart(f"no answer within {SERVER_START_SECONDS:.0f}s: {self.tail()}")

    def begin_stop(self) -> None:
        """Signal both processes (SIGINT: gunicorn's quick shutdown); stop() waits for them."""
        for process, quit_signal in ((self.collect, signal.SIGTERM), (self.process, signal.SIGINT)):
            if process is not None and process.poll() is None:
                process.send_signal(quit_signal)

    def stop(self) -> None:
        self.begin_stop()
        for process in (self.collect, self.process):
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)

    def _lines(self) -> list[str]:
        return self.log.read_text(errors="replace").splitlines() if self.log.exists() else []

    def errors_logged(self) -> int:
        return sum("Traceback (most recent call last)" in line for line in self._lines())

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self._lines()[-lines:])


@contextlib.contextmanager
def _gunicorn(database_url: str, workers: int):
    """A gunicorn to `launch()` once its static files are collected (started here)."""
    server = _Gunicorn(database_url, workers)
    try:
        server.collect_static()
        yield server
    finally:
        server.stop()


class _Background(threading.Thread):
    """Runs one piece of background work now, noting when it ran relative to the load."""

    def __init__(self, func, origin: float):
        super().__init__(daemon=True)
        self.func, self.origin = func, origin
        self.value, self.error = None, None
        self.began = self.ended = None
        self.start()

    def run(self) -> None:
        self.began = time.monotonic() - self.origin
        try:
            self.value = self.func()
        except Exception as exc:  # reported in the notes, not lost in a thread
            self.error = exc
        finally:
            self.ended = time.monotonic() - self.origin
            connections.close_all()

    def timing(self, load_ended: float) -> str:
        if self.ended is None:
            return "still running"
        during = "during load" if self.ended <= load_ended else "outlasted load"
        return f"{self.ended - self.began:.1f}s@+{self.began:.1f}s ({during})"


def _describe_scan(outcome: MixedLoad, scan: _Background, board, listed: int, load_ended: float):
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


def _describe_sync(outcome: MixedLoad, sync: _Background, mailbox, sent: int, load_ended: float):
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
