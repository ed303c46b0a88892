"""Capture: a posting seen in the browser (extension, bookmarklet, API) enters the intake.

Idempotent: the same posting captured twice — even from two URLs of one ATS job, or with
tracking parameters — is one job and one application. Fields a person edited are never
overwritten.
"""

from boards.canonical import InvalidURL, canonical_url

from ..models import Application, Source, Status
from .service import Entry, IntakeError, Taken, take_in, with_trailing_slash

MAX_HTML = 2 * 1024 * 1024
CaptureError = IntakeError  # the name the API and the capture page use


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
) -> Taken:
    """Find or create the job and application for a posting URL."""
    if status not in (Status.SAVED, Status.APPLIED):
        raise CaptureError("a captured posting starts as saved or applied")
    if not (url or "").strip():
        raise CaptureError("a capture needs the posting's URL")
    entry = Entry(source=source, url=url, title=title, company=company, location=location,
                  status=status, notes=notes, html=html[:MAX_HTML] if html else None)  # fmt: skip
    return take_in(user, entry)


def lookup(user, url: str) -> Application | None:
    """The user's application for this posting, if tracked (by its canonical URL)."""
    try:
        canonical = canonical_url(url)
    except InvalidURL:
        return None
    urls = [canonical, legacy] if (legacy := with_trailing_slash(canonical)) else [canonical]
    return Application.objects.filter(owner=user, url__in=urls).order_by("created_at").first()
