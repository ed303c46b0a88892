"""Enrichment: read a captured posting and fill in what the capture did not know.

Order: the ATS's API when the URL names one; else the page HTML the extension sent (that is
how login-walled pages work); else the page fetched through the guarded HTTP module; the page
is read for schema.org JobPosting JSON-LD, then OpenGraph and headings. Failures are retried
after 1, 5 and 15 minutes; the last one is an `enrichment_failed` event with the reason, and
the application stays usable. Nothing a person edited is overwritten.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from applications.models import Application, EventKind
from applications.services import fill_unedited, record_event
from boards.models import Job
from boards.signals import postings_changed
from boards.sources import Posting, SourceError
from boards.sources.detect import detect
from boards.sources.jsonld import extract_posting
from boards.sources.registry import get_source, read_posting_for_url

logger = logging.getLogger(__name__)

RETRY_MINUTES = (1, 5, 15)
HTML_TTL = 24 * 3600
JOB_FIELDS = ("title", "company", "location", "employment_type", "salary_currency", "salary_period",
              "description_html", "description_text")  # fmt: skip


def html_key(application_id: int) -> str:
    return f"capture-html:{application_id}"


def keep_html(application_id: int, html: str) -> None:
    """Hold the page HTML the extension sent until enrichment reads it."""
    cache.set(html_key(application_id), html, HTML_TTL)


def read(url: str, html: str | None) -> Posting | None:
    found = detect(url)
    if found.kind and found.board_token and found.job_id:
        try:
            posting = get_source(found.kind).read_posting(url)
        except SourceError:
            posting = None  # the API may be down; the page itself may still tell
        if posting is not None:
            return posting
    if html:
        posting = extract_posting(html, url)
        if posting is not None:
            return posting
    return read_posting_for_url(url)


def _salary_text(posting: Posting) -> str:
    if not (posting.salary_min or posting.salary_max):
        return ""
    amounts = "–".join(f"{v:,.0f}" for v in (posting.salary_min, posting.salary_max) if v)
    period = f" per {posting.salary_period}" if posting.salary_period else ""
    return f"{posting.salary_currency} {amounts}{period}".strip()


def apply(application: Application, posting: Posting) -> list[str]:
    """Fill the job and the application from a posting; returns the application fields set."""
    job = application.job
    if job is not None:
        changed = [f for f in JOB_FIELDS if getattr(posting, f) and not getattr(job, f)]
        for name in changed:
            setattr(job, name, getattr(posting, name))
        for name in ("salary_min", "salary_max", "posted_at"):
            if getattr(posting, name) and not getattr(job, name):
                setattr(job, name, getattr(posting, name))
                changed.append(name)
        if posting.remote != "unknown" and job.remote == "unknown":
            job.remote = posting.remote
            changed.append("remote")
        if changed:
            job.save(update_fields=changed)
    values = {
        "title": posting.title[:500],
        "company": posting.company[:300],
        "location": posting.location[:500],
        "salary": _salary_text(posting)[:200],
    }
    filled = fill_unedited(application, values)
    if filled:
        application.save(update_fields=[*filled, "updated_at"])
    return filled


def enrich(application_id: int, attempt: int = 1) -> str:
    """Run one enrichment attempt; returns "done", "retry", "failed" or "gone"."""
    application = Application.objects.select_related("job").filter(pk=application_id).first()
    if application is None or not application.url:
        return "gone"
    html = cache.get(html_key(application_id))
    try:
        posting = read(application.url, html)
        reason = "" if posting else "no job details were found on the page"
    except SourceError as exc:
        posting, reason = None, str(exc)
    if posting is None:
        return _retry_or_fail(application, attempt, reason)
    filled = apply(application, posting)
    cache.delete(html_key(application_id))
    record_event(
        application,
        EventKind.POSTING_ENRICHED,
        "Read the posting" + (f": filled {', '.join(filled)}" if filled else ""),
        payload={"filled": filled, "attempt": attempt},
    )
    if application.job_id:
        postings_changed.send(
            sender=Job, owner_id=application.owner_id, board_id=None,
            new_job_ids=[], updated_job_ids=[application.job_id], scan_run_id=None,
        )  # fmt: skip
    logger.info("enrichment done application=%s filled=%s", application_id, filled)
    return "done"


def _retry_or_fail(application: Application, attempt: int, reason: str) -> str:
    if attempt <= len(RETRY_MINUTES):
        from django_q.models import Schedule
        from django_q.tasks import schedule

        delay = RETRY_MINUTES[attempt - 1]
        schedule(
            "ingestion.tasks.enrich_application",
            application.pk,
            attempt + 1,
            schedule_type=Schedule.ONCE,
            repeats=1,
            next_run=timezone.now() + timedelta(minutes=delay),
        )
        logger.info(
            "enrichment retry application=%s attempt=%s in=%smin reason=%s",
            application.pk, attempt, delay, reason,
        )  # fmt: skip
        return "retry"
    record_event(
        application,
        EventKind.ENRICHMENT_FAILED,
        f"Could not read the posting: {reason}"[:500],
        payload={"reason": reason, "attempts": attempt},
    )
    logger.warning("enrichment failed application=%s reason=%s", application.pk, reason)
    return "failed"


def enqueue(application_id: int) -> bool:
    if not getattr(settings, "ENRICHMENT_ENABLED", True):
        return False
    from django_q.tasks import async_task

    async_task("ingestion.tasks.enrich_application", application_id,
               task_name=f"enrich application {application_id}")  # fmt: skip
    return True
