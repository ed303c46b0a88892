"""Background work for applications. Tasks take ids; each task has one enqueue helper."""

from django_q.tasks import async_task

from . import task_email
from .models import SheetSync
from .sheets import SheetSyncError, sync


def sync_sheet(sheet_id: int) -> int | None:
    """Sync one user's sheet; returns quietly when the row is gone or disabled."""
    sheet = SheetSync.objects.select_related("owner").filter(pk=sheet_id, enabled=True).first()
    if sheet is None:
        return None
    try:
        return sync(sheet)
    except SheetSyncError:
        return None  # recorded on the row and shown on the page


def enqueue_sheet_sync(sheet_id: int) -> None:
    async_task("applications.tasks.sync_sheet", sheet_id, task_name=f"sync sheet {sheet_id}")


def sync_all_sheets() -> int:
    """Hourly: queue a sync for every enabled sheet."""
    ids = list(SheetSync.objects.filter(enabled=True).values_list("pk", flat=True))
    for sheet_id in ids:
        enqueue_sheet_sync(sheet_id)
    return len(ids)


def send_task_email(prefs_id: int) -> int:
    """One user's email of tasks due today and overdue (at most once per local day)."""
    return task_email.send_task_email(prefs_id)


def enqueue_task_email(prefs_id: int) -> None:
    async_task("applications.tasks.send_task_email", prefs_id, task_name=f"task email {prefs_id}")


def send_task_emails() -> int:
    """Hourly: queue the daily task email for everyone who opted in and has not had it today."""
    ids = task_email.due_recipients()
    for prefs_id in ids:
        enqueue_task_email(prefs_id)
    return len(ids)
