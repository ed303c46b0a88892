"""Who scans a board: a claim per board, so two workers never scan one board at once, and a
dead worker's claim goes stale so its board is scanned again."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Board, ScanRun, ScanStatus
from .scanning import ScanResult, scan

logger = logging.getLogger(__name__)


def claim_stale_after() -> timedelta:
    """How old a claim is when its worker must be dead.

    django-q stops a task at `timeout` (its guard allows 3 s more), so an older claim is a
    killed worker's. The queue re-delivers that worker's task `retry` seconds after it took
    it, at most that long after its claim, and the task must then find the claim stale, not
    busy: the midpoint between the two satisfies both.
    """
    timeout = settings.Q_CLUSTER.get("timeout") or 300
    retry = settings.Q_CLUSTER.get("retry") or timeout + 60
    return timedelta(seconds=(timeout + retry) / 2)


def _unclaimed(now) -> Q:
    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_stale_after())


def claim(board_id: int, stale_after: timedelta | None = None) -> Board | None:
    """Take a board for scanning; None if another worker holds it (or it is gone/disabled).

    A conditional UPDATE: of two workers racing, exactly one changes the row.
    """
    now = timezone.now()
    stale_after = stale_after or claim_stale_after()
    taken = (
        Board.objects.filter(pk=board_id, enabled=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - stale_after))
        .update(claimed_at=now)
    )
    if taken != 1:
        return None
    # We hold the board, so a run still "running" was cut off before it could record its
    # end (worker killed, timed out, or the database went away): say so.
    interrupted = ScanRun.objects.filter(board_id=board_id, status=ScanStatus.RUNNING).update(
        status=ScanStatus.FAILED,
        finished_at=now,
        error="interrupted: the scan stopped before it finished (worker killed or timed out, "
        "or the database went away); scanned again",
    )
    if interrupted:
        logger.warning("scan interrupted board=%s runs=%s", board_id, interrupted)
    return Board.objects.select_related("owner").get(pk=board_id)


def release(board_id: int) -> None:
    Board.objects.filter(pk=board_id).update(claimed_at=None)


def scan_claimed(board_id: int) -> ScanResult | None:
    """Claim, scan and release one board; None if it was busy or gone."""
    board = claim(board_id)
    if board is None:
        return None
    try:
        return scan(board)
    finally:
        release(board_id)


def due_boards(now=None):
    now = now or timezone.now()
    # A stale claim is a killed worker's: without this its board would never be due again.
    return Board.objects.filter(_unclaimed(now), enabled=True, next_scan_at__lte=now)
