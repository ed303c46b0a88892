"""Enrichment: read a tracked posting and fill in what the intake did not know.

Order: the ATS's API when the URL names one; else the page HTML the extension sent (that is
how login-walled pages work); else the page fetched through the guarded HTTP module, read for
schema.org JobPosting JSON-LD, then OpenGraph and headings. What is read is merged into the
job by `boards.merge` (a person's words and richer sources win); the application's fields
follow the job's unless a person edited them. Failures are retried by the task (see
applications.tasks); the last one is an `enrichment_failed` event with the reason.
"""

import logging
from dataclasses import dataclass

from django.core.cache import cache

from boards.merge import Origin, merge_into_job
from boards.models import Job
from boards.signals import postings_changed
from boards.sources import Posting, SourceError
from boards.sources.detect import detect
from boards.sources.jsonld import fetch_page, read_page
from boards.sources.registry import get_source

from ..models import Application, EventKind
from ..services import record_event

logger = logging.getLogger(__name__)

RETRY_MINUTES = (1, 5, 15)
HTML_TTL = 24 * 3600


def html_key(application_id: int) -> str:
    return f"capture-html:{application_id}"


def keep_html(application_id: int, html: str) -> None:
    """Hold the page HTML the extension sent until enrichment reads it."""
    cache.set(html_key(application_id), html, HTML_TTL)


@dataclass
class Outcome:
    status: str  # "done", "retry", "failed" or "gone"
    retry_in_minutes: int = 0


def read(url: str, html: str | None) -> tuple[Posting | None, Origin | None]:
    """The posting at `url` and where it was read. The ATS's API is asked once; when it
    fails, the page (as sent, else fetched) may still tell, and the API's error is raised
    only if it does not."""
    found = detect(url)
    api_error = None
    if found.kind and found.board_token and found.job_id:
        try:
            posting = get_source(found.kind).read_posting(url)
        except SourceError as exc:
            posting, api_error = None, exc
        if posting is not None:
            return posting, Origin.ATS
    if html:
        posting, how = read_page(html, url)
        if posting is not None:
            return posting, Origin(how)
    try:
        posting, how = fetch_page(url)
    except SourceError:
        if api_error is not None:
            raise api_error from None
        raise
    if posting is None and api_error is not None:
        raise api_error
    return posting, (Origin(how) if posting else None)


def _salary_text(job: Job) -> str:
    if not (job.salary_min or job.salary_max):
        return ""
    amounts = "–".join(f"{v:,.0f}" for v in (job.salary_min, job.salary_max) if v)
    period = f" per {job.salary_period}" if job.salary_period else ""
    return f"{job.salary_currency} {amounts}{period}".strip()


def apply(application: Application, posting: Posting, origin: Origin) -> list[str]:
    """Merge a posting into the job and let the application follow; returns what changed."""
    job = application.job
    changed: list[str] = []
    if job is not None:
        merged = merge_into_job(job, posting, origin)
        if merged.values:
            job.save(update_fields=merged.fields)
        changed = [c for c in merged.fields if c != "field_sources"]
        source = job
    else:  # an application from before every application had a job
        source = Job(title=posting.title, company=posting.company, location=posting.location,
                     salary_min=posting.salary_min, salary_max=posting.salary_max,
                     salary_currency=posting.salary_currency,
                     salary_period=posting.salary_period)  # fmt: skip
    follows = {name: getattr(source, name)[:limit] for name, limit in
               (("title", 500), ("company", 300), ("location", 500))}  # fmt: skip
    follows["salary"] = _salary_text(source)[:200]
    edited = set(application.user_edited_fields or [])
    filled = [
        name
        for name, value in follows.items()
        if value and name not in edited and getattr(application, name) != value
    ]
    for name in filled:
        setattr(application, name, follows[name])
    if filled:
        application.save(update_fields=[*filled, "updated_at"])
    return sorted({*changed, *filled})


def enrich(application_id: int, attempt: int = 1) -> Outcome:
    """Run one enrichment attempt."""
    application = Application.objects.select_related("job").filter(pk=application_id).first()
    if application is None or not application.url:
        return Outcome("gone")
    html = cache.get(html_key(application_id))
    try:
        posting, origin = read(application.url, html)
        reason = "" if posting else "no job details were found on the page"
    except SourceError as exc:
        posting, origin, reason = None, None, str(exc)
    if posting is None or origin is None:
        return _retry_or_fail(application, attempt, reason)
    filled = apply(application, posting, origin)
    cache.delete(html_key(application_id))
    record_event(
        application,
        EventKind.POSTING_ENRICHED,
        "Read the posting" + (f": filled {', '.join(filled)}" if filled else ""),
        payload={"filled": filled, "attempt": attempt, "origin": origin.value},
    )
    if application.job_id and filled:
        postings_changed.send(
            sender=Job, owner_id=application.owner_id, board_id=None,
            new_job_ids=[], updated_job_ids=[application.job_id], scan_run_id=None,
        )  # fmt: skip
    logger.info("enrichment done application=%s filled=%s", application_id, filled)
    return Outcome("done")


def _retry_or_fail(application: Application, attempt: int, reason: str) -> Outcome:
    if attempt <= len(RETRY_MINUTES):
        delay = RETRY_MINUTES[attempt - 1]
        logger.info(
            "enrichment retry application=%s attempt=%s in=%smin reason=%s",
            application.pk, attempt, delay, reason,
        )  # fmt: skip
        return Outcome("retry", delay)
    record_event(
        application,
        EventKind.ENRICHMENT_FAILED,
        f"Could not read the posting: {reason}"[:500],
        payload={"reason": reason, "attempts": attempt},
    )
    logger.warning("enrichment failed application=%s reason=%s", application.pk, reason)
    return Outcome("failed")
