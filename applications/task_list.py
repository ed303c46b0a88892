"""Tasks (follow up, send a thank-you, prepare): writes and reads. Each write keeps the
application's `next_action`/`next_action_due` equal to its earliest open task, so cards,
lists and exports read one row instead of a join."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jobtracker.params import clean_text

from .models import Actor, Application, EventKind, Task, TaskKind
from .services import record_event

TITLE_LENGTH = Task._meta.get_field("title").max_length


def open_tasks(owner) -> QuerySet[Task]:
    """Every open task of one user, soonest due first (undated last)."""
    return Task.objects.filter(owner=owner, done_at__isnull=True).select_related("application")


def due_by(owner, day: date) -> QuerySet[Task]:
    """Open tasks due on or before `day`: the "Today" list (overdue ones included)."""
    return open_tasks(owner).filter(due_on__lte=day)


def refresh_next_action(application: Application) -> None:
    """Mirror the earliest open task onto the application (or clear it when none is left)."""
    first = (
        Task.objects.filter(application=application, done_at__isnull=True)
        .only("title", "due_on")
        .first()
    )
    title, due = (first.title, first.due_on) if first else ("", None)
    if (application.next_action, application.next_action_due) != (title, due):
        application.next_action, application.next_action_due = title, due
        application.save(update_fields=["next_action", "next_action_due", "updated_at"])


@transaction.atomic
def add_task(
    owner,
    title: str,
    *,
    application: Application | None = None,
    due_on: date | None = None,
    kind: str = TaskKind.OTHER,
) -> Task:
    """Add an open task; the caller has checked `application` belongs to `owner`."""
    title = clean_text(title, TITLE_LENGTH) or TaskKind(kind).label
    task = Task.objects.create(
        owner=owner, application=application, title=title, due_on=due_on, kind=kind
    )
    if application is not None:
        record_event(
            application,
            EventKind.TASK_ADDED,
            title,
            actor=Actor.USER,
            payload={"task_id": task.pk, "due_on": due_on.isoformat() if due_on else None},
        )
        refresh_next_action(application)
    return task


@transaction.atomic
def set_done(task: Task, done: bool = True) -> Task:
    """Tick a task off (or open it again). Ticking twice records one event."""
    if bool(task.done_at) == done:
        return task
    task.done_at = timezone.now() if done else None
    task.save(update_fields=["done_at"])
    if task.application_id:
        if done:
            record_event(
                task.application,
                EventKind.TASK_DONE,
                task.title,
                actor=Actor.USER,
                payload={"task_id": task.pk},
            )
        refresh_next_action(task.application)
    return task


@transaction.atomic
def update_task(task: Task, *, title: str, due_on: date | None, kind: str) -> Task:
    task.title = clean_text(title, TITLE_LENGTH) or task.title
    task.due_on, task.kind = due_on, kind
    task.save(update_fields=["title", "due_on", "kind"])
    if task.application_id:
        refresh_next_action(task.application)
    return task


@transaction.atomic
def delete_task(task: Task) -> None:
    application = task.application
    task.delete()
    if application is not None:
        refresh_next_action(application)


@transaction.atomic
def set_next_action(application: Application, title: str, due_on: date | None) -> None:
    """What the edit form, CSV import and the API call "next action": the earliest open task
    is changed in place, a first one is created, and an empty title ticks it off."""
    first = Task.objects.filter(application=application, done_at__isnull=True).first()
    title = clean_text(title, TITLE_LENGTH)
    if not title:
        if first is not None:
            set_done(first)
        return
    if first is None:
        add_task(
            application.owner,
            title,
            application=application,
            due_on=due_on,
            kind=TaskKind.FOLLOW_UP,
        )
    elif (first.title, first.due_on) != (title, due_on):
        update_task(first, title=title, due_on=due_on, kind=first.kind)


@dataclass(frozen=True)
class Preset:
    label: str  # the button
    title: str
    kind: str
    days: int  # due this many days from today


# One-click tasks on the application page, by the value their button posts.
PRESETS = {
    "follow-up-7": Preset("Follow up in 7 days", "Follow up", TaskKind.FOLLOW_UP, 7),
    "thank-you-1": Preset("Thank-you tomorrow", "Send a thank-you note", TaskKind.THANK_YOU, 1),
    "prepare-2": Preset("Prepare in 2 days", "Prepare for the interview", TaskKind.PREPARE, 2),
}


def add_preset(owner, application: Application, name: str, today: date) -> Task:
    preset = PRESETS[name]
    return add_task(
        owner,
        preset.title,
        application=application,
        due_on=today + timedelta(days=preset.days),
        kind=preset.kind,
    )
