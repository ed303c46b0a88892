"""Background work for applications. Tasks take ids; each task has one enqueue helper."""

from django_q.tasks import async_task

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
