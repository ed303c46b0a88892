"""Faults a self-hosted install meets: the database dropping our connection mid-scan, and a
worker killed mid-task. Each must end with the failure on record, the work retried, no
duplicate jobs and the next run complete.

The database fault needs PostgreSQL (pg_terminate_backend); the killed-worker test runs a real
`qcluster` in a subprocess against the test database, which the in-memory SQLite test database
cannot be shared for, so it needs PostgreSQL too. The claim timing it relies on is checked
on both databases by the unit-level tests at the end.
"""

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_q.models import OrmQ, Task
from django_q.tasks import async_task

from boards import claims, tasks
from boards.models import Board, Job, ScanRun, ScanStatus
from boards.tests.factories import make_board
from conftest import Route

REPO = Path(__file__).resolve().parents[2]
LISTING_PATH = "/v1/boards/acme/jobs"

needs_postgres = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="needs PostgreSQL (set DATABASE_URL=postgres://...)",
)


# --- Helpers -------------------------------------------------------------------------------------
def gh_job(n: int) -> dict:
    return {
        "id": 4000 + n,
        "title": f"Backend Engineer {n}",
        "absolute_url": f"https://job-boards.greenhouse.io/acme/jobs/{4000 + n}",
        "location": {"name": "Berlin"},
        "updated_at": "2026-11-01T10:00:00Z",
        "company_name": "Acme",
        "content": f"&lt;p&gt;Role {n}&lt;/p&gt;",
    }


LISTING = {"jobs": [gh_job(1), gh_job(2), gh_job(3)], "meta": {"total": 3}}


class GatedRoute(Route):
    """Answers like a Route, but the first request waits (in the server's thread) until the
    test opens the gate: the scan is then provably in the middle of its fetch."""

    def __init__(self, responses):
        super().__init__(responses)
        self.entered = threading.Event()
        self.gate = threading.Event()

    def next(self) -> dict:
        if self.calls == 0:
            self.entered.set()
            self.gate.wait(30)
        return super().next()


def gated_listing(http_server) -> GatedRoute:
    route = GatedRoute([{"body": LISTING}])
    http_server.routes[("*", LISTING_PATH)] = route
    return route


def job_identities(board: Board) -> list[str]:
    return list(Job.objects.filter(board=board).values_list("identity", flat=True))


def wait_until(predicate, deadline: float, what: str, poll: float = 0.2, explain=str):
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n{explain()}")
        time.sleep(poll)


def admin_connection():
    """A psycopg connection of our own, outside Django, to the test database."""
    import psycopg

    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        autocommit=True,
    )


@contextlib.contextmanager
def worker_thread():
    """One thread playing a queue worker: its own Django connection, kept from task to task."""
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        yield pool
    finally:
        pool.submit(lambda: connection.close()).result(30)  # this thread's connection
        pool.shutdown()


@pytest.fixture
def ats(http_server, settings):
    settings.ATS_API_BASES = {"greenhouse": http_server.url}
    return http_server


# --- (a) PostgreSQL drops the scanning connection ------------------------------------------------
@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_database_dropping_the_connection_mid_scan_is_recorded_and_the_next_scan_completes(
    alice, ats
):
    board = make_board(alice, token="acme")
    route = gated_listing(ats)

    with worker_thread() as worker:

        def backend_pid() -> int:
            connection.ensure_connection()
            return connection.connection.info.backend_pid

        pid = worker.submit(backend_pid).result(10)
        first = worker.submit(tasks.scan_board, board.pk)
        try:
            assert route.entered.wait(10), "the scan never asked for the listing"
            assert ScanRun.objects.get(board=board).status == ScanStatus.RUNNING
            # What a database restart does to every open session.
            with admin_connection() as admin:
                killed = admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
                assert killed
                wait_until(
                    lambda: (
                        not admin.execute(
                            "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]
                        ).fetchone()
                    ),
                    time.monotonic() + 10,
                    "the backend to go",
                )
        finally:
            route.gate.set()
        outcome = first.result(20)

        # The failure is on record, and the board is free and backs off to retry soon.
        run = ScanRun.objects.get(board=board)
        assert run.status == ScanStatus.FAILED and run.finished_at, run.error
        assert "database" in run.error.lower()
        assert outcome == {"run": run.pk, "status": "failed", "new": 0, "updated": 0}
        board.refresh_from_db()
        assert board.claimed_at is None
        assert board.consecutive_failures == 1 and board.last_error == run.error
        assert timezone.now() < board.next_scan_at <= timezone.now() + timedelta(minutes=1)
        assert not Job.objects.exists()  # nothing half-written

        # The same worker thread, on its next task, works normally (django-q runs
        # close_old_connections before each task).
        worker.submit(close_old_connections).result(10)
        second = worker.submit(tasks.scan_board, board.pk).result(20)
        third = worker.submit(tasks.scan_board, board.pk).result(20)

    assert (second["status"], second["new"]) == ("ok", 3)
    assert (third["status"], third["new"], third["updated"]) == ("ok", 0, 0)
    identities = job_identities(board)
    assert sorted(identities) == [f"greenhouse:acme:{4000 + n}" for n in (1, 2, 3)]
    board.refresh_from_db()
    assert board.consecutive_failures == 0 and board.claimed_at is None
    assert route.calls == 3


# --- (b) A worker killed mid-task ------------------------------------------------------------------
Q_TIMEOUT, Q_RETRY = 6, 16  # the real ratio squeezed: retry > timeout, so a killed task returns


class Cluster:
    """`manage.py qcluster` in its own process group, on the test database."""

    def __init__(self, tmp_path: Path, ats_url: str, name: str):
        self.tmp_path, self.name = tmp_path, name
        settings_module = tmp_path / "fault_settings.py"
        if not settings_module.exists():
            db_name = connection.settings_dict["NAME"]
            settings_module.write_text(
                textwrap.dedent(
                    f"""\
                    from jobtracker.settings_test import *  # noqa: F403

                    DATABASES["default"]["NAME"] = {db_name!r}  # noqa: F405
                    ATS_API_BASES = {{"greenhouse": {ats_url!r}}}
                    HTTP_READ_TIMEOUT = 30.0
                    Q_CLUSTER = {{
                        **Q_CLUSTER,  # noqa: F405
                        "workers": 1,
                        "timeout": {Q_TIMEOUT},
                        "retry": {Q_RETRY},
                        "sync": False,
                        "poll": 0.5,
                        "scheduler": False,  # only the task under test runs
                    }}
                    """
                )
            )
        self.log = tmp_path / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fault_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)]),
        }
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "manage.py", "qcluster"],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: sentinel, pusher, workers
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def kill(self) -> None:
        """SIGKILL the whole group: no cleanup code in any of its processes runs."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # already gone
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(5)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_scan_is_retried_and_the_board_is_scanned_once(alice, ats, tmp_path):
    deadline = time.monotonic() + 55
    board = make_board(alice, token="acme")
    route = gated_listing(ats)
    clusters: list[Cluster] = []
    try:
        clusters.append(Cluster(tmp_path, ats.url, "first"))
        task_id = async_task(
            "boards.tasks.scan_board", board.pk, task_name="scan under fault", sync=False
        )
        if not route.entered.wait(max(deadline - time.monotonic(), 0)):
            pytest.fail("the worker never fetched the listing:\n" + clusters[0].output())
        # Mid-task: the board is claimed, the run is open, the queued task is locked.
        killed_run = ScanRun.objects.get(board=board)
        assert killed_run.status == ScanStatus.RUNNING
        assert Board.objects.get(pk=board.pk).claimed_at is not None
        queued = OrmQ.objects.get()
        assert queued.lock > timezone.now()

        clusters[0].kill()
        route.gate.set()  # the dead worker's request now fails on a closed socket

        # Nothing of the task is lost: it waits in the queue for its lock to expire.
        assert OrmQ.objects.filter(pk=queued.pk).exists()
        assert not Task.objects.filter(id=task_id).exists()

        clusters.append(Cluster(tmp_path, ats.url, "second"))
        done = wait_until(
            lambda: Task.objects.filter(id=task_id).first(),
            deadline,
            "the re-delivered task to finish",
            explain=lambda: "\n".join(c.output() for c in clusters),
        )
    finally:
        route.gate.set()
        for cluster in clusters:
            cluster.kill()

    logs = "\n".join(c.output() for c in clusters)
    assert done.success, f"{done.result}\n{logs}"
    new_run = ScanRun.objects.exclude(pk=killed_run.pk).get(board=board)
    assert done.result == {"run": new_run.pk, "status": "ok", "new": 3, "updated": 0}, logs
    assert not OrmQ.objects.filter(pk=queued.pk).exists()  # acknowledged at last

    # The killed attempt is on record as a failure, not "running" forever.
    killed_run.refresh_from_db()
    assert killed_run.status == ScanStatus.FAILED and "interrupted" in killed_run.error
    assert killed_run.finished_at
    assert not ScanRun.objects.filter(status=ScanStatus.RUNNING).exists()

    # Scanned once, fully, with each job once; the board is free again.
    identities = job_identities(board)
    assert sorted(identities) == [f"greenhouse:acme:{4000 + n}" for n in (1, 2, 3)]
    board.refresh_from_db()
    assert board.claimed_at is None and board.last_success_at
    assert board.consecutive_failures == 0
    assert route.calls == 2  # the killed fetch and the retried one


# --- Claims left behind by a killed worker (both databases) ----------------------------------------
@pytest.mark.django_db
def test_a_killed_workers_task_redelivered_after_retry_takes_the_board_over(alice):
    retry = settings.Q_CLUSTER["retry"]
    board = make_board(alice)
    start = timezone.now()
    # The worker dequeued the task (the queue locks it for `retry`), claimed the board a
    # second later and was killed. The queue re-delivers the task when the lock expires.
    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        assert claims.claim(board.pk) is not None
        ScanRun.objects.create(board=board)
    with time_machine.travel(start + timedelta(seconds=retry), tick=False):
        assert claims.claim(board.pk) is not None


@pytest.mark.django_db
def test_a_live_scan_is_never_taken_over_while_its_task_may_still_run(alice):
    timeout = settings.Q_CLUSTER["timeout"]
    board = make_board(alice)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert claims.claim(board.pk) is not None
    # django-q stops a task at `timeout` (its guard allows 3 s more).
    with time_machine.travel(start + timedelta(seconds=timeout + 3), tick=False):
        assert claims.claim(board.pk) is None


@pytest.mark.django_db
def test_a_board_left_claimed_by_a_killed_worker_is_due_again_and_its_run_closed(alice):
    board = make_board(alice, next_scan_at=timezone.now() - timedelta(minutes=1))
    assert claims.claim(board.pk) is not None
    cut_off = ScanRun.objects.create(board=board)
    assert not claims.due_boards().filter(pk=board.pk).exists()  # held: a scan may be live

    later = timezone.now() + timedelta(seconds=settings.Q_CLUSTER["retry"])
    with time_machine.travel(later, tick=False):
        assert list(claims.due_boards().values_list("pk", flat=True)) == [board.pk]
        assert claims.claim(board.pk) is not None
    cut_off.refresh_from_db()
    assert cut_off.status == ScanStatus.FAILED and "interrupted" in cut_off.error
    assert cut_off.finished_at == later
