"""The scanning service: idempotent upserts, closing, reposts, failures recorded honestly."""

from datetime import timedelta

import pytest
import time_machine
from django.db import OperationalError
from django.utils import timezone

from boards import claims, scanning
from boards.models import CompanyRule, Job, ScanRun, ScanStatus
from boards.signals import postings_changed
from boards.sources import Listing, ShapeError, SourceError

from .factories import make_board, posting

pytestmark = pytest.mark.django_db


class FakeSource:
    """Stands in for an ATS module: returns the listing (or raises) the test sets."""

    def __init__(self):
        self.result = Listing()

    def list_postings(self, board):
        if isinstance(self.result, Exception):
            raise self.result
        return self.result


@pytest.fixture
def source(monkeypatch):
    fake = FakeSource()
    monkeypatch.setattr(scanning, "get_source", lambda kind: fake)
    return fake


def test_first_scan_creates_jobs_and_a_healthy_run(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1), posting(2)])
    result = scanning.scan(board)
    run = result.run
    assert (run.status, run.found, run.new, run.updated, run.unchanged) == (
        ScanStatus.OK,
        2,
        2,
        0,
        0,
    )
    assert Job.objects.filter(owner=alice, board=board).count() == 2
    board.refresh_from_db()
    assert board.last_success_at and board.consecutive_failures == 0 and board.last_error == ""
    job = Job.objects.get(external_id="1")
    assert job.identity == f"greenhouse:{board.token}:1" and job.source_kind == "greenhouse"


def test_rescanning_the_same_postings_writes_nothing(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1), posting(2)])
    scanning.scan(board)
    before = list(Job.objects.order_by("pk").values_list("pk", "last_seen_at", "content_hash"))
    run = scanning.scan(board).run
    assert (run.new, run.updated, run.unchanged, run.closed) == (0, 0, 2, 0)
    after = list(Job.objects.order_by("pk").values_list("pk", "last_seen_at", "content_hash"))
    assert before == after


def test_a_changed_posting_is_updated_in_place(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1)])
    scanning.scan(board)
    source.result = Listing([posting(1, title="Staff Engineer 1")])
    run = scanning.scan(board).run
    assert (run.new, run.updated) == (0, 1)
    assert Job.objects.get().title == "Staff Engineer 1"


def test_jobs_absent_from_a_complete_scan_are_closed_and_reopen_when_back(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1), posting(2)])
    scanning.scan(board)
    source.result = Listing([posting(1)])
    assert scanning.scan(board).run.closed == 1
    assert Job.objects.get(external_id="2").closed_at is not None
    source.result = Listing([posting(1), posting(2)])
    run = scanning.scan(board).run
    assert run.updated == 1 and Job.objects.get(external_id="2").closed_at is None


def test_a_partial_scan_closes_nothing(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1), posting(2)])
    scanning.scan(board)
    source.result = Listing([posting(1)], complete=False, warnings=["page 2: timed out"])
    run = scanning.scan(board).run
    assert run.status == ScanStatus.PARTIAL and run.closed == 0 and "page 2" in run.error
    assert not Job.objects.filter(closed_at__isnull=False).exists()


def test_zero_jobs_from_a_board_that_had_jobs_is_a_failure_not_a_healthy_zero(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1)])
    scanning.scan(board)
    source.result = Listing([])
    run = scanning.scan(board).run
    assert run.status == ScanStatus.FAILED and "no jobs" in run.error
    assert Job.objects.get().closed_at is None
    board.refresh_from_db()
    assert board.consecutive_failures == 1 and board.last_error


def test_an_empty_new_board_is_an_honest_ok(alice, source):
    board = make_board(alice)
    source.result = Listing([])
    assert scanning.scan(board).run.status == ScanStatus.OK


@pytest.mark.parametrize("error", [SourceError("acme answered 500"), ShapeError("no 'jobs' list")])
def test_source_errors_are_recorded_with_their_reason(alice, source, error):
    board = make_board(alice)
    source.result = error
    run = scanning.scan(board).run
    assert run.status == ScanStatus.FAILED and str(error) in run.error and run.finished_at


def test_an_unexpected_crash_is_recorded_too(alice, source):
    board = make_board(alice)
    source.result = RuntimeError("bug")
    run = scanning.scan(board).run
    assert run.status == ScanStatus.FAILED and "RuntimeError" in run.error
    assert not ScanRun.objects.filter(status=ScanStatus.RUNNING).exists()


def test_failures_back_off_1_5_15_minutes_then_the_interval(alice, source):
    board = make_board(alice, scan_interval_minutes=360)
    source.result = SourceError("down")
    waits = []
    for _ in range(4):
        before = timezone.now()
        scanning.scan(board)
        board.refresh_from_db()
        waits.append(round((board.next_scan_at - before).total_seconds() / 60))
    assert waits == [1, 5, 15, 360]
    source.result = Listing([posting(1)])
    scanning.scan(board)
    board.refresh_from_db()
    assert board.consecutive_failures == 0


def test_keyword_location_and_company_filters(alice, source):
    board = make_board(
        alice,
        include_keywords="engineer\ndeveloper",
        exclude_keywords="intern",
        location_keywords="berlin\nremote",
    )
    CompanyRule.objects.create(owner=alice, company="Evil Corp GmbH", kind=CompanyRule.Kind.BLOCK)
    source.result = Listing(
        [
            posting(1),
            posting(2, title="Engineering Intern"),
            posting(3, title="Designer"),
            posting(4, location="Paris"),
            posting(5, company="Evil Corp"),
            posting(6, title="Developer", location="Remote, EU"),
        ]
    )
    run = scanning.scan(board).run
    assert (run.found, run.filtered, run.new) == (6, 4, 2)
    assert set(Job.objects.values_list("external_id", flat=True)) == {"1", "6"}


def test_a_repost_under_a_new_id_links_to_the_old_job(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1, title="Senior Engineer (m/w/d)")])
    scanning.scan(board)
    with time_machine.travel(timezone.now() + timedelta(days=20)):
        source.result = Listing([posting(99, title="Senior Engineer")])
        scanning.scan(board)
    old, new = Job.objects.get(external_id="1"), Job.objects.get(external_id="99")
    assert old.closed_at is not None and new.reposted_from_id == old.pk


def test_a_job_older_than_90_days_is_not_a_repost(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1)])
    scanning.scan(board)
    source.result = Listing([posting(2)])
    scanning.scan(board)  # closes 1
    with time_machine.travel(timezone.now() + timedelta(days=120)):
        source.result = Listing([posting(3, title="Engineer 1")])
        scanning.scan(board)
    assert Job.objects.get(external_id="3").reposted_from_id is None


def test_duplicate_postings_in_one_listing_make_one_job(alice, source):
    board = make_board(alice)
    source.result = Listing([posting(1), posting(1)])
    assert scanning.scan(board).run.new == 1


def test_a_capture_storing_a_posting_mid_scan_does_not_fail_the_scan(alice, source, monkeypatch):
    board = make_board(alice)
    source.result = Listing([posting(1), posting(2)])
    real_hash, raced = scanning.content_hash, []

    def hash_then_race(item):
        if not raced:  # after the scan read what exists, before it inserts: a capture lands
            raced.append(Job.objects.create(
                owner=alice, identity=scanning.identity_for(board.kind, board.token, item),
                title="Captured", canonical_url="https://example.com/captured",
            ))  # fmt: skip
        return real_hash(item)

    monkeypatch.setattr(scanning, "content_hash", hash_then_race)
    result = scanning.scan(board)

    assert result.run.status == ScanStatus.OK
    assert (result.run.new, result.run.updated) == (1, 1)
    assert Job.objects.filter(owner=alice).count() == 2
    assert Job.objects.get(pk=raced[0].pk).board_id is None  # the capture's row, updated


def test_postings_without_ids_use_the_canonical_url(alice, source):
    board = make_board(alice, kind="html", token="")
    source.result = Listing(
        [posting(1, external_id="", url="https://Example.com/jobs/1?utm_source=x#top")]
    )
    scanning.scan(board)
    assert Job.objects.get().identity == "url:https://example.com/jobs/1"


def test_each_owner_has_their_own_copy_of_a_posting(alice, bob, source):
    source.result = Listing([posting(1)])
    scanning.scan(make_board(alice, token="acme"))
    scanning.scan(make_board(bob, token="acme"))
    assert (
        Job.objects.filter(owner=alice).count() == 1 and Job.objects.filter(owner=bob).count() == 1
    )


def test_postings_changed_is_sent_with_new_and_updated_ids(alice, source):
    board = make_board(alice)
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    postings_changed.connect(listener)
    try:
        source.result = Listing([posting(1)])
        scanning.scan(board)
        scanning.scan(board)  # unchanged: no signal
        source.result = Listing([posting(1, title="New title"), posting(2)])
        scanning.scan(board)
    finally:
        postings_changed.disconnect(listener)
    assert len(received) == 2
    assert len(received[1]["new_job_ids"]) == 1 and len(received[1]["updated_job_ids"]) == 1
    assert received[0]["owner_id"] == alice.pk


def test_jobs_stored_before_the_database_failed_are_still_announced(alice, source, monkeypatch):
    board = make_board(alice)
    source.result = Listing([posting(1), posting(2)])
    received, real_finish = [], scanning._finish

    def finish_fails_once(*args, **kwargs):
        if not kwargs.get("error"):  # the run's own save, after the jobs were committed
            raise OperationalError("server closed the connection unexpectedly")
        return real_finish(*args, **kwargs)

    monkeypatch.setattr(scanning, "_finish", finish_fails_once)
    postings_changed.connect(listener := lambda sender, **kw: received.append(kw))
    try:
        result = scanning.scan(board)
    finally:
        postings_changed.disconnect(listener)

    assert result.run.status == ScanStatus.FAILED and "database error" in result.run.error
    assert Job.objects.filter(owner=alice).count() == 2
    assert [len(r["new_job_ids"]) for r in received] == [2]


def test_only_one_of_two_claims_wins(alice):
    board = make_board(alice)
    assert claims.claim(board.pk) is not None
    assert claims.claim(board.pk) is None
    claims.release(board.pk)
    assert claims.claim(board.pk) is not None


def test_a_stale_claim_can_be_taken_over(alice):
    board = make_board(alice)
    claims.claim(board.pk)
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert claims.claim(board.pk) is not None


def test_disabled_or_missing_boards_are_not_claimed(alice):
    board = make_board(alice, enabled=False)
    assert claims.claim(board.pk) is None
    assert claims.claim(999999) is None


def test_a_greenhouse_board_scanned_over_real_http(alice, http_server, settings):
    settings.ATS_API_BASES = {"greenhouse": http_server.url}
    job = {
        "id": 11,
        "title": "SRE",
        "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/11",
        "location": {"name": "Remote"},
        "content": "&lt;p&gt;Keep it up&lt;/p&gt;",
        "company_name": "Acme",
    }
    http_server.route("/v1/boards/acme/jobs", body={"jobs": [job]})
    board = make_board(alice, token="acme")
    run = scanning.scan(board).run
    assert run.status == ScanStatus.OK and run.new == 1
    assert Job.objects.get().description_html == "<p>Keep it up</p>"
    http_server.route("/v1/boards/acme/jobs", status=503, body="maintenance")
    run = scanning.scan(board).run
    assert run.status == ScanStatus.FAILED and "503" in run.error
