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
from jobtracker.benchmarks import Result, case, latency_notes, timed
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
        with override_settings(ENRICHMENT_ENABLED=False, ROOT_URLCONF="jobtracker.bench_urls"):

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
        script = Path(settings.BASE_DIR) / "scripts" / "capture_load.py"
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
