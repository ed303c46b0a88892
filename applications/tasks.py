"""Background work for applications. Tasks take ids."""

from django.conf import settings
from django_q.tasks import async_task

ENRICH_TASK = "ingestion.tasks.enrich_application"


def enqueue_enrichment(application_id: int) -> bool:
    """Ask the capture app to read the posting in the background (by dotted path: it lives
    above this app, which must not import it)."""
    if not settings.ENRICHMENT_ENABLED:
        return False
    async_task(ENRICH_TASK, application_id, task_name=f"enrich application {application_id}")
    return True


def sync_sheet(sheet_id: int) -> int | None:
    """Sync one user's sheet; returns quietly when the row is gone or disabled."""
    from .models import SheetSync
    from .sheets import SheetSyncError, sync

    sheet = SheetSync.objects.select_related("owner").filter(pk=sheet_id, enabled=True).first()
    if sheet is None:
        return None
    try:
        return sync(sheet)
    except SheetSyncError:
        return None  # recorded on the row and shown on the page


def sync_all_sheets() -> int:
    """Hourly: queue a sync for every enabled sheet."""
    from .models import SheetSync

    ids = list(SheetSync.objects.filter(enabled=True).values_list("pk", flat=True))
    for sheet_id in ids:
        async_task("applications.tasks.sync_sheet", sheet_id, task_name=f"sync sheet {sheet_id}")
    return len(ids)
