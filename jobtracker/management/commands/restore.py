import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jobtracker.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database's contents with a backup made by `manage.py backup`. "
        "Stop the web and worker processes first; run `migrate` afterwards when restoring "
        "an older backup into a newer version."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a file written by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, backup, yes=False, **options):
        if not yes:
            if not self.stdin_is_interactive():
                raise CommandError("refusing to overwrite the database without --yes")
            answer = input("This replaces every row in the database. Type 'restore' to go on: ")
            if answer.strip() != "restore":
                raise CommandError("restore cancelled")
        try:
            restore(Path(backup))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored from {backup}; now run: python manage.py migrate")

    @staticmethod
    def stdin_is_interactive() -> bool:
        return sys.stdin.isatty()
