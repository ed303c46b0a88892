"""Capture: a posting seen in the browser (extension, bookmarklet) becomes an application.

One service for every entry point. Idempotent: the same posting captured twice — even from
two URLs of one ATS job, or with tracking parameters — is one job and one application.
Fields a person edited are never overwritten.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from applications.models import Application, Source, Status
from applications.services import change_status, track_posting
from boards.canonical import InvalidURL, canonical_url
from boards.models import Job
from boards.sources.detect import detect

from .enrichment import enqueue, keep_html

logger = logging.getLogger(__name__)

MAX_HTML = 2 * 1024 * 1024


class CaptureError(ValueError):
    """The capture was refused; the message says why."""


@dataclass
class Captured:
    application: Application
    job: Job
    created: bool


def _identity(url: str, canonical: str) -> tuple[str, str, str, str]:
    """(identity, source kind, board token, external id) for the captured posting's Job."""
    found = detect(url)
    if found.kind and found.board_token and found.job_id:
        token = found.board_token
        return f"{found.kind}:{token.lower()}:{found.job_id}", found.kind, token, found.job_id
    return f"url:{canonical}", "manual", "", ""


def _job_for(user, url: str, canonical: str, fields: dict) -> Job:
    identity, kind, token, external_id = _identity(url, canonical)
    job = Job.objects.filter(owner=user, identity=identity).first()
    if job is not None:
        return job
    try:
        with transaction.atomic():
            return Job.objects.create(
                owner=user,
                identity=identity,
                source_kind=kind,
                board_token=token,
                external_id=external_id,
                canonical_url=canonical,
                title=fields.get("title", "")[:500],
                company=fields.get("company", "")[:300],
                location=fields.get("location", "")[:500],
                is_new=False,
                seen=True,
                already_applied=True,
            )
    except IntegrityError:  # a concurrent capture created it first
        return Job.objects.get(owner=user, identity=identity)


def capture(
    user,
    url: str,
    *,
    title: str = "",
    company: str = "",
    location: str = "",
    status: str = Status.SAVED,
    notes: str = "",
    html: str | None = None,
    source: str = Source.EXTENSION,
) -> Captured:
    """Find or create the job and application for a posting URL."""
    try:
        canonical = canonical_url(url)
    except InvalidURL as exc:
        raise CaptureError(str(exc)) from exc
    if status not in (Status.SAVED, Status.APPLIED):
        raise CaptureError("a captured posting starts as saved or applied")
    fields = {
        k: " ".join((v or "").split())
        for k, v in {"title": title, "company": company, "location": location}.items()
    }
    with transaction.atomic():  # one commit for the job, the application and its event
        job, tracked = _track(user, url, canonical, fields, source, status, notes)
    app = tracked.application
    if not tracked.created and status == Status.APPLIED and app.status == Status.SAVED:
        # "Save as applied" on a saved posting is the person saying they applied.
        change_status(app, Status.APPLIED, by_user=True, cause="saved as applied")
    if html:
        keep_html(app.pk, html[:MAX_HTML])
    if tracked.created or html:
        enqueue(app.pk)
    logger.info("capture user=%s application=%s created=%s", user.pk, app.pk, tracked.created)
    return Captured(app, job, tracked.created)


def _track(user, url, canonical, fields, source, status, notes):
    job = _job_for(user, url, canonical, fields)
    tracked = track_posting(
        user,
        url,
        canonical=canonical,
        source=source,
        status=status,
        job=job,
        notes=(notes or "").strip(),
        **fields,
    )
    return job, tracked


def lookup(user, url: str) -> Application | None:
    """The user's application for this posting, if tracked (by its canonical URL)."""
    try:
        canonical = canonical_url(url)
    except InvalidURL:
        return None
    return Application.objects.filter(owner=user, url=canonical).first()
