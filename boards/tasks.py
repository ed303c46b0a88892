"""Background work for boards. Tasks take ids and re-fetch their rows."""

import logging

from django.utils import timezone
from django_q.tasks import async_task

from .claims import due_boards, scan_claimed
from .digest import send_all_digests
from .models import Board

logger = logging.getLogger(__name__)


def enqueue_due_boards() -> int:
    """Every minute: queue a scan for each enabled board that is due. Returns how many."""
    now = timezone.now()
    queued = 0
    for board_id, interval in due_boards(now).values_list("pk", "scan_interval_minutes"):
        # Push next_scan_at forward first, conditionally, so overlapping schedulers (or a
        # slow queue) never queue the same board twice; the scan sets the real next time.
        pushed = Board.objects.filter(pk=board_id, next_scan_at__lte=now).update(
            next_scan_at=now + timezone.timedelta(minutes=max(interval, 1))
        )
        if pushed:
            async_task("boards.tasks.scan_board", board_id, task_name=f"scan board {board_id}")
            queued += 1
    if queued:
        logger.info("boards queued for scanning count=%s", queued)
    return queued


def scan_board(board_id: int) -> dict | None:
    """Scan one board if it still exists, is enabled and no other worker has it."""
    result = scan_claimed(board_id)
    if result is None:
        logger.info("scan skipped board=%s (gone, disabled or busy)", board_id)
        return None
    run = result.run
    return {"run": run.pk, "status": run.status, "new": run.new, "updated": run.updated}


def queue_scan_now(board_id: int) -> None:
    """'Scan now' from the page or command: queued at once, claimed like any other scan."""
    async_task("boards.tasks.scan_board", board_id, task_name=f"scan board {board_id} (manual)")


def send_digests() -> int:
    """Hourly: email each subscribed user the jobs first seen since their last digest."""
    return send_all_digests()
