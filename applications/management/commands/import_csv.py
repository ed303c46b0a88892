from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from applications.csv_io import CSVImportError, import_bytes
from jobtracker.commands import user_named


class Command(BaseCommand):
    help = (
        "Import applications from a CSV file. Columns are matched by their headers; nothing is "
        "imported if any row has a problem; importing the same file again adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username")

    def handle(self, *args, file, user, **options):
        owner = user_named(user)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no file at {path}")
        try:
            result = import_bytes(owner, path.read_bytes())
        except CSVImportError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"imported {result['created']} new application(s); {result['existing']} already tracked"
        )
