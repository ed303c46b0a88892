"""What the `mixed-load` case runs against, all on 127.0.0.1: a Greenhouse-shaped listing
server, a Dovecot mailbox seeded with recruiting mail, gunicorn on a database that other
processes can open, and threads that run the worker's tasks in the background."""

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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection, connections

from bench.cases.mail import _BODIES, UNTHROTTLED, _database_url, _free_port
from mail.models import Mailbox, Security

BOARD_TOKEN = "loadco"
FIRST_JOB_ID = 7_000_000
SERVER_START_SECONDS = 15.0
COMPANIES = ["Acme Robotics", "Globex", "Initech", "Umbrella Health", "Hooli", "Stark Labs",
             "Wayne Data", "Cyberdyne", "Tyrell Systems", "Soylent Foods"]  # fmt: skip
ROLES = ["Backend Engineer", "Data Scientist", "Platform Engineer", "Product Manager",
         "Site Reliability Engineer", "Data Engineer", "Engineering Manager"]  # fmt: skip
LEVELS = ["Senior", "Staff", "Junior"]
LOCATIONS = ["Remote - Europe", "Berlin", "New York, NY", "Remote - US", "London (Hybrid)"]


class ServerDidNotStart(RuntimeError):
    """gunicorn did not answer on 127.0.0.1 in time (the test skips on this)."""


def greenhouse_listing(count: int) -> bytes:
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


class AtsServer:
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

    def __enter__(self) -> "AtsServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def recruiting_message(n: int) -> bytes:
    """Rejections, confirmations, interview invitations and job alerts from the companies."""
    from testkit.imap_server import make_message

    company, title = COMPANIES[n % len(COMPANIES)], ROLES[n % len(ROLES)]
    domain = company.lower().replace(" ", "") + ".com"
    kind = ["rejection", "received", "interview", "alert"][n % 4]
    subject = "New jobs for you" if kind == "alert" else f"Your application to {company}"
    return make_message(subject, _BODIES[kind].format(company=company, title=title),
                        sender=f"{company} Recruiting <jobs@{domain}>",
                        message_id=f"<load-{n}@{domain}>")  # fmt: skip


@contextlib.contextmanager
def seeded_mailbox(user, messages: int):
    """A Mailbox on a local Dovecot holding `messages` recruiting emails; None without one."""
    from testkit.imap_server import DOVECOT, PASSWORD, DovecotServer

    if not os.path.exists(DOVECOT) or not settings.ENCRYPTION_KEY:  # notes say "skipped"
        yield None
        return
    server = DovecotServer()
    try:
        account = server.add_user()
        client = server.client(account)
        try:
            for n in range(messages):
                client.append(
                    "INBOX", "", imaplib.Time2Internaldate(time.time()), recruiting_message(n)
                )
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
def database_for_other_processes():
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


class Gunicorn:
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
def start_gunicorn(database_url: str, workers: int):
    """A gunicorn to `launch()` once its static files are collected (started here)."""
    server = Gunicorn(database_url, workers)
    try:
        server.collect_static()
        yield server
    finally:
        server.stop()


class Background(threading.Thread):
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
