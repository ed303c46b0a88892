"""Stored emails → label, application, and what that means for the application.

`process_emails(ids)` is called after every sync and by `manage.py reclassify`. It is safe to
run again: a person's decisions (links, labels, ignores) are kept, and each email's effects
(timeline event, status move) are applied once (`Email.effects_at`).
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from applications.intake.service import Entry, take_in
from applications.models import Application, EventKind, Source, Status
from applications.services import change_status, record_event
from jobtracker.text import norm_company, norm_title

from .classify import classify_email
from .correlate import AppRef, Index, MailFacts, Match, correlate, thread_ids
from .extract import company_from_email, interview_time, title_from_email
from .models import Email, Label, MailRule, Review, Stage
from .second_opinion import second_opinions

logger = logging.getLogger(__name__)

CHUNK = 500
# What each label says about the application's status (forward moves only; see change_status).
STATUS_FOR_LABEL = {
    Label.RECEIVED: Status.APPLIED,
    Label.REJECTION: Status.REJECTED,
    Label.INTERVIEW: Status.INTERVIEWING,
    Label.ASSESSMENT: Status.ASSESSMENT,
    Label.OFFER: Status.OFFER,
    Label.WITHDRAWN: Status.WITHDRAWN,
}
# Labels that say nothing about one application: linked only on hard evidence (thread, link).
WEAK_LABELS = {Label.OTHER, Label.OUTREACH}
INACTIVE = {Status.REJECTED, Status.WITHDRAWN, Status.ACCEPTED, Status.GHOSTED}
CREATE_MIN_CONFIDENCE = 0.8
USER_STAGES = {Stage.USER, Stage.CREATED}


@dataclass
class ProcessResult:
    processed: int = 0
    by_stage: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    created: int = 0
    pending: int = 0


SAVED_FIELDS = [
    "label", "confidence", "label_reasons", "application", "stage", "match_score",
    "match_reasons", "candidates", "review", "processed_at",
]  # fmt: skip


def process_emails(email_ids: Iterable[int], *, reclassify: bool = False) -> ProcessResult:
    result = ProcessResult()
    ids = sorted(set(email_ids))
    for start in range(0, len(ids), CHUNK):
        emails = list(Email.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("sent_at"))
        by_owner: dict[int, list[Email]] = defaultdict(list)
        for email in emails:
            by_owner[email.owner_id].append(email)
        # Model calls (opted-in mailboxes, unsure rules only) happen outside the transaction.
        opinions = second_opinions(emails, reclassify=reclassify)
        # One transaction per chunk: a crash leaves each email either processed with its
        # effects or untouched (processed again next time), and commits stay few.
        with transaction.atomic():
            for owner_id, owned in by_owner.items():
                index = build_index(owner_id, owned)
                for email in owned:
                    found = opinions.get(email.pk)
                    process_one(email, index, result, reclassify=reclassify, found=found)
            _save_outcomes(emails)
            apps = Application.objects.in_bulk({e.application_id for e in emails} - {None})
            for email in emails:
                if email.application_id and email.effects_at is None:
                    apply_effects(email, apps.get(email.application_id))
    return result


def _save_outcomes(emails: list[Email]) -> None:
    """One UPDATE per email, sent in a batch (executemany pipelines on psycopg 3)."""
    fields = [Email._meta.get_field(name) for name in SAVED_FIELDS]
    table = connection.ops.quote_name(Email._meta.db_table)
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    rows = [
        [f.get_db_prep_save(getattr(e, f.attname), connection) for f in fields] + [e.pk]
        for e in emails
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)


def build_index(owner_id: int, emails: list[Email]) -> Index:
    index = Index()
    rows = Application.objects.filter(owner_id=owner_id, archived=False).values_list(
        "id", "company", "title", "status", "updated_at", "url",
        "job__source_kind", "job__external_id", "job__canonical_url",
    )  # fmt: skip
    for app_id, company, title, status, updated, url, kind, ext_id, job_url in rows:
        ref = AppRef(
            app_id, norm_company(company), norm_title(title), status not in INACTIVE, updated
        )
        index.add_app(ref, url=url, kind=kind or "", job_id=ext_id or "")
        if job_url and job_url != url:
            index.add_app(ref, url=job_url)
    wanted = {mid for e in emails for mid in thread_ids(e.in_reply_to, e.references)}
    for chunk in _chunks(sorted(wanted)):
        for mid, app_id in Email.objects.filter(
            owner_id=owner_id, message_id__in=chunk, application__isnull=False
        ).values_list("message_id", "application_id"):
            index.by_message_id[mid] = app_id
    for kind, value, company in MailRule.objects.filter(owner_id=owner_id).values_list(
        "kind", "value", "company"
    ):
        index.rules[(kind, value)] = norm_company(company)
    return index


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def facts_of(email: Email) -> MailFacts:
    return MailFacts(
        sender_email=email.sender_email,
        sender_name=email.sender_name,
        subject=email.subject,
        text=email.text,
        in_reply_to=email.in_reply_to,
        references=email.references,
    )


def process_one(
    email: Email, index: Index, result: ProcessResult, *, reclassify=False, found=None
) -> None:
    if not email.labelled_by_user and (reclassify or email.processed_at is None):
        if found is None:
            found = classify_email(
                email.subject, email.sender, email.text, list_headers=email.is_bulk
            )
        email.label, email.confidence = found.label, round(found.confidence, 3)
        email.label_reasons = list(found.reasons)
    decided_by_user = email.stage in USER_STAGES or email.review == Review.IGNORED
    if not decided_by_user and email.effects_at is None:
        match = correlate(facts_of(email), index)
        _decide(email, match, index, result)
    email.processed_at = timezone.now()
    result.processed += 1
    if email.application_id and email.message_id:
        index.by_message_id[email.message_id] = email.application_id


def _decide(email: Email, match: Match, index: Index, result: ProcessResult) -> None:
    threshold = settings.EMAIL_AUTO_LINK_THRESHOLD
    strong_stage = match.stage in (Stage.THREAD, Stage.IDS)
    email.stage, email.match_score, email.match_reasons = match.stage, match.score, match.reasons
    email.candidates = match.candidates
    if email.label in WEAK_LABELS and not strong_stage:
        email.application_id, email.stage, email.match_score = None, "", None
        email.candidates = [{"id": match.application_id, "score": match.score,
                             "reasons": match.reasons}] if match.application_id else []  # fmt: skip
        email.review = Review.PENDING if email.label == Label.OUTREACH else Review.NONE
        result.pending += email.review == Review.PENDING
        return
    if match.application_id and match.score >= threshold:
        email.application_id, email.review = match.application_id, Review.LINKED
        result.by_stage[match.stage] += 1
        return
    email.application_id = None
    if match.application_id:  # evidence, but not enough: offer it first
        email.candidates = [
            {"id": match.application_id, "score": match.score, "reasons": match.reasons},
            *[c for c in match.candidates if c["id"] != match.application_id],
        ]
    if _should_create(email):
        _create_from_email(email, index, result)
        return
    email.review = Review.PENDING
    result.pending += 1


def _should_create(email: Email) -> bool:
    return (
        email.label == Label.RECEIVED
        and email.confidence >= CREATE_MIN_CONFIDENCE
        and not email.candidates
    )


def entry_from(email: Email, company: str, title: str, what: str) -> Entry:
    """An intake entry for an application that an email shows the user applied for."""
    return Entry(
        source=Source.EMAIL,
        company=company,
        title=title,
        status=Status.APPLIED,
        applied_at=email.sent_at or email.stored_at,
        cause=f"Created from {what} “{email.subject[:120]}”",
        email_id=email.pk,
    )


def _create_from_email(email: Email, index: Index, result: ProcessResult) -> None:
    company = company_from_email(email.subject, email.sender_name, email.sender_email, email.text)
    if not company:
        email.review = Review.PENDING
        email.match_reasons = [*email.match_reasons, "no application; company not readable"]
        result.pending += 1
        return
    title = title_from_email(email.subject, email.text)
    with transaction.atomic():  # a savepoint: a failed create leaves the chunk usable
        entry = entry_from(email, company, title, "the confirmation email")
        app = take_in(email.owner, entry).application
    index.add_app(AppRef(app.id, norm_company(company), norm_title(title), True, app.updated_at))
    email.application_id, email.stage, email.review = app.id, Stage.CREATED, Review.CREATED
    email.match_score = email.confidence
    email.match_reasons = [f"confirmation from {company}" + (f" for {title}" if title else "")]
    result.created += 1
    result.by_stage[Stage.CREATED] += 1


def apply_effects(email: Email, app: Application | None = None) -> None:
    """Timeline event, status move and interview date: once per email."""
    claimed = Email.objects.filter(pk=email.pk, effects_at__isnull=True).update(
        effects_at=timezone.now()
    )
    if not claimed:
        return
    if app is None or app.pk != email.application_id:
        app = Application.objects.filter(pk=email.application_id).first()
    if app is None:
        return
    when = email.sent_at or email.stored_at
    label = Label(email.label)
    record_event(
        app,
        EventKind.EMAIL_RECEIVED,
        f"{label.label}: {email.subject}"[:500],
        occurred_at=when,
        email_id=email.pk,
        payload={"label": label.value, "stage": email.stage,
                 "response": label not in (Label.RECEIVED, Label.OTHER, Label.WITHDRAWN)},
    )  # fmt: skip
    new_status = STATUS_FOR_LABEL.get(label)
    if new_status:
        change_status(
            app,
            new_status,
            by_user=False,
            cause=f"email “{email.subject[:80]}”",
            evidence_at=when,
            email_id=email.pk,
        )
    if label == Label.INTERVIEW:
        at = interview_time(f"{email.subject}\n{email.text}", sent_at=when)
        if at is not None:
            record_event(
                app,
                EventKind.INTERVIEW_SCHEDULED,
                f"Interview {at:%a %d %b %Y %H:%M}",
                email_id=email.pk,
                scheduled_for=at,
                occurred_at=when,
            )
