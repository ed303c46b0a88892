"""Reads for applications, always scoped to one owner."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.db.models import Count, Q, QuerySet
from django.utils.dateparse import parse_date

from .models import PIPELINE_ORDER, Application, Event, Source, Status

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
        try:
            since = parse_date(params.get("since") or "")
        except ValueError:
            since = None
        status = params.get("status") or ""
        source = params.get("source") or ""
        sort = params.get("sort") or "newest"
        return cls(
            q=(params.get("q") or "").strip()[:200],
            status=status if status in Status.values else "",
            source=source if source in Source.values else "",
            company=(params.get("company") or "").strip()[:200],
            since=since,
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
