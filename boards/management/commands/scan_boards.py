from django.core.management.base import BaseCommand, CommandError

from boards.claims import due_boards, scan_claimed
from boards.models import Board, ScanStatus
from jobtracker.commands import require_ids, user_named


class Command(BaseCommand):
    help = "Scan boards now, one after another, with a line per board and a summary."

    def add_arguments(self, parser):
        parser.add_argument("--board", type=int, action="append", help="board id (repeatable)")
        parser.add_argument("--due", action="store_true", help="only boards whose scan is due")
        parser.add_argument("--user", help="only this user's boards (username)")

    def handle(self, *args, board=None, due=False, user=None, **options):
        boards = due_boards() if due else Board.objects.filter(enabled=True)
        if board:
            boards = Board.objects.filter(pk__in=board)
        if user:
            owner = user_named(user)
            boards = boards.filter(owner=owner)
        boards = list(boards.order_by("pk"))
        if board:
            require_ids(board, boards, "board")
        if not boards:
            self.stdout.write("no boards to scan")
            return
        failed = 0
        totals = {"found": 0, "new": 0, "updated": 0, "closed": 0}
        for index, b in enumerate(boards, 1):
            prefix = f"[{index}/{len(boards)}] {b.name} ({b.get_kind_display()})"
            result = scan_claimed(b.pk)
            if result is None:
                self.stdout.write(f"{prefix}: skipped, another worker is scanning it")
                continue
            run = result.run
            for key in totals:
                totals[key] += getattr(run, key)
            if run.status == ScanStatus.FAILED:
                failed += 1
                self.stdout.write(f"{prefix}: FAILED: {run.error}")
            else:
                note = f" ({run.error})" if run.status == ScanStatus.PARTIAL else ""
                self.stdout.write(
                    f"{prefix}: {run.status}{note}: {run.found} found, {run.new} new, "
                    f"{run.updated} updated, {run.closed} closed, {run.filtered} filtered "
                    f"in {run.duration_ms} ms"
                )
        self.stdout.write(
            f"scanned {len(boards)} board(s): {totals['found']} found, {totals['new']} new, "
            f"{totals['updated']} updated, {totals['closed']} closed, {failed} failed"
        )
        if failed:
            raise CommandError(f"{failed} scan(s) failed")
