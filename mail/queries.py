"""Reads for email, always scoped to one owner."""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from applications.models import Application
from boards.models import Board

from .models import Email, Mailbox, MailRule, Review

NEVER_READ_AFTER = timedelta(minutes=30)
INBOX_VIEWS = {
    "waiting": [Review.PENDING],
    "linked": [Review.LINKED, Review.CREATED],
    "ignored": [Review.IGNORED],
    "other": [Review.NONE],
}


def mailboxes_for(user) -> QuerySet[Mailbox]:
    return Mailbox.objects.filter(owner=user).order_by("name", "id")


def rules_for(user) -> QuerySet[MailRule]:
    return MailRule.objects.filter(owner=user)


def inbox_emails(user, view: str = "waiting") -> QuerySet[Email]:
    reviews = INBOX_VIEWS.get(view, INBOX_VIEWS["waiting"])
    return (
        Email.objects.filter(owner=user, review__in=reviews)
        .select_related("application")
        .defer("text", "references", "recipients")
        .order_by("-sent_at", "-id")
    )


def inbox_counts(user) -> dict[str, int]:
    rows = Email.objects.filter(owner=user).values("review").annotate(n=Count("id"))
    by_review = {r["review"]: r["n"] for r in rows}
    return {
        view: sum(by_review.get(r, 0) for r in reviews) for view, reviews in INBOX_VIEWS.items()
    }


def candidate_applications(user, emails) -> dict[int, Application]:
    ids = {c["id"] for e in emails for c in (e.candidates or []) if c.get("id")}
    return {a.pk: a for a in Application.objects.filter(owner=user, pk__in=ids)}


def emails_for_application(user, application) -> QuerySet[Email]:
    return (
        Email.objects.filter(owner=user, application=application)
        .defer("text")
        .order_by("-sent_at", "-id")
    )


def unhealthy(user) -> dict:
    """Failing mailboxes and boards, for the dashboard; also a mailbox never read at all."""
    # Well past one 10-minute sync: never read by now means the worker is not running.
    never_read = Q(last_success_at__isnull=True, created_at__lt=timezone.now() - NEVER_READ_AFTER)
    return {
        "mailboxes": list(
            mailboxes_for(user).filter(Q(consecutive_failures__gt=0) | never_read, enabled=True)
        ),
        "boards": list(
            Board.objects.filter(owner=user, enabled=True, consecutive_failures__gt=0).order_by(
                "name"
            )[:20]
        ),
    }
