"""Writes for applications: the timeline, status rules and a person's edits. New applications
come in through `applications.intake`."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import (
    ENDINGS,
    STATUS_RANK,
    Actor,
    Application,
    Contact,
    Event,
    EventKind,
    Status,
)

logger = logging.getLogger(__name__)

# Fields a person can edit that automation (enrichment, email, import) must then leave alone.
EDITABLE_FIELDS = ("company", "title", "location", "salary", "notes", "next_action", "url")


def record_event(
    application: Application,
    kind: str,
    text: str = "",
    *,
    actor: str = Actor.SYSTEM,
    payload: dict | None = None,
    occurred_at=None,
    email_id: int | None = None,
    scan_run_id: int | None = None,
    document_id: int | None = None,
    scheduled_for=None,
) -> Event | None:
    """Append one event to an application's timeline. Never raises into its caller.

    A failure to record history must not undo the change it describes, so errors are logged
    and None is returned. Runs in a savepoint so a failed insert leaves the transaction usable.
    """
    try:
        with transaction.atomic():
            event = Event.objects.create(
                application=application,
                kind=kind,
                text=(text or "")[:500],
                actor=actor,
                payload=payload or {},
                occurred_at=occurred_at or timezone.now(),
                email_id=email_id,
                scan_run_id=scan_run_id,
                document_id=document_id,
                scheduled_for=scheduled_for,
            )
            if is_response(kind, payload or {}):
                _note_response(application, event.occurred_at)
            return event
    except Exception:
        logger.exception(
            "event not recorded application=%s kind=%s", getattr(application, "pk", None), kind
        )
        return None


RESPONSE_KINDS = {
    EventKind.EMAIL_RECEIVED,
    EventKind.REJECTION_RECEIVED,
    EventKind.ASSESSMENT_RECEIVED,
    EventKind.INTERVIEW_SCHEDULED,
    EventKind.OFFER_RECEIVED,
}
RESPONSE_STATUSES = {Status.SCREENING, Status.ASSESSMENT, Status.INTERVIEWING, Status.OFFER,
                     Status.REJECTED}  # fmt: skip


def is_response(kind: str, payload: dict) -> bool:
    """Does this event show the employer answered? (The dashboard's response rate.)

    A caller may say `payload["response"] = False` (an automatic confirmation email is not
    an answer from a person).
    """
    if payload.get("response") is False:
        return False
    return kind in RESPONSE_KINDS or (
        kind == EventKind.STATUS_CHANGED and payload.get("to") in RESPONSE_STATUSES
    )


def _note_response(application: Application, when) -> None:
    applied = application.applied_at
    if applied is None or when < applied - timedelta(hours=1):
        return  # not after applying: not a response to the application
    first = application.first_response_at
    if first is None or when < first:
        Application.objects.filter(pk=application.pk).update(first_response_at=when)
        application.first_response_at = when


def is_forward(current: str, new: str) -> bool:
    """True when `new` is further along the pipeline than `current`.

    Endings (rejected, withdrawn, ghosted) rank after every active stage, so automation may
    end an application from any active stage, but never revive or re-end one.
    """
    if current in ENDINGS:
        return False
    return STATUS_RANK[new] > STATUS_RANK[current]


@dataclass
class StatusChange:
    changed: bool
    reason: str = ""  # why nothing changed, for logs and the review inbox


def change_status(
    application: Application,
    new_status: str,
    *,
    by_user: bool,
    cause: str = "",
    evidence_at=None,
    email_id: int | None = None,
    payload: dict | None = None,
) -> StatusChange:
    """Move an application to `new_status` and record why.

    People may move anything anywhere. Automation (by_user=False) only moves forward, never
    to accepted, and never over a status a person set after the evidence (`evidence_at`,
    e.g. the email's date) was created.
    """
    if new_status not in Status.values:
        raise ValueError(f"unknown status {new_status!r}")
    old = application.status
    if new_status == old:
        return StatusChange(False, "already in that status")
    if not by_user:
        if new_status == Status.ACCEPTED:
            return StatusChange(False, "only a person can accept an offer")
        if not is_forward(old, new_status):
            return StatusChange(False, f"automation never moves {old} back to {new_status}")
        manual = application.status_set_manually_at
        if manual and evidence_at and manual > evidence_at:
            return StatusChange(False, "a person set the status after this evidence")
    now = timezone.now()
    application.status = new_status
    application.status_changed_at = now
    fields = ["status", "status_changed_at", "updated_at"]
    if by_user:
        application.status_set_manually_at = now
        fields.append("status_set_manually_at")
    if new_status == Status.APPLIED and application.applied_at is None:
        application.applied_at = evidence_at or now
        fields.append("applied_at")
    application.save(update_fields=fields)
    record_event(
        application,
        EventKind.STATUS_CHANGED,
        f"{Status(old).label} → {Status(new_status).label}" + (f" ({cause})" if cause else ""),
        actor=Actor.USER if by_user else Actor.SYSTEM,
        payload={"from": old, "to": new_status, "cause": cause, **(payload or {})},
        email_id=email_id,
    )
    return StatusChange(True)


def mark_user_edited(application: Application, fields) -> None:
    """Remember that a person edited these fields (automation then leaves them alone)."""
    edited = set(application.user_edited_fields or [])
    edited.update(f for f in fields if f in EDITABLE_FIELDS)
    application.user_edited_fields = sorted(edited)


def fill_unedited(application: Application, values: dict) -> list[str]:
    """Set fields from automation, skipping any a person edited or that are already set.

    Returns the names of the fields that changed (not yet saved).
    """
    changed = []
    edited = set(application.user_edited_fields or [])
    for name, value in values.items():
        if name in edited or value in (None, ""):
            continue
        if getattr(application, name) in (None, ""):
            setattr(application, name, value)
            changed.append(name)
    return changed


def update_application(application: Application, values: dict) -> list[str]:
    """A person's edit: set the fields and remember them as user-edited. Returns changed."""
    changed = [name for name, value in values.items() if getattr(application, name) != value]
    for name in changed:
        setattr(application, name, values[name])
    if changed:
        mark_user_edited(application, changed)
        application.save(update_fields=[*changed, "user_edited_fields", "updated_at"])
    return changed


def set_summary(application: Application, text: str) -> bool:
    """The application's free-text notes (the Notes panel's summary): a person's edit."""
    text = text.replace("\x00", "").strip()
    return bool(update_application(application, {"notes": text}))


def add_note(application: Application, text: str) -> Event | None:
    """A dated note on the application (a NOTE_ADDED event: the Notes panel and timeline)."""
    text = text.replace("\x00", "").strip()
    if not text:
        raise ValueError("The note is empty.")
    return record_event(application, EventKind.NOTE_ADDED, text[:500], actor=Actor.USER,
                        payload={"note": text[:5000]})  # fmt: skip


CONTACT_FIELDS = ("name", "kind", "role", "email", "phone", "profile_url", "notes")


def _contact_values(fields: dict) -> dict:
    return {
        k: (v.replace("\x00", "").strip() if isinstance(v, str) else v)
        for k, v in fields.items()
        if k in CONTACT_FIELDS
    }


@transaction.atomic
def create_contact(owner, application: Application | None = None, **fields) -> Contact:
    """A new contact, linked to `application` if given (the caller checked its owner)."""
    contact = Contact.objects.create(owner=owner, **_contact_values(fields))
    if application is not None:
        link_contact(contact, application)
    return contact


def add_contact(application: Application, **fields) -> Contact:
    return create_contact(application.owner, application, **fields)


def update_contact(contact: Contact, **fields) -> Contact:
    values = _contact_values(fields)
    for name, value in values.items():
        setattr(contact, name, value)
    contact.save(update_fields=list(values))
    return contact


def delete_contact(contact: Contact) -> None:
    contact.delete()


def link_contact(contact: Contact, application: Application) -> bool:
    """Link a contact to one more application (both the same owner's). False if it was."""
    if contact.owner_id != application.owner_id:
        raise ValueError("contact and application belong to different users")
    if contact.applications.filter(pk=application.pk).exists():
        return False
    contact.applications.add(application)
    record_event(application, EventKind.CONTACT_ADDED, f"Contact: {contact.name}", actor=Actor.USER,
                 payload={"contact_id": contact.pk})  # fmt: skip
    return True


def unlink_contact(contact: Contact, application: Application) -> None:
    contact.applications.remove(application)


def add_manual_event(application: Application, kind: str, when, text: str = "", **payload):
    """A person's own entry on the timeline, e.g. an interview with a place or link."""
    allowed = {
        EventKind.INTERVIEW_SCHEDULED, EventKind.NOTE_ADDED, EventKind.ASSESSMENT_RECEIVED,
        EventKind.OFFER_RECEIVED, EventKind.REJECTION_RECEIVED, EventKind.FOLLOW_UP_DUE,
    }  # fmt: skip
    if kind not in allowed:
        raise ValueError(f"{kind} cannot be added by hand")
    clean = {k: v for k, v in payload.items() if v not in (None, "")}
    if when is not None:
        clean["at"] = when.isoformat()
    event = record_event(application, kind, text, actor=Actor.USER, payload=clean,
                         occurred_at=timezone.now(), scheduled_for=when)  # fmt: skip
    # An interview on a "Saved" card means it moved on: forward only, as the person's own move.
    stage = STAGE_OF_EVENT.get(kind)
    if stage and is_forward(application.status, stage):
        change_status(application, stage, by_user=True, cause=EventKind(kind).label.lower())
    return event


# The stage a person's own timeline entry shows the application has reached.
STAGE_OF_EVENT = {
    EventKind.INTERVIEW_SCHEDULED: Status.INTERVIEWING,
    EventKind.ASSESSMENT_RECEIVED: Status.ASSESSMENT,
    EventKind.OFFER_RECEIVED: Status.OFFER,
    EventKind.REJECTION_RECEIVED: Status.REJECTED,
}


def set_archived(owner, ids, archived: bool = True) -> int:
    return Application.objects.filter(owner=owner, pk__in=list(ids)).update(archived=archived)


def delete_applications(owner, ids) -> int:
    deleted, _ = Application.objects.filter(owner=owner, pk__in=list(ids)).delete()
    return deleted


def bulk_status(owner, ids, status: str) -> int:
    moved = 0
    for application in Application.objects.filter(owner=owner, pk__in=list(ids)):
        moved += change_status(application, status, by_user=True, cause="bulk change").changed
    return moved
