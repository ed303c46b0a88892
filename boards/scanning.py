"""Scanning a board: fetch → filter → upsert by identity → close the absent → log the run.

Only rows whose content changed are written: an unchanged rescan reads one hash per job and
writes nothing (DESIGN.md: a blind upsert is ~40x slower). A scan that fails, or answers
with a different shape, or returns nothing from a board that had open jobs, is recorded as
a failure with a readable reason — never as a healthy zero.
"""

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from jobtracker.text import norm_company, norm_title

from . import http
from .canonical import IDENTITY_LENGTH, InvalidURL, canonical_url, url_identity
from .merge import merge_into_job, origin_for_kind, values_of
from .models import Board, CompanyRule, Job, ScanRun, ScanStatus
from .signals import postings_changed
from .sources import Listing, Posting, SourceError
from .sources.registry import get_source

logger = logging.getLogger(__name__)

REPOST_WINDOW = timedelta(days=90)
BACKOFF_MINUTES = (1, 5, 15)  # after the 1st, 2nd, 3rd failure in a row; then the interval
# A scan that ran out of time held a worker for its whole deadline: it waits at least its
# interval, doubled for each failure in a row, up to a day (or the interval if longer).
TIMEOUT_BACKOFF_MIN_MINUTES = 10
TIMEOUT_BACKOFF_CAP = timedelta(days=1)
CHUNK = 500
CONTENT_FIELDS = (
    "url",
    "title",
    "company",
    "location",
    "remote",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "description_html",
    "description_text",
    "posted_at",
)


def identity_for(kind: str, board_token: str, posting: Posting) -> str:
    if posting.external_id:
        return f"{kind}:{board_token.lower()}:{posting.external_id}"[:IDENTITY_LENGTH]
    try:
        return url_identity(canonical_url(posting.url))
    except InvalidURL:
        return ""


def content_hash(posting: Posting) -> str:
    parts = []
    for name in CONTENT_FIELDS:
        value = getattr(posting, name)
        parts.append(value.isoformat() if hasattr(value, "isoformat") else str(value or ""))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _lines(text: str) -> list[str]:
    return [line.strip().lower() for line in (text or "").splitlines() if line.strip()]


@dataclass
class Filters:
    include: list[str]
    exclude: list[str]
    locations: list[str]
    blocked: set[str]
    allowed: set[str]

    @classmethod
    def for_board(cls, board: Board) -> "Filters":
        rules = CompanyRule.objects.filter(owner_id=board.owner_id).values_list("company", "kind")
        blocked = {norm_company(c) for c, k in rules if k == CompanyRule.Kind.BLOCK}
        allowed = {norm_company(c) for c, k in rules if k == CompanyRule.Kind.ALLOW}
        return cls(
            _lines(board.include_keywords),
            _lines(board.exclude_keywords),
            _lines(board.location_keywords),
            blocked,
            allowed,
        )

    def keep(self, posting: Posting) -> bool:
        company = norm_company(posting.company)
        if company in self.blocked:
            return False
        if company and company in self.allowed:
            return True  # an allowed company passes the keyword filters
        title, location = posting.title.lower(), posting.location.lower()
        if self.include and not any(word in title for word in self.include):
            return False
        if any(word in title for word in self.exclude):
            return False
        return not (self.locations and not any(word in location for word in self.locations))


@dataclass
class ScanResult:
    run: ScanRun
    new_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    # Per job: the stored values a scan replaced, for the timelines of tracked applications.
    changes: dict[int, list[dict]] = field(default_factory=dict)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _link_reposts(board: Board, new_jobs: list[Job], now) -> None:
    """Link each new job to a recent job of the same company and title under another id."""
    companies = {j.company for j in new_jobs if j.company}
    if not companies:
        return
    recent = (
        Job.objects.filter(owner_id=board.owner_id, company__in=companies)
        .exclude(pk__in=[j.pk for j in new_jobs])
        .filter(first_seen_at__gte=now - REPOST_WINDOW - timedelta(days=365))
        .exclude(closed_at__lt=now - REPOST_WINDOW)
        .order_by("-first_seen_at")
        .values_list("pk", "company", "title", "identity")
    )
    earlier: dict[tuple[str, str], int] = {}
    for pk, company, title, _identity in recent:
        earlier.setdefault((norm_company(company), norm_title(title)), pk)
    linked = []
    for job in new_jobs:
        old = earlier.get((norm_company(job.company), norm_title(job.title)))
        if old:
            job.reposted_from_id = old
            linked.append(job)
    if linked:
        Job.objects.bulk_update(linked, ["reposted_from"], batch_size=CHUNK)


UPSERT_ATTEMPTS = 3


def upsert_postings(
    board: Board, run: ScanRun, postings: list[Posting], complete: bool
) -> ScanResult:
    """Write the scan's postings. Returns the ids of new and changed jobs.

    A capture can store one of these postings between our read and our insert (the unique
    identity per owner then refuses the insert): the whole write is rolled back and done
    again, now seeing that job as existing.
    """
    for attempt in range(1, UPSERT_ATTEMPTS + 1):
        try:
            return _upsert_once(board, run, postings, complete)
        except IntegrityError:
            if attempt == UPSERT_ATTEMPTS:
                raise
            logger.info("scan upsert raced a concurrent insert board=%s; again", board.pk)
    raise AssertionError("unreachable")  # pragma: no cover


def _merge_changed(board: Board, changed: list, now) -> dict[int, list[dict]]:
    """Write changed postings through the merge rules, so a thinner source (a CSS listing)
    never erases what a richer one (the ATS, the page's JSON-LD, a person) stored."""
    origin = origin_for_kind(board.kind)
    changes: dict[int, list[dict]] = {}
    for chunk in _chunks(changed):
        jobs = Job.objects.in_bulk([pk for pk, _, _ in chunk])
        for pk, digest, posting in chunk:
            job = jobs[pk]
            merged = merge_into_job(job, posting, origin)
            Job.objects.filter(pk=pk).update(
                content_hash=digest, last_seen_at=now, closed_at=None, **merged.values
            )
            if merged.changes:
                changes[pk] = [
                    {"field": c.group, "old": c.old, "new": c.new, "origin": c.origin.value}
                    for c in merged.changes
                ]
    return changes


def _upsert_once(board: Board, run: ScanRun, postings: list[Posting], complete: bool):
    now = timezone.now()
    result = ScanResult(run)
    by_identity: dict[str, Posting] = {}
    for posting in postings:
        identity = identity_for(board.kind, board.token, posting)
        if identity and identity not in by_identity:
            by_identity[identity] = posting
    identities = list(by_identity)

    existing: dict[str, tuple[int, str, object]] = {}
    for chunk in _chunks(identities):
        for pk, identity, digest, closed_at in Job.objects.filter(
            owner_id=board.owner_id, identity__in=chunk
        ).values_list("pk", "identity", "content_hash", "closed_at"):
            existing[identity] = (pk, digest, closed_at)

    new_jobs, changed = [], []
    for identity, posting in by_identity.items():
        digest = content_hash(posting)
        if identity not in existing:
            new_jobs.append(
                Job(
                    owner_id=board.owner_id,
                    board=board,
                    source_kind=board.kind,
                    board_token=board.token,
                    external_id=posting.external_id[:300],
                    identity=identity,
                    content_hash=digest,
                    first_seen_at=now,
                    last_seen_at=now,
                    **values_of(posting),
                )
            )
            continue
        pk, old_digest, closed_at = existing[identity]
        if old_digest != digest or closed_at is not None:
            changed.append((pk, digest, posting))

    with transaction.atomic():
        if new_jobs:
            Job.objects.bulk_create(new_jobs, batch_size=CHUNK)
            if new_jobs[0].pk is None:  # backends that return no ids: read them back
                ids = dict(
                    Job.objects.filter(
                        owner_id=board.owner_id, identity__in=[j.identity for j in new_jobs]
                    ).values_list("identity", "pk")
                )
                for job in new_jobs:
                    job.pk = ids[job.identity]
            _link_reposts(board, new_jobs, now)
        result.changes = _merge_changed(board, changed, now)
        closed = 0
        if complete:  # only a complete listing proves a job is gone
            seen = set(identities)
            open_jobs = Job.objects.filter(board=board, closed_at__isnull=True)
            absent = [
                pk for pk, ident in open_jobs.values_list("pk", "identity") if ident not in seen
            ]
            for chunk in _chunks(absent):
                closed += Job.objects.filter(pk__in=chunk).update(closed_at=now)
    result.new_ids = [j.pk for j in new_jobs]
    result.updated_ids = [pk for pk, _, _ in changed]
    run.new, run.updated = len(new_jobs), len(changed)
    run.unchanged = len(by_identity) - len(new_jobs) - len(changed)
    run.closed = closed
    return result


def scan_deadline_seconds() -> float:
    """How long one scan's fetches may take together: over before django-q stops the task
    (Q_CLUSTER timeout), with time left to store the jobs and record the run — a killed
    task records nothing, so its board would neither back off nor say why."""
    timeout = settings.Q_CLUSTER.get("timeout") or 300
    return max(timeout / 2, timeout - 60)


def _next_scan_after_failure(board: Board, now, *, timed_out: bool = False):
    failures = board.consecutive_failures
    if timed_out:
        interval = timedelta(minutes=max(board.scan_interval_minutes, TIMEOUT_BACKOFF_MIN_MINUTES))
        cap = max(TIMEOUT_BACKOFF_CAP, interval)
        return now + min(cap, interval * 2 ** min(failures - 1, 20))
    if failures <= len(BACKOFF_MINUTES):
        return now + timedelta(minutes=BACKOFF_MINUTES[failures - 1])
    return now + timedelta(minutes=board.scan_interval_minutes)


def _finish(
    board: Board, run: ScanRun, started: float, *, error: str = "", timed_out: bool = False
) -> None:
    now = timezone.now()
    run.finished_at = now
    run.duration_ms = int((time.monotonic() - started) * 1000)
    if error:
        run.status = ScanStatus.FAILED
        run.error = error[:2000]
    run.save()
    board.last_scan_at = now
    if run.status == ScanStatus.FAILED:
        board.consecutive_failures += 1
        board.last_error = run.error
        board.next_scan_at = _next_scan_after_failure(board, now, timed_out=timed_out)
    else:
        board.consecutive_failures = 0
        board.last_error = "" if run.status == ScanStatus.OK else run.error
        board.last_success_at = now
        board.next_scan_at = now + timedelta(minutes=board.scan_interval_minutes)
    board.save(
        update_fields=[
            "last_scan_at",
            "consecutive_failures",
            "last_error",
            "last_success_at",
            "next_scan_at",
        ]
    )


def _drop_broken_connection() -> None:
    """Close the connection if the database dropped it, so the next query reconnects."""
    conn = transaction.get_connection()
    if not conn.in_atomic_block:  # inside a caller's transaction, the caller decides
        conn.close_if_unusable_or_obsolete()


def scan(board: Board) -> ScanResult:
    """Scan one board now and record the run. Never raises for a source's failure."""
    started = time.monotonic()
    run = ScanRun.objects.create(board=board)
    limit = None
    try:
        # One deadline for all of the board's fetches (every page), not one per fetch.
        with http.deadline(scan_deadline_seconds()) as limit:
            listing = get_source(board.kind).list_postings(board)
    except SourceError as exc:
        slow = http.timed_out(exc) or (limit is not None and limit.expired)
        logger.warning("scan failed board=%s timed_out=%s error=%s", board.pk, slow, exc)
        _finish(board, run, started, error=str(exc), timed_out=slow)
        return ScanResult(run)
    except Exception as exc:  # a bug must not leave the run "running" forever
        logger.exception("scan crashed board=%s", board.pk)
        _finish(board, run, started, error=f"unexpected error ({exc.__class__.__name__}): {exc}")
        return ScanResult(run)

    try:
        return _store(board, run, listing, started)
    except DatabaseError as exc:
        # The database restarted or dropped our connection. Record it on a new connection,
        # so the board backs off and is retried instead of staying claimed with a run
        # "running" forever. The job writes are one transaction: none of them half-done.
        logger.warning("scan failed board=%s error=%s", board.pk, exc)
        _drop_broken_connection()
        _finish(board, run, started, error=f"database error ({exc.__class__.__name__}): {exc}")
        return ScanResult(run)


def _store(board: Board, run: ScanRun, listing: Listing, started: float) -> ScanResult:
    run.found = len(listing.postings)
    filters = Filters.for_board(board)
    kept = [p for p in listing.postings if filters.keep(p)]
    run.filtered = run.found - len(kept)
    open_before = Job.objects.filter(board=board, closed_at__isnull=True).count()
    if not listing.postings and open_before:
        _finish(
            board,
            run,
            started,
            error=f"the board answered with no jobs, but {open_before} were open: treated as a "
            "failure (the site may have changed or be down); nothing was closed",
        )
        return ScanResult(run)

    result = upsert_postings(board, run, kept, complete=listing.complete)
    # Right after the jobs are committed: were the run's own save to fail (the database went
    # away), the next scan would see these jobs as unchanged and never announce them.
    if result.new_ids or result.updated_ids:
        postings_changed.send(
            sender=Board,
            owner_id=board.owner_id,
            board_id=board.pk,
            new_job_ids=result.new_ids,
            updated_job_ids=result.updated_ids,
            scan_run_id=run.pk,
            changes=result.changes,
        )
    if listing.complete:
        run.status = ScanStatus.OK
    else:
        run.status = ScanStatus.PARTIAL
        run.error = "; ".join(listing.warnings)[:2000] or "some pages could not be read"
    _finish(board, run, started)
    logger.info(
        "scan done board=%s found=%s new=%s updated=%s closed=%s status=%s",
        board.pk, run.found, run.new, run.updated, run.closed, run.status,
    )  # fmt: skip
    return result
