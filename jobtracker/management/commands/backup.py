from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from jobtracker.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent snapshot of the database (safe while jobtracker runs)."

    def add_arguments(self, parser):
        parser.add_argument("output", nargs="?", help="file to write (default: DATA_DIR/backups/…)")

    def handle(self, *args, output=None, **options):
        if output is None:
            suffix = "sqlite3" if connection.vendor == "sqlite" else "pgdump"
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.DATA_DIR) / "backups" / f"jobtracker-{stamp}.{suffix}"
        try:
            path = backup(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written: {path} ({path.stat().st_size:,} bytes)")
        self.stdout.write("restore it with: python manage.py restore " + str(path))
