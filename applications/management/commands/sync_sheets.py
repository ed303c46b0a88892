from django.core.management.base import BaseCommand, CommandError

from applications.models import SheetSync
from applications.sheets import SheetSyncError, sync


class Command(BaseCommand):
    help = "Sync applications to each user's Google Sheet now."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only this username")

    def handle(self, *args, user=None, **options):
        sheets = SheetSync.objects.filter(enabled=True).select_related("owner")
        if user:
            sheets = sheets.filter(owner__username=user)
        failed = 0
        for sheet in sheets:
            try:
                written = sync(sheet)
                self.stdout.write(f"{sheet.owner.username}: {written} row(s) written")
            except SheetSyncError as exc:
                failed += 1
                self.stdout.write(f"{sheet.owner.username}: FAILED: {exc}")
        if not sheets:
            self.stdout.write("no sheets to sync")
        if failed:
            raise CommandError(f"{failed} sync(s) failed")
