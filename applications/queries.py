"""Reads for applications, always scoped to one owner."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet

from jobtracker.params import clean_text, date_param

from .models import PIPELINE_ORDER, Application, Contact, Event, EventKind, Source, Status, Task

SORTS = {
    "newest": "-created_at",
    "oldest": "created_at",
    "company": "company",
    "title": "title",
    "status": "status",
    "updated": "-status_changed_at",
    "due": "next_action_due",
}


@dataclass
class AppFilters:
    q: str = ""
    status: str = ""
    source: str = ""
    company: str = ""
    since: date | None = None
    archived: bool = False
    sort: str = "newest"

    @classmethod
    def from_query(cls, params) -> "AppFilters":
        status = clean_text(params.get("status"), 16)
        source = clean_text(params.get("source"), 16)
        sort = clean_text(params.get("sort"), 16) or "newest"
        return cls(
            q=clean_text(params.get("q"), 200),
            status=status if status in Status.values else "",
            source=source if source in Source.values else "",
            company=clean_text(params.get("company"), 200),
            since=date_param(params.get("since")),
            archived=params.get("archived") == "1",
            sort=sort if sort in SORTS else "newest",
        )


def applications_for(user, filters: AppFilters | None = None) -> QuerySet:
    filters = filters or AppFilters()
    apps = Application.objects.filter(owner=user, archived=filters.archived)
    if filters.status:
        apps = apps.filter(status=filters.status)
    if filters.source:
        apps = apps.filter(source=filters.source)
    if filters.company:
        apps = apps.filter(company__icontains=filters.company)
    if filters.since:
        apps = apps.filter(created_at__date__gte=filters.since)
    if filters.q:
        for word in filters.q.split()[:8]:
            apps = apps.filter(
                Q(title__icontains=word) | Q(company__icontains=word) | Q(notes__icontains=word)
                | Q(location__icontains=word)
            )  # fmt: skip
    return apps.order_by(SORTS[filters.sort], "-id")


COLUMN_LIMIT = 25  # cards shown per column; the rest are a click away in the list


def pipeline_columns(user, filters: AppFilters) -> list[dict]:
    """A column per status (active stages, then endings): its count and its newest cards.

    A fixed number of queries (one count, one per column) whatever the number of rows.
    """
    base = applications_for(user, AppFilters(**{**filters.__dict__, "status": ""}))
    counts = dict(base.order_by().values_list("status").annotate(n=Count("id")))
    columns = []
    for status in [*PIPELINE_ORDER, Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED]:
        count = counts.get(status, 0)
        cards = list(
            base.filter(status=status).only(
                "pk", "title", "company", "status", "next_action", "next_action_due", "location"
            )[:COLUMN_LIMIT]
        ) if count else []  # fmt: skip
        columns.append({
            "status": status, "label": Status(status).label, "cards": cards, "count": count,
            "more": max(0, count - len(cards)),
        })  # fmt: skip
    return columns


def timeline(application: Application) -> list[tuple[date, list[Event]]]:
    """Events newest first, grouped by day."""
    events = application.events.select_related("scan_run").order_by("-occurred_at", "-id")
    return [
        (day, list(group)) for day, group in groupby(events, key=lambda e: e.occurred_at.date())
    ]


def notes_for(application: Application) -> QuerySet[Event]:
    """The dated notes of one application (NOTE_ADDED events), newest first."""
    return application.events.filter(kind=EventKind.NOTE_ADDED).order_by("-occurred_at", "-id")


def tasks_for(application: Application) -> tuple[list[Task], list[Task]]:
    """(open, done) tasks of one application: open soonest due first, done latest first."""
    tasks = list(Task.objects.filter(application=application).select_related("application"))
    open_ = [t for t in tasks if t.done_at is None]
    done = sorted((t for t in tasks if t.done_at), key=lambda t: t.done_at, reverse=True)
    return open_, done


def _with_applications(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    return contacts.prefetch_related(
        Prefetch(
            "applications",
            queryset=Application.objects.only("pk", "title", "company", "owner_id").order_by(
                "company", "title"
            ),
        )
    )


def contacts_for(user, q: str = "") -> QuerySet[Contact]:
    """One user's contacts, each with its applications; `q` matches name, email, role or the
    company/title of an application it is linked to (every word must match)."""
    contacts = Contact.objects.filter(owner=user)
    q = clean_text(q, 200)
    for word in q.split()[:8]:
        contacts = contacts.filter(
            Q(name__icontains=word) | Q(email__icontains=word) | Q(role__icontains=word)
            | Q(applications__company__icontains=word) | Q(applications__title__icontains=word)
        )  # fmt: skip
    if q.split():
        contacts = contacts.distinct()
    return _with_applications(contacts.order_by("name", "id"))


def contacts_of(application: Application) -> QuerySet[Contact]:
    return application.contacts.order_by("name", "id")


def linkable_contacts(application: Application) -> QuerySet[Contact]:
    """The owner's contacts not yet linked to this application."""
    return (
        Contact.objects.filter(owner_id=application.owner_id)
        .exclude(applications=application)
        .only("pk", "name", "role")
        .order_by("name", "id")
    )


def linkable_applications(contact: Contact) -> QuerySet[Application]:
    """The owner's applications (archived too) this contact is not yet linked to."""
    return (
        Application.objects.filter(owner_id=contact.owner_id)
        .exclude(contacts=contact)
        .only("pk", "title", "company")
        .order_by("company", "title", "id")
    )
