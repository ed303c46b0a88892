"""Dashboard numbers, computed in the database with a fixed number of queries.

Definitions:
- *Reached a stage*: the application's furthest active stage is that stage or a later one.
- *Response*: the first event after applying that shows the employer answered: an email
  received, a rejection, an assessment, an interview or an offer, or a status change to
  screening, assessment, interviewing, offer or rejected.
- *Days to first response*: from `applied_at` to that event.
- *No reply*: applied at least STALE_DAYS ago, still "applied", and no response.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, FloatField, Func, QuerySet
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from .models import PIPELINE_ORDER, Application, Event, EventKind, Preferences, Source, Status
from .services import RESPONSE_STATUSES
from .task_list import due_by, open_tasks

STALE_DAYS = 21
WEEKS = 12
AHEAD_DAYS = 14  # how far "Coming up" looks for tasks
TODAY_LIMIT = 50


class DaysBetween(Func):
    """(end - start) in days as a float, NULL when either is NULL."""

    output_field = FloatField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
            **extra,
        )

    def as_sql(self, compiler, connection, **extra):
        # Arguments arrive as (start, end); the SQL wants end - start.
        clone = self.copy()
        clone.set_source_expressions(list(reversed(self.get_source_expressions())))
        return Func.as_sql(clone, compiler, connection, **extra)


@dataclass
class Dashboard:
    total: int = 0
    by_status: list[dict] = field(default_factory=list)
    funnel: list[dict] = field(default_factory=list)
    weeks: list[dict] = field(default_factory=list)
    response: dict = field(default_factory=dict)
    by_source: list[dict] = field(default_factory=list)
    today: list[dict] = field(default_factory=list)
    coming_up: list[dict] = field(default_factory=list)
    stale: list = field(default_factory=list)
    task_email: bool = False


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def _status_counts(apps: QuerySet[Application]) -> tuple[int, list[dict]]:
    """The number of applications, and how many are in each status (zeros included)."""
    counts = dict(apps.values_list("status").annotate(n=Count("id")))
    by_status = [{"status": s, "label": s.label, "count": counts.get(s, 0)} for s in Status]
    return sum(counts.values()), by_status


def _funnel(apps: QuerySet[Application]) -> list[dict]:
    """How many reached each pipeline stage, and the share of the stage before that did."""
    furthest = dict(apps.values_list("furthest_stage").annotate(n=Count("id")))
    reached, running = [], 0
    for stage in reversed(PIPELINE_ORDER):
        running += furthest.get(stage, 0)
        reached.append((stage, running))
    reached.reverse()
    funnel = []
    for index, (stage, count) in enumerate(reached):
        previous = reached[index - 1][1] if index else None
        funnel.append({
            "stage": stage, "label": Status(stage).label, "count": count,
            "conversion": round(100 * count / previous) if previous else None,
        })  # fmt: skip
    return funnel


def _weeks(apps: QuerySet[Application], now: datetime) -> list[dict]:
    """Applications per week (applied, else added) over the last WEEKS weeks, oldest first."""
    start = (now - timedelta(weeks=WEEKS - 1)).date()
    start = start - timedelta(days=start.weekday())
    # The week a person applied (an import's history), else the week it was added.
    per_week = dict(
        apps.annotate(day=Coalesce("applied_at", "created_at"))
        .filter(day__date__gte=start)
        .annotate(week=TruncWeek("day"))
        .values_list("week")
        .annotate(n=Count("id"))
    )
    per_week = {(k.date() if hasattr(k, "date") else k): v for k, v in per_week.items()}
    return [
        {"start": start + timedelta(weeks=i), "count": per_week.get(start + timedelta(weeks=i), 0)}
        for i in range(WEEKS)
    ]


def _responses(apps: QuerySet[Application]) -> tuple[dict, list[dict]]:
    """Response rate and median days to a first response, overall and per source."""
    # Days are computed by the database: fetching 20k datetimes costs more than the query.
    applied = (
        apps.exclude(applied_at=None)
        .annotate(days=DaysBetween("applied_at", "first_response_at"))
        .values_list("source", "days", "status", "furthest_stage")
    )
    days_all, per_source, responded = [], {}, 0
    for source, days, status, furthest in applied:
        bucket = per_source.setdefault(source, {"applied": 0, "responded": 0, "days": []})
        bucket["applied"] += 1
        # An imported application at "Interview" was answered, on a day nobody recorded:
        # it counts as a response, and only known days make the median.
        if days is not None or status in RESPONSE_STATUSES or furthest in RESPONSE_STATUSES:
            responded += 1
            bucket["responded"] += 1
        if days is not None:
            days = max(0.0, days)
            days_all.append(days)
            bucket["days"].append(days)
    bucket_total = sum(b["applied"] for b in per_source.values())
    response = {
        "applied": bucket_total,
        "responded": responded,
        "rate": round(100 * responded / bucket_total) if bucket_total else None,
        "median_days": _median(days_all),
    }
    by_source = [
        {
            "source": Source(source).label,
            "applied": b["applied"],
            "rate": round(100 * b["responded"] / b["applied"]),
            "median_days": _median(b["days"]),
        }
        for source, b in sorted(per_source.items())
    ]
    return response, by_source


def today_tasks(user, today: date) -> list[dict]:
    """Open tasks due today or earlier, the most overdue first, with how many days late."""
    tasks = due_by(user, today).exclude(application__archived=True)[:TODAY_LIMIT]
    return [{"task": task, "late": (today - task.due_on).days} for task in tasks]


def _interviews(user, now: datetime) -> list[dict]:
    """The next ten interviews (from two hours ago, so one under way still shows)."""
    events = (
        Event.objects.filter(
            application__owner=user,
            application__archived=False,
            kind=EventKind.INTERVIEW_SCHEDULED,
            scheduled_for__gte=now - timedelta(hours=2),
        )
        .select_related("application")
        .order_by("scheduled_for")[:10]
    )
    return [
        {
            "kind": "interview",
            "day": timezone.localdate(event.scheduled_for),
            "at": event.scheduled_for,
            "event": event,
            "application": event.application,
        }
        for event in events
    ]


def _tasks_ahead(user, today: date) -> list[dict]:
    """Open tasks due after today, within AHEAD_DAYS."""
    tasks = (
        open_tasks(user)
        .filter(due_on__gt=today, due_on__lte=today + timedelta(days=AHEAD_DAYS))
        .exclude(application__archived=True)[:10]
    )
    return [
        {"kind": "task", "day": task.due_on, "at": None, "task": task,
         "application": task.application}
        for task in tasks
    ]  # fmt: skip


def coming_up(user, now: datetime) -> list[dict]:
    """Interviews and tasks ahead in one list in date order; a day's tasks before its times."""
    today = timezone.localdate(now)
    items = _interviews(user, now) + _tasks_ahead(user, today)
    return sorted(items, key=lambda i: (i["day"], i["at"] is not None, i["at"] or now))


def _stale(apps: QuerySet[Application], now: datetime) -> list[Application]:
    """The ten oldest applications with no reply after STALE_DAYS."""
    return list(
        apps.filter(
            status=Status.APPLIED,
            applied_at__lte=now - timedelta(days=STALE_DAYS),
            first_response_at__isnull=True,
        ).order_by("applied_at")[:10]
    )


def build(user, now: datetime | None = None) -> Dashboard:
    now = now or timezone.now()
    apps = Application.objects.filter(owner=user, archived=False)
    total, by_status = _status_counts(apps)
    funnel = _funnel(apps)
    weeks = _weeks(apps, now)
    response, by_source = _responses(apps)
    return Dashboard(
        total=total,
        by_status=by_status,
        funnel=funnel,
        weeks=weeks,
        response=response,
        by_source=by_source,
        today=today_tasks(user, timezone.localdate(now)),
        coming_up=coming_up(user, now),
        stale=_stale(apps, now),
        task_email=Preferences.objects.filter(owner=user, task_email=True).exists(),
    )


def chart_bars(weeks: list[dict], width: int = 600, height: int = 160) -> list[dict]:
    """Bar geometry for the weekly SVG chart (server-rendered, no JavaScript)."""
    peak = max((w["count"] for w in weeks), default=0) or 1
    slot = width / max(len(weeks), 1)
    bars = []
    top = 14  # room for the value above the tallest bar
    for i, week in enumerate(weeks):
        h = round((height - 20 - top) * week["count"] / peak)
        bars.append({
            "x": round(i * slot + slot * 0.15), "w": round(slot * 0.7), "h": h,
            "y": height - 20 - h, "count": week["count"], "start": week["start"],
            "label_x": round(i * slot + slot / 2),
        })  # fmt: skip
    return bars
