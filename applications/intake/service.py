"""The one intake: every way a posting enters (extension, bookmarklet, the add form, CSV
import, a board's "Track", a confirmation email, the API) comes through `take_in`.

Each entry finds or creates the `Job` by its stable identity (the ATS's id when the URL names
one, else the canonical URL, else the company and title) and the application for it, in one
transaction; the job's fields are merged by `boards.merge` so no source erases a richer one.
After commit, new jobs are announced for scoring and the posting is read in the background.
Idempotent: the same posting arriving twice, by any way in, is one job and one application.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from boards.canonical import IDENTITY_LENGTH, InvalidURL, canonical_and_detected, url_identity
from boards.merge import Origin, merge_into_job
from boards.models import Job
from boards.signals import postings_changed
from jobtracker.params import clean_text
from jobtracker.text import norm_company, norm_title

from ..models import ENDINGS, Application, EventKind, Source, Status
from ..services import change_status, fill_unedited, record_event
from .enrichment import keep_html
from .tasks import enqueue_enrichment

logger = logging.getLogger(__name__)

TEXT_LIMITS = {"title": 500, "company": 300, "location": 500, "salary": 200, "notes": 5000}
# Where the words of an entry came from, by the way it came in.
ORIGIN_FOR_SOURCE = {
    Source.EXTENSION: Origin.CAPTURE,
    Source.BOOKMARKLET: Origin.CAPTURE,
    Source.EMAIL: Origin.EMAIL,
    Source.MANUAL: Origin.PERSON,
    Source.IMPORT: Origin.PERSON,  # the user's own spreadsheet
    Source.BOARD: Origin.LISTING,
}


class IntakeError(ValueError):
    """The entry was refused; the message says why, for the person."""


@dataclass
class Entry:
    """One posting coming in. Only `source` is required; a URL, or a company or title."""

    source: str  # applications.models.Source
    url: str = ""
    title: str = ""
    company: str = ""
    location: str = ""
    salary: str = ""
    notes: str = ""
    status: str = Status.SAVED
    html: str | None = None  # the page as the browser saw it (login-walled postings)
    origin: Origin | None = None  # who wrote title/company/location; default by `source`
    job: Job | None = None  # a job already known (a board's "Track")
    applied_at: datetime | None = None  # when the person applied, if known (email, CSV)
    cause: str = ""  # the timeline's first entry, e.g. "Created from the email …"
    email_id: int | None = None
    extra: dict = field(default_factory=dict)  # more application fields (next_action, …)


@dataclass
class Taken:
    application: Application
    job: Job
    created: bool  # the application is new
    job_created: bool = False


@dataclass
class _Identity:
    key: str
    kind: str = "manual"
    board_token: str = ""
    external_id: str = ""
    canonical: str = ""
    # The same URL as stored before canonical URLs dropped the trailing slash (older rows).
    legacy_canonical: str = ""

    @property
    def keys(self) -> list[str]:
        # (A URL once cut to the column is not looked up by its cut key: two URLs sharing
        # that prefix would meet there. Its application is still found by its URL.)
        if self.legacy_canonical:
            return [self.key, url_identity(self.legacy_canonical)]
        return [self.key]


def with_trailing_slash(canonical: str) -> str:
    """The form a canonical URL had before the trailing-slash rule, or "" for the root."""
    parts = urlsplit(canonical)
    if parts.path.endswith("/") or not parts.path:  # the root, or a form that keeps its slash
        return ""
    return urlunsplit(parts._replace(path=parts.path + "/"))


def _clean(entry: Entry) -> dict:
    """Text fields with whitespace folded, NUL removed and cut to their columns."""
    values = {}
    for name, limit in TEXT_LIMITS.items():
        values[name] = clean_text(getattr(entry, name) or "", limit, fold=name != "notes")
    return values


def identify(url: str, company: str = "", title: str = "") -> _Identity:
    """A posting's stable identity: its ATS id, else its canonical URL, else its names."""
    if url:
        try:
            canonical, found = canonical_and_detected(url)
        except InvalidURL as exc:
            raise IntakeError(str(exc)) from exc
        if found.kind and found.board_token and found.job_id:
            key = f"{found.kind}:{found.board_token.lower()}:{found.job_id}"
            return _Identity(key[:IDENTITY_LENGTH], found.kind, found.board_token[:300],
                             found.job_id[:300], canonical)  # fmt: skip
        return _Identity(url_identity(canonical), canonical=canonical,
                         legacy_canonical=with_trailing_slash(canonical))  # fmt: skip
    # Names made only of punctuation or legal suffixes still name something: keep their text.
    company_key = norm_company(company) or company.strip().lower()
    title_key = norm_title(title) or title.strip().lower()
    if not (company_key or title_key):
        raise IntakeError("Give at least a URL, a title or a company.")
    return _Identity(f"name:{company_key}:{title_key}"[:IDENTITY_LENGTH])


def _job_for(user, ident: _Identity, values: dict, origin: Origin) -> tuple[Job, bool]:
    """The user's job with this identity, created when new; entry fields merged in."""
    incoming = {k: values[k] for k in ("title", "company", "location")}
    # The current key wins over a legacy one; one query either way.
    found = {j.identity: j for j in Job.objects.filter(owner=user, identity__in=ident.keys)}
    job = next((found[k] for k in ident.keys if k in found), None)
    if job is None:
        try:
            with transaction.atomic():
                job = Job(owner=user, identity=ident.key, source_kind=ident.kind,
                          board_token=ident.board_token, external_id=ident.external_id,
                          canonical_url=ident.canonical, is_new=False, seen=True,
                          already_applied=True)  # fmt: skip
                merge_into_job(job, incoming, origin)
                job.save()
                return job, True
        except IntegrityError:  # a concurrent entry (or a scan) created it first
            job = Job.objects.get(owner=user, identity=ident.key)
    merged = merge_into_job(job, incoming, origin)
    if merged.values:
        job.save(update_fields=merged.fields)
    return job, False


def _existing_application(user, job: Job, canonical: str, values: dict) -> Application | None:
    """The user's application for this posting: by its URL, else by its job (one query)."""
    urls = [canonical, legacy] if (legacy := with_trailing_slash(canonical)) else [canonical]
    if canonical:
        match = Q(url__in=urls)
    else:  # known by name only (also those added before every application had a job)
        match = Q(url="", company=values["company"], title=values["title"])
    if job.pk is not None:
        match |= Q(job=job)
    found = list(Application.objects.filter(match, owner=user).order_by("created_at")[:5])
    # The URL (or name) match wins over a job match: it is what the person sees.
    by_url = [a for a in found if (a.url in urls if canonical else not a.job_id)]
    return (by_url or found or [None])[0]


def _first_event(entry: Entry) -> tuple[str, str]:
    if entry.cause:
        return EventKind.CREATED, entry.cause
    if entry.source == Source.EXTENSION:
        return EventKind.CAPTURED, "Tracked from the extension"
    if entry.source == Source.IMPORT:
        return EventKind.IMPORTED, "Imported from CSV"
    if entry.source == Source.MANUAL:
        return EventKind.CREATED, "Added by hand"
    return EventKind.CREATED, f"Tracked from {Source(entry.source).label.lower()}"


def _new_application(user, entry: Entry, job: Job, canonical: str, values: dict) -> Application:
    applied = entry.applied_at
    if applied is None and entry.status == Status.APPLIED:
        applied = timezone.now()
    fields = {k: v for k, v in values.items() if v}
    fields.update({k: v for k, v in entry.extra.items() if v not in (None, "")})
    if applied is not None and entry.status in ENDINGS:
        # A rejection imported with an applied date got as far as applying.
        fields.setdefault("furthest_stage", Status.APPLIED)
    app = Application.objects.create(
        owner=user, job=job, url=canonical, source=entry.source, status=entry.status,
        applied_at=applied, **fields,
    )  # fmt: skip
    kind, text = _first_event(entry)
    record_event(app, kind, text, payload={"url": canonical} if canonical else {},
                 email_id=entry.email_id, occurred_at=entry.applied_at)  # fmt: skip
    return app


def _take_in(user, entry: Entry) -> Taken:
    if entry.status not in Status.values:
        raise IntakeError(f"unknown status {entry.status!r}")
    values = _clean(entry)
    origin = entry.origin or ORIGIN_FOR_SOURCE.get(entry.source, Origin.CAPTURE)
    if entry.job is not None:
        job, job_created = entry.job, False
        canonical = job.canonical_url
    else:
        ident = identify(entry.url, values["company"], values["title"])
        job, job_created = _job_for(user, ident, values, origin)
        canonical = ident.canonical
    existing = _existing_application(user, job, canonical, values)
    if existing is None:
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the transaction usable
                app = _new_application(user, entry, job, canonical, values)
            return Taken(app, job, True, job_created)
        except IntegrityError:  # a concurrent entry of the same URL won; use its row
            existing = _existing_application(user, job, canonical, values)
            if existing is None:
                raise
    return Taken(_fill_existing(existing, entry, job, values), job, False, job_created)


def _fill_existing(app: Application, entry: Entry, job: Job, values: dict) -> Application:
    """An application we had: fill what it lacks, never what a person edited."""
    changed = fill_unedited(app, {**values, **entry.extra, "applied_at": entry.applied_at})
    if app.job_id is None:
        app.job = job
        changed.append("job")
    if changed:
        app.save(update_fields=[*changed, "updated_at"])
    if entry.status == Status.APPLIED and app.status == Status.SAVED:
        # "Save as applied" on a saved posting is the person saying they applied.
        change_status(app, Status.APPLIED, by_user=True, cause="saved as applied",
                      evidence_at=entry.applied_at)  # fmt: skip
    return app


def _mark_tracked(job: Job) -> None:
    if not job.already_applied:
        Job.objects.filter(pk=job.pk).update(already_applied=True)
        job.already_applied = True


def take_in(user, entry: Entry) -> Taken:
    """Find or create the job and the application for one entry (see the module's text)."""
    return take_in_many(user, [entry])[0]


def take_in_many(user, entries: list[Entry]) -> list[Taken]:
    """Several entries in one transaction (a CSV import), announced together after commit."""
    with transaction.atomic():
        taken = [_take_in(user, entry) for entry in entries]
        for result in taken:
            _mark_tracked(result.job)
        transaction.on_commit(lambda: _after_commit(user.pk, entries, taken))
    for entry, result in zip(entries, taken, strict=True):
        logger.info("intake user=%s source=%s application=%s created=%s", user.pk, entry.source,
                    result.application.pk, result.created)  # fmt: skip
    return taken


def _after_commit(owner_id: int, entries: list[Entry], taken: list[Taken]) -> None:
    # New jobs, and known jobs newly tracked, are scored. They go out as "updated": "new" is
    # for what a scan found (the already-tracked check and the digest), and these are tracked.
    jobs = sorted({t.job.pk for t in taken if t.job_created or t.created})
    if jobs:
        try:  # scoring must never fail an intake that is already committed
            postings_changed.send(
                sender=Application, owner_id=owner_id, board_id=None,
                new_job_ids=[], updated_job_ids=jobs, scan_run_id=None,
            )  # fmt: skip
        except Exception:
            logger.exception("intake could not announce jobs owner=%s", owner_id)
    for entry, result in zip(entries, taken, strict=True):
        app = result.application
        if not app.url:
            continue
        if entry.html:
            keep_html(app.pk, entry.html)
        if result.created or entry.html:
            enqueue_enrichment(app.pk)
